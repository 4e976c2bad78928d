"""The ``es_entity_filter`` component: runs the precision guards of `pipeline.nlp.guards` in order.

Each guard is a named function ``(doc, ents) -> ents``; the component drops
the labels it is told to, then passes the entities through the guards its
``guards`` setting names, in that order, and sets ``doc.ents`` once.
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.language import Language
from spacy.tokens import Doc

from pipeline.nlp.guards import DEFAULT_GUARDS, GUARDS
from pipeline.nlp.spans import set_ents


class EntityFilter:
    """Applies the guards named in ``guards`` (by default `DEFAULT_GUARDS`) to ``doc.ents``.

    Args:
        nlp: The pipeline (unused; spaCy's component signature).
        name: The component's name.
        guards: Registered guard names, in the order they run.
        drop_labels: Labels removed before the guards run.
    """

    def __init__(
        self,
        nlp: Language,
        name: str = "es_entity_filter",
        *,
        guards: Iterable[str] = DEFAULT_GUARDS,
        drop_labels: Iterable[str] = (),
    ):
        guards = tuple(guards)
        unknown = [g for g in guards if g not in GUARDS]
        if unknown:
            raise ValueError(f"unknown entity filter guard(s) {unknown}; expected some of {list(GUARDS)}")
        self.name = name
        self.guards = guards
        self.drop_labels = set(drop_labels)

    def __call__(self, doc: Doc) -> Doc:
        current = doc.ents
        ents = [e for e in current if e.label_ not in self.drop_labels]
        for name in self.guards:
            ents = GUARDS[name](doc, ents)
        return set_ents(doc, sorted(ents, key=lambda s: s.start), current)
