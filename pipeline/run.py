"""Orchestration: inputs → read → clean → nlp.pipe → rows → tables.

Each document is handled on its own: one that cannot be read or cleaned
becomes a ``documents`` row with its reason, and the run goes on.
"""

from __future__ import annotations

import datetime as dt
import gc
import os
import time
from collections import deque
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from functools import cache

import pandas as pd
from spacy.language import Language
from spacy.tokens import Doc

from pipeline.documents import Document, RawDocument
from pipeline.engines import pieces
from pipeline.engines.components import (
    CONTEXT_COMPONENT,
    RECORDS_COMPONENT,
    RunContext,
    RunRows,
    apply_context,
    rows_of,
)
from pipeline.engines.workers import stop_workers_on_signal
from pipeline.fingerprint import document_fingerprint, run_fingerprint
from pipeline.ingest.clean import clean
from pipeline.ingest.language import DEFAULT_LANGUAGES, detect, skip_reason
from pipeline.ingest.metadata import DateHints, Published, needs_corpus, parse_iso_date, settle_published
from pipeline.ingest.read import read_inputs
from pipeline.nlp import factories  # noqa: F401  (registers the run-only components)
from pipeline.records import document_row
from pipeline.values.locale import parse_locale
from pipeline.write import Tables, to_frame


class SettingsError(ValueError):
    """A setting given by the caller is not valid (named, with what was expected)."""


class StrictError(RuntimeError):
    """A document failed in a ``strict`` run (the run stops, nothing is written)."""


@dataclass
class RunSummary:
    """Counts of one run, for the one-line summary.

    ``seconds`` is the processing time only: from the moment the first input
    is read to the last row handed to the writer (or collected), the model
    already loaded; ``load_seconds`` is the model loading, shown apart.
    ``words`` counts the words of the clean texts analysed.
    """

    documents_ok: int = 0
    documents_failed: int = 0
    documents_skipped: int = 0
    documents_unchanged: int = 0
    mentions: int = 0
    words: int = 0
    seconds: float = 0.0
    load_seconds: float = 0.0
    started: float = field(default_factory=time.perf_counter)
    notes: list[str] = field(default_factory=list)

    def start(self) -> None:
        """Starts the processing clock (called once the model is loaded)."""
        self.started = time.perf_counter()

    def stop(self) -> None:
        self.seconds = time.perf_counter() - self.started

    def line(self) -> str:
        rate = self.words / self.seconds if self.seconds > 0 else 0.0
        unchanged = f", {self.documents_unchanged} unchanged" if self.documents_unchanged else ""
        load = f", model loaded in {self.load_seconds:.1f} s" if self.load_seconds else ""
        return (
            f"{self.documents_ok} documents ok, {self.documents_failed} failed, "
            f"{self.documents_skipped} skipped{unchanged}; {self.mentions} mentions; "
            f"{self.seconds:.1f} s processing, {rate:,.0f} words/s{load}"
        )


# Texts per ``nlp.pipe`` batch. Smaller batches keep the NER's per-batch arrays
# in the CPU cache: with es_core_news_sm + the news NER on MEANTIME (2-core AMD
# EPYC, 1 MB L2 per core) a run took 6.57-6.65 s at 16, 6.72-6.85 s at 32 and
# 6.86-7.24 s at 64 (240 documents, 4 runs each, identical tables); 8 was no
# faster than 16. spaCy's own default is 256.
BATCH_SIZE = 16
# Documents cleaned ahead of one whose year only the run's other documents can give (a dateline
# without a year, no other source): their dates join the evidence before it is settled.
CORPUS_LOOKAHEAD = 64
MIN_YEAR, MAX_YEAR = 1800, 2200


@cache
def default_nlp() -> Language:
    """The pipeline used when the caller gives none (loaded once per process)."""
    from pipeline.nlp.build import load

    return load()


def check_locale(value: object) -> str | None:
    """Validates a caller's number locale ("es-MX", "MX", "es", "auto"); None for auto."""
    try:
        parsed = parse_locale(value)
    except ValueError as exc:
        raise SettingsError(str(exc)) from exc
    return None if parsed is None else parsed.tag


def nlp_for(ner: str | os.PathLike | None) -> Language:
    """The pipeline with the names model ``ner`` (as `pipeline.load` takes it), loaded once per process."""
    from pipeline.nlp.build import DEFAULT_NER

    return default_nlp() if ner == DEFAULT_NER else _nlp_with(ner)


@cache
def _nlp_with(ner: str | os.PathLike | None) -> Language:
    from pipeline.nlp.build import load

    return load(ner=ner)


def check_reference_date(value: object) -> dt.date | None:
    """Validates a caller's reference date (ISO string or date); None passes through."""
    if value is None or value == "":
        return None
    parsed = parse_iso_date(value)
    if parsed is None:
        raise SettingsError(f"reference date {value!r} is not a date; expected YYYY-MM-DD")
    return parsed


def check_year(value: object) -> int | None:
    """Validates a caller's year for year-less datelines (an int or its digits); None passes through."""
    if value is None or value == "":
        return None
    try:
        year = int(str(value).strip())
    except ValueError:
        year = 0
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise SettingsError(f"year {value!r} is not a year; expected four digits between {MIN_YEAR} and {MAX_YEAR}")
    return year


def prepare(raw: RawDocument, hints: DateHints | None = None, *, settle: bool = True) -> Document:
    """Cleans a raw document and, unless ``settle`` is False, settles its date (`settle_date`)."""
    document = clean(raw)
    document.metadata["language"] = detect(document.text)[0]
    if settle:
        settle_date(document, hints or DateHints())
    return document


def settle_date(document: Document, hints: DateHints) -> None:
    """Sets the document's ``published``, ``published_from`` and ``published_reason`` from its metadata,
    its text and what the run knows (`pipeline.ingest.metadata.settle_published`), and adds a date
    that settles other documents to ``hints``."""
    published = settle_published(document.metadata, document.text, document.source, hints)
    document.metadata["published"] = published.date.isoformat() if published.date else None
    document.metadata["published_from"] = published.origin
    document.metadata["published_reason"] = published.reason
    hints.record(published)


def model_name(nlp: Language) -> str:
    """The model's name as written in the ``documents.model`` column."""
    return f"{nlp.meta.get('lang', 'es')}_{nlp.meta.get('name', '')}-{nlp.meta.get('version', '')}"


# How a document's date was settled when it may depend on the run's other documents (a year-less
# dateline completed from their dates): such a document is kept only if its date comes out the same.
SETTLED_BY_RUN = ("inferred", "none")


def run_options(
    reference_date: dt.date | None = None,
    year: int | None = None,
    languages: Collection[str] | None = DEFAULT_LANGUAGES,
    fields: Mapping[str, str] | None = None,
    delimiter: str | None = None,
    locale: str | None = None,
    nlp: Language | None = None,
) -> dict:
    """The options of a run that change its rows, for `pipeline.fingerprint.run_fingerprint`.

    With ``nlp``, the names model it was loaded with (``--model``, `pipeline.load`'s
    ``ner``; None for a pipeline built otherwise); its weights are hashed apart
    (`pipeline.fingerprint.model_digest`).
    """
    return {
        "reference_date": reference_date.isoformat() if reference_date else None,
        "year": year,
        "languages": sorted(languages) if languages is not None else "any",
        "fields": dict(fields) if fields else None,
        "delimiter": delimiter,
        "locale": locale,
        "ner": getattr(nlp, "_ner_choice", None),
    }


@dataclass
class _Pending:
    seq: int
    raw: RawDocument
    document: Document | None = None
    error: str | None = None
    status: str = "error"  # of a document that is not analysed: error, or skipped (language)
    kept: bool = False
    long: bool = False  # over the model's limit: analysed in pieces, in this process (`pieces`)
    waits: bool = False  # its date waits for the run's other documents (`settle_date`)
    published: dt.date | None = None
    fingerprint: str | None = None
    candidate: object = None  # the previous row's `Previous`, if kept once its date is settled the same


def process(
    raws: Iterable[RawDocument],
    nlp: Language,
    *,
    reference_date: dt.date | None = None,
    year: int | None = None,
    n_process: int = 1,
    batch_size: int = BATCH_SIZE,
    summary: RunSummary | None = None,
    known: Mapping[str, str] | None = None,
    kept: set[str] | None = None,
    languages: Collection[str] | None = DEFAULT_LANGUAGES,
    fingerprint: str | None = None,
    on_kept: Callable[[RawDocument], None] | None = None,
    keep_text: bool = False,
    locale: str | None = None,
) -> Iterator[tuple[dict, list[dict], list[dict]]]:
    """Yields ``(documents row, mention rows, entity rows)`` per input document, in input order.

    Documents are read, cleaned and analysed lazily, ``batch_size`` at a time,
    so memory does not grow with the number of inputs. With ``n_process`` > 1
    spaCy's worker processes analyse the texts and build the rows; this process
    reads, cleans and collects.

    Args:
        raws: The documents as read.
        nlp: A pipeline from `pipeline.load()`.
        reference_date: Date every relative date resolves against (else each
            document's own date).
        year: The year of the documents whose dateline gives none, where their
            text does not contradict it (`pipeline.ingest.metadata`).
        n_process: Processes for ``nlp.pipe``.
        batch_size: Texts per batch sent to ``nlp.pipe``.
        summary: Filled with the run's counts.
        known: ``doc_id → Previous`` (`pipeline.engines.previous`) of the
            documents a previous run analysed (incremental runs): an input with
            the same id and ``fingerprint`` is not analysed again (one whose
            date the run's other documents settle, only if it comes out the
            same), yields nothing, and its id is added to ``kept``.
        kept: Receives the ids of the documents skipped because of ``known``.
        languages: Languages to analyse (ISO 639-1); a document detected in
            another language is skipped with that reason. None: any.
        fingerprint: The run's fingerprint (`pipeline.fingerprint.run_fingerprint`):
            each documents row gets its `document_fingerprint` under it.
        on_kept: Called with each kept document at its place in input order
            (between the rows yielded for the documents before and after it).
        keep_text: Put the clean text (what ``start``/``end`` index) in each
            documents row as ``cleaned_text`` (not a column of the written tables).
        locale: Number locale of every document without its own ``locale``
            field ("es-MX"; `check_locale`); None: each decided from its evidence.
    """
    if locale is not None:
        raws = (replace(raw, metadata={**raw.metadata, "locale_given": locale}) for raw in raws)
    summary = summary if summary is not None else RunSummary()
    model = model_name(nlp)
    pending: deque[_Pending] = deque()
    failures: dict[int, str] = {}
    parent_pid = os.getpid()

    hints = DateHints(given=reference_date, year=year)
    taken: set[str] = set()  # ids kept so far: an id met twice is analysed the second time

    def cleaned(item: _Pending) -> _Pending:
        raw = item.raw
        if fingerprint is not None:
            item.fingerprint = document_fingerprint(raw, fingerprint)
        previous = known.get(raw.doc_id) if known is not None and raw.status == "ok" else None
        if previous is not None and previous.fingerprint == item.fingerprint and raw.doc_id not in taken:
            taken.add(raw.doc_id)
            if previous.published_from not in SETTLED_BY_RUN:  # its date is its own: kept as it is
                item.kept = True
                hints.record(Published(parse_iso_date(previous.published), previous.published_from))
                return item
            item.candidate = previous
        if raw.status == "ok":
            try:
                item.document = prepare(raw, settle=False)
            except Exception as exc:  # a bad document must not stop the run
                item.error = f"cannot clean the document: {exc}"
            else:
                if not item.document.text.strip():
                    item.error = "no article text left after cleaning"
                elif (reason := skip_reason(item.document.metadata.get("language"), languages)) is not None:
                    item.error, item.status = reason, "skipped"
        if item.document is not None and item.error is None:
            item.waits = needs_corpus(item.document.metadata, raw.source, hints, item.document.text)
            if not item.waits:
                settle_date(item.document, hints)
        return item

    def in_order() -> Iterator[_Pending]:
        # The inputs cleaned and dated, in input order; a document that waits for the run's
        # evidence is dated once up to CORPUS_LOOKAHEAD documents after it are cleaned.
        ahead: deque[_Pending] = deque()
        inputs = iter(enumerate(raws))
        for seq, raw in inputs:
            ahead.append(cleaned(_Pending(seq, raw)))
            while ahead and (not ahead[0].waits or len(ahead) > CORPUS_LOOKAHEAD):
                yield _dated(ahead.popleft())
        while ahead:
            yield _dated(ahead.popleft())

    def _dated(item: _Pending) -> _Pending:
        if item.waits:
            settle_date(item.document, hints)
        return item

    def feed() -> Iterator[tuple[str, RunContext]]:
        # Failed and kept documents still pass through nlp.pipe, as empty
        # texts, so that every input comes out once and in input order.
        for item in in_order():
            seq = item.seq
            pending.append(item)
            if item.document is None or item.error is not None:
                yield "", RunContext(seq, None, parent_pid=parent_pid)
                continue
            if item.candidate is not None and item.document.metadata.get("published") == item.candidate.published:
                item.kept = True  # its date, settled by the run's other documents, is the same as before
                yield "", RunContext(seq, None, parent_pid=parent_pid)
                continue
            item.published = parse_iso_date(item.document.metadata.get("published"))
            if pieces.is_long(nlp, item.document.text):
                item.long = True
                yield "", RunContext(seq, None, parent_pid=parent_pid)
                continue
            yield item.document.text, RunContext(seq, item.document, item.published, parent_pid)

    def finish(item: _Pending, rows: RunRows | None) -> Iterator[tuple[dict, list[dict], list[dict]]]:
        if item.kept:
            summary.documents_unchanged += 1
            if kept is not None:
                kept.add(item.raw.doc_id)
            if on_kept is not None:
                on_kept(item.raw)
            return
        raw, document, mentions, entities = item.raw, item.document, [], []
        if item.long and item.error is None:
            rows = _analyse_long(nlp, item, failures)
        if document is None or item.error is not None:
            status, error = (item.status if item.error is not None else raw.status), item.error
        elif rows is None:  # dropped by the error handler: a component failed on it
            reason = failures.pop(item.seq, None)
            status, error = "error", "the NLP pipeline failed on this document" + (f" ({reason})" if reason else "")
        else:
            status, error, mentions, entities = "ok", None, rows.mentions, rows.entities
        row = document_row(raw, document, n_mentions=len(mentions), model=model, status=status, error=error)
        row.update(rows.document if rows is not None and status == "ok" else {})
        row["fingerprint"] = item.fingerprint
        if keep_text:
            row["cleaned_text"] = document.text if document is not None else None
        _count(summary, row, len(mentions))
        yield row, mentions, entities

    with _run_components(nlp, failures), gc_frozen(), stop_workers_on_signal():
        stream = nlp.pipe(feed(), as_tuples=True, n_process=n_process, batch_size=batch_size)
        for _, rows in stream:
            while pending[0].seq != rows.seq:
                yield from finish(pending.popleft(), None)
            yield from finish(pending.popleft(), rows)
        while pending:
            yield from finish(pending.popleft(), None)
    summary.stop()


def _analyse_long(nlp: Language, item: _Pending, failures: dict[int, str]) -> RunRows | None:
    """The rows of a document over the model's limit, analysed in pieces here; None (reason in ``failures``) if it fails."""
    document = item.document

    def prepare(doc: Doc) -> None:
        apply_context(doc, document, item.published)

    try:
        doc = pieces.analyse_in_pieces(nlp, document.text, prepare, skip=(CONTEXT_COMPONENT, RECORDS_COMPONENT))
        return rows_of(doc, item.seq, document)
    except Exception as exc:  # a bad document must not stop the run
        failures[item.seq] = f"{type(exc).__name__}: {exc}"
        return None


@contextmanager
def _run_components(nlp: Language, failures: dict[int, str]) -> Iterator[None]:
    """Adds the run-only components and an error handler for the length of a run, then restores ``nlp``."""
    added = []
    if CONTEXT_COMPONENT not in nlp.pipe_names:
        nlp.add_pipe(CONTEXT_COMPONENT, first=True)
        added.append(CONTEXT_COMPONENT)
    if RECORDS_COMPONENT not in nlp.pipe_names:
        nlp.add_pipe(RECORDS_COMPONENT, last=True)
        added.append(RECORDS_COMPONENT)
    previous = nlp.default_error_handler

    def record_failure(name: str, proc: object, docs: list[Doc], exc: Exception) -> None:
        for doc in docs:
            if isinstance(doc._context, RunContext):
                failures[doc._context.seq] = f"{name}: {exc}"

    # The default handler serves the components without their own (ours, in
    # Python): one of them failing on a document drops that document, which
    # then gets an error row. (``nlp.set_error_handler`` is not used: spaCy
    # 3.8's ``ner`` cannot store one.)
    nlp.default_error_handler = record_failure
    try:
        yield
    finally:
        nlp.default_error_handler = previous
        for name in added:
            if name in nlp.pipe_names:
                nlp.remove_pipe(name)


@contextmanager
def gc_frozen() -> Iterator[None]:
    """Keeps the objects alive before a run (the loaded model, the word tables) out of the garbage collector's scans.

    They live as long as the run anyway; without this every full collection
    walks them all again (``gc.freeze``; spaCy's worker processes inherit
    it). Objects made during the run are collected as usual. Left alone if
    the caller froze objects already.
    """
    if gc.get_freeze_count():
        yield
        return
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


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


def extract(
    inputs: Iterable[str | os.PathLike] | str | os.PathLike,
    *,
    reference_date: str | dt.date | None = None,
    year: int | str | None = None,
    nlp: Language | None = None,
    n_process: int = 1,
    summary: RunSummary | None = None,
    fields: Mapping[str, str] | None = None,
    delimiter: str | None = None,
    languages: Collection[str] | None = DEFAULT_LANGUAGES,
    strict: bool = False,
    cleaned_text: bool = False,
    locale: str | None = None,
) -> Tables:
    """Runs the pipeline over paths, folders or texts and returns the four tables.

    ``corpus_entities`` and the ``entity_id`` columns come from the corpus pass
    over all the documents (`pipeline.corpus`).

    Args:
        inputs: Files, folders (walked recursively) or texts.
        reference_date: Date every document's relative dates resolve against
            (otherwise each document's own date is found).
        year: The year of the documents whose dateline has none ("MADRID, 3 mar
            (EFE)"), taken where the text does not contradict it.
        nlp: A pipeline from `pipeline.load()`; the default one if None.
        n_process: Processes for ``nlp.pipe``.
        summary: Filled with the run's counts if given.
        fields: ``role → column`` names for JSONL/JSON/CSV/Parquet rows
            (roles: text, title, date, url, id); usual names otherwise.
        delimiter: The delimiter of CSV/TSV files: ``","``, ``";"``,
            ``"tab"``, … (told from the header line if None).
        languages: Languages to read (ISO 639-1); others are skipped. None
            reads every language.
        strict: Stop at the first document that fails (`StrictError`).
        cleaned_text: Add a ``cleaned_text`` column to ``documents``: the
            text after cleaning, which the mentions' ``start``/``end`` index
            (``text[start:end] == mention``). For looking, in a notebook: the
            written tables leave it out.
        locale: Number conventions of every document without a ``locale``
            field of its own: ``"es-MX"``, ``"es-ES"``, … (or the country code
            alone), ``"es"`` for the neutral rule; None or ``"auto"``: decided
            per document from its evidence (docs/locale.md).
    """
    if isinstance(inputs, (str, os.PathLike)):
        inputs = [inputs]
    given = check_reference_date(reference_date)
    year = check_year(year)
    locale = check_locale(locale)
    if nlp is None:
        loading = time.perf_counter()
        nlp = default_nlp()
        if summary is not None:
            summary.load_seconds = time.perf_counter() - loading
    if summary is not None:
        summary.start()
    documents, mentions, entities = [], [], []
    fingerprint = run_fingerprint(nlp, run_options(given, year, languages, fields, delimiter, locale, nlp))
    for doc_row, mention_list, entity_list in process(
        read_inputs(inputs, fields=fields, delimiter=delimiter),
        nlp,
        reference_date=given,
        year=year,
        n_process=n_process,
        summary=summary,
        languages=languages,
        fingerprint=fingerprint,
        keep_text=cleaned_text,
        locale=locale,
    ):
        check_strict(doc_row, strict)
        documents.append(doc_row)
        mentions.extend(mention_list)
        entities.extend(entity_list)
    frame = to_frame("documents", documents)
    if cleaned_text:
        frame["cleaned_text"] = pd.array([row.get("cleaned_text") for row in documents], dtype="string")
    return Tables(frame, to_frame("mentions", mentions), to_frame("entities", entities))


def check_strict(doc_row: dict, strict: bool) -> None:
    """Raises `StrictError` for a failed document when the run is ``strict``."""
    if strict and doc_row["status"] == "error":
        raise StrictError(f"{doc_row['source']}: {doc_row['error']}")


def extract_text(
    text: str,
    *,
    reference_date: str | dt.date | None = None,
    year: int | str | None = None,
    nlp: Language | None = None,
    locale: str | None = None,
) -> pd.DataFrame:
    """The ``mentions`` table of one text.

    Args:
        text: The article (plain text or markdown).
        reference_date: Date its relative dates resolve against (else the date its dateline gives).
        year: The year of a dateline that gives none, where the text does not contradict it.
        nlp: A pipeline from `pipeline.load()`; the default one if None.
        locale: Its number conventions, as for `extract` (None: decided from the text).
    """
    if not isinstance(text, str):
        raise TypeError(
            f"extract_text takes one text (a str), not {type(text).__name__}; for many texts or files use pipeline.extract"
        )
    raw = RawDocument("text", "<text>", text=text, encoding="utf-8", fmt="txt")
    given, year, locale = check_reference_date(reference_date), check_year(year), check_locale(locale)
    documents, mentions, entities = [], [], []
    for doc_row, mention_list, entity_list in process(
        [raw], nlp or default_nlp(), reference_date=given, year=year, languages=None, locale=locale
    ):
        documents.append(doc_row)
        mentions.extend(mention_list)
        entities.extend(entity_list)
    return Tables(to_frame("documents", documents), to_frame("mentions", mentions), to_frame("entities", entities)).mentions
