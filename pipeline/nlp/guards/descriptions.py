"""Descriptions and titles: role phrases, set phrases and titles that are no names."""

from __future__ import annotations

import re
from functools import cache

from spacy.tokens import Doc, Span

from pipeline.nlp.guards.registry import guard
from pipeline.nlp.labels import MISC, ORG, PER, PERSON_LABELS
from pipeline.nlp.spans import reshape
from pipeline.nlp.words import cue_words, fold, particles, word_tables, words_of

QUOTES = {'"', "“", "«", "'", "‘"}


@guard("description")
def description(doc: Doc, ents: list[Span]) -> list[Span]:
    """A description, not a name: it starts with a determiner or a role title and has a
    lowercase content word ("El presidente de Venezuela", "Los jefes de Estado", "La ley"),
    or it is a lone role title that is not a person ("Obispo" as a place; "el Papa" stays
    PER). A quoted span is a work's title and stays."""
    tables = word_tables()
    kept = []
    for ent in ents:
        words = [t for t in words_of(ent) if not t.is_punct]
        first = fold(words[0].text) if words else ""
        second_lower = len(words) > 1 and words[1].is_lower
        starts_descriptive = tables.closed_class.get(first) == "determiner" and second_lower or first in tables.titles
        lowercase_word = any(t.is_lower and t.is_alpha and fold(t.text) not in particles() for t in words[1:])
        quoted = ent.start > 0 and doc[ent.start - 1].text in QUOTES  # a work's title: «El pájaro de fuego»
        if (
            starts_descriptive
            and not quoted
            and (lowercase_word or first in tables.titles and len(words) == 1 and (words[0].is_lower or ent.label_ != PER))
        ):
            continue
        kept.append(ent)
    return kept


@guard("fixed_phrase")
def fixed_phrase(doc: Doc, ents: list[Span]) -> list[Span]:
    """ "Estado" in "los jefes de Estado" / "golpe de Estado" is a common noun, not an entity."""
    by_last = _phrases_by_last_word()
    kept = []
    for ent in ents:
        words = [fold(t.text) for t in words_of(ent)]
        drop = False
        # only a phrase ending in the entity's last word can end in its words
        for phrase in by_last.get(words[-1], ()) if words else word_tables().fixed_phrases:
            n = len(phrase)
            if words != list(phrase[n - len(words) :]) or len(words) >= n:
                continue
            need = n - len(words)
            before = [fold(t.text) for t in doc[max(0, ent.start - need - 2) : ent.start] if not t.is_space][-need:]
            if before == list(phrase[:need]):
                drop = True
                break
        if not drop:
            kept.append(ent)
    return kept


@cache
def _phrases_by_last_word() -> dict[str, tuple[tuple[str, ...], ...]]:
    """`WordTables.fixed_phrases` by their last (folded) word, in table order."""
    out: dict[str, tuple[tuple[str, ...], ...]] = {}
    for phrase in word_tables().fixed_phrases:
        out[phrase[-1]] = out.get(phrase[-1], ()) + (phrase,)
    return out


@guard("person_title")
def person_title(doc: Doc, ents: list[Span]) -> list[Span]:
    """Lowercase role titles are not part of a person's name: "presidente Putin" → "Putin",
    "el doctor Roca" → "Roca"; a PER left empty ("el presidente") is dropped. Capitalised
    courtesy and royal titles stay ("Don Juan Carlos", "Reina Margarita", "Papa"). A PER
    made only of capitalised office titles is no name and is dropped ("Bob Mansfield,
    Vicepresidente de Apple", "El Presidente de los Estados Unidos Barack Obama");
    a title that names one person by itself stays ("el Rey", "el Papa", "el Cardenal")."""
    tables = word_tables()
    titles, cc = tables.titles, tables.closed_class
    out = []
    for ent in ents:
        if ent.label_ not in PERSON_LABELS:
            out.append(ent)
            continue
        start = ent.start
        while start < ent.end and (
            doc[start].is_space
            or doc[start].is_punct
            or doc[start].is_lower
            and (fold(doc[start].text) in titles or cc.get(fold(doc[start].text)) == "determiner")
        ):
            start += 1
        words = [fold(t.text) for t in doc[start : ent.end] if not (t.is_space or t.is_punct)]
        only_titles = words and all(w in titles or cc.get(w) in ("determiner", "preposition", "particle") for w in words)
        if only_titles and not any(w in tables.titles_alone for w in words):
            continue
        if start == ent.start:
            out.append(ent)
        elif start < ent.end:
            out.append(reshape(ent, start, ent.end))
    return out


YEARS = re.compile(r"\(?\s*[12]\d{3}(\s*[-–]\s*[12]\d{3})?\s*\)?")


@guard("person_with_digits")
def person_with_digits(doc: Doc, ents: list[Span]) -> list[Span]:
    """A person's name has no digits: a PER with a number in it is a product, an index or a
    model ("Nikkei 225", "Vickers VC-10" → MISC), unless the number is a year or years after
    the name, which are cut off ("Steve Jobs 1955-2011" → "Steve Jobs"). In CoNLL-2002 a name
    with a digit is never a PER and mostly a MISC."""
    out = []
    for ent in ents:
        if ent.label_ != PER or not any(ch.isdigit() for ch in ent.text):
            out.append(ent)
            continue
        end = ent.end
        while end > ent.start and (doc[end - 1].is_punct or any(ch.isdigit() for ch in doc[end - 1].text)):
            end -= 1
        name_has_digits = any(ch.isdigit() for ch in doc[ent.start : end].text)
        if end > ent.start and not name_has_digits and YEARS.fullmatch(doc[end : ent.end].text):
            out.append(reshape(ent, ent.start, end))
        else:
            out.append(reshape(ent, ent.start, ent.end, MISC))
    return out


@guard("generic_body")
def generic_body(doc: Doc, ents: list[Span]) -> list[Span]:
    """A state's body named by its common noun alone ("el Estado", "el Ejecutivo", "la
    Presidencia"; ``cue_words.tsv``, generic_body) is a description in running text, not an
    organisation's name, in today's news annotation (CoNLL-2002 tags it ORG: leave this
    guard out of the config to follow it). One that a name follows with "de" says whose it
    is and stays ("el Ejecutivo de Vicente Álvarez Areces", "la Presidencia de la República")."""
    generic = cue_words("generic_body")
    return [e for e in ents if not (e.label_ == ORG and len(words_of(e)) == 1 and e.text in generic and not _of_a_name(e))]


def _of_a_name(ent: Span) -> bool:
    """ "de"/"del" and a capitalised word (or "la"/"el" and one) right after ``ent``."""
    doc, i = ent.doc, ent.end
    if i >= len(doc) or doc[i].lower_ not in ("de", "del"):
        return False
    j = i + 1 + (i + 1 < len(doc) and doc[i + 1].lower_ in ("la", "el", "los", "las"))
    return j < len(doc) and doc[j].text[:1].isupper()
