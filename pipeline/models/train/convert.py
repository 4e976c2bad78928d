"""CoNLL IOB files → spaCy ``.spacy`` training corpora (``DocBin``).

Each sentence becomes one ``Doc`` whose text is its tokens joined by single
spaces (as the evaluation feeds them); ``spacy train`` re-tokenizes that text
with the model's tokenizer and aligns the gold entities to it.

    python -m pipeline.models.train.convert ../shared/data/conll2002-es/esp.train training/train.spacy
"""

from __future__ import annotations

import sys
from pathlib import Path

import spacy
from spacy.tokens import Doc, DocBin, Span

from pipeline.evaluate.conll import Sentence, read_iob


def sentence_doc(vocab, sentence: Sentence) -> Doc:
    """A Doc with the sentence's tokens (space-separated) and its gold entities."""
    doc = Doc(vocab, words=sentence.tokens, spaces=[True] * (len(sentence.tokens) - 1) + [False])
    doc.ents = [Span(doc, start, end, label=label) for start, end, label in sentence.token_spans]
    return doc


def convert(source: str | Path, target: str | Path) -> int:
    """Writes the sentences of an IOB file as a DocBin; returns the number of sentences."""
    vocab = spacy.blank("es").vocab
    sentences = read_iob(source)
    bin_ = DocBin(attrs=["ENT_IOB", "ENT_TYPE"], store_user_data=False)
    for sentence in sentences:
        bin_.add(sentence_doc(vocab, sentence))
    Path(target).parent.mkdir(parents=True, exist_ok=True)
    bin_.to_disk(target)
    return len(sentences)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 2:
        print("usage: python -m pipeline.models.train.convert IOB_FILE OUT.spacy", file=sys.stderr)
        return 2
    source, target = args
    if not Path(source).exists():
        print(f"IOB file not found: {source}", file=sys.stderr)
        return 1
    n = convert(source, target)
    print(f"{source}: {n} sentences → {target}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
