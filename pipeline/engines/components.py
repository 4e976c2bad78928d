"""Two run-only spaCy components that let ``nlp.pipe(n_process=N)`` carry our data.

``nlp.pipe(..., as_tuples=True)`` hands each text's context to the worker
process as ``doc._context``. The first component sets the Doc extensions the
rules need from it (a ``datetime.date`` cannot travel inside a serialised
Doc: spaCy's ``Doc.to_bytes`` fails on it). The last one builds the table rows
in the worker, where the Doc already is, and returns an empty Doc carrying
only those rows, so the parent process neither copies nor rebuilds any Doc.

They are added by `pipeline.run.process` for the length of a run and pass any
Doc without such a context through untouched; their factories are registered
with the others in `pipeline.nlp.factories`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from spacy.tokens import Doc

from pipeline.documents import Document
from pipeline.engines.blas import use_fast_kernels
from pipeline.engines.workers import dies_with_parent
from pipeline.nlp.figures import apply_locale_hints, locale_columns
from pipeline.nlp.spans import TEXT_KEY
from pipeline.records import entity_rows, mention_rows

CONTEXT_COMPONENT = "es_run_context"
RECORDS_COMPONENT = "es_run_records"


@dataclass(frozen=True)
class RunContext:
    """What travels with one text through ``nlp.pipe``: its place in the run and its Document."""

    seq: int
    document: Document | None  # None: nothing to analyse (the document failed or is kept)
    reference_date: dt.date | None = None
    parent_pid: int | None = None  # the run's process: a worker process dies with it


@dataclass(frozen=True)
class RunRows:
    """What comes back: the rows of one document, and the columns of its ``documents`` row the analysis decides."""

    seq: int
    mentions: list[dict] = field(default_factory=list)
    entities: list[dict] = field(default_factory=list)
    document: dict = field(default_factory=dict)


def apply_context(doc: Doc, document: Document, reference_date: dt.date | None) -> None:
    """Sets on ``doc`` what the rule components need from its Document."""
    doc._.reference_date = reference_date
    doc._.doc_id = document.doc_id
    doc._.dateline_places = tuple(tuple(span) for span in document.metadata.get("dateline_places") or ())
    doc._.dateline_country = document.metadata.get("dateline_country")
    # The Doc was made from this very text (spaCy keeps every character), so
    # `spans.doc_text` need not rebuild it token by token.
    doc.user_data[TEXT_KEY] = document.text
    apply_locale_hints(doc, document.metadata)


def rows_of(doc: Doc, seq: int, document: Document) -> RunRows:
    """The rows of one analysed document."""
    mentions = mention_rows(doc, document)
    return RunRows(seq, mentions, entity_rows(mentions), locale_columns(doc))


def set_run_context(doc: Doc) -> Doc:
    context = doc._context
    if isinstance(context, RunContext):
        dies_with_parent(context.parent_pid)
        use_fast_kernels()  # a spawned worker; a forked one has it from its parent already
        if context.document is not None:
            apply_context(doc, context.document, context.reference_date)
    return doc


def build_run_rows(doc: Doc) -> Doc:
    context = doc._context
    if not isinstance(context, RunContext):
        return doc
    rows = RunRows(context.seq) if context.document is None else rows_of(doc, context.seq, context.document)
    empty = Doc(doc.vocab, words=[])
    empty._context = rows
    return empty
