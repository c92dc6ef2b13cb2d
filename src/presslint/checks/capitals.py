"""Capitals and accents: a name capitalised two ways (CON103), a French capital without its accent (CON104).

`Affaires étrangères` and `Affaires Etrangères` in one story read as two
ministries to a careful reader. French style capitalises only the first
significant word of the name of a body (`ministère des Affaires étrangères`,
`Coopération internationale`) and keeps accents on capitals (`État`, `À partir`).
"""

from __future__ import annotations

import unicodedata
from array import array
from collections import defaultdict
from collections.abc import Iterator, Mapping
from functools import cache

from presslint import timed_regex as regex  # every pattern call runs under a time budget

from presslint import lexicons
from presslint.checks.names import line_of
from presslint.config import Settings
from presslint.diagnostics import Applicability, Severity
from presslint.document import Document
from presslint.formats.prose import BlockKind
from presslint.names import fold, line_in_capitals
from presslint.rule import BadExample, DocumentRule, Finding, GoodExample, RuleMeta

_WORD_BODY = r"[\p{L}\p{M}]*(?:-\p{L}[\p{L}\p{M}]*)*(?![\p{L}\p{M}\p{N}_@])"
_BEFORE_NO_WORD = r"[\p{L}\p{M}\p{N}_@/.]"  # what may not stand just before a word
_WORD_START = rf"(?<!{_BEFORE_NO_WORD})"
_WORD = regex.lazy(rf"{_WORD_START}\p{{L}}{_WORD_BODY}")
_GAP = r"[ \u00a0\u202f]"
# A chain of capitalised words one space apart, each as `_WORD` reads it, and the word one space after the
# last if there is one: each word of the chain is followed by the next. Capitalised words are a tenth of an
# article and come in runs (names): one match per run, opening on the capital (the cheapest scan), and no
# lookahead re-reading the next word.
_CAPITALISED_CHAIN = regex.lazy(
    rf"\p{{Lu}}(?<!{_BEFORE_NO_WORD}\p{{Lu}})(?>{_WORD_BODY})"
    rf"(?:{_GAP}(?P<chained>\p{{Lu}}(?>{_WORD_BODY})))*(?:{_GAP}(?P<next>\p{{L}}(?>{_WORD_BODY})))?"
)
_WORD_BREAK = regex.lazy(r"[^\p{L}\p{M}\-]", regex.REVERSE)
_SPACE = frozenset(" \u00a0\u202f")


# filter/map with str methods test each character in C: these run on every word and line.
def _is_all_caps(word: str) -> bool:
    second = word[1:2]
    if second.isalpha() and not second.isupper():  # `Abc`, most words: settled at the second letter
        return False
    letters = list(filter(str.isalpha, word))
    return len(letters) >= 2 and all(map(str.isupper, letters))


def _caps_line(text: str, offset: int) -> bool:
    """A line written in capitals (a slug, a heading): its capitals are layout, not spelling."""
    return line_in_capitals(text, offset, offset)


def _capitalised_words(text: str) -> array[int]:
    """The words of ``text`` that begin with a capital, as ``_WORD`` reads the text, each with the word
    one space after it: ``start, end, next start, next end`` (``-1, -1`` when no word follows so), flat
    in one array to stay compact on a large file.
    """
    out = array("q")
    scan = _WordScan(text)
    for m in _CAPITALISED_CHAIN.finditer(text):
        (start, end), (chained_start, _), (next_start, next_end) = m.regs
        # `\p{Lu}` may come from a newer Unicode than `str.isupper`'s: a capital is what both accept.
        first_kept = text[start].isupper() and (text[start - 1 : start] != "-" or not scan.runs_over(start))
        if chained_start < 0:  # most matches: one word, and the word after it
            if first_kept:
                out.extend((start, next_start - 1 if next_start >= 0 else end, next_start, next_end))
            continue
        chained = m.spans(1)
        # The first word ends one gap before the word after it; `Saint-Etienne` is one word, not `Etienne`.
        words = [(start, chained[0][0] - 1), *chained, (next_start, next_end)]
        for n, (word_start, word_end) in enumerate(words[:-1]):
            if (first_kept if n == 0 else text[word_start].isupper()):
                out.extend((word_start, word_end, *words[n + 1]))
    return out


class _WordScan:
    """``_WORD`` read left to right, for the rare capital after a hyphen: it begins a word only if the word
    on its left does not run over the hyphen. Resumed from one question to the next: linear over a text.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.asked = 0
        self.words: Iterator[regex.Match[str]] | None = None
        self.word: regex.Match[str] | None = None

    def runs_over(self, start: int) -> bool:
        """True if a word read from further left runs over ``start`` (`Saint-Etienne`, not `Etienne`)."""
        stop = _WORD_BREAK.search(self.text, self.asked, start)  # where the run of word characters begins
        if stop is not None and stop.end() == start - 1:  # `J.-P.`: only the hyphen, which begins no word
            self.asked, self.words = start, None  # so no word runs over it, and the scan may resume here
            return False
        if stop is not None or self.words is None:
            self.words = _WORD.finditer(self.text, stop.end() if stop else self.asked)
            self.word = next(self.words, None)
        self.asked = start
        while self.word is not None and self.word.end() < start:
            self.word = next(self.words, None)
        return self.word is not None and self.word.start() < start


def capitalised_words(doc: Document) -> array[int]:
    """``_capitalised_words`` of ``doc``, read once for CON103 and CON104."""
    return doc.shared("capitals.words", _document_words)


def _document_words(doc: Document) -> array[int]:
    return _capitalised_words(doc.text)


class _LeftOut(dict[str, bool]):
    """By word form (forms recur): a word in capitals or a sentence starter, whose pairs CON103 does not read."""

    def __init__(self, stop: frozenset[str]) -> None:
        super().__init__()
        self.stop = stop

    def __missing__(self, word: str) -> bool:
        found = self[word] = _is_all_caps(word) or word.lower() in self.stop
        return found


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
        pairs: dict[tuple[str, str], dict[str, list[tuple[int, int, int, int]]]] = defaultdict(lambda: defaultdict(list))
        stop = lexicons.load(doc.lang, "name-sentence-starters")
        caps_lines: dict[int, bool] = {}  # by line start: a long line is scanned once, not per name

        def caps_line(offset: int) -> bool:
            ls = text.rfind("\n", 0, offset) + 1
            found = caps_lines.get(ls)
            if found is None:
                found = caps_lines[ls] = _caps_line(text, offset)
            return found

        leaves_out = _LeftOut(stop)
        words = capitalised_words(doc)
        sentence_starts, sentence_ends = doc.sentences.starts, doc.sentences.ends
        k, last = 0, len(sentence_ends)
        sentence_start = sentence_end = 0  # of sentence k, once the first pair has found it
        for n, (s1, e1, s2, e2) in enumerate(zip(words[::4], words[1::4], words[2::4], words[3::4])):
            if e2 - s2 < 3:  # the cheap tests first (no word one space after: both -1)
                continue
            if s1 >= sentence_end:  # past sentence k (most pairs are not)
                while k < last and sentence_ends[k] <= s1:
                    k += 1
                if k == last:
                    break
                sentence_start, sentence_end = sentence_starts[k], sentence_ends[k]
            if s1 < sentence_start or e2 > sentence_end:
                continue
            i = 4 * n
            w1, w2 = text[s1:e1], text[s2:e2]
            if leaves_out[w1] or leaves_out[w2]:
                continue
            # A capitalised second word is the next entry, with the word after it.
            if w2[0].isupper() and i + 4 < len(words) and words[i + 4] == s2:
                s3, e3 = words[i + 6], words[i + 7]
                if s3 >= 0 and e3 <= sentence_end and text[s3].isupper():
                    continue  # a title before a name, or a longer name: governed by it
            # A capitalised word just before is the previous entry, followed by this one.
            if (
                i
                and words[i - 2] == s1
                and words[i - 4] >= sentence_start
                and text[words[i - 4] : words[i - 3]].lower() not in stop
            ):
                continue  # `International Religious Freedom (IRF)`: part of a longer name
            pairs[(w1, fold(w2))][w2].append((s1, e2, s2, e2))
        # Layouts (headings, quotations, lines in capitals) are read only for pairs written two ways: most
        # pairs are written one way and report nothing, with or without their laid-out places.
        kept: list[tuple[tuple[int, int, int, int], tuple[str, str], str]] = []
        for key, forms in pairs.items():
            if len(forms) < 2 or all(f[0].isupper() for f in forms):
                continue
            for form, places in forms.items():
                for place in places:
                    s1, e2 = place[0], place[1]
                    if not (_in_heading(doc, s1) or doc.in_quotation(s1, e2) or caps_line(s1)):
                        kept.append((place, key, form))
        kept.sort()  # back in text order: the order pairs are reported in
        groups: dict[tuple[str, str], dict[str, list[tuple[int, int, int, int]]]] = defaultdict(lambda: defaultdict(list))
        for place, key, form in kept:
            groups[key][form].append(place)
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
    def _norm(word: str, lang: str) -> tuple[int, int]:
        """How well a form follows the language's norm: accents kept; French lower case, English capitals."""
        capital = word[0].isupper()
        return (_accents(word), (0 if capital else 1) if lang == "fr" else (1 if capital else 0))


# --------------------------------------------------------------------------- CON104


def _accented_forms(capitals: str) -> dict[str, str]:
    """Each capital letter with those of ``capitals`` that write it with an accent: `E` -> `ÉÈÊË`."""
    forms: dict[str, str] = defaultdict(str)
    for capital in capitals:
        forms[unicodedata.normalize("NFD", capital)[0]] += capital
    return dict(forms)


_ACCENTED_FORMS = _accented_forms("ÀÂÄÇÉÈÊËÎÏÔÖÙÛÜŸ")


class AccentedCapitals(Mapping[str, str]):
    """Unaccented capitalised word -> the accented word (`Etat` -> `État`), from the derived list.

    A word is looked up by giving its first letter each accent it can take and
    asking the list, rather than through a reverse map built at start-up: the
    list has 16,000 words, and building that map took a fifth of the check of
    one article. The list keeps no unaccented form that two words share, so at
    most one accent fits.
    """

    def __init__(self, words: frozenset[str]) -> None:
        self._words = words

    def __getitem__(self, word: str) -> str:
        rest = word[1:]
        for letter in _ACCENTED_FORMS.get(word[:1], ""):
            if letter + rest in self._words:
                return letter + rest
        raise KeyError(word)

    def __iter__(self) -> Iterator[str]:
        return (unicodedata.normalize("NFD", word[0])[0] + word[1:] for word in self._words)

    def __len__(self) -> int:
        return len(self._words)


@cache
def accented_capitals() -> AccentedCapitals:
    """The derived list of French words with an accented capital, read as unaccented -> accented."""
    return AccentedCapitals(lexicons.load("fr", "accented-capitals"))


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
        words = capitalised_words(doc)
        for start, word_end in zip(words[::4], words[1::4]):  # every capitalised word of the text
            if text[start] not in "AEIOUC":
                continue
            word = text[start:word_end]
            if _is_all_caps(word):
                continue
            if word == "A":
                replacement = self._a_grave(doc, start, word_end, followers)
                if replacement is None:
                    continue
                fixed, end = replacement, word_end
            else:
                head = word.split("-", 1)[0]
                target = table.get(word)
                end = word_end
                if target is None:
                    target = table.get(head)
                    end = start + len(head)
                if target is None:
                    continue
                if self._followed_by_name(text, word_end):
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
