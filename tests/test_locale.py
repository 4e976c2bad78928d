"""Number conventions by locale: each document's decimal mark, "$" and "pesos", decided from evidence.

The sentences are written the way the press of each country writes figures
(Mexican, Argentine, Colombian, Chilean, Venezuelan, Peruvian, Bolivian,
Nicaraguan and Spanish papers and wires).
"""

from __future__ import annotations

import pandas as pd
import pytest

from pipeline.documents import RawDocument
from pipeline.values.figures import find_figures
from pipeline.values.locale import (
    NEUTRAL,
    decide_locale,
    decimal_proved,
    for_country,
    name_evidence,
    parse_locale,
    rereading_needed,
)
from pipeline.values.numbers import digit_string


def read(text: str, **hints) -> tuple[str, list[tuple[str, str, float, str | None]]]:
    """(locale tag, figures) of ``text`` as the component reads it: neutral pass, decision, second pass."""
    neutral = find_figures(text)
    locale = decide_locale(text, neutral, **hints)
    figures = find_figures(text, locale=locale) if rereading_needed(text, locale) else neutral
    return locale.tag, [(text[f.start : f.end], f.label, f.value, f.unit) for f in figures]


def figure(figures, surface):
    found = [f for f in figures if f[0] == surface]
    assert found, f"{surface!r} not among {figures}"
    return found[0]


# ---------------------------------------------------------------- the ambiguous shape


@pytest.mark.parametrize(
    ("text", "decimal", "expected"),
    [
        ("1,275", None, "1275"),  # neutral: three digits after one mark are thousands
        ("1.275", None, "1275"),
        ("1,275", ",", "1.275"),  # Spain, Argentina: the comma is the decimal mark
        ("1.275", ",", "1275"),
        ("1,275", ".", "1275"),  # Mexico, Peru: the point is the decimal mark
        ("1.275", ".", "1.275"),
        ("12,5", ".", "12.5"),  # unambiguous shapes read the same in every locale
        ("1.234,56", ".", "1234.56"),
        ("1,234.56", ",", "1234.56"),
        ("1.234.567", ",", "1234567"),
        ("4,500,000", ",", "4500000"),
    ],
)
def test_the_decimal_mark_decides_only_the_ambiguous_shape(text, decimal, expected):
    assert digit_string(text, decimal) == expected


@pytest.mark.parametrize(
    ("number", "proves"),
    [
        ("3,5", ","),
        ("43.5", "."),
        ("0,275", ","),
        ("1.234,56", ","),
        ("1,234.56", "."),
        ("1.234.567", ","),  # the point groups, so the comma is decimal
        ("2,345,000", "."),
        ("1 234,5", ","),
        ("1,275", None),
        ("12.500", None),
        ("2021", None),
    ],
)
def test_which_numbers_prove_a_decimal_mark(number, proves):
    assert decimal_proved(number) == proves


# ---------------------------------------------------------------- decided from the document


def test_mexican_note_reads_point_decimals_and_pesos():
    text = (
        "CIUDAD DE MÉXICO.- La Secretaría de Hacienda y Crédito Público informó que el gasto en el programa "
        "de becas llegó a 1.875 millones de pesos en el primer trimestre, mientras la inflación anual "
        "se ubicó en 4.6 por ciento, según el Inegi. El gobierno mexicano prevé $2,340 millones más en julio."
    )
    tag, figures = read(text)
    assert tag == "es-MX"
    assert figure(figures, "1.875 millones de pesos")[2:] == (1.875e6, "MXN")
    assert figure(figures, "4.6 por ciento")[2] == 4.6
    assert figure(figures, "$2,340 millones")[2:] == (2.34e9, "MXN")


def test_spanish_wire_reads_comma_decimals():
    text = (
        "Madrid, 14 mar (EFE).- El Consejo de Ministros aprobó este martes una partida de 2,150 millones de "
        "euros para reforzar la sanidad pública, después de que el paro bajara al 11,8 % en febrero, informó "
        "el Gobierno de España."
    )
    tag, figures = read(text)
    assert tag == "es-ES"
    assert figure(figures, "2,150 millones de euros")[2:] == (2.15e6, "EUR")
    assert figure(figures, "11,8 %")[2] == 11.8


def test_argentine_note_reads_dollar_sign_as_pesos_and_commas_as_decimals():
    text = (
        "BUENOS AIRES.- El Banco Central informó que las reservas cayeron US$ 1,345 millones en la semana, "
        "mientras el Gobierno argentino giró $ 85.000 millones a las provincias. La inflación de marzo fue "
        "de 3,7%, según el Indec."
    )
    tag, figures = read(text)
    assert tag == "es-AR"
    assert figure(figures, "US$ 1,345 millones")[2:] == (1.345e6, "USD")
    assert figure(figures, "$ 85.000 millones")[2:] == (8.5e10, "ARS")


def test_colombian_note_reads_dollar_sign_as_colombian_pesos():
    text = (
        "BOGOTÁ. El Ministerio de Hacienda de Colombia adjudicó $ 4.500 millones para vías terciarias en "
        "Antioquia; los colombianos pagarán un IVA del 19 % sobre los peajes."
    )
    tag, figures = read(text)
    assert tag == "es-CO"
    assert figure(figures, "$ 4.500 millones")[2:] == (4.5e9, "COP")


def test_chilean_note_reads_dollar_sign_as_chilean_pesos():
    text = (
        "SANTIAGO DE CHILE.- El IPC de Chile subió 0,4% en mayo y el pasaje del Metro quedó en $ 830; el "
        "Gobierno chileno destinará $ 12 mil millones al subsidio."
    )
    tag, figures = read(text)
    assert tag == "es-CL"
    assert figure(figures, "$ 830")[2:] == (830.0, "CLP")
    assert figure(figures, "$ 12 mil millones")[2:] == (1.2e10, "CLP")


def test_venezuelan_note_keeps_dollar_sign_as_us_dollars():
    text = (
        "CARACAS.- El kilo de queso se vende en 6,50 $ en los mercados de Caracas, mientras el salario "
        "mínimo sigue en Bs. 130, denunciaron los venezolanos consultados."
    )
    tag, figures = read(text)
    assert tag == "es-VE"
    assert figure(figures, "6,50 $")[2:] == (6.5, "USD")
    assert figure(figures, "Bs. 130")[2:] == (130.0, "VES")


def test_peruvian_note_reads_commas_as_thousands():
    text = (
        "LIMA.- El Ministerio de Economía del Perú transfirió S/ 1,250 millones a los gobiernos regionales; "
        "la economía peruana creció 2.8% en el trimestre."
    )
    tag, figures = read(text)
    assert tag == "es-PE"
    assert figure(figures, "S/ 1,250 millones")[2:] == (1.25e9, "PEN")


def test_bolivian_bs_is_the_boliviano_and_nicaraguan_c_dollar_the_cordoba():
    bolivia = "LA PAZ.- El Gobierno de Bolivia pagará Bs 350 millones en bonos a las familias bolivianas."
    assert figure(read(bolivia)[1], "Bs 350 millones")[3] == "BOB"
    nicaragua = "MANAGUA.- La canasta básica de Nicaragua cuesta C$ 19.500, según los nicaragüenses consultados."
    assert figure(read(nicaragua)[1], "C$ 19.500")[3] == "NIO"
    assert figure(read("El fondo canadiense invirtió C$ 19.500 en la feria.")[1], "C$ 19.500")[3] == "CAD"


def test_without_evidence_the_neutral_rule_stays():
    text = "El proyecto costará 1,275 millones y empezará el lunes."
    tag, figures = read(text)
    assert tag == "es"
    assert figure(figures, "1,275 millones")[2] == 1.275e9
    assert decide_locale(text, find_figures(text)) == NEUTRAL


def test_the_documents_own_separators_beat_the_country_it_names():
    # A Spanish wire about Mexico: the text names Mexico, but writes comma decimals;
    # its "$" are still the country's pesos.
    text = (
        "México, 3 abr (EFE).- El Banco de México recortó su previsión de crecimiento al 1,5 % y estimó "
        "que las remesas de los mexicanos sumarán 2,150 millones de dólares en abril; la gasolina cuesta $23."
    )
    tag, figures = read(text)
    assert tag == "es-MX"
    assert figure(figures, "2,150 millones de dólares")[2] == 2.15e6
    assert figure(figures, "$23")[3] == "MXN"


def test_a_country_from_metadata_beats_names_and_currencies():
    text = "Los productores recibirán 1.450 millones de pesos, anunció la secretaría."
    assert read(text)[0] == "es"
    tag, figures = read(text, country="MX")
    assert tag == "es-MX"
    assert figure(figures, "1.450 millones de pesos")[2:] == (1.45e6, "MXN")


def test_a_given_locale_beats_every_evidence():
    text = "El Gobierno de España aprobó 2,150 millones de euros; el paro bajó al 11,8 %."
    tag, figures = read(text, given="es-MX")
    assert tag == "es-MX"
    assert figure(figures, "2,150 millones de euros")[2] == 2.15e9
    assert read("Costará 1,275 millones.", given="es")[0] == "es"


def test_clock_times_and_versions_are_no_separator_evidence():
    text = "La sesión empezó a las 10.30 horas y se instaló la versión 2.5 del sistema; costará 1,275 millones."
    tag, figures = read(text)
    assert tag == "es"
    assert figure(figures, "1,275 millones")[2] == 1.275e9


def test_states_and_provinces_place_a_text():
    assert name_evidence("Los productores de Sinaloa y de Jalisco") == {"MX": 2}
    assert name_evidence("en Antioquia y Cundinamarca") == {"CO": 2}
    # shared or personal names are no cue: Córdoba (Argentina, Colombia, Spain), Bolívar, Hidalgo
    assert name_evidence("Córdoba, Bolívar e Hidalgo") == {}


def test_a_dateline_gives_the_country():
    from pipeline.values.locale import dateline_country

    assert dateline_country("Culiacán", "Sinaloa") == "MX"
    assert dateline_country("La Paz", "Bolivia") == "BO"
    assert dateline_country("Miami", None) is None
    assert dateline_country(None, None) is None


def test_cuban_papers_write_decimal_commas_and_spaced_thousands():
    text = "LA HABANA.- La generación cubana cayó a 1 550 MW y la inflación a 1,8 %, informó la ONEI de Cuba."
    tag, figures = read(text)
    assert tag == "es-CU"
    assert figure(figures, "1 550 MW")[2] == 1550.0


def test_names_need_two_mentions_and_a_clear_lead():
    assert decide_locale("Viajó a Bolivia.", []).country is None
    assert decide_locale("Viajó a Bolivia y luego a Cochabamba.", []).country == "BO"
    assert decide_locale("Bolivia y Chile firmaron; Bolivia y Chile acordaron.", []).country is None
    # a name containing a country is no cue, nor is the United States
    assert name_evidence("Nuevo México y Estados Unidos; el Real Madrid") == {}


@pytest.mark.parametrize(
    ("value", "tag"),
    [("es-MX", "es-MX"), ("es_AR", "es-AR"), ("co", "es-CO"), ("UY", "es-UY"), ("es", "es"), ("ES", "es"), ("es-pe", "es-PE")],
)
def test_locale_tags_are_parsed(value, tag):
    assert parse_locale(value).tag == tag


@pytest.mark.parametrize("value", [None, "", "auto", "AUTO"])
def test_auto_means_decide_from_the_document(value):
    assert parse_locale(value) is None


@pytest.mark.parametrize("value", ["en-US", "es-BR", "xx", "es-MX-x", "mexico"])
def test_unknown_locales_are_refused_with_the_known_ones(value):
    with pytest.raises(ValueError, match="expected auto, es, es-AR"):
        parse_locale(value)


def test_the_locale_table_follows_cldr():
    mx, es, ar, ve = (for_country(c) for c in ("MX", "ES", "AR", "VE"))
    assert (mx.decimal, mx.dollar, dict(mx.local)) == (".", "MXN", {"peso": "MXN"})
    assert (es.decimal, es.dollar, es.local) == (",", "USD", ())
    assert (ar.decimal, ar.dollar) == (",", "ARS")
    assert (ve.decimal, ve.dollar) == (",", "USD")


# ---------------------------------------------------------------- in the spaCy pipeline and the run


def test_pipeline_sets_the_locale_on_the_doc(nlp):
    doc = nlp(
        "MONTERREY.- El gobierno de Nuevo León invertirá 2.6 millones de pesos y los mexicanos pagarán $1,200 "
        "por el trámite, informó la Secretaría de Economía de México."
    )
    assert doc._.locale.tag == "es-MX"
    money = {e.text: (e._.value_num, e._.unit) for e in doc.ents if e.label_ == "MONEY"}
    assert money["$1,200"] == (1200.0, "MXN")


def test_pipeline_country_hook_and_locale_hint(nlp):
    text = "La alcaldía aprobó un gasto de 3.125 millones de pesos para el drenaje."
    doc = nlp.make_doc(text)
    doc._.country = "MX"
    doc = nlp(doc)
    assert doc._.locale.tag == "es-MX"
    assert [(e._.value_num, e._.unit) for e in doc.ents if e.label_ == "MONEY"] == [(3.125e6, "MXN")]
    doc = nlp.make_doc(text)
    doc._.locale_hint = "es-CO"
    doc = nlp(doc)
    assert [(e._.value_num, e._.unit) for e in doc.ents if e.label_ == "MONEY"] == [(3.125e9, "COP")]


def test_component_locale_setting(blank_nlp):
    blank_nlp.add_pipe("es_figures", config={"locale": "es-ES"})
    doc = blank_nlp("Costará 1,275 millones.")
    assert [e._.value_num for e in doc.ents] == [1.275e6]


def test_component_refuses_a_bad_locale_setting(blank_nlp):
    with pytest.raises(ValueError, match="unknown locale"):
        blank_nlp.add_pipe("es_figures", config={"locale": "fr-FR"})


def test_extract_text_takes_a_run_locale(nlp):
    import pipeline

    text = "La obra costará 1,275 millones, dijo el ministro."
    auto = pipeline.extract_text(text, nlp=nlp)
    spain = pipeline.extract_text(text, nlp=nlp, locale="es-ES")
    assert auto.loc[auto.text == "1,275 millones", "value_num"].tolist() == [1.275e9]
    assert spain.loc[spain.text == "1,275 millones", "value_num"].tolist() == [1.275e6]


def test_bad_run_locale_is_a_settings_error(nlp):
    import pipeline
    from pipeline.run import SettingsError

    with pytest.raises(SettingsError, match="unknown locale 'pt-BR'"):
        pipeline.extract_text("Hola.", nlp=nlp, locale="pt-BR")


def test_apply_locale_hints_reads_the_dateline(blank_nlp):
    from pipeline.nlp.figures import apply_locale_hints

    doc = blank_nlp.make_doc("texto")
    apply_locale_hints(doc, {"dateline_place": "Cúcuta", "dateline_region": "Norte de Santander"})
    assert doc._.country is None  # neither is a cue: no guess
    apply_locale_hints(doc, {"dateline_place": "Medellín", "locale_given": "es-CO"})
    assert (doc._.country, doc._.locale_hint) == ("CO", "es-CO")
    apply_locale_hints(doc, {"country": "pe", "dateline_place": "Medellín", "locale": "es-PE", "locale_given": "es-CO"})
    assert (doc._.country, doc._.locale_hint) == ("PE", "es-PE")


def test_documents_table_says_which_locale_and_why(nlp):
    from pipeline.run import process

    raws = [
        RawDocument("a", "a.txt", text="El IPC de Chile subió 0,4% y el Metro de Santiago de Chile cuesta $ 830."),
        RawDocument("b", "b.txt", text="La obra costará 1,275 millones, dijo el ministro."),
        # a row whose own locale field says where it is from (what a `locale` column gives)
        RawDocument("c", "c.csv#1", text="La obra costará 1,275 millones, dijo el ministro.", metadata={"locale": "es-AR"}),
    ]
    rows = list(process(raws, nlp, languages=None))
    docs = pd.DataFrame([r[0] for r in rows])
    assert docs.locale.tolist() == ["es-CL", "es", "es-AR"]
    assert docs.decimal_mark.tolist()[::2] == [",", ","] and docs.decimal_mark.isna().iloc[1]
    assert docs.locale_from.iloc[0].startswith("names (CL ×2); separators (, ×1)")
    assert docs.locale_from.iloc[1] == "default"
    assert docs.locale_from.iloc[2] == "given"
    assert rows[2][1][0]["value_num"] == 1.275e6
    # the run's locale is for documents without their own
    run = list(process(raws[1:], nlp, languages=None, locale="es-MX"))
    assert [r[0]["locale"] for r in run] == ["es-MX", "es-AR"]


def test_cli_locale_option(tmp_path, capsys, nlp, monkeypatch):
    from pipeline.cli import EXIT_OK, EXIT_USAGE, main

    monkeypatch.setattr("pipeline.run.default_nlp", lambda: nlp)
    source = tmp_path / "nota.txt"
    source.write_text("La obra costará 1,275 millones, dijo el ministro.", encoding="utf-8")
    assert main(["extract", str(source), "--out", str(tmp_path / "out"), "--locale", "es-ES", "--n-process", "1"]) == EXIT_OK
    docs = pd.read_csv(tmp_path / "out" / "documents.csv")
    mentions = pd.read_csv(tmp_path / "out" / "mentions.csv")
    assert docs.locale.tolist() == ["es-ES"]
    assert mentions.loc[mentions.label == "CARDINAL", "value_num"].tolist() == [1.275e6]
    assert main(["extract", str(source), "--out", str(tmp_path / "bad"), "--locale", "es-XX"]) == EXIT_USAGE
    assert capsys.readouterr().err.strip().startswith("error: unknown locale 'es-XX'")
    assert not (tmp_path / "bad").exists()
