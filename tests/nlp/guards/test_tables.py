"""Guards that read the names tables (`pipeline.nlp.guards.tables`, `places`, and the
Latin American cases of the others), each run alone on given model entities."""

from __future__ import annotations

import pytest

from pipeline.lang import read_table
from pipeline.nlp.guards.tables import event_names, organisation_names, person_acronyms
from tests.nlp.guards.helpers import case_ids, run_guards

CASES = [
    # (guard, text, model entities, entities after that guard alone)
    # parties, coalitions, movements, outlets: from the table, whatever the model said
    (
        "known_organisation",
        "La bancada de Morena votó en contra . Morena acusó al PAN .",
        [("Morena", "LOC"), ("Morena", "PER"), ("PAN", "ORG")],
        [("Morena", "ORG"), ("Morena", "ORG"), ("PAN", "ORG")],
    ),
    (
        "known_organisation",
        "La alianza Sigamos Haciendo Historia ganó en Tabasco .",
        [("Sigamos Haciendo Historia", "MISC"), ("Tabasco", "LOC")],
        [("Sigamos Haciendo Historia", "ORG"), ("Tabasco", "LOC")],
    ),
    (
        "known_organisation",
        "Los maestros de la CNTE marcharon con militantes de La Libertad Avanza .",
        [("Libertad Avanza", "MISC")],
        [("CNTE", "ORG"), ("La Libertad Avanza", "ORG")],
    ),
    ("known_organisation", "Lo publicó el diario Clarín ayer .", [("diario Clarín", "ORG")], [("diario Clarín", "ORG")]),
    # a name that is also a common word: only from PER or MISC, never added
    ("known_organisation", "Ayer Podemos presentó su lista .", [("Podemos", "PER")], [("Podemos", "ORG")]),
    ("known_organisation", "Vive en Reforma , frente al parque .", [("Reforma", "LOC")], [("Reforma", "LOC")]),
    ("known_organisation", "Dijo que Proceso publicó la nota .", [], []),
    # acronyms: only as written, not in a line in capitals, not where the document defines them otherwise
    ("known_organisation", "EL MAS DE LOS ESTRENOS LLEGA HOY", [], []),
    (
        "known_organisation",
        "Prepara su Oferta Pública de Suscripción ( OPS ) para mayo . La OPS saldrá cara .",
        [("Oferta Pública de Suscripción", "MISC"), ("OPS", "MISC"), ("OPS", "MISC")],
        [("Oferta Pública de Suscripción", "MISC"), ("OPS", "MISC"), ("OPS", "MISC")],
    ),
    # a quoted name is a title
    ("known_organisation", 'Declaró a la revista " Proceso " que no.', [("Proceso", "MISC")], [("Proceso", "MISC")]),
    # a name that runs into a capitalised word is part of a longer one
    ("known_organisation", "Viajó al norte . El País Vasco votó .", [], []),
    # people named by their initials
    ("person_acronym", "CFK habló en el acto de cierre .", [("CFK", "ORG")], [("CFK", "PER")]),
    ("person_acronym", "Según PPK , la economía crecerá .", [], [("PPK", "PER")]),
    ("person_acronym", "Aterrizó en el aeropuerto JFK de Nueva York .", [("JFK", "ORG")], [("JFK", "ORG")]),
    # events
    (
        "known_event",
        "Ganó el Masters de Augusta y luego el Super Bowl se jugó en Miami .",
        [("Masters de Augusta", "PER"), ("Super Bowl", "ORG"), ("Miami", "LOC")],
        [("Masters de Augusta", "MISC"), ("Super Bowl", "MISC"), ("Miami", "LOC")],
    ),
    ("known_event", "Entrenó en el estadio Roland Garros .", [("Roland Garros", "PER")], [("Roland Garros", "PER")]),
    # a government and the person it is named after
    (
        "org_of_person",
        "El Gobierno de Gabriel Boric presentó la reforma .",
        [("Gobierno de Gabriel Boric", "ORG")],
        [("Gobierno", "ORG"), ("Gabriel Boric", "PER")],
    ),
    ("org_of_person", "El Gobierno de Chávez respondió .", [("Gobierno de Chávez", "ORG")], [("Gobierno de Chávez", "ORG")]),
    (
        "org_of_person",
        "Lo firmó el Ayuntamiento de Campo de Criptana .",
        [("Ayuntamiento de Campo de Criptana", "ORG")],
        [("Ayuntamiento de Campo de Criptana", "ORG")],
    ),
    # states, provinces, towns named after people
    ("federal_entity", "Llovió en el Estado de México .", [("Estado de México", "ORG")], [("Estado de México", "LOC")]),
    (
        "federal_entity",
        "Llovió en el Estado de México .",
        [("Estado", "ORG"), ("México", "LOC")],
        [("Estado de México", "LOC")],
    ),
    ("federal_entity", "Sonora registró 40 grados .", [("Sonora", "PER")], [("Sonora", "LOC")]),
    ("federal_entity", "Hubo sismos en el estado de Guerrero .", [("Guerrero", "PER")], [("Guerrero", "LOC")]),
    ("federal_entity", "El ministro Guerrero dimitió .", [("Guerrero", "PER")], [("Guerrero", "PER")]),
    (
        "federal_entity",
        "La lluvia afectó a Miranda y a Falcón .",
        [("Miranda", "PER"), ("Falcón", "PER")],
        [("Miranda", "PER"), ("Falcón", "PER")],
    ),
    ("federal_entity", "Hubo inundaciones en Miranda .", [("Miranda", "ORG")], [("Miranda", "LOC")]),
    (
        "federal_entity",
        "El ataque ocurrió en Cuautla , Morelos , de madrugada .",
        [("Cuautla", "LOC"), ("Morelos", "ORG")],
        [("Cuautla", "LOC"), ("Morelos", "LOC")],
    ),
    (
        "federal_entity",
        "Vecinos de Emiliano Zapata , Tabasco , denunciaron el robo .",
        [("Emiliano Zapata", "PER"), ("Tabasco", "LOC")],
        [("Emiliano Zapata", "LOC"), ("Tabasco", "LOC")],
    ),
    (
        "federal_entity",
        "Los vecinos de Venustiano Carranza , Puebla , protestaron .",
        [("Puebla", "LOC")],
        [("Venustiano Carranza", "LOC"), ("Puebla", "LOC")],
    ),
    # named after a person: towns and facilities (person_named_place, named_after_nouns.tsv)
    (
        "person_named_place",
        "El alcalde del municipio de Lázaro Cárdenas renunció .",
        [("Lázaro Cárdenas", "PER")],
        [("Lázaro Cárdenas", "LOC")],
    ),
    (
        "person_named_place",
        "La termoeléctrica Felipe Carrillo Puerto salió de servicio .",
        [("Felipe Carrillo Puerto", "PER")],
        [("Felipe Carrillo Puerto", "LOC")],
    ),
    # a name run on into the next capitalised word
    ("name_run_on", "Lo dijo Joe Biden Además de eso .", [("Joe Biden Además", "PER")], [("Joe Biden", "PER")]),
    ("name_run_on", "Lo dijo Javier Milei Ahora .", [("Javier Milei Ahora", "PER")], [("Javier Milei", "PER")]),
    ("name_run_on", "Lo dijo Artur Mas .", [("Artur Mas", "PER")], [("Artur Mas", "PER")]),
    # headline verbs, plural presents at the start of a line
    (
        "sentence_initial_verb",
        "Reclaman jubilados aumento de pensiones\nLa protesta siguió .",
        [("Reclaman", "PER")],
        [],
    ),
    (
        "sentence_initial_verb",
        "Anuncian Petro y Boric acuerdo comercial\nEl pacto se firmó ayer .",
        [("Anuncian Petro", "PER"), ("Boric", "PER")],
        [("Petro", "PER"), ("Boric", "PER")],
    ),
    (
        "sentence_initial_verb",
        "Titulan 300 enfermeras en Jalisco\nLa ceremonia fue ayer .",
        [("Titulan", "MISC"), ("Jalisco", "LOC")],
        [("Jalisco", "LOC")],
    ),
    ("sentence_initial_verb", "Durán dijo que no .", [("Durán", "PER")], [("Durán", "PER")]),
    (
        "sentence_initial_verb",
        "Leverkusen 2 Bayern 1\nEl partido fue duro .",
        [("Leverkusen", "ORG"), ("Bayern", "ORG")],
        [("Leverkusen", "ORG"), ("Bayern", "ORG")],
    ),
    # generic bodies alone are descriptions
    (
        "generic_body",
        "El Estado debe pagar . El Ejecutivo federal y la Presidencia callaron ; el Gobierno de Chile no .",
        [("Estado", "ORG"), ("Ejecutivo", "ORG"), ("Presidencia", "ORG"), ("Gobierno de Chile", "ORG")],
        [("Gobierno de Chile", "ORG")],
    ),
    ("generic_body", "Lo decidió el Consejo de Estado .", [("Consejo de Estado", "ORG")], [("Consejo de Estado", "ORG")]),
    (
        "generic_body",
        "Lo informó la Presidencia de la República .",
        [("Presidencia", "ORG"), ("República", "LOC")],
        [("Presidencia", "ORG"), ("República", "LOC")],
    ),
]


@pytest.mark.parametrize(("guard", "text", "model", "expected"), CASES, ids=case_ids(CASES))
def test_guard_alone(guard, text, model, expected):
    assert run_guards((guard,), text, model) == expected


def test_every_organisation_row_has_a_country_kind_and_source():
    kinds = {"party", "coalition", "movement", "union", "armed_group", "outlet", "agency", "international", "business"}
    for row in read_table("organisations"):
        assert row["name"] and row["country"] and row["source"], row
        assert row["kind"] in kinds, row
        assert row["ambiguous"] in ("", "yes"), row


def test_tables_are_loaded_with_their_forms():
    assert organisation_names()[("Morena",)].label == "ORG"
    assert organisation_names()[("PSUV",)].canonical == "Partido Socialista Unido de Venezuela"
    assert person_acronyms()["AMLO"] == "Andrés Manuel López Obrador"
    assert ("Roland", "Garros") in event_names()


def test_no_table_name_is_both_an_organisation_and_an_event():
    assert not set(organisation_names()) & set(event_names())
