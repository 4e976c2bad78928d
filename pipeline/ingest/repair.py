"""Decoded text → repaired text, with the way back: mojibake, NFC, line breaks, control characters.

The repair is ftfy's (``fix_text``), keeping typographic quotes (“ ” « »
are Spanish punctuation, not damage). It turns ``MÃ©xico`` into ``México``,
composes ``e`` + U+0301 into ``é`` (NFC), makes ``\\r\\n``, ``\\r`` and
U+2028 plain ``\\n``, and drops NUL and other control characters.

Raw offsets stay in the text as decoded, before repair (the text a user
finds when opening the file), so the repair returns an `Alignment` from the
repaired text back to the decoded one. ftfy works line by line; each line (cut
further at spaces when very long) is repaired alone, and only a line that
changed is aligned, with `difflib`.
"""

from __future__ import annotations

import difflib
import re

import ftfy

from pipeline.documents import Alignment

FIX_CONFIG = ftfy.TextFixerConfig(uncurl_quotes=False, explain=False, normalization="NFC")
MAX_CHUNK = 2000
# Lines (with their break), and a long line's pieces ending at a space.
_LINE = re.compile(r"[^\n]*\n|[^\n]+")


def repair_text(text: str) -> str:
    """The repaired text alone (ftfy with this project's settings)."""
    return ftfy.fix_text(text, FIX_CONFIG)


def repair(text: str) -> tuple[str, Alignment]:
    """Repairs ``text``; returns the repaired text and its alignment back to ``text``.

    Never raises on any string (lone surrogates included).
    """
    pieces: list[str] = []
    alignment = Alignment()
    new_pos = 0
    for chunk, old_pos in _chunks(text):
        fixed = repair_text(chunk)
        if fixed == chunk:
            alignment.add(new_pos, new_pos + len(chunk), old_pos, old_pos + len(chunk), True)
        else:
            _align(alignment, chunk, fixed, old_pos, new_pos)
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


def _align(alignment: Alignment, old: str, new: str, old_pos: int, new_pos: int) -> None:
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        alignment.add(new_pos + j1, new_pos + j2, old_pos + i1, old_pos + i2, tag == "equal")
