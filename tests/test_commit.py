"""Output tables that agree with each other: incremental runs check the rows they keep."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from pipeline.engines.local import run
from pipeline.schema import TABLES
from pipeline.write import current_tables, read_table

FORMATS = ("csv", "parquet")
# Each text gains mentions in the new run, so documents' n_mentions differ between the runs.
OLD = {
    "a.txt": "Nicolás Maduro habló el lunes con Vladímir Putin en Caracas.",
    "b.txt": "El Gobierno de España subió un 12 por ciento el gasto en Madrid.",
    "c.txt": "Pedro Sánchez viajó a Francia el 20 de enero de 2022.",
}
NEW = {name: text + " También habló Angela Merkel desde Berlín con Lula da Silva." for name, text in OLD.items()}


def read_all(out: Path) -> dict[tuple[str, str], pd.DataFrame]:
    """Every table in every format through its user-facing path (``OUT/<table>.<fmt>``)."""
    return {(table, fmt): read_table(out / f"{table}.{fmt}", table) for table in TABLES for fmt in FORMATS}


@pytest.fixture(scope="module")
def runs(tmp_path_factory, nlp):
    """The corpus (holding the new texts), the previous run's output folder, and both runs' tables."""
    root = tmp_path_factory.mktemp("commit")
    corpus = root / "corpus"
    corpus.mkdir()
    for name, text in OLD.items():
        (corpus / name).write_text(text, encoding="utf-8")
    run([corpus], root / "old", nlp=nlp, formats=FORMATS)
    for name, text in NEW.items():
        (corpus / name).write_text(text, encoding="utf-8")
    run([corpus], root / "new", nlp=nlp, formats=FORMATS)
    old, new = read_all(root / "old"), read_all(root / "new")
    assert not old[("documents", "csv")].n_mentions.equals(new[("documents", "csv")].n_mentions)
    return {"corpus": corpus, "previous": root / "old", "old": old, "new": new}


@pytest.mark.parametrize("table", ["mentions", "entities"])
def test_incremental_run_processes_again_a_document_whose_rows_do_not_add_up(runs, tmp_path, nlp, table):
    out = tmp_path / "out"
    run([runs["corpus"]], out, nlp=nlp, formats=FORMATS)
    victim = sorted(runs["new"][("documents", "parquet")].doc_id)[1]
    path = current_tables(out) / f"{table}.parquet"  # rows lost as an earlier version's crash lost them
    frame = read_table(path, table)
    frame[frame.doc_id != victim].to_parquet(path, index=False)
    summary = run([runs["corpus"]], out, nlp=nlp, formats=FORMATS, incremental=True)
    assert (summary.documents_ok, summary.documents_unchanged) == (1, len(NEW) - 1)
    assert any("do not add up to their n_mentions" in note for note in summary.notes)
    keys = {"documents": ["doc_id"], "mentions": ["doc_id", "mention_id"], "entities": ["doc_id", "first_start", "label"]}
    for name in TABLES:
        got = read_table(out / f"{name}.parquet", name).sort_values(keys[name]).reset_index(drop=True)
        want = runs["new"][(name, "parquet")].sort_values(keys[name]).reset_index(drop=True)
        pd.testing.assert_frame_equal(got, want)
