"""Scraping leftovers: formats, unsafe fixes, whole-paragraph removal, and the cost of the mojibake check."""

from __future__ import annotations

import sys

import pytest

from presslint import api
from presslint.checks import scraping
from presslint.config import Settings
from presslint.diagnostics import Applicability


def _diags(text: str, select: str, lang: str = "fr", fmt: str = "txt"):  # type: ignore[no-untyped-def]
    return api.lint(text, lang=lang, fmt=fmt, config=Settings(select=(select,)))


def _fix(text: str, select: str, lang: str = "fr", fmt: str = "txt", unsafe: bool = False) -> str:
    return api.fix(text, lang=lang, fmt=fmt, config=Settings(select=(select,)), unsafe=unsafe).text


# --------------------------------------------------------------------------- SCR101 entities


def test_entities_are_only_flagged_in_plain_text() -> None:
    assert [d.code for d in _diags("Le pr&eacute;sident &amp; son hôte.", "SCR101")] == ["SCR101", "SCR101"]
    assert _diags("Le pr&eacute;sident &amp; son hôte.", "SCR101", fmt="md") == []
    assert _diags("<p>Le pr&eacute;sident &amp; son hôte.</p>", "SCR101", fmt="html") == []


def test_double_escaped_entity_settles_in_two_passes() -> None:
    assert _fix("Procter &amp;amp; Gamble", "SCR101", "en") == "Procter & Gamble"


def test_entity_for_no_printable_character_has_no_fix() -> None:
    (diag,) = _diags("Le texte&#0; suivant.", "SCR101")
    assert diag.fix is None


# --------------------------------------------------------------------------- SCR102 mojibake


def test_certain_repairs_are_safe_and_guesses_unsafe() -> None:
    text = "Il fait 35 Â°C Ã  Bamako."
    by_text = {text[d.offset : d.end_offset]: d.fix.applicability for d in _diags(text, "SCR102") if d.fix}
    assert by_text == {"Â°": Applicability.SAFE, "Ã ": Applicability.UNSAFE}
    assert _fix(text, "SCR102") == "Il fait 35 °C Ã  Bamako."
    assert _fix(text, "SCR102", unsafe=True) == "Il fait 35 °C à Bamako."


def test_mojibake_in_markdown_is_repaired_in_the_source() -> None:
    text = "# Visite\n\nLe prÃ©sident a reÃ§u *Sergueï Lavrov*.\n"
    assert _fix(text, "SCR102", fmt="md") == "# Visite\n\nLe président a reçu *Sergueï Lavrov*.\n"


def test_clean_accented_text_never_loads_ftfy() -> None:
    sys.modules.pop("ftfy", None)
    _diags("Le président a reçu à Bamako, déjà… « Ça va », dit-il. Côte d’Ivoire.", "SCR102")
    assert "ftfy" not in sys.modules


def test_a_megabyte_of_text_repairs_only_the_suspect_paragraphs(monkeypatch: pytest.MonkeyPatch) -> None:
    """Only the stretches one search of the text finds suspect are handed to the (costly) repairer."""
    clean = "Le président de transition a reçu Sergueï Lavrov à Bamako, où « l’accord » a été signé… "
    paragraph = (clean * 8).strip()
    dirty = "Le prÃ©sident a reÃ§u son homologue Ã  Bamako, dit lâ€™agence."
    paragraphs = [paragraph] * 1450 + [dirty] * 10
    text = "\n\n".join(paragraphs)
    assert len(text) > 1_000_000
    repaired: list[str] = []
    real_repair = scraping._repair

    def counting_repair(piece: str) -> str:
        repaired.append(piece)
        return real_repair(piece)

    monkeypatch.setattr(scraping, "_repair", counting_repair)
    diags = _diags(text, "SCR102")
    assert len(diags) == 40
    assert repaired and all(piece in dirty for piece in repaired)
    assert len(repaired) <= 10 * 4  # at most one window per mojibake sequence of the ten dirty paragraphs


def test_a_paragraph_mis_decoded_throughout_is_one_finding_fixed_whole() -> None:
    good = "Le président a reçu la délégation du ministère de la sécurité et de la coopération à Bamako. " * 3
    bad = good.encode("utf-8").decode("cp1252")
    diags = _diags(bad, "SCR102")
    assert len(diags) == 1 and "throughout" in diags[0].message
    assert _fix(bad, "SCR102") == good


# --------------------------------------------------------------------------- SCR103 glued numbers


def test_glued_number_fixes_are_unsafe_and_depend_on_what_follows() -> None:
    text = "Ils combattront aux côtés des soldats.2235"
    (diag,) = _diags(text, "SCR103")
    assert diag.fix is not None and diag.fix.applicability is Applicability.UNSAFE
    assert _fix(text, "SCR103") == text
    assert _fix(text, "SCR103", unsafe=True) == "Ils combattront aux côtés des soldats."
    assert _fix("Ils sont arrivés.12 000 soldats suivront.", "SCR103", unsafe=True) == (
        "Ils sont arrivés. 12 000 soldats suivront."
    )
    assert _fix("The talks ended.3 «Next round» is due.", "SCR103", "en", unsafe=True) == (
        "The talks ended. «Next round» is due."
    )


def test_glued_number_ignores_addresses_abbreviations_and_initials() -> None:
    text = "Voir art.12, fig.3, chap.4 et https://exemple.fr/rapport.2023 ou contact@exemple.fr. J.-P.12 est absent."
    assert _diags(text, "SCR103") == []


# --------------------------------------------------------------------------- SCR104 boilerplate


def test_linked_headline_removal_is_unsafe() -> None:
    text = "Le ministre est arrivé lundi.\n\nLire aussi : Au Mali, la junte se rapproche de Moscou\n\nIl repart mardi."
    (diag,) = _diags(text, "SCR104")
    assert diag.fix is not None and diag.fix.applicability is Applicability.UNSAFE
    assert _fix(text, "SCR104") == text
    assert _fix(text, "SCR104", unsafe=True) == "Le ministre est arrivé lundi.\n\nIl repart mardi."


def test_boilerplate_variants_are_recognised() -> None:
    for line in ("LIRE AUSSI >> Le Mali et la Russie", "Partager sur Facebook | Partager sur Twitter",
                 "— Publicité —", "Abonnez-vous à notre lettre d’information", "Lire aussi"):
        assert [d.code for d in _diags(f"Le ministre est arrivé.\n{line}\nIl repart mardi.", "SCR104")] == [
            "SCR104"
        ], line


def test_long_or_sentence_like_lines_are_not_boilerplate() -> None:
    text = (
        "Lire aussi : le ministre a précisé. Il a ensuite quitté la salle sans répondre aux questions.\n"
        "Read more about the junta in our archive.\n"
        "Advertisement revenue fell sharply last year, the group said."
    )
    assert _diags(text, "SCR104") == []
    assert _diags(text.replace("Lire aussi", "Read more"), "SCR104", "en") == []


def test_removal_keeps_crlf_and_never_swallows_a_suppression_marker() -> None:
    crlf = "The minister arrived.\r\nAdvertisement\r\nShe left.\r\n"
    assert _fix(crlf, "SCR104", "en") == "The minister arrived.\r\nShe left.\r\n"
    marked = "The minister arrived.\n\nAdvertisement\n<!-- presslint-disable TYP201 -->\nShe left."
    fixed = _fix(marked, "SCR104", "en")
    assert "presslint-disable" in fixed and "Advertisement" not in fixed


def test_markdown_boilerplate_line_is_emptied_not_joined() -> None:
    text = "Le ministre est arrivé.\n\n**Publicité**\n\nIl repart mardi.\n"
    assert [d.code for d in _diags(text, "SCR104", fmt="md")] == ["SCR104"]
    assert _fix(text, "SCR104", fmt="md") == "Le ministre est arrivé.\n\n****\n\nIl repart mardi.\n"
