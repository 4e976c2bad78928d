"""The lead of an article: what comes before its body, and what each line of it is.

Plain text and markdown without a ``#`` heading give their headline as the
first short line or lines, before the dateline or the body::

    ECONOMÍA                                               ← kicker
    El Gobierno aprueba la subida del salario mínimo       ← title
    La medida beneficiará a 2,5 millones de trabajadores   ← subtitle (standfirst)
    Agencia EFE                                            ← byline (agency, cut)
    MADRID, 3 mar (EFE).- El Consejo de Ministros…         ← dateline, then body

A title is one line of at most `MAX_TITLE_WORDS` words that does not end
like a sentence (a full stop, a comma, a colon); a kicker is a short line
in capitals, of one or two words, or closed by a colon, before a longer title; a subtitle is a line of
at most `MAX_SUBTITLE_WORDS` words between the title and the dateline, or,
without a dateline, one that does not end like a sentence either. A lead is
settled when the dateline or a paragraph that cannot be a lead line comes;
lines read as lead and followed by nothing are body (a one-paragraph text has
no title). Markdown front matter (``---`` / ``key: value`` / ``---``) gives
metadata (title, date, url, author).
"""

from __future__ import annotations

import re

from pipeline.ingest.fragment import Fragment
from pipeline.ingest.metadata import agency_name
from pipeline.values.dateline_patterns import MONTH_FIRST_DATE, NUMERIC_DATE, TEXT_DATE
from pipeline.values.dates.datelines import read_written_date
from pipeline.values.places import place_country

MAX_TITLE_WORDS = 30
MAX_TITLE_CHARS = 250
MAX_KICKER_WORDS = 4
MAX_SUBTITLE_WORDS = 60
MAX_LEAD_LINES = 5  # lines held as a possible lead before the body must have started

KICKER, TITLE, SUBTITLE, BODY = "kicker", "title", "subtitle", "body"
# What follows the held lines: a dateline, body text, or nothing.
DATELINE_FOLLOWS, BODY_FOLLOWS, NOTHING_FOLLOWS = "dateline", "body", "end"

_STARTS_LIKE_A_LINE = re.compile(r"^[¿¡«“\"'‘(\[]*[A-ZÁÉÍÓÚÑÜ0-9]")
# A sentence's end: a full stop (not of an abbreviation such as "EE.UU."), a comma, a semicolon, a colon.
_ENDS_LIKE_A_SENTENCE = re.compile(r"(?:(?<![A-ZÁÉÍÓÚÑ.]\w)(?<!\.\w\w)\.|[,;:])[\"”»’)]*$")
_WORDS = re.compile(r"\S+")

# A lead line that is only a date: "Lunes, 3 de marzo de 2025", "Publicado el 03/03/2025 10:45", "Jul 13 8:01 PM"
# (month first, as Latin American sites write it).
LEAD_DATE = re.compile(
    rf"^[ \t]*(?:(?i:publicado|actualizado|fecha|última actualización)(?:[ \t]+(?i:el))?[ \t]*:?[ \t]*)?"
    rf"(?P<date>{TEXT_DATE}|{NUMERIC_DATE}|{MONTH_FIRST_DATE})"
    r"(?:[ \t]*[,|·-]?[ \t]*(?:(?i:a las)[ \t]+)?\d{1,2}[:.]\d{2}(?:[ \t]*(?i:h|hs|horas|[ap]\.?[ \t]?m\.?))?)?[ \t]*\.?$"
)
# A lead line that is only an agency's name, as a byline: "Agencia EFE", "Por EFE", "Fuente: AFP".
_AGENCY_LINE = re.compile(r"^[ \t]*(?:(?i:por|fuente)[ \t]*:?[ \t]+)?(?P<name>[^\n]{2,40}?)[ \t]*\.?$")

FRONT_MATTER = re.compile(r"\A[ \t]*(?:\n[ \t]*)*---[ \t]*\n(?P<body>(?:[^\n]*\n){1,60}?)---[ \t]*(?:\n|\Z)")
_FRONT_KEYS = {
    "title": "title",
    "titulo": "title",
    "título": "title",
    "date": "date",
    "fecha": "date",
    "published": "date",
    "publishdate": "date",
    "pubdate": "date",
    "url": "url",
    "link": "url",
    "permalink": "url",
    "author": "author",
    "autor": "author",
    "subtitle": "subtitle",
    "description": "subtitle",
}


def words(text: str) -> int:
    return len(_WORDS.findall(text))


def title_like(text: str) -> bool:
    """One short line that does not end like a sentence ("El Gobierno aprueba la subida del salario mínimo")."""
    text = text.strip()
    return (
        "\n" not in text
        and 0 < words(text) <= MAX_TITLE_WORDS
        and len(text) <= MAX_TITLE_CHARS
        and _STARTS_LIKE_A_LINE.match(text) is not None
        and _ENDS_LIKE_A_SENTENCE.search(text) is None
        and LEAD_DATE.match(text) is None
    )


def subtitle_like(text: str) -> bool:
    """A standfirst: one line of at most `MAX_SUBTITLE_WORDS` words, which may end with a full stop."""
    text = text.strip()
    return "\n" not in text and 0 < words(text) <= MAX_SUBTITLE_WORDS and _STARTS_LIKE_A_LINE.match(text) is not None


def kicker_like(text: str) -> bool:
    """A section or topic line over a headline: in capitals ("ECONOMÍA", "ELECCIONES EN CHILE"), of one or
    two words ("Internacional", "Crisis energética"), or closed by a colon ("Última hora:")."""
    text = text.strip()
    if "\n" in text or not 0 < words(text) <= MAX_KICKER_WORDS or _STARTS_LIKE_A_LINE.match(text) is None:
        return False
    letters = [c for c in text if c.isalpha()]
    return text.endswith(":") or words(text) <= 2 or (bool(letters) and all(c.isupper() for c in letters))


def lead_candidate(text: str) -> bool:
    return title_like(text) or subtitle_like(text) or kicker_like(text)


def roles(texts: list[str], *, has_title: bool, follows: str) -> list[str]:
    """The role of each held lead line: kicker, title, subtitle or body (see the module doc).

    Args:
        texts: The lines, in order.
        has_title: A title was found already (a markdown heading).
        follows: `DATELINE_FOLLOWS`, `BODY_FOLLOWS` or `NOTHING_FOLLOWS`.
    """
    out: list[str] = []
    i = 0
    if not has_title:
        if len(texts) >= 2 and kicker_like(texts[0]) and title_like(texts[1]) and words(texts[1]) > words(texts[0]):
            out, i = [KICKER, TITLE], 2
        elif texts and title_like(texts[0]):
            out, i = [TITLE], 1
    for text in texts[i:]:
        lead_so_far = (has_title or bool(out)) and (not out or out[-1] != BODY)
        if lead_so_far and (title_like(text) or (follows == DATELINE_FOLLOWS and subtitle_like(text))):
            out.append(SUBTITLE)
        else:
            out.append(BODY)
    if follows == NOTHING_FOLLOWS and out and BODY not in out:
        out[-1] = BODY  # something must be the article: "Título\n\nUna frase" is a title and its body
        if TITLE not in out and not has_title:
            out = [BODY] * len(out)
    return out


def lead_lines(frag: Fragment, starts_dateline) -> list[Fragment] | None:
    """The lines of a paragraph of the lead when they are lead lines written without blank lines
    between them ("Título\\nSubtítulo\\nMADRID, 3 mar (EFE).- …"), else None (one paragraph).

    Args:
        starts_dateline: ``text → bool``, whether a line opens with a dateline.

    Returns:
        The lead lines, then (when a dateline starts a later line) the rest of the paragraph from it.
    """
    text = frag.text
    if "\n" not in text:
        return None
    spans = [(m.start(), m.end()) for m in re.finditer(r"[^\n]*\S[^\n]*", text)]
    if len(spans) < 2:
        return None
    lines = [frag.slice(a, b).strip() for a, b in spans]
    for k in range(1, min(len(lines), MAX_LEAD_LINES + 1)):
        if starts_dateline(lines[k].text):
            head = lines[:k]
            if title_like(head[0].text) and all(lead_candidate(line.text) for line in head):
                return [*head, frag.slice(spans[k][0]).strip()]
            return None
    if len(lines) <= MAX_LEAD_LINES and title_like(lines[0].text) and all(lead_candidate(line.text) for line in lines):
        return lines
    return None


def is_date_line(text: str) -> bool:
    """A lead line that is only a date, with its year or not ("Jul 13 8:01 PM", "Actualizado: 14 julio, 2018")."""
    return LEAD_DATE.match(text) is not None


def lead_date(text: str) -> str | None:
    """The date of a lead line that is only a date, as written, when it gives its year."""
    m = LEAD_DATE.match(text)
    if m is None:
        return None
    written = read_written_date(m.group("date"))
    return m.group("date") if written is not None and written.year is not None and written.month is not None else None


def agency_line(text: str) -> str | None:
    """The agency of a lead line that is only its name ("Agencia EFE", "Por AFP", "Fuente: Reuters")."""
    m = _AGENCY_LINE.match(text)
    if m is None:
        return None
    name, known = agency_name(m.group("name"))
    return name if known else None


def byline_place(text: str) -> str | None:
    """The place a byline gives after a separator ("Por Ana Gómez | Buenos Aires", "Ana Gómez · Lima ·
    3 de marzo de 2025"): an item that is a known place (`pipeline.values.places.place_country`), as written."""
    for part in re.split(r"[|/·•–—,]|\s+-\s+", text)[1:]:
        part = part.strip(" .")
        if part and place_country(part) is not None:
            return part
    return None


def agency_in(author: str) -> str | None:
    """An agency named in a byline ("Redacción EFE", "Ana Gómez / AFP", "Ana Gómez (Reuters)")."""
    for part in re.split(r"[/|,()·•–—]|\s+-\s+", author):
        part = part.strip(" .")
        if not part:
            continue
        name, known = agency_name(part)
        if known:
            return name
        last = part.split()[-1]
        name, known = agency_name(last)
        if known and len(last) > 1:
            return name
    return None


def front_matter(text: str) -> tuple[int, dict]:
    """The end of a leading markdown front matter and the metadata it gives (``(0, {})`` without one)."""
    m = FRONT_MATTER.match(text)
    if m is None:
        return 0, {}
    found: dict[str, str] = {}
    for line in m.group("body").splitlines():
        key, sep, value = line.partition(":")
        key = key.strip().lower()
        if not sep or key not in _FRONT_KEYS:
            continue
        value = value.strip().strip("\"'").strip()
        if value:
            found.setdefault(_FRONT_KEYS[key], value)
    if not found:
        return 0, {}
    if "date" in found:
        found["date"] = _front_date(found["date"])
    return m.end(), {k: v for k, v in found.items() if v}


def _front_date(value: str) -> str | None:
    iso = re.match(r"^(\d{4})-(\d{2})-(\d{2})", value)
    if iso:
        return iso.group()
    written = read_written_date(value)
    if written is not None and written.year is not None and written.month is not None:
        return f"{written.year:04d}-{written.month:02d}-{written.day:02d}"
    return None
