"""Entity labels: what the model emits and what the pipeline writes.

The model (``es_core_news_sm`` and the shipped news NER, both trained on
CoNLL-2002 labels) emits PER, LOC, ORG and MISC. The guards read and write
those; ``es_people`` turns PER into the output label PERSON, and the other
components add COUNTRY, NORP and the value labels.
"""

from __future__ import annotations

# The model's name labels.
PER = "PER"
LOC = "LOC"
ORG = "ORG"
MISC = "MISC"
MODEL_LABELS = (PER, LOC, ORG, MISC)

# The pipeline's own labels (the output table's `label` column).
PERSON = "PERSON"
COUNTRY = "COUNTRY"
NORP = "NORP"
DATE = "DATE"
PERCENT = "PERCENT"
MONEY = "MONEY"
QUANTITY = "QUANTITY"
CARDINAL = "CARDINAL"
VALUE_LABELS = (DATE, PERCENT, MONEY, QUANTITY, CARDINAL)
# Figures: the value labels that count or measure something (`es_figures`, `es_measures`).
FIGURE_LABELS = (PERCENT, MONEY, QUANTITY, CARDINAL)

# A person before and after `es_people`: the guards may run after it in a user's pipeline.
PERSON_LABELS = (PER, PERSON)
# Places: the model's LOC and `es_countries`' COUNTRY.
PLACE_LABELS = (LOC, COUNTRY)
