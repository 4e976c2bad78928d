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
    "measure": None,  # figures: the noun phrase the figure measures, as written
    "measure_head": None,  # figures: the lemma of that phrase's head noun
    "direction": None,  # figures: up | down | level, the change the sentence gives the figure
    "owner": None,  # figures: (start_char, end_char) of the entity of doc.ents the measure belongs to
}
DOC_EXTENSIONS = {
    "country": None,  # ISO 3166-1 alpha-2 of the document's country (dateline, outlet), when ingestion knows it
    "locale_hint": None,  # number locale given for the document ("es-MX"): the run's, or its own `locale` field
    "locale": None,  # the `NumberLocale` its figures were read with (`es_figures`)
    "reference_date": None,  # datetime.date the relative dates resolve against
    "doc_id": None,
    "dateline_places": None,  # ((start, end), …): the place names of the document's dateline (`ingest.metadata`)
    "dateline_country": None,  # ISO alpha-2 of the dateline's (or byline's) place: dates a country's holidays
}


# How spaCy keys a Span extension's value in ``doc.user_data``: ("._.", name, start_char, end_char).
SPAN_KEY_TAG = "._."


def span_values(doc: Doc) -> dict[tuple[int, int], dict[str, object]]:
    """The `SPAN_EXTENSIONS` values set on spans of ``doc``, by ``(start_char, end_char)``.

    The same values ``span._.name`` gives (a name missing from a span's dict has
    its default, None), read in one pass over ``doc.user_data`` rather than one
    ``span._`` lookup per span and name, which the row builder would otherwise
    make for every mention. Relies on spaCy's key layout, which a test checks.
    """
    out: dict[tuple[int, int], dict[str, object]] = {}
    for key, value in doc.user_data.items():
        if (
            type(key) is tuple
            and len(key) == 4
            and key[0] == SPAN_KEY_TAG
            and key[1] in SPAN_EXTENSIONS
            and key[2] is not None
            and key[3] is not None
        ):
            out.setdefault((key[2], key[3]), {})[key[1]] = value
    return out


def register_extensions() -> None:
    """Declares the extensions (idempotent)."""
    for name, default in SPAN_EXTENSIONS.items():
        if not Span.has_extension(name):
            Span.set_extension(name, default=default)
    for name, default in DOC_EXTENSIONS.items():
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)


register_extensions()
