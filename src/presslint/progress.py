"""A progress bar on long runs, shown only when stderr is a terminal (never in pipes, hooks or CI logs)."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from presslint.diagnostics import FileReport

# Fewer files than this finish before a bar is worth drawing.
MIN_FILES_FOR_BAR = 50


@contextmanager
def progress_callback(total: int, *, enabled: bool = True) -> Iterator[Callable[[FileReport], None] | None]:
    """Yield a callback to call once per finished file, or None when no bar is shown."""
    if not enabled or total < MIN_FILES_FOR_BAR or not sys.stderr.isatty():
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    with Progress(
        TextColumn("checking"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
        console=Console(stderr=True), transient=True,
    ) as bar:
        task = bar.add_task("check", total=total)

        def advance(_: FileReport) -> None:
            bar.advance(task)

        yield advance
