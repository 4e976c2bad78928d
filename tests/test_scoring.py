"""The one precision/recall/F1 formula the evaluation reports share."""

from __future__ import annotations

import pytest

from pipeline.evaluate.scoring import prf


@pytest.mark.parametrize(
    ("hits", "predicted", "gold", "expected"),
    [
        (3, 4, 6, (0.75, 0.5, 0.6)),
        (0, 0, 5, (0.0, 0.0, 0.0)),  # nothing predicted
        (0, 5, 0, (0.0, 0.0, 0.0)),  # nothing to find
        (2, 2, 2, (1.0, 1.0, 1.0)),
    ],
    ids=["partial", "no-predictions", "no-gold", "perfect"],
)
def test_prf(hits, predicted, gold, expected):
    assert prf(hits, predicted, gold) == pytest.approx(expected)
