"""Inputs → RawDocuments: files, folders, standard input and texts, decoded, one per document.

Kinds of input (by file suffix): ``.txt``/``.text``, ``.md``/``.markdown``,
``.html``/``.htm``/``.xhtml`` (article text through trafilatura, see `html`),
``.jsonl``/``.ndjson``, ``.json``, ``.csv``/``.tsv`` and ``.parquet`` (one
document per row, see `tables`). ``-`` reads standard input, whose kind is
told from its first bytes (HTML, JSON Lines, JSON, else text).

Encodings: UTF-8 with or without BOM, UTF-16/32 with BOM, UTF-16 without BOM
(told by its zero bytes), UTF-8 with a few stray bytes (replaced by U+FFFD,
with a warning), then charset-normalizer's guess (cp1252, latin-1, …).
Repairing what was decoded (mojibake, NFC, line breaks, NUL) is the cleaner's
first step (`repair`), so raw offsets refer to the text as decoded.

Only regular files are opened, and none is read past its size limit: a FIFO
would block the run and a device could be read forever.

A file that cannot be used still gives a RawDocument, with ``status`` and a
readable ``error``, so every input has its row in the ``documents`` table:
unsupported kind or not a regular file (``skipped``), empty, whitespace only,
binary, undecodable, too large, a link loop or any other error of the
operating system (``error``). A warning about a usable document (bytes
replaced while decoding) rides in ``error`` of its ``ok`` row.
"""

from __future__ import annotations

import codecs
import errno
import hashlib
import io
import os
import re
import stat
import sys
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import replace
from pathlib import Path
from typing import BinaryIO, NamedTuple

from pipeline.documents import RawDocument
from pipeline.ingest import tables
from pipeline.ingest.html import HtmlError, extract_html

TEXT_SUFFIXES = {".txt": "txt", ".text": "txt", ".md": "md", ".markdown": "md", ".html": "html", ".htm": "html", ".xhtml": "html"}
TABLE_SUFFIXES = {".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "json", ".csv": "csv", ".tsv": "csv", ".parquet": "parquet"}
MAX_BYTES = 20_000_000
MAX_TABLE_BYTES = 2_000_000_000
STDIN = "-"
STDIN_SOURCE = "<stdin>"
# File signatures of common binary formats, for a reason a person can act on.
MAGIC = {
    b"%PDF": "PDF",
    b"\x89PNG": "PNG image",
    b"\xff\xd8\xff": "JPEG image",
    b"GIF8": "GIF image",
    b"PK\x03\x04": "ZIP archive (or DOCX/XLSX)",
    b"\x1f\x8b": "gzip archive",
    b"\xd0\xcf\x11\xe0": "MS Office file",
    b"\x7fELF": "executable",
    b"PAR1": "Parquet file",
    b"BZh": "bzip2 archive",
    b"\xfd7zXZ": "xz archive",
}
BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
MAX_CONTROL_RATIO = 0.05
# Valid UTF-8 multibyte characters needed per byte that fails, to read a file
# as UTF-8 with replacements rather than guess a code page.
MIN_UTF8_CHARS_PER_BAD_BYTE = 2
_ESCAPED_BYTE = re.compile("[\udc80-\udcff]")
# File types that are never opened, by the name a reason gives them.
FILE_TYPES = (
    (stat.S_ISDIR, "folder"),
    (stat.S_ISFIFO, "FIFO"),
    (stat.S_ISCHR, "character device"),
    (stat.S_ISBLK, "block device"),
    (stat.S_ISSOCK, "socket"),
)
OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)
WESTERN_ENCODINGS = ["cp1252", "latin_1", "iso8859_15", "mac_roman", "cp850"]


class InputError(Exception):
    """A path given by the user that cannot be read at all (missing, no permission)."""


class DecodeError(ValueError):
    """Bytes that are not text in any encoding we can tell; the message is the reason."""


def doc_id_for(source: str) -> str:
    """Stable id from the source (path or row), independent of run order."""
    return hashlib.sha1(source.encode("utf-8", "surrogatepass")).hexdigest()[:16]


# --- doc_id of a file: from its path as seen from the input given, not as written ---------------
#
# The id of a file's document is `doc_id_for` of its *key*: its path relative to the folder that
# holds the input given, with ``/`` separators (plus ``#<row id>`` for a table row). Given the
# folder ``corpus`` (or ``./corpus/``, ``/home/me/corpus``, the same folder moved elsewhere),
# ``corpus/a/b.txt`` has the key ``corpus/a/b.txt``; a file given by itself is seen from its
# folder's parent too (``corpus/x.txt`` → ``corpus/x.txt``, as through ``corpus``). So the id
# does not change with the working folder, an absolute or relative spelling, or a moved corpus,
# and ``make extract``'s ids (its sources read ``corpus/…``) are those of earlier versions.
# ``source`` still shows the path as written.


def key_base(item: str | os.PathLike) -> str:
    """The folder a path input's keys are relative to (module note above): its parent if it is a
    folder, its folder's parent if it is a file."""
    path = os.path.abspath(item)
    parent = os.path.dirname(path)
    return parent if os.path.isdir(path) else os.path.dirname(parent)


def key_bases(items: Iterable[object]) -> dict[int, str]:
    """`key_base` of each path input, by position; one whose keys could be those of an earlier
    input (``a/corpus`` after ``b/corpus``) is keyed by its absolute path instead (base ``/``)."""
    bases: dict[int, str] = {}
    seen: list[tuple[str, str]] = []  # (absolute path, key prefix) of the inputs so far
    for i, item in enumerate(items):
        if item == STDIN or not isinstance(item, (str, os.PathLike)) or _is_text(item):
            continue
        path, base = os.path.abspath(item), key_base(item)
        prefix = os.path.relpath(path, base)
        for other_path, other_prefix in seen:
            overlaps = _under(prefix, other_prefix) or _under(other_prefix, prefix)
            same_place = _under(path, other_path) or _under(other_path, path)
            if overlaps and not same_place:
                base, prefix = os.sep, os.path.relpath(path, os.sep)
                break
        seen.append((path, prefix))
        bases[i] = base
    return bases


def _under(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)


def keyed(raw: RawDocument, file: Path, base: str) -> RawDocument:
    """``raw`` (read from ``file``) with the doc_id of its key under ``base`` (module note above)."""
    written = str(file)
    suffix = raw.source[len(written) :] if raw.source.startswith(written) else ""
    key = Path(os.path.relpath(os.path.abspath(file), base)).as_posix() + suffix
    return replace(raw, doc_id=doc_id_for(key))


def read_under(
    file: Path | RawDocument, base: str, *, fields: Mapping[str, str] | None = None, delimiter: str | None = None
) -> Iterator[RawDocument]:
    """`read_file` of a file found under an input whose keys are relative to ``base``; a row the
    walk made (a link not followed) gets its id the same way."""
    if isinstance(file, RawDocument):
        yield keyed(file, Path(file.source), base)
        return
    for raw in read_file(file, fields=fields, delimiter=delimiter):
        yield keyed(raw, file, base)


def _binary_kind(data: bytes) -> str | None:
    for magic, kind in MAGIC.items():
        if data.startswith(magic):
            return kind
    return None


def _utf16_without_bom(data: bytes) -> str | None:
    """``utf-16-le``/``-be`` when every other byte is zero, as in UTF-16 text of Latin script."""
    sample = data[:4096]
    if len(sample) < 4 or len(sample) % 2:
        return None
    even_zeros = sample[0::2].count(0) / (len(sample) // 2)
    odd_zeros = sample[1::2].count(0) / (len(sample) // 2)
    if odd_zeros > 0.4 and even_zeros < 0.05:
        return "utf-16-le"
    if even_zeros > 0.4 and odd_zeros < 0.05:
        return "utf-16-be"
    return None


def _looks_binary(text: str) -> bool:
    sample = text[:8192]
    if not sample:
        return False
    bad = sum(1 for c in sample if unicodedata.category(c) in ("Cc", "Cs", "Co", "Cn") and c not in "\t\n\r\f\v")
    return bad / len(sample) > MAX_CONTROL_RATIO


class Decoded(NamedTuple):
    """Decoded bytes: the text, the encoding used, and a warning when bytes had to be replaced."""

    text: str
    encoding: str
    warning: str | None = None


def _bom_encoding(data: bytes) -> str | None:
    for bom, name in BOMS:
        if data.startswith(bom):
            return name
    return None


def _replaced_warning(n_bytes: int) -> str:
    if n_bytes == 1:
        return "1 byte not valid UTF-8 was replaced (U+FFFD)"
    return f"{n_bytes} bytes not valid UTF-8 were replaced (U+FFFD)"


def _mostly_utf8(data: bytes, encoding: str) -> Decoded | None:
    """UTF-8 with its few bad bytes replaced, when the valid multibyte characters far outnumber them.

    A text in a single-byte code page (cp1252, latin-1) almost never holds a
    valid UTF-8 multibyte sequence, so many of them beside a few bytes that
    fail mean UTF-8 with stray bytes; decoding it in a code page instead would
    garble every accented letter.
    """
    escaped = data.decode(encoding, "surrogateescape")  # each bad byte becomes one lone surrogate
    n_bad = len(_ESCAPED_BYTE.findall(escaped))
    n_multibyte = len(escaped) - len(escaped.encode("ascii", "ignore")) - n_bad
    if n_bad == 0 or n_multibyte < MIN_UTF8_CHARS_PER_BAD_BYTE * n_bad:
        return None
    return Decoded(data.decode(encoding, "replace"), encoding, _replaced_warning(n_bad))


def _decode_by_bom(data: bytes, encoding: str) -> Decoded:
    try:
        return Decoded(data.decode(encoding), encoding)
    except UnicodeDecodeError as exc:
        if encoding == "utf-8-sig" and (decoded := _mostly_utf8(data, encoding)) is not None:
            return decoded
        raise DecodeError(f"cannot decode the file as {encoding} (it starts with a {encoding} byte-order mark)") from exc


def _decode_guess(data: bytes) -> Decoded:
    if data.count(0) > len(data) // 100:
        raise DecodeError("binary file, not text")
    from charset_normalizer import from_bytes

    # Spanish text is most likely in a Western code page; charset-normalizer
    # alone reads a short cp1252 text as cp1006 or big5, so those are tried
    # first and the open guess only when none of them fits.
    best = from_bytes(data, cp_isolation=WESTERN_ENCODINGS).best() or from_bytes(data).best()
    if best is None:
        raise DecodeError("cannot decode the file as text (no text encoding fits these bytes)")
    return Decoded(str(best), best.encoding)


def _decode_any(data: bytes) -> Decoded:
    if (bom := _bom_encoding(data)) is not None:
        return _decode_by_bom(data, bom)
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    if (utf16 := _utf16_without_bom(data)) is not None:
        try:
            return Decoded(data.decode(utf16), utf16)
        except UnicodeDecodeError:
            pass
    return _mostly_utf8(data, "utf-8") or _decode_guess(data)


def decode_text(data: bytes) -> Decoded:
    """Bytes → `Decoded` (text, encoding, warning).

    Tried in order: a byte-order mark; UTF-8; UTF-16 without BOM; UTF-8 with
    a few stray bytes replaced by U+FFFD (the warning says how many); the
    code page charset-normalizer finds.

    Raises:
        DecodeError: binary data, or bytes no encoding fits; the message says which.
    """
    kind = _binary_kind(data)
    if kind is not None:
        raise DecodeError(f"binary file ({kind}), not text")
    decoded = _decode_any(data)
    if _looks_binary(decoded.text):
        raise DecodeError("binary file, not text")
    return decoded


def decode(data: bytes) -> tuple[str, str]:
    """Bytes → (text, encoding); see `decode_text`, which also gives the warning.

    Raises:
        DecodeError: binary data, or bytes no encoding fits; the message says which.
    """
    text, encoding, _ = decode_text(data)
    return text, encoding


def _error(source: str, fmt: str, reason: str, status: str = "error") -> RawDocument:
    return RawDocument(doc_id_for(source), source, fmt=fmt, status=status, error=reason)


def _text_document(data: bytes, source: str, fmt: str) -> RawDocument:
    """One text-like document (txt, md, html) from its bytes; a decoding warning rides in ``error`` of an ok row."""
    if not data:
        return _error(source, fmt, "empty file (0 bytes)")
    try:
        text, encoding, warning = decode_text(data)
    except DecodeError as exc:
        return _error(source, fmt, str(exc))
    if not text.strip():
        return RawDocument(
            doc_id_for(source), source, text=text, encoding=encoding, fmt=fmt, status="error", error="empty document (no text)"
        )
    metadata: dict = {}
    if fmt == "html":
        try:
            text, metadata = extract_html(text)
        except HtmlError as exc:
            return RawDocument(doc_id_for(source), source, encoding=encoding, fmt=fmt, status="error", error=str(exc))
        except Exception as exc:  # a page that breaks the HTML parser must not stop the run
            return RawDocument(
                doc_id_for(source),
                source,
                encoding=encoding,
                fmt=fmt,
                status="error",
                error=f"cannot parse the HTML page: {type(exc).__name__}: {exc}",
            )
    return RawDocument(doc_id_for(source), source, text=text, encoding=encoding, fmt=fmt, metadata=metadata, error=warning)


def _table_documents(
    fmt: str,
    source: str,
    stream: BinaryIO,
    fields: Mapping[str, str] | None,
    *,
    delimiter: str | None = None,
    default_delimiter: str = ",",
) -> Iterator[RawDocument]:
    """The row documents of one table read from ``stream`` (an open file, or standard input's bytes)."""
    reader = tables.RowReader(source, fields, doc_id_for)
    try:
        if fmt == "jsonl":
            yield from tables.read_jsonl(stream, reader, decode_text)
            if reader.row_no == 0:
                yield _error(source, fmt, "empty file (no JSON lines)")
            return
        if fmt == "parquet":
            yield from tables.read_parquet(stream, reader)
            if reader.row_no == 0:
                yield _error(source, fmt, "empty table (no rows)")
            return
        raw = stream.read(MAX_TABLE_BYTES + 1)
        if not raw.strip():
            yield _error(source, fmt, "empty file (0 bytes)" if not raw else "empty document (no text)")
            return
        text, encoding, reader.warning = decode_text(raw)
        if fmt == "json":
            yield from tables.read_json(text, encoding, reader)
        else:
            yield from tables.read_csv(
                text,
                encoding,
                reader,
                delimiter=delimiter or tables.sniff_delimiter(text, default_delimiter),
                max_field_bytes=MAX_BYTES,
            )
        if reader.row_no == 0:
            yield _error(source, fmt, "empty table (no rows)")
    except (tables.TableError, DecodeError) as exc:
        yield _error(source if reader.row_no == 0 else f"{source}#row{reader.row_no + 1}", fmt, str(exc))
    except OSError as exc:
        yield _error(source, fmt, f"cannot read file: {exc.strerror or exc}")
    except Exception as exc:  # a corrupt table must not stop the run
        yield _error(
            source if reader.row_no == 0 else f"{source}#row{reader.row_no + 1}",
            fmt,
            f"cannot read the {fmt} table: {type(exc).__name__}: {exc}",
        )


class Unusable(Exception):
    """A file that is not read; the message is the reason, ``status`` that of its row."""

    def __init__(self, reason: str, status: str = "error"):
        super().__init__(reason)
        self.status = status


def _os_reason(path: Path, exc: OSError) -> str:
    """A readable reason for an OSError met while opening or reading ``path``."""
    if exc.errno == errno.ELOOP:
        return "cannot read file: symbolic link loop (too many levels of symbolic links)"
    if exc.errno == errno.ENOENT and os.path.islink(path):
        return "cannot read file: broken symbolic link (its target does not exist)"
    return f"cannot read file: {exc.strerror or exc}"


def _file_type(mode: int) -> str:
    for test, name in FILE_TYPES:
        if test(mode):
            return name
    return "unknown type"


def _check_regular(info: os.stat_result, limit: int) -> None:
    if not stat.S_ISREG(info.st_mode):
        raise Unusable(f"not a regular file ({_file_type(info.st_mode)})", status="skipped")
    if info.st_size > limit:
        raise Unusable(f"file too large ({info.st_size} bytes; the limit is {limit})")


def open_regular(path: Path, limit: int) -> BinaryIO:
    """``path`` opened for reading, if it is a regular file of at most ``limit`` bytes.

    The type is checked before opening, since opening a FIFO waits for a
    writer and a device can be read forever, and again on the open file in
    case the path was swapped in between; ``O_NONBLOCK`` keeps that open from
    waiting on a FIFO.

    Raises:
        Unusable: not a regular file, too large, or an OSError (link loop,
            broken link, permission denied, vanished); the message says which.
    """
    try:
        _check_regular(os.stat(path), limit)
        fd = os.open(path, OPEN_FLAGS)
    except OSError as exc:
        raise Unusable(_os_reason(path, exc)) from exc
    try:
        _check_regular(os.fstat(fd), limit)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def file_format(path: Path) -> str | None:
    """The kind of input a file is, from its suffix (None: not one this reads)."""
    suffix = path.suffix.lower()
    return TEXT_SUFFIXES.get(suffix) or TABLE_SUFFIXES.get(suffix)


def read_file(
    path: Path, source: str | None = None, *, fields: Mapping[str, str] | None = None, delimiter: str | None = None
) -> Iterator[RawDocument]:
    """One file → its RawDocuments (one for a text or HTML file, one per row for a table).

    Never raises for the file itself: a file that is not regular, too large
    or cannot be opened or read is one row with the reason.
    """
    source = source or str(path)
    fmt = file_format(path)
    if fmt is None:
        yield _error(
            source,
            path.suffix.lower().lstrip(".") or "none",
            f"unsupported file type "
            f"{path.suffix or '(no extension)'!r}; expected .txt, .md, .html, .jsonl, .json, .csv or .parquet",
            status="skipped",
        )
        return
    is_table = fmt in TABLE_SUFFIXES.values()
    limit = MAX_TABLE_BYTES if is_table else MAX_BYTES
    try:
        stream = open_regular(path, limit)
    except Unusable as exc:
        yield _error(source, fmt, str(exc), status=exc.status)
        return
    with stream:
        if is_table:
            default = "\t" if path.suffix.lower() == ".tsv" else ","
            yield from _table_documents(fmt, source, stream, fields, delimiter=delimiter, default_delimiter=default)
            return
        try:
            data = stream.read(limit + 1)
        except OSError as exc:
            yield _error(source, fmt, _os_reason(path, exc))
            return
    if len(data) > limit:  # it grew after the size was checked
        yield _error(source, fmt, f"file too large (over {limit} bytes)")
        return
    yield _text_document(data, source, fmt)


def sniff_format(data: bytes) -> str:
    """The kind of standard input from its first bytes: html, jsonl, json or txt."""
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith((b"<!doctype html", b"<html")) or b"<html" in head[:1024]:
        return "html"
    if head.startswith(b"["):
        return "json"
    if head.startswith(b"{"):
        first = head.split(b"\n", 1)[0].strip()
        return "jsonl" if first.endswith(b"}") else "json"
    return "txt"


def read_stdin(stream: io.BufferedIOBase | None = None, *, fields: Mapping[str, str] | None = None) -> Iterator[RawDocument]:
    """Standard input as one document (text, HTML) or one per row (JSON Lines, JSON)."""
    stream = stream if stream is not None else sys.stdin.buffer
    data = stream.read(MAX_TABLE_BYTES + 1)
    fmt = sniff_format(data)
    limit = MAX_BYTES if fmt in ("txt", "html") else MAX_TABLE_BYTES
    if len(data) > limit:
        yield _error(STDIN_SOURCE, fmt, f"standard input too large (over {limit} bytes)")
        return
    if fmt in ("jsonl", "json"):
        yield from _table_documents(fmt, STDIN_SOURCE, io.BytesIO(data), fields)
        return
    yield _text_document(data, STDIN_SOURCE, fmt)


def _descend(folder: Path, stack: list[Iterator[os.DirEntry]]) -> Iterator[RawDocument]:
    """Pushes ``folder``'s entries (sorted by name, hidden ones left out) on ``stack``; an error row if it cannot be listed."""
    try:
        with os.scandir(folder) as listing:
            entries = sorted((e for e in listing if not e.name.startswith(".")), key=lambda e: e.name)
    except OSError as exc:
        yield _error(str(folder), "folder", f"cannot read folder: {exc.strerror or exc}")
        return
    stack.append(iter(entries))


def _is_folder(entry: os.DirEntry) -> bool | None:
    """True for a folder, None for a symbolic link to one, False for anything else (also a link that cannot be followed)."""
    try:
        if entry.is_dir(follow_symlinks=False):
            return True
        return None if entry.is_symlink() and entry.is_dir() else False
    except OSError:  # a link loop: read_file gives its reason
        return False


def iter_paths(path: Path) -> Iterator[Path | RawDocument]:
    """Files under ``path``, depth first, each folder's entries sorted by name.

    Symbolic links to folders are not followed (so a link loop cannot trap
    the walk); each is reported as a skipped document, and a folder that
    cannot be listed as an error document. Anything else that is not a
    folder (a link that loops or points nowhere, a FIFO, a device) is
    yielded as a path, for `read_file` to give its row and reason. Hidden
    files and folders (``.name``) are passed over.
    """
    if not path.is_dir():
        yield path
        return
    stack: list[Iterator[os.DirEntry]] = []
    yield from _descend(path, stack)
    while stack:
        entry = next(stack[-1], None)
        if entry is None:
            stack.pop()
            continue
        full = Path(entry.path)
        kind = _is_folder(entry)
        if kind is None:
            yield _error(str(full), "folder", "symbolic link to a folder, not followed", status="skipped")
        elif kind:
            yield from _descend(full, stack)
        else:
            yield full


def check_delimiter(delimiter: str | None) -> str | None:
    """A CSV delimiter given by the caller: one character (``tab`` or ``\\t`` for a tab); None to detect it."""
    if delimiter is None or delimiter == "":
        return None
    delimiter = {"tab": "\t", "\\t": "\t"}.get(delimiter.lower(), delimiter)
    if len(delimiter) != 1 or delimiter in '"\r\n':
        raise ValueError(f"a CSV delimiter is one character other than a quote or a line break, not {delimiter!r}")
    return delimiter


def read_inputs(
    inputs: Iterable[str | os.PathLike], *, fields: Mapping[str, str] | None = None, delimiter: str | None = None
) -> Iterator[RawDocument]:
    """Paths, folders, ``-`` (standard input) or texts → RawDocuments, lazily.

    A string that is not an existing path and contains whitespace is taken as
    a text. A path that does not exist raises `InputError` before anything is
    read, so a typo on the command line is one clear line. Anything met once
    reading has begun (a FIFO, a device, a link loop, a file that vanished or
    cannot be opened) is a row with its reason, never an exception.

    Args:
        inputs: What to read.
        fields: ``role → column`` names for table rows (roles: text, title,
            date, url, id); the usual names are tried for the rest.
        delimiter: The delimiter of CSV files (``,``, ``;``, ``tab``, …);
            None to tell it from each file's header line.
    """
    items = list(inputs)
    try:
        fields = tables.check_fields(fields)
        delimiter = check_delimiter(delimiter)
    except ValueError as exc:
        raise InputError(str(exc)) from exc
    for item in items:
        if item == STDIN:
            continue
        if isinstance(item, (str, os.PathLike)) and not _is_text(item) and not _exists(item):
            raise InputError(f"no such file or folder: {item}")
    bases = key_bases(items)
    for i, item in enumerate(items):
        if item == STDIN:
            yield from read_stdin(fields=fields)
            continue
        if _is_text(item):
            source = f"<text:{hashlib.sha1(str(item).encode('utf-8', 'surrogatepass')).hexdigest()[:12]}>"
            yield RawDocument(doc_id_for(source), source, text=str(item), encoding="utf-8", fmt="txt")
            continue
        path = Path(item)
        if path.exists() and not os.access(path, os.R_OK):
            raise InputError(f"cannot read {path}: permission denied")
        for file in iter_paths(path):
            yield from read_under(file, bases[i], fields=fields, delimiter=delimiter)


def _exists(item: str | os.PathLike) -> bool:
    """True for an existing path, also a symbolic link that loops or points nowhere (read as a row with the reason)."""
    try:
        return os.path.lexists(item)
    except (OSError, ValueError):  # name too long, NUL byte: not a path
        return False


def _is_text(item: object) -> bool:
    return isinstance(item, str) and not _exists(item) and (len(item) > 4096 or any(c.isspace() for c in item))
