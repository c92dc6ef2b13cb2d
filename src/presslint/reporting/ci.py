"""Helpers shared by the CI reporters (GitHub, GitLab, SARIF): portable paths and stable fingerprints.

CI services show results against the repository, so paths are written relative
to the working folder with forward slashes; and a problem keeps its fingerprint
when unrelated lines move, so a service can tell a new problem from an old one.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterator, Sequence
from pathlib import Path, PurePath

from presslint.diagnostics import Diagnostic, FileReport


def portable_path(path: str) -> str:
    """``path`` relative to the current folder when it lies inside it, with ``/`` separators."""
    if path == "-" or not path:
        return path
    p = Path(path)
    if p.is_absolute():
        try:
            p = p.relative_to(Path.cwd())
        except ValueError:
            return p.as_posix()
    return PurePath(p).as_posix().removeprefix("./")


def report_text(report: FileReport) -> str | None:
    """The text the report's diagnostics point into (the fixed text after ``--fix``)."""
    return report.fixed_text if report.fixed_text is not None else report.original_text


def fingerprints(report: FileReport) -> Iterator[tuple[Diagnostic, str]]:
    """Each diagnostic with a fingerprint that ignores line numbers.

    The hash covers the path, the rule, the flagged text and how many times the
    same rule already flagged the same text in this file: stable when other
    paragraphs are edited, unique within the report.
    """
    text = report_text(report)
    seen: Counter[tuple[str, str]] = Counter()
    path = portable_path(report.path)
    for d in report.diagnostics:
        flagged = text[d.offset : d.end_offset] if text is not None else f"{d.line}:{d.column}"
        key = (d.code, flagged)
        seen[key] += 1
        raw = "\x1f".join((path, d.code, flagged, str(seen[key])))
        yield d, hashlib.sha256(raw.encode("utf-8")).hexdigest()


def all_fingerprints(reports: Sequence[FileReport]) -> Iterator[tuple[FileReport, Diagnostic, str]]:
    for report in reports:
        for d, fp in fingerprints(report):
            yield report, d, fp
