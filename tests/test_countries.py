"""The country gazetteer: names and aliases → ISO codes; places and ORGs stay what they are."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from spacy.tokens import Span

from pipeline.lang import read_table
from pipeline.nlp.gazetteer import canonical_country, lookup_country

DATA = Path(__file__).parent / "data"


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as f:
        lines = [line for line in f if line.strip() and not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t"))


UN_NAMES = [(r["name"], r["code"]) for r in _rows(DATA / "country_names_es.tsv")]
ALIASES = [(r["alias"], r["code"]) for r in read_table("country_aliases")]
# Neutral sentence: nothing in it hints at another reading of an ambiguous name.
FRAME = "Las conversaciones con {} avanzan , dijo el portavoz ."


@pytest.fixture(scope="module")
def countries_nlp():
    import spacy

    import pipeline.nlp.factories  # noqa: F401  (registers the es_* factories)
    from pipeline.nlp.build import SECOND_PASSES

    nlp = spacy.blank("es")
    nlp.add_pipe("es_countries")
    factory, _, config = SECOND_PASSES["es_place_orgs"]  # joins "Gobierno de" + the country found
    nlp.add_pipe(factory, name="es_place_orgs", config=config)
    return nlp


def _tag(nlp, text: str, ents: list[tuple[int, int, str]] = ()):
    doc = nlp.make_doc(text)
    doc.ents = [Span(doc, s, e, label) for s, e, label in ents]
    for _, component in nlp.pipeline:
        doc = component(doc)
    return doc


def _countries(doc) -> list[tuple[str, str]]:
    return [(e.text, e.kb_id_) for e in doc.ents if e.label_ == "COUNTRY"]


@pytest.mark.parametrize(("name", "code"), UN_NAMES, ids=[n for n, _ in UN_NAMES])
def test_every_un_member_name_is_tagged_with_its_iso_code(countries_nlp, name, code):
    if name == "Granada":
        pytest.skip("Granada is the Spanish city unless the context says otherwise (tested below)")
    doc = _tag(countries_nlp, FRAME.format(name))
    assert _countries(doc) == [(name, code)]
    assert doc.ents[0]._.canonical == canonical_country(code)


@pytest.mark.parametrize(("alias", "code"), ALIASES, ids=[a for a, _ in ALIASES])
def test_every_alias_is_tagged_with_its_iso_code(countries_nlp, alias, code):
    doc = _tag(countries_nlp, FRAME.format(alias))
    assert _countries(doc) == [(alias, code)]


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("Venezuela", "VE"),
        ("Rusia", "RU"),
        ("México", "MX"),
        ("Mexico", "MX"),
        ("MÉXICO", "MX"),
        ("EE.UU.", "US"),
        ("EEUU", "US"),
        ("EE. UU.", "US"),
        ("Estados Unidos de América", "US"),
        ("Gran Bretaña", "GB"),
        ("Federación de Rusia", "RU"),
        ("República Popular China", "CN"),
        ("Corea del Sur", "KR"),
        ("Costa de Marfil", "CI"),
        ("Palestina", "PS"),
        ("Holanda", "NL"),
        ("la India", "IN"),
        ("los Estados Unidos", "US"),
        ("El Salvador", "SV"),
        ("Peru", "PE"),
    ],
)
def test_lookup_country_maps_names_and_aliases(name, code):
    assert lookup_country(name) == code


@pytest.mark.parametrize("name", ["Texas", "Moscú", "Gaza", "Caracas", "Puerto Rico", "Granada", "Cataluña", "Europa"])
def test_lookup_country_ignores_places_that_are_not_states(name):
    assert lookup_country(name) is None


@pytest.mark.parametrize(
    ("code", "name"),
    [
        ("VE", "Venezuela"),
        ("US", "Estados Unidos"),
        ("MM", "Myanmar"),
        ("CI", "Costa de Marfil"),
        ("PS", "Palestina"),
        ("VA", "Vaticano"),
    ],
)
def test_canonical_country_is_the_spanish_short_name(code, name):
    assert canonical_country(code) == name


def test_country_tagger_relabels_loc_and_adds_missed(countries_nlp):
    doc = _tag(
        countries_nlp,
        "Rusia y EE.UU. firmaron con el Gobierno de Venezuela en Caracas .",
        [(0, 1, "LOC"), (6, 9, "ORG"), (10, 11, "LOC")],
    )
    got = [(e.text, e.label_, e.kb_id_) for e in doc.ents]
    assert got == [
        ("Rusia", "COUNTRY", "RU"),
        ("EE.UU.", "COUNTRY", "US"),
        ("Gobierno de Venezuela", "ORG", ""),
        ("Caracas", "LOC", ""),
    ]
    assert doc.ents[0]._.canonical == "Rusia"
    assert doc.ents[1]._.source == "gazetteer"


@pytest.mark.parametrize(
    ("text", "pieces", "country"),
    [
        ("Viajó a Corea del Sur ayer .", [(2, 3, "LOC")], ("Corea del Sur", "KR")),
        ("Llegó desde Estados Unidos de América .", [(2, 4, "LOC")], ("Estados Unidos de América", "US")),
        ("Volvió de la República Dominicana .", [(4, 5, "LOC")], ("República Dominicana", "DO")),
    ],
)
def test_a_country_the_model_cut_into_pieces_replaces_the_pieces(countries_nlp, text, pieces, country):
    doc = _tag(countries_nlp, text, pieces)
    assert _countries(doc) == [country]
    assert len(doc.ents) == 1


@pytest.mark.parametrize(
    ("text", "org"),
    [
        ("El Banco Central de Chile subió los tipos .", "Banco Central de Chile"),
        ("Agradeció el apoyo del Gobierno de Rusia en la pandemia .", "Gobierno de Rusia"),
        ("La Embajada de Cuba en Madrid lo confirmó .", "Embajada de Cuba"),
    ],
)
def test_country_inside_an_organisation_stays_part_of_the_org(countries_nlp, text, org):
    """Whether the model tagged the ORG or nothing at all, the country is not cut out of it."""
    doc = countries_nlp.make_doc(text)
    start = text.split().index(org.split()[0])
    as_org = _tag(countries_nlp, text, [(start, start + len(org.split()), "ORG")])
    assert [(e.text, e.label_) for e in as_org.ents if e.label_ != "LOC"] == [(org, "ORG")]
    untagged = _tag(countries_nlp, doc.text)
    assert [(e.text, e.label_) for e in untagged.ents if e.label_ != "LOC"] == [(org, "ORG")]


@pytest.mark.parametrize(
    "text",
    [
        "Llegó a Texas y luego a Moscú .",
        "Los bombardeos sobre Gaza continúan .",
        "La china que vende fruta trajo chile y una granada .",
        "Visitó la Alhambra de Granada , en Andalucía .",
    ],
)
def test_places_and_common_nouns_give_no_country(countries_nlp, text):
    assert _countries(_tag(countries_nlp, text)) == []


@pytest.mark.parametrize(
    ("text", "reading"),
    [
        ("El presidente de Georgia se reunió en Tiflis con el ministro ruso .", "GE"),
        ("Las tropas rusas entraron en Georgia en 2008 .", "GE"),
        ("Georgia firmó un acuerdo de asociación con la Unión Europea .", "GE"),
        ("Georgia celebra elecciones parlamentarias .", "GE"),  # no cue: the country (documented default)
        ("El estado de Georgia recontó los votos .", None),
        ("La empresa tiene su sede en Atlanta , Georgia .", None),
        ("Un tiroteo en Georgia ( EE.UU. ) dejó tres muertos .", None),
        ("El senador demócrata ganó en Georgia frente al candidato republicano .", None),
    ],
)
def test_georgia_is_decided_by_context(countries_nlp, text, reading):
    doc = _tag(countries_nlp, text)
    assert [code for name, code in _countries(doc) if name == "Georgia"] == ([reading] if reading else [])


@pytest.mark.parametrize(
    ("text", "ents", "expected"),
    [
        ("Perú ganó el pleito .", [(0, 1, "PER")], [("Perú", "COUNTRY")]),
        ("Israel habló con la prensa .", [(0, 1, "PER")], [("Israel", "PER")]),
    ],
)
def test_a_country_the_model_took_for_a_person_is_a_country_unless_it_is_a_first_name(countries_nlp, text, ents, expected):
    doc = _tag(countries_nlp, text, ents)
    assert [(e.text, e.label_) for e in doc.ents] == expected


def test_georgia_tagged_loc_by_the_model_stays_loc_in_a_us_context(countries_nlp):
    doc = _tag(countries_nlp, "El gobernador de Georgia habló en Atlanta .", [(3, 4, "LOC"), (6, 7, "LOC")])
    assert [(e.text, e.label_) for e in doc.ents] == [("Georgia", "LOC"), ("Atlanta", "LOC")]


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Granada , la isla caribeña , recibió ayuda de Barbados .", [("Granada", "GD"), ("Barbados", "BB")]),
        ("La provincia de Granada , en España , recibió turistas .", [("España", "ES")]),
    ],
)
def test_granada_is_the_spanish_city_unless_the_context_is_caribbean(countries_nlp, text, found):
    assert _countries(_tag(countries_nlp, text)) == found


@pytest.mark.parametrize(
    "text",
    [
        "El ministro Israel Katz visitó la zona .",
        "Ayer habló Mauricio Macri con la prensa .",
        "La vicepresidenta Francia Márquez viajó ayer .",
    ],
)
def test_a_country_name_used_as_a_first_name_is_no_country(countries_nlp, text):
    assert _countries(_tag(countries_nlp, text)) == []


def test_the_seed_gobierno_de_rusia_is_an_org(seed_tables):
    m = seed_tables.mentions
    assert list(m[m.text == "Gobierno de Rusia"].label) == ["ORG"]


@pytest.mark.parametrize("place", ["Texas", "Moscú", "Gaza"])
def test_places_that_are_not_states_stay_loc_through_the_pipeline(nlp, place):
    doc = nlp(f"La delegación de Venezuela viajó el lunes a {place} para reunirse con las autoridades locales.")
    labels = {e.text: e.label_ for e in doc.ents}
    assert labels.get("Venezuela") == "COUNTRY"
    assert labels.get(place) in ("LOC", None)


@pytest.mark.parametrize(
    ("text", "reading"),
    [
        ("La Secretaría de Economía pidió a EU revisar los aranceles al acero mexicano .", "US"),
        ("La UE y EU firmaron un acuerdo comercial ; la UE pidió garantías .", "US"),
        ("La frontera entre México y EU registró 2.000 cruces .", "US"),
        ("Bruselas y los eurodiputados respaldaron a la EU ; la Comisión Europea calló .", None),
        ("La Unión Europea ( EU ) publicó el informe .", None),
        ("La UE vetó a 51 aerolíneas . Mientras la prohibición de la EU siga , dijo la Comisión Europea en Bruselas .", None),
    ],
)
def test_eu_is_the_united_states_unless_the_document_says_european_union(countries_nlp, text, reading):
    doc = _tag(countries_nlp, text)
    assert [code for name, code in _countries(doc) if name == "EU"] == ([reading] if reading else [])


@pytest.mark.parametrize("text", ["Usa el cubrebocas en el metro .", "Eu não sei , dijo en portugués ."])
def test_aliases_written_in_capitals_count_only_in_capitals(countries_nlp, text):
    assert _countries(_tag(countries_nlp, text)) == []
    assert lookup_country("Usa") is None and lookup_country("USA") == "US"
