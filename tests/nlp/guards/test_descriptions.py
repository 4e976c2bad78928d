"""Description and title guards (`pipeline.nlp.guards.descriptions`), each run alone."""

from __future__ import annotations

import pytest

from tests.nlp.guards.helpers import BODY, case_ids, run_guards  # noqa: F401  (BODY: some modules' cases)

CASES = [
    # (guard, text, model entities, entities after that guard alone)
    (
        "description",
        "El presidente de Venezuela , Nicolás Maduro , habló .",
        [("El presidente de Venezuela", "MISC"), ("Nicolás Maduro", "PER")],
        [("Nicolás Maduro", "PER")],
    ),
    ("description", "Los jefes de Estado pasaron balance .", [("Los jefes de Estado", "MISC")], []),
    ("description", "El dignatario ruso expresó su respaldo .", [("El dignatario ruso", "MISC")], []),
    (
        "description",
        "Lo anunció el CEO de Nokia , Pekka Lindqvist , en marzo .",  # MEANTIME: "CEO" was an ORG 28 times
        [("CEO", "ORG"), ("Nokia", "ORG"), ("Pekka Lindqvist", "PER")],
        [("Nokia", "ORG"), ("Pekka Lindqvist", "PER")],
    ),
    ("fixed_phrase", "los jefes de Estado pasaron balance a los avances .", [("Estado", "LOC")], []),
    ("fixed_phrase", "Fracasó el golpe de Estado en el país .", [("Estado", "ORG")], []),
    ("person_title", "Lo dijo el presidente Putin ayer .", [("presidente Putin", "PER")], [("Putin", "PER")]),
    # MEANTIME: a "person" made only of office titles is no name; a title that names one person alone stays
    (
        "person_title",
        "El Presidente de los Estados Unidos Barack Obama ha elogiado a Jobs .",
        [("Presidente", "PER"), ("Estados Unidos", "LOC"), ("Barack Obama", "PER"), ("Jobs", "PER")],
        [("Estados Unidos", "LOC"), ("Barack Obama", "PER"), ("Jobs", "PER")],
    ),
    (
        "person_title",
        "Lo ocupará Bob Mansfield , Vicepresidente de Apple para la ingeniería .",
        [("Bob Mansfield", "PER"), ("Vicepresidente", "PER"), ("Apple", "ORG")],
        [("Bob Mansfield", "PER"), ("Apple", "ORG")],
    ),
    (
        "person_title",
        "El Rey y el Papa se reunieron con la Primera Ministra .",
        [("Rey", "PER"), ("Papa", "PER"), ("Primera Ministra", "PER")],
        [("Rey", "PER"), ("Papa", "PER")],
    ),
    # MEANTIME
    (
        "person_with_digits",
        "Cerró en alza el Nikkei 225 y voló el Vickers VC-10 .",
        [("Nikkei 225", "PER"), ("Vickers VC-10", "PER")],
        [("Nikkei 225", "MISC"), ("Vickers VC-10", "MISC")],
    ),
    (
        "person_with_digits",
        "Murió Steve Jobs 1955-2011 en Palo Alto .",
        [("Steve Jobs 1955-2011", "PER"), ("Palo Alto", "LOC")],
        [("Steve Jobs", "PER"), ("Palo Alto", "LOC")],
    ),
    (
        "person_with_digits",
        "Lo recordó Steve Jobs ( 1955 - 2011 ) .",
        [("Steve Jobs ( 1955 - 2011 )", "PER")],
        [("Steve Jobs", "PER")],
    ),
]


@pytest.mark.parametrize(("guard", "text", "model", "expected"), CASES, ids=case_ids(CASES))
def test_descriptions_guard_alone(guard, text, model, expected):
    assert run_guards((guard,), text, model) == expected
