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
from pipeline.lang import column

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


# How many elements after the <h1> the standfirst may come (a date or byline line may sit between).
STANDFIRST_REACH = 4
MAX_STANDFIRST_WORDS = 60


@cache
def _standfirst_classes() -> frozenset[str]:
    return frozenset(c.casefold() for c in column("standfirst_classes", "class"))


def _is_standfirst(element, after_h1: bool) -> bool:
    classes = {w for w in re.split(r"[\s_\-]+", (element.get("class") or "").casefold()) if w}
    return bool(classes & _standfirst_classes()) or (after_h1 and element.tag == "h2")


def _headline_and_standfirst(html: str) -> tuple[str | None, str | None]:
    """The page's ``<h1>`` and the standfirst under it (an element of a `standfirst_classes.tsv` class, or an
    ``<h2>`` right after the ``<h1>``), as text; None where there is none."""
    from trafilatura.utils import load_html

    tree = load_html(html)
    if tree is None:
        return None, None
    h1 = next(iter(tree.iter("h1")), None)
    if h1 is None:
        return None, None
    for i, element in enumerate(h1.itersiblings()):
        if i >= STANDFIRST_REACH or element.tag in ("h1", "article") or element.find(".//p") is not None:
            break
        text = _text_of(element)
        if text and _is_standfirst(element, after_h1=i == 0) and len(text.split()) <= MAX_STANDFIRST_WORDS:
            return _text_of(h1), text
    return _text_of(h1) or None, None


def _with_standfirst(blocks: list[str], html: str) -> list[str]:
    """``blocks`` with the page's headline and standfirst put back before the article where the extractor
    dropped them, so that the cleaner reads the standfirst as a subtitle (and not as the headline)."""
    headline, standfirst = _headline_and_standfirst(html)
    if not standfirst or not headline:
        return blocks
    heading = f"# {headline}"
    at = blocks.index(standfirst) if standfirst in blocks else None
    if at is None and any(standfirst in block for block in blocks):
        return blocks  # inside a paragraph of its own: the page's text as it is
    if heading in blocks:
        if at is None:
            i = blocks.index(heading) + 1
            return [*blocks[:i], standfirst, *blocks[i:]]
        return blocks
    if at is None:
        return [heading, standfirst, *blocks]
    return [heading, *blocks] if at == 0 else blocks


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
    blocks = _with_standfirst(blocks, html)
    date = parse_iso_date(document.date)
    metadata = {
        "title": document.title or None,
        "date": date.isoformat() if date else None,
        "url": document.url or None,
        "author": document.author or None,
        "publisher": document.sitename or None,
    }
    return "\n\n".join(blocks), {k: v for k, v in metadata.items() if v}
