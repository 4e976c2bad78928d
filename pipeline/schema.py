"""The four output tables: column names, types and meaning, defined once.

`records.py` builds rows with these columns, `write.py` writes them with these
types, and the Dask engine uses them as its ``meta``.
"""

from __future__ import annotations

import pyarrow as pa

PIPELINE_VERSION = "0.4.0"  # 0.4.0: mentions measure/direction/owner, entities measure

DOCUMENTS = pa.schema(
    [
        pa.field("doc_id", pa.string(), metadata={"doc": "stable id from the source path or row"}),
        pa.field("source", pa.string(), metadata={"doc": "path, path#row, or <text:…>"}),
        pa.field("title", pa.string(), metadata={"doc": "the container's title, else the headline of the text"}),
        pa.field("subtitle", pa.string(), metadata={"doc": "the standfirst between the headline and the dateline or body"}),
        pa.field("published", pa.string(), metadata={"doc": "ISO date the relative dates resolve against"}),
        pa.field("published_from", pa.string(), metadata={"doc": "given | metadata | dateline | filename | inferred | none"}),
        pa.field(
            "published_reason",
            pa.string(),
            metadata={"doc": "why the date is inferred or unresolved, or where its sources disagree"},
        ),
        pa.field("dateline_place", pa.string(), metadata={"doc": "the dateline's place (city), as a reader writes it"}),
        pa.field("agency", pa.string(), metadata={"doc": "the news agency of the dateline or byline"}),
        pa.field("url", pa.string()),
        pa.field("language", pa.string()),
        pa.field(
            "locale",
            pa.string(),
            metadata={"doc": "number conventions its figures were read with: es-MX, es-ES, …; es: none known"},
        ),
        pa.field(
            "decimal_mark",
            pa.string(),
            metadata={"doc": "the decimal mark used: , or . (empty: three digits after a mark are thousands)"},
        ),
        pa.field("locale_from", pa.string(), metadata={"doc": "given, or the evidence: country, currency, names, separators"}),
        pa.field("n_chars", pa.int64()),
        pa.field("n_words", pa.int64()),
        pa.field("n_mentions", pa.int64()),
        pa.field("status", pa.string(), metadata={"doc": "ok | error | skipped"}),
        pa.field("error", pa.string(), metadata={"doc": "why the document failed or was skipped"}),
        pa.field("sha256", pa.string(), metadata={"doc": "hash of the text as read"}),
        pa.field(
            "fingerprint",
            pa.string(),
            metadata={"doc": "hash of the input and of all that shapes its rows (model, tables, code, options): --incremental"},
        ),
        pa.field("model", pa.string()),
        pa.field("pipeline_version", pa.string()),
    ]
)

# The corpus-level identity of a named entity (`pipeline.corpus`); empty for dates and figures.
ENTITY_ID_DOC = "the entity's identity across the corpus (corpus_entities.entity_id); empty for dates and figures"

MENTIONS = pa.schema(
    [
        pa.field("doc_id", pa.string()),
        pa.field("mention_id", pa.int64(), metadata={"doc": "0, 1, … in text order within the document"}),
        pa.field("section", pa.string(), metadata={"doc": "title | dateline | caption | body | footer"}),
        pa.field("sentence", pa.int64(), metadata={"doc": "index of the sentence in the clean text"}),
        pa.field("start", pa.int64(), metadata={"doc": "char offset in the clean text"}),
        pa.field("end", pa.int64()),
        pa.field("raw_start", pa.int64(), metadata={"doc": "char offset in the text as read"}),
        pa.field("raw_end", pa.int64()),
        pa.field("text", pa.string()),
        pa.field("label", pa.string()),
        pa.field("value", pa.string()),
        pa.field("value_num", pa.float64()),
        pa.field("unit", pa.string()),
        pa.field("kb_id", pa.string()),
        pa.field("canonical", pa.string()),
        pa.field("entity_id", pa.string(), metadata={"doc": ENTITY_ID_DOC}),
        pa.field("measure", pa.string(), metadata={"doc": "figures: the noun phrase the figure measures, as written"}),
        pa.field("measure_head", pa.string(), metadata={"doc": "figures: the lemma of that phrase's head noun"}),
        pa.field("direction", pa.string(), metadata={"doc": "figures: up | down | level, the change the sentence gives it"}),
        pa.field(
            "owner_mention_id",
            pa.int64(),
            metadata={"doc": "figures: mention_id of the entity of the same document the measure belongs to"},
        ),
        pa.field(
            "owner_entity_id",
            pa.string(),
            metadata={"doc": "figures: the entity_id of that owner mention (corpus_entities.entity_id)"},
        ),
        pa.field("source", pa.string(), metadata={"doc": "model | rule | gazetteer"}),
        pa.field("context", pa.string(), metadata={"doc": "its sentence, clipped to ~300 characters around it (… where cut)"}),
    ]
)

ENTITIES = pa.schema(
    [
        pa.field("doc_id", pa.string()),
        pa.field("entity_id", pa.string(), metadata={"doc": ENTITY_ID_DOC}),
        pa.field("label", pa.string()),
        pa.field("canonical", pa.string()),
        pa.field("kb_id", pa.string()),
        pa.field("value", pa.string(), metadata={"doc": "the value of a date or figure (as in mentions)"}),
        pa.field("unit", pa.string(), metadata={"doc": "the unit of a figure (%, ISO 4217 currency, unit symbol or noun)"}),
        pa.field(
            "measure",
            pa.string(),
            metadata={"doc": "figures: what it measures, the measure its mentions give most often (mentions.measure)"},
        ),
        pa.field("measure_head", pa.string(), metadata={"doc": "figures: the lemma of that measure's head noun"}),
        pa.field("n_mentions", pa.int64()),
        pa.field("first_start", pa.int64()),
        pa.field("surface_forms", pa.string(), metadata={"doc": "distinct texts joined by ' | '"}),
    ]
)

CORPUS_ENTITIES = pa.schema(
    [
        pa.field("entity_id", pa.string(), metadata={"doc": "stable id: a hash of the label and the identity's key"}),
        pa.field("label", pa.string()),
        pa.field("canonical", pa.string(), metadata={"doc": "the name as the corpus most often writes it in full"}),
        pa.field("kb_id", pa.string()),
        pa.field("n_documents", pa.int64()),
        pa.field("n_mentions", pa.int64()),
        pa.field("first_published", pa.string(), metadata={"doc": "earliest documents.published of its documents"}),
        pa.field("last_published", pa.string()),
        pa.field("surface_forms", pa.string(), metadata={"doc": "distinct texts joined by ' | ', most documents first"}),
    ]
)

TABLES = {"documents": DOCUMENTS, "mentions": MENTIONS, "entities": ENTITIES, "corpus_entities": CORPUS_ENTITIES}
# The tables with one or more rows per document (keyed by doc_id); corpus_entities is built from them after the run.
DOCUMENT_TABLES = ("documents", "mentions", "entities")


def columns(table: str) -> list[str]:
    return TABLES[table].names


def empty_frame(table: str):
    """An empty DataFrame with the table's columns and dtypes."""
    return TABLES[table].empty_table().to_pandas()
