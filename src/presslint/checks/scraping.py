"""Leftovers of copying an article out of a web page: HTML entities in plain
text, mojibake, counters glued to the last word of a paragraph, and the
site's navigation and sharing lines caught in the body.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache, lru_cache
from typing import TYPE_CHECKING

from presslint import timed_regex as regex  # every pattern call runs under a time budget

from presslint import lexicons
from presslint.checks.marks import by_block
from presslint.checks.nonprose import nonprose
from presslint.diagnostics import Applicability, Severity
from presslint.rule import BadExample, DocumentRule, Finding, GoodExample, RuleMeta

if TYPE_CHECKING:
    from presslint.config import Settings
    from presslint.document import Document
    from presslint.formats.prose import Block

# --------------------------------------------------------------------------- HTML entities

_ENTITY = regex.lazy(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")


class HtmlEntity(DocumentRule):
    meta = RuleMeta(
        code="SCR101",
        name="html-entity",
        summary="An HTML entity (`&nbsp;`, `&amp;`, `&#8217;`) left in plain text.",
        languages=("*",),
        severity=Severity.WARNING,
        fixable=Applicability.SAFE,
        description=(
            "Text copied from a page's source keeps its character references, which a reader sees "
            "literally. The fix puts the character the entity stands for (decoded by Python's `html` "
            "module), so `&nbsp;` becomes a non-breaking space. Only plain-text files are checked: in "
            "Markdown and HTML the format itself decodes entities. Names that are not entities "
            "(`AT&T;`, `R&D;`) are left alone, and so are entities without their final semicolon."
        ),
        bad_examples=(
            BadExample("Le ministre s&#8217;est rendu &agrave; Bamako.", "Le ministre s’est rendu à Bamako.", "fr"),
            BadExample("Procter &amp; Gamble shares rose 3&nbsp;per cent.",
                       "Procter & Gamble shares rose 3\u00a0per cent.", "en"),
            BadExample("Le pr&eacute;sident de transition a re&ccedil;u son homologue.",
                       "Le président de transition a reçu son homologue.", "fr"),
            BadExample("He called it &quot;a historic day&quot;.", "He called it \"a historic day\".", "en"),
            BadExample("Le chiffre d&#x2019;affaires a baissé.", "Le chiffre d’affaires a baissé.", "fr"),
        ),
        good_examples=(
            GoodExample("AT&T and R&D spending rose; Johnson & Johnson fell.", "en"),
            GoodExample("Le groupe AT&T; une fusion est évoquée.", "fr"),
            GoodExample("Le ministre s’est rendu à Bamako.", "fr"),
        ),
    )

    def check(self, doc: Document, settings: Settings) -> Iterator[Finding]:
        if doc.format != "txt":
            return
        for m in _ENTITY.finditer(doc.text):
            import html  # imported on the first entity found: most texts hold none

            raw = m.group()
            decoded = html.unescape(raw)
            if decoded == raw:
                continue
            start, end = m.span()
            shown = {"\u00a0": "a non-breaking space", "\u202f": "a narrow non-breaking space"}.get(decoded)
            if "\ufffd" in decoded or any(ord(c) < 32 for c in decoded):
                yield self.finding(start, end, f"HTML entity “{raw}” in plain text (it stands for no printable character).")
                continue
            yield self.finding(
                start, end, f"HTML entity “{raw}” in plain text: write {shown or '“' + decoded + '”'}.",
                ((start, end, decoded),),
            )


# --------------------------------------------------------------------------- mojibake

# A UTF-8 lead byte read as Windows-1252 or Latin-1 (Â Ã â ð…) followed by as many
# continuation bytes, read the same way, as that lead byte announces: the shape of
# every mojibake sequence (`Ã©`, `â€™`), which ordinary words almost never take
# (`déjà…` has one continuation after a three-byte lead, not two). Only paragraphs
# holding one are handed to ftfy, which keeps the check cheap.
_CONTINUATION = (
    "[\u0080-\u00bf\u20ac\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039"
    "\u0152\u017d\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u017e\u0178]"
)
# The lead byte comes first as one class, its range then checked looking back: a pattern that
# opens with a single class is searched for quickly, an alternation is tried at every character.
# The lookahead first drops the lead bytes no continuation follows: French accented letters.
_SUSPECT = regex.lazy(
    f"[\u00c2-\u00f4](?={_CONTINUATION}|[ ])(?:(?<=[\u00c2-\u00df]){_CONTINUATION}|(?<=[\u00e0-\u00ef]){_CONTINUATION}{{2}}"
    f"|(?<=[\u00f0-\u00f4]){_CONTINUATION}{{3}}|(?<=\u00e2)\u20ac|(?<=\u00c3)[ ])"
)
# Beyond this many suspect stretches a paragraph is repaired, and reported, as a whole.
_WHOLE_PARAGRAPH = 12
_ROUND_TRIP_ENCODINGS = ("sloppy-windows-1252", "latin-1", "sloppy-windows-1250")


@cache
def _ftfy_config():  # type: ignore[no-untyped-def]
    from ftfy import TextFixerConfig

    # Encoding repair only: no quote straightening, no normalisation, no HTML.
    return TextFixerConfig(
        unescape_html=False, remove_terminal_escapes=False, fix_c1_controls=False, fix_latin_ligatures=False,
        fix_character_width=False, uncurl_quotes=False, fix_line_breaks=False, fix_surrogates=False,
        remove_control_chars=False, normalization=None, explain=False,
    )


@lru_cache(maxsize=4096)
def _repair(piece: str) -> str:
    """ftfy's encoding repair of a few words (cached: mis-decoded words recur through an article)."""
    import ftfy

    return ftfy.fix_text(piece, _ftfy_config())


def _is_exact_inverse(bad: str, good: str) -> bool:
    """True if ``bad`` is exactly ``good``'s UTF-8 bytes read in a legacy encoding.

    Then the repair is certain. ftfy's other repairs (restoring a non-breaking
    space turned into a plain one, a lost byte) are educated guesses.
    """
    import ftfy.bad_codecs  # noqa: F401  (registers the sloppy-windows codecs)

    data = good.encode("utf-8")
    for encoding in _ROUND_TRIP_ENCODINGS:
        try:
            if data.decode(encoding) == bad:
                return True
        except UnicodeDecodeError:
            continue
    return False


def _windows(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Stretches of a paragraph to repair: each suspect sequence with the words around it.

    Repairing a few words rather than the whole paragraph keeps both ftfy and
    the diff of its output cheap, whatever the length of the paragraph.
    """
    windows: list[tuple[int, int]] = []
    for m in _SUSPECT.finditer(text, start, end):
        ws = m.start()
        while ws > start and not text[ws - 1].isspace():
            ws -= 1
        we = m.end()
        for _ in range(2):  # the word itself, then the next one (`Ã  la`: the space was a byte)
            while we < end and text[we].isspace() and text[we] != "\n":
                we += 1
            while we < end and not text[we].isspace():
                we += 1
        if windows and ws <= windows[-1][1]:
            windows[-1] = (windows[-1][0], max(we, windows[-1][1]))
        else:
            windows.append((ws, we))
    return windows


def _widen(before: str, after: str, i1: int, i2: int, j1: int, j2: int) -> tuple[int, int, int, int, bool]:
    """Widen a difference over unchanged neighbours until it is a whole mojibake sequence.

    The diff may keep a character that both versions share (`Â°` → `°` shows as
    a deleted `Â`); taking up to two shared characters on either side lets the
    round-trip test see the whole sequence. Returns the span and whether the
    repair is certain.
    """
    for extra in range(0, 5):
        for left in range(0, extra + 1):
            right = extra - left
            a1, a2, b1, b2 = i1 - left, i2 + right, j1 - left, j2 + right
            if a1 < 0 or b1 < 0 or a2 > len(before) or b2 > len(after):
                continue
            if before[a1:i1] != after[b1:j1] or before[i2:a2] != after[j2:b2]:
                continue
            if _is_exact_inverse(before[a1:a2], after[b1:b2]):
                return a1, a2, b1, b2, True
    return i1, i2, j1, j2, False


class Mojibake(DocumentRule):
    meta = RuleMeta(
        code="SCR102",
        name="mojibake",
        summary="Mojibake: UTF-8 text read with the wrong encoding (`Ã©` for `é`, `â€™` for `’`).",
        languages=("*",),
        severity=Severity.ERROR,
        fixable=Applicability.SAFE,
        description=(
            "When UTF-8 text is read as Windows-1252 or Latin-1, every accented letter and typographic "
            "mark turns into two or three odd characters. Paragraphs that hold such a sequence are "
            "repaired with ftfy (encoding repair only). The fix is safe when the odd characters are "
            "exactly the UTF-8 bytes of the repaired text read in a legacy encoding, a transformation "
            "that ordinary words do not survive by accident; it is unsafe when ftfy had to guess (a "
            "non-breaking space that became a plain space, as in `Ã la`). Text such as `SÃO PAULO` or "
            "`déjà…` is not mojibake and is left alone."
        ),
        bad_examples=(
            BadExample("Le prÃ©sident de transition a reÃ§u Sergueï Lavrov.",
                       "Le président de transition a reçu Sergueï Lavrov.", "fr"),
            BadExample("The minister said it wasnâ€™t over.", "The minister said it wasn’t over.", "en"),
            BadExample("Il a dit â€œnous revenonsâ€\x9d en souriant.", "Il a dit “nous revenons” en souriant.", "fr"),
            BadExample("Il fait 35 Â°C Ã  Bamako.", None, "fr"),  # `Ã ` is a guess: unsafe, see the tests
            BadExample("Lâ€™Ã‰tat malien a rÃ©agi.", "L’État malien a réagi.", "fr"),
        ),
        good_examples=(
            GoodExample("Le club de SÃO PAULO a gagné.", "fr"),
            GoodExample("Il pensait déjà… à la suite. « Ça va », dit-il, né à Kayes.", "fr"),
            GoodExample("The Côte d’Ivoire delegation left Ouagadougou.", "en"),
            GoodExample("Le ministre s’est rendu à Bamako.", "fr"),
        ),
    )

    def check(self, doc: Document, settings: Settings) -> Iterator[Finding]:
        text = doc.text
        # Only the paragraphs that one search of the whole text finds a suspect in are read.
        touched = (i for m in _SUSPECT.finditer(text) for i in range(m.start(), m.end()))
        for index, _ in by_block(doc.blocks, touched):
            block = doc.blocks[index]
            windows = _windows(text, block.start, block.end)
            if len(windows) > _WHOLE_PARAGRAPH:
                yield from self._whole_paragraph(text, block.start, block.end, len(windows))
                continue
            for start, end in windows:
                piece = text[start:end]
                repaired = _repair(piece)
                if repaired != piece:
                    yield from self._differences(start, piece, repaired)

    def _whole_paragraph(self, text: str, start: int, end: int, count: int) -> Iterator[Finding]:
        """One finding for a paragraph that is mis-decoded throughout, fixed as a whole."""
        import ftfy

        paragraph = text[start:end]
        repaired = ftfy.fix_text(paragraph, _ftfy_config())
        if repaired == paragraph:
            return
        certain = _is_exact_inverse(paragraph, repaired)
        first = _SUSPECT.search(text, start, end)
        sample = first.group() if first else ""
        yield self.finding(
            start, end, f"Paragraph mis-decoded throughout ({count} mojibake sequences, such as “{sample}”): "
            "UTF-8 read with the wrong encoding.",
            ((start, end, repaired),), Applicability.SAFE if certain else Applicability.UNSAFE,
        )

    def _differences(self, base: int, before: str, after: str) -> Iterator[Finding]:
        import difflib  # only a text with mojibake gets here

        matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            if tag == "equal":
                continue
            i1, i2, j1, j2, certain = _widen(before, after, i1, i2, j1, j2)
            bad, good = before[i1:i2], after[j1:j2]
            applicability = Applicability.SAFE if certain else Applicability.UNSAFE
            yield self.finding(
                base + i1, base + i2,
                f"Mojibake “{bad}”: probably “{good}” (UTF-8 read with the wrong encoding).",
                ((base + i1, base + i2, good),), applicability,
            )


# --------------------------------------------------------------------------- glued numbers

_GLUED = regex.lazy(r"(?<![\p{L}\p{N}._/@\\-])(?P<word>\p{L}+)\.(?P<num>\d{1,7})(?=[\s»”\"')\]]|\Z)")
# Every glued number holds a full stop between a letter and a digit: finding those first, then
# matching from the start of the word before each, spares the pattern a try at every word.
_GLUED_DOT = regex.lazy(r"(?<=\p{L})\.\d")
_WORD_BEFORE = regex.lazy(r"\p{L}+", regex.REVERSE)


def _glued_numbers(text: str) -> Iterator[regex.Match[str]]:
    """The matches of ``_GLUED`` in ``text``, in order."""
    for dot in _GLUED_DOT.finditer(text):
        word = _WORD_BEFORE.match(text, 0, dot.start())
        m = _GLUED.match(text, word.start())  # type: ignore[union-attr]
        if m is not None:
            yield m


@cache
def _number_prefixes(lang: str) -> frozenset[str]:
    """Abbreviations that may stand glued to a number (`art.12`, `pp.4`), lower-cased."""
    words = set(lexicons.load(lang, "abbreviations")) | set(lexicons.load(lang, "number-prefixes"))
    return frozenset(w.lower() for w in words)


class GluedNumber(DocumentRule):
    meta = RuleMeta(
        code="SCR103",
        name="glued-number",
        summary="A number glued to the full stop that ends a sentence (`soldats.2235`).",
        languages=("*",),
        severity=Severity.WARNING,
        fixable=Applicability.UNSAFE,
        description=(
            "A page's counters (views, shares, comments) and footnote calls stick to the last word "
            "when an article is copied out: `aux côtés des Maliens.2235`. The rule wants a word of at "
            "least two letters ending in lower case, a full stop, then digits and a space or the end "
            "of the paragraph. It leaves decimals (`2.5`), versions (`v2.3`), addresses and "
            "abbreviations before a number (`p.12`, `art.12`, `vol.3`, lists in `lexicons/<lang>/`) "
            "alone. The fix is unsafe because two readings exist: before a lower-case word or a digit "
            "the number likely starts the next sentence and only a space is missing (`arrivés.12 "
            "soldats` → `arrivés. 12 soldats`); otherwise it is a counter or a footnote call and is removed."
        ),
        bad_examples=(
            BadExample("Ils seront par centaines à combattre aux côtés des soldats maliens.2235",
                       "Ils seront par centaines à combattre aux côtés des soldats maliens.", "fr"),
            BadExample("The talks ended without a statement.12 The next round is due in May.",
                       "The talks ended without a statement. The next round is due in May.", "en"),
            BadExample("Les renforts sont arrivés.12 soldats ont été blessés.",
                       "Les renforts sont arrivés. 12 soldats ont été blessés.", "fr"),
            BadExample("Il a quitté le pays en 2021.\nLe bilan est lourd.348\nLa suite demain.",
                       "Il a quitté le pays en 2021.\nLe bilan est lourd.\nLa suite demain.", "fr"),
        ),
        good_examples=(
            GoodExample("Le taux est passé de 2.5 à 3.1 selon la version v2.3 du rapport.", "fr"),
            GoodExample("Voir p.12, art.12 et vol.3 du rapport, pp.4-5.", "fr"),
            GoodExample("The report is at www.example.org/report.2023 and on site.gov.", "en"),
            GoodExample("The U.S.12 highway was closed. Python3.11 was released.", "en"),
            GoodExample("Il est arrivé à 10h.30 selon M.2 du dossier.", "fr"),
        ),
    )

    def check(self, doc: Document, settings: Settings) -> Iterator[Finding]:
        text = doc.text
        addresses = nonprose(doc)
        prefixes = _number_prefixes(doc.lang)
        for m in _glued_numbers(text):
            word = m.group("word")
            if len(word) < 2 or not word[-2:].islower() or word.lower() in prefixes:
                continue
            if addresses.overlaps(m.start(), m.end()):
                continue
            ns, ne = m.span("num")
            j = ne  # the next character that is not a space or a tab (no copy of the rest of the text)
            while j < len(text) and text[j] in " \t":
                j += 1
            nxt = text[j : j + 1]
            if nxt and text[ne : ne + 1] != "\n" and (nxt.islower() or nxt.isdigit()):
                edit = (ns, ns, " ")
                message = f"Number glued to the full stop: “{m.group()}”; a space is probably missing."
            else:
                edit = (ns, ne, "")
                message = f"Number glued to the end of a sentence: “{m.group()}” (a counter or footnote call?)."
            yield self.finding(m.start(), m.end(), message, (edit,))


# --------------------------------------------------------------------------- boilerplate lines

_MAX_BOILERPLATE_CHARS = 220
_MAX_HEADLINE_WORDS = 25
_EDGE = r"[\s\p{P}\p{S}]*"
_SEPARATOR = r"(?:\s*[:|>»›→►▶–—-]+\s*|\s+(?=[\p{Lu}\p{N}«“\"']))"


def _phrase(entry: str) -> str:
    words = [regex.escape(w).replace("'", "['’]") for w in entry.split()]
    return r"\s+".join(words)


@cache
def _boilerplate_patterns(lang: str) -> tuple[regex.Pattern[str] | None, regex.Pattern[str] | None]:
    """(whole-line pattern, line-start pattern) built from ``lexicons/<lang>/boilerplate.txt``.

    An entry ending in ``*`` may be followed by a linked headline (`Lire aussi : …`);
    the others must make up the whole line, alone or several in a row
    (`Share on Facebook Share on Twitter`).
    """
    exact = [e for e in lexicons.entries(lang, "boilerplate") if not e.endswith("*")]
    prefix = [e[:-1].strip() for e in lexicons.entries(lang, "boilerplate") if e.endswith("*")]
    whole = line_start = None
    flags = regex.IGNORECASE | regex.VERSION1
    if exact:
        alt = "|".join(_phrase(e) for e in sorted(exact, key=len, reverse=True))
        whole = regex.compile(rf"^{_EDGE}(?:{alt})(?:[\s\p{{P}}\p{{S}}]+(?:{alt}))*{_EDGE}$", flags)
    if prefix:
        alt = "|".join(_phrase(e) for e in sorted(prefix, key=len, reverse=True))
        line_start = regex.compile(rf"^{_EDGE}(?:{alt})(?:{_SEPARATOR}(?P<rest>\S.*)|{_EDGE})$", flags)
    return whole, line_start


_LEADING_EDGE = regex.lazy(r"[\s\p{P}\p{S}]*")


@cache
def _boilerplate_starts(lang: str) -> tuple[str, ...] | None:
    """Case-folded first words of the boilerplate phrases, or None if one opens with a sign.

    A line can only match the patterns if, past its leading signs and spaces, it
    starts with one of these words: the (costly to compile) patterns are built
    only for an article that has such a line.
    """
    firsts = set()
    for entry in lexicons.entries(lang, "boilerplate"):
        words = entry.rstrip("*").split()
        if not words or not words[0][:1].isalnum():
            return None
        firsts.add(words[0].casefold().replace("’", "'"))
    return tuple(sorted(firsts))


def _may_be_boilerplate(line: str, starts: tuple[str, ...] | None) -> bool:
    if starts is None:
        return True
    if not line[:1].isalnum():  # most lines start with a word: no edge to skip
        line = line[_LEADING_EDGE.match(line).end() :]  # type: ignore[union-attr]
    # Case folding never shortens a character, so folding as many characters as the longest start has is enough.
    head = line[: _longest(starts)].casefold().replace("’", "'")
    return head.startswith(starts)


@cache
def _longest(starts: tuple[str, ...]) -> int:
    return max(map(len, starts), default=0)


class BoilerplateLine(DocumentRule):
    meta = RuleMeta(
        code="SCR104",
        name="boilerplate-line",
        summary="A site's navigation or sharing line caught in the article (`Lire aussi`, `Share on Twitter`).",
        languages=("fr", "en"),
        severity=Severity.WARNING,
        fixable=Applicability.SAFE,
        description=(
            "Copying an article out of a web page brings the page's furniture with it: `Lire aussi`, "
            "`Read more`, `Partager sur Facebook`, `Advertisement`, `Sign up for our newsletter`. "
            "Only a short paragraph made of such phrases is flagged, never a sentence that merely "
            "contains them. The phrases are lists per language (`lexicons/<lang>/boilerplate.txt`); an "
            "entry ending in `*` may be followed by a linked headline (`Lire aussi : Le Mali…`). "
            "Removing a line made only of these phrases is safe; removing a `Read more: headline` line "
            "is unsafe, as the headline may be wanted as a link."
        ),
        bad_examples=(
            BadExample("Le ministre est arrivé lundi.\nPublicité\nIl repart mardi.",
                       "Le ministre est arrivé lundi.\nIl repart mardi.", "fr"),
            BadExample("Le ministre est arrivé lundi.\n\nLire aussi : Au Mali, la junte se rapproche de Moscou\n\n"
                       "Il repart mardi.", None, "fr"),  # an unsafe removal: see the tests
            BadExample("The minister arrived on Monday.\nShare on Facebook Share on Twitter\nShe left on Tuesday.",
                       "The minister arrived on Monday.\nShe left on Tuesday.", "en"),
            BadExample("The minister arrived on Monday.\n\nADVERTISEMENT\n\nShe left on Tuesday.",
                       "The minister arrived on Monday.\n\nShe left on Tuesday.", "en"),
            BadExample("The minister arrived on Monday.\nSign up for our newsletter",
                       "The minister arrived on Monday.", "en"),
        ),
        good_examples=(
            GoodExample("Lire aussi les déclarations du ministre, qui a promis un rapport détaillé avant la fin "
                        "du mois et une conférence de presse.", "fr"),
            GoodExample("He urged people to read more about the junta before judging it.", "en"),
            GoodExample("The minister said the advertisement had been withdrawn.", "en"),
            GoodExample("La publicité a été retirée, a indiqué le ministère.", "fr"),
        ),
    )

    def check(self, doc: Document, settings: Settings) -> Iterator[Finding]:
        starts = _boilerplate_starts(doc.lang)
        blocks = doc.blocks
        for index, block in enumerate(blocks):
            if block.end - block.start > _MAX_BOILERPLATE_CHARS:
                continue
            line = doc.text[block.start : block.end]
            if "\n" in line.strip() or not _may_be_boilerplate(line, starts):
                continue
            whole, line_start = _boilerplate_patterns(doc.lang)
            applicability = Applicability.SAFE
            if whole is None or not whole.match(line):
                m = line_start.match(line) if line_start is not None else None
                if m is None:
                    continue
                rest = m.group("rest")
                if rest is not None and (len(rest.split()) > _MAX_HEADLINE_WORDS or _is_prose(rest)):
                    continue
                applicability = Applicability.UNSAFE
            yield self.finding(
                block.start, block.end, f"Web-page boilerplate in the article: “{line.strip()}”.",
                (_removal(doc, blocks, index),), applicability,
            )


def _is_prose(rest: str) -> bool:
    """A continuation that reads like a running sentence rather than a headline."""
    return bool(regex.search(r"[.!?]\s+\p{Lu}", rest)) or rest[:1].islower()


def _removal(doc: Document, blocks: list[Block], index: int) -> tuple[int, int, str]:
    """Delete a whole block with one of the separators around it (plain text), or its text only."""
    block = blocks[index]
    if doc.format == "txt":
        if index + 1 < len(blocks):
            return (block.start, blocks[index + 1].start, "")
        if index > 0:
            return (blocks[index - 1].end, block.end, "")
    return (block.start, block.end, "")


RULES = [HtmlEntity(), Mojibake(), GluedNumber(), BoilerplateLine()]
