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

from pipeline.nlp.build import load
from pipeline.render import render
from pipeline.run import extract, extract_text
from pipeline.schema import PIPELINE_VERSION as __version__
from pipeline.write import Tables

__all__ = ["load", "extract", "extract_text", "render", "Tables", "__version__"]
