"""Stretches of the prose view that are not prose: web addresses and e-mail addresses.

Typographic rules (apostrophes, quotes, ellipses, glued numbers) must not touch
them: a straight quote or three dots inside a URL are part of the address.
Inline code is already out of the prose view (the formats put a placeholder
in its place), so only what plain text carries as words needs finding here.
"""

from __future__ import annotations

from bisect import bisect_right
from typing import TYPE_CHECKING

from presslint import timed_regex as regex  # every pattern call runs under a time budget
from presslint.checks.marks import char_positions

if TYPE_CHECKING:
    from presslint.document import Document

_NONPROSE = regex.lazy(
    r"""
    (?:https?|ftp)://[^\s<>«»“”"]+            # web address with a scheme
    | \bwww\.[^\s<>«»“”"]+                    # web address without one
    | (?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+  # e-mail address (from the start of its run: linear)
    | (?<![\w@])@\w+                          # social-media handle
    """,
    regex.VERBOSE,
)


# Every address holds `://`, `www.` or `@`, and none holds white space: the pattern only runs
# on the runs of non-space that hold one of these signs. The signs are found with `str.find`
# (few texts hold many), and each run is the stretch of non-space around its sign.
_SIGNS = ("://", "www.", "@")
_SPACE_BEFORE = regex.lazy(r"\s", regex.REVERSE)
_SPACE_AFTER = regex.lazy(r"\s")
_NEAR = 200  # the space ending a run is looked for this far first, a window too short to need a time budget


def _sign_positions(text: str) -> list[int]:
    return char_positions(text, _SIGNS)


def _address_spans(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    run_end = -1
    for i in _sign_positions(text):
        if i < run_end:
            continue  # a second sign in a run already scanned
        lo = max(0, i - _NEAR)
        before = _SPACE_BEFORE.search(text, lo, i) or (_SPACE_BEFORE.search(text, 0, lo) if lo else None)
        after = _SPACE_AFTER.search(text, i, i + _NEAR) or _SPACE_AFTER.search(text, i + _NEAR)
        run_start = before.end() if before else 0
        run_end = after.start() if after else len(text)
        spans.extend(m.span() for m in _NONPROSE.finditer(text, run_start, run_end))
    return spans


class NonProse:
    """Sorted, non-overlapping spans of ``doc.text`` that are addresses, not prose."""

    def __init__(self, text: str) -> None:
        self.spans = _address_spans(text)
        self._starts = [s for s, _ in self.spans]

    def overlaps(self, start: int, end: int | None = None) -> bool:
        """True if ``[start, end)`` touches an address."""
        end = start + 1 if end is None else max(end, start + 1)
        i = bisect_right(self._starts, end - 1) - 1
        return i >= 0 and self.spans[i][1] > start


def nonprose(doc: Document) -> NonProse:
    """The addresses of ``doc``, computed once per document and shared by the rules."""
    return doc.shared("nonprose.addresses", lambda d: NonProse(d.text))
