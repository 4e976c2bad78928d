"""Document-wide guards (`pipeline.nlp.guards.document`), each run alone."""

from __future__ import annotations

import pytest

from tests.nlp.guards.helpers import BODY, case_ids, run_guards  # noqa: F401  (BODY: some modules' cases)

CASES = [
    # (guard, text, model entities, entities after that guard alone)
    (
        "listed_names",
        "Urquiza , Benavente y Lozano , junto a la Banda Municipal de Cádiz , actuaron anoche .",
        [("Urquiza", "PER"), ("Benavente", "PER"), ("Lozano", "LOC"), ("Banda Municipal de Cádiz", "ORG")],
        [("Urquiza", "PER"), ("Benavente", "PER"), ("Lozano", "PER"), ("Banda Municipal de Cádiz", "ORG")],
    ),
    (
        "listed_names",
        "Baloncesto Alcázar : Uribe ( 9 ) , Moreno ( 11 ) , Castells ( 4 ) y Pardo ( 3 veces ) .",
        [("Baloncesto Alcázar", "ORG"), ("Uribe", "LOC"), ("Moreno", "PER"), ("Castells", "PER"), ("Pardo", "PER")],
        [("Baloncesto Alcázar", "ORG"), ("Uribe", "PER"), ("Moreno", "PER"), ("Castells", "PER"), ("Pardo", "PER")],
    ),
    (
        "listed_names",
        "2 - Sporting de Lisboa : Ferreira ; Kovac , Dumont , Teruel , Mbeki ; Rossi , Lenoir y Horvat .",
        [
            ("Sporting de Lisboa", "ORG"),
            ("Ferreira", "PER"),
            ("Kovac", "PER"),
            ("Dumont", "LOC"),
            ("Teruel", "LOC"),
            ("Mbeki", "PER"),
            ("Rossi", "PER"),
            ("Lenoir", "PER"),
            ("Horvat", "PER"),
        ],
        [
            ("Sporting de Lisboa", "ORG"),
            ("Ferreira", "PER"),
            ("Kovac", "PER"),
            ("Dumont", "PER"),
            ("Teruel", "PER"),
            ("Mbeki", "PER"),
            ("Rossi", "PER"),
            ("Lenoir", "PER"),
            ("Horvat", "PER"),
        ],
    ),
    (
        "listed_names",
        "Tarjeta amarilla para Iñaki y Robles ( Lugo ) , Sergio ( Mérida ) y Popescu ( Alcorcón ) .",
        [
            ("Iñaki", "LOC"),
            ("Robles", "PER"),
            ("Lugo", "ORG"),
            ("Sergio", "PER"),
            ("Mérida", "ORG"),
            ("Popescu", "PER"),
            ("Alcorcón", "ORG"),
        ],
        [
            ("Iñaki", "PER"),
            ("Robles", "PER"),
            ("Lugo", "ORG"),
            ("Sergio", "PER"),
            ("Mérida", "ORG"),
            ("Popescu", "PER"),
            ("Alcorcón", "ORG"),
        ],
    ),
    # one article: the NER takes the bank for a person twice, and majority_label alone would follow it
    (
        "organisation_elsewhere",
        "La junta de Crediplata estudia la venta . Mientras Crediplata hablaba con el Santander , "
        "los analistas ven ventajas para Crediplata en la fusión .",
        [("Crediplata", "ORG"), ("Crediplata", "PER"), ("Santander", "ORG"), ("Crediplata", "PER")],
        [("Crediplata", "ORG"), ("Crediplata", "ORG"), ("Santander", "ORG"), ("Crediplata", "ORG")],
    ),
    (
        "majority_label",
        "Sao Paulo crece . En Sao Paulo viven 11 millones . Sao Paulo es la capital del estado de SAO PAULO .",
        [("Sao Paulo", "LOC"), ("Sao Paulo", "PER"), ("Sao Paulo", "LOC"), ("SAO PAULO", "LOC")],
        [("Sao Paulo", "LOC"), ("Sao Paulo", "LOC"), ("Sao Paulo", "LOC"), ("SAO PAULO", "LOC")],
    ),
]


@pytest.mark.parametrize(("guard", "text", "model", "expected"), CASES, ids=case_ids(CASES))
def test_document_guard_alone(guard, text, model, expected):
    assert run_guards((guard,), text, model) == expected
