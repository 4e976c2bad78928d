"""Document-wide guards (`pipeline.nlp.guards.document`), each run alone."""

from __future__ import annotations

import pytest

from tests.nlp.guards.helpers import BODY, case_ids, run_guards  # noqa: F401  (BODY: some modules' cases)

CASES = [
    # (guard, text, model entities, entities after that guard alone)
    (
        "listed_names",
        "Poblador , Machado y Orfila , acompañados por la Orquesta Sinfónica de RTVE , cantaron .",
        [("Poblador", "PER"), ("Machado", "PER"), ("Orfila", "LOC"), ("Orquesta Sinfónica de RTVE", "ORG")],
        [("Poblador", "PER"), ("Machado", "PER"), ("Orfila", "PER"), ("Orquesta Sinfónica de RTVE", "ORG")],
    ),
    (
        "listed_names",
        "Adecco Estudiantes : Azofra ( 6 ) , Thompson ( 15 ) , Jiménez ( 13 ) y Aisa ( 2 veces ) .",
        [("Adecco Estudiantes", "ORG"), ("Azofra", "LOC"), ("Thompson", "PER"), ("Jiménez", "PER"), ("Aisa", "PER")],
        [("Adecco Estudiantes", "ORG"), ("Azofra", "PER"), ("Thompson", "PER"), ("Jiménez", "PER"), ("Aisa", "PER")],
    ),
    (
        "listed_names",
        "3 - Inter de Milán : Peruzzi ; Simic , Blanc , Córdoba , Domoraud ; Zanetti , Cauet y Jugovic .",
        [
            ("Inter de Milán", "ORG"),
            ("Peruzzi", "PER"),
            ("Simic", "PER"),
            ("Blanc", "LOC"),
            ("Córdoba", "LOC"),
            ("Domoraud", "PER"),
            ("Zanetti", "PER"),
            ("Cauet", "PER"),
            ("Jugovic", "PER"),
        ],
        [
            ("Inter de Milán", "ORG"),
            ("Peruzzi", "PER"),
            ("Simic", "PER"),
            ("Blanc", "PER"),
            ("Córdoba", "PER"),
            ("Domoraud", "PER"),
            ("Zanetti", "PER"),
            ("Cauet", "PER"),
            ("Jugovic", "PER"),
        ],
    ),
    (
        "listed_names",
        "Amonestación a Txutxi y Gallego ( Badajoz ) , Alberto ( Córdoba ) y Craioveanu ( Villarreal ) .",
        [
            ("Txutxi", "LOC"),
            ("Gallego", "PER"),
            ("Badajoz", "ORG"),
            ("Alberto", "PER"),
            ("Córdoba", "ORG"),
            ("Craioveanu", "PER"),
            ("Villarreal", "ORG"),
        ],
        [
            ("Txutxi", "PER"),
            ("Gallego", "PER"),
            ("Badajoz", "ORG"),
            ("Alberto", "PER"),
            ("Córdoba", "ORG"),
            ("Craioveanu", "PER"),
            ("Villarreal", "ORG"),
        ],
    ),
    # esp.testa, one article: the NER took the bank for a person twice, and majority_label alone would follow it
    (
        "organisation_elsewhere",
        "El consejo de administración de Bancomer lo discute . Mientras Bancomer negociaba con el BBVA , "
        "su propuesta es la mejor para Bancomer .",
        [("Bancomer", "ORG"), ("Bancomer", "PER"), ("BBVA", "ORG"), ("Bancomer", "PER")],
        [("Bancomer", "ORG"), ("Bancomer", "ORG"), ("BBVA", "ORG"), ("Bancomer", "ORG")],
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
