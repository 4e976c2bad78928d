"""Wire copy as users bring it: titles, datelines, agencies, publication dates and dates.

Scores the pipeline on the project's own wire corpus (``tests/data/wire``: agency
articles and leads in .txt, .md, .html and .jsonl, written for the tests, with
gold in ``gold.jsonl``; its README says how). Per document: the title, the
subtitle, the dateline's place (case and accents ignored), the agency, the
publication date and where it came from. A gold ``published`` of null means a
careful reader cannot tell the year: the pipeline is right there only when it
leaves the date empty. The dates in the text: found (any overlap with a DATE
mention) and their value among those found; ``not_dates`` (street names…) must
overlap no DATE.

Run: ``python -m pipeline eval --only wire``.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pandas as pd

from pipeline.nlp.words import fold

WIRE = Path(__file__).resolve().parents[2] / "tests" / "data" / "wire"
FIELDS = ("title", "subtitle", "dateline_place", "agency", "published", "published_from")


def read_gold(folder: Path = WIRE) -> list[dict]:
    with open(folder / "gold.jsonl", encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def _norm(value) -> str | None:
    """A field compared with case, accents and spacing ignored; None for an empty one."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    return fold(str(value)) or None


def _keys(sources: list[str]) -> list[tuple[str, int | None]]:
    """``(file name, row)`` of each documents ``source``: a table's rows ("x.jsonl#row3",
    "x.jsonl#<id>") counted from 0 in the order they were read, other files row None."""
    seen: Counter[str] = Counter()
    keys = []
    for source in sources:
        path, hash_, _ = source.partition("#")
        name = Path(path).name
        if hash_:
            keys.append((name, seen[name]))
            seen[name] += 1
        else:
            keys.append((name, None))
    return keys


def _overlaps(gold: str, mention: str) -> bool:
    """A DATE mention matches a gold date when one text holds the other (case ignored):
    "pasado viernes" and "el pasado viernes", "hoy, jueves" and "hoy"."""
    g, m = gold.casefold(), mention.casefold()
    return g in m or m in g


def score(folder: Path = WIRE, nlp=None) -> dict:
    """Counts per field and for dates, and examples of what went wrong."""
    import pipeline

    gold = read_gold(folder)
    tables = pipeline.extract([folder / "corpus"], nlp=nlp)
    documents = tables.documents
    docs = dict(zip(_keys(list(documents.source)), documents.to_dict("records"), strict=True))
    counts: Counter[str] = Counter()
    misses: dict[str, list[str]] = {}
    mentions = tables.mentions
    for g in gold:
        key = (Path(g["file"]).name, g["row"])
        doc = docs.get(key)
        counts["documents"] += 1
        if doc is None:
            misses.setdefault("document", []).append(g["file"])
            continue
        for field in FIELDS:
            want, got = _norm(g.get(field)), _norm(doc.get(field))
            if field == "published_from" and g.get("published") is None:
                want = "none"
            counts[f"{field}_gold"] += want is not None
            if want == got:
                counts[f"{field}_right"] += 1
            else:
                misses.setdefault(field, []).append(f"{key[0]}{'' if key[1] is None else f'#{key[1]}'}: {got!r} ≠ {want!r}")
        dates = mentions[(mentions.doc_id == doc["doc_id"]) & (mentions.label == "DATE")].sort_values("start")
        found = list(zip(dates.text, dates.value, strict=True))
        used: set[int] = set()
        for d in g["dates"]:
            counts["dates"] += 1
            hit = next((i for i, f in enumerate(found) if i not in used and _overlaps(d["text"], f[0])), None)
            if hit is None:
                misses.setdefault("date found", []).append(f"{key[0]}: {d['text']!r}")
                continue
            used.add(hit)
            counts["dates_found"] += 1
            if found[hit][1] == d["value"]:
                counts["dates_value"] += 1
            else:
                misses.setdefault("date value", []).append(f"{key[0]}: {d['text']!r} {found[hit][1]!r} ≠ {d['value']!r}")
        for surface in g.get("not_dates", []):
            counts["not_dates"] += 1
            if any(_overlaps(surface, f[0]) and any(ch.isdigit() for ch in f[0]) for f in found):
                misses.setdefault("not a date", []).append(f"{key[0]}: {surface!r}")
            else:
                counts["not_dates_right"] += 1
    return {"counts": counts, "misses": misses}


def format_report(result: dict) -> str:
    c = result["counts"]
    lines = [f"Wire corpus ({c['documents']} documents, tests/data/wire): right / gold"]
    for field in FIELDS:
        lines.append(f"  {field:<16} {c[f'{field}_right']:>3} / {c['documents']}  (gold given for {c[f'{field}_gold']})")
    found, value = c["dates_found"], c["dates_value"]
    lines.append(
        f"  dates found      {found:>3} / {c['dates']} ({found / max(c['dates'], 1):.3f}); "
        f"value right {value} / {found} ({value / max(found, 1):.3f})"
    )
    lines.append(f"  not dates        {c['not_dates_right']:>3} / {c['not_dates']} left alone")
    for kind, items in result["misses"].items():
        lines.append(f"  {kind} misses ({len(items)}): " + "; ".join(items[:6]))
    return "\n".join(lines)


def report(data_dir: Path) -> str:
    """The wire report; ``data_dir`` is unused (the corpus ships with the tests)."""
    if not (WIRE / "gold.jsonl").is_file():
        return f"wire: skipped, the wire corpus is not at {WIRE} (it ships with the repository's tests)"
    return format_report(score())
