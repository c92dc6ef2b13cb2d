"""``sarif``: a SARIF 2.1.0 log, for GitHub code scanning and other SARIF viewers.

One run: the tool (name, version, every rule that reported, with its
summary, description and examples as help), then one result per problem with
its region and, where presslint can fix it, the fix as replacements.

Columns and character offsets are counted in Unicode code points, as
presslint counts them everywhere; the run says so with
``columnKind: unicodeCodePoints`` (SARIF's default would be UTF-16 code units).
``endColumn`` is the column just past the flagged text, as SARIF defines it.
Paths are relative to the current folder (``%SRCROOT%``) when they lie in it.
"""

from __future__ import annotations

import json
from bisect import bisect_right
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO
from urllib.parse import quote

from presslint import __version__
from presslint.diagnostics import Diagnostic, Edit, FileReport, Severity
from presslint.reporting.ci import fingerprints, portable_path, report_text
from presslint.rule import FAMILIES, RuleMeta

if TYPE_CHECKING:
    from presslint.reporting import ReportOptions

SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
SRCROOT = "%SRCROOT%"


def _known_rules() -> dict[str, RuleMeta]:
    """Metadata of the built-in and plugin rules; a broken plugin only costs the help texts."""
    from presslint.registry import load_registry

    try:
        return {r.meta.code: r.meta for r in load_registry().rules}
    except Exception:
        return {}


def artifact_location(path: str) -> dict[str, Any]:
    portable = portable_path(path)
    if Path(portable).is_absolute():
        return {"uri": Path(portable).as_uri()}
    return {"uri": quote(portable), "uriBaseId": SRCROOT}


class _Lines:
    """Line/column (1-based, code points) of offsets in one text."""

    def __init__(self, text: str) -> None:
        self.starts = [0] + [i + 1 for i, c in enumerate(text) if c == "\n"]

    def line_col(self, offset: int) -> tuple[int, int]:
        i = bisect_right(self.starts, offset) - 1
        return i + 1, offset - self.starts[i] + 1


def _region(line: int, column: int, end_line: int, end_column: int, offset: int, end_offset: int) -> dict[str, Any]:
    return {
        "startLine": line,
        "startColumn": column,
        "endLine": end_line,
        "endColumn": end_column,
        "charOffset": offset,
        "charLength": end_offset - offset,
    }


def _replacement(edit: Edit, lines: _Lines | None) -> dict[str, Any]:
    if lines is not None:
        line, col = lines.line_col(edit.offset)
        end_line, end_col = lines.line_col(edit.end_offset)
        region = _region(line, col, end_line, end_col, edit.offset, edit.end_offset)
    else:
        region = {"charOffset": edit.offset, "charLength": edit.end_offset - edit.offset}
    return {"deletedRegion": region, "insertedContent": {"text": edit.replacement}}


def result(d: Diagnostic, rule_index: int, fingerprint: str, text: str | None, lines: _Lines | None) -> dict[str, Any]:
    region = _region(d.line, d.column, d.end_line, d.end_column, d.offset, d.end_offset)
    if text is not None and d.end_offset > d.offset:
        region["snippet"] = {"text": text[d.offset : d.end_offset]}
    out: dict[str, Any] = {
        "ruleId": d.code,
        "ruleIndex": rule_index,
        "level": LEVELS[d.severity],
        "message": {"text": d.message},
        "locations": [{"physicalLocation": {"artifactLocation": artifact_location(d.path), "region": region}}],
        "partialFingerprints": {"presslint/v1": fingerprint},
    }
    if d.fix is not None:
        out["fixes"] = [
            {
                "description": {"text": f"{d.fix.applicability.value} fix for {d.code} {d.rule}"},
                "artifactChanges": [
                    {
                        "artifactLocation": artifact_location(d.path),
                        "replacements": [_replacement(e, lines) for e in d.fix.edits],
                    }
                ],
            }
        ]
        out["properties"] = {"fixApplicability": d.fix.applicability.value}
    return out


def _help(meta: RuleMeta) -> dict[str, str]:
    """The rule's documentation, as ``presslint explain`` gives it, in plain text and Markdown."""
    text = [meta.summary]
    md = [meta.summary]
    if meta.description:
        text += ["", meta.description.strip()]
        md += ["", meta.description.strip()]
    if meta.bad_examples:
        text += ["", "Flagged:"]
        md += ["", "Flagged:", ""]
        for ex in meta.bad_examples:
            text.append(f"  ✗ {ex.text}" + (f"\n  → {ex.fixed}" if ex.fixed is not None else ""))
            md.append(f"- ✗ `{ex.text}`" + (f" → `{ex.fixed}`" if ex.fixed is not None else ""))
    if meta.good_examples:
        text += ["", "Left alone:"]
        md += ["", "Left alone:", ""]
        text += [f"  ✓ {ex.text}" for ex in meta.good_examples]
        md += [f"- ✓ `{ex.text}`" for ex in meta.good_examples]
    return {"text": "\n".join(text), "markdown": "\n".join(md)}


def rule_descriptor(code: str, name: str, meta: RuleMeta | None, level: str) -> dict[str, Any]:
    if meta is None:  # a rule from a config's rule folder, or a code reported on a rule's behalf
        return {
            "id": code,
            "name": name,
            "shortDescription": {"text": f"{code} {name}"},
            "defaultConfiguration": {"level": level},
        }
    return {
        "id": code,
        "name": meta.name,
        "shortDescription": {"text": meta.summary},
        "fullDescription": {"text": (meta.description.strip() or meta.summary)},
        "help": _help(meta),
        "defaultConfiguration": {"level": LEVELS[meta.severity], "enabled": meta.default_enabled},
        "properties": {
            "tags": [FAMILIES.get(meta.family, meta.family), *(f"lang:{x}" for x in meta.languages if x != "*")],
            "fixable": meta.fixable.value if meta.fixable else "none",
        },
    }


def _notifications(reports: Sequence[FileReport]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for r in reports:
        where = [{"physicalLocation": {"artifactLocation": artifact_location(r.path)}}]
        if r.error:
            out.append({"level": "error", "message": {"text": r.error}, "locations": where})
        for w in r.warnings:
            out.append({"level": "warning", "message": {"text": w}, "locations": where})
    return out


def sarif_log(reports: Sequence[FileReport]) -> dict[str, Any]:
    """The SARIF log as a dict (``render`` writes it as JSON)."""
    known = _known_rules()
    rules: list[dict[str, Any]] = []
    index: dict[str, int] = {}
    results: list[dict[str, Any]] = []
    for report in reports:
        text = report_text(report)
        lines = _Lines(text) if text is not None else None
        for d, fp in fingerprints(report):
            if d.code not in index:
                index[d.code] = len(rules)
                rules.append(rule_descriptor(d.code, d.rule, known.get(d.code), LEVELS[d.severity]))
            results.append(result(d, index[d.code], fp, text, lines))
    invocation: dict[str, Any] = {"executionSuccessful": not any(r.error for r in reports)}
    notes = _notifications(reports)
    if notes:
        invocation["toolExecutionNotifications"] = notes
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": "presslint",
                "version": __version__,
                "semanticVersion": __version__,
                "rules": rules,
            }
        },
        "originalUriBaseIds": {SRCROOT: {"uri": Path.cwd().as_uri() + "/"}},
        "invocations": [invocation],
        "columnKind": "unicodeCodePoints",
        "results": results,
    }
    return {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}


def render(reports: Sequence[FileReport], stream: TextIO, options: ReportOptions) -> None:
    json.dump(sarif_log(reports), stream, ensure_ascii=False, indent=2)
    stream.write("\n")
