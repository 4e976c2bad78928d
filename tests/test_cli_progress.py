"""Progress of a run: a tqdm bar with total, percentage and time left on a terminal (a pty here),
plain periodic lines when stderr is a pipe, nothing with -q; the total counted as read_inputs reads."""

from __future__ import annotations

import io
import json
import logging
import os
import re
import subprocess
import sys
import threading

import pandas as pd
import pytest

from pipeline.cli import EXIT_OK, main
from pipeline.progress import Progress, count_documents, duration, interval_from_env
from tests.conftest import ROOT

ARTICLE = "Madrid, 5 de enero (EFE).- Pedro Sánchez viajó a Francia con la ministra Ana Gómez."


def three_articles(folder):
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(3):
        (folder / f"a{i}.txt").write_text(ARTICLE, encoding="utf-8")
    return folder


def test_count_documents_counts_files_and_table_rows_as_read_inputs_does(tmp_path):
    corpus = tmp_path / "in"
    (corpus / "sub").mkdir(parents=True)
    (corpus / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (corpus / "sub" / "b.html").write_text("<p>Hola</p>", encoding="utf-8")
    (corpus / ".hidden.txt").write_text(ARTICLE, encoding="utf-8")  # passed over by the walk
    (corpus / "c.docx").write_bytes(b"PK")  # one skipped row
    (corpus / "rows.jsonl").write_text('{"text": "uno"}\n\n{"text": "dos"}\n{"text": "tres"}\n', encoding="utf-8")
    (corpus / "rows.csv").write_text('id,text\n1,"una\nlínea partida"\n2,otra\n', encoding="utf-8")
    (corpus / "rows.json").write_text(json.dumps({"articles": [{"text": "x"}, {"text": "y"}]}), encoding="utf-8")
    pd.DataFrame({"text": ["a", "b", "c", "d"]}).to_parquet(corpus / "rows.parquet")
    (corpus / "empty.jsonl").write_bytes(b"")  # one error row
    expected = 1 + 1 + 1 + 3 + 2 + 2 + 4 + 1
    assert count_documents([corpus]) == expected
    assert count_documents([str(corpus), "Un texto con espacios."]) == expected + 1
    assert count_documents([corpus], files_only=True) == 8
    assert count_documents(["-"]) is None  # standard input: not known ahead
    assert count_documents([tmp_path / "missing"]) is None


def test_count_of_the_real_run_matches_its_documents(tmp_path, nlp, monkeypatch, capsys):
    monkeypatch.setattr("pipeline.run.default_nlp", lambda: nlp)
    corpus = three_articles(tmp_path / "in")
    (corpus / "rows.jsonl").write_text(
        json.dumps({"text": ARTICLE}) + "\n" + json.dumps({"text": ARTICLE}) + "\n", encoding="utf-8"
    )
    (corpus / "empty.txt").write_bytes(b"")
    assert main(["extract", str(corpus), "--out", str(tmp_path / "out"), "--n-process", "1"]) == 1
    assert count_documents([corpus]) == len(pd.read_parquet(tmp_path / "out" / "documents.parquet")) == 6


def test_progress_line_says_done_total_percentage_rate_and_time_left():
    progress = Progress(io.StringIO(), terminal=False, interval=1e9)
    progress.total = 800
    progress(1)
    progress._started -= 10.0  # ten seconds in
    progress(99)
    assert progress.line().startswith("progress: 100/800 documents (12 %), 10.0/s, about 1 min 10 s left")
    unknown = Progress(io.StringIO(), terminal=False, interval=1e9)
    unknown(5)
    assert unknown.line().startswith("progress: 5 documents")


@pytest.mark.parametrize(("seconds", "text"), [(4.2, "4 s"), (200, "3 min 20 s"), (7500, "2 h 05 min")])
def test_duration(seconds, text):
    assert duration(seconds) == text


def test_plain_lines_go_through_logging_every_interval(caplog):
    progress = Progress(io.StringIO(), terminal=False, interval=0)
    progress.total = 2
    with caplog.at_level(logging.INFO, logger="pipeline.progress"), progress:
        progress(1)
        progress(1)
    assert [r.getMessage().split(",")[0] for r in caplog.records] == [
        "progress: 1/2 documents (50 %)",
        "progress: 2/2 documents (100 %)",
    ]


def test_disabled_progress_shows_nothing(caplog):
    stream = io.StringIO()
    progress = Progress(stream, terminal=True, enabled=False, interval=0)
    progress.count(["corpus"])
    with caplog.at_level(logging.DEBUG), progress:
        progress(1)
    assert stream.getvalue() == "" and not caplog.records


@pytest.mark.parametrize(("value", "seconds"), [("0", 0.0), ("2.5", 2.5), ("-1", 10.0), ("soon", 10.0), (None, 10.0)])
def test_interval_from_env(monkeypatch, value, seconds):
    if value is None:
        monkeypatch.delenv("PIPELINE_PROGRESS_SECONDS", raising=False)
    else:
        monkeypatch.setenv("PIPELINE_PROGRESS_SECONDS", value)
    assert interval_from_env() == seconds


def run_cli(*args, env=None, stderr=subprocess.PIPE):
    return subprocess.run(
        [sys.executable, "-m", "pipeline", *args],
        stdout=subprocess.PIPE,
        stderr=stderr,
        text=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT), **(env or {})},
        timeout=600,
    )


@pytest.mark.slow
def test_pipe_gets_plain_progress_lines_not_a_bar(tmp_path):
    corpus = three_articles(tmp_path / "in")
    proc = run_cli(
        "extract", str(corpus), "--out", str(tmp_path / "out"), "--n-process", "1", env={"PIPELINE_PROGRESS_SECONDS": "0"}
    )
    assert proc.returncode == EXIT_OK, proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert [line.split(",")[0] for line in lines] == [f"progress: {i}/3 documents ({round(100 * i / 3)} %)" for i in (1, 2, 3)]
    assert "\r" not in proc.stderr and "%|" not in proc.stderr
    quiet = run_cli(
        "extract", str(corpus), "--out", str(tmp_path / "out"), "--n-process", "1", "-q", env={"PIPELINE_PROGRESS_SECONDS": "0"}
    )
    assert quiet.returncode == EXIT_OK and quiet.stderr == "" and quiet.stdout == ""


@pytest.mark.slow
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the pseudo-terminal test is written for Linux")
def test_terminal_gets_a_bar_with_total_percentage_and_time_left(tmp_path):
    import fcntl
    import pty
    import struct
    import termios

    corpus = three_articles(tmp_path / "in")
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 120, 0, 0))
    chunks: list[bytes] = []

    def read() -> None:
        while True:
            try:
                data = os.read(master, 4096)
            except OSError:  # the other end closed
                return
            if not data:
                return
            chunks.append(data)

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    try:
        proc = run_cli("extract", str(corpus), "--out", str(tmp_path / "out"), "--n-process", "1", stderr=slave)
    finally:
        os.close(slave)
    reader.join(timeout=10)
    os.close(master)
    shown = b"".join(chunks).decode("utf-8", "replace")
    assert proc.returncode == EXIT_OK
    assert proc.stdout.startswith("3 documents ok")
    assert re.search(r"extract: +\d+%\|", shown), shown  # the percentage and the bar
    assert re.search(r"\d/3 \[\d\d:\d\d<", shown), shown  # done/total, elapsed<time left
    assert "\r" in shown and "progress:" not in shown
