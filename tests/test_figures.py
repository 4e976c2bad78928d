"""Figures: PERCENT, MONEY, QUANTITY and CARDINAL with value, value_num and unit."""

from __future__ import annotations

import pytest

from pipeline.values.figures import FigureFinder, find_figures
from pipeline.values.quantities import singular

FIGURES = [
    # (text, figure text, label, value, unit)
    ("el incremento del 12 por ciento en el intercambio", "12 por ciento", "PERCENT", 12.0, "%"),
    ("subió un 12 %", "12 %", "PERCENT", 12.0, "%"),
    ("subió un 12%", "12%", "PERCENT", 12.0, "%"),
    ("creció doce por ciento", "doce por ciento", "PERCENT", 12.0, "%"),
    ("el 45,3 por ciento de los votos", "45,3 por ciento", "PERCENT", 45.3, "%"),
    ("apoyo al cien por cien", "cien por cien", "PERCENT", 100.0, "%"),
    ("bajó -1,5 %", "-1,5 %", "PERCENT", -1.5, "%"),
    ("un descenso de 3/4%", "3/4%", "PERCENT", 0.75, "%"),
    ("subió 2 puntos porcentuales", "2 puntos porcentuales", "QUANTITY", 2.0, "pp"),
    ("un contrato de 40.000 millones de dólares", "40.000 millones de dólares", "MONEY", 4e10, "USD"),
    ("un préstamo de US$ 150 millones", "US$ 150 millones", "MONEY", 1.5e8, "USD"),
    ("costó $ 94000", "$ 94000", "MONEY", 94000.0, "USD"),
    ("prestó € 2 millones", "€ 2 millones", "MONEY", 2e6, "EUR"),
    ("valía £ 8,10 millones", "£ 8,10 millones", "MONEY", 8.1e6, "GBP"),
    ("unos C$ 16,4 millones", "C$ 16,4 millones", "MONEY", 16.4e6, "CAD"),
    ("por MXN$ 20", "MXN$ 20", "MONEY", 20.0, "MXN"),
    ("pagaron 75 USD", "75 USD", "MONEY", 75.0, "USD"),
    ("pagaron 30 EUR", "30 EUR", "MONEY", 30.0, "EUR"),
    ("perdieron 75 USD millones", "75 USD millones", "MONEY", 75e6, "USD"),
    ("3,5 millones de euros", "3,5 millones de euros", "MONEY", 3.5e6, "EUR"),
    ("300 pesos mexicanos", "300 pesos mexicanos", "MONEY", 300.0, "MXN"),
    ("1.000 pesos argentinos", "1.000 pesos argentinos", "MONEY", 1000.0, "ARS"),
    ("5.000 pesos colombianos", "5.000 pesos colombianos", "MONEY", 5000.0, "COP"),
    ("800 pesos chilenos", "800 pesos chilenos", "MONEY", 800.0, "CLP"),
    ("20 bolívares", "20 bolívares", "MONEY", 20.0, "VES"),
    ("5 millones de rublos", "5 millones de rublos", "MONEY", 5e6, "RUB"),
    ("100 millones de yuanes", "100 millones de yuanes", "MONEY", 1e8, "CNY"),
    ("30 reales", "30 reales", "MONEY", 30.0, "BRL"),
    ("361 millones de libras", "361 millones de libras", "MONEY", 3.61e8, "GBP"),
    ("doce millones de euros", "doce millones de euros", "MONEY", 12e6, "EUR"),
    ("el barril bajó 50 centavos", "50 centavos", "MONEY", 0.5, "USD"),
    ("cuesta 3 euros con 99 céntimos", "3 euros con 99 céntimos", "MONEY", 3.99, "EUR"),
    ("cuesta trece euros y cuarenta y cinco céntimos", "trece euros y cuarenta y cinco céntimos", "MONEY", 13.45, "EUR"),
    ("valía 528 millones de francos", "528 millones de francos", "MONEY", 5.28e8, None),
    ("recorrió 350 kilómetros", "350 kilómetros", "QUANTITY", 350.0, "km"),
    ("exportó 2.000 toneladas", "2.000 toneladas", "QUANTITY", 2000.0, "t"),
    ("giró 45 grados", "45 grados", "QUANTITY", 45.0, "°"),
    ("un frasco de 75 ml", "75 ml", "QUANTITY", 75.0, "mL"),
    ("un frasco de 75ml", "75ml", "QUANTITY", 75.0, "mL"),
    ("a 17 km de Ambur", "17 km", "QUANTITY", 17.0, "km"),
    ("un área de 190 km2", "190 km2", "QUANTITY", 190.0, "km²"),
    ("produce 500.000 barriles diarios", "500.000 barriles", "QUANTITY", 5e5, "bbl"),
    ("de 1,5 millones de galones", "1,5 millones de galones", "QUANTITY", 1.5e6, "gal"),
    ("un tramo de 1/4 de milla", "1/4 de milla", "QUANTITY", 0.25, "mi"),
    ("llegaron 1,2 millones de venezolanos", "1,2 millones de venezolanos", "QUANTITY", 1.2e6, "venezolano"),
    ("desplegó 2.500 soldados", "2.500 soldados", "QUANTITY", 2500.0, "soldado"),
    ("desplegó 2.500 nuevos soldados", "2.500 nuevos soldados", "QUANTITY", 2500.0, "soldado"),
    ("murieron veintiún personas", "veintiún personas", "QUANTITY", 21.0, "persona"),
    ("compró 100 camiones", "100 camiones", "QUANTITY", 100.0, "camión"),
    ("medio millón de desplazados", "medio millón de desplazados", "QUANTITY", 5e5, "desplazado"),
    ("más de dos docenas de bancos", "dos docenas de bancos", "QUANTITY", 24.0, "banco"),
    ("se mantendrán otros 25.000.", "25.000", "CARDINAL", 25000.0, None),
    ("uno de los tres se fue", "tres", "CARDINAL", 3.0, None),
    ("un tercio de los votos", "un tercio", "CARDINAL", 1 / 3, None),
    ("el índice cerró en 8.579,19.", "8.579,19", "CARDINAL", 8579.19, None),
    # composite amounts as Mexican and Central American papers write them
    ("un apoyo de 18 mil 750 pesos por familia", "18 mil 750 pesos", "MONEY", 18750.0, None),
    ("un gasto de 4 mil 300 millones de pesos mexicanos", "4 mil 300 millones de pesos mexicanos", "MONEY", 4.3e9, "MXN"),
    ("la obra costará mil 480 millones de dólares", "mil 480 millones de dólares", "MONEY", 1.48e9, "USD"),
    ("se registraron 2 millones 350 mil votos", "2 millones 350 mil votos", "QUANTITY", 2.35e6, "voto"),
    ("atendió a 1 millón 200 mil 15 pacientes", "1 millón 200 mil 15 pacientes", "QUANTITY", 1200015.0, "paciente"),
    ("llegaron 12 mil 400 migrantes", "12 mil 400 migrantes", "QUANTITY", 12400.0, "migrante"),
    # a code or a currency word after the amount says which "$" it is
    ("cobran $12,500 MXN por persona", "$12,500 MXN", "MONEY", 12500.0, "MXN"),
    ("un ingreso de $ 250.000 ARS mensuales", "$ 250.000 ARS", "MONEY", 250000.0, "ARS"),
    ("el pasaje vale $3.500 COP", "$3.500 COP", "MONEY", 3500.0, "COP"),
    ("un bono de $ 15 mil CLP", "$ 15 mil CLP", "MONEY", 15000.0, "CLP"),
    ("pagó $40 dólares de multa", "$40 dólares", "MONEY", 40.0, "USD"),
    ("la renta es de $8 mil 500 pesos", "$8 mil 500 pesos", "MONEY", 8500.0, None),
    ("una cuota de 1.200 PEN", "1.200 PEN", "MONEY", 1200.0, "PEN"),
    ("el salario de 3.500 BOB", "3.500 BOB", "MONEY", 3500.0, "BOB"),
    ("un bono de 500 UYU", "500 UYU", "MONEY", 500.0, "UYU"),
    ("recibió 20.000 DOP", "20.000 DOP", "MONEY", 20000.0, "DOP"),
    ("costó 150 GTQ", "150 GTQ", "MONEY", 150.0, "GTQ"),
    ("pagó 900 HNL", "900 HNL", "MONEY", 900.0, "HNL"),
    ("cuesta ₲ 75.000", "₲ 75.000", "MONEY", 75000.0, "PYG"),
    ("cuesta B/. 12", "B/. 12", "MONEY", 12.0, "PAB"),
    # "X de cada Y" is one proportion
    ("Siete de cada diez argentinos votaron", "Siete de cada diez", "PERCENT", 70.0, "%"),
    ("uno de cada cinco hogares", "uno de cada cinco", "PERCENT", 20.0, "%"),
    ("4 de cada 10 jóvenes chilenos", "4 de cada 10", "PERCENT", 40.0, "%"),
    ("dos de cada tres encuestados", "dos de cada tres", "PERCENT", 200 / 3, "%"),
    ("una de cada mil mujeres", "una de cada mil", "PERCENT", 0.1, "%"),
    # rates: percentage points and basis points
    ("el Banco de México subió la tasa 75 puntos base", "75 puntos base", "QUANTITY", 75.0, "bp"),
    ("el BCE recortó 25 puntos básicos", "25 puntos básicos", "QUANTITY", 25.0, "bp"),
    ("la prima de riesgo, en 110 pb", "110 pb", "QUANTITY", 110.0, "bp"),
    ("la central aporta 1 550 megawatts", "1 550 megawatts", "QUANTITY", 1550.0, "MW"),
    ("el puerto movió 2 millones 310 mil TEU", "2 millones 310 mil TEU", "QUANTITY", 2.31e6, "TEU"),
    ("una recaudación de 54 mil 120.7 millones de pesos", "54 mil 120.7 millones de pesos", "MONEY", 54120.7e6, None),
    # symbols glued to the number
    ("el dólar cerró en S/3.71", "S/3.71", "MONEY", 3.71, "PEN"),
    ("una inversión de B/.45 millones", "B/.45 millones", "MONEY", 45e6, "PAB"),
    ("el pasaje subió a Bs.60", "Bs.60", "MONEY", 60.0, "VES"),
    # the bare first number of a percentage range
    ("prevé crecer entre 2.1 y 2.9% este año", "2.1", "PERCENT", 2.1, "%"),
    ("el IVA pasará de 16 a 18 %", "16", "PERCENT", 16.0, "%"),
]


@pytest.mark.parametrize(("text", "span", "label", "value", "unit"), FIGURES, ids=[f[1] for f in FIGURES])
def test_find_figures_labels_and_values(text, span, label, value, unit):
    figures = [f for f in find_figures(text) if text[f.start : f.end] == span]
    assert len(figures) == 1, [(text[f.start : f.end], f.label) for f in find_figures(text)]
    figure = figures[0]
    assert (figure.label, figure.unit) == (label, unit)
    assert figure.value == pytest.approx(value, rel=1e-9)


NOT_FIGURES = [
    "El Airbus A320 aterrizó.",
    "La cumbre del G20 terminó.",
    "La pandemia de la COVID-19 sigue.",
    "Según la ley 21/2021, no.",
    "Según el artículo 5 de la Constitución.",
    "Ocurrió en 1990 y en 2021.",
    "Llegó a las 10:30 horas.",
    "Llegó a las 10 de la mañana.",
    "Nació el 20 de enero.",
    "El jueves 20 hubo sesión.",
    "Vive en el 4to piso.",
    "Ganó el 1º puesto.",
    "Llame al +58 212 555 1234.",
    "Llame al 555-1234.",
    "Ganó la Fórmula 1 y el S&P 500 subió.",
    "Boeing presentó el 7e7.",
    "Vean https://www.radiohc.cu/noticias/283549-presidente-de-venezuela.",
    "Es una vaca y un perro.",
    "Hace unos días llegaron miles de personas y cientos de coches.",
    "Millones de personas lo vieron.",
    "Es un medio de comunicación y un quinto mandato.",
    "La red 5G y el formato 3D.",
    "Salió de la terminal 3 con el iLife '11.",
    "Llegó al kilómetro 35 de la autopista.",
]


@pytest.mark.parametrize("text", NOT_FIGURES)
def test_find_figures_ignores_what_is_not_a_figure(text):
    assert [(text[f.start : f.end], f.label) for f in find_figures(text)] == []


@pytest.mark.parametrize(
    "text",
    [
        "Llegaron 10 mil\n300 casos más.",  # the next line is not the same number
        "Fueron 5 mil, 300 de ellos niños.",
        "Cobró 3 millones 2 veces.",  # a bare group joins only after "mil"
    ],
)
def test_digit_groups_do_not_compose_across_breaks(text):
    assert len(find_figures(text)) == 2, [(text[f.start : f.end], f.label) for f in find_figures(text)]


def test_local_symbols_only_in_their_country():
    from pipeline.values.locale import for_country

    text = "El galón de diésel subió a Q31.50 y el bono es de L 2,500."
    assert find_figures(text) == []
    guatemala = [(text[f.start : f.end], f.unit) for f in find_figures(text, locale=for_country("GT"))]
    honduras = [(text[f.start : f.end], f.unit) for f in find_figures(text, locale=for_country("HN"))]
    assert guatemala == [("Q31.50", "GTQ")]
    assert honduras == [("L 2,500", "HNL")]
    assert find_figures("La cumbre COP28 y el resultado del Q3.", locale=for_country("MX")) == []


def test_a_number_before_a_range_needs_the_range_words():
    text = "Obtuvo 57 y 40% de apoyo."
    assert [(text[f.start : f.end], f.label) for f in find_figures(text)] == [("57", "CARDINAL"), ("40%", "PERCENT")]


def test_a_proportion_is_one_figure_not_two():
    text = "Ocho de cada diez peruanos consultados desaprueba al Congreso."
    assert [(text[f.start : f.end], f.label, f.value) for f in find_figures(text)] == [("Ocho de cada diez", "PERCENT", 80.0)]


def test_pesos_are_the_documents_peso():
    from pipeline.values.locale import for_country

    text = "La despensa subió a 2 mil 300 pesos y el litro de leche a $28.50."
    neutral = [(text[f.start : f.end], f.unit) for f in find_figures(text)]
    mexico = [(text[f.start : f.end], f.unit) for f in find_figures(text, locale=for_country("MX"))]
    argentina = [(text[f.start : f.end], f.unit) for f in find_figures(text, locale=for_country("AR"))]
    assert neutral == [("2 mil 300 pesos", None), ("$28.50", "USD")]
    assert mexico == [("2 mil 300 pesos", "MXN"), ("$28.50", "MXN")]
    assert argentina == [("2 mil 300 pesos", "ARS"), ("$28.50", "ARS")]
    assert [f.unit for f in find_figures(text, locale=for_country("PE"))] == [None, "USD"]


def test_bare_dollar_follows_the_setting():
    text = "El pasaje cuesta $ 500 y 20 dólares."
    usd = [(text[f.start : f.end], f.unit) for f in FigureFinder().find(text)]
    mxn = [(text[f.start : f.end], f.unit) for f in FigureFinder(dollar="MXN").find(text)]
    assert usd == [("$ 500", "USD"), ("20 dólares", "USD")]
    assert mxn == [("$ 500", "MXN"), ("20 dólares", "USD")]


@pytest.mark.parametrize("dollar", ["usd", "dollar", "", "US$"])
def test_dollar_setting_must_be_an_iso_code(dollar):
    with pytest.raises(ValueError, match="ISO 4217"):
        FigureFinder(dollar=dollar)


SINGULARS = [
    ("soldados", "soldado"),
    ("venezolanos", "venezolano"),
    ("personas", "persona"),
    ("barriles", "barril"),
    ("mujeres", "mujer"),
    ("ciudades", "ciudad"),
    ("camiones", "camión"),
    ("alemanes", "alemán"),
    ("franceses", "francés"),
    ("jardines", "jardín"),
    ("veces", "vez"),
    ("países", "país"),
    ("meses", "mes"),
    ("jóvenes", "joven"),
    ("árboles", "árbol"),
    ("hombres", "hombre"),
    ("calles", "calle"),
    ("leyes", "ley"),
    ("viajes", "viaje"),
    ("clientes", "cliente"),
    ("análisis", "análisis"),
    ("intereses", "interés"),
    ("autobuses", "autobús"),
    ("bases", "base"),
    ("índices", "índice"),
    ("lápices", "lápiz"),
    ("podcasts", "podcast"),
]


@pytest.mark.parametrize(("plural", "expected"), SINGULARS, ids=[p for p, _ in SINGULARS])
def test_singular_follows_spanish_plural_rules(plural, expected):
    assert singular(plural) == expected


# -------------------------------------------------------------- the component


def _figures(doc):
    return [
        (e.text, e.label_, e._.value, e._.value_num, e._.unit)
        for e in doc.ents
        if e.label_ in ("PERCENT", "MONEY", "QUANTITY", "CARDINAL")
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Caracas, 20 ene (RHC) El comercio creció un 12 por ciento.", [("12 por ciento", "PERCENT", "12", 12.0, "%")]),
        (
            "Rusia invirtió 40.000 millones de dólares en Venezuela.",
            [("40.000 millones de dólares", "MONEY", "40000000000", 4e10, "USD")],
        ),
        (
            "Colombia acogió a 1,2 millones de venezolanos.",
            [("1,2 millones de venezolanos", "QUANTITY", "1200000", 1.2e6, "venezolano")],
        ),
    ],
    ids=["percent", "money", "counted-demonym"],
)
def test_pipeline_labels_figures_with_values(nlp, text, expected):
    assert _figures(nlp(text)) == expected


def test_pipeline_figure_never_overwrites_a_date(nlp):
    doc = nlp("Las elecciones del 21 de noviembre de 2021 reunieron a 500 observadores.")
    dates = [e.text for e in doc.ents if e.label_ == "DATE"]
    assert "21 de noviembre de 2021" in dates
    assert _figures(doc) == [("500 observadores", "QUANTITY", "500", 500.0, "observador")]


@pytest.mark.parametrize(
    "text",
    [
        "El Airbus A320 y el G20 se reunieron.",
        "Se aprobó la ley 21/2021 contra la COVID-19.",
        "La reunión fue a las 10:30 en 2021.",
    ],
)
def test_pipeline_numbers_in_names_codes_and_times_are_not_figures(nlp, text):
    assert _figures(nlp(text)) == []


def test_pipeline_dollar_is_configurable(blank_nlp):
    blank_nlp.add_pipe("es_figures", config={"dollar": "MXN"})
    doc = blank_nlp("El kilo de tortilla cuesta $ 25.")
    assert _figures(doc) == [("$ 25", "MONEY", "25", 25.0, "MXN")]


def test_pipeline_bare_dollar_is_usd_by_default(blank_nlp):
    blank_nlp.add_pipe("es_figures")
    assert _figures(blank_nlp("Cuesta $ 25."))[0][4] == "USD"


def test_seed_has_one_figure_the_percent(seed_tables):
    m = seed_tables.mentions
    figures = m[m.label.isin(["PERCENT", "MONEY", "QUANTITY", "CARDINAL"])]
    assert list(zip(figures.text, figures.label, figures.value_num, strict=True)) == [("12 por ciento", "PERCENT", 12.0)]
