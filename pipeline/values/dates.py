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
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cache

from text_to_num import alpha2digit, text2num

from pipeline.lang import mapping, read_table
from pipeline.values.tense import FUTURE, PAST, tense_near

MONTHS: dict[str, int] = {k: int(v) for k, v in mapping("months", "form", "month").items()}
MONTHS_FULL = tuple(r["form"] for r in read_table("months") if r["kind"] == "full")
WEEKDAYS: dict[str, int] = {k: int(v) for k, v in mapping("weekdays", "form", "weekday").items()}
ORDINALS: dict[str, int] = {k: int(v) for k, v in mapping("ordinals", "form", "value").items()}
SEASONS: dict[str, str] = mapping("seasons", "form", "season")
UNITS: dict[str, str] = mapping("date_units", "form", "unit")
WEAK_KINDS = frozenset({"month", "year", "weekday", "vague", "anaphor"})
WEEKDAY_DEFAULT = PAST  # tense unknown: news reports what happened (MEANTIME: see make eval)
MONTH_DEFAULT = PAST  # a bare month likewise; a day and month ("el 3 de junio") takes the nearest
EARLIEST_YEAR, LATEST_YEAR = 1500, 2100


def _alt(forms) -> str:
    """A regex alternation of literal forms, longest first, spaces matching any whitespace."""
    return "|".join(re.escape(f).replace(r"\ ", r"\s+") for f in sorted(set(forms), key=len, reverse=True))


_MONTH_FULL = _alt(MONTHS_FULL)
_MONTH_ANY = _alt(MONTHS)
_WEEKDAY = _alt(WEEKDAYS)
_WORD = r"[a-záéíóúñü]+"
_YEAR = r"(?:1[5-9]\d\d|20\d\d)"
_DAYNUM = r"(?:[12]\d|3[01]|0?[1-9])(?:\.?\s?º|\.?°|ro|er)?"
_DAYWORD = rf"(?:{_WORD}(?:\s+y\s+{_WORD}|\s+(?!de\b){_WORD})?)"
_YEARWORDS = rf"(?:dos\s+mil(?:\s+{_WORD}){{0,3}}|mil\s+novecientos(?:\s+{_WORD}){{0,4}})"
_SHIFT_PRE = {r["form"]: int(r["shift"]) for r in read_table("date_shifts") if r["position"] == "pre"}
_SHIFT_POST = {r["form"]: int(r["shift"]) for r in read_table("date_shifts") if r["position"] == "post"}
_EDGE = _alt(r["form"] for r in read_table("date_edges"))
_REL_YEAR = {"este año": 0, "año en curso": 0, "presente año": 0, "año": 0, "año pasado": -1, "año anterior": -1,
             "próximo año": 1, "año próximo": 1, "año que viene": 1, "año siguiente": 1}
_YEAR_REF = rf"(?:(?P<y>{_YEAR})|(?P<yrel>{_alt(_REL_YEAR)}))"
_PLURAL_OK = frozenset({"las", "los", "unos", "unas", "sus", "nos", "les", "más", "menos", "pues", "después", "antes",
                        "tras", "mientras", "entonces", "además", "es", "fue", "has", "hasta", "desde"})
_COUNT_WORDS = frozenset(r["word"] for r in read_table("year_not_before"))
_NAME_BEFORE = re.compile(r"[A-ZÁÉÍÓÚÑ][\wáéíóúñ]*\s+(?:de|del)\s+$")


@dataclass(frozen=True)
class DateMatch:
    """A date expression found in a text: where it is, its value and its kind."""

    start: int
    end: int
    value: str
    kind: str = "day"


@dataclass
class Candidate:
    """A span a rule found; ``resolve`` gives its value once the context is known."""

    start: int
    end: int
    kind: str
    resolve: Callable[[Context], str | None]
    parts: dict = field(default_factory=dict)


@dataclass
class Context:
    text: str
    reference: dt.date | None
    start: int = 0
    end: int = 0
    last_day: dt.date | None = None
    last_year: int | None = None
    last_value: str | None = None

    def tense(self) -> str | None:
        return tense_near(self.text, self.start, self.end)


# ---------------------------------------------------------------- calendar

def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def add_months(year: int, month: int, n: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + n
    return index // 12, index % 12 + 1


def week_value(day: dt.date, suffix: str = "") -> str:
    year, week, _ = day.isocalendar()
    return f"{year:04d}-W{week:02d}{suffix}"


def place(reference: dt.date, tense: str | None, make: Callable[[int], tuple[dt.date, dt.date] | None],
          default: str | None = None) -> int | None:
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
            d = _safe_date(year, int(month), int(day))
            return (d, d + dt.timedelta(days=1)) if d else None
        if month:
            if not 1 <= int(month) <= 12:
                return None
            y2, m2 = add_months(year, int(month), 1)
            return dt.date(year, int(month), 1), dt.date(y2, m2, 1)
        return dt.date(year, 1, 1), dt.date(year + 1, 1, 1)
    m = re.fullmatch(r"(\d{4})-Q([1-4])", value)
    if m:
        year, q = int(m.group(1)), int(m.group(2))
        y2, m2 = add_months(year, 3 * q - 2, 3)
        return dt.date(year, 3 * q - 2, 1), dt.date(y2, m2, 1)
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


# ---------------------------------------------------------------- numbers

@cache
def number_value(text: str) -> int | None:
    """``"21"``, ``"1.º"``, ``"primero"``, ``"veintiuno"``, ``"vigésimo segundo"``, ``"dos mil veinte"`` → int."""
    t = re.sub(r"\s+", " ", text.strip().lower())
    if t in ORDINALS:
        return ORDINALS[t]
    m = re.fullmatch(r"(\d+)(?:\.?\s?º|\.?°|ro|er)?", t)
    if m:
        return int(m.group(1))
    try:
        return text2num(t, "es")
    except ValueError:
        pass
    m = re.fullmatch(r"(\d+)º", alpha2digit(t, "es"))
    return int(m.group(1)) if m else None


def two_digit_year(yy: int, reference: dt.date | None) -> int:
    """``89`` → 1989, ``07`` → 2007: the century that puts the year at most 20 years after the reference."""
    pivot = (reference.year if reference else 2000) + 20
    year = 2000 + yy
    return year if year <= pivot else year - 100


# ---------------------------------------------------------------- resolvers

def _day_resolver(month: int, day: int, year: int | None = None, weekday: int | None = None, tense: str | None = None):
    def resolve(ctx: Context) -> str | None:
        if year is not None:
            d = _safe_date(year, month, day)
            return d.isoformat() if d else None
        if _safe_date(2000, month, day) is None:
            return None
        if ctx.reference is None:
            return f"XXXX-{month:02d}-{day:02d}"
        if weekday is not None:  # "jueves 28 de septiembre": the year where that day is a Thursday
            fits = [y for y in (ctx.reference.year, ctx.reference.year - 1, ctx.reference.year + 1)
                    if (d := _safe_date(y, month, day)) is not None and d.isoweekday() == weekday]
            if fits:
                return dt.date(fits[0], month, day).isoformat()

        def make(y: int):
            d = _safe_date(y, month, day)
            return (d, d + dt.timedelta(days=1)) if d else None

        y = place(ctx.reference, tense or ctx.tense(), make)
        return f"{y:04d}-{month:02d}-{day:02d}" if y else None

    return resolve


def _month_resolver(month: int, year: int | None = None, shift: int | None = None):
    def resolve(ctx: Context) -> str | None:
        if year is not None:
            return f"{year:04d}-{month:02d}"
        if ctx.reference is None:
            return f"XXXX-{month:02d}"
        ref = ctx.reference
        if shift == 0:
            return f"{ref.year:04d}-{month:02d}"
        tense = {-1: "before", 1: "after"}.get(shift) if shift else ctx.tense()
        if tense == "before":
            y = ref.year if month < ref.month else ref.year - 1
        elif tense == "after":
            y = ref.year if month > ref.month else ref.year + 1
        else:
            y = place(ref, tense, lambda y: (dt.date(y, month, 1), dt.date(*add_months(y, month, 1), 1)), MONTH_DEFAULT)
        return f"{y:04d}-{month:02d}" if y else None

    return resolve


def _weekday_resolver(weekday: int, how: str | None, week_shift: int | None = None):
    def resolve(ctx: Context) -> str | None:
        if ctx.reference is None:
            return f"XXXX-WXX-{weekday}"
        if week_shift is not None:
            monday = ctx.reference - dt.timedelta(days=ctx.reference.isoweekday() - 1 - 7 * week_shift)
            return (monday + dt.timedelta(days=weekday - 1)).isoformat()
        mode = how
        if how in (None, "this"):
            tense = ctx.tense()
            mode = tense or ("week" if how == "this" else WEEKDAY_DEFAULT)
        return weekday_date(weekday, ctx.reference, mode).isoformat()

    return resolve


def _month_day_options(reference: dt.date, day: int, months: int = 2) -> list[dt.date]:
    """The dates with day-of-month ``day`` in the months around the reference's."""
    out = []
    for n in range(-months, months + 1):
        y, m = add_months(reference.year, reference.month, n)
        if (d := _safe_date(y, m, day)) is not None:
            out.append(d)
    return out


def _pick_day(reference: dt.date, options: list[dt.date], tense: str | None) -> dt.date | None:
    if tense == PAST:
        options = [d for d in options if d <= reference]
        return max(options) if options else None
    if tense == FUTURE:
        options = [d for d in options if d >= reference]
        return min(options) if options else None
    return min(options, key=lambda d: abs((d - reference).days)) if options else None


def _dom_resolver(day: int):
    """ "el día 18": the 18th of the month that the tense (else nearness) picks."""
    def resolve(ctx: Context) -> str | None:
        if ctx.reference is None:
            return f"XXXX-XX-{day:02d}"
        d = _pick_day(ctx.reference, _month_day_options(ctx.reference, day, 1), ctx.tense())
        return d.isoformat() if d else None

    return resolve


def _weekday_dom_resolver(weekday: int, day: int):
    """ "el viernes 31": a 31st that is a Friday, in the months around the reference (tense, else the nearest)."""
    def resolve(ctx: Context) -> str | None:
        if ctx.reference is None:
            return f"XXXX-XX-{day:02d}"
        options = [d for d in _month_day_options(ctx.reference, day, 12) if d.isoweekday() == weekday]
        d = _pick_day(ctx.reference, options, ctx.tense()) or _pick_day(ctx.reference, options, None)
        return d.isoformat() if d else f"XXXX-XX-{day:02d}"

    return resolve


def _unit_resolver(unit: str, shift: int):
    def resolve(ctx: Context) -> str | None:
        ref = ctx.reference
        if ref is None:
            return {"day": "XXXX-XX-XX", "week": "XXXX-WXX", "month": "XXXX-XX", "quarter": "XXXX-QX",
                    "half": "XXXX-HX", "year": "XXXX"}[unit]
        if unit == "day":
            return (ref + dt.timedelta(days=shift)).isoformat()
        if unit == "week":
            return week_value(ref + dt.timedelta(weeks=shift))
        if unit == "month":
            y, m = add_months(ref.year, ref.month, shift)
            return f"{y:04d}-{m:02d}"
        if unit == "quarter":
            index = ref.year * 4 + (ref.month - 1) // 3 + shift
            return f"{index // 4:04d}-Q{index % 4 + 1}"
        if unit == "half":
            index = ref.year * 2 + (ref.month - 1) // 6 + shift
            return f"{index // 2:04d}-H{index % 2 + 1}"
        return f"{ref.year + shift:04d}"

    return resolve


def _ago_resolver(n: int, unit: str, sign: int):
    def resolve(ctx: Context) -> str | None:
        ref = ctx.reference
        if ref is None:
            return {"day": "XXXX-XX-XX", "week": "XXXX-XX-XX", "month": "XXXX-XX", "year": "XXXX"}.get(unit)
        if unit in ("day", "week"):
            return (ref + dt.timedelta(days=sign * n * (7 if unit == "week" else 1))).isoformat()
        if unit == "month":
            y, m = add_months(ref.year, ref.month, sign * n)
            return f"{y:04d}-{m:02d}"
        if unit == "year":
            return f"{ref.year + sign * n:04d}"
        return None

    return resolve


def _part_resolver(part: str, number: int, year: int | None, rel_year: int | None, how: int | None):
    """Quarters (``Q``) and halves (``H``): "el cuarto trimestre (de 2023)", "el último trimestre"."""
    per_year = 4 if part == "Q" else 2
    months = 12 // per_year

    def resolve(ctx: Context) -> str | None:
        ref = ctx.reference
        if how is not None:  # "el último / próximo / este trimestre"
            return _unit_resolver("quarter" if part == "Q" else "half", how)(ctx)
        if year is not None:
            return f"{year:04d}-{part}{number}"
        if ref is None:
            return f"XXXX-{part}{number}"
        if rel_year is not None:
            return f"{ref.year + rel_year:04d}-{part}{number}"
        first = (number - 1) * months + 1
        y = place(ref, ctx.tense(), lambda y: (dt.date(y, first, 1), dt.date(*add_months(y, first, months), 1)))
        return f"{y:04d}-{part}{number}" if y else None

    return resolve


def _fixed(value: str):
    return lambda ctx: value


# ---------------------------------------------------------------- rules

def _year_of(m: re.Match, reference_year: int | None = None) -> tuple[int | None, int | None]:
    """``(year, relative year)`` from a match with groups ``y`` / ``yrel``."""
    if m.groupdict().get("y"):
        return int(m.group("y")), None
    if m.groupdict().get("yrel"):
        return None, _REL_YEAR[re.sub(r"\s+", " ", m.group("yrel").lower())]
    return None, None


NUMERIC_DMY = re.compile(
    r"(?<![\d/.,\-])(?P<a>\d{1,2})(?P<sep>[/.\-])(?P<b>\d{1,2})(?:(?P=sep)|(?<=\d),(?=\d))(?P<y>\d{4}|\d{2})(?![\d/\-]|[.,]\d)")
NUMERIC_YMD = re.compile(
    r"(?<![\d/.,\-])(?P<y>(?:1[5-9]|20)\d\d)(?P<sep>[/.\-])(?P<b>\d{1,2})(?P=sep)(?P<a>\d{1,2})(?![\d/\-]|[.,]\d)")
NUMERIC_DM = re.compile(
    r"\b(?:el|del|al|hasta\s+el|desde\s+el)\s+(?P<a>[12]\d|3[01]|0?[1-9])/(?P<b>1[0-2]|0?[1-9])(?![\d/]|[.,]\d)", re.IGNORECASE)
DAY_DEL_MONTH = re.compile(r"\bel\s+(?P<a>[12]\d|3[01]|0?[1-9])\s+del\s+(?P<b>1[0-2]|0?[1-9])\b(?!\s*(?:%|por\s+ciento|[.,]\d))",
                           re.IGNORECASE)
DAY_OF_MONTH = re.compile(
    rf"\b(?:el|del|al|para\s+el|hasta\s+el|desde\s+el)\s+día\s+(?P<d>[12]\d|3[01]|0?[1-9])\b"
    rf"(?!\s*(?:de\s+(?:{_MONTH_ANY}|este|ese)\b|[.,:/\-]\d|%|por\s+ciento|de\s+\d|\s*(?:{_MONTH_ANY})\b))", re.IGNORECASE)
DAY_MONTH = re.compile(
    rf"(?<![\w.,/\-])(?:(?P<wd>{_WEEKDAY})\s*,?\s+)?(?:(?P<dia>(?:el\s+)?día)\s+)?"
    rf"(?P<day>{_DAYNUM}|{_DAYWORD})(?:\s*(?:de\s+|[-/]\s*)|\s+)(?P<mon>{_MONTH_ANY})\b\.?"
    rf"(?:(?:\s*,\s*|\s+(?:de|del)\s+|\s*[-/]\s*|\s+)(?:(?P<y>{_YEAR}|\d{{2}}(?!\d))|(?P<yw>{_YEARWORDS}))\b)?",
    re.IGNORECASE)
MONTH_YEAR = re.compile(
    rf"\b(?P<mon>{_MONTH_ANY})\.?,?\s+(?:(?:de|del)\s+)?(?:{_YEAR_REF}|(?<=del\s)(?P<yy>\d\d)(?![\d%]|[.,]\d|\s+(?:de|por)\b))\b",
    re.IGNORECASE)
BARE_MONTH = re.compile(
    rf"\b(?:(?P<pre>este|el\s+pasado|el\s+próximo|el\s+proximo)\s+)?(?P<mon>{_MONTH_FULL})\b(?:\s+(?P<post>pasado|próximo))?",
    re.IGNORECASE)
MONTH_TRIGGER = re.compile(r"(?:\b(?:en|de|desde|hasta|para|durante|entre|y|o|a|al|del|partir\s+de)\s+|,\s*|^)$", re.IGNORECASE)
YEAR = re.compile(rf"(?<![\d/.,\-])(?:(?P<año>(?:el\s+)?año)\s+)?(?P<y>{_YEAR})(?![\d%]|[.,]\d|\s*[/\-–]\s*\d)")
YEAR_TRIGGER = re.compile(
    r"\b(?:en|de|del|desde|hasta|para|durante|antes\s+de|después\s+de|tras|a\s+partir\s+de|hacia|entre|y|a|al|el|"
    r"año|que|since|sobre)\s+$", re.IGNORECASE)
YEAR_RANGE = re.compile(rf"(?<![\d/.,\-+])(?P<a>{_YEAR})\s*[-–/]\s*(?P<b>{_YEAR}|\d\d)(?![\d/%\-]|[.,]\d)")
WEEKDAY = re.compile(
    rf"\b(?:(?P<pre>este|esta|el\s+pasado|el\s+próximo|el\s+proximo|el\s+último|el\s+ultimo|el\s+siguiente|"
    rf"pasado|próximo|proximo|último|ultimo|siguiente)\s+)?(?P<wd>{_WEEKDAY})\b"
    rf"(?P<post>\s+(?:pasado|próximo|que\s+viene)\b|\s+(?:anterior|siguiente)\b(?!\s+(?:a|al|de|del)\b)"
    rf"|\s+de\s+(?:esta|(?:la\s+)?(?:próxima|siguiente|pasada|última|ultima))\s+semana"
    rf"|\s+de\s+(?:la\s+)?semana\s+(?:pasada|próxima|que\s+viene)|,?\s+(?:la\s+)?(?:próxima|siguiente|pasada)\s+semana"
    rf"|\s+(?P<dom>[12]\d|3[01]|0?[1-9])\b(?!\s*(?:[.,:/\-]\d|de\s|%|por\s+ciento)))?",
    re.IGNORECASE)
NTH_WEEKDAY = re.compile(
    rf"\b(?:el\s+)?(?P<nth>primer|segundo|tercer|cuarto|último|ultimo)\s+(?P<wd>{_WEEKDAY})\s+(?:de|del)\s+"
    rf"(?:(?P<mon>{_MONTH_FULL})(?:\s+(?:de|del)\s+(?P<y>{_YEAR}))?|(?P<this>este\s+mes|mes))\b", re.IGNORECASE)
UNIT_SHIFT = re.compile(
    rf"\b(?:(?P<art>el|la|los|las|del|al)\s+)?(?:(?P<pre>{_alt(_SHIFT_PRE)})\s+)?(?P<unit>año|mes|semana|trimestre|semestre)"
    rf"(?:\s+(?P<post>{_alt(_SHIFT_POST)}))?\b", re.IGNORECASE)
PART = re.compile(
    rf"(?:\b(?:(?P<art>el|del|al)\s+)?(?P<ord>primer|primero|segundo|tercer|tercero|cuarto|último|ultimo|próximo|este)"
    rf"|\b(?P<num>[1-4])\s?(?:\.?º|\.?ª|er|ro|do|to))\s+"
    rf"(?P<unit>trimestre|semestre)(?:\s+(?:de|del)\s+(?:(?P<y>{_YEAR})|(?P<yrel>{_alt(_REL_YEAR)})))?\b", re.IGNORECASE)
AGO = re.compile(
    rf"\b(?P<dir>hace|dentro\s+de)\s+(?P<n>\d+|{_WORD}(?:\s+y\s+{_WORD}|\s+{_WORD})?)\s+(?P<unit>{_alt(UNITS)}|horas?|minutos?)\b",
    re.IGNORECASE)
SEASON = re.compile(
    rf"\b(?:(?P<art>la|el|esta|este|del|al)\s+)?(?:(?P<pre>pasado|pasada|próximo|próxima)\s+)?(?P<s>{_alt(SEASONS)})\b"
    rf"(?:\s+(?:(?:de|del)\s+(?P<y>{_YEAR})|(?P<post>pasado|pasada|próximo|próxima|que\s+viene)))?", re.IGNORECASE)
WEEKEND = re.compile(
    r"\b(?:(?P<art>este|el|del|al)\s+)?(?:(?P<pre>pasado|próximo|último)\s+)?fin\s+de\s+semana\b"
    r"(?:\s+(?P<post>pasado|próximo|que\s+viene))?", re.IGNORECASE)
DECADE = re.compile(r"\b(?:años|década\s+de(?:\s+los)?)\s+(?P<d>(?:1[5-9]|20)?\d0)\b(?!\s*%)", re.IGNORECASE)
CENTURY = re.compile(r"\bsiglo\s+(?P<r>[IVXL]+)\b")
EDGE_YEAR = re.compile(rf"\b(?P<edge>{_EDGE})\s+(?:de|del)\s+(?P<yrel>año)\b(?!\s+(?:{_alt(_SHIFT_POST)}))", re.IGNORECASE)
DECADE_SHORT = re.compile(
    r"\b(?:de|en|durante|desde|hasta)\s+los\s+(?P<a>[2-9]0)(?:\s+y\s+(?:los\s+)?(?P<b>[2-9]0))?(?=\s*[.,;:)]|\s*$)")
THEN = re.compile(r"\b(?:para|desde|hasta|por|de)\s+(?P<then>entonces)\b", re.IGNORECASE)


ANCHOR_BEFORE, ANCHOR_AFTER = 60, 60  # characters around an anchor that a pattern may span
MONTH_ANCHOR = re.compile(rf"\b(?:{_MONTH_ANY})\b", re.IGNORECASE)
WEEKDAY_ANCHOR = re.compile(rf"\b(?:{_WEEKDAY})\b", re.IGNORECASE)
UNIT_ANCHOR = re.compile(r"\b(?:año|mes|semana|trimestre|semestre)\b", re.IGNORECASE)
SEASON_ANCHOR = re.compile(rf"\b(?:{_alt(SEASONS)})\b", re.IGNORECASE)
WEEKEND_ANCHOR = re.compile(r"\bfin\s+de\s+semana\b", re.IGNORECASE)


@cache
def _words_pattern() -> re.Pattern:
    forms = [r["form"] for r in read_table("date_words")]
    return re.compile(rf"(?<![\w])(?:{_alt(forms)})(?![\w])", re.IGNORECASE)


@cache
def _words_table() -> dict[str, tuple[str, str]]:
    return {r["form"]: (r["kind"], r["value"]) for r in read_table("date_words")}


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text.strip().lower())


def _before(text: str, start: int, n: int = 40) -> str:
    return text[max(0, start - n):start]


def _next_word(text: str, end: int) -> str:
    m = re.match(r"\s+([\wáéíóúñü]+)", text[end:end + 40])
    return m.group(1) if m else ""


def rule_numeric(text: str) -> Iterator[Candidate]:
    for m in NUMERIC_DMY.finditer(text):
        day, month, y = int(m.group("a")), int(m.group("b")), m.group("y")
        if month > 12 and day <= 12:
            day, month = month, day  # US order: 02/22/2016, 9-18-15
        if m.group("sep") == "." and len(y) == 2:
            continue  # "3.15.20" is more likely a number than a date
        yield Candidate(m.start(), m.end(), "day", _numeric_resolver(day, month, y))
    for m in NUMERIC_YMD.finditer(text):
        yield Candidate(m.start(), m.end(), "day", _numeric_resolver(int(m.group("a")), int(m.group("b")), m.group("y")))
    for m in DAY_OF_MONTH.finditer(text):
        yield Candidate(m.start(), m.end(), "day", _dom_resolver(int(m.group("d"))))
    for pattern in (NUMERIC_DM, DAY_DEL_MONTH):
        for m in pattern.finditer(text):
            yield Candidate(m.start("a"), m.end(), "day", _day_resolver(int(m.group("b")), int(m.group("a"))))


def _numeric_resolver(day: int, month: int, y: str):
    def resolve(ctx: Context) -> str | None:
        year = int(y) if len(y) == 4 else two_digit_year(int(y), ctx.reference)
        d = _safe_date(year, month, day)
        return d.isoformat() if d else None

    return resolve


def _day_of(m: re.Match) -> int | None:
    day = number_value(m.group("day"))
    return day if day is not None and 1 <= day <= 31 else None


def _search_valid(pattern: re.Pattern, text: str, valid: Callable[[re.Match], bool] | None = None,
                  anchor: re.Pattern | None = None) -> Iterator[re.Match]:
    """Like ``finditer``, with two differences.

    A match ``valid`` rejects is retried one word further on (a day in words
    is matched loosely — "el veintiuno de mayo" first offers "el veintiuno" —
    and checked by text2num after). With ``anchor``, the pattern is only tried
    near each anchor hit (a month name, a weekday, a unit) and must contain
    it: the same matches, found without trying the pattern at every word.
    """
    windows = [(0, len(text), None)] if anchor is None else [
        (max(0, a.start() - ANCHOR_BEFORE), min(len(text), a.end() + ANCHOR_AFTER), a) for a in anchor.finditer(text)]
    done = 0
    for lo, hi, a in windows:
        pos = max(lo, done)
        while (m := pattern.search(text, pos, hi)) is not None:
            if a is not None and not (m.start() <= a.start() and a.end() <= m.end()):
                if m.start() > a.start():
                    break
                space = re.search(r"\s", text[m.start():m.end()])
                pos = m.start() + (space.end() if space else 1)
                continue
            if valid is None or valid(m):
                yield m
                done = m.end()
                if a is not None:
                    break
                pos = m.end()
            else:
                space = re.search(r"\s", text[m.start():m.end()])
                pos = m.start() + (space.end() if space else 1)


def rule_day_month(text: str) -> Iterator[Candidate]:
    for m in _search_valid(DAY_MONTH, text, lambda m: _day_of(m) is not None, MONTH_ANCHOR):
        month_word = m.group("mon").lower()
        day = _day_of(m)
        digit_day = re.match(r"\d", m.group("day")) is not None
        if not digit_day and not re.search(r"\bde\b", text[m.end("day"):m.start("mon")], re.IGNORECASE):
            continue  # a day in words needs "de": "veintiuno de mayo", not "primer set"
        if month_word not in MONTHS_FULL and not (digit_day or m.group("day").lower() in ORDINALS):
            continue  # an abbreviation is a month only after a day number ("20 ene", "primero de ene")
        year = None
        if m.group("y"):
            year = int(m.group("y")) if len(m.group("y")) == 4 else None
            if year is None and not re.search(r"[-/]\s*\d\d$", m.group(0)):
                year = -1  # "5 de enero 22" is not a year
        end = m.end()
        if m.group("yw"):
            words = m.group("yw").split()
            while words and number_value(" ".join(words)) is None:
                words.pop()
            year = number_value(" ".join(words)) if words else -1
            if words:
                end = m.start("yw") + len(re.match(rf"\S+(?:\s+\S+){{{len(words) - 1}}}", m.group("yw")).group())
        if year == -1 or (year is not None and not EARLIEST_YEAR <= year <= LATEST_YEAR):
            end, year = m.end("mon") + (1 if text[m.end("mon"):m.end("mon") + 1] == "." else 0), None
        elif m.group("y") and len(m.group("y")) == 2:
            year = two_digit_year(int(m.group("y")), None)
        if end == m.end() and year is None and month_word in MONTHS_FULL and text[end - 1] == ".":
            end -= 1  # the full stop ends the sentence, not an abbreviation
        start = m.start()
        if m.group("dia") and m.group("dia").lower().startswith("el") and not m.group("wd"):
            start = m.start("dia")
        weekday = WEEKDAYS.get(m.group("wd").lower()) if m.group("wd") else None
        tense = None
        if not m.group("wd") and not m.group("dia"):
            shift = re.search(r"\b(próximo|proximo|pasado)\s+$", _before(text, start, 12), re.IGNORECASE)
            if shift:  # "el próximo 6 de abril", "el pasado 3 de mayo"
                start -= len(_before(text, start, 12)) - shift.start()
                tense = PAST if shift.group(1).lower() == "pasado" else FUTURE
        yield Candidate(start, end, "day", _day_resolver(MONTHS[month_word], day, year, weekday, tense),
                        {"month": MONTHS[month_word], "day": day, "year": year})


def rule_months(text: str) -> Iterator[Candidate]:
    for m in _search_valid(MONTH_YEAR, text, anchor=MONTH_ANCHOR):
        month = MONTHS[m.group("mon").lower()]
        if m.group("mon").lower() not in MONTHS_FULL and not re.search(r"\d", m.group(0)):
            continue
        year, rel = _year_of(m)
        if m.group("yy"):
            year = two_digit_year(int(m.group("yy")), None)
        if rel is not None:
            def resolve(ctx, month=month, rel=rel):
                return f"{ctx.reference.year + rel:04d}-{month:02d}" if ctx.reference else f"XXXX-{month:02d}"
            yield Candidate(m.start(), m.end(), "month", resolve)
        else:
            yield Candidate(m.start(), m.end(), "month", _month_resolver(month, year), {"month": month, "year": year})
    for m in BARE_MONTH.finditer(text):
        word = m.group("mon")
        before = _before(text, m.start(), 60)
        if not m.group("pre"):
            if word[0].isupper() and _NAME_BEFORE.search(before):
                continue  # "Plaza de Mayo", "Revolución de Mayo"
            sentence_start = (m.start() <= 60 and not before.strip()) or re.search(r"[.!?\n\"«“(]\s*$", before) is not None
            if word[0].isupper() and not sentence_start and not MONTH_TRIGGER.search(_before(text, m.start(), 25)):
                continue
            if not word[0].isupper() and not (MONTH_TRIGGER.search(_before(text, m.start(), 25)) or sentence_start):
                continue
        pre = _norm(m.group("pre") or "")
        shift = 0 if pre == "este" else -1 if "pasado" in pre or m.group("post") == "pasado" else \
            1 if "pr" in pre or m.group("post") else None
        yield Candidate(m.start(), m.end(), "month", _month_resolver(MONTHS[word.lower()], shift=shift),
                        {"month": MONTHS[word.lower()]})


def rule_years(text: str) -> Iterator[Candidate]:
    for m in YEAR.finditer(text):
        if not m.group("año"):
            if not YEAR_TRIGGER.search(_before(text, m.start(), 25)):
                continue
            follower = _next_word(text, m.end())
            if follower.islower() and (follower.endswith("s") and follower not in _PLURAL_OK or follower in _COUNT_WORDS):
                continue  # "de 2000 toneladas", "a 2000 km" count or measure something
        start = m.start("año") if m.group("año") and not m.group("año").lower().startswith("el") else m.start("y")
        if m.group("año") and m.group("año").lower().startswith("el"):
            start = m.start("año") + m.group("año").lower().index("año")
        yield Candidate(start, m.end(), "year", _fixed(m.group("y")), {"year": int(m.group("y"))})
    for m in YEAR_RANGE.finditer(text):
        a, b = int(m.group("a")), int(m.group("b"))
        if b < 100:
            b += a // 100 * 100
        if b <= a or b - a > 50:
            continue
        start = m.start()
        opener = re.search(r"\b(entre|de|desde)\s+(?:el\s+)?$", _before(text, m.start(), 15), re.IGNORECASE)
        if opener:
            start = m.start() - len(_before(text, m.start(), 15)) + opener.start()
        yield Candidate(start, m.end(), "interval", _fixed(f"{a:04d}/{b:04d}"))
    for m in DECADE.finditer(text):
        d = m.group("d")
        decade = int(d) if len(d) == 4 else (1900 + int(d) if int(d) >= 20 else 2000 + int(d))
        yield Candidate(m.start(), m.end(), "decade", _fixed(f"{decade // 10:03d}"))
    for m in CENTURY.finditer(text):
        n = _roman(m.group("r"))
        if n and 1 <= n <= 21:
            yield Candidate(m.start(), m.end(), "century", _fixed(f"{n - 1:02d}"))


def _roman(text: str) -> int | None:
    values = {"I": 1, "V": 5, "X": 10, "L": 50}
    total = 0
    for i, ch in enumerate(text):
        v = values[ch]
        total += -v if i + 1 < len(text) and values[text[i + 1]] > v else v
    return total


def rule_weekdays(text: str) -> Iterator[Candidate]:
    for m in _search_valid(WEEKDAY, text, anchor=WEEKDAY_ANCHOR):
        word = m.group("wd")
        before = _before(text, m.start(), 20).lower()
        if not m.group("pre") and re.search(r"\b(?:los|cada|unos|todos\s+los)\s+$", before):
            continue  # "los viernes" repeats: a set, not a date
        if word[0].isupper() and re.match(r"\s+[A-ZÁÉÍÓÚ]", text[m.end("wd"):]) and not m.group("post"):
            continue  # "Viernes Santo", "Lunes Negro": a name
        pre, post = _norm(m.group("pre") or ""), _norm(m.group("post") or "")
        weekday = WEEKDAYS[word.lower()]
        week_shift = None
        if "semana" in post:
            week_shift = 0 if "esta" in post else 1 if ("próxima" in post or "siguiente" in post or "viene" in post) else -1
        if pre.startswith(("este", "esta")):
            how = "this"
        elif "pasado" in pre or "último" in pre or "ultimo" in pre or post in ("pasado", "anterior"):
            how = "before"
        elif pre or post.startswith(("próximo", "que", "siguiente")):
            how = "after"
        else:
            how = None
        start = m.start("pre") if m.group("pre") else m.start("wd")
        if pre.startswith("el "):
            start += 3
        follower = _next_word(text, m.end())
        if m.group("dom") and follower.islower() and (follower.endswith("s") and follower not in _PLURAL_OK
                                                      or follower in _COUNT_WORDS):
            yield Candidate(start, m.end("wd"), "weekday", _weekday_resolver(weekday, how, week_shift))
            continue  # "el viernes 4 manifestantes": a count, not the 4th
        if m.group("dom"):  # "el viernes 31": the month where the 31st is a Friday
            yield Candidate(start, m.end(), "day", _weekday_dom_resolver(weekday, int(m.group("dom"))))
            continue
        yield Candidate(start, m.end(), "weekday", _weekday_resolver(weekday, how, week_shift))


def _nth_weekday_resolver(nth: int, weekday: int, month: int | None, year: int | None):
    """ "el primer viernes de julio", "el último domingo de este mes"."""
    def resolve(ctx: Context) -> str | None:
        ref = ctx.reference
        if year is None and ref is None:
            return f"XXXX-{month:02d}-WXX-{weekday}-#{nth}" if month else None
        m = month or ref.month

        def day_in(y: int) -> dt.date | None:
            days = [d for d in (_safe_date(y, m, n) for n in range(1, 32)) if d and d.isoweekday() == weekday]
            return days[-1] if nth == -1 else (days[nth - 1] if len(days) >= nth else None)

        if year is not None or month is None:
            d = day_in(year if year is not None else ref.year)
            return d.isoformat() if d else None
        y = place(ref, ctx.tense(), lambda y: (dt.date(y, m, 1), dt.date(*add_months(y, m, 1), 1)))
        d = day_in(y) if y else None
        return d.isoformat() if d else None

    return resolve


def rule_units(text: str) -> Iterator[Candidate]:
    for m in _search_valid(NTH_WEEKDAY, text, anchor=WEEKDAY_ANCHOR):
        nth = -1 if m.group("nth").lower() in ("último", "ultimo") else ORDINALS[m.group("nth").lower()]
        month = MONTHS[m.group("mon").lower()] if m.group("mon") else None
        year = int(m.group("y")) if m.group("y") else None
        yield Candidate(m.start(), m.end(), "day", _nth_weekday_resolver(nth, WEEKDAYS[m.group("wd").lower()], month, year))
    for m in _search_valid(UNIT_SHIFT, text, anchor=UNIT_ANCHOR):
        pre, post = _norm(m.group("pre") or ""), _norm(m.group("post") or "")
        if not pre and not post:
            continue
        if pre in ("último", "última", "ultimo", "ultima") and not post and re.match(r"\s+(?:de|del)\b", text[m.end():]):
            continue  # "la última semana de julio" is a week of July, not last week
        unit = UNITS[m.group("unit").lower()]
        if unit in ("year", "month") and post in ("anterior", "siguiente") and not pre:
            yield Candidate(m.start("art") if _norm(m.group("art") or "") in ("el", "la") else m.start("unit"), m.end(),
                            "unit", _anaphoric_unit_resolver(unit, -1 if post == "anterior" else 1))
            continue
        if unit == "quarter" and pre == "último" and not post:
            shift = -1
        else:
            shift = (_SHIFT_PRE.get(pre, 0) if pre else 0) + (_SHIFT_POST.get(post, 0) if post else 0)
        if pre and post and _SHIFT_PRE.get(pre) and _SHIFT_POST.get(post):
            continue
        art = _norm(m.group("art") or "")
        start = m.start("art") if art in ("el", "la") else (m.start("pre") if pre else m.start("unit"))
        yield Candidate(start, m.end(), "unit", _unit_resolver(unit, shift))
    for m in _search_valid(PART, text, anchor=UNIT_ANCHOR):
        ordinal = (m.group("ord") or "").lower()
        part = "Q" if m.group("unit").lower() == "trimestre" else "H"
        how = {"último": -1, "ultimo": -1, "próximo": 1, "este": 0}.get(ordinal)
        number = int(m.group("num")) if m.group("num") else ORDINALS.get(ordinal, 0)
        if how is None and not 1 <= number <= (4 if part == "Q" else 2):
            continue
        year, rel = _year_of(m)
        art = _norm(m.group("art") or "")
        start = m.start("art") if art == "el" else (m.start("ord") if m.group("ord") else m.start("num"))
        yield Candidate(start, m.end(), "quarter", _part_resolver(part, number, year, rel, how))
    for m in AGO.finditer(text):
        unit_word = m.group("unit").lower()
        sign = -1 if m.group("dir").lower() == "hace" else 1
        n_text = _norm(m.group("n"))
        if unit_word.startswith(("hora", "minuto")):
            if sign < 0:
                yield Candidate(m.start(), m.end(), "deictic", _unit_resolver("day", 0))
            continue
        unit = UNITS[unit_word]
        n = number_value(n_text) if n_text not in ("unos", "unas", "algunos", "algunas", "varios", "varias", "pocos",
                                                   "pocas", "muchos", "muchas") else None
        if n is None:
            if n_text.split()[0] in ("unos", "unas", "algunos", "algunas", "varios", "varias", "pocos", "pocas"):
                yield Candidate(m.start(), m.end(), "vague", _fixed("PAST_REF" if sign < 0 else "FUTURE_REF"))
            continue
        yield Candidate(m.start(), m.end(), "ago", _ago_resolver(n, unit, sign))
    for m in _search_valid(SEASON, text, anchor=SEASON_ANCHOR):
        code = SEASONS[m.group("s").lower()]
        art = _norm(m.group("art") or "")
        if not art and not m.group("y") and not re.search(r"\ben\s+$", _before(text, m.start(), 5)):
            continue
        start = m.start("art") if art in ("la", "el", "esta", "este") else (m.start("pre") if m.group("pre") else m.start("s"))
        mod = _norm(m.group("pre") or m.group("post") or "")
        shift = -1 if mod.startswith("pasad") else 1 if mod else 0
        year = int(m.group("y")) if m.group("y") else None
        yield Candidate(start, m.end(), "season", _season_resolver(code, year, shift))
    for m in _search_valid(WEEKEND, text, anchor=WEEKEND_ANCHOR):
        art = _norm(m.group("art") or "")
        mod = _norm(m.group("pre") or m.group("post") or "")
        if art == "este":
            how = "week"
        elif mod.startswith(("pasado", "último")):
            how = "before"
        elif mod:
            how = "after"
        elif art:
            how = None
        else:
            continue
        start = m.start("art") if art == "este" else (m.start("pre") if m.group("pre") else m.start() + len(m.group(0)) -
                                                       len(m.group(0).lstrip()) + (len(m.group("art")) + 1 if art else 0))
        if art == "el":
            start = m.start("art")
        yield Candidate(start, m.end(), "weekend", _weekend_resolver(how))
    for m in EDGE_YEAR.finditer(text):
        yield Candidate(m.start(), m.end(), "unit", _unit_resolver("year", 0))
    for m in DECADE_SHORT.finditer(text):
        for key in ("a", "b"):
            if m.group(key):
                yield Candidate(m.start(key), m.end(key), "decade", _fixed(f"19{m.group(key)[0]}"))
    for m in THEN.finditer(text):
        yield Candidate(m.start("then"), m.end("then"), "anaphor", lambda ctx: ctx.last_value)


def _anaphoric_unit_resolver(unit: str, shift: int):
    """ "el año anterior", "al año siguiente", "el mes anterior": next to the last year or month the text
    named ("en 2001 … al año siguiente" → 2002), else to the reference's."""
    def resolve(ctx: Context) -> str | None:
        last = ctx.last_value if ctx.last_value and re.match(r"\d{4}", ctx.last_value) else None
        if unit == "year":
            anchor = int(last[:4]) if last else (ctx.reference.year if ctx.reference else None)
            return f"{anchor + shift:04d}" if anchor else "XXXX"
        if last and re.match(r"\d{4}-\d\d", last):
            y, m = int(last[:4]), int(last[5:7])
        elif ctx.reference:
            y, m = ctx.reference.year, ctx.reference.month
        else:
            return "XXXX-XX"
        y, m = add_months(y, m, shift)
        return f"{y:04d}-{m:02d}"

    return resolve


def _season_resolver(code: str, year: int | None, shift: int):
    def resolve(ctx: Context) -> str | None:
        if year is not None:
            return f"{year:04d}-{code}"
        if ctx.reference is None:
            return f"XXXX-{code}"
        return f"{ctx.reference.year + shift:04d}-{code}"

    return resolve


def _weekend_resolver(how: str | None):
    def resolve(ctx: Context) -> str | None:
        if ctx.reference is None:
            return "XXXX-WXX-WE"
        mode = how or ctx.tense() or WEEKDAY_DEFAULT
        saturday = weekday_date(6, ctx.reference, mode)
        return week_value(saturday, "-WE")

    return resolve


def rule_words(text: str) -> Iterator[Candidate]:
    table = _words_table()
    for m in _words_pattern().finditer(text):
        form = _norm(m.group())
        kind, value = table[form]
        if form == "mañana":
            before = _before(text, m.start(), 20).lower()
            if re.search(r"\b(?:la|esta|una|cada|esa|aquella|media|toda|las|buena|de|por|misma|dicha|próxima)\s+$", before):
                continue  # "la mañana", "por la mañana": the morning
        if form == "ahora" and re.match(r"\s+bien\b", text[m.end():], re.IGNORECASE):
            continue
        if kind == "deictic":
            offset = int(value)

            def resolve(ctx, offset=offset):
                return (ctx.reference + dt.timedelta(days=offset)).isoformat() if ctx.reference else "XXXX-XX-XX"
            yield Candidate(m.start(), m.end(), "deictic", resolve)
        elif kind == "vague":
            yield Candidate(m.start(), m.end(), "vague", _fixed(value))
        else:
            offset = int(value)

            def resolve(ctx, offset=offset):
                anchor = ctx.last_day or ctx.reference
                return (anchor + dt.timedelta(days=offset)).isoformat() if anchor else "XXXX-XX-XX"
            yield Candidate(m.start(), m.end(), "anaphor", resolve)


RULES = (rule_numeric, rule_day_month, rule_months, rule_years, rule_weekdays, rule_units, rule_words)

RANGE_OPENERS = re.compile(r"\b(?:del|desde\s+el|entre\s+el|entre|desde|de)\s+$", re.IGNORECASE)
RANGE_LINK = re.compile(r"^\s*(?:al|hasta\s+el|y\s+el|a|hasta|y|-|–)\s*$", re.IGNORECASE)
BARE_DAY_RANGE = re.compile(
    rf"\b(?P<open>del|desde\s+el|entre\s+el|entre|desde|de)\s+(?P<d>[12]\d|3[01]|0?[1-9])(?:\s+de\s+(?P<mon>{_MONTH_FULL}))?"
    r"(?=\s+(?:al|hasta\s+el|hasta|y\s+el|y|a)\s+(?:[12]\d|3[01]|0?[1-9])\b)", re.IGNORECASE)


def _select(candidates: list[Candidate]) -> list[Candidate]:
    """Non-overlapping candidates, longest first (then leftmost), as `spacy.util.filter_spans`."""
    chosen: list[Candidate] = []
    for c in sorted(candidates, key=lambda c: (-(c.end - c.start), c.start)):
        if all(c.end <= o.start or o.end <= c.start for o in chosen):
            chosen.append(c)
    return sorted(chosen, key=lambda c: c.start)


def _ranges(text: str, chosen: list[Candidate]) -> list[Candidate]:
    """Joins "del 10 al 21 de noviembre", "entre 2019 y 2021", "de enero a marzo" into intervals."""
    bare = {m.end(): m for m in BARE_DAY_RANGE.finditer(text)}
    out: list[Candidate] = []
    i = 0
    while i < len(chosen):
        c = chosen[i]
        nxt = chosen[i + 1] if i + 1 < len(chosen) else None
        # "del 10 al 21 de noviembre": a bare day then a day-month
        opener = next((m for end, m in bare.items() if end <= c.start and RANGE_LINK.match(text[end:c.start])
                       and not any(o.start < end and m.start() < o.end for o in out)), None)
        if c.kind == "day" and c.parts.get("month") and opener is not None:
            first = {"day": int(opener.group("d")), "year": None,
                     "month": MONTHS[opener.group("mon").lower()] if opener.group("mon") else c.parts["month"]}
            out.append(_interval(opener.start(), c.end, first, c))
            bare = {k: v for k, v in bare.items() if v is not opener}
            i += 1
            continue
        if (nxt is not None and c.kind == nxt.kind and c.kind in ("day", "month", "year")
                and RANGE_LINK.match(text[c.end:nxt.start]) and text[c.end:nxt.start].strip()):
            op = RANGE_OPENERS.search(_before(text, c.start, 15))
            link = _norm(text[c.end:nxt.start])
            if op is not None or link in ("-", "–"):
                start = c.start - len(_before(text, c.start, 15)) + op.start() if op else c.start
                out.append(_interval(start, nxt.end, c.parts if c.parts.get("month") else None, nxt, c.resolve))
                i += 2
                continue
        out.append(c)
        i += 1
    return out


def _interval(start: int, end: int, first: dict | None, last: Candidate,
              first_resolve: Callable[[Context], str | None] | None = None) -> Candidate:
    """An interval whose first end, when written without its year, takes the last end's year
    (or the year before: "entre el 1 de diciembre y el 4 de febrero")."""
    def resolve(ctx: Context) -> str | None:
        b = last.resolve(ctx)
        if b is None:
            return None
        if first is None or first.get("year") is not None or not re.match(r"\d{4}-\d\d", b):
            if first_resolve is not None:
                a = first_resolve(ctx)
            elif first is not None and first.get("day"):
                a = _day_resolver(first["month"], first["day"], first.get("year"))(ctx)
            else:
                return b
            return f"{a}/{b}" if a else None
        b_year, b_month = int(b[:4]), int(b[5:7])
        b_day = int(b[8:10]) if len(b) >= 10 else 31
        day = first.get("day")
        year = b_year - 1 if (first["month"], day or 1) > (b_month, b_day) else b_year
        if day:
            d = _safe_date(year, first["month"], day)
            return f"{d.isoformat()}/{b}" if d else None
        return f"{year:04d}-{first['month']:02d}/{b}"

    return Candidate(start, end, "interval", resolve)


def _edges(text: str, chosen: list[Candidate]) -> None:
    """Widens "principios de marzo", "a finales de 2019" to the edge word (the value stays the period's)."""
    pattern = re.compile(rf"\b(?P<edge>{_EDGE})\s+(?:de|del)\s+$", re.IGNORECASE)
    for c in chosen:
        if c.kind in ("month", "year", "unit", "quarter", "day", "season"):
            before = _before(text, c.start, 30)
            m = pattern.search(before)
            if m:
                c.start = c.start - len(before) + m.start("edge")


def find_dates(text: str, reference: dt.date | None) -> list[DateMatch]:
    """Date expressions in ``text`` with values resolved against ``reference`` (None: unresolved)."""
    candidates = [c for rule in RULES for c in rule(text)]
    chosen = _ranges(text, _select(candidates))
    _edges(text, chosen)
    ctx = Context(text, reference)
    found = []
    for c in chosen:
        ctx.start, ctx.end = c.start, c.end
        value = c.resolve(ctx)
        if value is None:
            continue
        if c.kind in ("day", "deictic", "weekday", "anaphor") and re.fullmatch(r"\d{4}-\d\d-\d\d", value):
            ctx.last_day = dt.date.fromisoformat(value)
        if re.match(r"\d{4}", value) and c.kind != "interval":
            ctx.last_year = int(value[:4])
        ctx.last_value = value
        found.append(DateMatch(c.start, c.end, value, c.kind))
    return found


# ---------------------------------------------------------------- datelines

DAY_MONTH_ONLY = re.compile(
    rf"^(?P<day>{_DAYNUM})(?:\s+de)?\s+(?P<month>{_MONTH_ANY})\.?(?:\s*,?\s+(?:de\s+|del\s+)?(?P<year>\d{{4}}))?$", re.IGNORECASE)


def parse_day_month(text: str) -> tuple[int | None, int, int] | None:
    """``"20 ene"`` → ``(None, 1, 20)``; ``"5 de enero de 2022"`` → ``(2022, 1, 5)``; else None."""
    m = DAY_MONTH_ONLY.match(text.strip())
    if not m:
        return None
    month = MONTHS.get(m.group("month").lower())
    day = number_value(m.group("day"))
    year = int(m.group("year")) if m.group("year") else None
    if month is None or day is None or _safe_date(year or 2000, month, day) is None:
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
    pattern = re.compile(rf"\b(?:este|hoy|hoy\s+es)\s+(?P<wd>{_WEEKDAY})\b", re.IGNORECASE)
    return {WEEKDAYS[m.group("wd").lower()] for m in pattern.finditer(text)}


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
        candidate = _safe_date(year, month, day)
        if candidate is None or candidate < latest:
            continue
        if weekdays and candidate.isoweekday() not in weekdays:
            continue
        return candidate
    return None
