"""es_measures: what each figure measures, its head lemma, its direction and its owner.

The sentences here are written for these tests (none is from the measures
test set in tests/data/measures), one per kind of rule. Each runs through the
whole pipeline and, where the rule does not depend on the parse, through the
shallow parse alone too (``parse="never"``).
"""

from __future__ import annotations

import pytest

from pipeline.nlp.measures import FIGURE_LABELS, MeasureTagger
from pipeline.nlp.shallow import is_infinitive, is_verb_form

# (sentence, figure, measure, measure_head, direction, owner)
CASES = [
    # the subject of a verb of change
    ("El PIB de Chile creció un 2,4 % en el segundo trimestre.", "2,4 %", "PIB", "PIB", "up", "Chile"),
    ("Las importaciones peruanas cayeron un 6 % en marzo.", "6 %", "importaciones", "importación", "down", "peruanas"),
    ("La tasa de paro en Navarra se mantuvo en el 9 %.", "9 %", "tasa de paro", "tasa", "level", "Navarra"),
    (
        "El consumo de electricidad se disparó un 15 % durante la ola de calor.",
        "15 %",
        "consumo de electricidad",
        "consumo",
        "up",
        None,
    ),
    # a noun of change and what it applies to
    ("El Ejecutivo anunció una rebaja del 7 % en las tarifas eléctricas.", "7 %", "tarifas eléctricas", "tarifa", "down", None),
    ("La patronal pide un aumento del 3 % de las pensiones.", "3 %", "pensiones", "pensión", "up", None),
    # a verb of value: the subject, no direction
    ("La deuda externa representa el 40 % del PIB.", "40 %", "deuda externa", "deuda", None, None),
    ("El déficit público se situó en el 3,6 % en 2023.", "3,6 %", "déficit público", "déficit", None, None),
    # the end level of a change of the same measure
    ("El precio del pan subió un 5 % y se situó en 1,20 euros.", "1,20 euros", "precio del pan", "precio", "up", None),
    # the counted noun
    ("Los bomberos rescataron a 45 personas atrapadas.", "45 personas", "personas atrapadas", "persona", None, None),
    ("Unos 3,4 millones de turistas visitaron Perú en 2023.", "3,4 millones de turistas", "turistas", "turista", None, None),
    # a share of a group
    ("El 35 % de los jóvenes no encuentra empleo.", "35 %", "jóvenes", "joven", None, None),
    # a transparent noun stands for its complement
    ("El número de parados bajó en 20.000 personas.", "20.000 personas", "parados", "parado", "down", None),
    # a unit of measure: the "de" complement
    ("Argentina cosechó 50 millones de toneladas de trigo.", "50 millones de toneladas", "trigo", "trigo", None, "Argentina"),
    # the noun a figure complements
    (
        "La empresa pagó una indemnización de 2 millones de euros.",
        "2 millones de euros",
        "indemnización",
        "indemnización",
        None,
        None,
    ),
    # what money is for
    (
        "El ayuntamiento invertirá 3 millones de euros en la reforma del mercado.",
        "3 millones de euros",
        "reforma del mercado",
        "reforma",
        None,
        None,
    ),
    # an index name is the measure, not an owner
    ("El Merval subió un 4 % en la última sesión.", "4 %", "Merval", "Merval", "up", None),
    # a named subject is the owner, not the measure
    ("Colombia redujo su déficit fiscal en un 1,5 %.", "1,5 %", "déficit fiscal", "déficit", "down", "Colombia"),
    # a comparison with an earlier time
    ("Las ventas sumaron 900 millones de dólares, un 8 % más que el año anterior.", "8 %", "ventas", "venta", "up", None),
    # a comparison with a place is no change
    ("El alquiler en Lima es un 30 % más caro que en Arequipa.", "30 %", "alquiler", "alquiler", None, "Lima"),
    # from one value to another
    ("El billete de metro pasó de 2 a 2,5 euros.", "2,5 euros", "billete de metro", "billete", "up", None),
    # X de cada Y
    ("Siete de cada diez peruanos usan el teléfono móvil.", "Siete de cada diez", "peruanos", "peruano", None, None),
    ("Los datos muestran que 7 de cada 10 lo hacen por necesidad.", "7 de cada 10", None, None, None, None),
    # a span of time that only says when
    ("La producción cayó un 9 % en tres años.", "tres años", None, None, None, None),
    # no measure named
    ("Más de 200 se concentraron frente al ministerio.", "200", None, None, None, None),
]


@pytest.fixture(scope="module")
def shallow_nlp():
    import pipeline

    nlp = pipeline.load()
    nlp.get_pipe("es_measures").parse = "never"
    return nlp


def _figure(doc, text):
    found = [e for e in doc.ents if e.label_ in FIGURE_LABELS and e.text == text]
    assert found, f"{text!r} not found as a figure in {[(e.text, e.label_) for e in doc.ents]}"
    return found[0]


def _check(doc, figure, measure, head, direction, owner):
    ent = _figure(doc, figure)
    got_owner = doc.text[ent._.owner[0] : ent._.owner[1]] if ent._.owner else None
    assert (ent._.measure, ent._.measure_head, ent._.direction, got_owner) == (measure, head, direction, owner)


@pytest.mark.parametrize(("sentence", "figure", "measure", "head", "direction", "owner"), CASES)
def test_measure(nlp, sentence, figure, measure, head, direction, owner):
    _check(nlp(sentence), figure, measure, head, direction, owner)


@pytest.mark.parametrize(("sentence", "figure", "measure", "head", "direction", "owner"), CASES)
def test_measure_by_the_shallow_parse_alone(shallow_nlp, sentence, figure, measure, head, direction, owner):
    _check(shallow_nlp(sentence), figure, measure, head, direction, owner)


def test_every_figure_of_a_sentence_gets_its_own(nlp):
    doc = nlp("El PSOE perdió 4 escaños, mientras que Sumar ganó tres.")
    lost, won = _figure(doc, "4 escaños"), _figure(doc, "tres")
    assert (lost._.measure_head, lost._.direction) == ("escaño", "down")
    assert (won._.measure_head, won._.direction) == ("escaño", "up")


def test_a_score_names_no_measure(nlp):
    doc = nlp("El Atlético ganó por 3 a 1 al Sevilla.")
    for text in ("3", "1"):
        ent = _figure(doc, text)
        assert (ent._.measure, ent._.direction) == (None, None)


def test_the_denominator_of_a_rate_counts_its_own_noun(nlp):
    doc = nlp("La tasa de mortalidad bajó a 3 por cada 1.000 habitantes.")
    rate, base = _figure(doc, "3"), _figure(doc, "1.000 habitantes")
    assert (rate._.measure_head, rate._.direction) == ("tasa", "down")
    assert (base._.measure_head, base._.direction) == ("habitante", None)


def test_names_and_dates_are_left_alone(nlp):
    doc = nlp("Nicolás Maduro viajó a Moscú el 20 de enero.")
    for ent in doc.ents:
        assert (ent._.measure, ent._.measure_head, ent._.direction, ent._.owner) == (None, None, None, None)


def test_the_component_changes_no_entity(nlp):
    """es_measures only adds extensions: the entities are those of the pipeline without it."""
    text = (
        "Las exportaciones de cobre de Chile subieron un 12 % en 2023, hasta 45.000 millones de dólares, "
        "según el Banco Central. El 30 % de los hogares ahorra."
    )
    with nlp.select_pipes(disable=["es_measures"]):
        without = [(e.start_char, e.end_char, e.label_, e.kb_id_) for e in nlp(text).ents]
    assert [(e.start_char, e.end_char, e.label_, e.kb_id_) for e in nlp(text).ents] == without


@pytest.mark.parametrize("mode", ["never", "needed", "always"])
def test_every_parse_mode_reads_a_plain_sentence_alike(mode):
    import pipeline

    nlp = pipeline.load()
    nlp.get_pipe("es_measures").parse = mode
    ent = _figure(nlp("La inflación de México bajó al 4,2 % en enero."), "4,2 %")
    assert (ent._.measure, ent._.measure_head, ent._.direction) == ("inflación", "inflación", "down")


def test_a_parsed_doc_is_read_as_it_is():
    """With pipeline.load(full=True) the model's parser has run: its parse is used, none is redone."""
    import pipeline

    nlp = pipeline.load(full=True)
    ent = _figure(nlp("Las ventas de autos cayeron un 11 % en abril."), "11 %")
    assert (ent._.measure_head, ent._.direction) == ("venta", "down")
    assert nlp.get_pipe("es_measures").counts["parsed already"] == 1


def test_unknown_parse_mode_is_refused(blank_nlp):
    with pytest.raises(ValueError, match="parse must be one of"):
        MeasureTagger(blank_nlp, parse="sometimes")


def test_a_doc_without_sentences_or_parser_still_gets_measures(blank_nlp):
    """A blank pipeline: no senter, no parser; the shallow parse alone over the whole text."""
    from spacy.tokens import Span

    blank_nlp.add_pipe("es_measures")
    doc = blank_nlp.make_doc("El PIB creció un 3 %.")
    fig = doc.char_span(doc.text.index("3 %"), doc.text.index("3 %") + 3, label="PERCENT")
    fig._.value_num, fig._.unit = 3.0, "%"
    doc.ents = [fig]
    doc = blank_nlp.get_pipe("es_measures")(doc)
    ent = doc.ents[0]
    assert isinstance(ent, Span)
    assert (ent._.measure, ent._.direction) == ("PIB", "up")


def test_mention_rows_carry_the_measure_columns(nlp):
    import pipeline

    tables = pipeline.extract(["Las exportaciones de Chile crecieron un 5 %."], nlp=nlp)
    m = tables.mentions
    row = m[m.label == "PERCENT"].iloc[0]
    assert (row.measure, row.measure_head, row.direction) == ("exportaciones", "exportación", "up")
    owner = m[m.mention_id == row.owner_mention_id].iloc[0]
    assert (owner.text, owner.label) == ("Chile", "COUNTRY")
    assert m[m.label == "COUNTRY"].owner_mention_id.isna().all()
    assert row.owner_entity_id == owner.entity_id and isinstance(owner.entity_id, str)
    assert m[m.label == "COUNTRY"].owner_entity_id.isna().all()


TRADE = "Las exportaciones de Chile crecieron un 5 %. Chile vende cobre. El PIB de Chile creció un 5 %, y el paro bajó un 2 %."


def test_figure_entities_carry_the_measure_most_of_their_mentions_give(nlp):
    import pipeline

    entities = pipeline.extract([TRADE], nlp=nlp).entities
    five = entities[(entities.label == "PERCENT") & (entities.value == "5")].iloc[0]
    assert five.n_mentions == 2
    assert (five.measure, five.measure_head) == ("exportaciones", "exportación")  # a tie: the first written
    two = entities[(entities.label == "PERCENT") & (entities.value == "2")].iloc[0]
    assert (two.measure, two.measure_head) == ("paro", "paro")
    assert entities[entities.label == "COUNTRY"].measure.isna().all()


@pytest.mark.parametrize("rows_per_group", [1, 10_000])
def test_written_tables_give_the_owner_its_entity_id(nlp, tmp_path, rows_per_group):
    """The writer's corpus pass fills owner_entity_id, also when an owner is in another row group than its figure."""
    import pandas as pd

    import pipeline
    from pipeline.write import TableWriter

    tables = pipeline.extract([TRADE, "La producción de cobre de Perú cayó un 3 %."], nlp=nlp)
    with TableWriter(tmp_path, ("parquet",), rows_per_group=rows_per_group) as writer:
        for name in ("documents", "mentions", "entities"):
            frame = getattr(tables, name)
            for row in frame.astype(object).where(frame.notna(), None).to_dict("records"):
                writer.add(name, [row])
    m = pd.read_parquet(tmp_path / "mentions.parquet")
    figures = m[m.owner_mention_id.notna()]
    assert len(figures) >= 3
    for row in figures.itertuples():
        owner = m[(m.doc_id == row.doc_id) & (m.mention_id == row.owner_mention_id)].iloc[0]
        assert row.owner_entity_id == owner.entity_id
    assert set(figures.owner_entity_id) == {m[m.text == "Perú"].entity_id.iloc[0], m[m.text == "Chile"].entity_id.iloc[0]}
    assert list(m.owner_entity_id.fillna("-")) == list(tables.mentions.owner_entity_id.fillna("-"))


@pytest.mark.parametrize(
    ("word", "verb"), [("creció", True), ("repuntaron", True), ("subirá", True), ("precio", False), ("petróleo", False)]
)
def test_verb_forms(word, verb):
    assert is_verb_form(word) is verb


def test_infinitives_with_a_clitic():
    assert is_infinitive("fabricarse") and is_infinitive("construir") and not is_infinitive("casa")


@pytest.mark.parametrize(
    "text",
    [
        "Uruguay: el desempleo de marzo fue de 7,4%\n\n"
        "MONTEVIDEO (Xinhua). El desempleo de marzo fue de 7,4% en las zonas urbanas, informó el INE.",
        "Costa Rica: la inflación de marzo fue de 1,3%\n\n"
        "SAN JOSÉ (Xinhua). La inflación de marzo fue de 1,3% mensual, informó el INEC.",
    ],
)
def test_a_headline_without_a_full_stop_is_not_read_with_the_dateline_and_body(text):
    # The senter runs the headline, the blank line, the dateline and the first sentence together
    # (one `sentence` in mentions); the rules read the body's sentence alone: its measure is the
    # headline's, and the dateline's place is no owner.
    import pipeline

    mentions = pipeline.extract_text(text)
    figures = mentions[mentions.label == "PERCENT"]
    assert list(figures.section) == ["title", "body"]
    assert figures.measure.nunique() == 1 and figures.measure.notna().all()
    assert figures.owner_entity_id.isna().all()
