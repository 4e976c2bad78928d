"""Texts longer than the model accepts, analysed in pieces and joined into one Doc.

spaCy refuses a text over ``nlp.max_length`` characters (E088): a long
report, a feed pasted as one file, a transcript. Such a text is cut at
paragraph breaks, else sentence ends, else spaces, into pieces well under the
limit; the model's components (``ner``, ``senter``, …) run on each piece, the
pieces are joined with ``Doc.from_docs`` into one Doc of the whole text, and
this package's rule components run on that Doc once. The rules therefore see
the whole document, as in one pass: offsets, sentence numbers, canonical names
and document-wide evidence are those of the whole text, and no input longer
than the limit ever reaches the model.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from spacy.language import Language
from spacy.pipeline import Pipe
from spacy.tokens import Doc

# Pieces are at most this long (or half of ``nlp.max_length`` if that is less):
# small enough for the model's arrays to stay modest, large enough that a
# cut is rare.
PIECE_CHARS = 100_000
# A cut is looked for in the last part of each window, so no piece is tiny.
MIN_PIECE_SHARE = 0.5
PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*")
LINE_BREAK = re.compile(r"\n\s*")
SENTENCE_END = re.compile(r"[.!?…][\"'»”’)\]]*\s+")
SPACE = re.compile(r"\s+")
BOUNDARIES = (PARAGRAPH_BREAK, LINE_BREAK, SENTENCE_END, SPACE)


def is_long(nlp: Language, text: str) -> bool:
    """True if ``text`` is over what ``nlp`` takes in one piece."""
    return len(text) > nlp.max_length


def piece_limit(nlp: Language) -> int:
    """The longest piece sent to the model."""
    return max(1, min(PIECE_CHARS, nlp.max_length // 2))


def cut_points(text: str, limit: int) -> list[int]:
    """Offsets where ``text`` is cut into pieces of at most ``limit`` characters.

    Each cut falls just after the last paragraph break of the window, else the
    last line break, sentence end or space, else (a run of ``limit``
    characters without a space) at the limit itself. The returned offsets end
    each piece; the last one is ``len(text)``.
    """
    cuts = []
    start = 0
    while len(text) - start > limit:
        window_end = start + limit
        earliest = start + int(limit * MIN_PIECE_SHARE)
        cut = window_end
        for boundary in BOUNDARIES:
            found = _last_end(boundary, text, earliest, window_end)
            if found is not None:
                cut = found
                break
        cuts.append(cut)
        start = cut
    cuts.append(len(text))
    return cuts


def _last_end(pattern: re.Pattern, text: str, lo: int, hi: int) -> int | None:
    """End of the last match of ``pattern`` that ends within ``(lo, hi]``, or None."""
    last = None
    for match in pattern.finditer(text, lo, hi):
        last = match.end()
    return last


def model_stage(nlp: Language, skip: tuple[str, ...] = ()) -> tuple[list[tuple[str, Callable]], list[tuple[str, Callable]]]:
    """``nlp``'s enabled components split into the model's (leading trainable or built-in pipes) and the rest.

    Components named in ``skip`` (run-only ones) are left out of both.
    """
    pipes = [(name, proc) for name, proc in nlp.pipeline if name not in skip]
    n = 0
    while n < len(pipes) and isinstance(pipes[n][1], Pipe):
        n += 1
    return pipes[:n], pipes[n:]


def analyse_in_pieces(nlp: Language, text: str, prepare: Callable[[Doc], None] | None = None, skip: tuple[str, ...] = ()) -> Doc:
    """The Doc of ``text`` as ``nlp`` would make it in one pass, built from pieces under the model's limit.

    Args:
        nlp: The pipeline.
        text: The whole text (any length).
        prepare: Sets what the rule components need on the joined Doc
            (reference date, document id) before they run.
        skip: Names of components not to run (run-only ones).
    """
    model_pipes, rule_pipes = model_stage(nlp, skip)
    limit = piece_limit(nlp)
    docs, start = [], 0
    for end in cut_points(text, limit):
        doc = nlp.make_doc(text[start:end])
        for _, proc in model_pipes:
            doc = proc(doc)
        docs.append(doc)
        start = end
    doc = Doc.from_docs(docs, ensure_whitespace=False)
    if prepare is not None:
        prepare(doc)
    for _, proc in rule_pipes:
        doc = proc(doc)
    return doc
