"""The language of a clean document, and whether the pipeline should read it.

The detector is py3langid (langid.py's model of 97 languages, shipped inside
the package: nothing is downloaded). It reads the first `SAMPLE_CHARS` of the
clean text: 1,000 characters, some 170 words (3,000 before issue 7; on the
120 MEANTIME articles the decisions are the same, at 40 % less time).
Short texts fool every detector (a Spanish title such as "Apple
lanza Macbook" reads as Italian), and Spanish with headline capitals, scores
or tables reads as a neighbour (Aragonese, Portuguese, Asturian), so a
verdict other than Spanish is trusted only for a text of at least `MIN_WORDS`
words *and* with a normalised probability of at least `MIN_PROBABILITY`;
otherwise the language is left undetermined (None) and the document is read:
skipping a Spanish article loses it, reading a foreign one costs little.
A Spanish sentence is not called another language by this rule, while the
bare top label calls short Spanish texts Catalan, Occitan or Italian;
``tests/test_ingest_language.py`` holds both on CoNLL-2002 and MEANTIME.
"""

from __future__ import annotations

from collections.abc import Collection
from functools import cache

SPANISH = "es"
DEFAULT_LANGUAGES: tuple[str, ...] = (SPANISH,)
SAMPLE_CHARS = 1000
MIN_WORDS = 20
MIN_PROBABILITY = 0.7


@cache
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect(text: str) -> tuple[str | None, float]:
    """``(ISO 639-1 code or None, probability)`` for ``text``; None when it cannot be told."""
    sample = text[:SAMPLE_CHARS]
    if not any(c.isalpha() for c in sample):
        return None, 0.0
    language, probability = _identifier().classify(sample)
    probability = float(probability)
    if language == SPANISH:
        return language, probability
    if len(sample.split()) >= MIN_WORDS and probability >= MIN_PROBABILITY:
        return language, probability
    return None, probability


def skip_reason(language: str | None, languages: Collection[str] | None) -> str | None:
    """Why a document in ``language`` is skipped, or None to read it.

    Args:
        language: The detected language (None: undetermined, always read).
        languages: The languages to read; None reads every language.
    """
    if languages is None or language is None or language in languages:
        return None
    return f"language is {language!r}, not {', '.join(sorted(languages))} (use --all-languages to read it anyway)"
