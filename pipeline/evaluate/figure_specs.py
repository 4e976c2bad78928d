"""Figure quality on the Microsoft Recognizers-Text Spanish specs (``make eval``).

Runs the real pipeline (`pipeline.load()`, all components) over each case's
``Input`` and compares ``doc.ents`` with the expected results of
``PercentModel``, ``CurrencyModel``, ``NumberModel`` and ``DimensionModel``.
Cases that the reference implementation (dotnet) marks ``NotSupported`` are
skipped, as are expected results without a value (a bare "dólares").

A prediction matches an expected result when the spans overlap (one to one,
in text order); it is value-correct when ``value_num`` agrees (relative
tolerance 1e-6). The specs give "50 centavos" as 50 of the unit "Centavo";
the pipeline gives 0.50 of the main currency, so a hundredth unit is
compared at 1/100. Reported per model: detection P/R/F1, value accuracy
(value-correct among the matched), value-correct P/R/F1, and unit agreement
(currency as ISO 4217, dimension as symbol) where the spec's unit maps to one.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

from pipeline.evaluate.scoring import Score

SPECS = "recognizers-text-es/Specs"
MODELS = {
    # name: (file, labels predicted for it)
    "PercentModel": ("Number/Spanish/PercentModel.json", {"PERCENT"}),
    "CurrencyModel": ("NumberWithUnit/Spanish/CurrencyModel.json", {"MONEY"}),
    "NumberModel": ("Number/Spanish/NumberModel.json", {"CARDINAL", "QUANTITY", "MONEY", "PERCENT"}),
    "DimensionModel": ("NumberWithUnit/Spanish/DimensionModel.json", {"QUANTITY"}),
}
# The specs' Spanish unit names → what the pipeline writes; None: the name does not fix one.
SPEC_CURRENCY = {
    "Dólar": "USD",
    "Dólar estadounidense": "USD",
    "Dólar canadiense": "CAD",
    "Dólar australiano": "AUD",
    "Dólar neozelandés": "NZD",
    "Dólar de Hong Kong": "HKD",
    "Euro": "EUR",
    "Libra": "GBP",
    "Yen": "JPY",
    "Yuan chino": "CNY",
    "Peso mexicano": "MXN",
    "Franco suizo": "CHF",
    "Marco finlandés": "FIM",
    "Florín neerlandés": "NLG",
    "Peseta": "ESP",
    "Penique": "GBP",
    "Franco": None,
    "Centavo": None,
}
HUNDREDTHS = {"Centavo", "Penique", "Céntimo"}
SPEC_DIMENSION = {
    "Kilómetro": "km",
    "Metro": "m",
    "Milímetro": "mm",
    "Milla": "mi",
    "Pie": "ft",
    "Pulgada": "in",
    "Galón": "gal",
    "Onza": "oz",
    "Libra": "lb",
    "Acre": "ac",
    "Tonelada": "t",
    "Tonelada métrica": "t",
    "Metro cuadrado": "m²",
    "Kilómetro cuadrado": "km²",
    "Pie cúbico": "ft³",
    "Centímetro cúbico": "cm³",
    "Mililitro": "mL",
    "bit": "bit",
    "Milla por hora": "mph",
    "Barril": "bbl",
    "Degree": "°",
    "Radian": "rad",
}


def load_cases(path: Path) -> list[dict]:
    """The spec's cases that the reference implementation supports."""
    cases = json.loads(path.read_text(encoding="utf-8-sig"))
    return [c for c in cases if "dotnet" not in (c.get("NotSupported", "") + c.get("NotSupportedByDesign", "")).lower()]


def expected_results(case: dict) -> list[tuple[int, int, float, str | None]]:
    """``(start, end, value, unit)`` per expected result with a value; ``end`` exclusive."""
    out = []
    for r in case.get("Results", []):
        res = r.get("Resolution") or {}
        raw = res.get("value")
        if raw is None:
            continue
        try:
            value = float(str(raw).rstrip("%").replace(",", "."))
        except ValueError:
            continue
        unit = res.get("unit")
        if unit in HUNDREDTHS:
            value /= 100
        out.append((r["Start"], r["End"] + 1, value, unit))
    return out


def _close(a: float | None, b: float) -> bool:
    return a is not None and math.isclose(a, b, rel_tol=1e-6, abs_tol=1e-12)


def score_model(nlp, cases: list[dict], labels: set[str], units: dict[str, str | None] | None) -> Score:
    """``matched`` (detection), ``value`` (value-correct), ``unit_checked`` and ``unit_agree`` counts of
    the entities of ``labels`` over the cases; what went wrong in ``notes["misses"]``."""
    score = Score()
    docs = nlp.pipe((c["Input"] for c in cases), batch_size=64)
    for case, doc in zip(cases, docs, strict=True):
        gold = expected_results(case)
        preds = [e for e in doc.ents if e.label_ in labels]
        score.gold += len(gold)
        score.predicted += len(preds)
        used: set[int] = set()
        for start, end, value, unit in gold:
            hit = next((i for i, e in enumerate(preds) if i not in used and e.start_char < end and start < e.end_char), None)
            if hit is None:
                score.note("misses", f"missed {case['Input'][start:end]!r} = {value:g}")
                continue
            used.add(hit)
            pred = preds[hit]
            score.hits["matched"] += 1
            if _close(pred._.value_num, value):
                score.hits["value"] += 1
            else:
                score.note("misses", f"value {pred.text!r} = {pred._.value_num} (expected {value:g})")
            if units is not None and units.get(unit):
                score.hits["unit_checked"] += 1
                if pred._.unit == units[unit]:
                    score.hits["unit_agree"] += 1
                else:
                    score.note("misses", f"unit {pred.text!r} = {pred._.unit} (expected {units[unit]})")
    return score


def report(data_dir: Path) -> str:
    """The figure quality table, one row per spec model."""
    specs = Path(data_dir) / SPECS
    if not specs.exists():
        return f"figure-specs: Recognizers-Text specs not found at {specs}"
    import pipeline

    nlp = pipeline.load()
    lines = [
        "figure-specs: Recognizers-Text Spanish, through pipeline.load() (overlap match; value within 1e-6)",
        f"{'model':<15} {'cases':>5} {'gold':>5} {'pred':>5}  {'det P':>6} {'det R':>6} {'det F1':>6}  "
        f"{'val acc':>7}  {'val P':>6} {'val R':>6} {'val F1':>6}  {'unit agree':>10}",
    ]
    for name, (rel, labels) in MODELS.items():
        path = specs / rel
        if not path.exists():
            lines.append(f"{name:<15} not found at {path}")
            continue
        cases = load_cases(path)
        units = SPEC_CURRENCY if name == "CurrencyModel" else SPEC_DIMENSION if name == "DimensionModel" else None
        s = score_model(nlp, cases, labels, units)
        dp, dr, df = s.prf("matched")
        vp, vr, vf = s.prf("value")
        acc = s.share("value", "matched")
        agree, checked = s.hits["unit_agree"], s.hits["unit_checked"]
        unit = f"{agree}/{checked} {agree / checked:.3f}" if checked else "-"
        lines.append(
            f"{name:<15} {len(cases):>5} {s.gold:>5} {s.predicted:>5}  {dp:>6.3f} {dr:>6.3f} {df:>6.3f}  "
            f"{acc:>7.3f}  {vp:>6.3f} {vr:>6.3f} {vf:>6.3f}  {unit:>10}"
        )
    lines.append("targets: PercentModel and CurrencyModel value F1 >= 0.90; NumberModel value recall (val R) >= 0.85")
    return "\n".join(lines)


def misses(data_dir: Path, model: str) -> list[str]:
    """What one model's spec cases miss (for reading, not for the report)."""
    import pipeline

    rel, labels = MODELS[model]
    units = SPEC_CURRENCY if model == "CurrencyModel" else SPEC_DIMENSION if model == "DimensionModel" else None
    return score_model(pipeline.load(), load_cases(Path(data_dir) / SPECS / rel), labels, units).notes.get("misses", [])
