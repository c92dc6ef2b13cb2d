"""Editing artefacts across sentences and paragraphs: text pasted twice, paragraphs cut off.

Copying an article between systems duplicates sentences and paragraphs and
truncates text at arbitrary points. These rules compare whole sentences and
paragraphs (after white-space normalisation) and look at how paragraphs end.
Headings, list items, pull quotes and credit lines are not prose paragraphs and
are left alone.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from typing import TYPE_CHECKING

from presslint import timed_regex as regex  # every pattern call runs under a time budget

from presslint import lexicons
from presslint.checks.editing import INNER_CAPITAL, Token, first_tokens, function_words, last_token, words
from presslint.diagnostics import Applicability, Severity
from presslint.formats.prose import Block, BlockKind
from presslint.rule import BadExample, DocumentRule, Finding, GoodExample, RuleMeta

if TYPE_CHECKING:
    from presslint.config import Settings
    from presslint.document import Document, Span

MIN_DUPLICATE_WORDS = 6
# A paragraph ending on a word after this many words, with no final mark, is cut off.
MIN_CUT_WORDS = 8
_WORDS = regex.lazy(r"\p{L}[\p{L}\p{M}’'\-]*|\p{N}+")
_TERMINAL = ".!?…:;»”“\"’')]}—–-"
_PUNCTUATION = ".,;:!?…\"'’‘“”«»()[]—–-"
# AFP-style signatures (`pid/ber/jca`), web addresses, e-mail addresses, hashtags.
_SIGNATURE = regex.lazy(r"^[\p{Ll}\p{N}-]{2,10}(?:/[\p{Ll}\p{N}-]{1,10})+$")
_URLISH = regex.lazy(r"(?:www\.|https?://|@|#\w)|\.\p{L}{2,4}/?$")


def normalise(text: str) -> str:
    """Text with runs of white space (including non-breaking spaces) read as one space."""
    flat = _flat(text)
    return " ".join(text.split()) if flat is None else flat.strip(" ")


def _flat(text: str) -> str | None:
    """``text`` with plain spaces for non-breaking ones, if its white space is then single spaces.

    As in most text (any other white space is unprintable); else None. ``normalise`` of any
    slice of ``text`` is then the same slice of this without a space at either end: a paragraph
    made flat once serves all its sentences.
    """
    flat = text if text.isascii() else text.replace("\u00a0", " ").replace("\u202f", " ")
    return flat if flat.isprintable() and "  " not in flat else None


def _snippet(text: str, words: int = 6) -> str:
    parts = text.split(maxsplit=words)  # a part more than `words` means more words
    return " ".join(parts[:words]) + ("…" if len(parts) > words else "")


def _word_count(text: str) -> int:
    return len(_WORDS.findall(text))


# The first MIN_DUPLICATE_WORDS words as `_WORDS` finds them (possessive: no word is split to make up the count),
# from the start of the text only (`\A`: tried anywhere else it fails at once, so no search can go quadratic).
_ENOUGH_WORDS = regex.lazy(
    rf"\A(?:[^\p{{L}}\p{{N}}]*+(?>\p{{L}}[\p{{L}}\p{{M}}’'\-]*+|\p{{N}}++)){{{MIN_DUPLICATE_WORDS}}}"
)


def long_enough(text: str) -> bool:
    """``_word_count(text) >= MIN_DUPLICATE_WORDS``, without listing every word of a long sentence."""
    # Most texts open on enough parts that start with a letter or a digit once punctuation is
    # stripped: a word at least in each, as words hold no white space. A part of punctuation
    # alone (`«`, `-`) holds none: the parts after it are read too.
    parts = text.split(maxsplit=2 * MIN_DUPLICATE_WORDS)[: 2 * MIN_DUPLICATE_WORDS]
    if "".join([part[0] for part in parts[:MIN_DUPLICATE_WORDS]]).isalnum() and len(parts) >= MIN_DUPLICATE_WORDS:
        return True  # no punctuation to strip: the usual case
    if sum(part.lstrip(_PUNCTUATION)[:1].isalnum() for part in parts) >= MIN_DUPLICATE_WORDS:
        return True
    return _ENOUGH_WORDS.match(text) is not None


_COMPARED = (BlockKind.PARAGRAPH, BlockKind.LIST_ITEM)


def duplicated_paragraphs(doc: Document) -> list[tuple[Block, Block]]:
    """(repeat, first occurrence) for each paragraph that repeats an earlier one word for word.

    Computed once per document: EDT105 and EDT106 both need it.
    """
    return doc.shared("editing.duplicated_paragraphs", _find_duplicated_paragraphs)


def _find_duplicated_paragraphs(doc: Document) -> list[tuple[Block, Block]]:
    # Every paragraph is remembered, but only a repeat is counted: the word count (a pattern)
    # is then read for the few texts that repeat, and a short paragraph is never reported.
    # Paragraphs are remembered by the hash of their text, not the text (a copy of the whole
    # document); a repeat is confirmed against the text of the first one.
    text = doc.text
    seen: dict[int, Block] = {}
    by_text: dict[str, Block] = {}  # texts whose hash an earlier, different text took
    out: list[tuple[Block, Block]] = []
    for block in doc.blocks:
        if block.kind not in _COMPARED:
            continue
        raw = text[block.start : block.end]
        key = normalise(raw)
        first = seen.setdefault(hash(key), block)
        # The same text has the same key: only a different one is made normal to compare.
        if (
            first is not block
            and text[first.start : first.end] != raw
            and normalise(text[first.start : first.end]) != key
        ):
            first = by_text.setdefault(key, block)
        if first is not block and long_enough(key):
            out.append((block, first))
    return out


class DuplicatedParagraph(DocumentRule):
    meta = RuleMeta(
        code="EDT106",
        name="duplicated-paragraph",
        summary="A paragraph repeated word for word: pasted twice.",
        severity=Severity.WARNING,
        description=(
            f"A paragraph of at least {MIN_DUPLICATE_WORDS} words that repeats an earlier one exactly (white "
            "space aside) was pasted twice. The repeat is flagged; its sentences are not flagged again by "
            "`duplicated-sentence`. Headings and block quotes (pull quotes repeat the body on purpose) are "
            "not compared. No automatic fix: removing a paragraph also removes the line break around it, "
            "which an editor should see."
        ),
        bad_examples=(
            BadExample(
                "Le ministre russe est arrivé lundi soir à Bamako pour une visite de deux jours.\n\n"
                "Il sera reçu mardi par le président de la transition.\n\n"
                "Le ministre russe est arrivé lundi soir à Bamako pour une visite de deux jours.",
                None,
                "fr",
            ),
            BadExample(
                "The Senate passed the bill on Saturday.\n"
                "President Joe Biden is expected to sign it tonight.\n"
                "President Joe  Biden is expected to sign it tonight.",
                None,
                "en",
            ),
        ),
        good_examples=(
            GoodExample(
                "Il a refusé de répondre.\n\nLe ministre est reparti.\n\nIl a refusé de répondre.", "fr"
            ),
            GoodExample(
                "The Senate passed the bill on Saturday.\n\nThe House passed the bill on Friday.", "en"
            ),
        ),
    )

    def check(self, doc: Document, settings: Settings) -> Iterator[Finding]:
        for block, first in duplicated_paragraphs(doc):
            shown = _snippet(doc.text[block.start : block.end])
            yield self.finding(
                block.start,
                block.end,
                f"Paragraph repeated word for word (“{shown}”): pasted twice?",
                first_offset=first.start,
            )


class DuplicatedSentence(DocumentRule):
    meta = RuleMeta(
        code="EDT105",
        name="duplicated-sentence",
        summary="A sentence repeated word for word: pasted twice.",
        severity=Severity.WARNING,
        fixable=Applicability.UNSAFE,
        description=(
            f"A sentence of at least {MIN_DUPLICATE_WORDS} words that repeats an earlier one exactly (white "
            "space aside) is almost always a paste done twice, or two versions of a paragraph merged. The "
            "repeat is flagged and the unsafe fix deletes it. Shorter sentences (`Il a refusé.`, `No.`) "
            "may repeat on purpose and are left alone, as are headings, block quotes, and sentences "
            "inside a paragraph that `duplicated-paragraph` already reports."
        ),
        bad_examples=(
            BadExample(
                "Sergueï Lavrov aura un agenda chargé aujourd’hui. Sergueï Lavrov aura un agenda chargé "
                "aujourd’hui. Il rencontrera son homologue.",
                "Sergueï Lavrov aura un agenda chargé aujourd’hui. Il rencontrera son homologue.",
                "fr",
            ),
            BadExample(
                "La réunion sera suivie d’une conférence de presse.\n\nLes deux ministres répondront aux "
                "questions. La réunion sera suivie d’une conférence de presse.",
                "La réunion sera suivie d’une conférence de presse.\n\nLes deux ministres répondront aux "
                "questions.",
                "fr",
            ),
            BadExample(
                "The measure now goes to the president. The measure now goes to the president. He is "
                "expected to sign it.",
                "The measure now goes to the president. He is expected to sign it.",
                "en",
            ),
        ),
        good_examples=(
            GoodExample("Il a refusé. Le ministre a insisté. Il a refusé.", "fr"),
            GoodExample(
                "The measure now goes to the president. The measure now goes to the Senate first.", "en"
            ),
        ),
    )

    def check(self, doc: Document, settings: Settings) -> Iterator[Finding]:
        text, blocks = doc.text, doc.blocks
        repeated_blocks = {b.start for b, _ in duplicated_paragraphs(doc)}
        seen: set[str] = set()  # every sentence: only a repeat has its words counted
        i = 0  # the block of each sentence, as `doc.block_at` finds it (both lists are in order)
        flat_block, flat = None, None  # a block's text, made normal once for all its sentences
        for sentence in doc.sentences:
            while i + 1 < len(blocks) and blocks[i + 1].start <= sentence.start:
                i += 1
            block = blocks[i]
            if not block.start <= sentence.start <= block.end or block.kind not in _COMPARED:
                continue
            if block is not flat_block:
                flat_block, flat = block, _flat(text[block.start : block.end])
            if flat is not None and sentence.end <= block.end:
                key = flat[sentence.start - block.start : sentence.end - block.start].strip(" ")
            else:
                key = normalise(text[sentence.start : sentence.end])
            if key not in seen:
                seen.add(key)
                continue
            if block.start in repeated_blocks or not long_enough(key):
                continue
            yield self.finding(
                sentence.start,
                sentence.end,
                f"Sentence repeated word for word (“{_snippet(key)}”): pasted twice?",
                self._removal(doc, block, sentence),
            )

    @staticmethod
    def _removal(doc: Document, block: Block, sentence: Span) -> tuple[tuple[int, int, str], ...]:
        """Delete the sentence with the white space that joined it to its neighbour."""
        text = doc.text
        start, end = sentence.start, sentence.end
        while start > block.start and text[start - 1] in " \t\u00a0\u202f\n":
            start -= 1
        if start > block.start:
            return ((start, sentence.end, ""),)
        while end < block.end and text[end] in " \t\u00a0\u202f\n":
            end += 1
        if end < block.end:
            return ((sentence.start, end, ""),)
        return ()  # the sentence is the whole paragraph


# --------------------------------------------------------------------------- cut-off paragraphs


@cache
def _closing_prefixes(lang: str) -> tuple[str, ...]:
    return lexicons.entries(lang, "closing-lines")


def _ends_with_credit(doc: Document, block: Block) -> bool:
    """The paragraph, or its last sentence, is a credit: `… à Gao. © AFP PHOTO`, `… Photo: AP/M. Dwyer`.

    A caption carries its photo credit after its last full stop, without one of its own.
    """
    body = doc.text[block.start : block.end]
    if _is_credit(body, doc.lang):
        return True
    last = doc.sentence_at(len(body.rstrip()) + block.start - 1)
    return last is not None and last.start > block.start and _is_credit(doc.text[last.start : last.end], doc.lang)


def _is_credit(text: str, lang: str) -> bool:
    """Bylines, credits, signatures and links end without a full stop on purpose."""
    stripped = text.strip()
    if not stripped:
        return True
    for prefix in _closing_prefixes(lang):
        if stripped.startswith(prefix) and (
            len(stripped) == len(prefix) or not stripped[len(prefix)].isalnum()
        ):
            return True
    letters = [c for c in stripped if c.isalpha()]
    if letters and all(c.isupper() for c in letters):
        return True
    last = stripped.split()[-1]
    return bool(_SIGNATURE.match(stripped) or _URLISH.search(last))


def _open_ending(doc: Document, block: Block) -> Token | None:
    """The last word of a block that ends on a word, with no closing punctuation; else None."""
    text = doc.text[block.start : block.end].rstrip()
    if not text or text[-1] in _TERMINAL or not text[-1].isalpha():
        return None
    return last_token(doc.text, block, doc.lang)


class ParagraphCutOff(DocumentRule):
    meta = RuleMeta(
        code="EDT107",
        name="paragraph-cut-off",
        summary="A paragraph in the middle of the article that stops without final punctuation.",
        severity=Severity.WARNING,
        description=(
            "A paragraph that ends on a word, with no full stop, in the middle of an article was cut "
            "off, or split in two by a stray line break. Flagged when the paragraph has at least "
            f"{MIN_CUT_WORDS} words, or when it ends on an article, preposition or conjunction, or when "
            "the next paragraph starts in lower case (it continues the sentence). Headings, list items, "
            "lines ending with `:` or `;`, bylines, credits (also a caption's credit after its last full stop: "
            "`… à Gao. © AFP`, `… Photo: AP/Michael Dwyer`) and links are left alone; in plain text a "
            "short line without a full stop is read as a heading. The last paragraph belongs to "
            "`closing-fragment`."
        ),
        bad_examples=(
            BadExample(
                "Les soldats qui ont pris le pouvoir au Mali en 2020 et consolidé leur emprise lors d’un "
                "second coup d’État en 2021 ont fait de la Russie un allié majeur contre les\n\n"
                "Des combattants russes seraient arrivés à la fin de l’année 2021.",
                None,
                "fr",
            ),
            BadExample(
                "Il a été rapporté que des combattants associés à la Russie étaient\n\n"
                "arrivés dans le pays à la fin de l’année, selon plusieurs sources.\n\n"
                "Moscou dément.",
                None,
                "fr",
            ),
            BadExample(
                "The stopgap keeps spending at current levels for the rest of the fiscal year and adds "
                "disaster relief funds requested by the White House and by governors of several\n\n"
                "The next deadline is Nov. 17.",
                None,
                "en",
            ),
        ),
        good_examples=(
            GoodExample(
                "Le texte prévoit notamment :\n\n- une hausse du budget ;\n\n- une baisse des impôts.", "fr"
            ),
            GoodExample(
                "Retraites : le gouvernement engage sa responsabilité\n\nLa Première ministre a parlé.", "fr"
            ),
            GoodExample(
                "The Senate passed the bill.\n\nReporting by Jane Doe and John Smith in Washington; "
                "editing by Mark Porter and others\n\nMore to follow.",
                "en",
            ),
            GoodExample(
                "Le journaliste Olivier Dubois est retenu en otage par l’organisation jihadiste GSIM au Mali "
                "depuis le 8 avril 2021. © AFP PHOTO / UNKNOWN SOURCE\n\n"
                "Après onze mois de captivité, l’otage est apparu dans une vidéo.",
                "fr",
            ),
            GoodExample(
                "A worker clears the pavement with a snow blower in Boston, which is bracing for a powerful "
                "nor'easter on Saturday night. Photo: AP/Michael Dwyer\n\nThousands of flights were cancelled.",
                "en",
            ),
            GoodExample(
                "The agency published the figures on its website at www.example.com/statistics/2024/annual-report\n\n"
                "Economists had expected them.",
                "en",
            ),
        ),
    )

    def check(self, doc: Document, settings: Settings) -> Iterator[Finding]:
        small = function_words(doc.lang)
        blocks = doc.blocks
        for block, nxt in zip(blocks, blocks[1:]):
            continues = self._continued_by(doc, nxt)
            # Plain text reads a short line without a full stop as a heading; a heading is never
            # continued in lower case, so such a line is a paragraph that was cut.
            inferred_heading = block.kind is BlockKind.HEADING and doc.format == "txt" and continues
            if block.kind is not BlockKind.PARAGRAPH and not inferred_heading:
                continue
            last = _open_ending(doc, block)
            if last is None or _ends_with_credit(doc, block):
                continue
            body = doc.text[block.start : block.end]
            if not (continues or last.lower in small or _word_count(body) >= MIN_CUT_WORDS):
                continue
            if doc.in_quotation(last.start, last.end):
                continue
            why = (
                "the next paragraph continues it in lower case: a stray line break?"
                if continues
                else "cut off in mid-sentence?"
            )
            yield self.finding(
                last.start, last.end, f"Paragraph ends on “{last.text}” without final punctuation: {why}"
            )

    @staticmethod
    def _continued_by(doc: Document, nxt: Block) -> bool:
        """True if the next paragraph opens in lower case, as the rest of a sentence does."""
        if nxt.kind is not BlockKind.PARAGRAPH:
            return False
        if not doc.text[nxt.start : nxt.end].lstrip()[:1].islower():
            return False  # the rest of a sentence opens on a lower-case letter (checked closer below)
        toks = first_tokens(doc.text, nxt, doc.lang, 2)
        if not toks or doc.text[nxt.start : toks[0].start].strip():
            return False  # it opens with a quotation mark, a dash or a number
        first = toks[0].text
        if not first[:1].islower() or INNER_CAPITAL.match(first):
            return False
        if toks[0].lower in words(doc.lang, "name-particles") and len(toks) > 1 and toks[1].is_capitalised:
            return False
        return True


class ClosingFragment(DocumentRule):
    meta = RuleMeta(
        code="EDT108",
        name="closing-fragment",
        summary="The article ends on a fragment or in mid-sentence: its end was cut off.",
        severity=Severity.WARNING,
        description=(
            "Copying or scraping an article often cuts it at an arbitrary point. The last paragraph is "
            "flagged when it has no final punctuation and either starts in lower case (a lone piece of "
            "a sentence), ends on an article, preposition or conjunction, or is a sentence of at least "
            f"{MIN_CUT_WORDS} words that simply stops. Short capitalised closing lines are credits, "
            "bylines or signatures (`Avec AFP`, `Reporting by …`, `pid/ber/jca`, `© AFP`) and are left "
            "alone, as are links, headings, list items and a text of a single paragraph."
        ),
        bad_examples=(
            BadExample(
                "Le ministre russe est arrivé lundi à Bamako.\n\nIl repartira mardi après une rencontre avec",
                None,
                "fr",
            ),
            BadExample(
                "Le président de la transition a reçu son homologue.\n\naux côtés des soldats maliens",
                None,
                "fr",
            ),
            BadExample(
                "The Senate passed the bill on Saturday.\n\nThe measure now goes to President Joe Biden, "
                "who is expected to sign it before the midnight deadline expires tonight",
                None,
                "en",
            ),
            BadExample(
                "Markets rallied on Friday.\n\nShares of BP and Shell rose as oil prices climbed above the", None, "en"
            ),
        ),
        good_examples=(
            GoodExample("Le ministre russe est arrivé lundi à Bamako.\n\nAvec AFP", "fr"),
            GoodExample("Le ministre russe est arrivé lundi à Bamako.\n\nbur-sb/jca", "fr"),
            GoodExample(
                "The Senate passed the bill on Saturday.\n\nReporting by Jane Doe; Editing by John Smith", "en"
            ),
            GoodExample("The Senate passed the bill on Saturday.\n\nJane Doe", "en"),
            GoodExample("The Senate passed the bill on Saturday and the House followed on Sunday", "en"),
        ),
    )

    def check(self, doc: Document, settings: Settings) -> Iterator[Finding]:
        blocks = doc.blocks
        if len(blocks) < 2:
            return
        block = blocks[-1]
        if block.kind is not BlockKind.PARAGRAPH:
            return
        body = doc.text[block.start : block.end]
        last = _open_ending(doc, block)
        if last is None or _ends_with_credit(doc, block) or doc.in_quotation(last.start, last.end):
            return
        first = body.lstrip()[:1]
        if first.islower():
            message = f"The article ends on a lone fragment (“{_snippet(body)}”): cut off when copied?"
        elif last.lower in function_words(doc.lang) or _word_count(body) >= MIN_CUT_WORDS:
            message = f"The article ends in mid-sentence, on “{last.text}”: the end of the text is missing?"
        else:
            return
        yield self.finding(block.start, block.end, message)


RULES = [DuplicatedSentence(), DuplicatedParagraph(), ParagraphCutOff(), ClosingFragment()]
