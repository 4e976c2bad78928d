"""People: one canonical name per person per document."""

from __future__ import annotations

import pytest
from spacy.tokens import Span

from pipeline.nlp.people import resolve_people


def _words(*names: str) -> list[list[str]]:
    return [n.split() for n in names]


@pytest.mark.parametrize(
    ("mentions", "expected"),
    [
        (("Vladímir Putin", "Putin"), ["Vladímir Putin"] * 2),
        (("Putin", "Vladímir Putin"), ["Vladímir Putin"] * 2),  # the full name may come later
        (("Nicolás Maduro", "Maduro", "Nicolás"), ["Nicolás Maduro"] * 3),
        (("Vladímir Putin", "PUTIN", "Putín"), ["Vladímir Putin"] * 3),  # case and accent variants
        (("VLADÍMIR PUTIN", "Vladímir Putin", "Putin"), ["Vladímir Putin"] * 3),  # not the all-caps headline form
        (("Nicolás Maduro", "Nicolás Maduro Moros", "Maduro"), ["Nicolás Maduro Moros"] * 3),  # the longest name
        (("Putin", "PUTIN"), ["Putin", "Putin"]),
    ],
    ids=["surname", "surname-first", "first-name", "accents-case", "headline-caps", "longest", "single-word"],
)
def test_mentions_of_one_person_share_the_canonical_name(mentions, expected):
    assert resolve_people(_words(*mentions)) == expected


@pytest.mark.parametrize(
    ("mentions", "expected"),
    [
        (("Raúl Castro", "Fidel Castro", "Castro"), ["Raúl Castro", "Fidel Castro", "Fidel Castro"]),
        (
            ("Fidel Castro", "Raúl Castro", "Castro", "Fidel Castro", "Castro"),
            ["Fidel Castro", "Raúl Castro", "Raúl Castro", "Fidel Castro", "Fidel Castro"],
        ),
        (("Castro", "Raúl Castro", "Fidel Castro"), ["Raúl Castro", "Raúl Castro", "Fidel Castro"]),
        (("Raúl Castro", "Raúl", "Raúl Díaz"), ["Raúl Castro", "Raúl Castro", "Raúl Díaz"]),
    ],
    ids=["most-recent", "switches-with-recency", "none-before-first-after", "shared-first-name"],
)
def test_two_people_sharing_a_name_are_not_merged(mentions, expected):
    """A bare shared name is the person whose full name came most recently before it."""
    assert resolve_people(_words(*mentions)) == expected


def _people(nlp, text: str, ents: list[tuple[int, int, str]]):
    nlp.add_pipe("es_people")
    doc = nlp.make_doc(text)
    doc.ents = [Span(doc, s, e, label) for s, e, label in ents]
    doc = nlp.get_pipe("es_people")(doc)
    return [(e.text, e.label_, e._.canonical) for e in doc.ents]


def test_people_component_relabels_and_canonicalises(blank_nlp):
    got = _people(
        blank_nlp,
        "El presidente Nicolás Maduro llamó a Putin . Maduro y Vladímir Putin hablaron .",
        [(2, 4, "MISC"), (6, 7, "PER"), (8, 9, "PER"), (10, 12, "PER")],
    )
    assert got == [
        ("Nicolás Maduro", "PERSON", "Nicolás Maduro"),
        ("Putin", "PERSON", "Vladímir Putin"),
        ("Maduro", "PERSON", "Nicolás Maduro"),
        ("Vladímir Putin", "PERSON", "Vladímir Putin"),
    ]


@pytest.mark.parametrize(
    ("text", "ents"),
    [
        ("Telefónica y el Banco Telefónica Internacional .", [(0, 1, "PER"), (3, 6, "ORG")]),
        ("Sánchez habló en la Fundación Sánchez .", [(0, 1, "PER"), (4, 6, "ORG")]),
    ],
)
def test_organisations_sharing_a_word_with_a_person_stay_organisations(blank_nlp, text, ents):
    got = _people(blank_nlp, text, ents)
    assert [label for _, label, _ in got] == ["PERSON", "ORG"]


def test_a_single_word_surname_of_a_known_person_is_that_person(blank_nlp):
    got = _people(blank_nlp, "Miguel Díaz-Canel llegó . DÍAZ-CANEL VIAJA", [(0, 2, "PER"), (4, 5, "MISC")])
    assert got == [("Miguel Díaz-Canel", "PERSON", "Miguel Díaz-Canel"), ("DÍAZ-CANEL", "PERSON", "Miguel Díaz-Canel")]


@pytest.mark.parametrize(
    ("text", "ents"),
    [  # esp.train, as a news NER trained on the other half tagged them: the "person" is a title or a club
        ("El Secretario de la ONU habló . La ONU envía tropas .", [(1, 5, "PER"), (8, 9, "ORG")]),
        ("Luis al Atlético , dijo . El Atlético ganó .", [(0, 3, "PER"), (7, 8, "ORG")]),
        ("El Abad de Silos lo dijo en Silos .", [(1, 4, "PER"), (7, 8, "LOC")]),
    ],
)
def test_a_word_after_a_lowercase_word_is_no_surname(blank_nlp, text, ents):
    got = _people(blank_nlp, text, ents)
    assert got[-1][1] == ents[-1][2]


@pytest.mark.parametrize(
    ("text", "ents", "label"),
    [
        ("Lo dijo Andrés Pastrana ayer .", [(2, 4, "MISC")], "PERSON"),
        ("Lo dijo José María Aznar ayer .", [(2, 5, "LOC")], "PERSON"),
        ("Lo dijo Carlos de la Fuente ayer .", [(2, 6, "ORG")], "PERSON"),
        ("Viajó a Santiago de Chile ayer .", [(2, 5, "LOC")], "LOC"),  # a place-first name left out
        ("Compró un Mercedes Benz nuevo .", [(2, 4, "ORG")], "ORG"),
        ("Habló con Alex y Pepín ayer .", [(2, 5, "MISC")], "MISC"),  # two people, not one
        ("Visitó la Fundación Juan March .", [(2, 5, "ORG")], "ORG"),  # first word is no given name
        ("Lo dijo Juan Español ayer .", [(2, 4, "MISC")], "MISC"),  # demonym word
        ("Juegan en el estadio Santiago Bernabéu .", [(4, 6, "LOC")], "LOC"),  # named after a person
        ("Nació en el hospital Gregorio Marañón .", [(4, 6, "ORG")], "ORG"),
        ("Jugaron en el pabellón del Raimundo Saporta .", [(5, 7, "LOC")], "LOC"),
    ],
)
def test_a_given_name_and_surnames_tagged_otherwise_is_a_person(blank_nlp, text, ents, label):
    assert [lab for _, lab, _ in _people(blank_nlp, text, ents)] == [label]


def test_titles_are_stripped_from_the_canonical_name(blank_nlp):
    got = _people(blank_nlp, "El Presidente Putin y Vladímir Putin .", [(1, 3, "PER"), (4, 6, "PER")])
    assert [c for _, _, c in got] == ["Vladímir Putin", "Vladímir Putin"]


TEXT = (
    "La Habana, 3 mar (RHC) El presidente cubano, Miguel Díaz-Canel, recibió a Raúl Castro en el Palacio. "
    "Raúl Castro recordó a su hermano Fidel Castro, fallecido en 2016. "
    "Según Castro, la revolución sigue viva. El presidente Díaz-Canel agradeció sus palabras. "
    "DÍAZ-CANEL viajará después a Moscú."
)


def test_entities_table_lists_each_person_once_with_counts_and_surface_forms(nlp):
    import pipeline

    tables = pipeline.extract([TEXT], nlp=nlp)
    people = tables.entities[tables.entities.label == "PERSON"].set_index("canonical")
    assert people.index.is_unique
    assert {"Miguel Díaz-Canel", "Raúl Castro", "Fidel Castro"} <= set(people.index)
    canel = people.loc["Miguel Díaz-Canel"]
    assert canel.n_mentions >= 2
    assert "Castro" not in people.index  # a bare shared surname is assigned to a full name


def test_seed_people_are_listed_once(seed_tables):
    people = seed_tables.entities[seed_tables.entities.label == "PERSON"]
    assert sorted(people.canonical) == ["Nicolás Maduro", "Vladímir Putin"]
    putin = people[people.canonical == "Vladímir Putin"].iloc[0]
    assert putin.n_mentions == 3
    assert set(putin.surface_forms.split(" | ")) == {"Vladímir Putin", "Putin"}


def test_initials_join_the_person_and_give_the_full_name(blank_nlp):
    got = _people(blank_nlp, "EPN inauguró la obra . Peña Nieto habló .", [(0, 1, "PER"), (5, 7, "PER")])
    assert got == [("EPN", "PERSON", "Enrique Peña Nieto"), ("Peña Nieto", "PERSON", "Enrique Peña Nieto")]


@pytest.mark.parametrize(
    ("text", "ents", "label"),
    [
        ("Vecinos de Emiliano Zapata , Morelos , protestaron .", [(2, 4, "LOC"), (5, 6, "LOC")], "LOC"),
        ("Ganó el Roland Garros .", [(2, 4, "MISC")], "MISC"),
        ("Madero nació en Coahuila . Llegó a Ciudad Madero .", [(0, 1, "PER"), (3, 4, "LOC"), (8, 10, "LOC")], "LOC"),
    ],
)
def test_places_and_events_named_after_people_are_not_made_people(blank_nlp, text, ents, label):
    assert _people(blank_nlp, text, ents)[-1][1] == label
