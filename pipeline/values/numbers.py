"""Spanish and Latin American numbers as written → floats. Pure: no spaCy here.

"1.500" is 1500 and "2,7" is 2.7, but Latin American sources also write
"43.5 millones" and "1,500": a separator followed by exactly three digits is a
thousands separator, otherwise it is the decimal mark; with both marks in one
number the last one is the decimal mark ("1.234,56", "1,234.56"). A group
needs at most three digits before it: "1111.121" cannot be grouped, so its
mark is decimal.

Only one shape is ambiguous: one mark, once, between at most three digits and
exactly three ("1,275", "1.275"). Without a ``decimal`` mark it is read as
thousands (the rule above); a caller that knows the document's decimal mark
(`pipeline.values.locale`) passes it, and that mark then reads as the decimal
mark: "1,275" is 1.275 where the decimal mark is the comma (Spain, Argentina),
1275 where it is the point (Mexico, the United States).

Number words go through text2num, with guards where it is wrong: it rejects
"veintiún" and the unaccented "veintitrés", reads "un mil" as two numbers,
does not know the long-scale "billón" (10^12) or "millardo" (10^9), and has no
decimals ("coma", "con"), fractions ("tres quintos", "y medio") or digits
followed by scale words ("3,5 millones"). Those are handled here and, for
running text, in `pipeline.values.number_scan`.

Impossible input gives None, never an exception.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Sequence
from decimal import Decimal, localcontext
from functools import cache

from text_to_num import text2num

from pipeline.lang import mapping, read_table

DIGITS = re.compile(r"^[+\-−]?(?:\d[\d.,\s\u00a0\u202f]*|[.,]\d+)$")
SPACES = re.compile(r"[\s\u00a0\u202f]")
DIGIT_RUN = re.compile(r"[+\-−]?\d(?:[\d.,\u00a0\u202f ]*\d)?")
WORD = re.compile(r"[^\W\d_]+\.?")
POWER = re.compile(r"^(?P<sign>[+\-−]?)(?P<base>\d[\d.,]*)(?:[eE](?P<exp>[+\-]?\d{1,3})|\^(?P<pexp>[+\-]*\d{1,3}))$")

# text2num also reads these, but they are vague ("cientos de personas", "unos días") or
# ordinals ("tercer día").
VAGUE_WORDS = frozenset({"cientos", "miles", "centenares", "millares", "unos", "unas", "tercer"})
# Scale words text2num reads itself inside a run of number words.
TEXT2NUM_SCALES = frozenset({"mil", "millón", "millon", "millones"})
HALF_WORDS = frozenset({"medio", "media"})
DECIMAL_WORDS = frozenset({"coma", "con"})
SIGNS = "+-−"
VULGAR_FRACTIONS = {c: unicodedata.numeric(c) for c in "¼½¾⅐⅑⅒⅓⅔⅕⅖⅗⅘⅙⅚⅛⅜⅝⅞"}
# A number glued after one of these is part of a code, a date or an url ("/283549", "N.5", "#3", "iLife '11").
CODE_GLUE = "/-.#_:º°@%,|\\'’"


def parse_digits(text: str, decimal: str | None = None) -> float | None:
    """``"1.500"`` → 1500.0, ``"2,7"`` → 2.7, ``"1.234,56"`` → 1234.56; None if not a number.

    ``decimal`` (``","`` or ``"."``) is the document's decimal mark, which
    decides the one ambiguous shape ("1,275"); None reads it as thousands.
    """
    digits = digit_string(text, decimal)
    return None if digits is None else float(digits)


def digit_string(text: str, decimal: str | None = None) -> str | None:
    """The number written in ``text`` as plain decimal digits: ``"1.234,56"`` → ``"1234.56"``; None if not a number.

    Spanish and Latin American marks: a separator followed by exactly three
    digits groups thousands, otherwise it is the decimal mark; with both
    marks, the last one is the decimal mark. ``decimal``, when given, is the
    document's decimal mark: one such mark between at most three digits and
    exactly three ("1,275" where the comma is decimal) is then a decimal.
    """
    if not isinstance(text, str):
        return None
    t = text.strip().replace("−", "-")
    if not t or not DIGITS.match(t):
        return None
    sign = "-" if t.startswith("-") else ""
    t = SPACES.sub("", t.lstrip("+-"))
    if t[:1] in (".", ","):  # ",08" = 0.08
        return sign + "0." + t[1:] if t[1:].isdigit() else None
    if not t or not t[0].isdigit() or not t[-1].isdigit():
        return None
    marks = [c for c in t if c in ".,"]
    if not marks:
        return sign + t
    if "." in marks and "," in marks:
        last = t[max(t.rfind("."), t.rfind(","))]
        thousands = "," if last == "." else "."
        integer, _, fraction = t.rpartition(last)
        if last in integer or not _grouped(integer, thousands):
            return None
        return sign + integer.replace(thousands, "") + "." + fraction
    mark = marks[0]
    groups = t.split(mark)
    if len(groups) > 2:
        # Only a thousands separator repeats: 1.234.567
        return sign + "".join(groups) if _grouped(t, mark) else None
    integer, fraction = groups
    if len(fraction) == 3 and integer != "0" and len(integer) <= 3 and mark != decimal:
        return sign + integer + fraction
    return sign + integer + "." + fraction


def exact_value(text: str, decimal: str | None = None) -> str | None:
    """The exact value of a figure written in digits and scale words, as plain decimal text; None if there are no digits.

    For figures too large for a float ("10^400 millones"), whose ``value``
    must keep every digit rather than read ``inf``: the first run of digits
    times the scale words after it, in decimal arithmetic with enough
    precision for every digit.
    """
    if not isinstance(text, str):
        return None
    match = DIGIT_RUN.search(text)
    digits = digit_string(match.group(), decimal) if match else None
    if digits is None:
        return None
    anycase, exact = scale_words()
    multipliers = [_multiplier(word, anycase, exact) for word in WORD.findall(text[match.end() :])]
    with localcontext() as context:
        context.prec = len(digits) + 15 * (len(multipliers) + 1)
        value = Decimal(digits)
        for multiplier in multipliers:
            if multiplier:
                value *= Decimal(int(multiplier)) if multiplier == int(multiplier) else Decimal(str(multiplier))
        text_value = format(value, "f")
    if "." in text_value:
        text_value = text_value.rstrip("0").rstrip(".")
    return text_value


def _multiplier(word: str, anycase: dict[str, float], exact: dict[str, float]) -> float | None:
    for form in (word, word.rstrip(".")):
        multiplier = exact.get(form) or anycase.get(form.lower())
        if multiplier:
            return multiplier
    return None


def _grouped(integer: str, sep: str) -> bool:
    """True when ``integer`` is digits grouped by three with ``sep`` (or ungrouped)."""
    if sep not in integer:
        return integer.isdigit()
    head, *rest = integer.split(sep)
    return head.isdigit() and 1 <= len(head) <= 3 and all(len(g) == 3 and g.isdigit() for g in rest)


def parse_power(text: str) -> float | None:
    """``"1e10"`` → 1e10, ``"12,32e+14"``, ``"2,5^-1"`` → 0.4; None if not a power."""
    m = POWER.match(text.strip()) if isinstance(text, str) else None
    if not m:
        return None
    base = parse_digits(m["base"])
    if base is None:
        return None
    sign = -1.0 if m["sign"] in ("-", "−") else 1.0
    if m["exp"] is not None:
        exponent = int(m["exp"])
    else:
        raw = m["pexp"]
        exponent = int(raw.lstrip("+-")) * (-1 if raw.count("-") % 2 else 1)
    try:
        value = base**exponent if m["pexp"] is not None else base * 10.0**exponent
    except (OverflowError, ZeroDivisionError):
        return None
    return sign * value if math.isfinite(value) else None


# ---------------------------------------------------------------- number words


@cache
def _word_fixes() -> dict[str, str]:
    return mapping("number_word_fixes", "form", "fixed")


@cache
def _fractions() -> dict[str, float]:
    return {row["form"]: float(row["denominator"]) for row in read_table("fraction_words")}


@cache
def scale_words() -> tuple[dict[str, float], dict[str, float]]:
    """``(case-insensitive forms, exact forms) → multiplier``."""
    anycase, exact = {}, {}
    for row in read_table("scale_words"):
        (exact if row["case"] == "exact" else anycase)[row["form"] if row["case"] == "exact" else row["form"].lower()] = float(
            row["multiplier"]
        )
    return anycase, exact


# Long-scale words text2num does not know ("millardos", "billones"); a run is split at them.
BIG_SCALES = {word: m for word, m in scale_words()[0].items() if m >= 1e9}


@cache
def cardinal_word(word: str) -> bool:
    """True for one Spanish cardinal word ("doce", "veintiún", "millones"), as text2num or the fixes know it."""
    w = word.lower()
    if w in VAGUE_WORDS or not w.isalpha():
        return False
    if w in BIG_SCALES or w in _word_fixes():
        return True
    return _text2num(w) is not None


def _text2num(phrase: str) -> int | None:
    try:
        return text2num(phrase, "es")
    except (ValueError, TypeError, OverflowError):
        return None


def _fix(words: Sequence[str]) -> list[str]:
    fixes = _word_fixes()
    out = [fixes.get(w, w) for w in (w.lower() for w in words)]
    # "un mil" / "una mil" is "mil" (text2num reads two numbers)
    if len(out) >= 2 and out[0] in ("un", "una", "uno") and out[1] == "mil":
        out = out[1:]
    return out


def cardinal_value(words: Sequence[str]) -> float | None:
    """The value of a run of cardinal words (``["tres", "billones", "doscientos"]``), or None.

    The run is split at the long-scale words text2num does not know
    ("billón" 10^12, "millardo" 10^9); each part goes through text2num.
    """
    words = [w.lower() for w in words]
    if not words or any(w in VAGUE_WORDS for w in words):
        return None
    total, chunk = 0.0, []
    for w in words:
        if w in BIG_SCALES:
            head = _chunk_value(chunk) if chunk else 1.0
            if head is None or (not chunk and total):
                return None
            total += head * BIG_SCALES[w]
            chunk = []
        else:
            chunk.append(w)
    if chunk:
        tail = _chunk_value(chunk)
        if tail is None:
            return None
        total += tail
    return total


def _chunk_value(chunk: Sequence[str]) -> float | None:
    words = _fix(chunk)
    # a run that is only scale words ("millones") is vague, not a number; "mil" alone is 1000
    if all(w in TEXT2NUM_SCALES for w in words) and words != ["mil"]:
        return None
    if words and words[-1] == "y":
        return None
    value = _text2num(" ".join(words))
    return float(value) if value is not None else None


@cache
def fraction_denominator(word: str) -> float | None:
    """Denominator of a fraction word: "quintos" → 5, "veintiunavo" → 21, "dosmilésimos" → 2000."""
    w = word.lower()
    table = _fractions()
    if w in table:
        return table[w]
    for suffix in ("avos", "avas", "avo", "ava"):
        if w.endswith(suffix) and len(w) > len(suffix) + 2:
            stem = w[: -len(suffix)]
            # "cincoavos", "veintiunavo", "treintavos" (treinta-avos), "veinteavos"
            value = _glued_value(stem) or _glued_value(stem + "a") or _glued_value(stem + "e")
            return value if value and value >= 2 else None
    for big in ("milésim", "milesim", "millonésim", "millonesim", "billonésim", "billonesim"):
        i = w.find(big)
        if i > 0:
            rest = w[i:]
            if rest in table:
                head = _glued_value(w[:i])
                return head * table[rest] if head else None
    return None


@cache
def _glued_value(glued: str) -> float | None:
    """A number written as one word: "treintaicinco" → 35, "cientocinco" → 105, "dos" → 2."""
    words = _segment(glued)
    return cardinal_value(words) if words else None


def _segment(glued: str) -> list[str] | None:
    """Splits glued number words ("treintaicinco" → treinta y cinco), longest word first."""
    if not glued:
        return []
    for i in range(len(glued), 0, -1):
        head = glued[:i]
        if cardinal_word(head):
            rest = glued[i:]
            if rest.startswith("i") and head.endswith("a"):  # treinta-i-cinco
                tail = _segment(rest[1:])
                if tail:
                    return [head, "y", *tail]
            tail = _segment(rest)
            if tail is not None:
                return [head, *tail]
    return None


def format_number(value: float) -> str:
    """The canonical text of a value: ``12.0`` → ``"12"``, ``2.7`` → ``"2.7"``."""
    if not math.isfinite(value):
        return repr(float(value))
    if value == int(value) and abs(value) < 1e18:
        return str(int(value))
    return repr(float(value))
