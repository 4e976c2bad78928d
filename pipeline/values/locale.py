"""A document's number conventions, decided from evidence. Pure: no spaCy.

Spanish is written with two decimal marks: Spain, Argentina, Colombia,
Chile, Venezuela… write "3,5 %" and "1.500"; Mexico, Peru, Central America,
Cuba and the United States write "3.5 %" and "1,500". Most numbers read the
same either way (`pipeline.values.numbers`); one shape does not: a single
mark between at most three digits and exactly three. "1,275 millones" is
1275 millones in Mexico and 1,275 millones in Spain. Likewise a bare "$" is
the Mexican peso in Mexico, the Argentine peso in Argentina and the US dollar
in Venezuela, and a bare "pesos" is whatever peso the country has.

`decide_locale` settles a `NumberLocale` for one document, first rule that
applies:

1. a locale given by the caller (the run's ``locale``, a document's own
   ``locale`` field): that locale, whatever the text says;
2. the document's country: the one its metadata gives (``country``: the
   outlet's, or the one its dateline's place and region name), else the local currency
   its amounts are written in ("pesos mexicanos", "MXN", "soles", "euros"),
   else the Spanish-speaking country its text names most (names, capitals,
   demonyms from ``lang/es/locale_cues.tsv``, states and provinces from
   ``locale_regions.tsv``: at least two mentions and more than twice the
   next country);
3. the decimal mark: the document's own unambiguous figures ("3.5 %",
   "43.5 millones", "1,234.56" prove the point; "3,5 %", "2,7 millones",
   "1.234,56" the comma), when one mark has more than twice the other's
   count; else the country's mark (``lang/es/locales.tsv``, from CLDR);
4. none of these: the neutral rule (three digits after one mark are
   thousands) and the caller's dollar, as before locales existed.

Only figures count as separator evidence (percentages, money, quantities and
numbers with a scale word): "a las 10.30 horas", "iPhone 2.0" and
"artículo 3.2" are no decimals.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Protocol

from pipeline.lang import read_table

AUTO = "auto"
NEUTRAL_TAG = "es"
# Units of time: "las 10.30 horas" is a clock time, not 10.3 hours written with a decimal point.
CLOCK_UNITS = frozenset({"h", "hora", "hs", "hrs", "min", "minuto", "s", "segundo"})
NUMBER_TOKEN = re.compile(r"\d{1,3}(?:[\u00a0\u202f ]\d{3})+(?![\d])(?:[.,]\d+)?|\d+(?:[.,]\d+)*")
# The one shape whose reading depends on the decimal mark, by mark: "1,275", "12.500".
AMBIGUOUS = {mark: re.compile(rf"(?<![\d.,])[1-9]\d{{0,2}}{re.escape(mark)}\d{{3}}(?![\d]|[.,]\d)") for mark in ".,"}
MIN_NAME_CUES = 2


class Figure(Protocol):
    """What the evidence reads of a figure (`pipeline.values.figures.Figure`)."""

    start: int
    end: int
    label: str
    unit: str | None


@dataclass(frozen=True)
class NumberLocale:
    """The number conventions a document is read with.

    Attributes:
        tag: ``es-MX`` when the country is known, ``es`` when not.
        country: ISO 3166-1 alpha-2 of the document's country, or None.
        decimal: The decimal mark (``","`` or ``"."``); None for the neutral
            rule (one mark followed by three digits groups thousands).
        dollar: ISO 4217 code of a bare "$"; None: the component's setting.
        local: Words for the country's own currency: ``(("peso", "MXN"),)``.
        symbols: Local readings of currency forms: ``(("Bs", "BOB"),)``.
        source: How it was decided, for the ``documents.locale_from`` column.
    """

    tag: str = NEUTRAL_TAG
    country: str | None = None
    decimal: str | None = None
    dollar: str | None = None
    local: tuple[tuple[str, str], ...] = ()
    symbols: tuple[tuple[str, str], ...] = ()
    source: str = "default"

    @property
    def is_neutral(self) -> bool:
        """True when it reads every figure as the neutral rule does."""
        return self.decimal is None and self.dollar is None and not self.local and not self.symbols


NEUTRAL = NumberLocale()


@cache
def locale_rows() -> dict[str, dict[str, str]]:
    """``country → row`` of ``lang/es/locales.tsv``."""
    return {row["country"]: row for row in read_table("locales")}


def for_country(country: str, source: str = "given") -> NumberLocale:
    """The CLDR conventions of a country in ``locales.tsv`` (``"MX"`` → es-MX, decimal point, "$" = MXN)."""
    row = locale_rows()[country]
    return NumberLocale(
        tag=row["tag"],
        country=country,
        decimal=row["decimal"],
        dollar=row["dollar"] or None,
        local=(("peso", row["peso"]),) if row["peso"] else (),
        symbols=tuple(tuple(pair.split("=", 1)) for pair in row["symbols"].split("|") if "=" in pair),
        source=source,
    )


def known_tags() -> list[str]:
    return [NEUTRAL_TAG, *sorted(row["tag"] for row in locale_rows().values())]


def parse_locale(value: object, source: str = "given") -> NumberLocale | None:
    """A caller's locale: ``"es-MX"``, ``"es_MX"``, ``"MX"`` → that country's; ``"es"`` → the neutral rule;
    None, ``""`` or ``"auto"`` → None (decide from the document). Raises ValueError for anything else."""
    if value is None or isinstance(value, NumberLocale):
        return value
    text = str(value).strip()
    if not text or text.lower() == AUTO:
        return None
    if text.lower() == NEUTRAL_TAG:
        return NumberLocale(source=source)
    parts = re.split(r"[-_]", text)
    country = parts[-1].upper() if len(parts) <= 2 and (len(parts) == 1 or parts[0].lower() == "es") else ""
    if country in locale_rows():
        return for_country(country, source)
    raise ValueError(f"unknown locale {value!r}; expected auto, {', '.join(known_tags())} (or the country code alone)")


# ---------------------------------------------------------------- evidence


def decimal_proved(number: str) -> str | None:
    """The decimal mark a number as written proves, or None.

    "3,5", "2,75", "0,275" and "1.234,56" prove the comma; "1.234.567"
    (the point groups) proves the comma too; "1,275" and "12.500" prove
    nothing.
    """
    t = re.sub(r"[\u00a0\u202f ]", "", number)
    marks = [c for c in t if c in ".,"]
    if not marks:
        return None
    if t != number and len(marks) == 1:
        return marks[0]  # "1 234,5": spaces group the thousands, so the mark is decimal
    if "." in marks and "," in marks:
        last = t[max(t.rfind("."), t.rfind(","))]
        other = "," if last == "." else "."
        integer = t.rpartition(last)[0]
        return last if last not in integer and _grouped(integer, other) else None
    mark = marks[0]
    groups = t.split(mark)
    if len(groups) > 2:
        return ("," if mark == "." else ".") if _grouped(t, mark) else None
    integer, fraction = groups
    if integer == "0" and fraction:
        return mark
    if len(fraction) == 3 or len(integer) > 3 or not fraction:
        return None
    return mark


def _grouped(integer: str, sep: str) -> bool:
    head, *rest = integer.split(sep)
    return head.isdigit() and 1 <= len(head) <= 3 and all(len(g) == 3 and g.isdigit() for g in rest)


def separator_evidence(text: str, figures: Iterable[Figure]) -> Counter:
    """``{decimal mark: count}`` proved by the figures' numbers (see the module docstring for which count)."""
    counts: Counter = Counter()
    for f in figures:
        if f.label == "QUANTITY" and f.unit in CLOCK_UNITS:
            continue
        raw = text[f.start : f.end]
        if f.label == "CARDINAL" and not re.search(r"[^\W\d_]", raw):
            continue
        for m in NUMBER_TOKEN.finditer(raw):
            mark = decimal_proved(m.group())
            if mark:
                counts[mark] += 1
    return counts


@cache
def _currency_countries() -> dict[str, str]:
    """ISO 4217 → the one country of ``locales.tsv`` whose own currency it is (EUR → ES; not USD, used in five)."""
    rows = locale_rows()
    owners: dict[str, set[str]] = {}
    for country, row in rows.items():
        owners.setdefault(row["currency"], set()).add(country)
    for row in read_table("currencies"):
        if row["iso"] and row["country"] in rows:
            owners.setdefault(row["iso"], set()).add(row["country"])
    return {iso: next(iter(cs)) for iso, cs in owners.items() if len(cs) == 1}


@cache
def _local_symbol_forms() -> frozenset[str]:
    """Currency forms that one country reads its own way ("Bs", "C$"): no evidence of any country."""
    return frozenset(pair.split("=", 1)[0] for row in locale_rows().values() for pair in row["symbols"].split("|") if "=" in pair)


def currency_evidence(text: str, figures: Iterable[Figure]) -> Counter:
    """``{country: count}`` of the amounts written in a country's own currency ("300 pesos mexicanos", "MXN 50")."""
    owners = _currency_countries()
    local_forms = _local_symbol_forms()
    counts: Counter = Counter()
    for f in figures:
        if f.label != "MONEY" or f.unit not in owners:
            continue
        raw = text[f.start : f.end]
        if any(re.search(rf"(?<![^\W\d_]){re.escape(form)}(?![^\W\d_])", raw) for form in local_forms):
            continue
        counts[owners[f.unit]] += 1
    return counts


WORD = re.compile(r"[^\W\d_]+")


@cache
def _cue_index() -> dict[str, list[tuple[tuple[str, ...], bool, str]]]:
    """First word of a cue → ``(words, ignore case, country)``, longest first."""
    index: dict[str, list[tuple[tuple[str, ...], bool, str]]] = {}
    for row in (*read_table("locale_cues"), *read_table("locale_regions")):
        for form in row["forms"].split("|"):
            folded = form.islower()
            words = tuple(WORD.findall(form.lower() if folded else form))
            index.setdefault(words[0], []).append((words, folded, row["country"]))
    for entries in index.values():
        entries.sort(key=lambda e: -len(e[0]))
    return index


@lru_cache(maxsize=1 << 16)
def _word_cues(word: str) -> tuple[tuple[tuple[str, ...], bool, str], ...]:
    """The cues a word may start (`_cue_index`), as written, in lowercase if it is not, or capitalised
    if it is in capitals; the longest first."""
    index = _cue_index()
    candidates = list(index.get(word, ()))
    if not word.islower():  # "Venezolanos" opening a sentence is the demonym
        candidates += [c for c in index.get(word.lower(), ()) if c[1]]
    if word.isupper() and len(word) > 1:  # a dateline: "CIUDAD DE MÉXICO.-", "BUENOS AIRES"
        candidates += index.get(word.capitalize(), [])
    return tuple(sorted(candidates, key=lambda c: -len(c[0])))


def name_evidence(text: str) -> Counter:
    """``{country: count}`` of the Spanish-speaking countries, capitals, states and demonyms the text names."""
    words = WORD.findall(text)
    counts: Counter = Counter()
    i = 0
    while i < len(words):
        word = words[i]
        candidates = _word_cues(word)
        if not candidates:  # most words start no cue
            i += 1
            continue
        capitals = word.isupper() and len(word) > 1  # a dateline: "CIUDAD DE MÉXICO.-", "BUENOS AIRES"
        step = 1
        for cue, folded, country in candidates:
            span = words[i : i + len(cue)]
            if capitals and not folded:
                matched = tuple(w.upper() for w in span) == tuple(w.upper() for w in cue)
            else:
                matched = (tuple(w.lower() for w in span) if folded else tuple(span)) == cue
            if matched:
                if country:  # a row without a country: a longer name that is no cue ("Nuevo México")
                    counts[country] += 1
                step = len(cue)
                break
        i += step
    return counts


def dateline_country(*names: str | None) -> str | None:
    """The one Spanish-speaking country a dateline's place and region name ("Culiacán", "Sinaloa"), or None."""
    counts = name_evidence(" , ".join(n for n in names if isinstance(n, str)))
    return next(iter(counts)) if len(counts) == 1 else None


def _leader(counts: Counter, minimum: int = 1) -> str | None:
    """The key with at least ``minimum`` and more than twice the runner-up's count, or None."""
    ranked = counts.most_common(2)
    if not ranked or ranked[0][1] < minimum:
        return None
    return ranked[0][0] if len(ranked) == 1 or ranked[0][1] > 2 * ranked[1][1] else None


def _describe(counts: Counter) -> str:
    return ", ".join(f"{key} ×{n}" for key, n in counts.most_common())


def decide_locale(text: str, figures: Sequence[Figure], *, given: object = None, country: str | None = None) -> NumberLocale:
    """The number conventions of one document (rules in the module docstring).

    Args:
        text: The document's text.
        figures: Its figures as read by the neutral rule (`FigureFinder.find` without a locale).
        given: A caller's locale (tag or `NumberLocale`); None, "" or "auto" to decide here.
        country: ISO 3166-1 alpha-2 of the document's country from its metadata (dateline, outlet).
    """
    chosen = parse_locale(given)
    if chosen is not None:
        return chosen
    notes = []
    found = None
    code = (country or "").upper()
    if code in locale_rows():
        found = code
        notes.append(f"country {code} (metadata)")
    if found is None:
        by_currency = currency_evidence(text, figures)
        found = _leader(by_currency)
        if found:
            notes.append(f"currency ({_describe(by_currency)})")
    if found is None:
        by_name = name_evidence(text)
        found = _leader(by_name, MIN_NAME_CUES)
        if found:
            notes.append(f"names ({_describe(by_name)})")
    marks = separator_evidence(text, figures)
    decimal = _leader(marks)
    base = for_country(found) if found else NEUTRAL
    if decimal is not None:
        notes.append(f"separators ({_describe(marks)})")
    elif found:
        decimal = base.decimal
        notes.append(f"decimal {decimal} of {base.tag}")
    if not notes:
        return NEUTRAL
    return NumberLocale(
        tag=base.tag,
        country=base.country,
        decimal=decimal,
        dollar=base.dollar,
        local=base.local,
        symbols=base.symbols,
        source="; ".join(notes),
    )


def rereading_needed(text: str, locale: NumberLocale) -> bool:
    """Could ``locale`` read any figure of ``text`` otherwise than the neutral rule?"""
    if locale.is_neutral:
        return False
    if locale.decimal is not None and AMBIGUOUS[locale.decimal].search(text):
        return True  # the neutral rule reads "1,275" as thousands; a comma-decimal locale does not
    if locale.dollar and ("$" in text or "centavo" in text.lower()):
        return True
    if locale.local and any(word in text.lower() for word, _ in locale.local):
        return True
    return any(form in text for form, _ in locale.symbols)
