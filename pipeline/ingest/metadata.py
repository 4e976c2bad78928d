"""Article metadata from the text itself: the dateline and the document date.

The dateline is the wire-copy opening "La Habana, 20 ene (RHC)": a place, a
day and month (rarely a year) and the agency. The document date (the
reference for "ayer", "este jueves", "20 ene") is chosen in the order DESIGN
gives: the caller's date, the container's metadata, the dateline, a date in
the file name; a dateline without a year gets the year the text supports.
"""

from __future__ import annotations

import datetime as dt
import re

from pipeline.ingest.fragment import Fragment
from pipeline.values import dates as date_values
from pipeline.values.dateline_patterns import BYLINE_OPENER, DATELINE, DATELINE_INSIDE, DATELINE_NO_DATE

FILENAME_DATE = re.compile(r"(?<!\d)(?P<y>(?:19|20)\d{2})[-_]?(?P<m>0[1-9]|1[0-2])[-_]?(?P<d>0[1-9]|[12]\d|3[01])(?!\d)")

PUBLISHED_FROM = ("given", "metadata", "dateline", "filename", "inferred", "none")


def holds_dateline(text: str) -> bool:
    """True if a line holds a dateline's "<place>, <day> <month> (<agency>)" after other words."""
    m = DATELINE_INSIDE.search(text)
    return m is not None and date_values.parse_day_month(m.group("date")) is not None


def split_dateline(frag: Fragment) -> tuple[Fragment | None, Fragment, dict]:
    """Splits a leading dateline off the first body paragraph.

    Returns:
        ``(dateline, rest, found)`` where ``found`` has ``dateline_place``,
        ``dateline_date`` (text as written) and ``agency``; ``dateline`` is
        None when the paragraph does not open with one.
    """
    text = frag.text
    m = DATELINE.match(text)
    if m and date_values.parse_day_month(m.group("date")) is not None:
        found = {
            "dateline_place": m.group("place").strip(),
            "dateline_date": m.group("date"),
            "agency": m.group("agency").strip(),
        }
    else:
        m = DATELINE_NO_DATE.match(text)
        if not m:
            return None, frag, {}
        found = {"dateline_place": m.group("place").strip().title(), "agency": m.group("agency").strip()}
    if BYLINE_OPENER.match(found["dateline_place"]):
        del found["dateline_place"]  # "Por Hugo Bonifacio Santo Domingo": where the name ends is unknown
    end = m.end("agency") + 1
    return frag.slice(0, end).strip(), frag.slice(m.end()).strip(), found


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


def choose_reference_date(metadata: dict, text: str, source: str, given: dt.date | None = None) -> tuple[dt.date | None, str]:
    """The document date and where it came from.

    Args:
        metadata: The cleaned document's metadata (``date`` from the container,
            ``dateline_date`` from the dateline).
        text: The clean text, for year inference from its own dates.
        source: The document's source path (for a date in the file name).
        given: A date the caller gave; wins over everything.

    Returns:
        ``(date or None, published_from)`` with ``published_from`` one of
        ``PUBLISHED_FROM``.
    """
    if given is not None:
        return given, "given"
    meta_date = parse_iso_date(metadata.get("date"))
    if meta_date is not None:
        return meta_date, "metadata"
    dateline = metadata.get("dateline_date")
    if dateline:
        parsed = date_values.parse_day_month(dateline)
        if parsed is not None:
            year, month, day = parsed
            if year is not None:
                try:
                    return dt.date(year, month, day), "dateline"
                except ValueError:
                    pass
            file_date = date_from_filename(source)
            if file_date is not None and (file_date.month, file_date.day) == (month, day):
                return file_date, "filename"
            inferred = date_values.infer_year(month, day, text)
            if inferred is not None:
                return inferred, "inferred"
    file_date = date_from_filename(source)
    if file_date is not None:
        return file_date, "filename"
    return None, "none"
