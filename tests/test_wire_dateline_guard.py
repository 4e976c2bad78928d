"""The places the cleaner read in a dateline are places (``doc._.dateline_places``, the ``dateline_place`` guard)."""

from __future__ import annotations

import pytest

from tests.nlp.guards.helpers import filter_nlp


def _run(text: str, spans: list[tuple[str, str]], places: list[str]) -> list[tuple[str, str]]:
    nlp = filter_nlp(("dateline_place",))
    doc = nlp.get_pipe("sentencizer")(nlp.make_doc(text))
    ents, pos = [], 0
    for surface, label in spans:
        start = text.index(surface, pos)
        ents.append(doc.char_span(start, start + len(surface), label=label))
        pos = start + len(surface)
    doc.ents = ents
    doc._.dateline_places = tuple((text.index(p), text.index(p) + len(p)) for p in places)
    return [(e.text, e.label_) for e in nlp.get_pipe("es_entity_filter")(doc).ents]


@pytest.mark.parametrize(
    ("text", "spans", "places", "expected"),
    [
        # the model's label is replaced, a missed place is added, an entity overlapping it gives way
        ("SANTIAGO\n\nLos chilenos votaron.", [("SANTIAGO", "PER")], ["SANTIAGO"], [("SANTIAGO", "LOC")]),
        ("CDMX\n\nEl pleno aprobó.", [], ["CDMX"], [("CDMX", "LOC")]),
        (
            "HOTAN, Xinjiang, 9 jul\n\nEl presidente habló.",
            [("HOTAN, Xinjiang", "ORG")],
            ["HOTAN", "Xinjiang"],
            [("HOTAN", "LOC"), ("Xinjiang", "LOC")],
        ),
        ("MADRID, 3 mar\n\nEl Consejo aprobó.", [("MADRID", "LOC")], ["MADRID"], [("MADRID", "LOC")]),
    ],
)
def test_dateline_places_are_places(text, spans, places, expected):
    assert _run(text, spans, places) == expected
