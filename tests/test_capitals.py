"""Capitalisation variants (CON103) and French capitals without their accent (CON104)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from presslint import api, lexicons
from presslint.checks.capitals import accented_capitals
from presslint.config import Settings, StyleSettings

ROOT = Path(__file__).resolve().parents[1]


def _lint(text: str, select: str, lang: str = "fr", **style: object) -> list:
    return api.lint(text, lang=lang, config=Settings(select=(select,), style=StyleSettings(**style)))


def _messages(text: str, select: str, lang: str = "fr", **style: object) -> list[str]:
    return [d.message for d in _lint(text, select, lang, **style)]


# --------------------------------------------------------------------------- CON103


def test_minority_capitalisation_is_flagged_with_the_other_form_and_line() -> None:
    text = (
        "Le ministre des Affaires étrangères est arrivé.\n"
        "Il a été reçu au ministère des Affaires Etrangères, puis aux Affaires étrangères."
    )
    assert _messages(text, "CON103") == ["“Affaires Etrangères” — elsewhere “Affaires étrangères” (line 1)"]


def test_french_tie_prefers_lower_case_after_the_first_word() -> None:
    text = (
        "Le ministère de la Coopération Internationale a publié un communiqué. "
        "Le ministre de la Coopération internationale s'est dit satisfait."
    )
    assert _messages(text, "CON103") == ["“Coopération Internationale” — elsewhere “Coopération internationale” (line 1)"]
    fixed = api.fix(text, lang="fr", config=Settings(select=("CON103",)), unsafe=True).text
    assert fixed.count("Coopération internationale") == 2


def test_english_tie_prefers_capitals() -> None:
    text = "The White house declined to comment. Later the White House issued a statement."
    assert _messages(text, "CON103", "en") == ["“White house” — elsewhere “White House” (line 1)"]


def test_consistent_articles_and_traps_are_left_alone() -> None:
    clean = [
        ("Le ministère des Affaires étrangères a convoqué l'ambassadeur. Les Affaires étrangères ont confirmé.", "fr"),
        ("House Speaker Mike Johnson said the bill would pass. The House speaker did not give a date.", "en"),
        ("VISITE AUX AFFAIRES ETRANGERES\n\nLe ministre des Affaires étrangères a reçu son homologue.", "fr"),
        ("« Les Affaires Etrangères nous ont trahis », a lancé un manifestant aux Affaires étrangères.", "fr"),
        ("Assimi Goïta a reçu Sergueï Lavrov. Le colonel Assimi Goita a salué la visite.", "fr"),  # CON101's
    ]
    for text, lang in clean:
        assert _messages(text, "CON103", lang) == [], text


def test_heading_in_title_case_is_not_compared() -> None:
    text = "Foreign Affairs Minister Meets Counterpart\n\nThe foreign affairs minister met his counterpart."
    assert _messages(text, "CON103", "en") == []


# --------------------------------------------------------------------------- CON104


def test_unaccented_capital_flagged_when_the_article_accents_capitals() -> None:
    text = "Le ministre des Affaires Etrangères a reçu l’ambassadeur. Après le coup d’État, le dialogue avait cessé."
    diags = _lint(text, "CON104")
    assert [d.message for d in diags] == ["“Etrangères”: capital without its accent; write “Étrangères”"]
    fixed = api.fix(text, lang="fr", config=Settings(select=("CON104",))).text
    assert fixed == text.replace("Etrangères", "Étrangères")


def test_consistent_mode_respects_a_house_without_accented_capitals() -> None:
    text = "L'Etat a annoncé un plan pour l'Ecole, et l'Elysée a confirmé que les Etats-Unis étaient informés."
    assert _messages(text, "CON104") == []
    assert _messages(text, "CON104", accent_capitals="required") == [
        "“Etat”: capital without its accent; write “État”",
        "“Ecole”: capital without its accent; write “École”",
        "“Elysée”: capital without its accent; write “Élysée”",
        "“Etats-Unis”: capital without its accent; write “États-Unis”",
    ]
    assert _messages(text, "CON104", accent_capitals="off") == []


def test_a_grave_only_before_known_followers() -> None:
    text = (
        "À Bamako, la délégation est arrivée. A partir de mardi, les discussions porteront sur la sécurité. "
        "A l’issue de la réunion, un communiqué sera publié. A priori, rien ne change. "
        "Il a obtenu la note A. A-t-il signé ?"
    )
    assert _messages(text, "CON104") == [
        "“A”: capital without its accent; write “À”",
        "“A”: capital without its accent; write “À”",
    ]
    fixed = api.fix(text, lang="fr", config=Settings(select=("CON104",))).text
    assert "À partir de mardi" in fixed and "À l’issue" in fixed and "A priori" in fixed and "A-t-il" in fixed


def test_people_quotations_and_capitals_are_left_alone() -> None:
    text = (
        "À Paris, Eric Cantona et Emile Louis ont été cités, comme Eden Hazard. "
        "« A partir de demain, l'Etat paiera », a promis le ministre.\n\nLES ETATS-UNIS À L'OFFENSIVE"
    )
    assert _messages(text, "CON104", accent_capitals="required") == []


def test_english_articles_are_not_checked() -> None:
    assert _lint("A partir is not English. Ecole and Etat are.", "CON104", "en", accent_capitals="required") == []


# --------------------------------------------------------------------------- the derived list


def test_derived_list_documents_its_source_and_licence() -> None:
    path = ROOT / "src" / "presslint" / "lexicons" / "fr" / "accented-capitals.txt"
    header = path.read_text(encoding="utf-8").split("\n", 10)[:8]
    joined = "\n".join(header)
    assert "Grammalecte" in joined and "Mozilla Public License 2.0" in joined
    table = accented_capitals()
    assert len(table) > 10000
    assert table["Etat"] == "État" and table["Etrangères"] == "Étrangères" and table["Egypte"] == "Égypte"
    assert table["Ecrivez"] == "Écrivez"  # verb forms come from the suffix rules
    for word in ("A", "Ou", "Eric", "Emile", "Etienne", "Age", "Eve"):
        assert word not in table, word  # a French word as it is, or a person's name


def test_each_unaccented_form_stands_for_one_listed_word() -> None:
    """The lookup puts an accent back on the first letter: it relies on no two listed words sharing a form."""
    table = accented_capitals()
    listed = lexicons.load("fr", "accented-capitals")
    forms = list(table)
    assert len(set(forms)) == len(forms) == len(listed)
    assert {table[form] for form in forms} == listed
    assert all(form[0] in "AEIOUCY" and form[1:] == table[form][1:] for form in forms)


def test_derivation_script_on_a_small_dictionary(tmp_path: Path) -> None:
    (tmp_path / "fr.aff").write_text(
        "# AFFIXES v9.9\nSET UTF-8\nFLAG long\nNEEDAFFIX ()\nFORBIDDENWORD {}\n"
        "SFX S. Y 2\nSFX S. 0 0 [^sxz]\nSFX S. 0 s [^sxz]\n"
        "SFX F. Y 3\nSFX F. 0 0 .\nSFX F. er ère er\nSFX F. er ères er\n",
        encoding="utf-8",
    )
    (tmp_path / "fr.dic").write_text(
        "6\nétat/S.() po:nom\nétranger/F.() po:adj\nÉric po:prn\nâge/S.() po:nom\nage/S.() po:nom\n"
        "Égypte po:nom\n",
        encoding="utf-8",
    )
    out = tmp_path / "out.txt"
    subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "derive_accented_capitals.py"),
         "--dic", str(tmp_path / "fr.dic"), "--aff", str(tmp_path / "fr.aff"), "--out", str(out)],
        check=True, capture_output=True,
    )
    lines = [x for x in out.read_text(encoding="utf-8").splitlines() if not x.startswith("#")]
    assert sorted(lines) == sorted(["État", "États", "Étranger", "Étrangère", "Étrangères", "Égypte"])
    assert "version 9.9" in out.read_text(encoding="utf-8")


@pytest.mark.parametrize("name", ["a-grave-followers", "name-connectors", "name-titles", "name-sentence-starters"])
def test_lexicons_exist(name: str) -> None:
    assert lexicons.load("fr", name)
