"""Datelines as the agencies and outlets write them (`pipeline.ingest.metadata.read_dateline`).

Each opening is written the way the agency's Spanish wire writes it (checked
against the agencies' own published copy); place, region, date as written,
agency as `news_agencies.tsv` names it, the text that stays, and where the
story starts.
"""

from __future__ import annotations

import re

import pytest

from pipeline.ingest.fragment import Fragment
from pipeline.ingest.metadata import agency_name, display_place, read_dateline, split_dateline

# (opening, place, region, date, agency, the dateline as it stays in the text, the story's first words)
DATELINES = [
    # EFE (Spain; bureaus across Latin America)
    ("MADRID, 3 mar (EFE).- El Consejo de Ministros aprobó", "Madrid", None, "3 mar", "EFE", "MADRID, 3 mar", "El Consejo"),
    ("Lima, 12 jun (EFE).- El Congreso de Perú aprobó", "Lima", None, "12 jun", "EFE", "Lima, 12 jun", "El Congreso"),
    ("Nueva York, 3 mar (EFE).- Las bolsas abrieron", "Nueva York", None, "3 mar", "EFE", "Nueva York, 3 mar", "Las bolsas"),
    ("WASHINGTON, 3 mar (EFE) - El Senado votó", "Washington", None, "3 mar", "EFE", "WASHINGTON, 3 mar", "El Senado"),
    ("San José, 5 feb (ACAN-EFE).- Costa Rica cerró", "San José", None, "5 feb", "ACAN-EFE", "San José, 5 feb", "Costa Rica"),
    (
        "Madrid, 5 de enero (EFE).- El presidente habló",
        "Madrid",
        None,
        "5 de enero",
        "EFE",
        "Madrid, 5 de enero",
        "El presidente",
    ),
    # an EFE desk where the place goes: only the date stays, the desk is the author
    ("Redacción Internacional, 3 mar (EFE).- La ONU pidió", None, None, "3 mar", "EFE", "3 mar", "La ONU"),
    # Europa Press (Spain): the day alone, or an abbreviated month without the comma
    ("MADRID, 3 (EUROPA PRESS) - El presidente anunció", "Madrid", None, "3", "Europa Press", "MADRID, 3", "El presidente"),
    (
        "SANTANDER, 1 (EUROPA PRESS)\nEl número de hospitalizados",
        "Santander",
        None,
        "1",
        "Europa Press",
        "SANTANDER, 1",
        "El número",
    ),
    (
        "MADRID 24 Oct. (EUROPA PRESS) - El expresidente",
        "Madrid",
        None,
        "24 Oct.",
        "Europa Press",
        "MADRID 24 Oct.",
        "El expresidente",
    ),
    # AFP (France): the year in the dateline
    ("Caracas, 3 mar 2025 (AFP) - El presidente", "Caracas", None, "3 mar 2025", "AFP", "Caracas, 3 mar 2025", "El presidente"),
    (
        "Caracas, 3 mar. 2021 (AFP) - El presidente",
        "Caracas",
        None,
        "3 mar. 2021",
        "AFP",
        "Caracas, 3 mar. 2021",
        "El presidente",
    ),
    # Reuters (UK)
    (
        "CIUDAD DE MÉXICO, 3 mar (Reuters) - El banco central",
        "Ciudad de México",
        None,
        "3 mar",
        "Reuters",
        "CIUDAD DE MÉXICO, 3 mar",
        "El banco",
    ),
    # AP (US): no date; the country after the city
    ("SANTIAGO (AP) — Los chilenos votaron", "Santiago", None, None, "AP", "SANTIAGO", "Los chilenos"),
    ("LA PAZ, Bolivia (AP) — La cancillería de Bolivia", "La Paz", "Bolivia", None, "AP", "LA PAZ, Bolivia", "La cancillería"),
    # Xinhua (China): "--" or "—", the region after the city
    (
        "BEIJING, 28 oct (Xinhua) -- Un portavoz de la cancillería",
        "Beijing",
        None,
        "28 oct",
        "Xinhua",
        "BEIJING, 28 oct",
        "Un portavoz",
    ),
    (
        "HOTAN, Xinjiang, 9 jul (Xinhua) — El presidente",
        "Hotan",
        "Xinjiang",
        "9 jul",
        "Xinhua",
        "HOTAN, Xinjiang, 9 jul",
        "El presidente",
    ),
    # Sputnik (Russia)
    ("MOSCÚ (Sputnik) — Las acusaciones son una tontería", "Moscú", None, None, "Sputnik", "MOSCÚ", "Las acusaciones"),
    (
        "ATLIXCO, MÉXICO (Sputnik) — Los hierberos mexicanos",
        "Atlixco",
        "México",
        None,
        "Sputnik",
        "ATLIXCO, MÉXICO",
        "Los hierberos",
    ),
    # Proceso (Mexico): its agency "apro", an en dash
    (
        "CIUDAD DE MÉXICO (apro).– El presidente lamentó",
        "Ciudad de México",
        None,
        None,
        "Proceso",
        "CIUDAD DE MÉXICO",
        "El presidente",
    ),
    # Notimex (Mexico): with and without the date
    ("México, (Notimex).- Científicos y académicos presentaron", "México", None, None, "Notimex", "México", "Científicos"),
    ("México, 3 Mar (Notimex).- El Senado aprobó", "México", None, "3 Mar", "Notimex", "México, 3 Mar", "El Senado"),
    # Prensa Latina (Cuba): no separator, or no date
    (
        "La Habana, 13 nov (Prensa Latina) El presidente de Cuba visitó",
        "La Habana",
        None,
        "13 nov",
        "Prensa Latina",
        "La Habana, 13 nov",
        "El presidente",
    ),
    ("Quito, (Prensa Latina) Desde que comenzó la guerra", "Quito", None, None, "Prensa Latina", "Quito", "Desde que"),
    (
        "La Habana, 20 ene (RHC) El presidente de Venezuela",
        "La Habana",
        None,
        "20 ene",
        "RHC",
        "La Habana, 20 ene",
        "El presidente",
    ),
    # ANSA (Italy): the day alone in Spanish copy, the agency first in Italian order
    ("ROMA, 3 (ANSA) - El papa León XIV recibió", "Roma", None, "3", "ANSA", "ROMA, 3", "El papa"),
    ("(ANSA) - ROMA, 3 MAR - El papa recibió hoy", "Roma", None, "3 MAR", "ANSA", "ROMA, 3 MAR", "El papa"),
    # Télam (Argentina)
    (
        "Buenos Aires, 3 de marzo (Télam).- El Gobierno anunció",
        "Buenos Aires",
        None,
        "3 de marzo",
        "Télam",
        "Buenos Aires, 3 de marzo",
        "El Gobierno",
    ),
    # outlets and press releases: a long date, no agency
    (
        "Bogotá, 3 de marzo de 2025.- El Gobierno de Colombia",
        "Bogotá",
        None,
        "3 de marzo de 2025",
        None,
        "Bogotá, 3 de marzo de 2025",
        "El Gobierno",
    ),
    (
        "Ciudad de México, a 3 de marzo de 2025\nLa Secretaría de Salud",
        "Ciudad de México",
        None,
        "a 3 de marzo de 2025",
        None,
        "Ciudad de México, a 3 de marzo de 2025",
        "La Secretaría",
    ),
    (
        "Lima, lunes 3 de marzo de 2025.- El Ejecutivo",
        "Lima",
        None,
        "lunes 3 de marzo de 2025",
        None,
        "Lima, lunes 3 de marzo de 2025",
        "El Ejecutivo",
    ),
    (
        "CIUDAD DE MÉXICO, 02/10/25 (MÁS).- México vive",
        "Ciudad de México",
        None,
        "02/10/25",
        "MÁS",
        "CIUDAD DE MÉXICO, 02/10/25",
        "México vive",
    ),
    # Mexican press: the place alone before ".-"
    (
        "Salvatierra, Guanajuato.- La madrugada del 17 de diciembre",
        "Salvatierra",
        "Guanajuato",
        None,
        None,
        "Salvatierra, Guanajuato",
        "La madrugada",
    ),
    ("CDMX.- El pleno de la Cámara de Diputados aprobó", "CDMX", None, None, None, "CDMX", "El pleno"),
    # tokenized (CoNLL-2002) spacing
    (
        "Tolosa ( Guipúzcoa ) , 14 jun ( EFE ) . La alcaldesa",
        "Tolosa",
        "Guipúzcoa",
        "14 jun",
        "EFE",
        "Tolosa ( Guipúzcoa ) , 14 jun",
        "La alcaldesa",
    ),
]


@pytest.mark.parametrize(
    ("opening", "place", "region", "date", "agency", "kept", "story"),
    DATELINES,
    ids=[row[0][:28] for row in DATELINES],
)
def test_dateline_forms(opening, place, region, date, agency, kept, story):
    frag = Fragment.whole(opening)
    dateline, rest, found = split_dateline(frag)
    assert dateline is not None
    assert found.get("dateline_place") == place
    assert found.get("dateline_region") == region
    assert found.get("dateline_date") == date
    assert found.get("agency") == agency
    # The place and date stay, then the agency's name in its parentheses as written ("(EFE)"):
    # a mention of the dateline (CoNLL-2002 tags it ORG), the document's agency, no entity.
    assert dateline.text.startswith(kept)
    tail = dateline.text[len(kept) :]
    assert not tail or re.fullmatch(r",? ?\([^()]+\)", tail), tail
    if agency and tail:
        assert agency_name(tail.strip(" ,()"))[0] == agency
    assert rest.text.startswith(story)
    for start, end in found["dateline_places"]:  # the place names are spans of the kept text
        assert dateline.text[start:end].strip()


@pytest.mark.parametrize(
    "opening",
    [
        "El 9 de abril, el Congressional Budget Office publicó un informe",  # a date, then an English name
        "Nicolás Maduro, presidente de Venezuela, dijo este lunes",
        "El Gobierno (PSOE) — dijo el portavoz",  # a party, not an agency; the place is no place
        "Madrid, 3 de marzo de 2025 fue un día de lluvia",  # no separator and the line goes on
        "Madrid, 3 de marzo fue un día de lluvia",
        "Juan Pérez (Reuters) dijo que",  # an agency after a name, with no separator
        "Según EFE, 3 personas murieron",
    ],
)
def test_openings_that_are_no_dateline(opening):
    assert read_dateline(opening) is None


def test_a_byline_running_into_a_dateline_keeps_its_words_and_gives_no_place():
    dateline, rest, found = split_dateline(Fragment.whole("Por Marta Liriano Santo Domingo, 14 jun (EFE). El presidente habló."))
    assert dateline.text == "Por Marta Liriano Santo Domingo, 14 jun (EFE)"
    assert "dateline_place" not in found
    assert (found["dateline_date"], found["agency"], rest.text) == ("14 jun", "EFE", "El presidente habló.")


@pytest.mark.parametrize(
    ("written", "name", "known"),
    [
        ("EUROPA PRESS", "Europa Press", True),
        ("apro", "Proceso", True),
        ("Agencia EFE", "EFE", True),
        ("PL", "Prensa Latina", True),
        ("Telam", "Télam", True),
        ("The Associated Press", "AP", True),
        ("MÁS", "MÁS", False),
    ],
)
def test_agency_spellings_come_from_the_table(written, name, known):
    assert agency_name(written) == (name, known)


@pytest.mark.parametrize(
    ("written", "shown"),
    [
        ("CIUDAD DE MÉXICO", "Ciudad de México"),
        ("SANTA CRUZ DE LA SIERRA", "Santa Cruz de la Sierra"),
        ("PORT-AU-PRINCE", "Port-Au-Prince"),
        ("CDMX", "CDMX"),
        ("EE.UU.", "EE.UU."),
        ("La Habana", "La Habana"),
    ],
)
def test_places_in_capitals_are_written_as_a_reader_writes_them(written, shown):
    assert display_place(written) == shown
