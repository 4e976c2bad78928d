"""Numbers in running text: digits, words, fractions, scale words and signs → `Number` matches. Pure: no spaCy.

The values come from `pipeline.values.numbers` (digits, text2num with its
guards); this module finds where numbers are, and skips digits glued to
letters or codes ("A320", "G20", "COVID-19", "21/2021", "4to", "10:30"),
which are not amounts.

Digits and scale words compose as Mexican and Central American news writes
large amounts: "322 mil 400" is 322400, "9 mil 900 millones" is 9900
millones, "1 millón 200 mil" is 1200000 (`NumberScanner._compose`).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from pipeline.values.numbers import (
    BIG_SCALES,
    CODE_GLUE,
    DECIMAL_WORDS,
    HALF_WORDS,
    SIGNS,
    TEXT2NUM_SCALES,
    VULGAR_FRACTIONS,
    cardinal_value,
    cardinal_word,
    fraction_denominator,
    parse_digits,
    parse_power,
    scale_words,
)

# Scale words that compose with digit groups after them ("322 mil 400", "1 millón 200 mil").
COMPOSING_SCALES = frozenset({1e3, 1e6, 1e9, 1e12})


class Token(NamedTuple):
    """A token of the scanner (a named tuple: a text has hundreds, made ~4× faster than a dataclass)."""

    text: str
    start: int
    end: int
    kind: str  # num | word | punct

    @property
    def lower(self) -> str:
        return self.text.lower()


TOKEN = re.compile(
    r"(?P<num>\d{1,3}(?:[\u00a0\u202f ]\d{3})+(?![\d])(?:[.,]\d+)?|\d+(?:[.,]\d+)*)"
    r"|(?P<word>[^\W\d_]+)"
    r"|(?P<punct>[^\s])"
)


def tokenize(text: str) -> list[Token]:
    """Numbers (with their separators), words and single punctuation marks, with offsets."""
    new = tuple.__new__  # what Token() does, without its Python-level __new__ (a text has thousands of tokens)
    return [new(Token, (m.group(), m.start(), m.end(), m.lastgroup)) for m in TOKEN.finditer(text)]


@lru_cache(maxsize=1 << 16)
def _word_may_start(word: str) -> bool:
    """A word token a number may start at: "medio"/"media", a vulgar fraction, a cardinal word."""
    return word.lower() in HALF_WORDS or word in VULGAR_FRACTIONS or cardinal_word(word)


def number_starts(toks: list[Token]) -> list[int]:
    """Indices of the tokens a number may start at: digits, signs, separators and number words."""
    starts = []
    for i, (text, _, _, kind) in enumerate(toks):
        if kind == "num" or (_word_may_start(text) if kind == "word" else text in SIGNS or text in ".,"):
            starts.append(i)
    return starts


@dataclass(frozen=True)
class Number:
    """A number found in text: offsets, value, and how it was written."""

    start: int
    end: int
    value: float
    words: bool = False  # written (at least partly) in words
    scale: float = 1.0  # product of the scale words applied ("millones" → 1e6)
    fraction: bool = False
    article: bool = False  # a lone "un"/"una"/"uno": an amount only before a unit ("un dólar")


class NumberScanner:
    """Finds number expressions in running text: digits, words, fractions, scales.

    ``scan(text)`` returns `Number` matches left to right, skipping digits
    glued to letters or codes ("A320", "G20", "COVID-19", "21/2021", "4to",
    "10:30"), which are not amounts. ``decimal`` is the document's decimal
    mark (`pipeline.values.numbers.digit_string`), None for the neutral rule.
    """

    def __init__(self, decimal: str | None = None) -> None:
        self.scales_any, self.scales_exact = scale_words()
        self.decimal = decimal
        self._text = ""

    def scan(self, text: str) -> list[Number]:
        if not isinstance(text, str) or not text:
            return []
        toks = tokenize(text)
        self._text = text
        out: list[Number] = []
        # Most tokens start no number: only digits, signs, separators and number words are tried.
        starts = number_starts(toks)
        after = 0  # the end of the last number or code: the next one starts there or later
        for i in starts:
            if i < after:
                continue
            found = self._number_at(text, toks, i)
            if found is None:
                continue
            number, j = found
            if number is not None:
                out.append(number)
            after = max(j, i + 1)
        return out

    # -- helpers over the token list

    @staticmethod
    def _glued(a: Token, b: Token) -> bool:
        return a.end == b.start

    def _scale_at(self, toks: list[Token], j: int) -> tuple[float, int]:
        """Product of the scale words from token j ("mil millones" → 1e9), and the next index."""
        product, k = 1.0, j
        while k < len(toks):
            t = toks[k]
            if t.kind != "word":
                break
            w = t.lower
            m = self.scales_exact.get(t.text) or self.scales_any.get(w) or BIG_SCALES.get(w)
            if w == "mill" and k + 1 < len(toks) and toks[k + 1].text == "." and self._glued(t, toks[k + 1]):
                m = 1e6
                k += 1
            if not m:
                break
            # a scale word ends a word: "Mundial" is not M-undial
            if k + 1 < len(toks) and toks[k + 1].kind == "word" and self._glued(t, toks[k + 1]):
                break
            if product > 1 and m <= product and not (product == 1e3 and m >= 1e6):
                break
            product *= m
            k += 1
        return product, k

    def _word_run(self, toks: list[Token], i: int) -> int:
        """End index of the run of cardinal words from i ("y" allowed between them)."""
        j = i
        while j < len(toks):
            t = toks[j]
            if t.kind == "word" and cardinal_word(t.text):
                j += 1
            elif (
                t.kind == "word"
                and t.lower == "y"
                and j > i
                and j + 1 < len(toks)
                and toks[j + 1].kind == "word"
                and cardinal_word(toks[j + 1].text)
                and toks[j + 1].lower not in TEXT2NUM_SCALES
                and toks[j + 1].lower not in BIG_SCALES
            ):
                j += 1
            else:
                break
        return j

    def _words_value(self, toks: list[Token], i: int, j: int) -> tuple[float, int] | None:
        """Longest prefix of toks[i:j] that is one number: (value, end)."""
        while j > i:
            value = cardinal_value([t.text for t in toks[i:j]])
            if value is not None:
                return value, j
            j -= 1
        return None

    def _integer_at(self, toks: list[Token], i: int) -> tuple[float, int, bool] | None:
        """An integer or decimal (digits or words) at token i: (value, end, in_words)."""
        t = toks[i]
        if t.kind == "num":
            value = parse_digits(t.text, self.decimal)
            return (value, i + 1, False) if value is not None else None
        if t.kind == "word":
            run_end = self._word_run(toks, i)
            if run_end == i:
                return None
            found = self._words_value(toks, i, run_end)
            if found is None:
                return None
            return found[0], found[1], True
        return None

    def _number_at(self, text: str, toks: list[Token], i: int) -> tuple[Number | None, int] | None:
        """The number starting at token i, ``(None, j)`` to skip a code up to j, or None."""
        t = toks[i]
        prev = toks[i - 1] if i > 0 else None
        sign, start_i = 1.0, i
        if t.kind == "punct" and t.text in SIGNS and i + 1 < len(toks) and toks[i + 1].kind == "num":
            nxt = toks[i + 1]
            glued_sign = self._glued(t, nxt)
            free_left = prev is None or not self._glued(prev, t) or prev.text in "(["
            if (glued_sign or i == 0) and free_left:
                sign = -1.0 if t.text in "-−" else 1.0
                i += 1
                t = nxt
                prev = toks[i - 1]
            else:
                return None
        if (
            t.kind == "punct"
            and t.text in ".,"
            and i + 1 < len(toks)
            and toks[i + 1].kind == "num"
            and self._glued(t, toks[i + 1])
            and (prev is None or not self._glued(prev, t))
        ):
            value = parse_digits(t.text + toks[i + 1].text, self.decimal)
            if value is None:
                return None
            return self._finish(text, toks, start_i, i + 2, sign * value, words=False)
        if t.text in VULGAR_FRACTIONS and (prev is None or not self._glued(prev, t)):
            return Number(toks[start_i].start, t.end, sign * VULGAR_FRACTIONS[t.text], fraction=True), i + 1
        if t.kind == "num":
            return self._digits_at(text, toks, start_i, i, sign)
        if t.kind == "word":
            return self._words_at(text, toks, start_i, i)
        return None

    def _digits_at(self, text: str, toks: list[Token], start_i: int, i: int, sign: float):
        t = toks[i]
        prev = toks[i - 1] if i > 0 else None
        if prev is not None and self._glued(prev, t) and start_i == i and (prev.kind != "punct" or prev.text in CODE_GLUE):
            # glued to a word, a code or an url: A320, G20, COVID-19, /283549, 21/2021
            return None, self._code_end(toks, i)
        nxt = toks[i + 1] if i + 1 < len(toks) else None
        if nxt is not None and self._glued(t, nxt):
            if nxt.text in ("º", "ª") or (
                nxt.kind == "word"
                and nxt.lower in ("er", "ero", "era", "to", "ta", "vo", "va", "mo", "ma", "no", "na", "do", "da", "o", "a")
            ):
                return None, self._code_end(toks, i)  # ordinal: 1º, 4to, 1er
            if nxt.text == ":" and i + 2 < len(toks) and toks[i + 2].kind == "num" and self._glued(nxt, toks[i + 2]):
                return None, self._code_end(toks, i)  # time 10:30
            if nxt.text == "-" and i + 2 < len(toks) and self._glued(nxt, toks[i + 2]) and toks[i + 2].kind != "punct":
                return None, self._code_end(toks, i)  # 19-F, 2020-2021
            if nxt.text == "/" and i + 2 < len(toks) and toks[i + 2].kind == "num" and self._glued(nxt, toks[i + 2]):
                num, den = parse_digits(t.text), parse_digits(toks[i + 2].text)
                after = toks[i + 3] if i + 3 < len(toks) else None
                code_like = after is not None and self._glued(toks[i + 2], after) and after.text in "/-"
                if num is not None and den and num < den <= 100 and float(den).is_integer() and not code_like:
                    return self._finish(text, toks, start_i, i + 3, sign * num / den, words=False, fraction=True)
                return None, self._code_end(toks, i)  # 21/2021, 21/11/2021, 24/7
        power = self._power_at(text, toks, i)
        if power is not None:
            value, j = power
            return self._finish(text, toks, start_i, j, sign * value, words=False)
        value = parse_digits(t.text, self.decimal)
        if value is None:
            return None, self._code_end(toks, i)
        j = i + 1
        # mixed fraction: "2 1/4", "10 1/2 millas"
        if (
            j + 2 < len(toks)
            and toks[j].kind == "num"
            and toks[j + 1].text == "/"
            and toks[j + 2].kind == "num"
            and self._glued(toks[j], toks[j + 1])
            and self._glued(toks[j + 1], toks[j + 2])
            and not self._glued(t, toks[j])
        ):
            num, den = parse_digits(toks[j].text), parse_digits(toks[j + 2].text)
            if num is not None and den and num < den <= 100 and float(value).is_integer():
                return self._finish(text, toks, start_i, j + 3, sign * (value + num / den), words=False, fraction=True)
        return self._finish(text, toks, start_i, j, sign * value, words=False)

    def _power_at(self, text: str, toks: list[Token], i: int) -> tuple[float, int] | None:
        """``1e10``, ``12,32e+14``, ``1,1^23`` starting at token i: (value, end)."""
        j = i + 1
        parts = [toks[i].text]
        while j < len(toks) and self._glued(toks[j - 1], toks[j]) and len(parts) < 6:
            parts.append(toks[j].text)
            j += 1
            joined = "".join(parts)
            power = re.fullmatch(r"\d[\d.,]*(?:[eE](?P<exp>[+\-]?\d{1,3})|\^[+\-]*\d{1,3})", joined)
            if (
                power
                and power["exp"]
                and not (power["exp"][0] in "+-" or int(power["exp"]) >= 9 or "," in joined or "." in joined)
            ):
                return None  # "7e7" is a model name (Boeing 7E7) more often than 7·10^7
            if power:
                after = toks[j] if j < len(toks) else None
                if after is not None and self._glued(toks[j - 1], after) and after.kind != "punct":
                    return None
                value = parse_power(joined)
                return (value, j) if value is not None else None
        return None

    def _code_end(self, toks: list[Token], i: int) -> int:
        """Index after the glued alphanumeric chunk containing token i ("A320", "21/11/2021")."""
        j = i + 1
        while (
            j < len(toks)
            and self._glued(toks[j - 1], toks[j])
            and (
                toks[j].kind != "punct"
                or (
                    toks[j].text in "/-:.º"
                    and j + 1 < len(toks)
                    and self._glued(toks[j], toks[j + 1])
                    and toks[j + 1].kind != "punct"
                )
            )
        ):
            j += 1
        return j

    def _words_at(self, text: str, toks: list[Token], start_i: int, i: int):
        t = toks[i]
        # "medio millón", "media docena"
        if t.lower in HALF_WORDS and i + 1 < len(toks):
            scale, k = self._scale_at(toks, i + 1)
            if scale > 1:
                return self._finish_scaled(toks, start_i, k, 0.5, scale, words=True)
            return None
        found = self._integer_at(toks, i)
        if found is None:
            return None
        value, j, _ = found
        words_only = [w.text.lower() for w in toks[i:j]]
        # decimals in words: "cuarenta y siete coma veintiocho", "siete con cincuenta"
        if j + 1 < len(toks) and toks[j].lower in DECIMAL_WORDS and toks[j + 1].kind == "word":
            decimal = self._decimal_words(toks, j + 1)
            if decimal is not None:
                digits, k = decimal
                if not (k < len(toks) and fraction_denominator(toks[k].text)):
                    return self._finish(text, toks, start_i, k, float(f"{int(value)}.{digits}"), words=True)
        # fractions: "tres quintos", "un tercio de", "ciento treinta y dos quintos"
        if j < len(toks) and toks[j].kind == "word" and self._fraction_ok(words_only, toks, j):
            den = fraction_denominator(toks[j].text)
            return self._finish(text, toks, start_i, j + 1, value / den, words=True, fraction=True)
        if j + 1 < len(toks) and toks[j].lower in ("con", "y") and toks[j + 1].kind == "word":
            frac = self._word_fraction(toks, j + 1)
            if frac is not None and frac[0] < 1:
                # "cinco y medio"; after a scale word the fraction is of that scale: "tres millones y medio"
                fvalue, k = frac
                scale = self._last_scale(words_only)
                return self._finish(text, toks, start_i, k, value + fvalue * scale, words=True, fraction=True, run_scale=scale)
        article = words_only in (["un"], ["una"], ["uno"])
        return self._finish(text, toks, start_i, j, value, words=True, article=article, run_scale=self._last_scale(words_only))

    def _last_scale(self, words: list[str]) -> float:
        """The scale of the last scale word in a run ("tres millones" → 1e6), 1 without one."""
        for w in reversed(words):
            if w in BIG_SCALES:
                return BIG_SCALES[w]
            if w in TEXT2NUM_SCALES:
                return 1e3 if w == "mil" else 1e6
        return 1.0

    @staticmethod
    def _fraction_ok(numerator: list[str], toks: list[Token], j: int) -> bool:
        """Is toks[j] the denominator of a fraction after the number words ``numerator``?

        "medio(s)" never is on its own ("un medio de comunicación"), and a
        singular ordinal after "un"/"una" is an ordinal unless "de" or the end
        of the phrase follows ("un quinto mandato", but "un quinto de los votos").
        """
        word = toks[j].lower
        den = fraction_denominator(word)
        if not den or word in HALF_WORDS or word in ("medios", "medias"):
            return False
        if numerator[-1] not in ("un", "una", "uno") and not word.endswith("s"):
            return False  # "dos millonésimo" is not a fraction
        if numerator[-1] in ("un", "una", "uno") and not word.startswith("terci") and not word.endswith("s"):
            after = toks[j + 1] if j + 1 < len(toks) else None
            return after is None or after.kind == "punct" or after.lower in ("de", "por")
        return True

    def _decimal_words(self, toks: list[Token], k: int) -> tuple[str, int] | None:
        zeros = 0
        while k < len(toks) and toks[k].lower == "cero":
            zeros += 1
            k += 1
        if k < len(toks) and toks[k].kind == "word":
            run_end = self._word_run(toks, k)
            found = self._words_value(toks, k, run_end) if run_end > k else None
            if found is not None and found[0] == int(found[0]):
                return "0" * zeros + str(int(found[0])), found[1]
        if zeros:
            return "0" * zeros, k
        return None

    def _word_fraction(self, toks: list[Token], k: int) -> tuple[float, int] | None:
        """After "con"/"y": "medio", "un cuarto", "tres quintos", "dos tercios" → (value, end)."""
        t = toks[k]
        if t.lower in HALF_WORDS:
            return 0.5, k + 1
        found = self._integer_at(toks, k)
        if found is None:
            return None
        num, j, _ = found
        if j < len(toks) and toks[j].kind == "word":
            den = fraction_denominator(toks[j].text)
            if den:
                return num / den, j + 1
        return None

    def _finish(
        self,
        text: str,
        toks: list[Token],
        start_i: int,
        j: int,
        value: float,
        *,
        words: bool,
        fraction: bool = False,
        article: bool = False,
        run_scale: float = 1.0,
    ):
        """Applies what may follow a number: "sobre", scale words, "y medio"."""
        # "uno sobre tres", "1 sobre 21"
        if j + 1 < len(toks) and toks[j].lower == "sobre":
            found = self._integer_at(toks, j + 1)
            if found is not None and found[0] and (toks[j + 1].kind == "num" or found[2]):
                den, k, in_words = found
                if den > 0 and (den < 1000 or in_words):
                    return Number(toks[start_i].start, toks[k - 1].end, value / den, words or in_words, fraction=True), k
        scale, k = self._scale_at(toks, j)
        if scale > 1 and scale > run_scale:
            return self._finish_scaled(toks, start_i, k, value, scale, words=words)
        if run_scale >= 1e3 and not fraction and math.isfinite(value):
            composed = self._compose(toks, j, value, run_scale)
            if composed is not None:
                total, last_scale, k = composed
                return Number(toks[start_i].start, toks[k - 1].end, total, True, scale=last_scale), k
        return Number(toks[start_i].start, toks[j - 1].end, value, words, scale=run_scale, fraction=fraction, article=article), j

    def _compose(self, toks: list[Token], k: int, total: float, scale: float) -> tuple[float, float, int] | None:
        """Digit groups after a scaled number: "322 mil" + "400", "9 mil" + "900 millones", "1 millón" + "200 mil".

        Each group is a plain integer under 1000, apart from the one before
        by spaces only. A group with a smaller scale word adds to the total
        ("1 millón 200 mil"); a bare group adds only after "mil" and ends the
        number ("322 mil 400"); a group with a scale of millions or more right
        after "mil" multiplies the thousands with it ("9 mil 900 millones" is
        9900 millones, "86 mil 310.5 millones" 86310.5 millones). ``(total, scale of the last group, end)``, or None
        when no group follows.
        """
        start_k = k
        while k < len(toks) and scale > 1:
            t = toks[k]
            prev = toks[k - 1]
            if t.kind != "num" or t.start == prev.end or len(t.text.split(".")[0].split(",")[0]) > 3:
                break
            if t.start - prev.end > 2 or "\n" in self._text[prev.end : t.start]:
                break  # the next line, a table cell: not the same number
            group = parse_digits(t.text, self.decimal)
            nxt = toks[k + 1] if k + 1 < len(toks) else None
            if group is None or group >= 1000 or (nxt is not None and nxt.start == t.end and nxt.kind != "punct"):
                break  # glued: "400pesos", "300x"
            group_scale, after = self._scale_at(toks, k + 1)
            if group_scale > 1 and group_scale not in COMPOSING_SCALES:
                break
            if not t.text.isdigit() and not (scale == 1e3 and group_scale >= 1e6):
                break  # a decimal group only as the millions of "86 mil 310.5 millones"
            if group_scale == 1:
                if scale != 1e3:
                    break
                total, scale, k = total + group, 1.0, k + 1
                break
            if group_scale < scale:
                total, scale, k = total + group * group_scale, group_scale, after
            elif scale == 1e3 and group_scale >= 1e6 and total < 1e6:
                total, scale, k = (total + group) * group_scale, group_scale, after
            else:
                break
        return (total, scale, k) if k > start_k else None

    def _finish_scaled(self, toks: list[Token], start_i: int, k: int, value: float, scale: float, *, words: bool):
        total = value * scale
        # "un millón y medio", "cinco billones con tres cuartos"
        if k + 1 < len(toks) and toks[k].lower in ("y", "con"):
            frac = self._word_fraction(toks, k + 1)
            if frac is not None and frac[0] < 1:
                total += frac[0] * scale
                k = frac[1]
        elif math.isfinite(total) and value == int(value) and scale in COMPOSING_SCALES:
            composed = self._compose(toks, k, total, scale)
            if composed is not None:
                total, scale, k = composed
                return Number(toks[start_i].start, toks[k - 1].end, total, True, scale=scale), k
        return Number(
            toks[start_i].start, toks[k - 1].end, total, words or any(t.kind == "word" for t in toks[start_i:k]), scale=scale
        ), k


_SCANNERS: dict[str | None, NumberScanner] = {}


def find_numbers(text: str, decimal: str | None = None) -> list[Number]:
    """Every number expression in ``text``, left to right (see `NumberScanner`).

    Lone articles ("un", "una") come back with ``article=True``: a caller
    decides whether a unit after them makes an amount ("un dólar").
    ``decimal`` is the document's decimal mark ("," or "."), None for the
    neutral rule of `pipeline.values.numbers`.
    """
    scanner = _SCANNERS.get(decimal)
    if scanner is None:
        if decimal not in (None, ",", "."):
            raise ValueError(f"decimal must be ',', '.' or None, not {decimal!r}")
        scanner = _SCANNERS[decimal] = NumberScanner(decimal)
    try:
        return scanner.scan(text)
    except (ValueError, OverflowError, RecursionError):
        return []


def parse_number(text: str) -> float | None:
    """The value of a text that is exactly one number: ``"3,5 millones"`` → 3.5e6, ``"tres quintos"`` → 0.6.

    Digits, words, fractions, scale words and signs; None when the text is not
    one whole number ("12 por ciento", "COVID-19", "hola").
    """
    if not isinstance(text, str):
        return None
    stripped = text.strip()
    numbers = find_numbers(stripped)
    if len(numbers) != 1:
        return None
    n = numbers[0]
    if n.start != 0 or n.end != len(stripped):
        return None
    return n.value if math.isfinite(n.value) else None
