"""The Dask engine: partitions of the input paths analysed on a Dask cluster.

The client lists the input files and cuts the list into partitions; each
partition is one task that a worker runs with `run.process` (read, clean,
``nlp.pipe``, rows) and returns as Arrow tables. The model is loaded once per
worker process and kept there. The client writes the partitions in input
order as they come back (a partitioned Parquet dataset, ``<table>/part-*.parquet``,
plus CSV/JSONL if asked), keeping only a bounded window of partitions in
flight, so memory stays flat. A task whose worker dies is run again by Dask
on another worker; as each partition is written once, by its index, nothing is
lost or doubled. The corpus pass (`pipeline.corpus`: ``entity_id`` and
``corpus_entities``) runs in the client, in `write.TableWriter`, once every
partition is in.

Without a scheduler address a `distributed.LocalCluster` (one single-threaded
worker process per core) is started for the run and closed after it.
Workers must see the input paths (a shared filesystem) and have this package
and the model installed.
"""

from __future__ import annotations

import datetime as dt
import os
import threading
import uuid
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from functools import cache
from pathlib import Path

import pyarrow as pa

from pipeline.documents import RawDocument
from pipeline.fingerprint import run_fingerprint
from pipeline.ingest.language import DEFAULT_LANGUAGES
from pipeline.ingest.read import iter_paths, key_bases, keyed, read_inputs, read_under
from pipeline.nlp.build import BASE_MODEL, DEFAULT_NER
from pipeline.run import RunSummary, check_strict, process, run_options
from pipeline.schema import DOCUMENT_TABLES, TABLES
from pipeline.write import TableWriter

PARTITION_SIZE = 64  # documents (files) per task
# One entry of a partition: a text, a file with the folder its doc_id is keyed from, or a row the walk made.
Item = str | tuple[str, str] | RawDocument
_LOCK = threading.Lock()


class DaskUnavailableError(RuntimeError):
    """The ``dask`` extra is not installed or the scheduler cannot be reached."""


@cache
def worker_nlp(model: str, ner: str | None = DEFAULT_NER):
    """The pipeline of this worker process, loaded on its first task and kept."""
    from pipeline.nlp.build import load

    return load(model, ner=ner)


def partitions(inputs: Iterable[str | os.PathLike], size: int = PARTITION_SIZE) -> Iterator[list[Item]]:
    """Input files (folders walked, in the order `read_inputs` reads them) and texts, ``size`` at a time.

    A file comes as ``(path, base)``, ``base`` being the folder its doc_id is
    keyed from (`pipeline.ingest.read.key_bases`), so the ids are the local
    engine's. An entry of a folder that cannot be read (a link loop, a FIFO)
    comes as the RawDocument row the walk made for it.
    """
    inputs = list(inputs)
    bases = key_bases(inputs)
    batch: list[Item] = []
    for i, item in enumerate(inputs):
        path = Path(item)
        if isinstance(item, os.PathLike) or _is_existing(item):
            base = bases[i]
            files: Iterable = (
                keyed(p, Path(p.source), base) if isinstance(p, RawDocument) else (str(p), base) for p in iter_paths(path)
            )
        else:
            files = [str(item)]  # a text, read as one document by read_inputs
        for file in files:
            batch.append(file)
            if len(batch) >= size:
                yield batch
                batch = []
    if batch:
        yield batch


def read_items(items: Sequence[Item], fields: Mapping[str, str] | None, delimiter: str | None) -> Iterator[RawDocument]:
    """The RawDocuments of a partition's items, in order: rows made by the walk pass through, the rest is read."""
    strings: list[str] = []
    for item in items:
        if isinstance(item, (RawDocument, tuple)):
            yield from read_inputs(strings, fields=fields, delimiter=delimiter)
            strings = []
            if isinstance(item, RawDocument):
                yield item
            else:
                yield from read_under(Path(item[0]), item[1], fields=fields, delimiter=delimiter)
        else:
            strings.append(item)
    yield from read_inputs(strings, fields=fields, delimiter=delimiter)


def process_partition(
    items: Sequence[Item],
    model: str,
    reference_date: dt.date | None,
    known: dict | None,
    fields: dict[str, str] | None = None,
    languages: tuple[str, ...] | None = DEFAULT_LANGUAGES,
    delimiter: str | None = None,
    year: int | None = None,
    fingerprint: str | None = None,
    locale: str | None = None,
    ner: str | None = DEFAULT_NER,
) -> dict:
    """One task: the rows of a partition as Arrow tables, with its counts and the ids kept unchanged."""
    nlp = worker_nlp(model, ner)
    summary = RunSummary()
    kept: set[str] = set()
    rows: dict[str, list[dict]] = {name: [] for name in DOCUMENT_TABLES}
    raws = read_items(items, fields, delimiter)
    with _LOCK:  # one document stream at a time per worker process
        for doc_row, mentions, entities in process(
            raws,
            nlp,
            reference_date=reference_date,
            year=year,
            summary=summary,
            known=known,
            kept=kept,
            languages=languages,
            fingerprint=fingerprint,
            locale=locale,
        ):
            rows["documents"].append(doc_row)
            rows["mentions"].extend(mentions)
            rows["entities"].extend(entities)
    tables = {name: pa.Table.from_pylist(r, schema=TABLES[name]) for name, r in rows.items()}
    counts = {
        "documents_ok": summary.documents_ok,
        "documents_failed": summary.documents_failed,
        "documents_skipped": summary.documents_skipped,
        "documents_unchanged": summary.documents_unchanged,
        "mentions": summary.mentions,
        "words": summary.words,
    }
    return {"tables": tables, "counts": counts, "kept": sorted(kept), "n_items": len(items)}


def run(
    inputs: Iterable[str | os.PathLike],
    out_dir: str | os.PathLike,
    *,
    formats: Iterable[str] = ("csv", "parquet"),
    scheduler: str | None = None,
    n_workers: int | None = None,
    model: str = BASE_MODEL,
    ner: str | os.PathLike | None = DEFAULT_NER,
    reference_date: dt.date | None = None,
    year: int | None = None,
    incremental: bool = False,
    partition_size: int = PARTITION_SIZE,
    rows_per_group: int = 10_000,
    on_document: Callable[[int], None] | None = None,
    summary: RunSummary | None = None,
    fields: Mapping[str, str] | None = None,
    delimiter: str | None = None,
    languages: Collection[str] | None = DEFAULT_LANGUAGES,
    strict: bool = False,
    locale: str | None = None,
) -> RunSummary:
    """Runs the pipeline on a Dask cluster and writes the tables to ``out_dir`` (Parquet as a dataset).

    Args:
        inputs: Files, folders (walked recursively) or texts.
        out_dir: Output folder; the previous tables there are replaced at the end.
        formats: Any of ``csv``, ``parquet``, ``jsonl``.
        scheduler: Address of a running Dask scheduler (``tcp://host:8786``);
            None starts a local cluster for this run.
        n_workers: Worker processes of the local cluster (default: all cores).
        model: The model the workers load (a package name or a path they can read).
        ner: The names model, as `pipeline.load` takes it (a path the workers can read).
        reference_date: Date every relative date resolves against.
        year: The year of documents whose dateline gives none (`pipeline.run.process`); the run's
            other documents date a year-less one only within its partition.
        incremental: As in `pipeline.engines.local.run`.
        partition_size: Documents per task.
        rows_per_group: Rows per Parquet part file (partitions are gathered up to it).
        on_document: Called with the number of documents after each partition.
        summary: Filled with the run's counts.
        locale: As in `pipeline.engines.local.run`.
    """
    from pipeline.engines.local import copy_kept_rows, open_inputs, previous_documents

    try:
        from distributed import Client, LocalCluster, as_completed
    except ImportError as exc:
        raise DaskUnavailableError("the dask engine needs the [dask] extra: pip install 'spanish-news-entities[dask]'") from exc
    summary = summary if summary is not None else RunSummary()
    inputs = list(inputs)
    next(open_inputs(inputs, fields, delimiter), None)  # the paths are checked now, before any output is touched
    cluster = None
    try:
        if scheduler:
            client = Client(scheduler, timeout="30s")
        else:
            cluster = LocalCluster(
                n_workers=n_workers or os.cpu_count() or 1, threads_per_worker=1, processes=True, dashboard_address=None
            )
            client = Client(cluster)
    except OSError as exc:
        raise DaskUnavailableError(f"cannot reach the Dask scheduler {scheduler}: {exc}") from exc
    try:
        summary.start()
        window = 2 * max(len(client.scheduler_info().get("workers", {})), 1)
        kept: set[str] = set()
        run_id = uuid.uuid4().hex[:12]
        with TableWriter(out_dir, formats, parquet_dataset=True, rows_per_group=rows_per_group) as writer:
            # The fingerprint of the pipeline as this client loads it (the workers load the same model).
            client_nlp = worker_nlp(model, ner)
            options = run_options(reference_date, year, languages, fields, delimiter, locale, client_nlp)
            fingerprint = run_fingerprint(client_nlp, options)
            known = previous_documents(writer.previous, summary) if incremental else None
            known_ref = client.scatter(known, broadcast=True) if known else None
            parts = enumerate(partitions(inputs, partition_size))
            running = as_completed()
            index_of: dict[str, int] = {}
            done: dict[int, dict] = {}
            next_index = 0

            def submit_next() -> bool:
                item = next(parts, None)
                if item is None:
                    return False
                index, items = item
                future = client.submit(
                    process_partition,
                    items,
                    model,
                    reference_date,
                    known_ref,
                    dict(fields or {}),
                    tuple(languages) if languages is not None else None,
                    delimiter,
                    year,
                    fingerprint,
                    locale,
                    None if ner is None else str(ner),
                    key=f"pipeline-partition-{index}-{run_id}",
                )
                index_of[future.key] = index
                running.add(future)
                return True

            for _ in range(window):
                if not submit_next():
                    break
            for future in running:
                done[index_of.pop(future.key)] = future.result()
                future.release()
                submit_next()
                while next_index in done:
                    result = done.pop(next_index)
                    for doc_row in result["tables"]["documents"].to_pylist():
                        check_strict(doc_row, strict)
                    for name, table in result["tables"].items():
                        writer.add_arrow(name, table)
                    for key, value in result["counts"].items():
                        setattr(summary, key, getattr(summary, key) + value)
                    kept.update(result["kept"])
                    if on_document is not None:
                        on_document(result["n_items"])
                    next_index += 1
            copy_kept_rows(writer.previous, kept, writer)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    summary.stop()
    return summary


def _is_existing(item: object) -> bool:
    try:
        return isinstance(item, str) and os.path.lexists(item)
    except (OSError, ValueError):
        return False
