"""Running rules over a Document and turning their findings into Diagnostics.

The engine is where prose offsets become source offsets and line/columns,
where suppressions and severities are applied, and where a rule that fails
(a pattern over its time budget, a crash) is contained: it becomes one engine
diagnostic and the other rules still run.
"""

from __future__ import annotations

import gc
from collections.abc import Sequence
from dataclasses import replace
from operator import attrgetter

from presslint.config import Settings
from presslint.diagnostics import Applicability, Diagnostic, Edit, Fix, Severity
from presslint.document import Document
from presslint.rule import Finding, IncompleteCheck, Rule
from presslint.suppressions import apply_suppressions, parse_suppressions

# Diagnostics in text order; ties by code and message, so that output is stable.
_REPORT_ORDER = attrgetter("offset", "end_offset", "code", "message")
ENGINE_TIMEOUT = ("ENG001", "rule-timeout")
ENGINE_CRASH = ("ENG002", "rule-error")


class CheckResult:
    """What checking one document gives: its diagnostics and why it may be incomplete."""

    __slots__ = ("diagnostics", "incomplete", "warnings")

    def __init__(self) -> None:
        self.diagnostics: list[Diagnostic] = []
        # Why the check is incomplete (a rule over its time budget, an unreachable service).
        self.incomplete: list[str] = []
        self.warnings: list[str] = []


def _severity_overrides(settings: Settings) -> dict[str, Severity]:
    return dict(settings.severity)


def _severity_for(rule: Rule, code: str, overrides: dict[str, Severity]) -> Severity:
    if not overrides:
        return rule.meta.severity
    for key in (code, rule.meta.code, rule.meta.name):
        if key in overrides:
            return overrides[key]
    for key, level in overrides.items():
        if code.startswith(key):
            return level
    return rule.meta.severity


def _severity_of(rule: Rule, finding: Finding, overrides: dict[str, Severity]) -> Severity:
    return _severity_for(rule, finding.code or rule.meta.code, overrides)


def to_diagnostic(
    doc: Document, rule: Rule, finding: Finding, severity: Severity, messages: dict[str, str] | None = None
) -> Diagnostic:
    """The Diagnostic of a finding: source offsets, lines and columns, and the fix mapped to the source.

    ``messages`` (one per document) makes equal messages one string: a rule that
    flags the same thing many times builds the same message each time.
    """
    start, end = doc.source_span(finding.start, finding.end)
    line, column, end_line, end_column = doc.line_cols(start, end)
    fix = None
    if finding.edits:
        edits = []
        for ps, pe, replacement in finding.edits:
            span = doc.source_edit(ps, pe, replacement)
            if span is None:  # the edit would cross markup or an entity: report, do not fix
                edits = []
                break
            edits.append(Edit(span[0], span[1], replacement))
        if edits:
            fix = Fix(tuple(sorted(edits)) if len(edits) > 1 else (edits[0],), finding.applicability)
    message = finding.message if messages is None else messages.setdefault(finding.message, finding.message)
    return Diagnostic(
        doc.path,
        finding.code or rule.meta.code,
        finding.rule or rule.meta.name,
        severity,
        message,
        start,
        end,
        line,
        column,
        end_line,
        end_column,
        fix,
        dict(finding.extra),
    )


def _engine_diagnostic(doc: Document, which: tuple[str, str], message: str) -> Diagnostic:
    return Diagnostic(doc.path, which[0], which[1], Severity.ERROR, message, 0, 0, 1, 1, 1, 1)


def check_document(doc: Document, rules: Sequence[Rule], settings: Settings) -> CheckResult:
    """Run ``rules`` (already selected) on ``doc`` and return sorted diagnostics.

    Python's cycle collector is paused meanwhile: a check makes millions of
    short-lived, acyclic objects (matches, spans, findings), and the collector
    would walk every live one of them again and again (about 5% of a large
    check). Whatever cycles the check leaves are collected once it resumes.
    """
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _check_document(doc, rules, settings)
    finally:
        if collecting:
            gc.enable()


def _check_document(doc: Document, rules: Sequence[Rule], settings: Settings) -> CheckResult:
    result = CheckResult()
    overrides = _severity_overrides(settings)
    diagnostics: list[Diagnostic] = []
    messages: dict[str, str] = {}
    for rule in rules:
        if not rule.meta.applies_to(doc.lang):
            continue
        default_severity = None if overrides else rule.meta.severity
        try:
            # Each finding becomes a Diagnostic as it comes, so a rule's findings are never all held
            # at once beside their diagnostics; a rule that fails midway adds none of them.
            found = [
                to_diagnostic(doc, rule, finding, default_severity or _severity_of(rule, finding, overrides), messages)
                for finding in rule.check(doc, settings)
            ]
        except IncompleteCheck as exc:
            result.incomplete.append(str(exc))
            result.warnings.append(str(exc))
            continue
        except TimeoutError:
            msg = f"rule {rule.meta.code} ({rule.meta.name}) exceeded its time budget on {doc.path}; its results are missing"
            diagnostics.append(_engine_diagnostic(doc, ENGINE_TIMEOUT, msg))
            result.incomplete.append(msg)
            continue
        except Exception as exc:  # a broken rule must not stop the others
            msg = f"rule {rule.meta.code} ({rule.meta.name}) failed on {doc.path}: {type(exc).__name__}: {exc}"
            diagnostics.append(_engine_diagnostic(doc, ENGINE_CRASH, msg))
            result.incomplete.append(msg)
            continue
        diagnostics.extend(found)
    diagnostics = _drop_yielding(diagnostics)
    diagnostics = apply_suppressions(diagnostics, parse_suppressions(doc.source))
    diagnostics.sort(key=_REPORT_ORDER)
    result.diagnostics = _dedupe(diagnostics)
    return result


def _drop_yielding(diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    """Drop diagnostics that yield to an overlapping one of the families they name.

    A rule marks its findings with ``extra["yields_to"]`` (family prefixes) when
    another rule family reports the same problems better; LanguageTool does this
    for punctuation, white space and repeated words.
    """
    if not any("yields_to" in d.extra for d in diagnostics):
        return diagnostics
    keep: list[Diagnostic] = []
    others = [d for d in diagnostics if "yields_to" not in d.extra]
    for d in diagnostics:
        families = d.extra.get("yields_to")
        if families is None:
            keep.append(d)
            continue
        overlapped = any(
            o.code.startswith(tuple(families)) and o.offset < max(d.end_offset, d.offset + 1)
            and d.offset < max(o.end_offset, o.offset + 1)
            for o in others
        )
        if not overlapped:
            extra = {k: v for k, v in d.extra.items() if k != "yields_to"}
            keep.append(replace(d, extra=extra))
    return keep


def _dedupe(diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    """Drop repeats of a diagnostic (same code, span and message); ``diagnostics`` are in report order.

    That order puts repeats side by side, so each is compared with the last one kept.
    """
    out: list[Diagnostic] = []
    last: tuple[int, int, str, str] | None = None
    for d in diagnostics:
        key = _REPORT_ORDER(d)
        if key != last:
            out.append(d)
            last = key
    return out


def fixable(diag: Diagnostic, unsafe: bool) -> bool:
    return diag.fix is not None and (unsafe or diag.fix.applicability is Applicability.SAFE)
