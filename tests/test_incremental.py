"""`--incremental` is never stale: a document is kept only while its fingerprint (its input and all
that shapes its rows) is the same, its rows keep their place, and its doc_id does not depend on
how the corpus path was written."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from types import SimpleNamespace

import pandas as pd
import pytest

import pipeline
from pipeline import fingerprint
from pipeline.engines import previous
from pipeline.engines.local import run
from pipeline.ingest.read import doc_id_for, read_inputs
from pipeline.write import TableWriter, read_table
from tests.conftest import SEED

TABLE_NAMES = ("documents", "mentions", "entities")
ARTICLES = {
    "a_caracas.txt": "CARACAS, 20 ene 2022.- Nicolás Maduro recibió al canciller de Rusia, que llegó con 12 asesores.\n",
    "b_madrid.txt": "MADRID, 3 mar 2021.- El Gobierno de España aprobó un plan de 1.500 millones de euros para la vivienda.\n",
    "c_lima.txt": "LIMA, 5 abr 2023.- Dina Boluarte viajó a Brasil para reunirse con Lula da Silva el martes.\n",
    "d_bogota.txt": "BOGOTÁ, 7 may 2020.- Iván Duque anunció que la inflación subió un 3,5 por ciento en Colombia.\n",
}


def make_corpus(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, text in ARTICLES.items():
        path = folder / name
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def tables(out: Path, fmt: str = "parquet") -> dict[str, pd.DataFrame]:
    return {table: read_table(out / f"{table}.{fmt}", table) for table in TABLE_NAMES}


def assert_same_tables(got: dict, want: dict) -> None:
    """Row for row, in the same order (kept rows are at their place, not after the new ones)."""
    for table in TABLE_NAMES:
        pd.testing.assert_frame_equal(got[table], want[table], obj=table)


@pytest.fixture()
def corpus(tmp_path):
    folder = tmp_path / "corpus"
    make_corpus(folder)
    return folder


def test_rerun_keeps_every_document(corpus, tmp_path, nlp):
    out = tmp_path / "out"
    assert run([corpus], out, nlp=nlp).documents_ok == 4
    summary = run([corpus], out, nlp=nlp, incremental=True)
    assert (summary.documents_ok, summary.documents_unchanged) == (0, 4)
    assert tables(out)["documents"].fingerprint.notna().all()


def test_content_change_reprocesses_that_document_only_and_rows_keep_their_place(corpus, tmp_path, nlp):
    out = tmp_path / "out"
    run([corpus], out, nlp=nlp)
    before = tables(out)["documents"].set_index("doc_id").fingerprint
    edited = corpus / "b_madrid.txt"
    edited.write_text(edited.read_text(encoding="utf-8") + "Pedro Sánchez habló el lunes en Sevilla.\n", encoding="utf-8")
    summary = run([corpus], out, nlp=nlp, incremental=True)
    assert (summary.documents_ok, summary.documents_unchanged) == (1, 3)
    after = tables(out)["documents"].set_index("doc_id").fingerprint
    changed = [doc_id for doc_id in after.index if after[doc_id] != before[doc_id]]
    assert changed == [doc_id_for("corpus/b_madrid.txt")]
    run([corpus], tmp_path / "full", nlp=nlp)
    assert_same_tables(tables(out), tables(tmp_path / "full"))  # the new row between two kept ones


def test_data_table_change_reprocesses_every_document(corpus, tmp_path, nlp, monkeypatch):
    lang = tmp_path / "lang"
    shutil.copytree(fingerprint.LANG_DIR, lang, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(fingerprint, "LANG_DIR", lang)
    out = tmp_path / "out"
    run([corpus], out, nlp=nlp)
    table = lang / "es" / "org_heads.tsv"
    table.write_text(table.read_text(encoding="utf-8") + "# an edit\n", encoding="utf-8")
    summary = run([corpus], out, nlp=nlp, incremental=True)
    assert (summary.documents_ok, summary.documents_unchanged) == (4, 0)
    assert run([corpus], out, nlp=nlp, incremental=True).documents_unchanged == 4


def test_option_change_reprocesses_every_document(corpus, tmp_path, nlp):
    out = tmp_path / "out"
    run([corpus], out, nlp=nlp)
    summary = run([corpus], out, nlp=nlp, incremental=True, reference_date=pipeline.run.check_reference_date("2024-01-01"))
    assert (summary.documents_ok, summary.documents_unchanged) == (4, 0)
    again = run([corpus], out, nlp=nlp, incremental=True, reference_date=pipeline.run.check_reference_date("2024-01-01"))
    assert again.documents_unchanged == 4
    assert run([corpus], out, nlp=nlp, incremental=True, languages=None).documents_unchanged == 0
    assert run([corpus], out, nlp=nlp, incremental=True, languages=None).documents_unchanged == 4
    assert run([corpus], out, nlp=nlp, incremental=True, languages=None, locale="es-MX").documents_unchanged == 0


def test_run_options_name_the_locale_and_the_model_chosen(nlp):
    from pipeline.run import run_options

    assert run_options(locale="es-MX")["locale"] == "es-MX" and run_options()["locale"] is None
    assert run_options(nlp=nlp)["ner"] == getattr(nlp, "_ner_choice", None)
    base, news = SimpleNamespace(_ner_choice="base"), SimpleNamespace(_ner_choice="news")  # what `load(ner=…)` records
    assert fingerprint.run_fingerprint(nlp, run_options(nlp=base)) != fingerprint.run_fingerprint(nlp, run_options(nlp=news))


def test_model_fingerprint_follows_the_weights_not_the_vocabulary(nlp):
    digest = fingerprint.model_digest(nlp)
    nlp("Un texto con palabras nuevas: zarzaparrilla, Oyarzabal, Xochimilco.")  # the vocabulary grows
    del nlp._pipeline_fingerprint
    assert fingerprint.model_digest(nlp) == digest
    other = pipeline.load(ner=None)  # the small model's own NER: other weights, same component names
    assert fingerprint.model_digest(other) != digest


def test_year_less_dateline_is_kept_only_while_the_corpus_dates_it_the_same(tmp_path, nlp):
    corpus = tmp_path / "wire"
    corpus.mkdir()
    (corpus / "a.txt").write_text("MADRID, 3 mar.- El Gobierno de España anunció hoy nuevas medidas.\n", encoding="utf-8")
    (corpus / "20190304_b.txt").write_text("El ministro Pedro Sánchez viajó a París el martes.\n", encoding="utf-8")
    out = tmp_path / "out"
    run([corpus], out, nlp=nlp)
    assert run([corpus], out, nlp=nlp, incremental=True).documents_unchanged == 2
    os.rename(corpus / "20190304_b.txt", corpus / "20210304_b.txt")  # the run's evidence moves to 2021
    summary = run([corpus], out, nlp=nlp, incremental=True)
    assert (summary.documents_ok, summary.documents_unchanged) == (2, 0)
    documents = tables(out)["documents"].set_index("source")
    assert documents.published[str(corpus / "a.txt")] == "2021-03-03"
    run([corpus], tmp_path / "full", nlp=nlp)
    assert_same_tables(tables(out), tables(tmp_path / "full"))


def test_incremental_with_csv_only(corpus, tmp_path, nlp):
    out = tmp_path / "out"
    run([corpus], out, nlp=nlp, formats=("csv",))
    (corpus / "d_bogota.txt").unlink()
    (corpus / "e_quito.txt").write_text("QUITO, 2 jun 2022.- Guillermo Lasso visitó Perú.\n", encoding="utf-8")
    summary = run([corpus], out, nlp=nlp, formats=("csv",), incremental=True)
    assert (summary.documents_ok, summary.documents_unchanged) == (1, 3)
    assert not summary.notes
    run([corpus], tmp_path / "full", nlp=nlp, formats=("csv",))
    assert_same_tables(tables(out, "csv"), tables(tmp_path / "full", "csv"))


def test_csv_read_back_undoes_the_formula_guard(tmp_path):
    with TableWriter(tmp_path, ("csv",)) as writer:
        writer.add("documents", [{"doc_id": "a", "title": "=SUM(A1:A3)", "error": "-5", "url": "'quoted"}])
        writer.add("mentions", [])
        writer.add("entities", [])
    assert "'=SUM" in (tmp_path / "documents.csv").read_text(encoding="utf-8")
    (row,) = [r for block in previous.read_previous(tmp_path, "documents") for r in block.to_pylist()]
    assert (row["title"], row["error"], row["url"]) == ("=SUM(A1:A3)", "-5", "'quoted")


def test_moved_corpus_keeps_its_documents_and_shows_the_new_paths(corpus, tmp_path, nlp):
    out = tmp_path / "out"
    run([corpus], out, nlp=nlp)
    moved = tmp_path / "elsewhere" / "corpus"
    shutil.copytree(corpus, moved)
    summary = run([moved], out, nlp=nlp, incremental=True)
    assert summary.documents_unchanged == 4
    assert all(source.startswith(str(moved)) for source in tables(out)["documents"].source)


def test_inputs_in_another_order_come_out_in_that_order(corpus, tmp_path, nlp):
    out = tmp_path / "out"
    run([corpus], out, nlp=nlp)
    files = sorted(corpus.iterdir(), reverse=True)
    summary = run(files, out, nlp=nlp, incremental=True)
    assert summary.documents_unchanged == 4
    run(files, tmp_path / "full", nlp=nlp)
    assert_same_tables(tables(out), tables(tmp_path / "full"))


def test_doc_id_does_not_depend_on_how_the_path_is_written(corpus, tmp_path, monkeypatch):
    def ids(*inputs):
        return [raw.doc_id for raw in read_inputs(inputs)]

    monkeypatch.chdir(tmp_path)
    (tmp_path / "x").mkdir()
    relative = ids("corpus")
    assert ids("./corpus/") == ids(str(corpus)) == ids(Path("x/../corpus")) == relative
    assert relative == [doc_id_for(f"corpus/{name}") for name in sorted(ARTICLES)]
    assert ids("corpus/a_caracas.txt") == relative[:1]  # a file alone: as through its folder
    monkeypatch.chdir(corpus)
    assert ids(".") == relative and ids("a_caracas.txt") == relative[:1]


def test_make_extract_doc_ids_are_those_of_earlier_versions():
    """``make extract`` reads ``corpus`` from the checkout: its sources, and so its ids, are as before."""
    (raw,) = read_inputs([SEED])
    assert raw.doc_id == doc_id_for(f"corpus/{SEED.name}")


def test_two_folders_of_the_same_name_get_distinct_ids(tmp_path):
    make_corpus(tmp_path / "x" / "corpus")
    make_corpus(tmp_path / "y" / "corpus")
    ids = [raw.doc_id for raw in read_inputs([tmp_path / "x" / "corpus", tmp_path / "y" / "corpus"])]
    assert len(set(ids)) == len(ids) == 8


def test_table_rows_are_keyed_by_file_and_row_id(tmp_path):
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "news.jsonl").write_text('{"id": "n1", "text": "Texto de prueba en español."}\n', encoding="utf-8")
    (raw,) = read_inputs([folder / "news.jsonl"])
    assert raw.doc_id == doc_id_for("data/news.jsonl#n1")
    assert raw.source == f"{folder / 'news.jsonl'}#n1"


def test_a_dispatch_with_an_agency_in_its_dateline_is_kept(tmp_path, nlp):
    """The agency ("(RHC)") is a mention but no entity: the rows still add up, the document is kept."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(SEED, corpus / SEED.name)
    out = tmp_path / "out"
    run([corpus], out, nlp=nlp)
    mentions = tables(out)["mentions"]
    assert ((mentions.section == "dateline") & (mentions.label == "ORG")).any()
    summary = run([corpus], out, nlp=nlp, incremental=True)
    assert (summary.documents_unchanged, summary.notes) == (1, [])
