"""Plain text: the prose view is the source with CRLF read as LF and marker lines blanked.

Paragraphs: wire copy usually puts one paragraph per line; older copy is
hard-wrapped with blank lines between paragraphs. The layout is decided per
document from its line lengths, so both read as the author meant.
"""

from __future__ import annotations

import regex

from presslint.formats.prose import BlockKind, ProseBuilder, ProseView

# A suppression marker alone on a line: `presslint-disable PUN101` or `<!-- presslint-... -->`.
# Given as a string: `regex` compiles it (once) only for a text that holds `presslint-`.
MARKER_LINE = r"^[ \t]*(?:<!--[ \t]*|#[ \t]*|//[ \t]*|\[)?presslint-(?:disable|enable)[^\n]*$"
_TERMINAL = ".!?…»”\"’')]:;"
# A list item: a bullet or a number/letter marker, then a space.
LIST_ITEM = regex.compile(r"[ \t]*(?:[-*•–—+]|\d{1,3}[.)]|[a-z][.)])[ \t]+\S")
_HEADING_MAX_WORDS = 20
_WRAP_WIDTH = 100


def _line_spans(source: str) -> list[tuple[int, int, int]]:
    """(start, content_end, next_line_start) for each line; content excludes \\r\\n."""
    spans: list[tuple[int, int, int]] = []
    pos, n = 0, len(source)
    while pos < n:
        nl = source.find("\n", pos)
        if nl < 0:
            spans.append((pos, n, n))
            break
        end = nl - 1 if nl > pos and source[nl - 1] == "\r" else nl
        spans.append((pos, end, nl + 1))
        pos = nl + 1
    return spans


def _is_hard_wrapped(source: str, lines: list[tuple[int, int, int]]) -> bool:
    """Hard-wrapped text: long lines are rare and many lines end mid-sentence."""
    lengths = [e - s for s, e, _ in lines if e > s]
    if len(lengths) < 3:
        return False
    lengths.sort()
    if lengths[int(len(lengths) * 0.9)] > _WRAP_WIDTH:
        return False
    open_lines = 0
    for (s, e, _), nxt in zip(lines, lines[1:]):
        ns, ne, _ = nxt
        if e > s and ne > ns and source[e - 1] not in _TERMINAL and source[ns].islower():
            open_lines += 1
    return open_lines >= max(2, len(lengths) // 4)


def read_plain(source: str) -> ProseView:
    builder = ProseBuilder()
    lines = _line_spans(source)
    wrapped = _is_hard_wrapped(source, lines)
    paragraphs: list[list[tuple[int, int]]] = []  # each: [(start, end) of its lines]
    current: list[tuple[int, int]] = []
    markers = "presslint-" in source
    for start, end, _ in lines:
        # Most lines start with a letter: only one that starts with a space can be blank.
        blank = start == end or (source[start].isspace() and not source[start:end].strip()) or (
            markers and regex.match(MARKER_LINE, source, pos=start, endpos=end) is not None
        )
        if blank:
            if current:
                paragraphs.append(current)
                current = []
            continue
        if wrapped and current and LIST_ITEM.match(source, start, end):
            paragraphs.append(current)  # a list item starts its own paragraph
            current = []
        current.append((start, end))
        if not wrapped:
            paragraphs.append(current)
            current = []
    if current:
        paragraphs.append(current)

    # Emit: paragraphs separated by the source's own line breaks (as LF in the prose).
    prev_end = 0
    for index, para in enumerate(paragraphs):
        first_start = para[0][0]
        if index:
            builder.replaced("\n\n", prev_end, first_start)
        kind = BlockKind.PARAGRAPH
        s, e = para[0]
        if LIST_ITEM.match(source, s, e):
            kind = BlockKind.LIST_ITEM
        elif len(para) == 1 and index < len(paragraphs) - 1:
            line = source[s:e].rstrip()
            next_start = paragraphs[index + 1][0][0]
            continues = source[next_start : next_start + 1].islower()  # a cut paragraph, not a title
            if line and line[-1] not in _TERMINAL and not continues and len(line.split()) <= _HEADING_MAX_WORDS:
                kind = BlockKind.HEADING
        builder.begin_block(kind)
        for j, (s, e) in enumerate(para):
            if j:
                builder.replaced("\n", para[j - 1][1], s)
            builder.verbatim(source[s:e], s)
        builder.end_block()
        prev_end = para[-1][1]
    return builder.build()
