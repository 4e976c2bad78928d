"""The cleaner: each kind of scraped-article junk, and the way back to raw offsets."""

from __future__ import annotations

import re

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
    assert doc.text[caption.start:caption.end] == "Los jefes de Estado reunidos."
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
    assert doc.text[body.start:body.end] == "El presidente habló."
    assert (doc.metadata["dateline_place"], doc.metadata["dateline_date"], doc.metadata["agency"]) == (
        place, date, agency)


def test_clean_seed_sections_and_offsets(seed_text):
    doc = clean(RawDocument("seed", "seed.txt", text=seed_text))
    assert [b.section for b in doc.blocks][:3] == ["title", "caption", "dateline"]
    assert "Image not found" not in doc.text and "**" not in doc.text and "http" not in doc.text
    assert "Radio Habana Cuba" not in doc.text and "Fuente" not in doc.text
    _assert_offsets_map_back(doc, seed_text)


def test_clean_text_without_markup_is_unchanged():
    raw = "Una línea.\nOtra línea del mismo párrafo."
    assert _clean(raw).text == raw
