"""The Dask engine on a 2-worker local cluster: the local engine's tables, also when a worker dies mid-run."""

from __future__ import annotations

import os
import shutil
import signal
from concurrent.futures import ThreadPoolExecutor

import pandas as pd
import pytest

from pipeline.cli import main
from pipeline.engines.local import run as run_local
from pipeline.schema import TABLES
from pipeline.write import CURRENT, GENERATIONS, LOCK, read_table
from tests.test_run import write_sample

distributed = pytest.importorskip("distributed", reason="the dask engine needs the [dask] extra")
pytestmark = pytest.mark.slow  # a 2-worker local cluster
from pipeline.engines.dask import partitions  # noqa: E402
from pipeline.engines.dask import run as run_dask  # noqa: E402

RUN_TIMEOUT = 300  # seconds; a hung cluster fails the test instead of blocking the suite


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("meantime-dask")
    write_sample(folder, 10, stride=12)
    return folder


@pytest.fixture(scope="module")
def local_tables(corpus, nlp, tmp_path_factory):
    out = tmp_path_factory.mktemp("local-out")
    run_local([corpus], out, nlp=nlp, formats=("parquet",))
    return {t: read_table(out / f"{t}.parquet", t) for t in TABLES}


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as c:
        yield c


def _run_with_timeout(**kwargs):
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(run_dask, **kwargs).result(timeout=RUN_TIMEOUT)


def _read(out) -> dict[str, pd.DataFrame]:
    return {t: read_table(out / t, t) for t in TABLES}


@pytest.fixture(scope="module")
def dask_tables(corpus, cluster, tmp_path_factory):
    out = tmp_path_factory.mktemp("dask-out")
    summary = _run_with_timeout(
        inputs=[corpus],
        out_dir=out,
        formats=("parquet",),
        scheduler=cluster.scheduler_address,
        partition_size=3,
        rows_per_group=50,
    )
    return summary, out


def test_dask_partitions_list_files_in_reading_order(corpus):
    files = [str(p) for p in sorted(corpus.iterdir())]
    base = str(corpus.parent)  # each file comes with the folder its doc_id is keyed from
    assert [f for part in partitions([corpus], 3) for f in part] == [(f, base) for f in files]
    assert [len(part) for part in partitions([corpus], 3)] == [3, 3, 3, 1]


@pytest.mark.parametrize("table", list(TABLES))
def test_dask_two_workers_give_the_local_engine_tables(dask_tables, local_tables, table):
    summary, out = dask_tables
    assert summary.documents_ok == 10
    parts = len(list((out / table).glob("part-*.parquet")))
    assert parts >= 2 if len(local_tables[table]) > 50 else parts == 1  # partitions gathered into 50-row parts
    pd.testing.assert_frame_equal(_read(out)[table], local_tables[table])
    assert len(pd.read_parquet(out / table)) == len(local_tables[table])


def test_dask_workers_load_the_model_once_each(dask_tables, cluster):
    client = distributed.Client(cluster)
    try:
        loads = client.run(lambda: __import__("pipeline.engines.dask", fromlist=["worker_nlp"]).worker_nlp.cache_info().misses)
    finally:
        client.close()
    # 4 partitions ran on these 2 workers: each loaded the model at most once.
    assert set(loads.values()) <= {0, 1} and sum(loads.values()) >= 1


def test_dask_run_survives_a_killed_worker(corpus, cluster, local_tables, tmp_path):
    client = distributed.Client(cluster)
    pids = client.run(os.getpid)
    killed = []

    def kill_a_busy_worker(_: int) -> None:
        if killed:
            return
        # After the first partition is in, kill a worker that holds partitions not yet done.
        busy = [address for address, keys in client.processing().items() if keys and address in pids]
        if busy:
            os.kill(pids[busy[0]], signal.SIGKILL)
            killed.append(pids[busy[0]])

    try:
        summary = _run_with_timeout(
            inputs=[corpus],
            out_dir=tmp_path,
            formats=("parquet",),
            scheduler=cluster.scheduler_address,
            partition_size=1,
            on_document=kill_a_busy_worker,
        )
    finally:
        client.close()
    assert killed, "no worker was busy when the first partition came back"
    with pytest.raises(ProcessLookupError):
        os.kill(killed[0], 0)
    assert summary.documents_ok == 10
    got = _read(tmp_path)
    for table in TABLES:
        pd.testing.assert_frame_equal(got[table], local_tables[table])


def test_dask_incremental_run_keeps_every_unchanged_document(dask_tables, local_tables, cluster, tmp_path):
    _, previous = dask_tables
    out = tmp_path / "out"
    shutil.copytree(previous, out)
    corpus_files = sorted(read_table(out / "documents", "documents").source)
    summary = _run_with_timeout(
        inputs=corpus_files,
        out_dir=out,
        formats=("parquet",),
        scheduler=cluster.scheduler_address,
        partition_size=3,
        incremental=True,
    )
    assert (summary.documents_ok, summary.documents_unchanged) == (0, 10)
    got = _read(out)
    for table in TABLES:
        pd.testing.assert_frame_equal(got[table], local_tables[table])
    # copytree followed the links: the copied regular tables were adopted, the copied generations removed
    assert all((out / table).is_symlink() for table in TABLES)
    assert len([p for p in (out / GENERATIONS).iterdir() if p.name not in (CURRENT, LOCK)]) == 1


def test_cli_dask_engine_writes_csv_and_a_parquet_dataset(corpus, cluster, local_tables, tmp_path, capsys):
    code = main(["extract", str(corpus), "--out", str(tmp_path), "--engine", "dask", "--scheduler", cluster.scheduler_address])
    assert code == 0
    assert capsys.readouterr().out.startswith("10 documents ok, 0 failed, 0 skipped;")
    for table in TABLES:
        assert (tmp_path / f"{table}.csv").is_file() and not (tmp_path / f"{table}.parquet").exists()
        pd.testing.assert_frame_equal(read_table(tmp_path / table, table), local_tables[table])
