"""Kinds of dates the wire corpus showed wrong (issue 19), each with words of its own: a date governed by an
infinitive of intent, one that completes a noun after "para"/"desde", an anaphor after a background date, the day
alone of a dateline, a year after a verb, "este 2026", an edge of the current month, a year after "de" closing a
name, and holidays of the dateline's country."""

from __future__ import annotations

import datetime as dt

import pytest

from pipeline.values.dates import find_dates
from pipeline.values.tense import FUTURE, PAST, tense_near


def found(text: str, reference: dt.date | None, country=None) -> list[tuple[str, str]]:
    return [(text[m.start : m.end], m.value) for m in find_dates(text, reference, country)]


@pytest.mark.parametrize(
    ("text", "reference", "expected"),
    [
        # a verb of intent or promise with an infinitive: what it governs is ahead, whatever the verb's tense
        ("El alcalde prometió inaugurar el puente antes de Navidad.", dt.date(2023, 11, 20), [("Navidad", "2023-12-25")]),
        (
            "La empresa anunció que prevé abrir la planta en el tercer trimestre.",
            dt.date(2025, 5, 10),
            [("el tercer trimestre", "2025-Q3")],
        ),
        (
            "La delegación viajó a Ginebra para firmar el 14 de junio el acuerdo.",
            dt.date(2024, 6, 10),
            [("14 de junio", "2024-06-14")],
        ),
        # another clause, or another infinitive, between: the verbs decide as before
        (
            "Viajó para pedir justicia por el crimen que el 2 de abril conmocionó al país.",
            dt.date(2024, 6, 10),
            [("2 de abril", "2024-04-02")],
        ),
        # a date that completes a noun after "para": ahead ("desde": behind)
        (
            "Los partidos cerraron ayer sus listas para los comicios regionales del 9 de noviembre.",
            dt.date(2025, 8, 20),
            [("ayer", "2025-08-19"), ("9 de noviembre", "2025-11-09")],
        ),
    ],
)
def test_the_tense_that_places_a_date(text, reference, expected):
    assert found(text, reference) == expected


def test_prospective_tense_directly():
    text = "El ministro dijo que espera aprobar en el segundo semestre los permisos."
    start = text.index("el segundo")
    assert tense_near(text, start, start + len("el segundo semestre")) == FUTURE
    text = "El ministro dijo que aprobó en el segundo semestre los permisos."
    start = text.index("el segundo")
    assert tense_near(text, start, start + len("el segundo semestre")) == PAST


def test_an_anaphor_after_a_background_date_counts_from_the_story_day():
    text = (
        "El Senado aprobó hoy la ley.\n\nLa norma sustituye a la aprobada el 3 de mayo de 2011.\n\n"
        "La víspera, la oposición protestó."
    )
    assert found(text, dt.date(2025, 6, 12))[-1] == ("La víspera", "2025-06-11")
    # in the same paragraph the day named is its anchor
    text = "El tratado se firmó el 3 de mayo de 2011. La víspera hubo protestas."
    assert found(text, dt.date(2025, 6, 12))[-1] == ("La víspera", "2011-05-02")


@pytest.mark.parametrize(
    ("text", "reference", "expected"),
    [
        ("BILBAO, 7 (EUROPA PRESS)\n\nEl Gobierno vasco presentó el plan.", dt.date(2025, 5, 7), [("7", "2025-05-07")]),
        ("BILBAO, 7 (EUROPA PRESS)\n\nEl Gobierno vasco presentó el plan.", None, [("7", "XXXX-XX-07")]),
        ("ROMA, 30 (ANSA) - El Gobierno italiano aprobó el plan.", dt.date(2025, 5, 1), [("30", "2025-04-30")]),
        ("La bolsa despidió 2024 con una subida del 9 %.", dt.date(2025, 1, 2), [("2024", "2024")]),
        ("La editorial vendió 2000 ejemplares.", dt.date(2025, 1, 2), []),
        ("La cifra es la más alta de este 2026.", dt.date(2026, 5, 2), [("2026", "2026")]),
        ("El pago llegará a mediados de mes.", dt.date(2025, 5, 2), [("mediados de mes", "2025-05")]),
        ("Los precios subieron desde principios de año.", dt.date(2025, 5, 2), [("principios de año", "2025")]),
    ],
)
def test_days_and_years_of_wire_copy(text, reference, expected):
    assert found(text, reference) == expected


@pytest.mark.parametrize(
    ("text", "country", "expected"),
    [
        ("Miles de personas celebraron el Día de la Bandera en el Monumento.", "AR", [("Día de la Bandera", "2000-06-20")]),
        ("Miles de personas celebraron el Día de la Bandera en el Zócalo.", "MX", [("Día de la Bandera", "2000-02-24")]),
        ("El desfile del Día de la Victoria reunió a veteranos.", "RU", [("Día de la Victoria", "2000-05-09")]),
        ("Los peregrinos llegaron el día de la Virgen de Guadalupe.", "MX", [("día de la Virgen de Guadalupe", "1999-12-12")]),
        # a country's holiday the dateline's country does not keep: the next country given
        ("El acto del Día de la Independencia reunió a miles.", ("ES", "CO"), [("Día de la Independencia", "1999-07-20")]),
    ],
)
def test_holidays_of_a_country(text, country, expected):
    assert found(text, dt.date(2000, 6, 25), country) == expected


def test_a_year_after_de_closing_a_name_is_a_date_and_the_name_stays(nlp):
    import pipeline

    df = pipeline.extract_text(
        "El equipo recordó la final del Mundial de 2014 en Río de Janeiro.", reference_date="2025-01-01", nlp=nlp
    )
    rows = list(zip(df.text, df.label, strict=True))
    assert ("2014", "DATE") in rows
    assert not any(label != "DATE" and "2014" in text for text, label in rows)
