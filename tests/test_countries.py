"""The country gazetteer: names and aliases → ISO codes; places and ORGs stay what they are."""

from __future__ import annotations

import pytest
from spacy.tokens import Span

from pipeline.nlp.countries import canonical_country, lookup_country


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("Venezuela", "VE"), ("Rusia", "RU"), ("España", "ES"), ("México", "MX"), ("Mexico", "MX"),
        ("EE.UU.", "US"), ("EEUU", "US"), ("EE. UU.", "US"), ("Estados Unidos de América", "US"),
        ("Gran Bretaña", "GB"), ("Federación de Rusia", "RU"), ("República Popular China", "CN"),
        ("Corea del Sur", "KR"), ("Costa de Marfil", "CI"), ("Palestina", "PS"), ("Holanda", "NL"),
    ],
)
def test_lookup_country_maps_names_and_aliases(name, code):
    assert lookup_country(name) == code


@pytest.mark.parametrize("name", ["Texas", "Moscú", "Gaza", "Caracas", "Puerto Rico", "Granada"])
def test_lookup_country_ignores_places_that_are_not_states(name):
    assert lookup_country(name) is None


def test_canonical_country_is_the_spanish_short_name():
    assert canonical_country("VE") == "Venezuela"
    assert canonical_country("US") == "Estados Unidos"


def test_country_tagger_relabels_loc_and_adds_missed(blank_nlp):
    blank_nlp.add_pipe("es_countries")
    doc = blank_nlp.make_doc("Rusia y EE.UU. firmaron con el Gobierno de Venezuela en Caracas .")
    doc.ents = [Span(doc, 0, 1, "LOC"), Span(doc, 6, 9, "ORG"), Span(doc, 10, 11, "LOC")]
    doc = blank_nlp.get_pipe("es_countries")(doc)
    got = [(e.text, e.label_, e.kb_id_) for e in doc.ents]
    assert got == [("Rusia", "COUNTRY", "RU"), ("EE.UU.", "COUNTRY", "US"),
                   ("Gobierno de Venezuela", "ORG", ""), ("Caracas", "LOC", "")]
    assert doc.ents[0]._.canonical == "Rusia"
    assert doc.ents[1]._.source == "gazetteer"
