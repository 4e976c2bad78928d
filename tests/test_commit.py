"""The commit protocol under kill -9: readers see every table of one run, whatever the moment of the kill.

Each test starts from an output folder holding a previous run's tables (of
older texts), runs ``python -m pipeline extract`` on the changed texts in a
subprocess and kills it with SIGKILL, either at a named step of the commit
(``PIPELINE_FAULT=commit:<step>``) or after a random delay. Then every table
must be readable and all of them, through every user-facing path, must be the
previous run's or the new run's, never a mix; and the next run must succeed and
leave nothing behind.

``CHAOS_ROUNDS`` (default 3) sets the number of random kills; ``make chaos``
runs many. ``CHAOS_SEED`` replays a given sequence of delays.
"""

from __future__ import annotations

import os
import random
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

from pipeline.engines.local import run
from pipeline.report import load_run
from pipeline.schema import TABLES
from pipeline.write import CURRENT, FAULT_STEPS, GENERATIONS, LOCK, current_tables, read_table
from tests.conftest import ROOT

FORMATS = ("csv", "parquet")
# Each text gains mentions in the new run, so documents' n_mentions differ between the runs.
OLD = {
    "a.txt": "Nicolás Maduro habló el lunes con Vladímir Putin en Caracas.",
    "b.txt": "El Gobierno de España subió un 12 por ciento el gasto en Madrid.",
    "c.txt": "Pedro Sánchez viajó a Francia el 20 de enero de 2022.",
}
NEW = {name: text + " También habló Angela Merkel desde Berlín con Lula da Silva." for name, text in OLD.items()}
CHAOS_ROUNDS = int(os.environ.get("CHAOS_ROUNDS", "3"))


def read_all(out: Path) -> dict[tuple[str, str], pd.DataFrame]:
    """Every table in every format through its user-facing path (``OUT/<table>.<fmt>``)."""
    return {(table, fmt): read_table(out / f"{table}.{fmt}", table) for table in TABLES for fmt in FORMATS}


def extract(corpus: Path, out: Path, fault: str | None = None) -> subprocess.Popen:
    env = {**os.environ, "PIPELINE_FAULT": f"commit:{fault}" if fault else ""}
    return subprocess.Popen(
        [sys.executable, "-m", "pipeline", "extract", str(corpus), "--out", str(out), "--n-process", "1"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


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


def previous_output(runs, out: Path, layout: str) -> Path:
    """A copy of the previous run's output folder: as this version lays it out, or as earlier versions did."""
    if layout == "generations":
        shutil.copytree(runs["previous"], out, symlinks=True)
    else:  # regular files straight in the folder, and a temporary folder a killed run of an earlier version left
        out.mkdir()
        for table in TABLES:
            for fmt in FORMATS:
                shutil.copyfile(runs["previous"] / f"{table}.{fmt}", out / f"{table}.{fmt}")
        (out / ".writing-k2j4x").mkdir()
        (out / ".writing-k2j4x" / "documents.csv").write_text("doc_id\nhalf-written\n")
        two_hours_ago = time.time() - 7200  # left by a run killed long ago
        os.utime(out / ".writing-k2j4x" / "documents.csv", (two_hours_ago, two_hours_ago))
        os.utime(out / ".writing-k2j4x", (two_hours_ago, two_hours_ago))
    return out


def assert_one_run(runs, out: Path) -> str:
    """Every table readable, all of them (user-facing paths and the report) from the same run; returns which."""
    seen = read_all(out)
    which = "new" if seen[("documents", "csv")].equals(runs["new"][("documents", "csv")]) else "old"
    for key, frame in seen.items():
        pd.testing.assert_frame_equal(frame, runs[which][key], obj=f"{key} ({which} run expected)")
    report = load_run(out)
    for table in TABLES:
        pd.testing.assert_frame_equal(getattr(report, table), runs[which][(table, "parquet")])
    return which


def assert_next_run_succeeds_and_tidies(runs, out: Path, nlp) -> None:
    summary = run([runs["corpus"]], out, nlp=nlp, formats=FORMATS, incremental=True)
    assert summary.documents_ok + summary.documents_unchanged == len(NEW)
    assert assert_one_run(runs, out) == "new"
    visible = sorted(f"{table}.{fmt}" for table in TABLES for fmt in FORMATS)
    assert sorted(p.name for p in out.iterdir()) == sorted([GENERATIONS, *visible])
    entries = sorted(p.name for p in (out / GENERATIONS).iterdir())
    assert entries == sorted([CURRENT, LOCK, current_tables(out).name])


STEPS = [  # (layout of the previous tables, step of the commit where the run is killed, run a reader then sees)
    ("generations", "after-write", "old"),
    ("generations", "after-fsync", "old"),
    ("generations", "before-switch", "old"),
    ("generations", "after-switch", "new"),
    ("generations", "before-cleanup", "new"),
    ("earlier-version", "after-fsync", "old"),
    ("earlier-version", "mid-adopt", "old"),
    ("earlier-version", "after-switch", "new"),
]


def test_every_step_of_the_commit_is_tested():
    assert {step for _, step, _ in STEPS} == set(FAULT_STEPS)


@pytest.mark.slow
@pytest.mark.parametrize(("layout", "step", "seen"), STEPS)
def test_kill_at_each_step_of_the_commit(runs, tmp_path, nlp, layout, step, seen):
    out = previous_output(runs, tmp_path / "out", layout)
    proc = extract(runs["corpus"], out, fault=step)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == -9, f"the run was not killed at {step}: {err.decode()[-2000:]}"
    assert assert_one_run(runs, out) == seen
    assert_next_run_succeeds_and_tidies(runs, out, nlp)


@pytest.fixture(scope="module")
def run_seconds(runs, tmp_path_factory):
    """How long one whole run takes here (it must give the tables the in-process run gives)."""
    out = previous_output(runs, tmp_path_factory.mktemp("timed") / "out", "generations")
    start = time.monotonic()
    proc = extract(runs["corpus"], out)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 0, err.decode()[-2000:]
    assert assert_one_run(runs, out) == "new"
    return time.monotonic() - start


@pytest.mark.slow
def test_kill_at_random_moments(runs, run_seconds, tmp_path, nlp):
    """Half the kills anywhere in the run, half in its last fifth (where the tables are written and committed)."""
    seed = int(os.environ.get("CHAOS_SEED", time.time_ns() % 1_000_000))
    rng = random.Random(seed)
    seen = []
    for round_ in range(CHAOS_ROUNDS):
        layout = "generations" if round_ % 3 else "earlier-version"
        out = previous_output(runs, tmp_path / f"out-{round_}", layout)
        late = round_ % 2 == 1
        delay = run_seconds * (rng.uniform(0.8, 1.05) if late else rng.uniform(0.0, 1.1))
        proc = extract(runs["corpus"], out)
        time.sleep(delay)
        proc.kill()
        proc.communicate(timeout=60)
        where = f"round {round_} (CHAOS_SEED={seed}, {layout}, killed after {delay:.2f} s of {run_seconds:.2f} s)"
        try:
            seen.append(assert_one_run(runs, out))
            assert_next_run_succeeds_and_tidies(runs, out, nlp)
        except Exception as exc:
            raise AssertionError(f"{where}: {exc}") from exc
        shutil.rmtree(out)
    print(f"CHAOS_SEED={seed}: {CHAOS_ROUNDS} kills, tables seen: {seen.count('old')} old, {seen.count('new')} new")


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
    keys = {
        "documents": ["doc_id"],
        "mentions": ["doc_id", "mention_id"],
        "entities": ["doc_id", "first_start", "label"],
        "corpus_entities": ["entity_id"],
    }
    for name in TABLES:
        got = read_table(out / f"{name}.parquet", name).sort_values(keys[name]).reset_index(drop=True)
        want = runs["new"][(name, "parquet")].sort_values(keys[name]).reset_index(drop=True)
        pd.testing.assert_frame_equal(got, want)
