"""Countries: sovereign states by their Spanish names → COUNTRY with ISO kb_id.

Names come from babel's CLDR Spanish territory names for the states listed in
``lang/es/un_members.tsv``, plus the aliases of ``lang/es/country_aliases.tsv``
(EE.UU., Gran Bretaña, Federación de Rusia, …); case and accents are ignored
("VENEZUELA", "Mexico"), but a lowercase word is never a country ("chile", "china").

- A model LOC, MISC, PER or ORG that is exactly a country name becomes
  COUNTRY ("Perú" tagged PER; not a first-name country such as "Israel").
  The news NER, trained on CoNLL-2002 where governments and teams named by
  their country are ORG, tags "Rusia" ORG in "relaciones con Rusia"; a
  reader wants the country (`make eval --only guards` measures the effect).
- A country name the model missed is added where it overlaps no other entity,
  so a country inside an organisation ("Gobierno de Rusia", "Banco Central de
  Chile") stays part of the ORG; an untagged "Gobierno de <country>" becomes
  one ORG in the next pipe, ``es_place_orgs`` (`guards.heads.org_of_place` run
  again, see `build.SECOND_PASSES`).
- A name the tables write only in capitals ("USA", "EEUU", "EU") counts only in
  capitals: "Usa" opening a sentence is the verb.
- Names with another reading (``lang/es/country_ambiguous.tsv``) are decided by
  context: "Georgia" is the country unless the words around it ("estado de
  Georgia", "Atlanta, Georgia", "Georgia (EE.UU.)") say it is the US state, or
  its sentence (then its document) has more US cues (EE.UU., estadounidense,
  senador, Atlanta…) than Caucasus cues (Tiflis, georgiano, Rusia…); a tie is
  the country. "Granada" is the Spanish city unless Caribbean cues win.
  "Israel Katz", "Mauricio Macri": a first-name country followed by a
  capitalised word is a person's name, not the country. "EU" is the United
  States (the Mexican press's abbreviation) unless the document's cues are
  European Union ones (Bruselas, eurodiputado, Comisión Europea…) rather than
  Mexican or US ones.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import spacy
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from pipeline.lang import read_table
from pipeline.nlp.gazetteer import LEADING_ARTICLES, capital_only_names, country_table, fold_name, lookup_country
from pipeline.nlp.labels import COUNTRY, LOC, MISC, ORG, PER
from pipeline.nlp.spans import SpanIndex, merge_entities, relabel, set_ents

RELABEL_FROM = (LOC, MISC, PER, ORG)


@dataclass(frozen=True)
class AmbiguousName:
    """A country name with another reading, and the cues that decide (see module doc)."""

    code: str
    default_country: bool
    strong_other: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]  # (words before @, words after @)
    other_cues: tuple[str, ...]
    country_cues: tuple[str, ...]
    first_name: bool


def _cue_words(text: str) -> str:
    """A cue or a sentence as folded, space-separated tokens (spaCy's Spanish tokenizer)."""
    return " ".join(fold_name(t.text) for t in _tokenizer()(text) if not t.is_space)


@cache
def _tokenizer():
    return spacy.blank("es").tokenizer


@cache
def ambiguous_names() -> dict[str, AmbiguousName]:
    """Folded name → how to decide it, from ``country_ambiguous.tsv``."""
    out = {}
    for row in read_table("country_ambiguous"):
        strong = []
        for phrase in filter(None, row["strong_other"].split("|")):
            left, _, right = phrase.partition("@")
            strong.append((tuple(_cue_words(left).split()), tuple(_cue_words(right).split())))
        out[fold_name(row["name"])] = AmbiguousName(
            code=row["code"],
            default_country=row["default"] == "country",
            strong_other=tuple(strong),
            other_cues=tuple(_cue_words(c) for c in row["other_cues"].split("|") if c),
            country_cues=tuple(_cue_words(c) for c in row["country_cues"].split("|") if c),
            first_name=row["first_name"] == "yes",
        )
    return out


def _count(cues: tuple[str, ...], words: str) -> int:
    padded = f" {words} "
    return sum(padded.count(f" {cue} ") for cue in cues)


def reads_as_country(span: Span, ambiguous: AmbiguousName) -> bool:
    """Decides an ambiguous name from its surroundings (see the module docstring)."""
    doc = span.doc
    before = [fold_name(t.text) for t in doc[max(0, span.start - 5) : span.start] if not t.is_space]
    after = [fold_name(t.text) for t in doc[span.end : span.end + 5] if not t.is_space]
    for left, right in ambiguous.strong_other:
        if (not left or tuple(before[-len(left) :]) == left) and (not right or tuple(after[: len(right)]) == right):
            return False
    span_words = " ".join(fold_name(t.text) for t in span)
    for scope in (span.sent if doc.has_annotation("SENT_START") else doc[:], doc[:]):
        words = " ".join(fold_name(t.text) for t in scope if not t.is_space)
        words = words.replace(span_words, " ")
        other, country = _count(ambiguous.other_cues, words), _count(ambiguous.country_cues, words)
        if other != country:
            return country > other
    return ambiguous.default_country


def _is_first_name(span: Span) -> bool:
    """Followed by a capitalised word that does not open a sentence: "Israel Katz"."""
    doc = span.doc
    if span.end >= len(doc):
        return False
    nxt = doc[span.end]
    return nxt.is_alpha and nxt.text[:1].isupper() and not nxt.is_sent_start


def _covers_pieces(span: Span, ents: SpanIndex) -> bool:
    """True if ``span`` overlaps entities, all of them inside it and at least one shorter."""
    inside = ents.overlapping(span)
    return (
        bool(inside)
        and all(span.start <= e.start and e.end <= span.end for e in inside)
        and any(len(e) < len(span) for e in inside)
    )


class CountryTagger:
    """Relabels model places that are countries and adds the ones it missed."""

    def __init__(self, nlp: Language, name: str = "es_countries", *, add_missing: bool = True):
        self.name = name
        self.add_missing = add_missing
        names, self.canonical = country_table()
        self.ambiguous = ambiguous_names()
        self.acronyms = capital_only_names()  # "USA", "EU", "EEUU" match only in capitals
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        patterns: dict[str, list[Doc]] = {}
        for variant_name, code in names.items():
            for variant in {variant_name, fold_name(variant_name)}:
                patterns.setdefault(code, []).append(nlp.make_doc(variant))
        for code, docs in patterns.items():
            self.matcher.add(code, docs)

    def resolve(self, span: Span) -> str | None:
        """The ISO code ``span`` names here, or None (not a country, or another reading)."""
        key = fold_name(span.text)
        if key in self.acronyms and not span.text.isupper():
            return None  # "Usa", "Eu": a word, not "USA", "EU"
        code = lookup_country(span.text, default_reading=False)
        if key not in self.ambiguous and key.startswith(LEADING_ARTICLES):
            key = key.split(" ", 1)[1]
        ambiguous = self.ambiguous.get(key)
        if ambiguous is None:
            return code
        if span.label_ == PER and ambiguous.first_name:
            return None  # the model took "Israel" for a person: it may well be one
        if ambiguous.first_name and _is_first_name(span):
            return None
        return ambiguous.code if reads_as_country(span, ambiguous) else None

    def _country_span(self, span: Span, code: str, source: str) -> Span:
        new = relabel(span, COUNTRY, kb_id=code)
        new._.canonical = self.canonical[code]
        new._.source = source if span._.source is None else span._.source
        return new

    def __call__(self, doc: Doc) -> Doc:
        ents = []
        current = doc.ents
        for ent in current:
            code = self.resolve(ent) if ent.label_ in RELABEL_FROM else None
            ents.append(self._country_span(ent, code, "model") if code else ent)
        set_ents(doc, ents, current)
        if self.add_missing:
            found = []
            for _match_id, start, end in self.matcher(doc):
                span = Span(doc, start, end)
                if not span[0].text[:1].isupper():
                    continue  # "chile", "china", "granada" are common nouns
                code = self.resolve(span)
                if code:
                    found.append(self._country_span(span, code, "gazetteer"))
            # A country name the model cut into pieces ("Corea" of "Corea del Sur", "Estados
            # Unidos" of "Estados Unidos de América") replaces them; any other overlap keeps the
            # model's entity.
            index = SpanIndex(doc.ents)
            pieces = [n for n in found if _covers_pieces(n, index)]
            merge_entities(doc, pieces, replace=True)
            merge_entities(doc, [n for n in found if n not in pieces], replace=False)
        return doc
