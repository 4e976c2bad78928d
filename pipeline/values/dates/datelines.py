"""The date of an article from its dateline: "20 ene" read, and its year inferred from the dates the article names."""

from __future__ import annotations

import datetime as dt
import re

from pipeline.values.dates.find import find_dates
from pipeline.values.dates.patterns import DAY_MONTH_ONLY, MONTHS, NAMED_WEEKDAY, WEEKDAYS
from pipeline.values.dates.periods import safe_date
from pipeline.values.dates.reading import number_value
from pipeline.values.tense import FUTURE, tense_near


def parse_day_month(text: str) -> tuple[int | None, int, int] | None:
    """``"20 ene"`` → ``(None, 1, 20)``; ``"5 de enero de 2022"`` → ``(2022, 1, 5)``; else None."""
    m = DAY_MONTH_ONLY.match(text.strip())
    if not m:
        return None
    month = MONTHS.get(m.group("month").lower())
    day = number_value(m.group("day"))
    year = int(m.group("year")) if m.group("year") else None
    if month is None or day is None or safe_date(year or 2000, month, day) is None:
        return None
    return year, month, day


def explicit_dates(text: str, *, past_only: bool = False) -> list[dt.date]:
    """Every date written with its year in ``text`` ("21 de noviembre de 2021", "21/11/2021").

    Args:
        text: The article.
        past_only: Leave out the dates whose sentence is in the future tense
            (an announced date is no lower bound for the article's date).
    """
    out = []
    for match in find_dates(text, None):
        if match.kind != "day" or not re.fullmatch(r"\d{4}-\d\d-\d\d", match.value):
            continue
        if past_only and tense_near(text, match.start, match.end) == FUTURE:
            continue
        out.append(dt.date.fromisoformat(match.value))
    return out


def named_weekdays(text: str) -> set[int]:
    """ISO weekdays the text names as the day it is written ("este jueves", "hoy jueves")."""
    return {WEEKDAYS[m.group("wd").lower()] for m in NAMED_WEEKDAY.finditer(text)}


def infer_year(month: int, day: int, text: str) -> dt.date | None:
    """The date of a year-less dateline, from the evidence in the article.

    The article reports its latest explicit past date, so it was written on or
    after it; a weekday named as "este/hoy <weekday>" must fall on the
    dateline's day. The earliest year that satisfies both wins. Without an
    explicit date there is no anchor, and no year is guessed.
    """
    past = explicit_dates(text, past_only=True)
    if not past:
        return None
    latest = max(past)
    weekdays = named_weekdays(text)
    for year in range(latest.year, latest.year + 3):
        candidate = safe_date(year, month, day)
        if candidate is None or candidate < latest:
            continue
        if weekdays and candidate.isoweekday() not in weekdays:
            continue
        return candidate
    return None
