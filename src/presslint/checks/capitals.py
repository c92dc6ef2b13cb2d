"""Capitals and accents: a name capitalised two ways (CON103), a French capital without its accent (CON104).

`Affaires étrangères` and `Affaires Etrangères` in one story read as two
ministries to a careful reader. French style capitalises only the first
significant word of the name of a body (`ministère des Affaires étrangères`,
`Coopération internationale`) and keeps accents on capitals (`État`, `À partir`).
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from collections.abc import Iterator
from functools import cache, lru_cache
from itertools import compress
from operator import itemgetter

from presslint import timed_regex as regex  # every pattern call runs under a time budget

from presslint import lexicons
from presslint.checks.names import line_of
from presslint.config import Settings
from presslint.diagnostics import Applicability, Severity
from presslint.document import Document
from presslint.formats.prose import BlockKind
from presslint.names import fold
from presslint.rule import BadExample, DocumentRule, Finding, GoodExample, RuleMeta

_WORD = regex.lazy(r"(?<![\p{L}\p{M}\p{N}_@/.])\p{L}[\p{L}\p{M}]*(?:-\p{L}[\p{L}\p{M}]*)*(?![\p{L}\p{M}\p{N}_@])")
_SPACE = frozenset(" \u00a0\u202f")


# filter/map with str methods test each character in C: these run on every word and line.
def _is_all_caps(word: str) -> bool:
    letters = list(filter(str.isalpha, word))
    return len(letters) >= 2 and all(map(str.isupper, letters))


def _caps_line(text: str, offset: int) -> bool:
    """A line written in capitals (a slug, a heading): its capitals are layout, not spelling."""
    ls = text.rfind("\n", 0, offset) + 1
    le = text.find("\n", offset)
    return _caps_span(text, ls, le if le >= 0 else len(text))


@lru_cache(maxsize=8)
def _caps_span(text: str, ls: int, le: int) -> bool:
    # Cached: a long line with many candidates would otherwise be re-read for each (quadratic).
    letters = list(filter(str.isalpha, text[ls:le]))
    return len(letters) >= 4 and sum(map(str.isupper, letters)) / len(letters) >= 0.9


def _in_heading(doc: Document, offset: int) -> bool:
    block = doc.block_at(offset)
    return block is not None and block.kind is BlockKind.HEADING


def _accents(text: str) -> int:
    return sum(1 for c in unicodedata.normalize("NFD", text) if unicodedata.combining(c))


# --------------------------------------------------------------------------- CON103


class CapitalisationVariant(DocumentRule):
    meta = RuleMeta(
        code="CON103",
        name="capitalisation-variant",
        summary="The same multi-word name is capitalised or accented two ways in the article.",
        severity=Severity.WARNING,
        fixable=Applicability.UNSAFE,
        description=(
            "Reads every pair of words that starts with a capitalised word (`Affaires étrangères`, "
            "`Coopération internationale`, `White House`) and groups the pairs that are the same once case "
            "and accents are set aside. When the article writes one of them two ways, the less frequent form "
            "is reported with the other form and its line; the unsafe fix writes the frequent one. On a tie "
            "the language's norm decides: French capitalises only the first significant word of the name of "
            "a body (`Affaires étrangères`) and keeps accents; English capitalises every word of a name. "
            "Not read: headings (title case is a layout), lines in capitals, quotations, a pair whose "
            "second word begins a longer capitalised run (`House Speaker Mike Johnson` is a title before a "
            "name, `the House speaker` is not), and a pair that ends one (`the International Religious "
            "Freedom (IRF) report` does not make `Religious freedom is…` a variant)."
        ),
        bad_examples=(
            BadExample(
                "Le ministre des Affaires étrangères est arrivé lundi. Il a été reçu au ministère des Affaires "
                "étrangères, puis au siège du ministère des Affaires Etrangères.",
                "Le ministre des Affaires étrangères est arrivé lundi. Il a été reçu au ministère des Affaires "
                "étrangères, puis au siège du ministère des Affaires étrangères.",
                lang="fr",
            ),
            BadExample(
                "Le ministère de la Coopération internationale a publié un communiqué. Le ministre de la "
                "Coopération Internationale s'est dit satisfait.",
                "Le ministère de la Coopération internationale a publié un communiqué. Le ministre de la "
                "Coopération internationale s'est dit satisfait.",
                lang="fr",
            ),
            BadExample(
                "The White House said on Monday that talks would resume. A White house spokesperson declined "
                "to comment, and the White House later confirmed the date.",
                "The White House said on Monday that talks would resume. A White House spokesperson declined "
                "to comment, and the White House later confirmed the date.",
                lang="en",
            ),
        ),
        good_examples=(
            GoodExample(
                "Le ministère des Affaires étrangères a convoqué l'ambassadeur. Les Affaires étrangères ont "
                "confirmé la convocation.",
                lang="fr",
            ),
            GoodExample(
                "House Speaker Mike Johnson said the bill would pass. The House speaker did not give a date.",
                lang="en",
            ),
            GoodExample(
                "VISITE AUX AFFAIRES ETRANGERES\n\nLe ministre des Affaires étrangères a reçu son homologue.",
                lang="fr",
            ),
            GoodExample(
                "« Les Affaires Etrangères nous ont trahis », a lancé un manifestant devant le ministère des "
                "Affaires étrangères.",
                lang="fr",
            ),
            GoodExample(
                "Mike Pompeo will present the International Religious Freedom (IRF) report on Tuesday. "
                "Religious freedom is a core American value, the department said.",
                lang="en",
            ),
        ),
    )

    def check(self, doc: Document, settings: Settings) -> Iterator[Finding]:
        text = doc.text
        groups: dict[tuple[str, str], dict[str, list[tuple[int, int, int, int]]]] = defaultdict(lambda: defaultdict(list))
        stop = lexicons.load(doc.lang, "name-sentence-starters")
        caps_lines: dict[int, bool] = {}  # by line start: a long line is scanned once, not per name

        def caps_line(offset: int) -> bool:
            ls = text.rfind("\n", 0, offset) + 1
            found = caps_lines.get(ls)
            if found is None:
                found = caps_lines[ls] = _caps_line(text, offset)
            return found

        for sentence in doc.sentences:
            words = [m.span() for m in _WORD.finditer(text, sentence.start, sentence.end)]
            # Only a pair whose first word is capitalised can count: select those in C, not word by word.
            capitalised = map(str.isupper, map(text.__getitem__, map(itemgetter(0), words)))
            for i in compress(range(len(words) - 1), capitalised):
                (s1, e1), (s2, e2) = words[i], words[i + 1]
                if e2 - s2 < 3 or text[e1:s2] not in _SPACE:  # the cheap tests first
                    continue
                w1, w2 = text[s1:e1], text[s2:e2]
                if _is_all_caps(w1) or _is_all_caps(w2) or w1.lower() in stop or w2.lower() in stop:
                    continue
                if w2[0].isupper() and i + 2 < len(words):
                    s3, e3 = words[i + 2]
                    if text[e2:s3] in _SPACE and text[s3].isupper():
                        continue  # a title before a name, or a longer name: governed by it
                if i > 0 and self._ends_longer_name(text, words[i - 1], s1, stop):
                    continue  # `International Religious Freedom (IRF)`: part of a longer name
                if _in_heading(doc, s1) or caps_line(s1) or doc.in_quotation(s1, e2):
                    continue
                groups[(w1, fold(w2))][w2].append((s1, e2, s2, e2))
        for (w1, _), forms in groups.items():
            if len(forms) < 2 or all(f[0].isupper() for f in forms):
                continue  # two spellings of a proper name: CON101's business
            best = max(forms.items(), key=lambda kv: (len(kv[1]), self._norm(kv[0], doc.lang), -kv[1][0][0]))[0]
            ref = forms[best][0]
            for form, places in forms.items():
                if form == best:
                    continue
                for start, end, s2, e2 in places:
                    yield self.finding(
                        start,
                        end,
                        f"“{w1} {form}” — elsewhere “{w1} {best}” (line {line_of(doc, ref[0])})",
                        ((s2, e2, best),),
                    )

    @staticmethod
    def _ends_longer_name(text: str, previous: tuple[int, int], start: int, stop: frozenset[str]) -> bool:
        """The pair follows a capitalised word of the same name, so it is not a name on its own."""
        s0, e0 = previous
        word = text[s0:e0]
        return text[e0:start] in _SPACE and word[0].isupper() and word.lower() not in stop

    @staticmethod
    def _norm(word: str, lang: str) -> tuple[int, int]:
        """How well a form follows the language's norm: accents kept; French lower case, English capitals."""
        capital = word[0].isupper()
        return (_accents(word), (0 if capital else 1) if lang == "fr" else (1 if capital else 0))


# --------------------------------------------------------------------------- CON104


@cache
def accented_capitals() -> dict[str, str]:
    """Unaccented capitalised word -> the accented word (`Etat` -> `État`), from the derived list."""
    out: dict[str, str] = {}
    for accented in lexicons.entries("fr", "accented-capitals"):
        plain = unicodedata.normalize("NFD", accented[0])[0] + accented[1:]
        out[plain] = accented
    return out


# An accented capital starting a mixed-case word, or the word `À` itself.
_ACCENTED_CAPITAL = regex.lazy(r"(?<![\p{L}\p{M}])[ÀÂÉÈÊËÎÏÔÖÙÛÜÇ](?=\p{Ll}|(?![\p{L}\p{M}]))")


def _accents_capitals(doc: Document) -> bool:
    """The article writes an accented capital somewhere (outside capital-letter lines)."""
    for m in _ACCENTED_CAPITAL.finditer(doc.text):
        if not _caps_line(doc.text, m.start()):
            return True
    return False


def _sentence_initial(doc: Document, offset: int) -> bool:
    sentence = doc.sentence_at(offset)
    if sentence is None:
        return False
    return all(not c.isalnum() for c in doc.text[sentence.start : offset])


class FrenchUnaccentedCapital(DocumentRule):
    meta = RuleMeta(
        code="CON104",
        name="fr-unaccented-capital",
        summary="A French capital has lost its accent (`Etat`, `Etrangères`, `A partir`).",
        languages=("fr",),
        severity=Severity.WARNING,
        fixable=Applicability.SAFE,
        description=(
            "French keeps accents on capitals. A capitalised word whose first letter has lost its accent is "
            "reported with the accented word: `Etat` -> `État`, `Etrangères` -> `Étrangères`, `Egypte` -> "
            "`Égypte`. The words come from a list derived from the Grammalecte French dictionary (MPL 2.0) by "
            "`scripts/derive_accented_capitals.py`; a word is listed only if its unaccented spelling is not "
            "itself French, and first names and surnames are left out (people spell their own names). "
            "A sentence-initial `A` is `À` only before the words of a short list (`A partir de`, `A l’issue`): "
            "`A` alone is also a verb, the English article and a grade. Setting `style.accent-capitals`: "
            "`consistent` (default) reports only when the article writes an accented capital elsewhere "
            "(some houses still write capitals without accents, and do so throughout); `required` always "
            "reports; `off` never. Words in all-caps and quotations are left alone."
        ),
        bad_examples=(
            BadExample(
                "Le ministre des Affaires Etrangères a reçu l’ambassadeur. Après le coup d’État, le dialogue "
                "avait été rompu.",
                "Le ministre des Affaires Étrangères a reçu l’ambassadeur. Après le coup d’État, le dialogue "
                "avait été rompu.",
                lang="fr",
            ),
            BadExample(
                "À Bamako, la délégation a été reçue lundi. A partir de mardi, les discussions porteront sur "
                "la sécurité.",
                "À Bamako, la délégation a été reçue lundi. À partir de mardi, les discussions porteront sur "
                "la sécurité.",
                lang="fr",
            ),
            BadExample(
                "Les Etats-Unis et l'Egypte ont signé un accord.",
                "Les États-Unis et l'Égypte ont signé un accord.",
                lang="fr",
                style=(("accent_capitals", "required"),),
            ),
        ),
        good_examples=(
            GoodExample("L'Etat a annoncé un plan pour l'Ecole et l'Elysée a confirmé.", lang="fr"),
            GoodExample(
                "Éric Zemmour et Eric Cantona ne se connaissent pas. À Paris, Emile Zola est au Panthéon.",
                lang="fr",
            ),
            GoodExample(
                "A-t-il reçu la note A ? À Bamako, le bureau a répondu : « A partir de quand ? »",
                lang="fr",
                style=(("accent_capitals", "required"),),
            ),
            GoodExample(
                "Les Etats-Unis et l'Egypte ont signé un accord à Washington.",
                lang="fr",
                style=(("accent_capitals", "off"),),
            ),
            GoodExample("LES ETATS-UNIS À L'OFFENSIVE\n\nÀ Washington, l'État fédéral a réagi.", lang="fr"),
        ),
    )

    def check(self, doc: Document, settings: Settings) -> Iterator[Finding]:
        mode = settings.style.accent_capitals
        if mode == "off" or (mode == "consistent" and not _accents_capitals(doc)):
            return
        table = accented_capitals()
        followers = lexicons.load("fr", "a-grave-followers")
        text = doc.text
        for m in _WORD.finditer(text):
            word = m.group()
            if word[0] not in "AEIOUC" or _is_all_caps(word):
                continue
            start = m.start()
            if word == "A":
                replacement = self._a_grave(doc, start, m.end(), followers)
                if replacement is None:
                    continue
                fixed, end = replacement, m.end()
            else:
                head = word.split("-", 1)[0]
                target = table.get(word)
                end = m.end()
                if target is None:
                    target = table.get(head)
                    end = start + len(head)
                if target is None:
                    continue
                if self._followed_by_name(text, m.end()):
                    continue  # `Eden Hazard`: a given name before a surname
                fixed = target
            if _caps_line(text, start) or doc.in_quotation(start, end):
                continue
            yield self.finding(
                start,
                end,
                f"“{text[start:end]}”: capital without its accent; write “{fixed}”",
                ((start, start + 1, fixed[0]),),
            )

    @staticmethod
    def _followed_by_name(text: str, end: int) -> bool:
        return end + 1 < len(text) and text[end] in _SPACE and text[end + 1].isupper()

    @staticmethod
    def _a_grave(doc: Document, start: int, end: int, followers: frozenset[str]) -> str | None:
        """`A partir`, `A l’issue` at the start of a sentence are `À`; any other `A` is left alone."""
        if not _sentence_initial(doc, start):
            return None
        if end >= len(doc.text) or doc.text[end] not in _SPACE:
            return None
        nxt = regex.match(r"[\p{L}]+(?:[’'])?", doc.text[end + 1 : end + 40])
        if nxt is None:
            return None
        following = nxt.group().lower().replace("'", "’")
        return "À" if following in followers else None


RULES = [CapitalisationVariant(), FrenchUnaccentedCapital()]
