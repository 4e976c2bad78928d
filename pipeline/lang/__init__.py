"""Loader for the language data tables in ``pipeline/lang/<lang>/``.

Tables are TSV files: ``#`` comment lines first (what the table is and where it
comes from), then a header row, then one row per entry. This module is the only
place that reads them; the tables themselves hold no behaviour.
"""

from __future__ import annotations

import csv
from functools import cache
from pathlib import Path

LANG_DIR = Path(__file__).parent


@cache
def read_table(name: str, lang: str = "es") -> tuple[dict[str, str], ...]:
    """Rows of ``lang/<lang>/<name>.tsv`` as dicts keyed by the header."""
    return read_rows(LANG_DIR / lang / f"{name}.tsv")


def read_rows(path: Path) -> tuple[dict[str, str], ...]:
    """Rows of a table file in this format as dicts keyed by the header (not cached:
    for a large table read once, or one written elsewhere)."""
    with Path(path).open(encoding="utf-8", newline="") as f:
        lines = [line for line in f if line.strip() and not line.startswith("#")]
    reader = csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
    return tuple({k: (v or "").strip() for k, v in row.items()} for row in reader)


def column(name: str, key: str, lang: str = "es") -> tuple[str, ...]:
    """One column of a table, in file order."""
    return tuple(row[key] for row in read_table(name, lang))


def mapping(name: str, key: str, value: str, lang: str = "es") -> dict[str, str]:
    """A ``key → value`` dict from two columns of a table."""
    return {row[key]: row[value] for row in read_table(name, lang)}
