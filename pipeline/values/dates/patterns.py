"""Language tables and compiled patterns of Spanish dates. Data only: no resolving here.

The word tables come from ``pipeline/lang/es/*.tsv`` (months, weekdays,
ordinals, seasons, units, shifts, edges, date words); the patterns are built
from them once, at import. `rules_named` and `rules_relative` read the
matches, `find` joins ranges, `datelines` reads a dateline.
"""

from __future__ import annotations

import re
from functools import cache

from pipeline.lang import mapping, read_table

# ---------------------------------------------------------------- tables

MONTHS: dict[str, int] = {k: int(v) for k, v in mapping("months", "form", "month").items()}
MONTHS_FULL = tuple(r["form"] for r in read_table("months") if r["kind"] == "full")
WEEKDAYS: dict[str, int] = {k: int(v) for k, v in mapping("weekdays", "form", "weekday").items()}
ORDINALS: dict[str, int] = {k: int(v) for k, v in mapping("ordinals", "form", "value").items()}
SEASONS: dict[str, str] = mapping("seasons", "form", "season")
UNITS: dict[str, str] = mapping("date_units", "form", "unit")
SHIFT_PRE = {r["form"]: int(r["shift"]) for r in read_table("date_shifts") if r["position"] == "pre"}
SHIFT_POST = {r["form"]: int(r["shift"]) for r in read_table("date_shifts") if r["position"] == "post"}
# after a day and month ("el 2 de julio próximo", "del 28 de abril próximos"): the shifts that place it, plurals too
DAY_SHIFT_POST = {
    **{f: n for f, n in SHIFT_POST.items() if n},
    **{f + "s": n for f, n in SHIFT_POST.items() if n and f.endswith(("o", "e"))},
}
REL_YEAR = {
    "este año": 0,
    "año en curso": 0,
    "presente año": 0,
    "año": 0,
    "año pasado": -1,
    "año anterior": -1,
    "próximo año": 1,
    "año próximo": 1,
    "año que viene": 1,
    "año siguiente": 1,
}
PLURAL_OK = frozenset(
    {
        "las",
        "los",
        "unos",
        "unas",
        "sus",
        "nos",
        "les",
        "más",
        "menos",
        "pues",
        "después",
        "antes",
        "tras",
        "mientras",
        "entonces",
        "además",
        "es",
        "fue",
        "has",
        "hasta",
        "desde",
    }
)
COUNT_WORDS = frozenset(r["word"] for r in read_table("year_not_before"))
EARLIEST_YEAR, LATEST_YEAR = 1500, 2100  # a year read from words outside these is no year


def _alt(forms) -> str:
    """A regex alternation of literal forms, longest first, spaces matching any whitespace."""
    return "|".join(re.escape(f).replace(r"\ ", r"\s+") for f in sorted(set(forms), key=len, reverse=True))


def _first_letters(forms) -> str:
    """A lookahead for the first letters of ``forms``: the same matches, but a position that
    starts no form is passed over at once instead of trying every form of the alternation.

    Every pattern tried on a whole text opens with such a ``(?=[...])``, the
    characters a match can start with (tests/test_fast_paths.py checks that
    each finds what it finds without it).
    """
    return "(?=[" + "".join(sorted({re.escape(f[0]) for f in forms})) + "])"


# regex fragments
_MONTH_FULL = _alt(MONTHS_FULL)
_MONTH_ANY = _alt(MONTHS)
_WEEKDAY = _alt(WEEKDAYS)
_WORD = r"[a-záéíóúñü]+"
_YEAR = r"(?:1[5-9]\d\d|20\d\d)"
_DAYNUM = r"(?:[12]\d|3[01]|0?[1-9])(?:\.?\s?º|\.?°|ro|er)?"
_DAYWORD = rf"(?:{_WORD}(?:\s+y\s+{_WORD}|\s+(?!de\b){_WORD})?)"
_YEARWORDS = rf"(?:dos\s+mil(?:\s+{_WORD}){{0,3}}|mil\s+novecientos(?:\s+{_WORD}){{0,4}})"
_EDGE_FORMS = tuple(r["form"] for r in read_table("date_edges"))
_EDGE = _alt(_EDGE_FORMS)
_YEAR_REF = rf"(?:(?P<y>{_YEAR})|(?P<yrel>{_alt(REL_YEAR)}))"

# ---------------------------------------------------------------- candidate rules

NAME_BEFORE = re.compile(r"[A-ZÁÉÍÓÚÑ][\wáéíóúñ]*\s+(?:de|del)\s+$")
# a day and month right after one of these nouns names a street or an institution ("Avenida 17 de Junio")
NAME_HEAD_BEFORE = re.compile(
    rf"(?:^|(?<=[\s(«\"]))(?:{_alt(r['word'] for r in read_table('date_name_heads'))})\s*$", re.IGNORECASE
)
NUMERIC_DMY = re.compile(
    r"(?=[\d])(?<![\d/.,\-])(?P<a>\d{1,2})(?P<sep>[/.\-])(?P<b>\d{1,2})(?:(?P=sep)|(?<=\d),(?=\d))(?P<y>\d{4}|\d{2})(?![\d/\-]|[.,]\d)"
)
NUMERIC_YMD = re.compile(
    r"(?=[12])(?<![\d/.,\-])(?P<y>(?:1[5-9]|20)\d\d)(?P<sep>[/.\-])(?P<b>\d{1,2})(?P=sep)(?P<a>\d{1,2})(?![\d/\-]|[.,]\d)"
)
NUMERIC_DM = re.compile(
    r"\b(?=[adeh])(?:el|del|al|hasta\s+el|desde\s+el)\s+(?P<a>[12]\d|3[01]|0?[1-9])/(?P<b>1[0-2]|0?[1-9])(?![\d/]|[.,]\d)",
    re.IGNORECASE,
)
DAY_DEL_MONTH = re.compile(
    r"\b(?=[e])el\s+(?P<a>[12]\d|3[01]|0?[1-9])\s+del\s+(?P<b>1[0-2]|0?[1-9])\b(?!\s*(?:%|por\s+ciento|[.,]\d))", re.IGNORECASE
)
DAY_OF_MONTH = re.compile(
    rf"\b(?=[adehp])(?:el|del|al|para\s+el|hasta\s+el|desde\s+el)\s+(?:(?P<shift>pasado|próximo|proximo)\s+)?día\s+(?P<d>[12]\d|3[01]|0?[1-9])\b"
    rf"(?!\s*(?:de\s+(?:{_MONTH_ANY}|este|ese)\b|[.,:/\-]\d|%|por\s+ciento|de\s+\d|\s*(?:{_MONTH_ANY})\b))",
    re.IGNORECASE,
)
DAY_MONTH = re.compile(
    rf"(?<![\w.,/\-])(?:(?P<wd>{_WEEKDAY})\s*,?\s+)?(?:(?P<dia>(?:el\s+)?día)\s+)?"
    rf"(?P<day>{_DAYNUM}|{_DAYWORD})(?:\s*(?:de\s+|[-/]\s*)|\s+)(?P<mon>{_MONTH_ANY})\b\.?"
    rf"(?:(?:\s*,\s*|\s+(?:de|del)\s+|\s*[-/]\s*|\s+)(?:(?P<y>{_YEAR}|\d{{2}}(?!\d))|(?P<yw>{_YEARWORDS}))\b)?"
    rf"(?:\s+(?P<post>{_alt(DAY_SHIFT_POST)})\b)?",
    re.IGNORECASE,
)
# Latin American and English order, month first: "julio 12, 2018", "Jul 13 8:01 PM" (the time is not taken)
MONTH_DAY = re.compile(
    rf"\b(?P<mon>{_MONTH_ANY})\.?\s+(?P<day>[12]\d|3[01]|0?[1-9])(?![\d.,:]\d)"
    rf"(?:\s*,\s+(?P<y>{_YEAR})\b(?![.,]\d)|(?=\s*,?\s+(?:[01]?\d|2[0-3]):[0-5]\d\b))",
    re.IGNORECASE,
)
MONTH_YEAR = re.compile(
    rf"\b(?P<mon>{_MONTH_ANY})\.?,?\s+(?:(?:de|del)\s+)?(?:{_YEAR_REF}|(?<=del\s)(?P<yy>\d\d)(?![\d%]|[.,]\d|\s+(?:de|por)\b))\b",
    re.IGNORECASE,
)
BARE_MONTH = re.compile(
    rf"\b{_first_letters(('este', 'el', *MONTHS_FULL))}(?:(?P<pre>este|el\s+pasado|el\s+próximo|el\s+proximo)\s+)?"
    rf"(?P<mon>{_MONTH_FULL})\b(?:\s+(?P<post>pasado|próximo))?",
    re.IGNORECASE,
)
MONTH_OF = re.compile(
    rf"\b(?:(?P<art>el|un|del|al)\s+)?(?:(?P<pre>pasado|próximo|proximo|presente|este)\s+)?(?P<mes>mes)\s+de\s+(?P<mon>{_MONTH_FULL})\b"
    rf"(?:\s+(?:de|del)\s+(?P<y>{_YEAR})\b)?",
    re.IGNORECASE,
)
MONTH_TRIGGER = re.compile(r"(?:\b(?:en|de|desde|hasta|para|durante|entre|y|o|a|al|del|partir\s+de)\s+|,\s*|^)$", re.IGNORECASE)
YEAR = re.compile(rf"(?=[ae12])(?<![\d/.,\-])(?:(?P<año>(?:el\s+)?año)\s+)?(?P<y>{_YEAR})(?![\d%]|[.,]\d|\s*[/\-–]\s*\d)")
YEAR_TRIGGER = re.compile(
    r"\b(?:en|de|del|desde|hasta|para|durante|antes\s+de|después\s+de|tras|a\s+partir\s+de|hacia|entre|y|a|al|el|"
    r"año|años|periodo|período|ejercicio|que|since|sobre|este|esta)\s+$"
    rf"|(?<![\d/.,\-]){_YEAR}\s*,\s*$",  # the next year of a list: "en 1996, 1998, 2000 y 2002"
    re.IGNORECASE,
)
YEAR_RANGE = re.compile(rf"(?=[12])(?<![\d/.,\-+])(?P<a>{_YEAR})\s*[-–/]\s*(?P<b>{_YEAR}|\d\d)(?![\d/%\-]|[.,]\d)")
WEEKDAY = re.compile(
    rf"\b(?:(?P<pre>este|esta|el\s+pasado|el\s+próximo|el\s+proximo|el\s+último|el\s+ultimo|el\s+siguiente|"
    rf"pasado|próximo|proximo|último|ultimo|siguiente)\s+)?(?P<wd>{_WEEKDAY})\b"
    rf"(?P<post>\s+(?:pasado|próximo|que\s+viene)\b|\s+(?:anterior|siguiente)\b(?!\s+(?:a|al|de|del)\b)"
    rf"|\s+de\s+(?:esta|(?:la\s+)?(?:próxima|siguiente|pasada|última|ultima))\s+semana"
    rf"|\s+de\s+(?:la\s+)?semana\s+(?:pasada|próxima|que\s+viene)|,?\s+(?:la\s+)?(?:próxima|siguiente|pasada)\s+semana"
    rf"|\s+(?P<dom>[12]\d|3[01]|0?[1-9])\b(?!\s*(?:[.,:/\-]\d|de\s|%|por\s+ciento)))?",
    re.IGNORECASE,
)
NTH_WEEKDAY = re.compile(
    rf"\b(?:el\s+)?(?P<nth>primer|segundo|tercer|cuarto|último|ultimo)\s+(?P<wd>{_WEEKDAY})\s+(?:de|del)\s+"
    rf"(?:(?P<mon>{_MONTH_FULL})(?:\s+(?:de|del)\s+(?P<y>{_YEAR}))?|(?P<this>este\s+mes|mes))\b",
    re.IGNORECASE,
)
UNIT_SHIFT = re.compile(
    rf"\b(?:(?P<art>el|la|los|las|del|al)\s+)?(?:(?P<pre>{_alt(SHIFT_PRE)})\s+)?(?P<unit>año|mes|semana|trimestre|semestre|siglo)"
    rf"(?:\s+(?P<post>{_alt(SHIFT_POST)}))?\b",
    re.IGNORECASE,
)
PART = re.compile(
    rf"(?:\b(?:(?P<art>el|del|al)\s+)?(?P<ord>primer|primero|segundo|tercer|tercero|cuarto|último|ultimo|próximo|este)"
    rf"|\b(?P<num>[1-4])\s?(?:\.?º|\.?ª|er|ro|do|to))\s+"
    rf"(?P<unit>trimestre|semestre)(?:\s+(?:de|del)\s+(?:(?P<y>{_YEAR})|(?P<yrel>{_alt(REL_YEAR)})))?\b",
    re.IGNORECASE,
)
APPROXIMATORS = tuple(r["form"] for r in read_table("date_approximators"))
AGO = re.compile(
    rf"\b(?=[dh])(?P<dir>hace|dentro\s+de)\s+(?:(?P<approx>{_alt(APPROXIMATORS)})\s+)?"
    rf"(?P<n>\d+|un\s+par\s+de|{_WORD}(?:\s+y\s+{_WORD}|\s+{_WORD})?)\s+(?P<unit>{_alt(UNITS)}|horas?|minutos?)\b",
    re.IGNORECASE,
)
SEASON = re.compile(
    rf"\b(?:(?P<art>la|el|esta|este|del|al)\s+)?(?:(?P<pre>pasado|pasada|próximo|próxima)\s+)?(?P<s>{_alt(SEASONS)})\b"
    rf"(?:\s+(?:(?:de|del)\s+(?P<y>{_YEAR})|(?P<post>pasado|pasada|próximo|próxima|que\s+viene)))?",
    re.IGNORECASE,
)
WEEKEND = re.compile(
    r"\b(?:(?P<art>este|el|del|al)\s+)?(?:(?P<pre>pasado|próximo|último)\s+)?fin\s+de\s+semana\b"
    r"(?:\s+(?P<post>pasado|próximo|que\s+viene))?",
    re.IGNORECASE,
)
DECADE_WORDS: dict[str, int] = {k: int(v) for k, v in mapping("date_decades", "form", "tens").items()}
_DECADE_NUM = rf"(?:(?:1[5-9]|20)?\d0|{_alt(DECADE_WORDS)})"
DECADE = re.compile(
    rf"\b(?=[ad])(?P<unit>años|décadas?\s+de(?:\s+los)?(?:\s+años)?)\s+(?P<d>{_DECADE_NUM})\b(?!\s*%)"
    rf"(?:\s+y\s+(?:los\s+)?(?P<d2>{_DECADE_NUM})\b(?!\s*%))?",
    re.IGNORECASE,
)
CENTURY = re.compile(r"\b(?=[s])siglo\s+(?P<r>[IVXL]+)\b")
EDGE_YEAR = re.compile(
    rf"\b{_first_letters(_EDGE_FORMS)}(?P<edge>{_EDGE})\s+(?:de|del)\s+(?P<yrel>año)\b(?!\s+(?:{_alt(SHIFT_POST)}))",
    re.IGNORECASE,
)
_DECADE_SHORT = rf"(?:[2-9]0|{_alt(DECADE_WORDS)})"
DECADE_SHORT = re.compile(
    rf"\b(?=[deh])(?:de|en|durante|desde|hasta)\s+los\s+(?P<a>{_DECADE_SHORT})"
    rf"(?:\s+y\s+(?:los\s+)?(?P<b>{_DECADE_SHORT}))?(?=\s*[.,;:)]|\s*$)",
    re.IGNORECASE,
)
THEN = re.compile(r"\b(?=[dhp])(?:para|desde|hasta|por|de)\s+(?P<then>entonces)\b", re.IGNORECASE)

# a pattern is only tried near its anchor (`reading.search_valid`)
ANCHOR_BEFORE, ANCHOR_AFTER = 60, 60  # characters around an anchor that a pattern may span


_UNIT_WORDS = ("año", "mes", "semana", "trimestre", "semestre", "siglo")
MONTH_ANCHOR = re.compile(rf"\b{_first_letters(MONTHS)}(?:{_MONTH_ANY})\b", re.IGNORECASE)
WEEKDAY_ANCHOR = re.compile(rf"\b{_first_letters(WEEKDAYS)}(?:{_WEEKDAY})\b", re.IGNORECASE)
UNIT_ANCHOR = re.compile(rf"\b{_first_letters(_UNIT_WORDS)}(?:{'|'.join(_UNIT_WORDS)})\b", re.IGNORECASE)
SEASON_ANCHOR = re.compile(rf"\b{_first_letters(SEASONS)}(?:{_alt(SEASONS)})\b", re.IGNORECASE)
WEEKEND_ANCHOR = re.compile(r"(?=[f])\bfin\s+de\s+semana\b", re.IGNORECASE)


@cache
def words_pattern() -> re.Pattern:
    forms = [r["form"] for r in read_table("date_words")]
    return re.compile(rf"(?<![\w]){_first_letters(forms)}(?:{_alt(forms)})(?![\w])", re.IGNORECASE)


@cache
def words_table() -> dict[str, tuple[tuple[str, str, re.Pattern | None], ...]]:
    """``form → ((kind, value, lead), …)``, the rows with a lead first; ``lead`` matches the words that must
    come right before the form ("la hoy extinta": "hoy" after an article is "nowadays")."""
    table: dict[str, list[tuple[str, str, re.Pattern | None]]] = {}
    for r in read_table("date_words"):
        lead = re.compile(rf"\b(?:{r['lead']})\s+$", re.IGNORECASE) if r["lead"] else None
        table.setdefault(r["form"], []).append((r["kind"], r["value"], lead))
    return {form: tuple(sorted(rows, key=lambda row: row[2] is None)) for form, rows in table.items()}


@cache
def deictic_weekday_pattern() -> re.Pattern:
    """ "hoy, jueves", "mañana viernes", "ayer, miércoles": a deictic day of ``date_words`` and the weekday it is."""
    forms = [r["form"] for r in read_table("date_words") if r["kind"] == "deictic"]
    return re.compile(
        rf"(?<![\w]){_first_letters(forms)}(?P<d>{_alt(forms)})\s*,?\s+(?P<wd>{_WEEKDAY})\b(?!\s+(?:[12]\d|3[01]|0?[1-9])\b)",
        re.IGNORECASE,
    )


@cache
def holidays() -> tuple[re.Pattern, dict[str, list[dict[str, str]]]]:
    """The holidays of ``holidays.tsv`` (fixed dates): a pattern of their names, optionally with the year or a
    shift, and ``name (lower case) → rows`` (one per country where the day differs)."""
    rows: dict[str, list[dict[str, str]]] = {}
    for r in read_table("holidays"):
        rows.setdefault(r["form"].lower(), []).append(r)
    names = _alt({r["form"] for group in rows.values() for r in group})
    pattern = re.compile(
        rf"(?<![\w]){_first_letters([*(f.upper() for f in rows), *rows])}(?P<h>{names})(?![\w])"
        rf"(?:\s+(?:de|del)\s+(?P<y>{_YEAR})\b|\s+(?P<post>pasad[oa]|próxim[oa]|proxim[oa])\b)?",
        re.IGNORECASE,
    )
    return pattern, rows


# ---------------------------------------------------------------- ranges and edges

RANGE_OPENERS = re.compile(r"\b(?:del|desde\s+el|entre\s+el|entre|desde|de)\s+$", re.IGNORECASE)
RANGE_LINK = re.compile(r"^\s*(?:al|hasta\s+el|y\s+el|a|hasta|y|-|–)\s*$", re.IGNORECASE)
BARE_DAY_RANGE = re.compile(
    rf"\b(?=[de])(?P<open>del|desde\s+el|entre\s+el|entre|desde|de)\s+(?P<d>[12]\d|3[01]|0?[1-9])(?:\s+de\s+(?P<mon>{_MONTH_FULL}))?"
    r"(?=\s+(?:al|hasta\s+el|hasta|y\s+el|y|a)\s+(?:[12]\d|3[01]|0?[1-9])\b)",
    re.IGNORECASE,
)
# the days listed before a day and month: "el 9 y 10 de junio", "los días 3, 4 y 5 de mayo" (a list, not a range)
DAY_LIST_BEFORE = re.compile(
    r"(?:\b(?:el|los(?:\s+días)?|días)\s+)(?P<days>(?:(?:[12]\d|3[01]|0?[1-9])\s*,\s+)*(?:[12]\d|3[01]|0?[1-9]))\s+(?:y|e|o)\s+$",
    re.IGNORECASE,
)
EDGE_BEFORE = re.compile(rf"\b(?P<edge>{_EDGE})\s+(?:de|del)\s+$", re.IGNORECASE)

# ---------------------------------------------------------------- datelines

DAY_MONTH_ONLY = re.compile(
    rf"^(?P<day>{_DAYNUM})(?:\s+de)?\s+(?P<month>{_MONTH_ANY})\.?(?:\s*,?\s+(?:de\s+|del\s+)?(?P<year>\d{{4}}))?$", re.IGNORECASE
)
NAMED_WEEKDAY = re.compile(rf"\b(?:este|hoy|hoy\s+es)\s+(?P<wd>{_WEEKDAY})\b", re.IGNORECASE)
