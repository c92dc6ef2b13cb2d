"""``github``: GitHub Actions workflow commands, one annotation per problem.

``::warning file=a.md,line=3,col=5,endLine=3,endColumn=7,title=PUN101 doubled-punctuation::message``
Property values escape ``% \\r \\n : ,`` and the message escapes ``% \\r \\n``, as
the Actions runner expects. Columns are characters; ``endColumn`` is the last
flagged column (inclusive), and columns are left out of multi-line spans, which
GitHub does not underline.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, TextIO

from presslint.diagnostics import Diagnostic, FileReport, Severity
from presslint.reporting.ci import portable_path

if TYPE_CHECKING:
    from presslint.reporting import ReportOptions

LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(value: str) -> str:
    """Escape a command's message (the part after ``::``)."""
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    """Escape a property value (``file=``, ``title=``): also ``:`` and ``,``."""
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


def annotation(d: Diagnostic) -> str:
    props = [("file", portable_path(d.path)), ("line", str(d.line))]
    if d.end_line == d.line:
        last = max(d.column, d.end_column - 1)
        props += [("col", str(d.column)), ("endLine", str(d.end_line)), ("endColumn", str(last))]
    else:
        props.append(("endLine", str(d.end_line)))
    props.append(("title", f"{d.code} {d.rule}"))
    fix = " [fixable]" if d.fix is not None else ""
    joined = ",".join(f"{k}={escape_property(v)}" for k, v in props)
    return f"::{LEVELS[d.severity]} {joined}::{escape_data(d.message + fix)}"


def render(reports: Sequence[FileReport], stream: TextIO, options: ReportOptions) -> None:
    for report in reports:
        if report.error:
            stream.write(f"::error file={escape_property(portable_path(report.path))}::{escape_data(report.error)}\n")
        for d in report.diagnostics:
            stream.write(annotation(d) + "\n")
