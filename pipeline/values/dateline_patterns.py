"""Patterns of the wire dateline: "La Habana, 20 ene (RHC)", "Llodio ( Alava ) , 23 may ( EFE ) .".

A place, a day and month (rarely a year) and the agency. Pure regular
expressions, shared by the cleaner and metadata (`pipeline.ingest`), which
split the dateline off the text, and by the ``dateline_place`` guard
(`pipeline.nlp.guards.layouts`), which labels its place.
"""

from __future__ import annotations

import re

_PLACE = (
    r"(?P<place>(?P<name>[A-ZÁÉÍÓÚÑ][\wÁÉÍÓÚÑáéíóúñü.'’\- ]{1,40}?)"
    r"(?:\s*\((?P<region>[A-Za-zÁÉÍÓÚÑáéíóúñ ]{2,25})\))?)"
)
_DAY_MONTH = r"(?P<date>\d{1,2}(?:\s+de)?\s+[A-Za-záéíóú]{3,10}\.?(?:\s+(?:de\s+)?\d{4})?)"
_AGENCY_NAME = r"[A-Za-zÁÉÍÓÚÑ][\w\s\-/&.]{0,24}"
_AGENCY = rf"\((?P<agency>{_AGENCY_NAME})\)"
DATELINE = re.compile(rf"^{_PLACE}\s*,\s*{_DAY_MONTH}\s*{_AGENCY}\s*(?:[-–—.:]+\s*)?")
# ", <day> <month> (<agency>)", spaces allowed inside the parentheses as tokenized text has them.
_DATELINE_TAIL = rf"\s*,\s*{_DAY_MONTH}\s*\(\s*(?P<agency>{_AGENCY_NAME})\)"
# A dateline after other words on the line: "Por Ana Gómez Madrid , 23 may ( EFE ) ." (CoNLL-2002 joins them).
DATELINE_INSIDE = re.compile(_DATELINE_TAIL)
# A dateline at the start of a line ("Llodio ( Alava ) , 23 may ( EFE ) ."); the dateline_place guard reads it.
DATELINE_LINE = re.compile(rf"^[ \t]*{_PLACE}{_DATELINE_TAIL}", re.MULTILINE)
BYLINE_OPENER = re.compile(r"(?:Por|Escrito por|Redactado por)\s", re.IGNORECASE)
DATELINE_NO_DATE = re.compile(rf"^(?P<place>[A-ZÁÉÍÓÚÑ][A-ZÁÉÍÓÚÑ .\-]{{2,30}})\s*{_AGENCY}\s*[-–—.:]+\s*")
