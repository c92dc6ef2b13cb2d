"""White space that a reader cannot see but an editor must fix: doubled spaces,
spaces at line end, control characters, and non-breaking spaces glued between
two ordinary English words.

Tabs and zero-width characters are plain patterns (``rules/whitespace/``).
HTML collapses runs of white space, so the spacing rules leave HTML alone.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from typing import TYPE_CHECKING

from presslint import timed_regex as regex  # every pattern call runs under a time budget

from presslint import lexicons
from presslint.checks.marks import char_positions, is_non_space
from presslint.diagnostics import Applicability, Severity
from presslint.rule import BadExample, DocumentRule, Finding, GoodExample, RuleMeta

if TYPE_CHECKING:
    from presslint.config import Settings
    from presslint.document import Document

NBSP_CHARS = "\u00a0\u202f"
_SENTENCE_CLOSERS = frozenset("»”’\"')]")
_WIDE_GAP = regex.lazy(r"[ \t]{3,}")
_SENTENCE_START = regex.lazy(r"[\p{Lu}\p{N}«“‘\"'(\[¿¡]")
# Neighbours that belong to the spacing-around-punctuation rules (TYP1xx).
_PUNCT_AFTER = set(",.;:!?»)]}…")
_PUNCT_BEFORE = set("«([{")


def _ends_sentence(text: str, line_start: int, i: int) -> bool:
    """A sentence ends right before ``i``: a terminal mark, then only closing quotes or brackets."""
    while i > line_start and text[i - 1] in _SENTENCE_CLOSERS:
        i -= 1
    return i > line_start and text[i - 1] in ".!?…"


def _line_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    ls = text.rfind("\n", 0, start) + 1
    le = text.find("\n", end)
    return ls, (len(text) if le < 0 else le)


def _token_before(text: str, i: int) -> str:
    j = i
    while j > 0 and not text[j - 1].isspace():
        j -= 1
    return text[j:i]


def _token_after(text: str, i: int) -> str:
    j = i
    while j < len(text) and not text[j].isspace():
        j += 1
    return text[i:j]


_ROMAN = regex.lazy(r"^[IVXLCDM]{1,7}$")
_WORDISH = regex.lazy(r"^[\p{L}][\p{L}'’-]*$")


def keeps_together(before: str, after: str, lang: str) -> bool:
    """True where a non-breaking space is deliberate typography, not a stray.

    Numbers (``10 000``, ``10 km``, ``p. 12``), abbreviations ending with a
    full stop (``M. Lavrov``, ``Dr. Kim``), initials, regnal numbers
    (``Louis XIV``), titles kept with the name that follows (``Mr Smith``) and
    anything next to punctuation are all places where typographers want one.
    """
    b = before.rstrip("\"'“”«»‘’()[]")
    a = after.lstrip("\"'“”«»‘’()[]")
    if not b or not a:
        return True
    if any(c.isdigit() for c in b[-1:]) or any(c.isdigit() for c in a[:1]):
        return True
    if not _WORDISH.match(b) or not _WORDISH.match(a.rstrip(".,;:!?…")):
        return True
    if len(b) == 1 and b.isupper():
        return True
    a = a.rstrip(".,;:!?…")
    if _ROMAN.match(a) or (len(a) == 1 and a.isupper()):
        return True
    return b in lexicons.load(lang, "nonbreaking-before")


class RepeatedSpaces(DocumentRule):
    meta = RuleMeta(
        code="TYP201",
        name="repeated-spaces",
        summary="Two or more spaces inside a line of prose.",
        languages=("*",),
        severity=Severity.WARNING,
        fixable=Applicability.SAFE,
        description=(
            "A run of spaces between two words is debris from editing or from copying out of a layout. "
            "Indentation at the start of a line and aligned columns (a line with several wide gaps) are "
            "left alone, and so is the double space after a full stop when the article uses it at most "
            "of its sentence breaks: that is a house habit, not a slip. Spaces next to punctuation belong "
            "to the punctuation-spacing rules. HTML collapses spaces, so HTML files are not checked."
        ),
        bad_examples=(
            BadExample(
                "Le ministre est arrivé  à Bamako lundi soir.",
                "Le ministre est arrivé à Bamako lundi soir.", "fr"),
            BadExample(
                "The minister   arrived in Bamako on Monday evening.",
                "The minister arrived in Bamako on Monday evening.", "en"),
            BadExample(
                "Il a été reçu par son homologue. Les deux hommes se sont entretenus.  La réunion a duré deux "
                "heures. Une conférence de presse a suivi.",
                "Il a été reçu par son homologue. Les deux hommes se sont entretenus. La réunion a duré deux "
                "heures. Une conférence de presse a suivi.", "fr"),
            BadExample(
                "The talks lasted two hours and \u00a0ended without a statement.",
                "The talks lasted two hours and ended without a statement.", "en"),
            BadExample(
                "La distance est de 10 \u00a0km environ.",
                "La distance est de 10\u00a0km environ.", "fr"),
        ),
        good_examples=(
            GoodExample("He left.  She stayed.  Nobody spoke.  The vote was put off.", "en"),
            GoodExample("    Le ministre est arrivé à Bamako lundi soir.", "fr"),
            GoodExample("Arsenal     2     Chelsea     1\nLiverpool   3     Everton     0", "en"),
            GoodExample("Il a dit  : « Nous reviendrons. »", "fr"),
            GoodExample("The minister arrived on Monday. She left on Tuesday.", "en"),
        ),
    )

    def check(self, doc: Document, settings: Settings) -> Iterator[Finding]:
        if doc.format == "html":
            return
        text = doc.text
        double_gaps_are_style: bool | None = None  # read from the sentences only if a gap needs it
        # The line of the last run looked at: runs come in order, and a line is read once, however
        # long it is and however many runs it holds (a text on one line must not cost its square).
        ls = le = -1
        aligned = False
        for start, end in _space_runs(text):
            run = text[start:end]
            if start == 0 or text[start - 1] == "\n" or end == len(text) or text[end] in "\n\t":
                continue  # indentation, or trailing white space (TYP202)
            if text[end] in _PUNCT_AFTER or text[start - 1] in _PUNCT_BEFORE:
                continue
            if start >= le:  # the first run of a line (a run holds no line break)
                ls, le = _line_bounds(text, start, end)
                aligned = len(_WIDE_GAP.findall(text, ls, le)) >= 2
            if aligned:
                continue  # aligned columns
            at_gap = _ends_sentence(text, ls, start) and bool(_SENTENCE_START.match(text[end]))
            if at_gap and run == "  ":
                if double_gaps_are_style is None:
                    double_gaps_are_style = self._double_space_house_style(doc)
                if double_gaps_are_style:
                    continue
            replacement = " "
            if any(c in NBSP_CHARS for c in run) and keeps_together(
                _token_before(text, start), _token_after(text, end), doc.lang
            ):
                replacement = "\u00a0"
            yield self.finding(start, end, f"{len(run)} spaces in a row: keep one.", ((start, end, replacement),))

    @staticmethod
    def _double_space_house_style(doc: Document) -> bool:
        """True if most sentence breaks inside paragraphs use two spaces (ties count as style)."""
        double = single = 0
        sentences = doc.sentences
        for a, b in zip(sentences, sentences[1:]):
            gap = doc.text[a.end : b.start]
            if gap == "  ":
                double += 1
            elif gap == " ":
                single += 1
        return double > 0 and double >= single


_RUN_SPACES = " \u00a0\u202f"
# Two spaces side by side, one of them plain: every run of spaces TYP201 looks at holds one.
_PAIRS_WITH_PLAIN = ("  ", " \u00a0", "\u00a0 ", " \u202f", "\u202f ")


def _space_runs(text: str) -> list[tuple[int, int]]:
    """The runs of two or more spaces (plain, no-break, narrow no-break) that hold a plain space, in order.

    Their pairs of spaces are found with `str.find`, much faster than a pattern
    tried at every character, and each run is the stretch of spaces around a pair.
    """
    runs: set[tuple[int, int]] = set()
    size = len(text)
    for pair in _PAIRS_WITH_PLAIN:
        i = text.find(pair)
        while i >= 0:
            start, end = i, i + 2
            while start > 0 and text[start - 1] in _RUN_SPACES:
                start -= 1
            while end < size and text[end] in _RUN_SPACES:
                end += 1
            runs.add((start, end))
            i = text.find(pair, end)
    return sorted(runs)


_TRAILING = " \t\u00a0\u202f\u3000"
_SPACED_LINE_END = regex.lazy(r"\n(?<=[ \t\u00a0\u202f\u3000]\n)")


class TrailingWhitespace(DocumentRule):
    meta = RuleMeta(
        code="TYP202",
        name="trailing-whitespace",
        summary="Spaces or tabs at the end of a line.",
        languages=("*",),
        severity=Severity.INFO,
        fixable=Applicability.SAFE,
        description=(
            "White space at the end of a line is invisible in print but shows in diffs, breaks "
            "exact searches and can hide a missing word. Only plain text is checked: in Markdown, spaces "
            "at the end of a line are markup (two of them make a hard line break), and HTML ignores them."
        ),
        bad_examples=(
            BadExample(
                "Le ministre est arrivé à Bamako lundi soir.   \nIl repart mardi.",
                "Le ministre est arrivé à Bamako lundi soir.\nIl repart mardi.", "fr"),
            BadExample(
                "The minister arrived on Monday.\t\nShe left on Tuesday.",
                "The minister arrived on Monday.\nShe left on Tuesday.", "en"),
            BadExample(
                "The minister arrived on Monday. \n\nShe left on Tuesday. ",
                "The minister arrived on Monday.\n\nShe left on Tuesday.", "en"),
            BadExample(
                "Sergueï Lavrov est arrivé lundi.\u00a0\r\nIl repart mardi.",
                "Sergueï Lavrov est arrivé lundi.\r\nIl repart mardi.", "fr"),
        ),
        good_examples=(
            GoodExample("Le ministre est arrivé à Bamako lundi soir.\nIl repart mardi.", "fr"),
            GoodExample("    Indented first line of a paragraph.\nSecond paragraph.", "en"),
            GoodExample("The minister arrived on Monday.\r\nShe left on Tuesday.\r\n", "en"),
        ),
    )

    def check(self, doc: Document, settings: Settings) -> Iterator[Finding]:
        if doc.format != "txt":
            return
        text = doc.text
        # The line ends after white space are few: find them, then walk back over the run.
        ends = [m.start() for m in _SPACED_LINE_END.finditer(text)]
        if text and text[-1] in _TRAILING:
            ends.append(len(text))
        for end in ends:
            start = end
            while start > 0 and text[start - 1] in _TRAILING:
                start -= 1
            if start > 0 and text[start - 1] == "\n":
                continue  # a blank line, not the end of a line of prose
            yield self.finding(start, end, "White space at the end of the line.", ((start, end, ""),))


# C0 controls except tab, line feed and carriage return; DEL; C1 controls.
_CONTROL = regex.lazy(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_MOJIBAKE_LEAD = regex.lazy(r"[\u00c2-\u00f4\u20ac]")


def _named(name: str) -> str:
    """` (escape)` for a control character Unicode names; nothing when it has no name but its code."""
    return "" if name.startswith("U+") else f" ({name.lower()})"


def _c1_meaning(ch: str) -> str | None:
    """What a C1 control most likely stood for: the Windows-1252 character of the same byte."""
    try:
        decoded = bytes([ord(ch)]).decode("cp1252")
    except UnicodeDecodeError:
        return None
    return decoded if decoded != ch else None


class ControlCharacter(DocumentRule):
    meta = RuleMeta(
        code="TYP205",
        name="control-character",
        summary="A control character inside the text.",
        languages=("*",),
        severity=Severity.WARNING,
        fixable=Applicability.SAFE,
        description=(
            "Control characters (other than tab and line breaks) never belong in an article. A vertical "
            "tab or form feed (a manual line or page break from a word processor) becomes a space. "
            "A C1 control (U+0080 to U+009F) is almost always a Windows-1252 character read with the "
            "wrong encoding: `\\x92` was an apostrophe, `\\x96` a dash; the fix proposes that character, "
            "as an unsafe fix because it is an inference. Other controls are removed; when one sits "
            "between two letters it may have stood for a separator, so that removal is unsafe."
        ),
        bad_examples=(
            BadExample("Le ministre\x0best arrivé à Bamako.", "Le ministre est arrivé à Bamako.", "fr"),
            BadExample("The minister arrived on Monday.\x07", "The minister arrived on Monday.", "en"),
            # C1 controls get an unsafe fix (an inference): their fixed text is tested apart.
            BadExample("Il n\x92a pas répondu aux questions.", None, "fr"),
            BadExample("The talks \x96 held behind closed doors \x96 ended late.", None, "en"),
            BadExample("Le chef\x1bde la délégation est arrivé.", None, "fr"),
            BadExample("Le texte\x0c\nLa suite.", "Le texte\nLa suite.", "fr"),
        ),
        good_examples=(
            GoodExample("Le ministre est arrivé à Bamako.\tIl repart mardi.", "fr"),
            GoodExample("The minister arrived on Monday.\r\nShe left on Tuesday.", "en"),
            GoodExample("Le prix est de 12\u00a0€ et la remise de 5\u00a0%.", "fr"),
        ),
    )

    def check(self, doc: Document, settings: Settings) -> Iterator[Finding]:
        text = doc.text
        for m in _CONTROL.finditer(text):
            i = m.start()
            ch = m.group()
            code = ord(ch)
            name = unicodedata.name(ch, f"U+{code:04X}")
            prev = text[i - 1] if i else ""
            nxt = text[i + 1] if i + 1 < len(text) else ""
            if 0x80 <= code <= 0x9F:
                if prev and _MOJIBAKE_LEAD.match(prev):
                    continue  # part of a mis-decoded sequence: SCR102 repairs the whole
                meaning = _c1_meaning(ch)
                if meaning:
                    yield self.finding(
                        i, i + 1,
                        f"Control character U+{code:04X}: probably “{meaning}” read with the wrong encoding.",
                        ((i, i + 1, meaning),), Applicability.UNSAFE,
                    )
                else:
                    yield self.finding(i, i + 1, f"Control character U+{code:04X} in the text: remove it.",
                                       ((i, i + 1, ""),), Applicability.UNSAFE)
                continue
            if ch in "\x0b\x0c":
                spaced = not prev or not nxt or prev.isspace() or nxt.isspace()
                message = f"Control character U+{code:04X} (a manual break) in the text: remove it."
                yield self.finding(i, i + 1, message,
                                   ((i, i + 1, "" if spaced else " "),))
                continue
            glued = prev.isalpha() and nxt.isalpha()
            yield self.finding(
                i, i + 1, f"Control character U+{code:04X}{_named(name)} in the text: remove it.",
                ((i, i + 1, ""),), Applicability.UNSAFE if glued else Applicability.SAFE,
            )


class NbspBetweenWords(DocumentRule):
    meta = RuleMeta(
        code="TYP206",
        name="nbsp-between-words",
        summary="A non-breaking space between two ordinary English words.",
        languages=("en",),
        severity=Severity.INFO,
        fixable=Applicability.SAFE,
        description=(
            "Pasted web text often carries non-breaking spaces (`&nbsp;`) between ordinary words, "
            "which stops lines from breaking there and defeats searches. English typography wants one "
            "only where words must stay together: in numbers and before units (`10 000`, `10 km`), after "
            "abbreviations and initials (`p. 12`, `Dr. Kim`, `J. Smith`), before regnal numbers "
            "(`Henry VIII`) and after titles (`Mr Smith`, list in `lexicons/en/nonbreaking-before.txt`). "
            "Those are left alone; the fix replaces the others with a plain space. French has its own "
            "rules for non-breaking spaces, so this rule is for English only."
        ),
        bad_examples=(
            BadExample("The foreign\u00a0minister arrived in Bamako on Monday.",
                       "The foreign minister arrived in Bamako on Monday.", "en"),
            BadExample("Talks will\u202fresume after the\u00a0summit.",
                       "Talks will resume after the summit.", "en"),
            BadExample("Officials said\u00a0the delegation would stay two days.",
                       "Officials said the delegation would stay two days.", "en"),
        ),
        good_examples=(
            GoodExample("The convoy travelled 10\u00a0km north of Gao, with 10\u00a0000 troops.", "en"),
            GoodExample("See p.\u00a012 of the report by Dr.\u00a0Kim and J.\u00a0Smith.", "en"),
            GoodExample("Mr\u00a0Lavrov met Henry\u00a0VIII scholars at St\u00a0Paul's.", "en"),
            GoodExample("“Go\u00a0!” he said, in French.", "en"),
        ),
    )

    def check(self, doc: Document, settings: Settings) -> Iterator[Finding]:
        text = doc.text
        for i in char_positions(text, NBSP_CHARS):
            if i == 0 or i + 1 == len(text) or not (is_non_space(text[i - 1]) and is_non_space(text[i + 1])):
                continue
            if keeps_together(_token_before(text, i), _token_after(text, i + 1), "en"):
                continue
            yield self.finding(i, i + 1, "Non-breaking space between two ordinary words: use a plain space.",
                               ((i, i + 1, " "),))

RULES = [RepeatedSpaces(), TrailingWhitespace(), ControlCharacter(), NbspBetweenWords()]
