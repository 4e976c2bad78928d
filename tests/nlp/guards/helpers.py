"""Runs ``es_entity_filter`` with chosen guards over a text with given model entities."""

from __future__ import annotations

from functools import cache

import spacy
from spacy.language import Language

import pipeline.nlp.factories  # noqa: F401  (registers the es_* factories)

BODY = (
    "{}\n\nLa lluvia cayó ayer durante más de tres horas sobre el centro y obligó a cerrar varias calles , "
    "según informaron los bomberos , que atendieron decenas de avisos ."
)


@cache
def filter_nlp(guards: tuple[str, ...]) -> Language:
    """A blank Spanish pipeline: a sentencizer, then the filter running ``guards`` in order."""
    nlp = spacy.blank("es")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("es_entity_filter", config={"guards": list(guards)})
    return nlp


def run_guards(guards: tuple[str, ...], text: str, spans: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The ``(text, label)`` entities left after ``guards`` run on ``text`` with the model entities ``spans``."""
    nlp = filter_nlp(tuple(guards))
    doc = nlp.get_pipe("sentencizer")(nlp.make_doc(text))
    ents, pos = [], 0
    for surface, label in spans:
        start = text.index(surface, pos)
        ents.append(doc.char_span(start, start + len(surface), label=label))
        pos = start + len(surface)
    doc.ents = ents
    return [(e.text, e.label_) for e in nlp.get_pipe("es_entity_filter")(doc).ents]


def case_ids(cases: list[tuple]) -> list[str]:
    return [f"{case[0]}-{i}" for i, case in enumerate(cases)]
