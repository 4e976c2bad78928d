"""Heads and suffixes: the first or last word says what kind of name it is."""

from __future__ import annotations

from spacy.tokens import Doc, Span

from pipeline.nlp.gazetteer import lookup_country
from pipeline.nlp.guards.registry import guard
from pipeline.nlp.labels import LOC, MISC, ORG, PER, PLACE_LABELS
from pipeline.nlp.spans import relabel_at, reshape
from pipeline.nlp.words import cue_words, fold, is_capitalised, name_classes, particles, word_tables, words_of

GOVERNMENT_HEADS = cue_words("government_head")


@guard("org_head")
def org_head(doc: Doc, ents: list[Span]) -> list[Span]:
    """A place, MISC or person whose first word heads organisation names ("Gobierno de
    Rusia", "Cancillería venezolana", "El Gobierno", "Estado" alone) is an ORG — unless it
    is a country's name. A leading determiner is left out of the ORG."""
    tables = word_tables()
    out = []
    for ent in ents:
        words = words_of(ent)
        if words and tables.closed_class.get(fold(words[0].text)) == "determiner" and len(words) > 1:
            words = words[1:]
        if (
            ent.label_ in (LOC, MISC, PER)
            and words
            and lookup_country(ent.text) is None
            and (words[0].text in tables.org_heads or len(words) == 1 and words[0].text == "Estado")
        ):
            out.append(reshape(ent, words[0].i, ent.end, ORG))
        else:
            out.append(ent)
    return out


@guard("misc_head")
def misc_head(doc: Doc, ents: list[Span]) -> list[Span]:
    """An organisation, place or person of two or more words whose first word heads the
    names of events, competitions, laws and plans ("Copa del Rey", "Ley de Extranjería",
    "Juegos Olímpicos"; ``misc_heads.tsv``) is a MISC, as CoNLL-2002 labels them."""
    heads = word_tables().misc_heads
    changed = {ent.start: MISC for ent in ents if ent.label_ in (ORG, LOC, PER) and len(ent) > 1 and ent[0].text in heads}
    return relabel_at(ents, changed)


@guard("org_suffix")
def org_suffix(doc: Doc, ents: list[Span]) -> list[Span]:
    """A name of two or more words ending in a company's legal form ("Aer Lingus Group PLC",
    "Repsol S.A.", "Apple Inc.") is an ORG, whatever the model tagged it."""
    suffixes = word_tables().org_suffixes
    out = []
    for ent in ents:
        words = [t for t in words_of(ent) if not t.is_punct]
        last = fold(words[-1].text).replace(".", "") if len(words) > 1 else ""
        if ent.label_ in (PER, LOC, MISC) and last in suffixes and words[-1].text[:1].isupper():
            out.append(reshape(ent, ent.start, ent.end, ORG))
        else:
            out.append(ent)
    return out


@guard("org_of_place")
def org_of_place(doc: Doc, ents: list[Span]) -> list[Span]:
    """ "<head> de <place>" is one ORG: an ORG (or a bare head noun) followed by "de"/"del"
    and a place entity ("Gobierno" + "de" + "Rusia", "Banco Central" + "de" + "Chile")."""
    heads = word_tables().org_heads
    by_start = {e.start: e for e in ents}
    out: list[Span] = []
    skip: set[int] = set()
    for ent in ents:
        if id(ent) in skip:
            continue
        nxt = by_start.get(ent.end + 1)
        joins = ent.end < len(doc) and doc[ent.end].lower_ in ("de", "del") and nxt is not None and nxt.label_ in PLACE_LABELS
        if joins and ent.label_ == ORG and ent[0].text in heads:
            out.append(reshape(ent, ent.start, nxt.end, ORG))
            skip.add(id(nxt))
        else:
            out.append(ent)
    # A bare organisation name the model left untagged: "el Gobierno de [Rusia]",
    # "el Banco Central de [Chile]" (a head noun, up to two more capitalised words).
    taken = {i for e in out for i in range(e.start, e.end)}
    final = []
    for ent in out:
        i = ent.start
        start = None
        if ent.label_ in PLACE_LABELS and i >= 2 and doc[i - 1].lower_ in ("de", "del"):
            j = i - 2
            while j >= 0 and j >= i - 4 and j not in taken and is_capitalised(doc[j]) and doc[j].is_alpha:
                if doc[j].text in heads:
                    start = j
                    break
                j -= 1
        final.append(reshape(ent, start, ent.end, ORG) if start is not None else ent)
    return final


@guard("org_of_person")
def org_of_person(doc: Doc, ents: list[Span]) -> list[Span]:
    """ "<government> de <person>" is the body and the person, not one organisation: the
    model's ORG "Gobierno de Nicolás Maduro" becomes "Gobierno" ORG and "Nicolás Maduro" PER,
    as CoNLL-2002 tags "El Gobierno de Hugo Chávez". The head is a government word
    (``cue_words.tsv``, government_head: "Gobierno", "Ejecutivo", "Administración") and the
    words after "de" a person's full name: a given name (``first_names.tsv``) and one to three
    capitalised words, none a country, a city only or an organisation head. A surname alone
    stays inside ("el Gobierno de Chávez" is one ORG in CoNLL-2002), and so does any other
    head ("Ayuntamiento de Campo de Criptana", "Club de Campo Villa de Madrid")."""
    tables = word_tables()
    out: list[Span] = []
    for ent in ents:
        k = ent.start + 1
        if not (ent.label_ == ORG and len(ent) >= 4 and ent[0].text in GOVERNMENT_HEADS and doc[k].lower_ in ("de", "del")):
            out.append(ent)
            continue
        rest = list(doc[k + 1 : ent.end])
        names = [t for t in rest if t.lower_ not in particles("surname")]
        person = (
            2 <= len(names) <= 4
            and rest[0].text in tables.given_names
            and all(t.is_alpha and t.is_title and fold(t.text) not in tables.closed_class for t in names)
            and not any(t.text in tables.org_heads or lookup_country(t.text) or name_classes(t.text) == {"city"} for t in names)
        )
        out += [reshape(ent, ent.start, k), reshape(ent, k + 1, ent.end, PER)] if person else [ent]
    return out
