"""VOI101: first-person sentences outside quotations, and the voice of the whole article."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import make_doc

from presslint import api
from presslint.checks.voice import analyse_voice
from presslint.config import Settings, StyleSettings
from presslint.diagnostics import Diagnostic

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "bamako-fr.txt"


def voi(text: str, lang: str, voice: str = "auto", fmt: str = "txt") -> list[Diagnostic]:
    settings = Settings(select=("VOI",), style=StyleSettings(voice=voice))
    return api.lint(text, lang=lang, config=settings, fmt=fmt)


def flagged(text: str, lang: str, voice: str = "auto", fmt: str = "txt") -> list[str]:
    return [text[d.offset : d.end_offset] for d in voi(text, lang, voice, fmt)]


# --------------------------------------------------------------------------- the example article


def test_bamako_press_release_slips_are_flagged_and_quotations_are_not() -> None:
    text = EXAMPLE.read_text(encoding="utf-8")
    diags = voi(text, "fr")
    assert [text[d.offset : d.end_offset] for d in diags] == ["j’", "nous"]
    assert diags[0].offset == text.index("j’ai été accueilli")
    assert diags[1].offset == text.index("nous soutenons")
    doc = make_doc(text, "fr")  # quotation spans are in prose offsets
    assert doc.in_quotation(doc.text.index("le premier du genre"))
    assert doc.in_quotation(doc.text.index("matérialise la volonté ferme"))
    assert not doc.in_quotation(doc.text.index("j’ai été accueilli"))
    assert not doc.in_quotation(doc.text.index("nous soutenons"))


def test_message_names_the_pronoun_and_suggests_the_remedy() -> None:
    (diag,) = voi("Le ministre est arrivé lundi. En descendant de l’avion, j’ai été accueilli.", "fr")
    assert diag.code == "VOI101"
    assert "`j’`" in diag.message
    assert "quotation marks" in diag.message and "third person" in diag.message
    assert diag.extra["pronouns"] == ["j’"]


def test_one_diagnostic_per_sentence_naming_every_pronoun() -> None:
    text = "Le préfet est arrivé. Nous avons décidé que nos écoles resteraient fermées, selon lui."
    (diag,) = voi(text, "fr")
    assert text[diag.offset : diag.end_offset] == "Nous"
    assert "`Nous`, `nos`" in diag.message


def test_straight_apostrophe_elision_is_found() -> None:
    assert flagged("Le ministre est arrivé. En descendant de l'avion, j'ai été accueilli.", "fr") == ["j'"]


# --------------------------------------------------------------------------- article voice


FRENCH_COLUMN = """Je suis arrivé à Bamako un lundi soir de juin, par le dernier vol d’Air Sénégal.

J’ai d’abord cru que la ville dormait. Il n’en était rien : la circulation restait dense et les maquis débordaient.

Ma première visite au grand marché m’a convaincu que les sanctions n’avaient pas tout emporté. Les commerçants parlaient de la Russie sans passion.

Nous étions une dizaine de journalistes étrangers dans l’hôtel. Le soir, le courant a sauté deux fois.

Je repars avec une certitude : ce pays ne ressemble à aucun autre.
"""

ENGLISH_COLUMN = """I have covered budget fights in Washington for twenty years, and this one felt different.

My first clue came on Tuesday, when a senator I have known since 2004 refused to return my calls.

By Thursday the mood had soured. We in the press gallery watched the clock and the vote count.

I still think a deal was always likely. But the way it was reached should worry all of us.
"""


def test_first_person_column_draws_nothing_in_auto() -> None:
    assert flagged(FRENCH_COLUMN, "fr") == []
    assert flagged(ENGLISH_COLUMN, "en") == []
    assert analyse_voice(make_doc(FRENCH_COLUMN, "fr")).is_first_person()


def test_voice_third_flags_every_first_person_sentence_of_a_column() -> None:
    assert flagged(FRENCH_COLUMN, "fr", voice="third") == ["Je", "J’", "Ma", "Nous", "Je"]
    assert flagged(ENGLISH_COLUMN, "en", voice="third") == ["I", "My", "We", "I", "us"]


def test_voice_first_turns_the_rule_off() -> None:
    assert flagged(EXAMPLE.read_text(encoding="utf-8"), "fr", voice="first") == []


def test_voice_setting_is_read_from_configuration() -> None:
    config = {"select": ["VOI"], "style": {"voice": "third"}}
    assert len(api.lint(FRENCH_COLUMN, lang="fr", config=config)) == 5


def test_pasted_press_release_in_one_paragraph_is_still_flagged() -> None:
    text = """Le groupe Sahel Mines a annoncé mardi la réouverture de son site de Kéniéba, fermé depuis mars.

La production doit reprendre progressivement au cours du trimestre, selon un communiqué publié à Bamako.

Nous sommes fiers de ce redémarrage. Notre engagement envers les communautés locales reste entier. Nous remercions nos partenaires.

Les syndicats ont salué la reprise mais réclament des garanties sur les salaires. Une réunion est prévue jeudi avec le gouverneur.

Le cours de l’or a progressé de 2 % sur la semaine. Les autorités attendent des recettes fiscales en hausse.
"""
    assert flagged(text, "fr") == ["Nous", "Notre", "Nous"]
    assert not analyse_voice(make_doc(text, "fr")).is_first_person()


def test_two_slips_are_never_enough_to_make_an_article_first_person() -> None:
    text = "Le ministre est arrivé. J’ai été accueilli par le préfet. Nous soutenons la coopération."
    assert flagged(text, "fr") == ["J’", "Nous"]


# --------------------------------------------------------------------------- interviews and quotations


def test_question_and_answer_interview_is_speech() -> None:
    text = """Le ministre malien des Affaires étrangères, Abdoulaye Diop, a reçu notre rédaction à Bamako.

Q : Pourquoi avoir choisi la Russie ?

R : Nous n’avons pas choisi contre quelqu’un. Mon pays cherche des partenaires fiables.

Je l’ai dit à nos amis européens : la porte reste ouverte.

Q : Et la sécurité ?

R : Nous avons reconquis des territoires. Je ne dirai pas plus.
"""
    assert flagged(text, "fr", voice="third") == []


def test_english_q_and_a_and_dialogue_dashes_are_speech() -> None:
    qa = """The minister spoke to reporters after the vote.

Q: Will you resign?

A: No. I have the confidence of my party, and we will win the next election.
"""
    dialogue = """Le juge a interrogé le prévenu.

— Reconnaissez-vous les faits ?

— Je n’ai rien fait, nous étions chez ma mère.

- Je le répète, je suis innocent.
"""
    assert flagged(qa, "en", voice="third") == []
    assert flagged(dialogue, "fr", voice="third") == []


def test_long_multi_paragraph_quotations_are_left_alone() -> None:
    text = """Le ministre russe a défendu le partenariat : « Nous sommes venus écouter nos amis maliens. Nous ne donnons de leçons à personne.

» Notre pays a toujours respecté ses partenaires, et nous continuerons. Ma présence en témoigne. »

« Je remercie le peuple russe. Nous avons besoin d’équipements.

« Mon gouvernement ne reviendra pas sur ses choix », a répondu son homologue.

Après la conférence, nous avons visité le camp militaire de Kati.
"""
    assert flagged(text, "fr", voice="third") == ["nous"]


def test_english_multi_paragraph_and_single_quotes() -> None:
    text = """Schumer said the deal showed that “bipartisanship still works.

“We have kept the government open, and I am proud of that,” he told reporters.

Collins said: ‘We did our job. Now the House has to do its job.’

The vote came late, and we stayed until midnight.
"""
    assert flagged(text, "en", voice="third") == ["we"]


def test_blockquote_and_markdown_italics_are_not_voice() -> None:
    text = """Le film a été présenté mercredi à Cannes.

*Nous, les dieux* sort en salles le 12 juin, comme *Ma vie de courgette* en son temps.

> Nous avons tourné en six semaines, avec mes amis.

Le réalisateur a précisé : nous reviendrons.
"""
    assert flagged(text, "fr", voice="third", fmt="md") == ["nous"]


# --------------------------------------------------------------------------- English traps


def test_english_copy_with_us_roman_numerals_and_quoted_speech() -> None:
    text = """US troops and U.S. allies fought in World War I. Elizabeth I ruled England, and Louis XIV ruled France.

Phase I trials of the vaccine begin in June, and Type I diabetes patients may enrol. I-95 was closed.

“I will not resign, and we will win,” the senator said. He told us the vote was close, our correspondent reports.

Alibaba founder Jack Ma backed the #MeToo campaign. The Me Too movement and MI6 were mentioned. Visit example.us.

Miners were trapped in the coal mine. WE WILL FIGHT, SAYS US GENERAL.
"""
    assert flagged(text, "en", voice="third") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The minister arrived. Yesterday I met the delegation.", ["I"]),
        ("The minister arrived. On Monday I will leave, he said.", ["I"]),
        ("The senator left early. I’m not voting for this, he said.", ["I"]),
        ("The senator left early. We’re not voting for this, he said.", ["We"]),
        ("The owner refused to sell. The decision is mine, he said.", ["mine"]),
        ("The talks stalled, and the minister said: We will not sign.", ["We"]),
        ("The company said revenue rose. Our customers trust us, it said.", ["Our"]),
    ],
)
def test_english_slips_are_flagged(text: str, expected: list[str]) -> None:
    assert flagged(text, "en") == expected


@pytest.mark.parametrize(
    "text",
    [
        "Mary I. Smith chaired the hearing.",
        "I. Introduction",
        "Queen Elizabeth I and Pope John Paul I are buried in Europe.",
        "The letter I was missing from the sign.",
        "My Fair Lady opened on Broadway. Our Lady of Guadalupe was packed.",
        "World War I's last veteran died in 2012.",
        "The me generation grew up. Land mine clearance continues.",
    ],
)
def test_english_non_pronouns(text: str) -> None:
    assert flagged(text, "en", voice="third") == []


# --------------------------------------------------------------------------- French traps


@pytest.mark.parametrize(
    "text",
    [
        "Me Dupont, l’avocat de la famille, a plaidé la relaxe.",
        "Me Dupont a plaidé. Mes Martin et Durand défendent les parties civiles.",
        "Le milliardaire Jack Ma a quitté la Chine. Ma Long a gagné l’or.",
        "Le MES a prêté 10 milliards d’euros à la Grèce.",
        "La cathédrale Notre-Dame rouvrira en décembre. Notre Dame a battu Navy.",
        "Le slogan Je suis Charlie a fait le tour du monde.",
        "Selon nos informations, le maire nous a confié son inquiétude, a-t-il précisé à notre correspondant.",
        "Interrogé par nos soins, il nous a expliqué que rien n’était signé.",
        "Le film Nous, les dieux sort mercredi.",
        "M comme « me », a-t-il expliqué en riant.",
        "Le psychanalyste a parlé du moi profond des patients.",
        "« Nous nous sommes battus jusqu’au bout », a estimé l’entraîneur.",
        "Le site www.nous-sommes.fr et le compte @nousvoila ont fermé.",
    ],
)
def test_french_non_pronouns(text: str) -> None:
    assert flagged(text, "fr", voice="third") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Le préfet a fermé les écoles. Il a déclaré : Nous ne prendrons aucun risque.", ["Nous"]),
        ("Il a tiré sur moi, a raconté la victime devant le tribunal.", ["moi"]),
        ("Le maire a été clair. Ma priorité reste la sécurité, a-t-il dit.", ["Ma"]),
        ("Le PDG s’est exprimé. Notre groupe investira 2 milliards, selon lui.", ["Notre"]),
        ("Il a confirmé que nous nous retirerons du traité.", ["nous"]),
    ],
)
def test_french_slips_are_flagged(text: str, expected: list[str]) -> None:
    assert flagged(text, "fr") == expected


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_clean_corpus_voice_files_are_clean_even_in_strict_third_person(lang: str) -> None:
    path = Path(__file__).parent / "corpus" / "clean" / lang / "voice-quotations.txt"
    text = path.read_text(encoding="utf-8")
    assert flagged(text, lang, voice="third") == []
    # The quotations are what keeps them clean: unquote them and the first person shows.
    marks = "“”‘’" if lang == "en" else "«»"
    bare = text.translate({ord(c): None for c in marks})
    assert len(flagged(bare, lang, voice="third")) >= 3
