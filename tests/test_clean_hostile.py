"""Hostile input for the cleaner: invisible characters inside words, and junk inside a line of prose."""

from __future__ import annotations

import re
from dataclasses import dataclass

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.documents import RawDocument
from pipeline.ingest.clean import clean
from pipeline.ingest.repair import INVISIBLE, repair_text

PROPERTY = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _clean(text: str, fmt: str = "txt"):
    return clean(RawDocument("d", "t.txt", text=text, fmt=fmt))


def _raw_span(doc, word: str, occurrence: int = 0) -> tuple[int, int]:
    """Raw offsets of the ``occurrence``-th ``word`` of the clean text."""
    starts = [m.start() for m in re.finditer(re.escape(word), doc.text)]
    start = starts[occurrence]
    return doc.offsets.to_raw(start), doc.offsets.to_raw(start + len(word), end=True)


# --- invisible characters: out of the clean text, kept in the raw spans ------

ZWSP, RLM, LRE, PDF, BOM, WJ, SHY = "\u200b", "\u200f", "\u202a", "\u202c", "\ufeff", "\u2060", "\u00ad"


@pytest.mark.parametrize(
    ("raw", "clean_text", "word", "raw_word"),
    [
        pytest.param(
            f"Llegó a Ca{ZWSP}racas el presidente.",
            "Llegó a Caracas el presidente.",
            "Caracas",
            f"Ca{ZWSP}racas",
            id="zero-width-space-in-a-name",
        ),
        pytest.param(
            f"Costó 40{ZWSP}000 millones de dólares.",
            "Costó 40000 millones de dólares.",
            "40000",
            f"40{ZWSP}000",
            id="zero-width-space-in-a-number",
        ),
        pytest.param(
            f"Habló {RLM}Nicolás Maduro{RLM} en Caracas.",
            "Habló Nicolás Maduro en Caracas.",
            "Nicolás Maduro",
            "Nicolás Maduro",
            id="right-to-left-marks-around-a-name",
        ),
        pytest.param(
            f"Habló {LRE}Nicolás Maduro{PDF} en Caracas.",
            "Habló Nicolás Maduro en Caracas.",
            "Caracas",
            "Caracas",
            id="embedding-around-a-name",
        ),
        pytest.param(
            f"Empieza aquí.{BOM} Sigue en Caracas.", "Empieza aquí. Sigue en Caracas.", "Caracas", "Caracas", id="bom-mid-text"
        ),
        pytest.param(
            f"Habló con Nico{SHY}lás Maduro.", "Habló con Nicolás Maduro.", "Nicolás", f"Nico{SHY}lás", id="soft-hyphen-in-a-word"
        ),
        pytest.param(f"Vio a Del{WJ}cy Rodríguez.", "Vio a Delcy Rodríguez.", "Delcy", f"Del{WJ}cy", id="word-joiner"),
        pytest.param(
            f"{ZWSP}{RLM}Caracas,\u2066 20 ene{ZWSP}.\u2069 Llegó Maduro.",
            "Caracas, 20 ene. Llegó Maduro.",
            "Maduro",
            "Maduro",
            id="several-before-the-word",
        ),
    ],
)
def test_invisible_characters_leave_the_clean_text_and_raw_spans_still_fit(raw, clean_text, word, raw_word):
    doc = _clean(raw)
    assert doc.text == clean_text
    a, b = _raw_span(doc, word)
    assert raw[a:b] == raw_word


@pytest.mark.parametrize(
    "raw",
    [
        f"N{SHY}{BOM}icolás {BOM}N{SHY}icolás {BOM}Caracas.",
        "dijo\x00 dijo y di\x00jo.",
        f"Maduro{ZWSP} Maduro, MÃ©xico{RLM} México.",
        "0Â \x800Â",
    ],
    ids=["bom-and-soft-hyphen", "nul", "mojibake-on-the-same-line", "mojibake-between-equal-words"],
)
def test_a_word_repeated_on_the_line_keeps_its_own_raw_span(raw):
    """Each removal or repair is aligned where it was: the first of two equal words never maps to the second."""
    doc = _clean(raw)
    words = list(re.finditer(r"\w+", doc.text))
    spans = [(doc.offsets.to_raw(m.start()), doc.offsets.to_raw(m.end(), end=True)) for m in words]
    assert [repair_text(raw[a:b]) for a, b in spans] == [m.group() for m in words]
    assert all(end <= next_start for (_, end), (next_start, _) in zip(spans, spans[1:], strict=False))


def test_invisible_characters_inside_mojibake_are_repaired_first():
    """ "í" read as cp1252 is "Ã" + a soft hyphen: the repair sees the mojibake before the hyphen goes."""
    raw = "Llegó a BogotÃ¡ con MarÃ\u00ada Pérez."
    assert _clean(raw).text == "Llegó a Bogotá con María Pérez."


WORDS = st.sampled_from(["Caracas", "Nicolás", "Maduro", "40.000", "millones", "dijo", "año", "Ñuñoa", "12,5", "%", "el"])
INVISIBLES = st.sampled_from(
    sorted({ZWSP, RLM, LRE, PDF, BOM, WJ, SHY, "\u200c", "\u200d", "\u200e", "\u202e", "\u2066", "\u2069"})
)


EDGE_INVISIBLES = re.compile(rf"^{INVISIBLE.pattern}|{INVISIBLE.pattern}$")


@PROPERTY
@given(st.lists(st.tuples(WORDS, st.lists(st.tuples(st.integers(0, 12), INVISIBLES), max_size=3)), min_size=1, max_size=12))
def test_invisible_characters_anywhere_give_the_same_words_at_the_right_raw_offsets(words_and_marks):
    """Each word, with invisible characters put anywhere in or around it, comes out whole, and its raw
    span is that word as written, with the invisible characters inside it but not those around it."""
    raw_words = []
    for word, marks in words_and_marks:
        for pos, mark in sorted(marks, reverse=True):
            word = word[:pos] + mark + word[pos:]
        raw_words.append(word)
    raw = " ".join(raw_words) + "."
    doc = _clean(raw)
    visible = [INVISIBLE.sub("", w) for w in raw_words]
    assert doc.text == (" ".join(w for w in visible if w) + ".").strip()
    pos = 0
    for raw_word, word in zip(raw_words, visible, strict=True):
        if not word:
            continue
        start = doc.text.index(word, pos)
        pos = start + len(word)
        a, b = doc.offsets.to_raw(start), doc.offsets.to_raw(pos, end=True)
        assert raw[a:b] == EDGE_INVISIBLES.sub("", raw_word)


@pytest.fixture(scope="module")
def extract_text():
    import pipeline

    return pipeline.extract_text


def test_a_name_split_by_a_zero_width_space_is_found_whole(extract_text):
    raw = f"Llegó a Ca{ZWSP}racas el presidente."
    rows = extract_text(raw)
    caracas = rows[rows.text == "Caracas"]
    assert list(caracas.label) == ["LOC"]
    assert raw[caracas.raw_start.iloc[0] : caracas.raw_end.iloc[0]] == f"Ca{ZWSP}racas"


def test_a_number_split_by_a_zero_width_space_keeps_its_value(extract_text):
    rows = extract_text(f"El Gobierno pagará 40{ZWSP}000 millones de dólares.")
    money = rows[rows.label == "MONEY"]
    assert list(money.value_num) == [4e10]


# --- junk inside a line of prose: the junk goes, every word of the prose stays --

# Sentences as news sentences go: a subject (a full name, a surname, a given name the tables do not
# know, a place, an organisation, a determiner or adverb, a number, a quote, an apposition), a verb,
# then any words: names, places, numbers, accents.
SUBJECTS = [
    "Nicolás Maduro",
    "Maduro",
    "Delcy Rodríguez",
    "Andrés Manuel López Obrador",
    "María Fernanda Ñáñez",
    "Xiomara Castro",
    "Caracas",
    "Ciudad de México",
    "PDVSA",
    "El presidente",
    "La ministra",
    "Según la OPEP, el",
    "Después, Lavrov",
    "Por su parte, el canciller",
    "40 ministros",
    "«Nunca», dijo",
    "¿Quién",
    "Nicolás Maduro, presidente de Venezuela,",
    "Serguéi Lavrov y Delcy Rodríguez",
    "EE.UU.",
]
VERBS = ["llegó", "habló", "viajó", "anunció", "firmó", "dijo", "recibió", "creció"]
WORDS_INSIDE = [
    "a",
    "Bogotá",
    "en",
    "Moscú",
    "con",
    "Serguéi",
    "Lavrov",
    "sobre",
    "el",
    "12,5 %",
    "de",
    "inflación",
    "1.500",
    "millones",
    "dólares",
    "ayer",
    "según",
    "también",
    "acción",
    "económica",
    "año",
    "2021",
    "Perú",
    "Ñuñoa",
    "la",
    "reunión",
    "del",
    "Banco",
    "Central",
    "por",
    "ciento",
    "días",
    "junto",
    "al",
    "Gobierno",
    "Díaz-Canel",
    "EE.UU.",
    "y",
]
SENTENCES = st.builds(
    lambda subject, verb, words, end: " ".join([subject, verb, *words]) + end,
    st.sampled_from(SUBJECTS),
    st.sampled_from(VERBS),
    st.lists(st.sampled_from(WORDS_INSIDE), max_size=9),
    st.sampled_from([".", ".", "?", "!", "…"]),
)


@dataclass(frozen=True)
class JunkKind:
    """One kind of junk the cleaner knows, as written; ``gone`` must leave the clean text wherever it stands
    (None when the junk may stay as text: a byline or source whose name runs into the next sentence is
    prose as far as the cleaner can tell, and a copyright notice is kept as a footer)."""

    text: str
    gone: str | None
    where: str = "anywhere"  # or "start": a byline opens its paragraph; "caption": after an image


JUNK = [
    JunkKind("Foto: AFP", "Foto:"),
    JunkKind("Foto: Juan Pérez/EFE", "Foto:"),
    JunkKind("(Foto: Reuters/Carlos García)", "Foto:"),
    JunkKind("Fotografía: Archivo/RHC", "Fotografía:"),
    JunkKind("Imagen: Cortesía", "Imagen:"),
    JunkKind("Crédito: Getty Images", "Crédito:"),
    JunkKind("Foto: Juan Pérez", "Foto:"),
    JunkKind("FOTO: Prensa Presidencial", "FOTO:"),
    JunkKind("Foto: Ana María Gómez/AFP.", "Foto:"),
    JunkKind("(Fuente: PL)", "Fuente"),
    JunkKind("(Con información de EFE y AFP)", "Con información"),
    JunkKind("Fuente: Prensa Latina", "Fuente"),
    JunkKind("Con información de AFP", "Con información"),
    JunkKind("Fuente: Ministerio de Salud", None),
    JunkKind("Lee también: Sube el petróleo en Londres.", "Lee también"),
    JunkKind("Te puede interesar: [Sube el petróleo en Londres](https://x.example/1)", "Te puede interesar"),
    JunkKind("**Lee también:** [Sube el petróleo](https://x.example/1)", "Lee también"),
    JunkKind("LEA TAMBIÉN | Nieve en Madrid.", "LEA TAMBIÉN"),
    JunkKind("También puedes leer: ¿Qué pasará con el crudo?", "puedes leer"),
    JunkKind("Noticias relacionadas: [Nieve en Madrid](https://x.example/2)", "Noticias relacionadas"),
    JunkKind("© 2022 Diario El Ejemplo. Todos los derechos reservados.", None),
    JunkKind("Image not found or type unknown", "Image not found"),
    JunkKind("EFE/Archivo", "EFE/Archivo", where="caption"),
    JunkKind("Por Ana Gómez | 20 de enero de 2022", None, where="start"),
    JunkKind("Por: María José de la Fuente", None, where="start"),
    JunkKind("Por Ana Gómez, corresponsal en Caracas", None, where="start"),
    JunkKind("Redacción BBC Mundo", None, where="start"),
    JunkKind("Por EFE", None, where="start"),
]


def _line(before: list[str], junk: JunkKind, after: list[str]) -> tuple[str, str]:
    """The raw text (one line of prose with the junk inside) and the line itself."""
    if junk.where == "start":
        before = []
    line = " ".join([*before, junk.text, *after])
    return ("![](foto.jpg)\n\n" if junk.where == "caption" else "") + line, line


@PROPERTY
@given(st.lists(SENTENCES, min_size=1, max_size=2), st.sampled_from(JUNK), st.lists(SENTENCES, min_size=1, max_size=3))
def test_junk_inside_a_line_never_takes_a_word_of_the_prose_around_it(before, junk, after):
    """Every sentence around the junk is in the clean text whole, at raw offsets that hold it."""
    raw, _ = _line(before, junk, after)
    doc = _clean(raw, fmt="md")
    sentences = ([] if junk.where == "start" else before) + after
    for sentence in sentences:
        assert sentence in doc.text, (sentence, doc.text)
        start = doc.text.index(sentence)
        a, b = doc.offsets.to_raw(start), doc.offsets.to_raw(start + len(sentence), end=True)
        assert raw[a:b] == sentence
    if junk.gone is not None:
        assert junk.gone not in doc.text


@pytest.mark.parametrize("junk", [j for j in JUNK if j.gone is not None or j.where == "start"], ids=lambda j: j.text[:30])
def test_junk_on_its_own_line_goes_whole(junk):
    raw = ("" if junk.where == "start" else "El presidente habló.\n\n") + junk.text + "\n\nLuego se fue."
    if junk.where == "caption":
        raw = "![](foto.jpg)\n\nMaduro saluda a Lavrov. " + junk.text + "\n\nLuego se fue."
    doc = _clean(raw, fmt="md")
    expected = {"start": "Luego se fue.", "caption": "Maduro saluda a Lavrov.\n\nLuego se fue."}
    assert doc.text == expected.get(junk.where, "El presidente habló.\n\nLuego se fue.")


# --- where a credit ends, and prose that only looks like junk ----------------


@pytest.mark.parametrize(
    ("raw", "clean_text", "credit"),
    [
        pytest.param(
            "Maduro en Miraflores. Foto: AFP Nicolás Maduro llegó a Caracas.",
            "Maduro en Miraflores.\n\nNicolás Maduro llegó a Caracas.",
            "AFP",
            id="an-agency-ends-it",
        ),
        pytest.param(
            "Maduro en Miraflores. Foto: Juan Pérez/EFE Delcy Rodríguez habló.",
            "Maduro en Miraflores.\n\nDelcy Rodríguez habló.",
            "Juan Pérez/EFE",
            id="person-then-agency",
        ),
        pytest.param(
            "Maduro en Miraflores. Foto: Reuters/Carlos García La ministra habló.",
            "Maduro en Miraflores.\n\nLa ministra habló.",
            "Reuters/Carlos García",
            id="a-sentence-opener-ends-it",
        ),
        pytest.param(
            "Maduro en Miraflores. Foto: Juan Pérez Nicolás Maduro llegó.",
            "Maduro en Miraflores.\n\nNicolás Maduro llegó.",
            "Juan Pérez",
            id="a-new-given-name-ends-it",
        ),
        pytest.param(
            "Maduro en Miraflores. Foto: Juan Pérez Maduro llegó.",
            "Maduro en Miraflores.\n\nMaduro llegó.",
            "Juan Pérez",
            id="given-name-and-one-surname",
        ),
        pytest.param(
            "Maduro en Miraflores Foto: AFP. La ministra habló.",
            "Maduro en Miraflores\n\nLa ministra habló.",
            "AFP",
            id="its-full-stop-goes-with-it",
        ),
        pytest.param("El acto (Foto: AFP) fue breve.", "El acto fue breve.", "AFP", id="parenthesised-inside-a-sentence"),
        pytest.param(
            "Foto: EFE Maduro, Cabello y Rodríguez llegaron.",
            "Maduro, Cabello y Rodríguez llegaron.",
            "EFE",
            id="opening-the-text",
        ),
    ],
)
def test_an_inline_photo_credit_ends_where_its_name_does(raw, clean_text, credit):
    doc = _clean(raw)
    assert doc.text == clean_text
    assert doc.metadata["photo_credit"] == credit


def test_a_credit_whose_end_is_unknown_keeps_the_fewest_words():
    """ "Prensa Presidencial Delcy Rodríguez habló": where the credit ends is unknown; a scrap of it stays."""
    doc = _clean("Foto: Prensa Presidencial Delcy Rodríguez habló en Caracas.")
    assert doc.text == "Presidencial Delcy Rodríguez habló en Caracas."
    assert doc.metadata["photo_credit"] == "Prensa"


@pytest.mark.parametrize(
    ("raw", "clean_text", "key", "value"),
    [
        pytest.param("(Fuente: PL) Maduro llegó.", "Maduro llegó.", "source_credit", "PL", id="source-parenthesised"),
        pytest.param(
            "Maduro llegó (Con información de AFP y EFE) a Caracas.",
            "Maduro llegó a Caracas.",
            "source_credit",
            "AFP y EFE",
            id="source-inside-a-sentence",
        ),
        pytest.param(
            "Maduro llegó. Fuente: Prensa Latina La ministra habló.",
            "Maduro llegó.\n\nLa ministra habló.",
            "source_credit",
            "Prensa Latina",
            id="source-inline",
        ),
        pytest.param(
            "Por Ana Gómez | 20 de enero de 2022 Caracas, 20 ene (EFE).- El presidente habló.",
            "Caracas, 20 ene (EFE)\n\nEl presidente habló.",
            "author",
            "Ana Gómez",
            id="byline-then-dateline",
        ),
        pytest.param(
            "Por Ana Gómez, corresponsal en Caracas El presidente habló.",
            "El presidente habló.",
            "author",
            "Ana Gómez",
            id="byline-with-role",
        ),
        pytest.param(
            "Redacción: Ana Gómez\n\nEl presidente habló.", "El presidente habló.", "author", "Ana Gómez", id="redaccion-colon"
        ),
        pytest.param(
            "Maduro llegó. Lee también: EE.UU. sanciona a Venezuela. Lavrov respondió.",
            "Maduro llegó.\n\nLavrov respondió.",
            None,
            None,
            id="teaser-headline-to-its-sentence-end",
        ),
        pytest.param(
            "Maduro llegó. Lee también: [Sube el petróleo](https://x.example/1) El presidente habló.",
            "Maduro llegó.\n\nEl presidente habló.",
            None,
            None,
            id="teaser-headline-a-link",
        ),
        pytest.param(
            "Maduro llegó. Image not found or type unknown El presidente habló.",
            "Maduro llegó.\n\nEl presidente habló.",
            None,
            None,
            id="image-notice-inline",
        ),
    ],
)
def test_inline_junk_goes_and_the_prose_stays(raw, clean_text, key, value):
    doc = _clean(raw, fmt="md")
    assert doc.text == clean_text
    if key is not None:
        assert doc.metadata[key] == value


@pytest.mark.parametrize(
    "paragraph",
    [
        "Por Venezuela, Maduro dijo que sí.",
        "Por Semana Santa, el tráfico aumentó en Caracas.",
        "Por Nicolás Maduro fue recibido el ministro.",
        "Fuentes oficiales confirmaron la muerte de Pérez.",
        "Con información de la policía, Maduro llegó a Caracas.",
        "Fuente: Ministerio de Salud Nicolás Maduro dijo que sí.",
        "En la foto: Maduro y Lavrov en Miraflores.",
        "Redacción de la ley: el Congreso aprobó el texto.",
        "Noticias relacionadas con el caso llegaron de Madrid.",
        "Maduro llegó a EE.UU. también te puede interesar saber que llovía.",
    ],
)
def test_prose_that_looks_like_junk_stays_whole(paragraph):
    assert _clean(paragraph).text == paragraph


def test_a_credit_inside_a_one_line_article_leaves_the_entities_after_it(extract_text):
    raw = (
        "El presidente Nicolás Maduro llegó a Caracas. Foto: AFP Después, Delcy Rodríguez habló en Madrid "
        "sobre el 12 % de inflación."
    )
    rows = extract_text(raw)
    found = {(r.text, r.label) for r in rows.itertuples()}
    assert {("Delcy Rodríguez", "PERSON"), ("Madrid", "LOC"), ("12 %", "PERCENT")} <= found
    assert all(raw[r.raw_start : r.raw_end] == r.text for r in rows.itertuples())
