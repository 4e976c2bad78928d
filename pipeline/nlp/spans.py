"""How rule and gazetteer spans join the model's entities: one policy, here."""

from __future__ import annotations

import bisect
from collections.abc import Iterable

from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from pipeline.nlp.extensions import SPAN_EXTENSIONS


def overlaps(a: Span, b: Span) -> bool:
    return a.start < b.end and b.start < a.end


class SpanIndex:
    """Spans that do not overlap one another (as ``doc.ents``), found by position in logarithmic time.

    Lets a rule ask "which entities does this span touch?" without walking
    every entity of the document, so a long document costs what its
    length does, not its square.
    """

    def __init__(self, spans: Iterable[Span]):
        self.spans = sorted(spans, key=lambda s: s.start)
        self.ends = [s.end for s in self.spans]  # sorted too: the spans do not overlap

    def overlapping(self, span: Span) -> list[Span]:
        """The spans of the index that share a token with ``span``, in order."""
        i = bisect.bisect_right(self.ends, span.start)
        found = []
        while i < len(self.spans) and self.spans[i].start < span.end:
            found.append(self.spans[i])
            i += 1
        return found


def merge_entities(doc: Doc, new: Iterable[Span], *, replace: bool) -> Doc:
    """Adds ``new`` spans to ``doc.ents``.

    Args:
        doc: The document.
        new: Candidate spans (already labelled, extensions set).
        replace: True: a new span removes the existing entities it overlaps
            (rules that know better than the model, e.g. dates and figures).
            False: a new span is only added where it overlaps nothing
            (a gazetteer filling the model's gaps).
    Among overlapping new spans the longest (then the first) wins, as in
    `spacy.util.filter_spans`.
    """
    chosen = filter_spans(list(new))
    if not chosen:
        return doc  # nothing to add: the entities stay as they are
    current = kept = list(doc.ents)
    if replace:
        index = SpanIndex(chosen)
        kept = [e for e in kept if not index.overlapping(e)]
    else:
        index = SpanIndex(kept)
        chosen = [n for n in chosen if not index.overlapping(n)]
    return set_ents(doc, sorted(kept + chosen, key=lambda s: s.start), current)


def set_ents(doc: Doc, ents: list[Span], current: list[Span] | tuple[Span, ...] | None = None) -> Doc:
    """Sets ``doc.ents = ents``, unless ``ents`` are the very Span objects of ``current``, in order.

    ``current`` is what ``doc.ents`` returned before the caller's changes (or
    None). Each ``doc.ents`` assignment rewrites the entity annotation of every
    token; a component that changed nothing skips it, with the same result.
    """
    if current is not None and len(ents) == len(current) and all(a is b for a, b in zip(ents, current, strict=True)):
        return doc
    doc.ents = ents
    return doc


def relabel(
    span: Span,
    label: str | None = None,
    kb_id: str | None = None,
    *,
    start: int | None = None,
    end: int | None = None,
    carry: Iterable[str] = SPAN_EXTENSIONS,
) -> Span:
    """A copy of ``span`` with another label, kb_id or extent, its extensions carried over.

    Args:
        span: The span copied.
        label: The new label; None keeps ``span``'s.
        kb_id: The new kb_id; None keeps ``span``'s under the same label, else "".
        start: The new first token (``span.start`` if None).
        end: The new end token (``span.end`` if None).
        carry: The extensions copied from ``span`` (all by default).
    """
    same = label is None or label == span.label_
    if kb_id is None:
        kb_id = span.kb_id_ if same else ""
    new = Span(
        span.doc,
        span.start if start is None else start,
        span.end if end is None else end,
        label=label or span.label_,
        kb_id=kb_id,
    )
    for name in carry:
        setattr(new._, name, getattr(span._, name))
    return new


def reshape(span: Span, start: int, end: int, label: str | None = None) -> Span:
    """``doc[start:end]`` in place of ``span``, as the guards make it.

    Under ``span``'s label it keeps the kb_id and every extension; under
    another only the ``source`` (a country's kb_id and canonical name do not
    belong to the ORG it becomes part of).
    """
    same = label is None or label == span.label_
    return relabel(span, label, start=start, end=end, carry=SPAN_EXTENSIONS if same else ("source",))


def relabel_at(ents: list[Span], labels: dict[int, str]) -> list[Span]:
    """``ents`` with the entity starting at each token index of ``labels`` given that label (`reshape`)."""
    if not labels:
        return ents
    return [reshape(ent, ent.start, ent.end, labels[ent.start]) if ent.start in labels else ent for ent in ents]


TEXT_KEY = ("es_pipeline", "text")


def doc_text(doc: Doc) -> str:
    """``doc.text``, built once per Doc (spaCy rebuilds it token by token on every access)."""
    text = doc.user_data.get(TEXT_KEY)
    if text is None:  # a Doc's text never changes (retokenizing keeps it)
        text = doc.user_data[TEXT_KEY] = doc.text
    return text
