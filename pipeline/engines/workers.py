"""Worker processes that end with their run, whatever ends it.

``nlp.pipe(n_process=N)`` starts N worker processes and, when the run is
stopped, joins them: after Ctrl-C it waits until they have worked through
every batch already queued (minutes), and a parent killed by SIGTERM or
SIGKILL leaves them blocked on a pipe for ever, a few hundred MB each.

Two guards:

* in each worker, `dies_with_parent` asks the kernel to kill the worker when
  its parent dies (Linux ``prctl(PR_SET_PDEATHSIG)``), and leaves Ctrl-C to the
  parent;
* in the parent, `stop_workers_on_signal` turns SIGINT and SIGTERM into an
  exception (`KeyboardInterrupt`, `Terminated`) after killing the workers this
  run started, so the run unwinds at once: the writer removes its
  temporary files and the previous tables stay as they were.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal
import threading
import warnings
from collections.abc import Iterator
from contextlib import contextmanager

PR_SET_PDEATHSIG = 1
_guarded_pid: int | None = None


class Terminated(BaseException):
    """The run received SIGTERM (a BaseException, like KeyboardInterrupt, so no ``except Exception`` swallows it)."""


def raise_terminated(signum: int, frame: object) -> None:
    """A SIGTERM handler that unwinds the program like Ctrl-C does."""
    raise Terminated()


def dies_with_parent(parent_pid: int | None) -> None:
    """In a worker process of the run ``parent_pid``: die when that process dies; ignore Ctrl-C.

    Does nothing in the run's own process or once done in this process.
    """
    global _guarded_pid
    pid = os.getpid()
    if parent_pid is None or pid == parent_pid or _guarded_pid == pid:
        return
    _guarded_pid = pid
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent stops the run and kills its workers
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):  # not Linux: the parent's signal handler still kills its workers
        pass
    if os.getppid() != parent_pid:  # the parent died before the request
        os._exit(1)


@contextmanager
def stop_workers_on_signal() -> Iterator[None]:
    """For the length of a run: SIGINT and SIGTERM kill the workers started meanwhile, then raise.

    SIGINT raises `KeyboardInterrupt`, SIGTERM `Terminated`. Only in the main
    thread of the main interpreter (elsewhere signal handlers cannot be set);
    the previous handlers come back at the end.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    owner = os.getpid()
    before = {child.pid for child in multiprocessing.active_children()}

    def handler(signum: int, frame: object) -> None:
        if os.getpid() != owner:  # a forked worker that has not yet set its own handler
            return
        kill_workers(before)
        # spaCy then warns that its workers did not complete (W127): they were stopped on purpose.
        warnings.filterwarnings("ignore", message=r".*\[W127\]")
        if signum == signal.SIGTERM:
            raise Terminated()
        raise KeyboardInterrupt()

    previous = {signum: signal.signal(signum, handler) for signum in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for signum, old in previous.items():
            signal.signal(signum, old)


def kill_workers(keep: set[int | None]) -> None:
    """SIGKILLs this process's multiprocessing children except those in ``keep``, and reaps them."""
    children = [child for child in multiprocessing.active_children() if child.pid not in keep]
    for child in children:
        try:
            child.kill()
        except (OSError, ValueError):  # already gone
            pass
    for child in children:
        child.join(timeout=5)
