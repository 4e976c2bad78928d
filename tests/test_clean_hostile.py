"""Hostile input for the cleaner: invisible characters inside words, and junk inside a line of prose."""

from __future__ import annotations

import re

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
        pytest.param(f"Llegó a Ca{ZWSP}racas el presidente.", "Llegó a Caracas el presidente.", "Caracas",
                     f"Ca{ZWSP}racas", id="zero-width-space-in-a-name"),
        pytest.param(f"Costó 40{ZWSP}000 millones de dólares.", "Costó 40000 millones de dólares.", "40000",
                     f"40{ZWSP}000", id="zero-width-space-in-a-number"),
        pytest.param(f"Habló {RLM}Nicolás Maduro{RLM} en Caracas.", "Habló Nicolás Maduro en Caracas.", "Nicolás Maduro",
                     "Nicolás Maduro", id="right-to-left-marks-around-a-name"),
        pytest.param(f"Habló {LRE}Nicolás Maduro{PDF} en Caracas.", "Habló Nicolás Maduro en Caracas.", "Caracas",
                     "Caracas", id="embedding-around-a-name"),
        pytest.param(f"Empieza aquí.{BOM} Sigue en Caracas.", "Empieza aquí. Sigue en Caracas.", "Caracas", "Caracas",
                     id="bom-mid-text"),
        pytest.param(f"Habló con Nico{SHY}lás Maduro.", "Habló con Nicolás Maduro.", "Nicolás", f"Nico{SHY}lás",
                     id="soft-hyphen-in-a-word"),
        pytest.param(f"Vio a Del{WJ}cy Rodríguez.", "Vio a Delcy Rodríguez.", "Delcy", f"Del{WJ}cy", id="word-joiner"),
        pytest.param(f"{ZWSP}{RLM}Caracas,\u2066 20 ene{ZWSP}.\u2069 Llegó Maduro.", "Caracas, 20 ene. Llegó Maduro.",
                     "Maduro", "Maduro", id="several-before-the-word"),
    ],
)
def test_invisible_characters_leave_the_clean_text_and_raw_spans_still_fit(raw, clean_text, word, raw_word):
    doc = _clean(raw)
    assert doc.text == clean_text
    a, b = _raw_span(doc, word)
    assert raw[a:b] == raw_word


@pytest.mark.parametrize(
    "raw",
    [f"N{SHY}{BOM}icolás {BOM}N{SHY}icolás {BOM}Caracas.", "dijo\x00 dijo y di\x00jo.",
     f"Maduro{ZWSP} Maduro, MÃ©xico{RLM} México."],
    ids=["bom-and-soft-hyphen", "nul", "mojibake-on-the-same-line"],
)
def test_a_word_repeated_on_the_line_keeps_its_own_raw_span(raw):
    """Each removal is aligned where it was: the first of two equal words never maps to the second."""
    doc = _clean(raw)
    words = list(re.finditer(r"\w+", doc.text))
    spans = [(doc.offsets.to_raw(m.start()), doc.offsets.to_raw(m.end(), end=True)) for m in words]
    assert [repair_text(raw[a:b]) for a, b in spans] == [m.group() for m in words]
    assert all(end <= next_start for (_, end), (next_start, _) in zip(spans, spans[1:], strict=False))


def test_invisible_characters_inside_mojibake_are_repaired_first():
    """"í" read as cp1252 is "Ã" + a soft hyphen: the repair sees the mojibake before the hyphen goes."""
    raw = "Llegó a BogotÃ¡ con MarÃ\u00ada Pérez."
    assert _clean(raw).text == "Llegó a Bogotá con María Pérez."


WORDS = st.sampled_from(["Caracas", "Nicolás", "Maduro", "40.000", "millones", "dijo", "año", "Ñuñoa", "12,5", "%", "el"])
INVISIBLES = st.sampled_from(sorted({ZWSP, RLM, LRE, PDF, BOM, WJ, SHY, "\u200c", "\u200d", "\u200e", "\u202e",
                                     "\u2066", "\u2069"}))


EDGE_INVISIBLES = re.compile(rf"^{INVISIBLE.pattern}|{INVISIBLE.pattern}$")


@PROPERTY
@given(st.lists(st.tuples(WORDS, st.lists(st.tuples(st.integers(0, 12), INVISIBLES), max_size=3)), min_size=1,
                max_size=12))
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
    assert raw[caracas.raw_start.iloc[0]:caracas.raw_end.iloc[0]] == f"Ca{ZWSP}racas"


def test_a_number_split_by_a_zero_width_space_keeps_its_value(extract_text):
    rows = extract_text(f"El Gobierno pagará 40{ZWSP}000 millones de dólares.")
    money = rows[rows.label == "MONEY"]
    assert list(money.value_num) == [4e10]
