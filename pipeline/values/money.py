"""Currencies around a number: "US$ 150", "40.000 millones de dólares", "50 centavos". Pure: no spaCy.

The forms come from ``lang/es/currencies.tsv`` (ISO 4217 codes, issuing
countries) and ``lang/es/currency_subunits.tsv``. A bare "$" (and a bare
"centavos") is the caller's ``dollar`` code, since Mexican and other Latin
American papers write pesos with "$": the document's (`pipeline.values.locale`:
MXN in Mexico), else USD unless configured. A bare "pesos" is the document's
country's peso where it has one, else money of no known currency.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache

from pipeline.lang import read_table

BARE_DOLLAR = "$"
# Prefix of the code of a word that names the document's country's currency ("local:peso").
LOCAL = "local:"


@dataclass(frozen=True)
class Currency:
    iso: str
    country: str
    name: str


@dataclass(frozen=True)
class CurrencyMatch:
    """A currency form found next to a number."""

    iso: str  # ISO 4217 code, "$" for the caller's dollar setting, "" for a word of several currencies
    start: int
    end: int
    factor: float = 1.0  # 0.01 for "centavos"
    scale: float = 1.0  # a scale word after a code: "75 USD millones"


def _ignores_case(form: str) -> bool:
    return form.islower() and len(form) > 3 and re.fullmatch(r"[^\W\d_ ]+(?: [^\W\d_]+)*", form) is not None


def _alternation(forms: list[str]) -> str:
    """Regex alternation: lower-case words ignore case and let spaces vary; symbols and short
    abbreviations ("g", "km", "usd") match as written, so "5G" is not five grams."""
    parts = []
    for form in sorted(set(forms), key=len, reverse=True):
        body = r"\s+".join(re.escape(w) for w in form.split())
        parts.append(f"(?i:{body})" if _ignores_case(form) else body)
    return "|".join(parts)


def _first_chars(forms: list[str]) -> str:
    """A lookahead for the characters the forms of `_alternation` start with (case ignored where
    the form ignores it): a search passes over the other positions at once, with the same matches."""
    exact = "".join(sorted({re.escape(f[0]) for f in forms if not _ignores_case(f)}))
    folded = "".join(sorted({re.escape(f[0]) for f in forms if _ignores_case(f)}))
    return "(?=" + "|".join(([f"[{exact}]"] if exact else []) + ([f"(?i:[{folded}])"] if folded else [])) + ")"


class CurrencyLexicon:
    """Finds currency forms just before or just after a number."""

    def __init__(self) -> None:
        self.currencies: dict[str, Currency] = {}
        self.iso_of: dict[str, str] = {}
        for row in read_table("currencies"):
            iso = LOCAL + row["name"].split()[0] if row["country"] == "local" else row["iso"]
            if iso:
                self.currencies[iso] = Currency(iso, row["country"], row["name"])
            for form in row["forms"].split("|"):
                self.iso_of[self._key(form)] = iso
        self.iso_of[BARE_DOLLAR] = BARE_DOLLAR
        self.subunits: dict[str, tuple[str, float]] = {
            self._key(row["form"]): (row["parent"] or BARE_DOLLAR, float(row["factor"]))
            for row in read_table("currency_subunits")
        }
        forms = [f for f in self.iso_of]
        originals = {self._key(f): f for row in read_table("currencies") for f in row["forms"].split("|")}
        originals[BARE_DOLLAR] = BARE_DOLLAR
        alternation = _alternation([originals[k] for k in forms])
        sub_alternation = _alternation([r["form"] for r in read_table("currency_subunits")])
        self.after_re = re.compile(rf"[ \t\u00a0]*(?P<de>de[ \t\u00a0]+)?(?P<form>{alternation})(?![^\W\d_])")
        self.sub_re = re.compile(rf"[ \t\u00a0]*(?P<form>{sub_alternation})(?![^\W\d_])")
        first = _first_chars([originals[k] for k in forms])
        self.before_re = re.compile(rf"(?<![^\W\d_]){first}(?P<form>{alternation})[ \t\u00a0]{{0,2}}$")
        # Symbols that end in a mark the number scanner takes for a code ("S/3.65", "B/.22", "Bs.130").
        glued = [originals[k] for k in forms if not originals[k].islower() and originals[k][-1] in "./"]
        self.glued_re = re.compile(rf"(?<![^\W\d_])(?:{_alternation(glued)})(?=\d)")

    @staticmethod
    def _key(form: str) -> str:
        key = " ".join(form.split())
        return key.lower() if key.islower() else key

    def lookup(self, form: str) -> str | None:
        """ISO code of a form as written ("Dólares", "US$"), or None."""
        key = " ".join(form.split())
        iso = self.iso_of.get(key)
        return iso if iso is not None else self.iso_of.get(key.lower())

    def after(self, text: str, pos: int, *, allow_de: bool) -> CurrencyMatch | None:
        """A currency written right after ``pos`` ("dólares", "de euros" when ``allow_de``)."""
        m = self.after_re.match(text, pos)
        if m and (allow_de or not m["de"]):
            iso = self.lookup(m["form"])
            if iso is not None:
                return CurrencyMatch(iso, m.start("form"), m.end())
        m = self.sub_re.match(text, pos)
        if m:
            parent, factor = self.subunits[self._key(m["form"])]
            return CurrencyMatch(parent, m.start("form"), m.end(), factor=factor)
        return None

    def before(self, text: str, pos: int) -> CurrencyMatch | None:
        """A currency symbol or code right before ``pos`` ("US$ 150", "€2", "MXN$ 20")."""
        window_start = max(0, pos - 40)
        m = self.before_re.search(text, window_start, pos)
        if not m:
            return None
        form = m["form"]
        if form.islower() and not form.endswith("$"):
            return None  # a word before the number ("dólar 22,5") is not how news writes money
        iso = self.lookup(form)
        return CurrencyMatch(iso, m.start("form"), m.start("form") + len(form)) if iso is not None else None

    def subunit_after(self, text: str, pos: int) -> CurrencyMatch | None:
        """ "y 15 centavos" style cents after an amount: only the subunit form at ``pos``."""
        m = self.sub_re.match(text, pos)
        if not m:
            return None
        parent, factor = self.subunits[self._key(m["form"])]
        return CurrencyMatch(parent, m.start("form"), m.end(), factor=factor)


@cache
def currency_lexicon() -> CurrencyLexicon:
    """The lexicon, built once per process."""
    return CurrencyLexicon()


def resolve(iso: str, dollar: str, local: Mapping[str, str] | None = None) -> str | None:
    """The ISO code for a match: the caller's dollar for a bare "$"; for "pesos", the
    document's peso (``local["peso"]``) if it has one; None for "francos" and the like."""
    if iso == BARE_DOLLAR:
        return dollar
    if iso.startswith(LOCAL):
        return (local or {}).get(iso[len(LOCAL) :]) or None
    return iso or None
