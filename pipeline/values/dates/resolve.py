"""Resolvers: what a candidate's value is, once its context is known.

Each ``*_resolver`` takes what a rule read from the text and returns a
`Resolver`, a function of the `Context` (reference date, tense, what the text
named before) that gives the value, or None where there is none. Without a
reference date a resolver gives the ``X`` form at its own granularity.
"""

from __future__ import annotations

import datetime as dt
import re

from pipeline.values.dates.models import Context, Resolver
from pipeline.values.dates.periods import add_months, month_span, place, safe_date, week_value, weekday_date
from pipeline.values.dates.reading import two_digit_year
from pipeline.values.tense import FUTURE, PAST

WEEKDAY_DEFAULT = PAST  # tense unknown: news reports what happened (MEANTIME: see make eval)
CLAUSE_ONLY = True  # a day and month or a month takes the tense of its own clause only
ANAPHORIC_DAYS = 7  # "el día 12" up to a week after the last day named is in that day's month
MONTH_DEFAULT = PAST  # a bare month likewise; a day and month ("el 3 de junio") takes the nearest
MONTHS_AHEAD = 2  # … except one of the next two months, which with no tense cue is the coming one

# ---------------------------------------------------------------- named days, months and weekdays


def day_resolver(month: int, day: int, year: int | None = None, weekday: int | None = None, tense: str | None = None) -> Resolver:
    """A day and month ("5 de enero"), the year written, fitting a named weekday, or placed by the tense."""

    def resolve(ctx: Context) -> str | None:
        if year is not None:
            d = safe_date(year, month, day)
            return d.isoformat() if d else None
        if safe_date(2000, month, day) is None:
            return None
        if ctx.reference is None:
            return f"XXXX-{month:02d}-{day:02d}"
        if weekday is not None:  # "jueves 28 de septiembre": the year where that day is a Thursday
            fits = [
                y
                for y in (ctx.reference.year, ctx.reference.year - 1, ctx.reference.year + 1)
                if (d := safe_date(y, month, day)) is not None and d.isoweekday() == weekday
            ]
            if fits:
                return dt.date(fits[0], month, day).isoformat()

        def make(y: int):
            d = safe_date(y, month, day)
            return (d, d + dt.timedelta(days=1)) if d else None

        y = place(ctx.reference, tense or ctx.tense(clause_only=CLAUSE_ONLY), make)
        return f"{y:04d}-{month:02d}-{day:02d}" if y else None

    return resolve


def numeric_resolver(day: int, month: int, y: str) -> Resolver:
    """A numeric date ("21/11/21"): a two-digit year is put in the century near the reference."""

    def resolve(ctx: Context) -> str | None:
        year = int(y) if len(y) == 4 else two_digit_year(int(y), ctx.reference)
        d = safe_date(year, month, day)
        return d.isoformat() if d else None

    return resolve


def dom_resolver(day: int, tense: str | None = None) -> Resolver:
    """ "el día 18": a day a few days after the last day the text named is in that day's month; else the 18th of
    the month that ``tense`` ("el pasado día 3"), else the sentence's tense, else nearness picks."""

    def resolve(ctx: Context) -> str | None:
        last = ctx.last_day
        if tense is None and last is not None and last.day < day <= last.day + ANAPHORIC_DAYS:
            return last.replace(day=day).isoformat()  # "zarpó el 11 de septiembre. El día 12, …"
        if ctx.reference is None:
            return f"XXXX-XX-{day:02d}"
        d = _pick_day(ctx.reference, _month_day_options(ctx.reference, day, 1), tense or ctx.tense())
        return d.isoformat() if d else None

    return resolve


def dateline_day_resolver(day: int) -> Resolver:
    """The day alone of a dateline ("MADRID, 12 (EUROPA PRESS)"): the nearest such day of month to the reference,
    the story's own day."""

    def resolve(ctx: Context) -> str | None:
        if ctx.reference is None:
            return f"XXXX-XX-{day:02d}"
        d = _pick_day(ctx.reference, _month_day_options(ctx.reference, day, 1), None)
        return d.isoformat() if d else None

    return resolve


def weekday_dom_resolver(weekday: int, day: int) -> Resolver:
    """ "el viernes 31": a 31st that is a Friday, in the months around the reference (tense, else the nearest)."""

    def resolve(ctx: Context) -> str | None:
        if ctx.reference is None:
            return f"XXXX-XX-{day:02d}"
        options = [d for d in _month_day_options(ctx.reference, day, 12) if d.isoweekday() == weekday]
        d = _pick_day(ctx.reference, options, ctx.tense()) or _pick_day(ctx.reference, options, None)
        return d.isoformat() if d else f"XXXX-XX-{day:02d}"

    return resolve


def _month_day_options(reference: dt.date, day: int, months: int = 2) -> list[dt.date]:
    """The dates with day-of-month ``day`` in the months around the reference's."""
    out = []
    for n in range(-months, months + 1):
        y, m = add_months(reference.year, reference.month, n)
        if (d := safe_date(y, m, day)) is not None:
            out.append(d)
    return out


def _pick_day(reference: dt.date, options: list[dt.date], tense: str | None) -> dt.date | None:
    """Past: the latest on or before the reference; future: the first on or after; else the nearest."""
    if tense == PAST:
        options = [d for d in options if d <= reference]
        return max(options) if options else None
    if tense == FUTURE:
        options = [d for d in options if d >= reference]
        return min(options) if options else None
    return min(options, key=lambda d: abs((d - reference).days)) if options else None


def month_resolver(month: int, year: int | None = None, shift: int | None = None) -> Resolver:
    """A month ("marzo de 2020", "el pasado marzo", "en marzo"): written year, shift, else tense (default: past)."""

    def resolve(ctx: Context) -> str | None:
        if year is not None:
            return f"{year:04d}-{month:02d}"
        if ctx.reference is None:
            return f"XXXX-{month:02d}"
        ref = ctx.reference
        if shift == 0:
            return f"{ref.year:04d}-{month:02d}"
        tense = {-1: "before", 1: "after"}.get(shift) if shift else ctx.tense(clause_only=CLAUSE_ONLY)
        if tense == "before":
            y = ref.year if month < ref.month else ref.year - 1
        elif tense == "after":
            y = ref.year if month > ref.month else ref.year + 1
        elif tense is None and 0 < (month - ref.month) % 12 <= MONTHS_AHEAD:
            y = ref.year if month > ref.month else ref.year + 1  # "Mayo y Junio" on 1 May: the coming one
        else:
            y = place(ref, tense, lambda y: month_span(y, month), MONTH_DEFAULT)
        return f"{y:04d}-{month:02d}" if y else None

    return resolve


def relative_month_resolver(month: int, rel: int) -> Resolver:
    """A month of a year told from the reference's: "marzo del año pasado" (rel -1)."""

    def resolve(ctx: Context) -> str | None:
        return f"{ctx.reference.year + rel:04d}-{month:02d}" if ctx.reference else f"XXXX-{month:02d}"

    return resolve


def weekday_resolver(weekday: int, how: str | None, week_shift: int | None = None) -> Resolver:
    """A weekday: ``how`` "before"/"after" strictly, "this" this week unless the tense says, None by the tense."""

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


def nth_weekday_resolver(nth: int, weekday: int, month: int | None, year: int | None) -> Resolver:
    """ "el primer viernes de julio", "el último domingo de este mes"."""

    def resolve(ctx: Context) -> str | None:
        ref = ctx.reference
        if year is None and ref is None:
            return f"XXXX-{month:02d}-WXX-{weekday}-#{nth}" if month else None
        m = month or ref.month

        def day_in(y: int) -> dt.date | None:
            days = [d for d in (safe_date(y, m, n) for n in range(1, 32)) if d and d.isoweekday() == weekday]
            return days[-1] if nth == -1 else (days[nth - 1] if len(days) >= nth else None)

        if year is not None or month is None:
            d = day_in(year if year is not None else ref.year)
            return d.isoformat() if d else None
        y = place(ref, ctx.tense(), lambda y: month_span(y, m))
        d = day_in(y) if y else None
        return d.isoformat() if d else None

    return resolve


# ---------------------------------------------------------------- periods told from the reference or the text


def unit_resolver(unit: str, shift: int) -> Resolver:
    """A unit shifted from the reference's: "la semana pasada" (week, -1), "el próximo año", "hoy" (day, 0)."""

    def resolve(ctx: Context) -> str | None:
        ref = ctx.reference
        if ref is None:
            return {
                "day": "XXXX-XX-XX",
                "week": "XXXX-WXX",
                "month": "XXXX-XX",
                "quarter": "XXXX-QX",
                "half": "XXXX-HX",
                "year": "XXXX",
                "century": "XX",
            }[unit]
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
        if unit == "century":  # "este siglo": the hundreds of the reference's year (TIMEX3 "20" for 2000–2099)
            return f"{ref.year // 100 + shift:02d}"
        return f"{ref.year + shift:04d}"

    return resolve


def deictic_weekday_resolver(offset: int, weekday: int) -> Resolver:
    """ "hoy, jueves": the day ``offset`` days from the reference, or, when the weekday named is not that day's,
    the day of that weekday nearest to it (the writer's weekday outweighs a reference a day or two off)."""

    def resolve(ctx: Context) -> str | None:
        if ctx.reference is None:
            return f"XXXX-WXX-{weekday}"
        day = ctx.reference + dt.timedelta(days=offset)
        shift = (weekday - day.isoweekday() + 3) % 7 - 3  # -3 … +3 days
        return (day + dt.timedelta(days=shift)).isoformat()

    return resolve


def ago_resolver(n: int, unit: str, sign: int) -> Resolver:
    """ "hace tres días", "dentro de dos meses": ``n`` units before (sign -1) or after the reference."""

    def resolve(ctx: Context) -> str | None:
        ref = ctx.reference
        if ref is None:
            return {"day": "XXXX-XX-XX", "week": "XXXX-XX-XX", "month": "XXXX-XX", "year": "XXXX", "century": "XXXX"}.get(unit)
        if unit in ("day", "week"):
            return (ref + dt.timedelta(days=sign * n * (7 if unit == "week" else 1))).isoformat()
        if unit == "month":
            y, m = add_months(ref.year, ref.month, sign * n)
            return f"{y:04d}-{m:02d}"
        if unit in ("year", "century"):  # "hace un siglo": the year a hundred years back
            return f"{ref.year + sign * n * (100 if unit == 'century' else 1):04d}"
        return None

    return resolve


def part_resolver(part: str, number: int, year: int | None, rel_year: int | None, how: int | None) -> Resolver:
    """Quarters (``Q``) and halves (``H``): "el cuarto trimestre (de 2023)", "el último trimestre"."""
    per_year = 4 if part == "Q" else 2
    months = 12 // per_year

    def resolve(ctx: Context) -> str | None:
        ref = ctx.reference
        if how is not None:  # "el último / próximo / este trimestre"
            return unit_resolver("quarter" if part == "Q" else "half", how)(ctx)
        if year is not None:
            return f"{year:04d}-{part}{number}"
        if ref is None:
            return f"XXXX-{part}{number}"
        if rel_year is not None:
            return f"{ref.year + rel_year:04d}-{part}{number}"
        first = (number - 1) * months + 1
        y = place(ref, ctx.tense(), lambda y: month_span(y, first, months))
        return f"{y:04d}-{part}{number}" if y else None

    return resolve


def anaphoric_unit_resolver(unit: str, shift: int) -> Resolver:
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


def anaphoric_day_resolver(offset: int) -> Resolver:
    """ "al día siguiente", "la víspera": days from the last day the text named, else from the reference."""

    def resolve(ctx: Context) -> str | None:
        anchor = ctx.story_day()
        return (anchor + dt.timedelta(days=offset)).isoformat() if anchor else "XXXX-XX-XX"

    return resolve


def season_resolver(code: str, year: int | None, shift: int) -> Resolver:
    """A season ("este verano", "el invierno de 2019"): the year written, else the reference's shifted."""

    def resolve(ctx: Context) -> str | None:
        if year is not None:
            return f"{year:04d}-{code}"
        if ctx.reference is None:
            return f"XXXX-{code}"
        return f"{ctx.reference.year + shift:04d}-{code}"

    return resolve


def weekend_resolver(how: str | None) -> Resolver:
    """A weekend ("este fin de semana", "el fin de semana pasado") as the ISO week's ``-WE``."""

    def resolve(ctx: Context) -> str | None:
        if ctx.reference is None:
            return "XXXX-WXX-WE"
        mode = how or ctx.tense() or WEEKDAY_DEFAULT
        saturday = weekday_date(6, ctx.reference, mode)
        return week_value(saturday, "-WE")

    return resolve


def fixed(value: str) -> Resolver:
    """A value known from the text alone ("2019", "PAST_REF")."""
    return lambda ctx: value
