"""The date evaluations: MEANTIME gold reading and slips, Recognizers-Text value matching."""

from __future__ import annotations

import pytest

from pipeline.evaluate.date_specs import Gold, value_right
from pipeline.evaluate.timex import GOLD_SLIPS, build_article, read_meantime
from tests.conftest import shared_data


def test_meantime_every_listed_slip_is_in_the_gold():
    docs = read_meantime(shared_data("meantime-es", "timex3.tsv"))
    seen = set()
    for doc in docs:
        article = build_article(doc, date_line=True)
        seen |= {(article.dct, " ".join(t.text.split()), t.value) for t in article.timexes}
    assert [key for key in GOLD_SLIPS if key not in seen] == []


def test_meantime_articles_rebuild_with_offsets():
    docs = read_meantime(shared_data("meantime-es", "timex3.tsv"))
    first = build_article(docs[0], date_line=False)
    assert first.dct == "2005-10-04"
    assert [(t.text, t.value) for t in first.timexes if t.kind == "DATE"] == [
        ("hoy", "2005-10-04"),
        ("el 12 de octubre", "2005-10-12"),
    ]
    assert len(docs) == 120


@pytest.mark.parametrize(
    ("value", "gold", "right"),
    [
        ("2016-10-02", Gold(0, 1, ["XXXX-10-02", "2017-10-02", "2016-10-02"]), True),
        ("2015-10-02", Gold(0, 1, ["XXXX-10-02", "2017-10-02", "2016-10-02"]), False),
        ("2014/2018", Gold(0, 1, ["(2014-01-01,2018-01-01,P4Y)"], [("2014-01-01", "2018-01-01")]), True),
        ("2016-11", Gold(0, 1, ["XXXX-11"], [("2016-11-01", "2016-12-01")]), True),
        ("2019-W33", Gold(0, 1, ["2019-W33"], [("2019-08-12", "2019-08-19")]), True),
        ("2019-W32", Gold(0, 1, ["2019-W33"], [("2019-08-12", "2019-08-19")]), False),
        (None, Gold(0, 1, ["2019"]), False),
    ],
)
def test_spec_value_matching(value, gold, right):
    assert value_right(value, gold) is right
