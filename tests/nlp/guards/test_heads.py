"""Head and suffix guards (`pipeline.nlp.guards.heads`), each run alone."""

from __future__ import annotations

import pytest

from tests.nlp.guards.helpers import BODY, case_ids, run_guards  # noqa: F401  (BODY: some modules' cases)

CASES = [
    # (guard, text, model entities, entities after that guard alone)
    (
        "org_suffix",
        "Harland Shipping Group PLC recibirá cuatro buques .",
        [("Harland Shipping Group PLC", "PER")],
        [("Harland Shipping Group PLC", "ORG")],
    ),
    ("org_suffix", "Lo compró Repsol S.A. en 2001 .", [("Repsol S.A.", "LOC")], [("Repsol S.A.", "ORG")]),
    ("org_suffix", "Lo dijo Juan Pérez ayer .", [("Juan Pérez", "PER")], [("Juan Pérez", "PER")]),
    (
        "org_suffix",
        "La European Aeronautic Defence and Space Company compró Airbus .",  # MEANTIME
        [("European Aeronautic Defence and Space Company", "PER"), ("Airbus", "ORG")],
        [("European Aeronautic Defence and Space Company", "ORG"), ("Airbus", "ORG")],
    ),
    (
        "org_suffix",
        "Lo dijo David Dreman , presidente de Dreman Value Management .",  # MEANTIME
        [("David Dreman", "PER"), ("Dreman Value Management", "PER")],
        [("David Dreman", "PER"), ("Dreman Value Management", "ORG")],
    ),
    (
        "org_suffix",
        "Según Consumer Reports y The Wall Street Journal , bajó .",  # MEANTIME
        [("Consumer Reports", "PER"), ("The Wall Street Journal", "MISC")],
        [("Consumer Reports", "ORG"), ("The Wall Street Journal", "ORG")],
    ),
    (
        "org_suffix",
        "Voló con Singapore Airlines a Sídney .",
        [("Singapore Airlines", "LOC"), ("Sídney", "LOC")],
        [("Singapore Airlines", "ORG"), ("Sídney", "LOC")],
    ),
    (
        "org_head",
        "Agradeció el apoyo del Gobierno de Rusia en la lucha .",
        [("Gobierno de Rusia", "LOC")],
        [("Gobierno de Rusia", "ORG")],
    ),
    (
        "org_head",
        "Según un comunicado de la Cancillería venezolana , todo va bien .",
        [("Cancillería venezolana", "MISC")],
        [("Cancillería venezolana", "ORG")],
    ),
    ("org_head", "El Estado no pagará la deuda .", [("Estado", "LOC")], [("Estado", "ORG")]),
    (
        "misc_head",
        "El Real Madrid ganó la Copa del Rey y la Liga de Campeones .",
        [("Real Madrid", "ORG"), ("Copa del Rey", "ORG"), ("Liga de Campeones", "ORG")],
        [("Real Madrid", "ORG"), ("Copa del Rey", "MISC"), ("Liga de Campeones", "MISC")],
    ),
    ("misc_head", "Aprobaron la Ley de Extranjería .", [("Ley de Extranjería", "LOC")], [("Ley de Extranjería", "MISC")]),
    (
        "org_of_place",
        "El Banco Central de Chile subió los tipos .",
        [("Banco Central", "ORG"), ("Chile", "LOC")],
        [("Banco Central de Chile", "ORG")],
    ),
]


@pytest.mark.parametrize(("guard", "text", "model", "expected"), CASES, ids=case_ids(CASES))
def test_heads_guard_alone(guard, text, model, expected):
    assert run_guards((guard,), text, model) == expected
