"""``text``: the copy editor's view, rendered with rich.

Each problem shows where it is, the rule, the message, the line with the span
underlined (long paragraphs are cut to a window around the span), and the
suggested fix.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, TextIO

from presslint.diagnostics import Diagnostic, FileReport
from presslint.reporting.summary import statistics_lines, summary_line

if TYPE_CHECKING:
    from rich.console import Console

    from presslint.reporting import ReportOptions

WINDOW = 60  # characters of context on each side of the span
_BATCH = 200  # problems per print


def _visible(s: str) -> str:
    """Make invisible characters visible in the excerpt."""
    return (
        s.replace("\t", "→")
        .replace("\u00a0", "⍽")
        .replace("\u202f", "⍽")
        .replace("\u200b", "␣")
        .replace("\r", "")
    )


def excerpt(line_text: str, d: Diagnostic) -> tuple[str, int, int]:
    """The part of the line to show, and the span's start/end within it."""
    start = d.column - 1
    end = d.end_column - 1 if d.end_line == d.line else len(line_text)
    end = max(end, start + 1)
    left = max(0, start - WINDOW)
    right = min(len(line_text), end + WINDOW)
    prefix = "…" if left > 0 else ""
    suffix = "…" if right < len(line_text) else ""
    shown = prefix + _visible(line_text[left:right]) + suffix
    return shown, len(prefix) + start - left, len(prefix) + min(end, right) - left


def _word_bounds(text: str, start: int, end: int, reach: int = 30) -> tuple[int, int]:
    """Widen ``[start, end)`` to whole words (at most ``reach`` characters each way)."""
    lo = start
    while lo > 0 and start - lo < reach and not text[lo - 1].isspace():
        lo -= 1
    hi = end
    while hi < len(text) and hi - end < reach and not text[hi].isspace():
        hi += 1
    return lo, hi


def _fix_text(d: Diagnostic, original: str | None) -> str | None:
    """The fix as a copy editor reads it: whole words before and after (`“la Les deux” → “les deux”`)."""
    if d.fix is None:
        return None
    label = "fix" if d.fix.applicability.value == "safe" else "unsafe fix"
    edits = sorted(d.fix.edits)
    if original is None or edits[-1].end_offset > len(original):
        return f"{label}: " + "; ".join(f"insert “{_visible(e.replacement)}”" for e in edits)
    lo, hi = _word_bounds(original, min(edits[0].offset, d.offset), max(edits[-1].end_offset, d.end_offset))
    after: list[str] = []
    pos = lo
    for e in edits:
        after.append(original[pos : e.offset])
        after.append(e.replacement)
        pos = e.end_offset
    after.append(original[pos:hi])
    before_text = _visible(original[lo:hi]).strip()
    after_text = _visible("".join(after)).strip()
    if not after_text:
        return f"{label}: delete “{before_text}”"
    return f"{label}: “{before_text}” → “{after_text}”"


def render(reports: Sequence[FileReport], stream: TextIO, options: ReportOptions) -> None:
    from rich.console import Console
    from rich.text import Text

    console: Console = Console(file=stream, force_terminal=options.color, no_color=options.color is False,
                               highlight=False, soft_wrap=True)
    styles = {"error": "bold red", "warning": "bold yellow", "info": "bold blue"}
    # Lines are gathered into one Text and printed in batches: each `console.print` costs far more than
    # the lines it prints (printed line by line, a report of thousands of problems took longer than the check).
    batch = Text()
    batched = 0
    for report in reports:
        text_for_fix = report.fixed_text if report.fixed_text is not None else report.original_text
        for d in report.diagnostics:
            batch.append(f"{d.path}:{d.line}:{d.column}", style="bold")
            batch.append(" ")
            batch.append(d.code, style=styles.get(d.severity.value, "bold"))
            batch.append(f" {d.rule}", style="cyan")
            batch.append(f" {d.message}")
            if d.fix is not None:
                batch.append(" [*]", style="green")
            batch.append("\n")
            line_text = report.source_lines.get(d.line)
            if line_text is not None:
                shown, s, e = excerpt(line_text, d)
                gutter = f"{d.line:>5} │ "
                body = Text(gutter, style="dim")
                body.append(shown[:s])
                body.append(shown[s:e], style="reverse " + styles.get(d.severity.value, ""))
                body.append(shown[e:])
                batch.append(body)
                batch.append("\n")
                batch.append(" " * (len(gutter) - 2) + "│ " + " " * s + "^" * max(1, e - s), style="dim")
                batch.append("\n")
            hint = _fix_text(d, text_for_fix)
            if hint:
                batch.append(f"      = {hint}", style="green")
                batch.append("\n")
            batch.append("\n")
            batched += 1
            if batched == _BATCH:
                console.print(batch, end="")
                batch, batched = Text(), 0
    if batched:
        console.print(batch, end="")
    if options.statistics:
        for line in statistics_lines(reports):
            console.print(line)
    if not options.quiet:
        console.print(Text(summary_line(reports, options), style="bold"))
