"""Date quality on the Spanish TimeBank, train part (TIMEX3, ``timebank-es/train.tsv``).

Each of the 175 newswire documents is rebuilt as text from its tokens (one
sentence a line), run through the public API — ``pipeline.extract_text(text,
reference_date=DCT)``, the document's creation date — and its DATE mentions
are compared with the gold DATE timexes, one-to-one (exact spans first, then
overlaps), as `pipeline.evaluate.timex` does for MEANTIME:

- relaxed: the spans overlap; strict: the same characters;
- strict modulo the lead: the same characters once a leading article or
  preposition is taken off both spans. TimeBank's spans include it ("el 25 de
  febrero", "del 2 de julio próximo", "en 1998"); ours leave it out before a
  day, weekday, month or year and keep it before a unit ("la semana pasada")
  and at the head of a range ("del 10 al 21 de noviembre"), by contract
  (``pipeline.values.dates``). The words are those of
  ``lang/es/date_span_leads.tsv``;
- value accuracy: among relaxed matches, the share whose value equals the gold
  value (case-insensitive);
- TempEval-3 relaxed F1: any overlap counts, on either side;
- ranges as two DATEs: TimeBank writes "entre 1992 y 1994" and "del 4 al 15
  de octubre" as two DATEs, we as one interval (``1992/1994``, contract);
  this line scores our intervals as their two ends, to show what the
  convention alone costs. The other lines score our output as it is.

A predicted DATE that overlaps a gold timex of another type (DURATION, TIME,
SET) is neither right nor wrong, as in the MEANTIME report. No slips of the
gold are corrected here: the numbers are on the gold as it is.
"""

from __future__ import annotations

import re
from pathlib import Path

from pipeline.evaluate.scoring import Score
from pipeline.evaluate.timex import Article, Timex, build_article, read_meantime, score
from pipeline.lang import column

DATA = ("timebank-es", "train.tsv")


def leads() -> frozenset[str]:
    """The articles and prepositions TimeBank's DATE spans may open with and ours may leave out."""
    return frozenset(column("date_span_leads", "word"))


def trim_lead(text: str, start: int, end: int) -> tuple[int, int]:
    """``(start, end)`` with leading words of `leads` taken off ("del 2 de julio próximo" → "2 de julio próximo")."""
    words = leads()
    while True:
        m = re.match(r"\s*([^\W\d_]+)\s+", text[start:end])
        if m is None or m.group(1).lower() not in words:
            return start, end
        start += m.end()


def read_articles(path: Path) -> list[Article]:
    """The documents of ``path`` as texts (one sentence a line) with their gold timexes and creation dates."""
    return [build_article(doc) for doc in read_meantime(path)]


def find_dates_in(articles: list[Article], nlp=None) -> list[list[tuple[int, int, str]]]:
    """DATE mentions ``(start, end, value)`` of each article through ``pipeline.extract_text``, in its text's offsets."""
    from pipeline.nlp.build import load
    from pipeline.run import extract_text

    nlp = nlp or load()
    out = []
    for article in articles:
        df = extract_text(article.text, reference_date=article.dct, nlp=nlp)
        df = df[df["label"] == "DATE"]
        out.append(
            [
                (int(s), int(e), None if v is None or v != v else str(v))
                for s, e, v in zip(df["raw_start"], df["raw_end"], df["value"], strict=True)
            ]
        )
    return out


def split_intervals(predicted: list[tuple[int, int, str]], gold: list[Timex]) -> list[tuple[int, int, str]]:
    """Our intervals as TimeBank writes a range: an interval ``a/b`` over two gold DATEs ("entre 1992 y 1994",
    "del 4 al 15 de octubre") becomes two predictions, ``a`` up to where the second gold DATE starts and ``b``
    from there."""
    out = []
    for p in predicted:
        inside = sorted((g for g in gold if p[0] < g.end and g.start < p[1]), key=lambda g: g.start)
        if p[2] and p[2].count("/") == 1 and len(inside) == 2:
            a, b = p[2].split("/")
            out += [(p[0], inside[1].start, a), (inside[1].start, p[1], b)]
        else:
            out.append(p)
    return out


def evaluate(articles: list[Article], predictions: list[list[tuple[int, int, str]]], *, ranges_split: bool = False) -> Score:
    """One `Score` over all articles: strict, strict modulo the lead, relaxed, value and TempEval-3 counts.

    ``ranges_split``: score our intervals as TimeBank writes ranges, two DATEs (`split_intervals`).
    """
    scores = Score()
    for article, predicted in zip(articles, predictions, strict=True):
        gold = [t for t in article.timexes if t.kind == "DATE"]
        other = [t for t in article.timexes if t.kind != "DATE"]
        if ranges_split:
            predicted = split_intervals(predicted, gold)
        score(scores, gold, other, predicted, article.text, article.dct, trim=lambda s, e, t=article.text: trim_lead(t, s, e))
    return scores


def line(scores: Score, split: Score | None = None) -> str:
    """The report's table: one row per criterion (and, with ``split``, the relaxed and value rows with our
    intervals scored as TimeBank's two DATEs)."""
    rows = [
        ("relaxed (overlap)", scores.prf("relaxed")),
        ("strict (exact span)", scores.prf("strict")),
        ("strict modulo a leading article/preposition", scores.prf("strict_lead")),
        ("TempEval-3 relaxed", scores.prf("tempeval_predicted", gold_hits="tempeval_gold")),
    ]
    out = [f"  gold {scores.gold}  predicted {scores.predicted}"]
    out += [f"  {name:<46} P {p:.3f}  R {r:.3f}  F1 {f:.3f}" for name, (p, r, f) in rows]
    out.append(
        f"  {'value accuracy (on relaxed matches)':<46} {scores.share('value', 'relaxed'):.3f} "
        f"({scores.hits['value']}/{scores.hits['relaxed']})"
    )
    if split is not None:
        p, r, f = split.prf("relaxed")
        out.append(
            f"  {'ranges as two DATEs (TimeBank): relaxed':<46} P {p:.3f}  R {r:.3f}  F1 {f:.3f}  value accuracy "
            f"{split.share('value', 'relaxed'):.3f} ({split.hits['value']}/{split.hits['relaxed']})"
        )
    return "\n".join(out)


def report(data_dir: Path, *, details: bool = False) -> str:
    """The TimeBank date report (``python -m pipeline eval --only timebank``)."""
    path = Path(data_dir).joinpath(*DATA)
    if not path.exists():
        return f"timebank: skipped, Spanish TimeBank train part not found at {path}"
    articles = read_articles(path)
    predictions = find_dates_in(articles)
    scores = evaluate(articles, predictions)
    lines = [
        f"timebank: Spanish TimeBank train, {len(articles)} documents, DATE timexes; "
        "pipeline.extract_text(text, reference_date=creation date)",
        line(scores, evaluate(articles, predictions, ranges_split=True)),
    ]
    if details:
        for kind in ("missed", "extra", "wrong value", "span"):
            lines += ["", f"{kind}:"] + ["  " + m for m in scores.notes.get(kind, [])]
    return "\n".join(lines)


if __name__ == "__main__":
    import sys

    print(report(Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/data"), details=True))
