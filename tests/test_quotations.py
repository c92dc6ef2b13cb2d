"""Quotation spans: every style, nesting, multi-paragraph quotations, unclosed marks."""

from __future__ import annotations

from helpers import make_doc, quoted


def test_french_guillemets_with_and_without_spaces() -> None:
    text = "Il a parlé d’« un tournant » et de «volonté ferme»."
    assert quoted(text) == ["« un tournant »", "«volonté ferme»"]


def test_english_curly_and_straight_quotes() -> None:
    text = 'She said “we will stay” and he replied "we will not".'
    assert quoted(text, "en") == ["“we will stay”", '"we will not"']


def test_nested_quotation_is_inside_the_outer_one() -> None:
    text = "Il a dit : « Elle m’a répondu ‹ non › hier. » Fin."
    assert quoted(text) == ["« Elle m’a répondu ‹ non › hier. »"]


def test_german_style_low_high_quotes() -> None:
    assert quoted("Er sagte „nein“ dazu.", "en") == ["„nein“"]


def test_multi_paragraph_quotation_runs_to_its_closing_mark() -> None:
    text = "Le ministre a déclaré : « Nous avons tout essayé.\n« Nous continuerons. »\nLa séance a été levée."
    doc = make_doc(text, "fr")
    start = text.index("Nous avons")
    assert doc.in_quotation(start, start + 4)
    assert doc.in_quotation(text.index("continuerons"))
    assert not doc.in_quotation(text.index("séance"))


def test_unclosed_quotation_stops_at_its_paragraph_end() -> None:
    text = "Il a dit « nous partirons sans fin\nLe lendemain, il est resté."
    doc = make_doc(text, "fr")
    assert doc.in_quotation(text.index("nous"))
    assert not doc.in_quotation(text.index("lendemain"))


def test_apostrophes_are_not_quotations() -> None:
    assert quoted("L’armée n’a pas bougé, dit-on, jusqu’à l’aube.") == []
