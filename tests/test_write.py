"""Writers: every table round-trips through every format; writes are atomic."""

from __future__ import annotations

import pandas as pd
import pytest

from pipeline.schema import columns
from pipeline.write import OutputError, Tables, neutralise_formula, read_table, to_frame


@pytest.fixture()
def tables():
    documents = to_frame("documents", [{
        "doc_id": "a1", "source": "x.txt", "title": "Título, con \"comillas\"\ny salto", "published": "2022-01-20",
        "published_from": "inferred", "n_chars": 10, "n_words": 2, "n_mentions": 1, "status": "ok",
        "pipeline_version": "0.1.0",
    }, {"doc_id": "b2", "source": "y.txt", "status": "error", "error": "empty document (no text)"}])
    mentions = to_frame("mentions", [{
        "doc_id": "a1", "mention_id": 0, "section": "body", "sentence": 0, "start": 0, "end": 13,
        "raw_start": 2, "raw_end": 15, "text": "12 por ciento", "label": "PERCENT", "value": "12",
        "value_num": 12.0, "unit": "%", "source": "rule", "context": "Subió un 12 por ciento.",
    }])
    entities = to_frame("entities", [{
        "doc_id": "a1", "label": "PERCENT", "canonical": "12", "n_mentions": 1, "first_start": 0,
        "surface_forms": "12 por ciento",
    }])
    return Tables(documents, mentions, entities)


@pytest.mark.parametrize("fmt", ["csv", "parquet", "jsonl"])
@pytest.mark.parametrize("table", ["documents", "mentions", "entities"])
def test_write_round_trips_each_table_and_format(tables, tmp_path, table, fmt):
    tables.write(tmp_path, formats=(fmt,))
    back = read_table(tmp_path / f"{table}.{fmt}", table)
    original = getattr(tables, table)
    assert list(back.columns) == columns(table)
    pd.testing.assert_frame_equal(back, original, check_dtype=True)


def test_write_leaves_no_temporary_files(tables, tmp_path):
    tables.write(tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        f"{t}.{f}" for t in ("documents", "mentions", "entities") for f in ("csv", "parquet"))


def test_write_failure_keeps_previous_file(tables, tmp_path, monkeypatch):
    tables.write(tmp_path, formats=("csv",))
    before = (tmp_path / "mentions.csv").read_bytes()

    def boom(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(pd.DataFrame, "to_csv", boom)
    with pytest.raises(RuntimeError):
        tables.write(tmp_path, formats=("csv",))
    assert (tmp_path / "mentions.csv").read_bytes() == before
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_write_rejects_unknown_format(tables, tmp_path):
    with pytest.raises(OutputError, match="unknown output format 'xlsx'"):
        tables.write(tmp_path, formats=("xlsx",))


@pytest.mark.parametrize(
    ("cell", "written"),
    [("=SUM(A1)", "'=SUM(A1)"), ("+1+2", "'+1+2"), ("@cmd", "'@cmd"), ("-3.5", "-3.5"), ("Maduro", "Maduro")],
)
def test_csv_cells_that_would_run_as_formulas_are_neutralised(cell, written):
    assert neutralise_formula(cell) == written
