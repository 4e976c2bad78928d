"""Only the model components extraction needs run (``ner`` + ``senter``), proved on MEANTIME articles.

Two comparisons against the model's full pipeline:

1. `pipeline.load()` against the full model with its parser swapped for the
   ``senter``: the components left out (tok2vec, morphologizer,
   attribute_ruler, lemmatizer) change nothing — the same ``doc.ents`` with the
   same values and the same three tables.
2. The ``senter`` against the parser (`pipeline.load(full=True)`): the two put
   some sentence boundaries differently; the parser runs before the NER, which
   does not cross a preset boundary, and the sentence-opener filter looks at
   boundaries, so a few entities differ; every difference sits at a token
   where the two disagree on a boundary. On all 120 articles: 2 of 4,812
   mention rows (1 document) — see docs/scale.md, "Which model components run".
"""

from __future__ import annotations

import pandas as pd
import pytest

import pipeline
from pipeline.bench import article_texts
from tests.conftest import SHARED_DATA, shared_data

SAMPLE_STRIDE = 10  # 12 of the 120 articles


def _sample_ids() -> list[str]:
    path = SHARED_DATA / "meantime-es" / "articles.jsonl"
    return [stem for stem, _ in article_texts(path)[::SAMPLE_STRIDE]] if path.is_file() else ["absent"]


@pytest.fixture(scope="module")
def articles() -> dict[str, str]:
    return dict(article_texts(shared_data("meantime-es", "articles.jsonl")))


@pytest.fixture(scope="module")
def full_with_senter():
    nlp = pipeline.load(full=True)
    nlp.disable_pipe("parser")
    nlp.enable_pipe("senter")
    return nlp


@pytest.fixture(scope="module")
def full_with_parser():
    return pipeline.load(full=True)


def _ents(doc) -> list[tuple]:
    return [
        (e.start_char, e.end_char, e.label_, e.kb_id_, e._.value, e._.value_num, e._.unit, e._.canonical, e._.source)
        for e in doc.ents
    ]


def test_fast_pipeline_runs_only_senter_and_ner_of_the_model(nlp):
    model_components = [name for name in nlp.pipe_names if not name.startswith("es_")]
    assert model_components == ["ner", "senter"]


@pytest.mark.parametrize("article", _sample_ids())
def test_fast_pipeline_gives_the_entities_of_the_full_pipeline(nlp, full_with_senter, articles, article):
    text = articles[article]
    assert _ents(nlp(text)) == _ents(full_with_senter(text))


@pytest.fixture(scope="module")
def sample_tables(nlp, full_with_senter, articles, tmp_path_factory):
    folder = tmp_path_factory.mktemp("meantime-sample")
    for article in _sample_ids():
        (folder / f"{article}.txt").write_text(articles[article], encoding="utf-8")
    return pipeline.extract([folder], nlp=nlp), pipeline.extract([folder], nlp=full_with_senter)


@pytest.mark.parametrize("table", ["documents", "mentions", "entities"])
def test_fast_pipeline_gives_the_tables_of_the_full_pipeline(sample_tables, table):
    fast, full = (getattr(t, table) for t in sample_tables)
    assert len(fast) > 0
    if table == "documents":  # two pipelines: their fingerprints differ by design (pipeline.fingerprint)
        assert (fast.fingerprint != full.fingerprint).all()
        fast, full = fast.drop(columns="fingerprint"), full.drop(columns="fingerprint")
    pd.testing.assert_frame_equal(fast, full)


def _boundary_disagreements(a, b) -> set[int]:
    return {t.i for t in a if bool(t.is_sent_start) != bool(b[t.i].is_sent_start)}


@pytest.mark.parametrize("article", _sample_ids())
def test_senter_and_parser_entities_differ_only_at_sentence_boundaries_they_disagree_on(nlp, full_with_parser, articles, article):
    fast, full = nlp(articles[article]), full_with_parser(articles[article])
    disagreements = _boundary_disagreements(fast, full)
    only_one = set(_ents(fast)) ^ set(_ents(full))
    for start_char, end_char, *_ in only_one:
        span = fast.char_span(start_char, end_char)
        assert disagreements & set(range(span.start, span.end + 1)), f"{span.text!r} differs away from any boundary"
