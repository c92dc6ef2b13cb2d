"""The fix loop and the file round trip: conflicts, passes, rule order, idempotence, encodings, atomic writes."""

from __future__ import annotations

import codecs
import os
import random
import stat
from pathlib import Path

import pytest
from fixrules import CONFLICTING, CYCLING, NOOP, settings_for, write_rules

from presslint import api
from presslint.api import Linter
from presslint.config import Settings
from presslint.diagnostics import Applicability, Diagnostic, Edit, Fix, Severity
from presslint.fixer import apply_edits, conflicts, native_line_breaks, non_conflicting
from presslint.sourcefile import (
    ChangedOnDisk,
    InputError,
    WriteError,
    decode_bytes,
    read_source,
    write_source,
)


def _diag(code: str, *edits: tuple[int, int, str], applicability: Applicability = Applicability.SAFE) -> Diagnostic:
    fix = Fix(tuple(Edit(*e) for e in edits), applicability)
    start = min(e[0] for e in edits)
    return Diagnostic("<t>", code, code.lower(), Severity.WARNING, "m", start, start, 1, 1, 1, 1, fix)


@pytest.fixture()
def conflicting(tmp_path: Path) -> Path:
    return write_rules(tmp_path / "conflicting", CONFLICTING)


# --------------------------------------------------------------------------- edits and conflicts


def test_apply_edits_in_any_order() -> None:
    text = "Il est arrivé lundi.. Puis;; rien."
    edits = [Edit(26, 28, ";"), Edit(19, 21, ".")]
    assert apply_edits(text, edits) == "Il est arrivé lundi. Puis; rien."
    assert apply_edits(text, list(reversed(edits))) == "Il est arrivé lundi. Puis; rien."


def test_apply_edits_refuses_overlap_and_out_of_range() -> None:
    with pytest.raises(ValueError, match="overlapping"):
        apply_edits("abcdef", [Edit(1, 3, "x"), Edit(2, 4, "y")])
    with pytest.raises(ValueError, match="outside"):
        apply_edits("abc", [Edit(2, 5, "x")])


def test_touching_and_overlapping_edits_conflict_disjoint_do_not() -> None:
    assert conflicts([Edit(0, 2, "")], [Edit(1, 3, "")])
    assert conflicts([Edit(0, 2, "")], [Edit(2, 3, "")])  # touching
    assert conflicts([Edit(2, 2, "x")], [Edit(2, 2, "y")])  # two insertions at one place
    assert not conflicts([Edit(0, 2, "")], [Edit(3, 4, "")])


def test_non_conflicting_keeps_first_by_position_whatever_the_input_order() -> None:
    a = _diag("ZZZ101", (5, 7, ","))
    b = _diag("AAA101", (6, 7, ", "))
    c = _diag("MMM101", (10, 11, ""))
    d = _diag("BBB101", (10, 11, ""))  # same repair as c, another rule
    for order in ([a, b, c, d], [d, c, b, a], [b, d, a, c]):
        chosen = non_conflicting(order)
        assert [x.code for x in chosen] == ["ZZZ101", "BBB101"]


def test_a_fix_whose_own_edits_overlap_is_never_applied() -> None:
    bad = _diag("XXX101", (0, 3, "a"), (2, 4, "b"))
    good = _diag("YYY101", (6, 7, ""))
    assert non_conflicting([bad, good]) == [good]


# --------------------------------------------------------------------------- the loop on real rule files


def test_overlapping_fixes_are_applied_over_two_passes(conflicting: Path) -> None:
    linter = Linter(settings_for(conflicting))
    outcome, after = linter.fix("Paris ,Lyon et Lille", lang="fr")
    assert outcome.text == "Paris, Lyon et Lille"
    assert [d.code for d in outcome.fixed] == ["TST101", "TST102"]
    assert outcome.passes == 2 and outcome.converged
    assert after.diagnostics == []


def test_touching_fixes_are_not_applied_together(conflicting: Path) -> None:
    linter = Linter(settings_for(conflicting))
    outcome, _ = linter.fix("Les prix ont monté de 12 %depuis janvier.", lang="fr")
    assert outcome.text == "Les prix ont monté de 12% depuis janvier."
    assert [len(p.applied) for p in outcome.history] == [1, 1]


def test_the_same_fix_from_two_rules_is_applied_once(conflicting: Path) -> None:
    result = api.fix("Quelle victoire!! Le public exulte.", config=settings_for(conflicting), lang="fr")
    assert result.text == "Quelle victoire! Le public exulte."
    assert [d.code for d in result.fixed] == ["TST105"]


def test_unsafe_fixes_need_unsafe(conflicting: Path) -> None:
    settings = settings_for(conflicting)
    text = "It was a very unique case."
    assert api.fix(text, config=settings, lang="en").text == text
    assert [d.code for d in api.fix(text, config=settings, lang="en").remaining] == ["TST107"]
    assert api.fix(text, config=settings, lang="en", unsafe=True).text == "It was a unique case."


def test_unfixable_diagnostics_remain_reported(conflicting: Path) -> None:
    result = api.fix("Bilan : XXX morts ,selon la police.", config=settings_for(conflicting), lang="fr")
    assert result.text == "Bilan : XXX morts, selon la police."
    assert [d.code for d in result.remaining] == ["TST109"]


def test_rules_that_undo_each_other_stop_and_say_so(tmp_path: Path) -> None:
    folder = write_rules(tmp_path / "cycling", CYCLING)
    linter = Linter(settings_for(folder))
    outcome, _ = linter.fix("The foo was here.", lang="en")
    assert outcome.cycled and not outcome.converged
    assert outcome.passes <= 2


def test_pass_bound_is_reported(conflicting: Path) -> None:
    settings = settings_for(conflicting).with_overrides(max_fix_passes=1)
    outcome, after = Linter(settings).fix("Paris ,Lyon et Lille", lang="fr")
    assert outcome.passes == 1 and not outcome.converged
    assert outcome.text == "Paris,Lyon et Lille"
    assert [d.code for d in after.diagnostics] == ["TST102"]


def test_a_noop_fix_does_not_block_a_real_one(tmp_path: Path) -> None:
    folder = write_rules(tmp_path / "noop", NOOP)
    result = api.fix("Le Mali.. Puis le Niger.", config=settings_for(folder), lang="fr")
    assert result.text == "Le Mali. Puis le Niger."


def test_result_does_not_depend_on_rule_order(conflicting: Path) -> None:
    texts = [
        "Paris ,Lyon et Lille!! Les prix ont monté de 12 %depuis janvier.. Ensuite ,Bamako.",
        "Deux points : - un ,deux!! Fin.",
        "Le ministre est arrivé lundi.. Il repart ,dit-on, mardi,, puis 3 %ailleurs!!",
    ]
    settings = settings_for(conflicting, builtin=True)
    reference = Linter(settings)
    expected = [reference.fix(t, lang="fr")[0].text for t in texts]
    assert expected[0] != texts[0]
    for seed in range(8):
        linter = Linter(settings)
        random.Random(seed).shuffle(linter.rules)
        assert [linter.fix(t, lang="fr")[0].text for t in texts] == expected


def test_fixing_twice_equals_fixing_once(conflicting: Path) -> None:
    settings = settings_for(conflicting, builtin=True)
    for text in ("Paris ,Lyon!! 12 %de plus.. Non ,merci.", "Deux points : - un ,deux"):
        once = api.fix(text, config=settings, lang="fr")
        twice = api.fix(once.text, config=settings, lang="fr")
        assert twice.text == once.text and twice.fixed == ()


def test_every_pass_applies_only_what_linting_that_text_reported(conflicting: Path) -> None:
    linter = Linter(settings_for(conflicting))
    outcome, _ = linter.fix("Paris ,Lyon et Lille!! Hausse de 12 %depuis.", lang="fr")
    for step in outcome.history:
        reported = {(d.code, d.fix.edits) for d in linter.check(step.text, lang="fr").diagnostics if d.fix}
        assert {(d.code, d.fix.edits) for d in step.applied if d.fix} <= reported


# --------------------------------------------------------------------------- line breaks inserted by a fix


@pytest.mark.parametrize(
    ("text", "fixed"),
    [
        ("Ordre du jour : - la sécurité\r\nFin.\r\n", "Ordre du jour :\r\n - la sécurité\r\nFin.\r\n"),
        ("Ordre du jour : - la sécurité\nFin.\n", "Ordre du jour :\n - la sécurité\nFin.\n"),
        ("Intro.\nOrdre du jour : - la sécurité\r\nFin.", "Intro.\nOrdre du jour :\n - la sécurité\r\nFin."),
    ],
)
def test_inserted_line_breaks_follow_the_file(conflicting: Path, text: str, fixed: str) -> None:
    assert api.fix(text, config=settings_for(conflicting), lang="fr").text == fixed


def test_native_line_breaks_leaves_lf_files_alone() -> None:
    d = _diag("X", (3, 3, "\n"))
    assert native_line_breaks("abc def", d) is d
    assert native_line_breaks("a\r\nbc def", d).fix == Fix((Edit(3, 3, "\r\n"),))


# --------------------------------------------------------------------------- reading and writing files


@pytest.mark.parametrize(
    ("bom", "encoding"),
    [
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
        (b"", "utf-8"),
    ],
)
def test_write_keeps_encoding_bom_line_endings_and_mode(tmp_path: Path, bom: bytes, encoding: str) -> None:
    path = tmp_path / "article.txt"
    text = "Sergueï Lavrov est arrivé lundi..\r\nIl repart « mardi ».\nFin sans saut"
    path.write_bytes(bom + text.encode(encoding))
    path.chmod(0o640)
    src = read_source(path)
    assert (src.encoding, src.bom, src.text) == (encoding, bom, text)
    write_source(src, text.replace("lundi..", "lundi."))
    assert path.read_bytes() == bom + text.replace("lundi..", "lundi.").encode(encoding)
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["article.txt"]


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_is_read_and_written_back(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes("Le ministre malien, Abdoulaye Diop,, a reçu son homologue.\r\n".encode(encoding))
    src = read_source(path)
    assert src.encoding == encoding and src.bom == b"" and src.detected
    write_source(src, src.text.replace(",,", ","))
    assert path.read_bytes() == "Le ministre malien, Abdoulaye Diop, a reçu son homologue.\r\n".encode(encoding)


def test_binary_data_is_still_refused() -> None:
    with pytest.raises(InputError, match="binary"):
        decode_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x01", "image.txt")


def test_legacy_encoding_round_trip_and_unencodable_fix(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    original = (Path(__file__).resolve().parents[1] / "examples" / "bamako-fr.txt").read_text(encoding="utf-8")
    original = original[:1000].replace("’", "'").replace("«", '"').replace("»", '"')
    path.write_bytes(original.encode("cp1252"))
    src = read_source(path)
    assert src.detected and src.lossless and src.text == original
    write_source(src, original.replace("bénéfique..", "bénéfique."))
    assert path.read_bytes() == original.replace("bénéfique..", "bénéfique.").encode("cp1252")
    src = read_source(path)
    assert not src.can_encode("\u202f")
    with pytest.raises(WriteError, match="cannot be written"):
        write_source(src, original.replace("bénéfique.", "bénéfique\u202f…"))
    assert path.read_bytes() == original.replace("bénéfique..", "bénéfique.").encode("cp1252")


def test_read_only_file_is_refused_even_for_the_superuser(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("Il est arrivé lundi.. Fin.", encoding="utf-8")
    path.chmod(0o444)
    src = read_source(path)
    with pytest.raises(WriteError, match="read-only"):
        write_source(src, "Il est arrivé lundi. Fin.")
    assert path.read_text(encoding="utf-8") == "Il est arrivé lundi.. Fin."
    assert [p.name for p in tmp_path.iterdir()] == ["a.txt"]


def test_a_file_changed_after_reading_is_not_overwritten(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("Il est arrivé lundi.. Fin.", encoding="utf-8")
    src = read_source(path)
    path.write_text("Il est arrivé lundi.. Fin. Une phrase ajoutée par un confrère.", encoding="utf-8")
    with pytest.raises(ChangedOnDisk, match="changed on disk"):
        write_source(src, "Il est arrivé lundi. Fin.")
    assert path.read_text(encoding="utf-8").endswith("ajoutée par un confrère.")
    assert [p.name for p in tmp_path.iterdir()] == ["a.txt"]


def test_a_symbolic_link_stays_a_link(tmp_path: Path) -> None:
    real = tmp_path / "real" / "a.txt"
    real.parent.mkdir()
    real.write_text("Il est arrivé lundi.. Fin.", encoding="utf-8")
    link = tmp_path / "link.txt"
    link.symlink_to(real)
    write_source(read_source(link), "Il est arrivé lundi. Fin.")
    assert link.is_symlink()
    assert real.read_text(encoding="utf-8") == "Il est arrivé lundi. Fin."


def test_failed_write_leaves_no_temporary_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "a.txt"
    path.write_text("Il est arrivé lundi.. Fin.", encoding="utf-8")
    src = read_source(path)

    def boom(*args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(WriteError, match="No space left on device"):  # one line for the report, not a crash
        write_source(src, "Il est arrivé lundi. Fin.")
    assert [p.name for p in tmp_path.iterdir()] == ["a.txt"]
    assert path.read_text(encoding="utf-8") == "Il est arrivé lundi.. Fin."


def test_file_fix_through_the_api_keeps_bytes_outside_the_fix(tmp_path: Path, conflicting: Path) -> None:
    path = tmp_path / "a.txt"
    text = "Titre\r\n\r\nParis ,Lyon et Lille.\nXXX reste.\r\n"
    path.write_bytes(codecs.BOM_UTF8 + text.encode("utf-8"))
    report = api.check_file(path, settings_for(conflicting), api.FileOptions(fix=True, lang="fr"))
    assert report.error is None and report.fixed == 2
    assert path.read_bytes() == codecs.BOM_UTF8 + text.replace(" ,Lyon", ", Lyon").encode("utf-8")
    assert [d.code for d in report.diagnostics] == ["TST109"]


def test_default_settings_fix_the_example_article_idempotently() -> None:
    article = (Path(__file__).resolve().parents[1] / "examples" / "bamako-fr.txt").read_text(encoding="utf-8")
    once = api.fix(article, config=Settings())
    assert once.converged
    assert api.fix(once.text, config=Settings()).text == once.text
