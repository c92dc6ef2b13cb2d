"""Checking many files (or JSONL records) at once in worker processes, with results in input order.

Process start-up costs more than checking a handful of articles, so small runs
stay in this process; ``--jobs 1`` forces that. Results come back in the order
of the inputs whatever the number of workers, so the output of a parallel run
is identical to a serial one.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from presslint.api import FileOptions, check_file
from presslint.config import Settings
from presslint.diagnostics import FileReport

if TYPE_CHECKING:
    import multiprocessing.context
    from concurrent.futures import ProcessPoolExecutor

# Below this many files a pool costs more than it saves.
MIN_FILES_FOR_POOL = 8

Task = TypeVar("Task")


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def _check_one(task: tuple[Path, Settings, FileOptions]) -> FileReport:
    path, settings, options = task
    return check_file(path, settings, options)


def _pool_context() -> multiprocessing.context.BaseContext:
    import multiprocessing  # only a run with a pool pays for it (about 10 ms of start-up)

    # fork shares the already-loaded rules with the workers; elsewhere spawn is the safe choice.
    method = "fork" if sys.platform.startswith("linux") else "spawn"
    return multiprocessing.get_context(method)


def check_files(
    tasks: Sequence[tuple[Path, Settings, FileOptions]],
    jobs: int,
    on_done: Callable[[FileReport], None] | None = None,
) -> Iterator[FileReport]:
    """Yield a FileReport per task, in task order, using up to ``jobs`` processes."""
    return map_in_order(_check_one, tasks, jobs, on_done)


def map_in_order(
    work: Callable[[Task], FileReport],
    tasks: Sequence[Task],
    jobs: int,
    on_done: Callable[[FileReport], None] | None = None,
) -> Iterator[FileReport]:
    """Yield ``work(task)`` for each task, in task order, using up to ``jobs`` processes.

    ``work`` must be a module-level function (workers receive it by name).
    """
    if jobs <= 1 or len(tasks) < MIN_FILES_FOR_POOL:
        for task in tasks:
            report = work(task)
            if on_done:
                on_done(report)
            yield report
        return
    from concurrent.futures import ProcessPoolExecutor

    workers = min(jobs, len(tasks))
    # Small chunks: the last one a worker takes leaves the other idle for up to its length.
    chunksize = max(1, min(16, len(tasks) // (workers * 8)))
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=_pool_context(), initializer=_leave_sigint_to_parent)
    try:
        for report in pool.map(work, tasks, chunksize=chunksize):
            if on_done:
                on_done(report)
            yield report
    except BaseException:  # Ctrl-C, or the consumer gave up: stop now, not after every queued file
        _stop(pool)
        raise
    pool.shutdown(wait=True)


def _leave_sigint_to_parent() -> None:
    """Workers ignore Ctrl-C: the parent stops them, so the terminal gets no traceback per worker."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _stop(pool: ProcessPoolExecutor) -> None:
    """Cancel queued files and end the workers; a file being written is replaced whole or not at all."""
    pool.shutdown(wait=False, cancel_futures=True)
    for process in list((getattr(pool, "_processes", None) or {}).values()):
        try:
            process.terminate()
        except Exception:  # already gone
            pass
