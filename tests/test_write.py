"""Writers: every table round-trips through every format; a write is committed as one generation."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pandas as pd
import pytest

from pipeline.schema import TABLES, columns
from pipeline.write import (
    CURRENT,
    GENERATIONS,
    LOCK,
    Generation,
    OutputError,
    Tables,
    current_tables,
    neutralise_formula,
    read_table,
    to_frame,
    write_table,
)


@pytest.fixture()
def tables():
    documents = to_frame(
        "documents",
        [
            {
                "doc_id": "a1",
                "source": "x.txt",
                "title": 'Título, con "comillas"\ny salto',
                "published": "2022-01-20",
                "published_from": "inferred",
                "n_chars": 10,
                "n_words": 2,
                "n_mentions": 1,
                "status": "ok",
                "pipeline_version": "0.1.0",
            },
            {"doc_id": "b2", "source": "y.txt", "status": "error", "error": "empty document (no text)"},
        ],
    )
    mentions = to_frame(
        "mentions",
        [
            {
                "doc_id": "a1",
                "mention_id": 0,
                "section": "body",
                "sentence": 0,
                "start": 0,
                "end": 13,
                "raw_start": 2,
                "raw_end": 15,
                "text": "12 por ciento",
                "label": "PERCENT",
                "value": "12",
                "value_num": 12.0,
                "unit": "%",
                "source": "rule",
                "context": "Subió un 12 por ciento.",
            }
        ],
    )
    entities = to_frame(
        "entities",
        [
            {
                "doc_id": "a1",
                "label": "PERCENT",
                "canonical": "12",
                "n_mentions": 1,
                "first_start": 0,
                "surface_forms": "12 por ciento",
            }
        ],
    )
    return Tables(documents, mentions, entities)


@pytest.mark.parametrize("fmt", ["csv", "parquet", "jsonl"])
@pytest.mark.parametrize("table", list(TABLES))
def test_write_round_trips_each_table_and_format(tables, tmp_path, table, fmt):
    tables.write(tmp_path, formats=(fmt,))
    back = read_table(tmp_path / f"{table}.{fmt}", table)
    original = getattr(tables, table)
    assert list(back.columns) == columns(table)
    pd.testing.assert_frame_equal(back, original, check_dtype=True)


def generations(out: Path) -> list[str]:
    """The generation folders in ``out`` (besides ``lock`` and ``current``)."""
    return sorted(p.name for p in (out / GENERATIONS).iterdir() if p.name not in (LOCK, CURRENT))


def test_write_leaves_links_into_one_generation_and_no_temporary_files(tables, tmp_path):
    tables.write(tmp_path)
    names = sorted(f"{t}.{f}" for t in TABLES for f in ("csv", "parquet"))
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([GENERATIONS, *names])
    for name in names:
        assert os.readlink(tmp_path / name) == f"{GENERATIONS}/{CURRENT}/{name}"
    assert len(generations(tmp_path)) == 1
    assert current_tables(tmp_path) == tmp_path / GENERATIONS / generations(tmp_path)[0]


def test_write_again_switches_to_the_new_tables_and_removes_the_old_generation(tables, tmp_path):
    tables.write(tmp_path)
    first = generations(tmp_path)
    Tables(tables.documents.iloc[:1], tables.mentions.iloc[:0], tables.entities.iloc[:0]).write(tmp_path)
    assert len(generations(tmp_path)) == 1 and generations(tmp_path) != first
    assert list(read_table(tmp_path / "documents.csv", "documents").doc_id) == ["a1"]
    assert read_table(tmp_path / "mentions.parquet", "mentions").empty


def test_write_in_other_formats_removes_the_links_to_the_previous_formats(tables, tmp_path):
    tables.write(tmp_path, formats=("csv", "parquet"))
    tables.write(tmp_path, formats=("jsonl",))
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith(".")) == [
        "corpus_entities.jsonl",
        "documents.jsonl",
        "entities.jsonl",
        "mentions.jsonl",
    ]


def test_write_adopts_tables_an_earlier_version_wrote_in_the_folder(tables, tmp_path):
    """Regular files become links only once a generation holds them; earlier versions' idle temporaries go."""
    for name, frame in tables:
        write_table(frame, name, tmp_path / f"{name}.csv", "csv")
        write_table(frame, name, tmp_path / f"{name}.parquet", "parquet")
    (tmp_path / ".writing-k2j4x").mkdir()
    (tmp_path / ".writing-k2j4x" / "documents.csv").write_text("half")
    (tmp_path / ".mentions.csv.a8b2.tmp").write_text("half")
    (tmp_path / ".mentions.old-4242").mkdir()
    two_hours_ago = time.time() - 7200
    for path in [*tmp_path.glob(".*"), tmp_path / ".writing-k2j4x" / "documents.csv"]:
        os.utime(path, (two_hours_ago, two_hours_ago))
    (tmp_path / ".writing-busy").mkdir()  # an earlier version's run writing now: kept
    (tmp_path / "notes.txt").write_text("mine")
    Tables(tables.documents.iloc[:1], tables.mentions, tables.entities).write(tmp_path, formats=("parquet",))
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        GENERATIONS,
        ".writing-busy",
        "corpus_entities.parquet",
        "documents.parquet",
        "entities.parquet",
        "mentions.parquet",
        "notes.txt",
    ]
    assert all((tmp_path / f"{t}.parquet").is_symlink() for t in TABLES)
    assert list(read_table(tmp_path / "documents.parquet", "documents").doc_id) == ["a1"]
    assert len(generations(tmp_path)) == 1


def test_a_second_writer_into_the_same_folder_stops_at_once(tables, tmp_path):
    running = Generation(tmp_path)
    try:
        with pytest.raises(OutputError, match=rf"another run \(pid {os.getpid()}\) is writing to"):
            tables.write(tmp_path)
    finally:
        running.abort()
    tables.write(tmp_path)
    assert list(read_table(tmp_path / "documents.csv", "documents").doc_id) == ["a1", "b2"]


def test_failed_first_write_leaves_no_output_folder(tables, tmp_path, monkeypatch):
    def disk_full(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(pd.DataFrame, "to_csv", disk_full)
    with pytest.raises(OSError):
        tables.write(tmp_path / "out")
    assert not (tmp_path / "out").exists()


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
    assert len(generations(tmp_path)) == 1


def test_write_rejects_unknown_format(tables, tmp_path):
    with pytest.raises(OutputError, match="unknown output format 'xlsx'"):
        tables.write(tmp_path, formats=("xlsx",))


@pytest.mark.parametrize(
    ("cell", "written"),
    [("=SUM(A1)", "'=SUM(A1)"), ("+1+2", "'+1+2"), ("@cmd", "'@cmd"), ("-3.5", "-3.5"), ("Maduro", "Maduro")],
)
def test_csv_cells_that_would_run_as_formulas_are_neutralised(cell, written):
    assert neutralise_formula(cell) == written
