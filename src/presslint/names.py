"""Proper names in an article: find the mentions, group those that name the same person or body.

Shared by the consistency rules (CON101, CON102) and the ``presslint names``
command. Grouping is built to cost time in proportion to the article: mentions
are first reduced to their distinct spellings, and fuzzy comparisons
(``rapidfuzz``) only run inside small blocks (same surname, or same first name
and surname prefix), never between every pair of mentions.
"""

from __future__ import annotations

import unicodedata
from array import array
from collections import defaultdict
from collections.abc import Iterable, Sequence
from functools import cache, lru_cache
from operator import attrgetter
from typing import TYPE_CHECKING, NamedTuple

from presslint import lexicons
from presslint import timed_regex as regex  # every pattern call runs under a time budget
from presslint.formats.prose import BlockKind

if TYPE_CHECKING:
    from presslint.document import Document

# A token: an initial (`J.`, `J.-P.`) or a word, with an optional elided particle (`d’Estaing`)
# or an Arabic article joined by a hyphen (`al-Assad`).
_TOKEN = regex.lazy(
    r"""
    (?P<initial>\p{Lu}\.(?:-\p{Lu}\.)?)(?!\p{L})
    |
    (?P<elision>(?<![\p{L}\p{M}])[dDlL][’'](?=\p{Lu}))?
    (?P<word>(?<![\p{L}\p{M}])\p{L}[\p{L}\p{M}]*(?:[-’'][\p{L}][\p{L}\p{M}]*)*)
    """,
    regex.VERBOSE,
)
_ARTICLE_PREFIX = regex.lazy(r"^(?:al|el|ad|ar|as|ash|at|az|an|ul)-\p{Lu}")
_RUN_GAP_CHARS = " \u00a0\u202f"  # what may separate two words of one name
_OPENERS = set("«“\"'‘([—–- \u00a0\u202f")
_APOSTROPHES = str.maketrans({"’": "'", "ʼ": "'"})


@lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """Case- and accent-insensitive key: `Goïta` and `GOITA` fold alike (cached: names recur)."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_APOSTROPHES))
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return stripped.casefold().replace("œ", "oe").replace("æ", "ae")


def surface(text: str) -> str:
    """A spelling as compared between mentions: apostrophe style is another rule's business."""
    return text.translate(_APOSTROPHES)


# --------------------------------------------------------------------------- transliteration

_SKELETON_RULES: tuple[tuple[str, str], ...] = (
    ("tch", "ch"),
    ("dj", "j"),
    ("ph", "f"),
    ("kh", "k"),
    ("gh", "g"),
    ("ck", "k"),
    ("gue", "ge"),
    ("gui", "gi"),
    ("ou", "u"),
    ("oo", "u"),
    ("ey", "ei"),
    ("y", "i"),
    ("q", "k"),
)
_VOWELS = frozenset("aeiou")


@cache
def skeleton(folded: str) -> str:
    """A transliteration key: `serguei`/`sergei`/`sergey` and `mohammed`/`mohamed` coincide."""
    s = folded
    for a, b in _SKELETON_RULES:
        s = s.replace(a, b)
    out: list[str] = []
    for ch in s:
        if not out or out[-1] != ch:
            out.append(ch)
    return "".join(out)


def signature(folded: str) -> str:
    """A blocking key that every close transliteration shares: the skeleton with inner vowels masked.

    ``close_transliteration`` only accepts equal skeletons or inner vowel
    substitutions, so two close words always fall in the same block and only
    candidates that may match are ever compared.
    """
    sk = skeleton(folded)
    if len(sk) < 3:
        return sk
    return sk[0] + "".join("*" if c in _VOWELS else c for c in sk[1:-1]) + sk[-1]


class Comparisons:
    """How many fuzzy comparisons grouping made: the measure of its cost."""

    __slots__ = ("count",)

    def __init__(self, count: int = 0) -> None:
        self.count = count


def close_transliteration(a: str, b: str, counter: Comparisons | None = None) -> bool:
    """True if two folded name words are spellings of one name (Abdullah/Abdallah, Sergueï/Sergei).

    Deliberately narrow: same first letter, same length once transliterated, and
    only vowel substitutions inside the word (never the last letter: Mario/Maria,
    Jean/Jeanne and Daniel/Danielle are different people).
    """
    if a == b:
        return True
    if counter is not None:
        counter.count += 1
    if len(a) < 4 or len(b) < 4 or a[0] != b[0]:
        return False
    sa, sb = skeleton(a), skeleton(b)
    if sa == sb:
        return True
    if len(sa) != len(sb) or len(sa) < 5 or sa[-1] != sb[-1]:
        return False
    from rapidfuzz.distance import Hamming

    if Hamming.distance(sa, sb) > (1 if len(sa) < 7 else 2):
        return False
    return all(x == y or (x in _VOWELS and y in _VOWELS) for x, y in zip(sa, sb))


# --------------------------------------------------------------------------- mentions


class Token(NamedTuple):
    """A word of a sentence; a named tuple, as every word of the article becomes one."""

    start: int
    end: int
    text: str
    fold: str
    initial: bool = False
    particle: bool = False


_INITIAL = attrgetter("initial")
_PARTICLE = attrgetter("particle")
_new_token = tuple.__new__  # a Token without the keyword handling of its constructor: tokens are many
_new_mention = tuple.__new__  # likewise for mentions


class Mention(NamedTuple):
    """A run of capitalised words read as a proper name, in prose offsets.

    A named tuple: an article names someone every few lines, and a large file
    makes tens of thousands of mentions.
    """

    start: int
    end: int
    text: str
    tokens: tuple[Token, ...]
    # Written in capitals where capitals are the layout (an all-caps heading or line).
    layout_caps: bool = False

    @property
    def names(self) -> tuple[Token, ...]:
        """The tokens that are not particles."""
        tokens = self.tokens
        if len(tokens) <= 2 and not tokens[0].particle and not tokens[-1].particle:
            return tokens  # most mentions: particles only ever stand between two names
        return tuple(t for t in tokens if not t.particle)

    @property
    def is_full(self) -> bool:
        return len(self.names) >= 2

    @property
    def surname(self) -> Token:
        return self.names[-1]

    @property
    def first(self) -> Token:
        return self.names[0]


class NameLexicons(NamedTuple):
    """The word lists that tell names from other capitalised words."""

    starters: frozenset[str]
    titles: frozenset[str]
    particles: frozenset[str]


@cache
def name_lexicons(lang: str) -> NameLexicons:
    return NameLexicons(
        starters=lexicons.load(lang, "name-sentence-starters"),
        titles=lexicons.load(lang, "name-titles"),
        particles=lexicons.load(lang, "name-connectors"),
    )


def _is_capitalised(word: str) -> bool:
    # `al-Assad`: the article pattern needs a hyphen, so most lower-case words skip it.
    return word[:1].isupper() or ("-" in word and bool(_ARTICLE_PREFIX.match(word))) or (
        len(word) > 1 and word[0] == "O" and word[1] in "’'"
    )


def _is_all_caps(text: str) -> bool:
    second = text[1:2]
    if second.isalpha() and not second.isupper():  # `Abc`, most names: settled at the second letter
        return False
    letters = list(filter(str.isalpha, text))  # filter/map: the per-character tests run in C
    return len(letters) >= 2 and all(map(str.isupper, letters))


def line_in_capitals(text: str, start: int, end: int) -> bool:
    """True if the line holding ``[start, end)`` is written in capitals (a wire slug, a heading)."""
    ls = text.rfind("\n", 0, start) + 1
    le = text.find("\n", end)
    return _caps_line(text, ls, le if le >= 0 else len(text))


_CAPS_LINE_HEAD = 64


@lru_cache(maxsize=8)
def _caps_line(text: str, ls: int, le: int) -> bool:
    # Cached: a long line full of capitalised names would otherwise be re-read per name (quadratic).
    # A line of prose is settled by its head: had all the rest capitals, they would not reach nine in ten.
    rest = le - ls - _CAPS_LINE_HEAD
    if rest > 0:
        head = list(filter(str.isalpha, text[ls : ls + _CAPS_LINE_HEAD]))
        upper = sum(map(str.isupper, head))
        if (upper + rest) / (len(head) + rest) < 0.9:
            return False
    letters = list(filter(str.isalpha, text[ls:le]))
    if len(letters) < 4:
        return False
    upper = sum(map(str.isupper, letters))
    return upper / len(letters) >= 0.9


def _tokens(text: str, start: int, end: int, particles: frozenset[str]) -> list[Token]:
    """The capitalised words, initials and particles of ``text[start:end]``.

    Lower-case words are left out: they only ever stop a run of name words, and
    the text between two kept tokens (which then holds them) stops it as well.
    """
    out: list[Token] = []
    append, new = out.append, _new_token
    for m in _TOKEN.finditer(text, start, end):
        initial, elision, word = m.groups()
        if initial:
            whole = m.group()
            append(new(Token, (m.start(), m.end(), whole, fold(whole), True, False)))
        elif word[0].isupper() or ("-" in word and _ARTICLE_PREFIX.match(word)):  # as `_is_capitalised`
            append(new(Token, (m.start(), m.end(), (elision or "") + word, fold(word), False, False)))
        elif word in particles:
            append(new(Token, (m.start(), m.end(), word, fold(word), False, True)))
    return out


def _plain_tokens(words: str, start: int, particles: frozenset[str]) -> list[Token] | None:
    """The tokens of a phrase of plain words at ``start``, as ``_tokens`` reads them (None if one is not plain)."""
    out: list[Token] = []
    for word in words.split():
        if word[0].isupper():
            out.append(_new_token(Token, (start, start + len(word), word, fold(word), False, False)))
        elif word in particles:
            out.append(_new_token(Token, (start, start + len(word), word, fold(word), False, True)))
        else:
            return None
        start += len(word) + 1  # words are one space apart
    return out


def _one_space(text: str, a: int, b: int, spaces: str = " \u00a0") -> bool:
    """True if ``text[a:b]`` is one of ``spaces`` (without slicing a long gap)."""
    return b - a == 1 and text[a] in spaces


def _capital(tok: Token) -> bool:
    return bool(tok.fold) and not tok.particle


def _sentence_initial(text: str, sentence_start: int, pos: int) -> bool:
    """True if only openers stand between the sentence start and ``pos`` (read up to the first other)."""
    i = sentence_start
    while i < pos and text[i] in _OPENERS:
        i += 1
    return i == pos


# Characters a token may hold (`_TOKEN`: letters, marks, `.-’'`). Text between two runs of them
# never belongs to a token, so a window cut there tokenises as its whole sentence does.
_TOKEN_CHAR = r"[\p{L}\p{M}.\-’']"
# A letter that is not lower case: every capitalised token holds one. `a-z` first settles most letters of
# a text without a property lookup.
_NOT_LOWER = r"[^a-z\P{L}\p{Ll}]"
_GAP = r"[ \u00a0\u202f]"


@cache
def _phrases(particles: frozenset[str]) -> regex.TimedPattern:
    """Stretches of text where a name may stand, found in one pass over the text.

    A phrase is a run of words holding a capital letter, joined by single spaces
    or by particles standing alone between spaces (`Charles de Gaulle`); every
    other stretch breaks a name, so names are read phrase by phrase and the
    lower-case prose between them (most of an article) is never tokenised. A
    phrase made only of plain words (`Sergueï Lavrov`, `Mali.`), the most frequent
    by far, is captured as ``words`` and is split on its spaces, not tokenised.
    """
    t, upper, gap = _TOKEN_CHAR, _NOT_LOWER, _GAP
    particle = "|".join(regex.escape(p) for p in sorted(particles, key=len, reverse=True))
    if particles:  # the first letters of the particles, tried before the particles after each gap
        particle = f"(?=[{''.join(sorted({regex.escape(p[0]) for p in particles}))}])(?:{particle})"
    more = rf"{gap}(?:(?:{particle}){gap})*{t}*{upper}{t}*+"
    # A capitalised word of letters, hyphens and apostrophes, but no elided article (`L’Élysée`).
    word = r"(?![dDlL][’']\p{Lu})\p{Lu}\p{L}*(?:[-’']\p{L}+)*"
    # Every phrase begins at a letter that is not lower case: the lookahead settles the other positions
    # before the lookbehinds run.
    return regex.compile(
        rf"(?={upper})(?:(?<!{t})(?P<words>(?>{word}(?:{gap}(?:(?:{particle}){gap})*{word})*))"
        rf"(?:(?<=\p{{L}}\p{{L}})\.+(?!{t})|(?!{t})(?!{more}))"  # full stops after two letters: not an initial
        rf"|(?<=(?<!{t})(?P<head>{t}*)){upper}{t}*+(?:{more})*)"
    )


def _runs(text: str, toks: list[Token], sentence_start: int, raw: list[tuple[list[Token], bool]]) -> None:
    """Append to ``raw`` the runs of name words of ``toks`` (tokens of one sentence, or of a phrase of it)."""
    i = 0
    while i < len(toks):
        if not _capital(toks[i]):
            i += 1
            continue
        run = [toks[i]]
        j = i + 1
        while j < len(toks):
            gap_start, gap_end = run[-1].end, toks[j].start
            joined = gap_start == gap_end and run[-1].initial and toks[j].initial
            if not joined and not _one_space(text, gap_start, gap_end, _RUN_GAP_CHARS):
                break
            if _capital(toks[j]):
                run.append(toks[j])
                j += 1
                continue
            # Particles only inside a name, before another capitalised word.
            k = j
            while k < len(toks) and toks[k].particle and _one_space(text, toks[k - 1].end, toks[k].start):
                k += 1
            if k > j and k < len(toks) and _capital(toks[k]) and _one_space(text, toks[k - 1].end, toks[k].start):
                run.extend(toks[j : k + 1])
                j = k + 1
                continue
            break
        raw.append((run, _sentence_initial(text, sentence_start, run[0].start)))
        i = j


class MentionTable:
    """The mentions of an article, compact: a large file names the same people hundreds of thousands of times.

    Each distinct spelling is stored once, as a ``Mention`` at offset 0 (its tokens
    relative to its start); a mention is its start, the number of its spelling, and
    whether its capitals are the layout. ``mention`` builds the full ``Mention``.
    """

    __slots__ = ("layout", "spelling_ids", "spellings", "starts")

    def __init__(self) -> None:
        self.starts = array("q")
        self.spelling_ids = array("q")
        self.layout = bytearray()
        self.spellings: list[Mention] = []  # numbered in order of first mention

    def __len__(self) -> int:
        return len(self.starts)

    def mention(self, i: int) -> Mention:
        start, spelling = self.starts[i], self.spellings[self.spelling_ids[i]]
        tokens = tuple(_new_token(Token, (start + t.start, start + t.end, *t[2:])) for t in spelling.tokens)
        return _new_mention(Mention, (start, start + spelling.end, spelling.text, tokens, bool(self.layout[i])))


_NOT_PLAIN, _WITH_PARTICLES = -1, -2  # phrases that are not one run of plain words
_UNREAD = (-1, -1, False)  # a run whose mention is not made yet


def extract_mentions(doc: Document) -> list[Mention]:
    """Every proper-name mention of the article, in order."""
    table = mention_table(doc)
    return [table.mention(i) for i in range(len(table))]


def mention_table(doc: Document) -> MentionTable:
    """Every proper-name mention of the article, in order, as a ``MentionTable``.

    Runs of name words are read first, each distinct run once (by its text and
    tokens relative to its start), then each distinct run is trimmed to a mention
    once per sentence position: the work per occurrence is a few lookups.
    """
    lex = name_lexicons(doc.lang)
    text = doc.text
    runs: list[tuple[str, list[Token]]] = []  # distinct runs: text, tokens relative to the run's start
    run_ids: dict[object, int] = {}  # by the words of a plain phrase, or by text and relative tokens
    run_starts, run_numbers, run_initial = array("q"), array("q"), bytearray()  # (starts a sentence)

    def add_runs(found: list[tuple[list[Token], bool]]) -> None:
        for run, initial in found:
            start, end = run[0].start, run[-1].end
            rel = tuple(_new_token(Token, (t.start - start, t.end - start, *t[2:])) for t in run)
            key = (text[start:end], rel)
            number = run_ids.get(key)
            if number is None:
                number = run_ids[key] = len(runs)
                runs.append((key[0], list(rel)))
            run_starts.append(start)
            run_numbers.append(number)
            run_initial.append(initial)

    sentence_starts, sentence_ends = doc.sentences.starts, doc.sentences.ends
    particles = lex.particles
    k, last = 0, len(sentence_ends)  # k: the first sentence that may hold the current phrase (phrases come in order)
    sentence_start = sentence_end = 0  # of sentence k, once the first phrase has found it
    for m in _phrases(particles).finditer(text):
        (start, end), (words_start, words_end), (head, _) = m.regs
        if words_start < 0:
            start = head  # the phrase begins with its first word, before the capital the pattern met
        if start >= sentence_end:  # past sentence k (most phrases are not: a sentence holds several)
            while k < last and sentence_ends[k] <= start:
                k += 1
            if k == last:
                break
            sentence_start, sentence_end = sentence_starts[k], sentence_ends[k]
        if words_start >= 0 and sentence_start <= start and words_end <= sentence_end:
            words = text[words_start:words_end]
            number = run_ids.get(words)
            if number is None:
                toks = _plain_tokens(words, 0, particles)
                if toks is None:
                    number = _NOT_PLAIN
                elif any(map(_PARTICLE, toks)):
                    number = _WITH_PARTICLES
                else:  # capitalised words one gap apart: one run
                    number = len(runs)
                    runs.append((words, toks))
                run_ids[words] = number
            if number >= 0:  # most phrases
                run_starts.append(start)
                run_numbers.append(number)
                run_initial.append(
                    start == sentence_start
                    or (text[sentence_start] in _OPENERS and _sentence_initial(text, sentence_start, start))
                )
                continue
            if number == _WITH_PARTICLES:
                found: list[tuple[list[Token], bool]] = []
                _runs(text, _plain_tokens(words, start, particles) or [], sentence_start, found)
                add_runs(found)
                continue
        i = k
        found = []
        while i < last and sentence_starts[i] < end:  # a phrase may run over sentences: each part alone
            a, b = max(start, sentence_starts[i]), min(end, sentence_ends[i])
            if a < b:
                _runs(text, _tokens(text, a, b, particles), sentence_starts[i], found)
            i += 1
        add_runs(found)
    # Sentence-initial single words count as names only if written capitalised mid-sentence too.
    mid_sentence = {t.fold for number, initial in set(zip(run_numbers, run_initial)) for t in runs[number][1][initial:]}
    table = MentionTable()
    starts, spelling_ids, layout, spellings = table.starts, table.spelling_ids, table.layout, table.spellings
    spelling_numbers: dict[tuple[str, tuple[Token, ...]], int] = {}
    made: dict[int, tuple[int, int, bool] | None] = {}  # by run and sentence start: (spelling, offset, in capitals)
    for run_start, number, initial in zip(run_starts, run_numbers, run_initial):
        key = 2 * number + initial
        found_mention = made.get(key, _UNREAD)
        if found_mention is _UNREAD:
            found_mention = made[key] = _mention(
                runs[number], bool(initial), lex, mid_sentence, spelling_numbers, spellings
            )
        if found_mention is None:
            continue
        spelling, offset, capitals = found_mention
        start = run_start + offset
        starts.append(start)
        spelling_ids.append(spelling)
        layout.append(capitals and _layout_caps(doc, start, start + spellings[spelling].end))
    return table


def _mention(
    run: tuple[str, list[Token]],
    initial: bool,
    lex: NameLexicons,
    mid_sentence: set[str],
    numbers: dict[tuple[str, tuple[Token, ...]], int],
    spellings: list[Mention],
) -> tuple[int, int, bool] | None:
    """The mention a run makes, if any: its spelling's number, its offset in the run, and whether it is in capitals."""
    run_text, toks = run
    tokens = _trim(toks, initial, lex)
    if not tokens:
        return None
    names = tokens if len(tokens) == 1 else [t for t in tokens if not t.particle]  # `_trim` strips end particles
    if all(map(_INITIAL, names)):
        return None
    if initial and tokens[0] is toks[0] and len(names) == 1 and tokens[0].fold not in mid_sentence:
        return None
    first = tokens[0]
    start = first.start
    if first.text[:2] in ("d’", "d'", "l’", "l'", "D’", "D'", "L’", "L'") and not first.initial:
        # `d’État`, `l’Elysée`: the elided article is not part of the name.
        start += 2
        tokens[0] = Token(start, first.end, first.text[2:], first.fold, first.initial, first.particle)
    end = tokens[-1].end
    text = tokens[0].text if len(tokens) == 1 else run_text[start:end]
    rel = tuple(_new_token(Token, (t.start - start, t.end - start, *t[2:])) for t in tokens)
    number = numbers.get((text, rel))
    if number is None:
        number = numbers[(text, rel)] = len(spellings)
        spellings.append(_new_mention(Mention, (0, end - start, text, rel, False)))
    return number, start, _is_all_caps(text)


def _trim(run: list[Token], initial: bool, lex: NameLexicons) -> list[Token]:
    """Drop a leading sentence starter and leading titles, and particles left at either end."""
    if len(run) == 1 and not run[0].particle:  # most runs: one word, a name unless a starter or a title
        lower = run[0].text.lower()
        if (initial and lower in lex.starters) or lower in lex.titles or lower + "." in lex.titles:
            return []
        return [run[0]]
    tokens = list(run)
    if initial and tokens and tokens[0].text.lower() in lex.starters:
        tokens.pop(0)
    # Titles and what stands before them: `Saudi Crown Prince Mohammed bin Salman` -> `Mohammed bin Salman`.
    last_title = -1
    for i, tok in enumerate(tokens[:-1]):
        if not tok.particle and (tok.text.lower() in lex.titles or tok.text.lower() + "." in lex.titles):
            last_title = i
    del tokens[: last_title + 1]
    if len(tokens) == 1 and (tokens[0].text.lower() in lex.titles or tokens[0].text.lower() + "." in lex.titles):
        return []  # `Mr` of `Mr. Zelensky`: the full stop ended the run
    while tokens and tokens[0].particle:
        tokens.pop(0)
    while tokens and tokens[-1].particle:
        tokens.pop()
    return tokens


def _layout_caps(doc: Document, start: int, end: int) -> bool:
    """True if a mention in capitals at ``[start, end)`` has them from the layout, not its spelling."""
    block = doc.block_at(start)
    # A heading, a line in capitals, or a dateline opening the paragraph (`BAMAKO (AFP) -`).
    if block is not None and (block.kind is BlockKind.HEADING or not doc.text[block.start : start].strip()):
        return True
    return line_in_capitals(doc.text, start, end)


# --------------------------------------------------------------------------- grouping


class Entity:
    """The mentions of one person or body: full names and surname-only mentions."""

    __slots__ = ("mentions",)

    def __init__(self, mentions: list[Mention] | None = None) -> None:
        self.mentions = [] if mentions is None else mentions

    def __repr__(self) -> str:
        return f"Entity({self.mentions!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Entity) and other.mentions == self.mentions

    @property
    def first_mention(self) -> Mention:
        return self.mentions[0]


class _UnionFind:
    def __init__(self) -> None:
        self.parent: list[int] = []

    def add(self) -> int:
        self.parent.append(len(self.parent))
        return len(self.parent) - 1

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


class NameIndex(NamedTuple):
    """The entities of a document, and how many comparisons grouping them took."""

    entities: list[Entity]
    comparisons: int


def group_mentions(mentions: Sequence[Mention]) -> NameIndex:
    """Group mentions that name the same person or body.

    Full names (two name words or more) join when they share a surname and
    their first names are compatible (same, an initial, a transliteration), or
    share a first name and their surnames are transliterations of each other.
    A surname-only mention joins the one full name with that surname; when two
    people share it (Bill and Hillary Clinton) it stays on its own.
    """
    numbers: dict[tuple[tuple[object, ...], ...], int] = {}  # by what grouping reads: folds and kinds of words
    spellings: list[Mention] = []
    spelling_of: list[int] = []
    for m in mentions:
        key = tuple(t[3:] for t in m.tokens)
        number = numbers.get(key)
        if number is None:
            number = numbers[key] = len(spellings)
            spellings.append(m)
        spelling_of.append(number)
    entity_of, comparisons = _group_spellings(spellings)
    entities = [Entity() for _ in range(max(entity_of, default=-1) + 1)]
    for m, number in zip(mentions, spelling_of):
        entities[entity_of[number]].mentions.append(m)
    for e in entities:
        e.mentions.sort(key=lambda x: x.start)
    entities.sort(key=lambda e: e.mentions[0].start)
    return NameIndex(entities, comparisons)


def _group_spellings(spellings: Sequence[Mention]) -> tuple[list[int], int]:
    """The entity of each distinct spelling (numbered in order of first spelling), and the comparisons made.

    ``spellings`` come in order of first mention: grouping reads each once, as it
    would read the mentions, so a long article costs no more than its distinct names.
    """
    counter = Comparisons()
    uf = _UnionFind()
    key_id: dict[tuple[str, str], int] = {}  # (first fold, surname fold) -> node
    by_surname: dict[str, list[int]] = defaultdict(list)
    first_block: dict[tuple[str, str], list[int]] = defaultdict(list)  # (surname, signature of first name)
    surname_block: dict[tuple[str, str], list[int]] = defaultdict(list)  # (first name, signature of surname)
    initial_block: dict[tuple[str, str], tuple[list[int], list[int]]] = {}  # (surname, letter): (initials, names)
    node_tokens: list[tuple[Token, Token]] = []
    full_nodes: list[int | None] = []
    for m in spellings:
        if len(m.tokens) == 1:  # a surname alone, most mentions
            full_nodes.append(None)
            continue
        words = m.names
        if len(words) < 2:
            full_nodes.append(None)
            continue
        first, last = words[0], words[-1]
        key = (first.fold, last.fold)
        node = key_id.get(key)
        if node is None:
            node = uf.add()
            key_id[key] = node
            node_tokens.append((first, last))
            initials, names = initial_block.setdefault((last.fold, first.fold[:1]), ([], []))
            if first.initial:
                for other in initials + names:
                    counter.count += 1
                    uf.union(node, other)
                initials.append(node)
            else:
                for other in initials:
                    counter.count += 1
                    uf.union(node, other)
                names.append(node)
                block = first_block[(last.fold, signature(first.fold))]
                for other in block:
                    if close_transliteration(first.fold, node_tokens[other][0].fold, counter):
                        uf.union(node, other)
                block.append(node)
                block = surname_block[(first.fold, signature(last.fold))]
                for other in block:
                    if close_transliteration(last.fold, node_tokens[other][1].fold, counter):
                        uf.union(node, other)
                block.append(node)
            by_surname[last.fold].append(node)
        full_nodes.append(node)

    # People per surname (after merging), to tell a unique surname from a shared one.
    people_by_surname: dict[str, set[int]] = defaultdict(set)
    for surname, nodes in by_surname.items():
        for n in nodes:
            people_by_surname[surname].add(uf.find(n))

    entity_ids: dict[int | str, int] = {}  # by root node (a person), or by surname for a surname of nobody's
    out: list[int] = []
    for m, node in zip(spellings, full_nodes):
        entity: int | str
        if node is not None:
            entity = uf.find(node)
        else:
            surname = (m.tokens[0] if len(m.tokens) == 1 else m.names[-1]).fold
            people = people_by_surname.get(surname, set())
            if len(people) == 1:
                entity = next(iter(people))
            else:
                entity = surname if not people else f"{surname}\x00shared"
        out.append(entity_ids.setdefault(entity, len(entity_ids)))
    return out, counter.count


def respelled_entities(doc: Document) -> list[Entity]:
    """The entities of the article that ``spelling_variants`` may report on, in order: those with a word
    written two ways. Only their mentions are built in full (most entities have one spelling).
    """
    table = mention_table(doc)
    spellings = table.spellings
    entity_of, _ = _group_spellings(spellings)
    # As `_respelled` reads an entity: per text, the spelling of its last mention outside capital layouts.
    last_plain = {number: i for i, number in enumerate(table.spelling_ids) if not table.layout[i]}
    texts: dict[int, dict[str, tuple[int, int]]] = defaultdict(dict)  # by entity: text -> (mention, spelling)
    for number, i in last_plain.items():
        by_text = texts[entity_of[number]]
        text = spellings[number].text
        if text not in by_text or by_text[text][0] < i:
            by_text[text] = (i, number)
    chosen = {
        entity: Entity()
        for entity, by_text in texts.items()
        if len(by_text) > 1 and _slots_differ([spellings[number] for _, number in by_text.values()])
    }
    if not chosen:
        return []
    for i, number in enumerate(table.spelling_ids):
        entity = chosen.get(entity_of[number])
        if entity is not None:
            entity.mentions.append(table.mention(i))
    return [chosen[e] for e in sorted(chosen)]


# --------------------------------------------------------------------------- spelling variants


class SlotVariant(NamedTuple):
    """One word of one mention spelled otherwise than the article's dominant spelling."""

    mention: Mention
    token: Token
    dominant: str  # the dominant spelling of that word, as written in ``reference``
    reference: Mention  # the first mention that shows the dominant spelling


def mention_slots(m: Mention) -> dict[str, Token]:
    """The words of a mention by role: first name, surname, and inner words of a full name."""
    names = m.names
    if len(names) == 1:
        return {"last": names[0]}
    slots = {"first": names[0], "last": names[-1]}
    for i, tok in enumerate(m.tokens[1:-1]):
        slots[f"mid{len(m.tokens)}:{i}"] = tok
    return slots


def _diacritics(text: str) -> int:
    return sum(1 for c in unicodedata.normalize("NFD", text) if unicodedata.combining(c))


def _preference(form: str, first_seen: int) -> tuple[int, int, int]:
    """Tie-break between equally frequent spellings.

    Mixed case beats capitals (``LAVROV`` is layout, not spelling); between two
    spellings that differ only by accents the accented one wins (accents get
    lost, they are rarely invented: ``Goïta`` over ``Goita``); then the first mention.
    """
    return (0 if _is_all_caps(form) else 1, _diacritics(form), -first_seen)


def _respelled(entity: Entity) -> bool:
    """True if some word of the entity is written two ways outside capital layouts (most entities: no).

    Mentions with the same text have the same words: one of each text is read.
    """
    texts = {m.text: m for m in entity.mentions if not m.layout_caps}
    return len(texts) > 1 and _slots_differ(texts.values())


def _slots_differ(mentions: Iterable[Mention]) -> bool:
    """True if some word (not an initial) is written two ways among ``mentions``."""
    seen: dict[str, str] = {}
    for m in mentions:
        for slot, tok in mention_slots(m).items():
            if not tok.initial and seen.setdefault(slot, surface(tok.text)) != surface(tok.text):
                return True
    return False


def spelling_variants(entity: Entity) -> list[SlotVariant]:
    """Words of the entity's mentions that differ from its dominant spelling of that word."""
    if not _respelled(entity):
        return []
    counts: dict[str, dict[str, list[tuple[Mention, Token]]]] = defaultdict(lambda: defaultdict(list))
    words: list[tuple[Mention, str, Token, str]] = []
    for m in entity.mentions:
        for slot, tok in mention_slots(m).items():
            if tok.initial:
                continue
            spelling = surface(tok.text)
            words.append((m, slot, tok, spelling))
            if not m.layout_caps:
                counts[slot][spelling].append((m, tok))
    dominant: dict[str, str] = {}
    for slot, forms in counts.items():
        if len(forms) > 1:
            dominant[slot] = max(forms.items(), key=lambda kv: (len(kv[1]), _preference(kv[0], kv[1][0][0].start)))[0]
    out: list[SlotVariant] = []
    if not dominant:  # every word written one way: most entities
        return out
    for m, slot, tok, spelling in words:
        best = dominant.get(slot)
        if best is None or m.layout_caps or spelling == best:
            continue
        if tok.fold != fold(best) and not close_transliteration(tok.fold, fold(best)):
            continue
        refs = counts[slot][best]
        ref_mention, ref_token = next(((r, t) for r, t in refs if r.is_full == m.is_full), refs[0])
        out.append(SlotVariant(m, tok, ref_token.text, ref_mention))
    return out


def index_document(doc: Document) -> NameIndex:
    return group_mentions(extract_mentions(doc))


def _line(doc: Document, offset: int) -> int:
    return doc.line_col(doc.source_span(offset, offset + 1)[0])[0]


def name_report(doc: Document) -> list[dict[str, object]]:
    """The names of an article for an editor: each with its spellings, their counts and lines.

    The first spelling is the dominant full name (most frequent, then first);
    surname-only mentions are listed as spellings of their own.
    """
    out: list[dict[str, object]] = []
    for entity in index_document(doc).entities:
        spellings: dict[str, dict[str, object]] = {}
        for m in entity.mentions:
            entry = spellings.setdefault(surface(m.text), {"spelling": m.text, "count": 0, "lines": [], "_at": m.start})
            entry["count"] = int(entry["count"]) + 1  # type: ignore[call-overload]
            line = _line(doc, m.start)
            lines = entry["lines"]
            assert isinstance(lines, list)
            if line not in lines:
                lines.append(line)
        def rank(e: dict[str, object]) -> tuple[bool, int, tuple[int, int, int]]:
            pref = _preference(str(e["spelling"]), int(e.pop("_at")))  # type: ignore[call-overload]
            return (len(str(e["spelling"]).split()) < 2, -int(e["count"]), tuple(-x for x in pref))  # type: ignore[call-overload,return-value]

        ranked = sorted(spellings.values(), key=rank)
        variants = {(s.token.start, s.token.end) for s in spelling_variants(entity)}
        out.append(
            {
                "name": ranked[0]["spelling"],
                "count": len(entity.mentions),
                "spellings": ranked,
                "variants": len(variants),
            }
        )
    return out


__all__ = [
    "Comparisons",
    "Entity",
    "Mention",
    "MentionTable",
    "NameIndex",
    "SlotVariant",
    "Token",
    "close_transliteration",
    "extract_mentions",
    "fold",
    "group_mentions",
    "index_document",
    "line_in_capitals",
    "mention_slots",
    "mention_table",
    "name_report",
    "respelled_entities",
    "signature",
    "skeleton",
    "spelling_variants",
    "surface",
]
