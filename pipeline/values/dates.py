"""Spanish date expressions → TIMEX3-style values. Pure: no spaCy here.

Values follow DESIGN: ``2021-11-21``, ``2021-11``, ``2021``, and ``XXXX-01-20``
when the year cannot be known. A relative expression ("este jueves", "ayer")
needs the document's reference date; without one it stays unresolved.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from pipeline.lang import mapping

MONTHS: dict[str, int] = {k: int(v) for k, v in mapping("months", "form", "month").items()}
WEEKDAYS: dict[str, int] = {k: int(v) for k, v in mapping("weekdays", "form", "weekday").items()}

_MONTH_ALT = "|".join(sorted(MONTHS, key=len, reverse=True))
_WEEKDAY_ALT = "|".join(sorted(WEEKDAYS, key=len, reverse=True))

DAY_MONTH = re.compile(
    rf"^(?P<day>\d{{1,2}})(?:\.?º|\.?°)?(?:\s+de)?\s+(?P<month>{_MONTH_ALT})\.?(?:\s+(?:de\s+|del\s+)?(?P<year>\d{{4}}))?$",
    re.IGNORECASE,
)

# Patterns for the first date component; each names its groups.
FULL_DATE = re.compile(
    rf"\b(?P<day>\d{{1,2}})(?:\.?º|\.?°)?\s+de\s+(?P<month>{_MONTH_ALT})\.?\s+(?:de|del)\s+(?P<year>\d{{4}})\b",
    re.IGNORECASE,
)
DAY_MONTH_IN_TEXT = re.compile(
    rf"\b(?P<day>\d{{1,2}})(?:\.?º|\.?°)?(?:\s+de)?\s+(?P<month>{_MONTH_ALT})\b\.?(?!\s+(?:de|del)\s+\d{{4}})",
    re.IGNORECASE,
)
MONTH_YEAR = re.compile(rf"\b(?P<month>{_MONTH_ALT})\s+(?:de|del)\s+(?P<year>\d{{4}})\b", re.IGNORECASE)
WEEKDAY_THIS = re.compile(rf"\b(?:este|el\s+pasado|el\s+próximo|el|hoy)\s+(?P<weekday>{_WEEKDAY_ALT})\b", re.IGNORECASE)
DEICTIC = re.compile(r"\b(?P<word>anteayer|antier|ayer|hoy|pasado\s+mañana|(?<!la\s)(?<!esta\s)mañana)\b", re.IGNORECASE)
DEICTIC_OFFSETS = {"anteayer": -2, "antier": -2, "ayer": -1, "hoy": 0, "mañana": 1, "pasado mañana": 2}


@dataclass(frozen=True)
class DateMatch:
    """A date expression found in a text: where it is and its value."""

    start: int
    end: int
    value: str


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def parse_day_month(text: str) -> tuple[int | None, int, int] | None:
    """``"20 ene"`` → ``(None, 1, 20)``; ``"5 de enero de 2022"`` → ``(2022, 1, 5)``; else None."""
    m = DAY_MONTH.match(text.strip())
    if not m:
        return None
    month = MONTHS.get(m.group("month").lower())
    day = int(m.group("day"))
    year = int(m.group("year")) if m.group("year") else None
    if month is None or _safe_date(year or 2000, month, day) is None:
        return None
    return year, month, day


def explicit_dates(text: str) -> list[dt.date]:
    """Every full "D de MES de YYYY" date written in ``text``."""
    out = []
    for m in FULL_DATE.finditer(text):
        d = _safe_date(int(m.group("year")), MONTHS[m.group("month").lower()], int(m.group("day")))
        if d is not None:
            out.append(d)
    return out


def infer_year(month: int, day: int, text: str) -> dt.date | None:
    """The date of a year-less dateline, from the evidence in the article.

    The article reports its latest explicit date as past, so it was written on
    or after it; a weekday named as "este/hoy <weekday>" must fall on the
    dateline's day. The earliest year that satisfies both wins. Without an
    explicit date there is no anchor, and no year is guessed.
    """
    past = explicit_dates(text)
    if not past:
        return None
    latest = max(past)
    weekdays = {WEEKDAYS[m.group("weekday").lower()] for m in WEEKDAY_THIS.finditer(text)
                if m.group(0).lower().split()[0] in ("este", "hoy")}
    for year in range(latest.year, latest.year + 3):
        candidate = _safe_date(year, month, day)
        if candidate is None or candidate < latest:
            continue
        if weekdays and candidate.isoweekday() not in weekdays:
            continue
        return candidate
    return None


def weekday_value(weekday: int, reference: dt.date | None, *, direction: int = 0) -> str:
    """The date of a named weekday relative to the reference date.

    Args:
        weekday: ISO weekday (Monday = 1).
        reference: The document date; None leaves the value unresolved.
        direction: -1 for the latest such day on or before the reference
            ("el pasado jueves", past tense), +1 for the next one on or after
            it ("el próximo jueves"), 0 for the one in the reference's week
            ("este jueves").
    """
    if reference is None:
        return "XXXX-XX-XX"
    delta = weekday - reference.isoweekday()
    if direction < 0 and delta > 0:
        delta -= 7
    elif direction > 0 and delta < 0:
        delta += 7
    return (reference + dt.timedelta(days=delta)).isoformat()


def find_dates(text: str, reference: dt.date | None) -> list[DateMatch]:
    """Date expressions in ``text`` with values resolved against ``reference``."""
    found: list[DateMatch] = []
    taken: list[tuple[int, int]] = []

    def add(start: int, end: int, value: str | None) -> None:
        if value is None or any(s < end and start < e for s, e in taken):
            return
        taken.append((start, end))
        found.append(DateMatch(start, end, value))

    for m in FULL_DATE.finditer(text):
        d = _safe_date(int(m.group("year")), MONTHS[m.group("month").lower()], int(m.group("day")))
        add(m.start(), m.end(), d.isoformat() if d else None)
    for m in MONTH_YEAR.finditer(text):
        add(m.start(), m.end(), f"{int(m.group('year')):04d}-{MONTHS[m.group('month').lower()]:02d}")
    for m in DAY_MONTH_IN_TEXT.finditer(text):
        month, day = MONTHS[m.group("month").lower()], int(m.group("day"))
        if _safe_date(2000, month, day) is None:
            continue
        year = f"{reference.year:04d}" if reference else "XXXX"
        add(m.start(), m.end(), f"{year}-{month:02d}-{day:02d}")
    for m in WEEKDAY_THIS.finditer(text):
        opener = m.group(0).lower().split()[0]
        direction = {"este": 0, "hoy": 0}.get(opener, 0)
        if "pasado" in m.group(0).lower():
            direction = -1
        elif "próximo" in m.group(0).lower():
            direction = 1
        start = m.start() if opener != "el" or direction else m.start("weekday")
        add(start, m.end(), weekday_value(WEEKDAYS[m.group("weekday").lower()], reference, direction=direction))
    for m in DEICTIC.finditer(text):
        word = re.sub(r"\s+", " ", m.group("word").lower())
        value = (reference + dt.timedelta(days=DEICTIC_OFFSETS[word])).isoformat() if reference else None
        if value is None:
            value = "XXXX-XX-XX"
        add(m.start(), m.end(), value)
    return sorted(found, key=lambda d: d.start)


def value_interval(value: str) -> tuple[dt.date, dt.date] | None:
    """The days a value denotes, as ``(first day, day after the last)``; None if not a calendar value.

    ``2021-11-21`` → one day, ``2021-11`` → the month, ``2021`` → the year,
    ``2023-Q4`` → the quarter, ``2026-W01`` → the ISO week, ``a/b`` → from the
    start of ``a`` to the end of ``b``.
    """
    if "/" in value:
        a, b = (value_interval(part) for part in value.split("/", 1))
        return (a[0], b[1]) if a and b else None
    m = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", value)
    if m:
        year, month, day = int(m.group(1)), m.group(2), m.group(3)
        if day:
            d = _safe_date(year, int(month), int(day))
            return (d, d + dt.timedelta(days=1)) if d else None
        if month:
            if not 1 <= int(month) <= 12:
                return None
            start = dt.date(year, int(month), 1)
            return start, (dt.date(year + 1, 1, 1) if int(month) == 12 else dt.date(year, int(month) + 1, 1))
        return dt.date(year, 1, 1), dt.date(year + 1, 1, 1)
    m = re.fullmatch(r"(\d{4})-Q([1-4])", value)
    if m:
        year, q = int(m.group(1)), int(m.group(2))
        return dt.date(year, 3 * q - 2, 1), (dt.date(year + 1, 1, 1) if q == 4 else dt.date(year, 3 * q + 1, 1))
    m = re.fullmatch(r"(\d{4})-W(\d{2})", value)
    if m:
        try:
            start = dt.date.fromisocalendar(int(m.group(1)), int(m.group(2)), 1)
        except ValueError:
            return None
        return start, start + dt.timedelta(days=7)
    return None
