"""spaCy Doc → plain rows of the three tables. No Span or Doc leaves this module.

This is the only place that knows how a mention becomes a row; the columns
themselves are defined in `schema.py`.
"""

from __future__ import annotations

import bisect
from collections import Counter

import numpy
from spacy.attrs import IS_SPACE, SENT_START
from spacy.tokens import Doc

from pipeline.corpus import entity_key, is_document_entity
from pipeline.documents import Document, RawDocument
from pipeline.nlp.extensions import span_values
from pipeline.schema import PIPELINE_VERSION, columns

SURFACE_SEPARATOR = " | "
# A mention's ``context`` is its sentence, clipped to about this many
# characters around the mention: a text with no sentence breaks (a table, a
# transcript) would otherwise repeat itself whole in every row.
CONTEXT_CHARS = 300
ELLIPSIS = "…"


def clip_context(text: str, sent_start: int, sent_end: int, start: int, end: int, width: int = CONTEXT_CHARS) -> str:
    """The sentence ``text[sent_start:sent_end]`` around the mention ``text[start:end]``, at most about ``width`` characters.

    A sentence that fits is given whole (stripped). A longer one is cut to a
    window centred on the mention, moved inward where the sentence ends,
    widened to whole words, and marked with "…" where it was cut.
    """
    sentence = text[sent_start:sent_end]
    if len(sentence.strip()) <= width:
        return sentence.strip()
    length = max(width, end - start)
    lo = max(sent_start, start - (length - (end - start)) // 2)
    hi = min(sent_end, lo + length)  # room left unused before the sentence start goes to the right
    lo = max(sent_start, hi - length)  # and room unused after its end to the left
    while lo > sent_start and not text[lo - 1].isspace() and start - lo < width:
        lo -= 1
    while hi < sent_end and not text[hi].isspace() and hi - end < width:
        hi += 1
    clipped = text[lo:hi].strip()
    return (ELLIPSIS if lo > sent_start else "") + clipped + (ELLIPSIS if hi < sent_end else "")


def sentence_starts(doc: Doc) -> list[int]:
    """Token index where each sentence of ``doc`` starts, whitespace tokens left out.

    A sentence starts at its first non-space token, so a line break belongs to
    no sentence: the parser and the ``senter`` put the ``"\\n"`` token on
    different sides of a boundary (or make it a sentence of its own), and this
    gives both the same sentences. A Doc without sentence boundaries is one
    sentence. Read from arrays, not from ``doc.sents``, which builds a Token
    object per token.
    """
    if len(doc) == 0:
        return [0]
    sent_start, is_space = doc.to_array([SENT_START, IS_SPACE]).T
    boundaries = numpy.flatnonzero(sent_start == 1)
    words = numpy.flatnonzero(is_space == 0)
    if len(words) == 0:
        return [0]
    first_words = numpy.searchsorted(words, numpy.union1d(boundaries, [0]))
    starts = numpy.unique(words[first_words[first_words < len(words)]]).tolist()
    return starts or [0]


NO_VALUES: dict[str, object] = {}  # a mention with no extension set: every value its default, None


def mention_rows(doc: Doc, document: Document) -> list[dict]:
    """One row per entity of ``doc`` (columns of `schema.MENTIONS`).

    ``doc`` is the Doc of ``document.text``; texts are cut from that string
    (``doc.text`` and ``span.text`` rebuild it token by token).
    """
    ents = doc.ents
    if not ents:
        return []
    text = document.text
    starts = sentence_starts(doc)
    char_starts = [doc[i].idx for i in starts] + [len(text)]
    mention_of = {(ent.start_char, ent.end_char): mention_id for mention_id, ent in enumerate(ents)}
    values_of = span_values(doc)
    rows = []
    for mention_id, ent in enumerate(ents):
        sent_i = max(bisect.bisect_right(starts, ent.start) - 1, 0)
        start, end = ent.start_char, ent.end_char
        context = clip_context(text, char_starts[sent_i], char_starts[sent_i + 1], start, end)
        values = values_of.get((start, end), NO_VALUES)
        owner = values.get("owner")
        rows.append(
            {
                "doc_id": document.doc_id,
                "mention_id": mention_id,
                "section": document.section_at(start),
                "sentence": sent_i,
                "start": start,
                "end": end,
                "raw_start": document.offsets.to_raw(start),
                "raw_end": document.offsets.to_raw(end, end=True),
                "text": text[start:end],
                "label": ent.label_,
                "value": values.get("value"),
                "value_num": values.get("value_num"),
                "unit": values.get("unit"),
                "kb_id": ent.kb_id_ or None,
                "canonical": values.get("canonical"),
                "entity_id": None,  # set by the corpus pass once every document is in (`pipeline.corpus`)
                "measure": values.get("measure"),
                "measure_head": values.get("measure_head"),
                "direction": values.get("direction"),
                "owner_mention_id": mention_of.get(tuple(owner)) if owner else None,
                "owner_entity_id": None,  # the owner's entity_id, set by the corpus pass
                "source": values.get("source") or "model",
                "context": context,
            }
        )
    return rows


def entity_rows(mentions: list[dict]) -> list[dict]:
    """One row per distinct entity of a document: same label and canonical form (`entity_key`).

    A figure's ``value`` and ``unit`` ride along, and the unit tells two figures
    of the same number apart. Its ``measure`` is the one its mentions give most
    often (the first written of those tied), with that measure's ``measure_head``;
    two mentions of one number that measure different things ("creció un 5 %" twice)
    are still one entity, so the column names the commonest. The agency named in a dateline ("MADRID, 3 mar
    (EFE)") is a mention but no entity of the document (`is_document_entity`):
    it says where the copy came
    from (``documents.agency``), not whom the story is about.
    """
    groups: dict[tuple, dict] = {}
    for m in mentions:
        if not is_document_entity(m):
            continue
        key_text = entity_key(m)
        key = (m["doc_id"], m["label"], key_text, m["kb_id"], m["unit"])  # 12 USD and 12 EUR are two figures
        group = groups.get(key)
        if group is None:
            group = groups[key] = {
                "doc_id": m["doc_id"],
                "entity_id": None,  # set by the corpus pass
                "label": m["label"],
                "canonical": key_text,
                "kb_id": m["kb_id"],
                "value": m["value"],
                "unit": m["unit"],
                "measure": None,
                "measure_head": None,
                "n_mentions": 0,
                "first_start": m["start"],
                "surface_forms": [],
                "measures": None,  # Counter of (measure, measure_head), made at the first measure
            }
        if m.get("measure"):
            if group["measures"] is None:
                group["measures"] = Counter()
            group["measures"][(m["measure"], m.get("measure_head"))] += 1
        group["n_mentions"] += 1
        group["first_start"] = min(group["first_start"], m["start"])
        if m["text"] not in group["surface_forms"]:
            group["surface_forms"].append(m["text"])
    rows = []
    for group in groups.values():
        measures = group.pop("measures")
        if measures:
            group["measure"], group["measure_head"] = measures.most_common(1)[0][0]
        rows.append({**group, "surface_forms": SURFACE_SEPARATOR.join(group["surface_forms"])})
    return sorted(rows, key=lambda r: (r["doc_id"], r["first_start"]))


def document_row(
    raw: RawDocument,
    document: Document | None,
    *,
    n_mentions: int = 0,
    model: str = "",
    status: str | None = None,
    error: str | None = None,
) -> dict:
    """The ``documents`` row of one input (also for inputs that failed)."""
    meta = document.metadata if document is not None else raw.metadata
    text = document.text if document is not None else ""
    row = {name: None for name in columns("documents")}
    row.update(
        {
            "doc_id": raw.doc_id,
            "source": raw.source,
            "title": meta.get("title"),
            "subtitle": meta.get("subtitle"),
            "published": meta.get("published"),
            "published_from": meta.get("published_from", "none"),
            "published_reason": meta.get("published_reason"),
            "dateline_place": meta.get("dateline_place"),
            "agency": meta.get("agency"),
            "url": meta.get("url"),
            "language": meta.get("language"),
            "n_chars": len(text),
            "n_words": len(text.split()),
            "n_mentions": n_mentions,
            "status": status or raw.status,
            "error": error if error is not None else raw.error,
            "sha256": raw.sha256 if raw.text else None,
            "model": model,
            "pipeline_version": PIPELINE_VERSION,
        }
    )
    return row
