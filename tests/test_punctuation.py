"""Punctuation rules beyond their examples: the example article, settings, abbreviations, balance."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from presslint import api
from presslint.config import Settings, StyleSettings
from presslint.diagnostics import Applicability

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "bamako-fr.txt"


def codes(text: str, lang: str, select: str, **style: object) -> list[tuple[str, str]]:
    """(code, flagged text) of every diagnostic of the selected rules."""
    settings = Settings(select=(select,), style=StyleSettings(**style))  # type: ignore[arg-type]
    return [(d.code, text[d.offset : d.end_offset]) for d in api.lint(text, lang=lang, config=settings)]


def test_example_article_doubled_full_stops_at_their_places() -> None:
    diags = api.lint(EXAMPLE.read_text(encoding="utf-8"), config=Settings(select=("PUN",)))
    assert [(d.code, d.line, d.column) for d in diags] == [
        ("PUN101", 3, 445),
        ("PUN101", 3, 584),
        ("PUN101", 4, 164),
    ]


def test_check_fix_repairs_the_example_full_stops(tmp_path: Path) -> None:
    target = tmp_path / "bamako-fr.txt"
    shutil.copyfile(EXAMPLE, target)
    exe = shutil.which("presslint", path=str(Path(sys.executable).parent)) or "presslint"
    env = {**os.environ, "NO_COLOR": "1"}
    subprocess.run([exe, "check", "--fix", "--select", "PUN101", str(target)], capture_output=True, env=env,
                   timeout=120, check=False)
    fixed = target.read_text(encoding="utf-8")
    original = EXAMPLE.read_text(encoding="utf-8")
    assert ".." not in fixed
    assert "bénéfique. Sergueï" in fixed and "Diop. Un peu" in fixed and "16 heures. Si" in fixed
    assert fixed == original.replace("..", ".")


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Ils ont parlé de sécurité, d’économie, etc., sans rien conclure.", "fr"),
        ("Le texte, signé par M., Mme et MM. les députés, a été adopté.", "fr"),
        ("Il est né en 52 av. J.-C., à Rome.", "fr"),
        ("Rep. Alexandria Ocasio-Cortez, D-N.Y., called the deal a reprieve.", "en"),
        ("The talks, held in the U.S., ended; officials in Washington, D.C., agreed.", "en"),
        ("Shares of Apple Inc., Alphabet and Meta Platforms rose.", "en"),
    ],
)
def test_abbreviation_dot_before_comma_is_not_a_clash(text: str, lang: str) -> None:
    assert codes(text, lang, "PUN102") == []


def test_clash_fix_depends_on_what_follows() -> None:
    settings = Settings(select=("PUN102",))
    lower = api.fix("Le ministre est arrivé., puis il est reparti.", lang="fr", config=settings)
    assert lower.text == "Le ministre est arrivé, puis il est reparti."
    end = api.fix("Le ministre est arrivé,.", lang="fr", config=settings)
    assert end.text == "Le ministre est arrivé."
    # Before a capital, a comma might have been right (a name): only an unsafe fix.
    diags = api.lint("Il a salué le ministre,. Diop a répondu.", lang="fr", config=settings)
    assert [d.fix.applicability for d in diags if d.fix] == [Applicability.UNSAFE]
    assert api.fix("Il a salué le ministre,. Diop a répondu.", lang="fr", config=settings).text.count(",.") == 1


def test_doubled_marks_follow_the_house_setting() -> None:
    text = "Le PSG s’impose à Lyon !! Qui l’eût cru ??"
    assert codes(text, "fr", "PUN103") == [("PUN103", "!!"), ("PUN103", "??")]
    assert codes(text, "fr", "PUN103", allow_doubled_marks=True) == []
    assert codes("Quoi ?! Vraiment !? Oui.", "fr", "PUN103") == []
    fixed = api.fix(text, lang="fr", config=Settings(select=("PUN103",)))
    assert fixed.text == "Le PSG s’impose à Lyon ! Qui l’eût cru ?"


def test_multi_paragraph_quotations_are_balanced() -> None:
    french = "« Nous avons tout essayé.\n\n« Nous continuerons.\n\n« Nous gagnerons », a-t-il conclu."
    english = "“We tried everything.\n\n“We will go on.\n\n“We will win,” he said."
    unclosed_three = "« Nous avons tout essayé.\n\nLa séance a été levée.\n\nLe vote aura lieu jeudi."
    assert codes(french, "fr", "PUN104") == []
    assert codes(english, "en", "PUN104") == []
    assert codes(unclosed_three, "fr", "PUN104") == [("PUN104", "«")]


def test_a_later_balanced_quotation_does_not_close_an_open_one() -> None:
    text = "Il a dit « nous partirons.\n\nLe président a répondu « non » sans attendre."
    assert codes(text, "fr", "PUN104") == [("PUN104", "«")]


def test_unbalanced_closing_mark_and_breadcrumbs() -> None:
    assert codes("Il a dénoncé un passage en force ». Fin.", "fr", "PUN104") == [("PUN104", "»")]
    assert codes("Accueil » Monde » Afrique\n\nLe ministre est arrivé.", "fr", "PUN104") == []


@pytest.mark.parametrize(
    "text",
    [
        "Deux points : 1) le calendrier ; 2) les mesures.",
        "a) first, the budget; b) then, aid to Ukraine.",
        "i) la sécurité ; ii) l’économie ; iii) la santé.",
        "The deal (announced on Monday) was welcomed [by most].",
    ],
)
def test_list_markers_are_not_unbalanced(text: str) -> None:
    assert codes(text, "fr", "PUN105") == []


def test_unbalanced_brackets_flagged_per_paragraph() -> None:
    text = "Les élus (LR se sont montrés divisés.\n\nIls voteront) jeudi."
    assert codes(text, "fr", "PUN105") == [("PUN105", "("), ("PUN105", ")")]


def test_mismatched_pair_takes_the_article_style() -> None:
    settings = Settings(select=("PUN106",))
    curly = "“It is over,\" he said. “We lost.”"
    assert api.fix(curly, lang="en", config=settings).text == "“It is over,” he said. “We lost.”"
    straight = "\"It is over,” he said. \"We lost.\""
    assert api.fix(straight, lang="en", config=settings).text == "\"It is over,\" he said. \"We lost.\""
