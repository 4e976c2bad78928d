"""Inputs → RawDocuments: files, folders and texts, decoded, one per document.

A file that cannot be used still gives a RawDocument, with ``status`` and a
readable ``error``, so every input has its row in the ``documents`` table.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from pipeline.documents import RawDocument

TEXT_SUFFIXES = {".txt": "txt", ".md": "md", ".markdown": "md", ".text": "txt"}
MAX_BYTES = 20_000_000


class InputError(Exception):
    """A path given by the user that cannot be read at all (missing, no permission)."""


def doc_id_for(source: str) -> str:
    """Stable id from the source (path or row), independent of run order."""
    return hashlib.sha1(source.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def decode(data: bytes) -> tuple[str, str]:
    """Bytes → (text, encoding). UTF-8 (with or without BOM) first, then detection."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "utf-16"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise UnicodeDecodeError("unknown", data[:1], 0, 1, "no text encoding fits these bytes")
    return str(best), best.encoding


def read_file(path: Path, source: str | None = None) -> RawDocument:
    """One text file → RawDocument (an error row if it cannot be used)."""
    source = source or str(path)
    doc_id = doc_id_for(source)
    fmt = TEXT_SUFFIXES.get(path.suffix.lower())
    if fmt is None:
        return RawDocument(doc_id, source, status="skipped", fmt=path.suffix.lstrip(".") or "none",
                           error=f"unsupported file type {path.suffix or '(no extension)'!r}")
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            return RawDocument(doc_id, source, status="error", fmt=fmt,
                               error=f"file too large ({size} bytes; the limit is {MAX_BYTES})")
        data = path.read_bytes()
    except OSError as exc:
        return RawDocument(doc_id, source, status="error", fmt=fmt, error=f"cannot read file: {exc.strerror or exc}")
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return RawDocument(doc_id, source, status="error", fmt=fmt, error="binary file, not text")
    try:
        text, encoding = decode(data)
    except UnicodeDecodeError:
        return RawDocument(doc_id, source, status="error", fmt=fmt, error="cannot decode the file as text")
    if not text.strip():
        return RawDocument(doc_id, source, text=text, encoding=encoding, status="error", fmt=fmt,
                           error="empty document (no text)")
    return RawDocument(doc_id, source, text=text, encoding=encoding, fmt=fmt)


def iter_paths(path: Path) -> Iterator[Path]:
    """Files under ``path`` in sorted order, recursively, without following symlinked folders."""
    if path.is_file():
        yield path
        return
    for root, dirs, files in os.walk(path, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith("."):
                yield Path(root) / name


def read_inputs(inputs: Iterable[str | os.PathLike]) -> Iterator[RawDocument]:
    """Paths, folders or texts → RawDocuments, lazily.

    A string that is not an existing path and contains whitespace is taken as
    a text. A path that does not exist raises `InputError` before anything is
    read, so a typo on the command line is one clear line.
    """
    items = list(inputs)
    for item in items:
        if isinstance(item, (str, os.PathLike)) and not _is_text(item) and not _exists(item):
            raise InputError(f"no such file or folder: {item}")
    for item in items:
        if _is_text(item):
            source = f"<text:{hashlib.sha1(str(item).encode('utf-8', 'surrogatepass')).hexdigest()[:12]}>"
            yield RawDocument(doc_id_for(source), source, text=str(item), encoding="utf-8", fmt="txt")
            continue
        path = Path(item)
        if not os.access(path, os.R_OK):
            raise InputError(f"cannot read {path}: permission denied")
        for file in iter_paths(path):
            yield read_file(file)


def _exists(item: str | os.PathLike) -> bool:
    try:
        return Path(item).exists()
    except (OSError, ValueError):  # name too long, NUL byte: not a path
        return False


def _is_text(item: object) -> bool:
    return isinstance(item, str) and not _exists(item) and (len(item) > 4096 or any(c.isspace() for c in item))
