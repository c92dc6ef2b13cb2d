"""Voice: first-person pronouns in news copy written in the third person (VOI101).

A news report speaks in the third person. A first-person sentence outside
quotation marks is almost always a quotation that lost its marks or a press
release pasted in. Columns, editorials and interviews are written in the first
person on purpose, so by default the rule first decides the voice of the whole
article and keeps quiet when the first person is its normal voice.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator
from functools import cache
from typing import TYPE_CHECKING, NamedTuple

from presslint import lexicons
from presslint import timed_regex as regex  # every pattern call runs under a time budget
from presslint.diagnostics import Severity
from presslint.rule import BadExample, DocumentRule, Finding, GoodExample, RuleMeta

if TYPE_CHECKING:
    from presslint.config import Settings
    from presslint.document import Document, Span
    from presslint.formats.prose import Block

# Auto voice: an article is written in the first person when at least this many
# of its narrative sentences (outside quotations) are in the first person ...
FIRST_PERSON_MIN_SENTENCES = 3
FIRST_PERSON_SHARE = 0.25
# ... spread over at least this share of its narrative paragraphs (and over two of
# them when it has two or more): a pasted press release sits in one paragraph,
# a column speaks in the first person throughout.
FIRST_PERSON_PARAGRAPH_SHARE = 1 / 3
# A sentence counts as narrative when it has this many words outside quotations.
NARRATIVE_MIN_WORDS = 3

_TOKEN = regex.lazy(r"\p{L}+(?:['’](?=\p{L}))?")
_WORD_AFTER = regex.lazy(r"[\s\u00a0\u202f]*([\p{L}\p{N}]+)")
_WORD_BEFORE = regex.lazy(r"([\p{L}\p{N}]+)[ \u00a0\u202f]+$")
_CHUNK_MARKERS = ("://", "www.", "@", "#")

# Interview layouts: a question/answer label, a speaker label in capitals, a dialogue dash.
_QA_LABEL = regex.lazy(r"[\s]*(?:Q|R|A|Question|Réponse|Answer)\.?[ \u00a0\u202f]?(?:[:：]|[-–—][ \u00a0])")
# A speaker's name in capitals alone on its line, as transcripts set it (`LAURENCE FERRARI`).
_SPEAKER_MAX_CHARS = 40
_SPEAKER_LINE = regex.lazy(r"\p{Lu}[\p{Lu}'’.\-]+(?: [\p{Lu}'’.\-]+){0,5}")
_SPEAKER_LABEL = regex.lazy(r"[\s]*\p{Lu}[\p{Lu}'’. -]*\p{Lu}[ \u00a0\u202f]?:[ \u00a0\u202f]")
_DIALOGUE_DASH = regex.lazy(r"[\s]*(?:[—–―][ \u00a0\u202f]?|-[ \u00a0\u202f])(?=\S)")

_FR_NOUN_DETERMINERS = frozenset({"le", "du", "au", "un", "son", "ce", "leur", "ton"})
_EN_ARTICLES = frozenset({"the", "a", "an"})
_EN_MINE_BEFORE = frozenset({"of", "is", "was", "are", "were", "be", "been", "and", "not"})
_EN_MINE_AFTER = frozenset({"and", "or", "too", "as", "but", "is", "was"})
_EN_I_CONTRACTIONS = ("m", "ve", "d", "ll")


class SentenceVoice:
    """One sentence: its first-person pronouns outside quotations, and whether it is narrative."""

    __slots__ = ("end", "narrative", "paragraph", "pronouns", "start")

    def __init__(self, start: int, end: int, paragraph: int, narrative: bool) -> None:
        self.start, self.end, self.paragraph, self.narrative = start, end, paragraph, narrative
        self.pronouns: list[tuple[int, int]] = []


class VoiceAnalysis(NamedTuple):
    """The voice of an article, sentence by sentence."""

    sentences: list[SentenceVoice]

    @property
    def narrative_sentences(self) -> int:
        return sum(1 for s in self.sentences if s.narrative)

    @property
    def first_person_sentences(self) -> list[SentenceVoice]:
        return [s for s in self.sentences if s.pronouns]

    def is_first_person(self) -> bool:
        """True when the first person is the article's own voice (a column, an editorial)."""
        first = self.first_person_sentences
        narrative = max(self.narrative_sentences, len(first))
        if len(first) < FIRST_PERSON_MIN_SENTENCES or len(first) < FIRST_PERSON_SHARE * narrative:
            return False
        paragraphs = {s.paragraph for s in self.sentences if s.narrative or s.pronouns}
        first_paragraphs = {s.paragraph for s in first}
        return (
            len(first_paragraphs) >= min(2, len(paragraphs))
            and len(first_paragraphs) >= FIRST_PERSON_PARAGRAPH_SHARE * len(paragraphs)
        )


# --------------------------------------------------------------------------- lexicons


@cache
def _pronouns(lang: str) -> frozenset[str]:
    return lexicons.load(lang, "first-person")


@cache
def _newsroom_pattern(lang: str) -> regex.Pattern[str] | None:
    """One pattern for every phrase where the newsroom speaks of itself (``selon nos informations``)."""
    phrases = []
    for line in lexicons.entries(lang, "first-person-newsroom"):
        positions = []
        for position in line.split():
            alternatives = sorted(position.split("|"), key=len, reverse=True)
            positions.append("(?:" + "|".join(regex.escape(a).replace("’", "['’]") for a in alternatives) + ")")
        phrases.append(r"[\s\u00a0\u202f]+".join(positions))
    if not phrases:
        return None
    return regex.compile(r"(?<![\p{L}\p{N}])(?:" + "|".join(phrases) + r")(?![\p{L}\p{N}])", regex.IGNORECASE)


def _newsroom_spans(doc: Document, start: int, end: int) -> list[tuple[int, int]]:
    """The newsroom's phrases in ``text[start:end]`` (a paragraph that holds a candidate pronoun).

    Searched paragraph by paragraph, and only where a pronoun needs it: this
    case-blind alternation is slow, and a phrase never runs across paragraphs.
    """
    pattern = _newsroom_pattern(doc.lang)
    return [] if pattern is None else [m.span() for m in pattern.finditer(doc.text, start, end)]


# --------------------------------------------------------------------------- speech


def _speech_blocks(doc: Document) -> set[int]:
    """Starts of the blocks that are quoted speech by their layout (interviews, dialogue).

    Once a question/answer interview starts (two labels or more in the
    article), every following paragraph belongs to it: an answer often runs
    over several paragraphs and only the first carries the label.
    """
    blocks, text = doc.blocks, doc.text
    qa: list[int] = []
    speech: set[int] = set()
    for i, b in enumerate(blocks):
        # Each layout is told by the block's first two characters; most paragraphs are none of them.
        first, second = text[b.start : b.start + 1], text[b.start + 1 : b.start + 2]
        unsure = first.isspace()
        if (unsure or first in "QRA") and _QA_LABEL.match(text, b.start, b.end):
            qa.append(i)
        if (unsure or first.isupper() and (second.isupper() or second in "'’. -")) and _SPEAKER_LABEL.match(
            text, b.start, b.end
        ):
            speech.add(b.start)
        elif (unsure or first in "—–―-") and _DIALOGUE_DASH.match(text, b.start, b.end):
            speech.add(b.start)
    if len(qa) >= 2:
        speech.update(b.start for b in blocks[qa[0] :])
    first_turn = _transcript_start(doc)
    if first_turn is not None:
        speech.update(b.start for b in blocks[first_turn:])
    return speech


def _transcript_start(doc: Document) -> int | None:
    """Index of the first speaker line of a transcript, or None if the article is not one.

    A transcript names each speaker in capitals on a line of its own before
    their words. A subhead in capitals occurs once; a speaker comes back, so
    it takes two names that each head at least two turns.
    """
    turns: dict[str, list[int]] = {}
    text = doc.text
    for i, b in enumerate(doc.blocks):
        if b.end - b.start > _SPEAKER_MAX_CHARS and not (text[b.start].isspace() or text[b.end - 1].isspace()):
            continue  # too long for a name, even stripped: spare the copy of a whole paragraph
        line = text[b.start : b.end].strip()
        if len(line) <= _SPEAKER_MAX_CHARS and _SPEAKER_LINE.fullmatch(line):
            turns.setdefault(line, []).append(i)
    speakers = [places for places in turns.values() if len(places) >= 2]
    if len(speakers) < 2:
        return None
    return min(places[0] for places in speakers)


# --------------------------------------------------------------------------- candidates


def _word_before(text: str, start: int, floor: int) -> str:
    """The word right before ``start`` when only spaces separate them ('' otherwise)."""
    m = _WORD_BEFORE.search(text, floor, start)
    return m.group(1) if m else ""


def _word_after(text: str, end: int, ceiling: int) -> str:
    m = _WORD_AFTER.match(text, end, ceiling)
    return m.group(1) if m else ""


def _in_link_or_tag(text: str, start: int, end: int) -> bool:
    """Inside a URL, an e-mail address, a hashtag or a handle (``#MeToo``, ``example.us``)."""
    s, e = start, end
    while s > 0 and not text[s - 1].isspace():
        s -= 1
    while e < len(text) and not text[e].isspace():
        e += 1
    chunk = text[s:e]
    if any(marker in chunk for marker in _CHUNK_MARKERS):
        return True
    if start and text[start - 1] in "./\\_":
        return True
    return text[end : end + 1] in (".", "/", "_") and text[end + 1 : end + 2].isalnum()


def _opens_clause(text: str, sentence_start: int, start: int) -> bool:
    """The word starts its sentence, or a clause after a colon (where a capital is expected)."""
    before = text[sentence_start:start].rstrip(" \u00a0\u202f\t\n")
    if not before:
        return True
    if before.endswith(":"):
        return True
    return not any(ch.isalnum() for ch in before)


def _is_capitalised(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    return bool(letters) and letters[0].isupper() and not any(c.isupper() for c in letters[1:])


def _is_caps(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    return len(letters) > 1 and all(c.isupper() for c in letters)


def _shouted(text: str) -> bool:
    """A sentence set in capitals (a headline): `US`, `WE` and `MES` there say nothing."""
    cased = [c for c in text if c.isalpha() and c.upper() != c.lower()]
    return len(cased) >= 8 and sum(c.isupper() for c in cased) >= 0.6 * len(cased)


class _Context:
    """What the pronoun checks need to know about a candidate word."""

    __slots__ = ("text", "start", "end", "word", "key", "sentence")

    def __init__(self, text: str, start: int, end: int, sentence: Span) -> None:
        self.text = text
        self.start = start
        self.end = end
        self.word = text[start:end]
        self.key = self.word.lower().replace("'", "’")
        self.sentence = sentence

    @property
    def before(self) -> str:
        return _word_before(self.text, self.start, self.sentence.start)

    @property
    def after(self) -> str:
        return _word_after(self.text, self.end, self.sentence.end)

    @property
    def elided(self) -> bool:
        return self.word.endswith(("’", "'"))


def _capitalised_is_pronoun(ctx: _Context) -> bool:
    """A capitalised pronoun is one only where a sentence starts, before a lower-case word.

    Elsewhere a capital marks a name or a title: `Me Dupont` (Maître),
    `Jack Ma`, `Notre Dame`, `Our Lady`, `Me Too`, `Mon.` for Monday.
    """
    if not _opens_clause(ctx.text, ctx.sentence.start, ctx.start):
        return False
    if ctx.text[ctx.end : ctx.end + 1] == ".":
        return False
    following = ctx.after
    return not following or not following[0].isupper()


def _french_is_pronoun(ctx: _Context) -> bool:
    if ctx.key not in _pronouns("fr"):
        return False
    if _is_capitalised(ctx.word):
        return _capitalised_is_pronoun(ctx)
    if ctx.key == "moi" and ctx.before.lower() in _FR_NOUN_DETERMINERS:
        return False  # le moi, un moi profond: the noun
    return ctx.word.islower()


def _english_i_is_pronoun(ctx: _Context) -> bool:
    """`I` alone is the pronoun unless it is a numeral or a letter (`World War I`, `Elizabeth I`, `I.`)."""
    text = ctx.text
    if ctx.elided:
        tail = regex.match(r"\p{L}+", text[ctx.end :])
        return bool(tail) and tail.group().lower() in _EN_I_CONTRACTIONS
    if text[ctx.end : ctx.end + 1] in (".", ")", "/", ":", "-", "–"):
        return False  # an initial, a list letter, `I/II`, `I-95`
    before = ctx.before
    if not before:
        return True
    if before.lower() in lexicons.load("en", "numbered-nouns"):
        return False
    if before[0].isupper() and before.lower() not in lexicons.load("en", "pronoun-i-openers"):
        return False  # a regnal number: Elizabeth I, Pope John Paul I
    return True


def _english_is_pronoun(ctx: _Context) -> bool:
    if ctx.word in ("I", "I’", "I'"):
        return _english_i_is_pronoun(ctx)
    key = ctx.key.rstrip("’")
    if key not in _pronouns("en") or key == "i":
        return False
    if ctx.elided and key not in ("we",):
        return False  # only `we’re`, `we’ve`, `we’d`, `we’ll` carry an apostrophe
    if key == "mine":
        return ctx.word == "mine" and _english_mine_is_pronoun(ctx)
    if _is_capitalised(ctx.word):
        return _capitalised_is_pronoun(ctx)
    if not ctx.word.replace("’", "").replace("'", "").islower():
        return False
    return ctx.before.lower() not in _EN_ARTICLES  # not `the me generation`


def _english_mine_is_pronoun(ctx: _Context) -> bool:
    """`mine` is usually the noun (a coal mine): the pronoun only in `of mine`, `is mine.`"""
    if ctx.before.lower() not in _EN_MINE_BEFORE:
        return False
    rest = ctx.text[ctx.end : ctx.sentence.end].lstrip(" \u00a0\u202f")
    if not rest or not rest[0].isalnum():
        return rest[:1] != "-"
    return ctx.after.lower() in _EN_MINE_AFTER


def _is_first_person(ctx: _Context, lang: str) -> bool:
    if _is_caps(ctx.word.rstrip("’'")):
        return False  # US, WE, MES: acronyms and headlines
    text = ctx.text
    hyphen_before = ctx.start > 0 and text[ctx.start - 1] in "-‑"
    hyphen_after = text[ctx.end : ctx.end + 1] in ("-", "‑")
    if (hyphen_before or hyphen_after) and ctx.word[:1].isupper():
        return False  # Notre-Dame, I-95: names and codes
    if hyphen_before and lang == "en":
        return False
    if _in_link_or_tag(text, ctx.start, ctx.end):
        return False
    return _french_is_pronoun(ctx) if lang == "fr" else _english_is_pronoun(ctx)


# --------------------------------------------------------------------------- analysis


class _Spans:
    """Sorted, non-overlapping spans with a fast "does this word lie inside one" test."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        merged: list[tuple[int, int]] = []
        for s, e in sorted(spans):
            if merged and s <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(merged[-1][1], e))
            else:
                merged.append((s, e))
        self.starts = [s for s, _ in merged]
        self.ends = [e for _, e in merged]

    def covers(self, start: int, end: int) -> bool:
        i = bisect_right(self.starts, start) - 1
        return i >= 0 and end <= self.ends[i]


@cache
def _candidate_keys(lang: str) -> frozenset[str]:
    """Lower-case tokens worth a closer look (``I’`` of ``I’m`` is ``i’``)."""
    keys = _pronouns(lang)
    return keys | {k + "’" for k in keys}


@cache
def _candidate_pattern(lang: str) -> regex.TimedPattern:
    """The whole runs of letters that spell a candidate key: a few places per sentence, found in C.

    Keys are letters with at most a final apostrophe, so every candidate token
    begins with one of these runs (each is then checked against ``_TOKEN`` and the
    keys as before). It spares one Python step per word of a large text.
    """
    alternatives = sorted({k.rstrip("’") for k in _candidate_keys(lang)}, key=len, reverse=True)
    words = "|".join(regex.escape(a) for a in alternatives)
    return regex.compile(r"(?<!\p{L})(?:" + words + r")(?!\p{L})", regex.IGNORECASE)


def _tokens(text: str, sentence: Span, doc: Document, quoted: bool, keys: frozenset[str],
            candidates: regex.TimedPattern) -> tuple[int, list[tuple[int, int]]]:
    """The number of words of a sentence outside quotations, and its candidate tokens (spans).

    A sentence with no quotation counts its words in one call and looks only at
    the places the candidate pattern finds; one that holds a quotation goes word
    by word, since each word may or may not be quoted.
    """
    found: list[tuple[int, int]] = []
    if not quoted:
        words = len(_TOKEN.findall(text, sentence.start, sentence.end))
        for c in candidates.finditer(text, sentence.start, sentence.end):
            m = _TOKEN.match(text, c.start(), sentence.end)
            if m is not None and m.group().lower().replace("'", "’") in keys:
                found.append(m.span())
        return words, found
    words = 0
    for m in _TOKEN.finditer(text, sentence.start, sentence.end):
        start, end = m.span()
        if doc.in_quotation(start, end):
            continue
        words += 1
        if m.group().lower().replace("'", "’") in keys:
            found.append((start, end))
    return words, found


def analyse_voice(doc: Document) -> VoiceAnalysis:
    """Find the first-person words of every sentence, outside quotations and speech."""
    speech = _speech_blocks(doc)
    # Titles of works set in italics (*Nous, les dieux*), and words the newsroom says of itself,
    # found paragraph by paragraph on the first candidate pronoun of each.
    titles = _Spans([(span.start, span.end) for span in doc.emphasis])
    newsroom: dict[int, _Spans] = {}
    keys = _candidate_keys(doc.lang)
    candidates = _candidate_pattern(doc.lang)
    text = doc.text
    out: list[SentenceVoice] = []
    for sentence in doc.sentences:
        block: Block | None = doc.block_at(sentence.start)
        paragraph, paragraph_end = (block.start, block.end) if block else (sentence.start, sentence.end)
        if paragraph in speech:
            continue
        voice = SentenceVoice(sentence.start, sentence.end, paragraph, narrative=False)
        shouted: bool | None = None  # decided on the first candidate: most sentences have none
        quoted = doc.in_quotation(sentence.start, sentence.end)  # else no word of it can be
        words, found = _tokens(text, sentence, doc, quoted, keys, candidates)
        for start, end in found:
            if shouted is None:
                shouted = _shouted(text[sentence.start : sentence.end])
            if shouted:
                continue
            if titles.covers(start, end):
                continue
            if paragraph not in newsroom:
                newsroom[paragraph] = _Spans(_newsroom_spans(doc, paragraph, paragraph_end))
            if newsroom[paragraph].covers(start, end):
                continue
            if _is_first_person(_Context(text, start, end, sentence), doc.lang):
                if doc.lang == "en" and text[end - 1] in "’'":
                    end -= 1  # `We’re`: the pronoun is `We`
                voice.pronouns.append((start, end))
        voice.narrative = words >= NARRATIVE_MIN_WORDS
        if voice.narrative or voice.pronouns:
            out.append(voice)
    return VoiceAnalysis(out)


def _display(word: str, lang: str) -> str:
    """The pronoun as the message names it: `j’` keeps its apostrophe, `We’re` is `We`."""
    word = word.replace("'", "’")
    return word if lang == "fr" else word.rstrip("’")


class FirstPersonOutsideQuotation(DocumentRule):
    meta = RuleMeta(
        code="VOI101",
        name="first-person-outside-quotation",
        summary="A first-person sentence outside quotation marks in copy written in the third person.",
        languages=("fr", "en"),
        severity=Severity.WARNING,
        description=(
            "A news report speaks in the third person. A sentence in the first person outside\n"
            "quotation marks is almost always a quotation that lost its marks or a press release\n"
            "pasted in. One diagnostic per sentence, on its first first-person word. Quotations of\n"
            "any style (also over several paragraphs), interviews laid out as questions and answers\n"
            "(`Q:`, `R.-`), transcripts that name each speaker in capitals on a line of their own\n"
            "(two speakers, each at least twice) or dialogue, the newsroom's own `selon nos informations` / `told us`, `US`, Roman\n"
            "numerals (`World War I`, `Elizabeth I`) and capitalised names and titles (`Me Dupont`,\n"
            "`Jack Ma`, `Notre-Dame`, `Me Too`) are left alone. With `voice = \"auto\"` (the default)\n"
            "an article whose own voice is the first person (a column, an editorial) draws nothing;\n"
            "`voice = \"third\"` flags every first-person sentence; `voice = \"first\"` turns the rule off."
        ),
        bad_examples=(
            BadExample(
                "Le ministre russe est arrivé à Bamako lundi soir. En descendant de l’avion, "
                "j’ai été accueilli par le ministre malien des Affaires étrangères, Abdoulaye Diop.",
                lang="fr",
            ),
            BadExample(
                "La visite vise à renforcer le partenariat stratégique, selon le ministère, "
                "nous soutenons une coopération bilatérale dynamique et mutuellement bénéfique.",
                lang="fr",
            ),
            BadExample(
                "Le préfet a annoncé la fermeture des écoles. Il a déclaré : Nous ne prendrons "
                "aucun risque avec la sécurité des enfants.",
                lang="fr",
            ),
            BadExample(
                "The company said revenue rose 12 per cent. We are proud of our results and "
                "remain committed to our customers, the statement said.",
                lang="en",
            ),
            BadExample(
                "The senator left the chamber early. I’m not going to vote for this bill, "
                "he told reporters.",
                lang="en",
            ),
        ),
        good_examples=(
            GoodExample(
                "La venue de Sergueï Lavrov est présentée comme « le premier du genre » par les "
                "autorités. « Nous soutenons une coopération dynamique », a déclaré le ministre.",
                lang="fr",
            ),
            GoodExample(
                "Selon nos informations, Me Dupont, l’avocat de la famille, a rencontré notre "
                "correspondant à Lyon. La cathédrale Notre-Dame rouvrira en décembre.",
                lang="fr",
            ),
            GoodExample(
                "US troops fought in World War I, and Elizabeth I ruled England for 44 years. "
                "The U.S. envoy told our correspondent the talks would resume.",
                lang="en",
            ),
            GoodExample(
                "“We will not back down,” the minister said. “We have the votes, and I am "
                "confident our bill will pass.”",
                lang="en",
            ),
            GoodExample(
                "Alibaba founder Jack Ma spoke at the #MeToo conference. Miners were trapped "
                "in the coal mine for three days.",
                lang="en",
            ),
            GoodExample(
                "Je suis arrivé à Bamako un lundi soir de juin. J’ai d’abord cru à une erreur.\n\n"
                "Ma première visite au marché m’a convaincu du contraire. Nous étions nombreux "
                "à attendre.\n\nJe repars avec une certitude : ce pays ne ressemble à aucun autre.",
                lang="fr",
            ),
            GoodExample(
                "Q.- Vous craignez l’impopularité ?\nR.- Non, je ne crois pas. Nous avons consulté.\n"
                "Q.- Et après ?\nR.- Je reste confiant.",
                lang="fr",
            ),
            GoodExample(
                "Interview de la ministre de la Fonction publique sur CNews, le 3 février.\n\n"
                "LAURENCE FERRARI\nLe président parlera dans les prochains jours de sa candidature, selon son "
                "entourage.\n\nAMÉLIE DE MONTCHALIN\nC’est un chiffre qui décrit la situation des Français.\n\n"
                "LAURENCE FERRARI\nUn sondage publié mardi montre que 44 % des Français jugent leur situation "
                "dégradée.\n\nAMÉLIE DE MONTCHALIN\nNous avons baissé les impôts, la taxe d’habitation a baissé.",
                lang="fr",
            ),
        ),
    )

    def check(self, doc: Document, settings: Settings) -> Iterator[Finding]:
        mode = settings.style.voice
        if mode == "first":
            return
        analysis = analyse_voice(doc)
        if mode == "auto" and analysis.is_first_person():
            return
        for sentence in analysis.first_person_sentences:
            start, end = sentence.pronouns[0]
            words = list(dict.fromkeys(_display(doc.text[s:e], doc.lang) for s, e in sentence.pronouns))
            named = ", ".join(f"`{w}`" for w in words)
            yield self.finding(
                start,
                end,
                f"First person ({named}) outside quotation marks in a third-person report: "
                "restore the quotation marks if this is quoted speech, or rephrase it in the third person.",
                pronouns=words,
            )


RULES = [FirstPersonOutsideQuotation()]
