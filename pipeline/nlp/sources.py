"""Marks the model's entities with ``source = "model"`` before the rules run."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


class ModelSource:
    def __init__(self, nlp: Language, name: str = "es_model_source"):
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        for ent in doc.ents:
            if ent._.source is None:
                ent._.source = "model"
        return doc
