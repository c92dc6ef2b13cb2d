"""Reviewing fixes one by one at a terminal: show each, ask, then write the file once.

Offsets: every fix offered in a round was computed on the text as it stood
when the round began, and nothing is applied until the round ends, so
accepting one fix never shifts the others. A fix that overlaps or touches one
already accepted in the round is held back; once the round's accepted fixes
are applied together, the rules run again and whatever is still (or newly)
fixable is offered in the next round. Fixes the reviewer skipped are carried
over to the new text's offsets and not asked about again. The file is written
once, atomically, after its last round.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import TextIO

from presslint.api import FileOptions, check_file, check_source, encodable_in, linter_for
from presslint.config import Settings
from presslint.diagnostics import Diagnostic, Edit, FileReport
from presslint.engine import fixable
from presslint.fixer import apply_edits, conflicts, fix_order, is_noop, native_line_breaks, self_overlapping
from presslint.formats import format_for_path
from presslint.sourcefile import ChangedOnDisk, InputError, WriteError, read_source, write_source

CONTEXT = 40  # characters of context on each side of a fix

HELP = (
    "y - apply this fix\n"
    "n - skip this fix\n"
    "a - apply this fix and every later fix of the same rule\n"
    "q - stop reviewing; fixes already accepted in this file are written\n"
    "? - show this help\n"
)


class Answer(Enum):
    ACCEPT = "y"
    SKIP = "n"
    ACCEPT_RULE = "a"
    QUIT = "q"


_ANSWERS = {
    "y": Answer.ACCEPT,
    "yes": Answer.ACCEPT,
    "n": Answer.SKIP,
    "no": Answer.SKIP,
    "a": Answer.ACCEPT_RULE,
    "all": Answer.ACCEPT_RULE,
    "q": Answer.QUIT,
    "quit": Answer.QUIT,
}


def _visible(s: str) -> str:
    """One visible character per character, so that carets line up under the text."""
    table = {"\n": "⏎", "\r": "␍", "\t": "→", "\u00a0": "⍽", "\u202f": "⍽", "\u200b": "␣", "\ufeff": "␣"}
    return "".join(table.get(c, c) for c in s)


@dataclass(slots=True)
class Terminal:
    """The conversation with the reviewer: where fixes are shown and answers read."""

    reader: TextIO
    writer: TextIO
    color: bool = False

    def say(self, text: str = "") -> None:
        self.writer.write(text + "\n")
        self.writer.flush()

    def _paint(self, text: str, code: str) -> str:
        return f"\x1b[{code}m{text}\x1b[0m" if self.color else text

    def ask(self, prompt: str) -> Answer:
        """Ask until a known answer comes; end of input counts as quit."""
        while True:
            self.writer.write(prompt)
            self.writer.flush()
            line = self.reader.readline()
            if not line:
                self.say()
                return Answer.QUIT
            answer = _ANSWERS.get(line.strip().lower())
            if answer is not None:
                return answer
            if line.strip() in ("?", "h", "help"):
                self.writer.write(HELP)
            else:
                self.say("Please answer y, n, a, q (or ? for help).")

    def show(self, path: str, text: str, diag: Diagnostic, edits: Sequence[Edit], number: int) -> None:
        """The fix in its context: where, which rule, the message, the line before and after.

        ``text`` already holds the fixes accepted so far and ``edits`` are this
        fix's edits moved onto it, so the reviewer sees the text as it will be.
        """
        assert diag.fix is not None
        kind = "safe fix" if diag.fix.applicability.value == "safe" else "unsafe fix"
        start = min(e.offset for e in edits)
        line = text.count("\n", 0, start) + 1
        column = start - (text.rfind("\n", 0, start) + 1) + 1
        self.say(self._paint(f"[{number}] {path}:{line}:{column} {diag.code} {diag.rule} ({kind})", "1"))
        self.say(f"    {diag.message}")
        before, before_marks, after, after_marks = fix_preview(text, edits)
        self.say("    before: " + self._mark(before, before_marks, "31;7"))
        if not self.color:
            self.say("            " + _carets(before_marks, len(before)))
        self.say("    after:  " + self._mark(after, after_marks, "32;7"))
        if not self.color:
            self.say("            " + _carets(after_marks, len(after)))

    def _mark(self, shown: str, marks: Sequence[tuple[int, int]], code: str) -> str:
        if not self.color:
            return shown
        out, pos = [], 0
        for s, e in marks:
            out.append(shown[pos:s])
            out.append(self._paint(shown[s:e] if e > s else "‸", code))
            pos = e
        out.append(shown[pos:])
        return "".join(out)


def _carets(marks: Sequence[tuple[int, int]], width: int) -> str:
    line = [" "] * (width + 1)
    for s, e in marks:
        for i in range(s, max(e, s + 1)):
            line[i] = "^"
    return "".join(line).rstrip()


def fix_preview(text: str, edits: Sequence[Edit]) -> tuple[str, list[tuple[int, int]], str, list[tuple[int, int]]]:
    """The text around ``edits`` before and after them, each with the changed spans marked.

    The window reaches ``CONTEXT`` characters beyond the edits but stops at a
    line break, and shows invisible characters visibly.
    """
    start = min(e.offset for e in edits)
    end = max(e.end_offset for e in edits)
    left = max(start - CONTEXT, text.rfind("\n", 0, start) + 1, 0)
    nl = text.find("\n", end)
    right = min(end + CONTEXT, nl if nl >= 0 else len(text))
    if right > 0 and right < len(text) and text[right - 1] == "\r" and right - 1 >= end:
        right -= 1
    prefix = "…" if left > 0 and text[left - 1] != "\n" else ""
    suffix = "…" if right < len(text) and text[right] not in "\r\n" else ""
    before_parts, after_parts = [prefix], [prefix]
    before_marks, after_marks = [], []
    blen = alen = len(prefix)
    pos = left
    for e in sorted(edits):
        same = _visible(text[pos : e.offset])
        before_parts.append(same)
        after_parts.append(same)
        blen += len(same)
        alen += len(same)
        old, new = _visible(text[e.offset : e.end_offset]), _visible(e.replacement)
        before_marks.append((blen, blen + len(old)))
        after_marks.append((alen, alen + len(new)))
        before_parts.append(old)
        after_parts.append(new)
        blen += len(old)
        alen += len(new)
        pos = e.end_offset
    tail = _visible(text[pos:right]) + suffix
    return "".join(before_parts) + tail, before_marks, "".join(after_parts) + tail, after_marks


@dataclass(slots=True)
class ReviewState:
    """What holds across files: rules accepted wholesale, and whether the reviewer quit."""

    accept_codes: set[str] = field(default_factory=set)
    quit: bool = False
    number: int = 0


@dataclass(slots=True)
class ReviewOutcome:
    """The text after a review of one file, and what was accepted or skipped."""

    text: str
    accepted: list[Diagnostic] = field(default_factory=list)
    skipped: int = 0
    rounds: int = 0


# A skipped fix is known by its edits alone: the same repair proposed by another
# rule is the same question, and is not asked twice.
_Key = tuple[Edit, ...]


def _key(diag: Diagnostic) -> _Key:
    assert diag.fix is not None
    return diag.fix.edits


def _moved(edits: Sequence[Edit], applied: Sequence[Edit]) -> tuple[Edit, ...]:
    """``edits`` moved onto the text after ``applied`` (which neither overlap nor touch them)."""
    moved = []
    for e in edits:
        delta = sum(len(a.replacement) - (a.end_offset - a.offset) for a in applied if a.end_offset <= e.offset)
        moved.append(Edit(e.offset + delta, e.end_offset + delta, e.replacement))
    return tuple(moved)


def _carry(key: _Key, applied: Sequence[Edit]) -> _Key | None:
    """A skipped fix's key in the text after ``applied``; None if an applied edit reached it."""
    if conflicts(key, applied):
        return None
    return _moved(key, applied)


def review_text(
    text: str,
    lint: Callable[[str], list[Diagnostic]],
    terminal: Terminal,
    state: ReviewState,
    *,
    path: str = "<text>",
    unsafe: bool = False,
    max_rounds: int = 10,
    accept: Callable[[Diagnostic], bool] | None = None,
) -> ReviewOutcome:
    """Offer every applicable fix of ``text`` in reading order; return the text with the accepted ones."""
    outcome = ReviewOutcome(text)
    skipped: set[_Key] = set()
    for _ in range(max_rounds):
        current = outcome.text
        candidates = sorted(
            (
                native_line_breaks(current, d)
                for d in lint(current)
                if fixable(d, unsafe) and (accept is None or accept(d))
            ),
            key=fix_order,
        )
        candidates = [d for d in candidates if not is_noop(current, d) and _key(d) not in skipped]
        if not candidates or state.quit:
            break
        chosen: list[Diagnostic] = []
        taken: list[Edit] = []
        skipped_now: list[_Key] = []
        for diag in candidates:
            assert diag.fix is not None
            if self_overlapping(diag.fix.edits) or conflicts(diag.fix.edits, taken):
                continue  # offered again next round if still relevant
            if _key(diag) in skipped_now:
                continue  # the same repair, proposed by another rule, was just declined
            if diag.code in state.accept_codes:
                answer = Answer.ACCEPT
            else:
                state.number += 1
                shown = apply_edits(current, taken)
                terminal.show(path, shown, diag, _moved(diag.fix.edits, taken), state.number)
                answer = terminal.ask(f"Apply this fix? [y]es [n]o [a]ll {diag.code} [q]uit [?] ")
            if answer is Answer.QUIT:
                state.quit = True
                break
            if answer is Answer.SKIP:
                skipped_now.append(_key(diag))
                outcome.skipped += 1
                continue
            if answer is Answer.ACCEPT_RULE:
                state.accept_codes.add(diag.code)
            chosen.append(diag)
            taken.extend(diag.fix.edits)
        skipped.update(skipped_now)
        if not chosen:
            break
        outcome.text = apply_edits(current, taken)
        outcome.accepted.extend(chosen)
        outcome.rounds += 1
        skipped = {k for k in (_carry(k, taken) for k in skipped) if k is not None}
        if state.quit:
            break
    return outcome


@dataclass(slots=True)
class ReviewSession:
    """Reviews files one after another for the ``check --interactive`` and ``review`` commands."""

    terminal: Terminal
    state: ReviewState = field(default_factory=ReviewState)

    @classmethod
    def on_terminal(cls, color: bool | None = None) -> ReviewSession:
        """Answers from stdin; the conversation on stderr, so that stdout keeps the report."""
        if color is None:
            color = sys.stderr.isatty() and "NO_COLOR" not in os.environ
        return cls(Terminal(sys.stdin, sys.stderr, color))

    def review_file(self, path: Path, settings: Settings, options: FileOptions) -> FileReport:
        """Review one file and write it once; after a quit, files are only checked."""
        if self.state.quit:
            return check_file(path, settings, options._replace(fix=False))
        display = str(path)
        try:
            src = read_source(path)
        except InputError as exc:
            return FileReport(display, error=str(exc))
        if not src.lossless:
            report = check_source(src, settings, options._replace(fix=False), display)
            report.warnings.append(f"{display}: not fixed: re-encoding it in {src.encoding} would change bytes no fix touched")
            return report
        fmt = format_for_path(display, options.fmt)
        linter = linter_for(settings)
        lang = options.lang or linter.document(src.text, path=display, fmt=fmt).lang

        def lint(current: str) -> list[Diagnostic]:
            return linter.check(current, path=display, fmt=fmt, lang=lang).diagnostics

        accept = None if src.encoding.startswith("utf") else encodable_in(src)
        outcome = review_text(
            src.text, lint, self.terminal, self.state,
            path=display, unsafe=options.unsafe, max_rounds=settings.max_fix_passes, accept=accept,
        )
        if outcome.text != src.text:
            try:
                write_source(src, outcome.text)
            except ChangedOnDisk as exc:
                self.terminal.say(f"{display}: changed on disk during the review; nothing written")
                return FileReport(display, error=str(exc))
            except WriteError as exc:
                self.terminal.say(f"{display}: could not be written; nothing written")
                report = check_source(src, settings, options._replace(fix=False), display)
                report.error = str(exc)
                return report
        n = len(outcome.accepted)
        self.terminal.say(f"{display}: {n} fix{'es' if n != 1 else ''} applied, {outcome.skipped} skipped.")
        result = linter.check(outcome.text, path=display, fmt=fmt, lang=lang)
        report = FileReport(display, result.diagnostics, original_text=src.text, fixed=n)
        report.incomplete.extend(result.incomplete)
        report.warnings.extend(result.warnings)
        if src.detected:
            report.warnings.append(f"{display}: not UTF-8; read as {src.encoding}")
        if outcome.text != src.text:
            report.fixed_text = outcome.text
        report.keep_source_lines(outcome.text)
        return report
