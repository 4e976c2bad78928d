"""The publication date from every source, in order, and the year a careful reader gives a year-less dateline.

`today` is fixed in these cases: a date later than it is never an article's.
"""

from __future__ import annotations

import datetime as dt

import pytest

from pipeline.ingest.metadata import DateHints, settle_published
from pipeline.values.dates.datelines import CorpusDates, complete_year, read_evidence, read_written_date

TODAY = dt.date(2026, 6, 1)
D = dt.date.fromisoformat


def _settle(metadata: dict, text: str = "", source: str = "nota.txt", **hints):
    hints.setdefault("today", TODAY)
    if "corpus" in hints:
        hints["corpus"] = CorpusDates(hints["corpus"])
    return settle_published(metadata, text, source, DateHints(**hints))


EFE = {"dateline_place": "Madrid", "dateline_date": "3 mar", "agency": "EFE"}
APROBO_MARTES = "El Consejo de Ministros aprobó este martes la subida del salario mínimo."

SOURCES = [
    pytest.param(
        {**EFE, "date": "2025-03-03"}, APROBO_MARTES, "nota.txt", {"given": D("2025-04-01")}, "2025-04-01", "given", id="given"
    ),
    pytest.param({**EFE, "date": "2025-03-03"}, APROBO_MARTES, "nota.txt", {}, "2025-03-03", "metadata", id="metadata-date"),
    pytest.param({**EFE, "date": "2025-03-04"}, "", "nota.txt", {}, "2025-03-04", "metadata", id="metadata-a-day-later"),
    pytest.param(
        {"dateline_date": "3 mar 2025", "agency": "AFP"}, "", "nota.txt", {}, "2025-03-03", "dateline", id="afp-with-year"
    ),
    pytest.param({"dateline_date": "lunes 3 de marzo de 2025"}, "", "nota.txt", {}, "2025-03-03", "dateline", id="long-date"),
    pytest.param({"dateline_date": "02/10/25", "agency": "MÁS"}, "", "nota.txt", {}, "2025-10-02", "dateline", id="numeric"),
    pytest.param({**EFE, "lead_date": "3 de marzo de 2025"}, "", "nota.txt", {}, "2025-03-03", "dateline", id="byline-date"),
    pytest.param(EFE, APROBO_MARTES, "2025-03-03_salario.txt", {}, "2025-03-03", "filename", id="filename-iso"),
    pytest.param(EFE, APROBO_MARTES, "corpus/20250304-salario.txt", {}, "2025-03-03", "inferred", id="filename-a-day-later"),
    pytest.param(EFE, "", "corpus/20250501-salario.txt", {}, "2025-05-01", "filename", id="filename-far-from-dateline"),
    pytest.param({}, "Sin fecha.", "archivo/20220120_nota.txt", {}, "2022-01-20", "filename", id="filename-only"),
    pytest.param(EFE, APROBO_MARTES, "nota.txt", {}, None, "none", id="issue-example-no-evidence"),
    pytest.param(EFE, APROBO_MARTES, "nota.txt", {"year": 2026}, "2026-03-03", "inferred", id="year-hint-fits"),
    pytest.param(EFE, APROBO_MARTES, "nota.txt", {"year": 2025}, None, "none", id="year-hint-contradicted"),
    pytest.param(
        {"dateline_date": "3", "agency": "Europa Press"},
        "Sánchez anunció este lunes.",
        "nota.txt",
        {},
        None,
        "none",
        id="day-only",
    ),
    pytest.param(
        {"dateline_place": "Santiago", "agency": "AP"}, "Votaron el domingo.", "nota.txt", {}, None, "none", id="no-date"
    ),
    pytest.param({}, "Texto sin fecha.", "nota.txt", {}, None, "none", id="nothing"),
    # a day-only dateline whose day the story names with its month ("hoy, martes 14 de octubre")
    pytest.param(
        {"dateline_date": "14", "agency": "Europa Press"},
        "La Generalitat presentó hoy, martes 14 de octubre, el plan, que sustituye al aprobado en 2024.",
        "nota.txt",
        {},
        "2025-10-14",
        "inferred",
        id="day-only-month-from-the-story",
    ),
    pytest.param(
        {"dateline_date": "14", "agency": "Europa Press"},
        "La Generalitat presentó el lunes 14 de octubre el plan y el martes 14 de enero el presupuesto.",
        "nota.txt",
        {},
        None,
        "none",
        id="day-only-two-months",
    ),
]


@pytest.mark.parametrize(("metadata", "text", "source", "hints", "published", "origin"), SOURCES)
def test_published_sources_in_order(metadata, text, source, hints, published, origin):
    result = _settle(metadata, text, source, **hints)
    assert (result.date.isoformat() if result.date else None, result.origin) == (published, origin)
    if origin in ("none", "inferred"):
        assert result.reason  # an unresolved or inferred date always says why


def test_reasons_say_what_was_seen():
    assert "the dateline says '3 mar'" in _settle({**EFE, "date": "2025-03-04"}).reason
    assert "file name" in _settle(EFE, APROBO_MARTES, "20250304-salario.txt").reason
    unresolved = _settle(EFE, APROBO_MARTES).reason
    assert "no year" in unresolved and "2026, 2020 and 2015" in unresolved  # the Tuesdays 3 March up to today
    assert "rules out" in _settle(EFE, APROBO_MARTES, year=2025).reason
    assert "day only" in _settle({"dateline_date": "3", "agency": "Europa Press"}).reason
    assert "no date" in _settle({"dateline_place": "Santiago", "agency": "AP"}).reason


def _year(day: int, month: int, text: str, **kw) -> str | None:
    if "corpus" in kw:
        kw["corpus"] = CorpusDates(kw["corpus"])
    result = complete_year(day, month, read_evidence(text), today=kw.pop("today", TODAY), **kw)
    return result.date.isoformat() if result.date else None


YEARS = [
    # the seed: "este jueves" and a past date the year before
    pytest.param(
        20,
        1,
        "Maduro destacó este jueves la relación. Putin lo felicitó por las elecciones del 21 de noviembre de 2021.",
        {},
        "2022-01-20",
        id="seed",
    ),
    # "hoy, jueves" and elections told in the past
    pytest.param(
        12,
        6,
        "El Congreso aprobó hoy, jueves, la reforma. Las elecciones del 28 de julio de 2024 fueron polémicas.",
        {},
        "2025-06-12",
        id="hoy-jueves-and-a-past-election",
    ),
    # "el pasado viernes 28": 28 Feb is a Friday in 2025 only, among the run's years
    pytest.param(
        3,
        3,
        "El Gobierno anunció el pasado viernes 28 la medida.",
        {"corpus": [D("2025-03-01")]},
        "2025-03-03",
        id="dated-weekday",
    ),
    pytest.param(5, 3, "La Cámara votó ayer, miércoles, la ley.", {"year_hint": 2026}, "2026-03-05", id="ayer-miercoles"),
    pytest.param(5, 3, "La Cámara votó ayer, miércoles, la ley.", {"year_hint": 2025}, None, id="ayer-miercoles-contradicts"),
    pytest.param(5, 3, "El Senado votará mañana, viernes, la ley.", {"year_hint": 2025}, None, id="manana-viernes-contradicts"),
    pytest.param(6, 3, "El Senado votará mañana, viernes, la ley.", {"year_hint": 2025}, "2025-03-06", id="manana-viernes"),
    pytest.param(6, 3, "Esta mañana, jueves, el Senado votó.", {"year_hint": 2025}, "2025-03-06", id="esta-manana-is-today"),
    # the run's other documents: the nearest year; a tie is no answer
    pytest.param(
        3, 3, "El Gobierno aprobó la medida.", {"corpus": [D("2025-03-01"), D("2025-03-10")]}, "2025-03-03", id="corpus"
    ),
    pytest.param(3, 3, "El Gobierno aprobó la medida.", {"corpus": [D("2024-03-05"), D("2025-03-04")]}, None, id="corpus-tie"),
    pytest.param(
        20,
        12,
        "El Gobierno aprobó la medida.",
        {"corpus": [D("2025-03-01")], "today": D("2025-06-01")},
        "2024-12-20",
        id="not-after-today",
    ),
    # a weekday beats the run's nearest year; bounds from dates told in the past or the future
    pytest.param(3, 3, APROBO_MARTES, {"corpus": [D("2025-03-01"), D("2025-03-05")]}, "2026-03-03", id="weekday-over-corpus"),
    pytest.param(
        20,
        1,
        "La ley se aprobó el 3 de marzo de 2021 y se votará el 5 de junio de 2022.",
        {},
        "2022-01-20",
        id="past-and-future-bounds",
    ),
    pytest.param(20, 1, "Se votará el 5 de junio de 2022.", {}, None, id="a-future-date-alone-is-no-anchor"),
    pytest.param(20, 1, "Maduro recibió este jueves al canciller.", {}, None, id="a-weekday-alone-is-no-anchor"),
    # a bare year names a plan as often as a past: it never rules a year out
    pytest.param(20, 1, "El Gobierno aprobó este jueves la Agenda 2030.", {"year_hint": 2022}, "2022-01-20", id="agenda-2030"),
    # the dateline's own weekday
    pytest.param(3, 3, "", {"weekday": 2, "year_hint": 2025}, None, id="dateline-weekday-contradicts"),
    pytest.param(3, 3, "", {"weekday": 1, "year_hint": 2025}, "2025-03-03", id="dateline-weekday-fits"),
    # a run that spans years: a date far from every dated document is near none of them
    pytest.param(
        14,
        10,
        "La comisión votó este miércoles el informe.",
        {"corpus": [D("2019-02-01"), D("2025-06-01")], "today": D("2026-12-01")},
        None,
        id="far-from-a-run-of-many-years",
    ),
    # a weekday that is part of a place's name is no weekday cue
    pytest.param(
        9, 6, "Santo Domingo, 9 jun (EFE).- El Senado aprobó la ley.", {"year_hint": 2025}, "2025-06-09", id="santo-domingo"
    ),
    # the text names its own year: that year or none
    pytest.param(20, 11, "El índice subió este jueves, el más alto en lo que va de 2025.", {}, "2025-11-20", id="own-year"),
    pytest.param(20, 11, "El índice subió este jueves, el más alto en lo que va de 2024.", {}, None, id="own-year-contradicted"),
    # an anniversary: the event's year plus the count
    pytest.param(
        11,
        9,
        "Chile recordó este lunes el golpe, al cumplirse 50 años del golpe de Estado de 1973.",
        {},
        "2023-09-11",
        id="anniversary-years",
    ),
    pytest.param(
        13, 5, "La ciudad celebró este lunes el 75 aniversario de su fundación, en 1949.", {}, "2024-05-13", id="anniversary"
    ),
    # a date told in the past bounds the year from below, today from above: an old one leaves several weekdays
    pytest.param(
        4, 2, "El Gobierno aprobó este martes el plan, tras la crisis que vivió el país en 2013.", {}, None, id="old-anchor"
    ),
    pytest.param(
        4,
        2,
        "El Gobierno aprobó este martes el plan, que sustituye al que se aprobó en 2023.",
        {},
        "2025-02-04",
        id="recent-anchor-up-to-today",
    ),
]


@pytest.mark.parametrize(("day", "month", "text", "kw", "expected"), YEARS)
def test_the_year_a_careful_reader_gives(day, month, text, kw, expected):
    assert _year(day, month, text, **kw) == expected


@pytest.mark.parametrize(
    ("written", "parts"),
    [
        ("3 mar", (3, 3, None, None)),
        ("3 de marzo de 2025", (3, 3, 2025, None)),
        ("martes 3 de marzo", (3, 3, None, 2)),
        ("a 3 de marzo de 2025", (3, 3, 2025, None)),
        ("24 Oct.", (24, 10, None, None)),
        ("02/10/25", (2, 10, 2025, None)),
        ("3", (3, None, None, None)),
        ("31 feb", None),
    ],
)
def test_dateline_dates_as_written(written, parts):
    result = read_written_date(written)
    assert (None if result is None else (result.day, result.month, result.year, result.weekday)) == parts


def test_corpus_distance_is_to_the_nearest_dated_document():
    corpus = CorpusDates([D("2025-03-10"), D("2025-03-01"), D("2025-03-10")])
    assert corpus.distance(D("2025-03-03")) == 2
    assert corpus.years() == {2025}
    assert not CorpusDates()
