"""Spanish and Latin American numbers as written → floats. Pure: no spaCy here.

"1.500" is 1500 and "2,7" is 2.7, but Latin American sources also write
"43.5 millones" and "1,500": a separator followed by exactly three digits is a
thousands separator, otherwise it is the decimal mark; with both marks in one
number the last one is the decimal mark ("1.234,56", "1,234.56").
Impossible input gives None, never an exception.
"""

from __future__ import annotations

import re

DIGITS = re.compile(r"^[+-−]?\d[\d.,\s\u00a0\u202f]*$")


def parse_digits(text: str) -> float | None:
    """``"1.500"`` → 1500.0, ``"2,7"`` → 2.7, ``"1.234,56"`` → 1234.56; None if not a number."""
    t = text.strip().replace("−", "-")
    if not t or not DIGITS.match(t):
        return None
    sign = -1.0 if t.startswith("-") else 1.0
    t = t.lstrip("+-")
    t = re.sub(r"[\s\u00a0\u202f]", "", t)
    if not t or not t[0].isdigit() or not t[-1].isdigit():
        return None
    marks = [c for c in t if c in ".,"]
    if not marks:
        return sign * float(t)
    if "." in marks and "," in marks:
        decimal = t[max(t.rfind("."), t.rfind(","))]
        thousands = "," if decimal == "." else "."
        integer, _, fraction = t.rpartition(decimal)
        if decimal in integer or not _grouped(integer, thousands):
            return None
        return sign * float(integer.replace(thousands, "") + "." + fraction)
    mark = marks[0]
    groups = t.split(mark)
    if len(groups) > 2:
        # Only a thousands separator repeats: 1.234.567
        return sign * float("".join(groups)) if _grouped(t, mark) else None
    integer, fraction = groups
    if len(fraction) == 3 and integer != "0":
        return sign * float(integer + fraction)
    return sign * float(integer + "." + fraction)


def _grouped(integer: str, sep: str) -> bool:
    """True when ``integer`` is digits grouped by three with ``sep`` (or ungrouped)."""
    if sep not in integer:
        return integer.isdigit()
    head, *rest = integer.split(sep)
    return head.isdigit() and 1 <= len(head) <= 3 and all(len(g) == 3 and g.isdigit() for g in rest)


def format_number(value: float) -> str:
    """The canonical text of a value: ``12.0`` → ``"12"``, ``2.7`` → ``"2.7"``."""
    if value == int(value) and abs(value) < 1e18:
        return str(int(value))
    return repr(float(value))
