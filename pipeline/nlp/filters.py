"""Precision guards: model entities that are not names are dropped.

The statistical model tags capitalised sentence openers ("Según",
"Intercambiamos", "Ratificó"), photo-credit words ("Foto") and descriptive
phrases ("El presidente de Venezuela", tagged MISC) as entities. These guards
hold for any model: they look at the words, not at the model's scores.
"""

from __future__ import annotations

import unicodedata

from spacy.language import Language
from spacy.tokens import Doc, Span

from pipeline.lang import column

DETERMINERS = {"el", "la", "los", "las", "un", "una", "unos", "unas", "este", "esta", "estos", "estas", "su", "sus"}
# Spanish finite verb endings that names almost never have; only used on a
# single capitalised word that opens a sentence.
# ("José", "María", "Machado" end like verbs too, so -é, -ía, -ado are not here.)
VERB_ENDINGS = ("amos", "emos", "imos", "aron", "ieron", "aban", "ó", "ará", "erá", "irá", "arán", "erán", "irán",
                "aría", "ería", "iría")


def _strip_accents(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


class EntityFilter:
    """Drops model entities that are closed-class words, verbs or descriptions."""

    def __init__(self, nlp: Language, name: str = "es_entity_filter", *, drop_labels: tuple[str, ...] = ()):
        self.name = name
        self.closed_class = set(column("closed_class", "word"))
        self.titles = set(column("person_titles", "word"))
        self.drop_labels = set(drop_labels)

    def is_noise(self, ent: Span, doc: Doc) -> bool:
        if ent.label_ in self.drop_labels:
            return True
        words = [t for t in ent if not t.is_space]
        if not words:
            return True
        first = words[0].lower_
        if ent.text.lower() in self.closed_class or first in ("foto", "fotos", "imagen"):
            return True
        if len(words) == 1:
            return self._is_sentence_initial_word(words[0], doc)
        if ent.label_ == "MISC" and (first in DETERMINERS or first in self.titles):
            return True
        return False

    def _is_sentence_initial_word(self, token, doc: Doc) -> bool:
        """A lone capitalised opener that is a verb form and never capitalised mid-sentence."""
        at_start = token.i == 0 or token.is_sent_start or doc[token.i - 1].is_punct or doc[token.i - 1].is_space
        if not at_start:
            return False
        lower = token.lower_
        if lower in self.closed_class:
            return True
        if not _strip_accents(lower).endswith(tuple(_strip_accents(e) for e in VERB_ENDINGS)):
            return False
        # A real name is also capitalised where it does not open a sentence.
        for other in doc:
            if other.i != token.i and other.text == token.text and not other.is_sent_start \
                    and other.i > 0 and not doc[other.i - 1].is_punct:
                return False
        return True

    def __call__(self, doc: Doc) -> Doc:
        doc.ents = [e for e in doc.ents if not self.is_noise(e, doc)]
        return doc
