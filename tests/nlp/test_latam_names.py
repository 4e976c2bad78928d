"""Names in Latin American news through the whole pipeline: one test per kind of mistake of
issue 20's "What was seen", with other words than the issue's examples."""

from __future__ import annotations

import pytest


def ents(nlp, text: str) -> list[tuple[str, str]]:
    return [(e.text, e.label_) for e in nlp(text).ents if e.label_ not in ("DATE", "CARDINAL", "PERCENT", "MONEY", "QUANTITY")]


CASES = [
    # parties and coalitions are organisations
    (
        "El Pacto Histórico y el Centro Democrático chocaron en el Senado. Frente Amplio ganó en Montevideo.",
        [("Pacto Histórico", "ORG"), ("Centro Democrático", "ORG"), ("Frente Amplio", "ORG")],
    ),
    (
        "El coordinador de Morena, Ricardo Monreal, dijo que la alianza Sigamos Haciendo Historia mantendrá la mayoría.",
        [("Morena", "ORG"), ("Ricardo Monreal", "PERSON"), ("Sigamos Haciendo Historia", "ORG")],
    ),
    # the Mexican press's EU is the United States
    ("Los productores de EU y Canadá firmaron el acuerdo con México.", [("EU", "COUNTRY"), ("Canadá", "COUNTRY")]),
    # states and towns named after people are places
    ("La explosión ocurrió en el municipio de Lázaro Cárdenas, Michoacán.", [("Lázaro Cárdenas", "LOC"), ("Michoacán", "LOC")]),
    ("El gobernador de Nuevo León viajó al Estado de México.", [("Nuevo León", "LOC"), ("Estado de México", "LOC")]),
    ("Habitantes de Gustavo A. Madero, Ciudad de México, bloquearon la avenida.", [("Gustavo A. Madero", "LOC")]),
    # a facility named after a person
    ("La hidroeléctrica Manuel Moreno Torres dejó de generar energía.", [("Manuel Moreno Torres", "LOC")]),
    # events are no people
    ("Novak Djokovic ganó el Masters de Augusta y el Super Bowl.", [("Masters de Augusta", "MISC"), ("Super Bowl", "MISC")]),
    # the person inside "Gobierno de …" stays a person
    ("El Gobierno de Gustavo Petro retomó el diálogo.", [("Gobierno", "ORG"), ("Gustavo Petro", "PERSON")]),
    # American and regional demonyms
    (
        "Los inversionistas estadunidenses y los turistas porteños llegaron a Cancún.",
        [("estadunidenses", "NORP"), ("porteños", "NORP")],
    ),
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[0][:30] for c in CASES])
def test_latin_american_names(nlp, text, expected):
    found = ents(nlp, text)
    for item in expected:
        assert item in found, (item, found)


def test_a_persons_initials_are_that_person_with_the_full_name(nlp):
    doc = nlp("CFK encabezó el acto. Luego Fernández de Kirchner criticó al Gobierno.")
    people = {e.text: e._.canonical for e in doc.ents if e.label_ == "PERSON"}
    assert people == {"CFK": "Cristina Fernández de Kirchner", "Fernández de Kirchner": "Cristina Fernández de Kirchner"}


def test_the_european_union_stays_where_the_document_says_so(nlp):
    doc = nlp("El Parlamento Europeo pidió a la EU más control. Bruselas respaldó a los eurodiputados.")
    assert ("EU", "COUNTRY") not in [(e.text, e.label_) for e in doc.ents]


def test_headline_verbs_are_no_names(nlp):
    found = ents(nlp, "Reclaman jubilados aumento de pensiones\nLa protesta siguió frente al Congreso.")
    assert not any("Reclaman" in text for text, _ in found)


def test_a_name_does_not_run_on_into_an_adverb(nlp):
    assert ("Joe Biden", "PERSON") in ents(nlp, "El mandatario Joe Biden Hoy firmó la orden ejecutiva.")


def test_generic_bodies_are_no_organisations(nlp):
    found = ents(nlp, "Según el Ejecutivo federal, el Estado garantizará los derechos. La Presidencia no comentó.")
    assert not [name for name, label in found if label == "ORG"]
