"""``concise``: one line per problem, ``path:line:col: CODE [*] message``, for grep and editors."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, TextIO

from presslint.diagnostics import FileReport
from presslint.reporting.summary import statistics_lines, summary_line

if TYPE_CHECKING:
    from presslint.reporting import ReportOptions


def render(reports: Sequence[FileReport], stream: TextIO, options: ReportOptions) -> None:
    for report in reports:
        for d in report.diagnostics:
            mark = " [*]" if d.fix is not None else ""
            stream.write(f"{d.path}:{d.line}:{d.column}: {d.code}{mark} {d.rule}: {d.message}\n")
    if options.statistics:
        for line in statistics_lines(reports):
            stream.write(line + "\n")
    if not options.quiet:
        stream.write(summary_line(reports, options) + "\n")
