"""Pure value parsers (dates, numbers): text in, values out, no spaCy."""
