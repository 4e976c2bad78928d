"""`make bench` on a tiny corpus (what it prints, not how fast), the BLIS kernel choice, and the lazy package import.

No timing thresholds: the machine running the tests is shared.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import numpy
import pytest

from pipeline import bench
from pipeline.engines import blas

ARTICLES = [
    (
        "El presidente Pedro Sánchez viajó a París el 3 de mayo.",
        "Madrid, 2 may (EFE). El Gobierno gastó 1.500 millones de euros.",
    ),
    ("Hoy llueve en Madrid", "La Habana, 20 ene. Cuba y Venezuela firmaron un acuerdo del 12 % de aumento."),
    ("Acuerdo en Bruselas", "La Comisión Europea aprobó el plan el martes, dijo Ursula von der Leyen."),
]


@pytest.fixture
def data_dir(tmp_path):
    folder = tmp_path / "data" / "meantime-es"
    folder.mkdir(parents=True)
    with open(folder / "articles.jsonl", "w", encoding="utf-8") as fh:
        for i, (title, text) in enumerate(ARTICLES):
            fh.write(json.dumps({"id": str(i), "dct": "2020-01-0" + str(i + 1), "title": title, "text": text}) + "\n")
    return tmp_path / "data"


def test_corpus_repeats_the_articles_to_the_words_asked(data_dir, tmp_path):
    jsonl = data_dir / bench.MEANTIME
    once = sum(len(text.split()) for _, text in bench.article_texts(jsonl))
    docs, words = bench.build_corpus(jsonl, tmp_path / "c", min_words=once + 1)
    assert (docs, words) == (6, 2 * once)
    assert len(list((tmp_path / "c").iterdir())) == 6
    assert bench.build_corpus(jsonl, tmp_path / "d", min_words=1, articles=2)[0] == 2


def test_report_prints_every_row_ratio_and_stage(data_dir, tmp_path):
    text = bench.report(
        data_dir,
        min_words=1,
        batch_sizes=(4, 16),
        memory=False,
        processes=False,
        parallel=False,
        profile=True,
        work_dir=tmp_path,
    )
    for row in ("bare model, full pipeline", "NER alone (news NER: tokenizer + ner)", "this pipeline end to end"):
        assert sum(line.startswith(row) for line in text.splitlines()) >= 2, row  # one line per batch size
    assert "end to end / bare model, in process:" in text and "end to end / NER alone, in process:" in text
    assert "BLIS kernels:" in text
    stages = [line.split()[0] for line in text.split("per stage")[1].splitlines()[2:]]
    for stage in ("reading", "cleaning", "tokenizer", "ner", "senter", "es_dates", "es_figures", "records", "writing"):
        assert stage in stages, stage


def test_report_says_when_meantime_is_missing(tmp_path):
    assert "not found" in bench.report(tmp_path)


def test_kernels_chosen_once_and_products_right():
    phrase = blas.use_fast_kernels()
    active, detected = blas.kernel_sets()
    assert phrase == blas.use_fast_kernels() and active in phrase
    for lib in blas._libraries():
        assert blas._products_right(lib)
    import blis.py  # thinc's NumpyOps.gemm goes through it

    a = numpy.arange(12, dtype=numpy.float32).reshape(3, 4)
    assert numpy.allclose(blis.py.gemm(a, a, trans2=True), a @ a.T)


def test_kernels_left_alone_when_asked():
    env = dict(os.environ, PIPELINE_BLIS_KERNELS="off")
    code = "from pipeline.engines import blas; print(blas.use_fast_kernels()); print(blas.kernel_sets())"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True).stdout
    assert "PIPELINE_BLIS_KERNELS=off" in out
    active, detected = eval(out.splitlines()[-1])  # a tuple of two names
    assert active == detected


def test_import_pipeline_loads_nothing_heavy_until_asked():
    code = (
        "import sys, pipeline\n"
        "heavy = [m for m in ('spacy', 'pandas', 'pyarrow', 'trafilatura') if m in sys.modules]\n"
        "print(heavy)\n"
        "print(pipeline.__version__, callable(pipeline.load), callable(pipeline.extract), pipeline.Tables.__name__)\n"
        "import pipeline.report\n"  # imports the module pipeline.render: pipeline.render stays the function
        "from pipeline import extract_text, render\n"
        "print(pipeline.render is render and callable(render))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.splitlines()
    assert out[0] == "[]"
    assert out[1].endswith("True True Tables")
    assert out[2] == "True"
    with pytest.raises(AttributeError):
        import pipeline

        pipeline.no_such_name  # noqa: B018


def test_ner_speed_counts_the_tokens_once_and_times_both_components():
    tokens, base, news = bench.ner_tokens_per_second(
        ["El presidente Pedro Sánchez viajó a París.", "Hoy llueve en Madrid."], repeat=1
    )
    assert tokens == 13
    assert base > 0 and news > 0
