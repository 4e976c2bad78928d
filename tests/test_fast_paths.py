"""The fast paths (issue 7) find exactly what the plain code found.

Each fast path is checked against the plain form it replaces, on table-driven
cases and on the MEANTIME articles (skipped when ../shared/data is absent).
"""

from __future__ import annotations

import json
import re

import pytest

from pipeline.values.dates import patterns as P
from pipeline.values.dates.reading import anchor_spans
from tests.conftest import shared_data


def _meantime_texts(limit: int = 40) -> list[str]:
    path = shared_data("meantime-es", "articles.jsonl")
    with open(path, encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh][:limit]
    return [f"{r['title']}\n\n{r['text']}" for r in rows]


# ------------------------------------------------------------ date anchors

# The anchors as they were before the first-letter lookahead: the reference.
PLAIN_ANCHORS = {
    "month": (P.MONTH_ANCHOR, re.compile(rf"\b(?:{P._alt(P.MONTHS)})\b", re.IGNORECASE)),
    "weekday": (P.WEEKDAY_ANCHOR, re.compile(rf"\b(?:{P._alt(P.WEEKDAYS)})\b", re.IGNORECASE)),
    "unit": (P.UNIT_ANCHOR, re.compile(r"\b(?:año|mes|semana|trimestre|semestre)\b", re.IGNORECASE)),
    "season": (P.SEASON_ANCHOR, re.compile(rf"\b(?:{P._alt(P.SEASONS)})\b", re.IGNORECASE)),
    "weekend": (P.WEEKEND_ANCHOR, re.compile(r"\bfin\s+de\s+semana\b", re.IGNORECASE)),
}
ANCHOR_FORMS = (
    [("month", f) for f in P.MONTHS]
    + [("weekday", f) for f in P.WEEKDAYS]
    + [("unit", f) for f in ("año", "mes", "semana", "trimestre", "semestre")]
    + [("season", f) for f in P.SEASONS]
    + [("weekend", "fin de semana")]
)


def _cases(form: str) -> list[str]:
    return [form, form[0].upper() + form[1:], form.upper()]


@pytest.mark.parametrize(("kind", "form"), ANCHOR_FORMS, ids=[f"{k}-{f}" for k, f in ANCHOR_FORMS])
def test_date_anchor_finds_every_form_in_any_case(kind, form):
    anchor, plain = PLAIN_ANCHORS[kind]
    for written in _cases(form):
        text = f"Lo dijo el {written}, en Caracas ({written})."
        expected = [m.span() for m in plain.finditer(text)]
        assert len(expected) == 2
        assert [m.span() for m in anchor.finditer(text)] == expected


# A form inside a longer word is no anchor hit.
NOT_ANCHORS = [
    ("month", "Mayorga"),
    ("month", "Marzocchi"),
    ("month", "enerogía"),
    ("weekday", "Lunesco"),
    ("unit", "semanario"),
    ("unit", "mesa"),
    ("unit", "añoranza"),
    ("season", "veranos2"),
    ("weekend", "fin de semanas"),
]


@pytest.mark.parametrize(("kind", "text"), NOT_ANCHORS, ids=[t for _, t in NOT_ANCHORS])
def test_date_anchor_ignores_a_form_inside_a_longer_word(kind, text):
    anchor, plain = PLAIN_ANCHORS[kind]
    assert list(anchor.finditer(text)) == list(plain.finditer(text)) == []


@pytest.mark.parametrize("kind", list(PLAIN_ANCHORS))
def test_date_anchor_matches_the_plain_alternation_on_meantime(kind):
    anchor, plain = PLAIN_ANCHORS[kind]
    for text in _meantime_texts():
        assert [m.span() for m in anchor.finditer(text)] == [m.span() for m in plain.finditer(text)]


def _spec_inputs(model: str = "DateTime") -> list[str]:
    """The inputs of every Recognizers-Text Spanish spec of ``model`` ("DateTime", "NumberWithUnit")."""
    folder = shared_data("recognizers-text-es", "Specs", model, "Spanish")
    inputs = []
    for path in sorted(folder.glob("*.json")):
        inputs += [case["Input"] for case in json.loads(path.read_text(encoding="utf-8-sig"))]
    return inputs


LOOKAHEAD = re.compile(r"\(\?=\[[^\]]*\]\)")
WHOLE_TEXT_PATTERNS = {
    name: value for name, value in vars(P).items() if isinstance(value, re.Pattern) and LOOKAHEAD.search(value.pattern)
}
WHOLE_TEXT_PATTERNS["words_pattern"] = P.words_pattern()


def test_whole_text_date_patterns_open_with_a_first_letter_lookahead():
    assert {"NUMERIC_DMY", "BARE_MONTH", "YEAR", "EDGE_YEAR", "THEN", "MONTH_ANCHOR"} <= set(WHOLE_TEXT_PATTERNS)


@pytest.mark.parametrize("name", sorted(WHOLE_TEXT_PATTERNS))
def test_date_pattern_finds_what_it_finds_without_its_lookahead(name):
    """The lookahead only skips positions where no match can start: same matches, same groups."""
    pattern = WHOLE_TEXT_PATTERNS[name]
    plain = re.compile(LOOKAHEAD.sub("", pattern.pattern), pattern.flags)
    assert plain.pattern != pattern.pattern
    texts = _meantime_texts(120) + _spec_inputs()
    for text in texts:
        fast = [(m.span(), m.groupdict()) for m in pattern.finditer(text)]
        assert fast == [(m.span(), m.groupdict()) for m in plain.finditer(text)], text[:80]
    assert sum(1 for text in texts for _ in pattern.finditer(text)) > 0  # the texts exercise the pattern


def test_currency_before_a_number_is_found_as_without_the_lookahead():
    """`CurrencyLexicon.before` searches back from each number: same match with and without the lookahead."""
    from pipeline.values.money import currency_lexicon
    from pipeline.values.number_scan import find_numbers

    fast = currency_lexicon().before_re
    lookahead = fast.pattern[fast.pattern.index("(?=[") : fast.pattern.index("(?P<form>")]
    plain = re.compile(fast.pattern.replace(lookahead, "", 1), fast.flags)
    assert lookahead.endswith("]))") and plain.pattern.startswith(r"(?<![^\W\d_])(?P<form>")
    found = 0
    for text in _meantime_texts(120) + _spec_inputs("NumberWithUnit"):
        for n in find_numbers(text):
            for pos in (n.start, n.end):
                a = fast.search(text, max(0, pos - 40), pos)
                b = plain.search(text, max(0, pos - 40), pos)
                assert (a and (a.span(), a["form"])) == (b and (b.span(), b["form"])), text[max(0, pos - 40) : pos]
                found += a is not None
    assert found > 50  # the texts put currencies before numbers


def test_anchor_spans_are_the_anchor_hits_for_each_text():
    first, second = "Llegó el 5 de enero y se fue en marzo.", "Nada de fechas aquí."
    assert anchor_spans(P.MONTH_ANCHOR, first) == ((14, 19), (32, 37))
    assert anchor_spans(P.MONTH_ANCHOR, second) == ()
    assert anchor_spans(P.MONTH_ANCHOR, first) == ((14, 19), (32, 37))  # from the cache, same answer
    assert anchor_spans(P.WEEKDAY_ANCHOR, first) == ()  # cached per anchor too


# ------------------------------------------------------------ number tokens (a named tuple now)

TOKENIZE_CASES = [
    ("US$ 1.500 millones", [("US", "word"), ("$", "punct"), ("1.500", "num"), ("millones", "word")]),
    ("el 12,5 %", [("el", "word"), ("12,5", "num"), ("%", "punct")]),
    ("10 000 soldados", [("10 000", "num"), ("soldados", "word")]),
    ("A320", [("A", "word"), ("320", "num")]),
    ("", []),
]


@pytest.mark.parametrize(("text", "expected"), TOKENIZE_CASES, ids=[c[0] or "empty" for c in TOKENIZE_CASES])
def test_number_tokens_keep_text_kind_and_offsets(text, expected):
    from pipeline.values.number_scan import tokenize

    tokens = tokenize(text)
    assert [(t.text, t.kind) for t in tokens] == expected
    assert all(text[t.start : t.end] == t.text and t.lower == t.text.lower() for t in tokens)


# ------------------------------------------------------------ doc.ents set only when it changes


def test_set_ents_skips_the_very_same_spans_and_sets_others(blank_nlp):
    from spacy.tokens import Span

    from pipeline.nlp.spans import set_ents

    doc = blank_nlp("Nicolás Maduro viajó a Rusia el lunes.")
    doc.ents = [Span(doc, 0, 2, label="PER"), Span(doc, 4, 5, label="LOC")]
    current = doc.ents
    set_ents(doc, list(current), current)
    assert [(e.text, e.label_) for e in doc.ents] == [("Nicolás Maduro", "PER"), ("Rusia", "LOC")]
    set_ents(doc, [current[0], Span(doc, 4, 5, label="COUNTRY")], current)  # an equal-looking new span is set
    assert [(e.text, e.label_) for e in doc.ents] == [("Nicolás Maduro", "PER"), ("Rusia", "COUNTRY")]
    set_ents(doc, [current[0]], current)  # fewer spans: set
    assert [e.text for e in doc.ents] == ["Nicolás Maduro"]


def test_merge_entities_without_new_spans_keeps_the_annotation(blank_nlp):
    from spacy.attrs import ENT_IOB, ENT_KB_ID, ENT_TYPE
    from spacy.tokens import Span

    from pipeline.nlp.spans import merge_entities

    doc = blank_nlp("Lo dijo Putin en Moscú.")
    doc.ents = [Span(doc, 2, 3, label="PER"), Span(doc, 4, 5, label="COUNTRY", kb_id="RU")]
    before = doc.to_array([ENT_IOB, ENT_TYPE, ENT_KB_ID]).tolist()
    merge_entities(doc, [], replace=True)
    merge_entities(doc, [Span(doc, 2, 3, label="PERSON")], replace=False)  # overlaps: not added
    assert doc.to_array([ENT_IOB, ENT_TYPE, ENT_KB_ID]).tolist() == before


def test_skipped_ents_assignments_leave_what_assigning_would(nlp):
    """On real articles, the token annotation after the pipeline is what one more ``doc.ents`` assignment gives."""
    from spacy.attrs import ENT_ID, ENT_IOB, ENT_KB_ID, ENT_TYPE

    attrs = [ENT_IOB, ENT_TYPE, ENT_KB_ID, ENT_ID]
    for doc in nlp.pipe(_meantime_texts(12)):
        after = doc.to_array(attrs).tolist()
        ents = [(e.start, e.end, e.label_, e.kb_id_) for e in doc.ents]
        doc.ents = list(doc.ents)
        assert doc.to_array(attrs).tolist() == after
        assert [(e.start, e.end, e.label_, e.kb_id_) for e in doc.ents] == ents


# ------------------------------------------------------------ CSV formula cells found column by column

FORMULA_CELLS = [
    "=SUM(A1:A3)",
    "+34 600 000 000",
    "-5",
    "-5,3",
    "+12",
    "@usuario",
    "\tcelda",
    "\rcelda",
    "-lo dijo",
    "Caracas",
    "",
    None,
    "3 = 3",
    "e=mc2",
    "'=ya",
]


@pytest.mark.parametrize(
    "cells", [FORMULA_CELLS, ["Caracas", None, "Rusia"], [None, None]], ids=["mixed", "no-formula", "all-missing"]
)
def test_neutralise_frame_writes_the_csv_the_cell_by_cell_map_wrote(cells):
    from pipeline.write import neutralise_formula, neutralise_frame, to_frame

    rows = [
        {"doc_id": "d", "mention_id": i, "text": cell, "context": cell, "start": i, "end": i + 1} for i, cell in enumerate(cells)
    ]
    frame = to_frame("mentions", rows)
    by_cell = frame.apply(lambda col: col.map(neutralise_formula) if col.dtype == "string" else col)
    assert neutralise_frame(frame).to_csv(index=False) == by_cell.to_csv(index=False)
    assert frame.to_csv(index=False) == to_frame("mentions", rows).to_csv(index=False)  # the input is left as it was


# ------------------------------------------------------------ objects alive before a run are frozen during it


def test_gc_frozen_freezes_for_the_run_and_restores_after():
    import gc

    from pipeline.run import gc_frozen

    assert gc.get_freeze_count() == 0
    with gc_frozen():
        assert gc.get_freeze_count() > 0
    assert gc.get_freeze_count() == 0


def test_gc_frozen_leaves_a_callers_freeze_alone():
    import gc

    from pipeline.run import gc_frozen

    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        with gc_frozen():
            assert gc.get_freeze_count() == frozen
        assert gc.get_freeze_count() == frozen  # still the caller's
    finally:
        gc.unfreeze()


def test_a_run_leaves_nothing_frozen(nlp):
    import gc

    from pipeline.run import extract_text

    mentions = extract_text("El presidente Nicolás Maduro viajó a Rusia el 5 de enero de 2021.", nlp=nlp)
    assert "Nicolás Maduro" in set(mentions["text"])
    assert gc.get_freeze_count() == 0


# ------------------------------------------------------------ the batch size changes the speed, never the rows


def test_batch_size_does_not_change_the_rows(nlp):
    from pipeline.documents import RawDocument
    from pipeline.run import BATCH_SIZE, process

    raws = [RawDocument(f"d{i}", f"<text {i}>", text=text) for i, text in enumerate(_meantime_texts(24))]
    runs = {size: [rows for _, rows, _ in process(raws, nlp, batch_size=size)] for size in (BATCH_SIZE, 5, 64)}
    assert sum(len(rows) for rows in runs[BATCH_SIZE]) > 500
    assert runs[5] == runs[BATCH_SIZE] == runs[64]


# ------------------------------------------------------------ the run hands the Doc its text


DOC_TEXTS = [
    "El 5 de enero de 2021 Maduro viajó a Moscú.",
    "  Título\n\n  Cuerpo con\u00a0espacios \t y\tfin  ",
    "Emoji 🇻🇪 y «comillas» — guiones… 12,5 %",
    "Una\r\nlínea",
]


@pytest.mark.parametrize("text", DOC_TEXTS, ids=["plain", "spaces", "symbols", "crlf"])
def test_run_context_gives_the_doc_its_own_text(nlp, text):
    from pipeline.documents import RawDocument
    from pipeline.engines.components import RunContext, set_run_context
    from pipeline.ingest.clean import clean
    from pipeline.nlp.spans import TEXT_KEY, doc_text

    document = clean(RawDocument("d", "<text>", text=text))
    doc = nlp.make_doc(document.text)
    doc._context = RunContext(0, document)
    set_run_context(doc)
    assert doc.user_data[TEXT_KEY] is document.text
    assert doc_text(doc) == doc.text == document.text


# ------------------------------------------------------------ markup patterns run only on text holding their marker

MARKUP_TEXTS = [
    "## Titular con *énfasis* y __negrita__ ##",
    'Ver ![foto](img.png) y [el enlace](http://x.es "t") o <https://a.b/c>',
    'Texto <b>en negrita</b> y <span class="x">span</span>',
    "snake_case_name y 5 * 3 = 15",
    "Precio: 5 € (Foto: EFE)",
    "Sin marcas de ningún tipo.",
    "a_b _c_ *d* **e** #f",
    "Foto: Archivo/EFE",
    "Caracas, 5 ene (EFE). Texto: fin",
]


def _reference_strip(frag):
    from pipeline.ingest import clean as c

    frag = frag.remove(c.HEADING_MARKS).remove(c.INLINE_IMAGE).remove(c.AUTOLINK).remove(c.LINK, keep="text")
    return frag.remove(c.HTML_TAG).remove(c.EMPHASIS).strip()


@pytest.mark.parametrize("text", MARKUP_TEXTS)
def test_strip_markup_and_photo_credit_cut_what_every_pattern_would(text):
    from pipeline.ingest.clean import PHOTO_CREDIT, cut_photo_credit, strip_markup
    from pipeline.ingest.fragment import Fragment

    frag = Fragment.whole(text)
    assert strip_markup(frag).ranges == _reference_strip(frag).ranges
    cut, credit = cut_photo_credit(frag)
    m = PHOTO_CREDIT.search(text)
    assert (credit is None) == (m is None or not m.group("credit").strip(" ."))
    assert cut.text == (frag.cut(m.start(), m.end()).strip().text if m else text)


def test_strip_markup_matches_every_pattern_on_meantime_paragraphs():
    from pipeline.ingest.clean import strip_markup
    from pipeline.ingest.fragment import Fragment

    for text in _meantime_texts(120):
        for para in text.split("\n"):
            frag = Fragment.whole(para)
            assert strip_markup(frag).ranges == _reference_strip(frag).ranges


# ------------------------------------------------------------ numbers: only the tokens that can start one are tried


def _reference_scan(scanner, text):
    """The scan as it was: every token visited in turn."""
    from pipeline.values.number_scan import HALF_WORDS, SIGNS, VULGAR_FRACTIONS, cardinal_word, tokenize

    toks, out, i = tokenize(text), [], 0
    while i < len(toks):
        t = toks[i]
        if (
            t.kind == "word"
            and t.lower not in HALF_WORDS
            and t.text not in VULGAR_FRACTIONS
            and not cardinal_word(t.text)
            or t.kind == "punct"
            and t.text not in SIGNS
            and t.text not in ".,"
        ):
            i += 1
            continue
        found = scanner._number_at(text, toks, i)
        if found is None:
            i += 1
            continue
        if found[0] is not None:
            out.append(found[0])
        i = max(found[1], i + 1)
    return out


def test_number_scan_finds_what_visiting_every_token_finds():
    from pipeline.values.number_scan import NumberScanner

    folder = shared_data("recognizers-text-es", "Specs", "Number", "Spanish")
    texts = _meantime_texts(120) + _spec_inputs("NumberWithUnit")
    for path in sorted(folder.glob("*.json")):
        texts += [case["Input"] for case in json.loads(path.read_text(encoding="utf-8-sig"))]
    scanner = NumberScanner()
    found = 0
    for text in texts:
        numbers = scanner.scan(text)
        assert numbers == _reference_scan(scanner, text), text[:80]
        found += len(numbers)
    assert found > 2000
