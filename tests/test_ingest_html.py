"""HTML pages: article text only, metadata kept, and hostile pages kept harmless."""

from __future__ import annotations

import socket

import pytest

from pipeline.documents import RawDocument
from pipeline.ingest.clean import clean
from pipeline.ingest.html import HtmlError, extract_html

PARAGRAPHS = [
    "Caracas, 20 ene (EFE).- El presidente de Venezuela, Nicolás Maduro, recibió este jueves en Caracas al ministro de "
    "Exteriores de Rusia, Serguéi Lavrov, con quien firmó acuerdos de cooperación energética por valor de 1.500 "
    "millones de dólares.",
    "Según un comunicado de la Cancillería venezolana, el intercambio comercial entre ambos países creció un 12 por "
    "ciento en 2021, y la petrolera PDVSA ampliará sus envíos de crudo a China y la India.",
    "Lavrov viajará el lunes a La Habana para reunirse con el presidente cubano, Miguel Díaz-Canel.",
]
TITLE = "Maduro y Lavrov firman acuerdos energéticos en Caracas"


def news_page(paragraphs: list[str] = PARAGRAPHS, title: str = TITLE) -> str:
    """A news page as sites publish them: navigation, share bar, byline, figure, teaser, footer."""
    body = "\n".join(f"<p>{p}</p>" for p in paragraphs[:1])
    rest = "\n".join(f"<p>{p}</p>" for p in paragraphs[1:])
    return f"""<!DOCTYPE html>
<html lang="es"><head><meta charset="utf-8">
<title>{title} | Diario El Ejemplo</title>
<meta property="og:title" content="{title}">
<meta property="og:site_name" content="Diario El Ejemplo">
<meta property="article:published_time" content="2022-01-20T10:30:00-04:00">
<meta name="author" content="Ana Gómez">
<link rel="canonical" href="https://diario.example/internacional/maduro-lavrov">
<script>window.dataLayer = [{{"seccion": "Internacional"}}];</script>
<style>.share-bar {{ display: flex; }}</style>
</head><body>
<header><a class="logo" href="/">Diario El Ejemplo</a>
<nav><ul><li><a href="/">Inicio</a></li><li><a href="/politica">Política</a></li><li><a href="/economia">Economía</a></li>
<li><a href="/deportes">Deportes Real Madrid Barcelona</a></li><li><a href="/mundo">Mundo</a></li></ul></nav></header>
<div class="share-bar"><a href="#">Compartir en Facebook</a> <a href="#">Compartir en Twitter</a> <a href="#">WhatsApp</a></div>
<main><article>
<h1>{title}</h1>
<p class="byline">Por Ana Gómez | 20 de enero de 2022</p>
<figure><img src="foto.jpg" alt="Maduro y Lavrov"><figcaption>Nicolás Maduro saluda a Serguéi Lavrov en el Palacio de
Miraflores. Foto: EFE/Archivo</figcaption></figure>
{body}
<aside class="related"><p><strong>Lee también:</strong> <a href="/otra">Sube el petróleo en Londres tras la reunión de la
OPEP en Viena</a></p></aside>
{rest}
</article></main>
<aside class="most-read"><h3>Lo más leído</h3><ol><li><a href="/1">Gana el Barcelona en Sevilla</a></li>
<li><a href="/2">Nieve en Madrid</a></li></ol></aside>
<footer><p>© 2022 Diario El Ejemplo. Todos los derechos reservados.</p><p>Aviso legal | Política de privacidad | Contacto</p>
</footer></body></html>"""


@pytest.fixture(scope="module")
def page():
    return extract_html(news_page())


def test_html_news_page_gives_the_article_text_only(page):
    text, _ = page
    assert text == "\n\n".join([f"# {TITLE}", *PARAGRAPHS])


@pytest.mark.parametrize(
    "junk",
    [
        "Inicio",
        "Compartir",
        "WhatsApp",
        "Por Ana Gómez",
        "Miraflores",
        "EFE/Archivo",
        "Lee también",
        "Londres",
        "Lo más leído",
        "Barcelona",
        "Todos los derechos",
        "Aviso legal",
        "dataLayer",
        "display: flex",
    ],
)
def test_html_news_page_drops_navigation_caption_teaser_and_footer(page, junk):
    assert junk not in page[0]


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("title", TITLE),
        ("date", "2022-01-20"),
        ("url", "https://diario.example/internacional/maduro-lavrov"),
        ("author", "Ana Gómez"),
        ("publisher", "Diario El Ejemplo"),
    ],
)
def test_html_news_page_metadata(page, key, value):
    assert page[1][key] == value


def test_html_news_page_cleans_into_title_dateline_and_body():
    text, metadata = extract_html(news_page())
    document = clean(RawDocument("d", "p.html", text=text, fmt="html", metadata=metadata))
    assert [b.section for b in document.blocks] == ["title", "dateline", "body", "body", "body"]
    assert document.metadata["title"] == TITLE and document.metadata["date"] == "2022-01-20"
    assert document.metadata["dateline_place"] == "Caracas" and document.metadata["agency"] == "EFE"


BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE html [
<!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">
<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"> <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
<!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;"> <!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;">
<!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;"> <!ENTITY g "&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;">
<!ENTITY h "&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;"> <!ENTITY i "&h;&h;&h;&h;&h;&h;&h;&h;&h;&h;">
]>
<html><body><article><p>{p0} &i;</p><p>{p1}</p></article></body></html>"""

EXTERNAL_ENTITY = """<?xml version="1.0"?>
<!DOCTYPE html [<!ENTITY secret SYSTEM "file://{path}"> <!ENTITY remote SYSTEM "http://127.0.0.1:9/x">]>
<html><body><article><p>{p0} &secret; &remote;</p><p>{p1}</p></article></body></html>"""


def test_html_entity_expansion_bomb_is_not_expanded():
    text, _ = extract_html(BILLION_LAUGHS.format(p0=PARAGRAPHS[0], p1=PARAGRAPHS[1]))
    assert "aaaaaaaaaa" not in text
    assert len(text) < 2 * sum(len(p) for p in PARAGRAPHS[:2])
    assert PARAGRAPHS[1] in text


def test_html_external_entities_are_not_resolved(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("CONTRASEÑA-SECRETA-42")
    text, _ = extract_html(EXTERNAL_ENTITY.format(path=secret, p0=PARAGRAPHS[0], p1=PARAGRAPHS[1]))
    assert "CONTRASEÑA" not in text
    assert PARAGRAPHS[1] in text


def test_html_extraction_opens_no_network_connection(monkeypatch):
    def no_network(*args, **kwargs):
        raise AssertionError("network access during HTML extraction")

    monkeypatch.setattr(socket, "socket", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)
    page = news_page().replace("</article>", '<img src="http://127.0.0.1:9/pixel.gif"></article>')
    text, metadata = extract_html(EXTERNAL_ENTITY.format(path="/etc/hostname", p0=PARAGRAPHS[0], p1=PARAGRAPHS[1]))
    assert PARAGRAPHS[1] in text
    assert extract_html(page)[1]["date"] == "2022-01-20"


@pytest.mark.parametrize(
    "html",
    [
        pytest.param("<html><body></body></html>", id="empty-body"),
        pytest.param("", id="empty-string"),
        pytest.param("<html><body><script>var x = 1;</script></body></html>", id="script-only"),
    ],
)
def test_html_without_article_text_raises_a_readable_error(html):
    with pytest.raises(HtmlError, match="no article text found in the HTML page"):
        extract_html(html)


@pytest.mark.parametrize(
    "teaser",
    [
        pytest.param(
            '<div class="related"><p><strong>Lee también:</strong> <a href="/o">Sube el petróleo en Londres</a></p></div>',
            id="div-with-link",
        ),
        pytest.param("<p>Lee también: Sube el petróleo en Londres</p>", id="plain-paragraph"),
        pytest.param('<p><a href="/o">Sube el petróleo en Londres</a></p>', id="link-only-paragraph"),
        pytest.param(
            "<ul><li><a href='/o'>Sube el petróleo en Londres</a></li><li><a href='/p'>Nieve en Madrid</a></li></ul>",
            id="link-list",
        ),
    ],
)
def test_html_teaser_inside_the_article_is_gone_after_cleaning(teaser):
    page = (
        news_page()
        .replace('<aside class="related">', "<aside>")
        .replace(f"<p>{PARAGRAPHS[1]}</p>", f"{teaser}\n<p>{PARAGRAPHS[1]}</p>")
    )
    text, metadata = extract_html(page)
    document = clean(RawDocument("d", "p.html", text=text, fmt="html", metadata=metadata))
    assert "Londres" not in document.text
    assert document.text.endswith(PARAGRAPHS[2]) and PARAGRAPHS[1] in document.text


def test_html_date_comes_from_the_markup_not_from_the_words():
    # a page without a date in its markup: the dateline's "14 nov 2023" is the cleaner's to read, as a dateline
    page = news_page(["Lima, 14 nov 2023 (AFP) - El Congreso de Perú aprobó este martes la reforma.", *PARAGRAPHS[1:]])
    page = page.replace('<meta property="article:published_time" content="2022-01-20T10:30:00-04:00">', "")
    page = page.replace("Por Ana Gómez | 20 de enero de 2022", "Por Ana Gómez")
    _, metadata = extract_html(page)
    assert "date" not in metadata


STANDFIRST_PAGE = """<!DOCTYPE html><html lang="es"><head><meta charset="utf-8"><title>{title}</title></head>
<body><div class="menu"><a href="/">Inicio</a> | <a href="/pais">País</a> | <a href="/mundo">Mundo</a></div>
<div class="contenedor">
<h1 class="titular">{title}</h1>
<p class="nota-copete">{standfirst}</p>
<div class="firma"><span>EFE</span> <time datetime="2024-06-11T09:00:00-04:00">11/06/2024</time></div>
<div class="cuerpo">{body}</div>
</div><div id="pie"><p>Todos los derechos reservados.</p></div></body></html>"""


def test_html_standfirst_dropped_by_the_extractor_is_put_back():
    title = "Rosario inaugura el nuevo puerto fluvial tras cinco años de obras"
    standfirst = "La terminal podrá mover hasta dos millones de toneladas de granos al año"
    body = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    text, _ = extract_html(STANDFIRST_PAGE.format(title=title, standfirst=standfirst, body=body))
    document = clean(RawDocument("d", "p.html", text=text, fmt="html", metadata={"title": title}))
    assert document.metadata.get("subtitle") == standfirst
    assert [b.section for b in document.blocks][:3] == ["title", "title", "dateline"]


def test_html_date_line_dropped_by_the_extractor_is_put_back():
    title = "Guadalajara estrena su tercera línea de tren ligero"
    page = STANDFIRST_PAGE.format(title=title, standfirst="", body="".join(f"<p>{p}</p>" for p in PARAGRAPHS))
    page = page.replace('<p class="nota-copete"></p>', "").replace(
        '<time datetime="2024-06-11T09:00:00-04:00">11/06/2024</time>',
        '<span class="fecha">Jun 11 9:00 AM</span> <span class="actualizado">Actualizado: 12 junio, 2024</span>',
    )
    text, _ = extract_html(page)
    document = clean(RawDocument("d", "p.html", text=text, fmt="html", metadata={"title": title}))
    sections = [(b.section, document.text[b.start : b.end]) for b in document.blocks][:4]
    assert sections == [
        ("title", title),
        ("dateline", "Jun 11 9:00 AM"),
        ("dateline", "Actualizado: 12 junio, 2024"),
        ("dateline", "Caracas, 20 ene (EFE)"),
    ]
    assert "subtitle" not in document.metadata
