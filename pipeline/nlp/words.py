"""Word helpers the guards and the names components share: folding, capitals, sentence openers.

A leaf module: it reads the word tables of ``lang/es/`` and imports nothing
else of the package, so every component can use it.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache

from spacy.attrs import ORTH
from spacy.tokens import Span, Token

from pipeline.lang import column, read_table

SENTENCE_END = {".", "!", "?", "…", "...", ":", ";"}
OPENING_PUNCT = {"“", '"', "«", "¿", "¡", "(", "[", "—", "–", "-", "'", "‘"}


@lru_cache(maxsize=1 << 16)  # pure, and called for every word of every document
def fold(text: str) -> str:
    """Case- and accent-insensitive form of a word or phrase."""
    text = unicodedata.normalize("NFKD", text)
    return " ".join("".join(c for c in text if not unicodedata.combining(c)).split()).casefold()


@cache
def particles(*kinds: str) -> frozenset[str]:
    """Lowercase words inside names ("de la Rúa", "van Gaal", "ibn Saud"), from ``name_particles.tsv``;
    only those of ``kinds`` when given (``"surname"``: "de", "del", "la", "las", "los")."""
    return frozenset(row["word"] for row in read_table("name_particles") if not kinds or row["kind"] in kinds)


@cache
def cue_words(cue: str) -> frozenset[str]:
    """The words of ``cue_words.tsv`` with that cue ("place_preposition", "masculine_article")."""
    return frozenset(row["word"] for row in read_table("cue_words") if row["cue"] == cue)


@dataclass(frozen=True)
class WordTables:
    """The word lists the guards read (from ``lang/es/``)."""

    closed_class: dict[str, str]  # folded word → kind
    titles: frozenset[str]
    titles_alone: frozenset[str]  # titles that name one person by themselves: "el Rey", "el Papa"
    org_heads: frozenset[str]
    misc_heads: frozenset[str]
    org_suffixes: frozenset[str]
    fixed_phrases: tuple[tuple[str, ...], ...]
    given_names: frozenset[str]


@cache
def word_tables() -> WordTables:
    closed: dict[str, str] = {}
    for row in read_table("closed_class"):  # the first kind wins: "el" the determiner, not "él"
        closed.setdefault(fold(row["word"]), row["kind"])
    return WordTables(
        closed_class=closed,
        titles=frozenset(fold(w) for w in column("person_titles", "word")),
        titles_alone=frozenset(fold(row["word"]) for row in read_table("person_titles") if row["alone"] == "yes"),
        org_heads=frozenset(column("org_heads", "word")),
        misc_heads=frozenset(column("misc_heads", "word")),
        org_suffixes=frozenset(column("org_suffixes", "suffix")),
        fixed_phrases=tuple(tuple(fold(p).split()) for p in column("fixed_phrases", "phrase")),
        given_names=frozenset(column("first_names", "name")),
    )


def words_of(span: Span) -> list[Token]:
    """The tokens of ``span`` that are not whitespace."""
    return [t for t in span if not t.is_space]


def opens_sentence(token: Token) -> bool:
    """True if ``token`` is the first word of a sentence, a line or a quote.

    Spaces and opening punctuation before it are skipped; the start of the
    text, a newline, sentence-final punctuation or a sentence start from the
    ``senter`` make it an opener.
    """
    doc = token.doc
    i = token.i
    if token.is_sent_start:
        return True
    while i > 0:
        prev = doc[i - 1]
        if prev.is_space:
            if "\n" in prev.text:
                return True
        elif prev.text in SENTENCE_END:
            return True
        elif prev.text not in OPENING_PUNCT:
            return False
        i -= 1
        if doc[i].is_sent_start:
            return True
    return True


def is_capitalised(token: Token) -> bool:
    return token.text[:1].isupper()


def capitalised_elsewhere(token: Token) -> bool:
    """The same word, capitalised, somewhere that does not open a sentence."""
    for other in token.doc:
        if other.i != token.i and other.text == token.text and not opens_sentence(other):
            return True
    return False


@cache
def _name_lexicon() -> dict[str, frozenset[str]]:
    return {row["word"]: frozenset(row["classes"].split(",")) for row in read_table("name_lexicon")}


NAME_CLASSES = frozenset({"given", "surname", "city", "country"})


def name_classes(word: str) -> frozenset[str]:
    """The classes ``name_lexicon.tsv`` gives a word ("given", "surname", "city", "country",
    "demonym", "org", "role", "misc"), lowercased; empty if it does not list it."""
    return _name_lexicon().get(word.lower(), frozenset())


def is_name_word(word: str) -> bool:
    """The name lexicon lists the word as a given name, a surname, a city or a country
    ("Mas", "Durán", "Leverkusen"): a word that reads as a verb or an adverb may still be a name."""
    return bool(name_classes(word) & NAME_CLASSES)


def in_capitals_line(token: Token) -> bool:
    """The token's sentence, within its line, is written in capitals (at least three words of
    two or more letters, four in five of them in capitals): a headline, where capitals say
    nothing about names."""
    doc = token.doc
    sent = token.sent if doc.has_annotation("SENT_START") else doc[:]
    start, end = token.i, token.i + 1
    while start > sent.start and "\n" not in doc[start - 1].text:
        start -= 1
    while end < sent.end and "\n" not in doc[end].text:
        end += 1
    letters = [t for t in doc[start:end] if t.is_alpha and len(t) > 1]
    return len(letters) >= 3 and sum(t.is_upper for t in letters) >= 0.8 * len(letters)


def opens_line(token: Token) -> bool:
    """The token is the first word of a line (or of the text): a title or a headline starts there."""
    doc = token.doc
    i = token.i
    while i > 0:
        prev = doc[i - 1]
        if prev.is_space:
            return "\n" in prev.text
        if prev.text not in OPENING_PUNCT:
            return False
        i -= 1
    return True


TEXTS_KEY = ("es_pipeline", "token_texts")


def token_texts(doc) -> list[str]:
    """The text of each token of ``doc``, listed once per document (the table guards scan
    every token for the first word of a name; a Token object per word costs more)."""
    texts = doc.user_data.get(TEXTS_KEY)
    if texts is None or len(texts) != len(doc):
        strings = doc.vocab.strings
        orths = doc.to_array(ORTH).tolist() if len(doc) else []
        texts = doc.user_data[TEXTS_KEY] = [strings[h] for h in orths]
    return texts
