"""Tables → CSV, Parquet and JSONL files, written atomically.

Each file is written to a temporary name in the output folder and renamed over
the old one only when complete, so an interrupted run leaves the previous
tables intact and never a half-written file.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from pipeline.schema import TABLES

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
    """The three tables of a run, as pandas DataFrames."""

    documents: pd.DataFrame
    mentions: pd.DataFrame
    entities: pd.DataFrame

    def __iter__(self):
        yield from (("documents", self.documents), ("mentions", self.mentions), ("entities", self.entities))

    def write(self, out_dir: str | os.PathLike, formats: Iterable[str] = ("csv", "parquet")) -> list[Path]:
        """Writes each table as ``out_dir/<table>.<format>``; returns the paths written."""
        formats = tuple(formats)
        bad = [f for f in formats if f not in FORMATS]
        if bad:
            raise OutputError(f"unknown output format {bad[0]!r}; expected one of {', '.join(FORMATS)}")
        out = Path(out_dir)
        try:
            out.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise OutputError(f"cannot create output folder {out}: {exc.strerror or exc}") from exc
        written = []
        for name, frame in self:
            for fmt in formats:
                path = out / f"{name}.{fmt}"
                write_table(frame, name, path, fmt)
                written.append(path)
        return written


def write_table(frame: pd.DataFrame, table: str, path: Path, fmt: str) -> None:
    """Writes one table in one format, atomically."""
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        if fmt == "csv":
            neutralise_frame(frame).to_csv(tmp, index=False, encoding="utf-8")
        elif fmt == "parquet":
            arrow = pa.Table.from_pandas(frame, schema=TABLES[table], preserve_index=False)
            pq.write_table(arrow, tmp)
        elif fmt == "jsonl":
            frame.to_json(tmp, orient="records", lines=True, force_ascii=False)
        else:
            raise OutputError(f"unknown output format {fmt!r}")
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


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
        frame = frame.reindex(columns=list(dtypes)).astype(dtypes) if len(frame) else to_frame(table, [])
    return frame[list(dtypes)]


class TableWriter:
    """Writes the three tables incrementally, in row groups, and puts them in place at the end.

    Rows are buffered per table and written every ``rows_per_group`` rows: a
    Parquet row group (one file) or a part file (``<table>/part-NNNNN.parquet``,
    a dataset that ``pandas.read_parquet(dir)`` reads), and appended to the
    CSV / JSONL files. Everything is written in a temporary folder inside
    ``out_dir``; `commit` moves the finished files over the previous ones, so
    an interrupted run leaves the previous tables as they were. Memory holds
    at most one row group per table.

    Use as a context manager: it commits when the block ends normally and
    removes its temporary files when it raises.
    """

    def __init__(self, out_dir: str | os.PathLike, formats: Iterable[str] = ("csv", "parquet"), *,
                 parquet_dataset: bool = False, rows_per_group: int = 10_000):
        self.formats = tuple(formats)
        bad = [f for f in self.formats if f not in FORMATS]
        if bad:
            raise OutputError(f"unknown output format {bad[0]!r}; expected one of {', '.join(FORMATS)}")
        self.out = Path(out_dir)
        self._created_out = not self.out.exists()
        try:
            self.out.mkdir(parents=True, exist_ok=True)
            self.tmp = Path(tempfile.mkdtemp(prefix=".writing-", dir=self.out))
        except OSError as exc:
            raise OutputError(f"cannot write to output folder {self.out}: {exc.strerror or exc}") from exc
        self.parquet_dataset = parquet_dataset
        self.rows_per_group = rows_per_group
        self._buffers: dict[str, list[dict]] = {name: [] for name in TABLES}
        self._blocks: dict[str, list[pa.Table]] = {name: [] for name in TABLES}  # Arrow blocks waiting, in order
        self._parquet: dict[str, pq.ParquetWriter] = {}
        self._parts: dict[str, int] = dict.fromkeys(TABLES, 0)
        self._started: set[tuple[str, str]] = set()

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
        """Writes the rows waiting for a table as one row group (or part file)."""
        self._to_blocks(table)
        blocks = self._blocks[table]
        if blocks:
            self._write(table, pa.concat_tables(blocks) if len(blocks) > 1 else blocks[0])
            blocks.clear()

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
        """Writes what is buffered, then moves every table over the previous one; returns the paths."""
        try:
            for table in TABLES:
                self.flush(table)
                for fmt in self.formats:
                    if (table, fmt) not in self._started:  # a table without rows still gets its file
                        self._write(table, TABLES[table].empty_table())
            for writer in self._parquet.values():
                writer.close()
            self._parquet.clear()
            written = []
            for table in TABLES:
                for fmt in self.formats:
                    if fmt == "parquet" and self.parquet_dataset:
                        written.append(_replace_folder(self.tmp / table, self.out / table))
                        (self.out / f"{table}.parquet").unlink(missing_ok=True)
                    else:
                        target = self.out / f"{table}.{fmt}"
                        os.replace(self.tmp / f"{table}.{fmt}", target)
                        written.append(target)
                        if fmt == "parquet" and (self.out / table).is_dir():
                            shutil.rmtree(self.out / table)
            return written
        finally:
            self.abort()

    def abort(self) -> None:
        """Removes the temporary files (the previous tables stay as they were)."""
        for writer in self._parquet.values():
            try:
                writer.close()
            except Exception:  # noqa: BLE001  (cleaning up after another error)
                pass
        self._parquet.clear()
        shutil.rmtree(self.tmp, ignore_errors=True)
        if self._created_out:  # a failed first run leaves no empty output folder behind
            try:
                self.out.rmdir()
            except OSError:
                pass


def _replace_folder(new: Path, target: Path) -> Path:
    """Puts folder ``new`` at ``target``, the previous folder removed only once the new one is in place."""
    old = None
    if target.exists():
        old = target.with_name(f".{target.name}.old-{os.getpid()}")
        shutil.rmtree(old, ignore_errors=True)
        os.replace(target, old)
    os.replace(new, target)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
    return target


def read_previous(out_dir: str | os.PathLike, table: str, doc_ids: set[str] | None = None,
                  batch_rows: int = 65_536) -> Iterable[pa.Table]:
    """Rows of a table from a previous run's Parquet output (file or dataset), in blocks.

    Args:
        out_dir: The previous run's output folder.
        table: Table name.
        doc_ids: Only the rows of these documents (all rows if None).
        batch_rows: Rows read at a time, so memory does not grow with the table.
    """
    import pyarrow.compute as pc

    out = Path(out_dir)
    paths = [out / f"{table}.parquet"] if (out / f"{table}.parquet").is_file() else sorted((out / table).glob("part-*.parquet"))
    wanted = pa.array(sorted(doc_ids), pa.string()) if doc_ids is not None else None
    for path in paths:
        for batch in pq.ParquetFile(path).iter_batches(batch_size=batch_rows):
            block = pa.Table.from_batches([batch]).cast(TABLES[table])
            if wanted is not None:
                block = block.filter(pc.is_in(block["doc_id"], value_set=wanted))
            if block.num_rows:
                yield block


def has_previous_parquet(out_dir: str | os.PathLike) -> bool:
    """True if ``out_dir`` holds a previous run's Parquet tables (needed by incremental runs)."""
    out = Path(out_dir)
    return all((out / f"{t}.parquet").is_file() or any((out / t).glob("part-*.parquet")) for t in TABLES)
