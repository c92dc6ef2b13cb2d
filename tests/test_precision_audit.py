"""Precision traps found in published copy: each test holds one convention that must not draw a flag,
next to the error that must still be caught."""

from __future__ import annotations

import pytest

from presslint import api
from presslint.config import Settings
from presslint.document import is_continuation_mark
from tests.helpers import make_doc, quoted

NB = "\u00a0"


def flagged(text: str, lang: str, select: str) -> list[tuple[str, str]]:
    diags = api.lint(text, lang=lang, config=Settings(select=(select,)))
    return [(d.code, text[d.offset : d.end_offset]) for d in diags]


# --------------------------------------------------------------------------- PUN104: French continuation »

CONTINUED = (
    "« La situation s’est dégradée plus vite que prévu.\n\n"
    "» Nous avons besoin d’un accès sans condition.\n\n"
    "» L’aide ne peut plus attendre », a déclaré le coordonnateur."
)


@pytest.mark.parametrize("space", [" ", NB, "\u202f", ""])
def test_continuation_guillemet_at_paragraph_start_is_balanced(space: str) -> None:
    text = CONTINUED.replace("« ", "«" + space).replace("» ", "»" + space).replace(" »", space + "»")
    assert flagged(text, "fr", "PUN104") == []


def test_balance_and_quotation_finder_agree_on_continuation() -> None:
    doc = make_doc(CONTINUED, "fr")
    assert len(doc.quotations) == 1 and doc.quotations[0].end > CONTINUED.index("attendre")
    second = doc.blocks[1]
    assert is_continuation_mark(doc.text, second.start, second)
    assert not is_continuation_mark(doc.text, CONTINUED.index("»", second.start + 1), second)


def test_continuation_with_a_nested_quotation_and_a_paragraph_without_marks() -> None:
    text = (
        "« Nous avons parlé d’un « tournant ».\n\n"
        "» Il faudra du temps.\n\n"
        "» Beaucoup de temps », a-t-il ajouté.\n\n"
        "La séance a été levée à 18 h."
    )
    assert flagged(text, "fr", "PUN104") == []


def test_continuation_mark_without_an_open_quotation_is_flagged() -> None:
    text = "Le ministre a quitté la salle.\n\n» Nous continuerons », a-t-il assuré."
    assert [c for c, _ in flagged(text, "fr", "PUN104")] == ["PUN104", "PUN104"]


def test_continued_quotation_that_never_closes_flags_its_opening_mark() -> None:
    text = "« Nous avons tout essayé.\n\n» Nous continuerons demain.\n\nLa séance a été levée."
    assert flagged(text, "fr", "PUN104") == [("PUN104", "«")]


def test_reopening_convention_still_balanced() -> None:
    text = "« Première partie.\n« Deuxième partie.\n« Fin », a-t-il dit.\n\nLe vote aura lieu mardi."
    assert flagged(text, "fr", "PUN104") == []
    assert quoted(text)[0].startswith("« Première")


def test_english_straight_quote_reopening_convention() -> None:
    text = (
        'Jackson wrote: "I believe that this dispute should receive closure.\n\n'
        '"I am writing to suggest that the committee reopen its inquiry."'
    )
    assert flagged(text, "en", "PUN104") == []


# --------------------------------------------------------------------------- VOI101: interview layouts


def test_interview_with_dotted_labels_is_speech() -> None:
    text = (
        "Interview du ministre sur LCI, le 2 janvier, sur l’interdiction de fumer dans les lieux publics.\n"
        "Q.- Faut-il une répression inflexible dès le premier jour ?\n"
        "R.- Je crois que l’interdiction était nécessaire. Nous avons laissé un an aux professionnels.\n"
        "Q.- Vous craignez l’impopularité ?\n"
        "R.- Non, je ne crois pas."
    )
    assert flagged(text, "fr", "VOI101") == []


def test_a_subhead_in_capitals_does_not_make_a_transcript() -> None:
    text = (
        "Le préfet a annoncé lundi la fermeture des écoles de la commune jusqu’à nouvel ordre.\n\n"
        "PRESSION INTERNATIONALE\n\n"
        "Les autorités ont reçu plusieurs délégations étrangères mardi et mercredi à la préfecture.\n\n"
        "NOUVELLES MESURES\n\n"
        "Nous ne prendrons aucun risque avec la sécurité des enfants, selon le communiqué."
    )
    assert [c for c, _ in flagged(text, "fr", "VOI101")] == ["VOI101"]


# --------------------------------------------------------------------------- CON103, EDT107/108, segmenter


def test_pair_inside_a_longer_name_is_not_a_capitalisation_variant() -> None:
    text = (
        "The International Religious Freedom (IRF) report is out. Religious freedom is a core value, "
        "the department said. A White house spokesperson declined to comment on the White House plan."
    )
    assert flagged(text, "en", "CON103") == [("CON103", "White house")]


@pytest.mark.parametrize(
    "credit",
    ["© AFP PHOTO / UNKNOWN SOURCE", "Photo: AP/Michael Dwyer", "Photo : Reuters/Amit Dave"],
)
def test_caption_ending_on_its_credit_is_not_cut_off(credit: str) -> None:
    text = (
        "Des proches des victimes attendent devant l’hôpital civil de Morbi, lundi matin, au lendemain de "
        f"la catastrophe qui a fait au moins quarante morts. {credit}\n\n"
        "Le Premier ministre a annoncé une enquête."
    )
    assert flagged(text, "fr", "EDT107") == []
    assert flagged(text.split("\n\n")[1] + "\n\n" + text.split("\n\n")[0], "fr", "EDT108") == []


def test_cut_off_caption_is_still_flagged() -> None:
    text = (
        "Des proches des victimes attendent devant l’hôpital civil de Morbi, lundi matin, au lendemain de "
        "la catastrophe qui a fait au moins quarante morts et des dizaines de\n\n"
        "Le Premier ministre a annoncé une enquête."
    )
    assert [c for c, _ in flagged(text, "fr", "EDT107")] == ["EDT107"]


def test_per_cent_with_a_full_stop() -> None:
    text = (
        "The fee will rise by 3 per cent. in each of the next two years, and by up to 2 per cent., "
        "depending on a review. It rose 12 per cent. The board met on Monday."
    )
    assert flagged(text, "en", "EDT103") == []
    assert flagged(text, "en", "PUN102") == []
    doc = make_doc(text, "en")
    assert [text[s.start : s.end][:6] for s in doc.sentences] == ["The fe", "It ros", "The bo"]
