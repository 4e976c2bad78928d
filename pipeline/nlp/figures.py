"""Figures: percentages (and, later, money and quantities) with numeric values.

Numbers are parsed by the pure `pipeline.values.numbers`; this component finds
them in the text and turns them into labelled spans.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from pipeline.nlp.spans import merge_entities
from pipeline.values.numbers import format_number, parse_digits

PERCENT = re.compile(r"(?<![\w.,])(?P<number>[+-−]?\d[\d.,]*)\s*(?:%|por\s+ciento\b|por\s+cien\b)", re.IGNORECASE)


class FigureTagger:
    def __init__(self, nlp: Language, name: str = "es_figures"):
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        spans = []
        for m in PERCENT.finditer(doc.text):
            value = parse_digits(m.group("number"))
            if value is None:
                continue
            span = doc.char_span(m.start(), m.end(), label="PERCENT", alignment_mode="expand")
            if span is None:
                continue
            span._.value = format_number(value)
            span._.value_num = value
            span._.unit = "%"
            span._.source = "rule"
            spans.append(span)
        return merge_entities(doc, spans, replace=True)
