"""Dates: Spanish date expressions → DATE spans with TIMEX3-style values.

Finding and resolving is done by the pure `pipeline.values.dates`; this
component turns its matches into spans, resolved against
``doc._.reference_date``. Dates replace overlapping model entities (the model
has no DATE label and tags "20 ene" or "Mayo" as MISC/LOC).
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from pipeline.nlp.spans import merge_entities
from pipeline.values.dates import find_dates


class DateTagger:
    def __init__(self, nlp: Language, name: str = "es_dates"):
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        spans = []
        for match in find_dates(doc.text, doc._.reference_date):
            span = doc.char_span(match.start, match.end, label="DATE", alignment_mode="expand")
            if span is None:
                continue
            span._.value = match.value
            span._.source = "rule"
            spans.append(span)
        return merge_entities(doc, spans, replace=True)
