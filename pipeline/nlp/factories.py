"""Every spaCy factory this package registers, in one place.

After ``import pipeline`` a notebook user can ``nlp.add_pipe("es_dates")``
like any spaCy component; spaCy also finds them through the package's
``spacy_factories`` entry points, so a pipeline saved with ``nlp.to_disk``
loads with ``spacy.load`` in a process that never imports ``pipeline``.
Each declares what it ``requires`` and ``assigns``, so
``nlp.analyze_pipes()`` checks the order.
"""

# No ``from __future__ import annotations`` here: spaCy 3.7 validates factory
# arguments from the signatures' real types and fails on string annotations.
from spacy.language import Language

from pipeline.engines.components import CONTEXT_COMPONENT, RECORDS_COMPONENT, build_run_rows, set_run_context
from pipeline.nlp import extensions  # noqa: F401  (declares the extensions)
from pipeline.nlp.countries import CountryTagger
from pipeline.nlp.dates import DateTagger
from pipeline.nlp.figures import FigureTagger
from pipeline.nlp.filters import EntityFilter
from pipeline.nlp.guards import DEFAULT_GUARDS
from pipeline.nlp.norp import NorpTagger
from pipeline.nlp.people import PeopleCanonicalizer
from pipeline.nlp.sources import ModelSource

ENTS = "doc.ents"
SENTENCES = "token.is_sent_start"


@Language.factory("es_model_source", requires=[ENTS], assigns=["span._.source"])
def make_model_source(nlp: Language, name: str) -> ModelSource:
    return ModelSource(nlp, name)


@Language.factory(
    "es_entity_filter", default_config={"guards": list(DEFAULT_GUARDS), "drop_labels": []}, requires=[ENTS], assigns=[ENTS]
)
def make_entity_filter(nlp: Language, name: str, guards: list[str], drop_labels: list[str]) -> EntityFilter:
    """The guards run in the order listed (`pipeline.nlp.guards.DEFAULT_GUARDS`; optional ones:
    `OPTIONAL_GUARDS`); leave one out of ``guards`` in the config to switch it off."""
    return EntityFilter(nlp, name, guards=guards, drop_labels=drop_labels)


@Language.factory(
    "es_countries", default_config={"add_missing": True}, requires=[ENTS], assigns=[ENTS, "span._.canonical", "span._.source"]
)
def make_countries(nlp: Language, name: str, add_missing: bool) -> CountryTagger:
    return CountryTagger(nlp, name, add_missing=add_missing)


@Language.factory("es_dates", requires=[ENTS, SENTENCES], assigns=[ENTS, "span._.value", "span._.source"])
def make_dates(nlp: Language, name: str) -> DateTagger:
    return DateTagger(nlp, name)


@Language.factory(
    "es_figures",
    default_config={"dollar": "USD", "locale": "auto"},
    requires=[ENTS],
    assigns=[ENTS, "span._.value", "span._.value_num", "span._.unit", "span._.source", "doc._.locale"],
)
def make_figures(nlp: Language, name: str, dollar: str, locale: str) -> FigureTagger:
    return FigureTagger(nlp, name, dollar=dollar, locale=locale)


@Language.factory("es_people", requires=[ENTS], assigns=[ENTS, "span._.canonical"])
def make_people(nlp: Language, name: str) -> PeopleCanonicalizer:
    return PeopleCanonicalizer(nlp, name)


@Language.factory("es_norp", requires=[ENTS], assigns=[ENTS, "span._.canonical", "span._.source"])
def make_norp(nlp: Language, name: str) -> NorpTagger:
    return NorpTagger(nlp, name)


# Run-only: `pipeline.run.process` adds them for the length of a run (see `pipeline.engines.components`).
@Language.factory(CONTEXT_COMPONENT, assigns=["doc._.reference_date", "doc._.doc_id"])
def make_run_context(nlp: Language, name: str):
    return set_run_context


@Language.factory(RECORDS_COMPONENT, requires=[ENTS])
def make_run_records(nlp: Language, name: str):
    return build_run_rows
