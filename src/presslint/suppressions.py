"""Inline suppression comments in the article itself.

In Markdown and HTML: ``<!-- presslint-disable PUN101 -->`` … ``<!-- presslint-enable -->``,
``<!-- presslint-disable-next-line EDT -->`` and ``<!-- presslint-disable-file -->``.
In plain text the same words stand alone on a line (``presslint-disable PUN101``).
Selectors are codes, code prefixes or rule names; none means every rule.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

import regex

from presslint.diagnostics import Diagnostic

# Compiled by `regex` (once) only for a text that holds `presslint-`: most texts hold no marker.
_MARKER = r"""
    (?:<!--[ \t]*|^[ \t]*(?:\#[ \t]*|//[ \t]*|\[)?)
    presslint-(?P<verb>disable-next-line|disable-file|disable|enable)
    (?P<codes>(?:[ \t,]+[A-Za-z][A-Za-z0-9-]*)*)
    [ \t]*(?:-->|\]|$)
    """
_MARKER_FLAGS = regex.VERBOSE | regex.MULTILINE


class Suppression(NamedTuple):
    """Rules silenced by a comment over a range of source lines."""

    selectors: tuple[str, ...]  # empty: all rules
    first_line: int
    last_line: int  # inclusive

    def covers(self, diag: Diagnostic) -> bool:
        if not self.first_line <= diag.line <= self.last_line:
            return False
        return not self.selectors or any(_selects(s, diag) for s in self.selectors)


def _selects(selector: str, diag: Diagnostic) -> bool:
    return selector in ("ALL", diag.rule) or diag.code.startswith(selector)


def parse_suppressions(source: str) -> list[Suppression]:
    if "presslint-" not in source:
        return []
    out: list[Suppression] = []
    big = 1 << 62
    open_blocks: list[tuple[tuple[str, ...], int]] = []
    line, counted_to = 1, 0  # line numbers counted incrementally: linear in the file, however many markers
    for m in regex.finditer(_MARKER, source, flags=_MARKER_FLAGS):
        codes = tuple(c for c in regex.split(r"[ \t,]+", m.group("codes").strip()) if c)
        line += source.count("\n", counted_to, m.start())
        counted_to = m.start()
        verb = m.group("verb")
        if verb == "disable-file":
            out.append(Suppression(codes, 1, big))
        elif verb == "disable-next-line":
            out.append(Suppression(codes, line + 1, line + 1))
        elif verb == "disable":
            open_blocks.append((codes, line))
        else:  # enable: closes the matching block, or every block if no codes
            still_open = []
            for block_codes, start in open_blocks:
                if not codes or set(block_codes) & set(codes):
                    out.append(Suppression(block_codes, start, line))
                else:
                    still_open.append((block_codes, start))
            open_blocks = still_open
    out.extend(Suppression(codes, start, big) for codes, start in open_blocks)
    return out


def apply_suppressions(diagnostics: Iterable[Diagnostic], suppressions: list[Suppression]) -> list[Diagnostic]:
    if not suppressions:
        return list(diagnostics)
    return [d for d in diagnostics if not any(s.covers(d) for s in suppressions)]
