"""What each figure measures, scored on the project's measures test set (``make eval``, issue 23).

The gold is ``tests/data/measures/figures.jsonl`` (343 figures in 208
sentences; its README gives the annotation guidelines). Each sentence goes
through the real pipeline (`pipeline.load()`, every component) on its own;
each gold figure is aligned with the system's figure mention whose span
overlaps it (one to one, in text order). A gold figure the system misses
counts as wrong everywhere.

Reported, as the README suggests:

- measure head accuracy over the gold rows with a head (lemmas compared
  ignoring case and accents), and the exact match of the whole phrase;
- how often the system gives a measure where the gold has none;
- direction accuracy over the gold rows with a direction, and over all rows
  (an empty direction must then be empty);
- owner accuracy over the gold rows with an owner (the system's owner mention
  must overlap the gold owner's text in the sentence), and over all rows.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.evaluate.scoring import ratio
from pipeline.nlp.measures import FIGURE_LABELS
from pipeline.nlp.words import fold

GOLD = Path(__file__).resolve().parents[2] / "tests" / "data" / "measures" / "figures.jsonl"
EXAMPLES = 8  # examples of each kind of error in the report


def load_gold(path: Path = GOLD) -> list[dict]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


@dataclass
class Prediction:
    """The system's answer for one gold figure (None fields: no figure matched or nothing given)."""

    figure: str | None = None
    measure: str | None = None
    head: str | None = None
    direction: str | None = None
    owner: str | None = None
    owner_span: tuple[int, int] | None = None


@dataclass
class MeasureScore:
    rows: int = 0
    counts: Counter = field(default_factory=Counter)
    errors: dict[str, list[str]] = field(default_factory=dict)

    def add_error(self, kind: str, text: str) -> None:
        self.errors.setdefault(kind, []).append(text)

    def rate(self, hits: str, whole: str) -> float:
        return ratio(self.counts[hits], self.counts[whole])


def predict(nlp, sentences: dict[str, str]) -> dict[str, list[tuple[int, int, Prediction]]]:
    """Every figure mention the pipeline finds in each sentence, with what it measures."""
    out = {}
    sids = list(sentences)
    for sid, doc in zip(sids, nlp.pipe(sentences[s] for s in sids), strict=True):
        found = []
        for ent in doc.ents:
            if ent.label_ not in FIGURE_LABELS:
                continue
            owner = ent._.owner
            found.append(
                (
                    ent.start_char,
                    ent.end_char,
                    Prediction(
                        figure=ent.text,
                        measure=ent._.measure,
                        head=ent._.measure_head,
                        direction=ent._.direction,
                        owner=doc.text[owner[0] : owner[1]] if owner else None,
                        owner_span=tuple(owner) if owner else None,
                    ),
                )
            )
        out[sid] = found
    return out


def align(gold_rows: list[dict], found: list[tuple[int, int, Prediction]]) -> list[Prediction]:
    """For each gold figure of one sentence (text order), the overlapping system figure, one to one."""
    used: set[int] = set()
    out = []
    for row in gold_rows:
        match = Prediction()
        for k, (start, end, pred) in enumerate(found):
            if k not in used and start < row["end"] and row["start"] < end:
                used.add(k)
                match = pred
                break
        out.append(match)
    return out


def owner_matches(row: dict, pred: Prediction) -> bool:
    """The system's owner overlaps an occurrence of the gold owner's text in the sentence."""
    gold = row["owner"]
    if not gold or pred.owner_span is None:
        return not gold and pred.owner_span is None
    sentence = row["sentence"]
    start = sentence.find(gold)
    while start != -1:
        if pred.owner_span[0] < start + len(gold) and start < pred.owner_span[1]:
            return True
        start = sentence.find(gold, start + 1)
    return False


def score(nlp, rows: list[dict]) -> MeasureScore:
    sentences: dict[str, str] = {}
    by_sentence: dict[str, list[dict]] = {}
    for row in rows:
        sentences.setdefault(row["sid"], row["sentence"])
        by_sentence.setdefault(row["sid"], []).append(row)
    predictions = predict(nlp, sentences)
    s = MeasureScore()
    for sid, gold_rows in by_sentence.items():
        gold_rows = sorted(gold_rows, key=lambda r: r["start"])
        for row, pred in zip(gold_rows, align(gold_rows, predictions[sid]), strict=True):
            s.rows += 1
            c = s.counts
            where = f"{row['id']} {row['figure']!r}"
            if pred.figure is None:
                c["missed_figure"] += 1
            gold_head, head = row["measure_head"], pred.head or ""
            if gold_head:
                c["with_head"] += 1
                if fold(head) == fold(gold_head):
                    c["head_ok"] += 1
                else:
                    s.add_error("head", f"{where}: {head or '-'} (gold {gold_head}; measure {pred.measure!r})")
                if (pred.measure or "") == row["measure"]:
                    c["measure_exact"] += 1
            else:
                c["without_head"] += 1
                if head:
                    c["extra_measure"] += 1
                    s.add_error("extra measure", f"{where}: {pred.measure!r} (gold none)")
            gold_dir, direction = row["direction"], pred.direction or ""
            if direction == gold_dir:
                c["direction_all_ok"] += 1
            if gold_dir:
                c["with_direction"] += 1
                if direction == gold_dir:
                    c["direction_ok"] += 1
                else:
                    s.add_error("direction", f"{where}: {direction or '-'} (gold {gold_dir})")
            elif direction:
                s.add_error("extra direction", f"{where}: {direction} (gold none)")
            if owner_matches(row, pred):
                c["owner_all_ok"] += 1
            if row["owner"]:
                c["with_owner"] += 1
                if owner_matches(row, pred):
                    c["owner_ok"] += 1
                else:
                    s.add_error("owner", f"{where}: {pred.owner or '-'} (gold {row['owner']})")
    return s


def table(s: MeasureScore) -> list[str]:
    c = s.counts
    lines = [
        f"{'':44s} {'right':>6s} {'of':>5s} {'share':>6s}",
        f"{'measure head (gold has one)':44s} {c['head_ok']:6d} {c['with_head']:5d} {s.rate('head_ok', 'with_head'):6.3f}",
        f"{'measure phrase, exact (gold has one)':44s} {c['measure_exact']:6d} {c['with_head']:5d} "
        f"{s.rate('measure_exact', 'with_head'):6.3f}",
        f"{'measure given where gold has none':44s} {c['extra_measure']:6d} {c['without_head']:5d} "
        f"{s.rate('extra_measure', 'without_head'):6.3f}",
        f"{'direction (gold has one)':44s} {c['direction_ok']:6d} {c['with_direction']:5d} "
        f"{s.rate('direction_ok', 'with_direction'):6.3f}",
        f"{'direction, all rows (empty = empty)':44s} {c['direction_all_ok']:6d} {s.rows:5d} "
        f"{ratio(c['direction_all_ok'], s.rows):6.3f}",
        f"{'owner (gold has one)':44s} {c['owner_ok']:6d} {c['with_owner']:5d} {s.rate('owner_ok', 'with_owner'):6.3f}",
        f"{'owner, all rows (none = none)':44s} {c['owner_all_ok']:6d} {s.rows:5d} {ratio(c['owner_all_ok'], s.rows):6.3f}",
        f"{'gold figures the pipeline did not find':44s} {c['missed_figure']:6d} {s.rows:5d}",
    ]
    return lines


def report(data_dir: Path, *, gold: Path = GOLD, examples: int = EXAMPLES) -> str:
    """The measures table (``data_dir`` is not read: the gold set ships with the tests)."""
    if not gold.is_file():
        return f"measures: test set not found at {gold} (it ships in the repository's tests/, not in the wheel)"
    import pipeline

    nlp = pipeline.load()
    rows = load_gold(gold)
    s = score(nlp, rows)
    where = "/".join(gold.parts[-4:-1])
    lines = [
        f"measures: {len(rows)} figures in {len({r['sid'] for r in rows})} sentences of {where}/, through pipeline.load() "
        "(targets: head >= 0.85, direction >= 0.90 where gold has one)"
    ]
    lines += table(s)
    tagger = nlp.get_pipe("es_measures")
    lines.append(
        f"sentences read by the shallow parse: {tagger.counts['shallow']}, by the model's parser: "
        f"{tagger.counts['parser']} (parse={tagger.parse})"
    )
    for kind, found in s.errors.items():
        if examples and found:
            lines.append(f"{kind} errors ({len(found)}), first {min(examples, len(found))}:")
            lines += [f"  {e}" for e in found[:examples]]
    return "\n".join(lines)
