"""Every `Doc` and `Span` extension this package declares, in one place.

Span values ride on ``doc.ents``: spaCy keys span extension values by the
span's offsets, label and kb_id, so set them on the final span (after any
relabelling) and they are there when ``doc.ents`` is read back.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

SPAN_EXTENSIONS = {
    "value": None,  # TIMEX3-style date value or the number as text
    "value_num": None,  # float value of a figure
    "unit": None,  # %, ISO 4217 currency, unit symbol or counted noun
    "canonical": None,  # canonical name (person, country)
    "source": None,  # model | rule | gazetteer
}
DOC_EXTENSIONS = {
    "reference_date": None,  # datetime.date the relative dates resolve against
    "doc_id": None,
    "dateline_places": None,  # ((start, end), …): the place names of the document's dateline (`ingest.metadata`)
}


def register_extensions() -> None:
    """Declares the extensions (idempotent)."""
    for name, default in SPAN_EXTENSIONS.items():
        if not Span.has_extension(name):
            Span.set_extension(name, default=default)
    for name, default in DOC_EXTENSIONS.items():
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)


register_extensions()
