"""Scraped article text → clean text in sections, with the way back to the raw text.

The text is first repaired (`repair`: mojibake, NFC, line breaks, control
characters), keeping an alignment back to the text as decoded. The cleaner
then works on paragraphs (runs of non-blank lines). Each paragraph is
classified (rule, image placeholder, bare URL, heading, text) and its inline
markup is cut out by small `Fragment → Fragment` steps that keep raw offsets.
What is not article text but tells something about the article (the URL, the
photo credit, the source footer, the publisher, the dateline) goes into
metadata instead of the text.
"""

from __future__ import annotations

import re

from pipeline.documents import Alignment, Block, Document, OffsetMap, RawDocument
from pipeline.ingest.fragment import Fragment
from pipeline.ingest.metadata import holds_dateline, split_dateline
from pipeline.ingest.repair import repair
from pipeline.lang import column

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

# --- agencies, credits, bylines, teasers ------------------------------------
_AGENCIES = "|".join(re.escape(a) for a in sorted(column("news_agencies", "name"), key=len, reverse=True))
# "… en Miraflores. EFE/Archivo", "… (Reuters/Carlos García)": a trailing agency credit in a caption.
AGENCY_CREDIT = re.compile(
    rf"(?:(?<=[.!?…”»])|(?<=^))\s*\(?(?P<credit>\b(?:{_AGENCIES})\b(?:\s*/\s*[\w .’'-]{{1,40}})?)\)?\s*$"
)
CREDIT_ONLY = re.compile(
    rf"^\s*\(?\s*(?:(?:Foto|Fotos|Fotografía|Imagen|Crédito)\s*:\s*)?"
    rf"(?P<credit>(?:{_AGENCIES})(?:\s*/\s*[\w .’'-]{{1,40}})?)\s*\)?\s*$",
    re.IGNORECASE,
)
SOURCE_ONLY = re.compile(r"^\s*(?:Fuente|Con información de)\s*:?\s*(?P<source>[^\n]{1,60}?)\s*\.?\s*$", re.IGNORECASE)
_NAME_WORD = r"(?:[A-ZÁÉÍÓÚÑ][\wáéíóúñü.'’-]*|de|del|la|las|los|y|e|da|van|von)"
BYLINE = re.compile(
    r"^\s*(?:(?:Por|Escrito por|Redactado por|Autor|Autora|Texto)\s*:?\s+"
    rf"(?P<author>[A-ZÁÉÍÓÚÑ][\wáéíóúñü.'’-]*(?:\s+{_NAME_WORD})*)"
    rf"|(?P<desk>Redacción(?:\s+{_NAME_WORD})*))\s*(?:[|,/–—-]\s*[^\n]*)?$"
)
MAX_BYLINE_WORDS = 14
_OPENERS = "|".join(re.escape(o) for o in sorted(column("teaser_openers", "opener"), key=len, reverse=True))
TEASER = re.compile(rf"^\s*(?:{_OPENERS})\s*(?:$|[:|»›>–—-])", re.IGNORECASE)
LINK_ONLY = re.compile(r"^\s*(?:[-*+•]\s+)?\[[^\]]*\]\([^)]*\)\s*$")
COPYRIGHT = re.compile(r"(?:^\s*(?:©|\(c\)|Copyright\b))|todos los derechos reservados", re.IGNORECASE)


# Each markup pattern, in the order it is cut, with the characters every match contains:
# a text without them is not searched.
MARKUP = (
    (("#",), HEADING_MARKS, None),
    (("![",), INLINE_IMAGE, None),
    (("<",), AUTOLINK, None),
    (("](",), LINK, "text"),
    (("<",), HTML_TAG, None),
    (("*", "_"), EMPHASIS, None),
)


def strip_markup(frag: Fragment) -> Fragment:
    """Cuts markdown and inline HTML markup, keeping link text."""
    for markers, pattern, keep in MARKUP:
        if any(marker in frag.text for marker in markers):
            frag = frag.remove(pattern, keep=keep)
    return frag.strip()


def cut_photo_credit(frag: Fragment) -> tuple[Fragment, str | None]:
    """Removes a trailing "Foto: …" credit; returns the credit."""
    if ":" not in frag.text:  # every credit has its colon
        return frag, None
    m = PHOTO_CREDIT.search(frag.text)
    if not m:
        return frag, None
    credit = m.group("credit").strip(" .")
    return frag.cut(m.start(), m.end()).strip(), credit or None


def cut_agency_credit(frag: Fragment) -> tuple[Fragment, str | None]:
    """Removes a trailing agency credit ("… Miraflores. EFE/Archivo") from a caption."""
    m = AGENCY_CREDIT.search(frag.text)
    if not m or m.start("credit") == 0:
        return frag, None
    return frag.cut(m.start(), m.end()).strip(), m.group("credit").strip(" .")


def credit_only(text: str) -> str | None:
    """The credit when a paragraph is nothing but one ("Foto: EFE", "EFE/Archivo")."""
    m = CREDIT_ONLY.match(text)
    return m.group("credit").strip(" .") if m else None


def byline_author(text: str) -> str | None:
    """The author (or desk) when a short paragraph is a byline ("Por Ana Gómez | 20 de enero")."""
    if len(text.split()) > MAX_BYLINE_WORDS:
        return None
    m = BYLINE.match(text)
    if not m:
        return None
    return (m.group("author") or m.group("desk")).strip(" .")


def is_teaser(raw_text: str, text: str) -> bool:
    """A "Lee también: …" teaser, or a paragraph that is only a link (related-article lists)."""
    return bool(TEASER.match(text) or LINK_ONLY.match(raw_text))


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
    text, alignment = repair(raw.text)
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
        if is_teaser(ptext, frag.text):
            continue
        if is_heading and "title" not in metadata and not seen_body:
            metadata["title"] = frag.text
            blocks.append(("title", frag))
            continue
        if after_url and len(frag.text.split()) <= MAX_PUBLISHER_WORDS and "publisher" not in metadata:
            metadata["publisher"] = frag.text.strip(" .")
            continue
        if (credit := credit_only(frag.text)) is not None:
            metadata.setdefault("photo_credit", credit)
            continue
        if (author := byline_author(frag.text)) is not None and not holds_dateline(frag.text):
            metadata.setdefault("author", author)
            continue  # a byline that runs into a dateline stays text: the place and date are the story's
        if (source_line := SOURCE_ONLY.match(frag.text)) is not None:
            metadata.setdefault("source_credit", source_line.group("source").strip(" .()"))
            continue
        frag, source = cut_source_footer(frag)
        if source:
            metadata.setdefault("source_credit", source)
        bold = _is_bold_paragraph(ptext)
        caption_context = bold or after_image
        frag, credit = cut_photo_credit(frag)
        if credit is None and caption_context:
            frag, credit = cut_agency_credit(frag)
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
        if after_url or COPYRIGHT.search(frag.text):
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
    return assemble(raw, blocks, metadata, alignment)


def assemble(
    raw: RawDocument, blocks: list[tuple[str, Fragment]], metadata: dict, alignment: Alignment | None = None
) -> Document:
    """Joins section fragments into one clean text with blocks and an offset map.

    Args:
        raw: The document as read.
        blocks: ``(section, fragment)`` pairs, fragments of the repaired text.
        metadata: What the cleaner found.
        alignment: From the repaired text back to ``raw.text`` (None: no repair).
    """
    pieces: list[str] = []
    out_blocks: list[Block] = []
    offsets = OffsetMap(base=alignment if alignment is not None and not alignment.is_identity else None)
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
