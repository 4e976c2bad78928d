"""Figures: PERCENT, MONEY, QUANTITY and CARDINAL spans with ``value``, ``value_num`` and ``unit``.

Finding and valuing is done by the pure `pipeline.values.figures`; this
component turns its matches into spans and joins them to ``doc.ents`` by one
policy (`merge_figures`). Each document is read with its own number
conventions (`pipeline.values.locale.decide_locale`), set on ``doc._.locale``:
a locale given for it (``doc._.locale_hint``: the run's or its own column),
else the component's ``locale`` setting, else its evidence (its country,
``doc._.country``, when ingestion knows it; its currencies; the countries it
names; its own decimal marks).

The policy:

- a figure never overwrites a DATE (``es_dates`` runs first) and never
  swallows one: "20 de enero de 2021" stays a date;
- PERCENT, MONEY and QUANTITY replace the model's entities they overlap (the
  model tags "US$" or "12 por ciento" as ORG/MISC); a CARDINAL replaces only
  entities inside its own span (the model took "Veintiún" for a name), so a
  number inside a longer name ("Boeing 737", "Apolo 11") stays in the name.
"""

from __future__ import annotations

import math

from spacy.language import Language
from spacy.tokens import Doc, Span

from pipeline.nlp.labels import CARDINAL, VALUE_LABELS
from pipeline.nlp.spans import SpanIndex, doc_text, set_ents
from pipeline.values.figures import Figure, FigureFinder
from pipeline.values.locale import NumberLocale, dateline_country, decide_locale, parse_locale, rereading_needed
from pipeline.values.numbers import exact_value, format_number

KEEP_LABELS = frozenset(VALUE_LABELS)  # a figure never replaces a date or another figure


class FigureTagger:
    """Labels figures.

    ``dollar`` is the ISO 4217 code a bare "$" stands for where the
    document's country does not say (USD unless configured); ``locale`` the
    number conventions of every document (``"es-MX"``, ``"es"`` for the
    neutral rule), or ``"auto"`` to decide them per document.
    """

    def __init__(self, nlp: Language, name: str = "es_figures", *, dollar: str = "USD", locale: str = "auto"):
        self.name = name
        self.finder = FigureFinder(dollar)
        parse_locale(locale)  # a bad setting fails here, not on the first document
        self.locale = locale

    @property
    def dollar(self) -> str:
        return self.finder.dollar

    def locale_of(self, doc: Doc, neutral: list[Figure]) -> NumberLocale:
        """The document's number conventions, from its hint, the setting or its evidence."""
        hint = doc._.locale_hint
        given = hint if hint not in (None, "", "auto") else self.locale
        return decide_locale(doc_text(doc), neutral, given=given, country=doc._.country)

    def match(self, doc: Doc) -> list[Span]:
        """The figure spans of ``doc``, with values; sets ``doc._.locale``."""
        text = doc_text(doc)
        figures = self.finder.find(text)
        locale = self.locale_of(doc, figures)
        doc._.locale = locale
        if rereading_needed(text, locale):
            figures = self.finder.find(text, locale)
        # spaCy keys span extensions by character offsets alone: a figure over exactly a date's characters
        # ("los 80") would overwrite the date's value, and a figure never replaces a date anyway
        taken = {(e.start_char, e.end_char) for e in doc.ents if e.label_ in KEEP_LABELS}
        spans = []
        for figure in figures:
            span = doc.char_span(figure.start, figure.end, label=figure.label, alignment_mode="expand")
            if span is None or (span.start_char, span.end_char) in taken:
                continue
            value = float(figure.value)
            if math.isfinite(value):
                span._.value, span._.value_num = format_number(value), value
            else:  # too large for a float: every digit in the text value, no number
                span._.value, span._.value_num = exact_value(span.text, locale.decimal), None
            span._.unit = figure.unit
            span._.source = "rule"
            spans.append(span)
        return spans

    def __call__(self, doc: Doc) -> Doc:
        return merge_figures(doc, self.match(doc))


def apply_locale_hints(doc: Doc, metadata: dict) -> None:
    """Sets ``doc._.locale_hint`` and ``doc._.country`` from a document's metadata.

    ``locale``: the document's own locale field (a table column), else
    ``locale_given``: the run's (`pipeline.run.process`). ``country``: ISO
    3166-1 alpha-2 of its country where ingestion found one (an outlet's
    country, a ``country`` field), else the one country its dateline's place
    and region name ("CULIACÁN, Sin.", "Rosario (Santa Fe)", "LA PAZ,
    Bolivia": `pipeline.values.locale.dateline_country`).
    """
    doc._.locale_hint = metadata.get("locale") or metadata.get("locale_given")
    country = metadata.get("country")
    if isinstance(country, str) and len(country) == 2:
        doc._.country = country.upper()
    else:
        doc._.country = dateline_country(metadata.get("dateline_place"), metadata.get("dateline_region"))


def locale_columns(doc: Doc) -> dict:
    """The ``documents`` columns of the locale ``doc``'s figures were read with."""
    locale = doc._.locale
    if locale is None:
        return {}
    return {"locale": locale.tag, "decimal_mark": locale.decimal, "locale_from": locale.source}


def merge_figures(doc: Doc, figures: list[Span]) -> Doc:
    """Joins figure spans to ``doc.ents`` by the policy of this module's docstring."""
    current = list(doc.ents)
    index = SpanIndex(current)
    removed: set[int] = set()  # id() of the entities a figure replaced
    covered: set[int] = set()  # tokens of the figures chosen
    chosen = []
    for fig in figures:
        clashes = [e for e in index.overlapping(fig) if id(e) not in removed]
        if any(e.label_ in KEEP_LABELS for e in clashes) or not covered.isdisjoint(range(fig.start, fig.end)):
            continue
        if fig.label_ == CARDINAL and any(e.start < fig.start or e.end > fig.end for e in clashes):
            continue  # the number is part of a name the model found
        removed.update(id(e) for e in clashes)
        covered.update(range(fig.start, fig.end))
        chosen.append(fig)
    kept = [e for e in current if id(e) not in removed]
    return set_ents(doc, sorted(kept + chosen, key=lambda s: s.start), current)
