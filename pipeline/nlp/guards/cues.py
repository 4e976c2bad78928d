"""Cue words before a name: the noun before it says what it is."""

from __future__ import annotations

from functools import cache

from spacy.tokens import Doc, Span, Token

from pipeline.lang import column, mapping
from pipeline.nlp.gazetteer import lookup_country, lookup_demonym
from pipeline.nlp.guards.registry import guard
from pipeline.nlp.labels import LOC, MISC, MODEL_LABELS, ORG, PER, PERSON_LABELS
from pipeline.nlp.spans import relabel_at, reshape
from pipeline.nlp.verb_forms import verb_forms
from pipeline.nlp.words import cue_words, fold, word_tables


@cache
def named_after_nouns() -> dict[str, str]:
    return mapping("named_after_nouns", "word", "label")


def named_after(ent: Span) -> str | None:
    """The label of a name called after a person, from the lowercase noun right before it
    ("estadio" → LOC in "el estadio Santiago Bernabéu"; "de"/"del" may stand between),
    or None."""
    doc, i = ent.doc, ent.start - 1
    while i >= 0 and doc[i].lower_ in ("de", "del") and doc[i].is_lower:
        i -= 1
    if i < 0 or not doc[i].is_lower:
        return None
    return named_after_nouns().get(doc[i].text)


@guard("person_named_place")
def person_named_place(doc: Doc, ents: list[Span]) -> list[Span]:
    """A person's name right after "estadio", "hospital", "premio"… (``named_after_nouns.tsv``)
    names the place, organisation or event called after that person: "el estadio Santiago
    Bernabéu" is LOC, "el hospital Gregorio Marañón" ORG, "el premio Miguel de Cervantes"
    MISC (and `es_people` makes none of them a person)."""
    out = []
    for ent in ents:
        label = named_after(ent) if ent.label_ in PERSON_LABELS else None
        out.append(reshape(ent, ent.start, ent.end, label) if label else ent)
    return out


@cache
def apposition_nouns() -> dict[str, str]:
    return mapping("apposition_nouns", "word", "label")


def apposition_label(ent: Span) -> str | None:
    """The label the lowercase noun right before a name gives it ("empresa" → ORG in
    "la empresa Indra", "centrocampista" → PER), or None. A nationality or another
    adjective may stand between ("la empresa española Indra", "el diputado centrista
    Joaquim dos Reis", "el portero suplente Larrañeta"); a verb form, an adverb or a
    closed-class word may not ("el presidente visitó Madrid", "el partido de Juan")."""
    doc, i = ent.doc, ent.start - 1
    if i < 0 or not doc[i].is_lower:
        return None
    nouns = apposition_nouns()
    label = nouns.get(doc[i].text)
    before = nouns.get(doc[i - 1].text) if i > 0 and doc[i - 1].is_lower else None
    if label is None and (lookup_demonym(doc[i].text) or _adjective_like(doc[i])):
        return before
    if before is not None and before != label:
        return None  # "la organización activista X": the second noun is an adjective here
    return label


def _adjective_like(token: Token) -> bool:
    """A lowercase word that may be an adjective: no closed-class word, verb form or adverb."""
    text = token.text
    if not token.is_alpha or word_tables().closed_class.get(fold(text)):
        return False
    forms = verb_forms()
    return forms.analyse(text) is None and not forms.is_adverb(text)


@guard("role_apposition")
def role_apposition(doc: Doc, ents: list[Span]) -> list[Span]:
    """A name right after a noun that says what it is (``apposition_nouns.tsv``) takes
    that label: "la empresa argentina Musimundo" is an ORG, "el centrocampista Denilson"
    a PER, "el índice Nikkei" a MISC, whatever the model called them. MISC after an
    organisation noun stays ("el grupo colombiano Aterciopelados", a band). An adjective may stand
    between the noun and the name ("el portero suplente Larrañeta")."""
    labels = {}
    for ent in ents:
        label = apposition_label(ent) if ent.label_ in MODEL_LABELS else None
        if label and label != ent.label_ and not (label == ORG and ent.label_ == MISC):
            labels[ent.start] = label
    return relabel_at(ents, labels)


@cache
def organisation_of_nouns() -> dict[str, str]:
    return mapping("organisation_of_nouns", "word", "label")


@guard("organisation_of_role")
def organisation_of_role(doc: Doc, ents: list[Span]) -> list[Span]:
    """A PER right after "presidente de", "director ejecutivo de", "acciones de", "planta de"…
    (``organisation_of_nouns.tsv``) is what a person heads, owns or works for: an ORG ("el
    presidente de Wintershall", "las acciones de Harland Shipping"), or after "alcalde de" the
    town, a LOC. An adjective may stand between ("las acciones preferenciales de Vale
    Sul"). In CoNLL-2002 a name there is never a PER. A person the model ran on from the
    organisation is parted from it at the given name ("el presidente de Chrysler Robert
    Nardelli" → "Chrysler" ORG, "Robert Nardelli" PER)."""
    nouns = organisation_of_nouns()
    given = word_tables().given_names
    out = []
    for ent in ents:
        i = ent.start
        label = None
        if ent.label_ == PER and i >= 2 and doc[i - 1].lower_ in ("de", "del"):
            label = nouns.get(doc[i - 2].text)
            if label is None and i >= 3 and doc[i - 2].is_lower and _adjective_like(doc[i - 2]):
                label = nouns.get(doc[i - 3].text)  # "las acciones preferenciales de Vale Sul"
        if label is None:
            out.append(ent)
            continue
        person = next((t.i for t in ent[1:-1] if t.text in given and t.nbor().is_title), None)
        if person is None:
            out.append(reshape(ent, ent.start, ent.end, label))
        else:
            out += [reshape(ent, ent.start, person, label), reshape(ent, person, ent.end)]
    return out


ARTICLES_BEFORE_TEAM = cue_words("masculine_article")


@cache
def article_places() -> frozenset[str]:
    return frozenset(fold(name) for name in column("article_places", "name"))


@guard("team_with_article")
def team_with_article(doc: Doc, ents: list[Span]) -> list[Span]:
    """A city does not take the article, its club does: a one-word place right after a
    lowercase "el", "al" or "del" ("ante el Parma", "paró los pies al Madrid", "ex técnico
    del Mérida") is an ORG. Countries ("del Líbano", "el Perú") and the places whose name
    takes the article (``article_places.tsv``: "el Mediterráneo", "del Everest") stay
    places; so do acronyms. In CoNLL-2002 such a name is a club far more often than a place."""
    clubs = {
        ent.start: ORG
        for ent in ents
        if ent.label_ == LOC
        and len(ent) == 1
        and ent.start > 0
        and doc[ent.start - 1].text in ARTICLES_BEFORE_TEAM
        and not ent.text.isupper()
        and fold(ent.text) not in article_places()
        and not lookup_country(ent.text)
    }
    return relabel_at(ents, clubs)
