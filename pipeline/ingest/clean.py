"""Scraped article text → clean text in sections, with the way back to the raw text.

The cleaner works on paragraphs (runs of non-blank lines). Each paragraph is
classified (rule, image placeholder, bare URL, heading, text) and its inline
markup is cut out by small `Fragment → Fragment` steps that keep raw offsets.
What is not article text but tells something about the article (the URL, the
photo credit, the source footer, the publisher, the dateline) goes into
metadata instead of the text.
"""

from __future__ import annotations

import re

from pipeline.documents import Block, Document, OffsetMap, RawDocument
from pipeline.ingest.fragment import Fragment
from pipeline.ingest.metadata import split_dateline

BLOCK_SEPARATOR = "\n\n"

# --- line kinds -------------------------------------------------------------
RULE = re.compile(r"^\s*(?:-{3,}|\*{3,}|_{3,}|(?:-\s){2,}-|(?:\*\s){2,}\*)\s*$")
IMAGE_PLACEHOLDER = re.compile(
    r"^\s*(?:!\[[^\]]*\]\([^)]*\)|\[?(?:image|imagen|foto)\]?"
    r"|image not found or type unknown|imagen no encontrada.*)\s*$",
    re.IGNORECASE,
)
BARE_URL = re.compile(r"^\s*<?(?P<url>https?://[^\s<>]+)>?\s*$")
HEADING = re.compile(r"^\s*#{1,6}\s+")

# --- inline markup ----------------------------------------------------------
HEADING_MARKS = re.compile(r"^\s*#{1,6}\s+|\s+#+\s*$")
INLINE_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
LINK = re.compile(r"\[(?P<text>[^\]]*)\]\([^)\s]*(?:\s+\"[^\"]*\")?\)")
AUTOLINK = re.compile(r"<https?://[^>\s]+>")
EMPHASIS = re.compile(r"\*\*|__|(?<![\w*])\*(?=\S)|(?<=\S)\*(?![\w*])|(?<!\w)_(?=\S)|(?<=\S)_(?!\w)")
HTML_TAG = re.compile(r"</?(?:b|i|em|strong|span|u|br|sup|sub)\b[^>]*>", re.IGNORECASE)

# --- credits and footers ----------------------------------------------------
PHOTO_CREDIT = re.compile(
    r"[\s(]*\b(?:Foto|Fotos|Fotografía|Imagen|Crédito)\s*:\s*(?P<credit>[^()\n]*?)\)?\s*$",
    re.IGNORECASE,
)
SOURCE_FOOTER = re.compile(r"\s*\(\s*(?:Fuente|Con información de)\s*:\s*(?P<source>[^)]+)\)\s*", re.IGNORECASE)
MAX_PUBLISHER_WORDS = 6


def strip_markup(frag: Fragment) -> Fragment:
    """Cuts markdown and inline HTML markup, keeping link text."""
    frag = frag.remove(HEADING_MARKS)
    frag = frag.remove(INLINE_IMAGE)
    frag = frag.remove(AUTOLINK)
    frag = frag.remove(LINK, keep="text")
    frag = frag.remove(HTML_TAG)
    frag = frag.remove(EMPHASIS)
    return frag.strip()


def cut_photo_credit(frag: Fragment) -> tuple[Fragment, str | None]:
    """Removes a trailing "Foto: …" credit; returns the credit."""
    m = PHOTO_CREDIT.search(frag.text)
    if not m:
        return frag, None
    credit = m.group("credit").strip(" .")
    return frag.cut(m.start(), m.end()).strip(), credit or None


def cut_source_footer(frag: Fragment) -> tuple[Fragment, str | None]:
    """Removes "(Fuente: PL)"-style source credits; returns the source named."""
    matches = list(SOURCE_FOOTER.finditer(frag.text))
    if not matches:
        return frag, None
    m = matches[-1]
    source = m.group("source").strip(" .")
    return frag.cut(m.start(), m.end()).strip(), source


def _paragraphs(raw: str) -> list[tuple[Fragment, bool]]:
    """Paragraphs of ``raw`` as fragments, each with whether it is a heading.

    A heading line ends its paragraph even without a blank line after it.
    """
    paragraphs: list[tuple[Fragment, bool]] = []
    current: list[Fragment] = []

    def flush() -> None:
        if current:
            start, end = current[0].ranges[0][0], current[-1].ranges[-1][1]
            paragraphs.append((Fragment.whole(raw, start, end), False))
            current.clear()

    for line in Fragment.whole(raw).lines():
        text = line.text
        if not text.strip():
            flush()
        elif HEADING.match(text) or RULE.match(text) or BARE_URL.match(text) or IMAGE_PLACEHOLDER.match(text):
            flush()
            paragraphs.append((line, bool(HEADING.match(text))))
        else:
            current.append(line)
    flush()
    return paragraphs


def _is_bold_paragraph(text: str) -> bool:
    t = text.strip()
    return (t.startswith("**") and t.endswith("**")) or (t.startswith("__") and t.endswith("__"))


def clean(raw: RawDocument) -> Document:
    """Cleans one raw document into a `Document` with sections and offsets.

    Args:
        raw: The document as read; ``raw.metadata`` (title, url, date, …) from
            the container is kept and wins over what the text says.
    """
    text = raw.text
    metadata: dict = {}
    blocks: list[tuple[str, Fragment]] = []
    after_image = False
    after_url = False
    seen_body = False

    for para, is_heading in _paragraphs(text):
        ptext = para.text
        if RULE.match(ptext):
            continue
        if IMAGE_PLACEHOLDER.match(ptext):
            after_image = True
            continue
        url = BARE_URL.match(ptext)
        if url:
            metadata.setdefault("url", url.group("url"))
            after_url = True
            continue
        frag = strip_markup(para)
        if not frag:
            continue
        if is_heading and "title" not in metadata and not seen_body:
            metadata["title"] = frag.text
            blocks.append(("title", frag))
            continue
        if after_url and len(frag.text.split()) <= MAX_PUBLISHER_WORDS and "publisher" not in metadata:
            metadata["publisher"] = frag.text.strip(" .")
            continue
        frag, source = cut_source_footer(frag)
        if source:
            metadata.setdefault("source_credit", source)
        bold = _is_bold_paragraph(ptext)
        frag, credit = cut_photo_credit(frag) if (bold or after_image) else (frag, None)
        if credit:
            metadata.setdefault("photo_credit", credit)
        if not frag:
            after_image = False
            continue
        if credit or (after_image and bold):
            blocks.append(("caption", frag))
            after_image = False
            continue
        after_image = False
        if after_url:
            blocks.append(("footer", frag))
            continue
        if not seen_body:
            dateline, rest, found = split_dateline(frag)
            if dateline is not None:
                metadata.update(found)
                blocks.append(("dateline", dateline))
                frag = rest
        if frag:
            blocks.append(("body", frag))
            seen_body = True

    metadata.update({k: v for k, v in raw.metadata.items() if v not in (None, "")})
    return assemble(raw, blocks, metadata)


def assemble(raw: RawDocument, blocks: list[tuple[str, Fragment]], metadata: dict) -> Document:
    """Joins section fragments into one clean text with blocks and an offset map."""
    pieces: list[str] = []
    out_blocks: list[Block] = []
    offsets = OffsetMap()
    pos = 0
    for section, frag in blocks:
        if pieces:
            pieces.append(BLOCK_SEPARATOR)
            pos += len(BLOCK_SEPARATOR)
        start = pos
        for a, b in frag.ranges:
            offsets.add_run(pos, a, b - a)
            pos += b - a
        pieces.append(frag.text)
        out_blocks.append(Block(section, start, pos))
    return Document(
        doc_id=raw.doc_id,
        source=raw.source,
        text="".join(pieces),
        blocks=out_blocks,
        offsets=offsets,
        metadata=metadata,
        raw_sha256=raw.sha256,
        n_raw_chars=len(raw.text),
    )
