"""Tables → CSV, Parquet and JSONL files, committed together.

A run writes all its tables into a fresh generation folder and makes that
folder current in one atomic step (see `Generation`), so whatever kills a run,
readers see every table of one run, the previous one or the new one, never a
mix and never a half-written file. The ``entity_id`` of ``mentions`` and
``entities`` and the ``corpus_entities`` table come from the corpus pass
(`pipeline.corpus`), which needs every document: `TableWriter` stages those two
tables in the generation folder and writes them out, with their ids, at commit.
"""

from __future__ import annotations

import fcntl
import os
import re
import shutil
import signal
import time
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from pipeline.corpus import (
    DOCUMENT_COLUMNS,
    MENTION_COLUMNS,
    STATEMENT_LABELS,
    CorpusPass,
    Identities,
    identify,
    mention_entity_ids,
    owner_entity_ids,
    owner_keys,
)
from pipeline.schema import DOCUMENT_TABLES, TABLES

FORMATS = ("csv", "parquet", "jsonl")
# Cells a spreadsheet would run as a formula (OWASP "CSV injection").
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
PLAIN_NUMBER = re.compile(r"^[+-]?\d+(?:[.,]\d+)*$")


class OutputError(Exception):
    """The output folder or format cannot be used."""


def to_frame(table: str, rows: Iterable[dict]) -> pd.DataFrame:
    """Rows → a DataFrame with exactly the table's columns and dtypes."""
    schema = TABLES[table]
    arrow = pa.Table.from_pylist(list(rows), schema=schema)
    return arrow.to_pandas(types_mapper=_types_mapper)


def _types_mapper(arrow_type: pa.DataType):
    if pa.types.is_integer(arrow_type):
        return pd.Int64Dtype()
    if pa.types.is_floating(arrow_type):
        return pd.Float64Dtype()
    if pa.types.is_string(arrow_type) or pa.types.is_large_string(arrow_type):
        return pd.StringDtype()
    return None


def neutralise_formula(value: object) -> object:
    """Prefixes ``'`` to text a spreadsheet would run as a formula (CSV only)."""
    if isinstance(value, str) and value.startswith(FORMULA_START) and not PLAIN_NUMBER.match(value):
        return "'" + value
    return value


def neutralise_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with `neutralise_formula` applied to every text cell, for the CSV writer.

    Only the cells that start like a formula (found column by column, not
    cell by cell in Python) are passed to `neutralise_formula`; a frame with
    none comes back as it is.
    """
    out = frame
    for name in frame.columns:
        col = frame[name]
        if col.dtype != "string":
            continue
        risky = col.str.startswith(FORMULA_START).fillna(False).to_numpy(dtype=bool)
        if risky.any():
            if out is frame:
                out = frame.copy()
            out.loc[risky, name] = col[risky].map(neutralise_formula)
    return out


@dataclass
class Tables:
    """The four tables of a run, as pandas DataFrames.

    Built without ``corpus_entities`` (from the three per-document tables), the
    corpus pass runs on them: ``corpus_entities`` is made and the ``entity_id``
    of ``mentions`` and ``entities`` filled in (`pipeline.corpus.identify`), and
    with them each figure's ``owner_entity_id``.
    """

    documents: pd.DataFrame
    mentions: pd.DataFrame
    entities: pd.DataFrame
    corpus_entities: pd.DataFrame | None = None

    def __post_init__(self) -> None:
        if self.corpus_entities is None:
            mention_ids, entity_ids, table = identify(self.documents, self.mentions, self.entities)
            owners = mention_entity_ids(self.mentions, mention_ids, owner_keys(self.mentions))
            self.mentions = self.mentions.assign(entity_id=mention_ids)
            if "owner_entity_id" in self.mentions.columns:
                self.mentions["owner_entity_id"] = owner_entity_ids(self.mentions, owners)
            self.entities = self.entities.assign(entity_id=entity_ids)
            self.corpus_entities = to_frame("corpus_entities", table)

    def __iter__(self):
        yield from ((name, getattr(self, name)) for name in TABLES)

    def __repr__(self) -> str:
        """One line for a console: rows per table, documents by status."""
        rows = ", ".join(f"{len(frame):,} {name}" for name, frame in self)
        return f"<Tables: {rows} ({_status_counts(self.documents)}); each a DataFrame: tables.documents, …>"

    def _repr_html_(self) -> str:
        """A compact summary for Jupyter: the counts, mentions by label, and the first rows of each table
        in its main columns (the DataFrames themselves hold everything)."""
        import html

        labels = self.mentions["label"].value_counts() if "label" in self.mentions else pd.Series(dtype="int64")
        by_label = ", ".join(f"{html.escape(str(k))} {v:,}" for k, v in labels.items())
        parts = [
            f"<p><b>Tables</b>: {len(self.documents):,} documents ({html.escape(_status_counts(self.documents))}), "
            f"{len(self.mentions):,} mentions{f' ({by_label})' if by_label else ''}, {len(self.entities):,} entities, "
            f"{len(self.corpus_entities):,} across the corpus.</p>"
        ]
        for name, frame in self:
            shown = [c for c in SUMMARY_COLUMNS.get(name, ()) if c in frame.columns]
            more = len(frame.columns) - len(shown)
            head = frame[shown].head(SUMMARY_ROWS).astype(object)
            head = head.where(head.notna(), "").map(lambda v: v if not isinstance(v, str) or len(v) <= 60 else v[:59] + "…")
            note = f"first {min(len(frame), SUMMARY_ROWS)} of {len(frame):,} rows" + (f"; {more} more columns" if more else "")
            parts.append(
                f"<details{' open' if name == 'mentions' else ''}><summary><code>tables.{name}</code>: {note}</summary>"
                f"{head.to_html(index=False, escape=True, border=0)}</details>"
            )
        return "\n".join(parts)

    def write(self, out_dir: str | os.PathLike, formats: Iterable[str] = ("csv", "parquet")) -> list[Path]:
        """Writes each table as ``out_dir/<table>.<format>``, all committed together; returns the paths."""
        formats = check_formats(formats)
        generation = Generation(out_dir)
        try:
            for name, frame in self:
                for fmt in formats:
                    write_table(frame, name, generation.path / f"{name}.{fmt}", fmt)
        except BaseException:
            generation.abort()
            raise
        generation.commit()
        return [generation.out / f"{name}.{fmt}" for name, _ in self for fmt in formats]


# What `Tables._repr_html_` shows of each table.
SUMMARY_ROWS = 5
SUMMARY_COLUMNS = {
    "documents": ("doc_id", "source", "title", "published", "status", "n_mentions"),
    "mentions": ("doc_id", "section", "text", "label", "value", "unit", "kb_id", "canonical"),
    "entities": ("doc_id", "label", "canonical", "kb_id", "value", "unit", "n_mentions"),
    "corpus_entities": ("entity_id", "label", "canonical", "kb_id", "n_documents", "n_mentions"),
}


def _status_counts(documents: pd.DataFrame) -> str:
    counts = documents["status"].value_counts() if "status" in documents else pd.Series(dtype="int64")
    return ", ".join(f"{counts.get(k, 0):,} {k}" for k in ("ok", "error", "skipped") if counts.get(k, 0)) or "none"


def check_formats(formats: Iterable[str]) -> tuple[str, ...]:
    """``formats`` as a tuple, or `OutputError` naming the first unknown one."""
    formats = tuple(formats)
    bad = [f for f in formats if f not in FORMATS]
    if bad:
        raise OutputError(f"unknown output format {bad[0]!r}; expected one of {', '.join(FORMATS)}")
    return formats


def write_table(frame: pd.DataFrame, table: str, path: Path, fmt: str) -> None:
    """Writes one table in one format (into a generation folder, which no reader sees before its commit).

    Only the table's own columns are written (a notebook's ``cleaned_text`` stays out).
    """
    frame = frame[[name for name in TABLES[table].names if name in frame.columns]]
    if fmt == "csv":
        neutralise_frame(frame).to_csv(path, index=False, encoding="utf-8")
    elif fmt == "parquet":
        arrow = pa.Table.from_pandas(frame, schema=TABLES[table], preserve_index=False)
        pq.write_table(arrow, path)
    elif fmt == "jsonl":
        frame.to_json(path, orient="records", lines=True, force_ascii=False)
    else:
        raise OutputError(f"unknown output format {fmt!r}")


def read_table(path: str | os.PathLike, table: str) -> pd.DataFrame:
    """Reads a table written by `write_table` back with the schema's dtypes."""
    path = Path(path)
    if path.suffix == ".parquet" or path.is_dir():
        arrow = pq.read_table(path, schema=TABLES[table])
        return arrow.to_pandas(types_mapper=_types_mapper)
    dtypes = {f.name: _types_mapper(f.type) for f in TABLES[table]}
    if path.suffix == ".csv":
        frame = pd.read_csv(path, dtype=dtypes, keep_default_na=False, na_values=[""])
    else:
        frame = pd.read_json(path, orient="records", lines=True, dtype=False)
        if not len(frame):
            return to_frame(table, [])
    # Columns a table of an earlier version lacks (``entity_id``) are read as empty.
    return frame.reindex(columns=list(dtypes)).astype(dtypes)


# --- The commit protocol -----------------------------------------------------------
#
# OUT/
#   documents.csv -> .generations/current/documents.csv   fixed relative links, one per table file
#   mentions -> .generations/current/mentions             or dataset folder (what users and pandas open)
#   .generations/
#     lock                                                flocked by the run writing into OUT
#     current -> 20250105-101500-1a2b3c4d                 the one thing a commit switches
#     20250105-101500-1a2b3c4d/                           documents.csv, …, mentions/part-00000.parquet, …

GENERATIONS = ".generations"
CURRENT = "current"
LOCK = "lock"
TABLE_SUFFIXES = ("", ".csv", ".parquet", ".jsonl")  # "": a partitioned Parquet dataset folder
# What killed runs of earlier versions (which renamed files into OUT one by one) left behind:
# ``.writing-*`` folders, ``.<table>.<fmt>.*.tmp`` files, ``.<table>.old-<pid>`` folders. Those
# runs took no lock, so such an entry is removed only once nothing in it has changed for an hour:
# an earlier version's run still writing into the same folder keeps its own.
_TABLE_NAME = "|".join(map(re.escape, TABLES))
OLD_LEFTOVER = re.compile(rf"^\.writing-|^\.(?:{_TABLE_NAME})(?:\.\w+)?\.(?:old-\d+$|.*\.tmp$)")
OLD_LEFTOVER_IDLE_SECONDS = 3600
FAULT_STEPS = ("after-write", "after-fsync", "mid-adopt", "before-switch", "after-switch", "before-cleanup")


def fault(step: str) -> None:
    """Test hook: with ``PIPELINE_FAULT=commit:<step>`` the process kills itself (SIGKILL) at that step.

    A SIGKILL, unlike an exception, runs no cleanup: what is left on disk is
    what a crash or ``kill -9`` at that point leaves.
    """
    assert step in FAULT_STEPS, step
    if os.environ.get("PIPELINE_FAULT") == f"commit:{step}":
        os.kill(os.getpid(), signal.SIGKILL)


def current_tables(out_dir: str | os.PathLike) -> Path:
    """The folder a reader of ``out_dir`` should read every table from.

    The current generation, resolved once so that all tables come from the
    same run even if another run commits meanwhile (a reader slower than that
    run's cleanup may find the files it has not opened yet removed: an error,
    never a mix); ``out_dir`` itself for tables laid out by earlier versions
    (or by hand) straight in the folder.
    """
    out = Path(out_dir)
    current = out / GENERATIONS / CURRENT
    if current.is_symlink() and current.is_dir():
        return out / GENERATIONS / os.readlink(current)
    return out


def table_entries(folder: Path) -> list[Path]:
    """The names a table can have in ``folder``: ``<table>.csv|.parquet|.jsonl`` and ``<table>/``."""
    return [folder / f"{table}{suffix}" for table in TABLES for suffix in TABLE_SUFFIXES]


class Generation:
    """A run's tables in a fresh folder of ``OUT/.generations``, made current in one atomic step.

    Commit protocol (`commit`):

    1. every table is written into the new generation folder, which no reader looks at;
    2. its files and folders are fsynced, so the switch can never point at data not on disk;
    3. tables an earlier version wrote straight into OUT are first adopted as a
       generation of their own (`_adopt_flat_tables`), so turning them into links
       changes nothing a reader sees;
    4. the user-facing links ``OUT/<table>.<fmt> -> .generations/current/<table>.<fmt>``
       that this run needs are created (once; they are fixed);
    5. the switch: a new link ``current`` is made under a temporary name and
       renamed over the old one (``rename`` is atomic), then the folder fsynced;
    6. links to tables this run did not write (left dangling) are removed, then
       every other generation and temporary entry.

    A kill before 5 leaves the previous run current; at or after 5, the new
    one. The ``lock`` file is flocked from the writer's start to its end: a
    second run into the same OUT stops with `OutputError`, and everything in
    ``.generations`` that is neither the lock, ``current`` nor the folder it
    points at is the remains of a killed run, removed at the next run's start.
    """

    def __init__(self, out_dir: str | os.PathLike):
        self.out = Path(out_dir)
        self.root = self.out / GENERATIONS
        self._created_out = not self.out.exists()
        self._lock_fd: int | None = None
        self.path: Path | None = None
        try:
            self.root.mkdir(parents=True, exist_ok=True)
            self._lock_fd = _lock(self.root / LOCK, self.out)
            self._unlink_dangling()
            self._remove_leftovers()
            self.previous = current_tables(self.out)  # the tables an incremental run builds on
            self.path = _new_folder(self.root)
        except OSError as exc:
            self.abort()
            raise OutputError(f"cannot write to output folder {self.out}: {exc.strerror or exc}") from exc
        except BaseException:
            self.abort()
            raise

    def commit(self) -> None:
        """Makes this generation the current one (the steps in the class docstring); releases the lock."""
        try:
            fault("after-write")
            _fsync_tree(self.path)
            _fsync(self.root)
            fault("after-fsync")
            self._adopt_flat_tables()
            names = sorted(entry.name for entry in self.path.iterdir())
            for name in names:
                self._link(name)
            _fsync(self.out)
            fault("before-switch")
            self._switch(self.path)
            fault("after-switch")
            try:  # tidying only: what fails here, the next run does
                self._unlink_dangling()
                fault("before-cleanup")
                self._remove_leftovers()
            except OSError:
                pass
        finally:
            self.abort()

    def abort(self) -> None:
        """Removes this generation unless it was switched to, and releases the lock."""
        if self._lock_fd is None:
            return
        current = self.root / CURRENT
        switched = self.path is not None and current.is_symlink() and os.readlink(current) == self.path.name
        if not switched and self.path is not None:  # (asked of the disk: a signal may land just after the switch)
            shutil.rmtree(self.path, ignore_errors=True)
        if self._created_out and not switched:  # a failed first run leaves no output folder behind
            shutil.rmtree(self.root, ignore_errors=True)
            try:
                self.out.rmdir()
            except OSError:
                pass
        fcntl.flock(self._lock_fd, fcntl.LOCK_UN)  # also for forked workers that share this descriptor
        os.close(self._lock_fd)
        self._lock_fd = None

    def _switch(self, folder: Path) -> None:
        """Points ``current`` at ``folder`` in one rename, made durable."""
        tmp = self.root / f"{CURRENT}.{uuid.uuid4().hex[:8]}.tmp"
        os.symlink(folder.name, tmp)
        os.replace(tmp, self.root / CURRENT)
        _fsync(self.root)

    def _link(self, name: str) -> None:
        """Makes ``OUT/<name>`` the link into the current generation, unless it is already."""
        entry = self.out / name
        if _is_our_link(entry):
            return
        tmp = self.root / f"{name}.{uuid.uuid4().hex[:8]}.tmp"
        os.symlink(os.path.join(GENERATIONS, CURRENT, name), tmp)
        if entry.is_dir() and not entry.is_symlink():  # a dataset folder: moved aside first, removed at cleanup
            os.rename(entry, self.root / f"{name}.{uuid.uuid4().hex[:8]}.old")
        os.replace(tmp, entry)

    def _adopt_flat_tables(self) -> None:
        """Turns tables an earlier version wrote straight into OUT into links, without a reader seeing a change.

        What a reader sees now through the user-facing names is hard-linked
        (copied where links are not supported) into a generation that becomes
        current; only then are the regular files replaced by links, one by
        one, each link showing the same bytes as the file it replaces.
        """
        entries = [e for e in table_entries(self.out) if e.exists()]
        flat = [e for e in entries if not e.is_symlink()]
        if not flat:
            return
        adopted = _new_folder(self.root)
        for entry in entries:
            source = entry.resolve()
            if source.is_dir():
                shutil.copytree(source, adopted / entry.name, copy_function=_link_or_copy)
            else:
                _link_or_copy(source, adopted / entry.name)
        _fsync_tree(adopted)
        _fsync(self.root)
        self._switch(adopted)
        for i, entry in enumerate(flat):
            self._link(entry.name)
            if i == 0:
                fault("mid-adopt")
        _fsync(self.out)

    def _unlink_dangling(self) -> None:
        """Removes the user-facing links to tables the current generation does not have (another run's formats)."""
        for entry in table_entries(self.out):
            if _is_our_link(entry) and not entry.exists():
                entry.unlink()

    def _remove_leftovers(self) -> None:
        """Removes (under the lock) every generation but the current one, temporary links, and earlier versions' temporaries."""
        current = self.root / CURRENT
        if current.exists() and not current.is_symlink():  # a copy that followed the links (shutil.copytree)
            os.rename(current, self.root / f"{CURRENT}.{uuid.uuid4().hex[:8]}.old")
        keep = {LOCK, CURRENT, os.readlink(current) if current.is_symlink() else None}
        removed = [e for e in self.root.iterdir() if e.name not in keep]
        removed += [e for e in self.out.iterdir() if OLD_LEFTOVER.match(e.name) and _idle_seconds(e) > OLD_LEFTOVER_IDLE_SECONDS]
        for entry in removed:
            if entry.is_dir() and not entry.is_symlink():
                shutil.rmtree(entry, ignore_errors=True)
            else:
                entry.unlink(missing_ok=True)


def _lock(path: Path, out: Path) -> int:
    """An exclusive flock on ``path`` (released by the kernel when the process dies), or `OutputError`."""
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        holder = os.read(fd, 32).decode(errors="replace").strip()
        os.close(fd)
        raise OutputError(f"another run (pid {holder or '?'}) is writing to {out}; wait until it ends") from None
    os.ftruncate(fd, 0)
    os.pwrite(fd, str(os.getpid()).encode(), 0)
    return fd


def _new_folder(root: Path) -> Path:
    """A new, uniquely named folder in ``root`` (made with the umask's permissions, as the tables were before)."""
    folder = root / f"{time.strftime('%Y%m%d-%H%M%S')}-{uuid.uuid4().hex[:8]}"
    folder.mkdir()
    return folder


def _is_our_link(entry: Path) -> bool:
    return entry.is_symlink() and os.readlink(entry) == os.path.join(GENERATIONS, CURRENT, entry.name)


def _idle_seconds(path: Path) -> float:
    """Seconds since ``path`` or anything in it last changed (0 if it changes while looked at)."""
    try:
        latest = path.lstat().st_mtime
        if path.is_dir() and not path.is_symlink():
            for dirpath, _, filenames in os.walk(path):
                for name in filenames:
                    latest = max(latest, os.lstat(os.path.join(dirpath, name)).st_mtime)
    except OSError:
        return 0.0
    return time.time() - latest


def _link_or_copy(source: str | os.PathLike, target: str | os.PathLike) -> None:
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def _fsync(path: Path) -> None:
    """fsync of a file or a folder (a folder's fsync makes the names in it durable)."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_tree(folder: Path) -> None:
    for dirpath, _, filenames in os.walk(folder):
        for name in filenames:
            _fsync(Path(dirpath, name))
        _fsync(Path(dirpath))


# Tables written with their entity_id only once the corpus pass has seen every document: until the
# commit they wait, as Parquet, in this folder of the generation (removed before the commit).
DEFERRED = ("mentions", "entities")
STAGING = ".staging"


class TableWriter:
    """Writes the tables incrementally, in row groups, and commits them together at the end.

    Rows are buffered per table and written every ``rows_per_group`` rows: a
    Parquet row group (one file) or a part file (``<table>/part-NNNNN.parquet``,
    a dataset that ``pandas.read_parquet(dir)`` reads), and appended to the
    CSV / JSONL files. Everything is written into a new `Generation` of
    ``out_dir``; `commit` makes it current in one step, so an interrupted or
    killed run leaves the previous tables as they were. Memory holds at most
    one row group per table, plus what the corpus pass keeps (the distinct
    names and a few integers per entity row).

    ``mentions`` and ``entities`` are staged as Parquet while the run goes and
    fed to the corpus pass (`pipeline.corpus.CorpusPass`); at `commit` they are
    read back block by block, given their ``entity_id``, and written in the
    run's formats beside ``corpus_entities``.

    Use as a context manager: it commits when the block ends normally and
    removes its generation when it raises. From its start to its end it holds
    the output folder's lock; ``previous`` is the folder of the tables that
    were current at the start (for incremental runs).
    """

    def __init__(
        self,
        out_dir: str | os.PathLike,
        formats: Iterable[str] = ("csv", "parquet"),
        *,
        parquet_dataset: bool = False,
        rows_per_group: int = 10_000,
    ):
        self.formats = check_formats(formats)
        self.generation = Generation(out_dir)
        self.out = self.generation.out
        self.previous = self.generation.previous
        self.tmp = self.generation.path
        self.parquet_dataset = parquet_dataset
        self.rows_per_group = rows_per_group
        self._buffers: dict[str, list[dict]] = {name: [] for name in TABLES}
        self._blocks: dict[str, list[pa.Table]] = {name: [] for name in TABLES}  # Arrow blocks waiting, in order
        self._parquet: dict[str, pq.ParquetWriter] = {}
        self._parts: dict[str, int] = dict.fromkeys(TABLES, 0)
        self._started: set[tuple[str, str]] = set()
        self._corpus = CorpusPass()
        self._staged: dict[str, pq.ParquetWriter] = {}
        self._owners: set[tuple[str, int]] = set()  # (doc_id, mention_id) of the mentions figures belong to

    def __enter__(self) -> TableWriter:
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        if exc_type is None:
            self.commit()
        else:
            self.abort()

    def add(self, table: str, rows: Iterable[dict]) -> None:
        """Adds rows to a table (written once a row group is full)."""
        buffer = self._buffers[table]
        buffer.extend(rows)
        if len(buffer) + self._waiting(table) >= self.rows_per_group:
            self.flush(table)

    def add_arrow(self, table: str, arrow: pa.Table) -> None:
        """Adds a block of rows already in Arrow form (a Dask partition, rows kept from a previous run)."""
        if not arrow.num_rows:
            return
        self._to_blocks(table)
        self._blocks[table].append(arrow.cast(TABLES[table]))
        if self._waiting(table) >= self.rows_per_group:
            self.flush(table)

    def _waiting(self, table: str) -> int:
        return sum(block.num_rows for block in self._blocks[table])

    def _to_blocks(self, table: str) -> None:
        buffer = self._buffers[table]
        if buffer:
            self._blocks[table].append(pa.Table.from_pylist(buffer, schema=TABLES[table]))
            buffer.clear()

    def flush(self, table: str) -> None:
        """Writes the rows waiting for a table as one row group (or part file; staged for `DEFERRED` tables)."""
        self._to_blocks(table)
        blocks = self._blocks[table]
        if blocks:
            arrow = pa.concat_tables(blocks) if len(blocks) > 1 else blocks[0]
            blocks.clear()
            if table in DEFERRED:
                self._stage(table, arrow)
                return
            if table == "documents":
                self._corpus.add_documents(arrow.select(DOCUMENT_COLUMNS).to_pandas())
            self._write(table, arrow)

    def _stage(self, table: str, arrow: pa.Table) -> None:
        """Feeds a block of a `DEFERRED` table to the corpus pass and keeps it in the staging folder."""
        if table == "mentions":  # the sentence is read only where it may state an acronym
            statement = pc.is_in(arrow["label"], value_set=pa.array(STATEMENT_LABELS))
            context = pc.if_else(statement, arrow["context"], pa.scalar(None, pa.string()))
            block = arrow.select(MENTION_COLUMNS).set_column(MENTION_COLUMNS.index("context"), "context", context)
            self._corpus.add_mentions(block.to_pandas())
            owned = arrow.filter(pc.is_valid(arrow["owner_mention_id"]))
            if owned.num_rows:
                self._owners |= owner_keys(owned.select(["doc_id", "owner_mention_id"]).to_pandas())
        writer = self._staged.get(table)
        if writer is None:
            (self.tmp / STAGING).mkdir(exist_ok=True)
            writer = self._staged[table] = pq.ParquetWriter(self.tmp / STAGING / f"{table}.parquet", TABLES[table])
        writer.write_table(arrow)

    def _write_identified(self, identities: Identities) -> None:
        """Writes the staged tables with their ``entity_id`` and the ``corpus_entities`` table, ``rows_per_group`` at a time."""
        for table in DEFERRED:
            path = self.tmp / STAGING / f"{table}.parquet"
            if not path.is_file():
                continue
            key_column = "canonical" if table == "entities" else None
            owners = self._owner_ids(path, identities) if table == "mentions" else {}
            for block in _rechunk(pq.ParquetFile(path).iter_batches(batch_size=self.rows_per_group), self.rows_per_group):
                frame = block.to_pandas(types_mapper=_types_mapper)
                frame["entity_id"] = identities.assign(frame, key_column=key_column)
                if table == "mentions":
                    frame["owner_entity_id"] = owner_entity_ids(frame, owners)
                self._write(table, pa.Table.from_pandas(frame, schema=TABLES[table], preserve_index=False))
        rows = identities.table
        for start in range(0, len(rows), self.rows_per_group):
            self._write(
                "corpus_entities",
                pa.Table.from_pylist(rows[start : start + self.rows_per_group], schema=TABLES["corpus_entities"]),
            )

    def _owner_ids(self, path: Path, identities: Identities) -> dict[tuple[str, int], str]:
        """(doc_id, mention_id) → ``entity_id`` of the staged mentions that figures belong to.

        A pass of its own over the staged mentions (only the columns identity needs): an owner
        may be written before or after its figure, and in another block.
        """
        if not self._owners:
            return {}
        wanted = pa.array(sorted({doc_id for doc_id, _ in self._owners}), pa.string())
        columns = sorted({*MENTION_COLUMNS, "mention_id"} - {"context"})
        found: dict[tuple[str, int], str] = {}
        for batch in pq.ParquetFile(path).iter_batches(batch_size=self.rows_per_group, columns=columns):
            block = pa.Table.from_batches([batch])
            block = block.filter(pc.is_in(block["doc_id"], value_set=wanted))
            if block.num_rows:
                frame = block.to_pandas(types_mapper=_types_mapper)
                owners = [
                    (doc_id, mention_id) in self._owners
                    for doc_id, mention_id in zip(frame["doc_id"].tolist(), frame["mention_id"].tolist(), strict=True)
                ]
                frame = frame[owners]  # each row's entity_id depends on that row alone: assign the owners' only
                found.update(mention_entity_ids(frame, identities.assign(frame)))
        return found

    def _write(self, table: str, arrow: pa.Table) -> None:
        frame = None
        for fmt in self.formats:
            first = (table, fmt) not in self._started
            self._started.add((table, fmt))
            if fmt == "parquet":
                self._write_parquet(table, arrow)
                continue
            if frame is None:
                frame = arrow.to_pandas(types_mapper=_types_mapper)
            path = self.tmp / f"{table}.{fmt}"
            if fmt == "csv":
                neutralise_frame(frame).to_csv(path, index=False, encoding="utf-8", mode="w" if first else "a", header=first)
            else:
                with open(path, "w" if first else "a", encoding="utf-8") as fh:
                    frame.to_json(fh, orient="records", lines=True, force_ascii=False)

    def _write_parquet(self, table: str, arrow: pa.Table) -> None:
        if self.parquet_dataset:
            folder = self.tmp / table
            folder.mkdir(exist_ok=True)
            pq.write_table(arrow, folder / f"part-{self._parts[table]:05d}.parquet")
            self._parts[table] += 1
            return
        writer = self._parquet.get(table)
        if writer is None:
            writer = self._parquet[table] = pq.ParquetWriter(self.tmp / f"{table}.parquet", TABLES[table])
        writer.write_table(arrow)

    def commit(self) -> list[Path]:
        """Writes what is buffered, runs the corpus pass and writes its tables, then commits the generation.

        Returns the user-facing paths.
        """
        try:
            for table in DOCUMENT_TABLES:
                self.flush(table)
            self._close_staged()
            self._write_identified(self._corpus.resolve())
            shutil.rmtree(self.tmp / STAGING, ignore_errors=True)
            for table in TABLES:
                for fmt in self.formats:
                    if (table, fmt) not in self._started:  # a table without rows still gets its file
                        self._write(table, TABLES[table].empty_table())
            for writer in self._parquet.values():
                writer.close()
            self._parquet.clear()
        except BaseException:
            self.abort()
            raise
        self.generation.commit()
        dataset = "parquet" if self.parquet_dataset else None
        return [self.out / (table if fmt == dataset else f"{table}.{fmt}") for table in TABLES for fmt in self.formats]

    def _close_staged(self) -> None:
        for writer in self._staged.values():
            writer.close()
        self._staged.clear()

    def abort(self) -> None:
        """Removes the new generation (the previous tables stay as they were)."""
        for writer in [*self._parquet.values(), *self._staged.values()]:
            try:
                writer.close()
            except Exception:  # noqa: BLE001  (cleaning up after another error)
                pass
        self._parquet.clear()
        self._staged.clear()
        self.generation.abort()


def _rechunk(batches: Iterable[pa.RecordBatch], rows: int) -> Iterable[pa.Table]:
    """``batches`` regrouped into tables of ``rows`` rows (the last one fewer)."""
    waiting: list[pa.RecordBatch] = []
    count = 0
    for batch in batches:
        while batch.num_rows:
            take = min(rows - count, batch.num_rows)
            waiting.append(batch.slice(0, take))
            batch = batch.slice(take)
            count += take
            if count == rows:
                yield pa.Table.from_batches(waiting)
                waiting, count = [], 0
    if waiting:
        yield pa.Table.from_batches(waiting)


def read_previous(
    out_dir: str | os.PathLike,
    table: str,
    doc_ids: set[str] | None = None,
    batch_rows: int = 65_536,
    columns: list[str] | None = None,
) -> Iterable[pa.Table]:
    """Rows of a table from a previous run's Parquet output (file or dataset), in blocks.

    Args:
        out_dir: The previous run's output folder (read through its current
            generation) or a generation folder.
        table: Table name.
        doc_ids: Only the rows of these documents (all rows if None).
        batch_rows: Rows read at a time, so memory does not grow with the table.
        columns: Only these columns (with ``doc_ids``, they must include ``doc_id``).
    """
    import pyarrow.compute as pc

    folder = current_tables(out_dir)
    single = folder / f"{table}.parquet"
    paths = [single] if single.is_file() else sorted((folder / table).glob("part-*.parquet"))
    schema = pa.schema([TABLES[table].field(c) for c in columns]) if columns is not None else TABLES[table]
    wanted = pa.array(sorted(doc_ids), pa.string()) if doc_ids is not None else None
    for path in paths:
        for batch in pq.ParquetFile(path).iter_batches(batch_size=batch_rows, columns=columns):
            block = _conform(pa.Table.from_batches([batch]), schema)
            if wanted is not None:
                block = block.filter(pc.is_in(block["doc_id"], value_set=wanted))
            if block.num_rows:
                yield block


def _conform(block: pa.Table, schema: pa.Schema) -> pa.Table:
    """``block`` with ``schema``'s columns and types: those an earlier version did not write (``entity_id``) as nulls."""
    if block.column_names == schema.names:
        return block.cast(schema)
    columns = [block[f.name] if f.name in block.column_names else pa.nulls(block.num_rows, f.type) for f in schema]
    return pa.Table.from_arrays(columns, names=schema.names).cast(schema)


def has_previous_parquet(out_dir: str | os.PathLike) -> bool:
    """True if ``out_dir`` (its current generation) holds a previous run's Parquet tables (needed by incremental runs).

    ``corpus_entities`` is not needed: it is built again from the others.
    """
    folder = current_tables(out_dir)
    return all((folder / f"{t}.parquet").is_file() or any((folder / t).glob("part-*.parquet")) for t in DOCUMENT_TABLES)
