"""Date quality on MEANTIME Spanish (TIMEX3, ``meantime-es/timex3.tsv``).

Each of the 120 documents (title, date line, four sentences) is rebuilt as text
from its tokens, run through the pipeline with its creation date as the
reference date, and its DATE mentions are compared with the gold DATE timexes:

- strict: same character span; relaxed: the spans overlap (one-to-one);
  TempEval-3 relaxed (UzZaman et al. 2013): a gold timex is found when any DATE
  overlaps it, a DATE is right when it overlaps any gold timex ("entre abril y
  junio" then finds both gold "abril" and "junio");
- value accuracy: among relaxed matches, the share whose value equals the gold
  value (case-insensitive: ``present_ref`` = ``PRESENT_REF``).

A predicted DATE that overlaps a gold timex of another type (DURATION, TIME,
SET) is neither right nor wrong: our DATE label covers "dates and periods"
("entre 2009 y 2011" is a DATE interval here, a DURATION in TIMEX3).

The gold has slips (PROVENANCE lists some; `GOLD_SLIPS` lists every one we
found, each with its reason). The report gives the numbers on the gold as it is
and on the gold with those slips corrected, never fitted to either.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.evaluate.scoring import Score

DATA = ("meantime-es", "timex3.tsv")
NO_SPACE_BEFORE = set(",.;:!?)]%")
NO_SPACE_AFTER = set("([¿¡")

# Gold DATE timexes that are wrong, keyed by (creation date, text as tokens
# joined by spaces, gold value). Value None: not a date at all (the span is a
# duration, a noun or a slip of the annotation tool), so it is dropped from the
# corrected gold. Otherwise the value the gold should have had.
GOLD_SLIPS: dict[tuple[str, str, str], tuple[str | None, str]] = {
    ("2005-06-06", "2005", "2005-06-06"): (None, "the year in the event name 'WWDC 2005', joined to the date line"),
    ("2007-01-10", "el día de hoy", "2007-10-01"): ("2007-01-10", "month and day swapped"),
    ("2007-01-18", "que", "2006-Q4"): (None, "the relative pronoun after 'el último trimestre'"),
    ("2005-10-13", "El miércoles", "2013-10-12"): ("2005-10-12", "year and day of another document"),
    ("2008-01-09", "el 28 de abril de 2003", "2008-04-28"): ("2003-04-28", "the written year 2003 ignored"),
    ("2008-01-09", "2006", "2006-xx-xx"): ("2006", "a year written as a day-granularity value"),
    ("2008-09-18", "1989", "1989-XX-XX"): ("1989", "a year written as a day-granularity value"),
    ("2009-01-20", "un punto", "PAST_REF"): (None, "'un punto' (a point of a scale) is not a time"),
    ("2009-01-20", "seis años", "P6Y"): (None, "a duration (value P6Y) typed DATE"),
    ("2009-01-20", "un mismo día", "P1D"): (None, "a duration (value P1D) typed DATE"),
    ("2007-02-27", "un mismo día", "P1D"): (None, "a duration (value P1D) typed DATE"),
    ("2011-01-17", "un periodo de tiempo indefinido", "PXD"): (None, "a duration (value PXD) typed DATE"),
    ("2011-01-17", "la última década", "200"): (None, "'the last decade' is a duration (P10Y), not the 2000s"),
    ("2006-03-28", "años", "XXXX"): (None, "the bare noun 'años'"),
    ("2008-10-09", "los últimos nueve días", "P9D"): (None, "a duration (value P9D) typed DATE"),
    ("2008-10-09", "recientes", "PAST_REF"): (None, "the adjective 'recientes' (typed DURATION elsewhere)"),
    ("2009-02-24", "más de una década", "P10Y"): (None, "a duration (value P10Y) typed DATE"),
    ("2008-03-01", "los cincuenta años", "P50Y"): (None, "a duration (value P50Y) typed DATE"),
    ("2009-05-15", "un día", "P1D"): (None, "a duration (value P1D) typed DATE"),
    ("2009-06-04", "historia", "PAST_REF"): (None, "the noun 'historia'"),
    ("2013-12-10", "un momento apasionante", "XXXX-XX-XX"): (None, "'an exciting moment' is not a date"),
    ("2006-05-29", "la era Douglas", "PAST_REF"): (None, "an era named after a company, not a date"),
    ("2007-10-20", "El día de hoy", "22007-10-20"): ("2007-10-20", "typo in the year"),
    ("2008-10-24", "hoy", "2008-24-10"): ("2008-10-24", "month and day swapped"),
    ("2008-10-27", "Ese día", "2008-27-10"): ("2008-10-27", "month and day swapped"),
    ("2006-08-19", "el 2012", "2010"): ("2012", "the written year 2012 ignored"),
    ("2006-10-05", "este año", "2006-Q4"): ("2006", "'este año' is the year, not the quarter"),
    ("2009-10-12", "septiembre del año pasado", "2009-09"): ("2008-09", "the Spanish says the year before"),
    ("2010-05-07", "ayer", "2010-05-07"): ("2010-05-06", "'ayer' is the day before the creation date"),
    ("2007-10-20", "El viernes", "2007-10-20"): ("2007-10-19", "2007-10-20 is a Saturday"),
    ("2009-11-05", "el miércoles", "2009-11-05"): ("2009-11-04", "2009-11-05 is a Thursday"),
    ("2009-05-01", "El jueves", "2009-04-29"): ("2009-04-30", "2009-04-29 is a Wednesday"),
    ("2008-10-09", "esta semana", "2008-W42"): ("2008-W41", "2008-10-09 is in ISO week 41"),
    # Six date lines disagree with their document's creation date (DCT); the
    # gold gives them the DCT's value. In two documents the body's relative
    # dates follow the date line instead of the DCT, against the rest of the
    # corpus: corrected to the DCT every article is resolved against.
    ("2009-03-09", "5 de marzo de 2009", "2009-03-09"): ("2009-03-05", "date line value is the DCT, not its text"),
    ("2008-10-10", "24 de octubre de 2008", "2008-10-10"): ("2008-10-24", "date line value is the DCT, not its text"),
    ("2009-01-20", "20 de febrero de 2009", "2009-01-20"): ("2009-02-20", "date line value is the DCT, not its text"),
    ("2011-03-11", "18 de marzo de 2011", "2011-03-11"): ("2011-03-18", "date line value is the DCT, not its text"),
    ("2004-11-24", "20 de noviembre del 2004", "2004-11-24"): ("2004-11-20", "date line value is the DCT, not its text"),
    ("2007-03-19", "19 de marzo del 2008", "2007-03-19"): ("2008-03-19", "date line value is the DCT, not its text"),
    ("2009-01-20", "El jueves", "2009-02-19"): ("2009-01-15", "resolved against the date line, not the DCT"),
    ("2011-03-11", "el jueves", "2011-03-18"): ("2011-03-10", "resolved against the date line (and not a Thursday)"),
    ("2011-03-11", "hoy", "2011-03-18"): ("2011-03-11", "resolved against the date line, not the DCT"),
    ("2011-03-11", "ayer", "2011-03-17"): ("2011-03-10", "resolved against the date line, not the DCT"),
    ("2011-03-11", "hace una semana", "2011-03-11"): ("2011-03-04", "resolved against the date line, not the DCT"),
}


@dataclass
class Timex:
    start: int
    end: int
    kind: str
    value: str
    text: str = ""
    sentence: int = 0


@dataclass
class Article:
    dct: str
    text: str
    timexes: list[Timex] = field(default_factory=list)


def read_meantime(path: Path) -> list[list[list[tuple[str, str, str]]]]:
    """Documents → sentences → ``(token, BIO tag, value)``; each document's first item is its DCT line."""
    docs: list[list[list[tuple[str, str, str]]]] = []
    for line in path.read_text(encoding="utf-8").split("\n"):
        if line.startswith("*!-DCTVALUE"):
            dct = re.search(r'"(.*?)"', line).group(1)
            docs.append([[("DCT", dct, "")], []])
            continue
        if not docs:
            continue
        if not line.strip():
            if docs[-1][-1]:
                docs[-1].append([])
            continue
        token, tag, value = line.split("\t")
        docs[-1][-1].append((token, tag, value))
    return docs


def build_article(doc: list[list[tuple[str, str, str]]], *, date_line: bool = True, separator: str = "\n") -> Article:
    """Rebuilds a document's text (sentences joined by ``separator``: one a line) and its gold timexes with offsets.

    In MEANTIME sentence 0 is the title and sentence 1 the date line;
    ``date_line=False`` leaves the date line out of both the text and the gold.
    """
    dct = doc[0][0][1]
    sentences = [s for s in doc[1:] if s]
    parts: list[str] = []
    timexes: list[Timex] = []
    pos = 0
    for index, sentence in enumerate(sentences):
        if index == 1 and not date_line:
            continue
        if parts:
            parts.append(separator)
            pos += len(separator)
        current: Timex | None = None
        previous = ""
        for i, (token, tag, value) in enumerate(sentence):
            if i > 0 and token[0] not in NO_SPACE_BEFORE and previous[-1] not in NO_SPACE_AFTER:
                parts.append(" ")
                pos += 1
            start, end = pos, pos + len(token)
            parts.append(token)
            pos = end
            previous = token
            if tag.startswith("B-") or (tag.startswith("I-") and (current is None or current.kind != tag[2:])):
                current = Timex(start, end, tag[2:], value, sentence=index)
                timexes.append(current)
            elif tag.startswith("I-"):
                current.end = end
            else:
                current = None
    text = "".join(parts)
    for t in timexes:
        t.text = text[t.start : t.end]
    return Article(dct, text, timexes)


def corrected(article: Article) -> list[Timex]:
    """The gold DATE timexes of an article with `GOLD_SLIPS` applied."""
    out = []
    for t in article.timexes:
        if t.kind != "DATE":
            continue
        key = (article.dct, " ".join(t.text.split()), t.value)
        slip = GOLD_SLIPS.get(key) or GOLD_SLIPS.get((article.dct, _tokens_text(t.text), t.value))
        if slip is None:
            out.append(t)
        elif slip[0] is not None:
            out.append(Timex(t.start, t.end, t.kind, slip[0], t.text, t.sentence))
    return out


def _tokens_text(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def line(name: str, score: Score) -> str:
    """One setting's report line: strict, relaxed and TempEval-3 relaxed P/R/F1, and value accuracy."""
    sp, sr, sf = score.prf("strict")
    rp, rr, rf = score.prf("relaxed")
    *_, tf = score.prf("tempeval_predicted", gold_hits="tempeval_gold")
    return (
        f"  {name:<34} gold {score.gold:>3}  pred {score.predicted:>3}  "
        f"strict P {sp:.3f} R {sr:.3f} F1 {sf:.3f}  relaxed P {rp:.3f} R {rr:.3f} F1 {rf:.3f}  "
        f"value acc {score.share('value', 'relaxed'):.3f} ({score.hits['value']}/{score.hits['relaxed']})  "
        f"TempEval-3 relaxed F1 {tf:.3f}"
    )


def score(
    scores: Score,
    gold: list[Timex],
    other: list[Timex],
    predicted: list[tuple[int, int, str]],
    text: str,
    dct: str,
    trim: Callable[[int, int], tuple[int, int]] | None = None,
) -> None:
    """Adds one article's matches to ``scores`` (one-to-one, strict first then overlap).

    Counts ``strict``, ``relaxed`` and ``value`` matches, and for TempEval-3
    the predictions overlapping any gold (``tempeval_predicted``) and the gold
    overlapped by any prediction (``tempeval_gold``). With ``trim`` (a span →
    the span without what the two conventions disagree on), also
    ``strict_lead``: the matches whose trimmed spans are the same.
    """
    predicted = [
        p
        for p in predicted
        if not any(p[0] < o.end and o.start < p[1] for o in other) or any(p[0] < g.end and g.start < p[1] for g in gold)
    ]
    scores.gold += len(gold)
    scores.predicted += len(predicted)
    scores.hits["tempeval_gold"] += sum(any(p[0] < g.end and g.start < p[1] for p in predicted) for g in gold)
    scores.hits["tempeval_predicted"] += sum(any(p[0] < g.end and g.start < p[1] for g in gold) for p in predicted)
    free = list(range(len(predicted)))
    pairs = []
    for g in gold:
        exact = [i for i in free if (predicted[i][0], predicted[i][1]) == (g.start, g.end)]
        if exact:
            free.remove(exact[0])
            pairs.append((g, predicted[exact[0]], True))
    matched = {id(g) for g, _, _ in pairs}
    for g in gold:
        if id(g) in matched:
            continue
        overlap = [i for i in free if predicted[i][0] < g.end and g.start < predicted[i][1]]
        if overlap:
            free.remove(overlap[0])
            pairs.append((g, predicted[overlap[0]], False))
        else:
            scores.note("missed", f"{dct}  {g.text!r} {g.value}")
    for g, p, exact in pairs:
        scores.hits["relaxed"] += 1
        scores.hits["strict"] += exact
        if trim is not None:
            same = exact or trim(g.start, g.end) == trim(p[0], p[1])
            scores.hits["strict_lead"] += same
            if not same:
                scores.note("span", f"{dct}  gold {g.text!r}  ours {text[p[0] : p[1]]!r}")
        if p[2] is not None and p[2].upper() == g.value.upper():
            scores.hits["value"] += 1
        else:
            scores.note("wrong value", f"{dct}  {g.text!r} gold {g.value}  ours {text[p[0] : p[1]]!r} {p[2]}")
    for i in free:
        scores.note("extra", f"{dct}  {text[predicted[i][0] : predicted[i][1]]!r} {predicted[i][2]}")


def find_dates_in(texts: list[str], references: list[str | None]) -> list[list[tuple[int, int, str]]]:
    """DATE mentions ``(start, end, value)`` the full pipeline finds in each text."""
    import datetime as dt

    from pipeline.nlp.build import load

    nlp = load()

    def docs():
        for text, ref in zip(texts, references, strict=True):
            doc = nlp.make_doc(text)
            doc._.reference_date = dt.date.fromisoformat(ref) if ref else None
            yield doc

    out = []
    for doc in nlp.pipe(docs(), batch_size=64):
        out.append([(e.start_char, e.end_char, e._.value) for e in doc.ents if e.label_ == "DATE"])
    return out


def weekday_line(articles: list[Article], predictions: list[list[tuple[int, int, str]]]) -> str:
    """How the lexical tense rule does on the gold weekdays ("el jueves") of the corrected gold."""
    from pipeline.values.dates.patterns import WEEKDAYS
    from pipeline.values.tense import tense_near

    counts = {"past": [0, 0], "future": [0, 0], "none": [0, 0]}
    for article, predicted in zip(articles, predictions, strict=True):
        for g in corrected(article):
            words = set(g.text.lower().replace(",", " ").split())
            if not words & set(WEEKDAYS) or not re.fullmatch(r"\d{4}-\d\d-\d\d", g.value):
                continue
            p = next((p for p in predicted if p[0] < g.end and g.start < p[1]), None)
            if p is None:
                continue
            tense = tense_near(article.text, p[0], p[1]) or "none"
            counts[tense][0] += 1
            counts[tense][1] += p[2] == g.value
    parts = [f"{k} {right}/{n}" for k, (n, right) in counts.items()]
    return (
        "  weekdays resolved by the lexical tense rule (corrected gold, right/found): "
        + ", ".join(parts)
        + " (none: no cue, the default 'past' used)"
    )


def evaluate(path: Path) -> dict[str, Score | str]:
    """Scores for the four settings (with/without date lines × gold as is/corrected), and the weekday line."""
    docs = read_meantime(path)
    results: dict[str, Score | str] = {}
    for date_line in (False, True):
        articles = [build_article(d, date_line=date_line) for d in docs]
        predictions = find_dates_in([a.text for a in articles], [a.dct for a in articles])
        if not date_line:
            results["weekdays"] = weekday_line(articles, predictions)
        for fixed in (False, True):
            name = f"{'with' if date_line else 'without'} date lines, gold {'corrected' if fixed else 'as is'}"
            scores = results[name] = Score()
            for article, predicted in zip(articles, predictions, strict=True):
                gold = corrected(article) if fixed else [t for t in article.timexes if t.kind == "DATE"]
                other = [t for t in article.timexes if t.kind != "DATE"]
                score(scores, gold, other, predicted, article.text, article.dct)
    return results


def report(data_dir: Path, *, details: bool = False) -> str:
    """The MEANTIME date report (``python -m pipeline eval --only timex``)."""
    path = Path(data_dir).joinpath(*DATA)
    if not path.exists():
        return f"timex: MEANTIME data not found at {path}"
    results = evaluate(path)
    lines = [
        "timex: MEANTIME Spanish, 120 articles, DATE timexes; each article resolved against its creation date",
        f"  (corrected gold: {len(GOLD_SLIPS)} slips of the annotation fixed or dropped, listed in "
        "pipeline/evaluate/timex.py GOLD_SLIPS)",
    ]
    lines += [line(name, scores) for name, scores in results.items() if not isinstance(scores, str)]
    lines += [scores for scores in results.values() if isinstance(scores, str)]
    if details:
        main = results["without date lines, gold corrected"]
        for kind in ("missed", "extra", "wrong value"):
            lines += ["", f"{kind}:"] + ["  " + m for m in main.notes.get(kind, [])]
    return "\n".join(lines)


if __name__ == "__main__":
    import sys

    print(report(Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/data"), details=True))
