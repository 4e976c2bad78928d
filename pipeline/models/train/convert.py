"""CoNLL IOB files → spaCy ``.spacy`` training corpora (``DocBin``).

Each sentence becomes one ``Doc`` whose text is its tokens joined by single
spaces (as the evaluation feeds them); ``spacy train`` re-tokenizes that text
with the model's tokenizer and aligns the gold entities to it.

One artefact of the CoNLL-2002 Spanish files is repaired: inside about 430
multi-word names the conjunction "y" is missing and the word before it carries
a period ("Ministerio de Agricultura, Pesca. Alimentación", "Seres. Estrellas").
Learnt as is, it teaches the model that a name runs on over ". Capital" — in
real text "con Airbus. Después" became one ORG. Such a token ("Pesca.", inside
a name that goes on after it, not an initial like "W." nor an all-capitals
abbreviation like "EE.") becomes "Pesca y". The dev corpus made from esp.testa
is repaired the same way; ``pipeline.evaluate.conll`` scores the files as they are.

    python -m pipeline.models.train.convert ../shared/data/conll2002-es/esp.train training/train.spacy
"""

from __future__ import annotations

import random
import re
import sys
from pathlib import Path

import spacy
from spacy.tokens import Doc, DocBin, Span

from pipeline.evaluate.conll import Sentence, group_articles, read_iob

LOST_CONJUNCTION = re.compile(r"^(?P<word>\w*[a-záéíóúüñ]\w*)\.$")


def repair_lost_conjunctions(sentence: Sentence) -> Sentence:
    """ "Pesca." inside a name that goes on after it → "Pesca" "y" (both inside the name)."""
    tokens, tags = [], []
    for i, (token, tag) in enumerate(zip(sentence.tokens, sentence.tags, strict=True)):
        next_tag = sentence.tags[i + 1] if i + 1 < len(sentence.tags) else "O"
        match = LOST_CONJUNCTION.match(token)
        inside = tag != "O" and next_tag == f"I-{tag[2:]}"
        if match and inside and len(match["word"]) > 1:
            following = sentence.tokens[i + 1].lower()
            tokens.append(match["word"])
            tags.append(tag)
            if following not in ("y", "e"):
                tokens.append("y")
                tags.append(f"I-{tag[2:]}")
        else:
            tokens.append(token)
            tags.append(tag)
    return Sentence(tokens, tags)


def sentence_doc(vocab, sentence: Sentence, *, repair: bool = True) -> Doc:
    """A Doc with the sentence's tokens (space-separated) and its gold entities."""
    if repair:
        sentence = repair_lost_conjunctions(sentence)
    doc = Doc(vocab, words=sentence.tokens, spaces=[True] * (len(sentence.tokens) - 1) + [False])
    doc.ents = [Span(doc, start, end, label=label) for start, end, label in sentence.token_spans]
    return doc


UNITS = ("sentence", "article", "swap")
SWAP_SEED = 0


def swap_names(sentences: list[Sentence], seed: int = SWAP_SEED) -> list[Sentence]:
    """Each sentence that has names, again, with every name replaced by a name of the same
    label drawn at random from all the sentences ("mention replacement", Dai and Adel 2020,
    "An Analysis of Simple Data Augmentation for Named Entity Recognition"): the model has
    to read a name's label from its context more than from the name it remembers, as it
    must for the names of new text. Deterministic for a given ``seed``."""
    rng = random.Random(seed)
    names: dict[str, list[list[str]]] = {}
    for sentence in sentences:
        for start, end, label in sentence.token_spans:
            names.setdefault(label, []).append(sentence.tokens[start:end])
    swapped = []
    for sentence in sentences:
        spans = sorted(sentence.token_spans)
        if not spans:
            continue
        tokens, tags, i = [], [], 0
        for start, end, label in spans:
            tokens += sentence.tokens[i:start]
            tags += sentence.tags[i:start]
            name = rng.choice(names[label])
            tokens += name
            tags += [f"B-{label}"] + [f"I-{label}"] * (len(name) - 1)
            i = end
        swapped.append(Sentence(tokens + sentence.tokens[i:], tags + sentence.tags[i:]))
    return swapped


def convert(sources: list[str | Path], target: str | Path, *, units: tuple[str, ...] = UNITS[:2]) -> int:
    """Writes the sentences and/or articles of one or more IOB files as one DocBin; returns the number of Docs.

    ``units``: ``"sentence"`` makes a Doc of each sentence, ``"article"`` one of
    each article (its repaired sentences joined by single spaces,
    `conll.group_articles`), so the model learns names both at the start of a
    text and in running news text; ``"swap"`` adds, after those, each sentence
    of all the files with its names swapped (`swap_names`).
    """
    unknown = set(units) - set(UNITS)
    if unknown or not units:
        raise ValueError(f"units must be some of {', '.join(UNITS)}, not {', '.join(units)}")
    vocab = spacy.blank("es").vocab
    bin_ = DocBin(attrs=["ENT_IOB", "ENT_TYPE"], store_user_data=False)
    n = 0
    every_sentence = []
    for source in sources:
        repaired = [repair_lost_conjunctions(sentence) for sentence in read_iob(source)]
        every_sentence += repaired
        docs = []
        if "sentence" in units:
            docs += repaired
        if "article" in units:
            docs += group_articles(repaired)
        for sentence in docs:
            bin_.add(sentence_doc(vocab, sentence, repair=False))
            n += 1
    if "swap" in units:
        for sentence in swap_names(every_sentence):
            bin_.add(sentence_doc(vocab, sentence, repair=False))
            n += 1
    Path(target).parent.mkdir(parents=True, exist_ok=True)
    bin_.to_disk(target)
    return n


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    units = UNITS[:2]
    if args and args[0].startswith("--units="):
        units = tuple(args.pop(0).removeprefix("--units=").split(","))
    if len(args) < 2 or set(units) - set(UNITS):
        print(f"usage: python -m pipeline.models.train.convert [--units={','.join(UNITS)}] IOB_FILE… OUT.spacy", file=sys.stderr)
        return 2
    *sources, target = args
    missing = [source for source in sources if not Path(source).exists()]
    if missing:
        print(f"IOB file not found: {', '.join(missing)}", file=sys.stderr)
        return 1
    n = convert(sources, target, units=units)
    print(f"{' + '.join(sources)}: {n} texts ({' and '.join(unit + 's' for unit in units)}) → {target}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
