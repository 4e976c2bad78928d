"""The es_dates spaCy component: DATE spans, values, and the overlap policy with model entities."""

from __future__ import annotations

import datetime as dt

import pytest
from spacy.tokens import Span

REF = dt.date(2022, 1, 20)


@pytest.fixture()
def dates_nlp(blank_nlp):
    blank_nlp.add_pipe("es_dates")
    return blank_nlp


def run(nlp, text, model_ents=(), reference=REF, country=None):
    """Runs es_dates on ``text`` after setting ``model_ents`` ``[(surface, label)]`` as the model's entities
    (and ``country`` as the dateline's)."""
    doc = nlp.make_doc(text)
    doc._.reference_date = reference
    doc._.dateline_country = country
    ents = []
    for surface, label in model_ents:
        start = text.index(surface)
        span = doc.char_span(start, start + len(surface), label=label)
        span._.source = "model"
        ents.append(span)
    doc.ents = ents
    return nlp.get_pipe("es_dates")(doc)


@pytest.mark.parametrize(
    ("text", "model_ents", "expected"),
    [
        ("La Habana, 20 ene (RHC) El presidente habló.", [("20 ene", "MISC")], ("20 ene", "2022-01-20")),
        ("Las elecciones serán en Mayo.", [("Mayo", "LOC")], ("Mayo", "2022-05")),
        ("El domingo, los países del Eurogrupo acordaron un plan.", [("El domingo", "MISC")], ("domingo", "2022-01-16")),
        ("Ese día, el Merval subió un 3 %.", [("Ese día, el Merval", "MISC")], ("Ese día", "2022-01-20")),
        ("Llegará por Navidad.", [("Navidad", "MISC")], ("Navidad", "2022-12-25")),
    ],
)
def test_dates_replace_overlapping_model_entities(dates_nlp, text, model_ents, expected):
    doc = run(dates_nlp, text, model_ents)
    dates = [(e.text, e._.value) for e in doc.ents if e.label_ == "DATE"]
    assert dates == [expected]
    assert all(e.label_ == "DATE" for e in doc.ents if e.text == expected[0])


@pytest.mark.parametrize(
    ("text", "model_ents", "kept"),
    [
        ("Miles marcharon hacia la Plaza de Mayo.", [("Plaza de Mayo", "LOC")], "Plaza de Mayo"),
        ("Apple presentó el iPhone en la WWDC 2005 ante miles.", [("WWDC 2005", "MISC")], "WWDC 2005"),
        ("El estudio de Mayo Clinic salió publicado.", [("Mayo Clinic", "ORG")], "Mayo Clinic"),
        ("La canción de Abril Pérez ganó.", [("Abril Pérez", "PER")], "Abril Pérez"),
        ("Los viajes de Navidades y Año Nuevo se encarecen.", [("Navidades y Año Nuevo", "MISC")], "Navidades y Año Nuevo"),
    ],
)
def test_dates_do_not_fire_inside_a_name(dates_nlp, text, model_ents, kept):
    doc = run(dates_nlp, text, model_ents)
    assert [e.text for e in doc.ents] == [kept]
    assert not [e for e in doc.ents if e.label_ == "DATE"]


@pytest.mark.parametrize(
    ("text", "model_ents", "expected"),
    [
        # a year after "de"/"del" closing a name is the event's date (MEANTIME tags "del 2008" so); the name stays
        (
            "Las medallas se entregarán en el Mundial de Atletismo de Osaka del 2007.",
            [("Mundial de Atletismo de Osaka del 2007", "MISC")],
            [("Mundial de Atletismo de Osaka", "MISC"), ("2007", "DATE")],
        ),
        (
            "La presidenta habló en su mensaje a la Nación por el Día de la Independencia.",
            [("Nación por el Día de la Independencia", "ORG")],
            [("Nación", "ORG"), ("Día de la Independencia", "DATE")],
        ),
    ],
)
def test_a_date_closing_a_name_after_de_is_a_date(dates_nlp, text, model_ents, expected):
    doc = run(dates_nlp, text, model_ents, country="PE")
    assert [(e.text, e.label_) for e in doc.ents] == expected


def test_dates_spans_carry_value_and_source(dates_nlp):
    doc = run(dates_nlp, "Maduro habló este jueves; la reunión fue el 21 de noviembre de 2021.")
    assert [(e.text, e.label_, e._.value, e._.source) for e in doc.ents] == [
        ("este jueves", "DATE", "2022-01-20", "rule"),
        ("21 de noviembre de 2021", "DATE", "2021-11-21", "rule"),
    ]


def test_dates_without_reference_date_stay_unresolved(dates_nlp):
    doc = run(dates_nlp, "La Habana, 20 ene (RHC) Ayer se firmó.", reference=None)
    assert [(e.text, e._.value) for e in doc.ents] == [("20 ene", "XXXX-01-20"), ("Ayer", "XXXX-XX-XX")]


def test_dates_keep_model_entities_they_do_not_touch(dates_nlp):
    doc = run(dates_nlp, "Putin habló ayer.", [("Putin", "PER")])
    assert [(e.text, e.label_) for e in doc.ents] == [("Putin", "PER"), ("ayer", "DATE")]
    assert isinstance(doc.ents[0], Span)


@pytest.mark.parametrize(
    ("text", "model_ents", "expected"),
    [
        # the one country the document names dates its Independence Day
        (
            "Venezuela celebrará el Día de la Independencia con un desfile.",
            [("Venezuela", "COUNTRY")],
            [("Día de la Independencia", "2022-07-05")],
        ),
        # two countries: whose day it is cannot be told, no date
        ("Venezuela y Colombia celebrarán el Día de la Independencia.", [("Venezuela", "COUNTRY"), ("Colombia", "COUNTRY")], []),
    ],
)
def test_independence_day_of_the_document_country(dates_nlp, text, model_ents, expected):
    doc = dates_nlp.make_doc(text)
    doc._.reference_date = REF
    ents = []
    for surface, label in model_ents:
        start = text.index(surface)
        span = doc.char_span(start, start + len(surface), label=label, kb_id={"Venezuela": "VE", "Colombia": "CO"}[surface])
        ents.append(span)
    doc.ents = ents
    doc = dates_nlp.get_pipe("es_dates")(doc)
    assert [(e.text, e._.value) for e in doc.ents if e.label_ == "DATE"] == expected


@pytest.mark.parametrize(
    ("dateline_country", "text", "model_ents", "expected"),
    [
        # the dateline's country dates the holiday, whatever other country the text names
        ("PE", "Lima celebrará el Día de la Independencia con la visita de Colombia.", [("Colombia", "COUNTRY")], "2022-07-28"),
        # a dateline country that does not keep that holiday: the one country the text names
        ("ES", "Venezuela celebrará el Día de la Independencia con un desfile.", [("Venezuela", "COUNTRY")], "2022-07-05"),
        # no dateline and no country named: the one country of the cities it names
        (None, "Bogotá celebrará el Día de la Independencia con un desfile.", [("Bogotá", "LOC")], "2022-07-20"),
    ],
)
def test_independence_day_of_the_dateline_country(dates_nlp, dateline_country, text, model_ents, expected):
    doc = dates_nlp.make_doc(text)
    doc._.reference_date = REF
    doc._.dateline_country = dateline_country
    ents = []
    for surface, label in model_ents:
        start = text.index(surface)
        ents.append(
            doc.char_span(start, start + len(surface), label=label, kb_id={"Venezuela": "VE", "Colombia": "CO"}.get(surface, ""))
        )
    doc.ents = ents
    doc = dates_nlp.get_pipe("es_dates")(doc)
    assert [e._.value for e in doc.ents if e.label_ == "DATE"] == [expected]
