"""Precision: clean, published-style news copy must draw no diagnostic from the default rule set."""

from __future__ import annotations

from pathlib import Path

import pytest

from presslint import api

CORPUS = Path(__file__).parent / "corpus" / "clean"
FORMATS = {".txt": "txt", ".md": "md", ".html": "html"}  # articles as wires, sites and CMSs deliver them
FILES = sorted(p for p in CORPUS.glob("*/*") if p.suffix in FORMATS)


def test_corpus_is_there() -> None:
    langs = {p.parent.name for p in FILES}
    assert {"fr", "en"} <= langs


@pytest.mark.parametrize("path", FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_clean_copy_draws_no_diagnostic(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    diags = api.lint(text, lang=path.parent.name, path=str(path), fmt=FORMATS[path.suffix])
    shown = [f"{d.line}:{d.column} {d.code} {d.message} «{text[d.offset:d.end_offset]}»" for d in diags]
    assert shown == []
