"""Tables → CSV, Parquet and JSONL files, written atomically.

Each file is written to a temporary name in the output folder and renamed over
the old one only when complete, so an interrupted run leaves the previous
tables intact and never a half-written file.
"""

from __future__ import annotations

import os
import re
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
            safe = frame.apply(lambda col: col.map(neutralise_formula) if col.dtype == "string" else col)
            safe.to_csv(tmp, index=False, encoding="utf-8")
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
