"""Words per second of two ``ner`` components on the same texts (the model's own vs the shipped one).

Tokenizes once, then times each component alone on the same Docs, best of
``repeat`` runs, in one process:

    python -m pipeline.models.train.speed ../shared/data/meantime-es/articles.jsonl
"""

from __future__ import annotations

import json
import sys
import time
import warnings
from pathlib import Path

import spacy

from pipeline.nlp.build import BASE_MODEL, NEWS_NER


def texts_of(path: Path) -> list[str]:
    """Texts of a JSONL file (title and text fields), an IOB file (its sentences) or a text file."""
    if path.suffix == ".jsonl":
        rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        return ["\n\n".join(str(row[key]) for key in ("title", "text") if row.get(key)) for row in rows]
    if path.name.startswith("esp."):
        from pipeline.evaluate.conll import read_iob

        return [s.text for s in read_iob(path)]
    return [path.read_text(encoding="utf-8")]


def words_per_second(ner, docs, repeat: int = 3) -> float:
    """Best words/s of ``ner.pipe`` over copies of the Docs."""
    n_words = sum(len(doc) for doc in docs)
    best = float("inf")
    for _ in range(repeat):
        copies = [doc.copy() for doc in docs]
        started = time.perf_counter()
        for _ in ner.pipe(copies, batch_size=256):
            pass
        best = min(best, time.perf_counter() - started)
    return n_words / best


def compare(path: Path, repeat: int = 3) -> str:
    """A three-line report: words/s of the base model's ``ner``, of the shipped one, and their ratio."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=r".*\[W095\]")
        base = spacy.load(BASE_MODEL)
    shipped = spacy.load(NEWS_NER)
    docs = [base.make_doc(text) for text in texts_of(path)]
    old = words_per_second(base.get_pipe("ner"), docs, repeat)
    new = words_per_second(shipped.get_pipe("ner"), docs, repeat)
    n_words = sum(len(doc) for doc in docs)
    return (f"{path.name}: {len(docs)} texts, {n_words:,} tokens, best of {repeat}\n"
            f"  {BASE_MODEL} ner : {old:10,.0f} words/s\n"
            f"  {NEWS_NER.name} ner: {new:10,.0f} words/s  (×{new / old:.2f})")


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1 or not Path(args[0]).exists():
        print("usage: python -m pipeline.models.train.speed TEXTS(.jsonl|esp.*|.txt)", file=sys.stderr)
        return 2
    print(compare(Path(args[0])))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
