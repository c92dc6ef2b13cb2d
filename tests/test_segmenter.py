"""The sentence segmenter on tricky news sentences."""

from __future__ import annotations

import pytest

from helpers import make_doc, sentences


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("M. Diop est arrivé à 16 h 30. Il a rencontré Mme Traoré.", "fr",
         ["M. Diop est arrivé à 16 h 30.", "Il a rencontré Mme Traoré."]),
        ("The U.S. envoy met Dr. Smith at 4 p.m. on Monday. They talked.", "en",
         ["The U.S. envoy met Dr. Smith at 4 p.m. on Monday.", "They talked."]),
        ("J.-P. Sartre a écrit. George W. Bush a répondu.", "fr",
         ["J.-P. Sartre a écrit.", "George W. Bush a répondu."]),
        ("Le taux est de 3.5 %. Il baisse... Puis remonte.", "fr",
         ["Le taux est de 3.5 %.", "Il baisse...", "Puis remonte."]),
        ("« Quoi ? » a-t-il demandé. Personne ne répondit.", "fr",
         ["« Quoi ? » a-t-il demandé.", "Personne ne répondit."]),
        ("He said “It is over.” Then he left.", "en", ["He said “It is over.”", "Then he left."]),
        ("Voir p. 12 et suivantes. Fin.", "fr", ["Voir p. 12 et suivantes.", "Fin."]),
        ("Ils ont parlé de sécurité, d’économie, etc. Rien n’a filtré.", "fr",
         ["Ils ont parlé de sécurité, d’économie, etc.", "Rien n’a filtré."]),
        ("The meeting ended at 4 p.m. The minister left.", "en",
         ["The meeting ended at 4 p.m.", "The minister left."]),
        ("Who won? Nobody knows! Not yet.", "en", ["Who won?", "Nobody knows!", "Not yet."]),
        ("Il y avait… comment dire… un malaise.", "fr", ["Il y avait… comment dire… un malaise."]),
        ("Version 3.11.2 est sortie. Bravo.", "fr", ["Version 3.11.2 est sortie.", "Bravo."]),
    ],
)
def test_sentences(text: str, lang: str, expected: list[str]) -> None:
    assert sentences(text, lang) == expected


def test_full_stop_before_lower_case_ends_a_sentence() -> None:
    # A fragment such as “Maliens. soldats.” must be visible to the rules as its own sentence.
    assert sentences("Ils combattent aux côtés des Maliens. soldats.", "fr") == [
        "Ils combattent aux côtés des Maliens.",
        "soldats.",
    ]


def test_sentences_stay_inside_paragraphs() -> None:
    doc = make_doc("Titre sans point\nPremier paragraphe. Suite.\nSecond paragraphe.", "fr")
    assert [doc.text[s.start : s.end] for s in doc.sentences] == [
        "Titre sans point",
        "Premier paragraphe.",
        "Suite.",
        "Second paragraphe.",
    ]


def test_language_detection() -> None:
    assert make_doc("Le ministre est arrivé à Bamako avec une délégation pour une visite.").lang == "fr"
    assert make_doc("The minister arrived in Bamako with a delegation for a visit on Monday.").lang == "en"


def test_plain_text_blocks_headings_and_list_items() -> None:
    text = "Les points clés\n- la sécurité\n- l’économie\nLe ministre a conclu. Fin.\ncoupé au milieu d’une phrase\net la suite."
    doc = make_doc(text, "fr")
    kinds = [(doc.text[b.start : b.end], b.kind.value) for b in doc.blocks]
    assert kinds == [
        ("Les points clés", "heading"),
        ("- la sécurité", "list_item"),
        ("- l’économie", "list_item"),
        ("Le ministre a conclu. Fin.", "paragraph"),
        ("coupé au milieu d’une phrase", "paragraph"),
        ("et la suite.", "paragraph"),
    ]
