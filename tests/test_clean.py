"""The cleaner: each kind of scraped-article junk, and the way back to raw offsets."""

from __future__ import annotations

import re

import ftfy.bad_codecs  # noqa: F401  (registers "sloppy-windows-1252", how mojibake is made)
import pytest

from pipeline.documents import RawDocument
from pipeline.ingest.clean import clean


def _clean(text: str):
    return clean(RawDocument("d", "t.md", text=text, fmt="md"))


def _is_subsequence(word: str, raw: str) -> bool:
    chars = iter(raw)
    return all(c in chars for c in word)


def _assert_offsets_map_back(doc, raw: str) -> None:
    """Every word of the clean text is at its mapped raw offsets, markup inside it aside."""
    for m in re.finditer(r"\S+", doc.text):
        a, b = doc.offsets.to_raw(m.start()), doc.offsets.to_raw(m.end(), end=True)
        word, found = m.group(), raw[a:b]
        assert found[0] == word[0] and found[-1] == word[-1] and _is_subsequence(word, found), (word, found)


@pytest.mark.parametrize(
    ("raw", "clean_text"),
    [
        pytest.param("Texto.\n\nImage not found or type unknown\n\nMás texto.", "Texto.\n\nMás texto.", id="image-placeholder"),
        pytest.param("Texto.\n\n![foto](http://x.com/a.jpg)\n\nMás.", "Texto.\n\nMás.", id="markdown-image"),
        pytest.param("# Un título\n\nCuerpo del texto.", "Un título\n\nCuerpo del texto.", id="heading"),
        pytest.param("Dijo que **sí** y *no*.", "Dijo que sí y no.", id="bold-italic"),
        pytest.param("Según [la ONU](http://un.org) hay paz.", "Según la ONU hay paz.", id="link"),
        pytest.param("Uno.\n\n---\n\nDos.", "Uno.\n\nDos.", id="horizontal-rule"),
        pytest.param("Texto final.\n\n<https://example.com/nota-1>", "Texto final.", id="bare-url-line"),
        pytest.param("Texto final.\n\n<https://example.com/n>\n\n**Radio Habana Cuba**", "Texto final.", id="publisher-footer"),
        pytest.param("Fin del texto. **(Fuente: [PL](#))**", "Fin del texto.", id="source-footer"),
    ],
)
def test_clean_removes_junk(raw, clean_text):
    doc = _clean(raw)
    assert doc.text == clean_text
    _assert_offsets_map_back(doc, raw)


def test_clean_keeps_url_and_publisher_as_metadata():
    doc = _clean("Texto.\n\n<https://example.com/n>\n\n**Radio Habana Cuba**")
    assert doc.metadata["url"] == "https://example.com/n"
    assert doc.metadata["publisher"] == "Radio Habana Cuba"


def test_clean_keeps_source_footer_as_metadata():
    assert _clean("Fin. **(Fuente: [PL](#))**").metadata["source_credit"] == "PL"


def test_clean_caption_loses_photo_credit():
    raw = "Image not found or type unknown\n\n**Los jefes de Estado reunidos. Foto: Archivo/RHC**\n\nCuerpo."
    doc = _clean(raw)
    assert [b.section for b in doc.blocks] == ["caption", "body"]
    caption = doc.blocks[0]
    assert doc.text[caption.start : caption.end] == "Los jefes de Estado reunidos."
    assert doc.metadata["photo_credit"] == "Archivo/RHC"
    _assert_offsets_map_back(doc, raw)


@pytest.mark.parametrize(
    ("opening", "place", "date", "agency"),
    [
        ("La Habana, 20 ene (RHC) El presidente habló.", "La Habana", "20 ene", "RHC"),
        ("Madrid, 5 de enero (EFE).- El presidente habló.", "Madrid", "5 de enero", "EFE"),
        ("Caracas, 3 mar. 2021 (AFP) - El presidente habló.", "Caracas", "3 mar. 2021", "AFP"),
    ],
)
def test_clean_splits_the_dateline(opening, place, date, agency):
    doc = _clean(opening)
    sections = [b.section for b in doc.blocks]
    assert sections == ["dateline", "body"]
    body = doc.blocks[1]
    assert doc.text[body.start : body.end] == "El presidente habló."
    assert (doc.metadata["dateline_place"], doc.metadata["dateline_date"], doc.metadata["agency"]) == (place, date, agency)


def test_clean_seed_sections_and_offsets(seed_text):
    doc = clean(RawDocument("seed", "seed.txt", text=seed_text))
    assert [b.section for b in doc.blocks][:3] == ["title", "caption", "dateline"]
    assert "Image not found" not in doc.text and "**" not in doc.text and "http" not in doc.text
    assert "Radio Habana Cuba" not in doc.text and "Fuente" not in doc.text
    _assert_offsets_map_back(doc, seed_text)


def test_clean_text_without_markup_is_unchanged():
    raw = "Una línea.\nOtra línea del mismo párrafo."
    assert _clean(raw).text == raw


# --- scraped-news junk: bylines, teasers, credits, footers ------------------


@pytest.mark.parametrize(
    ("raw", "clean_text", "key", "value"),
    [
        pytest.param(
            "Por Ana Gómez | 20 de enero de 2022\n\nEl presidente habló.",
            "El presidente habló.",
            "author",
            "Ana Gómez",
            id="byline-por",
        ),
        pytest.param(
            "Por: María José de la Fuente\n\nEl presidente habló.",
            "El presidente habló.",
            "author",
            "María José de la Fuente",
            id="byline-por-colon",
        ),
        pytest.param(
            "Redacción BBC Mundo\n\nEl presidente habló.",
            "El presidente habló.",
            "author",
            "Redacción BBC Mundo",
            id="byline-desk",
        ),
        pytest.param("El presidente habló.\n\nFoto: EFE", "El presidente habló.", "photo_credit", "EFE", id="credit-line"),
        pytest.param(
            "El presidente habló.\n\n(Foto: Reuters/Carlos García)",
            "El presidente habló.",
            "photo_credit",
            "Reuters/Carlos García",
            id="credit-line-parenthesised",
        ),
        pytest.param(
            "El presidente habló.\n\nEFE/Archivo", "El presidente habló.", "photo_credit", "EFE/Archivo", id="agency-archive-line"
        ),
        pytest.param(
            "El presidente habló.\n\nFuente: Prensa Latina",
            "El presidente habló.",
            "source_credit",
            "Prensa Latina",
            id="source-line",
        ),
        pytest.param(
            "El presidente habló.\n\nCon información de AFP",
            "El presidente habló.",
            "source_credit",
            "AFP",
            id="con-informacion-de",
        ),
    ],
)
def test_clean_moves_credit_lines_into_metadata(raw, clean_text, key, value):
    doc = _clean(raw)
    assert doc.text == clean_text
    assert doc.metadata[key] == value
    _assert_offsets_map_back(doc, raw)


@pytest.mark.parametrize(
    "raw",
    [
        "Por Tomás Herrero Sáez Bilbao , 9 jun ( EFE ) .",  # CoNLL-2002's tokenised layout
        "Por Marta Liriano Santo Domingo, 14 jun (EFE).",
        "Por Laura Méndez Quito ( Ecuador ) , 12 jun ( EFE ) .",
    ],
)
def test_a_byline_that_runs_into_a_dateline_stays_text(raw):
    """The place, date and agency are the story's: the line is not dropped as a byline."""
    doc = _clean(raw + "\n\nEl presidente habló.")
    assert doc.text.startswith(raw.rstrip(" ."))
    assert "author" not in doc.metadata
    assert not doc.metadata.get("dateline_place", "").startswith("Por")  # the author is not the place
    _assert_offsets_map_back(doc, raw + "\n\nEl presidente habló.")


@pytest.mark.parametrize(
    "teaser",
    [
        "Lee también: Sube el petróleo en Londres",
        "**Lee también:** [Sube el petróleo en Londres](https://x.example/1)",
        "LEA TAMBIÉN | Sube el petróleo en Londres",
        "Te puede interesar: Sube el petróleo en Londres",
        "Noticias relacionadas",
        "- [Sube el petróleo en Londres](https://x.example/1)",
        "[Sube el petróleo en Londres](https://x.example/1)",
    ],
)
def test_clean_drops_teasers_and_link_lists(teaser):
    raw = f"El presidente habló.\n\n{teaser}\n\nLuego se fue."
    doc = _clean(raw)
    assert doc.text == "El presidente habló.\n\nLuego se fue."
    _assert_offsets_map_back(doc, raw)


@pytest.mark.parametrize(
    "paragraph",
    [
        "Por su parte, el dignatario bolivariano agradeció el apoyo.",
        "Por Venezuela hablaron tres ministros.",
        "Por ello, la OPEP decidió recortar la producción.",
        "Redactó el decreto el ministro de Exteriores.",
        "Leer es un derecho, dijo el ministro de Cultura.",
        "Relacionados con el caso hay tres detenidos.",
        "La agencia EFE informó de la reunión en Madrid.",
        "El portavoz de AFP en Madrid no quiso comentar.",
        "Fuentes del ministerio confirmaron la reunión con la prensa extranjera y con las agencias de noticias.",
    ],
)
def test_clean_keeps_body_paragraphs_that_look_like_junk(paragraph):
    raw = f"El presidente habló.\n\n{paragraph}"
    doc = _clean(raw)
    assert doc.text == raw
    assert [b.section for b in doc.blocks] == ["body", "body"]


def test_clean_caption_after_image_loses_agency_credit():
    raw = "![](foto.jpg)\n\nNicolás Maduro saluda a Serguéi Lavrov en Miraflores. EFE/Archivo\n\nCuerpo del artículo."
    doc = _clean(raw)
    assert [b.section for b in doc.blocks] == ["caption", "body"]
    assert doc.text.startswith("Nicolás Maduro saluda a Serguéi Lavrov en Miraflores.\n\n")
    assert doc.metadata["photo_credit"] == "EFE/Archivo"
    _assert_offsets_map_back(doc, raw)


def test_clean_copyright_line_is_a_footer_block():
    doc = _clean("El presidente habló.\n\n© 2022 Diario El Ejemplo. Todos los derechos reservados.")
    assert [b.section for b in doc.blocks] == ["body", "footer"]


# --- repair: mojibake, NFC, line breaks, NUL; offsets into the decoded text --

REPAIRED = "El presidente de México, Andrés Manuel López Obrador, dijo “sí” en Ñuñoa."


@pytest.mark.parametrize(
    "decoded",
    [
        pytest.param(REPAIRED.encode("utf-8").decode("sloppy-windows-1252"), id="mojibake-utf8-as-cp1252"),
        pytest.param(REPAIRED.encode("utf-8").decode("latin-1"), id="mojibake-utf8-as-latin1"),
        pytest.param(__import__("unicodedata").normalize("NFD", REPAIRED), id="nfd"),
        pytest.param(REPAIRED.replace("México", "Mé\x00xico").replace(" dijo", "\x00 dijo"), id="nul-bytes"),
        pytest.param(REPAIRED.replace(", dijo", ",\r\ndijo"), id="crlf"),
        pytest.param(REPAIRED.replace(", dijo", ",\rdijo"), id="cr-only"),
        pytest.param(REPAIRED.replace(", dijo", ",\u2028dijo"), id="line-separator"),
    ],
)
def test_clean_repairs_the_text_and_maps_back_to_the_decoded_text(decoded):
    from pipeline.ingest.repair import repair_text

    doc = _clean(decoded)
    assert doc.text.replace("\n", " ") == REPAIRED
    for word in ("México", "Andrés Manuel López Obrador", "“sí”", "Ñuñoa"):
        start = doc.text.replace("\n", " ").index(word)
        a, b = doc.offsets.to_raw(start), doc.offsets.to_raw(start + len(word), end=True)
        assert repair_text(decoded[a:b]).replace("\n", " ") == word


def test_clean_keeps_typographic_quotes():
    assert _clean("Dijo «sí» y “no” y ‘quizá’.").text == "Dijo «sí» y “no” y ‘quizá’."


@pytest.mark.parametrize("agency", ["EFE .", "Reuters.", "AFP"])
def test_an_agency_name_alone_outside_a_caption_stays_text(agency):
    """A paragraph that is only the agency's name is read (an ORG); "EFE/Archivo" is a credit."""
    raw = f"El presidente habló ayer.\n\n{agency}"
    assert _clean(raw).text.endswith(agency)
    assert "EFE/Archivo" not in _clean("El presidente habló ayer.\n\nEFE/Archivo").text
