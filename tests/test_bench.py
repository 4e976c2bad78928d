"""`make bench`'s measurement of the two ``ner`` components alone (the bare model's and the news NER)."""

from __future__ import annotations

from pipeline.bench import ner_tokens_per_second


def test_ner_speed_counts_the_tokens_once_and_times_both_components():
    tokens, base, news = ner_tokens_per_second(["El presidente Pedro Sánchez viajó a París.", "Hoy llueve en Madrid."], repeat=1)
    assert tokens == 13
    assert base > 0 and news > 0
