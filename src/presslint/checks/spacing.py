"""Spacing around punctuation marks: TYP101-TYP104.

Missing space after a mark (`Diop.Un`), a space before a mark where the
language wants none (English `word ,`, French `mot .`), and French spacing
(Imprimerie nationale: a no-break space before `; : ! ?` and inside `« »`),
checked against the house setting ``style.french-spacing``: ``strict`` requires
the no-break spaces, ``consistent`` (default) flags only what departs from the
article's own dominant usage, ``off`` checks nothing.
"""

from __future__ import annotations

from abc import abstractmethod
from collections import Counter
from collections.abc import Iterator
from typing import NamedTuple

from presslint import timed_regex as regex  # every pattern call runs under a time budget
from presslint.checks.marks import (
    HSPACE,
    NBSP,
    NNBSP,
    SPACE_KINDS,
    char_positions,
    ends_with_brand,
    file_extensions,
    foreign_quotation_spans,
    is_abbreviation_dot,
    is_guillemet_quotation,
    is_letter_or_digit,
    tlds,
    web_span_set,
)
from presslint.config import Settings
from presslint.diagnostics import Applicability, Severity
from presslint.document import Document
from presslint.rule import BadExample, DocumentRule, Finding, GoodExample, RuleMeta

SAFE, UNSAFE = Applicability.SAFE, Applicability.UNSAFE
_CLOSERS = ")»”"
# Patterns on every mark of a text start with the one range `!` to `?` (digits and ASCII punctuation),
# which the search skips to much faster than to a set of marks; a lookbehind then checks the mark.
_MARK_GLUED = regex.lazy(r"[!-?](?<=[\p{L}\p{N})»”][.,;:!?])(?=\p{L})")
_LEFT_WORD = regex.lazy(r"[\p{L}\p{N}]+$")
_RIGHT_WORD = regex.lazy(r"\p{L}+")
_CAPITALISED = regex.lazy(r"^\p{Lu}\p{Ll}+$")


def _kind(spacing: str) -> str:
    """Name the spacing before or inside a mark: none, plain, nbsp or nnbsp."""
    if not spacing:
        return "none"
    if spacing == NBSP:
        return "nbsp"
    if spacing == NNBSP:
        return "nnbsp"
    return "plain"


_KIND_WORDS = {
    "none": "no space",
    "plain": "a plain space",
    "nbsp": "a no-break space",
    "nnbsp": "a narrow no-break space",
}


# --------------------------------------------------------------------------- TYP101


class MissingSpaceAfterPunctuation(DocumentRule):
    meta = RuleMeta(
        code="TYP101",
        name="missing-space-after-punctuation",
        summary="A word glued to the punctuation mark before it: `Diop.Un`, `fin,puis`, `arrivé;puis`.",
        description=(
            "Two sentences or clauses run together when a space was lost in editing. Decimals (`3.5`, "
            "`3,5 %`), times (`16.30`), abbreviations and initials (`U.S.`, `J.-P.`, `a.m.`), URLs, e-mail "
            "addresses, domain and file names (`lemonde.fr`, `bbc.co.uk`, `rapport.pdf`), version numbers "
            "and names that carry a mark (`Yahoo!`) are left alone. A full stop is flagged only before a "
            "capitalised word of two or more letters. The fix inserts the space; it is safe when the split "
            "is certain and unsafe when the left word is an abbreviation, an acronym, or the right word "
            "could be a domain ending (`.Net`)."
        ),
        languages=("fr", "en"),
        severity=Severity.WARNING,
        fixable=SAFE,
        bad_examples=(
            BadExample(
                "Il mènera un entretien avec le ministre, Abdoulaye Diop.Un peu plus tard, il partira.",
                "Il mènera un entretien avec le ministre, Abdoulaye Diop. Un peu plus tard, il partira.",
                "fr",
            ),
            BadExample(
                "La séance a pris fin,puis les délégations se sont retirées.",
                "La séance a pris fin, puis les délégations se sont retirées.",
                "fr",
            ),
            BadExample(
                "Le convoi est arrivé;puis les soldats ont pris position.",
                "Le convoi est arrivé; puis les soldats ont pris position.",
                "fr",
            ),
            BadExample(
                "The talks ended in 2009.They resumed a decade later.",
                "The talks ended in 2009. They resumed a decade later.",
                "en",
            ),
            BadExample(
                "Was it worth it?Nobody in the room thought so.",
                "Was it worth it? Nobody in the room thought so.",
                "en",
            ),
        ),
        good_examples=(
            GoodExample("Le taux est passé de 3.5 à 3,5 % et la séance reprendra à 16.30.", "fr"),
            GoodExample("Le philosophe J.-P. Sartre a été cité par M. Diop.", "fr"),
            GoodExample("Consultez lemonde.fr, bbc.co.uk ou le fichier rapport.pdf.", "fr"),
            GoodExample("The U.S.-backed plan was unveiled at 10 a.m. on Monday.", "en"),
            GoodExample("Version 3.11.2 is on https://www.python.org/downloads?lang=en,fr today.", "en"),
            GoodExample("Write to press@example.co.uk or follow @AFP and #Mali.", "en"),
            GoodExample("The RTS,S vaccine was developed with ASP.NET software by Yahoo!Finance staff.", "en"),
        ),
    )

    def check(self, doc: Document, settings: Settings) -> Iterator[Finding]:
        text = doc.text
        web = web_span_set(doc)
        for m in _MARK_GLUED.finditer(text):
            pos = m.start()
            if web.covers(pos) or web.covers(pos - 1):
                continue
            verdict = _glued_verdict(text, pos)
            if verdict is None:
                continue
            right = _RIGHT_WORD.match(text, pos + 1)
            assert right is not None
            shown = text[max(0, pos - 12) : right.end()].split()[-1]
            yield self.finding(
                pos,
                pos + 1,
                f"Missing space after “{text[pos]}” in “{shown}”: add one.",
                [(pos + 1, pos + 1, " ")],
                verdict,
            )


def _glued_verdict(text: str, pos: int) -> Applicability | None:
    """Whether the mark at ``pos`` glues two words (and how sure the fix is), or None."""
    mark = text[pos]
    right_m = _RIGHT_WORD.match(text, pos + 1)
    if right_m is None or len(right_m.group()) < 2:
        return None
    right = right_m.group()
    after = text[right_m.end() : right_m.end() + 2]
    if after[:1] in "@/" or (after[:1] == mark and after[1:2].isalnum()):
        return None  # a dotted or colon-separated token: `a.b.c`, `x:y:z`
    if text[pos - 1] in _CLOSERS:
        return SAFE if mark in ".;,?!" and (mark != "." or _CAPITALISED.match(right)) else None
    left_m = _LEFT_WORD.search(text, max(0, pos - 60), pos)
    if left_m is None:
        return None
    left = left_m.group()
    before_left = text[left_m.start() - 1] if left_m.start() > 0 else ""
    if before_left in ".&:" or (before_left == "-" and mark == "."):
        return None  # `U.S.Army`, `&amp;T`, `J.-P.Sartre`
    if mark == ".":
        return _full_stop_verdict(text, pos, left, right)
    if len(left) < 2 and not left.isdigit():
        return None
    if mark == ",":
        return UNSAFE if left.isdigit() else SAFE
    if mark == ";":
        return None if left.isdigit() else SAFE
    if mark == ":":
        if left.isdigit():
            return None
        return SAFE if right.islower() else UNSAFE
    # ! and ?
    if ends_with_brand(text, pos + 1):
        return None
    return SAFE if _CAPITALISED.match(right) else UNSAFE


def _full_stop_verdict(text: str, pos: int, left: str, right: str) -> Applicability | None:
    if not _CAPITALISED.match(right):
        return None  # `lemonde.fr`, `Node.js`, `ASP.NET`, `fin.puis` (too unsure)
    if left.isdigit():
        return SAFE
    if len(left) < 2:
        return None  # an initial
    risky = right.lower() in file_extensions() or (len(right) > 2 and right.lower() in tlds())
    if is_abbreviation_dot(text, pos) or left.isupper() or risky:
        return UNSAFE
    return SAFE


# --------------------------------------------------------------------------- TYP102

_SPACE_BEFORE = regex.lazy(
    rf"(?<=[\p{{L}}\p{{N}}%)\]»”’\"'])(?P<sp>[{HSPACE}]+)(?P<mark>[,.;:!?])"
    rf"(?=[\s»”’\"')\]!?]|$|(?<=,)\p{{L}})"  # `point ,deux`: a comma never takes a space before
)
_FRENCH_KEEPS_SPACE = ";:!?"
# A match starts where its run of spaces starts, and the mark follows the run: finding the marks
# after a space first, then matching from the start of their run, spares the pattern a try at
# every space of the text.
_MARK_AFTER_SPACE = regex.lazy(rf"[!-?](?<=[{HSPACE}][,.;:!?])")  # starts with one range, as _MARK_GLUED


def _spaces_before_marks(text: str) -> Iterator[regex.Match[str]]:
    """The matches of ``_SPACE_BEFORE`` in ``text``, in order."""
    for mark in _MARK_AFTER_SPACE.finditer(text):
        start = mark.start()
        while start > 0 and text[start - 1] in HSPACE:
            start -= 1
        m = _SPACE_BEFORE.match(text, start)
        if m is not None:
            yield m


class SpaceBeforePunctuation(DocumentRule):
    meta = RuleMeta(
        code="TYP102",
        name="space-before-punctuation",
        summary="A space before a comma or full stop (and in English before `; : ! ?`).",
        description=(
            "No language puts a space before a comma or a full stop; English puts none before `;`, `:`, "
            "`!` and `?` either (French does, see TYP103). Spaced ellipses (`. . .`), decimals written "
            "`.5`, domain endings (`.com`) and emoticons are left alone; in English copy a no-break "
            "space before `; : ! ?`, or a French quotation, is deliberate French typography and is left "
            "alone. The fix removes the space."
        ),
        languages=("fr", "en"),
        severity=Severity.WARNING,
        fixable=SAFE,
        bad_examples=(
            BadExample("Le ministre est arrivé lundi ,puis il est reparti.",
                       "Le ministre est arrivé lundi,puis il est reparti.", "fr"),
            BadExample(
                "The minister arrived on Monday , and left on Tuesday .",
                "The minister arrived on Monday, and left on Tuesday.",
                "en",
            ),
            BadExample(
                "Three issues were on the agenda ; security came first.",
                "Three issues were on the agenda; security came first.",
                "en",
            ),
            BadExample("Is that enough ? Not yet, experts say.", "Is that enough? Not yet, experts say.", "en"),
            BadExample(
                "Le ministre est arrivé lundi , avec une forte délégation .",
                "Le ministre est arrivé lundi, avec une forte délégation.",
                "fr",
            ),
            BadExample(
                "Il a salué « une relation ancienne » .",
                "Il a salué « une relation ancienne ».",
                "fr",
            ),
        ),
        good_examples=(
            GoodExample("Le texte prévoit notamment : une hausse ; une baisse. Pourquoi ? Parce que !", "fr"),
            GoodExample("He paused . . . and then went on. The .45 calibre pistol was found.", "en"),
            GoodExample("Shares in Amazon .com rose; see the bond market - and the dollar …", "en"),
            GoodExample("The French minister said « Nous sommes prêts ! » before leaving.", "en"),
            GoodExample("Q\u00a0: What next? A: We wait.", "en"),
            GoodExample("Il hésita . . . puis repartit, sans un mot.", "fr"),
        ),
    )

    def check(self, doc: Document, settings: Settings) -> Iterator[Finding]:
        text = doc.text
        foreign = foreign_quotation_spans(doc) if doc.lang == "en" else None
        for m in _spaces_before_marks(text):
            mark, sp = m.group("mark"), m.group("sp")
            pos = m.start("mark")
            if mark == "." and _spaced_ellipsis(text, pos):
                continue
            if mark in ";:" and text[pos + 1 : pos + 2] in (")", "("):
                continue  # emoticon
            if mark in _FRENCH_KEEPS_SPACE:
                if doc.lang == "fr":
                    continue
                if NBSP in sp or NNBSP in sp or is_guillemet_quotation(doc, pos):
                    continue
                if foreign is not None and foreign.covers(pos):
                    continue
            yield self.finding(
                m.start("sp"),
                pos + 1,
                f"Space before “{mark}”: remove it.",
                [(m.start("sp"), m.end("sp"), "")],
            )


def _spaced_ellipsis(text: str, pos: int) -> bool:
    after = text[pos + 1 : pos + 3]
    before = text[max(0, pos - 2) : pos]
    return (len(after) == 2 and after[0] in HSPACE and after[1] == ".") or (
        len(before) == 2 and before[1] in HSPACE and before[0] == "."
    )


# --------------------------------------------------------------------------- French spacing


class _Spot(NamedTuple):
    """One place where French typography wants a no-break space."""

    mark: int  # offset of the mark
    start: int  # the spacing: [start, end) (empty when missing)
    end: int
    kind: str  # none | plain | nbsp | nnbsp
    group: str  # which marks share a usage: "high" (; ! ?), "colon", "guillemet"
    wanted: str  # the strict no-break space


def _decide(spots: list[_Spot], mode: str, pooled: Counter[str] | None = None) -> list[tuple[_Spot, str]]:
    """The spots to flag and the spacing each should get, under ``mode``."""
    if mode == "strict":
        return [(s, s.wanted) for s in spots if s.kind in ("none", "plain")]
    counts = Counter(s.kind for s in spots) if pooled is None else pooled
    spaced = counts["plain"] + counts["nbsp"] + counts["nnbsp"]
    if counts["none"] > spaced:
        return [(s, "") for s in spots if s.kind != "none"]
    no_break = counts["nbsp"] + counts["nnbsp"]
    if no_break > counts["plain"]:
        preferred = "nnbsp" if counts["nnbsp"] > counts["nbsp"] else "nbsp"
        if counts["nnbsp"] == counts["nbsp"]:
            preferred = "nnbsp" if spots and spots[0].wanted == NNBSP else "nbsp"
        target = SPACE_KINDS[preferred]
        return [(s, target) for s in spots if s.kind in ("none", "plain")]
    target = " " if counts["plain"] else (spots[0].wanted if spots else " ")
    return [(s, target) for s in spots if s.kind == "none"]


def _describe(spot: _Spot, target: str, mode: str, text: str) -> str:
    mark = text[spot.mark]
    where = f"inside “{mark}”" if spot.group == "guillemet" else f"before “{mark}”"
    have = _KIND_WORDS[spot.kind]
    want = _KIND_WORDS[_kind(target)]
    if mode == "strict":
        return f"French spacing: {have} {where}; the house style wants {want}."
    return f"French spacing: {have} {where}, where the rest of the article has {want}."


class _FrenchSpacingRule(DocumentRule):
    group_names: tuple[str, ...] = ()

    @abstractmethod
    def spots(self, doc: Document) -> list[_Spot]:
        """The places of the document where this rule's marks want French spacing."""

    def check(self, doc: Document, settings: Settings) -> Iterator[Finding]:
        mode = settings.style.french_spacing
        if mode == "off":
            return
        spots = self.spots(doc)
        for spot, target in self.decisions(spots, mode):
            lo, hi = min(spot.mark, spot.start), max(spot.mark + 1, spot.end)
            # Removing a space French typography wants is a house choice, never applied silently.
            applicability = UNSAFE if target == "" else None
            yield self.finding(
                lo, hi, _describe(spot, target, mode, doc.text), [(spot.start, spot.end, target)], applicability
            )

    def decisions(self, spots: list[_Spot], mode: str) -> list[tuple[_Spot, str]]:
        return _decide(spots, mode)


_FR_MARK = regex.lazy(r"[;:!?]")
# Pooling: a group with fewer marks than this follows the article's usage over all groups.
_MIN_GROUP = 3


class FrenchPunctuationSpacing(_FrenchSpacingRule):
    meta = RuleMeta(
        code="TYP103",
        name="fr-punctuation-spacing",
        summary="French spacing before `; : ! ?`: missing, or different from the article's usage.",
        description=(
            "French typography (Imprimerie nationale) puts a narrow no-break space (U+202F) before `;`, `!` "
            "and `?` and a no-break space (U+00A0) before `:`. With `style.french-spacing = \"consistent\"` "
            "(the default) only the marks whose spacing differs from the article's dominant usage are "
            "flagged, and the fix brings them to that usage (a group with fewer than three marks follows "
            "the usage of all four marks together). With `\"strict\"` a missing space or a plain space is "
            "flagged and the fix inserts U+202F before `; ! ?` and U+00A0 before `:`. `\"off\"` checks "
            "nothing. Times and ratios (`16:30`, `3:2`), URLs, `(!)`, names such as `Yahoo!` and English "
            "quotations inside French copy are left alone."
        ),
        languages=("fr",),
        severity=Severity.WARNING,
        fixable=SAFE,
        bad_examples=(
            BadExample(
                "Mali : Moscou et Bamako signent trois accords. Pourquoi maintenant ? Le calendrier : serré."
                " Qui paiera? Personne ne le dit.",
                "Mali : Moscou et Bamako signent trois accords. Pourquoi maintenant ? Le calendrier : serré."
                " Qui paiera ? Personne ne le dit.",
                "fr",
            ),
            BadExample(
                "Retraites\u00a0: le texte passe. Réforme\u00a0: adoptée. Bilan\u00a0: mitigé. Budget: voté.",
                "Retraites\u00a0: le texte passe. Réforme\u00a0: adoptée. Bilan\u00a0: mitigé. Budget\u00a0: voté.",
                "fr",
            ),
            BadExample("Qui paiera? Personne! Pourquoi? Parce que ; voilà.", None, "fr"),
        ),
        good_examples=(
            GoodExample("Rendez-vous à 16:30 ; le ratio est de 3:2 (!) selon https://www.gouv.fr/?q=a:b.", "fr"),
            GoodExample("Il travaille chez Yahoo! depuis 2010 ; il a tweeté « Yes we can! » hier ?", "fr"),
            GoodExample("Mali : accord. Pourquoi ? Parce que ! Enfin ; voilà.", "fr"),
            GoodExample("Mali: accord. Pourquoi? Parce que! Enfin; voilà.", "fr"),
        ),
    )

    def spots(self, doc: Document) -> list[_Spot]:
        text = doc.text
        web = web_span_set(doc)
        foreign = foreign_quotation_spans(doc)
        out: list[_Spot] = []
        for m in _FR_MARK.finditer(text):
            pos = m.start()
            spot = _mark_spot(text, pos)
            if spot is None or web.covers(pos) or foreign.covers(pos):
                continue
            if text[pos] == "!" and ends_with_brand(text, pos + 1):
                continue
            out.append(spot)
        return out

    def decisions(self, spots: list[_Spot], mode: str) -> list[tuple[_Spot, str]]:
        if mode == "strict":
            return _decide(spots, mode)
        pooled = Counter(s.kind for s in spots)
        out: list[tuple[_Spot, str]] = []
        for group in ("high", "colon"):
            members = [s for s in spots if s.group == group]
            out.extend(_decide(members, mode, None if len(members) >= _MIN_GROUP else pooled))
        return sorted(out, key=lambda x: x[0].mark)


def _mark_spot(text: str, pos: int) -> _Spot | None:
    """The spacing before the French high mark at ``pos``, or None if the mark is not sentence punctuation."""
    mark = text[pos]
    prev = text[pos - 1] if pos else ""
    if prev in "!?;:" or (mark in ";:" and text[pos + 1 : pos + 2] == mark):
        return None  # the second mark of `?!` or a doubled mark (PUN101)
    nxt = text[pos + 1 : pos + 2]
    if mark in ";:":
        if nxt and not (nxt.isspace() or nxt in "«»“”\""):
            return None  # `16:30`, `3:2`, `http:`, `;)`
    elif nxt and not (nxt.isspace() or nxt in "»”\")]….,!?"):
        return None
    start = pos
    while start > 0 and text[start - 1] in HSPACE:
        start -= 1
    if start == 0:
        return None
    before = text[start - 1]
    if before.isspace() or before in "([/—–-":
        return None  # a mark opening a line, `(!)`, `(?)`
    if not (before.isalnum() or before in "»”’\"')]…%"):
        return None
    wanted = NBSP if mark == ":" else NNBSP
    group = "colon" if mark == ":" else "high"
    return _Spot(pos, start, pos, _kind(text[start:pos]), group, wanted)


class FrenchGuillemetSpacing(_FrenchSpacingRule):
    meta = RuleMeta(
        code="TYP104",
        name="fr-guillemet-spacing",
        summary="French spacing inside `« »`: missing, or different from the article's usage.",
        description=(
            "French guillemets take a no-break space inside: `« ainsi »`. With `style.french-spacing = "
            "\"consistent\"` (the default) the sides of guillemets whose spacing differs from the "
            "article's dominant usage are flagged and fixed to it (`« le premier du genre »` among "
            "`«matérialise la volonté ferme»` and `«d’impulser»`); a tie favours the space. With "
            "`\"strict\"` a missing or plain space is flagged and the fix puts a no-break space (U+00A0). "
            "A word glued to the outside of a guillemet (`volonté«ferme`) is flagged in both modes. "
            "`\"off\"` checks nothing."
        ),
        languages=("fr",),
        severity=Severity.WARNING,
        fixable=SAFE,
        bad_examples=(
            BadExample(
                "Une visite « historique » selon Bamako, « le premier du genre », qui «matérialise» un virage.",
                "Une visite « historique » selon Bamako, « le premier du genre », qui « matérialise » un virage.",
                "fr",
            ),
            BadExample(
                "Sa visite «matérialise la volonté ferme» des présidents «d’impulser une nouvelle dynamique»,"
                " « le premier du genre ».",
                None,  # the fix removes the spaces, an unsafe fix: see tests/test_spacing.py
                "fr",
            ),
            BadExample(
                "Il a salué « une relation ancienne» et «un tournant ».",
                "Il a salué « une relation ancienne » et « un tournant ».",
                "fr",
            ),
            BadExample(
                "La visite matérialise la volonté« ferme »des présidents.",
                "La visite matérialise la volonté « ferme » des présidents.",
                "fr",
            ),
        ),
        good_examples=(
            GoodExample("Une visite « historique », « le premier du genre », d’« une relation ancienne ».", "fr"),
            GoodExample("Une visite «\u00a0historique\u00a0» et «\u202fun tournant\u202f».", "fr"),
            GoodExample("Il a cité l’«affaire» et le «dossier» sans autre détail.", "fr"),
            GoodExample("« Nous nous sommes battus.\n\nMais il faudra prendre des points », a-t-il dit.", "fr"),
        ),
    )

    def spots(self, doc: Document) -> list[_Spot]:
        text = doc.text
        out: list[_Spot] = []
        for pos in _guillemets(doc):
            if text[pos] in "«‹":
                end = pos + 1
                while end < len(text) and text[end] in HSPACE:
                    end += 1
                if end >= len(text) or text[end].isspace() or text[end] in "»›":
                    continue  # a guillemet ending a line (multi-paragraph quotation) or `«»`
                out.append(_Spot(pos, pos + 1, end, _kind(text[pos + 1 : end]), "guillemet", NBSP))
            else:
                start = pos
                while start > 0 and text[start - 1] in HSPACE:
                    start -= 1
                if start == 0 or text[start - 1].isspace() or text[start - 1] in "«‹":
                    continue
                out.append(_Spot(pos, start, pos, _kind(text[start:pos]), "guillemet", NBSP))
        return out

    def check(self, doc: Document, settings: Settings) -> Iterator[Finding]:
        if settings.style.french_spacing == "off":
            return
        # Two streams, each in text order; the engine puts every rule's findings in report order, so
        # they are not gathered and sorted here (on a long text that list was the peak of a whole check).
        yield from super().check(doc, settings)
        yield from self._glued_outside(doc)

    def _glued_outside(self, doc: Document) -> Iterator[Finding]:
        text = doc.text
        for pos in _guillemets(doc):
            if text[pos] in "«‹":
                if pos > 0 and is_letter_or_digit(text[pos - 1]):
                    message = f"No space before “{text[pos]}”: add one."
                    yield self.finding(pos - 1, pos + 1, message, [(pos, pos, " ")])
            elif pos + 1 < len(text) and is_letter_or_digit(text[pos + 1]):
                message = f"No space after “{text[pos]}”: add one."
                yield self.finding(pos, pos + 2, message, [(pos + 1, pos + 1, " ")])


def _guillemets(doc: Document) -> list[int]:
    """Offsets of the French guillemets « » ‹ ›, found once for both checks of TYP104."""
    return doc.shared("spacing.guillemets", lambda d: char_positions(d.text, "«‹»›"))


RULES = [
    MissingSpaceAfterPunctuation(),
    SpaceBeforePunctuation(),
    FrenchPunctuationSpacing(),
    FrenchGuillemetSpacing(),
]
