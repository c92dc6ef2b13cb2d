"""``gitlab``: a GitLab Code Quality report (a JSON array), for ``artifacts:reports:codequality``.

Each problem carries a description, the rule as ``check_name``, a fingerprint
that survives edits elsewhere in the file, a Code Quality severity and its
location (path relative to the project, first and last line).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, TextIO

from presslint.diagnostics import Diagnostic, FileReport, Severity
from presslint.reporting.ci import all_fingerprints, portable_path

if TYPE_CHECKING:
    from presslint.reporting import ReportOptions

# Code Quality knows info, minor, major, critical and blocker. An article problem is
# never a blocker: errors (certain mistakes, rules that failed) are major.
SEVERITIES = {Severity.ERROR: "major", Severity.WARNING: "minor", Severity.INFO: "info"}


def issue(d: Diagnostic, fingerprint: str) -> dict[str, Any]:
    return {
        "type": "issue",
        "description": f"{d.code} {d.message}",
        "check_name": f"{d.code} {d.rule}",
        "fingerprint": fingerprint,
        "severity": SEVERITIES[d.severity],
        "categories": ["Style"],
        "location": {
            "path": portable_path(d.path),
            "lines": {"begin": d.line, "end": d.end_line},
        },
    }


def render(reports: Sequence[FileReport], stream: TextIO, options: ReportOptions) -> None:
    issues = [issue(d, fp) for _, d, fp in all_fingerprints(reports)]
    json.dump(issues, stream, ensure_ascii=False, indent=2)
    stream.write("\n")
