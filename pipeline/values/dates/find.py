"""Finding dates: every rule's candidates, the longest of overlapping ones, ranges joined, values resolved in order."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from pipeline.values.dates.models import Candidate, Context, DateMatch, Resolver
from pipeline.values.dates.patterns import BARE_DAY_RANGE, DAY_LIST_BEFORE, EDGE_BEFORE, MONTHS, RANGE_LINK, RANGE_OPENERS
from pipeline.values.dates.periods import safe_date
from pipeline.values.dates.reading import norm, text_before
from pipeline.values.dates.resolve import day_resolver
from pipeline.values.dates.rules_named import (
    rule_dateline_day,
    rule_day_month,
    rule_holidays,
    rule_month_day,
    rule_months,
    rule_numeric,
    rule_weekdays,
    rule_years,
)
from pipeline.values.dates.rules_relative import rule_deictic_weekday, rule_units, rule_words

# the order matters: among candidates of the same length and start, the first rule's wins
RULES = (
    rule_numeric,
    rule_dateline_day,
    rule_day_month,
    rule_month_day,
    rule_months,
    rule_years,
    rule_weekdays,
    rule_units,
    rule_words,
    rule_deictic_weekday,
)


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
        opener = next(
            (
                m
                for end, m in bare.items()
                if end <= c.start
                and RANGE_LINK.match(text[end : c.start])
                and not any(o.start < end and m.start() < o.end for o in out)
            ),
            None,
        )
        if (
            c.kind == "day"
            and c.parts.get("month")
            and opener is not None
            and _link_fits(opener.group("open"), text[opener.end() : c.start])
        ):
            first = {
                "day": int(opener.group("d")),
                "year": None,
                "month": MONTHS[opener.group("mon").lower()] if opener.group("mon") else c.parts["month"],
            }
            out.append(_interval(opener.start(), c.end, first, c))
            bare = {k: v for k, v in bare.items() if v is not opener}
            i += 1
            continue
        if (
            nxt is not None
            and c.kind == nxt.kind
            and c.kind in ("day", "month", "year")
            and RANGE_LINK.match(text[c.end : nxt.start])
            and text[c.end : nxt.start].strip()
        ):
            op = RANGE_OPENERS.search(text_before(text, c.start, 15))
            link = norm(text[c.end : nxt.start])
            if op is not None and not _link_fits(op.group(), link):
                op = None  # "las lluvias de mayo y junio": a list, not "de mayo a junio"
            if op is not None or link in ("-", "–"):
                start = c.start - len(text_before(text, c.start, 15)) + op.start() if op else c.start
                out.append(_interval(start, nxt.end, c.parts if c.parts.get("month") else None, nxt, c.resolve))
                i += 2
                continue
        out.extend(_listed_days(text, c))
        out.append(c)
        i += 1
    return out


def _link_fits(opener: str, link: str) -> bool:
    """ "entre … y …", "de/desde … a/hasta …": the link a range's opener asks for."""
    return norm(opener).startswith("entre") == norm(link).startswith("y")


def _listed_days(text: str, c: Candidate) -> list[Candidate]:
    """The days listed before a day and month ("el 9 y 10 de junio" → the 9th of June too), each its own date."""
    if c.kind != "day" or not c.parts.get("month"):
        return []
    before = text_before(text, c.start, 40)
    m = DAY_LIST_BEFORE.search(before)
    if m is None:
        return []
    offset = c.start - len(before)
    out = []
    for d in re.finditer(r"\d+", m.group("days")):
        start = offset + m.start("days") + d.start()
        resolve = day_resolver(c.parts["month"], int(d.group()), c.parts.get("year"))
        out.append(Candidate(start, start + len(d.group()), "day", resolve, {**c.parts, "day": int(d.group())}))
    return out


def _interval(start: int, end: int, first: dict | None, last: Candidate, first_resolve: Resolver | None = None) -> Candidate:
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
                a = day_resolver(first["month"], first["day"], first.get("year"))(ctx)
            else:
                return b
            return f"{a}/{b}" if a else None
        b_year, b_month = int(b[:4]), int(b[5:7])
        b_day = int(b[8:10]) if len(b) >= 10 else 31
        day = first.get("day")
        year = b_year - 1 if (first["month"], day or 1) > (b_month, b_day) else b_year
        if day:
            d = safe_date(year, first["month"], day)
            return f"{d.isoformat()}/{b}" if d else None
        return f"{year:04d}-{first['month']:02d}/{b}"

    return Candidate(start, end, "interval", resolve)


def _edges(text: str, chosen: list[Candidate]) -> None:
    """Widens "principios de marzo", "a finales de 2019" to the edge word (the value stays the period's)."""
    for c in chosen:
        if c.kind in ("month", "year", "unit", "quarter", "day", "season"):
            before = text_before(text, c.start, 30)
            m = EDGE_BEFORE.search(before)
            if m:
                c.start = c.start - len(before) + m.start("edge")


def find_dates(text: str, reference: dt.date | None, country: str | Sequence[str] | None = None) -> list[DateMatch]:
    """Date expressions in ``text`` with values resolved against ``reference`` (None: unresolved).

    ``country`` (ISO 3166-1 alpha-2, the document's, e.g. its dateline's; or
    several in order of preference) dates a holiday whose day is that
    country's ("el Día de la Independencia").
    """
    candidates = [c for rule in RULES for c in rule(text)] + list(rule_holidays(text, country))
    chosen = _ranges(text, _select(candidates))
    _edges(text, chosen)
    ctx = Context(text, reference)
    found = []
    for c in chosen:
        ctx.start, ctx.end = c.start, c.end
        value = c.resolve(ctx)
        if value is None:
            continue
        if c.kind in ("day", "deictic", "weekday", "anaphor", "holiday") and re.fullmatch(r"\d{4}-\d\d-\d\d", value):
            ctx.last_day, ctx.last_day_end = dt.date.fromisoformat(value), c.end
        ctx.last_value = value
        found.append(DateMatch(c.start, c.end, value, c.kind))
    return found
