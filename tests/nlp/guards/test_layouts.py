"""Page-layout guards (`pipeline.nlp.guards.layouts`), each run alone."""

from __future__ import annotations

import pytest

from tests.nlp.guards.helpers import BODY, case_ids, run_guards  # noqa: F401  (BODY: some modules' cases)

CASES = [
    # (guard, text, model entities, entities after that guard alone)
    # match reports in the wire's layout, with the kind of labels a news NER trained on esp.train gives them
    (
        "match_minute",
        "Ortega , Daniel Ruiz ( Benítez , m.81 ) , Campos .",
        [("Ortega", "PER"), ("Daniel Ruiz", "PER"), ("Benítez", "LOC"), ("Campos", "PER")],
        [("Ortega", "PER"), ("Daniel Ruiz", "PER"), ("Benítez", "PER"), ("Campos", "PER")],
    ),
    ("match_minute", "El árbitro amonestó a Etxeberria ( m.54 ) .", [("Etxeberria", "LOC")], [("Etxeberria", "PER")]),
    ("match_minute", "Goles : 1-0 , M.27 : Salcedo .", [("Salcedo", "ORG")], [("Salcedo", "PER")]),
    # a stock table in the wire's layout, with the kind of labels a news NER trained on esp.train gives them
    (
        "stock_listing",
        "Metrogas 3,18 -.45 Ledesma 1,94 -2,1 Siderar 0,812 +.37 Molinos 0,00 - Andina",
        [("Metrogas", "ORG"), ("Ledesma", "ORG"), ("Siderar", "PER"), ("Molinos", "LOC")],
        [("Metrogas", "ORG"), ("Ledesma", "ORG"), ("Siderar", "ORG"), ("Molinos", "ORG")],
    ),
    # datelines of the kind the news NER gets wrong; the second has no entity at all
    (
        "dateline_place",
        "Tolosa ( Guipúzcoa ) , 14 jun ( EFE ) .",
        [("Tolosa", "PER"), ("Guipúzcoa", "ORG"), ("EFE", "ORG")],
        [("Tolosa", "LOC"), ("Guipúzcoa", "LOC"), ("EFE", "ORG")],
    ),
    (
        "dateline_place",
        "Puebla de Sanabria , 14 jun ( EFE ) .",
        [("EFE", "ORG")],
        [("Puebla de Sanabria", "LOC"), ("EFE", "ORG")],
    ),
    (
        "dateline_place",
        "Titular del día\nLA HABANA, 20 ene (RHC) El presidente llegó .",
        [("LA HABANA", "ORG"), ("RHC", "ORG")],
        [("LA HABANA", "LOC"), ("RHC", "ORG")],
    ),
    (
        "parenthesised_team",
        "Raúl Guzmán ( Licey ) va tercero con 87 ponches .",
        [("Raúl Guzmán", "PER"), ("Licey", "PER")],
        [("Raúl Guzmán", "PER"), ("Licey", "ORG")],
    ),
    (
        "parenthesised_team",
        "Ganó la checa Petra Novak ( Austria ) en tres sets .",
        [("Petra Novak", "PER"), ("Austria", "PER")],
        [("Petra Novak", "PER"), ("Austria", "LOC")],
    ),
    (
        "parenthesised_team",
        "Amonestación a Olmedo ( Lorca ) y Vidal ( Las Palmas ) .",
        [("Olmedo", "PER"), ("Lorca", "LOC"), ("Vidal", "PER"), ("Las Palmas", "LOC")],
        [("Olmedo", "PER"), ("Lorca", "ORG"), ("Vidal", "PER"), ("Las Palmas", "ORG")],
    ),
]


@pytest.mark.parametrize(("guard", "text", "model", "expected"), CASES, ids=case_ids(CASES))
def test_layouts_guard_alone(guard, text, model, expected):
    assert run_guards((guard,), text, model) == expected
