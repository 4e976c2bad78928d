"""Places named like people: states, provinces and towns called after a person.

"Hidalgo", "Morelos" and "Bolívar" are states as well as surnames; "Emiliano Zapata",
"Benito Juárez" and "Gustavo A. Madero" are towns and boroughs; "Estado de México" is a
state, not the government the model takes it for. The subdivisions of
``subdivisions.tsv`` and the context decide: a place noun before the name ("el estado de
Hidalgo", "el municipio de Emiliano Zapata"), a place preposition before a state's name
("en Morelos"), or the "Town, State" pattern ("Emiliano Zapata, Morelos", "Cuernavaca,
Morelos").
"""

from __future__ import annotations

from functools import cache

from spacy.tokens import Doc, Span

from pipeline.lang import read_table
from pipeline.nlp.guards.registry import guard
from pipeline.nlp.guards.tables import _split
from pipeline.nlp.labels import LOC, MISC, MODEL_LABELS, ORG, PER, PERSON_LABELS
from pipeline.nlp.spans import SpanIndex, reshape
from pipeline.nlp.words import cue_words, in_capitals_line, token_texts

PLACE_NOUNS = cue_words("place_noun")
NEAR_PREPOSITIONS = cue_words("near_place_preposition")
PLACE_HEADS = cue_words("place_head")
PLACE_PREPOSITIONS = cue_words("place_preposition") | NEAR_PREPOSITIONS


@cache
def subdivisions() -> dict[tuple[str, ...], bool]:
    """Words of each subdivision name → whether it is also a person's name (``person`` yes)."""
    out: dict[tuple[str, ...], bool] = {}
    for row in read_table("subdivisions"):
        words = _split(row["name"])
        out[words] = out.get(words, False) or row["person"] == "yes"
    return out


@cache
def _by_first_word() -> dict[str, list[tuple[str, ...]]]:
    out: dict[str, list[tuple[str, ...]]] = {}
    for words in subdivisions():
        out.setdefault(words[0], []).append(words)
    for found in out.values():
        found.sort(key=len, reverse=True)
    return out


def subdivision_at(doc: Doc, i: int) -> int | None:
    """The end of the subdivision name that starts at token ``i``, or None."""
    texts = token_texts(doc)
    for words in _by_first_word().get(texts[i], ()) if i < len(texts) else ():
        k = len(words)
        if i + k <= len(texts) and tuple(texts[i : i + k]) == words:
            return i + k
    return None


def after_place_noun(doc: Doc, start: int) -> bool:
    """ "estado de", "municipio de", "provincia del" right before ``start``."""
    return start >= 2 and doc[start - 1].lower_ in ("de", "del") and doc[start - 2].lower_ in PLACE_NOUNS


def before_subdivision(doc: Doc, end: int) -> bool:
    """ ", <state>" right after ``end``, the state ending its clause ("Emiliano Zapata, Morelos,"):
    not a person's name there ("Urquiza , Benavente , Robles y Lozano", a line-up), nor followed
    by "y" or "e", which go on with a list."""
    if end + 1 >= len(doc) or doc[end].text != ",":
        return False
    after = subdivision_at(doc, end + 1)
    if after is None or doc[end + 1].ent_type_ in PERSON_LABELS:
        return False
    return after == len(doc) or not (doc[after].text[:1].isupper() or doc[after].lower_ in ("y", "e"))


def after_place(doc: Doc, start: int, ents_by_end: dict[int, Span]) -> bool:
    """A place, then a comma, right before ``start`` ("Cuernavaca, Morelos")."""
    if start < 2 or doc[start - 1].text != ",":
        return False
    before = ents_by_end.get(start - 1)
    return before is not None and before.label_ == LOC


def in_place_context(span: Span) -> bool:
    """A name a state's name follows ("Benito Juárez, Quintana Roo"): the town, not the person
    it is named after. (A place noun before a person's name, "el municipio de Emiliano Zapata",
    is `cues.named_after`'s.)"""
    return before_subdivision(span.doc, span.end)


@guard("federal_entity")
def federal_entity(doc: Doc, ents: list[Span]) -> list[Span]:
    """States, provinces and departments (``subdivisions.tsv``) are places: a model PER or
    MISC that is exactly one becomes a LOC ("Sonora" as a person), and the model's pieces
    of one become one LOC ("Estado" ORG + "de" + "México" → "Estado de México"). One that is
    also a surname ("Hidalgo", "Morelos", "Bolívar"), or that the model called an ORG, only
    in a place context: "el estado de Hidalgo", "en Morelos", "Cuernavaca, Morelos" (a team
    or a government keeps its ORG elsewhere). A town tagged PER before ", <state>" is a
    place ("Emiliano Zapata, Morelos", "Benito Juárez, Quintana Roo"). In CoNLL-2002
    Spanish states and provinces are places but for clubs and governments."""
    index = SpanIndex(ents)
    by_end = {e.end: e for e in ents}
    labels: dict[int, str] = {}
    replaced: set[int] = set()
    added: list[Span] = []
    i = 0
    firsts = _by_first_word()
    texts = token_texts(doc)
    while i < len(doc):
        end = subdivision_at(doc, i) if texts[i] in firsts else None
        if end is None:
            i += 1
            continue
        span = doc[i:end]
        person = subdivisions()[tuple(t.text for t in span)]
        near = i > 0 and doc[i - 1].lower_ in NEAR_PREPOSITIONS
        # "Cuernavaca, Morelos" (not for a name tagged PER: "Urquiza , Benavente , Robles", a line-up)
        after_town = after_place(doc, i, by_end) and doc[i].ent_type_ not in PERSON_LABELS
        context = after_place_noun(doc, i) or near or after_town
        headed = doc[i].text in PLACE_HEADS  # "Estado de México", "Ciudad de México"
        inside = index.overlapping(span)
        if len(inside) == 1 and inside[0].start == i and inside[0].end == end:
            label = inside[0].label_
            if label in (PER, MISC) and (context or not person) or label == ORG and (context or headed):
                labels[i] = LOC
        elif inside and all(i <= e.start and e.end <= end and e.label_ in MODEL_LABELS for e in inside):
            organisation = any(e.label_ == ORG for e in inside) and not headed  # "Comunidad" ORG + "de Madrid"
            if (context or not person) and not organisation and not in_capitals_line(doc[i]):
                replaced.update(id(e) for e in inside)
                new = Span(doc, i, end, label=LOC)
                new._.source = inside[0]._.source
                added.append(new)
        i = end
    for ent in ents:
        if ent.label_ in PERSON_LABELS and ent.start not in labels and in_place_context(ent):
            labels[ent.start] = LOC
    added += _untagged_towns(doc, ents)
    out = [reshape(e, e.start, e.end, labels[e.start]) if e.start in labels else e for e in ents if id(e) not in replaced]
    return sorted(out + added, key=lambda s: s.start)


TOWN_MAX_WORDS = 4


def _untagged_towns(doc: Doc, ents: list[Span]) -> list[Span]:
    """Capitalised words the model left untagged between a place preposition and ", <state>":
    "vecinos de Benito Juárez, Quintana Roo", "en Gustavo A. Madero, Ciudad de México"."""
    taken = {i for e in ents for i in range(e.start, e.end)}
    found = []
    for j, text in enumerate(token_texts(doc)):
        if text != "," or j == 0 or not before_subdivision(doc, j):
            continue
        start = j
        while start > 0 and j - start < TOWN_MAX_WORDS and start - 1 not in taken:
            prev = doc[start - 1]
            if not (prev.text[:1].isupper() and (prev.is_alpha or prev.text.endswith("."))):
                break
            start -= 1
        if start < j and start > 0 and doc[start - 1].lower_ in PLACE_PREPOSITIONS and doc[start].is_alpha:
            span = Span(doc, start, j, label=LOC)
            span._.source = "rule"
            found.append(span)
    return found
