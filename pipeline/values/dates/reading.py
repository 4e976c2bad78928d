"""Reading the pieces of a match: numbers as dates write them, normalised words, the text around, anchored search."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from functools import cache, lru_cache

from text_to_num import alpha2digit, text2num

from pipeline.values.dates.patterns import ANCHOR_AFTER, ANCHOR_BEFORE, DECADE_WORDS, ORDINALS, REL_YEAR


@cache
def number_value(text: str) -> int | None:
    """``"21"``, ``"1.º"``, ``"primero"``, ``"veintiuno"``, ``"vigésimo segundo"``, ``"dos mil veinte"`` → int."""
    t = norm(text)
    if t in ORDINALS:
        return ORDINALS[t]
    m = re.fullmatch(r"(\d+)(?:\.?\s?º|\.?°|ro|er)?", t)
    if m:
        return int(m.group(1))
    try:
        return text2num(t, "es")
    except ValueError:
        pass
    m = re.fullmatch(r"(\d+)º", alpha2digit(t, "es"))
    return int(m.group(1)) if m else None


def decade_value(d: str) -> str:
    """ "1970" → "197", "70" → "197", "10" → "201" (tens under 20: the 2000s), "noventa" → "199"."""
    if d.lower() in DECADE_WORDS:
        return f"19{DECADE_WORDS[d.lower()]}"
    decade = int(d) if len(d) == 4 else (1900 + int(d) if int(d) >= 20 else 2000 + int(d))
    return f"{decade // 10:03d}"


def two_digit_year(yy: int, reference: dt.date | None) -> int:
    """``89`` → 1989, ``07`` → 2007: the century that puts the year at most 20 years after the reference."""
    pivot = (reference.year if reference else 2000) + 20
    year = 2000 + yy
    return year if year <= pivot else year - 100


def year_of(m: re.Match) -> tuple[int | None, int | None]:
    """``(year, relative year)`` from a match with groups ``y`` / ``yrel``."""
    if m.groupdict().get("y"):
        return int(m.group("y")), None
    if m.groupdict().get("yrel"):
        return None, REL_YEAR[norm(m.group("yrel"))]
    return None, None


def norm(text: str) -> str:
    """Lower case, outer spaces stripped, inner runs of white space as one space."""
    return re.sub(r"\s+", " ", text.strip().lower())


def text_before(text: str, start: int, n: int = 40) -> str:
    """The ``n`` characters before ``start``."""
    return text[max(0, start - n) : start]


def next_word(text: str, end: int) -> str:
    """The word after ``end`` ("" if none follows)."""
    m = re.match(r"\s+([\wáéíóúñü]+)", text[end : end + 40])
    return m.group(1) if m else ""


@lru_cache(maxsize=16)
def anchor_spans(anchor: re.Pattern, text: str) -> tuple[tuple[int, int], ...]:
    """``(start, end)`` of every hit of ``anchor`` in ``text``.

    Cached: several rules search near the same anchor (a month name, a
    weekday, a unit) in the same text, which is then scanned once.
    """
    return tuple(m.span() for m in anchor.finditer(text))


def search_valid(
    pattern: re.Pattern, text: str, valid: Callable[[re.Match], bool] | None = None, anchor: re.Pattern | None = None
) -> Iterator[re.Match]:
    """Like ``finditer``, with two differences.

    A match ``valid`` rejects is retried one word further on (a day in words
    is matched loosely — "el veintiuno de mayo" first offers "el veintiuno" —
    and checked by text2num after). With ``anchor``, the pattern is only tried
    near each anchor hit (a month name, a weekday, a unit) and must contain
    it: the same matches, found without trying the pattern at every word.
    """
    windows = (
        [(0, len(text), None)]
        if anchor is None
        else [
            (max(0, a_start - ANCHOR_BEFORE), min(len(text), a_end + ANCHOR_AFTER), (a_start, a_end))
            for a_start, a_end in anchor_spans(anchor, text)
        ]
    )
    done = 0
    for lo, hi, a in windows:
        pos = max(lo, done)
        while (m := pattern.search(text, pos, hi)) is not None:
            if a is not None and not (m.start() <= a[0] and a[1] <= m.end()):
                if m.start() > a[0]:
                    break
                space = re.search(r"\s", text[m.start() : m.end()])
                pos = m.start() + (space.end() if space else 1)
                continue
            if valid is None or valid(m):
                yield m
                done = m.end()
                if a is not None:
                    break
                pos = m.end()
            else:
                space = re.search(r"\s", text[m.start() : m.end()])
                pos = m.start() + (space.end() if space else 1)
