"""Output formats. Each module renders a list of FileReports to a stream.

Reporters are imported on demand: the machine-readable ones never load rich.
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from typing import NamedTuple, TextIO

from presslint.diagnostics import FileReport

REPORTERS: dict[str, str] = {
    "text": "presslint.reporting.text",
    "concise": "presslint.reporting.concise",
    "json": "presslint.reporting.json",
    "jsonl": "presslint.reporting.json",
    "github": "presslint.reporting.github",
    "gitlab": "presslint.reporting.gitlab",
    "sarif": "presslint.reporting.sarif",
}


class ReportOptions(NamedTuple):
    """How a run is reported: the format and what the summary says."""

    format: str = "text"
    statistics: bool = False
    quiet: bool = False
    fix_mode: bool = False  # --fix was given: the summary speaks of what was fixed
    unsafe: bool = False
    color: bool | None = None


def render(reports: Sequence[FileReport], stream: TextIO, options: ReportOptions) -> None:
    module = importlib.import_module(REPORTERS[options.format])
    module.render(reports, stream, options)

