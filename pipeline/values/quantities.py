"""Units and counted nouns after a number: "350 kilómetros", "2.500 soldados". Pure: no spaCy.

A unit from ``lang/es/units.tsv`` gives its standard symbol ("km", "t",
"mL"); any other plural noun after a number is a counted noun and gives its
singular ("soldados" → "soldado"), found by the Spanish plural rules
(`singular`) since the pipeline runs no lemmatizer.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache

from pipeline.lang import column, mapping, read_table
from pipeline.values.money import _alternation
from pipeline.values.numbers import cardinal_word, fraction_denominator

VOWELS = "aeiouáéíóú"
ACCENTED = str.maketrans("aeiou", "áéíóú")
UNACCENTED = str.maketrans("áéíóú", "aeiou")
WORD = re.compile(r"[^\W\d_]+")


def _syllables(word: str) -> int:
    """Vowel groups, a close enough count of Spanish syllables for placing an accent."""
    return len(re.findall(r"[aeiouáéíóúü]+", word))


def singular(word: str) -> str:
    """The singular of a Spanish plural noun or adjective, by the RAE rules.

    "soldados" → "soldado", "venezolanos" → "venezolano", "barriles" →
    "barril", "camiones" → "camión", "veces" → "vez", "franceses" →
    "francés", "países" → "país"; irregular ones from
    ``lang/es/plural_exceptions.tsv``. A word that is not a plural comes back
    lower-cased and unchanged.
    """
    w = word.lower()
    exceptions = _plural_exceptions()
    if w in exceptions:
        return exceptions[w]
    if len(w) < 3 or not w.endswith("s"):
        return w
    if w.endswith("ces"):
        # veces → vez, luces → luz; but índices → índice (an accented stem keeps its -e)
        return w[:-1] if _has_accent(w[:-3]) else w[:-3] + "z"
    if w[-2] not in VOWELS:
        return w[:-1]  # loanwords: podcasts → podcast, ultimátums → ultimátum
    if w.endswith(("is", "us")) and not _has_accent(w) and _syllables(w) >= 2:
        return w  # invariable: análisis, crisis, virus
    if w.endswith("es") and len(w) > 3:
        stem = w[:-2]
        last = stem[-1]
        if last in "áéíóú":
            return stem  # jabalíes → jabalí
        if last in "lrndzysx" and stem[-2] in VOWELS and not (last == "s" and _syllables(stem) == 1):
            # -es after one consonant: barriles, mujeres, ciudades, leyes
            if _has_accent(stem):
                # jóvenes → joven (a llana ending in -n/-s has no accent), árboles → árbol
                return stem.translate(UNACCENTED) if last in "ns" and _accent_position(stem) == "antepenult" else stem
            if last in "ns" and _syllables(stem) >= 2:
                # camiones → camión, alemanes → alemán, franceses → francés, jardines → jardín
                return stem[:-2] + stem[-2].translate(ACCENTED) + last
            return stem
    if w[-2] in VOWELS:
        return w[:-1]  # soldados → soldado, personas → persona
    return w


def _has_accent(word: str) -> bool:
    return any(c in "áéíóú" for c in word)


def _accent_position(word: str) -> str:
    groups = list(re.finditer(r"[aeiouáéíóúü]+", word))
    for i, g in enumerate(groups):
        if _has_accent(g.group()):
            return "antepenult" if len(groups) - i >= 2 else "last"
    return ""


@cache
def _plural_exceptions() -> dict[str, str]:
    return mapping("plural_exceptions", "plural", "singular")


@dataclass(frozen=True)
class UnitMatch:
    unit: str  # a symbol ("km") or a counted noun's singular ("soldado")
    start: int
    end: int
    counted: bool = False  # a counted noun rather than a unit of measure


class UnitLexicon:
    """Finds a unit of measure or a counted noun right after a number."""

    def __init__(self) -> None:
        self.symbol_of: dict[str, str] = {}
        forms = []
        for row in read_table("units"):
            for form in row["forms"].split("|"):
                self.symbol_of[" ".join(form.split())] = row["symbol"]
                forms.append(form)
        self.unit_re = re.compile(rf"[ \t\u00a0]*(?P<de>de[ \t\u00a0]+)?(?P<form>{_alternation(forms)})(?![^\W\d_])")
        stops = read_table("counted_noun_stops")
        self.stop_words = {r["word"] for r in stops if r["kind"] == "stop"}
        self.skip_words = {r["word"] for r in stops if r["kind"] == "skip"}
        self.closed_class = set(column("closed_class", "word"))
        self.calendar = set(column("months", "form")) | set(column("weekdays", "form"))
        self.word_re = re.compile(r"[ \t\u00a0]*(?P<de>de[ \t\u00a0]+)?(?P<word>[^\W\d_]+)(?![\w-])")

    def symbol(self, form: str) -> str | None:
        key = " ".join(form.split())
        return self.symbol_of.get(key) or self.symbol_of.get(key.lower())

    def unit_after(self, text: str, pos: int, *, allow_de: bool, glued_ok: bool = True) -> UnitMatch | None:
        """A unit of measure right after ``pos`` ("kilómetros", "km", "de toneladas" when ``allow_de``)."""
        m = self.unit_re.match(text, pos)
        if not m or (m["de"] and not allow_de):
            return None
        if m.start("form") == pos and not glued_ok:
            return None
        symbol = self.symbol(m["form"])
        return UnitMatch(symbol, m.start("form"), m.end()) if symbol else None

    def counted_after(self, text: str, pos: int, *, allow_de: bool, singular_ok: bool = False) -> UnitMatch | None:
        """A counted noun right after ``pos``: "soldados", "de venezolanos", "nuevos soldados"."""
        m = self.word_re.match(text, pos)
        if not m or m.start("word") == pos or (m["de"] and not allow_de):
            return None
        word = m["word"]
        if word.lower() in self.skip_words:
            # "2.500 nuevos soldados" counts soldiers; "737 nuevos." counts nothing
            nxt = self.word_re.match(text, m.end())
            if not nxt or nxt["de"] or nxt.start("word") == m.end():
                return None
            m, word = nxt, nxt["word"]
        if not self.is_counted_noun(word, singular_ok=singular_ok):
            return None
        return UnitMatch(singular(word), m.start("word"), m.end(), counted=True)

    def is_counted_noun(self, word: str, *, singular_ok: bool = False) -> bool:
        """Could ``word`` be the plural noun a number counts? (No POS tags: spelling and stop lists.)"""
        w = word.lower()
        if len(w) < 3 or not word.islower() or w in self.stop_words or w in self.closed_class or w in self.calendar:
            return False
        if cardinal_word(w) or fraction_denominator(w):
            return False
        if not w.endswith("s") and not singular_ok:
            return False
        if w.endswith(("amos", "emos", "imos", "áis", "éis")) and w not in _plural_exceptions():
            return False  # verb forms: "somos", "tenemos"
        return unicodedata.category(w[0]).startswith("L")


@cache
def unit_lexicon() -> UnitLexicon:
    """The lexicon, built once per process."""
    return UnitLexicon()
