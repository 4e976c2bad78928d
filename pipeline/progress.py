"""A run's progress on standard error: a bar on a terminal, plain lines in a log.

On a terminal, a tqdm bar with the number of documents done out of the
total, the percentage, the rate and the time left. When standard error is
not a terminal (a pipe, a CI log, ``make … 2>log``) a bar's carriage returns
would make a mess, so a plain line goes through the ``pipeline.progress``
logger every ``interval`` seconds instead (``PIPELINE_PROGRESS_SECONDS``,
default 10): ``progress: 120/800 documents (15 %), 9.8/s, about 1 min 9 s
left``. A run shorter than that prints no progress line at all.

The total is counted while the model loads, in a thread, by walking the
inputs as `pipeline.ingest.read.read_inputs` does (one document per text or
HTML file, one per row of a table file, counted cheaply); until it is known,
or when it cannot be (standard input), the bar counts without a percentage.
"""

from __future__ import annotations

import csv
import logging
import os
import stat
import sys
import threading
import time
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TextIO

log = logging.getLogger("pipeline.progress")

DEFAULT_INTERVAL = 10.0  # seconds between two plain progress lines
INTERVAL_VARIABLE = "PIPELINE_PROGRESS_SECONDS"
# Table files larger than this are not parsed to count their rows (CSV, JSON); the total is then unknown.
MAX_COUNTED_BYTES = 200_000_000


def interval_from_env() -> float:
    """Seconds between plain progress lines: ``PIPELINE_PROGRESS_SECONDS`` if it is a number ≥ 0, else the default."""
    try:
        value = float(os.environ.get(INTERVAL_VARIABLE, ""))
    except ValueError:
        return DEFAULT_INTERVAL
    return value if value >= 0 else DEFAULT_INTERVAL


def count_documents(inputs: Sequence[str | os.PathLike], *, files_only: bool = False) -> int | None:
    """How many documents ``read_inputs(inputs)`` will give (files only if ``files_only``), or None if it cannot be told.

    Table files count their rows (JSONL: non-blank lines; Parquet: the row
    count in its footer; CSV/TSV and JSON: parsed, up to `MAX_COUNTED_BYTES`);
    a file that cannot be opened or is not a regular file counts once, as the
    one error row it will get. Standard input cannot be counted ahead.
    """
    from pipeline.ingest.read import STDIN, TABLE_SUFFIXES, _exists, _is_text, iter_paths

    total = 0
    for item in inputs:
        if item == STDIN:
            return None
        if _is_text(item):
            total += 1
            continue
        if not _exists(item):
            return None  # the run stops on it with a usage error
        for path in iter_paths(Path(item)):
            if files_only or not isinstance(path, Path) or path.suffix.lower() not in TABLE_SUFFIXES:
                total += 1
                continue
            rows = count_rows(path, TABLE_SUFFIXES[path.suffix.lower()])
            if rows is None:
                return None
            total += max(rows, 1)  # an empty table is one error row
    return total


def count_rows(path: Path, fmt: str) -> int | None:
    """The rows of one table file, without reading its documents; 1 if it cannot be read (its one error row)."""
    try:
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode):
            return 1  # a FIFO or device is never opened: one skipped row
        if fmt == "parquet":
            import pyarrow.parquet as pq

            return pq.ParquetFile(path).metadata.num_rows
        if fmt == "jsonl":
            with open(path, "rb") as stream:
                return sum(1 for line in stream if line.strip())
        if info.st_size > MAX_COUNTED_BYTES:
            return None
        # latin-1 never fails and keeps every ASCII byte (quotes, delimiters, line breaks) where it was.
        text = path.read_bytes().decode("latin-1")
        if fmt == "json":
            import json

            from pipeline.ingest.tables import json_rows

            return len(json_rows(json.loads(text)))
        from pipeline.ingest.tables import sniff_delimiter

        delimiter = sniff_delimiter(text, "\t" if path.suffix.lower() == ".tsv" else ",")
        return max(sum(1 for row in csv.reader(text.splitlines(keepends=True), delimiter=delimiter) if row) - 1, 0)
    except Exception:  # whatever fails here fails in the run too, as one row with its reason
        return 1


def duration(seconds: float) -> str:
    """``4 s``, ``3 min 20 s``, ``2 h 05 min``."""
    seconds = max(int(round(seconds)), 0)
    if seconds < 60:
        return f"{seconds} s"
    if seconds < 3600:
        return f"{seconds // 60} min {seconds % 60} s"
    return f"{seconds // 3600} h {seconds % 3600 // 60:02d} min"


class Progress:
    """The progress of one run: call it with the number of documents just done.

    Args:
        stream: Where a bar is drawn (standard error by default).
        terminal: Draw a bar (True) or log plain lines (False); by default,
            a bar when ``stream`` is a terminal.
        enabled: False shows nothing (``--quiet``).
        interval: Seconds between plain lines (`interval_from_env` by default).
        unit: What is counted, as the lines say it.
    """

    def __init__(
        self,
        stream: TextIO | None = None,
        *,
        terminal: bool | None = None,
        enabled: bool = True,
        interval: float | None = None,
        unit: str = "documents",
    ):
        self.stream = stream if stream is not None else sys.stderr
        self.terminal = _isatty(self.stream) if terminal is None else terminal
        self.enabled = enabled
        self.interval = interval_from_env() if interval is None else interval
        self.unit = unit
        self.done = 0
        self.total: int | None = None
        self._counted: int | None = None
        self._counting: threading.Thread | None = None
        self._started: float | None = None
        self._last_line = 0.0
        self._bar = None
        self._redirect = None

    def count(self, inputs: Iterable[str | os.PathLike], *, files_only: bool = False) -> None:
        """Counts the total of ``inputs`` in a background thread (`count_documents`)."""
        if not self.enabled:
            return
        items = list(inputs)

        def work() -> None:
            try:
                self._counted = count_documents(items, files_only=files_only)
            except Exception:  # a total is a nicety: the run reports any real problem itself
                self._counted = None

        self._counting = threading.Thread(target=work, name="pipeline-progress-count", daemon=True)
        self._counting.start()

    def __enter__(self) -> Progress:
        if self.enabled and self.terminal:
            from tqdm import tqdm
            from tqdm.contrib.logging import logging_redirect_tqdm

            unit = " docs" if self.unit == "documents" else f" {self.unit}"
            self._bar = tqdm(total=None, unit=unit, desc="loading the model", file=self.stream, dynamic_ncols=True, leave=False)
            self._redirect = logging_redirect_tqdm(loggers=[logging.root])
            self._redirect.__enter__()  # log lines printed above the bar, not through it
        return self

    def __call__(self, n: int) -> None:
        if not self.enabled:
            return
        now = time.perf_counter()
        if self._started is None:  # the model is loaded, the documents start: time from here
            self._started = self._last_line = now
            self._take_total()
            if self._bar is not None:
                self._bar.set_description("extract", refresh=False)
                self._bar.reset(total=self.total)
        self.done += n
        self._take_total()
        if self._bar is not None:
            self._bar.update(n)
        elif now - self._last_line >= self.interval:
            self._last_line = now
            log.info(self.line(now))

    def _take_total(self) -> None:
        if self.total is None and self._counted is not None:
            self.total = self._counted
            if self._bar is not None:
                self._bar.total = self.total
                self._bar.refresh()

    def line(self, now: float | None = None) -> str:
        """``progress: 120/800 documents (15 %), 9.8/s, about 1 min 9 s left`` (what is known of it)."""
        now = time.perf_counter() if now is None else now
        elapsed = now - (self._started or now)
        rate = self.done / elapsed if elapsed > 0 else 0.0
        if self.total and self.total >= self.done:
            text = f"progress: {self.done}/{self.total} {self.unit} ({100 * self.done / self.total:.0f} %)"
        else:
            text = f"progress: {self.done} {self.unit}"
        if rate > 0:
            text += f", {rate:.1f}/s"
            if self.total and self.total > self.done:
                text += f", about {duration((self.total - self.done) / rate)} left"
        return text

    def __exit__(self, *exc) -> None:
        if self._bar is not None:
            self._bar.close()
            self._bar = None
        if self._redirect is not None:
            self._redirect.__exit__(*exc)
            self._redirect = None


def _isatty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # no isatty, or closed
        return False
