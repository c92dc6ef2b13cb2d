"""Fast paths must give the answers of the plain computation they stand in for.

Each shortcut taken for speed (a prefilter before a costly pattern, a partial
tokenisation, a cheap scan before reading package metadata) is checked here
against the straightforward version, on the repository's real text and on
texts built to sit on the edge of each shortcut.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import regex

from presslint import names, registry
from presslint.checks import editing, editing_blocks, marks, nonprose, scraping
from presslint.document import Document
from presslint.formats.prose import Block, BlockKind

ROOT = Path(__file__).resolve().parents[1]


def _real_texts() -> list[str]:
    paths = [ROOT / "examples" / "bamako-fr.txt", *sorted((ROOT / "tests" / "corpus").rglob("*.txt"))]
    return [p.read_text(encoding="utf-8") for p in paths]


EDGE_TEXTS = [
    "Écrire à contact@example.org ou sur www.example.org/page, pas à Bamako.",
    "See https://example.com/a?b=c@d and @AFP, #Mali, foo@@bar.baz and mail@x.",
    "«www.lemonde.fr» (contact@mail.com) x.y+z@dom-ain.co.uk, \u00a0@AFP\u202f",
    "Le fichier rapport.pdf. Le site lemonde.fr. U.S. forces. 3.5 %. www./x a. b.c",
    "Il est 10:30. Voir : la suite. M. Macron. ...",
    "@AFP www.a.fr@x.org://b http://c.d\u00a0www.e.f\tg@h.ij\nk://l.m @ www. :// fin@",
]


@pytest.mark.parametrize("text", [*EDGE_TEXTS, *_real_texts()])
def test_address_spans_match_a_scan_of_the_whole_text(text: str) -> None:
    whole = [m.span() for m in nonprose._NONPROSE.finditer(text)]
    assert nonprose._address_spans(text) == whole


def _web_spans_unfiltered(text: str) -> list[marks.Span]:
    """web_spans as it reads without the candidate-token filter: every run with . @ # or :."""
    pattern = marks._web_pattern()
    spans = []
    for token in regex.finditer(r"(?<!\S)\S*[.@#:]\S*", text):
        for m in pattern.finditer(text, token.start(), token.end()):
            end = m.end()
            while end > m.start() and text[end - 1] in ".,;:!?)]»”'’\"":
                end -= 1
            spans.append(marks.Span(m.start(), end))
    return spans


@pytest.mark.parametrize("text", [*EDGE_TEXTS, *_real_texts()])
def test_web_spans_filter_drops_no_address(text: str) -> None:
    assert marks.web_spans(text) == _web_spans_unfiltered(text)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_boilerplate_prefilter_never_hides_a_match(lang: str) -> None:
    whole, line_start = scraping._boilerplate_patterns(lang)
    starts = scraping._boilerplate_starts(lang)
    lines = [line for text in _real_texts() for line in text.splitlines()]
    # Every phrase of the list, as a line alone, in capitals, with curly apostrophes and with a headline.
    for entry in scraping.lexicons.entries(lang, "boilerplate"):
        phrase = entry.rstrip("*").strip()
        lines += [phrase, phrase.upper(), f"» {phrase.replace(chr(39), '’')} :", f"{phrase} : Le Mali en crise"]
    matches = 0
    for line in lines:
        matched = (whole is not None and whole.match(line)) or (line_start is not None and line_start.match(line))
        if matched:
            matches += 1
            assert scraping._may_be_boilerplate(line, starts), line
    assert matches >= len(scraping.lexicons.entries(lang, "boilerplate"))  # the check saw real matches


def test_first_tokens_are_the_start_of_tokens() -> None:
    for text in _real_texts():
        block = Block(0, len(text), BlockKind.PARAGRAPH)
        for lang in ("fr", "en"):
            full = editing.tokens(text, block, lang)
            assert editing.first_tokens(text, block, lang, 2) == full[:2]


def test_token_lower_uses_typographic_apostrophes() -> None:
    toks = editing.tokens("L'armée et l’État", Block(0, 17, BlockKind.PARAGRAPH), "fr")
    assert [t.lower for t in toks] == ["l’", "armée", "et", "l’", "état"]


def test_not_after_determiner_index_keeps_lexicon_order() -> None:
    for lang in ("fr", "en"):
        flat = editing.phrases(lang, "not-after-determiner")
        index = editing.phrases_by_first_word(lang, "not-after-determiner")
        assert sorted(s for seqs in index.values() for s in seqs) == sorted(flat)
        for first, seqs in index.items():
            assert list(seqs) == [s for s in flat if s[0] == first]


def test_plugin_scan_finds_a_declared_entry_point_group(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    dist = tmp_path / "newsroom_rules-1.0.dist-info"
    dist.mkdir()
    (dist / "entry_points.txt").write_text("[presslint.rules]\nhouse = newsroom_rules:RULES\n", encoding="utf-8")
    monkeypatch.setattr("sys.path", [str(tmp_path)])
    assert registry._may_have_plugins("presslint.rules")
    assert not registry._may_have_plugins("another.group")


def test_plugin_scan_defers_to_metadata_for_zips_and_eggs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    archive = tmp_path / "plugins.zip"
    archive.write_bytes(b"PK\x05\x06" + b"\x00" * 18)
    monkeypatch.setattr("sys.path", [str(archive)])
    assert registry._may_have_plugins("presslint.rules")
    (tmp_path / "old.egg").mkdir()
    monkeypatch.setattr("sys.path", [str(tmp_path)])
    assert registry._may_have_plugins("presslint.rules")


def test_plugin_scan_agrees_with_importlib_metadata() -> None:
    from importlib.metadata import entry_points

    for group in ("presslint.rules", "console_scripts", "pytest11"):
        if list(entry_points(group=group)):
            assert registry._may_have_plugins(group), group


NAME_EDGE_TEXTS = [
    "Le président Ibrahim Boubacar Keïta et le ministre Jean-Yves Le Drian sont arrivés.",
    "M. de la Fontaine, Abdel Fattah al-Sissi, Mohammed bin Salman et O’Brien ont parlé à J.-P. Dupont.",
    "Ludwig van Beethoven, van der Berg, de Gaulle, et de Dakar à la Guinée. Marie de x Curie.",
    "Moussa\u00a0Mara et Boubou\u202fCissé ; Modibo  Keïta ; Kofi d’Annan ; l’Élysée ; J. R. R. Tolkien.",
    "The U.S. envoy, Mr. Zelensky and Crown Prince Mohammed bin Salman met Ursula von der Leyen.",
]


def _all_word_tokens(text, start, end, particles, spellings=None):  # type: ignore[no-untyped-def]
    """names._tokens as it read before: every word a token, lower-case words with an empty fold."""
    out = []
    for m in names._TOKEN.finditer(text, start, end):
        initial, elision, word = m.group("initial", "elision", "word")
        if initial:
            out.append(names.Token(m.start(), m.end(), m.group(), names.fold(m.group()), True, False))
        elif names._is_capitalised(word):
            text_ = (elision or "") + word
            if spellings is not None:
                text_ = spellings.setdefault(text_, text_)
            out.append(names.Token(m.start(), m.end(), text_, names.fold(word), False, False))
        elif word in particles:
            out.append(names.Token(m.start(), m.end(), word, names.fold(word), False, True))
        else:
            out.append(names.Token(m.start(), m.end(), word, "", False, False))
    return out


@pytest.mark.parametrize("text", [*NAME_EDGE_TEXTS, *_real_texts()])
def test_name_mentions_do_not_need_lower_case_tokens(text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    from presslint.api import Linter
    from presslint.config import Settings

    for lang in ("fr", "en"):
        doc = Linter(Settings()).document(text, lang=lang)
        fast = names.extract_mentions(doc)
        with monkeypatch.context() as patched:
            patched.setattr(names, "_tokens", _all_word_tokens)
            plain = names.extract_mentions(doc)
        assert fast == plain


WORD_PAIR_EDGE_TEXTS = [
    "Le ministre a rencontré les de responsables. Il parle à la\u00a0que la presse. L’et le reste.",
    "Elle a vu le\nqui était là ; LES DONT personne ; l'et ; les\u202fqui ; ces-qui ; \u0301les dont.",
    "Le gouvernement a présenté le l’avant-projet, LA LE réforme, la\u00a0les lois et le\tla suite.",
    "The minister met the and officials. THE OF course. A\tof them. The\u00a0and. the-and. 3the and.",
    "The ministry published a the report; officials said the their plan, A THE plan, the\nthe end.",
    "Vu 3la les gens, la les¤ gens, ¤la les gens, la\u0301 les gens, xl’de, İla les gens, la\x00 les gens.",
    "... — !!! 12",  # no word at all
    # Every separator of the group pass in the text: each block is read on its own.
    "\n\n".join(["Il y a \x00\x01\x02\x03\x04\x05\x06\x07\x08.", "la", "les\x01 \x02le la", "", "De le la fin."] * 3),
]
# A document longer than a group of the pass: blocks joined, then found again by their chunks.
LONG_EDGE_TEXT = "\n\n".join(f"Paragraphe {k} : la les gens et le ; {k % 7} de de" for k in range(3000))


@pytest.mark.parametrize("text", [*WORD_PAIR_EDGE_TEXTS, *_real_texts()])
def test_last_token_is_the_end_of_tokens(text: str) -> None:
    pieces = [text, *text.split("\n"), "fin —", "l’", "  mot  ", "a\u00a0b\u202fc", "x\n\n"]
    for piece in pieces:
        block = Block(0, len(piece), BlockKind.PARAGRAPH)
        for lang in ("fr", "en"):
            full = editing.tokens(piece, block, lang)
            assert editing.last_token(piece, block, lang) == (full[-1] if full else None)


def _every_chunk(block: editing.BlockWords, pairs: editing.WordPairs) -> list[int]:
    return list(range(len(block.chunks)))


def _every_block(doc: Document) -> editing.ChunkCandidates:
    found = editing.ChunkCandidates()
    found.stray_articles = found.truncated_phrases = list(range(len(doc.blocks)))
    return found


@pytest.mark.parametrize("code", ["EDT101", "EDT102"])
@pytest.mark.parametrize("text", [*WORD_PAIR_EDGE_TEXTS, LONG_EDGE_TEXT, *_real_texts()])
def test_word_pair_prefilter_hides_no_finding(code: str, text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    from presslint.api import Linter
    from presslint.config import Settings

    linter = Linter(Settings(select=(code,)))
    for lang in ("fr", "en"):
        fast = linter.check(text, lang=lang).diagnostics
        with monkeypatch.context() as patched:  # every block, every chunk: all the tokens are read
            patched.setattr(editing, "chunk_candidates", _every_block)
            patched.setattr(editing, "pair_chunks", _every_chunk)
            plain = linter.check(text, lang=lang).diagnostics
        assert fast == plain


@pytest.mark.parametrize("text", [*WORD_PAIR_EDGE_TEXTS, *_real_texts()])
def test_pair_chunks_are_in_the_kept_blocks(text: str) -> None:
    """A block where ``pair_chunks`` sees a pair of chunks of the two lists is one the group pass keeps."""
    from presslint.api import Linter
    from presslint.config import Settings

    for lang in ("fr", "en"):
        doc = Linter(Settings()).document(text, lang=lang)
        kept = editing.chunk_candidates(doc)
        for pairs, blocks in (
            (editing.stray_article_pairs(lang), kept.stray_articles),
            (editing.truncated_phrase_pairs(lang), kept.truncated_phrases),
        ):
            for k, block in enumerate(doc.blocks):
                chunked = editing.BlockWords(editing.lowered(doc.text[block.start : block.end]))
                whole = [i for i in editing.pair_chunks(chunked, pairs) if chunked.chunks[i] in pairs.firsts]
                assert not whole or k in blocks, (lang, doc.text[block.start : block.end])


def test_word_lists_of_pairs_are_words() -> None:
    """The group pass sees a word by its letters: a word without one would be missed."""
    for lang in ("fr", "en"):
        for pairs in (editing.stray_article_pairs(lang), editing.truncated_phrase_pairs(lang)):
            assert all(any(map(str.isalpha, word)) for word in pairs.firsts | pairs.seconds)


REPEAT_EDGE_TEXTS = [
    "Le ministre de de la Défense, (de de, de-de de, l’un un, x/de de. Les les. THE the; the\nthe.",
    "Il a vu ſa Sa, İstanbul istanbul, ΟΔΟΣ οδος, Σ σ, de\u0301 de\u0301, K k, µ Μ, ß ẞ, ı I.",
    "Nous nous battons ; 12 12 ; « la la » ; ça ça ; œuvre Œuvre ; Āb āb ; ǅ ǆ ; a1 a1 ; (re)tour tour.",
    "États-Unis unis, aujourd’hui hui, l'un l'un, qu’il qu’il, Bora Bora, e-mail mail mail, x\u2003x.",
    "de¤ de, de ¤de, 3de de, de de3, ¤de de¤, la\u0301 la\u0301, l\x00 l\x00, \x03 \x03, « de » de.",
]


@pytest.mark.parametrize("text", [*REPEAT_EDGE_TEXTS, *WORD_PAIR_EDGE_TEXTS, LONG_EDGE_TEXT, *_real_texts()])
def test_repeated_word_prefilter_hides_no_finding(text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    from presslint.api import Linter
    from presslint.config import Settings

    linter = Linter(Settings(select=("EDT104",)))
    for lang in ("fr", "en"):
        fast = linter.check(text, lang=lang).diagnostics
        with monkeypatch.context() as patched:  # every block read whole by the pattern
            patched.setattr(editing, "case_trap_blocks", lambda doc: set(doc.blocks))
            plain = linter.check(text, lang=lang).diagnostics
        assert fast == plain


def test_repeat_edge_texts_draw_findings() -> None:
    from presslint.api import Linter
    from presslint.config import Settings

    linter = Linter(Settings(select=("EDT104",)))
    assert sum(len(linter.check(text, lang="fr").diagnostics) for text in REPEAT_EDGE_TEXTS) >= 10


def test_case_traps_cover_every_case_insensitive_pair_that_lower_case_splits() -> None:
    """Two letters the pattern's case-insensitive match equates, of different lower case: one is a trap."""
    internal = pytest.importorskip("regex._regex")
    if not hasattr(internal, "get_all_cases"):
        pytest.skip("no case table to read")
    from presslint.api import Linter
    from presslint.config import Settings

    linter = Linter(Settings())
    for cp in range(0x110000):
        first = chr(cp)
        for other in map(chr, internal.get_all_cases(regex.IGNORECASE | regex.V0, cp)):
            if first.lower() == other.lower():
                continue
            doc = linter.document(f"{first} {other}", lang="fr")
            assert editing.case_trap_blocks(doc) == set(doc.blocks), (first, other)


def test_word_pair_edge_texts_draw_findings() -> None:
    """The edge texts above sit on real findings, so the comparison is not between two empty lists."""
    from presslint.api import Linter
    from presslint.config import Settings

    for code in ("EDT101", "EDT102"):
        linter = Linter(Settings(select=(code,)))
        found = [linter.check(text, lang=lang).diagnostics for text in WORD_PAIR_EDGE_TEXTS for lang in ("fr", "en")]
        assert sum(map(len, found)) >= 3, code


WORD_COUNT_EDGE_TEXTS = [
    "un deux trois quatre cinq",
    "un deux trois quatre cinq six",
    "l’État-major, 12,5 % ; 3.5 km — ¿Qué? « Oui » 2024abc x\u0301y \u0301z",
    "a1b2c3",
    "a1b2c",
    "--- ... 12 34 5",
    "",
    "À l’aube, l'armée d’Haïti  a\u00a0dit « non » (3 fois) : fin.",
]


@pytest.mark.parametrize("text", [*WORD_COUNT_EDGE_TEXTS, *_real_texts()])
def test_long_enough_is_the_word_count_threshold(text: str) -> None:
    pieces = [text, *text.split("\n"), *regex.split(r"(?<=[.!?])\s+", text)]
    pieces += [" ".join(p.split()[:k]) for p in pieces[:3] for k in range(4, 9)]
    for piece in pieces:
        expected = editing_blocks._word_count(piece) >= editing_blocks.MIN_DUPLICATE_WORDS
        assert editing_blocks.long_enough(piece) == expected, piece


# A lower-case word before a full stop or a semicolon, read forwards: what `_WORD_BEFORE_STOP` finds from the stop.
SENTENCE_FINAL = regex.compile(
    r"(?<![\p{L}\p{M}’'\-.])(?P<word>\p{Ll}[\p{L}\p{M}]*)(?=[ \u00a0\u202f]*[.;](?![.\p{L}\p{N}]))"
)
SENTENCE_FINAL_TEXTS = [
    "Il parle de. Il vient du ; le. La.. les.3 aux.x tel. de-la. l’une. Et nor. xOr. é\u0301t . de\u00a0; à\u202f.",
    "He spoke of. And the. The end of the. Of.. the.5 of; an . Ándale. NOR. nor.. or;x or;",
]


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_word_before_stop_patterns_find_the_words_of_the_plain_one(lang: str) -> None:
    listed = editing.words(lang, "not-sentence-final")
    assert len(editing.sentence_final(lang)) == 2
    texts = [*_real_texts(), *WORD_PAIR_EDGE_TEXTS, *SENTENCE_FINAL_TEXTS, " ".join(sorted(listed)) + "."]
    for text in texts:
        plain = [m.span("word") for m in SENTENCE_FINAL.finditer(text)]
        assert [m.span("word") for m in editing._WORD_BEFORE_STOP.finditer(text)] == plain
        assert [m.span("word") for m in editing.sentence_final_matches(lang, text)] == [
            span for span in plain if text[span[0] : span[1]].replace("'", "’") in listed
        ]


NORMALISE_EDGE_TEXTS = [" a b", "a  b", "a\u00a0b", "a\u202f:", "a\u00a0 b", "\u00a0a", "a\u00a0", "a\nb", "a\tb", "a\u2003b",
                        "a\x1cb", "a\u3000b", "a\xadb", "a\u200bb", "", " ", "é è", "a\r\nb"]


@pytest.mark.parametrize("text", [*NORMALISE_EDGE_TEXTS, *WORD_COUNT_EDGE_TEXTS, *_real_texts()])
def test_normalise_reads_white_space_as_split_does(text: str) -> None:
    for piece in [text, *text.split("\n"), *regex.split(r"(?<=[.!?])\s+", text)]:
        assert editing_blocks.normalise(piece) == " ".join(piece.split())


@pytest.mark.parametrize("text", [*NORMALISE_EDGE_TEXTS, *WORD_COUNT_EDGE_TEXTS])
def test_a_flat_paragraph_serves_its_sentences(text: str) -> None:
    """EDT105 reads a sentence's key from its paragraph made flat once: the same as ``normalise``."""
    for piece in [text, f"{text} {text}", f"\u00a0{text}\u202f{text} "]:
        flat = editing_blocks._flat(piece)
        if flat is None:
            continue
        for start in range(len(piece) + 1):
            for end in range(start, len(piece) + 1):
                assert flat[start:end].strip(" ") == editing_blocks.normalise(piece[start:end])
