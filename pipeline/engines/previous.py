"""What an incremental run reads from the previous tables: which documents it may keep, and their rows.

The previous tables are read from the generation current when the run started,
in Parquet when they are there, else CSV, else JSON Lines (a run written with
``--format csv`` alone can be continued incrementally too). Rows are read in
blocks, so memory does not grow with the tables.

`KeptRows` copies a kept document's rows into the new tables *at its place*:
when the run reaches it in input order, not after the new rows, so an
incremental run's tables are, row for row, those a full run would write.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import NamedTuple

import pandas as pd
import pyarrow as pa

from pipeline import write
from pipeline.documents import RawDocument
from pipeline.schema import DOCUMENT_TABLES, TABLES
from pipeline.write import FORMULA_START, PLAIN_NUMBER, TableWriter, current_tables

READ_ORDER = ("parquet", "csv", "jsonl")


class Previous(NamedTuple):
    """What the previous run says of one ``ok`` document: enough to decide whether it may be kept."""

    fingerprint: str | None
    published: str | None
    published_from: str | None
    position: int  # its row's place in the previous documents table


def previous_format(out_dir: str | os.PathLike) -> str | None:
    """The format in which ``out_dir``'s current tables can be read back (`READ_ORDER`), or None."""
    folder = current_tables(out_dir)
    for fmt in READ_ORDER:
        if all(_path(folder, table, fmt) is not None for table in DOCUMENT_TABLES):
            return fmt
    return None


def _path(folder: Path, table: str, fmt: str) -> Path | None:
    if fmt == "parquet":
        if (folder / f"{table}.parquet").is_file():
            return folder / f"{table}.parquet"
        return folder / table if any((folder / table).glob("part-*.parquet")) else None
    path = folder / f"{table}.{fmt}"
    return path if path.is_file() else None


def file_columns(out_dir: str | os.PathLike, table: str) -> list[str]:
    """The columns the previous ``table`` was written with (an earlier version's table lacks newer ones)."""
    import pyarrow.parquet as pq

    folder = current_tables(out_dir)
    fmt = previous_format(out_dir)
    path = _path(folder, table, fmt) if fmt else None
    if path is None:
        return []
    if fmt == "parquet":
        first = path if path.is_file() else sorted(path.glob("part-*.parquet"))[0]
        return pq.ParquetFile(first).schema_arrow.names
    if fmt == "csv":
        return list(pd.read_csv(path, nrows=0).columns)
    first = pd.read_json(path, orient="records", lines=True, nrows=1)
    return list(first.columns)


def read_previous(
    out_dir: str | os.PathLike,
    table: str,
    doc_ids: set[str] | None = None,
    batch_rows: int = 65_536,
    columns: list[str] | None = None,
) -> Iterator[pa.Table]:
    """`pipeline.write.read_previous`, falling back to the CSV or JSON Lines tables when there is no Parquet."""
    fmt = previous_format(out_dir)
    if fmt == "parquet" or fmt is None:
        yield from write.read_previous(out_dir, table, doc_ids, batch_rows=batch_rows, columns=columns)
        return
    schema = pa.schema([TABLES[table].field(c) for c in columns]) if columns is not None else TABLES[table]
    dtypes = {f.name: write._types_mapper(f.type) for f in schema}
    path = _path(current_tables(out_dir), table, fmt)
    if fmt == "csv":
        chunks: Iterable[pd.DataFrame] = pd.read_csv(
            path, dtype=dtypes, keep_default_na=False, na_values=[""], chunksize=batch_rows, usecols=lambda c: c in dtypes
        )
    else:
        chunks = pd.read_json(path, orient="records", lines=True, dtype=False, chunksize=batch_rows)
    for frame in chunks:
        frame = frame.reindex(columns=list(dtypes)).astype(dtypes)
        if doc_ids is not None:
            frame = frame[frame["doc_id"].isin(doc_ids)]
        if fmt == "csv":
            frame = _unneutralise(frame)
        if len(frame):
            yield pa.Table.from_pandas(frame, schema=schema, preserve_index=False)


def _unneutralise(frame: pd.DataFrame) -> pd.DataFrame:
    """Undoes `pipeline.write.neutralise_formula` (the ``'`` put before a cell a spreadsheet would run)."""
    for name in frame.columns:
        col = frame[name]
        if col.dtype != "string":
            continue
        marked = col.str.startswith("'").fillna(False).to_numpy(dtype=bool)
        if marked.any():
            frame = frame.copy()
            frame.loc[marked, name] = col[marked].map(_unmark)
    return frame


def _unmark(value: str) -> str:
    rest = value[1:]
    return rest if rest.startswith(FORMULA_START) and not PLAIN_NUMBER.match(rest) else value


class KeptRows:
    """Writes the previous rows of each kept document into ``writer`` when the run reaches it.

    Every table this package writes holds each document's rows together and
    in the order of the documents table, so one forward pass over each
    previous table serves a run whose inputs come in the same order; a kept
    document the pass has already gone by (the inputs came in another order)
    is read with a scan of its own.
    """

    def __init__(self, out_dir: str | os.PathLike, known: dict[str, Previous], writer: TableWriter):
        self.out_dir = out_dir
        self.known = known
        self.writer = writer
        wanted = set(known)
        self._streams = {table: self._groups(read_previous(out_dir, table, wanted)) for table in DOCUMENT_TABLES}
        self._held: dict[str, tuple[int, str, pa.Table] | None] = dict.fromkeys(DOCUMENT_TABLES)
        self._passed: dict[str, set[str]] = {table: set() for table in DOCUMENT_TABLES}

    def _groups(self, blocks: Iterable[pa.Table]) -> Iterator[tuple[int, str, pa.Table]]:
        """``(position, doc_id, rows)`` for each run of rows of one document, in table order."""
        for block in blocks:
            ids = block.column("doc_id").to_pylist()
            start = 0
            for i in range(1, len(ids) + 1):
                if i == len(ids) or ids[i] != ids[start]:
                    yield self.known[ids[start]].position, ids[start], block.slice(start, i - start)
                    start = i

    def copy(self, raw: RawDocument) -> None:
        """Writes the kept document's previous rows (its ``source`` as given in this run)."""
        doc_id = raw.doc_id
        position = self.known[doc_id].position
        for table in DOCUMENT_TABLES:
            parts = self._take(table, doc_id, position)
            for part in parts:
                if table == "documents" and part.num_rows:
                    index = part.schema.get_field_index("source")
                    part = part.set_column(index, "source", pa.array([raw.source] * part.num_rows, pa.string()))
                self.writer.add_arrow(table, part)

    def _take(self, table: str, doc_id: str, position: int) -> list[pa.Table]:
        if doc_id in self._passed[table]:
            return list(read_previous(self.out_dir, table, {doc_id}))  # gone by: a scan of its own
        parts: list[pa.Table] = []
        stream = self._streams[table]
        while True:
            group = self._held[table]
            self._held[table] = None
            if group is None:
                group = next(stream, None)
                if group is None:
                    return parts
            pos, gid, rows = group
            if gid == doc_id:
                parts.append(rows)
            elif pos > position:
                self._held[table] = group  # a later document's rows: kept for its turn
                return parts
            else:
                self._passed[table].add(gid)  # an earlier document, not kept (yet)
