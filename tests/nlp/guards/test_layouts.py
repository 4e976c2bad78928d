"""Page-layout guards (`pipeline.nlp.guards.layouts`), each run alone."""

from __future__ import annotations

import pytest

from tests.nlp.guards.helpers import BODY, case_ids, run_guards  # noqa: F401  (BODY: some modules' cases)

CASES = [
    # (guard, text, model entities, entities after that guard alone)
    # esp.testa match reports, with the labels a news NER trained on esp.train gave them
    (
        "match_minute",
        "Page , Matthew Jones ( Bellamy , m.72 ) , Savage .",
        [("Page", "PER"), ("Matthew Jones", "PER"), ("Bellamy", "LOC"), ("Savage", "PER")],
        [("Page", "PER"), ("Matthew Jones", "PER"), ("Bellamy", "PER"), ("Savage", "PER")],
    ),
    ("match_minute", "Mostró tarjeta amarilla a Cannavaro ( m.68 ) .", [("Cannavaro", "LOC")], [("Cannavaro", "PER")]),
    ("match_minute", "Goles : 0-1 , M.63 : Elber .", [("Elber", "ORG")], [("Elber", "PER")]),
    # esp.testa stock table, with the labels a news NER trained on esp.train gave them
    (
        "stock_listing",
        "Telecom 4,71 -.21 Astra 2,52 -3,0 Acindar 0,735 +.68 Celulosa 0,00 - Comercial",
        [("Telecom", "ORG"), ("Astra", "ORG"), ("Acindar", "PER"), ("Celulosa", "LOC")],
        [("Telecom", "ORG"), ("Astra", "ORG"), ("Acindar", "ORG"), ("Celulosa", "ORG")],
    ),
    # esp.testa sentences, with the labels the news NER trained on esp.train gave them
    # esp.train datelines the news NER got wrong; the second had no entity at all
    (
        "dateline_place",
        "Llodio ( Alava ) , 23 may ( EFE ) .",
        [("Llodio", "PER"), ("Alava", "ORG"), ("EFE", "ORG")],
        [("Llodio", "LOC"), ("Alava", "LOC"), ("EFE", "ORG")],
    ),
    ("dateline_place", "Grandas de Salime , 23 may ( EFE ) .", [("EFE", "ORG")], [("Grandas de Salime", "LOC"), ("EFE", "ORG")]),
    (
        "dateline_place",
        "Titular del día\nLA HABANA, 20 ene (RHC) El presidente llegó .",
        [("LA HABANA", "ORG"), ("RHC", "ORG")],
        [("LA HABANA", "LOC"), ("RHC", "ORG")],
    ),
    (
        "parenthesised_team",
        "Noel Pérez ( Moca ) marcha en segundo lugar con 106 defensas .",
        [("Noel Pérez", "PER"), ("Moca", "PER")],
        [("Noel Pérez", "PER"), ("Moca", "ORG")],
    ),
    (
        "parenthesised_team",
        "Ganó la eslovaca Martina Hingis ( Suiza ) en dos sets .",
        [("Martina Hingis", "PER"), ("Suiza", "PER")],
        [("Martina Hingis", "PER"), ("Suiza", "LOC")],
    ),
    (
        "parenthesised_team",
        "Amonestación a Bracamonte ( Badajoz ) y Suárez ( San Sebastián ) .",
        [("Bracamonte", "PER"), ("Badajoz", "LOC"), ("Suárez", "PER"), ("San Sebastián", "LOC")],
        [("Bracamonte", "PER"), ("Badajoz", "ORG"), ("Suárez", "PER"), ("San Sebastián", "ORG")],
    ),
]


@pytest.mark.parametrize(("guard", "text", "model", "expected"), CASES, ids=case_ids(CASES))
def test_layouts_guard_alone(guard, text, model, expected):
    assert run_guards((guard,), text, model) == expected
