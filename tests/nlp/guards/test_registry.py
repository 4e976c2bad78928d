"""The guard registry, the order in nlp.config, and the notes the guards report prints."""

from __future__ import annotations

import pytest
import spacy

from pipeline.evaluate.guards import guard_notes
from pipeline.nlp.filters import EntityFilter
from pipeline.nlp.guards import ALL_GUARDS, DEFAULT_GUARDS, GUARDS, OPTIONAL_GUARDS
from tests.nlp.guards.helpers import run_guards


def test_every_guard_is_registered_once_and_placed():
    assert set(ALL_GUARDS) == set(GUARDS)
    assert len(ALL_GUARDS) == len(set(ALL_GUARDS))
    assert set(DEFAULT_GUARDS) | set(OPTIONAL_GUARDS) == set(ALL_GUARDS)
    assert not set(DEFAULT_GUARDS) & set(OPTIONAL_GUARDS)


def test_nlp_config_lists_the_default_guards_in_order(blank_nlp):
    blank_nlp.add_pipe("es_entity_filter")
    config = blank_nlp.config["components"]["es_entity_filter"]
    assert config["guards"] == list(DEFAULT_GUARDS)
    assert config["drop_labels"] == []


def test_a_guard_left_out_of_the_config_does_not_run():
    text, model = "Ratificó Maduro su apoyo .", [("Ratificó Maduro", "PER")]
    assert run_guards(DEFAULT_GUARDS, text, model) == [("Maduro", "PER")]
    without = tuple(g for g in DEFAULT_GUARDS if g != "sentence_initial_verb")
    assert run_guards(without, text, model) == model


def test_the_config_round_trips_with_a_guard_switched_off(blank_nlp):
    without = [g for g in DEFAULT_GUARDS if g != "majority_label"]
    blank_nlp.add_pipe("es_entity_filter", config={"guards": without})
    reloaded = spacy.blank("es").from_config(blank_nlp.config)
    assert reloaded.get_pipe("es_entity_filter").guards == tuple(without)


def test_unknown_guard_name_is_a_readable_error(blank_nlp):
    with pytest.raises(ValueError, match="unknown entity filter guard"):
        EntityFilter(blank_nlp, guards=("no_such_guard",))


def test_guard_notes_have_one_row_per_guard():
    rows = guard_notes()
    assert [row["guard"] for row in rows] == list(ALL_GUARDS)
    assert all(row["effect"] and row["example"] for row in rows)
