"""People: PER → PERSON, one canonical name per person within a document.

"Maduro" and "Nicolás Maduro" in one article are the same person; the
canonical name is the longest name in the document whose words include the
mention's words (accents and case ignored, role titles stripped). A model
MISC/LOC/ORG span whose words are all words of a known person's name is that
person too ("Nicolás Maduro" tagged MISC next to "Maduro" tagged PER).
"""

from __future__ import annotations

import unicodedata

from spacy.language import Language
from spacy.tokens import Doc, Span

from pipeline.lang import column
from pipeline.nlp.spans import relabel

MODEL_PERSON_LABELS = ("PER", "PERSON")
RELABEL_IF_KNOWN = ("MISC", "LOC", "ORG")


def name_key(word: str) -> str:
    """Accent- and case-insensitive key of one name word."""
    text = unicodedata.normalize("NFKD", word)
    return "".join(c for c in text if not unicodedata.combining(c)).casefold()


def name_words(span: Span, titles: set[str]) -> list[str]:
    """The words of a name, without leading determiners/titles and punctuation."""
    words = [t.text for t in span if not (t.is_punct or t.is_space)]
    while words and (words[0].lower() in titles or words[0].lower() in ("el", "la", "los", "las")):
        words = words[1:]
    return words


def canonical_names(names: list[list[str]]) -> dict[tuple[str, ...], list[str]]:
    """Maps each name (as a key tuple) to the longest name that contains its words."""
    keyed = {tuple(name_key(w) for w in n): n for n in names if n}
    out = {}
    for key, words in keyed.items():
        best = words
        for other_key, other in keyed.items():
            if len(other_key) > len(best) and set(key) <= set(other_key):
                best = other
        out[key] = best
    return out


class PeopleCanonicalizer:
    """Labels people PERSON and gives each mention its canonical name."""

    def __init__(self, nlp: Language, name: str = "es_people"):
        self.name = name
        self.titles = set(column("person_titles", "word"))

    def __call__(self, doc: Doc) -> Doc:
        ents = list(doc.ents)
        person_words = {name_key(w) for e in ents if e.label_ in MODEL_PERSON_LABELS
                        for w in name_words(e, self.titles)}
        new_ents = []
        for ent in ents:
            if ent.label_ in MODEL_PERSON_LABELS:
                ent = relabel(ent, "PERSON")
            elif ent.label_ in RELABEL_IF_KNOWN:
                words = name_words(ent, self.titles)
                keys = {name_key(w) for w in words}
                capitalised = all(w[:1].isupper() for w in words)
                if len(words) >= 2 and capitalised and keys & person_words:
                    start = ent.start + (len([t for t in ent if not t.is_space]) - len(words))
                    ent = relabel(Span(doc, start, ent.end, label=ent.label_), "PERSON")
                    ent._.source = "model"
            new_ents.append(ent)
        names = [name_words(e, self.titles) for e in new_ents if e.label_ == "PERSON"]
        canon = canonical_names(names)
        final = []
        for ent in new_ents:
            if ent.label_ == "PERSON":
                key = tuple(name_key(w) for w in name_words(ent, self.titles))
                best = canon.get(key)
                ent._.canonical = " ".join(best) if best else ent.text
            final.append(ent)
        doc.ents = final
        return doc
