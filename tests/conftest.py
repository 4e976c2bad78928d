"""Shared fixtures: the loaded pipeline once per session, paths to data."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "corpus" / "000_833b6e6a738d101e.txt"
SHARED_DATA = ROOT.parent / "shared" / "data"


@pytest.fixture(scope="session")
def nlp():
    import pipeline

    return pipeline.load()


@pytest.fixture()
def blank_nlp():
    import pipeline.nlp.factories  # noqa: F401  (registers the es_* factories)

    return spacy.blank("es")


@pytest.fixture(scope="session")
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def seed_tables(nlp):
    import pipeline

    return pipeline.extract([SEED], nlp=nlp)


def shared_data(*parts: str) -> Path:
    """A path under ../shared/data, or a skip with the reason when it is absent."""
    path = SHARED_DATA.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"evaluation data not found at {path} (it lives in ../shared/data beside the repo)")
    return path
