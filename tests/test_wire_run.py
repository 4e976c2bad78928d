"""Wire copy end to end: the documents row (title, dateline, agency, published) and the dateline's mentions.

The files in ``tests/data/wire_unit/`` are short agency-style articles
written for these tests, one per format (txt, md, html, jsonl, csv), each in
the way its agency or outlet writes headline, dateline and byline; the
facts are invented. Not an evaluation set (the gold wire corpus is
``tests/data/wire/``).
"""

from __future__ import annotations

import pandas as pd
import pytest

import pipeline
from pipeline.cli import EXIT_OK, EXIT_USAGE, main
from tests.conftest import ROOT

WIRE = ROOT / "tests" / "data" / "wire_unit"

# source (relative to WIRE) → title, subtitle, dateline place, agency, published, published_from
EXPECTED = {
    "20260305_ap_santiago.txt": (
        "Chile debate la reforma de pensiones",
        "El Senado votará el proyecto la próxima semana",
        "Santiago",
        "AP",
        "2026-03-05",
        "filename",
    ),
    "afp_caracas.txt": ("Maduro denuncia nuevas sanciones de Washington", None, "Caracas", "AFP", "2026-03-03", "dateline"),
    "efe_salario.txt": ("El Gobierno aprueba la subida del salario mínimo", None, "Madrid", "EFE", "2026-03-03", "inferred"),
    "ep_vivienda.md": (
        "Sánchez anuncia un plan de vivienda para jóvenes",
        "El plan movilizará 2.000 millones de euros en cinco años.",
        "Madrid",
        "Europa Press",
        None,
        "none",
    ),
    "notas.csv#ntx-1": ("Senado aprueba reforma", None, "México", "Notimex", "2026-03-03", "metadata"),
    "notas.csv#bog-1": ("Petro anuncia medidas", None, "Bogotá", None, "2026-03-03", "dateline"),
    "prensa.jsonl#pl-1": ("Cuba recibe donativo de arroz", None, "La Habana", "Prensa Latina", "2026-03-02", "metadata"),
    "prensa.jsonl#pl-2": ("Díaz-Canel visita Mayabeque", None, "La Habana", "Prensa Latina", "2026-03-06", "inferred"),
    "prensa.jsonl#sp-1": (None, None, "Moscú", "Sputnik", None, "none"),
    "proceso.md": ("Sheinbaum presenta su plan contra la inflación", None, "Ciudad de México", "Proceso", None, "none"),
    "xinhua.html": ("China y Honduras firman acuerdo comercial", None, "Tegucigalpa", "Xinhua", "2026-03-05", "metadata"),
}


@pytest.fixture(scope="module")
def wire_tables(nlp):
    return pipeline.extract([WIRE], nlp=nlp)


def _value(value):
    return None if pd.isna(value) else value


def test_every_wire_document_has_its_title_dateline_agency_and_date(wire_tables):
    docs = wire_tables.documents
    assert (docs.status == "ok").all()
    got = {}
    for row in docs.itertuples():
        key = row.source.split("wire_unit/", 1)[1]
        got[key] = tuple(
            _value(v) for v in (row.title, row.subtitle, row.dateline_place, row.agency, row.published, row.published_from)
        )
    assert got == EXPECTED
    unsure = docs[docs.published_from.isin(["inferred", "none"])]
    assert unsure.published_reason.notna().all()


def test_a_dateline_gives_a_place_mention_and_no_agency_entity(wire_tables):
    mentions = wire_tables.mentions
    dateline = mentions[mentions.section == "dateline"]
    places = dateline[dateline.label.isin(["LOC", "COUNTRY"])]
    docs = wire_tables.documents.set_index("doc_id")
    for doc_id, place in docs.dateline_place.dropna().items():
        texts = set(places[places.doc_id == doc_id].text)
        assert any(t.casefold() == place.casefold() for t in texts), (place, texts)
    agencies = {a.casefold() for a in docs.agency.dropna()} | {"efe", "apro", "europa press", "xinhua"}
    # The agency's name stays in the dateline, an ORG mention there (as CoNLL-2002 tags it), never
    # an ORG of the story: not in the body, not among the document's entities.
    orgs = mentions[mentions.label == "ORG"]
    assert not orgs[orgs.section != "dateline"].text.str.casefold().isin(agencies).any()
    entities = wire_tables.entities
    assert not entities[entities.label == "ORG"].canonical.str.casefold().isin(agencies).any()
    assert orgs[orgs.section == "dateline"].text.str.casefold().isin(agencies).any()
    assert not mentions.text.str.contains(r"\)\s*[.\-–—]", regex=True).any()  # no "EFE).- El Consejo"


def test_the_region_of_a_dateline_is_a_place_too(wire_tables):
    m = wire_tables.mentions
    ap = m[m.doc_id == wire_tables.documents.set_index("source").doc_id[str(WIRE / "20260305_ap_santiago.txt")]]
    assert ("Chile", "COUNTRY") in set(zip(ap[ap.section == "dateline"].text, ap[ap.section == "dateline"].label, strict=True))


def test_relative_dates_resolve_against_the_inferred_date(wire_tables):
    m = wire_tables.mentions
    efe = wire_tables.documents.set_index("source").doc_id[str(WIRE / "efe_salario.txt")]
    rows = m[(m.doc_id == efe) & (m.label == "DATE")]
    assert dict(zip(rows.text, rows.value, strict=True)) == {"3 mar": "2026-03-03", "este martes": "2026-03-03"}


def test_headline_mentions_are_in_section_title(wire_tables):
    m = wire_tables.mentions
    assert {"Chile", "Washington"} <= set(m[m.section == "title"].text)


def test_a_year_less_article_read_before_the_dated_ones_still_gets_their_year(nlp):
    tables = pipeline.extract([WIRE / "efe_salario.txt", WIRE / "afp_caracas.txt"], nlp=nlp)
    assert list(tables.documents.published) == ["2026-03-03", "2026-03-03"]
    alone = pipeline.extract([WIRE / "efe_salario.txt"], nlp=nlp).documents.iloc[0]
    assert pd.isna(alone.published) and alone.published_from == "none"
    assert "no year" in alone.published_reason


def test_the_year_option_of_the_api(nlp):
    text = (WIRE / "efe_salario.txt").read_text(encoding="utf-8")
    rows = pipeline.extract_text(text, year=2026, nlp=nlp)
    assert set(rows[rows.label == "DATE"].value) == {"2026-03-03"}
    rows = pipeline.extract_text(text, year="2025", nlp=nlp)  # 3 March 2025 is a Monday: "aprobó este martes" says no
    assert set(rows[rows.label == "DATE"].value) == {"XXXX-03-03", "XXXX-WXX-2"}


def test_cli_year_option(tmp_path, capsys, nlp, monkeypatch):
    monkeypatch.setattr("pipeline.run.default_nlp", lambda: nlp)
    out = tmp_path / "out"
    code = main(
        ["extract", str(WIRE / "efe_salario.txt"), "--out", str(out), "--format", "csv", "--year", "2026", "--n-process", "1"]
    )
    assert code == EXIT_OK
    doc = pd.read_csv(out / "documents.csv").iloc[0]
    assert (doc.published, doc.published_from) == ("2026-03-03", "inferred")
    assert "2026" in doc.published_reason


@pytest.mark.parametrize("year", ["26", "20x6", "99999"])
def test_cli_bad_year_is_a_usage_error(year, tmp_path, capsys):
    code = main(["extract", str(WIRE / "efe_salario.txt"), "--out", str(tmp_path), "--year", year])
    err = capsys.readouterr().err.strip().splitlines()
    assert code == EXIT_USAGE
    assert len(err) == 1 and err[0].startswith(f"error: year '{year}' is not a year")


def test_a_day_only_dateline_whose_month_the_story_names_waits_for_the_run(nlp, tmp_path):
    # "BILBAO, 11 (EUROPA PRESS)" with "este martes, 11 de marzo": 11 March is a Tuesday in 2025 and 2014; the
    # dated document read after it decides
    (tmp_path / "a.txt").write_text(
        "El Parlamento vasco aprueba la ley de aguas\n\nBILBAO, 11 (EUROPA PRESS)\n\n"
        "El Parlamento Vasco ha aprobado este martes, 11 de marzo, la ley de aguas.",
        encoding="utf-8",
    )
    (tmp_path / "b.txt").write_text(
        "El Gobierno vasco presenta su plan\n\nBilbao, 10 de marzo de 2025.- El Gobierno vasco presentó el plan.",
        encoding="utf-8",
    )
    documents = pipeline.extract([tmp_path / "a.txt", tmp_path / "b.txt"], nlp=nlp).documents
    assert list(documents.published) == ["2025-03-11", "2025-03-10"]
    assert documents.published_from.iloc[0] == "inferred"
