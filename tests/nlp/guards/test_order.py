"""Guards together: the order they run in, and the names none of them may touch."""

from __future__ import annotations

import pytest

from pipeline.nlp.guards import ALL_GUARDS, DEFAULT_GUARDS
from tests.nlp.guards.helpers import case_ids, run_guards

# Guards that need another to run first: (the guard, the one it needs before it, text, model, expected).
DEPENDENT = [
    # lowercase_start trims "estadio", then person_named_place reads it before the name
    (
        "person_named_place",
        "lowercase_start",
        "Jugarán en el estadio Santiago Bernabéu .",
        [("estadio Santiago Bernabéu", "PER")],
        [("Santiago Bernabéu", "LOC")],
    ),
    # listed_names makes the player a person first, then parenthesised_team reads "( Villarreal )" after a person
    (
        "parenthesised_team",
        "listed_names",
        "Expulsó a Pedro Nieto , Santi Lampón y Berruet ( Villarreal ) .",
        [("Pedro Nieto", "PER"), ("Santi Lampón", "PER"), ("Berruet", "LOC"), ("Villarreal", "LOC")],
        [("Pedro Nieto", "PER"), ("Santi Lampón", "PER"), ("Berruet", "PER"), ("Villarreal", "ORG")],
    ),
]


@pytest.mark.parametrize(("guard", "before", "text", "model", "expected"), DEPENDENT, ids=case_ids(DEPENDENT))
def test_dependent_guards_need_the_one_before(guard, before, text, model, expected):
    assert DEFAULT_GUARDS.index(before) < DEFAULT_GUARDS.index(guard)
    assert run_guards(DEFAULT_GUARDS, text, model) == expected
    assert run_guards((before, guard), text, model) == expected
    assert run_guards((guard, before), text, model) != expected


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
    ("De la Serna lidió con mucho temple .", [("De la Serna", "PER")]),  # "de" reads as "dé" (dar)
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
    ("Lo llevaron al hospital Virgen del Rocío .", [("hospital Virgen del Rocío", "LOC")]),
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
    ("Tocó junto al grupo colombiano Aterciopelados .", [("Aterciopelados", "MISC")]),
    ("El presidente venezolano Hugo Chávez habló .", [("Hugo Chávez", "PER")]),
    ("La organización activista Proyecto de Supervisión lo criticó .", [("Proyecto de Supervisión", "ORG")]),
    # dateline_place: a byline or other words before the place, no date, or a "place" that is
    # no name: nothing changes, nothing is added.
    ("Por Lucía Bermejo Sevilla , 17 jun ( EFE ) .", [("Lucía Bermejo Sevilla", "PER"), ("EFE", "ORG")]),
    ("EFE xtq1706002130 Soria , 17 jun ( EFE ) .", [("EFE", "ORG"), ("Soria", "PER"), ("EFE", "ORG")]),
    ("Declaraciones de Felipe González , 12 de mayo ( TVE ) .", [("Felipe González", "PER"), ("TVE", "ORG")]),
    ("Informe anual sobre la sequía , 3 de mayo ( documento ) .", []),
    ("Tolosa ( Guipúzcoa ) ganó ayer ( 3-1 ) .", [("Tolosa", "PER"), ("Guipúzcoa", "ORG")]),
    # parenthesised_team: a name of more than one word, or one after a place, stays (a one-word
    # nickname does not: "Martina ( Hingis )" is 4 of 218 in esp.train); after "de"/"en" nothing changes.
    ("La casa de Bush ( Texas ) ardió .", [("Bush", "PER"), ("Texas", "LOC")]),
    ("Mostró sus novedades en la feria de Redmond ( Washington ) .", [("Redmond", "PER"), ("Washington", "LOC")]),
    (
        "Cierra * Louisville Assembly de Louisville ( Kentucky ) * y otras .",  # MEANTIME
        [("Louisville Assembly de Louisville", "PER"), ("Kentucky", "LOC")],
    ),
    (
        "Derrotó Óscar Llamas ( ESP ) a Pierre Vasseur ( FRA ) .",
        [("Óscar Llamas", "PER"), ("ESP", "LOC"), ("Pierre Vasseur", "PER"), ("FRA", "ORG")],
    ),
    ("Ganó Jan-Michael Gambill ( Estados Unidos ) .", [("Jan-Michael Gambill", "PER"), ("Estados Unidos", "LOC")]),
    ("Nació en Tolosa ( Guipúzcoa ) .", [("Tolosa", "LOC"), ("Guipúzcoa", "LOC")]),
    ("Habló con Edson Arantes ( Pelé Nascimento ) .", [("Edson Arantes", "PER"), ("Pelé Nascimento", "PER")]),
    # team_with_article: no article, a country, a place whose name takes the article, or an acronym.
    ("Llegó ayer al Cairo y jugó en el Bernabéu .", [("Cairo", "LOC"), ("Bernabéu", "LOC")]),
    ("Llegó a Madrid desde Mérida .", [("Madrid", "LOC"), ("Mérida", "LOC")]),
    ("Coronó la cima del Everest y navegó el Mediterráneo .", [("Everest", "LOC"), ("Mediterráneo", "LOC")]),
    ("Volvió del Líbano y del Perú .", [("Líbano", "LOC"), ("Perú", "LOC")]),
    ("Trabaja en el CERN .", [("CERN", "LOC")]),
    # listed_names: an acronym, a name of several words, a tie, or two names against two keep their labels.
    ("Según un informe de OCDE , Noruega y Suiza son los más ricos .", [("OCDE", "ORG"), ("Noruega", "LOC"), ("Suiza", "LOC")]),
    ("Visitó Francia , Alemania y Banco Mundial .", [("Francia", "LOC"), ("Alemania", "LOC"), ("Banco Mundial", "ORG")]),
    ("Juan y Madrid .", [("Juan", "PER"), ("Madrid", "LOC")]),
    (
        "Kovac , Dumont , Teruel y Mbeki jugaron .",
        [("Kovac", "PER"), ("Dumont", "LOC"), ("Teruel", "LOC"), ("Mbeki", "PER")],
    ),
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
    ("Sumó los 41 títulos de Pepe Domínguez y la finca vieja de Aznar .", [("Pepe Domínguez", "PER"), ("Aznar", "PER")]),
    ("Acusó al Ejecutivo de Vicente Álvarez Areces de mentir .", [("Ejecutivo", "ORG"), ("Vicente Álvarez Areces", "PER")]),
    # organisation_elsewhere: the surname of a person named in full stays a person; an ORG elsewhere is needed.
    (
        "William Clay Ford Jr preside Ford Motor Company . Ford dijo que la empresa Ford crecerá .",
        [("William Clay Ford Jr", "PER"), ("Ford Motor Company", "ORG"), ("Ford", "PER"), ("Ford", "ORG")],
    ),
    ("Lo dijo Bancomer . Bancomer habló con el BBVA .", [("Bancomer", "PER"), ("Bancomer", "PER"), ("BBVA", "ORG")]),
    # majority_label: a tie, or a majority short of twice the other label, changes nothing.
    ("Toledo nació en Toledo .", [("Toledo", "PER"), ("Toledo", "LOC")]),
    (
        "Castaño toreó . Castaño cortó dos orejas . Lo de Castaño fue grande . Castaño salió . Todo en Castaño es verdad .",
        [("Castaño", "PER"), ("Castaño", "PER"), ("Castaño", "MISC"), ("Castaño", "PER"), ("Castaño", "MISC")],
    ),
]


@pytest.mark.parametrize(("text", "model"), KEEP, ids=[m[0][0] for m in KEEP])
def test_guards_keep_real_names(text, model):
    assert run_guards(ALL_GUARDS, text, model) == model
    changed = [g for g in ALL_GUARDS if run_guards((g,), text, model) != model]
    assert changed == []
