"""The wire corpus and its gold (tests/data/wire): checks the data only, never the pipeline.

Each gold row must point at a document that exists, name surfaces that occur in it (the
title, the dateline's place, every date in document order, every street that is not a
date), and carry values that agree with the calendar and with the document's own
publication date: a weekday named with a date falls on that date, "hoy" is the
publication day, "el pasado lunes" is before it, the publication date comes from the
first source a careful reader has (metadata, then a dateline with its year, then the file
name, then a year-less dateline completed by the text). Run this file as a script
(`python tests/test_wire_gold.py`) to print the corpus counts kept in the README.
"""

from __future__ import annotations

import collections
import csv
import datetime as dt
import json
import re
from pathlib import Path

import pytest

WIRE = Path(__file__).resolve().parent / "data" / "wire"
GOLD = WIRE / "gold.jsonl"
LANG = Path(__file__).resolve().parent.parent / "pipeline" / "lang" / "es"

FIELDS = (
    "file",
    "row",
    "country",
    "title",
    "subtitle",
    "dateline_place",
    "dateline_country",
    "agency",
    "published",
    "published_from",
    "published_reason",
    "dates",
    "not_dates",
)
SOURCES = ("metadata", "dateline", "filename", "inferred", "none")
# Canonical agency names and the marks by which each signs its copy.
AGENCY_MARKS = {
    "EFE": ("(EFE)", "Agencia EFE"),
    "Europa Press": ("(EUROPA PRESS)", "Europa Press"),
    "AFP": ("(AFP)",),
    "Reuters": ("(Reuters)",),
    "AP": ("(AP)",),
    "ANSA": ("(ANSA)",),
    "Xinhua": ("(Xinhua)",),
    "Sputnik": ("(Sputnik)",),
    "Prensa Latina": ("(Prensa Latina)",),
    "Télam": ("(Télam)",),
    "Notimex": ("(Notimex)",),
    "Proceso": ("(apro)",),
}
# How the outlets write their datelines and bylines; each form is in two documents or more.
DATELINE_FORMS = {
    "EFE, day and month": r"^[A-ZÁÉÍÓÚa-záéíóúñ ]+, \d{1,2} [a-z]{3} \(EFE\)\.- ",
    "Europa Press, day only": r"^[A-ZÁÉÍÓÚÑ ]+, \d{1,2} \(EUROPA PRESS\)$",
    "AFP, with the year": r"^[A-Za-záéíóúñ ]+, \d{1,2} [a-z]{3} \d{4} \(AFP\) - ",
    "AFP, no date": r"[A-Za-záéíóúñ ]+ \(AFP\) —",
    "Reuters": r"^[A-ZÁÉÍÓÚÑ ]+, \d{1,2} [a-z]{3} \(Reuters\) - ",
    "AP": r"^[A-ZÁÉÍÓÚÑ ]+(, [A-Z][a-z]+)? \(AP\) — ",
    "ANSA": r"^\(ANSA\) - [A-ZÁÉÍÓÚÑ ]+, \d{1,2} [A-Z]{3} - ",
    "Xinhua": r"^[A-ZÁÉÍÓÚa-záéíóúñ ]+, \d{1,2} [a-z]{3} \(Xinhua\) -- ",
    "Sputnik": r"^[A-ZÁÉÍÓÚÑ ]+ \(Sputnik\) — ",
    "Prensa Latina": r"^[A-Za-záéíóúñ ]+, \d{1,2} [a-z]{3} \(Prensa Latina\) [A-Z]",
    "Télam": r"^[A-Za-záéíóúñ ]+, \d{1,2} [a-z]{3} \(Télam\)\.- ",
    "Notimex": r"^[A-Za-záéíóúñ ]+, \d{1,2} [A-Z][a-z]{2} \(Notimex\)\.- ",
    "Proceso": r"^[A-ZÁÉÍÓÚÑ ]+(, [A-Z][a-z]+\.)? \(apro\)\.- ",
    "long date": r"^[A-Za-záéíóúñ ]+, \d{1,2} de [a-z]+ de \d{4}\.- ",
    "long date with 'a'": r"^[A-Za-záéíóúñ ]+, a \d{1,2} de [a-z]+ de \d{4}",
    "byline 'Por Redacción'": r"Por Redacción",
    "byline 'Agencia EFE'": r"Agencia EFE",
    "byline with place": r"^Por [A-Z][a-záéíóúñ]+ [A-Z][a-záéíóúñ]+ \| [A-Z]",
}
VAGUE = {"PRESENT_REF", "PAST_REF", "FUTURE_REF"}
VALUE = re.compile(
    r"\d{4}(-\d{2}(-\d{2})?|-Q[1-4]|-H[12]|-W\d{2}(-WE)?|-(SP|SU|FA|WI))?"  # a date, month, year, quarter, half, week, season
    r"|\d{2,3}"  # a century or a decade
    r"|XXXX(-\d{2}|-XX)?(-\d{2}|-XX)?|XXXX-WXX-[1-7]|XXXX-(SP|SU|FA|WI)"  # the year unresolved
)
FILE_DATE = re.compile(r"(?<!\d)(\d{4})-?(\d{2})-?(\d{2})(?!\d)")
YEAR = re.compile(r"(?<!\d)(1[5-9]\d{2}|20\d{2})(?!\d)")


def _table(name: str) -> dict[str, dict[str, str]]:
    with open(LANG / name, encoding="utf-8") as fh:
        rows = csv.DictReader((line for line in fh if not line.startswith("#")), delimiter="\t")
        return {row["form"]: row for row in rows}


MONTHS = {form: int(row["month"]) for form, row in _table("months.tsv").items()}
FULL_MONTHS = {form: int(row["month"]) for form, row in _table("months.tsv").items() if row["kind"] == "full"}
WEEKDAYS = {form: int(row["weekday"]) for form, row in _table("weekdays.tsv").items()}
WEEKDAY_WORD = "|".join(sorted(WEEKDAYS, key=len, reverse=True))
MONTH_WORD = "|".join(sorted(MONTHS, key=len, reverse=True))
DAY_MONTH = re.compile(rf"(?<!\d)(\d{{1,2}})(?:\.º|º)?\s+(?:de\s+)?({MONTH_WORD})\b", re.IGNORECASE)
MONTH_DAY = re.compile(rf"\b({MONTH_WORD})\.?\s+(\d{{1,2}})(?!\d)", re.IGNORECASE)
NUMERIC = re.compile(r"(?<!\d)(\d{1,2})/(\d{1,2})/(\d{4})(?!\d)")


def load_gold() -> list[dict]:
    with open(GOLD, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


ROWS = load_gold()


def row_id(row: dict) -> str:
    return row["file"] if row["row"] is None else f"{row['file']}#{row['row']}"


def table_row(row: dict) -> dict:
    lines = (WIRE / row["file"]).read_text(encoding="utf-8").splitlines()
    return json.loads(lines[row["row"]])


def document(row: dict) -> str:
    """The document's text as a reader has it: the file, or a JSONL row's title and text."""
    if row["row"] is None:
        return (WIRE / row["file"]).read_text(encoding="utf-8")
    record = table_row(row)
    title = record.get("titulo") or record.get("title") or ""
    text = record.get("texto") or record.get("text") or ""
    return f"{title}\n\n{text}" if title else text


def metadata_date(row: dict) -> str | None:
    """The date a file carries as metadata: HTML meta or JSON-LD, markdown front matter, a JSONL column."""
    if row["row"] is not None:
        record = table_row(row)
        value = record.get("fecha") or record.get("date")
        return value[:10] if value else None
    text = document(row)
    found = re.search(r'article:published_time" content="(\d{4}-\d{2}-\d{2})', text) or re.search(
        r'"datePublished": "(\d{4}-\d{2}-\d{2})', text
    )
    if found is None and text.startswith("---\n"):
        found = re.search(r"^date: (\d{4}-\d{2}-\d{2})$", text.split("\n---\n", 1)[0], re.MULTILINE)
    return found.group(1) if found else None


def file_name_date(row: dict) -> str | None:
    found = FILE_DATE.search(Path(row["file"]).name)
    return "-".join(found.groups()) if found else None


def locate(text: str, surfaces: list[str]) -> list[tuple[int, int]]:
    """Each surface found after the end of the one before it (the gold lists dates in document order)."""
    spans, at = [], 0
    for surface in surfaces:
        start = text.find(surface, at)
        assert start >= 0, f"{surface!r} not found after offset {at}"
        spans.append((start, start + len(surface)))
        at = start + len(surface)
    return spans


def concrete_day(value: str) -> dt.date | None:
    return dt.date.fromisoformat(value) if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value) else None


def named_weekday(surface: str) -> int | None:
    found = re.search(rf"\b({WEEKDAY_WORD})\b", surface, re.IGNORECASE)
    return WEEKDAYS[found.group(1).lower()] if found else None


def dateline_lines(text: str) -> list[str]:
    """Lines and paragraphs as a reader sees them (markup stripped, markdown bold removed)."""
    plain = re.sub(r"<[^>]+>", "\n", text).replace("**", "")
    return [line.strip() for line in plain.splitlines() if line.strip()]


BY_ID = {row_id(row): row for row in ROWS}
IDS = list(BY_ID)


@pytest.mark.parametrize("key", IDS)
def test_wire_gold_row_has_the_contract_fields(key):
    row = BY_ID[key]
    assert tuple(row) == FIELDS
    assert re.fullmatch(r"[A-Z]{2}", row["country"])
    assert row["published_from"] in SOURCES
    assert row["agency"] is None or row["agency"] in AGENCY_MARKS
    assert (row["dateline_place"] is None) == (row["dateline_country"] is None)
    assert row["dateline_country"] is None or re.fullmatch(r"[A-Z]{2}", row["dateline_country"])
    if row["published"] is None:
        assert row["published_from"] == "none" and row["published_reason"]
    else:
        dt.date.fromisoformat(row["published"])
        assert row["published_from"] != "none" and row["published_reason"] is None


@pytest.mark.parametrize("key", IDS)
def test_wire_gold_points_to_an_existing_document(key):
    row = BY_ID[key]
    path = WIRE / row["file"]
    assert path.is_file()
    if path.suffix == ".jsonl":
        assert isinstance(row["row"], int) and row["row"] >= 0
        assert document(row).strip()
    else:
        assert row["row"] is None


@pytest.mark.parametrize("key", IDS)
def test_wire_gold_title_place_and_agency_occur_in_the_document(key):
    row = BY_ID[key]
    text = document(row)
    assert row["title"] in text
    assert row["subtitle"] is None or row["subtitle"] in text
    assert row["dateline_place"] is None or row["dateline_place"] in text
    if row["agency"] is not None:
        assert any(mark in text for mark in AGENCY_MARKS[row["agency"]])


@pytest.mark.parametrize("key", IDS)
def test_wire_gold_dates_occur_in_document_order(key):
    row = BY_ID[key]
    locate(document(row), [d["text"] for d in row["dates"]])


@pytest.mark.parametrize("key", IDS)
def test_wire_gold_values_are_well_formed(key):
    row = BY_ID[key]
    for d in row["dates"]:
        value = d["value"]
        parts = value.split("/") if "/" in value else [value]
        assert len(parts) <= 2 and (value in VAGUE or all(VALUE.fullmatch(p) for p in parts)), value
        for part in parts:
            if re.fullmatch(r"\d{4}-\d{2}(-\d{2})?", part):
                dt.date.fromisoformat(part if len(part) == 10 else part + "-01")
        # A document whose date a reader can tell resolves every relative date.
        assert row["published"] is None or "X" not in value, (d["text"], value)


@pytest.mark.parametrize("key", IDS)
def test_wire_gold_weekdays_agree_with_the_calendar(key):
    row = BY_ID[key]
    text = document(row)
    for d, (start, end) in zip(row["dates"], locate(text, [d["text"] for d in row["dates"]]), strict=True):
        named = named_weekday(d["text"])
        if named is None:  # a weekday in lower case just before or after the date ("jueves, 20 de marzo", not "Santo Domingo")
            before = re.search(rf"\b({WEEKDAY_WORD}),?\s*$", text[max(0, start - 12) : start])
            after = re.match(rf",?\s*({WEEKDAY_WORD})\b", text[end : end + 12])
            found = before or after
            named = WEEKDAYS[found.group(1).lower()] if found else None
        if named is None:
            continue
        day = concrete_day(d["value"])
        if day is not None:
            assert day.isoweekday() == named, (d["text"], d["value"])
        else:
            assert d["value"] == f"XXXX-WXX-{named}", (d["text"], d["value"])


@pytest.mark.parametrize("key", IDS)
def test_wire_gold_day_month_and_year_agree_with_the_value(key):
    row = BY_ID[key]
    for d in row["dates"]:
        surface, value = d["text"], d["value"]
        if value in VAGUE:
            continue
        years = YEAR.findall(surface)
        for year in years:
            assert year in value, (surface, value)
        if "/" in value:
            continue
        month_day = None
        if found := NUMERIC.search(surface):
            month_day = (int(found.group(2)), int(found.group(1)))
        elif found := DAY_MONTH.search(surface):
            month_day = (MONTHS[found.group(2).lower()], int(found.group(1)))
        elif found := MONTH_DAY.search(surface):
            month_day = (MONTHS[found.group(1).lower()], int(found.group(2)))
        if month_day is not None:
            assert value[5:10] == f"{month_day[0]:02d}-{month_day[1]:02d}", (surface, value)
        elif re.fullmatch(r"\d{1,2}", surface):  # a day-only dateline ("MADRID, 12 (EUROPA PRESS)")
            assert value[8:10] == f"{int(surface):02d}", (surface, value)
        elif found := re.search(rf"\b({'|'.join(FULL_MONTHS)})\b", surface, re.IGNORECASE):
            assert value[5:7] == f"{FULL_MONTHS[found.group(1).lower()]:02d}", (surface, value)


# Relative expressions and the day or year they must name, given the publication date: each test
# takes the days from the publication date and whether the day is in the publication's week.
RELATIVE_DAYS = [
    (re.compile(r"^hoy\b", re.IGNORECASE), lambda days, same_week: days == 0),
    (re.compile(r"^ayer$", re.IGNORECASE), lambda days, same_week: days == -1),
    (re.compile(r"^mañana\b", re.IGNORECASE), lambda days, same_week: days == 1),
    (re.compile(r"^la víspera$", re.IGNORECASE), lambda days, same_week: days == -1),
    (re.compile(rf"^(este|esta) ({WEEKDAY_WORD})\b", re.IGNORECASE), lambda days, same_week: same_week),
    (re.compile(rf"^pasado ({WEEKDAY_WORD})$|^({WEEKDAY_WORD}) pasado$", re.IGNORECASE), lambda days, same_week: -7 <= days < 0),
    (re.compile(rf"^próximo ({WEEKDAY_WORD})$", re.IGNORECASE), lambda days, same_week: 0 < days <= 7),
    (re.compile(rf"^({WEEKDAY_WORD})$", re.IGNORECASE), lambda days, same_week: -7 < days < 7),
]
RELATIVE_YEARS = [
    (re.compile(r"^(este|el) año$|^este año$", re.IGNORECASE), 0),
    (re.compile(r"^(el )?año pasado$", re.IGNORECASE), -1),
    (re.compile(r"^(el )?año próximo$|^(el )?próximo año$", re.IGNORECASE), 1),
]


@pytest.mark.parametrize("key", [key for key in IDS if BY_ID[key]["published"] is not None])
def test_wire_gold_relative_dates_agree_with_the_publication_date(key):
    row = BY_ID[key]
    published = dt.date.fromisoformat(row["published"])
    for d in row["dates"]:
        surface, value = d["text"], d["value"]
        day = concrete_day(value)
        for pattern, holds in RELATIVE_DAYS:
            if pattern.search(surface):
                assert day is not None, (surface, value)
                same_week = day.isocalendar()[:2] == published.isocalendar()[:2]
                assert holds((day - published).days, same_week), (surface, value, row["published"])
                break
        for pattern, shift in RELATIVE_YEARS:
            if pattern.fullmatch(surface):
                assert value == str(published.year + shift), (surface, value)


@pytest.mark.parametrize("key", IDS)
def test_wire_gold_publication_date_comes_from_the_first_source_a_reader_has(key):
    row = BY_ID[key]
    published, source = row["published"], row["published_from"]
    meta, from_name = metadata_date(row), file_name_date(row)
    if meta is not None:
        assert (source, published) == ("metadata", meta)
        return
    assert source != "metadata"
    first = row["dates"][0] if row["dates"] else None
    if source == "dateline":  # the dateline's own date, with its year, is the first date of the text
        assert first is not None and first["value"] == published and published[:4] in first["text"]
    elif source == "filename":
        assert from_name == published
    elif source == "inferred":
        assert from_name is None
        dateline = next(d for d in row["dates"] if d["value"] == published)
        assert not YEAR.search(dateline["text"]), dateline
        assert any(d["value"] == published and named_weekday(d["text"]) for d in row["dates"]), "no weekday confirms the day"
    else:
        assert from_name is None


@pytest.mark.parametrize("key", [key for key in IDS if BY_ID[key]["not_dates"]])
def test_wire_gold_not_dates_occur_and_are_no_date(key):
    row = BY_ID[key]
    text = document(row)
    date_spans = locate(text, [d["text"] for d in row["dates"]])
    for surface in row["not_dates"]:
        assert surface in text
        for found in re.finditer(re.escape(surface), text):
            assert all(found.end() <= s or found.start() >= e for s, e in date_spans), surface


def dateline_forms(row: dict) -> list[str]:
    lines = dateline_lines(document(row))
    return [form for form, pattern in DATELINE_FORMS.items() if any(re.search(pattern, line) for line in lines)]


def counts(rows: list[dict]) -> dict[str, collections.Counter]:
    """The corpus counts the README reports."""
    return {
        "dateline or byline form": collections.Counter(form for row in rows for form in dateline_forms(row)),
        "agency": collections.Counter(row["agency"] or "(none)" for row in rows),
        "format": collections.Counter(Path(row["file"]).suffix.lstrip(".") for row in rows),
        "country": collections.Counter(row["country"] for row in rows),
        "published_from": collections.Counter(row["published_from"] for row in rows),
        "dates": collections.Counter(
            {"documents": len(rows), "dates": sum(len(row["dates"]) for row in rows)}
            | {"documents with 3 dates or more": sum(len(row["dates"]) >= 3 for row in rows)}
            | {"not-dates (streets, times, names)": sum(len(row["not_dates"]) for row in rows)}
        ),
    }


def test_wire_corpus_has_the_coverage_the_issue_asks_for():
    tally = counts(ROWS)
    assert len(ROWS) >= 60
    assert len(tally["country"]) >= 8
    assert all(tally["agency"][name] >= 2 for name in AGENCY_MARKS), tally["agency"]
    assert set(tally["format"]) == {"txt", "md", "html", "jsonl"}
    assert all(tally["published_from"][source] >= 2 for source in SOURCES), tally["published_from"]
    assert tally["dates"]["documents with 3 dates or more"] >= 40


def test_wire_corpus_every_document_has_one_gold_row():
    corpus = {f"corpus/{p.name}" for p in (WIRE / "corpus").iterdir()}
    keys = collections.Counter((row["file"], row["row"]) for row in ROWS)
    assert max(keys.values()) == 1
    assert {row["file"] for row in ROWS} == corpus
    for name in corpus:
        if name.endswith(".jsonl"):
            n_rows = len((WIRE / name).read_text(encoding="utf-8").splitlines())
            assert sorted(r for f, r in keys if f == name) == list(range(n_rows))


@pytest.mark.parametrize("form", list(DATELINE_FORMS))
def test_wire_corpus_writes_each_dateline_form_at_least_twice(form):
    hits = [key for key, row in BY_ID.items() if form in dateline_forms(row)]
    assert len(hits) >= 2, hits


if __name__ == "__main__":
    for name, counter in counts(ROWS).items():
        print(f"\n| {name} | n |\n|---|---|")
        for label, n in sorted(counter.items(), key=lambda kv: (-kv[1], kv[0])):
            print(f"| {label} | {n} |")
