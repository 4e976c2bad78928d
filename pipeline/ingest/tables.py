"""JSONL, JSON, CSV and Parquet exports → one RawDocument per row.

Each row's text, title, date, URL and id are found by the usual column names
(`FIELD_NAMES`, matched without case or accents) or named by the caller
(``fields={"text": "cuerpo"}``, ``--field text=cuerpo``). A row becomes a
document whose ``source`` is ``path#<id>`` (or ``path#row<N>``, N counting data
rows from 1, when the row has no id or its id repeats) and whose ``doc_id``
derives from that source, so it is stable across runs.

A row that cannot be used becomes an ``error`` document with the reason: a
JSONL line that is not JSON or not an object, a CSV row with the wrong number
of fields or a field over the size limit, a row without text, a text over the
size limit; the rows after it are still read. A file that cannot be opened at
all becomes one ``error`` document for the file. Rows are read lazily (JSONL
line by line, Parquet batch by batch), so a large export is never held whole
in memory.

CSV files are split by the csv module, which keeps each row's place and
number (so a bad row's error sits where the row was); its delimiter is the
caller's or the one found most often in the header line outside quotes
(``,``, ``;``, tab, ``|``), since data rows hold commas in decimal numbers
and in quoted text.

Raw offsets of a row's mentions refer to its text field as decoded (JSON
escapes resolved, CSV quoting undone). A text field that holds an HTML body
(``<p>…</p><p>…</p>``, as CMS exports give) is read like an HTML page (see
`html`): its raw text is the article text extracted from it. A row's title is
metadata, not read for entities.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import math
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import BinaryIO

from pipeline.documents import RawDocument
from pipeline.ingest.html import HtmlError, extract_html

ROLES = ("text", "title", "date", "url", "id")
FIELD_NAMES: dict[str, tuple[str, ...]] = {
    "text": (
        "text",
        "body",
        "content",
        "article",
        "article_text",
        "articlebody",
        "full_text",
        "fulltext",
        "maintext",
        "story",
        "texto",
        "cuerpo",
        "contenido",
        "noticia",
    ),
    "title": ("title", "headline", "titulo", "titular", "heading", "name"),
    "date": (
        "date",
        "published",
        "published_at",
        "publish_date",
        "pub_date",
        "publication_date",
        "date_published",
        "datepublished",
        "dct",
        "fecha",
        "fecha_publicacion",
        "datetime",
        "created_at",
        "timestamp",
    ),
    "url": ("url", "link", "href", "uri", "permalink", "source_url", "enlace"),
    "id": ("id", "doc_id", "article_id", "uuid", "guid", "_id", "identifier", "key"),
}
JSON_LIST_KEYS = ("articles", "documents", "data", "items", "rows", "records", "results", "noticias")
MAX_TEXT_CHARS = 5_000_000
MAX_FIELD_BYTES = 20_000_000  # a CSV field over it makes its row an error (read.py passes its MAX_BYTES)
# Candidate CSV delimiters, the first winning a tie.
DELIMITERS = (",", ";", "\t", "|")
MAX_HEADER_CHARS = 65_536
CSV_FIELD_LIMIT = 2**31 - 1  # the csv module's own limit, lifted: fields are measured row by row
REPLACEMENT = "\ufffd"
HTML_BLOCK_TAG = re.compile(
    r"<(?:p|div|br|h[1-6]|article|section|li|ul|ol|table|blockquote|figure|html|body)\b[^>]*>", re.IGNORECASE
)
MIN_HTML_TAGS = 2


def looks_like_html(text: str) -> bool:
    """True when a text field holds an HTML body rather than plain text (two block tags or more)."""
    return len(HTML_BLOCK_TAG.findall(text, 0, 100_000)) >= MIN_HTML_TAGS


class TableError(ValueError):
    """A table file that cannot be opened or parsed as a whole."""


def _norm(name: str) -> str:
    decomposed = unicodedata.normalize("NFKD", str(name).strip().lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).replace(" ", "_").replace("-", "_")


def check_fields(fields: Mapping[str, str] | None) -> dict[str, str]:
    """Validates a caller's ``role → column`` mapping (roles: text, title, date, url, id)."""
    fields = dict(fields or {})
    bad = [role for role in fields if role not in ROLES]
    if bad:
        raise ValueError(f"unknown field role {bad[0]!r}; expected one of {', '.join(ROLES)}")
    return {role: str(name) for role, name in fields.items() if name}


def resolve_columns(columns: Iterable[str], fields: Mapping[str, str] | None = None) -> dict[str, str]:
    """``role → column`` for the columns of one table: the caller's names first, then the usual ones."""
    columns = [c for c in columns if isinstance(c, str)]
    by_norm: dict[str, str] = {}
    for c in columns:
        by_norm.setdefault(_norm(c), c)
    found: dict[str, str] = {}
    for role in ROLES:
        given = (fields or {}).get(role)
        if given is not None:
            if given in columns:
                found[role] = given
            elif _norm(given) in by_norm:
                found[role] = by_norm[_norm(given)]
            continue
        for name in FIELD_NAMES[role]:
            if name in by_norm and by_norm[name] not in found.values():
                found[role] = by_norm[name]
                break
    return found


def normalise_date(value: object) -> str | None:
    """An ISO date (``YYYY-MM-DD``) from a date field: ISO text, date/datetime, or epoch seconds/ms."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        seconds = value / 1000 if abs(value) > 1e11 else value
        try:
            return dt.datetime.fromtimestamp(seconds, tz=dt.timezone.utc).date().isoformat()
        except (OverflowError, OSError, ValueError):
            return None
    text = str(value).strip()
    try:
        return dt.date.fromisoformat(text[:10]).isoformat()
    except ValueError:
        pass
    for fmt in ("%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y"):
        try:
            return dt.datetime.strptime(text[:10], fmt).date().isoformat()
        except ValueError:
            continue
    return None


def _scalar(value: object) -> str | None:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, (dict, list)):
        return None
    text = str(value).strip()
    return text or None


class RowReader:
    """Turns the rows of one table file into RawDocuments (shared by every format).

    Args:
        source: The file's path as given (prefix of each row's source).
        fields: The caller's ``role → column`` names.
        doc_id_for: Stable id from a source string.
    """

    def __init__(self, source: str, fields: Mapping[str, str] | None, doc_id_for: Callable[[str], str]):
        self.source = source
        self.fields = fields
        self.doc_id_for = doc_id_for
        self.row_no = 0
        self.seen_ids: set[str] = set()
        self._columns: tuple | None = None
        self._roles: dict[str, str] = {}
        self.warning: str | None = None  # the file's decoding warning (CSV, JSON), set once decoded

    def _row_source(self, row_id: str | None) -> str:
        if row_id is not None and row_id not in self.seen_ids:
            self.seen_ids.add(row_id)
            return f"{self.source}#{row_id}"
        return f"{self.source}#row{self.row_no}"

    def error(self, reason: str, fmt: str) -> RawDocument:
        """An error document for the current row."""
        source = f"{self.source}#row{self.row_no}"
        return RawDocument(self.doc_id_for(source), source, fmt=fmt, status="error", error=reason)

    def _warning(self, row: dict, warning: str | None) -> str | None:
        """The row's own decoding warning, else the file's when this row holds a replaced byte."""
        if warning is not None or self.warning is None:
            return warning
        if any(isinstance(v, str) and REPLACEMENT in v for v in row.values()):
            return f"{self.warning} in this file, some in this row"
        return None

    def document(self, row: object, fmt: str, encoding: str | None, warning: str | None = None) -> RawDocument:
        """The RawDocument of one row (an error document when it cannot be used).

        A decoding warning (``warning`` for this row, or the file's) rides in
        ``error`` of an ``ok`` row.
        """
        if not isinstance(row, dict):
            return self.error(f"row {self.row_no} is not an object with fields (got {type(row).__name__})", fmt)
        columns = tuple(row)
        if columns != self._columns:
            self._columns, self._roles = columns, resolve_columns(columns, self.fields)
        roles = self._roles
        row_id = _scalar(row.get(roles["id"])) if "id" in roles else None
        source = self._row_source(row_id)
        doc_id = self.doc_id_for(source)
        metadata = {
            "title": _scalar(row.get(roles["title"])) if "title" in roles else None,
            "date": normalise_date(row.get(roles["date"])) if "date" in roles else None,
            "url": _scalar(row.get(roles["url"])) if "url" in roles else None,
            "row_id": row_id,
        }
        metadata = {k: v for k, v in metadata.items() if v is not None}
        if "text" not in roles:
            wanted = (self.fields or {}).get("text")
            expected = repr(wanted) if wanted else "text, body, content, article, …"
            return RawDocument(
                doc_id,
                source,
                fmt=fmt,
                metadata=metadata,
                status="error",
                error=f"row has no text field (looked for {expected}; columns: {', '.join(map(str, columns))})",
            )
        value = row.get(roles["text"])
        text = (
            value if isinstance(value, str) else ("" if value is None or isinstance(value, float) and math.isnan(value) else None)
        )
        if text is None:
            return RawDocument(
                doc_id,
                source,
                fmt=fmt,
                metadata=metadata,
                status="error",
                error=f"text field {roles['text']!r} is a {type(value).__name__}, not text",
            )
        if not text.strip():
            return RawDocument(
                doc_id,
                source,
                text=text,
                fmt=fmt,
                metadata=metadata,
                status="error",
                error=f"empty document (text field {roles['text']!r} is empty)",
            )
        if len(text) > MAX_TEXT_CHARS:
            return RawDocument(
                doc_id,
                source,
                fmt=fmt,
                metadata=metadata,
                status="error",
                error=f"text too long ({len(text)} characters; the limit is {MAX_TEXT_CHARS})",
            )
        if looks_like_html(text):
            try:
                text, found = extract_html(text)
            except HtmlError:
                return RawDocument(
                    doc_id,
                    source,
                    fmt=fmt,
                    metadata=metadata,
                    status="error",
                    error=f"no article text found in the HTML of text field {roles['text']!r}",
                )
            except Exception as exc:  # a field that breaks the HTML parser must not stop the run
                return RawDocument(
                    doc_id,
                    source,
                    fmt=fmt,
                    metadata=metadata,
                    status="error",
                    error=f"cannot parse the HTML of text field {roles['text']!r}: {type(exc).__name__}",
                )
            metadata = {**found, **metadata}
            return RawDocument(
                doc_id, source, text=text, encoding=encoding, fmt="html", metadata=metadata, error=self._warning(row, warning)
            )
        return RawDocument(
            doc_id, source, text=text, encoding=encoding, fmt=fmt, metadata=metadata, error=self._warning(row, warning)
        )


def read_jsonl(
    lines: Iterable[bytes], reader: RowReader, decode: Callable[[bytes], tuple[str, str, str | None]]
) -> Iterator[RawDocument]:
    """JSON Lines: one object per line; blank lines are not rows.

    Each line is decoded alone (``decode`` gives text, encoding and a warning).
    """
    for line_no, line in enumerate(lines, start=1):
        if line_no == 1 and line.startswith(b"\xef\xbb\xbf"):
            line = line[3:]
        if not line.strip():
            continue
        reader.row_no += 1
        try:
            text, encoding, warning = decode(line)
            row = json.loads(text)
        except ValueError as exc:  # UnicodeDecodeError and JSONDecodeError are ValueErrors
            reason = exc.msg if isinstance(exc, json.JSONDecodeError) else "cannot decode the line as text"
            yield reader.error(f"line {line_no} is not valid JSON: {reason}", "jsonl")
            continue
        except RecursionError:
            yield reader.error(f"line {line_no} is not valid JSON: nested too deeply", "jsonl")
            continue
        yield reader.document(row, "jsonl", encoding, warning)


def json_rows(data: object) -> list:
    """The rows of a JSON document: a list, a list under a usual key, or one object."""
    if isinstance(data, list):
        return data
    if isinstance(data, dict):
        for key, value in data.items():
            if _norm(key) in JSON_LIST_KEYS and isinstance(value, list):
                return value
        return [data]
    raise TableError(f"JSON holds a {type(data).__name__}, not an object or a list of objects")


def read_json(text: str, encoding: str, reader: RowReader) -> Iterator[RawDocument]:
    """A whole JSON file: a list of objects, ``{"articles": [...]}``, or one object."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise TableError(f"not valid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})") from exc
    except RecursionError as exc:
        raise TableError("not valid JSON: nested too deeply") from exc
    for row in json_rows(data):
        reader.row_no += 1
        yield reader.document(row, "json", encoding)


def sniff_delimiter(text: str, default: str = ",") -> str:
    """The delimiter of a CSV text: the candidate found most often in its header line, outside quotes.

    Only the header is looked at: data rows hold commas in decimal numbers and
    in quoted text, while column names seldom hold a delimiter. With none
    found (a one-column table), ``default``.
    """
    counts = dict.fromkeys(DELIMITERS, 0)
    quoted = False
    for char in text[:MAX_HEADER_CHARS]:
        if char == '"':
            quoted = not quoted
        elif quoted:
            continue
        elif char in "\r\n":
            break
        elif char in counts:
            counts[char] += 1
    best = max(DELIMITERS, key=counts.__getitem__)  # the first in DELIMITERS on a tie
    return best if counts[best] else default


def _csv_row_problem(row: list[str], header: list[str], line: int, max_field_bytes: int) -> str | None:
    """Why a CSV row cannot be used (wrong number of fields, a field over the size limit), or None."""
    n = len(header)
    if len(row) < n or any(row[n:]):  # empty cells past the header (a trailing delimiter) are harmless
        return f"has {len(row)} field{'s' if len(row) != 1 else ''} where the header has {n} (line {line})"
    for name, value in zip(header, row, strict=False):
        if len(value) * 4 > max_field_bytes and (size := len(value.encode("utf-8", "surrogatepass"))) > max_field_bytes:
            return f"field {name!r} too large ({size} bytes; the limit is {max_field_bytes})"
    return None


def read_csv(
    text: str, encoding: str, reader: RowReader, *, delimiter: str = ",", max_field_bytes: int = MAX_FIELD_BYTES
) -> Iterator[RawDocument]:
    """A delimited file with a header row (see `sniff_delimiter` for ``delimiter``).

    Quoting is the usual one: fields in double quotes may hold the delimiter,
    line breaks and doubled quotes. Every data row is one document: a row
    with the wrong number of fields, or with a field over ``max_field_bytes``,
    is an error row of its own and the rows after it are still read.
    """
    # Fields are measured here, row by row; the csv module's own limit would
    # end the whole file at the first long field.
    csv.field_size_limit(max(csv.field_size_limit(), CSV_FIELD_LIMIT))
    rows = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, quotechar='"', doublequote=True)
    header = next((row for row in rows if row), None)
    if header is None:
        raise TableError("CSV file has no header row")
    for row in rows:
        if not row:  # a blank line
            continue
        reader.row_no += 1
        problem = _csv_row_problem(row, header, rows.line_num, max_field_bytes)
        if problem is not None:
            yield reader.error(f"CSV row {reader.row_no} {problem}", "csv")
        else:
            yield reader.document(dict(zip(header, row, strict=False)), "csv", encoding)


def read_parquet(source: Path | BinaryIO, reader: RowReader, batch_size: int = 1024) -> Iterator[RawDocument]:
    """A Parquet file (a path or an open file), batch by batch."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        parquet = pq.ParquetFile(source)
    except (pa.ArrowException, OSError) as exc:
        raise TableError(f"not a readable Parquet file: {exc}") from exc
    for batch in parquet.iter_batches(batch_size=batch_size):
        for row in batch.to_pylist():
            reader.row_no += 1
            yield reader.document(row, "parquet", None)
