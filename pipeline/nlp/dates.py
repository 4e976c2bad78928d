"""Dates: Spanish date expressions → DATE spans with TIMEX3-style values.

Finding and resolving is done by the pure `pipeline.values.dates`; this
component turns its matches into spans (``doc.char_span``), resolved against
``doc._.reference_date`` (and the document's country, for holidays, where one
is set). A date replaces the model entities it overlaps (the
model has no DATE label and tags "20 ene" or "Mayo" as MISC/LOC), except that
a weak match — a bare month, year or weekday, a vague or anaphoric word — is
dropped when it lies inside a longer model entity: "Mayo" in "Plaza de Mayo",
"2005" in "WWDC 2005" are part of a name.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from pipeline.nlp.labels import COUNTRY, DATE
from pipeline.nlp.spans import doc_text, merge_entities
from pipeline.values.dates import WEAK_KINDS, find_dates


def inside_name(span: Span, ents: tuple[Span, ...]) -> bool:
    """True when a model entity covers ``span`` and a capitalised word of it comes before the date.

    (A sentence's first word is capitalised anyway and does not count.)

    "Plaza de Mayo", "WWDC 2005": a name that ends in a date word. An entity
    that only adds a determiner ("El domingo") or runs on after the date
    ("Ese día, el Nikkei") is the model's slip, and the date wins.
    """
    for e in ents:
        if e.label_ == DATE or not (e.start <= span.start and span.end <= e.end):
            continue
        if any(t.text[:1].isupper() and not t.is_stop and not (t.i == 0 or t.is_sent_start) for t in e.doc[e.start : span.start]):
            return True
        after = e.doc[span.end] if span.end < e.end else None
        if after is not None and after.text[:1].isupper() and not after.is_stop:
            return True  # "Mayo Clinic", "Abril Pérez": the date word opens a name
    return False


def document_country(doc: Doc) -> str | None:
    """The document's country (ISO 3166-1 alpha-2), which dates a holiday whose day is that country's ("el Día de
    la Independencia"): ``doc._.dateline_country`` where the ingest sets it, else the one country the document
    names (its COUNTRY entities, found before the dates), else None."""
    if Doc.has_extension("dateline_country") and doc._.get("dateline_country"):
        return doc._.get("dateline_country")
    codes = {e.kb_id_ for e in doc.ents if e.label_ == COUNTRY and e.kb_id_}
    return codes.pop() if len(codes) == 1 else None


class DateTagger:
    def __init__(self, nlp: Language, name: str = "es_dates"):
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        spans = []
        ents = None  # the entities before the dates, read once if a weak match needs them
        for match in find_dates(doc_text(doc), doc._.reference_date, document_country(doc)):
            span = doc.char_span(match.start, match.end, label=DATE, alignment_mode="expand")
            if span is not None and match.kind in WEAK_KINDS and ents is None:
                ents = doc.ents
            if span is None or (match.kind in WEAK_KINDS and inside_name(span, ents)):
                continue
            span._.value = match.value
            span._.source = "rule"
            spans.append(span)
        return merge_entities(doc, spans, replace=True)
