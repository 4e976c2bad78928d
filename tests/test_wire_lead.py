"""The lead of wire copy in plain text and markdown: kicker, title, subtitle, byline, date line, dateline."""

from __future__ import annotations

import re

import pytest

from pipeline.documents import RawDocument
from pipeline.ingest.clean import clean
from pipeline.ingest.lead import roles

EFE_LEAD = "MADRID, 3 mar (EFE).- El Consejo de Ministros aprobó este martes la subida del salario mínimo."


def _clean(text: str, fmt: str = "txt", source: str = "nota.txt"):
    return clean(RawDocument("d", source, text=text, fmt=fmt))


def _sections(doc) -> list[tuple[str, str]]:
    return [(b.section, doc.text[b.start : b.end]) for b in doc.blocks]


def _assert_offsets_map_back(doc, raw: str) -> None:
    for m in re.finditer(r"\S+", doc.text):
        a, b = doc.offsets.to_raw(m.start()), doc.offsets.to_raw(m.end(), end=True)
        assert raw[a:b] == m.group(), (m.group(), raw[a:b])


TITLE = "El Gobierno aprueba la subida del salario mínimo"
SUBTITLE = "La medida beneficiará a 2,5 millones de trabajadores, según el Ministerio de Trabajo."
BODY = "El Consejo de Ministros aprobó la subida del salario mínimo en su reunión."
WRAPPED = "El Consejo de Ministros aprobó este martes la subida del salario\nmínimo a 1.184 euros, informó el Gobierno."
PER_LINE = "Lockheed Martin y Thales se impusieron a Raytheon en un concurso.\nEs el mayor concurso de su clase.\nRaytheon apeló."

LEADS = [
    pytest.param(
        f"{TITLE}\n\n{EFE_LEAD}",
        [("title", TITLE), ("dateline", "MADRID, 3 mar (EFE)"), ("body", EFE_LEAD[22:])],
        {"title": TITLE, "agency": "EFE", "dateline_place": "Madrid"},
        id="the-issue's-plain-text",
    ),
    pytest.param(
        f"# {TITLE}\n\n{SUBTITLE}\n\n{EFE_LEAD}",
        [("title", TITLE), ("title", SUBTITLE), ("dateline", "MADRID, 3 mar (EFE)"), ("body", EFE_LEAD[22:])],
        {"title": TITLE, "subtitle": SUBTITLE},
        id="markdown-heading-and-standfirst",
    ),
    pytest.param(
        f"{TITLE}\n{SUBTITLE}\n{EFE_LEAD}",
        [("title", TITLE), ("title", SUBTITLE), ("dateline", "MADRID, 3 mar (EFE)"), ("body", EFE_LEAD[22:])],
        {"title": TITLE, "subtitle": SUBTITLE},
        id="no-blank-lines",
    ),
    pytest.param(
        f"ECONOMÍA\n{TITLE}\n{SUBTITLE}\n\n{EFE_LEAD}",
        [
            ("title", "ECONOMÍA"),
            ("title", TITLE),
            ("title", SUBTITLE),
            ("dateline", "MADRID, 3 mar (EFE)"),
            ("body", EFE_LEAD[22:]),
        ],
        {"kicker": "ECONOMÍA", "title": TITLE, "subtitle": SUBTITLE},
        id="kicker-title-subtitle",
    ),
    pytest.param(
        f"Internacional\n\n# {TITLE}\n\n{EFE_LEAD}",
        [("title", "Internacional"), ("title", TITLE), ("dateline", "MADRID, 3 mar (EFE)"), ("body", EFE_LEAD[22:])],
        {"kicker": "Internacional", "title": TITLE},
        id="kicker-over-a-heading",
    ),
    pytest.param(
        "Chile elige presidente\nLos chilenos votan en una segunda vuelta polarizada\n\nSANTIAGO (AP) — Los chilenos votaron.",
        [
            ("title", "Chile elige presidente"),
            ("title", "Los chilenos votan en una segunda vuelta polarizada"),
            ("dateline", "SANTIAGO (AP)"),
            ("body", "Los chilenos votaron."),
        ],
        {"title": "Chile elige presidente", "agency": "AP"},
        id="a-short-headline-is-no-kicker",
    ),
    pytest.param(
        f"{TITLE}\n\nEl Consejo de Ministros aprobó este martes la subida. La medida entra en vigor en abril.",
        [("title", TITLE), ("body", "El Consejo de Ministros aprobó este martes la subida. La medida entra en vigor en abril.")],
        {"title": TITLE},
        id="title-then-body-without-dateline",
    ),
    pytest.param(
        "El Consejo de Ministros aprobó este martes la subida del salario mínimo.",
        [("body", "El Consejo de Ministros aprobó este martes la subida del salario mínimo.")],
        {},
        id="one-paragraph-has-no-title",
    ),
    pytest.param(
        "El Gobierno aprueba la subida\n\nEl Consejo aprobó la subida.",
        [("title", "El Gobierno aprueba la subida"), ("body", "El Consejo aprobó la subida.")],
        {"title": "El Gobierno aprueba la subida"},
        id="title-and-one-sentence",
    ),
    pytest.param(
        "La subida\n\nLa medida",
        [("title", "La subida"), ("body", "La medida")],
        {"title": "La subida"},
        id="two-short-lines",
    ),
    pytest.param(
        f"{WRAPPED}\n\nMás texto.",
        [("body", WRAPPED), ("body", "Más texto.")],
        {},
        id="hard-wrapped-first-paragraph",
    ),
    pytest.param(
        PER_LINE,
        [("body", PER_LINE)],
        {},
        id="sentence-per-line-article",
    ),
    pytest.param(
        f"{TITLE}\n\nPor Redacción\n\n{EFE_LEAD}",
        [("title", TITLE), ("dateline", "MADRID, 3 mar (EFE)"), ("body", EFE_LEAD[22:])],
        {"author": "Redacción", "agency": "EFE"},
        id="byline-desk",
    ),
    pytest.param(
        f"{TITLE}\n\nAgencia EFE\n\n{BODY}",
        [
            ("title", TITLE),
            ("body", BODY),
        ],
        {"agency": "EFE"},
        id="agency-byline-line",
    ),
    pytest.param(
        f"{TITLE}\n\nPor Ana Gómez | 3 de marzo de 2025\n\n{BODY}",
        [("title", TITLE), ("body", BODY)],
        {"author": "Ana Gómez", "lead_date": "3 de marzo de 2025"},
        id="byline-with-its-date",
    ),
    pytest.param(
        f"{TITLE}\n\nLunes, 3 de marzo de 2025 · 10:45\n\n{BODY}",
        [
            ("title", TITLE),
            ("dateline", "Lunes, 3 de marzo de 2025 · 10:45"),
            ("body", BODY),
        ],
        {"lead_date": "Lunes, 3 de marzo de 2025"},
        id="date-line",
    ),
    pytest.param(
        f"# {TITLE}\n\nAgo 5 10:15 AM\n\n{BODY}",
        [("title", TITLE), ("dateline", "Ago 5 10:15 AM"), ("body", BODY)],
        {"subtitle": None, "lead_date": None},
        id="month-first-date-line",
    ),
    pytest.param(
        f"---\ntitle: {TITLE}\ndate: 2025-03-03T10:00:00+01:00\nauthor: Ana Gómez\n---\n\n{EFE_LEAD}",
        [("dateline", "MADRID, 3 mar (EFE)"), ("body", EFE_LEAD[22:])],
        {"title": TITLE, "date": "2025-03-03", "author": "Ana Gómez"},
        id="front-matter",
    ),
    # a byline line right under the headline, no blank line between: no subtitle
    pytest.param(
        f"{TITLE}\nPor Redacción Economía\n\n{EFE_LEAD}",
        [("title", TITLE), ("dateline", "MADRID, 3 mar (EFE)"), ("body", EFE_LEAD[22:])],
        {"author": "Redacción Economía", "subtitle": None},
        id="byline-line-under-the-title",
    ),
    # a byline that gives the place: the dateline's place where no dateline gives one
    pytest.param(
        f"{TITLE}\nPor Lucía Méndez | Montevideo\n\n{BODY}",
        [("title", TITLE), ("body", BODY)],
        {"author": "Lucía Méndez", "subtitle": None, "dateline_place": "Montevideo", "dateline_country": "UY"},
        id="byline-with-its-place",
    ),
    pytest.param(
        f"# {TITLE}\n\nPor Jorge Ríos | Guayaquil\n\n{BODY}",
        [("title", TITLE), ("body", BODY)],
        {"author": "Jorge Ríos", "dateline_place": "Guayaquil", "dateline_country": "EC"},
        id="markdown-byline-with-its-place",
    ),
    pytest.param(
        "El Gobierno aprueba la subida. El Consejo de Ministros aprobó este martes la subida.",
        [("body", "El Gobierno aprueba la subida. El Consejo de Ministros aprobó este martes la subida.")],
        {},
        id="one-line-body",
    ),
]


@pytest.mark.parametrize(("raw", "sections", "metadata"), LEADS)
def test_lead_lines_get_their_roles(raw, sections, metadata):
    doc = _clean(raw, fmt="md" if raw.startswith(("#", "---")) or "\n# " in raw else "txt")
    assert _sections(doc) == sections
    for key, value in metadata.items():
        assert doc.metadata.get(key) == value, key
    if not metadata:
        assert "title" not in doc.metadata
    _assert_offsets_map_back(doc, raw)


def test_the_container_title_wins_and_the_headline_stays_a_title_block():
    raw = RawDocument("d", "a.jsonl#1", text=f"{TITLE}\n\n{EFE_LEAD}", metadata={"title": "Otro título"})
    doc = clean(raw)
    assert doc.metadata["title"] == "Otro título"
    assert _sections(doc)[0] == ("title", TITLE)


def test_a_container_author_that_is_an_agency_gives_the_agency():
    raw = RawDocument("d", "p.html", text=f"# {TITLE}\n\n{BODY}", fmt="html", metadata={"author": "Europa Press"})
    assert clean(raw).metadata["agency"] == "Europa Press"


@pytest.mark.parametrize(
    ("opening", "country"),
    [
        ("LA PAZ, Bolivia (AP) — Los bloqueos siguieron.", "BO"),
        ("GUADALAJARA, Jal. (apro).- La Fiscalía informó.", "MX"),
        ("Pekín, 4 jun (EFE).- El Gobierno anunció.", "CN"),
        ("México, (Notimex).- El Gobierno anunció.", "MX"),
        ("Azkoitia, 14 jun (EFE).- La alcaldesa anunció.", None),
    ],
)
def test_the_dateline_country(opening, country):
    assert _clean(f"{TITLE}\n\n{opening}").metadata.get("dateline_country") == country


def test_an_agency_name_closing_a_text_stays_text():
    doc = _clean("El presidente habló ayer.\n\nEFE")
    assert doc.text.endswith("EFE") and "agency" not in doc.metadata


@pytest.mark.parametrize(
    ("texts", "follows", "expected"),
    [
        (["Título"], "dateline", ["title"]),
        (["Título"], "end", ["body"]),
        (["Título", "Subtítulo con punto."], "dateline", ["title", "subtitle"]),
        (["Título", "Primera frase del cuerpo."], "body", ["title", "body"]),
        (["ÚLTIMA HORA", "Título largo de la noticia"], "dateline", ["kicker", "title"]),
        (["Una frase.", "Título"], "dateline", ["body", "body"]),
    ],
)
def test_roles_of_held_lines(texts, follows, expected):
    assert roles(texts, has_title=False, follows=follows) == expected
