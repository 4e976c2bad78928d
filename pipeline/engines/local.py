"""The local engine: inputs → `run.process` (``nlp.pipe``, ``n_process`` workers) → `write.TableWriter`.

Nothing is collected: each document's rows go to the writer as they come, so
memory stays flat whatever the size of the corpus.
"""

from __future__ import annotations

import datetime as dt
import itertools
import os
import time
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping

from spacy.language import Language

from pipeline import run as runner
from pipeline.corpus import is_document_entity
from pipeline.documents import RawDocument
from pipeline.engines.previous import KeptRows, Previous, file_columns, previous_format, read_previous
from pipeline.fingerprint import run_fingerprint
from pipeline.ingest.language import DEFAULT_LANGUAGES
from pipeline.ingest.read import read_inputs
from pipeline.nlp.build import DEFAULT_NER
from pipeline.run import BATCH_SIZE, RunSummary, check_strict, process, run_options
from pipeline.schema import DOCUMENT_TABLES
from pipeline.write import TableWriter


def open_inputs(
    inputs: Iterable[str | os.PathLike], fields: Mapping[str, str] | None = None, delimiter: str | None = None
) -> Iterator[RawDocument]:
    """`read_inputs`, with its checks of the paths done now (before any output is touched)."""
    raws = read_inputs(inputs, fields=fields, delimiter=delimiter)
    first = next(raws, None)
    return raws if first is None else itertools.chain([first], raws)


def load_nlp(nlp: Language | None, summary: RunSummary, ner: str | os.PathLike | None = DEFAULT_NER) -> Language:
    """The given pipeline, or the one with the names model ``ner`` with its loading time noted in ``summary``."""
    if nlp is not None:
        return nlp
    loading = time.perf_counter()
    nlp = runner.nlp_for(ner)
    summary.load_seconds = time.perf_counter() - loading
    return nlp


def previous_documents(out_dir: str | os.PathLike, summary: RunSummary) -> dict[str, Previous] | None:
    """``doc_id → Previous`` (fingerprint, date, place) of the ``ok`` documents of the previous run in ``out_dir``.

    Whether one is kept is decided against the current run's fingerprints
    (`pipeline.run.process`). Failed documents are tried again, and so are
    those whose rows in the previous tables do not add up to their
    ``n_mentions`` (rows lost to an earlier version's crash, or edited by hand),
    since keeping them would keep their loss for good.
    None (and a note in ``summary``) if ``out_dir`` holds no previous tables.
    """
    if previous_format(out_dir) is None:
        summary.notes.append(f"no previous tables in {out_dir}: every document is processed")
        return None
    if "fingerprint" not in file_columns(out_dir, "documents"):
        summary.notes.append(
            f"the previous tables in {out_dir} have no fingerprints (an earlier version): every document is processed"
        )
        return {}
    known, expected = {}, {}
    needed = ["doc_id", "fingerprint", "status", "published", "published_from", "n_mentions"]
    position = 0
    for block in read_previous(out_dir, "documents", columns=needed):
        for row in block.to_pylist():
            if row["status"] == "ok" and row["fingerprint"]:
                known[row["doc_id"]] = Previous(row["fingerprint"], row["published"], row["published_from"], position)
                expected[row["doc_id"]] = row["n_mentions"] or 0
            position += 1
    mentions, in_entities, entities = previous_mention_counts(out_dir)
    broken = [
        doc_id
        for doc_id, n in expected.items()
        if mentions.get(doc_id, 0) != n or entities.get(doc_id, 0) != in_entities.get(doc_id, 0)
    ]
    for doc_id in broken:
        del known[doc_id]
    if broken:
        summary.notes.append(
            f"{len(broken)} of the previous documents have rows that do not add up to their "
            "n_mentions in the previous tables: processed again"
        )
    return known


def previous_mention_counts(out_dir: str | os.PathLike) -> tuple[Counter, Counter, Counter]:
    """Per ``doc_id``: its rows in the previous ``mentions``, those of them that are entities of the
    document (all but a dateline's agency: `corpus.is_document_entity`), and the sum of ``n_mentions``
    in its ``entities``."""
    mentions: Counter = Counter()
    in_entities: Counter = Counter()
    for block in read_previous(out_dir, "mentions", columns=["doc_id", "section", "label"]):
        for row in block.to_pylist():
            mentions[row["doc_id"]] += 1
            in_entities[row["doc_id"]] += is_document_entity(row)
    entities: Counter = Counter()
    for block in read_previous(out_dir, "entities", columns=["doc_id", "n_mentions"]):
        sums = block.group_by("doc_id").aggregate([("n_mentions", "sum")]).to_pydict()
        entities.update(dict(zip(sums["doc_id"], sums["n_mentions_sum"], strict=True)))
    return mentions, in_entities, entities


def copy_kept_rows(out_dir: str | os.PathLike, kept: set[str], writer: TableWriter) -> None:
    """Copies the rows of the unchanged documents from the previous tables into the new ones."""
    if not kept:
        return
    for table in DOCUMENT_TABLES:
        for block in read_previous(out_dir, table, kept):
            writer.add_arrow(table, block)


def run(
    inputs: Iterable[str | os.PathLike],
    out_dir: str | os.PathLike,
    *,
    formats: Iterable[str] = ("csv", "parquet"),
    nlp: Language | None = None,
    ner: str | os.PathLike | None = DEFAULT_NER,
    reference_date: dt.date | None = None,
    year: int | None = None,
    n_process: int = 1,
    batch_size: int = BATCH_SIZE,
    incremental: bool = False,
    parquet_dataset: bool = False,
    on_document: Callable[[int], None] | None = None,
    summary: RunSummary | None = None,
    fields: Mapping[str, str] | None = None,
    delimiter: str | None = None,
    languages: Collection[str] | None = DEFAULT_LANGUAGES,
    strict: bool = False,
    locale: str | None = None,
) -> RunSummary:
    """Runs the pipeline over ``inputs`` and writes the tables to ``out_dir``, streaming.

    Args:
        inputs: Files, folders (walked recursively) or texts.
        out_dir: Output folder; the previous tables there are replaced at the end.
        formats: Any of ``csv``, ``parquet``, ``jsonl``.
        nlp: A pipeline from `pipeline.load()`; if None, the one with the names model ``ner``.
        ner: The names model when ``nlp`` is None, as `pipeline.load` takes it
            (``"news"``, ``"base"`` or the path of a spaCy pipeline).
        reference_date: Date every relative date resolves against.
        year: The year of documents whose dateline gives none (`pipeline.run.process`).
        n_process: Processes for ``nlp.pipe``.
        batch_size: Texts per ``nlp.pipe`` batch.
        incremental: Keep the rows of the documents whose ``doc_id`` and
            ``fingerprint`` (their input, the model, the data tables, the code,
            the options: `pipeline.fingerprint`) match an ``ok`` row of the
            previous tables in ``out_dir`` instead of analysing them again;
            their rows are copied at their place in input order.
        parquet_dataset: Write Parquet as ``<table>/part-*.parquet`` datasets.
        on_document: Called with 1 after each document (a progress bar).
        summary: Filled with the run's counts.
        fields: ``role → column`` names for JSONL/JSON/CSV/Parquet rows.
        delimiter: The delimiter of CSV/TSV files (told from the header if None).
        languages: Languages to analyse (ISO 639-1); None: any.
        strict: Stop at the first document that fails (`run.StrictError`);
            nothing is written.
        locale: Number locale of the documents without their own (`run.check_locale`); None: from each one's evidence.
    """
    summary = summary if summary is not None else RunSummary()
    raws = open_inputs(inputs, fields, delimiter)
    nlp = load_nlp(nlp, summary, ner)
    summary.start()
    fingerprint = run_fingerprint(nlp, run_options(reference_date, year, languages, fields, delimiter, locale, nlp))
    with TableWriter(out_dir, formats, parquet_dataset=parquet_dataset) as writer:
        known = previous_documents(writer.previous, summary) if incremental else None
        copier = KeptRows(writer.previous, known, writer) if known else None

        def keep(raw: RawDocument) -> None:
            copier.copy(raw)
            if on_document is not None:
                on_document(1)

        for doc_row, mentions, entities in process(
            raws,
            nlp,
            reference_date=reference_date,
            year=year,
            n_process=n_process,
            batch_size=batch_size,
            summary=summary,
            known=known,
            languages=languages,
            fingerprint=fingerprint,
            on_kept=keep if copier is not None else None,
            locale=locale,
        ):
            check_strict(doc_row, strict)
            writer.add("documents", [doc_row])
            writer.add("mentions", mentions)
            writer.add("entities", entities)
            if on_document is not None:
                on_document(1)
    summary.stop()
    return summary
