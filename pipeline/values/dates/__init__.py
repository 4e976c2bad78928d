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
trimestre") is placed by the tense (`pipeline.values.tense`): a trailing or
leading "próximo"/"pasado" ("el 2 de julio próximo"), a preposition or a past
participle right before it ("para el", "a partir del", "anunciados en"), or
before the noun it completes ("para las elecciones del 27 de octubre"), a
verb of intent or "para" with an infinitive that governs it ("prometió
reducirlos antes de Navidad", "para asistir el 9 de mayo": ahead), else
the verbs of its own clause — for a day and month or a month only those, for a
weekday or a quarter then those of its sentence: past → the latest one on or
before the reference date, future → the next one on or after it. With no cue
a weekday takes the past one (news reports what happened: measured on
MEANTIME), a month the past one unless it is one of the next two, a day and
month or a quarter the nearest. A deictic day with its weekday ("hoy,
jueves") is one date whose weekday outweighs a reference a day or two off.

Also read: vague references as TIMEX3 writes them ("estos días", "hasta el
momento", "la hoy extinta", "del pasado", "de futuro"), decades ("los 80",
"la década de los noventa"), centuries ("este siglo", "el siglo XX"),
holidays on a fixed day ("Navidad", "el Día de la Independencia de México";
a country's own holiday needs its country), month-first order ("julio 12,
2018", "Jul 13 8:01 PM"), days listed before a month ("el 9 y 10 de junio"),
"el pasado mes de mayo", "hace más de 30 años", the current month or year
("a finales de mes", "este 2025"), the day alone of a wire dateline
("MADRID, 12 (EUROPA PRESS)": the reference's nearest 12th), and anaphors
("ese año", "esa fecha", "el día 12" a few days after the last day named;
"la víspera" counts from the last day named, unless that day is weeks from
the reference and named in an earlier paragraph: then from the reference,
the story's day). A day and month right after "Avenida", "calle",
"Hospital"… is a name, not a date. A holiday's country is the one named
after it, else the first of the countries given (the dateline's, then the
one the document names).

How spans are cut: an article before a day or weekday is left out ("el 12 de
octubre" → "12 de octubre"), one before a unit is kept ("la semana pasada",
"el cuarto trimestre"), a range keeps its opening preposition ("del 10 al 21
de noviembre", "entre 2019 y 2021"), a list does not ("de mayo y junio" is two
dates: a range's opener asks for its link, "entre … y", "de … a").

The package, one job a module (the flow: patterns → rules → find → resolve)::

    patterns        language tables (``pipeline/lang/es``) and the compiled regexes; data only
    rules_named     candidates that name a day, month or year ("5 de enero", "2019", "el jueves", "Navidad")
    rules_relative  candidates told from the reference or the text ("la semana pasada", "mañana")
    find            `find_dates`: the longest of overlapping candidates, ranges, values in text order
    resolve         resolvers: a candidate's value from its `Context` (reference, tense, last date named)
    periods         calendar arithmetic: `value_interval`, `place`, `weekday_date`, `add_months`
    reading         numbers as dates write them (`number_value`), words and text around a match
    models          `DateMatch`, `Candidate`, `Context`
    datelines       an article's date from its dateline: `parse_day_month`, `infer_year`

Imported from here: `find_dates` and `WEAK_KINDS` (the spaCy component), the
dateline functions `parse_day_month` and `infer_year` (ingest, filters), and
`value_interval` (the date evaluation). Everything else from its module.
"""

from pipeline.values.dates.datelines import infer_year, parse_day_month
from pipeline.values.dates.find import find_dates
from pipeline.values.dates.models import WEAK_KINDS
from pipeline.values.dates.periods import value_interval

__all__ = ["WEAK_KINDS", "find_dates", "infer_year", "parse_day_month", "value_interval"]
