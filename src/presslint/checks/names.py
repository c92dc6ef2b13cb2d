"""Names spelled two ways: within one article (CON101) and against the house list (CON102).

A newsroom does not forgive a minister's name spelled two ways in one story.
Mentions are found and grouped by ``presslint.names``; these rules only decide
what to report and how to word it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import NamedTuple

from presslint import lexicons
from presslint.config import Settings
from presslint.diagnostics import Applicability, Severity
from presslint.document import Document
from presslint.names import (
    Comparisons,
    Mention,
    Token,
    close_transliteration,
    extract_mentions,
    fold,
    mention_slots,
    respelled_entities,
    spelling_variants,
    surface,
)
from presslint.rule import BadExample, DocumentRule, Finding, GoodExample, IncompleteCheck, RuleMeta


def line_of(doc: Document, offset: int) -> int:
    """The source line of a prose offset, for messages that point elsewhere in the article."""
    return doc.line_col(doc.source_span(offset, offset + 1)[0])[0]


def _strip_initial_accent(word: str) -> str:
    import unicodedata

    return unicodedata.normalize("NFD", word[:1])[:1] + word[1:]


def _accent_rule_owns(doc: Document, written: str, dominant: str) -> bool:
    """`Etat` against `État` is an unaccented capital (CON104), not a name variant."""
    return (
        doc.lang == "fr"
        and written == _strip_initial_accent(dominant)
        and dominant in lexicons.load("fr", "accented-capitals")
    )


class NameSpellingVariant(DocumentRule):
    meta = RuleMeta(
        code="CON101",
        name="name-spelling-variant",
        summary="A name is spelled two ways in the same article.",
        severity=Severity.WARNING,
        fixable=Applicability.UNSAFE,
        description=(
            "Finds proper names (people, places, bodies) and groups the mentions that name the same one: "
            "the same name with other capitals or accents (`Goita`/`Goïta`, `Lavrov`/`LAVROV`), close "
            "transliterations that share the rest of the name (`Abdullah Diop`/`Abdallah Diop`, "
            "`Mohamed`/`Mohammed`), and surname-only mentions of a full name. Each mention spelled otherwise "
            "than the article's dominant spelling is reported with the other spelling and its line; the unsafe "
            "fix writes the dominant spelling. On a tie the accented spelling wins over the same one without "
            "accents, then the first mention. Not flagged: different people who share a surname "
            "(`Bill Clinton`, `Hillary Clinton`), names written in capitals in an all-caps heading or line, "
            "and mentions inside quotations (they still count towards the dominant spelling)."
        ),
        bad_examples=(
            BadExample(
                "Le ministre des Affaires étrangères, Abdullah Diop, a reçu son homologue. "
                "Abdallah Diop a ensuite tenu une conférence de presse.",
                "Le ministre des Affaires étrangères, Abdullah Diop, a reçu son homologue. "
                "Abdullah Diop a ensuite tenu une conférence de presse.",
                lang="fr",
            ),
            BadExample(
                "Le colonel Assimi Goïta a reçu Sergueï Lavrov. Le président Assimi Goïta a salué une visite "
                "historique, et le colonel Goita a promis de nouveaux accords.",
                "Le colonel Assimi Goïta a reçu Sergueï Lavrov. Le président Assimi Goïta a salué une visite "
                "historique, et le colonel Goïta a promis de nouveaux accords.",
                lang="fr",
            ),
            BadExample(
                "Sergueï Lavrov est arrivé lundi. Sergueï LAVROV aura un agenda chargé, a indiqué le ministère, "
                "et Sergueï Lavrov repartira mardi.",
                "Sergueï Lavrov est arrivé lundi. Sergueï Lavrov aura un agenda chargé, a indiqué le ministère, "
                "et Sergueï Lavrov repartira mardi.",
                lang="fr",
            ),
            BadExample(
                "Saudi Crown Prince Mohammed bin Salman met the envoy on Monday. On Tuesday, Mohamed bin Salman "
                "hosted a dinner, and Mohammed bin Salman later flew to Riyadh.",
                "Saudi Crown Prince Mohammed bin Salman met the envoy on Monday. On Tuesday, Mohammed bin Salman "
                "hosted a dinner, and Mohammed bin Salman later flew to Riyadh.",
                lang="en",
            ),
        ),
        good_examples=(
            GoodExample(
                "Bill Clinton campaigned in Ohio on Monday while Hillary Clinton spoke in Iowa. Clinton, a former "
                "senator, said the race was close.",
                lang="en",
            ),
            GoodExample(
                "SERGUEÏ LAVROV À BAMAKO\n\nLe ministre russe Sergueï Lavrov est arrivé lundi à Bamako. "
                "M. Lavrov doit rencontrer le colonel Assimi Goïta.",
                lang="fr",
            ),
            GoodExample(
                "Jean-Marie Le Pen et Marine Le Pen ne se parlent plus. Marine Le Pen a refusé de commenter.",
                lang="fr",
            ),
            GoodExample(
                "Daniel Martin and Danielle Martin, his sister, run the bakery. Daniel Martin said sales were up.",
                lang="en",
            ),
            GoodExample(
                "Le président Macky Sall a reçu Aminata Sall, sans lien de parenté. « J'ai rencontré Maky Sall », "
                "a-t-elle dit, et Macky Sall a confirmé.",
                lang="fr",
            ),
        ),
    )

    def check(self, doc: Document, settings: Settings) -> Iterator[Finding]:
        for entity in respelled_entities(doc):
            per_mention: dict[int, list[tuple[Token, str, Mention]]] = defaultdict(list)
            for v in spelling_variants(entity):
                if _accent_rule_owns(doc, surface(v.token.text), surface(v.dominant)):
                    continue
                if doc.in_quotation(v.mention.start, v.mention.end):
                    continue
                per_mention[v.mention.start].append((v.token, v.dominant, v.reference))
            for mention in entity.mentions:
                changes = per_mention.get(mention.start)
                if not changes:
                    continue
                reference = changes[0][2]
                edits = tuple((tok.start, tok.end, dominant) for tok, dominant, _ in changes)
                yield self.finding(
                    mention.start,
                    mention.end,
                    f"“{mention.text}” — elsewhere “{reference.text}” (line {line_of(doc, reference.start)})",
                    edits,
                    spelling=_respelled(doc, mention, edits),
                )


def _respelled(doc: Document, mention: Mention, edits: tuple[tuple[int, int, str], ...]) -> str:
    out = doc.text[mention.start : mention.end]
    for start, end, replacement in sorted(edits, reverse=True):
        out = out[: start - mention.start] + replacement + out[end - mention.start :]
    return out


# --------------------------------------------------------------------------- house list


class CanonicalName(NamedTuple):
    """A name from the house list, with its name words."""

    text: str
    words: tuple[str, ...]  # name words, particles left out

    @property
    def first(self) -> str:
        return self.words[0]

    @property
    def last(self) -> str:
        return self.words[-1]


class CanonicalIndex(NamedTuple):
    """The house list by surname and by (first name, surname)."""

    by_surname: dict[str, list[CanonicalName]]
    by_first: dict[tuple[str, str], list[CanonicalName]]

    @property
    def empty(self) -> bool:
        return not self.by_surname


def _canonical(name: str, connectors: frozenset[str]) -> CanonicalName | None:
    words = tuple(w for w in name.split() if w not in connectors)
    return CanonicalName(" ".join(name.split()), words) if words else None


def build_canonical_index(names: tuple[str, ...]) -> CanonicalIndex:
    connectors = lexicons.load("fr", "name-connectors") | lexicons.load("en", "name-connectors")
    by_surname: dict[str, list[CanonicalName]] = defaultdict(list)
    by_first: dict[tuple[str, str], list[CanonicalName]] = defaultdict(list)
    for raw in names:
        c = _canonical(raw, connectors)
        if c is None:
            continue
        by_surname[fold(c.last)].append(c)
        if len(c.words) > 1:
            by_first[(fold(c.first), fold(c.last)[:2])].append(c)
    return CanonicalIndex(dict(by_surname), dict(by_first))


@cache
def _read_names_file(path: str, mtime: float) -> tuple[str, ...]:
    out: list[str] = []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            out.append(line)
    return tuple(out)


def canonical_names(settings: Settings) -> tuple[str, ...]:
    """The house list: ``style.canonical-names`` plus the lines of ``style.names-file``."""
    names = tuple(settings.style.canonical_names)
    if settings.style.names_file:
        root = Path(settings.root) if settings.root else Path.cwd()
        path = (root / settings.style.names_file).resolve()
        try:
            names += _read_names_file(str(path), path.stat().st_mtime)
        except (OSError, UnicodeDecodeError) as exc:
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else type(exc).__name__
            raise IncompleteCheck(f"names file {settings.style.names_file}: cannot be read ({reason})") from None
    return names


@cache
def _index_for(names: tuple[str, ...]) -> CanonicalIndex:
    return build_canonical_index(names)


def match_canonical(mention: Mention, index: CanonicalIndex, counter: Comparisons | None = None) -> CanonicalName | None:
    """The house name a mention stands for, if exactly one fits."""
    names = mention.names
    last = names[-1]
    found: dict[str, CanonicalName] = {}
    if len(names) == 1:
        for c in index.by_surname.get(last.fold, ()):
            found[c.text] = c
        surnames = {c.last for c in found.values()}
        if len(surnames) == 1 and found:
            return next(iter(found.values()))
        return None
    first = names[0]
    for c in index.by_surname.get(last.fold, ()):
        if len(c.words) < 2:
            continue
        cf = fold(c.first)
        if (first.initial and cf[:1] == first.fold[:1]) or close_transliteration(first.fold, cf, counter):
            found[c.text] = c
    if not first.initial:
        for c in index.by_first.get((first.fold, last.fold[:2]), ()):
            if close_transliteration(last.fold, fold(c.last), counter):
                found[c.text] = c
    return next(iter(found.values())) if len(found) == 1 else None


_EXAMPLE_HOUSE_LIST = (("canonical_names", ("Assimi Goïta", "Sergueï Lavrov", "Hillary Clinton")),)


class HouseNameSpelling(DocumentRule):
    meta = RuleMeta(
        code="CON102",
        name="house-name-spelling",
        summary="A name is close to a name of the house list but spelled otherwise.",
        severity=Severity.WARNING,
        fixable=Applicability.UNSAFE,
        description=(
            "Compares every name mention with the house list of canonical spellings "
            "(`style.canonical-names` and the lines of `style.names-file`, a plain text file with one name per "
            "line, relative to the config file). A mention that is the same name with other accents or "
            "capitals, or a close transliteration sharing the rest of the name, is reported with the house "
            "spelling as an unsafe fix, even when the article is consistent with itself. A surname-only mention "
            "is compared only when the house list has one spelling for that surname. Does nothing without a "
            "house list."
        ),
        bad_examples=(
            BadExample(
                "Le colonel Assimi Goita a reçu lundi le ministre russe. Assimi Goita a salué une visite historique.",
                "Le colonel Assimi Goïta a reçu lundi le ministre russe. Assimi Goïta a salué une visite historique.",
                lang="fr",
                style=_EXAMPLE_HOUSE_LIST,
            ),
            BadExample(
                "Sergei Lavrov arrived in Bamako on Monday. Lavrov will meet the interim president.",
                "Sergueï Lavrov arrived in Bamako on Monday. Lavrov will meet the interim president.",
                lang="en",
                style=_EXAMPLE_HOUSE_LIST,
            ),
        ),
        good_examples=(
            GoodExample("Le colonel Assimi Goïta a reçu lundi Sergueï Lavrov à Bamako.", lang="fr", style=_EXAMPLE_HOUSE_LIST),
            GoodExample("Hillary Clinton spoke in Iowa; Clinton said the race was close.", lang="en", style=_EXAMPLE_HOUSE_LIST),
            GoodExample(
                "Bill Clinton campaigned in Ohio. Clinton, a former president, drew a large crowd.",
                lang="en",
                style=(("canonical_names", ("Hillary Clinton", "Bill Clinton")),),
            ),
        ),
    )

    def check(self, doc: Document, settings: Settings) -> Iterator[Finding]:
        names = canonical_names(settings)
        if not names:
            return
        index = _index_for(names)
        for mention in extract_mentions(doc):
            if mention.layout_caps or doc.in_quotation(mention.start, mention.end):
                continue
            canon = match_canonical(mention, index)
            if canon is None:
                continue
            edits = _canonical_edits(mention, canon)
            if not edits:
                continue
            yield self.finding(
                mention.start,
                mention.end,
                f"“{mention.text}” — house spelling “{canon.text}”",
                edits,
                canonical=canon.text,
            )


def _canonical_edits(mention: Mention, canon: CanonicalName) -> tuple[tuple[int, int, str], ...]:
    slots = mention_slots(mention)
    wanted = {"last": canon.last}
    if len(mention.names) > 1:
        wanted["first"] = canon.first
    edits = []
    for slot, word in wanted.items():
        tok = slots[slot]
        if tok.initial or surface(tok.text) == surface(word):
            continue
        edits.append((tok.start, tok.end, word))
    return tuple(edits)


RULES = [NameSpellingVariant(), HouseNameSpelling()]
