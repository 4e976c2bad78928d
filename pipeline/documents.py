"""The plain data that flows between stages: RawDocument → Document.

Nothing here knows spaCy. A `Document` carries the clean text, its blocks
(each with a section role), the metadata found while cleaning, and an
`OffsetMap` that takes any offset in the clean text back to the text as read.

Two maps compose: the cleaner's `OffsetMap` goes from the clean text to the
repaired text (mojibake fixed, NFC, line breaks unified, control characters
gone), and an `Alignment` goes from the repaired text back to the decoded
text, which is what ``raw_start``/``raw_end`` refer to.
"""

from __future__ import annotations

import bisect
import hashlib
from dataclasses import dataclass, field


@dataclass(frozen=True)
class RawDocument:
    """One input document as read, before cleaning.

    Attributes:
        doc_id: Stable id derived from the source (path or row), not run order.
        source: Where it came from: a path, ``path#row`` or ``<text>``.
        text: The decoded text, exactly as read (offsets ``raw_*`` refer to it).
        encoding: The encoding the bytes were decoded with.
        fmt: The input kind (``txt``, ``md``, …) deciding how it is cleaned.
        metadata: Fields given by the container (title, date, url, …).
        error: Why the document could not be read, if it could not.
        status: ``ok``, ``error`` or ``skipped``.
    """

    doc_id: str
    source: str
    text: str = ""
    encoding: str | None = None
    fmt: str = "txt"
    metadata: dict = field(default_factory=dict)
    error: str | None = None
    status: str = "ok"

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8", "surrogatepass")).hexdigest()


class Alignment:
    """Maps offsets in a rewritten text back to the text it was rewritten from.

    The rewrite is described by segments ``(new_start, new_end, old_start,
    old_end)`` that tile both texts in order. An *equal* segment (same length,
    same characters) maps char by char; any other segment (a repaired
    mojibake sequence, a composed accent, a removed control character) maps
    as a whole: a start inside it maps to its old start, an end inside it to
    its old end, so a span never cuts a repaired sequence in half.
    """

    __slots__ = ("_new_starts", "_segments")

    def __init__(self, segments: list[tuple[int, int, int, int, bool]] | None = None) -> None:
        self._segments: list[tuple[int, int, int, int, bool]] = []
        self._new_starts: list[int] = []
        for segment in segments or []:
            self.add(*segment)

    def add(self, new_start: int, new_end: int, old_start: int, old_end: int, equal: bool) -> None:
        """Appends the next segment; ``equal`` when it was copied unchanged."""
        if new_end == new_start and old_end == old_start:
            return
        self._segments.append((new_start, new_end, old_start, old_end, equal))
        self._new_starts.append(new_start)

    @property
    def is_identity(self) -> bool:
        return all(seg[4] for seg in self._segments)

    def to_old(self, offset: int, *, end: bool = False) -> int:
        """The offset in the old text for ``offset`` in the new one.

        Args:
            offset: Offset in the new (rewritten) text.
            end: True for an exclusive end offset.
        """
        if not self._segments:
            return offset
        probe = offset - 1 if end and offset > 0 else offset
        i = bisect.bisect_right(self._new_starts, probe) - 1
        # Skip segments that are empty on the new side (deletions) when looking
        # for the one holding ``probe``.
        while i > 0 and self._segments[i][0] == self._segments[i][1]:
            i -= 1
        if i < 0:
            return self._segments[0][2]
        new_start, new_end, old_start, old_end, equal = self._segments[i]
        if equal:
            return min(old_start + (offset - new_start), old_end)
        return old_end if end else old_start

    def __len__(self) -> int:
        return len(self._segments)


class OffsetMap:
    """Maps offsets in a clean text back to the raw text it was cut from.

    The clean text is built from runs copied verbatim from the raw text and
    from inserted separators. Each copied run is stored as
    ``(clean_start, raw_start, length)``; a clean offset inside a run maps
    exactly, one inside inserted text maps to the end of the run before it.

    The runs point into the text the cleaner worked on; when that text was
    repaired from the decoded one, ``base`` (an `Alignment`) takes the offset
    the rest of the way back.
    """

    def __init__(self, base: Alignment | None = None) -> None:
        self._clean_starts: list[int] = []
        self._raw_starts: list[int] = []
        self._lengths: list[int] = []
        self.base = base

    def add_run(self, clean_start: int, raw_start: int, length: int) -> None:
        """Records that ``length`` chars at ``clean_start`` were copied from ``raw_start``."""
        if length <= 0:
            return
        if self._clean_starts:
            last = len(self._clean_starts) - 1
            if (
                self._clean_starts[last] + self._lengths[last] == clean_start
                and self._raw_starts[last] + self._lengths[last] == raw_start
            ):
                self._lengths[last] += length
                return
        self._clean_starts.append(clean_start)
        self._raw_starts.append(raw_start)
        self._lengths.append(length)

    def to_raw(self, clean_offset: int, *, end: bool = False) -> int:
        """Raw offset (in the decoded text) for a clean offset.

        Args:
            clean_offset: Offset in the clean text.
            end: True for an exclusive end offset: it maps to just after the
                raw char of ``clean_offset - 1`` so spans never swallow the
                markup that follows them.
        """
        offset = self.to_source(clean_offset, end=end)
        return self.base.to_old(offset, end=end) if self.base is not None else offset

    def to_source(self, clean_offset: int, *, end: bool = False) -> int:
        """Offset in the text the cleaner worked on (before `base` is applied)."""
        if not self._clean_starts:
            return 0
        if end:
            if clean_offset <= 0:
                return self.to_source(0)
            return self.to_source(clean_offset - 1) + 1
        i = bisect.bisect_right(self._clean_starts, clean_offset) - 1
        if i < 0:
            return self._raw_starts[0]
        offset_in_run = clean_offset - self._clean_starts[i]
        if offset_in_run < self._lengths[i]:
            return self._raw_starts[i] + offset_in_run
        # Inserted text after run i: point at the end of that run.
        return self._raw_starts[i] + self._lengths[i] - 1

    def __len__(self) -> int:
        return len(self._clean_starts)


@dataclass(frozen=True)
class Block:
    """A stretch of clean text with one role (``section``)."""

    section: str
    start: int
    end: int


@dataclass
class Document:
    """A cleaned document ready for the NLP stage.

    Attributes:
        doc_id: As in the RawDocument.
        source: As in the RawDocument.
        text: The clean text the model reads.
        blocks: The sections of ``text`` in order.
        offsets: Map from clean offsets back to ``raw.text`` offsets.
        metadata: title, url, publisher, dateline_place, dateline_date, agency,
            published, published_from, … (whatever the cleaner and the
            container found).
        raw_sha256: Hash of the text as read (for incremental runs).
        n_raw_chars: Length of the text as read.
    """

    doc_id: str
    source: str
    text: str
    blocks: list[Block]
    offsets: OffsetMap
    metadata: dict = field(default_factory=dict)
    raw_sha256: str = ""
    n_raw_chars: int = 0

    def section_at(self, offset: int) -> str:
        """The section of the block holding ``offset`` (``body`` if none does)."""
        for block in self.blocks:
            if block.start <= offset < block.end:
                return block.section
        return "body"
