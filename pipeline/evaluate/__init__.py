"""Quality reports against external evaluation data (``make eval``).

Each report is a function ``report(data_dir: Path) -> str`` in its own module,
named here; ``python -m pipeline eval`` runs them in this order. A report whose
data is absent says so in one line and the others still run.
"""

from __future__ import annotations

import importlib
from pathlib import Path

REPORTS = {
    "conll": "pipeline.evaluate.conll",  # CoNLL-2002 Spanish NER: bare model vs pipeline (issue 5)
    "latam": "pipeline.evaluate.latam",  # the Latin American set of tests/data/latam: names, figures, identity (issue 20)
    "timex": "pipeline.evaluate.timex",  # MEANTIME Spanish TIMEX3 dates (issue 3)
    "timebank": "pipeline.evaluate.timebank",  # Spanish TimeBank train TIMEX3 dates through extract_text (issue 19)
    "date-specs": "pipeline.evaluate.date_specs",  # Recognizers-Text Spanish date specs (issue 3)
    "figure-specs": "pipeline.evaluate.figure_specs",  # Recognizers-Text number/percent/currency/dimension (issue 4)
    "wire": "pipeline.evaluate.wire",  # the wire corpus of tests/data/wire: titles, datelines, published, dates (issue 19)
    "guards": "pipeline.evaluate.guards",  # what each names rule removes/adds on CoNLL-2002 esp.testa (issue 5)
}


def run_reports(data_dir: Path, only: list[str] | None = None) -> list[tuple[str, str]]:
    """``[(name, report text)]`` for the named reports (all by default)."""
    out = []
    for name, module_name in REPORTS.items():
        if only and name not in only:
            continue
        out.append((name, importlib.import_module(module_name).report(data_dir)))
    return out
