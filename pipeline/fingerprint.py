"""What a document's rows depend on, hashed, so that ``--incremental`` is never stale.

A document's rows are a function of:

- its own input: the text as read, the container's metadata (title, date,
  url of a JSONL row or an HTML page), its kind (txt, md, html, …), a reading
  warning, and its file name (a date in it dates the document);
- the run's **fingerprint** (`run_fingerprint`): the package version, the
  package's code and data tables (every ``.py`` file of ``pipeline/`` and every
  file under ``pipeline/lang/``), the weights and settings of the spaCy
  pipeline as loaded (each enabled component's serialised bytes, the
  tokenizer's rules, the config), the versions of the libraries that read,
  clean and analyse the text, and the run options that change rows
  (reference date, year, languages, field names, CSV delimiter, number
  locale, the names model chosen);
- the documents' dates in the rest of the run, only for a document whose year
  comes from them: that is checked apart, by comparing its settled date with
  the previous one (`pipeline.run.process`).

`document_fingerprint` combines the first two into the ``documents.fingerprint``
column. An incremental run keeps a previous ``ok`` row only when its ``doc_id``
and ``fingerprint`` are the current ones: editing one data table or retraining
the model changes every fingerprint (every document is analysed again); editing
one file changes only its own.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Iterable, Mapping
from importlib import metadata as importlib_metadata
from pathlib import Path

from spacy.language import Language

from pipeline.documents import RawDocument
from pipeline.schema import PIPELINE_VERSION

PACKAGE_DIR = Path(__file__).resolve().parent
# Data read by the components (every file under it counts, not only the .tsv tables).
LANG_DIR = PACKAGE_DIR / "lang"
# Code that never runs in an extraction: its edits do not reprocess a corpus.
CODE_LEFT_OUT = ("evaluate", "models", "__pycache__")
# Libraries whose version can change what is read, cleaned or found.
DEPENDENCIES = ("spacy", "thinc", "trafilatura", "ftfy", "charset-normalizer", "py3langid", "text2num", "babel")
# Components added for the length of a run only (`pipeline.run._run_components`): never part of the fingerprint.
RUN_ONLY = ("es_run_context", "es_run_records")


def _digest(parts: Iterable[bytes | str]) -> str:
    h = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8", "surrogatepass") if isinstance(part, str) else part
        h.update(len(data).to_bytes(8, "little"))
        h.update(data)
    return h.hexdigest()


def files_digest(folder: Path, *, suffixes: tuple[str, ...] | None = None, left_out: tuple[str, ...] = ()) -> str:
    """Hash of the relative names and bytes of the files under ``folder`` (sorted, so the walk order does not matter)."""
    found = []
    for dirpath, dirnames, filenames in os.walk(folder):
        dirnames[:] = sorted(d for d in dirnames if d not in left_out)
        for name in filenames:
            if suffixes is None or name.endswith(suffixes):
                found.append(Path(dirpath, name))
    parts: list[bytes | str] = []
    for path in sorted(found, key=lambda p: p.relative_to(folder).as_posix()):
        parts += [path.relative_to(folder).as_posix(), path.read_bytes()]
    return _digest(parts)


def code_digest() -> str:
    """The package's code (its ``.py`` files, evaluation and training left out) and its data tables."""
    return _digest(
        [
            files_digest(PACKAGE_DIR, suffixes=(".py",), left_out=CODE_LEFT_OUT),
            files_digest(LANG_DIR, left_out=("__pycache__",)),
        ]
    )


def _version(name: str) -> str:
    try:
        return importlib_metadata.version(name)
    except importlib_metadata.PackageNotFoundError:
        return "-"


def model_digest(nlp: Language) -> str:
    """The spaCy pipeline as it will run: enabled components in order, each one's serialised
    weights and settings (its vocabulary left out: it grows as texts are read), the tokenizer's
    rules and the config. Kept on ``nlp`` while its components stay the same objects."""
    names = [name for name in nlp.pipe_names if name not in RUN_ONLY]
    key = (tuple(names), tuple(id(nlp.get_pipe(name)) for name in names), id(nlp.tokenizer))
    cached = getattr(nlp, "_pipeline_fingerprint", None)
    if cached is not None and cached[0] == key:
        return cached[1]
    parts: list[bytes | str] = [nlp.lang or "", json.dumps(names)]
    for name in names:
        proc = nlp.get_pipe(name)
        parts.append(name)
        parts.append(json.dumps(nlp.get_pipe_config(name), sort_keys=True, default=str))
        if hasattr(proc, "to_bytes"):
            try:
                parts.append(proc.to_bytes(exclude=["vocab"]))
            except (TypeError, NotImplementedError):
                parts.append(proc.to_bytes())
    parts.append(nlp.tokenizer.to_bytes(exclude=["vocab"]))
    digest = _digest(parts)
    nlp._pipeline_fingerprint = (key, digest)
    return digest


def run_fingerprint(nlp: Language, options: Mapping[str, object] | None = None) -> str:
    """The fingerprint of everything besides the document itself that shapes its rows (module doc).

    ``options`` are the run's settings that change rows, by name (None values
    are left out, so adding an option later keeps the old fingerprints when it
    is not used).
    """
    settings = {k: _plain(v) for k, v in sorted((options or {}).items()) if v is not None}
    return _digest(
        [
            PIPELINE_VERSION,
            code_digest(),
            model_digest(nlp),
            json.dumps({name: _version(name) for name in DEPENDENCIES}, sort_keys=True),
            json.dumps(settings, sort_keys=True, default=str),
        ]
    )


def _plain(value: object) -> object:
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in sorted(value.items())}
    if isinstance(value, (set, frozenset)):
        return sorted(map(str, value))
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value if isinstance(value, (int, float, str, bool)) else str(value)


def file_name(source: str) -> str:
    """The file name in a source (``corpus/a.txt`` → ``a.txt``, ``data/x.jsonl#7`` → ``x.jsonl#7``)."""
    return re.split(r"[\\/]", source)[-1]


def document_fingerprint(raw: RawDocument, run: str) -> str:
    """The ``documents.fingerprint`` of one input under a run fingerprint (module doc)."""
    meta = json.dumps(raw.metadata, sort_keys=True, default=str)
    return _digest([run, raw.sha256, raw.fmt, file_name(raw.source), meta, raw.status, raw.error or ""])[:32]
