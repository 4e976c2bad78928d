"""Language detection: Spanish read, other languages skipped, short texts never wrongly skipped."""

from __future__ import annotations

import json

import pytest

from pipeline.ingest.language import detect, skip_reason
from tests.conftest import shared_data

OTHER_LANGUAGES = [
    (
        "en",
        "The president of Venezuela met on Thursday in Caracas with the Russian foreign minister and signed several "
        "energy agreements, according to a statement published by the government.",
    ),
    (
        "pt",
        "O presidente da Venezuela reuniu-se nesta quinta-feira em Caracas com o ministro das Relações Exteriores da "
        "Rússia e assinou vários acordos de energia, segundo um comunicado do governo.",
    ),
    (
        "fr",
        "Le président du Venezuela a rencontré jeudi à Caracas le ministre russe des Affaires étrangères et a signé "
        "plusieurs accords énergétiques, selon un communiqué publié par le gouvernement.",
    ),
    (
        "it",
        "Il presidente del Venezuela ha incontrato giovedì a Caracas il ministro degli Esteri russo e ha firmato "
        "diversi accordi energetici, secondo un comunicato pubblicato dal governo.",
    ),
    (
        "ca",
        "El president de Veneçuela es va reunir dijous a Caracas amb el ministre d'Afers Exteriors de Rússia i va "
        "signar diversos acords energètics, segons un comunicat publicat pel govern.",
    ),
    (
        "de",
        "Der Präsident Venezuelas traf sich am Donnerstag in Caracas mit dem russischen Außenminister und "
        "unterzeichnete mehrere Energieabkommen, wie aus einer Mitteilung der Regierung hervorgeht.",
    ),
]


@pytest.mark.parametrize(("code", "text"), OTHER_LANGUAGES, ids=[c for c, _ in OTHER_LANGUAGES])
def test_language_detects_other_languages_in_a_news_sentence(code, text):
    assert detect(text)[0] == code


@pytest.mark.parametrize(
    "text",
    [
        "El presidente de Venezuela se reunió el jueves en Caracas con el canciller ruso y firmó varios acuerdos.",
        "Apple lanza Macbook",  # read as Italian by the bare detector
        "Airbus anuncia recortes de 10.000 empleos",  # read as Catalan by the bare detector
        "Se va a relanzar el Seat Ibiza",
        "Nicolás Maduro",
        "12 %",
        "",
    ],
)
def test_language_short_spanish_texts_are_never_called_another_language(text):
    assert detect(text)[0] in ("es", None)


@pytest.mark.parametrize(
    ("language", "languages", "reason"),
    [
        ("es", ("es",), None),
        (None, ("es",), None),
        ("en", None, None),
        ("pt", ("es", "pt"), None),
        ("en", ("es",), "language is 'en', not es (use --all-languages to read it anyway)"),
    ],
)
def test_language_skip_reason(language, languages, reason):
    assert skip_reason(language, languages) == reason


def _meantime():
    path = shared_data("meantime-es", "articles.jsonl")
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_language_meantime_spanish_articles_titles_and_openings_are_never_skipped():
    rows = _meantime()
    samples = [r["text"] for r in rows] + [r["title"] for r in rows] + [" ".join(r["text"].split()[:8]) for r in rows]
    wrong = [(s[:60], detect(s)) for s in samples if detect(s)[0] not in ("es", None)]
    assert wrong == []
    assert sum(detect(r["text"])[0] == "es" for r in rows) == len(rows)


def test_language_meantime_english_titles_are_never_called_spanish():
    titles = [r["english_title"] for r in _meantime()]
    assert [t for t in titles if detect(t)[0] == "es"] == []


def test_language_meantime_sample_decides_as_a_three_times_longer_one(monkeypatch):
    import pipeline.ingest.language as language

    texts = [r["text"] for r in _meantime()]
    assert sum(len(t) > language.SAMPLE_CHARS for t in texts) > 60  # the sample is shorter than most articles
    decided = [detect(t)[0] for t in texts]
    monkeypatch.setattr(language, "SAMPLE_CHARS", 3 * language.SAMPLE_CHARS)
    assert [detect(t)[0] for t in texts] == decided
