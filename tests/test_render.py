"""pipeline.render: the article as HTML, every mention highlighted, values on hover, text escaped."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

import pipeline
from pipeline.render import LABEL_COLORS, LABELS, Rendered, RenderError, render_mentions, tooltip


class Marks(HTMLParser):
    """Reads a render back: the marks (attributes and text) and the article text as a reader sees it."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.marks: list[dict] = []
        self.text = ""
        self.tags: list[str] = []
        self.legend: list[str] = []
        self._in_entities = 0
        self._in_mark = False
        self._in_label = False
        self._stack: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags.append(tag)
        if tag == "br":
            if self._in_entities:
                self.text += "\n"
            return
        self._stack.append(tag)
        if tag == "div" and attrs.get("class") == "entities":
            self._in_entities = len(self._stack)
        elif tag == "mark":
            self._in_mark = True
            self.marks.append({**attrs, "text": ""})
        elif tag == "span" and self._in_mark:
            self._in_label = True
        elif tag == "span" and attrs.get("class") == "legend-item":
            self.legend.append(attrs["data-label"])

    def handle_endtag(self, tag):
        if tag == "br":
            return
        if self._stack and self._stack[-1] == tag:
            if len(self._stack) == self._in_entities:
                self._in_entities = 0
            self._stack.pop()
        if tag == "mark":
            self._in_mark = False
        elif tag == "span":
            self._in_label = False

    def handle_data(self, data):
        if not self._in_entities or self._in_label:
            return
        self.text += data
        if self._in_mark:
            self.marks[-1]["text"] += data


def parse(markup: str) -> Marks:
    parser = Marks()
    parser.feed(markup)
    parser.close()
    return parser


@pytest.fixture(scope="module")
def seed_render(seed_text, nlp):
    return parse(pipeline.render(seed_text, nlp=nlp))


@pytest.fixture(scope="module")
def seed_mentions(seed_text, nlp):
    return pipeline.extract_text(seed_text, nlp=nlp)


def cleaned(text: str, nlp) -> str:
    """The text as the pipeline reads it (what a render shows)."""
    return pipeline.extract([text], nlp=nlp, cleaned_text=True, languages=None).documents.cleaned_text.iloc[0]


def test_render_holds_every_seed_mention_at_its_place_with_its_label(seed_render, seed_mentions):
    marks = [(int(m["data-start"]), int(m["data-end"]), m["data-label"], m["text"]) for m in seed_render.marks]
    expected = [(r.start, r.end, r.label, r.text) for r in seed_mentions.itertuples()]
    assert len(expected) > 20
    assert marks == expected


def test_render_as_given_holds_the_marks_at_their_raw_offsets(seed_text, seed_mentions, nlp):
    read = parse(pipeline.render(seed_text, nlp=nlp, as_given=True))
    assert read.text == seed_text
    marks = [(int(m["data-start"]), int(m["data-end"]), m["text"]) for m in read.marks]
    assert marks == [(r.raw_start, r.raw_end, r.text) for r in seed_mentions.itertuples()]


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("Venezuela", "COUNTRY"),
        ("Rusia", "COUNTRY"),
        ("Nicolás Maduro", "PERSON"),
        ("Vladímir Putin", "PERSON"),
        ("Maduro", "PERSON"),
        ("Caracas", "LOC"),
        ("La Habana", "LOC"),
        ("20 ene", "DATE"),
        ("este jueves", "DATE"),
        ("21 de noviembre de 2021", "DATE"),
        ("12 por ciento", "PERCENT"),
    ],
)
def test_render_marks_seed_mention_with_label(seed_render, text, label):
    labels = {m["data-label"] for m in seed_render.marks if m["text"] == text}
    assert labels == {label}


@pytest.mark.parametrize(
    ("text", "tip_lines"),
    [
        ("Maduro", ["PERSON", "name: Nicolás Maduro"]),
        ("Putin", ["PERSON", "name: Vladímir Putin"]),
        ("Venezuela", ["COUNTRY", "name: Venezuela", "code: VE"]),
        ("21 de noviembre de 2021", ["DATE", "value: 2021-11-21"]),
        ("este jueves", ["DATE", "value: 2022-01-20"]),
        ("12 por ciento", ["PERCENT", "value: 12", "unit: %"]),
        ("Caracas", ["LOC"]),
    ],
)
def test_render_hover_shows_values(seed_render, text, tip_lines):
    tips = {m["title"] for m in seed_render.marks if m["text"] == text}
    assert tips == {"\n".join(tip_lines)}


@pytest.mark.parametrize(
    ("text", "attribute", "value"),
    [
        ("Venezuela", "data-kb-id", "VE"),
        ("Maduro", "data-canonical", "Nicolás Maduro"),
        ("21 de noviembre de 2021", "data-value", "2021-11-21"),
        ("12 por ciento", "data-value-num", "12.0"),
        ("12 por ciento", "data-unit", "%"),
    ],
)
def test_render_marks_carry_values_as_data_attributes(seed_render, text, attribute, value):
    assert {m.get(attribute) for m in seed_render.marks if m["text"] == text} == {value}


def test_render_shows_the_cleaned_article(seed_render, seed_text, nlp):
    assert seed_render.text == cleaned(seed_text, nlp)
    assert "# *" in seed_text and "---" in seed_text  # the file's markdown marks…
    assert "#" not in seed_render.text and "---" not in seed_render.text and "*" not in seed_render.text  # …are gone


def test_render_of_a_path_and_of_an_html_page(tmp_path, seed_text, nlp):
    from tests.conftest import SEED

    assert parse(pipeline.render(SEED, nlp=nlp)).text == parse(pipeline.render(str(SEED), nlp=nlp)).text
    page = (
        "<!DOCTYPE html><html><head><title>Noticia</title><script>var tracker = 1;</script>"
        "<style>p { color: red }</style></head><body><nav><a href='/'>Inicio</a> <a href='/x'>Deportes</a></nav>"
        "<article><h1>Maduro recibe a Putin</h1><p>Nicolás Maduro recibió este jueves en Caracas a Vladímir Putin, "
        "presidente de Rusia, para hablar de petróleo y de la cooperación entre ambos países.</p>"
        "<p>La reunión duró tres horas en el palacio de Miraflores, informó la Cancillería venezolana.</p></article>"
        "<footer>© Diario</footer><script>document.write('ad')</script></body></html>"
    )
    (tmp_path / "page.html").write_text(page, encoding="utf-8")
    for article in (page, tmp_path / "page.html"):
        read = parse(pipeline.render(article, nlp=nlp))
        assert "Nicolás Maduro" in {m["text"] for m in read.marks}
        assert "tracker" not in read.text and "document.write" not in read.text and "Deportes" not in read.text
        assert "<" not in read.text and "color: red" not in read.text


def test_rendered_repr_is_one_short_line(nlp):
    rendered = pipeline.render("Nicolás Maduro habló con Vladímir Putin en Caracas.", nlp=nlp)
    line = repr(rendered)
    assert "\n" not in line and len(line) < 200
    assert line.startswith("<Rendered article: 3 mentions (PERSON 2, LOC 1)")


def test_render_legend_lists_labels_present_in_contract_order(seed_render):
    present = {m["data-label"] for m in seed_render.marks}
    assert seed_render.legend == [label for label in LABELS if label in present]


def test_render_gives_one_colour_per_label(seed_text, nlp):
    markup = pipeline.render(seed_text, nlp=nlp)
    for mark in parse(markup).marks:
        assert f"background: {LABEL_COLORS[mark['data-label']]};" in mark["style"]
    assert len(set(LABEL_COLORS.values())) == len(LABELS)


@pytest.mark.parametrize(
    "hostile",
    [
        "<script>alert('x')</script>",
        '<img src=x onerror="alert(1)">',
        '" onmouseover="alert(1)" x="',
        "Maduro & Putin < Rusia > &amp; &lt;b&gt;",
        "</mark></div><script>alert(1)</script>",
    ],
    ids=["script", "img-onerror", "attribute-break", "entities", "close-tags"],
)
def test_render_escapes_html_in_the_text(nlp, hostile):
    text = f"Nicolás Maduro habló en Caracas. {hostile} Vladímir Putin respondió desde Moscú."
    read = parse(pipeline.render(text, nlp=nlp))
    assert read.text == cleaned(text, nlp)
    assert parse(pipeline.render(text, nlp=nlp, as_given=True)).text == text
    assert set(read.tags) <= {"div", "span", "mark", "br", "p"}
    assert {"Nicolás Maduro", "Vladímir Putin"} <= {m["text"] for m in read.marks}


@pytest.mark.parametrize(
    "field",
    ["canonical", "kb_id", "value", "unit", "label"],
)
def test_render_escapes_html_in_values(field):
    mention = {
        "start": 0,
        "end": 6,
        "label": "PERSON",
        "value": None,
        "value_num": None,
        "unit": None,
        "kb_id": None,
        "canonical": None,
    }
    mention[field] = '"><script>alert(1)</script>'
    read = parse(render_mentions("Maduro habló.", [mention]))
    assert "script" not in read.tags
    assert len(read.marks) == 1
    assert '"><script>alert(1)</script>' in (read.marks[0]["title"] + read.marks[0].get("data-label", ""))


@pytest.mark.parametrize(
    ("mention", "expected"),
    [
        ({"label": "MONEY", "value": "1500000000", "value_num": 1.5e9, "unit": "USD"}, "MONEY\nvalue: 1,500,000,000\nunit: USD"),
        ({"label": "QUANTITY", "value": "2,7", "value_num": 2.7, "unit": "t"}, "QUANTITY\nvalue: 2.7\nunit: t"),
        ({"label": "NORP", "kb_id": "VE", "canonical": "Venezuela"}, "NORP\nname: Venezuela\ncode: VE"),
        ({"label": "DATE", "value": "XXXX-01-20"}, "DATE\nvalue: XXXX-01-20"),
        ({"label": "ORG"}, "ORG"),
    ],
    ids=["money", "quantity", "norp", "unresolved-date", "bare"],
)
def test_tooltip_lists_the_values_a_mention_carries(mention, expected):
    assert tooltip(mention) == expected


def test_render_of_a_doc_marks_its_ents(seed_text, nlp):
    doc = nlp(seed_text)
    read = parse(pipeline.render(doc))
    assert [(int(m["data-start"]), int(m["data-end"]), m["data-label"]) for m in read.marks] == [
        (e.start_char, e.end_char, e.label_) for e in doc.ents
    ]
    assert read.text == doc.text


@pytest.mark.parametrize("text", ["", "   \n  ", "y de la que."], ids=["empty", "blank", "function-words"])
def test_render_without_mentions_has_no_marks(nlp, text):
    markup = pipeline.render(text, nlp=nlp)
    read = parse(markup)
    assert read.marks == []
    assert "No mentions found." in markup


@pytest.mark.parametrize(
    ("thing", "reference_date", "message"),
    [
        (42, None, "got int"),
        (b"bytes", None, "got bytes"),
        (["a text"], None, "got list"),
        ("doc", "2022-01-20", "reference_date applies to a text"),
    ],
    ids=["int", "bytes", "list", "doc-with-date"],
)
def test_render_rejects_what_it_cannot_render(nlp, thing, reference_date, message):
    if thing == "doc":
        thing = nlp("Maduro habló.")
    with pytest.raises(RenderError, match=message):
        pipeline.render(thing, reference_date)


def test_render_resolves_relative_dates_against_the_reference_date(nlp):
    read = parse(pipeline.render("Nicolás Maduro habló este jueves en Caracas.", "2022-01-20", nlp=nlp))
    assert {m.get("data-value") for m in read.marks if m["data-label"] == "DATE"} == {"2022-01-20"}


def test_rendered_displays_in_jupyter_and_saves_a_page(tmp_path, nlp):
    rendered = pipeline.render("Nicolás Maduro habló en Caracas.", nlp=nlp)
    assert isinstance(rendered, Rendered) and isinstance(rendered, str)
    assert rendered._repr_html_() == str(rendered)
    path = rendered.save(tmp_path / "a" / "render.html", title="<Maduro>")
    page = path.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and '<meta charset="utf-8">' in page
    assert "<title>&lt;Maduro&gt;</title>" in page and str(rendered) in page
