"""Dates as real newswire writes them (issue 19): vague references, a deictic day with its weekday, day and
month with a trailing "próximo"/"pasado", "el pasado mes de mayo", years in lists, decades, centuries,
holidays, Latin American order, and the street names that are not dates.

Each case is resolved against a fixed reference date unless it says otherwise.
"""

from __future__ import annotations

import datetime as dt

import pytest

from pipeline.values.dates import find_dates

REF = dt.date(2000, 6, 1)  # a Thursday


def found(text: str, reference: dt.date | None = REF) -> list[tuple[str, str]]:
    """Every date of ``text`` as ``(span text, value)``."""
    return [(text[m.start : m.end], m.value) for m in find_dates(text, reference)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Los dos pilotos han probado estos días sus nuevos coches.", [("estos días", "PRESENT_REF")]),
        ("Hasta el momento no hay heridos.", [("el momento", "PRESENT_REF")]),
        ("No ha reaccionado hasta la fecha.", [("la fecha", "PRESENT_REF")]),
        ("Pero, hoy por hoy, las espadas están en alto.", [("hoy por hoy", "PRESENT_REF")]),
        ("Era entonces líder estudiantil, en aquel entonces.", [("en aquel entonces", "PAST_REF")]),
        ("Recorrió unas casas recién pintadas del pueblo.", [("recién", "PAST_REF")]),
        ("No quiere volver a las deudas del pasado, que hundieron al club.", [("del pasado", "PAST_REF")]),
        ("Presentó su proyecto de futuro ante la prensa.", [("de futuro", "FUTURE_REF")]),
        ("Quizá algún día la carta llegue a su destino.", [("algún día", "FUTURE_REF")]),
        ("En lo que va de año, la bolsa subió un 4 %.", [("En lo que va de año", "2000")]),
    ],
)
def test_vague_references(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "El futuro de Ramírez no depende del marcador.",  # whose future: a noun, not a time
        "Sus cuentas del pasado ejercicio cerraron en rojo.",  # "pasado" qualifies a noun
        "Canta por la mañana y pasea por la tarde.",
    ],
)
def test_vague_nouns_that_govern_something_are_not_dates(text):
    assert found(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("La calma volvió hoy, jueves, a los mercados.", [("hoy, jueves", "2000-06-01")]),
        ("Las elecciones presidenciales de mañana, viernes, serán vigiladas.", [("mañana, viernes", "2000-06-02")]),
        ("El acto de ayer miércoles reunió a miles.", [("ayer miércoles", "2000-05-31")]),
        # the weekday outweighs a reference a day off: written on Wednesday, dated Thursday
        ("La reunión de hoy, miércoles, fue larga.", [("hoy, miércoles", "2000-05-31")]),
    ],
)
def test_deictic_day_with_its_weekday_is_one_span(text, expected):
    assert found(text) == expected


def test_deictic_weekday_without_reference_keeps_the_weekday():
    assert found("Llegó hoy, jueves, a Lima.", None) == [("hoy, jueves", "XXXX-WXX-4")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Los socios votarán en la asamblea del 9 de julio próximo, según la junta.", [("9 de julio próximo", "2000-07-09")]),
        ("El 18 de abril pasado, ambos candidatos debatieron en la radio.", [("18 de abril pasado", "2000-04-18")]),
        ("Las obras arrancan a partir del 15 de noviembre próximo, según el plan.", [("15 de noviembre próximo", "2000-11-15")]),
        (
            "La feria de artesanía abrirá del 3 al 19 de marzo próximos en Cuenca.",
            [("del 3 al 19 de marzo próximos", "2001-03-03/2001-03-19")],
        ),
        ("Ortiz, que el próximo día 14 de agosto cumplirá 41 años, ganó la etapa.", [("próximo día 14 de agosto", "2000-08-14")]),
        ("Los comicios del pasado día 3 dieron la victoria al centro.", [("del pasado día 3", "2000-05-03")]),
        ("Hasta finales del pasado mes de marzo dirigía la orquesta.", [("finales del pasado mes de marzo", "2000-03")]),
        ("Se mudó a principios del pasado mes de febrero.", [("principios del pasado mes de febrero", "2000-02")]),
        ("El horario nuevo regirá a partir del próximo mes de octubre en las escuelas.", [("próximo mes de octubre", "2000-10")]),
        ("La concesión caduca en el mes de octubre del 2003, dijo.", [("el mes de octubre del 2003", "2003-10")]),
    ],
)
def test_day_and_month_kept_whole_with_their_shift(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Ganó las ediciones de 1991, 1993, 1995, 1997 y 1999.",
            [("1991", "1991"), ("1993", "1993"), ("1995", "1995"), ("1997", "1997"), ("1999", "1999")],
        ),
        ("Fue campeón regional en los años 1983, 1989 y 1997.", [("1983", "1983"), ("1989", "1989"), ("1997", "1997")]),
        ("Las ayudas para el periodo 2001 a 2005 suben.", [("2001", "2001"), ("2005", "2005")]),
    ],
)
def test_years_in_lists(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Durante la década de los noventa bajó la natalidad.", [("década de los noventa", "199")]),
        ("Sus cuadros son de las décadas de los años 40 y 50 en Salta.", [("décadas de los años 40", "194"), ("50", "195")]),
        ("En los 80, su grupo llenaba estadios.", [("80", "198")]),
        ("Los presidentes de los años noventa.", [("años noventa", "199")]),
        ("Es un libro clave en la Argentina de este siglo.", [("este siglo", "20")]),
        ("Las guerras del siglo pasado dejaron huella.", [("siglo pasado", "19")]),
        ("La obra del siglo XIX se restauró.", [("siglo XIX", "18")]),
    ],
)
def test_decades_and_centuries(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Trabajan en la comarca desde hace más de 40 años.", [("hace más de 40 años", "1960")]),
        ("Su tío se jubiló hace un par de meses en Vigo.", [("hace un par de meses", "2000-04")]),
        ("Hace escasamente un mes viajó a Pekín.", [("Hace escasamente un mes", "2000-05")]),
        ("Lo vio hace unos días.", [("hace unos días", "PAST_REF")]),
    ],
)
def test_ago_with_an_approximate_count(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("La cumbre se hará en Asunción el 26 y 27 de junio.", [("26", "2000-06-26"), ("27 de junio", "2000-06-27")]),
        (
            "Los alcaldes se reunirán en Valdivia los días 22 y 23 de octubre del 2002.",
            [("22", "2002-10-22"), ("23 de octubre del 2002", "2002-10-23")],
        ),
        ("Fondos para los damnificados de las lluvias de mayo y junio.", [("mayo", "2000-05"), ("junio", "2000-06")]),
        ("Entre el 12 y el 13 de agosto se decidirá.", [("Entre el 12 y el 13 de agosto", "2000-08-12/2000-08-13")]),
        ("La muestra irá del 4 al 15 de octubre.", [("del 4 al 15 de octubre", "2000-10-04/2000-10-15")]),
    ],
)
def test_listed_days_are_dates_and_ranges_stay_intervals(text, expected):
    assert found(text) == expected


def test_last_quarter_of_a_written_year_is_its_fourth():
    assert found("Solo en el último trimestre de 1998 cerraron 45 fábricas.", dt.date(2000, 11, 16)) == [
        ("el último trimestre de 1998", "1998-Q4")
    ]


@pytest.mark.parametrize(
    ("text", "reference", "expected"),
    [
        # a future verb in the date's own clause places a day and month ahead
        (
            "Lo probaremos en el partido que disputaremos el 21 de junio en Lima, dijo el técnico.",
            dt.date(2000, 6, 15),
            [("21 de junio", "2000-06-21")],
        ),
        (
            "Ruiz, que no repetirá como alcalde tras los comicios del 12 de marzo, se despidió.",
            dt.date(2000, 2, 14),
            [("12 de marzo", "2000-03-12")],
        ),
        # a past participle right before the date
        ("Los recortes anunciados en enero, con los que cerrarán tres plantas.", dt.date(2006, 8, 19), [("enero", "2006-01")]),
        # no tense in its clause: the nearest month, not a verb of another clause
        (
            "La patronal exige el pacto antes de enero, algo que el Gobierno tachó de imposible.",
            dt.date(1999, 12, 2),
            [("enero", "2000-01")],
        ),
    ],
)
def test_day_and_month_placed_by_the_tense_of_their_clause(text, reference, expected):
    assert found(text, reference) == expected


@pytest.mark.parametrize(
    ("text", "reference", "country", "expected"),
    [
        (
            "La tregua, pactada hasta Navidad, podría romperse.",
            dt.date(1998, 12, 1),
            None,
            [("Navidad", "1998-12-25")],
        ),
        ("La Nochevieja de 2019 fue tranquila.", REF, None, [("Nochevieja de 2019", "2019-12-31")]),
        (
            "Celebraron el Día de la Independencia de México en Chicago.",
            REF,
            None,
            [("Día de la Independencia de México", "1999-09-16")],
        ),
        ("El desfile del Día de la Independencia reunirá a miles.", REF, "VE", [("Día de la Independencia", "2000-07-05")]),
        ("El desfile del Día de la Independencia reunió a miles.", REF, None, []),  # whose? no country, no date
        ("Los mercados celebran el Año Nuevo chino.", REF, None, []),
    ],
)
def test_fixed_holidays(text, reference, country, expected):
    assert [(text[m.start : m.end], m.value) for m in find_dates(text, reference, country)] == expected


@pytest.mark.parametrize(
    "text",
    [
        "Los corredores cruzarán la Avenida 18 de Julio, frente al Palacio Salvo.",
        "Vive en la calle 9 de Julio de Buenos Aires.",
        "Fue operado en el Hospital 12 de Octubre de Madrid.",
        "Marcharon por la Av. 9 de Julio.",
    ],
)
def test_street_and_institution_names_are_not_dates(text):
    assert found(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "En septiembre de 1999 denunció que el cupo para ese año ya se había alcanzado.",
            [("septiembre de 1999", "1999-09"), ("ese año", "1999")],
        ),
        ("La firma, fundada en 1997, que presidió hasta esa fecha, se fusiona.", [("1997", "1997"), ("esa fecha", "1997")]),
        ("Espera cerrar la venta antes del fin del año.", [("fin del año", "2000")]),
        ("Se espera una recuperación a mitad del 2003.", [("mitad del 2003", "2003")]),
        ("Lo publicó el diario La Jornada en su portada.", []),  # a newspaper, not the day
    ],
)
def test_anaphoric_years_dates_and_edges(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize(
    ("text", "reference", "expected"),
    [
        ("Publicado: julio 12, 2018", REF, [("julio 12, 2018", "2018-07-12")]),
        ("El acuerdo se firmó el 12 julio, 2018 en Quito.", REF, [("12 julio, 2018", "2018-07-12")]),
        ("Caracas, Jul 13 8:01 PM (EFE)", dt.date(2018, 7, 13), [("Jul 13", "2018-07-13")]),
        ("En julio 12 personas murieron.", dt.date(2018, 8, 1), [("julio", "2018-07")]),  # a count, not the 12th
    ],
)
def test_month_first_order(text, reference, expected):
    assert found(text, reference) == expected


@pytest.mark.parametrize(
    ("text", "reference", "expected"),
    [
        ("Fue presidente de la hoy extinta Yugoslavia.", REF, [("hoy", "PRESENT_REF")]),
        ("El presidente llegó hoy a Lima.", REF, [("hoy", "2000-06-01")]),
        # a day shortly after the day the text named last is in that day's month
        (
            "El barco zarpó después del 11 de septiembre. El día 12 la carga debía llegar.",
            dt.date(2002, 1, 3),
            [("11 de septiembre", "2001-09-11"), ("El día 12", "2001-09-12")],
        ),
        ("Los técnicos revisan a partir del viernes el plan.", REF, [("viernes", "2000-06-02")]),
    ],
)
def test_nowadays_anaphoric_days_and_leads(text, reference, expected):
    assert found(text, reference) == expected


@pytest.mark.parametrize(
    ("text", "reference", "expected"),
    [
        ("Mayo y Junio. Meses excitantes.", dt.date(2001, 5, 1), [("Mayo", "2001-05"), ("Junio", "2001-06")]),
        ("Se avecina un mes de Febrero muy intenso para el club.", dt.date(2001, 1, 3), [("un mes de Febrero", "2001-02")]),
        # further ahead, a month with no tense cue is still the past one
        ("Lleva otra batería desde que salió el modelo pequeño en febrero.", dt.date(2005, 9, 7), [("febrero", "2005-02")]),
    ],
)
def test_a_month_with_no_tense_cue(text, reference, expected):
    assert found(text, reference) == expected
