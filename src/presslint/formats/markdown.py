"""Markdown: the prose of headings, paragraphs, list items, block quotes, table cells and link text.

markdown-it parses the file (CommonMark with tables and strikethrough). It
gives each block its source lines but gives inline text no offsets, so this
module locates every piece itself: it finds each line of a block's inline
source in its source line, then walks the inline tokens in order, consuming
the inline source as it goes (markers, escapes, entities, link destinations),
so that every piece of prose knows its exact source offset. Text copied 1:1
is verbatim (fixes may edit it); decoded escapes and entities, line breaks and
the placeholders for code and images are not (diagnostics point at them, no
fix touches them).

Left out of the prose: front matter (YAML ``---`` or TOML ``+++``), code
blocks and inline code, raw HTML and comments, link destinations, autolinks
and images (the last three leave a placeholder so that words do not join).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from presslint.formats.prose import PLACEHOLDER, BlockKind, ProseBuilder, ProseView

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_FRONT_MATTER = {"---": ("---", "..."), "+++": ("+++",)}
_SPACES = " \t"
_TICKS = re.compile(r"`+")
_BR_TAG = re.compile(r"<br\s*/?>$", re.IGNORECASE)


def _line_spans(source: str) -> list[tuple[int, int]]:
    """(start, end) of each line without its line ending, split as markdown-it splits."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for m in _LINE_BREAK.finditer(source):
        spans.append((pos, m.start()))
        pos = m.end()
    spans.append((pos, len(source)))
    return spans


def _front_matter_lines(source: str, lines: list[tuple[int, int]]) -> int:
    """Number of lines taken by front matter at the very top (0 if none)."""
    if not lines:
        return 0
    first = source[lines[0][0] : lines[0][1]].rstrip()
    closers = _FRONT_MATTER.get(first)
    if closers is None:
        return 0
    for i in range(1, len(lines)):
        if source[lines[i][0] : lines[i][1]].rstrip() in closers:
            return i + 1
    return 0  # never closed: a thematic break, not front matter


@cache
def _parser() -> MarkdownIt:
    """One parser per process: it keeps no state between documents."""
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark").enable(["table", "strikethrough"])
    # Keep escapes and entities as their own tokens, with their source text.
    md.disable("text_join")
    # Inline content is parsed block by block as the prose is built, so that a
    # large file never holds the inline tokens of all its blocks at once.
    md.disable("inline")
    return md


@dataclass(slots=True)
class _Runs:
    """Where the characters of one inline token's content lie in the source.

    Each run is (content_start, source_start, length): content[cs:cs+n] equals
    source[ss:ss+n]. Content between runs (a line that could not be located)
    is not verbatim.
    """

    content_starts: list[int]
    source_starts: list[int]
    lengths: list[int]

    def to_source(self, ci: int) -> int:
        i = bisect_right(self.content_starts, ci) - 1
        if i < 0:
            return self.source_starts[0] if self.source_starts else 0
        delta = ci - self.content_starts[i]
        if delta <= self.lengths[i]:
            return self.source_starts[i] + delta
        # In a gap: the start of the next run, or the end of this one.
        if i + 1 < len(self.content_starts):
            return self.source_starts[i + 1]
        return self.source_starts[i] + self.lengths[i]

    def pieces(self, start: int, end: int) -> list[tuple[int, int, int | None]]:
        """Split content[start:end] into (cs, ce, source_start or None when not located)."""
        out: list[tuple[int, int, int | None]] = []
        starts, lengths = self.content_starts, self.lengths
        n = len(starts)
        i = max(0, bisect_right(starts, start) - 1)
        pos = start
        while pos < end:
            while i < n and starts[i] + lengths[i] <= pos:
                i += 1
            if i < n and starts[i] <= pos:
                stop = min(end, starts[i] + lengths[i])
                out.append((pos, stop, self.source_starts[i] + pos - starts[i]))
            else:
                stop = min(end, starts[i]) if i < n else end
                out.append((pos, stop, None))
            pos = stop
        return out


def _locate_lines(content: str, source: str, lines: list[tuple[int, int]], first_line: int) -> _Runs:
    """Runs for a block whose content lines come one per source line (paragraphs, headings)."""
    runs = _Runs([], [], [])
    cpos = 0
    for k, part in enumerate(content.split("\n")):
        index = first_line + k
        if part and index < len(lines):
            ls, le = lines[index]
            found = _find_in_line(part, source, ls, le)
            if found is not None:
                lead, at = found
                runs.content_starts.append(cpos + lead)
                runs.source_starts.append(at)
                runs.lengths.append(len(part) - lead)
        cpos += len(part) + 1
    return runs


def _find_in_line(part: str, source: str, ls: int, le: int) -> tuple[int, int] | None:
    """(leading characters not located, source offset) of a content line within its source line."""
    n = len(part)
    if source.startswith(part, le - n) and le - n >= ls:
        return 0, le - n
    stripped_end = le
    while stripped_end > ls and source[stripped_end - 1] in _SPACES:
        stripped_end -= 1
    if stripped_end - n >= ls and source.startswith(part, stripped_end - n):
        return 0, stripped_end - n
    at = source.find(part, ls, le)
    if at >= 0:
        return 0, at
    # A tab partly taken by the indentation comes back as spaces: locate the rest.
    rest = part.lstrip(" ")
    if rest and rest != part:
        at = source.find(rest, ls, le)
        if at >= 0:
            return n - len(rest), at
    return None


def _locate_cell(content: str, source: str, ls: int, le: int, cursor: int) -> tuple[_Runs, int]:
    """Runs for a table cell: its content is the cell with every ``\\|`` read as ``|``."""
    runs = _Runs([], [], [])
    if not content:
        return runs, cursor
    form = content.replace("|", "\\|")
    at = source.find(form, max(cursor, ls), le)
    if at < 0:
        return runs, cursor
    cpos, spos = 0, at
    for k, piece in enumerate(content.split("|")):
        if k:  # the pipe itself, after its backslash
            runs.content_starts.append(cpos)
            runs.source_starts.append(spos + 1)
            runs.lengths.append(1)
            cpos += 1
            spos += 2
        if piece:
            runs.content_starts.append(cpos)
            runs.source_starts.append(spos)
            runs.lengths.append(len(piece))
            cpos += len(piece)
            spos += len(piece)
    return runs, spos


class _Inline:
    """Walks one inline token's children and appends its prose to the builder."""

    def __init__(self, builder: ProseBuilder, source: str, content: str, runs: _Runs) -> None:
        self.b = builder
        self.source = source
        self.content = content
        self.runs = runs
        self.cur = 0
        self.open_em: list[int] = []
        self.open_links: list[int] = []  # index of the first offset segment of each open link

    # -- emitting --------------------------------------------------------------------
    def text(self, start: int, end: int) -> None:
        for cs, ce, ss in self.runs.pieces(start, end):
            piece = self.content[cs:ce]
            if ss is not None and self.source.startswith(piece, ss):
                self.b.verbatim(piece, ss)
            else:
                at = self.runs.to_source(cs)
                self.b.replaced(piece, at, max(at, self.runs.to_source(ce)))

    def stand_in(self, text: str, start: int, end: int) -> None:
        s = self.runs.to_source(start)
        self.b.replaced(text, s, max(s, self.runs.to_source(end)))

    # -- consuming the inline source ---------------------------------------------------
    def expect(self, markup: str) -> bool:
        if markup and self.content.startswith(markup, self.cur):
            self.cur += len(markup)
            return True
        return False

    def skip_code_span(self, ticks: str) -> None:
        start = self.cur
        if not self.expect(ticks):
            return
        for m in _TICKS.finditer(self.content, self.cur):
            if len(m.group()) == len(ticks):
                self.cur = m.end()
                break
        else:
            self.cur = start

    def skip_link_tail(self) -> str:
        """After the label's ``]``: skip ``(destination "title")`` or ``[label]``; say which form it was.

        ``inline`` and ``full`` links carry their destination or label apart
        from their text; in ``collapsed`` (``[text][]``) and ``shortcut``
        (``[text]``) references the text *is* the label.
        """
        from markdown_it.helpers import parseLinkDestination, parseLinkTitle

        c, n = self.content, len(self.content)

        def skip_blank(at: int) -> int:
            while at < n and c[at] in " \t\n":
                at += 1
            return at

        pos = self.cur
        if pos < n and c[pos] == "(":
            pos = skip_blank(pos + 1)
            if pos < n and c[pos] != ")":
                dest = parseLinkDestination(c, pos, n)
                if dest.ok:
                    pos = skip_blank(dest.pos)
                    if pos < n and c[pos] != ")":
                        title = parseLinkTitle(c, pos, n)
                        if title.ok:
                            pos = title.pos
                pos = skip_blank(pos)
            if pos < n and c[pos] == ")":
                self.cur = pos + 1
            return "inline"
        if pos < n and c[pos] == "[":
            pos += 1
            label_start = pos
            while pos < n and c[pos] != "]":
                pos += 2 if c[pos] == "\\" else 1
            if pos < n:
                self.cur = pos + 1
                return "full" if c[label_start:pos].strip() else "collapsed"
        return "shortcut"

    def skip_line_break(self) -> None:
        """Trailing spaces or backslash, the line ending, the next line's indentation."""
        c, n = self.content, len(self.content)
        pos = self.cur
        while pos < n and c[pos] in _SPACES:
            pos += 1
        if pos < n and c[pos] == "\\":
            pos += 1
        if pos < n and c[pos] == "\n":
            pos += 1
        while pos < n and c[pos] in _SPACES:
            pos += 1
        self.cur = pos

    def resync(self, text: str) -> int:
        """Where ``text`` lies from the cursor on (the cursor itself when it cannot be found)."""
        if self.content.startswith(text, self.cur):
            return self.cur
        at = self.content.find(text, self.cur)
        return at if at >= 0 else -1

    # -- the walk ----------------------------------------------------------------------
    def walk(self, children: list[Token]) -> None:
        visible = [i for i, tok in enumerate(children) if _shows(tok)]
        first, last = (visible[0], visible[-1]) if visible else (-1, -1)
        skip_until_close = False
        for index, tok in enumerate(children):
            kind = tok.type
            if skip_until_close:
                if kind == "link_close":
                    skip_until_close = False
                continue
            if kind == "text":
                if not tok.content:
                    continue
                at = self.resync(tok.content)
                if at < 0:
                    self.stand_in(tok.content, self.cur, self.cur)
                    continue
                end = at + len(tok.content)
                self.cur = end
                # White space left at the edges of a block by inline HTML around it.
                if index == first:
                    at += len(tok.content) - len(tok.content.lstrip(" \t"))
                if index == last:
                    end -= len(tok.content) - len(tok.content.rstrip(" \t"))
                if end > at:
                    self.text(at, end)
            elif kind == "text_special":
                start = self.cur
                at = self.resync(tok.markup)
                if at >= 0:
                    start = at
                    self.cur = at + len(tok.markup)
                self.stand_in(tok.content, start, self.cur)
            elif kind in ("softbreak", "hardbreak"):
                start = self.cur
                self.skip_line_break()
                self.stand_in("\n", start, self.cur)
            elif kind == "code_inline":
                start = self.cur
                self.skip_code_span(tok.markup)
                self.stand_in(PLACEHOLDER, start, self.cur)
            elif kind in ("em_open", "strong_open", "s_open"):
                self.expect(tok.markup)
                if kind == "em_open":
                    self.open_em.append(self.b.length)
            elif kind in ("em_close", "strong_close", "s_close"):
                self.expect(tok.markup)
                if kind == "em_close" and self.open_em:
                    start = self.open_em.pop()
                    if self.b.length > start:
                        self.b.emphasis.append((start, self.b.length))
            elif kind == "link_open":
                if tok.markup in ("autolink", "linkify"):
                    start = self.cur
                    end = self.content.find(">", self.cur)
                    self.cur = end + 1 if end >= 0 else self.cur
                    self.stand_in(PLACEHOLDER, start, self.cur)
                    skip_until_close = True
                else:
                    self.expect("[")
                    self.open_links.append(len(self.b.offsets.verbatim))
            elif kind == "link_close":
                first_segment = self.open_links.pop() if self.open_links else None
                form = self.skip_link_tail() if self.expect("]") else "shortcut"
                if form in ("collapsed", "shortcut") and first_segment is not None:
                    # The text is also the reference label: editing it would break the link.
                    verbatim = self.b.offsets.verbatim
                    for i in range(first_segment, len(verbatim)):
                        verbatim[i] = False
            elif kind == "image":
                start = self.cur
                if self.expect("!["):
                    self.cur += len(tok.content)
                    if self.expect("]"):
                        self.skip_link_tail()
                self.stand_in(PLACEHOLDER, start, self.cur)
            elif kind == "html_inline":
                start = self.cur
                if self.expect(tok.content) and _BR_TAG.match(tok.content):
                    self.stand_in("\n", start, self.cur)


# Inline tokens that put something in the prose.
_VISIBLE = frozenset(("text", "text_special", "code_inline", "image", "link_open"))


def _shows(tok: Token) -> bool:
    return tok.type in _VISIBLE and (tok.type != "text" or not tok.content.isspace())


# Block kinds by the containers around an inline token, most specific first.
_CONTAINER_KIND = (
    ("blockquote", BlockKind.BLOCKQUOTE),
    ("table_cell", BlockKind.TABLE_CELL),
    ("heading", BlockKind.HEADING),
    ("list_item", BlockKind.LIST_ITEM),
)


def read_markdown(source: str) -> ProseView:
    """The prose of a Markdown source: one block per heading, paragraph, list item, quote paragraph or cell."""
    lines = _line_spans(source)
    skipped = _front_matter_lines(source, lines)
    parse_source = source
    if skipped:
        # Blank the front matter but keep its lines, so that line numbers still match.
        parse_source = "\n" * skipped + source[lines[skipped][0] :] if skipped < len(lines) else "\n" * skipped
    md = _parser()
    env: dict[str, object] = {}  # link reference definitions, shared by block and inline parsing
    tokens = md.parse(parse_source, env)

    builder = ProseBuilder()
    depth = {"blockquote": 0, "table_cell": 0, "heading": 0, "list_item": 0}
    opens = {
        "blockquote_open": "blockquote",
        "th_open": "table_cell",
        "td_open": "table_cell",
        "heading_open": "heading",
        "list_item_open": "list_item",
    }
    closes = {k.replace("_open", "_close"): v for k, v in opens.items()}
    row_line, row_cursor = -1, 0
    last_end: int | None = None
    for tok in tokens:
        if tok.type in opens:
            depth[opens[tok.type]] += 1
            continue
        if tok.type in closes:
            depth[closes[tok.type]] -= 1
            continue
        if tok.type != "inline" or tok.map is None:
            continue
        first_line = tok.map[0]
        if depth["table_cell"]:
            if first_line != row_line:
                row_line, row_cursor = first_line, lines[first_line][0] if first_line < len(lines) else 0
            if first_line >= len(lines):
                continue
            ls, le = lines[first_line]
            runs, row_cursor = _locate_cell(tok.content, source, ls, le, row_cursor)
        else:
            runs = _locate_lines(tok.content, source, lines, first_line)
        if not tok.content.strip() or not runs.lengths:
            continue
        children = md.inline.parse(tok.content, md, env, [])
        if not any(_shows(c) for c in children):
            continue  # only tags or a comment: no prose, no paragraph
        kind = next((k for name, k in _CONTAINER_KIND if depth[name]), BlockKind.PARAGRAPH)
        start_src = runs.source_starts[0]
        if last_end is not None:
            builder.replaced("\n\n", last_end, max(last_end, start_src))
        builder.begin_block(kind)
        _Inline(builder, source, tok.content, runs).walk(children)
        builder.end_block()
        last_end = max(runs.source_starts[-1] + runs.lengths[-1], start_src)
    return builder.build()
