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

from pipeline.nlp.labels import COUNTRY, DATE, LOC
from pipeline.nlp.spans import doc_text, merge_entities
from pipeline.values.dates import WEAK_KINDS, find_dates
from pipeline.values.places import city_country


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


def document_country(doc: Doc) -> tuple[str, ...]:
    """The document's countries (ISO 3166-1 alpha-2), in order, which date a holiday whose day is a country's
    ("el Día de la Independencia"): ``doc._.dateline_country`` where the ingest sets it, then the one country the
    document names (its COUNTRY entities, found before the dates), for a holiday the first does not keep."""
    out = []
    if Doc.has_extension("dateline_country") and doc._.get("dateline_country"):
        out.append(doc._.get("dateline_country"))
    codes = {e.kb_id_ for e in doc.ents if e.label_ == COUNTRY and e.kb_id_}
    if not codes:  # no country named: the one country of the cities it names ("Lima", "Rosario")
        codes = {code for e in doc.ents if e.label_ == LOC and (code := city_country(e.text))}
    if len(codes) == 1:
        out.append(codes.pop())
    return tuple(out)


# Words that join a name to the date or holiday that ends it: "Exposición Universal de 1889", "mensaje a la Nación
# por el Día de la Independencia".
_JOINS = (("de",), ("del",), ("por", "el"), ("por", "la"))


def name_before_its_date(span: Span, kind: str, ents: tuple[Span, ...]) -> tuple[bool, Span | None]:
    """A model entity that ends with a year or a holiday after "de"/"por el" ("la Exposición Universal de 1889",
    "el Mundial de 2014", "la Nación por el Día de la Independencia"): ``(True, the name without its date)`` (None
    when nothing is left of it), the date being a DATE of its own; ``(False, None)`` for any other date ("WWDC 2005"
    and "la Agenda 2030" keep their year, a part of the name)."""
    if kind not in ("year", "holiday"):
        return False, None
    doc = span.doc
    cut = None
    for join in _JOINS:
        a = span.start - len(join)
        if a >= 0 and tuple(t.lower_ for t in doc[a : span.start]) == join:
            cut = a
            break
    if cut is None:
        return False, None
    for e in ents:
        if e.label_ != DATE and e.start <= cut and e.end == span.end:
            if cut == e.start or not any(t.text[:1].isupper() for t in doc[e.start : cut]):
                return True, None
            name = Span(doc, e.start, cut, label=e.label_, kb_id=e.kb_id_)
            name._.source = e._.source
            return True, name
    return False, None


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
            if span is None:
                continue
            if match.kind in WEAK_KINDS and inside_name(span, ents):
                keep, name = name_before_its_date(span, match.kind, ents)
                if not keep:
                    continue
                if name is not None:
                    spans.append(name)

            span._.value = match.value
            span._.source = "rule"
            spans.append(span)
        return merge_entities(doc, spans, replace=True)
