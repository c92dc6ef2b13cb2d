"""Names spelled two ways (CON101), the house list (CON102), and `presslint names`."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
from typer.testing import CliRunner

from presslint import api
from presslint.cli import app
from presslint.config import Settings, StyleSettings
from presslint.names import close_transliteration, extract_mentions, fold, group_mentions

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "bamako-fr.txt"


def _lint(text: str, lang: str = "fr", select: tuple[str, ...] = ("CON101",), **style: object) -> list:
    return api.lint(text, lang=lang, config=Settings(select=select, style=StyleSettings(**style)))


def _messages(text: str, lang: str = "fr", **kw: object) -> list[str]:
    return [d.message for d in _lint(text, lang, **kw)]


def _doc(text: str, lang: str = "fr"):  # type: ignore[no-untyped-def]
    return api.Linter(Settings()).document(text, lang=lang)


# --------------------------------------------------------------------------- the example article


def test_bamako_article_reports_each_variant_pointing_at_the_other_spelling() -> None:
    text = EXAMPLE.read_text(encoding="utf-8")
    diags = _lint(text, select=("CON",))
    got = {(d.code, d.message) for d in diags}
    assert ("CON101", "“Abdallah Diop” — elsewhere “Abdullah Diop” (line 3)") in got
    assert ("CON101", "“Assimi Goita” — elsewhere “Assimi Goïta” (line 4)") in got
    assert ("CON101", "“Sergueï LAVROV” — elsewhere “Sergueï Lavrov” (line 1)") in got
    assert ("CON103", "“Affaires Etrangères” — elsewhere “Affaires étrangères” (line 2)") in got
    assert ("CON104", "“Etrangères”: capital without its accent; write “Étrangères”") in got
    flagged = {text[d.offset : d.end_offset] for d in diags if d.code == "CON101"}
    assert flagged == {"Abdallah Diop", "Assimi Goita", "Sergueï LAVROV"}


def test_unsafe_fix_writes_the_dominant_spelling() -> None:
    text = (
        "Le colonel Assimi Goïta a reçu Sergueï Lavrov. Sergueï LAVROV a salué l'accueil. "
        "Assimi Goita et Sergueï Lavrov ont signé trois accords."
    )
    fixed = api.fix(text, lang="fr", config=Settings(select=("CON101",)), unsafe=True).text
    assert fixed == (
        "Le colonel Assimi Goïta a reçu Sergueï Lavrov. Sergueï Lavrov a salué l'accueil. "
        "Assimi Goïta et Sergueï Lavrov ont signé trois accords."
    )
    # Without --unsafe-fixes nothing changes.
    assert api.fix(text, lang="fr", config=Settings(select=("CON101",))).text == text


def test_majority_wins_over_first_mention() -> None:
    text = (
        "Abdallah Diop a reçu l'ambassadeur. Abdullah Diop a ensuite parlé à la presse, "
        "et Abdullah Diop a quitté Bamako dans la soirée."
    )
    assert _messages(text) == ["“Abdallah Diop” — elsewhere “Abdullah Diop” (line 1)"]


def test_line_numbers_point_at_the_other_spelling() -> None:
    text = "Vladimir Poutine a parlé.\n\nLe Kremlin a confirmé.\n\nVladimir Poutin a conclu."
    # Poutine/Poutin differ by a letter, not a transliteration: not the same name.
    assert _messages(text) == []
    text = "Mohamed Bazoum a parlé.\n\nLe gouvernement a confirmé.\n\nMohammed Bazoum a conclu, et Mohamed Bazoum est parti."
    assert _messages(text) == ["“Mohammed Bazoum” — elsewhere “Mohamed Bazoum” (line 1)"]


# --------------------------------------------------------------------------- what must not be flagged


def test_two_people_sharing_a_surname_are_not_variants() -> None:
    text = (
        "Bill Clinton campaigned in Ohio on Monday while Hillary Clinton spoke in Iowa. "
        "Clinton, who served two terms, drew the larger crowd; Hillary Clinton spoke for an hour "
        "and Bill Clinton for twenty minutes."
    )
    assert _messages(text, "en") == []
    index = group_mentions(extract_mentions(_doc(text, "en")))
    groups = [sorted({m.text for m in e.mentions}) for e in index.entities]
    assert ["Bill Clinton"] in groups and ["Hillary Clinton"] in groups
    assert ["Clinton"] in groups  # the bare surname is attached to neither


def test_le_pen_father_and_daughter() -> None:
    text = (
        "Jean-Marie Le Pen et Marine Le Pen ne se parlent plus. Marine Le Pen a refusé de commenter. "
        "Jean-Marie Le Pen, 94 ans, n'a pas répondu."
    )
    assert _messages(text) == []


def test_gendered_first_names_are_not_transliterations() -> None:
    text = (
        "Daniel Martin and Danielle Martin run the bakery. Daniel Martin bakes; Danielle Martin sells. "
        "Mario Rossi and Maria Rossi, his sister, were also there; Jean Dupont met Jeanne Dupont."
    )
    assert _messages(text, "en") == []


def test_name_in_an_all_caps_heading_is_legitimate() -> None:
    text = (
        "SERGUEÏ LAVROV ATTENDU À BAMAKO\n\n"
        "Le ministre russe Sergueï Lavrov est arrivé lundi à Bamako. M. Lavrov doit rencontrer "
        "le colonel Assimi Goïta, a indiqué son entourage.\n\n"
        "ASSIMI GOÏTA REÇOIT\n\n"
        "Le président Assimi Goïta a salué une visite historique."
    )
    assert _messages(text) == []


def test_dateline_in_capitals_is_legitimate() -> None:
    text = "BAMAKO (AFP) - Le ministre est arrivé à Bamako lundi. Bamako a préparé la visite."
    assert _messages(text) == []


def test_capitals_in_a_body_line_are_flagged() -> None:
    text = "Sergueï Lavrov est arrivé lundi à Bamako. Selon son entourage, Sergueï LAVROV repartira mardi."
    assert _messages(text) == ["“Sergueï LAVROV” — elsewhere “Sergueï Lavrov” (line 1)"]


def test_quotations_are_not_flagged_but_count() -> None:
    text = (
        "Le président Macky Sall a reçu la délégation. « J'ai vu Maky Sall hier », a raconté un témoin. "
        "« Macky SALL est notre président », a lancé un militant."
    )
    assert _messages(text) == []


def test_titles_and_sentence_starters_are_not_part_of_names() -> None:
    text = (
        "But Reuters said President Joe Biden met Mr. Zelensky. Saudi Crown Prince Mohammed bin Salman "
        "also attended. But Joe Biden left early; Volodymyr Zelensky stayed."
    )
    names = {m.text for m in extract_mentions(_doc(text, "en"))}
    assert {"Reuters", "Joe Biden", "Zelensky", "Mohammed bin Salman", "Volodymyr Zelensky"} <= names
    assert not any(n.startswith(("Selon", "President", "Mr", "Saudi", "But")) for n in names)


def test_particles_and_prefixes_stay_inside_names() -> None:
    text = (
        "Charles de Gaulle, Ursula von der Leyen et Bachar al-Assad sont cités. "
        "Valéry Giscard d’Estaing et Mohamed ould Ghazouani aussi, avec Iyad ag Ghaly et Sean O’Brien."
    )
    names = {m.text for m in extract_mentions(_doc(text))}
    assert {
        "Charles de Gaulle",
        "Ursula von der Leyen",
        "Bachar al-Assad",
        "Valéry Giscard d’Estaing",
        "Mohamed ould Ghazouani",
        "Iyad ag Ghaly",
        "Sean O’Brien",
    } <= names


def test_sentence_initial_common_words_are_not_names() -> None:
    text = "Visite à Bamako du ministre. Dimanche, il est reparti. Interrogé, il n'a rien dit."
    names = {m.text for m in extract_mentions(_doc(text))}
    assert names == {"Bamako"}


# --------------------------------------------------------------------------- transliterations


@pytest.mark.parametrize(
    ("a", "b"),
    [("Abdullah", "Abdallah"), ("Mohamed", "Mohammed"), ("Sergueï", "Sergei"), ("Sergei", "Sergey"),
     ("Muhammad", "Mohammed"), ("Goïta", "Goita"), ("Ahmed", "Ahmad")],
)
def test_close_transliterations(a: str, b: str) -> None:
    assert close_transliteration(fold(a), fold(b))


@pytest.mark.parametrize(
    ("a", "b"),
    [("Daniel", "Danielle"), ("Jean", "Jeanne"), ("Mario", "Maria"), ("Traoré", "Touré"), ("Diop", "Diouf"),
     ("Bill", "Hillary"), ("Martin", "Martins"), ("Poutine", "Poutin"), ("Ali", "Ala")],
)
def test_not_transliterations(a: str, b: str) -> None:
    assert not close_transliteration(fold(a), fold(b))


# --------------------------------------------------------------------------- cost


# Given names with a transliteration each (the pairs a variant check must compare).
_GIVEN = (("Mohamed", "Mohammed"), ("Abdullah", "Abdallah"), ("Sergueï", "Sergei"), ("Ahmed", "Ahmad"),
          ("Moussa", "Mousa"), ("Mariam", "Myriam"), ("Youssouf", "Yousouf"), ("Boubacar", "Boubakar"),
          ("Fatoumata", "Fatumata"), ("Ibrahim", "Ibrahima"), ("Seydou", "Seidou"), ("Aminata", "Aminatta"))


def _article(people: int, mentions_each: int, seed: int = 7) -> str:
    """A long synthetic wire story: ``people`` people, each named ``mentions_each`` times, a third of
    them once under a transliterated first name."""
    rng = random.Random(seed)
    syllables = ("ba", "ko", "di", "ma", "sa", "to", "ne", "ke", "lo", "fa", "ri", "gu", "yo", "zi", "pe", "wu")
    surnames = sorted({"".join(rng.choice(syllables) for _ in range(3)).capitalize() for _ in range(people * 2)})
    persons = [(rng.choice(_GIVEN), surname) for surname in rng.sample(surnames, people)]
    sentences = []
    for n, ((given, variant), surname) in enumerate(persons):
        for i in range(mentions_each):
            name = variant if (n % 3 == 0 and i == mentions_each - 1) else given
            sentences.append(f"Le responsable {name} {surname} a pris la parole à la réunion numéro {i}.")
    rng.shuffle(sentences)
    return "\n\n".join(" ".join(sentences[j : j + 8]) for j in range(0, len(sentences), 8))


def test_grouping_cost_is_linear_in_the_article() -> None:
    small = _article(people=100, mentions_each=5)
    large = _article(people=1000, mentions_each=5)
    small_mentions = extract_mentions(_doc(small))
    large_mentions = extract_mentions(_doc(large))
    assert len(small_mentions) >= 500 and len(large_mentions) >= 5000
    small_cost = group_mentions(small_mentions).comparisons
    large_cost = group_mentions(large_mentions).comparisons
    assert small_cost > 0
    # Ten times the mentions (and ten times the people): about ten times the comparisons, not a hundred.
    assert large_cost <= 15 * small_cost
    # And far below comparing every pair of distinct names.
    assert large_cost < 1000 * 999 / 2 / 50


def test_variant_found_among_thousands_of_mentions() -> None:
    text = _article(people=1000, mentions_each=5)
    text += "\n\nLe ministre Abdullah Diop a parlé. Abdallah Diop a conclu, et Abdullah Diop est parti."
    assert "“Abdallah Diop” — elsewhere “Abdullah Diop”" in " ".join(_messages(text))


# --------------------------------------------------------------------------- house list (CON102)


def test_house_list_corrects_a_self_consistent_article() -> None:
    text = "Le colonel Assimi Goita a reçu le ministre. Assimi Goita a salué la visite. Goita a conclu."
    diags = _lint(text, select=("CON102",), canonical_names=("Assimi Goïta",))
    assert [d.message for d in diags] == ["“Assimi Goita” — house spelling “Assimi Goïta”"] * 2 + [
        "“Goita” — house spelling “Assimi Goïta”"
    ]
    fixed = api.fix(
        text, lang="fr", unsafe=True,
        config=Settings(select=("CON102",), style=StyleSettings(canonical_names=("Assimi Goïta",))),
    ).text
    assert fixed == "Le colonel Assimi Goïta a reçu le ministre. Assimi Goïta a salué la visite. Goïta a conclu."
    assert _lint(text, select=("CON102",)) == []  # no house list, nothing to compare with


def test_house_list_from_names_file(tmp_path: Path) -> None:
    (tmp_path / "names.txt").write_text("# house spellings\nSergueï Lavrov\nAssimi Goïta\n", encoding="utf-8")
    (tmp_path / "presslint.toml").write_text('select = ["CON102"]\n[style]\nnames-file = "names.txt"\n', encoding="utf-8")
    article = tmp_path / "story.txt"
    article.write_text("Sergei Lavrov est arrivé à Bamako, où l'attendait Assimi Goïta.\n", encoding="utf-8")
    diags = api.lint(article.read_text(encoding="utf-8"), lang="fr", config=tmp_path / "presslint.toml")
    assert [d.message for d in diags] == ["“Sergei Lavrov” — house spelling “Sergueï Lavrov”"]


def test_missing_names_file_is_reported_not_crashed(tmp_path: Path) -> None:
    (tmp_path / "presslint.toml").write_text('select = ["CON102"]\n[style]\nnames-file = "absent.txt"\n', encoding="utf-8")
    linter = api.Linter(api._resolve_settings(tmp_path / "presslint.toml"))
    result = linter.check("Assimi Goita a parlé.", lang="fr")
    assert result.diagnostics == []
    assert result.incomplete and "absent.txt" in result.incomplete[0]


def test_house_list_leaves_a_shared_surname_alone() -> None:
    text = "Clinton spoke in Iowa on Monday."
    assert _lint(text, "en", select=("CON102",), canonical_names=("Hillary Clinton", "Bill Klinton")) == []


# --------------------------------------------------------------------------- presslint names


def test_names_command_text_and_json() -> None:
    runner = CliRunner()
    result = runner.invoke(app, ["names", str(EXAMPLE)])
    assert result.exit_code == 0
    assert "Assimi Goïta  (2)  ! spelled two ways" in result.output
    assert "Abdallah Diop  (line 3)" in result.output
    result = runner.invoke(app, ["names", "--format", "json", str(EXAMPLE)])
    assert result.exit_code == 0
    data = json.loads(result.output)
    names = {n["name"]: n for n in data[0]["names"]}
    assert names["Sergueï Lavrov"]["variants"] == 1
    spellings = {s["spelling"]: s["count"] for s in names["Sergueï Lavrov"]["spellings"]}
    assert spellings == {"Sergueï Lavrov": 3, "Sergueï LAVROV": 1}
    assert names["Vladimir Poutine"]["variants"] == 0


def test_names_command_bad_input() -> None:
    runner = CliRunner()
    result = runner.invoke(app, ["names", "no-such-file.txt"])
    assert result.exit_code == 2
    result = runner.invoke(app, ["names", "--format", "xml", str(EXAMPLE)])
    assert result.exit_code == 2
