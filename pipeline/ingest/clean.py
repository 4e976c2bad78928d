"""Scraped article text → clean text in sections, with the way back to the raw text.

The text is first repaired (`repair`: mojibake, NFC, line breaks, control and
invisible characters), keeping an alignment back to the text as decoded. The
cleaner then works on paragraphs (runs of non-blank lines). Each paragraph is
classified (rule, image placeholder, bare URL, heading, text) and its inline
markup is cut out by small `Fragment → Fragment` steps that keep raw offsets.
What is not article text but tells something about the article (the URL, the
photo credit, the source footer, the author, the publisher, the dateline) goes
into metadata instead of the text.

Junk is found as bounded spans, never as "from here to the end of the line":
CSV and JSONL bodies often hold a whole article on one line, so a credit, a
teaser or a byline is its cue and the name or headline it introduces, and the
prose around it stays. Where a credit's name runs into the next sentence
("Foto: Juan Pérez Nicolás Maduro llegó…") the credit keeps the fewest words
it can be (`sentence_start`): a scrap of credit left in the text costs less
than a sentence lost. Text on both sides of a cut span becomes two blocks, so
the model never reads the end of a caption and the start of the next
paragraph as one sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from pipeline.documents import Alignment, Block, Document, OffsetMap, RawDocument
from pipeline.ingest import lead
from pipeline.ingest.fragment import Fragment
from pipeline.ingest.metadata import holds_dateline, read_dateline, split_dateline
from pipeline.ingest.repair import repair
from pipeline.lang import column, read_table
from pipeline.values.dateline_patterns import DATELINE_INSIDE, NUMERIC_DATE, TEXT_DATE
from pipeline.values.places import dateline_country

BLOCK_SEPARATOR = "\n\n"

# --- line kinds -------------------------------------------------------------
RULE = re.compile(r"^\s*(?:-{3,}|\*{3,}|_{3,}|(?:-\s){2,}-|(?:\*\s){2,}\*)\s*$")
IMAGE_PLACEHOLDER = re.compile(
    r"^\s*(?:!\[[^\]]*\]\([^)]*\)|\[?(?:image|imagen|foto)\]?"
    r"|image not found or type unknown|imagen no encontrada(?: o tipo desconocido)?)\s*$",
    re.IGNORECASE,
)
BARE_URL = re.compile(r"^\s*<?(?P<url>https?://[^\s<>]+)>?\s*$")
HEADING = re.compile(r"^\s*#{1,6}\s+")

# --- inline markup ----------------------------------------------------------
HEADING_MARKS = re.compile(r"^\s*#{1,6}\s+|\s+#+\s*$")
INLINE_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
LINK = re.compile(r"\[(?P<text>[^\]]*)\]\([^)\s]*(?:\s+\"[^\"]*\")?\)")
AUTOLINK = re.compile(r"<https?://[^>\s]+>")
EMPHASIS = re.compile(r"\*\*|__|(?<![\w*])\*(?=\S)|(?<=\S)\*(?![\w*])|(?<!\w)_(?=\S)|(?<=\S)_(?!\w)")
HTML_TAG = re.compile(r"</?(?:b|i|em|strong|span|u|br|sup|sub)\b[^>]*>", re.IGNORECASE)

# --- the words junk is made of (tables in pipeline/lang/es) -----------------
# A spelling read only inside a dateline ("apro", "Proceso") is no credit word.
_AGENCY_ROWS = tuple(row for row in read_table("news_agencies") if row["kind"] != "dateline")
AGENCIES = frozenset(row["name"].casefold() for row in _AGENCY_ROWS if row["kind"] == "agency")
CREDIT_WORDS = frozenset(row["name"].casefold() for row in _AGENCY_ROWS)  # agencies and "Archivo", "Cortesía"
GIVEN_NAMES = frozenset(column("first_names", "name"))
# Capitalised, these open a sentence and never continue a name ("El", "Según", "Después");
# particles ("De la Rúa") and caption words ("Archivo") may be inside one.
SENTENCE_OPENERS = frozenset(
    row["word"].split()[0] for row in read_table("closed_class") if row["kind"] not in ("particle", "caption")
)
# Lowercase words between the words of a byline name ("María José de la Fuente", "dos Santos").
NAME_CONNECTORS = tuple(
    row["word"] for row in read_table("name_particles") if row["kind"] in ("surname", "foreign_surname", "joiner")
)
MONTHS = tuple(column("months", "form"))
WEEKDAYS = tuple(column("weekdays", "form"))
MAX_PUBLISHER_WORDS = 6
MAX_HEADLINE_WORDS = 25


def _alternation(phrases) -> str:
    """A regex alternation of ``phrases``, longest first, spaces matching any run of blanks."""
    return "|".join(re.escape(p).replace(r"\ ", r"[ \t]+") for p in sorted(set(phrases), key=len, reverse=True))


def _cues(*kinds: str, capital: bool = False) -> str:
    """The credit cues of ``kinds`` as an alternation, each with its colon (required or optional).

    Args:
        capital: Only the capitalised form (a byline's "Por" opens a paragraph; "por" is prose).
    """
    forms = []
    for row in read_table("credit_cues"):
        if row["kind"] in kinds:
            cue = re.escape(row["cue"][:1].upper() + row["cue"][1:] if capital else row["cue"]).replace(r"\ ", r"[ \t]+")
            colon = r"[ \t]*:" if row["colon"] == "required" else r"(?:[ \t]*:)?"
            forms.append((len(row["cue"]), rf"{cue}(?!\w){colon}"))
    return "|".join(form for _, form in sorted(forms, reverse=True))


# --- names in credits and bylines -------------------------------------------
_WORD = re.compile(r"[@#]?\w+(?:[.'’&-]\w+)*\.?")
# Between two words of a name: blanks, and the particles of Spanish names ("María José de la Fuente").
_NAME_GAP = re.compile(rf"[ \t]+(?:(?:{'|'.join(NAME_CONNECTORS)})[ \t]+)*")
# Between two parts of a credit: "EFE/Archivo", "Juan Pérez/EFE", "Juan Pérez, EFE".
_CREDIT_PARTS = re.compile(rf"[ \t]*(?:/|,(?=[ \t]*(?:{_alternation(row['name'] for row in _AGENCY_ROWS)})\b))[ \t]*")
# What may follow a complete name: the end of the text or line, a closing parenthesis,
# sentence punctuation, a separator.
_NAME_CLOSER = re.compile(r"[ \t]*(?:$|\n|\)|[.!?…;:]+(?=\s|$)|[|·•]|[–—-](?=\s))")
_NEXT_WORD = re.compile(r"[ \t]+(?P<word>[¿¡«“\"'(\d]|\w+)")


@dataclass
class NameRun:
    """The name words after a cue, as ``(start, end)`` spans, cut into parts at "/".

    Attributes:
        words: Spans of the words, in order.
        texts: The words themselves.
        parts: Index in ``words`` of the first word of each part.
        by_agency: The run stopped at an agency's name, which ends a credit.
    """

    words: list[tuple[int, int]] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)
    parts: list[int] = field(default_factory=lambda: [0])
    by_agency: bool = False

    def end(self, n: int | None = None) -> int:
        """End of the first ``n`` words (all by default)."""
        return self.words[(len(self.words) if n is None else n) - 1][1]


def is_name_word(word: str) -> bool:
    """A word that may be part of a credited name: capitalised and not a sentence opener, a handle,
    or a credit word in any case ("archivo")."""
    if word[0] in "@#" or word.casefold() in CREDIT_WORDS:
        return True
    return word[0].isupper() and word.casefold() not in SENTENCE_OPENERS


def _word_at(text: str, pos: int) -> tuple[int, int] | None:
    """Span of the name word at ``pos``, without a full stop that ends the sentence ("AFP." but "J.", "EE.UU.")."""
    m = _WORD.match(text, pos)
    if m is None or not is_name_word(m.group()):
        return None
    word = m.group()
    keeps_dot = len(word) == 2 or "." in word[:-1]
    return m.start(), m.end() - (word.endswith(".") and not keeps_dot)


def scan_name(text: str, pos: int) -> NameRun:
    """The name words from ``pos`` on: an agency's name ends the run unless a "/" follows it."""
    run = NameRun()
    while (span := _word_at(text, pos)) is not None:
        run.words.append(span)
        run.texts.append(text[span[0] : span[1]])
        pos = span[1]
        part = " ".join(run.texts[run.parts[-1] :]).casefold()
        if (sep := _CREDIT_PARTS.match(text, pos)) is not None:
            run.parts.append(len(run.words))
            pos = sep.end()
        elif part in AGENCIES:
            run.by_agency = True
            break
        elif (gap := _NAME_GAP.match(text, pos)) is not None:
            pos = gap.end()
        else:
            break
    if run.parts[-1] == len(run.words) and len(run.parts) > 1:
        run.parts.pop()  # a "/" with no name after it
    return run


def closes_name(text: str, pos: int) -> bool:
    """True if what follows ``pos`` cannot continue a sentence that began before it: the end of the
    line, sentence punctuation, a separator, or a word that is not lowercase (at the end of a name
    run, a capitalised word is one that opens a sentence: "El", "Según"). A comma or a lowercase
    word means the sentence goes on."""
    if _NAME_CLOSER.match(text, pos):
        return True
    m = _NEXT_WORD.match(text, pos)
    return m is not None and not m.group("word")[0].islower()


def sentence_start(run: NameRun) -> int:
    """How many words of ``run`` are credit when the run goes on into a sentence (the next word is
    lowercase: one of the run's words began that sentence).

    The credit keeps the fewest words it can be: up to a given name after a
    surname (a new person's name begins: "Juan Pérez | Nicolás Maduro"), or
    its leading given names and one surname ("Juan Pérez | Maduro"), or
    else only the first word of its last part. At least one word of the run
    is left to the sentence.
    """
    words, first = run.texts, run.parts[-1]
    last = len(words) - 1
    for j in range(first + 1, len(words)):
        if words[j] in GIVEN_NAMES and words[j - 1] not in GIVEN_NAMES:
            return j
    given = first
    while given < len(words) and words[given] in GIVEN_NAMES:
        given += 1
    return min(given + 1 if given > first else first + 1, last)


# --- junk: what is cut out of a paragraph ------------------------------------
@dataclass(frozen=True)
class Junk:
    """A span of a paragraph that is not article text.

    Attributes:
        start, end: The span, in the paragraph's text.
        key, value: Metadata it gives (``photo_credit``, ``EFE``), if any.
        inline: It sat inside a sentence (parenthesised): the text around it stays one block.
        section: Kept as a block of its own with this section (a copyright notice) instead of cut.
    """

    start: int
    end: int
    key: str | None = None
    value: str | None = None
    inline: bool = False
    section: str | None = None


_SENTENCE_START = r"(?:^|(?<=[.!?…»”)\]][ \t])|(?<=\n))"
_CAPITAL = r"(?-i:(?=[A-ZÁÉÍÓÚÑ]))"  # a sentence starts with a capital, even in a case-blind pattern
_CREDIT_END = re.compile(r"[ \t]*(?:[.;]|[|·•]|[–—-](?=\s))")
_CLOSE_PARENTHESIS = re.compile(r"[ \t]*\)")

# A photo-credit cue and what may follow it on its line; `scan_name` decides where the credit ends.
# The cue is capitalised or opens a parenthesis: "En la foto: Maduro y Lavrov" describes, not credits.
PHOTO_CREDIT = re.compile(
    rf"[ \t]*(?:(?P<open>\()[ \t]*|{_CAPITAL})\b(?:{_cues('photo')})[ \t]*(?P<credit>[^()\n]*)\)?", re.IGNORECASE
)
SOURCE_FOOTER = re.compile(rf"[ \t]*\([ \t]*(?:{_cues('source')})[ \t]*(?P<source>[^()\n]{{1,80}}?)[ \t]*\)", re.IGNORECASE)
SOURCE_CREDIT = re.compile(rf"{_SENTENCE_START}[ \t]*{_CAPITAL}\b(?:{_cues('source')})[ \t]*", re.IGNORECASE)
BYLINE = re.compile(rf"[ \t]*(?:{_cues('byline', capital=True)})[ \t]*")
DESK_WORDS = frozenset(row["cue"] for row in read_table("credit_cues") if row["kind"] == "desk")
DESK = re.compile(rf"[ \t]*(?=(?:{_cues('desk', capital=True)})\b)")
AGENCY_CREDIT = re.compile(rf"{_SENTENCE_START}[ \t]*(?P<open>\()?[ \t]*")
_MONTH = rf"(?:{_alternation(MONTHS)})(?!\w)\.?"
BYLINE_DATE = re.compile(
    rf"(?:(?:{_alternation(WEEKDAYS)}),?[ \t]+)?"
    rf"(?:\d{{1,2}}(?:[ \t]+de)?[ \t]+{_MONTH}(?:,?[ \t]+(?:de(?:l)?[ \t]+)?\d{{4}}(?!\d))?"
    r"|\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4})(?:,?[ \t]*(?:a las[ \t]+)?\d{1,2}[:.]\d{2}(?!\d)(?:[ \t]*(?:h|hs|horas)\b)?)?",
    re.IGNORECASE,
)
# A date with its year inside a byline ("Por Ana Gómez | 20 de enero de 2022").
LEAD_DATE_IN_TEXT = re.compile(rf"(?<!\w)(?:{TEXT_DATE}|{NUMERIC_DATE})")
BYLINE_ROLE = re.compile(rf"(?:{_cues('role')})(?:[ \t]+(?:en|de|desde)[ \t]+)?", re.IGNORECASE)
_BYLINE_SEPARATOR = re.compile(r"[ \t]*(?P<sep>[|,/·•–—-])[ \t]*")

_MARK = r"(?:\*\*|__|\*|_)?"
_OPENERS = _alternation(column("teaser_openers", "opener"))
TEASER = re.compile(
    rf"{_SENTENCE_START}[ \t]*(?:#{{1,6}}[ \t]+)?{_MARK}[ \t]*{_CAPITAL}(?:{_OPENERS})(?!\w)[ \t]*"
    rf"(?:{_MARK}[ \t]*[:|»›>–—-]|[:|»›>–—-][ \t]*{_MARK}|{_MARK}[ \t]*$)[ \t]*{_MARK}",
    re.IGNORECASE | re.MULTILINE,
)
HEADLINE_LINKS = re.compile(rf"(?:[ \t]*(?:[-*+•|][ \t]+)?\[[^\]\n]*\]\([^)\n]*\))+[ \t]*{_MARK}")
# A headline in plain text: up to its sentence end (punctuation before a capital) or the line end.
HEADLINE_TEXT = re.compile(r"[^\n]*?(?:[.!?…]+[\"”»’)*_]*(?=[ \t]+[¿¡«“\"(]?[A-ZÁÉÍÓÚÑ0-9])|(?=\n)|\Z)")
LINK_ONLY = re.compile(r"^\s*(?:[-*+•]\s+)?\[[^\]]*\]\([^)]*\)\s*$")
COPYRIGHT = re.compile(
    rf"(?:©|{_SENTENCE_START}[ \t]*(?:\(c\)|copyright\b))(?:[^\n]{{0,120}}?\bderechos reservados\b|[^\n.!?]{{0,80}})[.!]?"
    r"|\btodos los derechos reservados\b[.!]?",
    re.IGNORECASE,
)
IMAGE_NOTICE = re.compile(
    r"[ \t]*\b(?:image not found or type unknown|imagen no encontrada(?: o tipo desconocido)?)\b", re.IGNORECASE
)

# Each markup pattern, in the order it is cut, with the characters every match contains:
# a text without them is not searched.
MARKUP = (
    (("#",), HEADING_MARKS, None),
    (("![",), INLINE_IMAGE, None),
    (("<",), AUTOLINK, None),
    (("](",), LINK, "text"),
    (("<",), HTML_TAG, None),
    (("*", "_"), EMPHASIS, None),
)


def strip_markup(frag: Fragment) -> Fragment:
    """Cuts markdown and inline HTML markup, keeping link text."""
    for markers, pattern, keep in MARKUP:
        if any(marker in frag.text for marker in markers):
            frag = frag.remove(pattern, keep=keep)
    return frag.strip()


def _credit(text: str, start: int, cue_end: int, key: str, *, opened: bool, may_run_on: bool) -> Junk | None:
    """The credit whose cue spans ``[start, cue_end)``: the cue and the name after it.

    Args:
        opened: The credit opened a parenthesis, which closes it.
        may_run_on: The cue is a credit whatever follows ("Foto:"), so a name that runs into a
            sentence keeps its first words (`sentence_start`); otherwise such a name is prose and
            there is no credit.
    """
    run = scan_name(text, cue_end)
    closed = bool(run.words) and (run.by_agency or closes_name(text, run.end()))
    if closed:
        n = len(run.words)
    elif may_run_on:
        n = sentence_start(run) if run.words else 0
    else:
        return None
    end = run.end(n) if n else cue_end
    value = text[run.words[0][0] : end] if n else None
    closer = (_CLOSE_PARENTHESIS if opened else _CREDIT_END).match(text, end) if closed else None
    return Junk(start, closer.end() if closer else end, key, value, inline=opened and closer is not None)


def photo_credits(text: str) -> list[Junk]:
    """Every "Foto: …" credit in ``text`` ("Foto: AFP", "(Foto: Reuters/Carlos García)")."""
    found, pos = [], 0
    while (m := PHOTO_CREDIT.search(text, pos)) is not None:
        junk = _credit(text, m.start(), m.start("credit"), "photo_credit", opened=bool(m.group("open")), may_run_on=True)
        found.append(junk)
        pos = max(junk.end, m.start("credit"))
    return found


def source_credits(text: str) -> list[Junk]:
    """Source notes: "(Fuente: PL)" anywhere, "Fuente: Prensa Latina" or "Con información de AFP" where a
    sentence starts, when the name after the cue is complete."""
    found = [
        Junk(m.start(), m.end(), "source_credit", m.group("source").strip(" ."), inline=True)
        for m in SOURCE_FOOTER.finditer(text)
    ]
    for m in SOURCE_CREDIT.finditer(text):
        junk = _credit(text, m.start(), m.end(), "source_credit", opened=False, may_run_on=False)
        if junk is not None:
            found.append(junk)
    return found


def agency_credit(text: str, *, caption: bool) -> list[Junk]:
    """Credits without a cue ("… en Miraflores. EFE/Archivo"): in a caption, any that opens a
    sentence and ends before the next one; elsewhere only one that is the whole paragraph."""
    found = []
    for m in AGENCY_CREDIT.finditer(text):
        if not caption and m.start() > 0:
            break
        run = scan_name(text, m.end())
        if not run.words or run.texts[0].casefold() not in CREDIT_WORDS or not run.texts[0][0].isupper():
            continue
        if not caption and len(run.parts) < 2:
            continue  # a paragraph "EFE." alone is the agency's name, read as an ORG; "EFE/Archivo" is a credit
        # Without a cue, a sentence going on from the name makes it prose ("AP/Reuters informaron"),
        # unless the credit keeps a word after its "/" ("EFE/Archivo Caracas recibió…").
        runs_on = len(run.parts) > 1 and sentence_start(run) > run.parts[-1]
        if not (runs_on or closes_name(text, run.end())):
            continue
        junk = _credit(text, m.start(), m.end(), "photo_credit", opened=bool(m.group("open")), may_run_on=runs_on)
        if junk is not None and (caption or not text[junk.end :].strip()):
            found.append(junk)
    return found


# How far after a byline's name a dateline still shows it runs into one.
DATELINE_REACH = 80


def byline(text: str) -> list[Junk]:
    """A byline opening the paragraph ("Por Ana Gómez | 20 de enero de 2022", "Redacción BBC Mundo").

    The name must be complete (two words at least, or an agency, or a desk);
    dates, roles and names after separators go with it. A byline that runs
    into a dateline ("Por Marta Liriano Santo Domingo, 14 jun (EFE).") is
    not one: where the name ends and the place begins is unknown.
    """
    m = BYLINE.match(text) or DESK.match(text)
    if m is None:
        return []
    desk = m.re is DESK
    run = scan_name(text, m.end())
    if not run.words or not (desk or run.by_agency or len(run.words) >= 2 or run.texts[0].casefold() in DESK_WORDS):
        return []  # "Por Redacción" is a byline; "Por Maduro" is not
    if (dateline := DATELINE_INSIDE.match(text, run.end())) is not None and holds_dateline(dateline.group()):
        return []
    end = _byline_end(text, run.end())
    if end is None:
        return []
    if end == run.end() and holds_dateline(text[end : end + DATELINE_REACH]):
        return []  # the name may have taken the place: "Por Iván Soler Perth ( Australia ) , 14 jun ( EFE )"
    return [Junk(m.start(), end, "author", text[run.words[0][0] : run.end()])]


def _byline_end(text: str, pos: int) -> int | None:
    """End of a byline whose name ends at ``pos``: with the dates, roles and names that follow it
    after separators; None when prose goes on right after the name."""
    while (sep := _BYLINE_SEPARATOR.match(text, pos)) is not None:
        item = _byline_item(text, sep.end())
        if item is None:  # "Por Ana Gómez | El presidente…": the byline ends at the separator
            return sep.end() if sep.group("sep") != "," else (pos if closes_name(text, pos) else None)
        pos = item
    return pos if closes_name(text, pos) else None


def _byline_item(text: str, pos: int) -> int | None:
    """End of a date, a role ("corresponsal en Caracas") or a complete name at ``pos``."""
    if (date := BYLINE_DATE.match(text, pos)) is not None:
        return date.end()
    if (role := BYLINE_ROLE.match(text, pos)) is not None:
        run = scan_name(text, role.end())
        return run.end() if run.words else role.end()
    run = scan_name(text, pos)
    return run.end() if run.words and (run.by_agency or closes_name(text, run.end())) else None


def teasers(text: str) -> list[Junk]:
    """ "Lee también: …" teasers where a sentence starts: the cue and the headline it announces (its
    links, or its words up to the sentence or line end), never what follows."""
    found = []
    for m in TEASER.finditer(text):
        end = m.end()
        if (links := HEADLINE_LINKS.match(text, end)) is not None:
            end = links.end()
        elif (headline := HEADLINE_TEXT.match(text, end)) is not None and len(headline.group().split()) <= MAX_HEADLINE_WORDS:
            end = headline.end()
        found.append(Junk(m.start(), end))
    return _without_overlaps(found)


def copyright_notices(text: str) -> list[Junk]:
    """ "© 2022 Diario El Ejemplo. Todos los derechos reservados.": kept, as a footer block."""
    return [Junk(m.start(), m.end(), section="footer") for m in COPYRIGHT.finditer(text)]


def image_notices(text: str) -> list[Junk]:
    """ "Image not found or type unknown" left inside a line by a scraper."""
    return [Junk(m.start(), m.end()) for m in IMAGE_NOTICE.finditer(text)]


def find_junk(text: str, *, caption: bool = False) -> list[Junk]:
    """Every junk span of a paragraph's (markup-free) text, in order, none overlapping.

    Args:
        caption: The paragraph is a caption (after an image, or bold), where a
            bare agency credit ("EFE/Archivo") may close a sentence.
    """
    found = [
        *byline(text),
        *photo_credits(text),
        *source_credits(text),
        *agency_credit(text, caption=caption),
        *copyright_notices(text),
        *image_notices(text),
    ]
    return _without_overlaps(found)


def _without_overlaps(junk: list[Junk]) -> list[Junk]:
    """``junk`` in order of start; of two overlapping spans, the one starting first (the longer on a tie)."""
    kept: list[Junk] = []
    for j in sorted(junk, key=lambda j: (j.start, -j.end)):
        if j.end > j.start and (not kept or j.start >= kept[-1].end):
            kept.append(j)
    return kept


def split_at_junk(frag: Fragment, junk: list[Junk]) -> list[tuple[str | None, Fragment]]:
    """The pieces of ``frag`` around ``junk``: ``(section, piece)`` with section None for article
    text, or the junk's own section for junk kept as a block."""
    pieces: list[tuple[str | None, Fragment]] = []
    current: list[Fragment] = []

    def flush() -> None:
        piece = Fragment.join(current, frag.raw).strip()
        if piece:
            pieces.append((None, piece))
        current.clear()

    pos = 0
    for j in junk:
        current.append(frag.slice(pos, j.start))
        if not j.inline:
            flush()
        if j.section is not None:
            pieces.append((j.section, frag.slice(j.start, j.end).strip()))
        pos = j.end
    current.append(frag.slice(pos))
    flush()
    return pieces


def cut_photo_credit(frag: Fragment) -> tuple[Fragment, str | None]:
    """``frag`` without its photo credits (the text around them joined); returns the first credit."""
    credits = photo_credits(frag.text)
    for junk in reversed(credits):
        frag = frag.cut(junk.start, junk.end)
    return frag.strip(), next((j.value for j in credits if j.value), None)


def _paragraphs(raw: str) -> list[tuple[Fragment, bool]]:
    """Paragraphs of ``raw`` as fragments, each with whether it is a heading.

    A heading line ends its paragraph even without a blank line after it.
    """
    paragraphs: list[tuple[Fragment, bool]] = []
    current: list[Fragment] = []

    def flush() -> None:
        if current:
            start, end = current[0].ranges[0][0], current[-1].ranges[-1][1]
            paragraphs.append((Fragment.whole(raw, start, end), False))
            current.clear()

    for line in Fragment.whole(raw).lines():
        text = line.text
        if not text.strip():
            flush()
        elif HEADING.match(text) or RULE.match(text) or BARE_URL.match(text) or IMAGE_PLACEHOLDER.match(text):
            flush()
            paragraphs.append((line, bool(HEADING.match(text))))
        else:
            current.append(line)
    flush()
    return paragraphs


def _is_bold_paragraph(text: str) -> bool:
    t = text.strip()
    return (t.startswith("**") and t.endswith("**")) or (t.startswith("__") and t.endswith("__"))


@dataclass
class _Cleaner:
    """The paragraph-to-paragraph state of one document's cleaning, and what it has found.

    Until the body starts, short lines are held (`held`): whether they are
    the kicker, title and subtitle (`pipeline.ingest.lead`) is known only
    from what follows them.
    """

    metadata: dict = field(default_factory=dict)
    blocks: list[tuple[str, Fragment]] = field(default_factory=list)
    after_image: bool = False
    after_url: bool = False
    seen_body: bool = False
    held: list[Fragment] = field(default_factory=list)
    held_agencies: list[tuple[int, Fragment, str]] = field(default_factory=list)  # "Agencia EFE" lines, where held
    dateline_block: int | None = None
    dateline_places: list[tuple[int, int]] = field(default_factory=list)

    def paragraph(self, para: Fragment, is_heading: bool) -> None:
        """Sorts one paragraph: a line kind, or text with its teasers taken out (each piece on)."""
        ptext = para.text
        if RULE.match(ptext):
            return
        if IMAGE_PLACEHOLDER.match(ptext):
            self.after_image = True
            return
        if (url := BARE_URL.match(ptext)) is not None:
            self.metadata.setdefault("url", url.group("url"))
            self.after_url = True
            return
        if LINK_ONLY.match(ptext):
            return
        bold = _is_bold_paragraph(ptext)
        pieces = [strip_markup(piece) for _, piece in split_at_junk(para, teasers(ptext))]
        for i, piece in enumerate(p for p in pieces if p):
            self.piece(piece, is_heading and i == 0, bold)

    def piece(self, frag: Fragment, is_heading: bool, bold: bool) -> None:
        """A markup-free paragraph (or the part of one between teasers) → metadata and blocks."""
        if is_heading and not self.seen_body and self.heading(frag):
            return
        if self.after_url and len(frag.text.split()) <= MAX_PUBLISHER_WORDS and "publisher" not in self.metadata:
            self.metadata["publisher"] = frag.text.strip(" .")
            return
        junk = find_junk(frag.text, caption=bold or self.after_image)
        for j in junk:
            if j.key is not None and j.value:
                self.metadata.setdefault(j.key, j.value.strip(" ."))
            if j.key == "author" and not self.seen_body:
                self.byline_found(frag.text[j.start : j.end], j.value or "")
        pieces = split_at_junk(frag, junk)
        if not pieces:
            return  # nothing but junk: an image before it still captions what follows
        credit_last = bool(junk) and junk[-1].key == "photo_credit" and not frag.text[junk[-1].end :].strip()
        caption = credit_last or (self.after_image and bold)
        self.after_image = False
        for section, piece in pieces:
            self.block(section or ("caption" if caption else None), piece)

    def heading(self, frag: Fragment) -> bool:
        """A markdown heading before the body: the title (short lines held before it are kickers), or after
        the title a subtitle. False if it is neither (it is then text)."""
        if "title" not in self.metadata:
            for line in self.held:
                self.lead_block(lead.KICKER if lead.kicker_like(line.text) else lead.BODY, line)
            self.held.clear()
            if self.seen_body:
                return False
            self.lead_block(lead.TITLE, frag)
            return True
        self.settle_lead(lead.BODY_FOLLOWS)
        if self.seen_body:
            return False
        self.lead_block(lead.SUBTITLE, frag)
        return True

    def byline_found(self, text: str, author: str) -> None:
        """A byline of the lead: an agency it names, and a date it gives with its year."""
        if (agency := lead.agency_in(author)) is not None:
            self.metadata.setdefault("byline_agency", agency)
        if (place := lead.byline_place(text)) is not None:
            self.metadata.setdefault("byline_place", place)
        for m in LEAD_DATE_IN_TEXT.finditer(text):
            if (date := lead.lead_date(m.group())) is not None:
                self.metadata.setdefault("lead_date", date)
                break

    def block(self, section: str | None, frag: Fragment) -> None:
        """Adds a block: of ``section`` if given, else a footer after the URL, else the lead's or the body's."""
        if section is None and self.after_url:
            section = "footer"
        if section is not None:
            self.settle_lead(lead.BODY_FOLLOWS)
            self.blocks.append((section, frag))
            return
        if self.seen_body:
            self.blocks.append(("body", frag))
            return
        lines = lead.lead_lines(frag, lambda text: read_dateline(text) is not None)
        for line in lines or [frag]:
            if lines and self.lead_byline(line):
                continue
            self.lead_piece(line)

    def lead_byline(self, frag: Fragment) -> bool:
        """A line of the lead that is a byline ("Título\nPor Ana Gómez | Lima\n…"): cut, kept as metadata."""
        found = byline(frag.text)
        if not found or frag.text[found[0].end :].strip():
            return False
        self.metadata.setdefault("author", (found[0].value or "").strip(" ."))
        self.byline_found(frag.text, found[0].value or "")
        return True

    def lead_piece(self, frag: Fragment) -> None:
        """A paragraph (or line) before the body: a dateline, a date line, an agency line, a possible lead
        line (held), or the body's first paragraph."""
        if self.seen_body:
            self.blocks.append(("body", frag))
            return
        dateline, rest, found = split_dateline(frag)
        if dateline is not None:
            self.settle_lead(lead.DATELINE_FOLLOWS)
            places = found.pop("dateline_places", [])
            if (desk := found.pop("author", None)) is not None:
                self.metadata.setdefault("author", desk)
            if self.dateline_block is None:
                self.dateline_block, self.dateline_places = len(self.blocks), places
                self.metadata.update(found)
            self.blocks.append(("dateline", dateline))
            if rest:
                self.blocks.append(("body", rest))
                self.seen_body = True
            return
        text = frag.text
        if lead.is_date_line(text):
            self.settle_lead(lead.DATELINE_FOLLOWS)
            if (date := lead.lead_date(text)) is not None:
                self.metadata.setdefault("lead_date", date)
            self.blocks.append(("dateline", frag))
            return
        if (agency := lead.agency_line(text)) is not None and len(self.held) < lead.MAX_LEAD_LINES:
            self.held_agencies.append((len(self.held), frag, agency))
            return
        if lead.lead_candidate(text) and len(self.held) < lead.MAX_LEAD_LINES:
            self.held.append(frag)
            return
        self.settle_lead(lead.BODY_FOLLOWS)
        self.blocks.append(("body", frag))
        self.seen_body = True

    def settle_lead(self, follows: str) -> None:
        """Gives the held lines their roles now that what follows them is known."""
        for position, frag, agency in reversed(self.held_agencies):
            if follows == lead.NOTHING_FOLLOWS and position == len(self.held):
                self.held.append(frag)  # "El presidente habló.\n\nEFE": the agency's name closing a text is text
            else:
                self.metadata["byline_agency"] = agency
        self.held_agencies.clear()
        if not self.held:
            return
        texts = [frag.text for frag in self.held]
        for role, frag in zip(lead.roles(texts, has_title="title" in self.metadata, follows=follows), self.held, strict=True):
            self.lead_block(role, frag)
        self.held.clear()

    def lead_block(self, role: str, frag: Fragment) -> None:
        """A lead line as a block: the kicker, title and subtitles in section ``title``, else body."""
        if role == lead.BODY or self.seen_body:
            self.blocks.append(("body", frag))
            self.seen_body = True
            return
        if role == lead.SUBTITLE and "subtitle" in self.metadata:
            self.metadata["subtitle"] += " " + frag.text
        else:
            self.metadata.setdefault(role, frag.text)
        self.blocks.append(("title", frag))

    def finish(self) -> None:
        """Held lines that nothing followed."""
        self.settle_lead(lead.NOTHING_FOLLOWS)
        if "agency" not in self.metadata and "byline_agency" in self.metadata:
            self.metadata["agency"] = self.metadata["byline_agency"]
        if "dateline_place" not in self.metadata and "byline_place" in self.metadata:
            self.metadata["dateline_place"] = self.metadata["byline_place"]  # "Por Ana Gómez | Lima"
        country = dateline_country(self.metadata.get("dateline_place"), self.metadata.get("dateline_region"))
        if country is not None:
            self.metadata["dateline_country"] = country


def clean(raw: RawDocument) -> Document:
    """Cleans one raw document into a `Document` with sections and offsets.

    Args:
        raw: The document as read; ``raw.metadata`` (title, url, date, …) from
            the container, then a markdown front matter, are kept and win over
            what the text says.
    """
    text, alignment = repair(raw.text)
    skip, front = lead.front_matter(text)
    cleaner = _Cleaner()
    for para, is_heading in _paragraphs(text):
        if para.ranges and para.ranges[0][0] < skip:
            continue
        cleaner.paragraph(para, is_heading)
    cleaner.finish()
    metadata = cleaner.metadata
    metadata.update({k: v for k, v in front.items() if v not in (None, "")})
    metadata.update({k: v for k, v in raw.metadata.items() if v not in (None, "")})
    if not metadata.get("agency") and metadata.get("author"):
        # the container's author is an agency ("Agencia EFE" in an HTML page's byline or meta author)
        if (agency := lead.agency_in(metadata["author"])) is not None:
            metadata["agency"] = agency
    document = assemble(raw, cleaner.blocks, metadata, alignment)
    if cleaner.dateline_block is not None:
        start = document.blocks[cleaner.dateline_block].start
        metadata["dateline_places"] = [(start + a, start + b) for a, b in cleaner.dateline_places]
    return document


def assemble(
    raw: RawDocument, blocks: list[tuple[str, Fragment]], metadata: dict, alignment: Alignment | None = None
) -> Document:
    """Joins section fragments into one clean text with blocks and an offset map.

    Args:
        raw: The document as read.
        blocks: ``(section, fragment)`` pairs, fragments of the repaired text.
        metadata: What the cleaner found.
        alignment: From the repaired text back to ``raw.text`` (None: no repair).
    """
    pieces: list[str] = []
    out_blocks: list[Block] = []
    offsets = OffsetMap(base=alignment if alignment is not None and not alignment.is_identity else None)
    pos = 0
    for section, frag in blocks:
        if pieces:
            pieces.append(BLOCK_SEPARATOR)
            pos += len(BLOCK_SEPARATOR)
        start = pos
        for a, b in frag.ranges:
            offsets.add_run(pos, a, b - a)
            pos += b - a
        pieces.append(frag.text)
        out_blocks.append(Block(section, start, pos))
    return Document(
        doc_id=raw.doc_id,
        source=raw.source,
        text="".join(pieces),
        blocks=out_blocks,
        offsets=offsets,
        metadata=metadata,
        raw_sha256=raw.sha256,
        n_raw_chars=len(raw.text),
    )
