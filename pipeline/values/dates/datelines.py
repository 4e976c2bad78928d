"""The date of an article from its dateline: the date as written, and the year a careful reader gives a year-less one.

A dateline's date comes as "3 mar", "3 de marzo de 2025", "martes 3 de
marzo", "02/10/25" or the day alone ("MADRID, 3 (EUROPA PRESS)").
`read_written_date` reads it.

Most wire datelines give no year. `complete_year` gives one only when the
evidence settles it, and says why either way:

- Candidate years come from a year the caller gave (``--year``: then that
  year alone), else from the years of the other dated documents of the run
  (each ±1), from the latest year the text tells in the past up to today's
  (at least that year and the next: a report names the year of a recent past
  event; the article is no older than what it tells as past), and from a year
  the text gives itself: "este 2025", "en lo que va de 2025", or an
  anniversary's event year plus its count ("el 209 aniversario de la
  Independencia, iniciada en 1810"; the words in
  ``lang/es/anniversary_cues.tsv``).
- A candidate is ruled out by a weekday the text ties to the dateline's day
  ("hoy, jueves", "ayer, miércoles", "este martes" told in the past, "el
  jueves 27 de febrero"; not a weekday inside a name, "Santo Domingo, 27"),
  by a past date with its month that falls after it or a future one that
  falls before it, by being later than today, and by not being the year the
  text names as its own ("este 2025").
- Among those left, the one that the most cues name exactly wins (a weekday,
  an anniversary), then one near the run's dated documents (within
  ``NEAR_DAYS`` of one; all further ones are equally far), then one in the
  text's window. A tie, or nothing left, leaves the year unresolved.

Bare years ("la Agenda 2030", "la crisis de 2008") only suggest the window;
they never rule a year out.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass, field

from pipeline.lang import mapping, read_table
from pipeline.values.dateline_patterns import MONTH_WORD, NUMERIC_DATE, TEXT_DATE, WEEKDAY_WORD
from pipeline.values.dates.find import find_dates
from pipeline.values.dates.periods import safe_date
from pipeline.values.tense import FUTURE, PAST, tense_near

MONTHS: dict[str, int] = {k: int(v) for k, v in mapping("months", "form", "month").items()}
WEEKDAYS: dict[str, int] = {k: int(v) for k, v in mapping("weekdays", "form", "weekday").items()}
WEEKDAY_NAMES: dict[int, str] = {}
for _form, _number in WEEKDAYS.items():
    WEEKDAY_NAMES.setdefault(_number, _form)
MONTH_NAMES = ("", "ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sep", "oct", "nov", "dic")

_DAY = r"(?:[12]\d|3[01]|0?[1-9])"
_WRITTEN = re.compile(
    rf"^(?:(?P<wd>{WEEKDAY_WORD}),?[ \t]+)?(?:a[ \t]+)?(?P<day>{_DAY})(?:[ \t]+de)?[ \t]+(?P<month>{MONTH_WORD})"
    rf"(?:,?[ \t]+(?:del?[ \t]+)?(?P<year>\d{{4}}))?$"
)
_MONTH_FIRST = re.compile(rf"^(?P<month>{MONTH_WORD})[ \t]+(?P<day>{_DAY})(?:,?[ \t]+(?P<year>\d{{4}}))?$")
_NUMERIC = re.compile(r"^(?P<day>\d{1,2})(?P<sep>[/.\-])(?P<month>\d{1,2})(?P=sep)(?P<year>\d{4}|\d{2})$")
_DAY_ALONE = re.compile(rf"^(?P<day>{_DAY})$")
assert re.fullmatch(TEXT_DATE, "martes 3 de marzo de 2025") and re.fullmatch(NUMERIC_DATE, "02/10/25")

# Years before this, or a two-digit year read as 19xx/20xx past it, are no article's date.
TWO_DIGIT_PIVOT = 70
# Days between two dates that still count as equally near the run's documents.
NEAR_DAYS = 60
# How many years back a weekday's fitting years are listed in a reason.
LIST_YEARS_BACK = 12


@dataclass(frozen=True)
class WrittenDate:
    """A dateline's date as written: the day, and the month, year and weekday where it gives them."""

    day: int
    month: int | None = None
    year: int | None = None
    weekday: int | None = None

    @property
    def label(self) -> str:
        """``"3 mar"``, ``"3 mar 2025"``, ``"3"`` (for reasons)."""
        parts = [str(self.day)]
        if self.month:
            parts.append(MONTH_NAMES[self.month])
        if self.year:
            parts.append(str(self.year))
        return " ".join(parts)


def read_written_date(text: str) -> WrittenDate | None:
    """``"3 mar"``, ``"martes 3 de marzo de 2025"``, ``"a 3 de marzo de 2025"``, ``"02/10/25"``, ``"julio 12, 2018"``,
    ``"3"`` → `WrittenDate`.

    None for anything else, and for a day the month does not have ("31 feb").
    """
    text = text.strip().rstrip(".,")
    if (m := _WRITTEN.match(text)) is not None:
        month = MONTHS.get(m.group("month").lower().rstrip("."))
        day, year = int(m.group("day")), int(m.group("year")) if m.group("year") else None
        weekday = WEEKDAYS.get(m.group("wd").lower()) if m.group("wd") else None
    elif (m := _MONTH_FIRST.match(text)) is not None:  # "julio 12, 2018", "Jul 13"
        month = MONTHS.get(m.group("month").lower().rstrip("."))
        day, year = int(m.group("day")), int(m.group("year")) if m.group("year") else None
        weekday = None
    elif (m := _NUMERIC.match(text)) is not None:
        day, month, year = int(m.group("day")), int(m.group("month")), int(m.group("year"))
        if year < 100:
            year += 1900 if year >= TWO_DIGIT_PIVOT else 2000
        weekday = None
    elif (m := _DAY_ALONE.match(text)) is not None:
        return WrittenDate(int(m.group("day")))
    else:
        return None
    if month is None or safe_date(year or 2000, month, day) is None:
        return None
    return WrittenDate(day, month, year, weekday)


def parse_day_month(text: str) -> tuple[int | None, int, int] | None:
    """``"20 ene"`` → ``(None, 1, 20)``; ``"5 de enero de 2022"`` → ``(2022, 1, 5)``; else None."""
    written = read_written_date(text)
    if written is None or written.month is None:
        return None
    return written.year, written.month, written.day


# ---------------------------------------------------------------- evidence in the text
_OFFSETS = {"hoy": 0, "ayer": -1, "anteayer": -2, "antier": -2, "mañana": 1, "pasado mañana": 2}
# "hoy, jueves", "ayer miércoles", "mañana, viernes" ("esta mañana, jueves" is the morning, not tomorrow)
_OFFSET_CUE = re.compile(
    rf"(?<![\w])(?<![Ee]sta )(?<![Ll]a )(?<![Dd]e )(?P<word>(?i:hoy|ayer|anteayer|antier|pasado mañana|mañana))"
    rf"(?:[ \t]*,|[ \t]+es)?[ \t]+(?P<wd>{WEEKDAY_WORD})"
)
# "el jueves 27 de febrero", "el pasado viernes 28", "este martes 3", "hoy, jueves 3 de marzo" (no year after it)
_DATED_CUE = re.compile(
    rf"(?<![\w])(?:(?P<lead>(?i:pasado|próximo))[ \t]+)?(?P<wd>{WEEKDAY_WORD})(?:[ \t]+(?P<trail>(?i:pasado|próximo)))?"
    rf",?[ \t]+(?P<day>{_DAY})(?:[ \t]+de[ \t]+(?P<month>{MONTH_WORD}))?(?![\d/.:])"
    r"(?![ \t]*(?:,[ \t]*)?(?:del?[ \t]+)?\d{4})"
)
# "este martes" (told in the past: a day of the dateline's week up to it)
_THIS_WEEK_CUE = re.compile(rf"(?<![\w])(?i:este)[ \t]+(?P<wd>{WEEKDAY_WORD})(?![ \t]*,?[ \t]*\d)")
_ISO_VALUE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
# "este 2025", "en lo que va de 2025", "este año 2025": the text names its own year
_THIS_YEAR_CUE = re.compile(
    r"(?<![\w])(?i:este|en[ \t]+lo[ \t]+que[ \t]+va[ \t]+del?)[ \t]+(?:(?i:año)[ \t]+)?(?P<year>(?:19|20)\d{2})(?![\d.,]\d|\w)"
)
_YEAR_IN_TEXT = re.compile(r"(?<![\d.,])(?P<year>1[5-9]\d{2}|20\d{2})(?![\d.,]\d|\w)")
# How far after an anniversary's count its event's year may be written, in characters (same sentence).
ANNIVERSARY_REACH = 160


def _anniversary_patterns() -> tuple[re.Pattern, re.Pattern]:
    rows = read_table("anniversary_cues")
    nouns = "|".join(re.escape(r["form"]) for r in rows if r["kind"] == "noun")
    leads = "|".join(re.escape(r["form"]) for r in rows if r["kind"] == "lead")
    noun = re.compile(rf"(?<![\w.,])(?P<n>\d{{1,3}})(?:\.?[º°o]|er)?[ \t]+(?i:{nouns})(?!\w)")
    lead = re.compile(
        rf"(?<![\w])(?i:{leads})[ \t]+(?:(?i:sus|los)[ \t]+)?(?P<n>\d{{1,3}})[ \t]+(?i:años)[ \t]+(?i:de|del|desde)(?!\w)"
    )
    return noun, lead


_ANNIVERSARY_NOUN, _ANNIVERSARY_LEAD = _anniversary_patterns()


@dataclass(frozen=True)
class WeekdayCue:
    """A weekday the text ties to the dateline's day.

    Attributes:
        text: The words, for reasons.
        weekday: ISO weekday named.
        kind: ``offset`` (the dateline's day plus ``offset`` days is that weekday: "hoy,
            jueves", "ayer, miércoles"), ``week`` ("este martes": a day of the same week,
            before the dateline's day when told in the past), ``dated`` (a day of month,
            and maybe its month, named with its weekday: "el jueves 27 de febrero").
    """

    text: str
    weekday: int
    kind: str
    offset: int = 0
    day: int | None = None
    month: int | None = None
    tense: str | None = None

    def check(self, date: dt.date) -> bool | None:
        """True if the cue names ``date`` (or its day) exactly, False if it cannot hold, None if it merely may."""
        if self.kind == "offset":
            return (date + dt.timedelta(days=self.offset)).isoweekday() == self.weekday
        if self.kind == "week":
            if date.isoweekday() == self.weekday:
                return True
            return False if self.tense == PAST and self.weekday > date.isoweekday() else None
        named = self._dated(date)
        return None if named is None else named.isoweekday() == self.weekday

    def _dated(self, date: dt.date) -> dt.date | None:
        """The day the cue names, placed near ``date``: its month's year nearest, or without a month the
        nearest such day of month on the side its tense says."""
        if self.month is not None:
            year = date.year + (-1 if self.month - date.month > 6 else 1 if date.month - self.month > 6 else 0)
            return safe_date(year, self.month, self.day)
        options = []
        for shift in (-1, 0, 1):
            month = (date.month - 1 + shift) % 12 + 1
            year = date.year + (date.month - 1 + shift) // 12
            if (candidate := safe_date(year, month, self.day)) is not None:
                options.append(candidate)
        if self.tense == PAST:
            options = [o for o in options if o <= date]
        elif self.tense == FUTURE:
            options = [o for o in options if o >= date]
        return min(options, key=lambda o: abs((o - date).days), default=None)


@dataclass(frozen=True)
class TextDate:
    """A date with its year written in the text, told in the past or the future: ``start``–``end`` is its period."""

    text: str
    start: dt.date
    end: dt.date
    precision: str  # day | month | year
    tense: str


@dataclass
class Evidence:
    """What an article's text says about the year it was written in."""

    cues: list[WeekdayCue] = field(default_factory=list)
    dates: list[TextDate] = field(default_factory=list)
    # The year the text says it is written in: "este 2025" (``own``), or an anniversary's event year
    # plus its count ("el 209 aniversario de la Independencia, iniciada en 1810": ``anniversary``).
    years: list[tuple[str, int, str]] = field(default_factory=list)

    def anchor(self, today: dt.date) -> TextDate | None:
        """The latest date told in the past (a year at least), not after ``today``."""
        past = [d for d in self.dates if d.tense == PAST and d.start <= today]
        return max(past, key=lambda d: d.start, default=None)


def _tense_of_cue(m: re.Match, text: str) -> str | None:
    words = " ".join(w.lower() for w in (m.groupdict().get("lead"), m.groupdict().get("trail")) if w)
    if "pasado" in words:
        return PAST
    if "próximo" in words:
        return FUTURE
    return tense_near(text, m.start(), m.end())


def _in_a_name(text: str, m: re.Match) -> bool:
    """A capitalised weekday right after a capitalised word is part of a name ("Santo Domingo, 27")."""
    if not m.group("wd")[:1].isupper():
        return False
    before = re.search(r"(\S+)[ \t]+$", text[max(0, m.start("wd") - 40) : m.start("wd")])
    return before is not None and before.group(1)[:1].isupper() and before.group(1)[-1].isalpha()


def _anniversaries(text: str):
    """``(words, year)`` of each anniversary whose event's year the sentence writes after its count."""
    for pattern in (_ANNIVERSARY_NOUN, _ANNIVERSARY_LEAD):
        for m in pattern.finditer(text):
            rest = text[m.end() : m.end() + ANNIVERSARY_REACH]
            stop = re.search(r"[.!?;](?:\s|$)|\n", rest)
            y = _YEAR_IN_TEXT.search(rest[: stop.start()] if stop else rest)
            if y is not None:
                yield text[m.start() : m.end() + y.end()], int(y.group("year")) + int(m.group("n"))


def read_evidence(text: str) -> Evidence:
    """The weekday cues, the dated past and future events and the years the text names as its own (see the module doc)."""
    evidence = Evidence()
    for m in _OFFSET_CUE.finditer(text):
        word = " ".join(m.group("word").lower().split())
        evidence.cues.append(WeekdayCue(m.group(), WEEKDAYS[m.group("wd").lower()], "offset", offset=_OFFSETS[word]))
    for m in _THIS_YEAR_CUE.finditer(text):
        evidence.years.append((m.group(), int(m.group("year")), "own"))
    for words, year in _anniversaries(text):
        evidence.years.append((" ".join(words.split()), year, "anniversary"))
    for m in _DATED_CUE.finditer(text):
        if _in_a_name(text, m):
            continue
        month = MONTHS.get(m.group("month").lower().rstrip(".")) if m.group("month") else None
        cue = WeekdayCue(
            m.group(),
            WEEKDAYS[m.group("wd").lower()],
            "dated",
            day=int(m.group("day")),
            month=month,
            tense=_tense_of_cue(m, text),
        )
        evidence.cues.append(cue)
    for m in _THIS_WEEK_CUE.finditer(text):
        if _in_a_name(text, m):
            continue
        evidence.cues.append(WeekdayCue(m.group(), WEEKDAYS[m.group("wd").lower()], "week", tense=_tense_of_cue(m, text)))
    for match in find_dates(text, None):
        parsed = _ISO_VALUE.match(match.value)
        if parsed is None:
            continue
        tense = tense_near(text, match.start, match.end)
        if tense is None:
            continue
        year, month, day = int(parsed.group(1)), parsed.group(2), parsed.group(3)
        if day:
            start = end = safe_date(year, int(month), int(day))
            precision = "day"
        elif month:
            start = dt.date(year, int(month), 1)
            end = (dt.date(year + int(month) // 12, int(month) % 12 + 1, 1)) - dt.timedelta(days=1)
            precision = "month"
        else:
            start, end, precision = dt.date(year, 1, 1), dt.date(year, 12, 31), "year"
        if start is not None:
            evidence.dates.append(TextDate(text[match.start : match.end], start, end, precision, tense))
    return evidence


# "este jueves, 20 de marzo", "hoy, 20 de marzo", "el jueves 20 de marzo": a day named as the story's own,
# with its month (the month a day-only dateline, "SEVILLA, 20 (EUROPA PRESS)", leaves out)
_TODAY_WITH_MONTH = re.compile(
    rf"(?<![\w])(?:(?P<lead>(?i:hoy|este|esta))[ \t]*,?[ \t]*)?(?P<wd>{WEEKDAY_WORD})?[ \t]*,?[ \t]*"
    rf"(?P<day>{_DAY})[ \t]+de[ \t]+(?P<month>{MONTH_WORD})"
)


def month_of_day(day: int, text: str) -> tuple[int, str] | None:
    """``(month, words)`` of the text's day ``day`` named with a weekday or "hoy" and its month ("este jueves,
    20 de marzo"): what a day-only dateline's month is. None when no such day, or two months, are named."""
    found: dict[int, str] = {}
    for m in _TODAY_WITH_MONTH.finditer(text):
        if int(m.group("day")) != day or not (m.group("wd") or m.group("lead")):
            continue
        if m.group("wd") and _in_a_name(text, m):
            continue
        month = MONTHS.get(m.group("month").lower().rstrip("."))
        if month is not None:
            found.setdefault(month, " ".join(m.group().split()))
    if len(found) != 1:
        return None
    return next(iter(found.items()))


# ---------------------------------------------------------------- the run's dated documents
class CorpusDates:
    """The dates of a run's documents whose date is known (metadata, full dateline, file name)."""

    def __init__(self, dates=()) -> None:
        self._dates: list[dt.date] = []
        for date in dates:
            self.add(date)

    def add(self, date: dt.date) -> None:
        i = bisect.bisect_left(self._dates, date)
        if i == len(self._dates) or self._dates[i] != date:
            self._dates.insert(i, date)

    def __bool__(self) -> bool:
        return bool(self._dates)

    def years(self) -> set[int]:
        return {d.year for d in self._dates}

    def distance(self, date: dt.date) -> int | None:
        """Days from ``date`` to the nearest dated document (None without any)."""
        if not self._dates:
            return None
        i = bisect.bisect_left(self._dates, date)
        near = self._dates[max(i - 1, 0) : i + 1]
        return min(abs((d - date).days) for d in near)


# ---------------------------------------------------------------- the year
@dataclass(frozen=True)
class Inference:
    """The completed date (None when the year stays unresolved) and why."""

    date: dt.date | None
    reason: str


@dataclass
class _Candidate:
    year: int
    date: dt.date
    vetoes: list[str] = field(default_factory=list)
    support: list[str] = field(default_factory=list)
    corpus_days: int | None = None
    in_window: bool = False

    def key(self) -> tuple:
        # Near the run's dated documents or not: two dates further than NEAR_DAYS from every dated
        # document are equally far (a run spanning years says nothing about which one a stray date is of).
        near = self.corpus_days is not None and self.corpus_days <= NEAR_DAYS
        return (len(self.support), near, self.in_window)


def _weekday_name(date: dt.date) -> str:
    return WEEKDAY_NAMES[date.isoweekday()]


def _judge(candidate: _Candidate, cues: list[WeekdayCue], evidence: Evidence, today: dt.date) -> None:
    date = candidate.date
    if date > today + dt.timedelta(days=1):
        candidate.vetoes.append(f"{date.isoformat()} is later than today")
    for cue in cues:
        verdict = cue.check(date)
        if verdict is True:
            candidate.support.append(f"'{cue.text}' fits ({date.isoformat()} is a {_weekday_name(date)})")
        elif verdict is False:
            candidate.vetoes.append(f"'{cue.text}' does not fit {date.isoformat()}, a {_weekday_name(date)}")
    for words, year, kind in evidence.years:
        if kind == "own" and year != candidate.year:
            candidate.vetoes.append(f"the text names its year: '{words}'")
        elif kind == "anniversary" and year == candidate.year:
            candidate.support.append(f"'{words}' makes it {year}")
    for told in evidence.dates:
        if told.precision == "year" or told.start > today:
            continue  # a bare year may name a plan or an event ("la Agenda 2030"): no bound
        if told.tense == PAST and date < told.start:
            candidate.vetoes.append(f"it is before '{told.text}', told in the past")
        elif told.tense == FUTURE and date > told.end:
            candidate.vetoes.append(f"it is after '{told.text}', told in the future")


def _window(anchor: TextDate, today: dt.date) -> range:
    """The years an article may be of after the latest date it tells in the past: that date's year up to today's
    (the next one at least: a report names the year of a recent past event)."""
    return range(anchor.start.year, max(today.year, anchor.start.year + 1) + 1)


def fitting_years(day: int, month: int, cues: list[WeekdayCue], today: dt.date) -> list[int]:
    """The recent years (newest first, not after ``today``) whose ``day``/``month`` every weekday cue names exactly."""
    out = []
    for year in range(today.year, today.year - LIST_YEARS_BACK, -1):
        date = safe_date(year, month, day)
        if date is not None and date <= today and cues and all(cue.check(date) is True for cue in cues):
            out.append(year)
    return out


def complete_year(
    day: int,
    month: int,
    evidence: Evidence,
    *,
    weekday: int | None = None,
    year_hint: int | None = None,
    corpus: CorpusDates | None = None,
    today: dt.date | None = None,
) -> Inference:
    """The date of a dateline without a year, or None and the reason (see the module doc).

    Args:
        day, month: The dateline's day and month.
        evidence: What the text says (`read_evidence`).
        weekday: A weekday the dateline itself names ("Lima, martes 3 de marzo").
        year_hint: A year the caller gave for the run (``--year``): the only candidate.
        corpus: The run's dated documents.
        today: The latest possible date (the machine's date by default).
    """
    today = today or dt.date.today()
    written = f"{day} {MONTH_NAMES[month]}"
    cues = list(evidence.cues)
    if weekday is not None:
        cues.append(WeekdayCue(f"{WEEKDAY_NAMES[weekday]} {written}", weekday, "offset"))
    anchor = evidence.anchor(today)
    if year_hint is not None:
        years = {year_hint}
    else:
        years = set()
        if anchor is not None:
            years |= set(_window(anchor, today))
        if corpus:
            years |= {y + d for y in corpus.years() for d in (-1, 0, 1)}
        years |= {year for _, year, _ in evidence.years if year <= today.year}
    candidates = []
    for year in sorted(years):
        date = safe_date(year, month, day)
        if date is None:
            continue
        candidate = _Candidate(year, date, corpus_days=corpus.distance(date) if corpus else None)
        candidate.in_window = anchor is not None and year in _window(anchor, today)
        _judge(candidate, cues, evidence, today)
        candidates.append(candidate)
    if not candidates:
        fits = fitting_years(day, month, cues, today)
        also = f"; {', '.join(repr(c.text) for c in cues)} fits {_years_text(fits)}" if fits else ""
        return Inference(None, f"'{written}' has no year and nothing in the text or the run dates it{also}")
    left = [c for c in candidates if not c.vetoes]
    if not left:
        own = {year for _, year, kind in evidence.years if kind == "own"}
        ranked = sorted(candidates, key=lambda c: (c.year not in own, len(c.vetoes), -c.year))
        why = "; ".join(f"{c.year}: {c.vetoes[0]}" for c in ranked[:4])
        given = f" (--year {year_hint})" if year_hint is not None else ""
        return Inference(None, f"'{written}' has no year and the evidence rules out every candidate{given}: {why}")
    left.sort(key=lambda c: c.key(), reverse=True)
    best = left[0]
    if len(left) > 1 and left[1].key() == best.key():
        tied = sorted(c.year for c in left if c.key() == best.key())
        return Inference(None, f"'{written}' has no year: {_years_text(tied)} fit equally")
    notes = list(best.support)
    if year_hint is not None:
        notes.insert(0, f"the year given ({year_hint})")
    if best.corpus_days is not None and (len(left) > 1 or not notes):
        days = (
            "the same day as"
            if best.corpus_days == 0
            else "a day from"
            if best.corpus_days == 1
            else f"{best.corpus_days} days from"
        )
        notes.append(f"{days} the nearest dated document of the run")
    if anchor is not None and best.in_window:
        notes.append(f"after '{anchor.text}', told in the past")
    return Inference(best.date, f"'{written}' completed with {best.year}: " + "; ".join(notes))


def _years_text(years: list[int]) -> str:
    if len(years) == 1:
        return str(years[0])
    return ", ".join(str(y) for y in years[:-1]) + f" and {years[-1]}"


def infer_year(month: int, day: int, text: str, *, today: dt.date | None = None) -> dt.date | None:
    """The date of a year-less dateline from the article's text alone (`complete_year` without run evidence)."""
    return complete_year(day, month, read_evidence(text), today=today).date
