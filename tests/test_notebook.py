"""Notebooks as a way in: docs/example.ipynb executed headless (nbclient), `Tables` shown compactly,
the cleaned text the offsets index."""

from __future__ import annotations

import pytest

import pipeline
from tests.conftest import ROOT, SEED

NOTEBOOK = ROOT / "docs" / "example.ipynb"


@pytest.fixture(scope="module")
def executed(tmp_path_factory):
    nbformat = pytest.importorskip("nbformat", reason="nbformat is in the [dev] extra")
    nbclient = pytest.importorskip("nbclient", reason="nbclient is in the [dev] extra")
    pytest.importorskip("ipykernel", reason="ipykernel is in the [dev] extra")
    out = tmp_path_factory.mktemp("notebook-out")
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("PIPELINE_NOTEBOOK_OUT", str(out))  # the kernel inherits it: tables and report go here
        resources = {"metadata": {"path": str(ROOT)}}
        client = nbclient.NotebookClient(notebook, timeout=600, kernel_name="python3", resources=resources)
        client.execute()
    return notebook, out


def outputs(notebook, kind: str) -> list[str]:
    found = []
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if kind in data:
                found.append(data[kind])
    return found


def test_example_notebook_runs_without_errors(executed):
    notebook, out = executed
    errors = [o for c in notebook.cells for o in c.get("outputs", []) if o.output_type == "error"]
    assert errors == []
    assert (out / "report.html").is_file() and (out / "documents.parquet").exists() and (out / "article.html").is_file()


def test_example_notebook_covers_the_readme_notebook_section(executed):
    notebook, _ = executed
    source = "\n".join(cell.source for cell in notebook.cells if cell.cell_type == "code")
    for call in ("extract_text(", "extract([", "groupby(", "render(", "load()", ".write(", "write_report(", "IFrame("):
        assert call in source


def test_example_notebook_shows_tables_and_renders_as_html(executed):
    notebook, _ = executed
    html = outputs(notebook, "text/html")
    summary = next(h for h in html if "<b>Tables</b>" in h)
    assert "tables.mentions" in summary and "1 documents (1 ok)" in summary
    renders = [h for h in html if "pipeline-render" in h]
    assert len(renders) >= 2
    assert all("<script" not in h for h in renders)
    assert any("Nicolás Maduro" in h and 'data-kb-id="VE"' in h for h in renders)


def test_tables_repr_is_one_line_and_html_is_compact(seed_tables):
    line = repr(seed_tables)
    assert "\n" not in line and line.startswith("<Tables: 1 documents, ")
    html = seed_tables._repr_html_()
    assert html.count("<table") == 4 and html.count("<tr>") <= 4 * 6 + 4  # a header and five rows each at most
    assert "more columns" in html  # the main columns only


def test_cleaned_text_is_what_the_offsets_index(nlp):
    tables = pipeline.extract([SEED], nlp=nlp, cleaned_text=True)
    text = tables.documents.cleaned_text.iloc[0]
    assert "# *" not in text
    for mention in tables.mentions.itertuples():
        assert text[mention.start : mention.end] == mention.text
    assert "cleaned_text" not in pipeline.extract([SEED], nlp=nlp).documents


def test_written_tables_leave_the_cleaned_text_out(nlp, tmp_path):
    from pipeline.write import read_table

    pipeline.extract([SEED], nlp=nlp, cleaned_text=True).write(tmp_path, formats=("csv", "parquet"))
    for fmt in ("csv", "parquet"):
        assert "cleaned_text" not in read_table(tmp_path / f"documents.{fmt}", "documents")
    assert "cleaned_text" not in (tmp_path / "documents.csv").read_text(encoding="utf-8").splitlines()[0]
