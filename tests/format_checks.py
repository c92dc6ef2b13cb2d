"""Shared checks for the Markdown and HTML readers: every position and every fix lands in the source."""

from __future__ import annotations

from collections.abc import Iterator

import regex

from presslint.config import Settings
from presslint.diagnostics import Applicability, Diagnostic
from presslint.document import Document
from presslint.engine import check_document
from presslint.fixer import apply_edits
from presslint.formats import build_view
from presslint.formats.prose import ProseView
from presslint.rule import DocumentRule, Finding, RuleMeta

_WORD = regex.compile(r"\p{L}+")


class EveryWord(DocumentRule):
    """Flags every word and offers to mask it: exercises every offset of a document."""

    meta = RuleMeta(
        code="TST901",
        name="every-word",
        summary="Every word (test rule).",
        languages=("*",),
        fixable=Applicability.SAFE,
    )

    def check(self, doc: Document, settings: Settings) -> Iterator[Finding]:
        for m in _WORD.finditer(doc.text):
            yield self.finding(m.start(), m.end(), "word", [(m.start(), m.end(), "X" * len(m.group()))])


def verbatim_segments_match(source: str, view: ProseView) -> None:
    """Every verbatim segment is a true copy of its source text; segments go forward."""
    m = view.offsets
    last_source = -1
    for ps, ss, pl, sl, vb in zip(m.prose_starts, m.source_starts, m.prose_lens, m.source_lens, m.verbatim):
        assert 0 <= ss <= ss + sl <= len(source)
        if vb:
            assert view.text[ps : ps + pl] == source[ss : ss + sl]
            assert ss >= last_source, "verbatim segments out of source order"
            last_source = ss + sl
    for b in view.blocks:
        assert 0 <= b.start < b.end <= len(view.text)


def word_diagnostics(source: str, fmt: str) -> tuple[Document, list[Diagnostic]]:
    doc = Document(source, build_view(source, fmt), fmt=fmt, lang="en")
    return doc, check_document(doc, [EveryWord()], Settings()).diagnostics


def assert_round_trip(source: str, fmt: str) -> str:
    """Each word's diagnostic points at that word in the source, and masking every word leaves markup intact.

    Returns the source with every fixable word masked.
    """
    doc, diags = word_diagnostics(source, fmt)
    verbatim_segments_match(source, build_view(source, fmt))
    words = [m for m in _WORD.finditer(doc.text)]
    assert len(diags) == len(words)
    lines = source.split("\n")
    for d, m in zip(diags, words):
        line = lines[d.line - 1]
        # The line/column and the offsets agree.
        assert sum(len(x) + 1 for x in lines[: d.line - 1]) + d.column - 1 == d.offset
        if doc.offsets.is_verbatim_span(m.start(), m.end()):
            assert source[d.offset : d.end_offset] == m.group(), (m.group(), line)
            assert d.fix is not None
        else:
            assert d.fix is None  # a word split by markup or holding an entity is reported, not fixed
    edits = [e for d in diags if d.fix for e in d.fix.edits]
    fixed = apply_edits(source, edits)
    assert len(fixed) == len(source)
    touched = {i for e in edits for i in range(e.offset, e.end_offset)}
    for i, (a, b) in enumerate(zip(source, fixed)):
        if a != b:
            assert i in touched and a.isalpha() and b == "X"
    # The fixed file has the same structure, with the words masked.
    before, after = build_view(source, fmt), build_view(fixed, fmt)
    assert [b.kind for b in before.blocks] == [b.kind for b in after.blocks]
    assert len(before.text) == len(after.text)
    return fixed
