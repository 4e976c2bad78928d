"""The run: streaming, worker processes, per-document failures, streaming writer, incremental runs.

Real text: a sample of the MEANTIME Spanish articles (../shared/data), one
.txt file per article, as `make bench` builds them.
"""

from __future__ import annotations

import shutil

import pandas as pd
import pytest
from spacy.language import Language

import pipeline
from pipeline.bench import article_texts
from pipeline.cli import EXIT_USAGE, main
from pipeline.engines.local import run
from pipeline.run import RunSummary
from pipeline.schema import DOCUMENT_TABLES, TABLES, columns
from pipeline.write import TableWriter, read_table
from tests.conftest import shared_data

TABLE_NAMES = list(TABLES)


def write_sample(folder, count: int, stride: int = 15) -> list:
    """``count`` MEANTIME articles (every ``stride``-th) as .txt files; returns their paths."""
    articles = article_texts(shared_data("meantime-es", "articles.jsonl"))[::stride][:count]
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for stem, text in articles:
        path = folder / f"{stem}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    folder = tmp_path_factory.mktemp("meantime")
    write_sample(folder, 8)
    return folder


@pytest.fixture(scope="module")
def one_and_two_processes(sample, nlp):
    return {n: pipeline.extract([sample], nlp=nlp, n_process=n) for n in (1, 2)}


@pytest.mark.parametrize("table", TABLE_NAMES)
def test_run_two_processes_give_the_single_process_tables(one_and_two_processes, table):
    one, two = (getattr(one_and_two_processes[n], table) for n in (1, 2))
    assert len(one) > 0
    pd.testing.assert_frame_equal(one, two)


@pytest.mark.parametrize("n_process", [1, 2])
@pytest.mark.parametrize(
    ("text", "mention", "value"),
    [
        ("El presidente habló este jueves en Caracas con Putin.", "este jueves", "2022-01-20"),
        ("Ayer, el lunes 3 de enero, Maduro viajó a Moscú.", "Ayer", "2022-01-19"),
        ("El lunes Maduro viajó a Moscú.", "lunes", "2022-01-17"),
    ],
    ids=["este-jueves", "ayer", "lunes"],
)
def test_run_reference_date_reaches_the_worker_processes(nlp, n_process, text, mention, value):
    tables = pipeline.extract([text], reference_date="2022-01-20", nlp=nlp, n_process=n_process)
    rows = tables.mentions[tables.mentions.text == mention]
    assert list(rows.value) == [value]


@Language.component("test_fails_on_boom")
def _fails_on_boom(doc):
    if "BOOM" in doc.text:
        raise RuntimeError("cannot handle BOOM")
    return doc


@pytest.mark.parametrize("n_process", [1, 2])
def test_run_a_component_failing_on_one_document_gives_its_error_row(nlp, n_process):
    texts = ["Pedro Sánchez viajó a Francia el lunes.", "Un BOOM en Madrid.", "Maduro habló con Putin."]
    nlp.add_pipe("test_fails_on_boom", before="es_people")
    try:
        tables = pipeline.extract(texts, nlp=nlp, n_process=n_process)
    finally:
        nlp.remove_pipe("test_fails_on_boom")
    docs = tables.documents
    assert list(docs.status) == ["ok", "error", "ok"]
    assert docs.error.iloc[1].startswith("the NLP pipeline failed on this document")
    assert set(tables.mentions.doc_id) == {docs.doc_id.iloc[0], docs.doc_id.iloc[2]}
    assert "es_run_context" not in nlp.pipe_names and "es_run_records" not in nlp.pipe_names


def test_run_leaves_the_pipeline_as_it_was(nlp):
    before = list(nlp.pipe_names)
    handler = nlp.default_error_handler
    pipeline.extract(["Maduro habló con Putin."], nlp=nlp)
    assert nlp.pipe_names == before and nlp.default_error_handler is handler


@pytest.mark.parametrize("fmt", ["csv", "parquet", "jsonl"])
@pytest.mark.parametrize("table", TABLE_NAMES)
def test_table_writer_in_row_groups_writes_what_tables_write_writes(one_and_two_processes, tmp_path, table, fmt):
    tables = one_and_two_processes[1]
    tables.write(tmp_path / "whole", formats=(fmt,))
    with TableWriter(tmp_path / "groups", (fmt,), rows_per_group=7) as writer:
        for name in DOCUMENT_TABLES:  # corpus_entities and the entity ids: from the corpus pass at commit
            rows = _rows(getattr(tables, name))
            for i in range(0, len(rows), 3):
                writer.add(name, rows[i : i + 3])
    whole, groups = tmp_path / "whole" / f"{table}.{fmt}", tmp_path / "groups" / f"{table}.{fmt}"
    if fmt == "parquet":
        pd.testing.assert_frame_equal(read_table(groups, table), read_table(whole, table))
    else:
        assert groups.read_bytes() == whole.read_bytes()


@pytest.mark.parametrize("table", TABLE_NAMES)
def test_table_writer_dataset_is_read_by_pandas(one_and_two_processes, tmp_path, table):
    frame = getattr(one_and_two_processes[1], table)
    with TableWriter(tmp_path, ("parquet",), parquet_dataset=True, rows_per_group=5) as writer:
        for name in DOCUMENT_TABLES:
            for row in _rows(getattr(one_and_two_processes[1], name)):
                writer.add(name, [row])
    assert len(list((tmp_path / table).glob("part-*.parquet"))) == -(-len(frame) // 5)
    back = pd.read_parquet(tmp_path / table)
    assert list(back.columns) == columns(table) and len(back) == len(frame)
    pd.testing.assert_frame_equal(read_table(tmp_path / table, table), frame)


def _rows(frame: pd.DataFrame) -> list[dict]:
    return frame.astype(object).where(frame.notna(), None).to_dict("records")


def test_table_writer_failure_keeps_the_previous_tables(tmp_path):
    with TableWriter(tmp_path) as writer:
        writer.add("documents", [{"doc_id": "a", "status": "ok"}])
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir() if not p.name.startswith(".")}
    with pytest.raises(RuntimeError), TableWriter(tmp_path, rows_per_group=1) as writer:
        writer.add("documents", [{"doc_id": "b", "status": "ok"}])
        raise RuntimeError("interrupted")
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir() if not p.name.startswith(".")} == before


def test_table_writer_dataset_replaces_a_single_file_and_back(tmp_path):
    with TableWriter(tmp_path, ("parquet",)) as writer:
        writer.add("documents", [{"doc_id": "a"}])
    with TableWriter(tmp_path, ("parquet",), parquet_dataset=True) as writer:
        writer.add("documents", [{"doc_id": "b"}])
    assert not (tmp_path / "documents.parquet").exists()
    assert list(pd.read_parquet(tmp_path / "documents").doc_id) == ["b"]
    with TableWriter(tmp_path, ("parquet",)) as writer:
        writer.add("documents", [{"doc_id": "c"}])
    assert not (tmp_path / "documents").exists()
    assert list(pd.read_parquet(tmp_path / "documents.parquet").doc_id) == ["c"]


def _sorted(frame: pd.DataFrame, table: str) -> pd.DataFrame:
    keys = {
        "documents": ["doc_id"],
        "mentions": ["doc_id", "mention_id"],
        "entities": ["doc_id", "first_start", "label"],
        "corpus_entities": ["entity_id"],
    }
    return frame.sort_values(keys[table]).reset_index(drop=True)


def test_incremental_run_analyses_only_new_and_changed_documents(tmp_path, nlp):
    corpus = tmp_path / "corpus"
    paths = write_sample(corpus, 5, stride=20)
    out = tmp_path / "out"
    first = run([corpus], out, nlp=nlp)
    assert first.documents_ok == 5
    paths[1].write_text(paths[1].read_text(encoding="utf-8") + "\nEl lunes habló Pedro Sánchez en Madrid.\n", encoding="utf-8")
    paths[2].unlink()
    shutil.copy(paths[0], corpus / "zz_copy.txt")
    summary = run([corpus], out, nlp=nlp, incremental=True)
    assert (summary.documents_ok, summary.documents_unchanged) == (2, 3)
    assert "3 unchanged" in summary.line()
    fresh = run([corpus], tmp_path / "fresh", nlp=nlp)
    assert fresh.documents_ok == 5
    for table in TABLE_NAMES:
        got = _sorted(read_table(out / f"{table}.parquet", table), table)
        want = _sorted(read_table(tmp_path / "fresh" / f"{table}.parquet", table), table)
        pd.testing.assert_frame_equal(got, want)


def test_incremental_run_without_previous_tables_processes_everything(tmp_path, nlp):
    corpus = tmp_path / "corpus"
    write_sample(corpus, 2)
    summary = run([corpus], tmp_path / "out", nlp=nlp, incremental=True)
    assert (summary.documents_ok, summary.documents_unchanged) == (2, 0)
    assert summary.notes and "every document is processed" in summary.notes[0]


def test_summary_line_says_what_its_seconds_measure():
    summary = RunSummary(documents_ok=2, mentions=5, words=1000, seconds=2.0, load_seconds=1.5)
    assert summary.line() == (
        "2 documents ok, 0 failed, 0 skipped; 5 mentions; 2.0 s processing, 500 words/s, model loaded in 1.5 s"
    )


def test_cli_scheduler_without_dask_engine_is_a_usage_error(capsys, tmp_path):
    code = main(["extract", "corpus", "--out", str(tmp_path), "--scheduler", "tcp://127.0.0.1:8786"])
    assert code == EXIT_USAGE
    assert capsys.readouterr().err.strip() == "error: --scheduler needs --engine dask"
    assert not list(tmp_path.iterdir())


@pytest.mark.parametrize(("is_terminal", "bar_shown"), [(True, True), (False, False)], ids=["terminal", "pipe"])
def test_cli_progress_bar_only_on_a_terminal(nlp, monkeypatch, capsys, tmp_path, is_terminal, bar_shown):
    monkeypatch.setattr("pipeline.run.default_nlp", lambda: nlp)
    monkeypatch.setattr("sys.stderr.isatty", lambda: is_terminal)
    write_sample(tmp_path / "in", 2)
    code = main(["extract", str(tmp_path / "in"), "--out", str(tmp_path / "out"), "--n-process", "1"])
    captured = capsys.readouterr()
    assert code == 0 and captured.out.startswith("2 documents ok")
    assert ("docs" in captured.err) is bar_shown
    if not bar_shown:
        assert captured.err == ""


@pytest.mark.parametrize("texts", [["Maduro viajó a Rusia ."], None, b"Maduro viaja ."])
def test_extract_text_given_something_else_than_one_text_says_so(texts):
    with pytest.raises(TypeError, match="extract_text takes one text"):
        pipeline.extract_text(texts)
