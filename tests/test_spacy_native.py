"""The components behave like spaCy's own: order checked by analyze_pipes, found through entry points, saved and loaded."""

from __future__ import annotations

import json
import subprocess
import sys
from importlib.metadata import entry_points

from spacy.language import Language

from pipeline.nlp import factories
from tests.conftest import ROOT, SEED

LOAD_AND_TAG = """
import json, sys
import spacy
nlp = spacy.load(sys.argv[1])
doc = nlp(open(sys.argv[2], encoding="utf-8").read())
print(json.dumps({"ents": [[e.start_char, e.end_char, e.label_, e.kb_id_, e._.value, e._.canonical] for e in doc.ents]}))
"""


def package_factories() -> set[str]:
    """Names of the factories `pipeline.nlp.factories` registers."""
    return {
        name
        for name in Language.factories
        if name.startswith("es_") and Language.factories[name].__module__ == factories.__name__
    }


def test_every_component_has_an_entry_point():
    declared = {ep.name: ep.value for ep in entry_points(group="spacy_factories") if ep.value.startswith("pipeline.")}
    assert set(declared) == package_factories()
    for name, target in declared.items():
        assert target == f"{factories.__name__}:{Language.factories[name].__name__}"


def test_analyze_pipes_finds_every_requirement_met(nlp):
    analysis = nlp.analyze_pipes(pretty=False)
    assert all(problems == [] for problems in analysis["problems"].values()), analysis["problems"]
    for name in ("es_dates", "es_figures", "es_people"):
        assert "doc.ents" in Language.get_factory_meta(name).requires


def test_saved_pipeline_loads_in_a_fresh_process_without_importing_pipeline(nlp, tmp_path):
    nlp.to_disk(tmp_path / "saved")
    text = SEED.read_text(encoding="utf-8")
    expected = [[e.start_char, e.end_char, e.label_, e.kb_id_, e._.value, e._.canonical] for e in nlp(text).ents]
    done = subprocess.run(
        [sys.executable, "-W", "ignore", "-c", LOAD_AND_TAG, str(tmp_path / "saved"), str(SEED)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert "import pipeline" not in LOAD_AND_TAG
    got = json.loads(done.stdout)["ents"]
    assert got == expected
    assert any(label == "COUNTRY" for _, _, label, *_ in got)
    assert (ROOT / "pyproject.toml").read_text(encoding="utf-8").count("[project.entry-points.spacy_factories]") == 1
