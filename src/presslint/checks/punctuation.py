"""Punctuation marks: clashing marks, repeated `!!`/`??`, and balance of quotation marks and brackets.

PUN101 (doubled `..`, `,,`) is a rule file; the rules here need logic a
pattern cannot hold: abbreviation lexicons (`etc.,` is right), a house setting
(`style.allow-doubled-marks`), or pairing marks across a paragraph and into
the next (multi-paragraph quotations reopen with `«` or `“` and close only at
their end).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple

from presslint import timed_regex as regex  # every pattern call runs under a time budget
from presslint.checks.marks import (
    HSPACE,
    SpanSet,
    by_block,
    char_positions,
    ends_with_brand,
    is_abbreviation_dot,
    web_span_set,
)
from presslint.config import Settings
from presslint.diagnostics import Applicability, Severity
from presslint.document import Document, is_continuation_mark
from presslint.formats.prose import Block
from presslint.rule import BadExample, DocumentRule, Finding, GoodExample, RuleMeta

SAFE, UNSAFE = Applicability.SAFE, Applicability.UNSAFE

# --------------------------------------------------------------------------- PUN102

# The run starts with the one range `!` to `?`, which the search skips to much faster than to a set of
# marks; the lookbehind then checks that it is a mark and reads what comes before it.
_RUN = regex.lazy(r"[!-?](?<=[\p{L}\p{N}»”)\]'’\"%][ \u00a0\u202f]?[.,;:!?])[.,;:!?]+(?![/\\\p{N}])")
_STRENGTH = ":;,"  # when two of these clash, keep the stronger (first in this string)


class ConflictingPunctuation(DocumentRule):
    meta = RuleMeta(
        code="PUN102",
        name="conflicting-punctuation",
        summary="Two different marks side by side: `.,`, `,.`, `;.`, `?.` …",
        description=(
            "A comma next to a full stop (`fin,.`, `Diop.,`) or a question mark followed by a full stop "
            "is what is left when a sentence was cut or rejoined. A full stop that ends an abbreviation "
            "or an initial is not part of the clash: `etc.,`, `U.S.,`, `M.,`, `J.-C.;` are right. "
            "Ellipses (`...,`) and `?!`/`!?` are left alone, and so are names that carry their mark "
            "(`Yahoo!.`). The fix keeps one mark: the comma (or semicolon, colon) when the next word is "
            "in lower case, the full stop at the end of a paragraph (both safe), the full stop before a "
            "capitalised word (unsafe: it might be a name after a comma), `?`/`!` over a full stop "
            "(safe), and otherwise the stronger mark (unsafe)."
        ),
        languages=("fr", "en"),
        severity=Severity.WARNING,
        fixable=SAFE,
        bad_examples=(
            BadExample(
                "Il a rencontré le ministre malien,. puis il est reparti.",
                "Il a rencontré le ministre malien, puis il est reparti.",
                "fr",
            ),
            BadExample(
                "Son départ de Bamako est prévu à 16 heures.,",
                "Son départ de Bamako est prévu à 16 heures.",
                "fr",
            ),
            BadExample(
                "The minister met his counterpart., and they signed three agreements.",
                "The minister met his counterpart, and they signed three agreements.",
                "en",
            ),
            BadExample(
                "Will the government fall?. Not this time, according to the groups.",
                "Will the government fall? Not this time, according to the groups.",
                "en",
            ),
            BadExample(
                "Y aura-t-il une majorité ?. Non.",
                "Y aura-t-il une majorité ? Non.",
                "fr",
            ),
        ),
        good_examples=(
            GoodExample("Ils ont parlé de sécurité, d’économie, etc., sans rien conclure.", "fr"),
            GoodExample("The talks, held in the U.S., ended on Monday; officials met Dr., er, Smith.", "en"),
            GoodExample("Le texte, signé par M., Mme et MM. les députés, a été adopté.", "fr"),
            GoodExample("Il hésita..., puis repartit. Quoi ?! Vraiment ?", "fr"),
            GoodExample("He works at Yahoo!. The rate was 3.5, then 3.,5 in the typo-free table: 4.", "en"),
            GoodExample("Né en 52 av. J.-C., il meurt à Rome.", "fr"),
        ),
    )

    def check(self, doc: Document, settings: Settings) -> Iterator[Finding]:
        text = doc.text
        web = web_span_set(doc)
        for m in _RUN.finditer(text):
            start, end = m.span()
            if text[start] == "." and is_abbreviation_dot(text, start):
                start += 1
            run = text[start:end]
            if len(run) < 2 or ".." in run or len(set(run)) < 2 or set(run) <= {"!", "?"}:
                continue
            if web.covers(start) or web.covers(start - 1):
                continue
            if any(c in "!?" for c in run) and ends_with_brand(text, start + _last_bang(run) + 1):
                continue
            keep, applicability = _keep(text, run, end)
            yield self.finding(
                start,
                end,
                f"Conflicting punctuation “{run}”: keep “{keep}”.",
                [(start, end, keep)],
                applicability,
            )


def _last_bang(run: str) -> int:
    return max(i for i, c in enumerate(run) if c in "!?")


def _keep(text: str, run: str, end: int) -> tuple[str, Applicability]:
    """The mark(s) to keep from a clashing run, and how sure that choice is."""
    if any(c in "!?" for c in run):
        keep = "".join(c for c in run if c in "!?")
        others = {c for c in run if c not in "!?"}
        return keep, SAFE if others <= {"."} else UNSAFE
    if "." in run:
        nxt = _next_visible(text, end)
        weaker = next(c for c in run if c != ".")
        if nxt and nxt.islower():
            return weaker, SAFE
        if nxt == "" or nxt == "\n":
            return ".", SAFE
        return ".", UNSAFE
    strongest = min(run, key=_STRENGTH.index)
    return strongest, UNSAFE


def _next_visible(text: str, pos: int) -> str:
    """The next character after horizontal spaces and closing quotes: '' at the end, '\\n' at a line end."""
    while pos < len(text) and (text[pos] in HSPACE or text[pos] in "»”\"’)"):
        pos += 1
    return text[pos] if pos < len(text) else ""


# --------------------------------------------------------------------------- PUN103

_REPEATED = regex.lazy(r"(?<![!?])([!?])\1+(?![!?])")


class RepeatedExclamationOrQuestion(DocumentRule):
    meta = RuleMeta(
        code="PUN103",
        name="repeated-exclamation-or-question",
        summary="`!!` or `??`: news copy uses one mark.",
        description=(
            "Repeated exclamation or question marks belong to social media, not to news copy. Flagged "
            "unless `style.allow-doubled-marks = true`; `?!` and `!?` are never flagged, and quotations "
            "are left alone (a quoted post is reproduced as written). The fix keeps one mark."
        ),
        languages=("fr", "en"),
        severity=Severity.WARNING,
        fixable=SAFE,
        bad_examples=(
            BadExample("Le PSG s’impose à Lyon !! Il compte huit points d’avance.",
                       "Le PSG s’impose à Lyon ! Il compte huit points d’avance.", "fr"),
            BadExample("What next for Djokovic?? He will play at the US Open.",
                       "What next for Djokovic? He will play at the US Open.", "en"),
            BadExample("Record high for the FTSE!!!", "Record high for the FTSE!", "en"),
        ),
        good_examples=(
            GoodExample("Quoi ?! Il repart déjà ? Incroyable !", "fr"),
            GoodExample("Wait, what!? Nobody knew.", "en"),
            GoodExample("Le ministre a tweeté : « Victoire !! » dimanche soir.", "fr"),
            GoodExample("He posted “Unbelievable!!” minutes after the final.", "en"),
        ),
    )

    def check(self, doc: Document, settings: Settings) -> Iterator[Finding]:
        if settings.style.allow_doubled_marks:
            return
        web = web_span_set(doc)
        for m in _REPEATED.finditer(doc.text):
            start, end = m.span()
            if doc.in_quotation(start, end) or web.covers(start):
                continue
            mark = m.group(1)
            yield self.finding(start, end, f"Repeated “{mark}”: keep one.", [(start, end, mark)])


# --------------------------------------------------------------------------- quotation balance


class _Mark(NamedTuple):
    """A quotation mark of one family: where, which, and whether it opens."""

    pos: int
    char: str
    opens: bool


class _Paragraph:
    """One paragraph's marks of one family after pairing inside the paragraph."""

    __slots__ = ("block", "closes", "continued", "first_open", "marks", "opens", "pairs")

    def __init__(self, block: Block) -> None:
        self.block = block
        self.opens: list[_Mark] = []  # unmatched openers, outermost first
        self.closes: list[_Mark] = []  # unmatched closers, in order
        self.pairs: list[tuple[_Mark, _Mark]] = []
        self.marks = 0
        self.first_open: _Mark | None = None  # an opener that starts the paragraph
        self.continued = False  # opens with a continuation `»` (French multi-paragraph quotation)


_LEAD = regex.lazy(r"[\s—–\-]*")
# Paragraphs without any mark of the family that a multi-paragraph quotation may cross.
_MAX_GAP = 2


def _straight_role(text: str, i: int, block: Block) -> bool | None:
    """Whether the straight double quote at ``i`` opens (True), closes (False), or cannot tell (None)."""
    prev = text[i - 1] if i > block.start else ""
    nxt = text[i + 1] if i + 1 < block.end else ""
    opens = (not prev or prev.isspace() or prev in "([{—–-/«“") and bool(nxt) and not nxt.isspace()
    closes = bool(prev) and not prev.isspace() and (not nxt or nxt.isspace() or nxt in ".,;:!?)]}…—–-»”")
    if opens == closes:
        return None
    return opens


_QUOTE_CHARS = "«»‹›“”\""
_FAMILY_OF = {"«": "guillemet", "»": "guillemet", "‹": "chevron", "›": "chevron", "“": "double", "”": "double",
              '"': "double"}


def _family_marks(text: str, block: Block, positions: list[int], web: SpanSet) -> list[_Mark]:
    """The marks of one family at ``positions`` in ``block``; double quotes in web addresses are no marks."""
    marks: list[_Mark] = []
    for i in positions:
        ch = text[i]
        if ch in "«»‹›":
            marks.append(_Mark(i, ch, ch in "«‹"))
            continue
        if web.covers(i):
            continue
        if ch == '"':
            role = _straight_role(text, i, block)
            if role is None:  # glued on both sides or spaced on both: toggle
                role = not any(m.char == '"' and m.opens for m in marks[-1:])
            marks.append(_Mark(i, ch, role))
        else:
            marks.append(_Mark(i, ch, ch == "“"))
    return marks


def _pair_paragraph(text: str, block: Block, marks: list[_Mark], family: str, open_quote: bool = False) -> _Paragraph:
    """Pair one paragraph's marks; ``open_quote``: a quotation from an earlier paragraph is still open."""
    para = _Paragraph(block)
    if open_quote and marks and is_continuation_mark(text, marks[0].pos, block):
        marks = marks[1:]  # `» Nous avons…`: the quotation goes on, this » closes nothing
        para.continued = True
    para.marks = len(marks)
    stack: list[_Mark] = []
    for mark in marks:
        if mark.opens:
            stack.append(mark)
        elif stack:
            para.pairs.append((stack.pop(), mark))
        elif mark.char == '"' and text[mark.pos - 1 : mark.pos].isdigit():
            continue  # an inch or seconds sign: 3" pipe, 12'30"
        else:
            para.closes.append(mark)
    para.opens = stack
    # Marks are never part of the lead, so only the first mark can open the paragraph.
    if marks and marks[0].opens and _LEAD.fullmatch(text, block.start, marks[0].pos):
        para.first_open = marks[0]
    if family == "guillemet" and not any(m.opens for m in marks) and len(para.closes) >= 2:
        if all(_spaced(text, c.pos) for c in para.closes):
            para.closes = []  # `Accueil » Monde » Afrique`: a breadcrumb, not quotations
    return para


def _spaced(text: str, pos: int) -> bool:
    return 0 < pos < len(text) - 1 and text[pos - 1].isspace() and text[pos + 1].isspace()


_Balance = tuple[list[_Mark], list[tuple[_Mark, _Mark]]]


def quotation_balance(doc: Document, family: str) -> _Balance:
    """Unbalanced marks of one family, and the pairs found, across the whole document.

    A quotation left open at the end of a paragraph is balanced when the next
    paragraph reopens it (``«``/``“`` at its start, the continued-quotation
    convention) or closes it; up to two paragraphs without any mark of the
    family may lie in between. Computed for every family in one search of the
    text, once per document: PUN104 and PUN106 both need the double quotes.
    """
    return doc.shared("punctuation.quotation-balance", _balances)[family]


def _balances(doc: Document) -> dict[str, _Balance]:
    text = doc.text
    positions: dict[str, list[int]] = {"guillemet": [], "chevron": [], "double": []}
    for i in char_positions(text, _QUOTE_CHARS):
        positions[_FAMILY_OF[text[i]]].append(i)
    return {name: _balance(doc, name, marks) for name, marks in positions.items()}


def _balance(doc: Document, family: str, positions: list[int]) -> _Balance:
    text = doc.text
    blocks = doc.blocks
    web = web_span_set(doc)
    bad: list[_Mark] = []
    pairs: list[tuple[_Mark, _Mark]] = []
    carry: _Mark | None = None
    gaps = 0
    previous = -1
    for index, found in by_block(blocks, positions):
        if carry is not None:
            for _ in range(index - previous - 1):  # the paragraphs in between hold no mark of the family
                if gaps < _MAX_GAP:
                    gaps += 1
                else:
                    bad.append(carry)
                    carry = None
                    break
        previous = index
        block = blocks[index]
        marks = _family_marks(text, block, found, web)
        para = _pair_paragraph(text, block, marks, family, open_quote=carry is not None)
        pairs.extend(para.pairs)
        if carry is not None:
            if para.closes:
                pairs.append((carry, para.closes.pop(0)))
                carry = None
            elif para.first_open is not None:
                if para.opens and para.opens[0] is para.first_open:
                    para.opens.pop(0)  # the quotation goes on: keep carrying its first mark
                    gaps = 0
                else:
                    carry = None  # the reopened quotation closes in this paragraph
            elif para.continued:
                gaps = 0  # continued with `»` and not closed yet: keep carrying its first mark
            elif para.marks == 0 and gaps < _MAX_GAP:
                gaps += 1
                continue
            else:
                bad.append(carry)
                carry = None
        bad.extend(para.closes)
        if para.opens:
            if carry is None:
                carry = para.opens[0]
                gaps = 0
                bad.extend(para.opens[1:])
            else:
                bad.extend(para.opens)
    if carry is not None:
        bad.append(carry)
    return sorted(bad, key=lambda m: m.pos), pairs


class UnbalancedQuotationMarks(DocumentRule):
    meta = RuleMeta(
        code="PUN104",
        name="unbalanced-quotation-marks",
        summary="A quotation mark without its partner: `«` without `»`, `“` without `”`.",
        description=(
            "Marks are paired within each paragraph. A quotation that runs over several paragraphs is "
            "balanced when each following paragraph reopens it (`«` or `“` at its start, as French and "
            "English copy both do), or continues it with a `»` at its start (the other French "
            "convention, read as the quotation finder reads it), until a later paragraph closes it. "
            "Apostrophes (`’`, `'`) are never "
            "taken for quotation marks; a straight `\"` is read as opening or closing from the spaces "
            "around it, and after a digit it may be an inch sign. A single `‘` is flagged only when no "
            "`’` follows in its paragraph or the next. Mixing straight and curly marks within one pair is "
            "PUN106; the article-wide choice of quotation style is TYP2xx's."
        ),
        languages=("fr", "en"),
        severity=Severity.WARNING,
        bad_examples=(
            BadExample("La venue de Sergueï Lavrov est présentée comme « le premier du genre par Bamako.", lang="fr"),
            BadExample("Il a dénoncé un passage en force ». La motion sera examinée jeudi.", lang="fr"),
            BadExample("“We are not going to let the government shut down, Schumer said.\n\nThe vote was 88-9.",
                       lang="en"),
            BadExample("He called it ‘a turning point. The rollout starts in May.", lang="en"),
            BadExample("Le ministre a quitté la salle.\n\n» Nous continuerons », a-t-il assuré.", lang="fr"),
            BadExample("« Nous avons tout essayé.\n\n» Nous continuerons demain.\n\nLa séance a été levée.",
                       lang="fr"),
        ),
        good_examples=(
            GoodExample("« Nous nous sommes battus jusqu’au bout.\n\nMais il faudra prendre des points », a-t-il dit.",
                        "fr"),
            GoodExample("Il a déclaré : « Nous avons tout essayé.\n« Nous continuerons. »\nLa séance a été levée.", "fr"),
            GoodExample("“It has been a long road...\n\n“But we are here now,” he said.", "en"),
            GoodExample("L’armée n’a pas bougé, dit-on, jusqu’à l’aube. It’s the players' choice.", "fr"),
            GoodExample("He bought a 3\" pipe and said \"fine\" to the rock ‘n’ roll of the ‘90s.", "en"),
            GoodExample("Accueil » Monde » Afrique\n\nLe ministre est arrivé lundi.", "fr"),
            GoodExample("« La situation s’est dégradée.\n\n» Les routes sont coupées.\n\n"
                        "» L’aide ne peut plus attendre », a déclaré le coordonnateur de l’ONU.", "fr"),
            GoodExample("«\u00a0Nous avons parlé d’un «\u00a0tournant\u00a0».\n\n"
                        "»\u00a0Il faudra du temps\u00a0», a-t-il ajouté.", "fr"),
        ),
    )

    def check(self, doc: Document, settings: Settings) -> Iterator[Finding]:
        found: list[_Mark] = []
        for family in ("guillemet", "chevron", "double"):
            found.extend(quotation_balance(doc, family)[0])
        found.extend(_lonely_single_quotes(doc))
        for mark in sorted(found, key=lambda m: m.pos):
            partner = _PARTNER.get(mark.char, mark.char)
            if mark.opens:
                msg = f"“{mark.char}” opens a quotation that is never closed: add “{partner}” or remove it."
            else:
                msg = f"“{mark.char}” closes a quotation that was never opened: add “{partner}” or remove it."
            yield self.finding(mark.pos, mark.pos + 1, msg)


_PARTNER = {"«": "»", "»": "«", "“": "”", "”": "“", "‹": "›", "›": "‹", "‘": "’"}
_OPEN_SINGLE = regex.lazy("‘")


def _lonely_single_quotes(doc: Document) -> Iterator[_Mark]:
    """Opening `‘` with no `’` after it in its paragraph nor in the next one."""
    text = doc.text
    blocks = doc.blocks
    for bi, found in by_block(blocks, (m.start() for m in _OPEN_SINGLE.finditer(text))):
        block = blocks[bi]
        for i in found:
            if text[i + 1 : i + 2].isdigit():
                continue
            if text.find("’", i + 1, block.end) >= 0:
                continue
            if bi + 1 < len(blocks) and text.find("’", blocks[bi + 1].start, blocks[bi + 1].end) >= 0:
                continue
            yield _Mark(i, "‘", True)


# --------------------------------------------------------------------------- PUN105


_LIST_MARKER = regex.lazy(r"(?:^|(?<=[\s(«“\"—–:;,]))(?:\d{1,3}|\p{L}|[ivxIVX]{1,4})$", regex.MULTILINE)
_EMOTICON = regex.lazy(r"[:;=][\-^o']?[()\[\]]")


def _ends_emoticon(text: str, i: int) -> bool:
    """True if the bracket at ``i`` ends an emoticon: `:)`, `;-(`, `=]`."""
    m = _EMOTICON.search(text, max(0, i - 2), i + 1)
    return m is not None and m.end() == i + 1


class UnbalancedBrackets(DocumentRule):
    meta = RuleMeta(
        code="PUN105",
        name="unbalanced-brackets",
        summary="A bracket without its partner in the paragraph: `(` without `)`, `]` without `[`.",
        description=(
            "Parentheses and square brackets are paired within each paragraph. List markers (`1)`, `a)`, "
            "`iv)`), emoticons and brackets inside URLs are not counted."
        ),
        languages=("fr", "en"),
        severity=Severity.WARNING,
        bad_examples=(
            BadExample("Les élus du parti Les Républicains (LR se sont montrés divisés.", lang="fr"),
            BadExample("The index closed at 8,023.9 points (a record, said the exchange.", lang="en"),
            BadExample("Le déficit public devrait atteindre 4,9 % du PIB) cette année.", lang="fr"),
            BadExample("He said [the bill was a reprieve and left.", lang="en"),
        ),
        good_examples=(
            GoodExample("Les élus (LR) sont divisés : 1) sur la censure ; 2) sur le budget.", "fr"),
            GoodExample("a) first, the budget; b) then, aid to Ukraine [sic] (see below).", "en"),
            GoodExample("1) La hausse des prix.\n\n2) La baisse des aides.", "fr"),
            GoodExample("See https://en.wikipedia.org/wiki/Mali_(country and the tweet ;) from AFP.", "en"),
        ),
    )

    def check(self, doc: Document, settings: Settings) -> Iterator[Finding]:
        text = doc.text
        web = web_span_set(doc)
        for index, found in by_block(doc.blocks, char_positions(text, "()[]")):
            block = doc.blocks[index]
            for opener, closer in (("(", ")"), ("[", "]")):
                stack: list[int] = []
                for i in found:
                    ch = text[i]
                    if (ch != opener and ch != closer) or _ends_emoticon(text, i) or web.covers(i):
                        continue
                    if ch == opener:
                        stack.append(i)
                    elif stack:
                        stack.pop()
                    # A list marker is at most a few characters: look only just before the bracket.
                    elif not (ch == ")" and _LIST_MARKER.search(text, max(block.start, i - 8), i)):
                        msg = f"“{ch}” closes nothing in this paragraph: add “{opener}” or remove it."
                        yield self.finding(i, i + 1, msg)
                for i in stack:
                    msg = f"“{text[i]}” is never closed in this paragraph: add “{closer}” or remove it."
                    yield self.finding(i, i + 1, msg)


# --------------------------------------------------------------------------- PUN106


class MismatchedQuotationMarks(DocumentRule):
    meta = RuleMeta(
        code="PUN106",
        name="mismatched-quotation-marks",
        summary="A quotation opened with one kind of double quote and closed with the other: `“…\"`.",
        description=(
            "A quotation that opens with a curly mark and closes with a straight one (or the reverse) is "
            "a half-converted pair, left by pasting or by an editor that converts only what it sees. "
            "Each such pair is flagged once, on the odd mark, and the fix gives it the kind that "
            "dominates the article (curly on a tie). Whether the article as a whole should use straight "
            "or curly marks is a house-style question for the TYP2xx rules."
        ),
        languages=("fr", "en"),
        severity=Severity.WARNING,
        fixable=SAFE,
        bad_examples=(
            BadExample("“This is a historic day,\" he said. “It has been a long road.”",
                       "“This is a historic day,” he said. “It has been a long road.”", "en"),
            BadExample("He said \"we will stay” and left. \"No,\" she said. \"Never.\"",
                       "He said \"we will stay\" and left. \"No,\" she said. \"Never.\"", "en"),
            BadExample("Il a parlé d’un \"tournant” historique.", "Il a parlé d’un “tournant” historique.", "fr"),
        ),
        good_examples=(
            GoodExample("“It’s a dream come true,” Alcaraz said. “Even if I had lost.”", "en"),
            GoodExample("\"It's a welcome step,\" said Dr. Sarah Jenkins. \"The job is not done.\"", "en"),
            GoodExample("Il a cité le « “Grand Jeu” » et un \"tournant\".", "fr"),
        ),
    )

    def check(self, doc: Document, settings: Settings) -> Iterator[Finding]:
        text = doc.text
        _, pairs = quotation_balance(doc, "double")
        straight = text.count('"')
        curly = text.count("“") + text.count("”")
        to_curly = curly >= straight
        for opener, closer in pairs:
            if (opener.char == '"') == (closer.char == '"'):
                continue
            odd = opener if (opener.char == '"') == to_curly else closer
            if to_curly:
                replacement = "“" if odd.opens else "”"
            else:
                replacement = '"'
            yield self.finding(
                odd.pos,
                odd.pos + 1,
                f"Quotation opened with “{opener.char}” but closed with “{closer.char}”: use “{replacement}”.",
                [(odd.pos, odd.pos + 1, replacement)],
            )


RULES = [
    ConflictingPunctuation(),
    RepeatedExclamationOrQuestion(),
    UnbalancedQuotationMarks(),
    UnbalancedBrackets(),
    MismatchedQuotationMarks(),
]
