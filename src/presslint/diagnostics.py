"""Plain values that flow out of the engine: spans, edits, fixes and diagnostics.

Everything here is a frozen dataclass of built-in types so that results pickle
cleanly across processes (``--jobs``, Dask) and serialise to JSON without glue.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


class Applicability(StrEnum):
    """How far a fix can be trusted; ``--fix`` applies SAFE, ``--unsafe-fixes`` both."""

    SAFE = "safe"
    UNSAFE = "unsafe"


@dataclass(frozen=True, slots=True, order=True)
class Edit:
    """Replace ``[offset, end_offset)`` of the text with ``replacement``."""

    offset: int
    end_offset: int
    replacement: str

    def to_dict(self) -> dict[str, Any]:
        return {"offset": self.offset, "end_offset": self.end_offset, "replacement": self.replacement}


@dataclass(frozen=True, slots=True)
class Fix:
    """The edits that repair one diagnostic, applied together or not at all."""

    edits: tuple[Edit, ...]
    applicability: Applicability = Applicability.SAFE

    @property
    def start(self) -> int:
        return min(e.offset for e in self.edits)

    @property
    def end(self) -> int:
        return max(e.end_offset for e in self.edits)

    def to_dict(self) -> dict[str, Any]:
        return {
            "applicability": self.applicability.value,
            "edits": [e.to_dict() for e in self.edits],
        }


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One problem at one place of one file.

    Offsets are 0-based character offsets into the decoded source text;
    lines and columns are 1-based, columns counted in characters.
    """

    path: str
    code: str
    rule: str
    severity: Severity
    message: str
    offset: int
    end_offset: int
    line: int
    column: int
    end_line: int
    end_column: int
    fix: Fix | None = None
    # Optional extras (LanguageTool replacements, the id of a JSONL record, ...).
    # Serialised under their own keys only, never replacing the documented ones.
    extra: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    @property
    def fixable(self) -> bool:
        return self.fix is not None

    def to_dict(self) -> dict[str, Any]:
        """The documented JSON object (exactly these keys) plus ``extra`` keys."""
        out: dict[str, Any] = {
            "path": self.path,
            "code": self.code,
            "rule": self.rule,
            "severity": self.severity.value,
            "message": self.message,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "offset": self.offset,
            "end_offset": self.end_offset,
            "fix": self.fix.to_dict() if self.fix else None,
        }
        for key, value in self.extra.items():
            out.setdefault(key, value)
        return out


@dataclass(slots=True)
class FileReport:
    """The outcome of checking (and maybe fixing) one input: a file, stdin or a JSONL record."""

    path: str
    diagnostics: list[Diagnostic] = field(default_factory=list)
    error: str | None = None  # the input could not be checked (one line)
    warnings: list[str] = field(default_factory=list)
    incomplete: list[str] = field(default_factory=list)  # checks that could not run fully
    fixed: int = 0  # diagnostics fixed (with --fix)
    original_text: str | None = None
    fixed_text: str | None = None  # set when fixes changed the text
    source_lines: dict[int, str] = field(default_factory=dict)  # lines shown in the text report

    @property
    def changed(self) -> bool:
        return self.fixed_text is not None and self.fixed_text != self.original_text

    def keep_source_lines(self, text: str) -> None:
        """Remember the lines of ``text`` that hold a diagnostic, for the text report's excerpts."""
        if not self.diagnostics:
            return
        lines = text.split("\n")
        for d in self.diagnostics:
            if 0 < d.line <= len(lines):
                self.source_lines[d.line] = lines[d.line - 1].rstrip("\r")
