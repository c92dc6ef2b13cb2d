"""Inline suppression comments in plain text, Markdown and HTML."""

from __future__ import annotations

from presslint import api

DAMAGED = "Il est arrivé hier.. Il repart demain."


def codes(text: str, fmt: str = "txt") -> list[tuple[int, str]]:
    return [(d.line, d.code) for d in api.lint(text, lang="fr", fmt=fmt, config={"select": ["PUN101"]})]


def test_unsuppressed_baseline() -> None:
    assert codes(DAMAGED) == [(1, "PUN101")]


def test_disable_next_line_in_plain_text() -> None:
    text = f"presslint-disable-next-line PUN101\n{DAMAGED}\n{DAMAGED}\n"
    assert codes(text) == [(3, "PUN101")]


def test_disable_block_and_enable() -> None:
    text = f"{DAMAGED}\n<!-- presslint-disable doubled-punctuation -->\n{DAMAGED}\n<!-- presslint-enable -->\n{DAMAGED}\n"
    assert codes(text) == [(1, "PUN101"), (5, "PUN101")]


def test_disable_file_by_prefix() -> None:
    text = f"{DAMAGED}\n\npresslint-disable-file PUN\n"
    assert codes(text) == []


def test_disable_other_rule_does_not_hide_this_one() -> None:
    text = f"presslint-disable-next-line EDT101\n{DAMAGED}\n"
    assert codes(text) == [(2, "PUN101")]


def test_marker_line_is_not_linted_as_prose() -> None:
    # The marker itself must not become a paragraph (no fragment, no missing full stop).
    text = f"presslint-disable-next-line PUN101\n{DAMAGED}\n"
    diags = api.lint(text, lang="fr")
    assert all(d.line != 1 for d in diags)
