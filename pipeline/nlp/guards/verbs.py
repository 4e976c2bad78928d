"""Verbs: a capitalised sentence opener that is a verb form or a -mente adverb is no name."""

from __future__ import annotations

from functools import cache

from spacy.tokens import Doc, Span, Token

from pipeline.lang import column
from pipeline.nlp.gazetteer import lookup_country
from pipeline.nlp.guards.registry import guard
from pipeline.nlp.spans import reshape
from pipeline.nlp.verb_forms import verb_forms
from pipeline.nlp.words import (
    capitalised_elsewhere,
    fold,
    is_capitalised,
    is_name_word,
    name_classes,
    opens_line,
    opens_sentence,
    particles,
    word_tables,
    words_of,
)

MIN_VERB_STEM = 3  # letters before a verb ending: "Ramos" is no verb form
PLURAL_PRESENT_ENDINGS = ("an", "en")  # unaccented: "Durán", "Amán" are no verb forms


@cache
def verb_endings() -> tuple[str, ...]:
    """Finite verb endings names almost never have (``verb_endings.tsv``)."""
    return column("verb_endings", "ending")


def _verb_like(token: Token) -> bool:
    """A verb form or a -mente adverb by its ending or by the lemmatizer's tables
    (`verb_forms`); given names ("Armando") and countries ("Irán") are not."""
    word = token.lower_
    if any(word.endswith(e) and len(word) - len(e) >= MIN_VERB_STEM for e in verb_endings()):
        return True
    tables = word_tables()
    if (
        word in particles() or fold(word) in tables.closed_class or token.text in tables.given_names or lookup_country(token.text)
    ):  # "De la Serna" (dé), "Armando" (armar), "Irán" (ir)
        return False
    forms = verb_forms()
    following = token.nbor(1) if token.i + 1 < len(token.doc) else None
    if forms.is_unambiguous(word) or forms.is_adverb(word) or forms.follows_verb(word, following and following.text):
        return True
    return _plural_present(token, following)


def _plural_present(token: Token, following: Token | None) -> bool:
    """A third-person plural present ("Exigen", "Anuncian", "Egresan") that is no name word
    (`is_name_word`: "Durán", "Jordan", "Allen" are): the lemmatizer's tables read it so, or,
    for a verb they do not know, it opens a line (a headline) and a number or a lowercase
    word that is no verb follows ("Egresan 300 cadetes", "Egresan de la UNAM"; not
    "Erdogan dijo"). Mexican headlines put the
    verb first ("Exigen maestros…", "Anuncian Sheinbaum y Ebrard…")."""
    word = token.lower_
    if not word.endswith(PLURAL_PRESENT_ENDINGS) or len(word) - 2 < MIN_VERB_STEM or is_name_word(word):
        return False
    found = verb_forms().analyse(word)
    if found is not None:
        return found[1] == "verb_fin_ind_pres_plur_3"
    return opens_line(token) and following is not None and (following.like_num or following.is_lower) and not name_classes(word)


@guard("sentence_initial_verb")
def sentence_initial_verb(doc: Doc, ents: list[Span]) -> list[Span]:
    """A capitalised opener that is a verb form or a -mente adverb ("Ratificó",
    "Intercambiamos", "Podría", "Hablando", "Quiero agradecer", "Ocasionalmente") and is not
    capitalised anywhere else in the document is not a name: alone it is dropped; before
    a name it is trimmed ("Ratificó Maduro" → "Maduro"); before lowercase words or
    numbers ("Pagó 10") the whole span is dropped."""
    out = []
    for ent in ents:
        words = [t for t in words_of(ent) if not t.is_punct]
        token = words[0] if words else None
        if (
            token is None
            or not token.is_alpha
            or token.is_upper
            or not opens_sentence(token)
            or not _verb_like(token)
            or capitalised_elsewhere(token)
        ):
            out.append(ent)
        elif len(words) > 1 and is_capitalised(words[1]):
            out.append(reshape(ent, words[1].i, ent.end))
    return out
