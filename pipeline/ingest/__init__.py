"""Ingestion: inputs → RawDocument → Document, one module per job.

- `read` — files, folders, standard input and texts; encodings; one RawDocument
  per input document, with a reason when it cannot be used.
- `html` — an HTML page → its article text and metadata (trafilatura).
- `tables` — JSONL, JSON, CSV and Parquet rows → RawDocuments.
- `repair` — mojibake, NFC, line breaks, control and invisible characters, with an alignment back.
- `fragment` — text that remembers its raw offsets.
- `clean` — markup and news junk out, sections and metadata in.
- `metadata` — dateline and the document's reference date.
- `language` — the language of a clean text, and whether to read it.
"""
