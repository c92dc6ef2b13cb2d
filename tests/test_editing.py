"""Editing artefacts (EDT1xx): the Bamako article, and cases rule examples cannot express."""

from __future__ import annotations

from pathlib import Path

import pytest

from presslint import api
from presslint.config import Settings

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "bamako-fr.txt"
EDT = Settings(select=("EDT",))


def edt(text: str, lang: str, fmt: str = "txt") -> list[tuple[str, str]]:
    """(code, flagged text) of every editing diagnostic."""
    return [(d.code, text[d.offset : d.end_offset]) for d in api.lint(text, lang=lang, config=EDT, fmt=fmt)]


def only(code: str) -> Settings:
    return Settings(select=(code,))


# --------------------------------------------------------------------------- the Bamako article


@pytest.fixture(scope="module")
def bamako() -> str:
    return EXAMPLE.read_text(encoding="utf-8")


def test_bamako_flags_exactly_the_three_editing_artefacts(bamako: str) -> None:
    found = api.lint(bamako, lang="fr", config=EDT)
    assert [(d.code, bamako[d.offset : d.end_offset]) for d in found] == [
        ("EDT101", "la"),
        ("EDT102", "de la non seulement"),
        ("EDT103", "soldats."),
    ]
    stray, truncated, fragment = found
    assert bamako[stray.offset : stray.offset + 6] == "la Les"
    assert bamako[stray.offset - 10 : stray.offset] == "plus tard "
    assert stray.message == "Stray article “la” before “Les”: left over from an edit?"
    assert "“de la” is followed by “non seulement”" in truncated.message
    assert bamako[: fragment.offset].endswith("aux côtés des Maliens. ")
    assert "Fragment “soldats.”" in fragment.message
    # Line and column point at the words, for an editor looking at the file.
    assert (stray.line, truncated.line, fragment.line) == (3, 4, 4)
    assert bamako.splitlines()[stray.line - 1][stray.column - 1 :].startswith("la Les deux diplomates")


def test_bamako_unsafe_fix_removes_the_stray_article(bamako: str) -> None:
    result = api.fix(bamako, lang="fr", config=EDT, unsafe=True)
    assert "Un peu plus tard les deux diplomates prendront part" in result.text
    assert "la Les" not in result.text
    # The truncation and the fragment need an editor: they stay as they were.
    assert "de la non seulement" in result.text and "Maliens. soldats." in result.text


def test_bamako_safe_fix_leaves_editing_artefacts_alone(bamako: str) -> None:
    assert api.fix(bamako, lang="fr", config=EDT).text == bamako


# --------------------------------------------------------------------------- stray article


def test_stray_article_fix_keeps_the_capital_at_sentence_start() -> None:
    text = "« Nous partons », a-t-il dit. Les la délégation est arrivée."
    fixed = api.fix(text, lang="fr", config=only("EDT101"), unsafe=True).text
    assert fixed == "« Nous partons », a-t-il dit. La délégation est arrivée."


def test_stray_article_ignores_quoted_speech_and_names() -> None:
    assert edt("Il a lancé : « On a vu la les deux hommes partir. »", "fr") == []
    assert edt("Au Sénat, les Les Républicains et les Le Pen ont voté contre.", "fr") == []


def test_stray_article_across_a_wrapped_line() -> None:
    text = (
        "Le ministre des Affaires étrangères est arrivé lundi\n"
        "à Bamako. Un peu plus tard la\n"
        "Les deux diplomates se sont entretenus\n"
        "pendant deux heures au ministère.\n"
    )
    assert ("EDT101", "la") in edt(text, "fr")


# --------------------------------------------------------------------------- truncated phrase


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("La coopération porte sur la défense et de la . Rien d’autre.", "de la"),
        ("Il a été reçu par le ministre et le. La réunion a suivi.", "et le"),
        ("The talks covered trade and the. Nothing else was agreed.", "and the"),
        ("The minister said an of the clauses was final.", "an of"),
    ],
)
def test_truncated_phrase_is_flagged(text: str, flagged: str) -> None:
    assert ("EDT102", flagged) in edt(text, "fr" if " la " in text or " le" in text else "en")


@pytest.mark.parametrize(
    "text",
    [
        "Il a voté pour. Elle a voté contre. Il faudra faire avec.",
        "Fais-le. Prends-les. Donne-la à ta sœur.",
        "Il a fait la une. C’est la leur. Pas un.",
        "Le texte vise à :\n\n- réduire le déficit ;\n- relever les taxes.",
        "Il hésite : « Je crois que la… »",
        "Il prend le car tous les matins. Sur ce, il est parti.",
    ],
)
def test_truncated_phrase_leaves_french_idioms_alone(text: str) -> None:
    assert edt(text, "fr") == []


def test_markdown_list_item_cut_on_an_article() -> None:
    text = "Le texte prévoit :\n\n- une hausse du budget\n- la suppression de la taxe sur les\n"
    assert edt(text, "fr", fmt="md") == [("EDT102", "les")]


# --------------------------------------------------------------------------- sentence fragment


def test_fragment_of_three_words_is_reported_on_its_first_word() -> None:
    found = edt("Le président a parlé. les deux hommes ont ensuite déjeuné.", "fr")
    assert found == [("EDT103", "les")]


def test_fragment_after_abbreviations_is_not_a_fragment() -> None:
    text = (
        "M. Lavrov a rencontré Mme Borne, le Dr Martin et J.-P. Dupont. "
        "The meeting ended at 4 p.m. sharp, said Gen. Smith of the U.S. Army."
    )
    assert edt(text, "fr") == []


def test_lowercase_after_full_stop_inside_a_quotation_is_left_alone() -> None:
    assert edt("Il a dit : « Nous sommes venus. nous avons vu. » Puis il est parti.", "fr") == []


# --------------------------------------------------------------------------- repeated word


def test_repeated_content_word_fix_is_unsafe() -> None:
    text = "Les soldats maliens maliens ont été déployés."
    assert api.fix(text, lang="fr", config=only("EDT104")).text == text
    fixed = api.fix(text, lang="fr", config=only("EDT104"), unsafe=True).text
    assert fixed == "Les soldats maliens ont été déployés."


def test_repeated_function_word_fix_is_safe() -> None:
    diag = api.lint("Il parle de de la paix.", lang="fr", config=only("EDT104"))[0]
    assert diag.fix is not None and diag.fix.applicability.value == "safe"


def test_repeated_word_is_case_insensitive_and_not_across_paragraphs() -> None:
    assert edt("Il a vu le\nLe président de la République hier soir, puis il est\nreparti à Paris.\n", "fr")
    assert edt("Le budget en débat à partir de\n\nDe nombreux députés sont arrivés.", "fr") == []


def test_repeated_word_ignores_parts_of_compounds_and_numbers() -> None:
    assert edt("Le score était de 10 10 au repos ; il vit à Baden-Baden avec son bon bon-papa.", "fr") == []


# --------------------------------------------------------------------------- duplicates


def test_duplicated_paragraph_does_not_also_report_its_sentences() -> None:
    para = "Le ministre russe est arrivé lundi soir à Bamako. Il repartira mardi après deux jours de visite."
    text = f"{para}\n\nLa visite est présentée comme historique.\n\n{para}\n"
    assert [code for code, _ in edt(text, "fr")] == ["EDT106"]


def test_duplicated_sentence_far_apart_is_flagged_and_fixed() -> None:
    text = (
        "Le président de la transition a reçu Sergueï Lavrov au palais.\n\n"
        "La rencontre a duré deux heures. Le président de la transition a reçu Sergueï Lavrov au palais. "
        "Aucune déclaration n’a suivi.\n"
    )
    assert [code for code, _ in edt(text, "fr")] == ["EDT105"]
    fixed = api.fix(text, lang="fr", config=only("EDT105"), unsafe=True).text
    assert fixed.count("a reçu Sergueï Lavrov") == 1
    assert "La rencontre a duré deux heures. Aucune déclaration n’a suivi." in fixed


def test_pull_quote_in_markdown_is_not_a_duplicate() -> None:
    text = (
        "Le ministre a été clair sur ce point lors de sa conférence de presse.\n\n"
        "> Le ministre a été clair sur ce point lors de sa conférence de presse.\n"
    )
    assert edt(text, "fr", fmt="md") == []


# --------------------------------------------------------------------------- cut-off paragraphs


def test_paragraph_cut_off_mid_article() -> None:
    text = (
        "Le ministre des Affaires étrangères de la Fédération de Russie est arrivé à Bamako ce lundi soir "
        "avec une forte délégation pour une visite amicale et de\n\n"
        "La réunion sera suivie d’une conférence de presse.\n"
    )
    assert edt(text, "fr") == [("EDT107", "de")]


def test_short_unpunctuated_lines_are_headings_not_cut_paragraphs() -> None:
    text = (
        "Visite à Bamako du ministre russe\n\nLe ministre est arrivé lundi.\n\n"
        "Ses rendez-vous\n\nIl verra le président.\n"
    )
    assert edt(text, "fr") == []


def test_closing_fragment_and_credit_lines() -> None:
    body = "Le ministre est arrivé lundi à Bamako. Il repartira mardi."
    assert edt(f"{body}\n\nsoldats maliens", "fr") == [("EDT108", "soldats maliens")]
    for credit in ("Avec AFP", "Par Jean Dupont, à Bamako", "pid/ber/jca", "© AFP 2024", "www.example.fr"):
        assert edt(f"{body}\n\n{credit}", "fr") == [], credit


def test_clean_corpus_draws_no_editing_diagnostic() -> None:
    corpus = Path(__file__).parent / "corpus" / "clean"
    for path in sorted(corpus.glob("*/*.txt")):
        text = path.read_text(encoding="utf-8")
        assert edt(text, path.parent.name) == [], path.name
