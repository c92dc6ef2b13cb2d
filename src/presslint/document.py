"""The Document: a source text, its prose view, and the structure rules need.

Rules read ``doc.text`` (the prose view) and its paragraphs, sentences and
quotation spans, all in prose offsets. The Document alone converts prose
offsets to source offsets and to line/column, so no rule does arithmetic on
positions.
"""

from __future__ import annotations

from array import array
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import cached_property, partial
from typing import Any, NamedTuple, TypeVar, overload

import regex

from presslint import lexicons
from presslint.formats.prose import Block, BlockKind, OffsetMap, ProseView

LANGUAGES = ("fr", "en")
T = TypeVar("T")


class Span(NamedTuple):
    """A prose span ``[start, end)``; a tuple, because documents make hundreds of thousands."""

    start: int
    end: int


_new_span = partial(tuple.__new__, Span)  # Span from a pair, without a Python-level call


class SpanList(Sequence[Span]):
    """Spans in text order, held as two integer arrays (``starts``, ``ends``) rather than as tuples.

    A large document has hundreds of thousands of sentences: as a list of
    Spans they took about 120 bytes each, as two arrays 16. Reading one gives a
    Span; ``starts`` and ``ends`` serve bisection and loops that need one side.
    """

    __slots__ = ("starts", "ends")

    def __init__(self, spans: Iterable[tuple[int, int]] = ()) -> None:
        self.starts = array("q")
        self.ends = array("q")
        for start, end in spans:
            self.starts.append(start)
            self.ends.append(end)

    def __len__(self) -> int:
        return len(self.starts)

    @overload
    def __getitem__(self, index: int) -> Span: ...
    @overload
    def __getitem__(self, index: slice) -> SpanList: ...
    def __getitem__(self, index: int | slice) -> Span | SpanList:
        if isinstance(index, slice):
            out = SpanList()
            out.starts, out.ends = self.starts[index], self.ends[index]
            return out
        return Span(self.starts[index], self.ends[index])

    def __iter__(self) -> Iterator[Span]:
        return map(_new_span, zip(self.starts, self.ends))

    def __eq__(self, other: object) -> bool:
        if isinstance(other, SpanList):
            return self.starts == other.starts and self.ends == other.ends
        return isinstance(other, Sequence) and list(self) == list(other)

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"SpanList({list(self)!r})"


# --------------------------------------------------------------------------- language

_STOPWORDS = {
    "fr": frozenset(
        "le la les des du de et est une un dans pour que qui sur au aux avec pas ce cette il elle "
        "ils sont été à a ont par plus ses son sa leur entre selon après lors".split()
    ),
    "en": frozenset(
        "the and of to in is that for on with was as by at it from his her are were has have "
        "had said be an this which their after but not".split()
    ),
}
_WORD = regex.compile(r"\p{L}+")


def detect_language(text: str, default: str = "en") -> str:
    """French or English by stop-word counts over the first few thousand characters."""
    sample = text[:4000].lower()
    scores = {lang: 0 for lang in _STOPWORDS}
    for m in _WORD.finditer(sample):
        w = m.group()
        for lang, words in _STOPWORDS.items():
            if w in words:
                scores[lang] += 1
    best = max(scores, key=lambda k: scores[k])
    if scores[best] == 0 or list(scores.values()).count(scores[best]) > 1:
        return default
    return best


# --------------------------------------------------------------------------- quotations

# Opening mark -> closing marks that end it.
_PAIRS: dict[str, str] = {"«": "»", "“": "”", "‹": "›", "„": "“”", "‚": "‘’", "‘": "’"}
_CLOSERS = {c for cs in _PAIRS.values() for c in cs}
# Every mark but the ’ of an elision (l’avion, don’t): in French most ’ are apostrophes,
# and the loop below would skip them one by one (see ``_is_apostrophe``).
_MARK = regex.compile('["' + "".join(sorted((set(_PAIRS) | _CLOSERS) - {"’"})) + "]|(?<!\\p{L})’|’(?!\\p{L})")


def _is_apostrophe(text: str, i: int, end: int) -> bool:
    """A ’ between two letters (``l’avion``, ``don’t``) is an apostrophe, not a closing quote."""
    return 0 < i and i + 1 < end and text[i - 1].isalpha() and text[i + 1].isalpha()


def is_continuation_mark(text: str, i: int, block: Block) -> bool:
    """A » that opens its paragraph: the French mark that continues a quotation.

    French typography repeats a closing guillemet at the start of each paragraph
    of a quotation that runs over several paragraphs; the quotation ends at the
    last ». Shared by the quotation finder and the balance check (PUN104) so both
    read the convention the same way.
    """
    if text[i] != "»":
        return False
    j = i - 1  # only white space before it in the block; scanning back stops at the first other character
    while j >= block.start and text[j].isspace():
        j -= 1
    return j < block.start


def _is_continuation(text: str, i: int, block: Block, stack: list[tuple[str, int, int]], bi: int) -> bool:
    """A » opening a paragraph while a « from an earlier one is open continues that quotation."""
    if not is_continuation_mark(text, i, block):
        return False
    # The stack is in text order, so the first « on it is the earliest opened (cheap on a deep stack).
    first = next((opened_in for mark, _, opened_in in stack if mark == "«"), None)
    return first is not None and first < bi


def find_quotations(text: str, blocks: list[Block]) -> list[Span]:
    """Spans of quoted text, marks included, in prose offsets.

    Typographic marks pair with a stack and may run across paragraphs (a French
    quotation continues until its »). A quotation never closed runs to the end
    of the paragraph where it opened; a » opening a paragraph while a « is
    open continues it. Single quotes ‘ ’ stay within their paragraph, and a ’
    between letters is an apostrophe. Straight double quotes toggle within a
    paragraph. Block quotes (Markdown ``>``, HTML ``<blockquote>``) are quotations.
    """
    spans: list[Span] = []
    stack: list[tuple[str, int, int]] = []  # (opening mark, offset, block index)
    block_ends = [b.end for b in blocks]
    for bi, block in enumerate(blocks):
        if block.kind is BlockKind.BLOCKQUOTE:
            spans.append(Span(block.start, block.end))
        straight_open: int | None = None
        for found in _MARK.finditer(text, block.start, block.end):  # only the marks: most characters are not
            i = found.start()
            ch = text[i]
            if ch == '"':
                if straight_open is None:
                    straight_open = i
                else:
                    spans.append(Span(straight_open, i + 1))
                    straight_open = None
                continue
            if ch in _PAIRS:
                # “ (‘) is both an English opener and a German closer: close a „ (‚) first.
                if ch in "“‘" and stack and stack[-1][0] == {"“": "„", "‘": "‚"}[ch]:
                    mark, start, _ = stack.pop()
                    spans.append(Span(start, i + 1))
                    continue
                if ch == "‘" and (
                    (i + 1 < block.end and text[i + 1].isdigit()) or _is_apostrophe(text, i, block.end)
                ):
                    continue  # ‘90s, l‘avion: an elision or a mistyped apostrophe, not a quotation
                stack.append((ch, i, bi))
            elif ch in _CLOSERS:
                if ch == "’" and _is_apostrophe(text, i, block.end):
                    continue
                if _is_continuation(text, i, block, stack, bi):
                    continue
                for depth in range(len(stack) - 1, -1, -1):
                    if ch in _PAIRS[stack[depth][0]]:
                        _, start, _ = stack[depth]
                        spans.append(Span(start, i + 1))
                        del stack[depth:]
                        break
        if straight_open is not None:
            spans.append(Span(straight_open, block.end))
        # Single quotes never span paragraphs: an open ‘ ends with its paragraph.
        # The marks opened in this paragraph are the top of the stack: look no deeper.
        top = len(stack)
        while top > 0 and stack[top - 1][2] == bi:
            top -= 1
        if any(e[0] == "‘" for e in stack[top:]):
            spans.extend(Span(start, block.end) for mark, start, _ in stack[top:] if mark == "‘")
            stack[top:] = [e for e in stack[top:] if e[0] != "‘"]
    # Quotations never closed: up to the end of their own paragraph.
    for _, start, bi in stack:
        spans.append(Span(start, block_ends[bi]))
    spans.sort(key=lambda s: (s.start, -s.end))
    return _merge(spans)


def _merge(spans: list[Span]) -> list[Span]:
    merged: list[Span] = []
    for s in spans:
        if merged and s.start <= merged[-1].end:
            if s.end > merged[-1].end:
                merged[-1] = Span(merged[-1].start, s.end)
        else:
            merged.append(s)
    return merged


# --------------------------------------------------------------------------- sentences

_BOUNDARY = regex.compile(
    r"""
    (?<![.!?…])(?P<term>[.!?…]+)   # terminal punctuation, from the start of its run (linear)
    (?P<close>(?:[ \u00a0\u202f]?[»”’"')\]])*)  # closing quotes or brackets (French: after a space)
    (?P<space>[ \t\u00a0\u202f\n]+)
    (?=(?P<next>\S))
    """,
    regex.VERBOSE,
)
_INITIAL = regex.compile(r"^(?:\p{Lu}|\p{Lu}\.-?\p{Lu}|\p{Lu}\p{Ll}?)$")


def _last_token(text: str, start: int, end: int) -> str:
    """The run of non-space ending at ``end`` (before one final line break), scanning back only over it.

    Searching the whole sentence so far for its last word would cost quadratic time
    in a long paragraph of abbreviations.
    """
    if end > start and text[end - 1] == "\n":
        end -= 1
    i = end
    while i > start and not text[i - 1].isspace():
        i -= 1
    return text[i:end]


def _abbreviations(lang: str) -> frozenset[str]:
    return lexicons.load(lang, "abbreviations")


def segment_sentences(text: str, block: Block, lang: str) -> list[Span]:
    """Sentences of one paragraph, tuned to news prose.

    A full stop does not end a sentence after an abbreviation (``M.``,
    ``U.S.``, ``p.m.``), an initial (``J.-P.``), or inside a number; an ellipsis
    or a ``?``/``!`` followed by a lower-case word continues the sentence. A
    full stop followed by a lower-case word does end one: that is how fragments
    such as ``Maliens. soldats.`` become visible to the rules.
    """
    abbreviations = _abbreviations(lang)
    final_abbreviations = lexicons.load(lang, "final-abbreviations")
    sentences: list[Span] = []
    start = block.start
    # Skip leading white space.
    while start < block.end and text[start].isspace():
        start += 1
    for m in _BOUNDARY.finditer(text, block.start, block.end):
        term, close, nxt = m.group("term", "close", "next")
        term_start = m.start()
        if term_start <= start:  # nothing but the mark since the last boundary (`start` is never on a space)
            continue
        if term == "." and not close:
            word = _last_token(text, start, term_start).lstrip("(«“\"'[")
            if word in abbreviations and not (nxt.isupper() and word in final_abbreviations):
                continue
            if len(word) <= 4 and _INITIAL.match(word):  # an initial is at most `J.-P`
                continue
            if word[:1].isdigit() and nxt.isdigit():
                continue
        if nxt.islower() and (term != "." or close):
            # `?`/`!`/`…` or a closing quote followed by lower case: same sentence.
            continue
        if nxt in ",;:":
            continue
        end = m.start("space")
        sentences.append(Span(start, end))
        start = m.end()
    end = block.end
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        sentences.append(Span(start, end))
    return sentences


# --------------------------------------------------------------------------- document


class Document:
    """A source file (or string) ready for the rules."""

    def __init__(
        self,
        source: str,
        view: ProseView,
        *,
        path: str = "<text>",
        lang: str | None = None,
        fmt: str = "txt",
    ) -> None:
        self.source = source
        self.text = view.text
        self.blocks = view.blocks
        self.offsets: OffsetMap = view.offsets
        # Italic spans from the markup (titles of works, foreign words), in prose offsets.
        self.emphasis = [Span(s, e) for s, e in view.emphasis]
        self._markup_quotations = [Span(s, e) for s, e in view.quotations]
        self.path = path
        self.format = fmt
        self.lang = lang if lang in LANGUAGES else detect_language(view.text)
        self._shared: dict[str, Any] = {}

    def shared(self, key: str, compute: Callable[[Document], T]) -> T:
        """What several rules derive from this document (a scan, an index), computed by the first to ask.

        ``key`` names the owner and the value (``"capitals.words"``). The value
        lives as long as the Document, so it must be compact: ints and tuples,
        not an object per word.
        """
        try:
            return self._shared[key]  # type: ignore[no-any-return]
        except KeyError:
            value = self._shared[key] = compute(self)
            return value

    # -- structure, computed on first use ------------------------------------------
    @property
    def paragraphs(self) -> list[Block]:
        return self.blocks

    @cached_property
    def sentences(self) -> SpanList:
        return SpanList(span for block in self.blocks for span in segment_sentences(self.text, block, self.lang))

    @cached_property
    def quotations(self) -> SpanList:
        spans = find_quotations(self.text, self.blocks)
        if self._markup_quotations:  # HTML <q>: quoted by markup, not by marks
            spans = _merge(sorted([*spans, *self._markup_quotations], key=lambda s: (s.start, -s.end)))
        return SpanList(spans)

    def in_quotation(self, start: int, end: int | None = None) -> bool:
        """True if the prose span ``[start, end)`` overlaps a quotation."""
        end = start + 1 if end is None else max(end, start + 1)
        quotations = self.quotations
        i = bisect_right(quotations.starts, end - 1) - 1
        return i >= 0 and quotations.ends[i] > start

    @cached_property
    def _block_starts(self) -> list[int]:
        return [b.start for b in self.blocks]

    def block_at(self, offset: int) -> Block | None:
        i = bisect_right(self._block_starts, offset) - 1
        if i >= 0 and offset <= self.blocks[i].end:
            return self.blocks[i]
        return None

    def sentence_at(self, offset: int) -> Span | None:
        sentences = self.sentences
        i = bisect_right(sentences.starts, offset) - 1
        if i >= 0 and offset <= sentences.ends[i]:
            return sentences[i]
        return None

    # -- positions ----------------------------------------------------------------
    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """Source offsets of a prose span."""
        s = self.offsets.to_source(start)
        e = self.offsets.to_source(end, is_end=True) if end > start else s
        return s, max(s, e)

    def source_edit(self, start: int, end: int, replacement: str) -> tuple[int, int] | None:
        """Source span for a prose edit, or None if it would touch markup or an entity."""
        if not self.offsets.is_verbatim_span(start, end):
            return self._blank_deletion(start, end, replacement)
        s, e = self.source_span(start, end)
        if self.source[s:e] != self.text[start:end]:
            return None
        return s, e

    def _blank_deletion(self, start: int, end: int, replacement: str) -> tuple[int, int] | None:
        """Source span of a deletion that crosses paragraph separators, or None.

        Removing a whole paragraph means removing the line breaks around it,
        which the prose view holds as synthetic segments. Such a deletion is
        allowed when every non-verbatim segment it touches lies wholly inside
        it and stands for white space only in the source, so it never removes
        markup, an entity or a suppression comment.
        """
        if replacement or end <= start:
            return None
        m = self.offsets
        i = max(bisect_right(m.prose_starts, start) - 1, 0)
        previous_end: int | None = None  # source end of the previous segment, to find dropped markup
        while i < len(m.prose_starts) and m.prose_starts[i] < end:
            p0, plen, s0, slen = m.prose_starts[i], m.prose_lens[i], m.source_starts[i], m.source_lens[i]
            if previous_end is not None and self.source[previous_end:s0].strip():
                return None
            if not m.verbatim[i] and p0 + plen > start:
                if p0 < start or p0 + plen > end or self.source[s0 : s0 + slen].strip():
                    return None
            previous_end = s0 + slen
            i += 1
        return self.source_span(start, end)

    @cached_property
    def _line_starts(self) -> array[int]:
        starts = array("q", [0])
        find = self.source.find
        pos = find("\n")
        while pos >= 0:
            starts.append(pos + 1)
            pos = find("\n", pos + 1)
        return starts

    def line_col(self, source_offset: int) -> tuple[int, int]:
        """1-based line and column (in characters) of a source offset."""
        i = bisect_right(self._line_starts, source_offset) - 1
        return i + 1, source_offset - self._line_starts[i] + 1

    def line_cols(self, start: int, end: int) -> tuple[int, int, int, int]:
        """Line and column of two source offsets, ``start <= end``: one search when they share a line."""
        starts = self._line_starts
        i = bisect_right(starts, start) - 1
        if i + 1 >= len(starts) or end < starts[i + 1]:
            line, line_start = i + 1, starts[i]  # one int object for both lines of the diagnostic
            return line, start - line_start + 1, line, end - line_start + 1
        j = bisect_right(starts, end) - 1
        return i + 1, start - starts[i] + 1, j + 1, end - starts[j] + 1

    def line_text(self, line: int) -> str:
        starts = self._line_starts
        s = starts[line - 1]
        e = starts[line] - 1 if line < len(starts) else len(self.source)
        return self.source[s:e].rstrip("\r")




__all__ = ["Document", "Span", "SpanList", "detect_language", "segment_sentences", "find_quotations", "is_continuation_mark"]
