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

from presslint import registry
from presslint.checks import editing, marks, nonprose, scraping
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
