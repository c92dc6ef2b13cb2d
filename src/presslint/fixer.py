"""Applying fixes: pick the ones that do not conflict, apply, re-lint, repeat.

Two fixes conflict when their edits overlap or touch; then only the first (by
position, then code) is applied in this pass, and the rules are run again on
the new text so that the other can be re-proposed against it. The choice
depends only on positions and codes, never on rule order, so the result is the
same however rules are listed; and because every pass re-lints, fixing a fixed
text finds nothing more to do.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from presslint.diagnostics import Diagnostic, Edit
from presslint.engine import fixable


@dataclass(slots=True)
class FixOutcome:
    text: str
    fixed: list[Diagnostic] = field(default_factory=list)
    passes: int = 0
    converged: bool = True

    @property
    def changed(self) -> bool:
        return bool(self.fixed)


def _conflicts(a: Sequence[Edit], b: Sequence[Edit]) -> bool:
    for x in a:
        for y in b:
            if x.offset <= y.end_offset and y.offset <= x.end_offset:
                return True
    return False


def non_conflicting(diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    """A deterministic set of fixes with no overlapping or touching edits."""
    chosen: list[Diagnostic] = []
    taken: list[Edit] = []
    candidates = [d for d in diagnostics if d.fix is not None]
    candidates.sort(key=lambda d: (d.fix.start, d.fix.end, d.code, d.fix.edits) if d.fix else (0, 0, "", ()))
    for diag in candidates:
        assert diag.fix is not None
        edits = diag.fix.edits
        if _conflicts(edits, taken):
            continue
        # Identical edit proposed by another rule: already covered.
        chosen.append(diag)
        taken.extend(edits)
    return chosen


def apply_edits(text: str, edits: Iterable[Edit]) -> str:
    """Apply non-overlapping edits (any order) to ``text``."""
    pieces: list[str] = []
    pos = 0
    for edit in sorted(edits):
        if edit.offset < pos:
            raise ValueError(f"overlapping edits at offset {edit.offset}")
        pieces.append(text[pos : edit.offset])
        pieces.append(edit.replacement)
        pos = edit.end_offset
    pieces.append(text[pos:])
    return "".join(pieces)


def fix_text(
    text: str,
    lint: Callable[[str], list[Diagnostic]],
    *,
    unsafe: bool = False,
    max_passes: int = 10,
) -> FixOutcome:
    """Fix ``text`` until no applicable fix remains, or ``max_passes`` runs out."""
    outcome = FixOutcome(text)
    for _ in range(max_passes):
        candidates = [d for d in lint(outcome.text) if fixable(d, unsafe)]
        if not candidates:
            return outcome
        chosen = non_conflicting(candidates)
        new_text = apply_edits(outcome.text, [e for d in chosen if d.fix for e in d.fix.edits])
        outcome.passes += 1
        if new_text == outcome.text:
            return outcome
        outcome.text = new_text
        outcome.fixed.extend(chosen)
    # Passes ran out: converged only if nothing is left to fix.
    outcome.converged = not any(fixable(d, unsafe) for d in lint(outcome.text))
    return outcome
