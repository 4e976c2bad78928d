"""Date quality on Microsoft Recognizers-Text's Spanish test specifications.

Three spec files (``recognizers-text-es/Specs/DateTime/Spanish``):

- ``DateExtractor.json``: spans only → detection precision, recall, F1;
- ``DateParser.json``: spans and values against a reference date;
- ``DateTimeModel.json``: end-to-end; only its ``datetimeV2.date`` and
  ``datetimeV2.daterange`` results are gold here. A DATE we find over one of
  its other results (a time, a duration, a set) is neither right nor wrong;
  one found in a case that expects nothing is a false positive.

Cases that the reference implementation (.NET) marks ``NotSupported`` or
``NotSupportedByDesign`` are skipped, as the specs' own harness skips them.

Detection: exact (same span) and relaxed (overlapping spans, one-to-one).
A value is right when it equals the spec's TIMEX or one of its resolutions.
The specs keep the year of a year-less date open ("XXXX-10-02", resolved both
past and future); we resolve it against the reference date, so either
resolution counts. For periods our value (``2016-11``, ``2014/2018``,
``2018-W11``) is compared as the interval it denotes with the spec's
``start``/``end``; the specs end "entre 2014 y 2018" at 2018-01-01, the start
of the last unit, so an end equal to either the start or the end of our last
unit counts.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.evaluate.scoring import Score, ratio
from pipeline.values.dates import value_interval

SPECS = ("recognizers-text-es", "Specs", "DateTime", "Spanish")
DATE_TYPES = ("datetimeV2.date", "datetimeV2.daterange")


@dataclass
class Gold:
    start: int
    end: int
    accepted: list[str] = field(default_factory=list)  # values that count as right
    intervals: list[tuple[str | None, str | None]] = field(default_factory=list)
    scored: bool = True  # False: another type, predictions over it are ignored


@dataclass
class Case:
    text: str
    reference: str | None
    gold: list[Gold]


def unsupported(case: dict) -> bool:
    """True when the .NET reference implementation does not pass this case."""
    flags = f"{case.get('NotSupported', '')},{case.get('NotSupportedByDesign', '')}".lower()
    return "dotnet" in flags


def load(path: Path) -> tuple[list[Case], int]:
    """The supported cases of one spec file, and how many were skipped."""
    raw = json.loads(path.read_text(encoding="utf-8-sig"))
    cases, skipped = [], 0
    for case in raw:
        if unsupported(case):
            skipped += 1
            continue
        ref = (case.get("Context") or {}).get("ReferenceDateTime")
        gold = []
        for r in case["Results"]:
            if "Length" in r:
                start, end = r["Start"], r["Start"] + r["Length"]
            else:
                start, end = r["Start"], r["End"] + 1
            kind = r.get("TypeName") or r.get("Typename") or r.get("Type") or ""
            g = Gold(start, end, scored=kind in DATE_TYPES or kind == "date")
            value = r.get("Value")
            if isinstance(value, dict):
                g.accepted.append(value.get("Timex", ""))
                for key in ("FutureResolution", "PastResolution"):
                    res = value.get(key) or {}
                    g.accepted.extend(v for v in res.values() if isinstance(v, str))
            for v in (r.get("Resolution") or {}).get("values", []):
                g.accepted.append(v.get("timex", ""))
                if "value" in v:
                    g.accepted.append(v["value"])
                if "start" in v or "end" in v:
                    g.intervals.append((v.get("start"), v.get("end")))
            gold.append(g)
        cases.append(Case(case["Input"], ref[:10] if ref else None, gold))
    return cases, skipped


def value_right(value: str | None, gold: Gold) -> bool:
    """Whether our value says what the spec's TIMEX or resolutions say (see the module doc)."""
    if value is None:
        return False
    if value in gold.accepted:
        return True
    ours = value_interval(value)
    if ours is None:
        return False
    start, end = ours
    for g_start, g_end in gold.intervals:
        if g_start is None or g_end is None:
            continue
        if g_start[:10] != start.isoformat():
            continue
        last_unit_start = _last_unit_start(value)
        if g_end[:10] in (end.isoformat(), last_unit_start):
            return True
    return False


def _last_unit_start(value: str) -> str | None:
    """For an interval ``a/b``, the first day of ``b``; else None."""
    if "/" not in value:
        return None
    bound = value_interval(value.split("/")[1])
    return bound[0].isoformat() if bound else None


def line(name: str, score: Score, cases: int, skipped: int, *, with_values: bool) -> str:
    """One spec file's report line(s): exact and relaxed P/R/F1, and value accuracy if ``with_values``."""

    def f1(hits: str) -> str:
        p, r, f = score.prf(hits)
        return f"P {p:.3f} R {r:.3f} F1 {f:.3f}"

    text = (
        f"  {name:<16} {cases} cases ({skipped} unsupported skipped), gold {score.gold}, "
        f"pred {score.predicted}; exact {f1('exact')}; relaxed {f1('relaxed')}"
    )
    if with_values:
        values, relaxed = score.hits["value"], score.hits["relaxed"]
        text += (
            f"\n  {'':<16} value accuracy {score.share('value', 'relaxed'):.3f} on detected ({values}/{relaxed}), "
            f"{ratio(values, score.gold):.3f} of all gold ({values}/{score.gold})"
        )
    return text


def score_cases(cases: list[Case], find) -> Score:
    """``exact``, ``relaxed`` (one-to-one, each gold takes an exact match first) and ``value`` matches
    of ``find(texts, references)`` over the cases."""
    score = Score()
    predictions = find([c.text for c in cases], [c.reference for c in cases])
    for case, predicted in zip(cases, predictions, strict=True):
        scored = [g for g in case.gold if g.scored]
        ignored = [g for g in case.gold if not g.scored]
        predicted = [
            p
            for p in predicted
            if any(p[0] < g.end and g.start < p[1] for g in scored) or not any(p[0] < g.end and g.start < p[1] for g in ignored)
        ]
        score.gold += len(scored)
        score.predicted += len(predicted)
        free = list(range(len(predicted)))
        for g in scored:
            exact = [i for i in free if (predicted[i][0], predicted[i][1]) == (g.start, g.end)]
            overlap = exact or [i for i in free if predicted[i][0] < g.end and g.start < predicted[i][1]]
            if not overlap:
                score.note("missed", f"{case.text!r} → {case.text[g.start : g.end]!r}")
                continue
            i = overlap[0]
            free.remove(i)
            score.hits["relaxed"] += 1
            score.hits["exact"] += bool(exact)
            if value_right(predicted[i][2], g):
                score.hits["value"] += 1
            elif g.accepted or g.intervals:
                score.note(
                    "wrong value",
                    f"{case.text!r} [{case.reference}] → {case.text[predicted[i][0] : predicted[i][1]]!r} "
                    f"{predicted[i][2]} (spec {g.accepted[:1]} {g.intervals[:1]})",
                )
        for i in free:
            score.note("extra", f"{case.text!r} → {case.text[predicted[i][0] : predicted[i][1]]!r} {predicted[i][2]}")
    return score


def report(data_dir: Path, *, details: bool = False) -> str:
    """The Recognizers-Text date report (``python -m pipeline eval --only date-specs``)."""
    from pipeline.evaluate.timex import find_dates_in

    folder = Path(data_dir).joinpath(*SPECS)
    if not folder.is_dir():
        return f"date-specs: Recognizers-Text specs not found at {folder}"
    lines = ["date-specs: Recognizers-Text Spanish date specs (DATE mentions of the full pipeline)"]
    for name, with_values in (("DateExtractor", False), ("DateParser", True), ("DateTimeModel", True)):
        cases, skipped = load(folder / f"{name}.json")
        score = score_cases(cases, find_dates_in)
        lines.append(line(name, score, len(cases), skipped, with_values=with_values))
        if details:
            for kind in ("missed", "extra", "wrong value"):
                lines += [f"    {kind}: " + m for m in score.notes.get(kind, [])]
    return "\n".join(lines)


if __name__ == "__main__":
    import sys

    print(report(Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/data"), details=True))
