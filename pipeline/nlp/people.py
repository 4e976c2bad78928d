"""People: PER → PERSON, one canonical name per person within a document.

Every mention of a person in a document gets the same ``canonical`` name, so the
``entities`` table lists each person once, with the mention count and the
surface forms:

- Names are compared by their words, accents and case ignored and role titles
  stripped: "el presidente Putin", "PUTIN", "Putín" and "Vladímir Putin" are
  one person; "Maduro" and "Nicolás" are "Nicolás Maduro".
- The canonical name is the longest name of that person in the document (its
  words include every other mention's words), written as it is most often
  written there (not in capitals, accents preferred on a tie).
- Two people sharing a name word ("Raúl Castro" and "Fidel Castro") are never
  merged; a bare "Castro" is the one whose full name was mentioned most
  recently before it (as a reader takes it), or, if none was mentioned yet, the
  first one mentioned after it.
- A model MISC/LOC/ORG of 2–3 capitalised words that contains the whole name
  of a person mentioned elsewhere as PER, ends with that person's surname, and
  has no organisation, country or closed-class word, is that person
  ("Nicolás Maduro" tagged MISC beside "Maduro" tagged PER); a single-word
  MISC/LOC/ORG that is the surname of a person named in full ("DÍAZ-CANEL"
  beside "Miguel Díaz-Canel") is that person (``relabel_surnames``).
- A model MISC/LOC/ORG that is a given name (``lang/es/first_names.tsv``,
  from Faker's Spanish and other person providers) followed by one to three
  capitalised name words ("Andrés Pastrana" tagged MISC) is a person
  (``relabel_full_names``) — unless it is an event's or an organisation's name
  from the tables ("Roland Garros") or a town before its state ("Emiliano
  Zapata, Morelos"); a place head ("Ciudad Madero") is never a person's word.
- A person named by initials (``lang/es/person_acronyms.tsv``: "AMLO", "CFK")
  counts as the full name there, so "AMLO" and "López Obrador" are one person
  and the canonical name is the full one even when the document never spells it.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc, Span

from pipeline.lang import column
from pipeline.nlp.gazetteer import lookup_country, lookup_demonym
from pipeline.nlp.guards.cues import named_after
from pipeline.nlp.guards.places import in_place_context
from pipeline.nlp.guards.tables import event_names, organisation_names, person_acronyms
from pipeline.nlp.labels import LOC, MISC, ORG, PERSON, PERSON_LABELS
from pipeline.nlp.spans import relabel, set_ents
from pipeline.nlp.words import cue_words, particles, word_tables

MODEL_PERSON_LABELS = PERSON_LABELS
RELABEL_IF_KNOWN = (MISC, LOC, ORG)
DETERMINERS = ("el", "la", "los", "las")


@lru_cache(maxsize=1 << 16)  # pure, and called for every word of every document
def name_key(word: str) -> str:
    """Accent- and case-insensitive key of one name word."""
    text = unicodedata.normalize("NFKD", word)
    return "".join(c for c in text if not unicodedata.combining(c)).casefold()


def name_words(span: Span, titles: set[str]) -> list[str]:
    """The words of a name, without leading determiners/titles and punctuation; a person's
    initials (``person_acronyms.tsv``: "AMLO") stand for the full name's words."""
    full = person_acronyms().get(span.text)
    if full:
        return full.split()
    words = [t.text for t in span if not (t.is_punct or t.is_space)]
    while words and (name_key(words[0]) in titles or words[0].lower() in DETERMINERS):
        words = words[1:]
    return words


def _table_name(span: Span) -> bool:
    """The span is an organisation's or an event's name from the tables ("Roland Garros")."""
    words = tuple(t.text for t in span if not t.is_space)
    return words in organisation_names() or words in event_names()


@dataclass
class Mention:
    index: int
    words: list[str]

    @property
    def key(self) -> tuple[str, ...]:
        return tuple(name_key(w) for w in self.words)


def _surface_rank(words: list[str], count: int, first: int) -> tuple:
    text = " ".join(words)
    accents = sum(1 for c in unicodedata.normalize("NFKD", text) if unicodedata.combining(c))
    return (not text.isupper(), count, accents > 0, -first)


def resolve_people(names: list[list[str]]) -> list[str | None]:
    """The canonical name of each mention (words in document order); None for an empty name.

    See the module docstring for the rules (longest name, shared surnames by recency).
    """
    mentions = [Mention(i, words) for i, words in enumerate(names)]
    keys = {m.key for m in mentions if m.words}
    maximal = [
        k for k in keys if not any(set(k) < set(other) or (set(k) == set(other) and len(k) < len(other)) for other in keys)
    ]
    # How each maximal name is written most often (not in capitals, accents on a tie).
    written: dict[tuple[str, ...], list[str]] = {}
    for key in maximal:
        forms = [m for m in mentions if m.key == key]
        counts = Counter(tuple(m.words) for m in forms)
        first = {}
        for m in forms:
            first.setdefault(tuple(m.words), m.index)
        best = max(counts, key=lambda w: _surface_rank(list(w), counts[w], first[w]))
        written[key] = list(best)
    out: list[str | None] = []
    for m in mentions:
        if not m.words:
            out.append(None)
            continue
        owners = [k for k in maximal if set(m.key) <= set(k)]
        if len(owners) > 1:
            before = [p for p in mentions[: m.index] if p.key in owners]
            after = [p for p in mentions[m.index + 1 :] if p.key in owners]
            owners = [before[-1].key] if before else [after[0].key] if after else owners[:1]
        out.append(" ".join(written[owners[0]]))
    return out


def _has_surname(words: list[str]) -> bool:
    """A name of two or more words that starts and ends with capitalised words next to each
    other ("Miguel Díaz-Canel"): its last word can stand for the person alone. Not so when the
    name starts or the last word follows a lowercase word: "de la ONU" (left of
    "Secretario de la ONU" once the title is stripped), "Luis al Atlético", "Abad de Silos",
    "Banca di Roma", whose last words are an organisation or a place."""
    return len(words) >= 2 and words[0][:1].isupper() and words[-2][:1].isupper() and words[-1][:1].isupper()


class PeopleCanonicalizer:
    """Labels people PERSON and gives each mention its canonical name."""

    def __init__(
        self,
        nlp: Language,
        name: str = "es_people",
        *,
        relabel_surnames: bool = True,
        relabel_full_names: bool = True,
    ):
        self.name = name
        self.relabel_surnames = relabel_surnames
        self.relabel_full_names = relabel_full_names
        self.named_after = named_after  # the label of a name called after a person ("estadio Santiago Bernabéu"), or None
        tables = word_tables()
        self.first_names = tables.given_names
        self.titles = {name_key(w) for w in column("person_titles", "word")}
        self.blocked = (
            {name_key(w) for w in tables.org_heads}
            | {w for w, kind in tables.closed_class.items() if kind not in ("caption", "particle")}
            | {name_key(w) for w in cue_words("place_head")}  # "Ciudad Madero" is no Madero
        )

    def _is_known_person(self, ent: Span, people: list[list[str]]) -> bool:
        """A 2–3 word span that is a known person's full name plus given names."""
        words = [t for t in ent if not (t.is_punct or t.is_space)]
        if not 2 <= len(words) <= 3 or not all(t.is_alpha and t.is_title for t in words):
            return False
        if any(name_key(t.text) in self.blocked or lookup_country(t.text) or lookup_demonym(t.text) for t in words):
            return False
        keys = [name_key(t.text) for t in words]
        return any(
            person and set(name_key(w) for w in person) <= set(keys) and name_key(person[-1]) == keys[-1] for person in people
        )

    def _looks_like_full_name(self, ent: Span) -> bool:
        """A given name from ``first_names.tsv`` and 1–3 more capitalised name words, with
        "de"/"del"/"la" between them ("Andrés Pastrana", "José María Aznar", "Carlos de la
        Fuente"), and no organisation, closed-class, country or demonym word."""
        words = [t for t in ent if not (t.is_space or t.text in ("-", "‐"))]
        if not words or words[0].text not in self.first_names or not words[-1].is_title:
            return False
        surname_particles = particles("surname")
        names = [t for t in words if t.lower_ not in surname_particles]
        if not 2 <= len(names) <= 4 or words[0].i != ent.start:
            return False
        for t in words[1:]:
            if t.lower_ in surname_particles:
                continue
            if not (t.is_alpha and (t.is_title or t.is_upper)) or name_key(t.text) in self.blocked:
                return False
            if lookup_country(t.text) or lookup_demonym(t.text):
                return False
        return True

    def _is_known_surname(self, ent: Span, surnames: set[str]) -> bool:
        """A single word that is the surname of a person named in full elsewhere ("DÍAZ-CANEL")."""
        words = [t for t in ent if not (t.is_punct or t.is_space)]
        return (
            len(words) == 1
            and name_key(ent.text) in surnames
            and name_key(ent.text) not in self.blocked
            and lookup_country(ent.text) is None
        )

    def __call__(self, doc: Doc) -> Doc:
        current = doc.ents
        people = [name_words(e, self.titles) for e in current if e.label_ in MODEL_PERSON_LABELS]
        surnames = {name_key(p[-1]) for p in people if _has_surname(p)}
        ents = []
        for ent in current:
            if ent.label_ in MODEL_PERSON_LABELS:
                ent = relabel(ent, PERSON)
            elif (
                ent.label_ in RELABEL_IF_KNOWN
                and not self.named_after(ent)
                and not in_place_context(ent)
                and not _table_name(ent)
                and (
                    self._is_known_person(ent, people)
                    or self.relabel_surnames
                    and self._is_known_surname(ent, surnames)
                    or self.relabel_full_names
                    and self._looks_like_full_name(ent)
                )
            ):
                ent = relabel(ent, PERSON)
            ents.append(ent)
        person_ents = [e for e in ents if e.label_ == PERSON]
        canonical = resolve_people([name_words(e, self.titles) for e in person_ents])
        for ent, name in zip(person_ents, canonical, strict=True):
            ent._.canonical = name or ent.text
        return set_ents(doc, ents, current)
