"""Fuzzing: the readers and the cleaner never raise on arbitrary bytes or text, and offsets stay valid."""

from __future__ import annotations

import io
import re

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from pipeline.documents import RawDocument
from pipeline.ingest import read as read_module
from pipeline.ingest.clean import clean
from pipeline.ingest.read import DecodeError, decode, read_stdin
from pipeline.ingest.repair import repair, repair_text

FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Text that looks like scraped news: markup, credits, bylines and teasers inside lines, mojibake, odd
# whitespace, control and invisible characters.
PIECES = st.sampled_from(
    [
        "# ",
        "## ",
        "**",
        "*",
        "_",
        "[",
        "](",
        ")",
        "(",
        "![img](x.jpg)",
        "<https://x.example/a>",
        "https://x.example",
        "\n",
        "\n\n",
        "\r\n",
        "\r",
        "\x00",
        "\u2028",
        "\ufeff",
        " ",
        "\t",
        "---",
        "Foto: EFE",
        "EFE/Archivo",
        "(Fuente: PL)",
        "Por Ana Gómez",
        "Lee también:",
        "Caracas, 20 ene (EFE).- ",
        "Image not found or type unknown",
        "MÃ©xico",
        "Ã±",
        "â€œ",
        "e\u0301",
        "Ñuñoa",
        "“sí”",
        "«no»",
        "Nicolás Maduro",
        "12 %",
        "©",
        "<b>",
        "</b>",
        "\ud800",
        "ﬁ",
        "Ａ",
        "\u200b",
        "\u00ad",
        "\u200f",
        "\u202e",
        "\u2066",
        "\u2060",
        "Ã\u00ad",
        "Foto: Juan Pérez ",
        "(Con información de AFP)",
        "Redacción BBC Mundo ",
        "También puedes leer: ",
        "Por Ana Gómez | 20 de enero ",
        "EFE/Archivo ",
        ". ",
        "© 2022 Diario. ",
        "Lee también: [Nieve](https://x.example/2) ",
    ]
)
NEWSY = st.lists(st.one_of(PIECES, st.text(max_size=8)), max_size=40).map("".join)
TEXTS = st.one_of(st.text(max_size=300), NEWSY)


def _check_document(raw_text: str) -> None:
    """Blocks inside the clean text; every clean word maps to a raw span that holds it.

    The word's characters are checked, in order, in the repaired text between
    the cleaner's offsets (markup inside it aside); the repair's own alignment
    is checked separately (`test_fuzz_repair_alignment_tiles_both_texts`), and
    where the repair changed nothing the raw span itself is checked.
    """
    doc = clean(RawDocument("d", "f.md", text=raw_text, fmt="md"))
    repaired = repair_text(raw_text)
    n = len(raw_text)
    for block in doc.blocks:
        assert 0 <= block.start <= block.end <= len(doc.text)
    for m in re.finditer(r"\S+", doc.text):
        a, b = doc.offsets.to_raw(m.start()), doc.offsets.to_raw(m.end(), end=True)
        assert 0 <= a < b <= n, (m.group(), a, b)
        sa, sb = doc.offsets.to_source(m.start()), doc.offsets.to_source(m.end(), end=True)
        found = repaired[sa:sb] if doc.offsets.base is not None else raw_text[a:b]
        chars = iter(found)
        assert found[:1] == m.group()[:1] and found[-1:] == m.group()[-1:], (m.group(), found)
        assert all(c in chars for c in m.group()), (m.group(), found)


@FUZZ
@given(TEXTS)
@example("Ã ")  # ftfy reads "Ã" + space as "à" (a lost no-break space): context-dependent repair
@example("**Foto: EFE/Archivo** MÃ©xico\r\n\x00Caracas, 20 ene (EFE).- Maduro")
def test_fuzz_clean_never_raises_and_offsets_stay_valid(text):
    _check_document(text)


@FUZZ
@given(TEXTS)
def test_fuzz_repair_alignment_tiles_both_texts(text):
    fixed, alignment = repair(text)
    assert fixed == repair_text(text)
    new_pos = old_pos = 0
    for new_start, new_end, old_start, old_end, equal in alignment._segments:
        assert (new_start, old_start) == (new_pos, old_pos)
        if equal:
            assert fixed[new_start:new_end] == text[old_start:old_end]
        new_pos, old_pos = new_end, old_end
    assert (new_pos, old_pos) == (len(fixed), len(text))


@FUZZ
@given(st.binary(max_size=600))
def test_fuzz_decode_gives_text_or_a_decode_error(data):
    try:
        text, encoding = decode(data)
    except DecodeError as exc:
        assert str(exc)
    else:
        assert isinstance(text, str) and encoding


@FUZZ
@given(st.binary(max_size=400), st.sampled_from([".txt", ".md", ".html", ".jsonl", ".json", ".csv", ".parquet"]))
def test_fuzz_every_reader_gives_rows_never_an_exception(tmp_path_factory, data, suffix):
    path = tmp_path_factory.mktemp("fuzz") / f"input{suffix}"
    path.write_bytes(data)
    docs = list(read_module.read_file(path))
    assert docs
    for doc in docs:
        assert doc.status in ("ok", "error", "skipped")
        assert doc.status == "ok" or doc.error  # an ok row may carry a warning (bytes replaced)
        if doc.status == "ok":
            _check_document(doc.text)


@FUZZ
@given(
    st.lists(
        st.one_of(
            st.binary(max_size=60),
            st.sampled_from([b'{"text": "Hola, Caracas."}', b"{", b"[]", b'{"text": 1}', b'{"id": null, "text": ""}']),
        ),
        max_size=8,
    )
)
def test_fuzz_stdin_jsonl_rows(lines):
    docs = list(read_stdin(io.BytesIO(b'{"text": "x"}\n' + b"\n".join(lines))))
    assert docs and all(d.status in ("ok", "error") for d in docs)
