"""Patterns of the wire dateline: "La Habana, 20 ene (RHC)", "MADRID, 3 (EUROPA PRESS)", "SANTIAGO (AP) —".

A place (a city, sometimes its region or country), a date (day and month,
the day alone, or a full date) and the agency, in the orders the agencies
and outlets write them:

==========================  ==============================================
EFE, Reuters, Xinhua, PL    ``MADRID, 3 mar (EFE).-`` ``BEIJING, 28 oct (Xinhua) --``
AFP                         ``Caracas, 3 mar 2025 (AFP) -``
Europa Press, ANSA          ``MADRID, 3 (EUROPA PRESS)`` (the day alone)
AP, Sputnik, Proceso        ``SANTIAGO, Chile (AP) —`` ``CIUDAD DE MÉXICO (apro).-``
Notimex, Prensa Latina      ``México, (Notimex).-`` (no date)
ANSA (Italian order)        ``(ANSA) - ROMA, 3 MAR -``
outlets, press releases     ``Bogotá, 3 de marzo de 2025.-`` ``Ciudad de México, a 3 de marzo de 2025``
Mexican press               ``Salvatierra, Guanajuato.-`` ``CDMX.-``
==========================  ==============================================

Pure regular expressions built from the month and weekday tables, shared by
the cleaner and metadata (`pipeline.ingest`), which split the dateline off
the text, and by the ``dateline_place`` guard (`pipeline.nlp.guards.layouts`),
which labels its place in texts that were not cleaned (CoNLL-2002).
"""

from __future__ import annotations

import re

from pipeline.lang import column

# ---------------------------------------------------------------- the guard's patterns (tokenized text too)
_PLACE = (
    r"(?P<place>(?P<name>[A-ZÁÉÍÓÚÑ][\wÁÉÍÓÚÑáéíóúñü.'’\- ]{1,40}?)"
    r"(?:\s*\((?P<region>[A-Za-zÁÉÍÓÚÑáéíóúñ ]{2,25})\))?)"
)
_DAY_MONTH = r"(?P<date>\d{1,2}(?:\s+de)?\s+[A-Za-záéíóú]{3,10}\.?(?:\s+(?:de\s+)?\d{4})?)"
_AGENCY_NAME = r"[A-Za-zÁÉÍÓÚÑ][\w\s\-/&.]{0,24}"
# ", <day> <month> (<agency>)", spaces allowed inside the parentheses as tokenized text has them.
_DATELINE_TAIL = rf"\s*,\s*{_DAY_MONTH}\s*\(\s*(?P<agency>{_AGENCY_NAME})\)"
# A dateline after other words on the line: "Por Ana Gómez Sevilla , 14 jun ( EFE ) ." (CoNLL-2002 joins them).
DATELINE_INSIDE = re.compile(_DATELINE_TAIL)
# A dateline at the start of a line ("Tolosa ( Guipúzcoa ) , 14 jun ( EFE ) ."); the dateline_place guard reads it.
DATELINE_LINE = re.compile(rf"^[ \t]*{_PLACE}{_DATELINE_TAIL}", re.MULTILINE)
BYLINE_OPENER = re.compile(r"(?:Por|Escrito por|Redactado por)\s", re.IGNORECASE)


# ---------------------------------------------------------------- the lead's dateline (clean text)
def _alternation(words) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


_UPPER = "A-ZÁÉÍÓÚÑÜ"
# A capitalised word of a place name: "Madrid", "MADRID", "EE.UU.", "D.C.", "Port-au-Prince", "O'Higgins".
_CAP_WORD = rf"[{_UPPER}](?:[\w'’]|[.\-](?=\w))*\.?"
# Lowercase words inside a place name: "Ciudad de México", "Santa Cruz de la Sierra", "Río de Janeiro".
_PARTICLE = r"(?:de|del|la|las|los|el|y|e|do|da|dos|das)"
_NAME = rf"{_CAP_WORD}(?:[ \t]+(?:{_PARTICLE}[ \t]+){{0,2}}{_CAP_WORD}){{0,5}}"
MONTH_WORD = rf"(?i:{_alternation(column('months', 'form'))})(?!\w)\.?"
WEEKDAY_WORD = rf"(?i:{_alternation(column('weekdays', 'form'))})(?!\w)"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])"
_YEAR = r"(?:1[89]|20)\d{2}"
# "3 mar", "3 de marzo de 2025", "martes 3 de marzo", "a 3 de marzo de 2025", "24 Oct.", "3 mar. 2021"
TEXT_DATE = (
    rf"(?:{WEEKDAY_WORD},?[ \t]+)?(?:a[ \t]+)?{_DAY}(?:[ \t]+de)?[ \t]+{MONTH_WORD}"
    rf"(?:,?[ \t]+(?:del?[ \t]+)?{_YEAR}(?!\d))?"
)
# "Jul 13", "julio 12, 2018" (month first, as Latin American sites date a page)
MONTH_FIRST_DATE = rf"{MONTH_WORD}[ \t]+{_DAY}(?!\d)(?:,?[ \t]+{_YEAR}(?!\d))?"
# "02/10/25", "3.3.2025", "03-03-2025"
NUMERIC_DATE = rf"{_DAY}(?P<dsep>[/.\-])(?:1[0-2]|0?[1-9])(?P=dsep)(?:\d{{4}}|\d{{2}})(?!\d)"
_DATE = rf"(?P<date>{TEXT_DATE}|{NUMERIC_DATE})"
_DAY_ALONE = rf"(?P<date>{_DAY})(?![\d/.:])"
_PLACE_PARTS = (
    rf"(?P<place>{_NAME})"
    r"(?:[ \t]*\([ \t]*(?P<paren>[^()\n]{2,30}?)[ \t]*\))?"
    rf"(?:[ \t]*,[ \t]*(?!{WEEKDAY_WORD})(?P<region>{_NAME}))?"
)
_AGENCY_PAREN = r"\([ \t]*(?P<agency>[A-Za-zÁÉÍÓÚÑáéíóúñ][\w \t\-/&.]{0,29}?)[ \t]*\)"
# What ends a dateline: ".-", " -", " --", " —", ".–", ":", "." (or nothing: "La Habana, 20 ene (RHC) El presidente")
# (".-" is written as one: in tokenized text " . - " is a full stop, then a dash opening the story)
_SEPARATOR = r"(?P<sep>[ \t]*(?:\.?[-–—]{1,2}|[.:])(?=\s|$))?[ \t]*"
_STRONG_SEPARATOR = r"(?P<sep>[ \t]*\.?[-–—]{1,2}(?=\s|$))[ \t]*"

# "MADRID, 3 mar (EFE).-", "Bogotá, 3 de marzo de 2025.-", "MADRID 24 Oct. (EUROPA PRESS) -"
DATELINE_DATED = re.compile(rf"^[ \t]*{_PLACE_PARTS}(?P<comma>[ \t]*,)?[ \t]*{_DATE}(?:[ \t]*{_AGENCY_PAREN})?{_SEPARATOR}")
# "MADRID, 3 (EUROPA PRESS)"
DATELINE_DAY_ALONE = re.compile(rf"^[ \t]*{_PLACE_PARTS}[ \t]*,[ \t]*{_DAY_ALONE}[ \t]*{_AGENCY_PAREN}{_SEPARATOR}")
# "SANTIAGO (AP) —", "México, (Notimex).-", "LA PAZ, Bolivia (AP) —"
DATELINE_UNDATED = re.compile(rf"^[ \t]*{_PLACE_PARTS}(?P<comma>[ \t]*,)?[ \t]*{_AGENCY_PAREN}{_SEPARATOR}")
# "(ANSA) - ROMA, 3 MAR -"
DATELINE_AGENCY_FIRST = re.compile(
    rf"^[ \t]*{_AGENCY_PAREN}[ \t]*[-–—]{{1,2}}[ \t]*{_PLACE_PARTS}[ \t]*,[ \t]*"
    rf"(?P<date>{TEXT_DATE}|{NUMERIC_DATE}){_SEPARATOR}"
)
# "Salvatierra, Guanajuato.-", "CDMX.-"
DATELINE_PLACE_ONLY = re.compile(rf"^[ \t]*{_PLACE_PARTS}[ \t]*\.[-–—](?=\s|$)[ \t]*")
DATELINE_STRONG_SEPARATOR = re.compile(_STRONG_SEPARATOR)
