"""Apostrophes, double quotes and ellipses: house settings, ties, open/close choice and what is not prose."""

from __future__ import annotations

from presslint import api
from presslint.config import Settings, StyleSettings
from presslint.diagnostics import Applicability


def _settings(select: str, **style: str) -> Settings:
    return Settings(select=(select,), style=StyleSettings(**style))


def _diags(text: str, select: str, lang: str = "en", **style: str):  # type: ignore[no-untyped-def]
    return api.lint(text, lang=lang, config=_settings(select, **style))


def _fix(text: str, select: str, lang: str = "en", unsafe: bool = False, **style: str) -> str:
    return api.fix(text, lang=lang, config=_settings(select, **style), unsafe=unsafe).text


def test_config_file_keys_reach_the_rules() -> None:
    config = {"select": ["TYP210"], "style": {"apostrophe": "straight"}}
    assert [d.code for d in api.lint("It’s over.", lang="en", config=config)] == ["TYP210"]


def test_ties_flag_nothing_but_mistyped_marks() -> None:
    assert _diags("It's the minister’s visit.", "TYP210") == []
    # The mistyped mark becomes ’; the tie then breaks, and the next pass aligns the rest.
    assert _fix("It's the minister’s visit; he didn´t stay.", "TYP210") == "It’s the minister’s visit; he didn’t stay."
    assert _diags("He said \"yes\" and “no”.", "TYP211") == []
    assert _diags("He paused... then left…", "TYP212") == []


def test_house_forms_override_the_majority() -> None:
    text = "It's the minister's visit; they’re pleased."
    assert _fix(text, "TYP210", apostrophe="curly") == "It’s the minister’s visit; they’re pleased."
    assert _fix("“Yes,” he said.", "TYP211", quotes="straight") == "\"Yes,\" he said."
    assert _fix("Wait... what...", "TYP212", ellipsis="character") == "Wait… what…"
    assert _fix("Wait… what…", "TYP212", ellipsis="dots") == "Wait... what..."
    for key, select in (("apostrophe", "TYP210"), ("quotes", "TYP211"), ("ellipsis", "TYP212")):
        assert _diags("It's “odd”... isn’t it \"odd\"…", select, **{key: "off"}) == []


def test_single_quotes_and_okina_are_not_apostrophes() -> None:
    text = "The ‘hawks’ in Hawai‘i said it's fine and it's done."
    assert _diags(text, "TYP210") == []


def test_apostrophes_in_addresses_are_not_counted() -> None:
    text = "See www.example.org/it's-here and https://x.org/l'été; it’s there."
    assert _diags(text, "TYP210", apostrophe="curly") == []


def test_straight_quote_direction_from_context_and_rank() -> None:
    text = "“Yes,” she said. “No.” “Fine.” He added: \"Maybe\" and (\"perhaps\")."
    diags = _diags(text, "TYP211")
    assert {d.fix.applicability for d in diags if d.fix} == {Applicability.SAFE}
    assert _fix(text, "TYP211") == "“Yes,” she said. “No.” “Fine.” He added: “Maybe” and (“perhaps”)."


def test_odd_count_in_a_paragraph_makes_the_fix_unsafe() -> None:
    text = "“Yes,” she said. “No,” he said. “Then go.”\nHe called it \"historic and left."
    diags = _diags(text, "TYP211")
    assert len(diags) == 1 and diags[0].fix is not None
    assert diags[0].fix.applicability is Applicability.UNSAFE
    assert _fix(text, "TYP211") == text
    assert _fix(text, "TYP211", unsafe=True).endswith("He called it “historic and left.")


def test_ambiguous_straight_quote_gets_no_fix_in_an_odd_paragraph() -> None:
    text = "“Yes,” she said. “No.” “Go.”\nThe code a\"b was wrong."
    (diag,) = _diags(text, "TYP211")
    assert diag.fix is None


def test_inch_marks_and_guillemets_are_not_quotes() -> None:
    text = "Un écran de 17\" et « des promesses », puis “rien” et “encore rien”."
    assert _diags(text, "TYP211", "fr") == []


def test_quotes_inside_quotations_are_typography_and_checked() -> None:
    text = "« Il a parlé de \"trahison\" », dit-il. Il cite “l’accord” et “la paix” et “la suite”."
    assert _fix(text, "TYP211", "fr") == "« Il a parlé de “trahison” », dit-il. Il cite “l’accord” et “la paix” et “la suite”."


def test_four_dots_and_paths_are_not_ellipses() -> None:
    text = "Il hésita.... Voir ../rapport et https://exemple.fr/a...b. Puis… rien… du tout…"
    assert _diags(text, "TYP212", "fr") == []
