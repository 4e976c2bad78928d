"""Article metadata from the text itself: the dateline, the agency, and the document's date.

The dateline is the wire copy's opening ("MADRID, 3 mar (EFE).-", "SANTIAGO
(AP) —", "Bogotá, 3 de marzo de 2025.-"; the forms are listed in
`pipeline.values.dateline_patterns`): its place stays in the text (a place
mention in section ``dateline``), its date too, and its agency becomes
metadata, named as ``lang/es/news_agencies.tsv`` spells it.

The document's date (``published``, what "ayer", "este jueves" and "20 ene"
resolve against) is taken, in this order, from:

1. ``given`` — the caller's ``--reference-date``;
2. ``metadata`` — the container's date (a JSONL/CSV/Parquet date column,
   HTML meta tags, markdown front matter);
3. ``dateline`` — a dateline or a date line of the lead that gives its year
   ("Caracas, 3 mar 2025 (AFP)", "Por Ana Gómez | 20 de enero de 2022");
4. ``filename`` — a date in the file name (``2025-03-03_…``, ``20250303…``);
5. ``inferred`` — a dateline without a year, completed by the evidence the
   text and the run give (`pipeline.values.dates.datelines.complete_year`),
   or by the file name's date a few days after it;
6. ``none`` — nothing settles it; ``published_reason`` says why.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import cache

from pipeline.ingest.fragment import Fragment
from pipeline.lang import read_table
from pipeline.values import dateline_patterns as P
from pipeline.values.dates.datelines import (
    CorpusDates,
    WrittenDate,
    complete_year,
    month_of_day,
    parse_day_month,
    read_evidence,
    read_written_date,
)

FILENAME_DATE = re.compile(r"(?<!\d)(?P<y>(?:19|20)\d{2})[-_]?(?P<m>0[1-9]|1[0-2])[-_]?(?P<d>0[1-9]|[12]\d|3[01])(?!\d)")

PUBLISHED_FROM = ("given", "metadata", "dateline", "filename", "inferred", "none")
# Days a file name's date may follow a year-less dateline's day and still give it its year
# (a story filed on the 3rd, saved or put online on the 4th).
FILENAME_LAG_DAYS = 7
# Where the published date came from, for a document whose date the run's other documents may settle.
CORPUS_ORIGINS = frozenset({"metadata", "dateline", "filename"})
_PARTICLES = frozenset({"de", "del", "la", "las", "los", "el", "y", "e", "do", "da", "dos", "das"})
_VOWELS = set("AEIOUÁÉÍÓÚÜ")


# ---------------------------------------------------------------- agencies
@cache
def desk_words() -> frozenset[str]:
    """Words naming a newsroom desk ("Redacción"), from ``credit_cues.tsv``."""
    return frozenset(row["cue"].casefold() for row in read_table("credit_cues") if row["kind"] == "desk")


@cache
def agency_spellings() -> dict[str, str]:
    """Every spelling of an agency in ``news_agencies.tsv`` (casefolded) → the agency's name."""
    return {row["name"].casefold(): row["canonical"] or row["name"] for row in read_table("news_agencies") if row["canonical"]}


def agency_name(written: str) -> tuple[str, bool]:
    """``"EUROPA PRESS"`` → ``("Europa Press", True)``; an agency not in the table keeps its spelling (False)."""
    key = " ".join(written.split()).strip(" .").casefold()
    known = agency_spellings().get(key)
    if known is None and key.startswith("agencia "):
        known = agency_spellings().get(key.split(" ", 1)[1])
    return (known, True) if known else (" ".join(written.split()).strip(" ."), False)


def display_place(name: str) -> str:
    """A place as a reader writes it: ``"CIUDAD DE MÉXICO"`` → ``"Ciudad de México"``; mixed case unchanged;
    an acronym ("CDMX", "EE.UU.") kept."""
    letters = [c for c in name if c.isalpha()]
    if not letters or not all(c.isupper() for c in letters):
        return name
    words = []
    for i, word in enumerate(name.split()):
        if "." in word or (len(word) <= 4 and not _VOWELS & set(word)):
            words.append(word)
        elif i > 0 and word.lower() in _PARTICLES:
            words.append(word.lower())
        else:
            words.append("-".join(part[:1] + part[1:].lower() for part in word.split("-")))
    return " ".join(words)


# ---------------------------------------------------------------- the dateline
@dataclass(frozen=True)
class Dateline:
    """A dateline at the start of a paragraph.

    Attributes:
        end: Where the text after it starts (its separator included).
        kept: The parts of ``[0, end)`` that stay in the text (place, date and agency), as ``(start, end)``.
        places: Spans of its place and of its region or country, within the paragraph.
        place: The place as written; None for a byline that runs into it ("Por Ana Gómez Madrid").
        region: The region or country after the place ("HOTAN, Xinjiang", "LA PAZ, Bolivia").
        date: The date as written ("3 mar", "3 de marzo de 2025", "3"), if any.
        agency: The agency's name, if any.
        desk: The agency's desk written where the place goes ("Redacción Internacional").
    """

    end: int
    kept: tuple[tuple[int, int], ...]
    places: tuple[tuple[int, int], ...]
    place: str | None
    region: str | None = None
    date: str | None = None
    agency: str | None = None
    desk: str | None = None

    def found(self) -> dict:
        """The metadata it gives: ``dateline_place``, ``dateline_region``, ``dateline_date``, ``agency``."""
        out = {
            "dateline_place": display_place(self.place) if self.place else None,
            "dateline_region": display_place(self.region) if self.region else None,
            "dateline_date": self.date,
            "agency": self.agency,
            "author": self.desk,
        }
        return {k: v for k, v in out.items() if v}


def _uppercase(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


def _strong(m: re.Match) -> bool:
    sep = m.group("sep")
    return sep is not None and bool(re.search(r"[-–—]", sep))


def _dateline_from(m: re.Match) -> Dateline:
    place_start, place_end = m.start("place"), m.end("place")
    if m.group("paren") is not None:
        place_end = m.string.index(")", m.end("paren")) + 1
    if m.group("region"):
        place_end = m.end("region")
    keep_end = m.end("date") if m.groupdict().get("date") else place_end
    if m.groupdict().get("agency") and m.start("agency") >= keep_end:
        # "MADRID, 3 mar (EFE)": the agency's name stays in the text, an ORG of the dateline
        # (CoNLL-2002 tags it so); it is the document's `agency`, not one of its entities.
        closing = m.string.find(")", m.end("agency"))
        keep_end = closing + 1 if closing != -1 and not m.string[m.end("agency") : closing].strip() else m.end("agency")
    places = [(m.start("place"), m.end("place"))]
    for group in ("paren", "region"):
        if m.group(group):
            places.append((m.start(group), m.end(group)))
    agency = None
    if m.groupdict().get("agency"):
        agency = agency_name(m.group("agency"))[0]
    place = m.group("place")
    desk = None
    if place.split()[0].casefold() in desk_words() and m.groupdict().get("date"):
        # "Redacción Internacional, 3 mar (EFE).-": the agency's desk, no place; only the date stays
        desk, place, places = place, None, []
        place_start = m.start("date")
    elif P.BYLINE_OPENER.match(place + " "):
        # "Por Marta Liriano Santo Domingo, 14 jun (EFE)": where the name ends is unknown, so the
        # line stays as written (the agency too) and gives no place.
        place, places = None, []
        if m.groupdict().get("agency"):
            keep_end = m.string.index(")", m.end("agency")) + 1
    return Dateline(
        desk=desk,
        end=m.end(),
        kept=((place_start, keep_end),),
        places=tuple(places),
        place=place,
        region=m.group("region") or (m.group("paren") if m.group("paren") else None),
        date=m.groupdict().get("date"),
        agency=agency,
    )


# What may follow a dateline without a separator: the story's first sentence, or the line's end.
_STORY_START = re.compile(r"\s*(?:$|[¿¡«“\"'(\[]*[A-ZÁÉÍÓÚÑÜ0-9])")


def read_dateline(text: str) -> Dateline | None:
    """The dateline opening ``text``, in any of the forms of `pipeline.values.dateline_patterns`; None if none does.

    A dateline without a separator must be followed by a sentence's start
    ("La Habana, 20 ene (RHC) El presidente…"), and one without a date must
    name a known agency or be in capitals with a separator ("SANTIAGO (AP) —"),
    its place in capitals, closed by a separator or followed by a comma
    ("Quito, (Prensa Latina)"): "Juan Pérez (Reuters) dijo" is prose.
    """
    for pattern in (P.DATELINE_AGENCY_FIRST, P.DATELINE_DATED, P.DATELINE_DAY_ALONE, P.DATELINE_UNDATED):
        m = pattern.match(text)
        if m is None or (m.group("sep") is None and not _STORY_START.match(text, m.end())):
            continue
        if pattern is P.DATELINE_AGENCY_FIRST and read_written_date(m.group("date")) is not None:
            return _dateline_from(m)
        if pattern is P.DATELINE_DATED and _dated_ok(m, text):
            return _dateline_from(m)
        if pattern is P.DATELINE_DAY_ALONE:
            return _dateline_from(m)
        if pattern is P.DATELINE_UNDATED and _undated_ok(m):
            return _dateline_from(m)
    if (m := P.DATELINE_PLACE_ONLY.match(text)) is not None and not P.BYLINE_OPENER.match(m.group("place") + " "):
        return _dateline_from(m)
    return None


def _undated_ok(m: re.Match) -> bool:
    known = agency_name(m.group("agency"))[1]
    capitals = _uppercase(m.group("place"))
    if not known:
        return capitals and _strong(m)
    return capitals or m.group("sep") is not None or m.group("comma") is not None


def _dated_ok(m: re.Match, text: str) -> bool:
    """A "<place>, <date>" opening is a dateline: its date reads, the comma is there (or the place is in
    capitals: "MADRID 24 Oct."), and without an agency a separator or the line's end closes it."""
    written = read_written_date(m.group("date"))
    if written is None or written.month is None:
        return False
    if not m.group("comma") and not _uppercase(m.group("place")):
        return False
    if m.group("agency"):
        return True
    if _strong(m):
        return True
    rest = text[m.end() :]
    line_ends = not rest.strip() or rest.startswith("\n") or text[m.end() - 1 : m.end()] == "\n"
    return written.year is not None and (line_ends or (m.group("sep") or "").strip() in (".", ":"))


def holds_dateline(text: str) -> bool:
    """True if a line holds a dateline's "<place>, <day> <month> (<agency>)" after other words."""
    m = P.DATELINE_INSIDE.search(text)
    return m is not None and parse_day_month(m.group("date")) is not None


def split_dateline(frag: Fragment) -> tuple[Fragment | None, Fragment, dict]:
    """Splits a leading dateline off a paragraph.

    Returns:
        ``(dateline, rest, found)``: the dateline as it stays in the text (its
        place and date, without the agency and the separator), the text after
        it, and its metadata (`Dateline.found`, plus ``dateline_places``: the
        spans of its place names in the returned dateline fragment); the
        dateline is None when the paragraph does not open with one.
    """
    dateline = read_dateline(frag.text)
    if dateline is None:
        return None, frag, {}
    kept = Fragment.join([frag.slice(a, b) for a, b in dateline.kept], frag.raw)
    base = dateline.kept[0][0]
    found = dateline.found()
    found["dateline_places"] = [(a - base, b - base) for a, b in dateline.places if a >= base and b <= dateline.kept[0][1]]
    return kept, frag.slice(dateline.end).strip(), found


# ---------------------------------------------------------------- the document's date
def parse_iso_date(value: object) -> dt.date | None:
    """A date from an ISO string, a date/datetime, or a pandas Timestamp; None if not one."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    m = re.match(r"^(\d{4})-(\d{2})-(\d{2})", text)
    if not m:
        return None
    try:
        return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def date_from_filename(source: str) -> dt.date | None:
    """A YYYY-MM-DD / YYYYMMDD date in the file name, if any."""
    name = re.split(r"[\\/]", source)[-1]
    m = FILENAME_DATE.search(name)
    if not m:
        return None
    try:
        return dt.date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
    except ValueError:
        return None


@dataclass(frozen=True)
class Published:
    """A document's date, where it came from (one of `PUBLISHED_FROM`) and, where that helps, why."""

    date: dt.date | None
    origin: str
    reason: str | None = None


@dataclass
class DateHints:
    """What a run knows about its documents' dates besides each document: the caller's date and
    year, and the dates of the documents already settled."""

    given: dt.date | None = None
    year: int | None = None
    corpus: CorpusDates = field(default_factory=CorpusDates)
    today: dt.date | None = None

    def record(self, published: Published) -> None:
        """Adds a settled document's date to the run's evidence."""
        if published.date is not None and published.origin in CORPUS_ORIGINS:
            self.corpus.add(published.date)


def _written_dateline(metadata: dict):
    text = metadata.get("dateline_date")
    return read_written_date(text) if text else None


def _lead_date(metadata: dict) -> dt.date | None:
    """A full date from the dateline or a date line of the lead, if either gives its year."""
    for key in ("dateline_date", "lead_date"):
        written = read_written_date(metadata[key]) if metadata.get(key) else None
        if written is not None and written.year is not None and written.month is not None:
            return dt.date(written.year, written.month, written.day)
    return None


def needs_corpus(metadata: dict, source: str, hints: DateHints, text: str = "") -> bool:
    """True if only the run's other documents can settle this one's date: a dateline with a day and a
    month (or a day whose month the story names, ``text``) but no year, and no better source."""
    if hints.given is not None or hints.year is not None or parse_iso_date(metadata.get("date")) is not None:
        return False
    if _lead_date(metadata) is not None or date_from_filename(source) is not None:
        return False
    written = _written_dateline(metadata)
    return written is not None and (written.month is not None or month_of_day(written.day, text) is not None)


def settle_published(metadata: dict, text: str, source: str, hints: DateHints | None = None) -> Published:
    """The document's date, in the order of the module doc.

    Args:
        metadata: The cleaned document's metadata (``date`` from the container,
            ``dateline_date`` and ``lead_date`` as written in the text).
        text: The clean text (the evidence for a dateline's year).
        source: The document's source path (for a date in the file name).
        hints: The run's date, year and dated documents.
    """
    hints = hints or DateHints()
    if hints.given is not None:
        return Published(hints.given, "given")
    written = _written_dateline(metadata)
    meta = parse_iso_date(metadata.get("date"))
    if meta is not None:
        return Published(meta, "metadata", _disagreement(written, meta))
    full = _lead_date(metadata)
    if full is not None:
        return Published(full, "dateline")
    file_date = date_from_filename(source)
    if written is not None and written.month is not None and file_date is not None:
        for year in (file_date.year, file_date.year - 1):
            day = _safe(year, written.month, written.day)
            if day is not None and day == file_date:
                return Published(file_date, "filename")
            if day is not None and dt.timedelta(0) < file_date - day <= dt.timedelta(days=FILENAME_LAG_DAYS):
                return Published(
                    day, "inferred", f"'{written.label}' completed with {year} from the file name's date {file_date}"
                )
    if file_date is not None:
        return Published(file_date, "filename", _disagreement(written, file_date))
    if written is None:
        if metadata.get("dateline_place") or metadata.get("agency"):
            return Published(None, "none", "the dateline gives no date and no other source dates the document")
        return Published(None, "none", "no date: none in the metadata, no dateline, no date in the file name")
    month_note = ""
    if written.month is None:
        # "SEVILLA, 20 (EUROPA PRESS) … ha aprobado este jueves, 20 de marzo": the story names its day with the month
        named = month_of_day(written.day, text)
        if named is None:
            return Published(None, "none", f"the dateline gives the day only ({written.day}) and no other source dates it")
        written = WrittenDate(written.day, named[0], None, written.weekday)
        month_note = f"the dateline gives the day only ({written.day}), '{named[1]}' its month; "
    inference = complete_year(
        written.day,
        written.month,
        read_evidence(text),
        weekday=written.weekday,
        year_hint=hints.year,
        corpus=hints.corpus,
        today=hints.today,
    )
    if inference.date is None:
        return Published(None, "none", month_note + inference.reason)
    return Published(inference.date, "inferred", month_note + inference.reason)


def _safe(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _disagreement(written, date: dt.date) -> str | None:
    """A note when the dateline's day and month are not the chosen date's."""
    if written is None or written.month is None:
        return None
    if (written.month, written.day) == (date.month, date.day) and written.year in (None, date.year):
        return None
    return f"the dateline says '{written.label}'"


def choose_reference_date(metadata: dict, text: str, source: str, given: dt.date | None = None) -> tuple[dt.date | None, str]:
    """``(date or None, published_from)`` of one document on its own (`settle_published` without run evidence)."""
    published = settle_published(metadata, text, source, DateHints(given=given))
    return published.date, published.origin
