"""Figures in running text: percentages, money, quantities and other numbers. Pure: no spaCy.

``find_figures(text)`` → `Figure` matches with a label (PERCENT, MONEY,
QUANTITY, CARDINAL), a value and a unit per DESIGN. Numbers come from
`pipeline.values.numbers`; what stands next to them decides the label:

- "%", "por ciento", "por cien" → PERCENT, unit "%", and so is the bare first
  number of a range ("entre 1.8 y 2.8%"); a proportion "X de cada Y" ("tres
  de cada diez", "1 de cada 4") → one PERCENT of X/Y × 100;
- a currency symbol, code or word ("US$", "€", "dólares", "de euros" after a
  scale word), or a hundredth ("centavos") → MONEY, unit ISO 4217; a code or
  word after the amount says which currency a "$" before it is ("$50,000
  MXN", "$1,500 pesos");
- a unit of measure ("km", "toneladas", "puntos porcentuales", "puntos
  básicos") → QUANTITY with the unit's symbol; a plural noun ("soldados", "de
  venezolanos" after a scale word) → QUANTITY with the noun's singular;
- anything else that is an amount → CARDINAL. Not years ("en 2021"), times
  ("a las 10"), day numbers ("20 de enero"), identifiers ("la ley 21/2021",
  "el artículo 5"), phone numbers, digits inside names ("Fórmula 1",
  "Airbus A320", "COVID-19") or a lone article ("un", "una").

The document's `NumberLocale` (`pipeline.values.locale`) gives its decimal
mark, what a bare "$" and a bare "pesos" are, and local currency symbols;
without one, the neutral rule and the finder's ``dollar``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from pipeline.lang import column
from pipeline.values.locale import NumberLocale, locale_rows
from pipeline.values.money import BARE_DOLLAR, LOCAL, CurrencyMatch, currency_lexicon, resolve
from pipeline.values.number_scan import Number, find_numbers
from pipeline.values.quantities import unit_lexicon

PERCENT_AFTER = re.compile(r"[ \t\u00a0]*(?:%|(?i:por[ \t\u00a0]+cient[oa]|por[ \t\u00a0]+cien)(?![^\W\d_]))")
PHONE = re.compile(r"(?<![\w.,])(?:\+\d{1,3}[ .\-]?)?(?:\(\d{1,4}\)[ .\-]?)?\d{2,4}(?:[ .\-]\d{2,4}){2,}(?![\w])")
THOUSANDS = re.compile(r"^\d{1,3}(?P<sep>[ .,\u00a0\u202f])\d{3}(?:(?P=sep)\d{3})*$")
SCALE_AFTER_CODE = re.compile(r"[ \t\u00a0]+(?P<scale>mil[ \t\u00a0]+millones|millones|millón|mil)(?![^\W\d_])", re.IGNORECASE)
CENTS_JOIN = re.compile(r"[ \t\u00a0]*(?P<join>y|con)?[ \t\u00a0]*$", re.IGNORECASE)
PREV_WORD = re.compile(r"(?P<word>[^\s]+?)[.\s]*$")
NEXT_WORD = re.compile(r"[ \t\u00a0]*(?:de[ \t\u00a0]+)?(?P<word>[^\W\d_]+)")
TIME_WORDS = frozenset({"h", "hora", "hs", "hrs"})
ARTICLE_UNITS_NOT = frozenset({"ft", "°", "turn"})  # "un pie", "un grado" are seldom amounts
# "tres de cada diez": a proportion of the two numbers around it.
RATIO_BETWEEN = re.compile(r"[ \t\u00a0]+(?i:de)[ \t\u00a0]+(?i:cada)[ \t\u00a0]+$")
# "entre 1.8 y 2.8%", "de 12 a 15%": the first number of a range shares the percent sign of the second.
RANGE_OPEN = re.compile(r"(?<![^\W\d_])(?i:entre|de|del|desde)[ \t\u00a0]+$")
RANGE_JOIN = re.compile(r"^[ \t\u00a0]+(?:y|a|al|e|hasta)[ \t\u00a0]+$")


@dataclass(frozen=True)
class _Money:
    """How one document's currency forms read: a bare "$", "pesos", local symbols."""

    dollar: str
    local: dict
    symbols: dict
    prefixes: re.Pattern | None  # local symbols read only before a number: "Q" in Guatemala


@dataclass(frozen=True)
class Figure:
    """A labelled figure: character offsets, label, value and unit."""

    start: int
    end: int
    label: str  # PERCENT | MONEY | QUANTITY | CARDINAL
    value: float
    unit: str | None = None


@cache
def _code_words() -> frozenset[str]:
    return frozenset(w.lower() for w in column("number_code_words", "word"))


@cache
def _calendar() -> tuple[frozenset[str], frozenset[str]]:
    return frozenset(column("months", "form")), frozenset(column("weekdays", "form"))


def _phone_spans(text: str) -> list[tuple[int, int]]:
    spans = []
    for m in PHONE.finditer(text):
        s = m.group()
        digits = sum(c.isdigit() for c in s)
        if digits >= 7 and (s[0] in "+(" or not THOUSANDS.match(s)):
            spans.append(m.span())
    return spans


class FigureFinder:
    """Labels the numbers of a text; ``dollar`` is the ISO code of a bare "$" (USD by default)."""

    def __init__(self, dollar: str = "USD"):
        if not (isinstance(dollar, str) and re.fullmatch(r"[A-Z]{3}", dollar)):
            raise ValueError(f"dollar must be an ISO 4217 code such as 'USD' or 'MXN', not {dollar!r}")
        self.dollar = dollar
        self.currencies = currency_lexicon()
        self.units = unit_lexicon()

    def find(self, text: str, locale: NumberLocale | None = None) -> list[Figure]:
        """The figures of ``text``, read with the document's ``locale`` (the neutral rule if None)."""
        if not isinstance(text, str) or not text:
            return []
        money = self._money_context(locale)
        numbers = find_numbers(self._unglued(text, money), locale.decimal if locale is not None else None)
        phones = _phone_spans(text)
        out: list[Figure] = []
        last_end = 0
        for i, n in enumerate(numbers):
            if n.start < last_end or any(s < n.end and n.start < e for s, e in phones):
                continue
            if self._after_code_word(text, n.start):
                continue
            nxt = numbers[i + 1] if i + 1 < len(numbers) else None
            figure = self._ratio(text, n, nxt) or self._classify(text, n, nxt, money)
            if figure is not None:
                out.append(figure)
                last_end = figure.end
        return _percent_ranges(text, out)

    def _money_context(self, locale: NumberLocale | None) -> _Money:
        if locale is None:
            return _Money(self.dollar, {}, {}, None)
        symbols = dict(locale.symbols)
        # local symbols the lexicon does not know ("Q" in Guatemala, "L" in Honduras): only glued before digits
        prefixes = [form for form in symbols if self.currencies.lookup(form) is None]
        prefix_re = re.compile(rf"(?<![^\W\d_])(?:{'|'.join(map(re.escape, prefixes))})(?=[ \u00a0]?\d)") if prefixes else None
        return _Money(locale.dollar or self.dollar, dict(locale.local), symbols, prefix_re)

    def _unglued(self, text: str, money: _Money) -> str:
        """``text`` with currency symbols glued to a number blanked out, so the scanner reads the number
        ("S/3.65", "B/.22", "Q7.73" in Guatemala); offsets stay."""
        out = text
        for regex in (self.currencies.glued_re, money.prefixes):
            if regex is not None and regex.search(out):
                out = regex.sub(lambda m: " " * len(m.group()), out)
        return out

    # -- one number

    @staticmethod
    def _ratio(text: str, n: Number, nxt: Number | None) -> Figure | None:
        """ "tres de cada diez", "1 de cada 4", "uno de cada mil" → PERCENT X/Y × 100 over the whole phrase."""
        if nxt is None or nxt.article or not RATIO_BETWEEN.search(text[n.end : nxt.start]):
            return None
        if not (0 <= n.value <= nxt.value) or nxt.value <= 0:
            return None
        return Figure(n.start, nxt.end, "PERCENT", round(n.value * 100 / nxt.value, 10), "%")

    def _classify(self, text: str, n: Number, nxt: Number | None, money: _Money) -> Figure | None:
        before = self.currencies.before(text, n.start) or self._local_prefix(text, n.start, money)
        if before is not None and not n.article:
            if before.iso == BARE_DOLLAR:
                # "$50,000 MXN", "$1,500 pesos", "$9 mil millones de pesos": the code or word after says which "$"
                after = self.currencies.after(text, n.end, allow_de=n.scale > 1)
                if after is not None and after.factor == 1 and after.iso and after.iso != BARE_DOLLAR:
                    iso = self._resolve(text, after, money)
                    if iso is None and after.iso.startswith(LOCAL) and money.dollar in _peso_codes():
                        iso = money.dollar  # "$" set to a peso, "pesos" after it
                    return Figure(before.start, after.end, "MONEY", n.value, iso)
            return self._money(text, n, before, nxt, money, prefix=True)
        m = PERCENT_AFTER.match(text, n.end)
        if m:
            return Figure(n.start, m.end(), "PERCENT", n.value, "%")
        allow_de = n.scale > 1 or (n.fraction and abs(n.value) < 1)
        after = self.currencies.after(text, n.end, allow_de=allow_de)
        unit = self.units.unit_after(text, n.end, allow_de=allow_de)
        if (
            n.end < len(text)
            and text[n.end].isalpha()
            and not ((unit and unit.start == n.end) or (after and after.start == n.end))
        ):
            return None  # glued to letters that are no unit: "3D", "737s", "5G"
        if after is not None and (unit is None or after.end >= unit.end):
            return self._money(text, n, after, nxt, money, prefix=False)
        if unit is not None:
            if unit.unit == "lb" and n.scale >= 1e6:
                return Figure(n.start, unit.end, "MONEY", n.value, "GBP")  # "361 millones de libras"
            if n.article and (unit.unit in ARTICLE_UNITS_NOT or not text[unit.start : unit.end].islower()):
                return None
            if unit.unit in TIME_WORDS and self._is_clock_time(text, n):
                return None
            return Figure(n.start, unit.end, "QUANTITY", n.value, unit.unit)
        if n.article:
            return None
        if self._is_date_part(text, n) or self._in_name(text, n):
            return None
        counted = self.units.counted_after(text, n.end, allow_de=n.scale > 1)
        if counted is not None:
            if counted.unit in TIME_WORDS and self._is_clock_time(text, n):
                return None
            return Figure(n.start, counted.end, "QUANTITY", n.value, counted.unit)
        if self._is_year(text, n) or self._is_clock_time(text, n):
            return None
        return Figure(n.start, n.end, "CARDINAL", n.value)

    @staticmethod
    def _local_prefix(text: str, pos: int, money: _Money) -> CurrencyMatch | None:
        """A local currency symbol right before ``pos`` ("Q7.73" in a Guatemalan text)."""
        if money.prefixes is None:
            return None
        for m in money.prefixes.finditer(text, max(0, pos - 4)):
            if m.start() >= pos:
                break
            if m.end() <= pos and not text[m.end() : pos].strip():
                return CurrencyMatch(money.symbols[m.group()], m.start(), m.end())
        return None

    @staticmethod
    def _resolve(text: str, cur: CurrencyMatch, money: _Money) -> str | None:
        form = text[cur.start : cur.end]
        if form in money.symbols:
            return money.symbols[form]  # "Bs" in Bolivia
        return resolve(cur.iso, money.dollar, money.local)

    def _money(self, text: str, n: Number, cur: CurrencyMatch, nxt: Number | None, money: _Money, *, prefix: bool) -> Figure:
        iso = self._resolve(text, cur, money)
        value = n.value * cur.factor
        if prefix:
            return Figure(cur.start, n.end, "MONEY", value, iso)
        end = cur.end
        if cur.factor == 1 and n.scale == 1:
            # "75 USD millones": a scale word after a code
            m = SCALE_AFTER_CODE.match(text, end)
            if m and not text[cur.start : cur.end].islower():
                mult = {"mil millones": 1e9, "millones": 1e6, "millón": 1e6, "mil": 1e3}[" ".join(m["scale"].lower().split())]
                return Figure(n.start, m.end(), "MONEY", value * mult, iso)
            cents = self._cents(text, end, nxt)
            if cents is not None:
                add, end = cents
                value += add
        return Figure(n.start, end, "MONEY", value, iso)

    def _cents(self, text: str, end: int, nxt: Number | None) -> tuple[float, int] | None:
        """ "15 dólares y 15 centavos", "3 euros con 99 céntimos", "25 euros con 50." → (0.99, end)."""
        if nxt is None or nxt.start < end or nxt.start - end > 6:
            return None
        join = CENTS_JOIN.match(text[end : nxt.start])
        if not join or nxt.value != int(nxt.value) or not 0 < nxt.value < 100:
            return None
        sub = self.currencies.subunit_after(text, nxt.end)
        if sub is not None:
            return nxt.value * sub.factor, sub.end
        tail = text[nxt.end : nxt.end + 3]
        closed = not tail.strip() or re.match(r"\s*[.,;:)]", tail)  # "15 dólares 50." but not "5 euros 20 veces"
        if (join["join"] and not re.match(r"\s*[^\W\d_]", tail)) or closed:
            return nxt.value / 100, nxt.end
        return None

    # -- context guards

    def _prev_word(self, text: str, pos: int) -> str:
        m = PREV_WORD.search(text, max(0, pos - 30), pos)
        return m["word"].lower().rstrip(".") if m else ""

    def _after_code_word(self, text: str, pos: int) -> bool:
        """ "la ley 21", "el artículo 5", "nº 3", "el vuelo 370": an identifier, not an amount."""
        return self._prev_word(text, pos) in _code_words()

    def _is_year(self, text: str, n: Number) -> bool:
        raw = text[n.start : n.end]
        return raw.isdigit() and len(raw) == 4 and 1000 <= n.value <= 2100

    def _is_clock_time(self, text: str, n: Number) -> bool:
        """ "a las 10", "la una": a number of at most 24 right after "la"/"las"."""
        return self._prev_word(text, n.start) in ("la", "las") and 0 <= n.value <= 24 and n.value == int(n.value)

    def _is_date_part(self, text: str, n: Number) -> bool:
        """ "20 de enero", "20 ene", "jueves 20", "enero 20": a day number."""
        months, weekdays = _calendar()
        m = NEXT_WORD.match(text, n.end)
        if m and m["word"].lower().rstrip(".") in months:
            return True
        prev = self._prev_word(text, n.start)
        return prev in months or prev in weekdays

    def _in_name(self, text: str, n: Number) -> bool:
        """Digits after a word with a capital that does not open a sentence: "Fórmula 1", "S&P 500", "iPhone 4"."""
        if n.words:
            return False
        m = re.search(r"(?P<before>\S*)\s+(?P<word>\S+)\s+$", text[max(0, n.start - 60) : n.start])
        if not m or not any(c.isupper() for c in m["word"]) or not any(c.isalpha() for c in m["word"]):
            return False
        before = m["before"]
        return bool(before) and not before.endswith((".", "!", "?", ":", '"', "»", "”"))


def _percent_ranges(text: str, figures: list[Figure]) -> list[Figure]:
    """ "entre 58.3 y 60.7%", "de 12 a 15 %": the bare first number of a range is a PERCENT too."""
    out = list(figures)
    for i in range(len(out) - 1):
        first, second = out[i], out[i + 1]
        if (
            first.label == "CARDINAL"
            and second.label == "PERCENT"
            and RANGE_JOIN.match(text[first.end : second.start])
            and RANGE_OPEN.search(text, max(0, first.start - 12), first.start)
            and not re.search(r"[^\W\d_]", text[first.start : first.end])
        ):
            out[i] = Figure(first.start, first.end, "PERCENT", first.value, "%")
    return out


@cache
def _peso_codes() -> frozenset[str]:
    """The currencies a bare "peso" names somewhere (locales.tsv ``peso``)."""
    return frozenset(row["peso"] for row in locale_rows().values() if row["peso"])


@cache
def figure_finder(dollar: str = "USD") -> FigureFinder:
    """A finder per dollar setting, built once."""
    return FigureFinder(dollar)


def find_figures(text: str, *, dollar: str = "USD", locale: NumberLocale | None = None) -> list[Figure]:
    """Every figure in ``text`` (see `FigureFinder`), read with ``locale`` if given."""
    return figure_finder(dollar).find(text, locale)
