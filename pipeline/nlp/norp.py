"""NORP: nationalities and demonyms ("venezolana", "rusos") → the country's ISO code.

The forms come from ``lang/es/demonyms.tsv`` (one masculine singular per row);
feminine and plural forms are made by Spanish morphology (`gazetteer.inflect`)
unless the table gives them. A NORP span gets ``kb_id`` = the country's ISO alpha-2 and
``canonical`` = the country's Spanish short name.

Behaviour a news analyst expects, and the tests hold:

- A demonym inside another entity stays part of it: "Cancillería venezolana"
  is one ORG (the guards make it ORG), "Aerolíneas Argentinas" one ORG; no
  NORP is cut out of a model entity. The news NER, like CoNLL-2002, leaves a
  following demonym out of the organisation ("Cancillería" ORG, "venezolana"
  NORP VE): it stays a NORP, as CoNLL-2002 spans it.
- Demonyms are lowercase in Spanish: a capitalised form counts only where it
  opens a sentence or the text is in capitals; mid-sentence "Mexicana" is a
  name (the airline), not a nationality. Nor is a capitalised form that is a
  country, a state or province ("Canarias", "NAVARRA") or a name word of the
  name lexicon ("Navarro", "Gallego" opening a sentence: surnames).
- Regional demonyms ("regiomontano", "porteño", "vasco") and American variants
  ("estadunidense", "tico") are NORP with their country's code
  (``demonyms.tsv``, its optional ``region`` column names the region).
- A masculine singular after "en", "al", "del", "idioma", "lengua", "hablar"…
  is the language ("en ruso", "traducido al francés"), not a NORP.
- "bolivianos" after a number is the currency (Bs), not a NORP.
- Set phrases ``lang/es/demonym_idioms.tsv`` ("montaña rusa", "llave
  inglesa", "hacerse el sueco") are no nationality.
- A model entity that is exactly a demonym (a sentence-opening "Venezolanos"
  tagged MISC) becomes NORP.
- "euroasiático", "bolivariano", "árabe": no single state, no NORP (the table
  header lists what is left out and why).
"""

from __future__ import annotations

from functools import cache

import numpy
from spacy.attrs import ENT_IOB, LOWER
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from pipeline.lang import column, read_table
from pipeline.nlp.gazetteer import canonical_country, demonym_idioms, demonym_table, inflect, lookup_country
from pipeline.nlp.guards.places import subdivisions
from pipeline.nlp.labels import LOC, MISC, NORP, ORG, PER, PERSON
from pipeline.nlp.spans import merge_entities, relabel, set_ents
from pipeline.nlp.words import fold, is_name_word, opens_sentence

LANGUAGE_CUES = frozenset(column("language_cues", "word"))
# Currencies named like a demonym ("100 bolivianos"): the one-word currency names and their plurals.
CURRENCY_DEMONYMS = frozenset(
    form for name in column("currencies", "name") if " " not in name for form in (name, inflect(name)["mp"])
)
# The number words of the scale table ("mil", "millones", "millardos") that may come before a currency.
SCALE_WORDS = frozenset(
    row["form"]
    for row in read_table("scale_words")
    if row["case"] == "any" and row["form"].isalpha() and float(row["multiplier"]) >= 1000
)
RELABEL_FROM = (MISC, LOC, ORG, PER, PERSON)
ENT_IOB_INSIDE, ENT_IOB_BEGIN = 1, 3  # Doc.to_array codes of ENT_IOB: 1 "I", 2 "O", 3 "B", 0 unset


@cache
def place_words() -> frozenset[str]:
    """One-word state and province names, folded ("navarra", "baleares", "canarias"): a
    capitalised demonym form that is one names the place."""
    return frozenset(fold(words[0]) for words in subdivisions() if len(words) == 1)


def in_idiom(token: Token) -> bool:
    """True if ``token`` completes a set phrase of `demonym_idioms` ("montaña rusa")."""
    doc = token.doc
    for phrase in demonym_idioms():
        for k, word in enumerate(phrase):
            if word != token.lower_:
                continue
            start = token.i - k
            if start < 0 or start + len(phrase) > len(doc):
                continue
            if tuple(t.lower_ for t in doc[start : start + len(phrase)]) == phrase:
                return True
    return False


def _previous_word(token: Token) -> Token | None:
    i = token.i - 1
    while i >= 0 and (token.doc[i].is_space or token.doc[i].is_punct):
        i -= 1
    return token.doc[i] if i >= 0 else None


class NorpTagger:
    """Adds NORP spans for demonyms (see the module docstring for the rules)."""

    def __init__(self, nlp: Language, name: str = "es_norp"):
        self.name = name
        self.table = demonym_table()
        self.canonical = {code: canonical_country(code) for code, _ in self.table.values()}
        # Hashes of every form, so a document's tokens are screened in one array
        # operation and Token objects are made only for the candidates.
        self.form_hashes = numpy.array(sorted(nlp.vocab.strings.add(form) for form in self.table), dtype="uint64")

    def code_for(self, token: Token) -> str | None:
        """The ISO code if ``token`` is a demonym used as one here, else None."""
        entry = self.table.get(token.lower_)
        if entry is None:
            return None
        code, masculine_singular = entry
        if not token.is_lower and not token.is_upper and not opens_sentence(token):
            return None  # "Mexicana" mid-sentence: part of a name
        if not token.is_lower and (lookup_country(token.text) or is_name_word(token.text) or fold(token.text) in place_words()):
            return None  # "Argentina", "CHINA", "NAVARRA": the place; "Navarro", "Gallego": a surname
        prev = _previous_word(token)
        prev_lower = prev.lower_ if prev is not None else ""
        if masculine_singular and prev_lower in LANGUAGE_CUES:
            return None  # "en ruso": the language
        if token.lower_ in CURRENCY_DEMONYMS and prev is not None and (prev.like_num or prev_lower in SCALE_WORDS):
            return None  # "10 bolivianos": the currency
        if in_idiom(token):
            return None  # "montaña rusa"
        return code

    def _norp(self, span: Span, code: str, source: str) -> Span:
        new = relabel(span, NORP, kb_id=code)
        new._.canonical = self.canonical[code]
        new._.source = source
        return new

    def __call__(self, doc: Doc) -> Doc:
        ents: list[Span] = []
        current = doc.ents
        for ent in current:
            words = [t for t in ent if not t.is_space]
            upper_org = ent.label_ == ORG and ent.text.isupper()  # "ARAGONESAS" in a stock listing: a company
            code = self.code_for(words[0]) if len(words) == 1 and ent.label_ in RELABEL_FROM and not upper_org else None
            ents.append(self._norp(ent, code, ent._.source or "model") if code else ent)
        set_ents(doc, ents, current)
        found = []
        lower, iob = doc.to_array([LOWER, ENT_IOB]).T if len(doc) else (numpy.zeros(0, "uint64"),) * 2
        outside = (iob != ENT_IOB_INSIDE) & (iob != ENT_IOB_BEGIN)
        for i in numpy.flatnonzero(numpy.isin(lower, self.form_hashes) & outside).tolist():
            token = doc[i]
            code = self.code_for(token)
            if code:
                found.append(self._norp(doc[token.i : token.i + 1], code, "gazetteer"))
        return merge_entities(doc, found, replace=False)
