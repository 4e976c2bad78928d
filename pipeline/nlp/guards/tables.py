"""Names the tables know: parties, outlets and other organisations, people named by their
initials, events. The model, trained on Spanish newswire of 2000, takes "Morena" for a
place, "AMLO" for an organisation and "Roland Garros" for a person; a table of names
settles what they are, wherever they stand — but for a quoted name (a work's title) and an
acronym the document defines as another name ("Oferta Pública de Suscripción ( OPS )"), which
stands for that name wherever it is used there.

A table name is matched as written (case and accents as in the table), so "Podemos" the
party is never the verb "podemos"; an all-capitals form ("PAN", "MAS") is not taken from a
line written all in capitals, where every word is in capitals. A name the model missed is
added only where it overlaps no entity and does not run into a capitalised word before or
after it ("El País Vasco" is no newspaper); a name that covers the model's pieces of it
("Libertad Avanza" of "La Libertad Avanza") replaces them. A lowercase head the model took in
stays, as CoNLL-2002 spans it ("el diario Clarín").
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from spacy.tokens import Doc, Span

from pipeline.lang import read_table
from pipeline.nlp.guards.cues import named_after
from pipeline.nlp.guards.descriptions import QUOTES
from pipeline.nlp.guards.registry import guard
from pipeline.nlp.labels import LOC, MISC, MODEL_LABELS, ORG, PER
from pipeline.nlp.spans import SpanIndex, reshape
from pipeline.nlp.words import in_capitals_line, opens_sentence, token_texts


@dataclass(frozen=True)
class TableName:
    """One form of a table name: its words, the label it gets, the labels it may be taken from."""

    words: tuple[str, ...]
    label: str
    relabel_from: tuple[str, ...]
    add: bool  # may be added where the model tagged nothing
    canonical: str = ""

    @property
    def upper(self) -> bool:
        return all(w.isupper() for w in self.words if any(c.isalpha() for c in w))


@cache
def _tokenizer():
    import spacy

    return spacy.blank("es").tokenizer


def _split(text: str) -> tuple[str, ...]:
    return tuple(t.text for t in _tokenizer()(text) if not t.is_space)


@cache
def organisation_names() -> dict[tuple[str, ...], TableName]:
    """Every name, acronym and nickname of ``organisations.tsv`` as words → how to treat it."""
    out: dict[tuple[str, ...], TableName] = {}
    for row in read_table("organisations"):
        ambiguous = row["ambiguous"] == "yes"
        relabel_from = (PER, MISC) if ambiguous else (PER, MISC, LOC)
        for form in (row["name"], *row["acronyms"].split("|"), *row["nicknames"].split("|")):
            if form:
                words = _split(form)
                out.setdefault(words, TableName(words, ORG, relabel_from, add=not ambiguous, canonical=row["name"]))
    return out


@cache
def person_acronyms() -> dict[str, str]:
    """Acronym → the person's full name (``person_acronyms.tsv``)."""
    return {row["acronym"]: row["canonical"] for row in read_table("person_acronyms")}


@cache
def _acronym_names() -> dict[tuple[str, ...], TableName]:
    return {(a,): TableName((a,), PER, (ORG, LOC, MISC), add=True, canonical=c) for a, c in person_acronyms().items()}


@cache
def event_names() -> dict[tuple[str, ...], TableName]:
    """Every name of ``events.tsv`` as words."""
    out = {}
    for row in read_table("events"):
        words = _split(row["name"])
        out[words] = TableName(words, MISC, (PER, ORG, LOC), add=True)
    return out


def _by_first_word(names: dict[tuple[str, ...], TableName]) -> dict[str, list[TableName]]:
    out: dict[str, list[TableName]] = {}
    for name in names.values():
        out.setdefault(name.words[0], []).append(name)
    for found in out.values():
        found.sort(key=lambda n: -len(n.words))  # the longest first
    return out


@cache
def _index(kind: str) -> dict[str, list[TableName]]:
    tables = {"organisation": organisation_names, "person_acronym": _acronym_names, "event": event_names}
    return _by_first_word(tables[kind]())


def find_names(doc: Doc, kind: str) -> list[tuple[int, int, TableName]]:
    """Token ranges of the table names of ``kind`` in ``doc``, longest first where they overlap."""
    index = _index(kind)
    texts = token_texts(doc)
    found = []
    i, n = 0, len(texts)
    while i < n:
        candidates = index.get(texts[i])
        match = None
        for name in candidates or ():
            k = len(name.words)
            if i + k <= n and tuple(texts[i : i + k]) == name.words:
                match = (i, i + k, name)
                break
        if match:
            found.append(match)
            i = match[1]
        else:
            i += 1
    return found


def _capitalised_word(doc: Doc, i: int) -> bool:
    return 0 <= i < len(doc) and doc[i].is_alpha and doc[i].text[:1].isupper()


def _runs_on(doc: Doc, start: int, end: int) -> bool:
    """A capitalised word right before or after: the match is part of a longer name. A word
    before that opens a sentence does not count ("Ayer Morena…" is rare; "El País Vasco" runs on)."""
    before = start - 1
    return _capitalised_word(doc, end) or (_capitalised_word(doc, before) and not opens_sentence(doc[before]))


def _defined_elsewhere(doc: Doc, ents: list[Span]) -> dict[str, str]:
    """Acronyms the document defines, "<name> ( ACRONYM )", with the name they stand for."""
    ends = {e.end: e for e in ents}
    texts = token_texts(doc)
    out = {}
    for i in range(1, len(texts) - 2):
        if texts[i] == "(" and texts[i + 2] == ")" and i in ends and texts[i + 1].isupper():
            out[texts[i + 1]] = ends[i].text
    return out


def apply_table(doc: Doc, ents: list[Span], kind: str, *, skip_named_after: bool = False) -> list[Span]:
    """Relabels the entities that are exactly a table name, replaces the pieces a name covers,
    and adds the names the model missed (see the module docstring)."""
    matches = find_names(doc, kind)
    if not matches:
        return ents
    index = SpanIndex(ents)
    defined = _defined_elsewhere(doc, ents)
    labels: dict[int, str] = {}
    replaced: set[int] = set()
    added: list[Span] = []
    for start, end, name in matches:
        if name.upper and in_capitals_line(doc[start]):
            continue
        if start > 0 and doc[start - 1].text in QUOTES:
            continue  # a work's title or a quoted word: «Proceso» as the model tagged it
        if end - start == 1 and doc[start].text in defined and defined[doc[start].text] != name.canonical:
            continue  # "Oferta Pública de Suscripción ( OPS )": the document's own acronym, everywhere in it
        span = doc[start:end]
        if skip_named_after and named_after(span):
            continue
        inside = index.overlapping(span)
        if len(inside) == 1 and inside[0].start == start and inside[0].end == end:
            ent = inside[0]
            if ent.label_ in name.relabel_from:
                labels[ent.start] = name.label
            continue
        if not name.add or _runs_on(doc, start, end):
            continue
        if inside and not all(start <= e.start and e.end <= end and e.label_ in MODEL_LABELS for e in inside):
            continue  # part of a longer entity, or crossing one
        if inside and not all(e.label_ in name.relabel_from or e.label_ == name.label for e in inside):
            continue
        replaced.update(id(e) for e in inside)
        new = Span(doc, start, end, label=name.label)
        new._.source = "gazetteer"
        added.append(new)
    out = []
    for ent in ents:
        if id(ent) in replaced:
            continue
        out.append(reshape(ent, ent.start, ent.end, labels[ent.start]) if ent.start in labels else ent)
    return out + added


@guard("known_organisation")
def known_organisation(doc: Doc, ents: list[Span]) -> list[Span]:
    """A party, coalition, movement, union, outlet or international body of
    ``organisations.tsv`` ("Morena", "Juntos Haremos Historia", "PSUV", "La Jornada") is an
    ORG: a model PER, LOC or MISC that is exactly one becomes an ORG (a name that is also a
    common word, "Podemos", "Reforma", only from PER or MISC), and one the model missed is added."""
    return apply_table(doc, ents, "organisation")


@guard("person_acronym")
def person_acronym(doc: Doc, ents: list[Span]) -> list[Span]:
    """A person the press names by initials (``person_acronyms.tsv``: "AMLO", "CFK", "PPK") is
    a person, whatever the model made of it, and is added where it missed it; `es_people` gives
    it the full name. After "aeropuerto" and the like it names the place ("el aeropuerto JFK")."""
    return apply_table(doc, ents, "person_acronym", skip_named_after=True)


@guard("known_event")
def known_event(doc: Doc, ents: list[Span]) -> list[Span]:
    """An event, competition or award of ``events.tsv`` ("Roland Garros", "Grand Slam",
    "Super Bowl") is a MISC, as CoNLL-2002 labels events, not the person or organisation the
    model took it for; after "estadio" and the like it is the place named after it."""
    return apply_table(doc, ents, "event", skip_named_after=True)
