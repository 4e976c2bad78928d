"""Figure quality on the Recognizers-Text Spanish specs, through the loaded pipeline (issue 4 targets)."""

from __future__ import annotations

import pytest

from pipeline.evaluate import figure_specs
from tests.conftest import shared_data


@pytest.mark.parametrize(("model", "target"), [("PercentModel", 0.90), ("CurrencyModel", 0.90)])
def test_value_correct_f1_meets_target(nlp, model, target):
    rel, labels = figure_specs.MODELS[model]
    path = shared_data("recognizers-text-es", "Specs", rel)
    units = figure_specs.SPEC_CURRENCY if model == "CurrencyModel" else None
    score = figure_specs.score_model(nlp, figure_specs.load_cases(path), labels, units)
    assert score.prf("value")[2] >= target, score.notes


def test_number_model_value_recall_meets_target(nlp):
    rel, labels = figure_specs.MODELS["NumberModel"]
    path = shared_data("recognizers-text-es", "Specs", rel)
    score = figure_specs.score_model(nlp, figure_specs.load_cases(path), labels, None)
    assert score.prf("value")[1] >= 0.85, score.notes


def test_currency_units_agree_with_the_spec(nlp):
    rel, labels = figure_specs.MODELS["CurrencyModel"]
    path = shared_data("recognizers-text-es", "Specs", rel)
    score = figure_specs.score_model(nlp, figure_specs.load_cases(path), labels, figure_specs.SPEC_CURRENCY)
    assert score.hits["unit_checked"] > 100
    assert score.share("unit_agree", "unit_checked") >= 0.95, score.notes


def test_spec_cases_unsupported_by_the_reference_are_skipped():
    path = shared_data("recognizers-text-es", "Specs", "Number", "Spanish", "NumberModel.json")
    cases = figure_specs.load_cases(path)
    assert cases and all("dotnet" not in c.get("NotSupported", "").lower() for c in cases)


def test_report_names_every_model():
    text = figure_specs.report(shared_data("recognizers-text-es").parent)
    for model in figure_specs.MODELS:
        assert model in text
