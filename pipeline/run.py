"""Orchestration: inputs → read → clean → nlp.pipe → rows → tables.

Each document is handled on its own: one that cannot be read or cleaned
becomes a ``documents`` row with its reason, and the run goes on.
"""

from __future__ import annotations

import datetime as dt
import os
import time
from collections.abc import Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache

import pandas as pd
from spacy.language import Language
from spacy.tokens import Doc

from pipeline.documents import Document, RawDocument
from pipeline.ingest.clean import clean
from pipeline.ingest.language import DEFAULT_LANGUAGES, detect, skip_reason
from pipeline.ingest.metadata import choose_reference_date, parse_iso_date
from pipeline.ingest.read import read_inputs
from pipeline.records import document_row, entity_rows, mention_rows
from pipeline.write import Tables, to_frame


class SettingsError(ValueError):
    """A setting given by the caller is not valid (named, with what was expected)."""


class StrictError(RuntimeError):
    """A document failed in a ``strict`` run (the run stops, nothing is written)."""


@dataclass
class RunSummary:
    """Counts of one run, for the one-line summary."""

    documents_ok: int = 0
    documents_failed: int = 0
    documents_skipped: int = 0
    mentions: int = 0
    words: int = 0
    seconds: float = 0.0
    started: float = field(default_factory=time.perf_counter)

    def line(self) -> str:
        rate = self.words / self.seconds if self.seconds > 0 else 0.0
        return (f"{self.documents_ok} documents ok, {self.documents_failed} failed, "
                f"{self.documents_skipped} skipped; {self.mentions} mentions; "
                f"{self.seconds:.1f} s; {rate:,.0f} words/s")


@cache
def default_nlp() -> Language:
    """The pipeline used when the caller gives none (loaded once per process)."""
    from pipeline.nlp.build import load

    return load()


def check_reference_date(value: object) -> dt.date | None:
    """Validates a caller's reference date (ISO string or date); None passes through."""
    if value is None or value == "":
        return None
    parsed = parse_iso_date(value)
    if parsed is None:
        raise SettingsError(f"reference date {value!r} is not a date; expected YYYY-MM-DD")
    return parsed


def prepare(raw: RawDocument, reference_date: dt.date | None) -> Document:
    """Cleans a raw document and settles its reference date."""
    document = clean(raw)
    document.metadata["language"] = detect(document.text)[0]
    published, origin = choose_reference_date(document.metadata, document.text, raw.source, reference_date)
    document.metadata["published"] = published.isoformat() if published else None
    document.metadata["published_from"] = origin
    return document


def process(
    raws: Iterable[RawDocument],
    nlp: Language,
    *,
    reference_date: dt.date | None = None,
    n_process: int = 1,
    batch_size: int = 64,
    summary: RunSummary | None = None,
    languages: Collection[str] | None = DEFAULT_LANGUAGES,
) -> Iterator[tuple[dict, list[dict], list[dict]]]:
    """Yields ``(documents row, mention rows, entity rows)`` per input document, in input order.

    Documents whose detected language is not in ``languages`` (None: any)
    are skipped with that reason.
    """
    summary = summary or RunSummary()
    model = f"{nlp.meta.get('lang', 'es')}_{nlp.meta.get('name', '')}-{nlp.meta.get('version', '')}"

    def docs_with_context() -> Iterator[tuple[Doc, tuple[RawDocument, Document | None, str | None, str]]]:
        # Documents that failed still pass through nlp.pipe, as empty Docs, so
        # that every input comes out once and in input order.
        for raw in raws:
            document, error, status = None, None, "error"
            if raw.status == "ok":
                try:
                    document = prepare(raw, reference_date)
                except Exception as exc:  # a bad document must not stop the run
                    error = f"cannot clean the document: {exc}"
                else:
                    if not document.text.strip():
                        error = "no article text left after cleaning"
                    elif (reason := skip_reason(document.metadata.get("language"), languages)) is not None:
                        error, status = reason, "skipped"
            if document is None or error is not None:
                yield nlp.make_doc(""), (raw, document, error, status)
                continue
            doc = nlp.make_doc(document.text)
            doc._.reference_date = parse_iso_date(document.metadata.get("published"))
            doc._.doc_id = document.doc_id
            yield doc, (raw, document, None, "ok")

    stream = nlp.pipe(docs_with_context(), as_tuples=True, n_process=n_process, batch_size=batch_size)
    for doc, (raw, document, error, status) in stream:
        if document is None or error is not None:
            status = status if error is not None else raw.status
            row = document_row(raw, document, model=model, status=status, error=error)
            _count(summary, row, 0)
            yield row, [], []
            continue
        mentions = mention_rows(doc, document)
        row = document_row(raw, document, n_mentions=len(mentions), model=model, status="ok")
        _count(summary, row, len(mentions))
        yield row, mentions, entity_rows(mentions)


def _count(summary: RunSummary, row: dict, n_mentions: int) -> None:
    status = row["status"]
    if status == "ok":
        summary.documents_ok += 1
    elif status == "skipped":
        summary.documents_skipped += 1
    else:
        summary.documents_failed += 1
    summary.mentions += n_mentions
    summary.words += row["n_words"] or 0
    summary.seconds = time.perf_counter() - summary.started


def extract(
    inputs: Iterable[str | os.PathLike] | str | os.PathLike,
    *,
    reference_date: str | dt.date | None = None,
    nlp: Language | None = None,
    n_process: int = 1,
    summary: RunSummary | None = None,
    fields: Mapping[str, str] | None = None,
    languages: Collection[str] | None = DEFAULT_LANGUAGES,
    strict: bool = False,
) -> Tables:
    """Runs the pipeline over paths, folders or texts and returns the three tables.

    Args:
        inputs: Files, folders (walked recursively) or texts.
        reference_date: Date every document's relative dates resolve against
            (otherwise each document's own date is found).
        nlp: A pipeline from `pipeline.load()`; the default one if None.
        n_process: Processes for ``nlp.pipe``.
        summary: Filled with the run's counts if given.
        fields: ``role → column`` names for JSONL/JSON/CSV/Parquet rows
            (roles: text, title, date, url, id); usual names otherwise.
        languages: Languages to read (ISO 639-1); others are skipped. None
            reads every language.
        strict: Stop at the first document that fails (`StrictError`).
    """
    if isinstance(inputs, (str, os.PathLike)):
        inputs = [inputs]
    given = check_reference_date(reference_date)
    nlp = nlp or default_nlp()
    documents, mentions, entities = [], [], []
    for doc_row, mention_list, entity_list in process(
        read_inputs(inputs, fields=fields), nlp, reference_date=given, n_process=n_process, summary=summary,
        languages=languages,
    ):
        if strict and doc_row["status"] == "error":
            raise StrictError(f"{doc_row['source']}: {doc_row['error']}")
        documents.append(doc_row)
        mentions.extend(mention_list)
        entities.extend(entity_list)
    return Tables(to_frame("documents", documents), to_frame("mentions", mentions), to_frame("entities", entities))


def extract_text(text: str, *, reference_date: str | dt.date | None = None, nlp: Language | None = None) -> pd.DataFrame:
    """The ``mentions`` table of one text."""
    raw = RawDocument("text", "<text>", text=text, encoding="utf-8", fmt="txt")
    given = check_reference_date(reference_date)
    rows = []
    for _, mention_list, _ in process([raw], nlp or default_nlp(), reference_date=given, languages=None):
        rows.extend(mention_list)
    return to_frame("mentions", rows)
