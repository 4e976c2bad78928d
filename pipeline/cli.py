"""The command line: a thin layer over `pipeline.run`.

Exit codes: 0 every document ok; 1 some documents failed (their rows say
why; the tables are written); 2 a usage error (a missing path, a bad date
or format), nothing written; 3 the run itself failed (disk full, the output
folder vanished, the model missing, …), the previous tables left as they
were; 130 interrupted (Ctrl-C), 143 terminated (SIGTERM), likewise. Every
error is one line on stderr, never a traceback (``PIPELINE_TRACEBACK=1``
shows it for a bug report).
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
import threading
import traceback
from collections.abc import Sequence

EXIT_OK = 0
EXIT_SOME_FAILED = 1
EXIT_USAGE = 2
EXIT_RUN_FAILED = 3
EXIT_INTERRUPTED = 130
EXIT_TERMINATED = 143


def _formats(value: str) -> tuple[str, ...]:
    from pipeline.write import FORMATS

    formats = tuple(f.strip() for f in value.split(",") if f.strip())
    bad = [f for f in formats if f not in FORMATS]
    if bad or not formats:
        raise argparse.ArgumentTypeError(f"unknown format {bad[0] if bad else value!r}; expected any of {','.join(FORMATS)}")
    return formats


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


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m pipeline", description="Spanish news entity extraction.")
    commands = parser.add_subparsers(dest="command", required=True)
    ex = commands.add_parser("extract", help="extract entities from files and folders into tables")
    ex.add_argument("paths", nargs="+", help="files or folders (walked recursively)")
    ex.add_argument("--out", default="outputs", help="output folder (default: outputs)")
    ex.add_argument(
        "--format", type=_formats, default=("csv", "parquet"), help="comma-separated: csv,parquet,jsonl (default: csv,parquet)"
    )
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
        help="keep the rows of documents unchanged since the previous run in --out (same hash and version)",
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
    ex.add_argument("--strict", action="store_true", help="stop at the first document that fails (exit 1, nothing written)")
    ev = commands.add_parser("eval", help="quality reports on the evaluation data")
    ev.add_argument("--data", default="../shared/data", help="folder with conll2002-es/, meantime-es/, …")
    ev.add_argument("--only", action="append", help="run only this report (repeatable)")
    rp = commands.add_parser("report", help="a self-contained HTML report of a run's tables")
    rp.add_argument("outdir", help="folder with the run's documents, mentions and entities tables")
    rp.add_argument("--html", help="report file to write (default: OUTDIR/report.html)")
    be = commands.add_parser("bench", help="words/s of the bare model and of this pipeline, and peak memory")
    be.add_argument("--data", default="../shared/data", help="folder with meantime-es/articles.jsonl")
    be.add_argument("--min-words", type=_positive, default=150_000, help="corpus size in words (default: 150000)")
    be.add_argument("--no-memory", action="store_true", help="skip the peak-memory runs (1× and 10× the corpus)")
    be.add_argument("--batch-sizes", type=_batch_sizes, help="comma-separated batch sizes to time (default: 16,64,256,1000)")
    be.add_argument("--profile", action="store_true", help="add the time of each stage (reading, cleaning, model, components, …)")
    be.add_argument(
        "--quick", action="store_true", help="MEANTIME once, batch sizes 16 and 256, no whole processes, n_process=2 or memory"
    )
    return parser


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
    from pipeline.run import RunSummary, SettingsError, StrictError, check_reference_date, check_year
    from pipeline.write import OutputError

    if args.scheduler and args.engine != "dask":
        print("error: --scheduler needs --engine dask", file=sys.stderr)
        return EXIT_USAGE
    summary = RunSummary()
    try:
        reference_date = check_reference_date(args.reference_date)
        year = check_year(args.year)
        reading = {
            "fields": dict(args.field),
            "delimiter": args.delimiter,
            "languages": None if args.all_languages else ("es",),
            "strict": args.strict,
        }
        with _progress_bar() as bar:
            if args.engine == "dask":
                from pipeline.engines.dask import DaskUnavailableError, run

                try:
                    run(
                        args.paths,
                        args.out,
                        formats=args.format,
                        scheduler=args.scheduler,
                        n_workers=args.n_process,
                        reference_date=reference_date,
                        year=year,
                        incremental=args.incremental,
                        on_document=bar,
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
                    reference_date=reference_date,
                    year=year,
                    n_process=args.n_process,
                    incremental=args.incremental,
                    parquet_dataset=args.parquet_dataset,
                    on_document=bar,
                    summary=summary,
                    **reading,
                )
    except (InputError, SettingsError, OutputError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except StrictError as exc:
        print(f"error: {exc} (--strict: stopped, nothing written)", file=sys.stderr)
        return EXIT_SOME_FAILED
    for note in summary.notes:
        print(f"note: {note}", file=sys.stderr)
    print(f"{summary.line()} → {os.path.join(args.out, '')}")
    return EXIT_OK if summary.documents_failed == 0 else EXIT_SOME_FAILED


def report_command(args: argparse.Namespace) -> int:
    from pipeline.report import ReportError, write_report

    try:
        path = write_report(args.outdir, args.html)
    except ReportError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    print(f"report → {path}")
    return EXIT_OK


class _progress_bar:
    """A tqdm bar of documents on a terminal (stderr); nothing when stderr is not a terminal."""

    def __enter__(self):
        self.bar = None
        if sys.stderr.isatty():
            from tqdm import tqdm

            self.bar = tqdm(unit=" docs", file=sys.stderr, dynamic_ncols=True, leave=False)
        return self

    def __call__(self, n: int) -> None:
        if self.bar is not None:
            self.bar.update(n)

    def __exit__(self, *exc) -> None:
        if self.bar is not None:
            self.bar.close()


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
    code = main()
    if code in (EXIT_INTERRUPTED, EXIT_TERMINATED):
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)
    sys.exit(code)
