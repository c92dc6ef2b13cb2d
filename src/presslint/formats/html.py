"""HTML: the visible prose of a page, each piece tied to its place in the source.

The standard library's HTMLParser reports where each tag, text run and
character reference starts; with character references left undecoded
(``convert_charrefs=False``) every text run is a verbatim slice of the source,
and every reference (``&amp;``, ``&#8217;``, ``&nbsp;``) is decoded for the
rules but stands for its whole source span, so no fix can split it.

What counts as prose: text outside ``head``, scripts, styles, code, forms,
navigation and anything marked ``hidden``; when the page has an ``<article>``
or ``<main>`` element, only the text inside it (the rest is the site around
the article). Block elements (``p``, ``li``, ``h1``-``h6``, ``td``,
``blockquote``, ``div``...) start a new block; inline ones do not. White space
that holds a line break is source formatting: it reads as one line break and
is trimmed at the edges of a block.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

from presslint.formats.prose import PLACEHOLDER, BlockKind, ProseBuilder, ProseView

# Elements whose content is not read as prose.
_SKIP = frozenset(
    "head title script style noscript template svg math code pre kbd samp var textarea select "
    "option button iframe object canvas nav form audio video map".split()
)
# Skipped elements that sit inside a sentence: a placeholder keeps their place.
_INLINE_SKIP = frozenset("code kbd samp var".split())
_VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())
_BLOCK = frozenset(
    "address article aside blockquote body caption center dd details dialog div dl dt fieldset figcaption "
    "figure footer h1 h2 h3 h4 h5 h6 header hgroup hr html legend li main menu nav ol p pre section summary "
    "table tbody td tfoot th thead tr ul".split()
)
# Elements closed by the start of a sibling of the same kind (``<li>a<li>b``).
_SELF_CLOSING_SIBLINGS = {"li": {"li"}, "p": {"p"}, "dt": {"dt", "dd"}, "dd": {"dt", "dd"},
                          "td": {"td", "th"}, "th": {"td", "th"}, "tr": {"tr"}}
_ITALIC = frozenset("em i cite".split())
_SCOPE = frozenset(("article", "main"))
_HAS_SCOPE = re.compile(r"<(?:article|main)[\s>/]", re.IGNORECASE)
_WHITE = re.compile(r"[ \t\n\r\f]+")


def _kind(counts: dict[str, int]) -> BlockKind:
    if counts["blockquote"]:
        return BlockKind.BLOCKQUOTE
    if counts["cell"]:
        return BlockKind.TABLE_CELL
    if counts["heading"]:
        return BlockKind.HEADING
    if counts["li"]:
        return BlockKind.LIST_ITEM
    return BlockKind.PARAGRAPH


def _category(tag: str) -> str | None:
    if tag == "blockquote":
        return "blockquote"
    if tag in ("td", "th"):
        return "cell"
    if len(tag) == 2 and tag[0] == "h" and tag[1] in "123456":
        return "heading"
    if tag == "li":
        return "li"
    return None


class _Reader(HTMLParser):
    def __init__(self, source: str, scoped: bool) -> None:
        super().__init__(convert_charrefs=False)
        self.source = source
        self.scoped = scoped
        self.seen_scope = False
        self.line_starts = [0]
        find = source.find
        pos = find("\n")
        while pos >= 0:
            self.line_starts.append(pos + 1)
            pos = find("\n", pos + 1)
        self.b = ProseBuilder()
        # Open elements: (tag, skipped, source start of an inline skipped element or -1)
        self.stack: list[tuple[str, bool, int]] = []
        self.counts = {"blockquote": 0, "cell": 0, "heading": 0, "li": 0, "skip": 0, "scope": 0}
        self.in_block = False  # a block is open in the builder
        self.last_src_end: int | None = None  # source end of the last prose piece
        self.pending: tuple[int, int, bool] | None = None  # white space waiting: (start, end, has break)
        self.spans: dict[int, tuple[str, int | None]] = {}  # stack depth -> (italic|quote, prose start)

    # -- positions -----------------------------------------------------------------
    def here(self) -> int:
        line, col = self.getpos()
        return self.line_starts[line - 1] + col

    def reading(self) -> bool:
        return not self.counts["skip"] and (not self.scoped or self.counts["scope"] > 0)

    # -- emitting ------------------------------------------------------------------
    def start_piece(self, src_start: int) -> None:
        """Before a piece of prose: open a block if needed, or put down waiting white space."""
        if not self.in_block:
            if self.last_src_end is not None:
                self.b.replaced("\n\n", self.last_src_end, max(self.last_src_end, src_start))
            self.b.begin_block(_kind(self.counts))
            self.in_block = True
            self.pending = None
        elif self.pending is not None:
            s, e, has_break = self.pending
            if has_break:
                self.b.replaced("\n", s, e)
            else:
                self.b.verbatim(self.source[s:e], s)
            self.pending = None
        for depth, (what, start) in self.spans.items():
            if start is None:
                self.spans[depth] = (what, self.b.length)

    def verbatim(self, text: str, src_start: int) -> None:
        self.start_piece(src_start)
        self.b.verbatim(text, src_start)
        self.last_src_end = src_start + len(text)

    def replaced(self, text: str, src_start: int, src_end: int) -> None:
        self.start_piece(src_start)
        self.b.replaced(text, src_start, src_end)
        self.last_src_end = src_end

    def white(self, start: int, end: int, has_break: bool) -> None:
        if self.in_block and self.pending is None:
            self.pending = (start, end, has_break)
        elif self.in_block and self.pending is not None and has_break and not self.pending[2]:
            self.pending = (start, end, True)

    def break_block(self) -> None:
        if self.in_block:
            self.b.end_block()
            self.in_block = False
        self.pending = None

    # -- the element stack ---------------------------------------------------------
    def push(self, tag: str, skip: bool) -> None:
        category = _category(tag)
        if category:
            self.counts[category] += 1
        if skip:
            self.counts["skip"] += 1
        if tag in _SCOPE:
            self.counts["scope"] += 1
            self.seen_scope = True
        self.stack.append((tag, skip, self.here() if tag in _INLINE_SKIP else -1))
        if not skip and self.reading() and (tag in _ITALIC or tag == "q"):
            self.spans[len(self.stack)] = ("quote" if tag == "q" else "italic", None)

    def pop(self, end_src: int) -> None:
        depth = len(self.stack)
        tag, skip, placeholder_from = self.stack.pop()
        span = self.spans.pop(depth, None)
        if span is not None and span[1] is not None and self.b.length > span[1]:
            (self.b.quotations if span[0] == "quote" else self.b.emphasis).append((span[1], self.b.length))
        category = _category(tag)
        if category:
            self.counts[category] -= 1
        if skip:
            self.counts["skip"] -= 1
        if tag in _SCOPE:
            self.counts["scope"] -= 1
        if placeholder_from >= 0 and self.reading():
            self.replaced(PLACEHOLDER, placeholder_from, end_src)
        if tag in _BLOCK:
            self.break_block()

    # -- parser callbacks ----------------------------------------------------------
    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        start = self.here()
        siblings = _SELF_CLOSING_SIBLINGS.get(tag, frozenset())
        if self.stack and (self.stack[-1][0] in siblings or (tag in _BLOCK and self.stack[-1][0] == "p")):
            self.pop(start)  # the start of a sibling or of a block ends an open <li>, <td>, <p>
        if tag in _BLOCK:
            self.break_block()
        if tag in _VOID:
            if tag == "br" and self.reading():
                text = self.get_starttag_text() or ""
                self.white(start, start + len(text), True)
            return
        hidden = any(
            name == "hidden" or (name == "aria-hidden" and (value or "").lower() == "true") for name, value in attrs
        )
        self.push(tag, tag in _SKIP or hidden)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        # ``<br/>``, ``<img/>``, ``<div/>``: an element with no content.
        self.handle_starttag(tag, attrs)
        if tag not in _VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        start = self.here()
        if not any(t == tag for t, _, _ in self.stack):
            if tag in _BLOCK:
                self.break_block()  # a stray </p> still ends a paragraph
            return
        close = self.source.find(">", start)
        end = close + 1 if close >= 0 else start
        while self.stack:
            top = self.stack[-1][0]
            self.pop(end)
            if top == tag:
                break

    def handle_data(self, data: str) -> None:
        if not self.reading():
            return
        start = self.here()
        pos = 0
        for m in _WHITE.finditer(data):
            if m.start() > pos:
                self.verbatim(data[pos : m.start()], start + pos)
            chunk = m.group()
            self.white(start + m.start(), start + m.end(), "\n" in chunk or "\r" in chunk)
            pos = m.end()
        if pos < len(data):
            self.verbatim(data[pos:], start + pos)

    def _reference(self, raw_start: int, name_len: int) -> None:
        end = raw_start + name_len
        if self.source.startswith(";", end):
            end += 1
        raw = self.source[raw_start:end]
        decoded = html.unescape(raw)
        if decoded == raw:
            self.verbatim(raw, raw_start)  # not a reference after all (``AT&T``)
        else:
            self.replaced(decoded, raw_start, end)

    def handle_entityref(self, name: str) -> None:
        if self.reading():
            self._reference(self.here(), 1 + len(name))

    def handle_charref(self, name: str) -> None:
        if self.reading():
            self._reference(self.here(), 2 + len(name))

    def build(self) -> ProseView:
        self.close()
        self.break_block()
        return self.b.build()


def read_html(source: str) -> ProseView:
    scoped = _HAS_SCOPE.search(source) is not None
    reader = _Reader(source, scoped)
    reader.feed(source)
    view = reader.build()
    if scoped and not reader.seen_scope:  # the tag name was only in a script or a comment
        reader = _Reader(source, False)
        reader.feed(source)
        view = reader.build()
    return view
