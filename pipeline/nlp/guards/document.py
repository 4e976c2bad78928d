"""Document-wide evidence: other mentions of the same name, names listed together."""

from __future__ import annotations

from collections import Counter

from spacy.tokens import Doc, Span

from pipeline.nlp.guards.registry import guard
from pipeline.nlp.labels import MODEL_LABELS, ORG, PER
from pipeline.nlp.spans import relabel_at, reshape
from pipeline.nlp.words import fold, word_tables

LIST_SEPARATORS = {",", ";", "y", "e"}  # ";" parts a team's line-up: "Ferreira ; Kovac , Dumont , Teruel"
LIST_MIN_VOTES = 2
LIST_MAJORITY = 2  # a list's label overrides a label it has at least twice as many votes as
LIST_ASIDE_MAX = 6  # tokens inside a list item's "( … )": "( Lugo )", "( 9 )", "( 3 veces )"


def _after_aside(doc: Doc, i: int) -> int:
    """The token after a short "( … )" that starts at ``i``, or ``i`` if there is none."""
    if i < len(doc) and doc[i].text == "(":
        for j in range(i + 1, min(i + LIST_ASIDE_MAX + 2, len(doc))):
            if doc[j].text == ")":
                return j + 1
            if doc[j].text == "(":
                break
    return i


def _name_lists(doc: Doc, ents: list[Span]) -> list[list[Span]]:
    """Names listed one after another, joined by a comma, a semicolon, "y" or "e" ("Urquiza ,
    Benavente y Lozano"); a name may carry a short aside in parentheses ("Robles ( Lugo ) ,
    Sergio", "Uribe ( 9 ) , Moreno ( 11 )"), whose names are not items. A name after a
    preposition and before a comma opens the clause, not the list: "En Madrid , Aznar y Rato
    firmaron", "Según Aznar , Madrid y Barcelona…"."""
    lists: list[list[Span]] = []
    next_item = -1  # where a separator must stand for the list to go on
    for ent in sorted(ents, key=lambda e: e.start):
        if ent.end <= next_item:
            continue  # a name in the last item's aside
        if lists and ent.start - next_item == 1 and doc[next_item].text in LIST_SEPARATORS:
            if len(lists[-1]) == 1 and doc[next_item].text == "," and _after_preposition(lists[-1][0]):
                lists[-1] = [ent]
            else:
                lists[-1].append(ent)
        else:
            lists.append([ent])
        next_item = _after_aside(doc, ent.end)
    return [names for names in lists if len(names) > 1]


def _after_preposition(ent: Span) -> bool:
    """The word before ``ent`` is a preposition ("en", "según", "para", "desde"; not "de" or "a")."""
    return ent.start > 0 and word_tables().closed_class.get(fold(ent.doc[ent.start - 1].text)) == "preposition"


@guard("organisation_elsewhere")
def organisation_elsewhere(doc: Doc, ents: list[Span]) -> list[Span]:
    """A name tagged PER that the model also tagged ORG elsewhere in the document is an ORG:
    the model takes companies for people far more often than the reverse ("Apple", "Chrysler",
    "Bancomer", "Udalbiltza" on real news), and a person is seldom written as an organisation.
    A one-word name that is also a word of a person named in full there stays a person
    ("Ford" beside "William Clay Ford Jr"). Unlike `majority_label`, one ORG vote is enough.
    What it gets wrong: players who share a club's name ("Corozal", "Masip")."""
    organisations = {fold(ent.text) for ent in ents if ent.label_ == ORG}
    if not organisations:
        return ents
    person_words = {fold(token.text) for ent in ents if ent.label_ == PER and len(ent) > 1 for token in ent}
    changed = {}
    for ent in ents:
        name = fold(ent.text)
        if ent.label_ == PER and name in organisations and not (len(ent) == 1 and name in person_words):
            changed[ent.start] = ORG
    return relabel_at(ents, changed)


@guard("listed_names")
def listed_names(doc: Doc, ents: list[Span]) -> list[Span]:
    """Names in one list are mostly of one kind: in "Urquiza , Benavente y Lozano" or a team's
    line-up ("Ferreira ; Kovac , Dumont , Teruel , Mbeki ; …"), a one-word name takes
    the list's label when at least two names have that label and it has at least
    twice the votes of the name's own label. Acronyms keep theirs ("OCDE , Noruega y
    Suiza"), and a tie changes nothing."""
    changed: dict[int, str] = {}
    for names in _name_lists(doc, ents):
        votes = Counter(ent.label_ for ent in names if ent.label_ in MODEL_LABELS)
        ranked = votes.most_common(2)
        if not ranked or ranked[0][1] < LIST_MIN_VOTES or (len(ranked) > 1 and ranked[1][1] == ranked[0][1]):
            continue
        label = ranked[0][0]
        for ent in names:
            if (
                ent.label_ in MODEL_LABELS
                and ent.label_ != label
                and votes[ent.label_] <= max(1, votes[label] // LIST_MAJORITY)
                and len(ent) == 1
                and not ent.text.isupper()
            ):
                changed[ent.start] = label
    return relabel_at(ents, changed)


MAJORITY_RATIO = 2


@guard("majority_label")
def majority_label(doc: Doc, ents: list[Span]) -> list[Span]:
    """One name, one label per document: a name the model tagged with several labels
    takes the label it got at least twice as often as any other there ("Sao Paulo"
    nine times LOC and once PER is LOC each time; without this, `es_people` made
    all ten a person). A closer vote changes nothing ("Castaño" three times PER,
    twice MISC). Names are compared case- and accent-insensitively; only the model's
    name labels (PER, LOC, ORG, MISC) take part."""
    votes: dict[str, Counter] = {}
    for ent in ents:
        if ent.label_ in MODEL_LABELS:
            votes.setdefault(fold(ent.text), Counter())[ent.label_] += 1
    winners = {}
    for name, counts in votes.items():
        if len(counts) > 1:
            (first, n_first), (_, n_second) = counts.most_common(2)
            if n_first >= MAJORITY_RATIO * n_second:
                winners[name] = first
    if not winners:
        return ents
    kept = []
    for ent in ents:
        label = winners.get(fold(ent.text)) if ent.label_ in MODEL_LABELS else None
        kept.append(reshape(ent, ent.start, ent.end, label) if label and label != ent.label_ else ent)
    return kept
