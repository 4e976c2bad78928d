"""The document date: the order of sources, and the year of a year-less dateline."""

from __future__ import annotations

import datetime as dt

import pytest

from pipeline.ingest.metadata import choose_reference_date
from pipeline.values.dates import infer_year

SEED_LIKE = "Maduro recibió este jueves al canciller. Ambos firmaron el 21 de noviembre de 2021 un acuerdo."


@pytest.mark.parametrize(
    ("metadata", "text", "source", "given", "expected"),
    [
        ({}, SEED_LIKE, "a.txt", dt.date(2022, 2, 1), (dt.date(2022, 2, 1), "given")),
        ({"date": "2021-05-04", "dateline_date": "20 ene"}, SEED_LIKE, "a.txt", None, (dt.date(2021, 5, 4), "metadata")),
        ({"dateline_date": "20 ene 2022"}, "", "a.txt", None, (dt.date(2022, 1, 20), "dateline")),
        ({"dateline_date": "20 ene"}, SEED_LIKE, "a.txt", None, (dt.date(2022, 1, 20), "inferred")),
        ({"dateline_date": "20 ene"}, SEED_LIKE, "noticias/2023-01-20-maduro.txt", None, (dt.date(2023, 1, 20), "filename")),
        ({"dateline_date": "20 ene"}, "Maduro recibió este jueves al canciller.", "a.txt", None, (None, "none")),
        ({}, "Sin fecha.", "corpus/20220120_nota.txt", None, (dt.date(2022, 1, 20), "filename")),
        ({}, "Sin fecha.", "a.txt", None, (None, "none")),
    ],
    ids=[
        "given",
        "metadata",
        "dateline-with-year",
        "inferred",
        "filename-matches-dateline",
        "no-evidence",
        "filename",
        "nothing",
    ],
)
def test_document_date_sources_in_order(metadata, text, source, given, expected):
    assert choose_reference_date(metadata, text, source, given) == expected


@pytest.mark.parametrize(
    ("month", "day", "text", "expected"),
    [
        (1, 20, SEED_LIKE, dt.date(2022, 1, 20)),
        # 20 Jan is a Friday in 2023 (not 2022): the named weekday decides.
        (1, 20, "Se reunieron este viernes. El pacto se firmó el 2 de enero de 2022.", dt.date(2023, 1, 20)),
        # An announced (future) date is no lower bound; the past one is.
        (1, 20, "La ley se aprobó el 3 de marzo de 2021 y se votará el 5 de junio de 2022.", dt.date(2022, 1, 20)),
        (1, 20, "Se votará el 5 de junio de 2022.", None),
        (1, 20, "Maduro recibió este jueves al canciller.", None),
    ],
    ids=["seed", "weekday-picks-year", "future-date-ignored", "only-future-date", "no-anchor"],
)
def test_dateline_year_is_inferred_from_the_text(month, day, text, expected):
    assert infer_year(month, day, text) == expected
