"""Decoded text → repaired text, with the way back: mojibake, NFC, line breaks, control characters.

The repair is ftfy's (``fix_text``), keeping typographic quotes (“ ” « »
are Spanish punctuation, not damage). It turns ``MÃ©xico`` into ``México``,
composes ``e`` + U+0301 into ``é`` (NFC), makes ``\\r\\n``, ``\\r`` and
U+2028 plain ``\\n``, and drops NUL and other control characters. After it,
invisible characters go (`INVISIBLE`: zero-width spaces and joiners, bidi
marks, embeddings and isolates, the word joiner, a BOM inside the text, the
soft hyphen): they split words for the model ("Ca\\u200bracas" is not
"Caracas", "40\\u200b000" not a number) and show nothing to a reader. They go
after ftfy, not before, because mojibake is made of such characters too
("í" read as cp1252 is "Ã" + a soft hyphen).

Raw offsets stay in the text as decoded, before repair (the text a user
finds when opening the file), so the repair returns an `Alignment` from the
repaired text back to the decoded one. ftfy works line by line; each line (cut
further at spaces when very long) is repaired alone, and only a line that
changed is aligned, with `difflib`.
"""

from __future__ import annotations

import difflib
import os
import re

import ftfy
from ftfy.badness import is_bad

from pipeline.documents import Alignment

FIX_CONFIG = ftfy.TextFixerConfig(uncurl_quotes=False, explain=False, normalization="NFC")
MAX_CHUNK = 2000
# Lines (with their break), and a long line's pieces ending at a space.
_LINE = re.compile(r"[^\n]*\n|[^\n]+")
# Characters that are invisible in running text and only break words apart:
# soft hyphen, Mongolian vowel separator, zero-width space / non-joiner / joiner,
# left-to-right and right-to-left marks, bidi embeddings and overrides
# (U+202A–U+202E), word joiner and invisible operators (U+2060–U+2064), bidi
# isolates (U+2066–U+2069), and the zero-width no-break space (BOM).
INVISIBLE = re.compile("[\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]+")
# What goes before ftfy: the invisible characters but the soft hyphen (a piece of
# mojibake: "í" read as cp1252 is "Ã" + U+00AD), and the control characters ftfy
# would drop itself. Taken out here, each is aligned exactly rather than by difflib.
_BEFORE_FTFY = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]+")
_AFTER_FTFY = re.compile("\u00ad+")
# Characters none of ftfy's fixes changes (HTML entities need "&", the other fixes act on control, C1,
# ligature, full-width, surrogate and line-separator characters, NFC on combining marks) but its
# mojibake repair, which only acts on a text its `is_bad` heuristic flags: a chunk made of these alone
# and not flagged comes out of ftfy as it went in, so ftfy is not called (it costs as much per line
# as the rest of the cleaning).
_FTFY_UNCHANGED = re.compile(
    "[\t\n\x20-\x25\x27-\x7e\u00a0-\u00ac\u00ae-\u00ff\u2018\u2019\u201a\u201c\u201d\u201e"
    "\u2013\u2014\u2026\u20ac\u2022\u2032\u2033\u2039\u203a\u2122]*"
)
Segment = tuple[int, int, int, int, bool]  # (new_start, new_end, old_start, old_end, equal), as in `Alignment`


def repair_text(text: str) -> str:
    """The repaired text alone: ftfy with this project's settings, invisible characters out."""
    return _AFTER_FTFY.sub("", ftfy.fix_text(_BEFORE_FTFY.sub("", text), FIX_CONFIG))


def repair(text: str) -> tuple[str, Alignment]:
    """Repairs ``text``; returns the repaired text and its alignment back to ``text``.

    Never raises on any string (lone surrogates included).
    """
    pieces: list[str] = []
    alignment = Alignment()
    new_pos = 0
    for chunk, old_pos in _chunks(text):
        fixed, segments = _repair_chunk(chunk)
        for new_start, new_end, old_start, old_end, equal in segments:
            alignment.add(new_pos + new_start, new_pos + new_end, old_pos + old_start, old_pos + old_end, equal)
        pieces.append(fixed)
        new_pos += len(fixed)
    return "".join(pieces), alignment


def _chunks(text: str):
    """``(chunk, offset)`` pieces of ``text``: lines, long ones cut after a space."""
    for m in _LINE.finditer(text):
        line, start = m.group(), m.start()
        while len(line) > MAX_CHUNK:
            cut = line.rfind(" ", 0, MAX_CHUNK) + 1 or MAX_CHUNK
            yield line[:cut], start
            line, start = line[cut:], start + cut
        if line:
            yield line, start


def _repair_chunk(chunk: str) -> tuple[str, list[Segment]]:
    """One chunk repaired, with its segments back to the chunk.

    ftfy's changes are aligned with `difflib`; the characters taken out before
    and after it are aligned exactly, as deletions: difflib, given a line
    where a character between two equal words is gone, may pair the first
    word with the second.
    """
    kept = _kept_positions(chunk) if _BEFORE_FTFY.search(chunk) else None
    text = chunk if kept is None else "".join(chunk[i] for i in kept)
    fixed = _fix_text(text)
    segments = _diff(text, fixed)
    if kept is not None:
        segments = _through_deletions(segments, kept, len(chunk), len(fixed))
    if _AFTER_FTFY.search(fixed) is None:
        return fixed, segments
    return _delete(fixed, segments, _AFTER_FTFY)


def _fix_text(text: str) -> str:
    """``ftfy.fix_text`` with this project's settings; a text it would leave as it is is returned without calling it."""
    if _FTFY_UNCHANGED.fullmatch(text) and not is_bad(text):
        return text
    return ftfy.fix_text(text, FIX_CONFIG)


def _diff(old: str, new: str) -> list[Segment]:
    """Segments from ``new`` back to ``old``: the common start and end as they are, the middle by
    `difflib` (whose longest-match-first would otherwise pair a word of the start with an equal
    one further on, "0Â \\x800Â" → "0\\xa0€0Â" mapping the first "0" to nothing)."""
    if old == new:
        return [(0, len(old), 0, len(old), True)]
    head = len(os.path.commonprefix([old, new]))
    tail = len(os.path.commonprefix([old[head:][::-1], new[head:][::-1]]))
    segments: list[Segment] = [(0, head, 0, head, True)]
    matcher = difflib.SequenceMatcher(None, old[head : len(old) - tail], new[head : len(new) - tail], autojunk=False)
    segments += [(head + j1, head + j2, head + i1, head + i2, tag == "equal") for tag, i1, i2, j1, j2 in matcher.get_opcodes()]
    segments.append((len(new) - tail, len(new), len(old) - tail, len(old), True))
    return segments


def _kept_positions(chunk: str) -> list[int]:
    """Offsets of the characters of ``chunk`` that stay before ftfy."""
    kept: list[int] = []
    pos = 0
    for m in _BEFORE_FTFY.finditer(chunk):
        kept.extend(range(pos, m.start()))
        pos = m.end()
    kept.extend(range(pos, len(chunk)))
    return kept


def _through_deletions(segments: list[Segment], kept: list[int], n_old: int, n_new: int) -> list[Segment]:
    """``segments`` (new → a text made of the characters of old at ``kept``) as segments new → old,
    each run of characters not kept becoming a deletion of its own or part of a repaired sequence."""
    out: list[Segment] = []
    old_pos = 0

    def deleted_before(new_pos: int, old_end: int) -> None:
        nonlocal old_pos
        if old_end > old_pos:
            out.append((new_pos, new_pos, old_pos, old_end, False))
            old_pos = old_end

    for new_start, new_end, start, end, equal in segments:
        old_start = kept[start] if start < len(kept) else n_old
        deleted_before(new_start, old_start)
        if not equal:  # a repaired sequence maps as a whole, with what was taken out inside it
            old_pos = kept[end - 1] + 1 if end > start else old_start
            out.append((new_start, new_end, old_start, old_pos, False))
            continue
        i = start
        while i < end:
            j = i + 1
            while j < end and kept[j] == kept[j - 1] + 1:
                j += 1
            deleted_before(new_start + i - start, kept[i])
            out.append((new_start + i - start, new_start + j - start, kept[i], kept[j - 1] + 1, True))
            old_pos, i = kept[j - 1] + 1, j
    deleted_before(n_new, n_old)
    return out


def _delete(text: str, segments: list[Segment], pattern: re.Pattern) -> tuple[str, list[Segment]]:
    """``text`` without the matches of ``pattern``; ``segments`` (``text`` → old) become (result → old)."""
    out: list[str] = []
    result: list[Segment] = []
    pos = 0
    for new_start, new_end, old_start, old_end, equal in segments:
        part = text[new_start:new_end]
        if not equal:  # a repaired sequence maps as a whole, whatever it keeps
            kept = pattern.sub("", part)
            result.append((pos, pos + len(kept), old_start, old_end, False))
            out.append(kept)
            pos += len(kept)
            continue
        done = 0
        for m in pattern.finditer(part):
            result.append((pos, pos + m.start() - done, old_start + done, old_start + m.start(), True))
            pos += m.start() - done
            result.append((pos, pos, old_start + m.start(), old_start + m.end(), False))
            out.append(part[done : m.start()])
            done = m.end()
        result.append((pos, pos + len(part) - done, old_start + done, old_end, True))
        out.append(part[done:])
        pos += len(part) - done
    return "".join(out), result
