"""The command line: exit codes, the summary line, and user errors without tracebacks."""

from __future__ import annotations

import subprocess
import sys

import pandas as pd
import pytest

from pipeline.cli import EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE, main
from tests.conftest import ROOT, SEED


def test_cli_extracts_seed_and_prints_summary(tmp_path, capsys, nlp, monkeypatch):
    monkeypatch.setattr("pipeline.run.default_nlp", lambda: nlp)
    code = main(["extract", str(SEED), "--out", str(tmp_path), "--format", "csv,parquet"])
    out = capsys.readouterr().out.strip().splitlines()
    assert code == EXIT_OK
    assert len(out) == 1 and out[0].startswith("1 documents ok, 0 failed, 0 skipped;")
    assert "words/s" in out[0]
    for table in ("documents", "mentions", "entities"):
        assert (tmp_path / f"{table}.csv").exists() and (tmp_path / f"{table}.parquet").exists()
    assert len(pd.read_parquet(tmp_path / "mentions.parquet")) > 10


def test_cli_some_failed_documents_exit_1_and_still_write(tmp_path, capsys, nlp, monkeypatch):
    monkeypatch.setattr("pipeline.run.default_nlp", lambda: nlp)
    corpus = tmp_path / "in"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Madrid, 5 de enero (EFE).- Pedro Sánchez viajó a Francia.", encoding="utf-8")
    (corpus / "b.txt").write_text("   \n", encoding="utf-8")
    code = main(["extract", str(corpus), "--out", str(tmp_path / "out")])
    assert code == EXIT_SOME_FAILED
    docs = pd.read_csv(tmp_path / "out" / "documents.csv")
    assert list(docs.status) == ["ok", "error"]
    assert docs.error.iloc[1] == "empty document (no text)"
    assert "1 failed" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["extract", "no/such/folder"], "error: no such file or folder: no/such/folder"),
        (["extract", "corpus", "--reference-date", "20-01-2022"], "error: reference date '20-01-2022' is not a date"),
    ],
)
def test_cli_user_errors_give_one_clear_line(args, message, capsys, tmp_path):
    code = main(args + ["--out", str(tmp_path)])
    err = capsys.readouterr().err.strip().splitlines()
    assert code == EXIT_USAGE
    assert len(err) == 1 and err[0].startswith(message)


def test_cli_bad_format_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["extract", "corpus", "--format", "xlsx"])
    assert exc.value.code == EXIT_USAGE
    assert "unknown format 'xlsx'" in capsys.readouterr().err


def test_cli_unreadable_path_in_a_subprocess_has_no_traceback(tmp_path):
    proc = subprocess.run(
        [sys.executable, "-m", "pipeline", "extract", str(tmp_path / "missing"), "--out", str(tmp_path / "out")],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert proc.returncode == EXIT_USAGE
    assert "Traceback" not in proc.stderr
    assert proc.stderr.strip() == f"error: no such file or folder: {tmp_path / 'missing'}"
    assert not (tmp_path / "out").exists()


def test_cli_delimiter_option_reads_a_semicolon_csv(tmp_path, capsys, nlp, monkeypatch):
    monkeypatch.setattr("pipeline.run.default_nlp", lambda: nlp)
    data = tmp_path / "export.csv"
    # the header alone would suggest a comma: "id,ref" is one column name here
    data.write_bytes('id,ref;texto\r\n1;"Pedro Sánchez viajó a Francia; luego, a Italia."\r\n'.encode("cp1252"))
    code = main(["extract", str(data), "--out", str(tmp_path / "out"), "--delimiter", ";", "--n-process", "1"])
    assert code == EXIT_OK, capsys.readouterr().err
    docs = pd.read_csv(tmp_path / "out" / "documents.csv")
    mentions = pd.read_csv(tmp_path / "out" / "mentions.csv")
    assert list(docs.status) == ["ok"]
    assert {"Pedro Sánchez", "Francia", "Italia"} <= set(mentions.text)


def test_cli_bad_delimiter_is_a_usage_error(tmp_path, capsys):
    code = main(["extract", str(SEED), "--out", str(tmp_path / "out"), "--delimiter", '""'])
    err = capsys.readouterr().err.strip().splitlines()
    assert code == EXIT_USAGE
    assert len(err) == 1 and err[0].startswith("error: ") and "delimiter" in err[0]
