"""Where punctuation marks sit: the context the punctuation and spacing rules share.

A dot, colon or question mark is sentence punctuation only when it is not part
of a URL, an e-mail address, a domain or file name, an abbreviation or an
initial, and spacing conventions depend on the language of the quotation a
mark sits in. This module answers those questions once, as data-driven
helpers, so that the rules stay small. It holds no rules itself.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Iterable, Sequence
from functools import cache

from presslint import lexicons
from presslint import timed_regex as regex  # every pattern call runs under a time budget
from presslint.document import Document, Span
from presslint.formats.prose import Block

# Horizontal spaces a writer may put before a mark, and how we name them.
PLAIN_SPACES = " \t\u2009"
NBSP = "\u00a0"
NNBSP = "\u202f"
HSPACE = PLAIN_SPACES + NBSP + NNBSP
SPACE_KINDS = {"plain": " ", "nbsp": NBSP, "nnbsp": NNBSP}

_WORD_BEFORE = regex.lazy(r"[\p{L}\p{N}][\p{L}\p{N}.\-’']*$")
_INITIALS = regex.lazy(r"^(?:\p{L}\.(?:-?\p{L}\.)*-?\p{L}|\p{L})$")


@cache
def abbreviations() -> frozenset[str]:
    """Abbreviations of both languages: an English one turns up in French copy and back."""
    return lexicons.load("fr", "abbreviations") | lexicons.load("en", "abbreviations")


@cache
def tlds() -> frozenset[str]:
    return lexicons.load("common", "tlds")


@cache
def file_extensions() -> frozenset[str]:
    return lexicons.load("common", "file_extensions")


@cache
def brands_with_marks() -> tuple[str, ...]:
    return lexicons.entries("common", "brands_with_marks")


def word_before(text: str, pos: int) -> str:
    """The word (letters, digits, inner dots and hyphens) that ends right at ``pos``."""
    m = _WORD_BEFORE.search(text, max(0, pos - 40), pos)
    return m.group() if m else ""


def is_abbreviation_dot(text: str, dot: int) -> bool:
    """True if the full stop at ``dot`` ends an abbreviation or an initial (``etc.``, ``U.S.``, ``M.``)."""
    word = word_before(text, dot)
    if not word:
        return False
    if word in abbreviations() or _INITIALS.match(word):
        return True
    # A compound ending in initials or an abbreviation: `D-N.Y.`, `ex-U.S.`.
    tail = word.rsplit("-", 1)[-1]
    return tail != word and (tail in abbreviations() or bool(_INITIALS.match(tail)))


def ends_with_brand(text: str, mark_end: int) -> bool:
    """True if the text up to ``mark_end`` ends with a name that carries its mark (``Yahoo!``)."""
    start = max(0, mark_end - 40)
    chunk = text[start:mark_end]
    for brand in brands_with_marks():
        if chunk.endswith(brand):
            before = mark_end - len(brand) - 1
            if before < 0 or not text[before].isalnum():
                return True
    return False


# --------------------------------------------------------------------------- web-like tokens


@cache
def _web_pattern() -> regex.Pattern[str]:
    endings = sorted(tlds() | file_extensions(), key=len, reverse=True)
    alternatives = "|".join(regex.escape(e) for e in endings)
    upper = "|".join(regex.escape(e.upper()) for e in endings)
    label = r"[\p{L}\p{N}](?:[\p{L}\p{N}_\-]*[\p{L}\p{N}])?"
    return regex.compile(
        rf"""
        (?:(?<![a-zA-Z0-9+.\-])[a-zA-Z][a-zA-Z0-9+.\-]*://|www\.)[^\s«»“”"<>]+  # URL
        | (?<![\p{{L}}\p{{N}}._%+\-])[\p{{L}}\p{{N}}._%+\-]+@{label}(?:\.{label})+             # e-mail address
        | (?<![\p{{L}}\p{{N}}@.\-]){label}(?:\.{label})*\.(?:{alternatives}|{upper})
          (?:/[^\s«»“”"<>]*)?(?![\p{{L}}\p{{N}}\-])                 # domain or file name
        | [@\#][\p{{L}}\p{{N}}_]+                                    # handle or hashtag
        """,
        regex.VERBOSE,
    )


@cache
def _endings() -> frozenset[str]:
    """Domain and file endings as the full pattern accepts them: in lower case or in capitals."""
    endings = tlds() | file_extensions()
    return endings | {e.upper() for e in endings}


@cache
def _dotted_ending() -> regex.Pattern[str]:
    """A dot before a word short enough to be a domain or file ending (the word in group 1)."""
    longest = max(map(len, _endings()))
    return regex.compile(rf"\.(?=([\p{{L}}\p{{N}}]{{1,{longest}}})(?![\p{{L}}\p{{N}}\-]))")


_LITERAL_SIGNS = ("@", "#", "://", "www.")


def _sign_positions(text: str) -> list[int]:
    """Ascending offsets of what every web-like token holds: `@`, `#`, `://`, `www.`, or a domain or file ending.

    The ending must be a whole word after a dot (`.fr`, `.pdf`, not the `.m`
    of `p.m.` nor the `.S` of `U.S.`), as the full pattern requires, so the
    full pattern runs on few stretches of a text, and most short texts never
    compile it. The literal signs are found with `str.find` (few texts hold
    many), which is several times faster than a pattern with several first
    characters.
    """
    found = char_positions(text, _LITERAL_SIGNS)
    if "." in text:
        endings = _endings()
        found.extend(m.start() for m in _dotted_ending().finditer(text) if m.group(1) in endings)
    found.sort()
    return found


_RUN_BEFORE = regex.lazy(r"\S*", regex.REVERSE)
_RUN_AFTER = regex.lazy(r"\S*")
_NEAR = 200  # runs of non-space are looked for this far first, a window too short to need a time budget


def _run_around(text: str, i: int) -> tuple[int, int]:
    """The run of non-space around ``i``, looked for in a short window unless it fills the window."""
    lo = max(0, i - _NEAR)
    start = _RUN_BEFORE.match(text, lo, i).start()  # type: ignore[union-attr]
    if start == lo and lo:
        start = _RUN_BEFORE.match(text, 0, i).start()  # type: ignore[union-attr]
    hi = i + _NEAR
    end = _RUN_AFTER.match(text, i, hi).end()  # type: ignore[union-attr]
    if end == hi:
        end = _RUN_AFTER.match(text, i).end()  # type: ignore[union-attr]
    return start, end


def web_spans(text: str) -> list[Span]:
    """Spans of URLs, e-mail addresses, domain and file names, handles and hashtags.

    The full pattern runs only on the runs of non-space that hold a sign of one
    (see ``_sign_positions``). A trailing full stop, comma or closing bracket
    belongs to the sentence, not to the URL.
    """
    spans: list[Span] = []
    run_end = -1
    for i in _sign_positions(text):
        if i < run_end:
            continue  # a second sign in a run already scanned
        run_start, run_end = _run_around(text, i)
        for m in _web_pattern().finditer(text, run_start, run_end):
            end = m.end()
            while end > m.start() and text[end - 1] in ".,;:!?)]»”'’\"":
                end -= 1
            spans.append(Span(m.start(), end))
    return spans


class SpanSet:
    """Sorted, non-overlapping spans with a fast membership test."""

    def __init__(self, spans: Iterable[Span]) -> None:
        self.spans: Sequence[Span] = sorted(spans, key=lambda s: s.start)
        self._starts = [s.start for s in self.spans]

    def covers(self, pos: int) -> bool:
        i = bisect_right(self._starts, pos) - 1
        return i >= 0 and self.spans[i].start <= pos < self.spans[i].end

    def find(self, pos: int) -> Span | None:
        i = bisect_right(self._starts, pos) - 1
        if i >= 0 and self.spans[i].start <= pos < self.spans[i].end:
            return self.spans[i]
        return None


def web_span_set(doc: Document) -> SpanSet:
    """The web-like spans of a document, computed once per document for all the rules."""
    return doc.shared("marks.web", lambda d: SpanSet(web_spans(d.text)))


def char_positions(text: str, needles: Iterable[str]) -> list[int]:
    """Ascending offsets of every occurrence of any of ``needles`` (characters, or strings) in ``text``.

    One `str.find` scan per needle: for marks that are rare in prose
    (quotation marks, brackets, `://`) several times faster than a pattern
    with a character class or an alternation, which the ``regex`` package
    tries at every offset.
    """
    found: list[int] = []
    for needle in needles:
        i = text.find(needle)
        while i >= 0:
            found.append(i)
            i = text.find(needle, i + 1)
    found.sort()
    return found


def char_test(char_class: str) -> Callable[[str], bool]:
    """A test of one character against a ``regex`` character class (``\\p{L}``), cached per character.

    Rules that find their marks with ``char_positions`` read the neighbours
    this way: a text holds a few hundred distinct characters, and a cache hit
    costs a fraction of a pattern call.
    """
    pattern = regex.lazy(char_class)

    @cache
    def test(ch: str) -> bool:
        return pattern.fullmatch(ch) is not None

    return test


is_letter = char_test(r"\p{L}")
is_letter_or_digit = char_test(r"[\p{L}\p{N}]")
is_non_space = char_test(r"\S")


def by_block(blocks: Sequence[Block], positions: Iterable[int]) -> list[tuple[int, list[int]]]:
    """Ascending offsets grouped by the block holding them: (block index, offsets), in text order.

    Offsets outside every block are dropped. Rules that work paragraph by
    paragraph find their marks with one search over the whole text and visit
    only the blocks that hold one.
    """
    starts = [b.start for b in blocks]
    groups: list[tuple[int, list[int]]] = []
    for pos in positions:
        i = bisect_right(starts, pos) - 1
        if i < 0 or pos >= blocks[i].end:
            continue
        if not groups or groups[-1][0] != i:
            groups.append((i, []))
        groups[-1][1].append(pos)
    return groups


# --------------------------------------------------------------------------- language of quotations

_FUNCTION_WORDS = {
    "en": frozenset(
        "the and of to is are was were we you i it that this have has will not be do does for with my our "
        "your they he she what in can yes no there here would should could been being don't it's i'm we're "
        "they're".split()
    ),
    "fr": frozenset(
        "le la les des du et est une un dans pour que qui sur au aux avec pas ce cette il elle ils nous vous "
        "je sont été ont par plus ses son sa leur mais ou donc oui non c’est c'est j’ai j'ai n’est n'est "
        "on y".split()
    ),
}
_TOKEN = regex.lazy(r"\p{L}+(?:['’]\p{L}+)?")


def text_language(text: str) -> str | None:
    """``fr`` or ``en`` when the function words of a short text clearly say so, else None."""
    words = list(map(str.lower, _TOKEN.findall(text)))
    en = sum(map(_FUNCTION_WORDS["en"].__contains__, words))
    fr = sum(map(_FUNCTION_WORDS["fr"].__contains__, words))
    if en > fr and en >= 1:
        return "en"
    if fr > en and fr >= 1:
        return "fr"
    return None


class ForeignQuotations:
    """Quotations written in the other language (English in French copy, French in English copy).

    Each quotation's language is read when a rule first asks about a position
    inside it: the rules ask only about a few marks, and most quotations hold
    none of them.
    """

    def __init__(self, doc: Document) -> None:
        self._text = doc.text
        self._other = "en" if doc.lang == "fr" else "fr"
        self._quotations = doc.quotations
        self._foreign: dict[int, bool] = {}  # quotation index -> written in the other language

    def covers(self, pos: int) -> bool:
        """True if ``pos`` lies in a quotation written in the other language."""
        i = bisect_right(self._quotations.starts, pos) - 1
        if i < 0 or pos >= self._quotations.ends[i]:
            return False
        foreign = self._foreign.get(i)
        if foreign is None:
            q = self._quotations[i]
            foreign = self._foreign[i] = text_language(self._text[q.start : q.end]) == self._other
        return foreign


def foreign_quotation_spans(doc: Document) -> ForeignQuotations:
    """The quotations of ``doc`` written in the other language, shared by the rules.

    Spacing conventions follow the language of the words, so a French rule must
    not require a space before the `!` of an English quotation, and the reverse.
    """
    return doc.shared("marks.foreign-quotations", ForeignQuotations)


def is_guillemet_quotation(doc: Document, pos: int) -> bool:
    """True if ``pos`` lies in a quotation opened by a French guillemet."""
    quotations = doc.quotations
    i = bisect_right(quotations.starts, pos) - 1
    if i >= 0 and pos < quotations.ends[i]:
        return doc.text[quotations.starts[i]] in "«‹"
    return False


def paragraph_end(doc: Document, pos: int) -> int:
    block = doc.block_at(pos)
    return block.end if block else len(doc.text)


__all__ = [
    "HSPACE",
    "NBSP",
    "NNBSP",
    "PLAIN_SPACES",
    "SPACE_KINDS",
    "ForeignQuotations",
    "SpanSet",
    "abbreviations",
    "brands_with_marks",
    "by_block",
    "char_positions",
    "char_test",
    "ends_with_brand",
    "file_extensions",
    "foreign_quotation_spans",
    "is_abbreviation_dot",
    "is_guillemet_quotation",
    "is_letter",
    "is_letter_or_digit",
    "is_non_space",
    "paragraph_end",
    "text_language",
    "tlds",
    "web_span_set",
    "web_spans",
    "word_before",
]
