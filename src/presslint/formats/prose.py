"""The prose view of a source file and the map from prose offsets back to source offsets.

A format (plain text, Markdown, HTML) reads a source file and builds a
``ProseView``: the text that rules see, split into blocks, plus an offset map.
The prose view leaves out markup and decodes character references, so its
offsets differ from the source's; the map is how every diagnostic and every fix
finds its way back to the exact place in the source file.
"""

from __future__ import annotations

from array import array
from bisect import bisect_right
from collections.abc import Sequence
from enum import StrEnum
from typing import NamedTuple


class BlockKind(StrEnum):
    PARAGRAPH = "paragraph"
    HEADING = "heading"
    LIST_ITEM = "list_item"
    TABLE_CELL = "table_cell"
    BLOCKQUOTE = "blockquote"  # quoted speech for the voice rules


class Block(NamedTuple):
    """A paragraph-like unit of prose: ``text[start:end]`` of the prose view (a tuple: cheap to make)."""

    start: int
    end: int
    kind: BlockKind = BlockKind.PARAGRAPH


class OffsetMap:
    """Piecewise map from prose offsets to source offsets.

    Each segment is ``(prose_start, source_start, prose_len, source_len)``.
    A *verbatim* segment has equal lengths and maps character by character;
    any other segment (a decoded entity, a synthetic separator, a normalised
    line ending) maps as a whole: its start to its source start, its end to its
    source end.

    The columns are machine-integer arrays, not lists: a large file has two
    segments per paragraph, and a list would hold an int object (28 bytes) for
    each of the four numbers of each of them.
    """

    __slots__ = ("prose_lens", "prose_starts", "source_lens", "source_starts", "verbatim")

    def __init__(self) -> None:
        self.prose_starts: array[int] = array("q")
        self.source_starts: array[int] = array("q")
        self.prose_lens: array[int] = array("q")
        self.source_lens: array[int] = array("q")
        self.verbatim = bytearray()  # 1: verbatim, 0: stands for its source as a whole

    def add(self, prose_start: int, source_start: int, prose_len: int, source_len: int, verbatim: bool) -> None:
        self.prose_starts.append(prose_start)
        self.source_starts.append(source_start)
        self.prose_lens.append(prose_len)
        self.source_lens.append(source_len)
        self.verbatim.append(verbatim)

    def to_source(self, offset: int, *, is_end: bool = False) -> int:
        """Source offset of a prose offset.

        At the boundary between two segments a start offset maps to the start
        of the following segment and an end offset to the end of the preceding
        one, so a span never swallows the markup around it.
        """
        if not self.prose_starts:
            return offset
        i = bisect_right(self.prose_starts, offset) - 1
        if i < 0:
            return self.source_starts[0]
        if is_end and offset == self.prose_starts[i] and i > 0:
            # End offset exactly at a segment start: belongs to the previous segment's end.
            j = i - 1
            while j > 0 and self.prose_lens[j] == 0:
                j -= 1
            return self.source_starts[j] + self.source_lens[j]
        p0, s0 = self.prose_starts[i], self.source_starts[i]
        plen, slen = self.prose_lens[i], self.source_lens[i]
        delta = offset - p0
        if delta >= plen:
            return s0 + slen
        if self.verbatim[i]:
            return s0 + delta
        if delta == 0:
            return s0
        return s0 + slen if is_end else s0

    def is_verbatim_span(self, start: int, end: int) -> bool:
        """True if ``[start, end)`` of the prose lies inside one verbatim segment."""
        if not self.prose_starts:
            return True
        i = bisect_right(self.prose_starts, start) - 1
        if i < 0:
            return False
        if end == start:
            return True
        return self.verbatim[i] and end <= self.prose_starts[i] + self.prose_lens[i]


# What stands in the prose for inline content that is not prose (inline code, an
# image, an autolink): one neutral character, so that the words around it stay
# apart and a rule sees that something was there. It is never in a source file's
# text at that place, so no fix can touch it.
PLACEHOLDER = "\ufffc"


class ProseView(NamedTuple):
    """What a format hands to the Document: the prose, its blocks and the way back to the source."""

    text: str
    blocks: list[Block]
    offsets: OffsetMap
    # Prose spans (start, end) set in italics (Markdown ``*x*``, HTML ``<em>``/``<i>``/``<cite>``):
    # titles of works, foreign words, which the voice and consistency rules may treat apart.
    emphasis: Sequence[tuple[int, int]] = ()
    # Prose spans quoted by markup rather than by quotation marks (HTML ``<q>``).
    quotations: Sequence[tuple[int, int]] = ()


class ProseBuilder:
    """Accumulates prose pieces with their source positions; formats use it to build a ProseView."""

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._length = 0
        self.offsets = OffsetMap()
        self.blocks: list[Block] = []
        self._block_start: int | None = None
        self._block_kind = BlockKind.PARAGRAPH
        self.emphasis: list[tuple[int, int]] = []
        self.quotations: list[tuple[int, int]] = []

    @property
    def length(self) -> int:
        return self._length

    def verbatim(self, text: str, source_start: int) -> None:
        """Append source text unchanged (it maps character by character)."""
        if not text:
            return
        m = self.offsets
        # Merge with the previous verbatim segment when contiguous in both views.
        if (
            m.verbatim
            and m.verbatim[-1]
            and m.prose_starts[-1] + m.prose_lens[-1] == self._length
            and m.source_starts[-1] + m.source_lens[-1] == source_start
        ):
            m.prose_lens[-1] += len(text)
            m.source_lens[-1] += len(text)
        else:
            m.add(self._length, source_start, len(text), len(text), True)
        self._parts.append(text)
        self._length += len(text)

    def replaced(self, text: str, source_start: int, source_end: int) -> None:
        """Append ``text`` standing for ``source[source_start:source_end]`` as a whole."""
        self.offsets.add(self._length, source_start, len(text), source_end - source_start, False)
        self._parts.append(text)
        self._length += len(text)

    def begin_block(self, kind: BlockKind = BlockKind.PARAGRAPH) -> None:
        self.end_block()
        self._block_start = self._length
        self._block_kind = kind

    def end_block(self) -> None:
        if self._block_start is not None:
            start, end = self._block_start, self._length
            if end > start:
                self.blocks.append(Block(start, end, self._block_kind))
            self._block_start = None

    def build(self) -> ProseView:
        self.end_block()
        return ProseView("".join(self._parts), self.blocks, self.offsets, self.emphasis, self.quotations)
