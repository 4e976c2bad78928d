"""Candidate rules for dates told from the reference or from the text: "la semana pasada", "hace tres días",
"el cuarto trimestre", "este verano", "el fin de semana", "mañana", "al día siguiente".

A rule takes the text and yields `Candidate` spans with their resolver;
`find` chooses among them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from pipeline.lang import column
from pipeline.values.dates.models import Candidate
from pipeline.values.dates.patterns import (
    AGO,
    DECADE_SHORT,
    EDGE_YEAR,
    MONTHS,
    NTH_WEEKDAY,
    ORDINALS,
    PART,
    SEASON,
    SEASON_ANCHOR,
    SEASONS,
    SHIFT_POST,
    SHIFT_PRE,
    THEN,
    UNIT_ANCHOR,
    UNIT_SHIFT,
    UNITS,
    WEEKDAY_ANCHOR,
    WEEKDAYS,
    WEEKEND,
    WEEKEND_ANCHOR,
    deictic_weekday_pattern,
    words_pattern,
    words_table,
)
from pipeline.values.dates.reading import decade_value, norm, number_value, search_valid, text_before, year_of
from pipeline.values.dates.resolve import (
    ago_resolver,
    anaphoric_day_resolver,
    anaphoric_unit_resolver,
    deictic_weekday_resolver,
    fixed,
    nth_weekday_resolver,
    part_resolver,
    season_resolver,
    unit_resolver,
    weekend_resolver,
)

CLOSED_CLASS = frozenset(column("closed_class", "word"))  # words that are never the noun a vague word governs
_SOME = frozenset({"unos", "unas", "algunos", "algunas", "varios", "varias", "pocos", "pocas"})  # "hace unos días": vague
_SOME_OR_MANY = _SOME | {"muchos", "muchas"}  # not a number


def rule_units(text: str) -> Iterator[Candidate]:
    """Periods: "el primer viernes de julio", "la semana pasada", "el cuarto trimestre", "hace tres días",
    "este verano", "el fin de semana", "a finales de año", "los 90", "desde entonces"."""
    for m in search_valid(NTH_WEEKDAY, text, anchor=WEEKDAY_ANCHOR):
        nth = -1 if m.group("nth").lower() in ("último", "ultimo") else ORDINALS[m.group("nth").lower()]
        month = MONTHS[m.group("mon").lower()] if m.group("mon") else None
        year = int(m.group("y")) if m.group("y") else None
        yield Candidate(m.start(), m.end(), "day", nth_weekday_resolver(nth, WEEKDAYS[m.group("wd").lower()], month, year))
    for m in search_valid(UNIT_SHIFT, text, anchor=UNIT_ANCHOR):
        pre, post = norm(m.group("pre") or ""), norm(m.group("post") or "")
        if not pre and not post:
            continue
        if pre in ("último", "última", "ultimo", "ultima") and not post and re.match(r"\s+(?:de|del)\b", text[m.end() :]):
            continue  # "la última semana de julio" is a week of July, not last week
        unit = UNITS[m.group("unit").lower()]
        if unit in ("year", "month") and post in ("anterior", "siguiente") and not pre:
            yield Candidate(
                m.start("art") if norm(m.group("art") or "") in ("el", "la") else m.start("unit"),
                m.end(),
                "unit",
                anaphoric_unit_resolver(unit, -1 if post == "anterior" else 1),
            )
            continue
        if unit == "quarter" and pre == "último" and not post:
            shift = -1
        else:
            shift = (SHIFT_PRE.get(pre, 0) if pre else 0) + (SHIFT_POST.get(post, 0) if post else 0)
        if pre and post and SHIFT_PRE.get(pre) and SHIFT_POST.get(post):
            continue
        art = norm(m.group("art") or "")
        start = m.start("art") if art in ("el", "la") else (m.start("pre") if pre else m.start("unit"))
        yield Candidate(start, m.end(), "unit", unit_resolver(unit, shift))
    for m in search_valid(PART, text, anchor=UNIT_ANCHOR):
        ordinal = (m.group("ord") or "").lower()
        part = "Q" if m.group("unit").lower() == "trimestre" else "H"
        how = {"último": -1, "ultimo": -1, "próximo": 1, "este": 0}.get(ordinal)
        number = int(m.group("num")) if m.group("num") else ORDINALS.get(ordinal, 0)
        if how == -1 and (m.group("y") or m.group("yrel")):  # "el último trimestre de 1999": that year's last
            how, number = None, 4 if part == "Q" else 2
        if how is None and not 1 <= number <= (4 if part == "Q" else 2):
            continue
        year, rel = year_of(m)
        art = norm(m.group("art") or "")
        start = m.start("art") if art == "el" else (m.start("ord") if m.group("ord") else m.start("num"))
        yield Candidate(start, m.end(), "quarter", part_resolver(part, number, year, rel, how))
    for m in AGO.finditer(text):
        unit_word = m.group("unit").lower()
        sign = -1 if m.group("dir").lower() == "hace" else 1
        n_text = norm(m.group("n"))
        if unit_word.startswith(("hora", "minuto")):
            if sign < 0:
                yield Candidate(m.start(), m.end(), "deictic", unit_resolver("day", 0))
            continue
        unit = UNITS[unit_word]
        n = 2 if n_text.startswith("un par") else number_value(n_text) if n_text not in _SOME_OR_MANY else None
        if n is None:
            if n_text.split()[0] in _SOME:
                yield Candidate(m.start(), m.end(), "vague", fixed("PAST_REF" if sign < 0 else "FUTURE_REF"))
            continue
        yield Candidate(m.start(), m.end(), "ago", ago_resolver(n, unit, sign))
    for m in search_valid(SEASON, text, anchor=SEASON_ANCHOR):
        code = SEASONS[m.group("s").lower()]
        art = norm(m.group("art") or "")
        if not art and not m.group("y") and not re.search(r"\ben\s+$", text_before(text, m.start(), 5)):
            continue
        start = m.start("art") if art in ("la", "el", "esta", "este") else (m.start("pre") if m.group("pre") else m.start("s"))
        mod = norm(m.group("pre") or m.group("post") or "")
        shift = -1 if mod.startswith("pasad") else 1 if mod else 0
        year = int(m.group("y")) if m.group("y") else None
        yield Candidate(start, m.end(), "season", season_resolver(code, year, shift))
    for m in search_valid(WEEKEND, text, anchor=WEEKEND_ANCHOR):
        art = norm(m.group("art") or "")
        mod = norm(m.group("pre") or m.group("post") or "")
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
        start = (
            m.start("art")
            if art == "este"
            else (
                m.start("pre")
                if m.group("pre")
                else m.start() + len(m.group(0)) - len(m.group(0).lstrip()) + (len(m.group("art")) + 1 if art else 0)
            )
        )
        if art == "el":
            start = m.start("art")
        yield Candidate(start, m.end(), "weekend", weekend_resolver(how))
    for m in EDGE_YEAR.finditer(text):
        yield Candidate(m.start(), m.end(), "unit", unit_resolver("year", 0))
    for m in DECADE_SHORT.finditer(text):  # "en los 80", "desde los noventa"
        for key in ("a", "b"):
            if m.group(key):
                yield Candidate(m.start(key), m.end(key), "decade", fixed(decade_value(m.group(key))))
    for m in THEN.finditer(text):
        yield Candidate(m.start("then"), m.end("then"), "anaphor", lambda ctx: ctx.last_value)


def _nothing_governed(text: str, end: int) -> bool:
    """True when no noun and no "de" follows ``end``: "los errores del pasado, que…" but not
    "el pasado ejercicio" or "el futuro de la empresa" (a closed-class word or punctuation may follow)."""
    m = re.match(r"\s*([\wáéíóúñü]+)", text[end : end + 40])
    if m is None:
        return True
    word = m.group(1).lower()
    return word not in ("de", "del") and word in CLOSED_CLASS


def rule_deictic_weekday(text: str) -> Iterator[Candidate]:
    """ "hoy, jueves", "mañana, viernes": one span, the deictic day checked by its weekday."""
    table = words_table()
    for m in search_valid(deictic_weekday_pattern(), text, anchor=WEEKDAY_ANCHOR):
        form = norm(m.group("d"))
        if form == "mañana" and _the_morning(text, m.start()):
            continue
        offset = next(int(value) for kind, value, lead in table[form] if kind == "deictic")
        resolver = deictic_weekday_resolver(offset, WEEKDAYS[m.group("wd").lower()])
        yield Candidate(m.start(), m.end(), "deictic", resolver)


def _the_morning(text: str, start: int) -> bool:
    """ "la mañana", "por la mañana", "cada mañana": the morning, not tomorrow."""
    before = text_before(text, start, 20).lower()
    return re.search(r"\b(?:la|esta|una|cada|esa|aquella|media|toda|las|buena|por|misma|dicha|próxima)\s+$", before) is not None


def rule_words(text: str) -> Iterator[Candidate]:
    """Date words of ``date_words.tsv``: "hoy", "ayer", "mañana", "al día siguiente", "actualmente"."""
    table = words_table()
    for m in words_pattern().finditer(text):
        form = norm(m.group())
        before = text_before(text, m.start(), 20)
        row = next((row for row in table[form] if row[2] is None or row[2].search(before)), None)
        if row is None:
            continue
        kind, value, _ = row
        if " " in form and all(w[0].isupper() for w in m.group().split()):
            continue  # "La Jornada": a name (a sentence's first word alone is capitalised)
        if form == "mañana" and _the_morning(text, m.start()):
            continue
        if form == "ahora" and re.match(r"\s+bien\b", text[m.end() :], re.IGNORECASE):
            continue
        if kind == "deictic":  # "hoy", "ayer", "pasado mañana": days from the reference
            yield Candidate(m.start(), m.end(), "deictic", unit_resolver("day", int(value)))
        elif kind == "vague" or (kind == "vague_noun" and _nothing_governed(text, m.end())):
            yield Candidate(m.start(), m.end(), "vague", fixed(value))
        elif kind == "unit":  # "en lo que va de año": the reference's year
            yield Candidate(m.start(), m.end(), "unit", unit_resolver(value, 0))
        elif kind == "anaphor_unit":  # "ese año": the year the text named last
            yield Candidate(m.start(), m.end(), "anaphor", anaphoric_unit_resolver(value, 0))
        elif kind == "then":  # "esa fecha": the last date named, as written
            yield Candidate(m.start(), m.end(), "anaphor", lambda ctx: ctx.last_value)
        elif kind == "vague_noun":
            continue
        else:
            yield Candidate(m.start(), m.end(), "anaphor", anaphoric_day_resolver(int(value)))
