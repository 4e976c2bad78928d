"""The one precision/recall/F1 formula and the one counting class the evaluation reports share."""

from __future__ import annotations

import pytest

from pipeline.evaluate.scoring import Score


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
    score = Score(gold=gold, predicted=predicted)
    score.hits["exact"] = hits
    assert score.prf() == pytest.approx(expected)


def test_score_counts_exact_keys_overall_and_per_label():
    score = Score()
    score.add([(0, 5, "PER"), (0, 5, "PER"), (9, 12, "LOC")], [(0, 5, "PER"), (20, 25, "ORG")], labels=("PER", "LOC", "ORG"))
    assert (score.gold, score.predicted, score.hits["exact"]) == (2, 2, 1)  # a duplicate counts once
    assert score.of("PER").prf() == (1.0, 1.0, 1.0)
    assert score.of("LOC").prf() == (0.0, 0.0, 0.0)
    assert score.of("MISC").gold == 0  # a label never counted is empty
    assert score.of(None) is score
    assert list(score.by_label) == ["PER", "LOC", "ORG"]


def test_score_by_a_named_criterion_and_with_separate_gold_hits():
    score = Score(gold=4, predicted=5)
    score.hits.update(relaxed=4, exact=2, value=3, found=3)
    assert score.prf("relaxed") == pytest.approx((0.8, 1.0, 8 / 9))
    assert score.prf("exact", gold_hits="found") == pytest.approx((0.4, 0.75, 2 * 0.4 * 0.75 / 1.15))
    assert score.share("value", "relaxed") == 0.75
    assert score.share("value", "unit_checked") == 0.0  # an empty whole


def test_score_keeps_notes_by_kind_in_order():
    score = Score()
    score.note("missed", "a")
    score.note("extra", "b")
    score.note("missed", "c")
    assert score.notes == {"missed": ["a", "c"], "extra": ["b"]}
