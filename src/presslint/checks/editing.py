"""Editing artefacts inside sentences: the debris that cutting, pasting and retyping leave.

A stray article (``la Les deux diplomates``), a phrase cut in the middle
(``de la non seulement``), a fragment orphaned by a full stop
(``des Maliens. soldats.``) and a word typed twice (``de de``). These are the
marks of an edit that was not finished, so the rules stay quiet on everything
that real copy does on purpose: ``nous nous``, ``had had``, ``les Le Pen``,
``donner le la``, ``de Villepin`` at the start of a sentence. The word lists
are data, in ``lexicons/<lang>/``. Quoted speech is left alone.
"""

from __future__ import annotations

import heapq
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from functools import cache
from itertools import compress, count, filterfalse, islice
from operator import eq
from typing import TYPE_CHECKING, NamedTuple

from presslint import lexicons
from presslint import timed_regex as regex  # every pattern call runs under a time budget
from presslint.diagnostics import Applicability, Severity
from presslint.document import Span
from presslint.formats.prose import Block, BlockKind
from presslint.rule import BadExample, DocumentRule, Finding, GoodExample, RuleMeta

if TYPE_CHECKING:
    from presslint.config import Settings
    from presslint.document import Document

# --------------------------------------------------------------------------- words

# French splits an elided article or pronoun off its word (`l’armée` -> `l’`, `armée`);
# hyphenated compounds stay whole, so `dis-le`, `non-violence`, `sans-papiers` are one word.
_WORD_PART = r"\p{L}[\p{L}\p{M}]*"
_TOKEN = {
    "fr": regex.lazy(
        rf"\p{{L}}{{1,7}}[’'](?=\p{{L}})|{_WORD_PART}(?:[-‐]{_WORD_PART})*|\p{{N}}+(?:[.,]\p{{N}}+)*"
    ),
    "en": regex.lazy(
        rf"{_WORD_PART}(?:[’']{_WORD_PART})*(?:[-‐]{_WORD_PART}(?:[’']{_WORD_PART})*)*|\p{{N}}+(?:[.,]\p{{N}}+)*"
    ),
}
_GAP = regex.lazy(r"[ \t\u00a0\u202f]*\n?[ \t\u00a0\u202f]*")


class Token(NamedTuple):
    """A word; a named tuple because a long article has hundreds of thousands of them."""

    start: int
    end: int
    text: str
    # Lower case with typographic apostrophes: computed once, compared many times.
    lower: str

    @property
    def is_lower(self) -> bool:
        return self.text[:1].islower()

    @property
    def is_capitalised(self) -> bool:
        return self.text[:1].isupper()

    @property
    def elided(self) -> bool:
        return self.text.endswith(("’", "'"))


def tokens(text: str, block: Block, lang: str) -> list[Token]:
    """The words (and numbers) of a block, in order."""
    pattern = _TOKEN.get(lang, _TOKEN["en"])
    new = tuple.__new__  # a third faster than Token(...) on hundreds of thousands of words
    return [
        new(Token, (*m.span(), w, w.lower().replace("'", "’")))
        for m in pattern.finditer(text, block.start, block.end)
        for w in (m.group(),)
    ]


def last_token(text: str, block: Block, lang: str) -> Token | None:
    """The last token of a block: what ``tokens`` would end with, tokenising only the block's end.

    No token holds a space or a line break, so the tokens after one are the same whether the
    scan starts there or at the start of the block.
    """
    end = len(text[block.start : block.end].rstrip()) + block.start
    cut = max(text.rfind(" ", block.start, end), text.rfind("\n", block.start, end)) + 1
    tail = tokens(text, Block(cut, block.end), lang) if cut > block.start else []
    if not tail:
        tail = tokens(text, block, lang)
    return tail[-1] if tail else None


def first_tokens(text: str, block: Block, lang: str, count: int) -> list[Token]:
    """The first ``count`` tokens of a block: what ``tokens`` would start with, without the rest."""
    pattern = _TOKEN.get(lang, _TOKEN["en"])
    out: list[Token] = []
    for m in pattern.finditer(text, block.start, block.end):
        w = m.group()
        out.append(Token(m.start(), m.end(), w, w.lower().replace("'", "’")))
        if len(out) >= count:
            break
    return out


def joined(text: str, a: Token, b: Token) -> bool:
    """True if ``b`` follows ``a`` with only white space between them (none after an elision)."""
    gap = text[a.end : b.start]
    if a.elided:
        return gap == ""
    return gap != "" and _GAP.fullmatch(gap) is not None


@cache
def words(lang: str, name: str) -> frozenset[str]:
    """A lexicon with typographic apostrophes, so `l'` and `l’` read alike."""
    return frozenset(w.replace("'", "’") for w in lexicons.load(lang, name))


@cache
def phrases(lang: str, name: str) -> tuple[tuple[str, ...], ...]:
    """A lexicon of word sequences, each split into lower-case words."""
    return tuple(tuple(e.lower().replace("'", "’").split()) for e in lexicons.entries(lang, name))


@cache
def phrases_by_first_word(lang: str, name: str) -> dict[str, tuple[tuple[str, ...], ...]]:
    """The sequences of ``phrases(lang, name)`` by their first word, each list in lexicon order."""
    index: dict[str, list[tuple[str, ...]]] = {}
    for seq in phrases(lang, name):
        if seq:
            index.setdefault(seq[0], []).append(seq)
    return {first: tuple(seqs) for first, seqs in index.items()}


def function_words(lang: str) -> frozenset[str]:
    """Articles, determiners, prepositions and conjunctions: words a slip doubles without meaning to."""
    return words(lang, "determiners") | words(lang, "prepositions") | words(lang, "conjunctions")


def matches_at(toks: Sequence[Token], i: int, sequences: tuple[tuple[str, ...], ...]) -> bool:
    """True if one of the word sequences starts at token ``i``."""
    for seq in sequences:
        if tuple(t.lower for t in toks[i : i + len(seq)]) == seq:
            return True
    return False


def ends_at(toks: Sequence[Token], i: int, sequences: tuple[tuple[str, ...], ...]) -> bool:
    """True if one of the word sequences ends at token ``i`` (inclusive)."""
    for seq in sequences:
        if i + 1 >= len(seq) and tuple(t.lower for t in toks[i + 1 - len(seq) : i + 1]) == seq:
            return True
    return False


def at_sentence_start(doc: Document, offset: int) -> bool:
    """True if nothing but quotes, brackets or dashes precede ``offset`` in its sentence."""
    sentence = doc.sentence_at(offset)
    if sentence is None:
        return False
    before = doc.text[sentence.start : offset]
    return not any(ch.isalnum() for ch in before)


def _sentence_blocks(doc: Document) -> Iterator[tuple[Block, list[Span]]]:
    """Each block with its sentences, in order."""
    starts, ends = doc.sentences.starts, doc.sentences.ends
    i, count = 0, len(starts)
    for block in doc.blocks:
        mine: list[Span] = []
        while i < count and starts[i] < block.end:
            if starts[i] >= block.start:
                mine.append(Span(starts[i], ends[i]))
            i += 1
        yield block, mine


# --------------------------------------------------------------------------- EDT101


class StrayArticle(DocumentRule):
    meta = RuleMeta(
        code="EDT101",
        name="stray-article",
        summary="Two determiners in a row (`la Les deux`, `a the`): one is left over from an edit.",
        severity=Severity.WARNING,
        fixable=Applicability.UNSAFE,
        description=(
            "When a sentence is rewritten, the old article often survives in front of the new one: "
            "`la Les deux diplomates`, `le la présidente`, `des les soldats`, `a the report`. The first "
            "determiner is flagged and the unsafe fix removes it (adjusting the capital of the one that "
            "stays). Not flagged: legitimate pairs (`le leur`, `les leurs`, `un des`, `la une`), nouns that "
            "look like possessives (`le son des cloches`, `le ton monte`), `donner le la` (no noun follows), "
            "names that begin with an article (`les Le Pen`, `chez les Les Républicains`: a capitalised word "
            "follows), letters (`the A team`), identical words (`the the`, see `repeated-word`) and "
            "quoted speech. Word lists: `stray-article-first.txt`, `stray-article-second.txt`, "
            "`stray-article-exceptions.txt`."
        ),
        bad_examples=(
            BadExample(
                "Un peu plus tard la Les deux diplomates prendront part à une réunion élargie.",
                "Un peu plus tard les deux diplomates prendront part à une réunion élargie.",
                "fr",
            ),
            BadExample(
                "Le la présidente de la commission a présenté son rapport mardi.",
                "La présidente de la commission a présenté son rapport mardi.",
                "fr",
            ),
            BadExample(
                "Des tirs ont visé des les soldats déployés dans la région de Mopti.",
                "Des tirs ont visé les soldats déployés dans la région de Mopti.",
                "fr",
            ),
            BadExample(
                "Le gouvernement a présenté le l’avant-projet de loi au Conseil d’État.",
                "Le gouvernement a présenté l’avant-projet de loi au Conseil d’État.",
                "fr",
            ),
            BadExample(
                "The ministry published a the report on Tuesday.",
                "The ministry published the report on Tuesday.",
                "en",
            ),
            BadExample(
                "Officials said the their plan would be unveiled next week.",
                "Officials said their plan would be unveiled next week.",
                "en",
            ),
        ),
        good_examples=(
            GoodExample("Les deux ministres ont défendu chacun le leur, et les leurs ont applaudi.", "fr"),
            GoodExample("Un des soldats a été blessé. Une des victimes était un enfant.", "fr"),
            GoodExample("C’est Paris qui donne le la. La réunion se tiendra à Bamako.", "fr"),
            GoodExample("Le son des cloches a retenti, et le ton est monté entre les deux camps.", "fr"),
            GoodExample("Les Le Pen ont toujours dirigé le parti ; les Les Républicains hésitent.", "fr"),
            GoodExample("La une des journaux était consacrée au sommet.", "fr"),
            GoodExample("Il a répondu : « C’est le la la la de la chanson. »", "fr"),
            GoodExample("The A team will play the B team on Saturday.", "en"),
            GoodExample("She sang in the a cappella group at college.", "en"),
            GoodExample("Barcelona, the La Liga champions, said that the deal was close.", "en"),
        ),
    )

    def check(self, doc: Document, settings: Settings) -> Iterator[Finding]:
        lang, text = doc.lang, doc.text
        first, second = words(lang, "stray-article-first"), words(lang, "stray-article-second")
        articles = words(lang, "articles")
        exceptions = phrases(lang, "stray-article-exceptions")
        small = function_words(lang)
        pairs = stray_article_pairs(lang)
        # The tokens read after the first word: two, or the rest of an exception.
        reach = max(2, max(map(len, exceptions), default=0) - 1)
        for toks, i in pair_starts(doc, chunk_candidates(doc).stray_articles, pairs, reach):
            if i >= len(toks) - 2:
                continue
            t1, t2, t3 = toks[i], toks[i + 1], toks[i + 2]
            if t1.lower not in first or t2.lower not in second or t1.lower == t2.lower:
                continue
            if not (joined(text, t1, t2) and joined(text, t2, t3)):
                continue
            if len(t2.text) == 1 and t2.is_capitalised:
                continue  # a letter: `the A team`
            if t3.lower in small:
                continue  # `donner le la de la campagne`
            if t2.is_capitalised and t3.is_capitalised:
                continue  # a name: `les Le Pen`, `les Les Républicains`
            if matches_at(toks, i, exceptions):
                continue
            if doc.in_quotation(t1.start, t3.end):
                continue
            kind = "article" if t1.lower in articles else "determiner"
            yield self.finding(
                t1.start,
                t1.end,
                f"Stray {kind} “{t1.text}” before “{t2.text}”: left over from an edit?",
                (self._fix(doc, t1, t2),),
            )

    @staticmethod
    def _fix(doc: Document, t1: Token, t2: Token) -> tuple[int, int, str]:
        """Remove the leftover; the determiner that stays takes the capital the position needs."""
        initial = t2.text[0]
        if at_sentence_start(doc, t1.start):
            wanted = initial.upper() if t1.is_capitalised else initial
        elif t2.is_capitalised and not t2.text.isupper():
            wanted = initial.lower()
        else:
            wanted = initial
        if wanted == initial:
            return (t1.start, t2.start, "")
        return (t1.start, t2.start + 1, wanted)


# --------------------------------------------------------------------------- EDT102

# A lower-case word (all its run of letters) right before a full stop or a semicolon, as group
# `word`. The pattern starts on the stop, so the engine skips from one stop to the next instead
# of trying a word at every letter; the word, behind the stop, is read backwards.
_WORD_BEFORE_STOP = regex.lazy(
    r"[.;](?<=(?<![\p{L}\p{M}’'\-.])(?P<word>\p{Ll}[\p{L}\p{M}]*)[ \u00a0\u202f]*[.;])(?![.\p{L}\p{N}])"
)
_LOWER_WORD = regex.lazy(r"\p{Ll}[\p{L}\p{M}]*")


@cache
def sentence_final(lang: str) -> tuple[regex.TimedPattern, ...]:
    """``_WORD_BEFORE_STOP`` with the word limited to the language's `not-sentence-final` list.

    Together the patterns find exactly the matches of ``_WORD_BEFORE_STOP`` whose word is on the
    list (the look-arounds fix where a word starts and ends), without one match at every sentence
    end. There is one per stop: a pattern that starts on a literal character skips to the next
    one twice as fast as a pattern that starts on a class.
    """
    listed = sorted(w for w in words(lang, "not-sentence-final") if _LOWER_WORD.fullmatch(w))
    if not listed:
        return ()
    alternation = "|".join(regex.escape(w) for w in sorted(listed, key=lambda w: (-len(w), w)))
    pattern = _WORD_BEFORE_STOP.pattern.replace(r"\p{Ll}[\p{L}\p{M}]*", f"(?:{alternation})", 1)
    return tuple(regex.compile(regex.escape(stop) + pattern.removeprefix("[.;]")) for stop in ".;")


def sentence_final_matches(lang: str, text: str) -> Iterator[regex.Match[str]]:
    """The matches of the ``sentence_final`` patterns in ``text``, in order."""
    return heapq.merge(*(pattern.finditer(text) for pattern in sentence_final(lang)), key=lambda m: m.start())


# Below this many characters a rule uses the general pattern rather than compile the listed one
# (`sentence_final`): compiling costs more than it saves on one article.
PREFILTER_MIN_CHARS = 20_000
# Determiners that are also pronouns or numerals before such words (`ce que`, `un de ses
# frères`, `un à un`, `il leur dit`): they are not checked for what follows.
_NOT_DETERMINER_HERE = {"fr": frozenset({"ce", "un", "une", "leur", "leurs"}), "en": frozenset()}


class BlockWords:
    """A block's text in lower case with typographic apostrophes, split at white space.

    The view EDT101, EDT102 and EDT104 read in the blocks the group pass keeps (``str.split``
    is many times faster than the token pattern): two words with white space between them
    end one chunk and start the next.
    """

    __slots__ = ("chunks", "text", "word_ends", "word_starts")

    def __init__(self, text: str) -> None:
        self.text = text
        self.chunks = text.split()
        # The chunks that are not all letters but start, or end, with one (`l’armée`, `(la`, `fin.`):
        # ``repeat_starts`` looks closer at them. The others are a word, or hold none at that end.
        self.word_starts: list[int] = []
        self.word_ends: list[int] = []
        for i, chunk in enumerate(self.chunks):
            if not chunk.isalpha():
                if chunk[0].isalpha():
                    self.word_starts.append(i)
                if chunk[-1].isalpha():
                    self.word_ends.append(i)


def lowered(text: str) -> str:
    """Text in lower case with typographic apostrophes: what ``BlockWords`` splits."""
    return text.lower().replace("'", "’")


class ChunkCandidates:
    """The blocks that may hold a finding of EDT101, EDT102 or EDT104, by index in ``doc.blocks``.

    One pass over the words of the document serves the three rules; only these results are
    kept (the words of a long document would take ten times its size).
    """

    __slots__ = ("repeats", "stray_articles", "truncated_phrases")

    def __init__(self) -> None:
        self.stray_articles: list[int] = []
        self.truncated_phrases: list[int] = []
        self.repeats: dict[int, list[int]] = {}  # where `_REPEAT` may match, as offsets in the block


def chunk_candidates(doc: Document) -> ChunkCandidates:
    """The ``ChunkCandidates`` of a document, computed once."""
    return doc.shared("editing.chunk_candidates", _chunk_candidates)


# The pass reads blocks in groups of about this many characters: one lower-casing, one split
# and a few passes over the words in C serve a hundred blocks, and a group's copies stay small
# (a lowered copy of a large document would double its memory).
_GROUP_CHARS = 24_000
# Characters that separate words (so neither a token nor `_REPEAT` runs across them), replaced
# with a space before a group is split: what a news text holds besides letters and white space.
# One that is missing leaves a chunk that is not all letters, and its block is read closely.
_WORD_BREAKS = ',.;:!?()[]{}<>«»“”‘’"…—–‐-/\\|*+=#%&@$€£°©§_~^`0123456789'
# A group joins its blocks around a chunk of one of these, one the document does not hold.
_SEPARATORS = "\x00\x01\x02\x03\x04\x05\x06\x07\x08"


def _chunk_candidates(doc: Document) -> ChunkCandidates:
    """Read the document a group of blocks at a time, its words split at every break.

    A token pair of EDT101 or EDT102 (white space between the words, or an elision) is then two
    chunks in a row: the letters that end the first word and those that start the second
    (``WordPairs.first_forms``, ``second_forms``). A repeat that `_REPEAT` matches in a block
    without a case trap is two equal chunks, as its words stand between breaks. A chunk that
    holds a letter and something else (a mark, a break not in the list) may hide either: its
    block is kept for all three rules, which read it closely.
    """
    text, blocks, lang = doc.text, doc.blocks, doc.lang
    stray, truncated = stray_article_pairs(lang), truncated_phrase_pairs(lang)
    # Without a character to spare, a group is a single block (no chunk holds a space).
    separator = next((c for c in _SEPARATORS if c not in text), " ")
    joiner = f"\n{separator}\n"
    found = ChunkCandidates()
    for group in _groups(blocks, separator != " "):
        words = lowered(joiner.join([text[b.start : b.end] for b in blocks[group]]))
        for ch in _WORD_BREAKS:
            words = words.replace(ch, " ")
        chunks = words.split()
        strays, truncations = _pairs_in(chunks, stray, truncated)
        repeats = [k for k in compress(count(), map(eq, chunks, islice(chunks, 1, None))) if chunks[k] != separator]
        unread = _unread_chunks(chunks, separator)
        if not (strays or truncations or repeats or unread):
            continue
        owner = _owners(chunks, separator, group.start, strays + truncations + repeats + unread)
        everywhere = {owner[k] for k in unread}
        found.stray_articles += sorted({owner[k] for k in strays} | everywhere)
        found.truncated_phrases += sorted({owner[k] for k in truncations} | everywhere)
        for k in sorted({owner[k] for k in repeats} | everywhere):
            block = blocks[k]
            starts = repeat_starts(BlockWords(lowered(text[block.start : block.end])))
            if starts:
                found.repeats[k] = starts
    return found


def _pairs_in(chunks: list[str], *lists: WordPairs) -> list[list[int]]:
    """For each pair of lists, the chunks of a first word followed by a chunk of a second one."""
    firsts = frozenset().union(*(pairs.first_forms for pairs in lists))
    seconds = frozenset().union(*(pairs.second_forms for pairs in lists))
    # The chunks that may be a first word (about one in eight), then those a second one follows
    # (a few in a thousand): each step a pass in C.
    maybe = list(compress(count(), map(firsts.__contains__, islice(chunks, max(len(chunks) - 1, 0)))))
    maybe = list(compress(maybe, map(seconds.__contains__, map(chunks.__getitem__, map((1).__add__, maybe)))))
    return [
        [k for k in maybe if chunks[k] in pairs.first_forms and chunks[k + 1] in pairs.second_forms]
        for pairs in lists
    ]


def _groups(blocks: Sequence[Block], joined: bool) -> Iterator[slice]:
    """Runs of blocks of about ``_GROUP_CHARS`` characters; single blocks if they cannot be joined."""
    start, size = 0, 0
    for k, block in enumerate(blocks):
        size += block.end - block.start
        if size >= _GROUP_CHARS or not joined:
            yield slice(start, k + 1)
            start, size = k + 1, 0
    if start < len(blocks):
        yield slice(start, len(blocks))


def _owners(chunks: list[str], separator: str, first: int, found: list[int]) -> dict[int, int]:
    """The block of each chunk at ``found``: ``first`` (the group's) plus the separators before it."""
    owners, block, start = {}, first, 0
    for k in sorted(set(found)):
        block += chunks[start:k].count(separator)
        owners[k], start = block, k
    return owners


def _unread_chunks(chunks: list[str], separator: str) -> list[int]:
    """Where the chunks are that hold a letter and something else (a mark, a break not in the list)."""
    if "".join(chunks).replace(separator, "").isalpha():
        return []
    odd = (c for c in set(filterfalse(str.isalpha, chunks)) if c != separator and any(map(str.isalpha, c)))
    return [k for chunk in odd for k in _positions(chunks, chunk)]


def _positions(chunks: list[str], chunk: str) -> list[int]:
    """Where ``chunk`` is in ``chunks``: a scan in C, for a chunk that is rare."""
    found, k = [], -1
    try:
        while True:
            k = chunks.index(chunk, k + 1)
            found.append(k)
    except ValueError:
        return found


class WordPairs:
    """Two word lists, for a prefilter that looks for a word of the first before one of the second."""

    __slots__ = ("elided", "first_forms", "first_lengths", "firsts", "second_forms", "second_lengths", "seconds")

    def __init__(self, firsts: frozenset[str], seconds: frozenset[str]) -> None:
        self.firsts, self.seconds = firsts, seconds
        # The lengths of the first words by their last character, of the second by their first.
        self.first_lengths = _lengths_by(firsts, -1)
        self.second_lengths = _lengths_by(seconds, 0)
        # Elided first words (`l’`): the second word follows them in the same chunk.
        self.elided = tuple(sorted(w for w in firsts if w.endswith("’")))
        # The letters that end a first word and start a second one (`l’` -> `l`): the chunks the
        # group pass sees. The lists hold words, none without a letter (the tests check it).
        self.first_forms = frozenset(runs[-1] for runs in map(_letter_runs, firsts) if runs)
        self.second_forms = frozenset(runs[0] for runs in map(_letter_runs, seconds) if runs)


def _letter_runs(word: str) -> list[str]:
    """The runs of letters of a word, as the group pass splits it."""
    return "".join(ch if ch.isalpha() else " " for ch in word).split()


def _lengths_by(items: frozenset[str], edge: int) -> dict[str, tuple[int, ...]]:
    found: dict[str, set[int]] = {}
    for w in items:
        if w:
            found.setdefault(w[edge], set()).add(len(w))
    return {ch: tuple(sorted(lengths)) for ch, lengths in found.items()}


@cache
def stray_article_pairs(lang: str) -> WordPairs:
    """EDT101's two lists: a determiner before another."""
    return WordPairs(words(lang, "stray-article-first"), words(lang, "stray-article-second"))


@cache
def truncated_phrase_pairs(lang: str) -> WordPairs:
    """EDT102's two lists: a determiner before a word that cannot follow it."""
    checked = words(lang, "articles") if lang == "en" else words(lang, "determiners")
    determiners = checked - _NOT_DETERMINER_HERE.get(lang, frozenset())
    return WordPairs(determiners, frozenset(phrases_by_first_word(lang, "not-after-determiner")))


def _ends_with_word(chunk: str, pairs: WordPairs) -> bool:
    """True if the chunk may end on a token of ``pairs.firsts``: no letter runs on before it."""
    for n in pairs.first_lengths.get(chunk[-1:], ()):
        if chunk[-n:] in pairs.firsts and not chunk[-n - 1 : -n].isalpha():
            return True
    return False


def _starts_with_word(chunk: str, pairs: WordPairs) -> bool:
    """True if the chunk may start with a token of ``pairs.seconds``: no letter runs on after it
    (after an elided one, `l’`, a letter follows)."""
    for n in pairs.second_lengths.get(chunk[:1], ()):
        word = chunk[:n]
        if word in pairs.seconds and (word.endswith("’") or not chunk[n : n + 1].isalpha()):
            return True
    return False


def pair_chunks(block: BlockWords, pairs: WordPairs) -> list[int]:
    """The chunks where a first word may be followed by a second one: looser than the tokens.

    Read chunk by chunk: for the few blocks ``chunk_candidates`` keeps. A token ends its chunk
    when white space follows it, and the lower case of a chunk ends with that of its last token.
    """
    chunks, firsts, seconds = block.chunks, pairs.firsts, pairs.seconds
    found = []
    for k, chunk in enumerate(chunks):
        if k + 1 < len(chunks) and (
            chunk in firsts or (not chunk.isalpha() and chunk[-1].isalpha() and _ends_with_word(chunk, pairs))
        ):
            second = chunks[k + 1]
            if second in seconds or (not second.isalpha() and _starts_with_word(second, pairs)):
                found.append(k)
                continue
        for elided in pairs.elided:
            i = chunk.find(elided)
            while i >= 0 and not _starts_with_word(chunk[i + len(elided) :], pairs):
                i = chunk.find(elided, i + 1)
            if i >= 0:
                found.append(k)
                break
    return found


def candidate_windows(
    text: str, block: Block, chunked: BlockWords, chosen: list[int], lang: str, after: int
) -> Iterator[tuple[list[Token], list[int]]]:
    """The tokens around the chosen chunks of a block, with the indices of those in the chunks.

    A window starts at the chunk before a chosen one and ends at white space, where the tokens
    are those of the whole block (no token holds white space); it holds ``after`` tokens after
    those of the chosen chunks, unless the block ends first. A rule that reads no further from
    a token than the token before it and ``after`` tokens on finds what it would in the whole
    block, tokenising a few words instead of the paragraph.
    """
    chunks = chunked.chunks
    if len(chunked.text) != block.end - block.start:  # the lower case has other offsets
        toks = tokens(text, block, lang)
        yield toks, list(range(len(toks)))
        return
    starts, ends, offset = [], [], 0
    for chunk in chunks:
        offset = chunked.text.find(chunk, offset)
        starts.append(offset)
        offset += len(chunk)
        ends.append(offset)
    last = len(chunks) - 1
    groups: list[list[int]] = []  # chosen chunks close enough to share a window
    for k in chosen:
        if groups and k <= groups[-1][-1] + after:
            groups[-1].append(k)
        else:
            groups.append([k])
    for picked in groups:
        spans = [(block.start + starts[k], block.start + ends[k]) for k in picked]
        begin, stop = block.start + starts[max(picked[0] - 1, 0)], picked[-1]
        while True:
            stop = min(stop + after, last)
            toks = tokens(text, Block(begin, block.start + ends[stop]), lang)
            inside = [i for i, t in enumerate(toks) if any(s <= t.start < e for s, e in spans)]
            if stop == last or not inside or len(toks) - inside[-1] > after:
                break
        yield toks, inside


def pair_starts(
    doc: Document, blocks: Iterable[int], pairs: WordPairs, reach: int
) -> Iterator[tuple[list[Token], int]]:
    """(tokens of a window, index of a token) where a word of ``pairs.firsts`` may open a pair.

    Only the given candidate blocks (by index) are read, and in them only the
    windows around the chunks ``pair_chunks`` picks, ``reach`` tokens long
    after each: what EDT101 and EDT102 then test word by word.
    """
    text, lang = doc.text, doc.lang
    for k in blocks:
        block = doc.blocks[k]
        bw = BlockWords(lowered(text[block.start : block.end]))
        for toks, chosen in candidate_windows(text, block, bw, pair_chunks(bw, pairs), lang, reach):
            for i in chosen:
                yield toks, i


class TruncatedPhrase(DocumentRule):
    meta = RuleMeta(
        code="EDT102",
        name="truncated-phrase",
        summary="A phrase cut short: an article before a word that cannot follow it, or a sentence ending on one.",
        severity=Severity.WARNING,
        description=(
            "Cutting a passage often leaves the first half of a phrase hanging: `de la non seulement`, "
            "`the of`, `… a déclaré le.`, `the talks will resume in the.`. Two patterns are flagged: an "
            "article or determiner right before a word that cannot follow it (a conjunction, a preposition, "
            "a subject pronoun: `not-after-determiner.txt`), and a sentence that ends on an article, a "
            "preposition that cannot close a French sentence, or a coordinating conjunction "
            "(`not-sentence-final.txt`). English sentences may end on a preposition (`what it is made of.`), "
            "so only articles and conjunctions count there. Not flagged: object pronouns (`fais-le.`, "
            "`je les en ai informés`), idioms (`le pour et le contre`, `le non l’a emporté`, `prendre le "
            "car`, `donner le la`), letters (`from a to z`), an ellipsis (a deliberate trailing off), a "
            "colon announcing a list, headings and quoted speech. No fix: the missing words are unknown."
        ),
        bad_examples=(
            BadExample(
                "Leur coopération dans les domaines de la défense et de la non seulement au niveau sécuritaire, "
                "mais aussi au niveau économique, progresse.",
                None,
                "fr",
            ),
            BadExample("Le ministre malien a déclaré le. La réunion a duré deux heures.", None, "fr"),
            BadExample("Les discussions ont porté sur la défense et de la . Elles reprendront mardi.", None, "fr"),
            BadExample(
                "Les deux délégations se retrouveront à Moscou et. Aucune date n’a été fixée.", None, "fr"
            ),
            BadExample("Le texte a été adopté par les de la majorité présidentielle.", None, "fr"),
            BadExample("Talks will resume next week in the. No date has been set.", None, "en"),
            BadExample("The minister said the of the agreement would be published.", None, "en"),
            BadExample("The deal covers energy, mining and. Officials gave no figures.", None, "en"),
            BadExample(
                "Le texte prévoit :\n\n- la suppression de la taxe sur les\n- une baisse des impôts.\n", None, "fr"
            ),
        ),
        good_examples=(
            GoodExample("Il faut peser le pour et le contre. Le non l’a emporté de peu.", "fr"),
            GoodExample("C’est un salon où l’on complote et où l'on se tait.", "fr"),
            GoodExample("Faites-le. Il les en a informés lundi, et il le leur a répété.", "fr"),
            GoodExample("C’est lui qui donne le la. Il n’en reste qu’un. L’affaire a fait la une.", "fr"),
            GoodExample("Le texte prévoit de :\n\n- réduire le déficit ;\n- relever les taxes.", "fr"),
            GoodExample(
                "Un de ses frères est arrivé. Ce que le ministre a dit compte. Un à un, ils sont sortis.", "fr"
            ),
            GoodExample("Les de Gaulle ont quitté Colombey. Il a dit « de la… ».", "fr"),
            GoodExample("It is something he is proud of. He said he wanted to.", "en"),
            GoodExample("The schedule runs from a to z. Police arrived at 9 a.m. on Tuesday.", "en"),
            GoodExample("“We will go to the…” he said, then stopped.", "en"),
            GoodExample("Main measures:\n\n- a tax on flights\n- a cap on bonuses\n", "en"),
        ),
    )

    def check(self, doc: Document, settings: Settings) -> Iterator[Finding]:
        yield from self._bad_followers(doc)
        yield from self._bad_endings(doc)
        yield from self._open_items(doc)

    def _open_items(self, doc: Document) -> Iterator[Finding]:
        """A list item or heading that stops on an article was cut (paragraphs: EDT107/EDT108)."""
        articles = words(doc.lang, "articles") & words(doc.lang, "not-sentence-final")
        endings = tuple(articles)
        for block in doc.blocks:
            if block.kind not in (BlockKind.LIST_ITEM, BlockKind.HEADING, BlockKind.TABLE_CELL):
                continue
            if not lowered(doc.text[block.start : block.end].rstrip()).endswith(endings):
                continue  # the last token ends the block's text, in lower case too
            last = last_token(doc.text, block, doc.lang)
            if last is None or doc.text[last.end : block.end].strip():
                continue
            if not last.is_lower or last.lower not in articles or doc.in_quotation(last.start, last.end):
                continue
            yield self.finding(
                last.start, last.end, f"Line ends on the article “{last.text}”: words seem to be missing."
            )

    def _bad_followers(self, doc: Document) -> Iterator[Finding]:
        lang, text = doc.lang, doc.text
        pairs = truncated_phrase_pairs(lang)
        determiners = pairs.firsts
        followers = phrases_by_first_word(lang, "not-after-determiner")
        exceptions = phrases(lang, "truncated-phrase-exceptions")
        prepositions = words(lang, "prepositions")
        particles = words(lang, "name-particles")
        # The tokens read after the determiner: a sequence and the word after it, or an exception.
        longest = max((len(seq) for seqs in followers.values() for seq in seqs), default=0)
        reach = max(longest + 1, max(map(len, exceptions), default=0) - 1)
        for toks, i in pair_starts(doc, chunk_candidates(doc).truncated_phrases, pairs, reach):
            if i >= len(toks) - 1:
                continue
            t1, t2 = toks[i], toks[i + 1]
            if t1.lower not in determiners or not t2.is_lower or not joined(text, t1, t2):
                continue
            candidates = followers.get(t2.lower, ())
            seq = next((s for s in candidates if self._seq_at(text, toks, i + 1, s)), None)
            if seq is None or matches_at(toks, i, exceptions):
                continue
            after = toks[i + len(seq) + 1] if i + len(seq) + 1 < len(toks) else None
            if t2.lower in particles and after is not None and after.is_capitalised:
                continue  # `les de Gaulle`: a name with its particle
            start = t1.start
            lead = t1.text
            if i > 0 and toks[i - 1].lower in prepositions and joined(text, toks[i - 1], t1):
                start, lead = toks[i - 1].start, text[toks[i - 1].start : t1.end]
            end = toks[i + len(seq)].end
            if doc.in_quotation(start, end):
                continue
            yield self.finding(
                start,
                end,
                f"Truncated phrase: “{lead}” is followed by “{text[t2.start:end]}”: "
                "words seem to be missing.",
            )

    @staticmethod
    def _seq_at(text: str, toks: Sequence[Token], i: int, seq: tuple[str, ...]) -> bool:
        if i + len(seq) > len(toks):
            return False
        for k, word in enumerate(seq):
            if toks[i + k].lower != word or (k and not joined(text, toks[i + k - 1], toks[i + k])):
                return False
        return True

    def _bad_endings(self, doc: Document) -> Iterator[Finding]:
        lang, text = doc.lang, doc.text
        final = words(lang, "not-sentence-final")
        exceptions = phrases(lang, "sentence-final-exceptions")
        if len(text) >= PREFILTER_MIN_CHARS:
            found = sentence_final_matches(lang, text)
        else:
            found = _WORD_BEFORE_STOP.finditer(text)
        # One pass over the text for the words of every block but the headings.
        block: Block | None = None
        toks: list[Token] = []  # the current block's, tokenised only once it holds a candidate
        starts: dict[int, int] = {}
        for m in found:
            word = m.group("word")
            if word.replace("'", "’") not in final:
                continue
            word_start, word_end = m.span("word")
            here = doc.block_at(word_start)
            if here is None or word_end > here.end or here.kind is BlockKind.HEADING:
                continue
            if here is not block:
                block, toks = here, tokens(text, here, lang)
                starts = {t.start: k for k, t in enumerate(toks)}
            k = starts.get(word_start)
            if k is None or ends_at(toks, k, exceptions):
                continue
            if doc.in_quotation(word_start, word_end):
                continue
            start, shown = word_start, word
            if k > 0 and joined(text, toks[k - 1], toks[k]):
                start, shown = toks[k - 1].start, text[toks[k - 1].start : word_end]
            yield self.finding(
                start,
                word_end,
                f"Sentence ends on “{shown}”: words seem to be missing (cut during an edit?).",
            )


# --------------------------------------------------------------------------- EDT103

_URLISH = regex.lazy(r"^(?:www\.|https?://)|@|\.\p{L}{2,}/")
INNER_CAPITAL = regex.lazy(r"^\p{Ll}+\p{Lu}")  # iPhone, eBay, mRNA
_OPENERS = "«“‘\"'([¿¡—–- \u00a0\u202f"
_CLOSERS = "»”’\"')] \u00a0\u202f"


class SentenceFragment(DocumentRule):
    meta = RuleMeta(
        code="EDT103",
        name="sentence-fragment",
        summary="A sentence that starts in lower case after a full stop (`des Maliens. soldats.`).",
        severity=Severity.WARNING,
        description=(
            "A full stop followed by a word in lower case means the sentence was cut in two by an edit, "
            "or a word was left behind: `aux côtés des Maliens. soldats.`. A fragment of one or two words "
            "is reported as an orphaned word; a longer one as a stray full stop or missing words. Not "
            "flagged: abbreviations and initials (the sentence splitter already reads `M.`, `U.S.`, "
            "`p.m.`, `J.-P.` as such), a single letter or a number before the full stop (list markers), "
            "brand names with an inner capital (`iPhone`, `eBay`), name particles before a capitalised "
            "name (`de Villepin a répondu`), web addresses, and quoted speech. Short sentences that "
            "start with a capital (`Non.`, `Il a refusé.`, `Not yet.`) are journalism, not fragments. "
            "No fix: which words are missing is a question for the editor."
        ),
        bad_examples=(
            BadExample("Ils seront par centaines à combattre aux côtés des Maliens. soldats.", None, "fr"),
            BadExample(
                "Le président a reçu son homologue. les deux hommes ont évoqué la sécurité régionale.",
                None,
                "fr",
            ),
            BadExample("Les combats ont repris dans la nuit. autour. Les civils fuient la ville.", None, "fr"),
            BadExample("The two leaders met on Monday. talks. They will meet again in June.", None, "en"),
            BadExample("Officials confirmed the figures. the report will be published on Friday.", None, "en"),
        ),
        good_examples=(
            GoodExample("Il a refusé. Non. Il n’a rien dit de plus.", "fr"),
            GoodExample("M. Lavrov et Mme Borne ont cité J.-P. Sartre et le Dr Martin, p. 12.", "fr"),
            GoodExample(
                "L’ancien Premier ministre est intervenu. de Villepin a dénoncé un passage en force.", "fr"
            ),
            GoodExample("Apple a présenté son nouveau téléphone. iPhone et iPad restent ses piliers.", "fr"),
            GoodExample("Les points sont les suivants : a. la défense ; b. l’économie.", "fr"),
            GoodExample("He said: “We came. we saw.” Nobody answered.", "en"),
            GoodExample("The U.S. ambassador met Gen. Smith at 10 a.m. on Tuesday.", "en"),
            GoodExample("Is it enough? Not yet. The agency said so on eBay. eBay declined to comment.", "en"),
            GoodExample("Visit the website. www.example.com has the details.", "en"),
            GoodExample("The attack was the third this week. (posted 2 a.m.)", "en"),
        ),
    )

    def check(self, doc: Document, settings: Settings) -> Iterator[Finding]:
        text, lang = doc.text, doc.lang
        abbreviations = lexicons.load(lang, "abbreviations")
        particles = words(lang, "name-particles")
        for _block, sentences in _sentence_blocks(doc):
            for prev, sentence in zip(sentences, sentences[1:]):
                # The sentence's opening first: few sentences start in lower case.
                if text[sentence.start].isupper():
                    continue
                body = text[sentence.start : sentence.end]
                lead = len(body) - len(body.lstrip(_OPENERS))
                if lead and body[0] in "«“‘\"'([":
                    continue  # a quotation or a bracketed aside opens here: `(posted 2 a.m.)`
                start = sentence.start + lead
                if start >= sentence.end or not text[start].islower():
                    continue
                head = text[prev.start : prev.end].rstrip(_CLOSERS)
                if not head.endswith(".") or head.endswith(".."):
                    continue
                if self._abbreviation_before(head[:-1], abbreviations):
                    continue
                first_word = body[lead:].split(maxsplit=1)[0]
                if _URLISH.search(first_word) or INNER_CAPITAL.match(first_word):
                    continue
                toks = tokens(text, Block(start, sentence.end), lang)
                if not toks:
                    continue
                if toks[0].lower in particles and len(toks) > 1 and toks[1].is_capitalised:
                    continue
                if doc.in_quotation(start, sentence.end):
                    continue
                yield self._report(text, toks, start, sentence)

    @staticmethod
    def _abbreviation_before(head: str, abbreviations: frozenset[str]) -> bool:
        """True if the full stop closes an abbreviation, an initial, a list marker or a number."""
        last = head.split()[-1] if head.split() else ""
        last = last.lstrip("«“\"'([")
        return (
            len(last) <= 1
            or "." in last
            or last.isdigit()
            or last in abbreviations
            or last.lower() in abbreviations
        )

    def _report(self, text: str, toks: list[Token], start: int, sentence: Span) -> Finding:
        if len([t for t in toks if t.text[0].isalpha()]) <= 2:
            shown = text[start : sentence.end]
            if len(shown) > 60:  # a run-on "fragment" in scraped text: quote its start only
                shown = shown[:57].rstrip() + "…"
            return self.finding(
                start,
                sentence.end,
                f"Fragment “{shown}” stands alone after a full stop: a word cut from the previous sentence?",
            )
        first = toks[0]
        return self.finding(
            first.start,
            first.end,
            f"Sentence starts in lower case after a full stop (“{first.text}”): "
            "a stray full stop or missing words?",
        )


# --------------------------------------------------------------------------- EDT104

_REPEAT = regex.lazy(
    r"(?<![\p{L}\p{M}\p{N}’'\-‐])(?P<a>\p{L}[\p{L}\p{M}]*)"
    r"(?P<gap>[ \t\u00a0\u202f]+\n?[ \t\u00a0\u202f]*|\n[ \t\u00a0\u202f]*)"
    r"(?P<b>(?i:(?P=a)))(?![\p{L}\p{M}\p{N}’'\-‐])"
)


class RepeatedWord(DocumentRule):
    meta = RuleMeta(
        code="EDT104",
        name="repeated-word",
        summary="A word typed twice in a row (`de de`, `the the`), also across a line break.",
        severity=Severity.WARNING,
        fixable=Applicability.SAFE,
        description=(
            "The doubled word is the classic slip of retyping or of joining two versions of a sentence. "
            "The comparison ignores case (`the The`) and crosses a line break inside a paragraph. "
            "Legitimate doublings are data (`repeated-word-exceptions.txt`): French `nous nous`, "
            "`vous vous`, `en en parlant`; English `had had`, `that that`, `gave her her passport`. "
            "Two capitalised words are a name (`Bora Bora`, `Sirhan Sirhan`) and are left alone, as is "
            "quoted speech. The fix removes the second word: safe for articles, prepositions and "
            "conjunctions, unsafe for other words (an editor should check which one was meant)."
        ),
        bad_examples=(
            BadExample(
                "Le ministre des Affaires étrangères de de la Fédération de Russie est arrivé lundi.",
                "Le ministre des Affaires étrangères de la Fédération de Russie est arrivé lundi.",
                "fr",
            ),
            BadExample(
                "La réunion sera suivie d’une conférence de presse animée par les les deux ministres.",
                "La réunion sera suivie d’une conférence de presse animée par les deux ministres.",
                "fr",
            ),
            BadExample(
                "Le Le président de la transition a reçu Sergueï Lavrov.",
                "Le président de la transition a reçu Sergueï Lavrov.",
                "fr",
            ),
            BadExample("Les soldats maliens maliens ont été déployés dans le nord.", None, "fr"),
            BadExample(
                "The Senate on Saturday passed a stopgap\nspending bill that keeps the\nthe federal "
                "government funded until\nmid-November, hours before a deadline.",
                "The Senate on Saturday passed a stopgap\nspending bill that keeps the federal "
                "government funded until\nmid-November, hours before a deadline.",
                "en",
            ),
            BadExample(
                "Officials said the The agreement would be signed.",
                "Officials said the agreement would be signed.",
                "en",
            ),
        ),
        good_examples=(
            GoodExample("Nous nous sommes battus jusqu’au bout, et vous vous en souviendrez.", "fr"),
            GoodExample("C’est en en parlant avec lui qu’il a compris.", "fr"),
            GoodExample("Il a dit : « Je je ne sais pas. »", "fr"),
            GoodExample("Le vol pour Bora Bora a été annulé.", "fr"),
            GoodExample("Au Sénat, les Les Républicains ont voté contre.", "fr"),
            GoodExample("The company had had three chief executives. He said that that was final.", "en"),
            GoodExample("She gave her her passport back. Sirhan Sirhan was denied parole.", "en"),
            GoodExample("“It is, it is the the best day,” she said.", "en"),
        ),
    )

    def check(self, doc: Document, settings: Settings) -> Iterator[Finding]:
        text, lang = doc.text, doc.lang
        exceptions = words(lang, "repeated-word-exceptions")
        small = function_words(lang)
        traps, repeats = case_trap_blocks(doc), chunk_candidates(doc).repeats
        for k, block in enumerate(doc.blocks):
            if traps and block in traps:
                found = _REPEAT.finditer(text, block.start, block.end, overlapped=True)
            elif k in repeats:  # the matches where the chunks say one may start, in order
                found = (_REPEAT.match(text, block.start + start, block.end) for start in repeats[k])
            else:
                continue
            for m in found:
                if m is None:
                    continue
                a, b = m.group("a"), m.group("b")
                low = a.lower().replace("'", "’")
                if low in exceptions:
                    continue
                if a[0].isupper() and b[0].isupper() and low not in small:
                    continue  # a name: `Bora Bora`
                if len(a) == 1 and a.isupper():
                    continue  # initials or letters
                if a[0].islower() and b[0].isupper() and self._name_follows(text, m.end(), block.end):
                    continue  # `les Les Républicains`: an article before a name that starts with one
                if doc.in_quotation(m.start(), m.end()):
                    continue
                safe = low in small
                yield self.finding(
                    m.start("b"),
                    m.end("b"),
                    f"Repeated word “{a} {b}”: typed twice?",
                    ((m.end("a"), m.end("b"), ""),),
                    Applicability.SAFE if safe else Applicability.UNSAFE,
                )

    @staticmethod
    def _name_follows(text: str, offset: int, end: int) -> bool:
        m = _NEXT_WORD.match(text, offset, end)
        return m is not None and m.group(1)[0].isupper()


_NEXT_WORD = regex.lazy(r"[ \t\u00a0\u202f\n]+(\p{L}+)")


# Lower-case letters most Latin-script prose is written in: ``repeat_starts`` reads the edges
# of a chunk with ``str.strip`` before it falls back on a pattern.
_LATIN_LOWER = "abcdefghijklmnopqrstuvwxyzßàáâãäåæçèéêëìíîïñòóôõöøùúûüýÿœ"
# What may not touch a repeated word (the look-arounds of ``_REPEAT``), besides letters and marks.
_WORD_GLUE = "’'-‐"
_LAST_WORD = regex.lazy(r"(?<![\p{L}\p{M}\p{N}’'\-‐])[\p{L}\p{M}]+\Z")
_FIRST_WORD = regex.lazy(r"[\p{L}\p{M}]++(?![\p{N}’'\-‐])")


def repeat_starts(block: BlockWords) -> list[int]:
    """Where ``_REPEAT`` may match in the block (offsets in it), read from its chunks.

    The first word ends a chunk, the second starts the next, and the two are equal in lower
    case: ``str.lower`` stands in for the pattern's case-insensitive match in a block without
    any of the letters ``case_trap_blocks`` finds, and has the block's length.
    """
    chunks = block.chunks
    found: list[tuple[int, int]] = []  # (chunk, length of the word that ends it)
    for k in compress(count(), map(eq, chunks, islice(chunks, 1, None))):
        word = chunks[k] if chunks[k].isalpha() else _last_word(chunks[k])
        if word:
            found.append((k, len(word)))
    # A word that is not a whole chunk (`(de`, `de,`): a mixed chunk is on one side at least.
    for i in block.word_starts:
        if i > 0:
            mixed, before = chunks[i], chunks[i - 1]
            if before.isalpha():
                if mixed.startswith(before) and _first_word(mixed) == before:
                    found.append((i - 1, len(before)))
            elif before[-1].isalpha():
                word = _last_word(before)
                if word and word == _first_word(mixed):
                    found.append((i - 1, len(word)))
    last = len(chunks) - 1
    for i in block.word_ends:
        if i < last:
            mixed, after = chunks[i], chunks[i + 1]
            if after.isalpha() and mixed.endswith(after) and _last_word(mixed) == after:
                found.append((i, len(after)))
    if not found:
        return []
    ends, offset = [], 0  # where each chunk ends, up to the last one wanted
    for chunk in islice(chunks, max(k for k, _ in found) + 1):
        offset = block.text.find(chunk, offset) + len(chunk)
        ends.append(offset)
    return sorted({ends[k] - length for k, length in found})


# `µ`, `ß`, `İ`, `ı`, `ſ` and what is past U+017F, but for general punctuation and currency signs
# (no letter or mark among them): a negated class, which the engine scans several times faster.
_MAY_TRAP = regex.lazy(r"[^\x00-\u00b4\u00b6-\u00de\u00e0-\u012f\u0132-\u017e\u2000-\u206f\u20a0-\u20cf]")


_TRAP_KINDS = frozenset({"Lu", "Ll", "Lt", "Lm", "Lo", "Mn", "Mc", "Me", "Cn"})


def case_trap_blocks(doc: Document) -> set[Block]:
    """The blocks holding a letter whose case ``_REPEAT`` reads more loosely than ``str.lower``.

    Such a pair of letters (`ſ` and `s`, `İ` and `i`, Greek and Cyrillic variants) always holds
    `µ`, `ß`, `İ`, `ı`, `ſ` or a letter past U+017F. In other blocks, two words the pattern
    reads as one are equal in lower case. Marks (`◌́`) count too: all are past U+017F.
    """
    text = doc.text
    # Unassigned characters count too: the pattern may know a later Unicode than ``unicodedata``.
    traps = {ch for ch in set(_MAY_TRAP.findall(text)) if ch in "µßİıſ" or unicodedata.category(ch) in _TRAP_KINDS}
    found: set[Block] = set()
    for trap in traps:
        i = text.find(trap)
        while i >= 0:
            block = doc.block_at(i)
            if block is not None:
                found.add(block)
            i = text.find(trap, i + 1 if block is None else max(i + 1, block.end))
    return found


def _last_word(chunk: str) -> str:
    """The letters and marks that end the chunk, if nothing but a word boundary is before them."""
    rest = chunk.rstrip(_LATIN_LOWER)
    if not rest:
        return chunk
    before = rest[-1]
    if before in _WORD_GLUE or before.isdigit():
        return ""
    if before.isalnum() or unicodedata.category(before)[0] == "M":
        m = _LAST_WORD.search(chunk)
        return m.group() if m else ""
    return chunk[len(rest) :]


def _first_word(chunk: str) -> str:
    """The letters and marks that start the chunk, if nothing but a word boundary is after them."""
    rest = chunk.lstrip(_LATIN_LOWER)
    if not rest:
        return chunk
    after = rest[0]
    if after in _WORD_GLUE or after.isdigit():
        return ""
    if after.isalnum() or unicodedata.category(after)[0] == "M":
        m = _FIRST_WORD.match(chunk)
        return m.group() if m else ""
    return chunk[: len(chunk) - len(rest)]

RULES = [StrayArticle(), TruncatedPhrase(), SentenceFragment(), RepeatedWord()]
