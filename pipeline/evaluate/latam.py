"""Latin American news: names, figures and one identity per person across the corpus.

Scores the pipeline on the project's own Latin American test set
(``tests/data/latam``: recent-style articles from Mexico, Argentina, Venezuela,
Bolivia, Colombia, Chile, Peru, Cuba and more, written for the tests with
hand-checked gold; its README gives the conventions). The articles run as one
corpus (a JSONL export with id, date and text columns), as a user would bring it.

- Names: exact span and label for PERSON, ORG, LOC, COUNTRY and NORP (MISC is
  not annotated there and not scored).
- Figures: exact span and label for PERCENT, MONEY, QUANTITY and CARDINAL, and
  among those the value and unit; a predicted figure over a gold duration
  (a DATE period there) is not counted.
- Identity: pairs of gold person mentions in different articles whose spans the
  pipeline found; precision: of the pairs given one ``entity_id``, the share that
  are one person; recall: of the pairs that are one person, the share given one id.

Run: ``python -m pipeline eval --only latam``.
"""

from __future__ import annotations

import json
import math
import tempfile
from itertools import combinations
from pathlib import Path

from pipeline.evaluate.scoring import Score
from pipeline.nlp.labels import FIGURE_LABELS

LATAM = Path(__file__).resolve().parents[2] / "tests" / "data" / "latam"
NAME_LABELS = ("PERSON", "ORG", "LOC", "COUNTRY", "NORP")


def read_articles(folder: Path = LATAM) -> list[dict]:
    with open(folder / "articles.jsonl", encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def run_pipeline(articles: list[dict], nlp=None):
    """The four tables of the articles run as one JSONL export (id, date, text)."""
    import pipeline

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "latam.jsonl"
        with open(path, "w", encoding="utf-8") as fh:
            for a in articles:
                fh.write(json.dumps({"id": a["id"], "date": a["published"], "text": a["text"]}, ensure_ascii=False) + "\n")
        return pipeline.extract([path], nlp=nlp)


def _same_value(a, b) -> bool:
    try:
        return math.isclose(float(a), float(b), rel_tol=1e-6)
    except (TypeError, ValueError):
        return False


def score(folder: Path = LATAM, nlp=None) -> dict:
    articles = read_articles(folder)
    tables = run_pipeline(articles, nlp=nlp)
    doc_of = {
        source.rpartition("#")[2]: doc_id for source, doc_id in zip(tables.documents.source, tables.documents.doc_id, strict=True)
    }
    mentions = tables.mentions
    names, figures = Score(), Score()
    values_right = 0
    person_ids: list[tuple[str, str, str | None]] = []  # (article, gold canonical, predicted entity_id)
    misses: dict[str, list[str]] = {}
    for a in articles:
        rows = mentions[mentions.doc_id == doc_of.get(a["id"], "")]
        by_span = {(r.raw_start, r.raw_end, r.label): r for r in rows.itertuples()}
        gold_names = {(e["start"], e["end"], e["label"]) for e in a["entities"]}
        predicted_names = {k for k in by_span if k[2] in NAME_LABELS}
        names.add(predicted_names, gold_names, labels=NAME_LABELS)
        for s, e, label in sorted(gold_names - predicted_names)[:3]:
            misses.setdefault("name missed", []).append(f"{a['id']}: {a['text'][s:e]}/{label}")
        for s, e, label in sorted(predicted_names - gold_names)[:3]:
            misses.setdefault("name extra", []).append(f"{a['id']}: {a['text'][s:e]}/{label}")
        durations = [(d["start"], d["end"]) for d in a.get("durations", [])]
        gold_figures = {(f["start"], f["end"], f["label"]): f for f in a["figures"]}
        predicted_figures = {k for k in by_span if k[2] in FIGURE_LABELS and not any(s < k[1] and k[0] < e for s, e in durations)}
        figures.add(predicted_figures, set(gold_figures), labels=FIGURE_LABELS)
        for key in predicted_figures & set(gold_figures):
            gold, row = gold_figures[key], by_span[key]
            unit_right = (gold.get("unit") or None) == (row.unit if isinstance(row.unit, str) and row.unit else None)
            if _same_value(gold["value"], row.value_num) and unit_right:
                values_right += 1
            else:
                misses.setdefault("figure value", []).append(
                    f"{a['id']}: {gold['text']} {row.value_num} {row.unit} ≠ {gold['value']} {gold.get('unit')}"
                )
        for e in a["entities"]:
            if e["label"] == "PERSON":
                row = by_span.get((e["start"], e["end"], "PERSON"))
                entity_id = getattr(row, "entity_id", None) if row is not None else None
                if entity_id:
                    person_ids.append((a["id"], e["canonical"], entity_id))
    return {
        "names": names,
        "figures": figures,
        "values_right": values_right,
        "identity": identity_pairs(person_ids),
        "misses": misses,
        "n_articles": len(articles),
    }


def identity_pairs(person_ids: list[tuple[str, str, str]]) -> dict[str, int]:
    """Cross-article pair counts: same id, same person, both."""
    counts = {"same_id": 0, "same_person": 0, "both": 0}
    for (a1, p1, i1), (a2, p2, i2) in combinations(person_ids, 2):
        if a1 == a2:
            continue
        counts["same_id"] += i1 == i2
        counts["same_person"] += p1 == p2
        counts["both"] += i1 == i2 and p1 == p2
    return counts


def format_report(result: dict) -> str:
    lines = [f"Latin American set ({result['n_articles']} articles, tests/data/latam): exact span and label"]
    lines.append(f"{'label':<10}{'gold':>6}{'P':>8}{'R':>8}{'F1':>8}")
    for title, score, labels in (("names", result["names"], NAME_LABELS), ("figures", result["figures"], FIGURE_LABELS)):
        for label in labels:
            s = score.of(label)
            p, r, f = s.prf()
            lines.append(f"{label:<10}{s.gold:>6}{p:>8.3f}{r:>8.3f}{f:>8.3f}")
        p, r, f = score.prf()
        lines.append(f"{title + ' all':<10}{score.gold:>6}{p:>8.3f}{r:>8.3f}{f:>8.3f}")
    found = result["figures"].hits["exact"]
    lines.append(f"figure value and unit right: {result['values_right']} / {found} found")
    i = result["identity"]
    p = i["both"] / i["same_id"] if i["same_id"] else 0.0
    r = i["both"] / i["same_person"] if i["same_person"] else 0.0
    lines.append(
        f"person identity across articles (pairs): precision {p:.3f} ({i['both']}/{i['same_id']}), "
        f"recall {r:.3f} ({i['both']}/{i['same_person']})"
    )
    for kind, items in result["misses"].items():
        lines.append(f"  {kind} ({len(items)}): " + "; ".join(items[:8]))
    return "\n".join(lines)


def report(data_dir: Path) -> str:
    """The Latin American report; ``data_dir`` is unused (the set ships with the tests)."""
    if not (LATAM / "articles.jsonl").is_file():
        return f"latam: skipped, the Latin American set is not at {LATAM} (it ships with the repository's tests)"
    return format_report(score())
