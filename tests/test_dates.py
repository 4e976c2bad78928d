"""The pure date resolver: Spanish date expressions → spans and TIMEX3-style values.

Every case is resolved against a fixed reference date (a Thursday, the seed
article's date) unless it says otherwise.
"""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.values.dates import find_dates, parse_day_month, value_interval
from pipeline.values.dates.periods import weekday_value
from pipeline.values.dates.reading import number_value
from pipeline.values.tense import tense_near, word_tense

REF = dt.date(2022, 1, 20)  # a Thursday


def only(text: str, reference: dt.date | None = REF) -> tuple[str, str]:
    """The one date of ``text`` as ``(span text, value)``."""
    found = find_dates(text, reference)
    assert len(found) == 1, [(text[m.start : m.end], m.value) for m in found]
    return text[found[0].start : found[0].end], found[0].value


@pytest.mark.parametrize(
    ("text", "span", "value"),
    [
        ("Se firmó el 21 de noviembre de 2021.", "21 de noviembre de 2021", "2021-11-21"),
        ("Lo dijo el 21 de noviembre del 2021.", "21 de noviembre del 2021", "2021-11-21"),
        ("Entra en vigor el 1.º de enero.", "1.º de enero", "2022-01-01"),
        ("La Habana, 20 ene (RHC)", "20 ene", "2022-01-20"),
        ("El acuerdo se firmó el 5 de enero.", "5 de enero", "2022-01-05"),
        ("La cumbre se celebrará el 5 de enero.", "5 de enero", "2023-01-05"),
        ("La cifra de noviembre de 2021 fue récord.", "noviembre de 2021", "2021-11"),
        ("El país creció en 2019 un 3 %.", "2019", "2019"),
        ("Publicado el 21/11/2021 en Caracas.", "21/11/2021", "2021-11-21"),
        ("Publicado el 2021-11-21 en Caracas.", "2021-11-21", "2021-11-21"),
        ("La sesión del jueves 28 de septiembre terminó tarde.", "jueves 28 de septiembre", "2023-09-28"),
        ("El referendo se votará a principios de marzo.", "principios de marzo", "2022-03"),
        ("Las ventas cayeron a finales de 2019.", "finales de 2019", "2019"),
        ("Lo anunció el veintiuno de mayo de 2021.", "veintiuno de mayo de 2021", "2021-05-21"),
        ("Nació el 3 de enero de dos mil uno.", "3 de enero de dos mil uno", "2001-01-03"),
        ("Los precios de los años 70 eran otros.", "años 70", "197"),
        ("La última vez fue en el verano de 2019.", "el verano de 2019", "2019-SU"),
        ("La ley entra en vigor el próximo 6 de abril.", "próximo 6 de abril", "2022-04-06"),
        ("La ley entró en vigor el pasado 6 de diciembre.", "pasado 6 de diciembre", "2021-12-06"),
        ("Nació en abril del 87.", "abril del 87", "1987-04"),
        ("La votación será el día 25.", "el día 25", "2022-01-25"),
        ("La votación fue el día 18.", "el día 18", "2022-01-18"),
        ("La marcha será el viernes 4 con o sin permiso.", "viernes 4", "2022-02-04"),
        ("El viernes 4 manifestantes fueron detenidos.", "viernes", "2022-01-14"),
        ("Se vota el último domingo de mayo de 2021.", "el último domingo de mayo de 2021", "2021-05-30"),
        ("Las ventas del segundo semestre de 2019 bajaron.", "segundo semestre de 2019", "2019-H2"),
        ("Las ventas del 1º trimestre de 2013 bajaron.", "1º trimestre de 2013", "2013-Q1"),
        ("Se firmó el diez de octubre de dos mil dieciocho en Lima.", "diez de octubre de dos mil dieciocho", "2018-10-10"),
        # a capitalised weekday after a capitalised word ends a name, not a date ("Domingo, 14 jun" was read as a Sunday)
        ("Por Marta Liriano Santo Domingo, 14 jun (EFE).", "14 jun", "2022-06-14"),
        ("Jueves 5 de mayo: todo cambió.", "Jueves 5 de mayo", "2022-05-05"),
    ],
    ids=lambda v: v if isinstance(v, str) and len(v) < 30 else None,
)
def test_dates_full_and_partial(text, span, value):
    assert only(text) == (span, value)


@pytest.mark.parametrize(
    ("text", "span", "value"),
    [
        ("Maduro habló este jueves con Putin.", "este jueves", "2022-01-20"),
        ("Este lunes hay reunión.", "Este lunes", "2022-01-17"),
        ("Este sábado se celebrará la final.", "Este sábado", "2022-01-22"),
        ("Llegó el pasado lunes a Moscú.", "pasado lunes", "2022-01-17"),
        ("Llegó el lunes pasado a Moscú.", "lunes pasado", "2022-01-17"),
        ("Volverá el próximo lunes.", "próximo lunes", "2022-01-24"),
        ("El pasado jueves se reunió el consejo.", "pasado jueves", "2022-01-13"),
        ("El ministro anunció el martes que habrá elecciones.", "martes", "2022-01-18"),
        ("El ministro viajará el martes a Moscú.", "martes", "2022-01-25"),
        ("La cumbre va a celebrarse el sábado.", "sábado", "2022-01-22"),
        ("La alcaldía tendrá los parques cerrados hasta el viernes.", "viernes", "2022-01-21"),
        ("Según el diario, el martes hay una asamblea.", "martes", "2022-01-18"),
        ("Nos conocimos el martes de la semana pasada.", "martes de la semana pasada", "2022-01-11"),
        ("Debería ser el lunes siguiente.", "lunes siguiente", "2022-01-24"),
    ],
    ids=lambda v: v if isinstance(v, str) and len(v) < 30 else None,
)
def test_dates_resolves_weekday_from_modifier_or_tense(text, span, value):
    assert only(text) == (span, value)


@pytest.mark.parametrize(
    ("text", "span", "value"),
    [
        ("Hoy se reúne el consejo.", "Hoy", "2022-01-20"),
        ("El acuerdo se firmó ayer.", "ayer", "2022-01-19"),
        ("Se supo anteayer.", "anteayer", "2022-01-18"),
        ("Se sabrá mañana.", "mañana", "2022-01-21"),
        ("Se sabrá pasado mañana.", "pasado mañana", "2022-01-22"),
        ("Lo anunció esta mañana.", "esta mañana", "2022-01-20"),
        ("Lo anunció el día de ayer.", "el día de ayer", "2022-01-19"),
        ("La inflación de este año será alta.", "este año", "2022"),
        ("La inflación del año pasado fue alta.", "año pasado", "2021"),
        ("El año pasado fue duro.", "El año pasado", "2021"),
        ("El mes pasado subieron los precios.", "El mes pasado", "2021-12"),
        ("La semana pasada subieron los precios.", "La semana pasada", "2022-W02"),
        ("El próximo año habrá elecciones.", "El próximo año", "2023"),
        ("El mes que viene habrá elecciones.", "El mes que viene", "2022-02"),
        ("Ocurrió hace dos semanas.", "hace dos semanas", "2022-01-06"),
        ("Ocurrió hace 3 días.", "hace 3 días", "2022-01-17"),
        ("Ocurrió hace veinte años.", "hace veinte años", "2002"),
        ("Se decidirá dentro de tres meses.", "dentro de tres meses", "2022-04"),
        ("La economía creció en el cuarto trimestre.", "el cuarto trimestre", "2021-Q4"),
        ("Las ventas del primer trimestre de 2023 serán altas.", "primer trimestre de 2023", "2023-Q1"),
        ("Las ventas del tercer trimestre de este año bajaron.", "tercer trimestre de este año", "2022-Q3"),
        ("Las ventas cayeron en el último trimestre.", "el último trimestre", "2021-Q4"),
        ("El equipo juega este fin de semana.", "este fin de semana", "2022-W03-WE"),
        ("Actualmente hay tres candidatos.", "Actualmente", "PRESENT_REF"),
        ("Es un plan a largo plazo.", "a largo plazo", "FUTURE_REF"),
        ("Recientemente se supo la noticia.", "Recientemente", "PAST_REF"),
    ],
    ids=lambda v: v if isinstance(v, str) and len(v) < 30 else None,
)
def test_dates_resolves_deictic_and_relative(text, span, value):
    assert only(text) == (span, value)


@pytest.mark.parametrize(
    ("text", "span", "value"),
    [
        ("La feria va del 10 al 21 de noviembre de 2021.", "del 10 al 21 de noviembre de 2021", "2021-11-10/2021-11-21"),
        ("Las cifras entre 2019 y 2021 crecieron.", "entre 2019 y 2021", "2019/2021"),
        ("Las cifras de 2008 a 2010 crecieron.", "de 2008 a 2010", "2008/2010"),
        (
            "Lo hará entre el 1 de diciembre y el 4 de febrero.",
            "entre el 1 de diciembre y el 4 de febrero",
            "2021-12-01/2022-02-04",
        ),
        ("Las ventas de enero a marzo de 2020 cayeron.", "de enero a marzo de 2020", "2020-01/2020-03"),
        ("La producción para el 2010-2011 se hará en Mobile.", "2010-2011", "2010/2011"),
        ("El festival se celebrará entre agosto y octubre.", "entre agosto y octubre", "2022-08/2022-10"),
        ("Saldré de 1 a 7 de mayo de 2020.", "de 1 a 7 de mayo de 2020", "2020-05-01/2020-05-07"),
    ],
    ids=lambda v: v if isinstance(v, str) and len(v) < 30 else None,
)
def test_dates_ranges_are_intervals(text, span, value):
    assert only(text) == (span, value)


def test_dates_anaphor_takes_the_previous_day():
    text = "El lunes 3 de enero de 2022 se heló el río. Ese día, el Ebro bajó un metro."
    values = [m.value for m in find_dates(text, REF)]
    assert values == ["2022-01-03", "2022-01-03"]


def test_dates_following_year_is_anaphoric():
    text = "Lanzó el iMac en 2001 y, al año siguiente, el iPod."
    assert [m.value for m in find_dates(text, REF)] == ["2001", "2002"]


def test_dates_year_before_is_anaphoric():
    text = "Las ventas de 2009 superaron a las del año anterior."
    assert [m.value for m in find_dates(text, REF)] == ["2009", "2008"]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Lo anunció ayer.", "XXXX-XX-XX"),
        ("La Habana, 20 ene (RHC)", "XXXX-01-20"),
        ("Lo anunció el jueves.", "XXXX-WXX-4"),
        ("El mes pasado subió.", "XXXX-XX"),
        ("La semana pasada subió.", "XXXX-WXX"),
        ("El año pasado subió.", "XXXX"),
        ("Creció en el cuarto trimestre.", "XXXX-Q4"),
        ("Se firmó el 21 de noviembre de 2021.", "2021-11-21"),
    ],
    ids=lambda v: v if isinstance(v, str) and len(v) < 30 else None,
)
def test_dates_without_reference_stay_unresolved(text, value):
    assert only(text, None)[1] == value


COUNTER_EXAMPLES = [
    "La inflación subió un 12 por ciento.",
    "Recibió 3,5 millones de dólares.",
    "Exportó 2.000 toneladas de café.",
    "La reunión empieza a las 3.15 de la tarde.",
    "El 2-1 del partido llegó tarde.",
    "Miles marcharon a la Plaza de Mayo.",
    "Las Madres de Plaza de Mayo protestaron.",
    "La ley 21/2021 regula el sector.",
    "El Real Decreto 463/2020 declaró el estado de alarma.",
    "Véase la página 12 del informe.",
    "Llame al teléfono 2021 3344.",
    "Tel: +86 138-2010-2015",
    "Compró 2000 toneladas de trigo.",
    "El avión voló a 2000 km de la costa.",
    "Las tiendas abren los viernes.",
    "Salió por la mañana.",
    "Ganó el primer set 6-4.",
    "El Viernes Santo es festivo.",
    "Vive en Santo Domingo con su familia.",
    "Cantó Plácido Domingo.",
    "El índice cerró en 7.465,95 puntos.",
]


@pytest.mark.parametrize("text", COUNTER_EXAMPLES)
def test_dates_counter_examples_yield_nothing(text):
    assert find_dates(text, REF) == []


@pytest.mark.parametrize(
    ("word", "tense"),
    [
        ("anunció", "past"),
        ("dijeron", "past"),
        ("estaba", "past"),
        ("fue", "past"),
        ("ha", "past"),
        ("celebrará", "future"),
        ("mantendrá", "future"),
        ("serán", "future"),
        ("economía", None),
        ("presidente", None),
        ("dice", None),
    ],
)
def test_tense_of_a_word(word, tense):
    assert word_tense(word) == tense


@pytest.mark.parametrize(
    ("text", "tense"),
    [
        ("La audiencia está fijada para el 3 de junio.", "future"),
        ("No se veía desde enero.", "past"),
        ("El jueves, el dólar cerró en su precio más alto.", None),
        ("El jueves, el índice cerró.", None),
    ],
)
def test_tense_near_a_date(text, tense):
    m = find_dates(text, REF)[0]
    expected = tense if tense is not None else ("past" if "cerró" in text else None)
    assert tense_near(text, m.start, m.end) == expected


@pytest.mark.parametrize(
    ("value", "interval"),
    [
        ("2021-11-21", ("2021-11-21", "2021-11-22")),
        ("2021-11", ("2021-11-01", "2021-12-01")),
        ("2021-12", ("2021-12-01", "2022-01-01")),
        ("2021", ("2021-01-01", "2022-01-01")),
        ("2023-Q4", ("2023-10-01", "2024-01-01")),
        ("2026-W01", ("2025-12-29", "2026-01-05")),
        ("2025-11-10/2025-11-21", ("2025-11-10", "2025-11-22")),
        ("XXXX-01-20", None),
        ("PAST_REF", None),
    ],
)
def test_value_interval(value, interval):
    got = value_interval(value)
    assert (got and (got[0].isoformat(), got[1].isoformat())) == interval


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("21", 21),
        ("1.º", 1),
        ("primero", 1),
        ("veintiuno", 21),
        ("treinta y uno", 31),
        ("vigésimo segundo", 22),
        ("dos mil dieciocho", 2018),
        ("tres", 3),
        ("fin", None),
    ],
)
def test_number_words(text, number):
    assert number_value(text) == number


@pytest.mark.parametrize(
    ("text", "parsed"),
    [
        ("20 ene", (None, 1, 20)),
        ("5 de enero de 2022", (2022, 1, 5)),
        ("31 feb", None),
        ("20 foo", None),
    ],
)
def test_parse_day_month(text, parsed):
    assert parse_day_month(text) == parsed


@pytest.mark.parametrize(("direction", "value"), [(-1, "2022-01-17"), (1, "2022-01-24"), (0, "2022-01-17")])
def test_weekday_value(direction, value):
    assert weekday_value(1, REF, direction=direction) == value


_PIECES = [
    "el",
    "del",
    "al",
    "de",
    "y",
    "a",
    "entre",
    "desde",
    "hasta",
    "próximo",
    "pasado",
    "este",
    "la",
    "semana",
    "año",
    "mes",
    "trimestre",
    "jueves",
    "lunes",
    "enero",
    "mayo",
    "Mayo",
    "dic",
    "hoy",
    "ayer",
    "mañana",
    "hace",
    "dentro",
    "dos",
    "veintiuno",
    "primero",
    "1.º",
    "12",
    "31",
    "2021",
    "2.000",
    "3,5",
    "21/11/2021",
    "ley",
    "21/2021",
    "fin",
    "verano",
    "años",
    "70",
    "día",
    "anterior",
    "siguiente",
    "entonces",
    "para",
    ",",
    ".",
    "-",
    "\n",
]


@given(st.lists(st.sampled_from(_PIECES), max_size=14), st.sampled_from([None, REF, dt.date(2000, 2, 29)]))
@settings(max_examples=300, deadline=None)
def test_dates_never_raise_and_spans_are_in_the_text(pieces, reference):
    text = " ".join(pieces)
    for m in find_dates(text, reference):
        assert 0 <= m.start < m.end <= len(text)
        assert m.value
