"""An HTML page → its article text and metadata, through trafilatura.

trafilatura keeps the article (headings, paragraphs, lists, quotes) and drops
the rest: navigation, share bars, related-article boxes, captions, comments,
footers. Its metadata gives the title, date (from the markup only, not guessed
from the words of the page), canonical URL, author and site.

What ``raw`` means for HTML: offsets into the HTML source would point inside
markup that no reader sees, so the *text as read* of an HTML page is the
article text trafilatura extracts, written as markdown (a heading as ``# …``,
paragraphs separated by a blank line). ``raw_start``/``raw_end`` refer to that
text, and ``sha256`` hashes it.

Safety: trafilatura parses with lxml's HTML parser, which resolves no
external entity (``<!ENTITY x SYSTEM "file:///…">`` stays an unexpanded
``&x;``), expands no internal entity (so a "billion laughs" page stays
small), and fetches nothing: extraction from a string never opens a socket
(both are tested).
"""

from __future__ import annotations

import logging
import re
from functools import cache

from pipeline.ingest.metadata import parse_iso_date
from pipeline.lang import read_table

# trafilatura logs "discarding data" and similar at WARNING for ordinary
# pages; the document's status and reason already say what happened.
logging.getLogger("trafilatura").addHandler(logging.NullHandler())
logging.getLogger("trafilatura").propagate = False
logging.getLogger("htmldate").addHandler(logging.NullHandler())
logging.getLogger("htmldate").propagate = False

BLOCK_TAGS = {"head": "heading", "p": "text", "quote": "text", "list": "list", "table": "text", "code": "text"}
_SPACES = re.compile(r"\s+")


class HtmlError(ValueError):
    """The page has no article text trafilatura can find."""


def _text_of(element) -> str:
    return _SPACES.sub(" ", "".join(element.itertext())).strip()


def _blocks(body) -> list[str]:
    """The article's blocks as markdown paragraphs."""
    out: list[str] = []
    for element in body:
        kind = BLOCK_TAGS.get(element.tag, "text")
        if kind == "list":
            items = [_text_of(item) for item in element if _text_of(item)]
            if items:
                out.append("\n".join(f"- {item}" for item in items))
            continue
        text = _text_of(element)
        if not text:
            continue
        out.append(f"# {text}" if kind == "heading" else text)
    return out


# How many elements after the <h1> the standfirst and the date line may come.
LEAD_REACH = 4
MAX_STANDFIRST_WORDS = 60
MAX_DATE_LINE_WORDS = 8


@cache
def _lead_classes() -> dict[str, str]:
    """``html_lead_classes.tsv``: class word → ``standfirst`` or ``date``."""
    return {row["class"].casefold(): row["role"] for row in read_table("html_lead_classes")}


def _role(element) -> str | None:
    classes = {w for w in re.split(r"[\s_\-]+", (element.get("class") or "").casefold()) if w}
    roles = {_lead_classes()[c] for c in classes if c in _lead_classes()}
    return "date" if element.tag == "time" else ("standfirst" if "standfirst" in roles else "date" if roles else None)


def _page_lead(html: str) -> tuple[str | None, str | None, list[str]]:
    """The page's ``<h1>``, the standfirst under it (an element of a standfirst class of ``html_lead_classes.tsv``,
    or an ``<h2>`` right after the ``<h1>``) and its date lines (``<time>`` elements or elements of a date class),
    as text; None and [] where there are none."""
    from trafilatura.utils import load_html

    tree = load_html(html)
    h1 = next(iter(tree.iter("h1")), None) if tree is not None else None
    if h1 is None:
        return None, None, []
    standfirst, dates = None, []
    for i, element in enumerate(h1.itersiblings()):
        if i >= LEAD_REACH or not isinstance(element.tag, str) or element.tag in ("h1", "article"):
            break
        if element.find(".//p") is not None:
            break
        text = _text_of(element)
        role = "standfirst" if i == 0 and element.tag == "h2" else _role(element)
        if role == "standfirst" and standfirst is None and text and len(text.split()) <= MAX_STANDFIRST_WORDS:
            standfirst = text
            continue
        for part in element.iter():
            if isinstance(part.tag, str) and _role(part) == "date" and not any(_role(a) == "date" for a in part.iterancestors()):
                if (line := _text_of(part)) and len(line.split()) <= MAX_DATE_LINE_WORDS and line not in dates:
                    dates.append(line)
    return _text_of(h1) or None, standfirst, dates


def _with_lead(blocks: list[str], html: str) -> list[str]:
    """``blocks`` with the page's headline, standfirst and date lines put back before the article where the
    extractor dropped them, so that the cleaner reads them as title, subtitle and date line."""
    headline, standfirst, dates = _page_lead(html)
    if not headline:
        return blocks
    text = "\n".join(blocks)
    missing = [d for d in dates if d not in text]
    if standfirst and standfirst in text and standfirst not in blocks:
        standfirst = None  # inside a paragraph of its own: the page's text as it is
    put_back = [*([standfirst] if standfirst and standfirst not in blocks else []), *missing]
    heading = f"# {headline}"
    if heading in blocks:
        i = blocks.index(heading) + 1
        if standfirst in blocks:
            i = blocks.index(standfirst) + 1
        return [*blocks[:i], *put_back, *blocks[i:]]
    if standfirst and standfirst in blocks:
        at = blocks.index(standfirst)
        return [heading, *blocks[: at + 1], *missing, *blocks[at + 1 :]] if at == 0 else blocks
    return [heading, *put_back, *blocks] if put_back else blocks


def extract_html(html: str) -> tuple[str, dict]:
    """``(article text as markdown, metadata)`` of one HTML page.

    Raises:
        HtmlError: when trafilatura finds no article text.
    """
    import trafilatura
    from trafilatura.settings import set_date_params

    document = trafilatura.bare_extraction(
        html,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        include_images=False,
        include_links=False,
        include_formatting=False,
        deduplicate=False,
        # the date from the page's markup only (meta tags, JSON-LD, <time>, the URL): a date read out of the
        # article's words ("Asunción, 6 mar 2025 (AFP)") is the dateline's, and the cleaner reads it as such
        date_extraction_params=set_date_params(False),
    )
    if document is None or document.body is None:
        raise HtmlError("no article text found in the HTML page")
    blocks = _blocks(document.body)
    if not blocks and document.text:
        blocks = [p.strip() for p in document.text.split("\n") if p.strip()]
    if not blocks:
        raise HtmlError("no article text found in the HTML page")
    blocks = _with_lead(blocks, html)
    date = parse_iso_date(document.date)
    metadata = {
        "title": document.title or None,
        "date": date.isoformat() if date else None,
        "url": document.url or None,
        "author": document.author or None,
        "publisher": document.sitename or None,
    }
    return "\n\n".join(blocks), {k: v for k, v in metadata.items() if v}
