"""What each precision guard of `pipeline.nlp.guards` does on CoNLL-2002 Spanish.

The model runs once (``senter`` + ``ner``) over CoNLL articles (tokens joined
by spaces, sentences by a space, an article per EFE dateline). Each rule is then
applied alone to the model's entities, and what it removes or adds is checked
against the gold spans (exact span and label; COUNTRY counts as LOC, PERSON as
PER, NORP and the value labels are not CoNLL labels and are left out):

- ``fp_removed``: wrong entities the rule removed (the gain),
- ``tp_lost``: right entities the rule removed (the cost),
- ``tp_added`` / ``fp_added``: right / wrong entities it created (trims, relabels, joins).

Tune on ``esp.train`` / ``esp.testa`` only (with an NER that has not trained
on esp.testa); ``esp.testb`` is for reporting, and ``make eval`` reports it.
Run: ``python -m pipeline.evaluate.guards ../shared/data/conll2002-es/esp.testa``.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Span

from pipeline.evaluate.conll import CONLL_LABELS, Sentence, group_articles, read_iob
from pipeline.evaluate.scoring import Score
from pipeline.lang import read_rows
from pipeline.nlp.guards import ALL_GUARDS, DEFAULT_GUARDS, GUARDS

NOTES = Path(__file__).with_name("guard_notes.tsv")  # what each guard does and what it measured when added
CONLL_LABEL = {"PER": "PER", "PERSON": "PER", "LOC": "LOC", "COUNTRY": "LOC", "ORG": "ORG", "MISC": "MISC"}
Key = tuple[int, int, str]


@dataclass
class Article:
    """One CoNLL article as text, with its gold entities as ``(start, end, label)``."""

    text: str
    gold: set[Key]


def articles(sentences: list[Sentence]) -> Iterator[Article]:
    """The articles of the sentences (`conll.group_articles`: a dateline followed by a "-" sentence starts one)."""
    for article in group_articles(sentences):
        yield Article(article.text, set(article.spans))


def keys(ents: Iterable[Span]) -> set[Key]:
    """Comparable ``(start_char, end_char, CoNLL label)`` of the entities with a CoNLL label."""
    return {(e.start_char, e.end_char, CONLL_LABEL[e.label_]) for e in ents if e.label_ in CONLL_LABEL}


@dataclass
class Counts:
    fp_removed: int = 0
    tp_lost: int = 0
    tp_added: int = 0
    fp_added: int = 0
    examples: list[str] = field(default_factory=list)

    def add(self, before: set[Key], after: set[Key], gold: set[Key], text: str) -> None:
        removed, added = before - after, after - before
        self.fp_removed += len(removed - gold)
        self.tp_lost += len(removed & gold)
        self.tp_added += len(added & gold)
        self.fp_added += len(added - gold)
        for s, e, label in sorted(removed & gold) + sorted(added - gold):
            if len(self.examples) < 8:
                self.examples.append(f"{text[s:e]}/{label}")

    @property
    def net(self) -> int:
        """Change in true positives minus change in false positives."""
        return self.fp_removed + self.tp_added - self.tp_lost - self.fp_added


def score_line(score: Score, title: str) -> str:
    """One line of the report: P, R, F1 and counts overall, F1 per CoNLL label."""
    p, r, f = score.prf()
    tp = score.hits["exact"]
    labels = "  ".join(f"{label} {score.of(label).prf()[2]:.3f}" for label in CONLL_LABELS)
    return (
        f"{title:<24} P {p:.3f}  R {r:.3f}  F1 {f:.3f}  (tp {tp}, fp {score.predicted - tp}, fn {score.gold - tp})  F1 {labels}"
    )


def measure_rules(nlp: Language, arts: list[Article]) -> tuple[dict[str, Counts], Score, Score]:
    """Per-rule counts (each rule alone on the model's entities), and the scores of the
    model before and after all rules in order."""
    counts = {name: Counts() for name in ALL_GUARDS}
    before_scores, after_scores = Score(), Score()
    model_pipes = [p for p in ("senter", "ner", "es_model_source") if p in nlp.pipe_names]
    with nlp.select_pipes(enable=model_pipes):
        docs: Iterable[Doc] = nlp.pipe(a.text for a in arts)
        for art, doc in zip(arts, docs, strict=True):
            base = list(doc.ents)
            base_keys = keys(base)
            for name in ALL_GUARDS:
                counts[name].add(base_keys, keys(GUARDS[name](doc, list(base))), art.gold, doc.text)
            ents = list(base)
            for name in DEFAULT_GUARDS:
                ents = GUARDS[name](doc, ents)
            before_scores.add(base_keys, art.gold, labels=CONLL_LABELS)
            after_scores.add(keys(ents), art.gold, labels=CONLL_LABELS)
    return counts, before_scores, after_scores


NAME_COMPONENTS = ("es_countries", "es_place_orgs", "es_people", "es_norp")


def measure_components(nlp: Language, arts: list[Article]) -> tuple[dict[str, Counts], Score]:
    """What each names component changes after the guards (each alone on the guarded
    entities), and the scores of the whole pipeline (all components, in order)."""
    counts = {name: Counts() for name in NAME_COMPONENTS if name in nlp.pipe_names}
    full = Score()
    guarded = [p for p in ("senter", "ner", "es_model_source", "es_entity_filter") if p in nlp.pipe_names]
    with nlp.select_pipes(enable=guarded):
        docs = list(nlp.pipe(a.text for a in arts))
    for art, doc in zip(arts, docs, strict=True):
        base = list(doc.ents)
        for name in counts:
            doc.ents = base
            counts[name].add(keys(base), keys(nlp.get_pipe(name)(doc).ents), art.gold, doc.text)
        doc.ents = base
    for art, doc in zip(arts, nlp.pipe(a.text for a in arts), strict=True):
        full.add(keys(doc.ents), art.gold, labels=CONLL_LABELS)
    return counts, full


def format_report(counts: dict[str, Counts], before: Score, after: Score, source: str) -> str:
    lines = [
        f"Precision guards on {source} (each rule alone on the model's entities)",
        f"{'rule':<24}{'fp_removed':>11}{'tp_lost':>9}{'tp_added':>10}{'fp_added':>10}{'net':>6}  examples of harm",
    ]
    for name, c in counts.items():
        lines.append(
            f"{name:<24}{c.fp_removed:>11}{c.tp_lost:>9}{c.tp_added:>10}{c.fp_added:>10}{c.net:>6}  " + ", ".join(c.examples[:4])
        )
    for title, s in (("model alone", before), ("model + all guards", after)):
        lines.append(score_line(s, title))
    return "\n".join(lines)


def guard_notes(path: Path = NOTES) -> tuple[dict[str, str], ...]:
    """The rows of ``guard_notes.tsv``: guard, effect, example, table, measured change."""
    return read_rows(path)


def format_notes(rows: Iterable[dict[str, str]] = ()) -> str:
    """The notes as a text table, one guard a line and the measured change below it."""
    rows = tuple(rows) or guard_notes()
    lines = [
        f"Guard notes ({NOTES.name}: what each guard does; the change measured when it was added or tuned)",
        f"{'guard':<24}{'table':<32}effect — example",
    ]
    for row in rows:
        lines.append(f"{row['guard']:<24}{row['table'] or '-':<31} {row['effect']} — {row['example']}")
        if row["measured change"]:
            lines.append(f"{'':<24}measured: {row['measured change']}")
    return "\n".join(lines)


def guard_report(path: Path, nlp: Language | None = None, limit: int | None = None) -> str:
    from pipeline.nlp.build import load

    nlp = nlp or load()
    arts = list(articles(read_iob(path)))[:limit]
    counts, before, after = measure_rules(nlp, arts)
    text = format_report(counts, before, after, f"{Path(path).name} ({len(arts)} articles)")
    component_counts, full = measure_components(nlp, arts)
    lines = ["", "Names components, each alone after the guards (COUNTRY counts as LOC, PERSON as PER, NORP left out)"]
    for name, c in component_counts.items():
        lines.append(
            f"{name:<24}{c.fp_removed:>11}{c.tp_lost:>9}{c.tp_added:>10}{c.fp_added:>10}{c.net:>6}  " + ", ".join(c.examples[:4])
        )
    lines.append(score_line(full, "whole pipeline"))
    return text + "\n".join(lines)


def report(data_dir: Path) -> str:
    """The guard table on esp.testb, for ``make eval``.

    The shipped news NER trained on esp.train and esp.testa, so only esp.testb
    shows what the guards do to its errors on text it has not seen. This is a
    report: tune the guards on esp.testa with an NER trained on esp.train alone
    (``make train-ner NER_TRAIN=esp.train NER_MODEL=…``, then
    ``guard_report(path, nlp=load(ner=…))``).
    """
    path = Path(data_dir) / "conll2002-es" / "esp.testb"
    if not path.exists():
        return f"guards: CoNLL-2002 data not found at {path}"
    note = (
        "(esp.testb: the split the shipped news NER has not seen; a report, not a tuning set — tune on esp.testa\n"
        " with an NER trained on esp.train alone, see pipeline/evaluate/guards.py)\n"
    )
    return note + guard_report(path) + "\n\n" + format_notes()


if __name__ == "__main__":
    for arg in sys.argv[1:] or ["../shared/data/conll2002-es/esp.testa"]:
        print(guard_report(Path(arg)))
    print()
    print(format_notes())
