"""docs/api.md is the public API as its docstrings say it today (docs/make_api.py writes it)."""

from __future__ import annotations

import importlib.util

import pipeline
from tests.conftest import ROOT


def make_api():
    spec = importlib.util.spec_from_file_location("make_api", ROOT / "docs" / "make_api.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_api_page_is_current():
    module = make_api()
    assert module.PAGE.read_text(encoding="utf-8") == module.render(), (
        "docs/api.md is out of date: run `make docs` (python docs/make_api.py)"
    )


def test_api_page_covers_the_public_names_and_each_has_a_docstring():
    module = make_api()
    documented = {name for name, _, _ in module.API}
    public = {f"pipeline.{name}" for name in pipeline.__all__ if name != "__version__"}
    assert public <= documented
    for name, mod, attr in module.API:
        obj = getattr(importlib.import_module(mod), attr)
        assert (obj.__doc__ or "").strip(), f"{name} has no docstring"


def test_google_sections_become_lists():
    module = make_api()

    def sample(a, b=1):
        """Does a thing.

        Args:
            a: The first,
                on two lines.
            b: The second.

        Returns:
            Something.
        """

    assert module.docstring(sample) == (
        "Does a thing.\n\n**Arguments**\n\n- `a`: The first, on two lines.\n- `b`: The second.\n\n**Returns**\n\n- Something."
    )
    assert module.signature("sample", sample) == "sample(a, b=1)"
