"""Countries: sovereign states by their Spanish names → COUNTRY with ISO kb_id.

Names come from babel's CLDR Spanish territory names for the states listed in
``lang/es/un_members.tsv``, plus the aliases of ``lang/es/country_aliases.tsv``.
A model LOC (or MISC) that is exactly a country name is relabelled; a country
name the model missed is added where it overlaps no other entity, so a country
inside an organisation ("Gobierno de Rusia", "Banco Central de Chile") stays
part of the ORG.
"""

from __future__ import annotations

import unicodedata
from functools import cache

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from pipeline.lang import mapping, read_table
from pipeline.nlp.spans import merge_entities, relabel

RELABEL_FROM = ("LOC", "MISC", "GPE")


def _fold(text: str) -> str:
    """Case- and accent-insensitive key, with spaces and dots normalised."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(text.replace("’", "'").split()).casefold()


@cache
def country_table() -> tuple[dict[str, str], dict[str, str]]:
    """``(name → ISO code, ISO code → canonical Spanish name)``."""
    from babel import Locale

    cldr = Locale("es").territories
    canonical: dict[str, str] = {}
    names: dict[str, str] = {}
    for row in read_table("un_members"):
        code = row["code"]
        cldr_name = cldr.get(code, "")
        canonical[code] = row["canonical"] or cldr_name
        for name in (cldr_name, canonical[code]):
            if name:
                names[name] = code
    for alias, code in mapping("country_aliases", "alias", "code").items():
        names[alias] = code
    for name in mapping("country_ambiguous", "name", "code"):
        names.pop(name, None)
    return names, canonical


def lookup_country(text: str) -> str | None:
    """ISO alpha-2 for a country name or alias (case and accents ignored), else None."""
    names, _ = country_table()
    folded = {_fold(k): v for k, v in names.items()}
    return folded.get(_fold(text))


def canonical_country(code: str) -> str | None:
    """The Spanish short name for an ISO code of a state in the table."""
    return country_table()[1].get(code)


class CountryTagger:
    """Relabels model places that are countries and adds the ones it missed."""

    def __init__(self, nlp: Language, name: str = "es_countries", *, add_missing: bool = True):
        self.name = name
        self.add_missing = add_missing
        names, self.canonical = country_table()
        self.folded = {_fold(k): v for k, v in names.items()}
        self.matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        patterns = {}
        for variant_name, code in names.items():
            for variant in {variant_name, variant_name.upper()}:
                patterns.setdefault(code, []).append(nlp.make_doc(variant))
        for code, docs in patterns.items():
            self.matcher.add(code, docs)

    def _country_span(self, span: Span, code: str, source: str) -> Span:
        new = relabel(span, "COUNTRY", kb_id=code)
        new._.canonical = self.canonical[code]
        new._.source = source if span._.source is None else span._.source
        return new

    def __call__(self, doc: Doc) -> Doc:
        ents = []
        for ent in doc.ents:
            code = self.folded.get(_fold(ent.text)) if ent.label_ in RELABEL_FROM else None
            ents.append(self._country_span(ent, code, "model") if code else ent)
        doc.ents = ents
        if self.add_missing:
            found = []
            for match_id, start, end in self.matcher(doc):
                span = Span(doc, start, end)
                found.append(self._country_span(span, doc.vocab.strings[match_id], "gazetteer"))
            merge_entities(doc, found, replace=False)
        return doc
