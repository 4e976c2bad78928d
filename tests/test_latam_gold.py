"""The Latin American gold set (tests/data/latam) is well formed.

These tests check the data only, not the pipeline: offsets, labels, values,
the people table, and that the JSONL files are what the marked-up sources
build to. How the set was written and its conventions:
tests/data/latam/README.md.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import math
import re
from collections import Counter, defaultdict
from pathlib import Path

import pytest

LATAM = Path(__file__).resolve().parent / "data" / "latam"
ENTITY_LABELS = {"PERSON", "ORG", "LOC", "COUNTRY", "NORP"}
FIGURE_LABELS = {"PERCENT", "MONEY", "QUANTITY", "CARDINAL"}
SECTIONS = {"politics", "economy", "sport", "security", "culture"}
LEADING_ARTICLES = ("el ", "la ", "los ", "las ", "del ", "al ", "un ", "una ")


def _read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.fixture(scope="module")
def articles() -> list[dict]:
    return _read_jsonl(LATAM / "articles.jsonl")


@pytest.fixture(scope="module")
def people() -> list[dict]:
    return _read_jsonl(LATAM / "people.jsonl")


def _spans(row: dict) -> list[tuple[str, dict]]:
    return [(kind, span) for kind in ("entities", "figures", "durations") for span in row[kind]]


def test_size_and_spread(articles):
    assert len(articles) >= 40
    countries = Counter(row["country"] for row in articles)
    assert len(countries) >= 8
    assert countries["MX"] >= 10
    assert {row["section"] for row in articles} == SECTIONS


def test_rows_are_well_formed(articles):
    ids = [row["id"] for row in articles]
    assert len(ids) == len(set(ids))
    for row in articles:
        assert re.fullmatch(r"[a-z]{2}-\d{2}", row["id"]), row["id"]
        assert re.fullmatch(r"[A-Z]{2}", row["country"]), row["id"]
        published = dt.date.fromisoformat(row["published"])
        assert dt.date(2023, 1, 1) <= published <= dt.date(2026, 12, 31), row["id"]
        assert row["section"] in SECTIONS, row["id"]
        assert row["locale"] in {"us", "es"}, row["id"]
        assert row["title"].strip() and row["text"].strip(), row["id"]
        assert not any(ch in row["text"] for ch in "[]{}"), f"{row['id']}: markup left in the text"


def test_offsets_match_the_text(articles):
    for row in articles:
        for kind, span in _spans(row):
            assert 0 <= span["start"] < span["end"] <= len(row["text"]), (row["id"], kind, span)
            assert row["text"][span["start"] : span["end"]] == span["text"], (row["id"], kind, span)
            assert span["text"] == span["text"].strip(), (row["id"], kind, span)


def test_labels_are_in_the_allowed_sets(articles):
    for row in articles:
        assert {e["label"] for e in row["entities"]} <= ENTITY_LABELS, row["id"]
        assert {f["label"] for f in row["figures"]} <= FIGURE_LABELS, row["id"]


def test_no_overlapping_spans(articles):
    """Entities never overlap each other, figures neither, and no entity overlaps a figure or a duration."""
    for row in articles:
        spans = sorted((s["start"], s["end"], kind, s["text"]) for kind, s in _spans(row))
        for a, b in zip(spans, spans[1:], strict=False):
            assert a[1] <= b[0], f"{row['id']}: {a} overlaps {b}"


def test_entity_fields(articles):
    for row in articles:
        for ent in row["entities"]:
            assert not ent["text"].lower().startswith(LEADING_ARTICLES) or ent["text"][0].isupper(), (row["id"], ent)
            if ent["label"] in ("COUNTRY", "NORP"):
                assert re.fullmatch(r"[A-Z]{2}", ent["kb_id"]), (row["id"], ent)
            if ent["label"] == "PERSON":
                assert ent["canonical"].strip(), (row["id"], ent)


def test_figures_have_numeric_values_and_units(articles):
    for row in articles:
        for fig in row["figures"]:
            value = fig["value"]
            assert isinstance(value, (int, float)) and not isinstance(value, bool), (row["id"], fig)
            assert math.isfinite(value), (row["id"], fig)
            if fig["label"] == "PERCENT":
                assert fig["unit"] == "%", (row["id"], fig)
            elif fig["label"] == "MONEY":
                assert re.fullmatch(r"[A-Z]{3}", fig["unit"]), (row["id"], fig)
            elif fig["label"] == "QUANTITY":
                assert isinstance(fig["unit"], str) and fig["unit"].strip(), (row["id"], fig)
            else:
                assert fig["unit"] is None, (row["id"], fig)


def test_people_table_matches_the_articles(articles, people):
    from_articles: dict[str, dict] = defaultdict(lambda: {"surfaces": set(), "articles": set()})
    for row in articles:
        for ent in row["entities"]:
            if ent["label"] == "PERSON":
                from_articles[ent["canonical"]]["surfaces"].add(ent["text"])
                from_articles[ent["canonical"]]["articles"].add(row["id"])
    assert len(people) == len({p["canonical"] for p in people})
    assert {p["canonical"] for p in people} == set(from_articles)
    for p in people:
        assert set(p["surfaces"]) == from_articles[p["canonical"]]["surfaces"], p["canonical"]
        assert set(p["articles"]) == from_articles[p["canonical"]]["articles"], p["canonical"]


def test_people_table_holds_the_identity_cases(articles, people):
    """Surname-only documents joined to a full name elsewhere; one surname, several people."""
    by_id = {row["id"]: row for row in articles}
    surname_only = []
    for p in people:
        for art in p["articles"]:
            forms = {e["text"] for e in by_id[art]["entities"] if e["label"] == "PERSON" and e["canonical"] == p["canonical"]}
            if len(p["articles"]) > 1 and all(len(f.split()) == 1 for f in forms):
                surname_only.append((p["canonical"], art))
    assert ("Nicolás Maduro", "ve-03") in surname_only
    assert len(surname_only) >= 5
    # the same one-word surface names two different people in different articles
    one_word = Counter(f for p in people for f in set(p["surfaces"]) if len(f.split()) == 1)
    assert {"Castro", "Suárez"} <= {f for f, n in one_word.items() if n >= 2}
    # and full names share surnames: Rodríguez, Fujimori, Noboa, Arévalo, Milei, Paz…
    surname_words = Counter(w for p in people for w in set(p["canonical"].split()[1:]))
    assert all(surname_words[w] >= 2 for w in ("Rodríguez", "Fujimori", "Noboa", "Arévalo", "Milei", "Paz"))


def _load_builder():
    spec = importlib.util.spec_from_file_location("latam_build_gold", LATAM / "build_gold.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_jsonl_is_what_the_sources_build(articles, people):
    rows, built_people = _load_builder().build()
    assert rows == articles, "articles.jsonl is stale: run python tests/data/latam/build_gold.py"
    assert built_people == people, "people.jsonl is stale: run python tests/data/latam/build_gold.py"
