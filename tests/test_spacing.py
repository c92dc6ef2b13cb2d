"""Spacing rules beyond their examples: french-spacing modes, the example article, fixes and their safety."""

from __future__ import annotations

from pathlib import Path

import pytest

from presslint import api
from presslint.config import Settings, StyleSettings, settings_from_mapping
from presslint.diagnostics import Applicability

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "bamako-fr.txt"
NBSP, NNBSP = "\u00a0", "\u202f"


def settings(select: str, mode: str = "consistent") -> Settings:
    return Settings(select=(select,), style=StyleSettings(french_spacing=mode))


def flagged(text: str, select: str, mode: str = "consistent", lang: str = "fr") -> list[str]:
    return [text[d.offset : d.end_offset] for d in api.lint(text, lang=lang, config=settings(select, mode))]


def test_example_article_guillemet_minority_is_flagged() -> None:
    text = EXAMPLE.read_text(encoding="utf-8")
    diags = api.lint(text, config=settings("TYP1"))
    assert [(d.code, d.line, d.column, text[d.offset : d.end_offset]) for d in diags] == [
        ("TYP104", 4, 292, "« "),
        ("TYP104", 4, 313, " »"),
    ]
    # Removing spaces that French typography wants is never a safe fix.
    assert api.fix(text, config=settings("TYP104")).text == text
    fixed = api.fix(text, config=settings("TYP104"), unsafe=True).text
    assert "comme «le premier du genre» par" in fixed
    assert api.lint(fixed, config=settings("TYP104")) == []


def test_example_article_strict_wants_no_break_spaces_everywhere() -> None:
    text = EXAMPLE.read_text(encoding="utf-8")
    assert len(api.lint(text, config=settings("TYP104", "strict"))) == 6
    fixed = api.fix(text, config=settings("TYP104", "strict")).text
    assert f"«{NBSP}le premier du genre{NBSP}»" in fixed
    assert f"«{NBSP}matérialise la volonté ferme{NBSP}»" in fixed
    assert api.lint(text, config=settings("TYP104", "off")) == []


def test_config_key_selects_the_mode() -> None:
    strict = settings_from_mapping({"select": ["TYP103"], "style": {"french-spacing": "strict"}}, "<test>")
    assert strict.style.french_spacing == "strict"
    assert len(api.lint("Pourquoi ? Parce que !", lang="fr", config=strict)) == 2


@pytest.mark.parametrize(
    ("text", "mode", "fixed"),
    [
        ("Pourquoi? Parce que; voilà: rien!", "strict",
         f"Pourquoi{NNBSP}? Parce que{NNBSP}; voilà{NBSP}: rien{NNBSP}!"),
        ("Pourquoi ? Parce que ; voilà : rien !", "strict",
         f"Pourquoi{NNBSP}? Parce que{NNBSP}; voilà{NBSP}: rien{NNBSP}!"),
        (f"Pourquoi{NBSP}? Parce que{NNBSP}; voilà{NBSP}: rien{NNBSP}!", "strict",
         f"Pourquoi{NBSP}? Parce que{NNBSP}; voilà{NBSP}: rien{NNBSP}!"),
        ("Pourquoi ? Parce que ; voilà : rien! Enfin ?", "consistent",
         "Pourquoi ? Parce que ; voilà : rien ! Enfin ?"),
        ("Pourquoi? Parce que; voilà: rien ! Enfin?", "consistent",
         "Pourquoi? Parce que; voilà: rien! Enfin?"),
        (f"Qui{NNBSP}? Lui{NNBSP}! Quand ? Demain{NNBSP}; hier{NNBSP}?", "consistent",
         f"Qui{NNBSP}? Lui{NNBSP}! Quand{NNBSP}? Demain{NNBSP}; hier{NNBSP}?"),
        ("Pourquoi? Parce que; voilà: rien!", "off", "Pourquoi? Parce que; voilà: rien!"),
    ],
)
def test_french_mark_spacing_modes(text: str, mode: str, fixed: str) -> None:
    assert api.fix(text, lang="fr", config=settings("TYP103", mode), unsafe=True).text == fixed


def test_removing_a_french_space_is_only_an_unsafe_fix() -> None:
    text = "Pourquoi? Parce que; voilà: rien ! Enfin?"
    (diag,) = api.lint(text, lang="fr", config=settings("TYP103"))
    assert diag.fix is not None and diag.fix.applicability is Applicability.UNSAFE
    assert api.fix(text, lang="fr", config=settings("TYP103")).text == text


def test_colon_group_follows_its_own_usage_when_large_enough() -> None:
    # Colons spaced, `; ! ?` unspaced: a house style (as in Swiss copy), consistent on both counts.
    text = "Bilan : lourd. Cause : inconnue. Suite : demain. Pourquoi? Qui? Quand!"
    assert flagged(text, "TYP103") == []


@pytest.mark.parametrize(
    "text",
    [
        "La réunion est prévue à 16:30{nn}; le ratio est de 3:2.",
        "Le site https://www.gouv.fr/?id=3{nb}: consultez-le{nn}; vite{nn}!",
        "Il travaille chez Yahoo! depuis 2010{nn}; il a tweeté «{nb}Yes we can!{nb}» hier{nn}?",
        "Le chiffre (!) a surpris{nb}: personne ne l’attendait{nn}; vraiment{nn}?",
    ],
)
def test_french_spacing_traps_are_left_alone_even_when_strict(text: str) -> None:
    text = text.format(nb=NBSP, nn=NNBSP)
    assert flagged(text, "TYP103", "strict") == []
    assert flagged(text, "TYP104", "strict") == []


def test_english_quotation_in_french_keeps_english_spacing() -> None:
    text = "« Yes we can! » a lancé le candidat. Pourquoi ? Parce que !"
    assert flagged(text, "TYP103") == []


def test_space_before_comma_and_full_stop_is_wrong_in_both_languages() -> None:
    assert flagged("Il est arrivé , puis reparti .", "TYP102") == [" ,", " ."]
    assert flagged("He arrived , then left .", "TYP102", lang="en") == [" ,", " ."]
    # French keeps its space before `; : ! ?`; English loses it.
    assert flagged("Pourquoi ? Parce que !", "TYP102") == []
    assert flagged("Why ? Because !", "TYP102", lang="en") == [" ?", " !"]


def test_missing_space_fix_safety() -> None:
    def applicability(text: str, lang: str = "fr") -> list[Applicability]:
        return [d.fix.applicability for d in api.lint(text, lang=lang, config=settings("TYP101")) if d.fix]

    assert applicability("Il a rencontré Diop.Un accord a suivi.") == [Applicability.SAFE]
    assert applicability("Il a rencontré Mr.Smith hier.", "en") == [Applicability.UNSAFE]
    assert applicability("Le logiciel ASP.Net est utilisé.") == [Applicability.UNSAFE]  # a name like a domain
    assert applicability("La réunion s’est tenue à l’ONU.Le ministre a parlé.") == [Applicability.UNSAFE]
    assert applicability("Il a écrit au site Example.Com hier.", "en") == [Applicability.UNSAFE]


@pytest.mark.parametrize(
    "text",
    [
        "Le taux est de 3.5 % ou 3,5 % ; la séance reprend à 16.30 ou 16h30.",
        "Le philosophe J.-P. Sartre et M. Diop ont parlé à 10 a.m. aux U.S.",
        "Voir lemonde.fr, bbc.co.uk, rapport.pdf, Node.js ou la version 3.11.2.",
        "Écrire à contact@energie-mediateur.fr ou voir https://example.com/a,b?x=1.",
    ],
)
def test_missing_space_traps(text: str) -> None:
    assert flagged(text, "TYP101") == []
