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

from pipeline.ingest.metadata import parse_iso_date

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
    date = parse_iso_date(document.date)
    metadata = {
        "title": document.title or None,
        "date": date.isoformat() if date else None,
        "url": document.url or None,
        "author": document.author or None,
        "publisher": document.sitename or None,
    }
    return "\n\n".join(blocks), {k: v for k, v in metadata.items() if v}
