"""Spanish date expressions → TIMEX3-style values. Pure: no spaCy here.

`find_dates` finds every date expression of a text and resolves it against
the document's reference date. Values (DESIGN, contract): ``2021-11-21``,
``2021-11``, ``2021``, ``2023-Q4``, ``2023-H1``, ``2026-W01``, weekend
``2026-W01-WE``, season ``2021-SU``, decade ``199``, century ``20``, interval
``2025-11-10/2025-11-21``, vague ``PRESENT_REF`` / ``PAST_REF`` /
``FUTURE_REF``.

Without a reference date nothing relative is guessed: the parts that cannot
be known are ``X`` at the expression's own granularity — ``XXXX-01-20`` (a
day without its year), ``XXXX-XX-XX`` ("ayer"), ``XXXX-WXX-4`` ("el jueves"),
``XXXX-XX`` ("el mes pasado"), ``XXXX-WXX`` ("la semana pasada"), ``XXXX``
("el año pasado"), ``XXXX-Q4`` ("el cuarto trimestre"), ``XXXX-QX``.

A date without its year (a weekday, "5 de enero", "marzo", "el cuarto
trimestre") is placed by the tense of its sentence (`pipeline.values.tense`):
past → the latest one on or before the reference date, future → the next one
on or after it; with no tense cue a weekday takes the past one (news reports
what happened: measured on MEANTIME) and a day, month or quarter the nearest.

How spans are cut: an article before a day or weekday is left out ("el 12 de
octubre" → "12 de octubre"), one before a unit is kept ("la semana pasada",
"el cuarto trimestre"), a range keeps its opening preposition ("del 10 al 21
de noviembre", "entre 2019 y 2021").

The package, one job a module (the flow: patterns → rules → find → resolve)::

    patterns        language tables (``pipeline/lang/es``) and the compiled regexes; data only
    rules_named     candidates that name a day, month or year ("5 de enero", "2019", "el jueves")
    rules_relative  candidates told from the reference or the text ("la semana pasada", "mañana")
    find            `find_dates`: the longest of overlapping candidates, ranges, values in text order
    resolve         resolvers: a candidate's value from its `Context` (reference, tense, last date named)
    periods         calendar arithmetic: `value_interval`, `place`, `weekday_date`, `add_months`
    reading         numbers as dates write them (`number_value`), words and text around a match
    models          `DateMatch`, `Candidate`, `Context`
    datelines       an article's date from its dateline: `parse_day_month`, `infer_year`

Every public name is importable from here, as before the split.
"""

from pipeline.values.dates.datelines import explicit_dates, infer_year, named_weekdays, parse_day_month
from pipeline.values.dates.find import RULES, find_dates
from pipeline.values.dates.models import WEAK_KINDS, Candidate, Context, DateMatch
from pipeline.values.dates.patterns import (
    AGO,
    ANCHOR_AFTER,
    ANCHOR_BEFORE,
    BARE_DAY_RANGE,
    BARE_MONTH,
    CENTURY,
    DAY_DEL_MONTH,
    DAY_MONTH,
    DAY_MONTH_ONLY,
    DAY_OF_MONTH,
    DECADE,
    DECADE_SHORT,
    EARLIEST_YEAR,
    EDGE_YEAR,
    LATEST_YEAR,
    MONTH_ANCHOR,
    MONTH_TRIGGER,
    MONTH_YEAR,
    MONTHS,
    MONTHS_FULL,
    NTH_WEEKDAY,
    NUMERIC_DM,
    NUMERIC_DMY,
    NUMERIC_YMD,
    ORDINALS,
    PART,
    RANGE_LINK,
    RANGE_OPENERS,
    SEASON,
    SEASON_ANCHOR,
    SEASONS,
    THEN,
    UNIT_ANCHOR,
    UNIT_SHIFT,
    UNITS,
    WEEKDAY,
    WEEKDAY_ANCHOR,
    WEEKDAYS,
    WEEKEND,
    WEEKEND_ANCHOR,
    YEAR,
    YEAR_RANGE,
    YEAR_TRIGGER,
)
from pipeline.values.dates.periods import add_months, place, value_interval, week_value, weekday_date, weekday_value
from pipeline.values.dates.reading import number_value, two_digit_year
from pipeline.values.dates.resolve import MONTH_DEFAULT, WEEKDAY_DEFAULT
from pipeline.values.dates.rules_named import rule_day_month, rule_months, rule_numeric, rule_weekdays, rule_years
from pipeline.values.dates.rules_relative import rule_units, rule_words

__all__ = [
    "AGO", "ANCHOR_AFTER", "ANCHOR_BEFORE", "BARE_DAY_RANGE", "BARE_MONTH", "CENTURY", "Candidate", "Context",
    "DAY_DEL_MONTH", "DAY_MONTH", "DAY_MONTH_ONLY", "DAY_OF_MONTH", "DECADE", "DECADE_SHORT", "DateMatch", "EARLIEST_YEAR",
    "EDGE_YEAR", "LATEST_YEAR", "MONTHS", "MONTHS_FULL", "MONTH_ANCHOR", "MONTH_DEFAULT", "MONTH_TRIGGER", "MONTH_YEAR",
    "NTH_WEEKDAY", "NUMERIC_DM", "NUMERIC_DMY", "NUMERIC_YMD", "ORDINALS", "PART", "RANGE_LINK", "RANGE_OPENERS", "RULES",
    "SEASON", "SEASONS", "SEASON_ANCHOR", "THEN", "UNITS", "UNIT_ANCHOR", "UNIT_SHIFT", "WEAK_KINDS", "WEEKDAY", "WEEKDAYS",
    "WEEKDAY_ANCHOR", "WEEKDAY_DEFAULT", "WEEKEND", "WEEKEND_ANCHOR", "YEAR", "YEAR_RANGE", "YEAR_TRIGGER", "add_months",
    "explicit_dates", "find_dates", "infer_year", "named_weekdays", "number_value", "parse_day_month", "place",
    "rule_day_month", "rule_months", "rule_numeric", "rule_units", "rule_weekdays", "rule_words", "rule_years",
    "two_digit_year", "value_interval", "week_value", "weekday_date", "weekday_value",
]
