"""Cue-word guards (`pipeline.nlp.guards.cues`), each run alone."""

from __future__ import annotations

import pytest

from tests.nlp.guards.helpers import BODY, case_ids, run_guards  # noqa: F401  (BODY: some modules' cases)

CASES = [
    # (guard, text, model entities, entities after that guard alone)
    (
        "person_named_place",
        "El Real Madrid jugará en el estadio Santiago Bernabéu el domingo .",
        [("Real Madrid", "ORG"), ("Santiago Bernabéu", "PER")],
        [("Real Madrid", "ORG"), ("Santiago Bernabéu", "LOC")],
    ),
    (
        "person_named_place",
        "Fue operado en el hospital Gregorio Marañón de Madrid .",
        [("Gregorio Marañón", "PER"), ("Madrid", "LOC")],
        [("Gregorio Marañón", "ORG"), ("Madrid", "LOC")],
    ),
    (
        "person_named_place",
        "Recibió el premio Miguel de Cervantes en Alcalá .",
        [("Miguel de Cervantes", "PER"), ("Alcalá", "LOC")],
        [("Miguel de Cervantes", "MISC"), ("Alcalá", "LOC")],
    ),
    (
        "person_named_place",
        "Se lució en las gradas del Martín Carpena , un lleno en el pabellón del Martín Carpena .",
        [("Martín Carpena", "LOC"), ("Martín Carpena", "PER")],
        [("Martín Carpena", "LOC"), ("Martín Carpena", "LOC")],
    ),
    (
        "role_apposition",
        "Las nuevas tiendas de la empresa argentina Musimundo abrieron ayer .",
        [("Musimundo", "PER")],
        [("Musimundo", "ORG")],
    ),
    (
        "role_apposition",
        "El gol lo marcó el centrocampista Denilson en el minuto 70 .",
        [("Denilson", "LOC")],
        [("Denilson", "PER")],
    ),
    ("role_apposition", "Fue clave el portero suplente Larrañeta .", [("Larrañeta", "ORG")], [("Larrañeta", "PER")]),
    (
        "role_apposition",
        "La moción , obra del diputado centrista Joaquim dos Reis , prosperó ayer .",
        [("Joaquim dos Reis", "ORG")],
        [("Joaquim dos Reis", "PER")],
    ),
    ("role_apposition", "Mientras tanto , el índice japonés Nikkei cerró en alza .", [("Nikkei", "PER")], [("Nikkei", "MISC")]),
    (
        "role_apposition",
        "Lo publicó ayer el diario Tal Cual en Caracas .",
        [("Tal Cual", "PER"), ("Caracas", "LOC")],
        [("Tal Cual", "ORG"), ("Caracas", "LOC")],
    ),
    # esp.train and MEANTIME: what a person heads or owns is no person
    (
        "organisation_of_role",
        "Lo afirmó el presidente de Wintershall , Jürgen Bauer .",
        [("Wintershall", "PER"), ("Jürgen Bauer", "PER")],
        [("Wintershall", "ORG"), ("Jürgen Bauer", "PER")],
    ),
    (
        "organisation_of_role",
        "Las acciones de Harland Shipping subieron un 1,8 % .",
        [("Harland Shipping", "PER")],
        [("Harland Shipping", "ORG")],
    ),
    (
        "organisation_of_role",
        "Subieron las acciones preferenciales de Vale Sul .",
        [("Vale Sul", "PER")],
        [("Vale Sul", "ORG")],
    ),
    (
        "organisation_of_role",
        "Lo anunció el alcalde de Móstoles , Esteban Parro .",
        [("Móstoles", "PER"), ("Esteban Parro", "PER")],
        [("Móstoles", "LOC"), ("Esteban Parro", "PER")],
    ),
    (
        "organisation_of_role",
        "Habló el presidente de Chrysler Robert Nardelli ayer .",
        [("Chrysler Robert Nardelli", "PER")],
        [("Chrysler", "ORG"), ("Robert Nardelli", "PER")],
    ),
    (
        "team_with_article",
        "El Oporto se medirá ante el Parma , y Robles , ex técnico del Mérida , estará en el palco .",
        [("Oporto", "ORG"), ("Parma", "LOC"), ("Robles", "PER"), ("Mérida", "LOC")],
        [("Oporto", "ORG"), ("Parma", "ORG"), ("Robles", "PER"), ("Mérida", "ORG")],
    ),
]


@pytest.mark.parametrize(("guard", "text", "model", "expected"), CASES, ids=case_ids(CASES))
def test_cues_guard_alone(guard, text, model, expected):
    assert run_guards((guard,), text, model) == expected
