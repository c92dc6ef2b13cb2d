"""White space and invisible characters: the cases the rule examples cannot show (formats, settings, fixes)."""

from __future__ import annotations

from presslint import api
from presslint.config import Settings
from presslint.diagnostics import Applicability


def _codes(text: str, select: str, lang: str = "fr", fmt: str = "txt") -> list[str]:
    return [d.code for d in api.lint(text, lang=lang, fmt=fmt, config=Settings(select=(select,)))]


def _fix(text: str, select: str, lang: str = "fr", fmt: str = "txt", unsafe: bool = False) -> str:
    return api.fix(text, lang=lang, fmt=fmt, config=Settings(select=(select,)), unsafe=unsafe).text


# --------------------------------------------------------------------------- TYP201 repeated spaces

DOUBLE_SPACED = "He left.  She stayed.  Nobody spoke.  The vote  was put off."


def test_double_space_after_full_stop_is_kept_when_it_is_the_house_habit() -> None:
    diags = api.lint(DOUBLE_SPACED, lang="en", config=Settings(select=("TYP201",)))
    # Only the double space inside the sentence is flagged, not the three sentence breaks.
    assert [DOUBLE_SPACED[d.offset : d.end_offset + 4] for d in diags] == ["  was "]
    assert _fix(DOUBLE_SPACED, "TYP201", "en") == "He left.  She stayed.  Nobody spoke.  The vote was put off."


def test_double_space_after_full_stop_is_flagged_when_the_article_mostly_uses_one() -> None:
    text = "He left. She stayed. Nobody spoke.  The vote was put off."
    assert _fix(text, "TYP201", "en") == "He left. She stayed. Nobody spoke. The vote was put off."


def test_a_tie_between_single_and_double_sentence_breaks_flags_nothing_at_the_breaks() -> None:
    assert _codes("He left.  She stayed. Nobody spoke.", "TYP201", "en") == []


def test_nbsp_in_a_run_is_kept_where_french_wants_it_and_dropped_elsewhere() -> None:
    assert _fix("Il a parcouru 10 \u00a0km avec M. \u00a0Diop.", "TYP201") == "Il a parcouru 10\u00a0km avec M.\u00a0Diop."
    assert _fix("Le ministre \u00a0est arrivé.", "TYP201") == "Le ministre est arrivé."


def test_indentation_and_spaces_before_punctuation_are_left_to_others() -> None:
    assert _codes("   Le ministre est arrivé.\nIl a dit  : « Oui  ».", "TYP201") == []


def test_html_is_not_checked_for_spacing() -> None:
    assert _codes("<p>Le ministre  est arrivé.   </p>", "TYP20", fmt="html") == []


# --------------------------------------------------------------------------- TYP202 trailing white space


def test_markdown_line_end_spaces_are_markup_not_prose() -> None:
    # Two spaces at the end of a Markdown line make a hard line break: never flagged, never removed.
    text = "Le ministre est arrivé  \nà Bamako lundi soir.\n\nIl repart mardi. \n"
    assert _codes(text, "TYP202", fmt="md") == []
    assert _codes(text, "TYP202", fmt="txt") == ["TYP202", "TYP202"]


def test_trailing_white_space_of_every_line_of_a_wrapped_paragraph() -> None:
    text = (
        "Le ministre des Affaires étrangères est arrivé \n"
        "à Bamako lundi soir pour une visite de deux jours, \t\n"
        "a annoncé le ministère.\n\n"
        "Il repart mardi.\n"
    )
    fixed = _fix(text, "TYP202")
    assert fixed == text.replace(" \n", "\n").replace(" \t\n", "\n").replace(", \t", ",")
    assert " \n" not in fixed and "\t" not in fixed


# --------------------------------------------------------------------------- TYP203, TYP204


def test_tab_only_in_lines_with_a_single_tab() -> None:
    assert _fix("Le ministre\test arrivé.\nScore\t2\t1", "TYP203") == "Le ministre est arrivé.\nScore\t2\t1"


def test_invisible_characters_are_removed_but_needed_joiners_kept() -> None:
    text = "Le mi\u200bnistre\u2060 a cité le mot persan می\u200cخواهم et l’emoji 👨\u200d👩\u200d👧.\ufeff"
    assert _fix(text, "TYP204") == "Le ministre a cité le mot persan می\u200cخواهم et l’emoji 👨\u200d👩\u200d👧."


def test_object_placeholder_of_inline_code_is_not_an_invisible_character() -> None:
    assert _codes("Le champ `id` est vide.", "TYP204", fmt="md") == []


# --------------------------------------------------------------------------- TYP205 control characters


def test_c1_controls_get_their_windows_1252_meaning_as_an_unsafe_fix() -> None:
    text = "Il n\x92a pas répondu \x96 ni hier\x85"
    diags = api.lint(text, lang="fr", config=Settings(select=("TYP205",)))
    assert len(diags) == 3
    assert all(d.fix and d.fix.applicability is Applicability.UNSAFE for d in diags)
    assert _fix(text, "TYP205") == text  # nothing safe to do
    assert _fix(text, "TYP205", unsafe=True) == "Il n’a pas répondu – ni hier…"


def test_control_between_letters_is_an_unsafe_removal_and_a_vertical_tab_a_space() -> None:
    assert _fix("Le chef\x1bde la délégation.", "TYP205") == "Le chef\x1bde la délégation."
    assert _fix("Le chef\x1bde la délégation.", "TYP205", unsafe=True) == "Le chefde la délégation."
    assert _fix("Le chef\x0bde la délégation.", "TYP205") == "Le chef de la délégation."
    assert _fix("Le chef \x07de la délégation.", "TYP205") == "Le chef de la délégation."


def test_c1_inside_mojibake_is_left_to_the_mojibake_rule() -> None:
    assert _codes("Il a dit â€œouiâ€\x9d.", "TYP205") == []


# --------------------------------------------------------------------------- TYP206 non-breaking spaces


def test_nbsp_between_words_is_an_english_rule_only() -> None:
    assert _codes("Le\u00a0ministre est arrivé.", "TYP206", "fr") == []
    assert _codes("The\u00a0minister arrived.", "TYP206", "en") == ["TYP206"]


def test_nbsp_kept_in_numbers_units_abbreviations_and_titles() -> None:
    text = "A 10\u00a0km road, 10\u00a0000 troops, p.\u00a012, Dr.\u00a0Kim, J.\u00a0Smith, Mr\u00a0Diop, World War\u00a0II, Plan\u00a0B."
    assert _codes(text, "TYP206", "en") == []


def test_entity_then_nbsp_fixes_settle_in_plain_text() -> None:
    text = "The foreign&nbsp;minister arrived."
    fixed = api.fix(text, lang="en", config=Settings(select=("SCR101", "TYP206"))).text
    assert fixed == "The foreign minister arrived."
