"""The wire corpus report (`pipeline.evaluate.wire`) and what the pipeline must get right on it."""

from __future__ import annotations

import pytest

from pipeline.evaluate import wire


@pytest.fixture(scope="module")
def result(nlp):
    return wire.score(nlp=nlp)


def test_the_report_reads_every_gold_document(result):
    counts = result["counts"]
    assert counts["documents"] == len(wire.read_gold()) >= 60
    assert "document" not in result["misses"]  # every gold row found its documents row
    assert "Wire corpus" in wire.format_report(result)


def test_every_title_is_found(result):
    assert result["misses"].get("title", []) == []


@pytest.mark.parametrize("field", ["subtitle", "dateline_place", "agency", "published", "published_from"])
def test_every_field_is_right(result, field):
    # Was a floor of allowed misses per field; every field is right now: see `python -m pipeline eval --only wire`.
    assert result["misses"].get(field, []) == []


def test_dates_found_and_valued(result):
    # A floor that only tightens: the misses left are a caption the HTML extractor drops and a date in a JSONL
    # title column, which is no part of the text.
    c = result["counts"]
    assert c["dates"] - c["dates_found"] <= 2
    assert c["dates_value"] == c["dates_found"]
    assert c["not_dates_right"] == c["not_dates"]
