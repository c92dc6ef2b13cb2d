"""Reading the word lists: one entry per line, `#` comments, entries kept in file order."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from presslint import lexicons


@pytest.fixture
def lists(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    (tmp_path / "__init__.py").write_text("", encoding="utf-8")
    (tmp_path / "xx").mkdir()
    monkeypatch.setattr(lexicons, "_FOLDER", tmp_path)
    lexicons.entries.cache_clear()
    lexicons.load.cache_clear()
    yield tmp_path
    lexicons.entries.cache_clear()
    lexicons.load.cache_clear()


def test_comments_blank_lines_and_spaces_are_not_entries(lists: Path) -> None:
    (lists / "xx" / "plain.txt").write_text("# a header\n\nÉtat\n  Égypte  \n#État\n\tÉcole\n", encoding="utf-8")
    assert lexicons.entries("xx", "plain") == ("État", "Égypte", "École")


def test_a_comment_after_an_entry_is_cut_off(lists: Path) -> None:
    (lists / "xx" / "inline.txt").write_text("cent  # 3 per cent.\nU.S.\nNo.#1\n #only a comment\n", encoding="utf-8")
    assert lexicons.entries("xx", "inline") == ("cent", "U.S.", "No.#1")
    assert lexicons.load("xx", "inline") == frozenset({"cent", "U.S.", "No.#1"})


def test_a_missing_list_is_empty(lists: Path) -> None:
    assert lexicons.entries("xx", "nothing") == () and lexicons.load("xx", "nothing") == frozenset()


def test_shipped_lists_hold_no_comment_text() -> None:
    assert "cent" in lexicons.load("en", "abbreviations")
    for folder in (Path(lexicons.__file__).parent).iterdir():
        if folder.is_dir() and not folder.name.startswith("_"):
            for path in folder.glob("*.txt"):
                for entry in lexicons.entries(folder.name, path.stem):
                    assert " #" not in entry and not entry.startswith("#") and entry == entry.strip(), (path, entry)
