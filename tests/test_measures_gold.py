"""The measures test set (tests/data/measures/figures.jsonl) is well formed.

Checks the DATA only, not the pipeline: every figure and measure is written in
its sentence, labels, directions and sections come from the allowed sets, the
head lemma belongs to its phrase, and the set is as large and as varied as
issue 23 asks (see tests/data/measures/README.md for the guidelines).
"""

from __future__ import annotations

import json
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path

import pytest

GOLD = Path(__file__).parent / "data" / "measures" / "figures.jsonl"

FIELDS = {
    "id",
    "sid",
    "sentence",
    "figure",
    "start",
    "end",
    "label",
    "measure",
    "measure_head",
    "direction",
    "owner",
    "section",
    "country",
    "note",
}
LABELS = {"PERCENT", "MONEY", "QUANTITY", "CARDINAL"}
DIRECTIONS = {"up", "down", "level", ""}
SECTIONS = {"economy", "politics", "sport", "health", "society", "energy"}
LEADING_WORDS = {
    "el",
    "la",
    "los",
    "las",
    "lo",
    "un",
    "una",
    "unos",
    "unas",
    "de",
    "del",
    "al",
    "a",
    "en",
    "por",
    "para",
    "su",
    "sus",
}

MIN_FIGURES = 170
MIN_WITH_DIRECTION = 60
MIN_WITH_MEASURE = 120


def _rows() -> list[dict]:
    with GOLD.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


ROWS = _rows()


def _plain(word: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", word.lower()) if unicodedata.category(c) != "Mn")


def test_every_row_has_exactly_the_documented_fields():
    for row in ROWS:
        assert set(row) == FIELDS, row["id"]
        assert isinstance(row["start"], int) and isinstance(row["end"], int), row["id"]
        for key in FIELDS - {"start", "end"}:
            assert isinstance(row[key], str), (row["id"], key)


def test_ids_are_unique_and_name_their_sentence():
    ids = [r["id"] for r in ROWS]
    assert len(ids) == len(set(ids))
    for row in ROWS:
        assert row["id"].startswith(row["sid"] + "-"), row["id"]


def _problems(row: dict) -> list[str]:
    """What is wrong with one row (empty when nothing is)."""
    out = []
    sentence, figure, measure, head = row["sentence"], row["figure"], row["measure"], row["measure_head"]
    if not figure or figure != figure.strip() or sentence[row["start"] : row["end"]] != figure:
        out.append(f"figure {figure!r} is not sentence[start:end]")
    if bool(measure) != bool(head):
        out.append("a measure needs a head and a head a measure")
    if measure:
        if measure not in sentence or measure != measure.strip():
            out.append(f"measure {measure!r} is not written in the sentence")
        elif measure.split()[0].lower() in LEADING_WORDS:
            out.append(f"measure {measure!r} starts with an article or preposition")
        stem = _plain(head)[: max(3, len(head) - 2)]
        if " " in head or not any(_plain(w).startswith(stem) for w in measure.split()):
            out.append(f"head {head!r} is not one word of {measure!r}")
        if head != head.lower() and head not in measure.split():
            out.append(f"head {head!r} has capitals but is no acronym or name written in {measure!r}")
    if row["owner"] and row["owner"] not in sentence:
        out.append(f"owner {row['owner']!r} is not written in the sentence")
    if row["label"] not in LABELS:
        out.append(f"label {row['label']!r}")
    if row["direction"] not in DIRECTIONS:
        out.append(f"direction {row['direction']!r}")
    if row["section"] not in SECTIONS:
        out.append(f"section {row['section']!r}")
    if not row["country"] or not row["country"][0].isupper():
        out.append(f"country {row['country']!r}")
    return out


def test_every_row_is_consistent_with_its_sentence():
    problems = {r["id"]: p for r in ROWS if (p := _problems(r))}
    assert problems == {}


def test_every_sentence_ends_with_punctuation_and_keeps_one_section_and_country():
    by_sentence = defaultdict(set)
    for row in ROWS:
        assert row["sentence"].rstrip("»”\"')").endswith((".", "!", "?")), row["id"]
        by_sentence[row["sid"]].add((row["sentence"], row["section"], row["country"]))
    assert all(len(v) == 1 for v in by_sentence.values())


def test_figures_of_one_sentence_do_not_overlap():
    spans = defaultdict(list)
    for row in ROWS:
        spans[row["sid"]].append((row["start"], row["end"], row["id"]))
    for sid, items in spans.items():
        items.sort()
        for (_, end, a), (start, _, b) in zip(items, items[1:], strict=False):
            assert end <= start, (sid, a, b)


def test_set_is_as_large_and_varied_as_the_issue_asks():
    assert len(ROWS) >= MIN_FIGURES
    assert sum(1 for r in ROWS if r["direction"]) >= MIN_WITH_DIRECTION
    assert sum(1 for r in ROWS if r["measure"]) >= MIN_WITH_MEASURE
    assert {r["section"] for r in ROWS} == SECTIONS
    assert {r["label"] for r in ROWS} == LABELS
    assert {r["direction"] for r in ROWS} == DIRECTIONS
    countries = Counter(r["country"] for r in ROWS)
    assert {"España", "México", "Argentina", "Colombia", "Chile", "Perú", "Venezuela"} <= set(countries)
    assert sum(1 for r in ROWS if not r["measure"]) >= 10, "cases where the text names no measure"


ISSUE_SHAPES = [
    # (sentence fragment, figure, measure, head, direction)
    (
        "el incremento del 12 por ciento en el intercambio comercial",
        "12 por ciento",
        "intercambio comercial",
        "intercambio",
        "up",
    ),
    ("una subida del 5 % del salario mínimo", "5 %", "salario mínimo", "salario", "up"),
    ("que pasará a 1.184 euros al mes", "1.184 euros", "salario mínimo", "salario", "up"),
    ("hay 2,5 millones de trabajadores", "2,5 millones de trabajadores", "trabajadores", "trabajador", ""),
    ("La inflación cerró en un 211,4 %", "211,4 %", "inflación", "inflación", ""),
    ("El PIB de México creció un 3,2 %", "3,2 %", "PIB", "PIB", "up"),
    ("El 40 % de los hogares", "40 %", "hogares", "hogar", ""),
    ("marcó 3 goles", "3 goles", "goles", "gol", ""),
    ("confirmó 1.200 casos de dengue", "1.200 casos", "casos de dengue", "caso", "up"),
]


@pytest.mark.parametrize(("fragment", "figure", "measure", "head", "direction"), ISSUE_SHAPES, ids=[s[1] for s in ISSUE_SHAPES])
def test_the_shapes_named_in_the_issue_are_in_the_set(fragment, figure, measure, head, direction):
    rows = [r for r in ROWS if fragment in r["sentence"] and r["figure"] == figure]
    assert len(rows) == 1, fragment
    row = rows[0]
    assert (row["measure"], row["measure_head"], row["direction"]) == (measure, head, direction)
