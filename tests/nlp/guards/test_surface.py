"""Surface-form guards (`pipeline.nlp.guards.surface`), each run alone."""

from __future__ import annotations

import pytest

from tests.nlp.guards.helpers import BODY, case_ids, run_guards  # noqa: F401  (BODY: some modules' cases)

CASES = [
    # (guard, text, model entities, entities after that guard alone)
    ("lowercase", "El ministro aseguró que el año fue bueno .", [("aseguró", "ORG"), ("año", "MISC")], []),
    (
        "currency_sign",
        "Aportó 16 millones de US$ para la búsqueda , dijo Boeing .",  # MEANTIME: "US$" was an ORG
        [("US$", "ORG"), ("Boeing", "ORG")],
        [("Boeing", "ORG")],
    ),
    ("currency_sign", "La COP aprobó el texto .", [("COP", "ORG")], [("COP", "ORG")]),  # a letter code stays
    ("closed_class", "Según un comunicado emitido por la Cancillería , todo sigue igual .", [("Según", "PER")], []),
    ("closed_class", "Además , el ministro viajará a Lima .", [("Además", "LOC"), ("Lima", "LOC")], [("Lima", "LOC")]),
    ("closed_class", "Sin embargo , nadie respondió .", [("Sin embargo", "MISC")], []),
    (
        "leading_function_word",
        "Según Viana Baptista , la empresa crecerá .",
        [("Según Viana Baptista", "PER")],
        [("Viana Baptista", "PER")],
    ),
    (
        "leading_function_word",
        "Con los dos millones de nuevos abonados móviles , ganará .",
        [("Con los dos millones de nuevos abonados móviles", "MISC")],
        [],
    ),
    (
        "trailing_function_word",
        "Se vende en la App Store de Apple .",
        [("App Store de", "ORG"), ("Apple", "ORG")],
        [("App Store", "ORG"), ("Apple", "ORG")],
    ),
    (
        "trailing_function_word",
        "Presentó el iPhone 3G S. El nuevo modelo llega hoy .",
        [("iPhone 3G S. El", "MISC")],
        [("iPhone 3G S.", "MISC")],
    ),
    (
        "trailing_function_word",
        "Lanzó el Mac OS X. 2007 fue el año del iPhone .",
        [("Mac OS X. 2007", "MISC"), ("iPhone", "MISC")],
        [("Mac OS X.", "MISC"), ("iPhone", "MISC")],
    ),
    ("trailing_function_word", "Ganó los Mundiales y la Copa .", [("Mundiales y", "MISC")], [("Mundiales", "MISC")]),
    ("lowercase_start", "Lo dijo el presidente Putin .", [("presidente Putin", "PER")], [("Putin", "PER")]),
    ("lowercase_start", "Recibió al ministro del Interior de Colombia .", [("ministro del Interior de Colombia", "LOC")], []),
    ("heading_word", "Ganó el Parma . Goles : 1-0 , Crespo .", [("Goles", "PER"), ("Crespo", "PER")], [("Crespo", "PER")]),
    (
        "heading_word",
        "Putin : no habrá guerra . Lo dijo ayer el líder ruso Putin .",
        [("Putin", "PER"), ("Putin", "PER")],
        [("Putin", "PER"), ("Putin", "PER")],
    ),
    ("headline_capitals", BODY.format("TROMBA DE AGUA INUNDA LA CIUDAD"), [("TROMBA", "MISC")], []),
    (
        "headline_capitals",
        BODY.format("AZNAR VISITA LA ONU") + " Aznar llegó ayer a Nueva York .",
        [("AZNAR", "PER"), ("ONU", "ORG"), ("Aznar", "PER"), ("Nueva York", "LOC")],
        [("AZNAR", "PER"), ("ONU", "ORG"), ("Aznar", "PER"), ("Nueva York", "LOC")],
    ),
    (
        "headline_capitals",
        "CUMBRE EN MADRID : ZAPATERO RECIBE A MERKEL",
        [("ZAPATERO", "PER"), ("MERKEL", "PER")],
        [("ZAPATERO", "PER"), ("MERKEL", "PER")],
    ),  # all in capitals: no body to check against
    ("caption_credit", "Foto : Archivo / RHC", [("Foto", "LOC"), ("Archivo / RHC", "LOC")], []),
    ("caption_credit", "Foto : EFE", [("EFE", "ORG")], []),
]


@pytest.mark.parametrize(("guard", "text", "model", "expected"), CASES, ids=case_ids(CASES))
def test_surface_guard_alone(guard, text, model, expected):
    assert run_guards((guard,), text, model) == expected
