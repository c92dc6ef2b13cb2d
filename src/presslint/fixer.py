"""Applying fixes: pick the ones that do not conflict, apply, re-lint, repeat.

Two fixes conflict when their edits overlap or touch; then only the first (by
position, then code, then the edits themselves) is applied in this pass, and
the rules are run again on the new text so that the other can be re-proposed
against it. The choice depends only on positions, codes and edits, never on
rule order, so the result is the same however rules are listed; and because
every pass re-lints until nothing applicable is left, fixing a fixed text
finds nothing more to do.

Every pass is recorded (the text it started from and the diagnostics it
applied) so that a caller can show, or a test can prove, that each changed
character lies inside an edit a reported diagnostic proposed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace

from presslint.diagnostics import Diagnostic, Edit, Fix
from presslint.engine import fixable


@dataclass(frozen=True, slots=True)
class FixPass:
    """One pass of the loop: the text it read and the fixes it applied to that text."""

    text: str
    applied: tuple[Diagnostic, ...]


@dataclass(slots=True)
class FixOutcome:
    """The text after the fix loop, the diagnostics it fixed, and whether it settled."""

    text: str
    fixed: list[Diagnostic] = field(default_factory=list)
    passes: int = 0
    converged: bool = True
    cycled: bool = False  # the fixes led back to an earlier text: rules undo each other
    history: list[FixPass] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.fixed)


def conflicts(a: Sequence[Edit], b: Sequence[Edit]) -> bool:
    """Edits conflict when they overlap or touch (an insertion at a boundary touches)."""
    for x in a:
        for y in b:
            if x.offset <= y.end_offset and y.offset <= x.end_offset:
                return True
    return False


def fix_order(diag: Diagnostic) -> tuple[int, int, str, tuple[Edit, ...]]:
    assert diag.fix is not None
    return (diag.fix.start, diag.fix.end, diag.code, diag.fix.edits)


def non_conflicting(diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    """A deterministic set of fixes with no overlapping or touching edits.

    A fix whose edits equal one already chosen (two rules proposing the same
    repair) is skipped like any conflicting one: the re-lint will not report it.
    """
    chosen: list[Diagnostic] = []
    taken: list[Edit] = []
    candidates = sorted((d for d in diagnostics if d.fix is not None and d.fix.edits), key=fix_order)
    for diag in candidates:
        assert diag.fix is not None
        edits = diag.fix.edits
        if self_overlapping(edits) or conflicts(edits, taken):
            continue
        chosen.append(diag)
        taken.extend(edits)
    return chosen


def self_overlapping(edits: Sequence[Edit]) -> bool:
    """A fix whose own edits overlap cannot be applied faithfully."""
    ordered = sorted(edits)
    return any(a.end_offset > b.offset for a, b in zip(ordered, ordered[1:]))


def apply_edits(text: str, edits: Iterable[Edit]) -> str:
    """Apply non-overlapping edits (any order) to ``text``."""
    pieces: list[str] = []
    pos = 0
    for edit in sorted(edits):
        if edit.offset < pos:
            raise ValueError(f"overlapping edits at offset {edit.offset}")
        if not 0 <= edit.offset <= edit.end_offset <= len(text):
            raise ValueError(f"edit {edit.offset}..{edit.end_offset} outside a text of {len(text)} characters")
        pieces.append(text[pos : edit.offset])
        pieces.append(edit.replacement)
        pos = edit.end_offset
    pieces.append(text[pos:])
    return "".join(pieces)


def _line_break_near(text: str, offset: int) -> str:
    """The line break used by the line at ``offset`` (the one before it, else the next one)."""
    before = text.rfind("\n", 0, offset)
    at = before if before >= 0 else text.find("\n", offset)
    if at < 0:
        return "\n"
    return "\r\n" if at > 0 and text[at - 1] == "\r" else "\n"


def native_line_breaks(text: str, diag: Diagnostic) -> Diagnostic:
    """The diagnostic with line breaks in its replacements written as the file writes them there.

    Rules see LF-only prose; a replacement that inserts a line break into a
    CRLF file must insert CRLF, or the file would end up with mixed endings
    it did not have.
    """
    fix = diag.fix
    if fix is None or not any("\n" in e.replacement for e in fix.edits):
        return diag
    edits = []
    for e in fix.edits:
        repl = e.replacement
        if "\n" in repl and _line_break_near(text, e.offset) == "\r\n":
            repl = repl.replace("\r\n", "\n").replace("\n", "\r\n")
        edits.append(Edit(e.offset, e.end_offset, repl))
    if tuple(edits) == fix.edits:
        return diag
    return replace(diag, fix=Fix(tuple(edits), fix.applicability))


def is_noop(text: str, diag: Diagnostic) -> bool:
    """A fix that would leave the text as it is (it must not block real fixes)."""
    assert diag.fix is not None
    return all(text[e.offset : e.end_offset] == e.replacement for e in diag.fix.edits)


def fix_text(
    text: str,
    lint: Callable[[str], list[Diagnostic]],
    *,
    unsafe: bool = False,
    max_passes: int = 10,
    accept: Callable[[Diagnostic], bool] | None = None,
) -> FixOutcome:
    """Fix ``text`` until no applicable fix remains, or ``max_passes`` runs out.

    ``accept`` can refuse individual fixes (one whose characters the file's
    encoding cannot hold, say); refused ones stay reported and unfixed.
    """
    outcome = FixOutcome(text)
    seen = {text}
    for _ in range(max_passes):
        current = outcome.text
        candidates = [
            native_line_breaks(current, d)
            for d in lint(current)
            if fixable(d, unsafe) and (accept is None or accept(d))
        ]
        candidates = [d for d in candidates if d.fix is not None and d.fix.edits and not is_noop(current, d)]
        if not candidates:
            return outcome
        chosen = non_conflicting(candidates)
        new_text = apply_edits(current, [e for d in chosen if d.fix for e in d.fix.edits])
        outcome.passes += 1
        outcome.history.append(FixPass(current, tuple(chosen)))
        outcome.text = new_text
        outcome.fixed.extend(chosen)
        if new_text in seen:  # back to an earlier text: the rules undo each other
            outcome.cycled = True
            outcome.converged = False
            return outcome
        seen.add(new_text)
    # Passes ran out: converged only if nothing is left to fix.
    outcome.converged = not any(
        fixable(d, unsafe) and (accept is None or accept(d)) and not is_noop(outcome.text, d)
        for d in lint(outcome.text)
    )
    return outcome
