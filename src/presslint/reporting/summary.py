"""The closing summary and the ``--statistics`` table, shared by the human-readable formats."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING

from presslint.diagnostics import Applicability, FileReport

if TYPE_CHECKING:
    from presslint.reporting import ReportOptions


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def summary_line(reports: Sequence[FileReport], options: ReportOptions) -> str:
    diags = [d for r in reports for d in r.diagnostics]
    files = sum(1 for r in reports if r.error is None)
    fixed = sum(r.fixed for r in reports)
    parts: list[str] = []
    if fixed:
        parts.append(f"Fixed {_plural(fixed, 'problem')}.")
    if not diags:
        parts.append(f"No problems found in {_plural(files, 'file')}." if not fixed else f"No problems remain in {_plural(files, 'file')}.")
    else:
        safe = sum(1 for d in diags if d.fix and d.fix.applicability is Applicability.SAFE)
        unsafe = sum(1 for d in diags if d.fix and d.fix.applicability is Applicability.UNSAFE)
        where = _plural(len({d.path for d in diags}), "file")
        line = f"Found {_plural(len(diags), 'problem')} in {where}"
        hints = []
        if safe and not options.fix_mode:
            hints.append(f"{safe} fixable with --fix")
        if unsafe and not options.unsafe:
            hints.append(f"{unsafe} more with --unsafe-fixes")
        parts.append(line + (f" ({', '.join(hints)})." if hints else "."))
    errors = sum(1 for r in reports if r.error)
    if errors:
        parts.append(f"{_plural(errors, 'file')} could not be checked.")
    if any(r.incomplete for r in reports):
        parts.append("Some checks did not complete (see warnings).")
    return " ".join(parts)


def statistics_lines(reports: Sequence[FileReport]) -> list[str]:
    counts: Counter[tuple[str, str]] = Counter()
    fixable: Counter[tuple[str, str]] = Counter()
    for r in reports:
        for d in r.diagnostics:
            counts[(d.code, d.rule)] += 1
            if d.fix is not None:
                fixable[(d.code, d.rule)] += 1
    width = max((len(str(n)) for n in counts.values()), default=1)
    return [
        f"{n:>{width}}  {code:<8} {'[*]' if fixable[(code, rule)] else '   '} {rule}"
        for (code, rule), n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    ]
