"""Calendar arithmetic on the periods date values name. Pure: dates in, dates or values out.

`value_interval` gives the days a value denotes; `place` puts a year-less
period in the year its tense says; `weekday_date` finds a weekday around a
reference date.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

from pipeline.values.tense import FUTURE, PAST


def safe_date(year: int, month: int, day: int) -> dt.date | None:
    """The date, or None where there is none ("31 de febrero")."""
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def add_months(year: int, month: int, n: int) -> tuple[int, int]:
    """``(year, month)`` ``n`` months after (before, if negative) the given one."""
    index = year * 12 + (month - 1) + n
    return index // 12, index % 12 + 1


def month_span(year: int, month: int, months: int = 1) -> tuple[dt.date, dt.date]:
    """``(first day, day after)`` of ``months`` months from the given one: a month, a quarter (3), a half (6)."""
    return dt.date(year, month, 1), dt.date(*add_months(year, month, months), 1)


def week_value(day: dt.date, suffix: str = "") -> str:
    """The ISO week of ``day`` as a value: ``2026-W01`` (``suffix`` "-WE": its weekend)."""
    year, week, _ = day.isocalendar()
    return f"{year:04d}-W{week:02d}{suffix}"


def place(
    reference: dt.date, tense: str | None, make: Callable[[int], tuple[dt.date, dt.date] | None], default: str | None = None
) -> int | None:
    """The year (around the reference's) that puts a year-less period where the tense says.

    ``make(year)`` gives the period's ``(first day, day after)`` in that year.
    Past: the latest starting on or before the reference; future: the first
    not over by it; else (``default``) the nearest.
    """
    options = [(y, make(y)) for y in (reference.year - 1, reference.year, reference.year + 1)]
    options = [(y, p) for y, p in options if p is not None]
    if not options:
        return None
    tense = tense or default
    if tense == PAST:
        past = [y for y, p in options if p[0] <= reference]
        return max(past) if past else None
    if tense == FUTURE:
        future = [y for y, p in options if p[1] > reference]
        return min(future) if future else None

    def distance(p: tuple[dt.date, dt.date]) -> int:
        return 0 if p[0] <= reference < p[1] else min(abs((p[0] - reference).days), abs((p[1] - reference).days))

    return min(options, key=lambda o: distance(o[1]))[0]


def weekday_date(weekday: int, reference: dt.date, how: str) -> dt.date:
    """The date of an ISO weekday relative to the reference.

    ``how``: "past" on or before, "future" on or after, "before"/"after"
    strictly, "week" in the reference's ISO week.
    """
    today = reference.isoweekday()
    if how == "week":
        return reference + dt.timedelta(days=weekday - today)
    if how == PAST:
        return reference - dt.timedelta(days=(today - weekday) % 7)
    if how == FUTURE:
        return reference + dt.timedelta(days=(weekday - today) % 7)
    if how == "before":
        return reference - dt.timedelta(days=(today - weekday - 1) % 7 + 1)
    return reference + dt.timedelta(days=(weekday - today - 1) % 7 + 1)


def weekday_value(weekday: int, reference: dt.date | None, *, direction: int = 0) -> str:
    """The value of a named weekday: -1 the latest on or before, +1 the next on or after, 0 this week."""
    if reference is None:
        return f"XXXX-WXX-{weekday}"
    how = {-1: PAST, 1: FUTURE}.get(direction, "week")
    return weekday_date(weekday, reference, how).isoformat()


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
            d = safe_date(year, int(month), int(day))
            return (d, d + dt.timedelta(days=1)) if d else None
        if month:
            if not 1 <= int(month) <= 12:
                return None
            return month_span(year, int(month))
        return dt.date(year, 1, 1), dt.date(year + 1, 1, 1)
    m = re.fullmatch(r"(\d{4})-Q([1-4])", value)
    if m:
        year, q = int(m.group(1)), int(m.group(2))
        return month_span(year, 3 * q - 2, 3)
    m = re.fullmatch(r"(\d{4})-H([12])", value)
    if m:
        year, h = int(m.group(1)), int(m.group(2))
        return (dt.date(year, 1, 1), dt.date(year, 7, 1)) if h == 1 else (dt.date(year, 7, 1), dt.date(year + 1, 1, 1))
    m = re.fullmatch(r"(\d{2,3})", value)
    if m:  # decade "199", century "20"
        size = 10 if len(value) == 3 else 100
        first = int(value) * size
        return dt.date(max(first, 1), 1, 1), dt.date(first + size, 1, 1)
    m = re.fullmatch(r"(\d{4})-W(\d{2})", value)
    if m:
        try:
            start = dt.date.fromisocalendar(int(m.group(1)), int(m.group(2)), 1)
        except ValueError:
            return None
        return start, start + dt.timedelta(days=7)
    return None
