"""Candidate rules for dates that name their day, month or year: "21/11/2021", "5 de enero", "marzo de 2020", "2019",
"los años 90", "el jueves".

A rule takes the text and yields `Candidate` spans with their resolver;
`find` chooses among them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from pipeline.values.dateline_patterns import DATELINE_DAY_ALONE
from pipeline.values.dates.models import Candidate
from pipeline.values.dates.patterns import (
    BARE_MONTH,
    CENTURY,
    COUNT_WORDS,
    DAY_DEL_MONTH,
    DAY_MONTH,
    DAY_OF_MONTH,
    DAY_SHIFT_POST,
    DECADE,
    EARLIEST_YEAR,
    LATEST_YEAR,
    MONTH_ANCHOR,
    MONTH_DAY,
    MONTH_OF,
    MONTH_TRIGGER,
    MONTH_YEAR,
    MONTHS,
    MONTHS_FULL,
    NAME_BEFORE,
    NAME_HEAD_BEFORE,
    NUMERIC_DM,
    NUMERIC_DMY,
    NUMERIC_YMD,
    ORDINALS,
    PLURAL_OK,
    WEEKDAY,
    WEEKDAY_ANCHOR,
    WEEKDAYS,
    YEAR,
    YEAR_RANGE,
    YEAR_TRIGGER,
    holidays,
)
from pipeline.values.dates.reading import (
    decade_value,
    next_word,
    norm,
    number_value,
    search_valid,
    text_before,
    two_digit_year,
    year_of,
)
from pipeline.values.dates.resolve import (
    dateline_day_resolver,
    day_resolver,
    dom_resolver,
    fixed,
    month_resolver,
    numeric_resolver,
    relative_month_resolver,
    weekday_dom_resolver,
    weekday_resolver,
)
from pipeline.values.tense import FUTURE, PAST, word_tense


def rule_numeric(text: str) -> Iterator[Candidate]:
    """Numeric dates: "21/11/2021", "2021-11-21", "el 21/11", "el 5 del 3", "el día 18"."""
    for m in NUMERIC_DMY.finditer(text):
        day, month, y = int(m.group("a")), int(m.group("b")), m.group("y")
        if month > 12 and day <= 12:
            day, month = month, day  # US order: 02/22/2016, 9-18-15
        if m.group("sep") == "." and len(y) == 2:
            continue  # "3.15.20" is more likely a number than a date
        yield Candidate(m.start(), m.end(), "day", numeric_resolver(day, month, y))
    for m in NUMERIC_YMD.finditer(text):
        yield Candidate(m.start(), m.end(), "day", numeric_resolver(int(m.group("a")), int(m.group("b")), m.group("y")))
    for m in DAY_OF_MONTH.finditer(text):
        shift = norm(m.group("shift") or "")
        tense = PAST if shift == "pasado" else FUTURE if shift else None
        yield Candidate(m.start(), m.end(), "day", dom_resolver(int(m.group("d")), tense))
    for pattern in (NUMERIC_DM, DAY_DEL_MONTH):
        for m in pattern.finditer(text):
            yield Candidate(m.start("a"), m.end(), "day", day_resolver(int(m.group("b")), int(m.group("a"))))


def _day_of(m: re.Match) -> int | None:
    """The day number of a ``day`` group, if it is one (1–31)."""
    day = number_value(m.group("day"))
    return day if day is not None and 1 <= day <= 31 else None


def _ends_a_name(text: str, start: int) -> bool:
    """A capitalised weekday word right after a capitalised word is the end of a name:
    "Santo Domingo", "Plácido Domingo", not a weekday."""
    return text[start].isupper() and re.search(r"\b[A-ZÁÉÍÓÚÑ][\w.'’-]*\s+$", text_before(text, start, 30)) is not None


def rule_day_month(text: str) -> Iterator[Candidate]:
    """A day and month: "5 de enero (de 2022)", "jueves 28 de septiembre", "veintiuno de mayo", "el pasado 3 de mayo"."""
    for m in search_valid(DAY_MONTH, text, lambda m: _day_of(m) is not None, MONTH_ANCHOR):
        month_word = m.group("mon").lower()
        day = _day_of(m)
        digit_day = re.match(r"\d", m.group("day")) is not None
        if not digit_day and not re.search(r"\bde\b", text[m.end("day") : m.start("mon")], re.IGNORECASE):
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
            end, year = m.end("mon") + (1 if text[m.end("mon") : m.end("mon") + 1] == "." else 0), None
        elif m.group("y") and len(m.group("y")) == 2:
            year = two_digit_year(int(m.group("y")), None)
        if end == m.end() and year is None and month_word in MONTHS_FULL and text[end - 1] == ".":
            end -= 1  # the full stop ends the sentence, not an abbreviation
        start = m.start()
        if NAME_HEAD_BEFORE.search(text_before(text, start, 30)):
            continue  # "Avenida 17 de Junio", "calle 9 de Julio": a street, not a date
        wd = m.group("wd")
        if wd and _ends_a_name(text, m.start("wd")):
            start, wd = m.start("dia") if m.group("dia") else m.start("day"), None  # "Santo Domingo, 14 jun"
        if m.group("dia") and m.group("dia").lower().startswith("el") and not wd:
            start = m.start("dia")
        weekday = WEEKDAYS.get(wd.lower()) if wd else None
        tense = None
        if m.group("post") and year is None:  # "el 2 de julio próximo", "el 25 de abril pasado"
            tense = PAST if DAY_SHIFT_POST[norm(m.group("post"))] < 0 else FUTURE
        elif m.group("post"):
            end = m.start("post") - len(text[: m.start("post")]) + len(text[: m.start("post")].rstrip())
        if not wd and not (m.group("dia") and m.group("dia").lower().startswith("el")):
            shift = re.search(r"\b(próximo|proximo|pasado)\s+$", text_before(text, start, 12), re.IGNORECASE)
            if shift:  # "el próximo 6 de abril", "el pasado 3 de mayo", "el próximo día 14 de agosto"
                start -= len(text_before(text, start, 12)) - shift.start()
                tense = PAST if shift.group(1).lower() == "pasado" else FUTURE
        yield Candidate(
            start,
            end,
            "day",
            day_resolver(MONTHS[month_word], day, year, weekday, tense),
            {"month": MONTHS[month_word], "day": day, "year": year},
        )


def rule_month_day(text: str) -> Iterator[Candidate]:
    """Month first, as Latin American and English datelines write it: "julio 12, 2018", "Jul 13 8:01 PM"."""
    for m in search_valid(MONTH_DAY, text, anchor=MONTH_ANCHOR):
        month, day = MONTHS[m.group("mon").lower()], int(m.group("day"))
        year = int(m.group("y")) if m.group("y") else None
        if NAME_HEAD_BEFORE.search(text_before(text, m.start(), 30)):
            continue
        yield Candidate(m.start(), m.end(), "day", day_resolver(month, day, year), {"month": month, "day": day, "year": year})


def rule_months(text: str) -> Iterator[Candidate]:
    """Months: "marzo de 2020", "marzo del año pasado", "en marzo", "el pasado marzo"."""
    for m in search_valid(MONTH_YEAR, text, anchor=MONTH_ANCHOR):
        month = MONTHS[m.group("mon").lower()]
        if m.group("mon").lower() not in MONTHS_FULL and not re.search(r"\d", m.group(0)):
            continue
        year, rel = year_of(m)
        if m.group("yy"):
            year = two_digit_year(int(m.group("yy")), None)
        if rel is not None:
            yield Candidate(m.start(), m.end(), "month", relative_month_resolver(month, rel))
        else:
            yield Candidate(m.start(), m.end(), "month", month_resolver(month, year), {"month": month, "year": year})
    for m in search_valid(MONTH_OF, text, anchor=MONTH_ANCHOR):  # "el pasado mes de mayo", "el mes de octubre del 2003"
        month = MONTHS[m.group("mon").lower()]
        pre = norm(m.group("pre") or "")
        shift = -1 if pre == "pasado" else 0 if pre in ("presente", "este") else 1 if pre else None
        year = int(m.group("y")) if m.group("y") else None
        art = norm(m.group("art") or "")
        start = m.start("art") if art in ("el", "un") else m.start("pre") if pre else m.start("mes")
        resolver = month_resolver(month, year, None if year else shift)
        yield Candidate(start, m.end(), "month", resolver, {"month": month, "year": year})
    for m in BARE_MONTH.finditer(text):
        word = m.group("mon")
        before = text_before(text, m.start(), 60)
        if not m.group("pre"):
            if word[0].isupper() and NAME_BEFORE.search(before):
                continue  # "Plaza de Mayo", "Revolución de Mayo"
            if re.search(r"\b\d{1,2}\s+de\s+$", before):
                continue  # the month of a day the day-month rule left out ("Avenida 17 de Junio")
            sentence_start = (m.start() <= 60 and not before.strip()) or re.search(r"[.!?\n\"«“(]\s*$", before) is not None
            if word[0].isupper() and not sentence_start and not MONTH_TRIGGER.search(text_before(text, m.start(), 25)):
                continue
            if not word[0].isupper() and not (MONTH_TRIGGER.search(text_before(text, m.start(), 25)) or sentence_start):
                continue
        pre = norm(m.group("pre") or "")
        shift = (
            0
            if pre == "este"
            else -1
            if "pasado" in pre or m.group("post") == "pasado"
            else 1
            if "pr" in pre or m.group("post")
            else None
        )
        yield Candidate(
            m.start(), m.end(), "month", month_resolver(MONTHS[word.lower()], shift=shift), {"month": MONTHS[word.lower()]}
        )


def rule_years(text: str) -> Iterator[Candidate]:
    """Years and longer: "en 2019", "el año 2019", "2019-2021", "los años 90", "el siglo XX"."""
    for m in YEAR.finditer(text):
        if not m.group("año"):
            before = text_before(text, m.start(), 25)
            if not YEAR_TRIGGER.search(before) and not _after_a_verb(before):
                continue
            follower = next_word(text, m.end())
            if follower.islower() and (follower.endswith("s") and follower not in PLURAL_OK or follower in COUNT_WORDS):
                continue  # "de 2000 toneladas", "a 2000 km" count or measure something
        start = m.start("año") if m.group("año") and not m.group("año").lower().startswith("el") else m.start("y")
        if m.group("año") and m.group("año").lower().startswith("el"):
            start = m.start("año") + m.group("año").lower().index("año")
        yield Candidate(start, m.end(), "year", fixed(m.group("y")), {"year": int(m.group("y"))})
    for m in YEAR_RANGE.finditer(text):
        a, b = int(m.group("a")), int(m.group("b"))
        if b < 100:
            b += a // 100 * 100
        if b <= a or b - a > 50:
            continue
        start = m.start()
        opener = re.search(r"\b(entre|de|desde)\s+(?:el\s+)?$", text_before(text, m.start(), 15), re.IGNORECASE)
        if opener:
            start = m.start() - len(text_before(text, m.start(), 15)) + opener.start()
        yield Candidate(start, m.end(), "interval", fixed(f"{a:04d}/{b:04d}"))
    for m in DECADE.finditer(text):  # "los años 70", "la década de los noventa", "las décadas de los años 40 y 50"
        yield Candidate(m.start("unit"), m.end("d"), "decade", fixed(decade_value(m.group("d"))))
        if m.group("d2"):
            yield Candidate(m.start("d2"), m.end("d2"), "decade", fixed(decade_value(m.group("d2"))))
    for m in CENTURY.finditer(text):
        n = _roman(m.group("r"))
        if n and 1 <= n <= 21:
            yield Candidate(m.start(), m.end(), "century", fixed(f"{n - 1:02d}"))


def _after_a_verb(before: str) -> bool:
    """A year right after a verb in the past or future ("con que cerró 2023", "despidió 2024"): the verb's
    object or time, as after a preposition (a count has its noun after it: "vendió 2000 ejemplares")."""
    m = re.search(r"\b([a-záéíóúñü]+)\s+$", before)
    return m is not None and word_tense(m.group(1)) is not None


def _roman(text: str) -> int | None:
    """A Roman numeral of I, V, X, L as an int ("XIX" → 19)."""
    values = {"I": 1, "V": 5, "X": 10, "L": 50}
    total = 0
    for i, ch in enumerate(text):
        v = values[ch]
        total += -v if i + 1 < len(text) and values[text[i + 1]] > v else v
    return total


def rule_weekdays(text: str) -> Iterator[Candidate]:
    """Weekdays: "el jueves", "el lunes pasado", "el martes de la próxima semana", "el viernes 31"."""
    for m in search_valid(WEEKDAY, text, anchor=WEEKDAY_ANCHOR):
        word = m.group("wd")
        before = text_before(text, m.start(), 20).lower()
        if not m.group("pre") and re.search(r"\b(?:los|cada|unos|todos\s+los)\s+$", before):
            continue  # "los viernes" repeats: a set, not a date
        if word[0].isupper() and re.match(r"\s+[A-ZÁÉÍÓÚ]", text[m.end("wd") :]) and not m.group("post"):
            continue  # "Viernes Santo", "Lunes Negro": a name
        if not m.group("pre") and _ends_a_name(text, m.start("wd")):
            continue  # "Santo Domingo", "Plácido Domingo": a name
        pre, post = norm(m.group("pre") or ""), norm(m.group("post") or "")
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
        follower = next_word(text, m.end())
        if (
            m.group("dom")
            and follower.islower()
            and (follower.endswith("s") and follower not in PLURAL_OK or follower in COUNT_WORDS)
        ):
            yield Candidate(start, m.end("wd"), "weekday", weekday_resolver(weekday, how, week_shift))
            continue  # "el viernes 4 manifestantes": a count, not the 4th
        if m.group("dom"):  # "el viernes 31": the month where the 31st is a Friday
            yield Candidate(start, m.end(), "day", weekday_dom_resolver(weekday, int(m.group("dom"))))
            continue
        yield Candidate(start, m.end(), "weekday", weekday_resolver(weekday, how, week_shift))


# "MADRID, 12 (EUROPA PRESS)", "(ANSA) - ROMA, 3 -": a dateline giving the day alone, at a line's start.
_DATELINE_DAY = re.compile(DATELINE_DAY_ALONE.pattern, re.MULTILINE)


def rule_dateline_day(text: str) -> Iterator[Candidate]:
    """The day alone of a wire dateline ("SEVILLA, 20 (EUROPA PRESS)"): the story's day of the month."""
    for m in _DATELINE_DAY.finditer(text):
        day = int(m.group("date"))
        yield Candidate(m.start("date"), m.end("date"), "day", dateline_day_resolver(day), {"day": day})


def rule_holidays(text: str, country: str | Sequence[str] | None = None) -> Iterator[Candidate]:
    """Holidays on a fixed day: "Navidad", "el Día de la Independencia de México", "la Nochevieja de 2019".

    A holiday whose day depends on the country ("Día de la Independencia")
    takes the country named after it, else ``country`` (the document's; or
    several, the first that keeps that holiday wins: the dateline's country,
    then the one the text names), else it is left out.
    """
    countries = [country] if isinstance(country, str) else [c for c in country or () if c]
    pattern, table = holidays()
    for m in pattern.finditer(text):
        rows = table[m.group("h").lower()]
        end = m.end()
        tail = text[m.end("h") : m.end("h") + 40]
        row = None
        for r in rows:
            cue = r["cues"] and re.match(rf"\s+(?:{'|'.join(re.escape(c) for c in r['cues'].split('|'))})\b", tail)
            if cue:
                row, end = r, m.end("h") + cue.end()
                break
        if row is None:
            row = next((r for r in rows if not r["country"]), None)
        for code in countries if row is None else ():
            row = next((r for r in rows if r["country"] == code), None)
            if row is not None:
                break
        if row is None:
            continue
        if row["not_before"] and re.match(rf"\s+(?:{row['not_before']})\b", tail, re.IGNORECASE):
            continue  # "Año Nuevo chino"
        year = int(m.group("y")) if m.group("y") and end == m.end() else None
        post = norm(m.group("post") or "") if end == m.end() else ""
        tense = PAST if post.startswith("pasad") else FUTURE if post else None
        month, day = int(row["month"]), int(row["day"])
        resolver = day_resolver(month, day, year, tense=tense)
        yield Candidate(m.start("h"), end, "holiday", resolver, {"month": month, "day": day, "year": year})
