"""Word helpers shared by the guards and the names components."""

from __future__ import annotations

import pytest

from pipeline.nlp.words import fold, opens_sentence
from tests.nlp.guards.helpers import filter_nlp


@pytest.mark.parametrize(
    ("text", "index", "opens"),
    [
        ("“ Intercambiamos sobre temas", 1, True),
        ("Dijo que . Ratificó", 3, True),
        ("visitó Caracas hoy", 1, False),
        ("Foto : Archivo", 2, True),
        ("Hola\n\nSegún", 2, True),
    ],
)
def test_opens_sentence(text, index, opens):
    nlp = filter_nlp(())
    doc = nlp.get_pipe("sentencizer")(nlp.make_doc(text))
    assert opens_sentence(doc[index]) is opens


@pytest.mark.parametrize(("text", "folded"), [("Cancillería", "cancilleria"), ("  EE.UU.  ", "ee.uu."), ("Ñandú", "nandu")])
def test_fold_ignores_case_accents_and_spacing(text, folded):
    assert fold(text) == folded
