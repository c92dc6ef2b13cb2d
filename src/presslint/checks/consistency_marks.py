"""One apostrophe, one kind of double quote, one ellipsis per article.

By default (``consistent``) the form the article uses most is the house form
and only the minority form is flagged; a tie flags nothing. A house form can be
set instead (``[style] apostrophe = "curly"``, ``quotes = "straight"``,
``ellipsis = "character"``) or the check turned off. Web and e-mail addresses
are not prose and are skipped; marks inside quotations are typography, not
wording, so they are checked like the rest.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, NamedTuple

from presslint import timed_regex as regex  # every pattern call runs under a time budget
from presslint.checks.marks import char_positions, is_letter
from presslint.checks.nonprose import nonprose
from presslint.diagnostics import Applicability, Severity
from presslint.rule import BadExample, DocumentRule, Finding, GoodExample, RuleMeta

if TYPE_CHECKING:
    from presslint.config import Settings
    from presslint.document import Document


class Mark(NamedTuple):
    """One apostrophe, quotation mark or ellipsis, and the form it takes."""

    start: int
    end: int
    form: str  # "straight" / "curly" (apostrophes, quotes), "dots" / "character" (ellipses), "wrong"


def _target(mode: str, counts: dict[str, int], forms: tuple[str, str]) -> str | None:
    """The house form: the configured one, or the majority one; None on a tie or when off."""
    if mode == "off":
        return None
    if mode in forms:
        return mode
    a, b = forms
    if counts.get(a, 0) > counts.get(b, 0):
        return a
    if counts.get(b, 0) > counts.get(a, 0):
        return b
    return None


# --------------------------------------------------------------------------- apostrophes

# Between two letters: ' and ’ are apostrophes; ‘ ´ ` (and the prime) are mistyped ones.
_APOSTROPHE_CHARS = "'’‘´`′"
_VOWELS = set("aeiouAEIOU")


_APOSTROPHE_FORMS = {"'": "straight", "’": "curly"}


def apostrophes(doc: Document) -> list[Mark]:
    addresses = nonprose(doc)
    in_address = addresses.overlaps if addresses.spans else None
    marks: list[Mark] = []
    text = doc.text
    last = len(text) - 1
    # The marks are found with `str.find`, then their neighbours read: faster than a pattern tried everywhere.
    for i in char_positions(text, _APOSTROPHE_CHARS):
        if i == 0 or i == last or not (is_letter(text[i - 1]) and is_letter(text[i + 1])):
            continue
        if in_address is not None and in_address(i):
            continue
        ch = text[i]
        if ch == "‘" and text[i - 1] in _VOWELS and text[i + 1] in _VOWELS:
            continue  # a Hawaiian ʻokina written with ‘ (Hawai‘i, O‘ahu), not an apostrophe
        marks.append(Mark(i, i + 1, _APOSTROPHE_FORMS.get(ch, "wrong")))
    return marks


class ApostropheConsistency(DocumentRule):
    meta = RuleMeta(
        code="TYP210",
        name="apostrophe-consistency",
        summary="Straight (') and typographic (’) apostrophes mixed in one article.",
        languages=("*",),
        severity=Severity.WARNING,
        fixable=Applicability.SAFE,
        description=(
            "An article should use one apostrophe. By default the form used most is kept and the other "
            "is flagged (a tie flags nothing); `[style] apostrophe = \"straight\"` or `\"curly\"` imposes "
            "one, `\"off\"` disables the check. Only marks between two letters count (`l’État`, "
            "`don't`, `O'Neill`), so single quotation marks are not touched. A ‘, ´, ` or ′ between "
            "two letters is always a mistyped apostrophe and is flagged in every mode but `off` "
            "(‘ between two vowels, the Hawaiian ʻokina in `Hawai‘i`, is left alone). Web addresses "
            "are skipped. Replacing one apostrophe by the other is safe."
        ),
        bad_examples=(
            BadExample("L’avion s’est posé à Bamako, où l'attendait le ministre d’État.",
                       "L’avion s’est posé à Bamako, où l’attendait le ministre d’État.", "fr"),
            BadExample("It's the minister's third visit, and he's staying two days; they’re pleased.",
                       "It's the minister's third visit, and he's staying two days; they're pleased.", "en"),
            BadExample("Aujourd’hui, l´ambassadeur s’est exprimé.",
                       "Aujourd’hui, l’ambassadeur s’est exprimé.", "fr"),
            BadExample("She didn`t say when O'Neill's team would arrive.",
                       "She didn't say when O'Neill's team would arrive.", "en"),
            BadExample("L'avion s'est posé à Bamako.", "L’avion s’est posé à Bamako.", "fr",
                       style=(("apostrophe", "curly"),)),
            BadExample("They’re pleased; it’s the minister’s visit.", "They're pleased; it's the minister's visit.",
                       "en", style=(("apostrophe", "straight"),)),
        ),
        good_examples=(
            GoodExample("L’avion s’est posé à Bamako, où l’attendait le ministre d’État.", "fr"),
            GoodExample("It's the minister’s visit.", "en"),  # a tie: no house form to enforce
            GoodExample("It's the minister's visit; they’re pleased.", "en", style=(("apostrophe", "off"),)),
            GoodExample("The governor of Hawai‘i said the ‘emergency’ was over; it's not.", "en"),
            GoodExample("The text is at https://example.org/don't-panic and it's short; it's fine.", "en"),
        ),
    )

    def check(self, doc: Document, settings: Settings) -> Iterator[Finding]:
        mode = settings.style.apostrophe
        if mode == "off":
            return
        marks = apostrophes(doc)
        counts = {"straight": sum(m.form == "straight" for m in marks), "curly": sum(m.form == "curly" for m in marks)}
        target = _target(mode, counts, ("straight", "curly"))
        char = {"straight": "'", "curly": "’"}
        for mark in marks:
            found = doc.text[mark.start : mark.end]
            if mark.form == "wrong":
                good = char[target or "curly"]
                yield self.finding(mark.start, mark.end, f"Mistyped apostrophe “{found}”: write “{good}”.",
                                   ((mark.start, mark.end, good),))
            elif target is not None and mark.form != target:
                good = char[target]
                why = "the house style" if mode in char else "the form this article uses most"
                yield self.finding(mark.start, mark.end, f"Apostrophe “{found}”: {why} is “{good}”.",
                                   ((mark.start, mark.end, good),))


# --------------------------------------------------------------------------- double quotes

_OPEN_CONTEXT = set(" \t\n\u00a0\u202f([{«—–-/")
_CLOSE_CONTEXT = set(" \t\n\u00a0\u202f)]}».,;:!?…—–-")


def _straight_quotes(doc: Document) -> list[int]:
    """Offsets of the straight double quotes that are quotation marks (not inch marks, not in addresses)."""
    addresses = nonprose(doc)
    text = doc.text
    out = []
    for i in char_positions(text, '"'):
        if i and text[i - 1].isdigit():
            continue  # 17" screen, 5'11"
        if addresses.overlaps(i):
            continue
        out.append(i)
    return out


def _curly_quotes(doc: Document) -> list[int]:
    addresses = nonprose(doc)
    return [i for i in char_positions(doc.text, "“”") if not addresses.overlaps(i)]


def _open_or_close(text: str, i: int, block_start: int, block_end: int) -> str | None:
    """“ or ” from the characters around a straight quote, or None when they do not tell."""
    before = text[i - 1] if i > block_start else " "
    after = text[i + 1] if i + 1 < block_end else " "
    opens = before in _OPEN_CONTEXT and not after.isspace()
    closes = after in _CLOSE_CONTEXT and not before.isspace()
    if opens and not closes:
        return "“"
    if closes and not opens:
        return "”"
    return None


class QuoteConsistency(DocumentRule):
    meta = RuleMeta(
        code="TYP211",
        name="quote-consistency",
        summary="Straight (\") and typographic (“ ”) double quotes mixed in one article.",
        languages=("*",),
        severity=Severity.WARNING,
        fixable=Applicability.SAFE,
        description=(
            "An article should use one kind of double quotation mark. By default the kind used most is "
            "kept and the other is flagged (a tie flags nothing); `[style] quotes = \"straight\"` or "
            "`\"curly\"` imposes one, `\"off\"` disables the check. A straight quote becomes “ or ” "
            "from the characters around it (a space before and a letter after opens); the fix is safe "
            "when that agrees with the quote's rank in its paragraph (first opens, second closes…) in a "
            "paragraph with an even number of them, unsafe otherwise, and not offered when neither "
            "tells. Inch marks (`17\"`), web addresses and French guillemets « » are not touched."
        ),
        bad_examples=(
            BadExample("“We will return,” the minister said. His aide added: \"Soon.\" “Very soon.”",
                       "“We will return,” the minister said. His aide added: “Soon.” “Very soon.”", "en"),
            BadExample("He called it \"historic\", then \"a turning point\". Others said “a stunt”.",
                       "He called it \"historic\", then \"a turning point\". Others said \"a stunt\".", "en"),
            BadExample("Le ministre a parlé de “partenariat”, de “confiance” et de \"respect\".",
                       "Le ministre a parlé de “partenariat”, de “confiance” et de “respect”.", "fr"),
            BadExample("He called it \"historic\".", "He called it “historic”.", "en", style=(("quotes", "curly"),)),
            BadExample("Il a parlé de “partenariat”.", "Il a parlé de \"partenariat\".", "fr",
                       style=(("quotes", "straight"),)),
        ),
        good_examples=(
            GoodExample("“We will return,” the minister said. “Soon.”", "en"),
            GoodExample("He called it \"historic\", then \"a turning point\".", "en"),
            GoodExample("He bought a 17\" screen; she said “fine”, then “really fine”.", "en"),
            GoodExample("Il a parlé de \"partenariat\" puis de “respect”.", "fr"),
            GoodExample("He called it \"historic\" and “a stunt”, then \"a turning point\".", "en",
                        style=(("quotes", "off"),)),
        ),
    )

    def check(self, doc: Document, settings: Settings) -> Iterator[Finding]:
        mode = settings.style.quotes
        if mode == "off":
            return
        straight = _straight_quotes(doc)
        curly = _curly_quotes(doc)
        target = _target(mode, {"straight": len(straight), "curly": len(curly)}, ("straight", "curly"))
        why = "the house style" if mode in ("straight", "curly") else "the form this article uses most"
        if target == "straight":
            for i in curly:
                found = doc.text[i]
                yield self.finding(i, i + 1, f"Quotation mark “{found}”: {why} is the straight \".",
                                   ((i, i + 1, '"'),))
        elif target == "curly":
            yield from self._curl(doc, straight, why)

    def _curl(self, doc: Document, straight: list[int], why: str) -> Iterator[Finding]:
        text = doc.text
        by_block: dict[int, list[int]] = {}
        for i in straight:
            block = doc.block_at(i)
            by_block.setdefault(block.start if block else -1, []).append(i)
        for positions in by_block.values():
            even = len(positions) % 2 == 0
            for rank, i in enumerate(positions):
                block = doc.block_at(i)
                bs, be = (block.start, block.end) if block else (0, len(text))
                by_context = _open_or_close(text, i, bs, be)
                by_rank = "“" if rank % 2 == 0 else "”"
                message = f"Straight quotation mark: {why} is “ ”."
                if by_context is not None:
                    safe = even and by_context == by_rank
                    yield self.finding(i, i + 1, message, ((i, i + 1, by_context),),
                                       Applicability.SAFE if safe else Applicability.UNSAFE)
                elif even:
                    yield self.finding(i, i + 1, message, ((i, i + 1, by_rank),), Applicability.UNSAFE)
                else:
                    yield self.finding(i, i + 1, message + " (Opening or closing? Check by hand.)")


# --------------------------------------------------------------------------- ellipses

_ELLIPSIS = regex.lazy(r"(?<![.…/\\])(?:\.\.\.|…)(?![.…/\\])")


class EllipsisConsistency(DocumentRule):
    meta = RuleMeta(
        code="TYP212",
        name="ellipsis-consistency",
        summary="Three dots (...) and the ellipsis character (…) mixed in one article.",
        languages=("*",),
        severity=Severity.INFO,
        fixable=Applicability.SAFE,
        description=(
            "An article should write its ellipses one way. By default the form used most is kept and "
            "the other is flagged (a tie flags nothing); `[style] ellipsis = \"dots\"` or "
            "`\"character\"` imposes one, `\"off\"` disables the check. Runs of four dots or more, "
            "paths (`../`) and web addresses are not ellipses and are left alone. The fix swaps one "
            "form for the other and keeps the spacing as it is."
        ),
        bad_examples=(
            BadExample("Il hésita… puis repartit. « Nous verrons… », dit-il. Et après...",
                       "Il hésita… puis repartit. « Nous verrons… », dit-il. Et après…", "fr"),
            BadExample("He paused... then left. \"We shall see...\" he said. And then… nothing.",
                       "He paused... then left. \"We shall see...\" he said. And then... nothing.", "en"),
            BadExample("Les chiffres […] montrent une baisse… Le reste [...] suivra…",
                       "Les chiffres […] montrent une baisse… Le reste […] suivra…", "fr"),
            BadExample("He paused... then left.", "He paused… then left.", "en", style=(("ellipsis", "character"),)),
            BadExample("Il hésita… puis repartit.", "Il hésita... puis repartit.", "fr",
                       style=(("ellipsis", "dots"),)),
        ),
        good_examples=(
            GoodExample("Il hésita… puis repartit. « Nous verrons… », dit-il.", "fr"),
            GoodExample("He paused... then left... and came back.", "en"),
            GoodExample("He paused... then left… and came back.", "en"),
            GoodExample("He paused... then left... and came back… twice.", "en", style=(("ellipsis", "off"),)),
            GoodExample("Open ../docs/report.pdf or https://example.org/a...b for the text… It is long…", "en"),
        ),
    )

    def check(self, doc: Document, settings: Settings) -> Iterator[Finding]:
        mode = settings.style.ellipsis
        if mode == "off":
            return
        addresses = nonprose(doc)
        marks = [
            Mark(m.start(), m.end(), "dots" if m.group() == "..." else "character")
            for m in _ELLIPSIS.finditer(doc.text)
            if not addresses.overlaps(m.start(), m.end())
        ]
        counts = {"dots": sum(m.form == "dots" for m in marks), "character": sum(m.form == "character" for m in marks)}
        target = _target(mode, counts, ("dots", "character"))
        if target is None:
            return
        good = "..." if target == "dots" else "…"
        why = "the house style" if mode in ("dots", "character") else "the form this article uses most"
        for mark in marks:
            if mark.form != target:
                found = doc.text[mark.start : mark.end]
                yield self.finding(mark.start, mark.end, f"Ellipsis “{found}”: {why} is “{good}”.",
                                   ((mark.start, mark.end, good),))


RULES = [ApostropheConsistency(), QuoteConsistency(), EllipsisConsistency()]
