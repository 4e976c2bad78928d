"""The verb guard (`pipeline.nlp.guards.verbs`), run alone."""

from __future__ import annotations

import pytest

from tests.nlp.guards.helpers import BODY, case_ids, run_guards  # noqa: F401  (BODY: some modules' cases)

CASES = [
    # (guard, text, model entities, entities after that guard alone)
    (
        "sentence_initial_verb",
        "“ Intercambiamos sobre temas referentes a la cooperación ” , subrayó Maduro .",
        [("Intercambiamos", "LOC"), ("Maduro", "PER")],
        [("Maduro", "PER")],
    ),
    ("sentence_initial_verb", "Ratificó , además , la solidaridad con la nación .", [("Ratificó", "LOC")], []),
    ("sentence_initial_verb", "Ratificó Maduro su apoyo .", [("Ratificó Maduro", "PER")], [("Maduro", "PER")]),
    # MEANTIME openers the endings miss; the lemmatizer's tables (pipeline.nlp.verb_forms) know them.
    ("sentence_initial_verb", "Podría ser solo una prórroga a corto plazo .", [("Podría", "PER")], []),
    ("sentence_initial_verb", "Hablando a la prensa , ha dicho que la GM seguirá .", [("Hablando", "PER")], []),
    (
        "sentence_initial_verb",
        "... Echaré muchísimo de menos a Steve .",
        [("Echaré", "PER"), ("Steve", "PER")],
        [("Steve", "PER")],
    ),
    ("sentence_initial_verb", "Quiero agradecer a nuestros equipos su trabajo .", [("Quiero", "PER")], []),
    ("sentence_initial_verb", "Siento que se haya tardado tanto .", [("Siento", "PER")], []),
    (
        "sentence_initial_verb",
        "Sustituyen a los veteranos Fokker Friendship .",
        [("Sustituyen", "PER"), ("Fokker Friendship", "MISC")],
        [("Fokker Friendship", "MISC")],
    ),
    ("sentence_initial_verb", "Ocasionalmente , se ha criticado el programa .", [("Ocasionalmente", "PER")], []),
    ("sentence_initial_verb", "Llevaba luchando contra un cáncer desde 2004 .", [("Llevaba", "ORG")], []),
]


@pytest.mark.parametrize(("guard", "text", "model", "expected"), CASES, ids=case_ids(CASES))
def test_verbs_guard_alone(guard, text, model, expected):
    assert run_guards((guard,), text, model) == expected
