"""The Latin American report (`pipeline.evaluate.latam`) and the floors the pipeline keeps on it."""

from __future__ import annotations

import pytest

from pipeline.evaluate import latam


@pytest.fixture(scope="module")
def result(nlp):
    return latam.score(nlp=nlp)


def test_the_report_covers_every_article_and_label(result):
    assert result["n_articles"] == len(latam.read_articles()) >= 40
    text = latam.format_report(result)
    for label in (*latam.NAME_LABELS, *latam.FIGURE_LABELS):
        assert f"\n{label} " in text


def test_names_figures_and_identity_hold_their_floor(result):
    # Floors under the numbers of `python -m pipeline eval --only latam`; raise them as they improve.
    assert result["names"].prf()[2] >= 0.85
    assert result["figures"].prf()[2] >= 0.97
    assert result["values_right"] / result["figures"].hits["exact"] >= 0.95
    pairs = result["identity"]
    assert pairs["both"] / pairs["same_id"] >= 0.95  # never merging two people matters most
    assert pairs["both"] / pairs["same_person"] >= 0.75


def test_identity_pairs_count_only_pairs_across_articles():
    ids = [("a", "Nicolás Maduro", "x"), ("a", "Nicolás Maduro", "x"), ("b", "Nicolás Maduro", "x"), ("c", "Rodrigo Paz", "y")]
    assert latam.identity_pairs(ids) == {"same_id": 2, "same_person": 2, "both": 2}
