"""``presslint check --fix / --unsafe-fixes / --diff`` end to end, as a copy editor runs them."""

from __future__ import annotations

import codecs
import os
import subprocess
import sys
from pathlib import Path

import pytest
from fixrules import CONFLICTING, CYCLING, write_rules

from presslint import api as api_module
from presslint.runner import CheckRequest, run_check

ARTICLE = (
    "Visite à Bamako\r\n"
    "Le ministre est arrivé ce lundi ,selon l’agence.. Il repartira mardi!!\r\n"
    "Il a dit : « Nous reviendrons ,bientôt.. » XXX à compléter.\r\n"
)
FIXED = (
    "Visite à Bamako\r\n"
    "Le ministre est arrivé ce lundi, selon l’agence. Il repartira mardi!\r\n"
    "Il a dit : « Nous reviendrons, bientôt. » XXX à compléter.\r\n"
)


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    """A folder with a config running the test rules plus the built-in doubled-punctuation rule."""
    write_rules(tmp_path / "rules", CONFLICTING)
    (tmp_path / "presslint.toml").write_text(
        'select = ["TST", "PUN101"]\nrule-folders = ["rules"]\nlang = "fr"\n', encoding="utf-8"
    )
    return tmp_path


def presslint(*args: str, cwd: Path, stdin: bytes = b"") -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "200"}
    return subprocess.run(
        [sys.executable, "-m", "presslint", *args], cwd=cwd, input=stdin, capture_output=True, env=env, timeout=120
    )


def _files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_fix_rewrites_the_file_and_reports_what_remains(project: Path) -> None:
    article = project / "article.txt"
    article.write_bytes(ARTICLE.encode("utf-8"))
    run = presslint("check", "--fix", "article.txt", cwd=project)
    assert article.read_bytes() == FIXED.encode("utf-8")
    out = run.stdout.decode()
    assert "Fixed 7 problems." in out
    assert "article.txt:3:" in out and "TST109" in out
    assert "Found 1 problem" in out
    assert run.returncode == 1
    assert _files(project) == ["article.txt", "presslint.toml", "rules"]


def test_second_fix_changes_nothing(project: Path) -> None:
    article = project / "article.txt"
    article.write_bytes(ARTICLE.replace(" XXX à compléter.", "").encode("utf-8"))
    first = presslint("check", "--fix", "article.txt", cwd=project)
    assert first.returncode == 0, first.stdout
    after_first = article.read_bytes()
    mtime = article.stat().st_mtime_ns
    second = presslint("check", "--fix", "article.txt", cwd=project)
    assert second.returncode == 0
    assert article.read_bytes() == after_first
    assert article.stat().st_mtime_ns == mtime  # not even rewritten
    assert "No problems found" in second.stdout.decode()


def test_unsafe_fixes_are_applied_only_when_asked(project: Path) -> None:
    article = project / "a.txt"
    article.write_text("It was a very unique case.. Nothing more.", encoding="utf-8")
    presslint("check", "--fix", "a.txt", cwd=project)
    assert article.read_text(encoding="utf-8") == "It was a very unique case. Nothing more."
    run = presslint("check", "--fix", "--unsafe-fixes", "a.txt", cwd=project)
    assert article.read_text(encoding="utf-8") == "It was a unique case. Nothing more."
    assert run.returncode == 0


def test_diff_prints_what_fix_would_do_and_writes_nothing(project: Path) -> None:
    article = project / "article.txt"
    data = "Titre\nLe ministre est arrivé lundi.. Fin".encode()
    article.write_bytes(data)
    run = presslint("check", "--diff", "article.txt", cwd=project)
    assert run.returncode == 1
    assert article.read_bytes() == data
    assert run.stdout.decode() == (
        "--- a/article.txt\n"
        "+++ b/article.txt\n"
        "@@ -1,2 +1,2 @@\n"
        " Titre\n"
        "-Le ministre est arrivé lundi.. Fin\n"
        "\\ No newline at end of file\n"
        "+Le ministre est arrivé lundi. Fin\n"
        "\\ No newline at end of file\n"
    )
    assert "Would fix 1 problem in 1 file." in run.stderr.decode()


def test_diff_applies_with_patch_and_matches_fix(project: Path, tmp_path: Path) -> None:
    import shutil

    if shutil.which("patch") is None:
        pytest.skip("no patch tool")
    article = project / "article.txt"
    article.write_bytes(ARTICLE.encode("utf-8"))
    diff = presslint("check", "--diff", "article.txt", cwd=project).stdout
    copy = tmp_path / "copy"
    copy.mkdir()
    (copy / "article.txt").write_bytes(ARTICLE.encode("utf-8"))
    subprocess.run(["patch", "-p1", "--binary", "-s"], cwd=copy, input=diff, check=True)
    assert (copy / "article.txt").read_bytes() == FIXED.encode("utf-8")


def test_diff_on_a_clean_file_exits_zero(project: Path) -> None:
    (project / "a.txt").write_text("Rien à signaler.\n", encoding="utf-8")
    run = presslint("check", "--diff", "a.txt", cwd=project)
    assert run.returncode == 0 and run.stdout == b""


def test_stdin_filter_fixed_text_on_stdout_report_on_stderr(project: Path) -> None:
    data = codecs.BOM_UTF8 + ARTICLE.encode("utf-8")
    run = presslint("check", "--fix", "-", cwd=project, stdin=data)
    assert run.stdout == codecs.BOM_UTF8 + FIXED.encode("utf-8")
    err = run.stderr.decode()
    assert "Fixed 7 problems." in err and "TST109" in err
    assert run.returncode == 1


def test_stdin_filter_passes_undecodable_input_through(project: Path) -> None:
    data = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"
    run = presslint("check", "--fix", "-", cwd=project, stdin=data)
    assert run.stdout == data
    assert run.returncode == 2 and b"binary" in run.stderr


def test_stdin_filter_with_a_file_prints_only_the_stdin_text(project: Path) -> None:
    (project / "b.txt").write_text("Autre fichier,, ici.", encoding="utf-8")
    run = presslint("check", "--fix", "-", "b.txt", cwd=project, stdin="Bonjour.. ici".encode())
    assert run.stdout == "Bonjour. ici".encode()
    assert (project / "b.txt").read_text(encoding="utf-8") == "Autre fichier, ici."


@pytest.mark.parametrize(
    ("bom", "encoding"),
    [
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
        (b"", "utf-16-le"),
        (b"", "utf-8"),
    ],
)
def test_encoding_bom_crlf_and_mode_survive_a_fix(project: Path, bom: bytes, encoding: str) -> None:
    article = project / "article.txt"
    article.write_bytes(bom + ARTICLE.encode(encoding))
    article.chmod(0o604)
    presslint("check", "--fix", "article.txt", cwd=project)
    assert article.read_bytes() == bom + FIXED.encode(encoding)
    assert article.stat().st_mode & 0o777 == 0o604


@pytest.mark.parametrize("ending", ["", "\n", "\r\n", "\n\n"])
def test_trailing_newline_or_its_absence_is_kept(project: Path, ending: str) -> None:
    article = project / "a.txt"
    article.write_bytes(("Un paragraphe,, puis un autre.\r\nEt un troisième.." + ending).encode())
    presslint("check", "--fix", "a.txt", cwd=project)
    assert article.read_bytes() == ("Un paragraphe, puis un autre.\r\nEt un troisième." + ending).encode()


def test_mixed_line_endings_are_kept_line_by_line(project: Path) -> None:
    article = project / "a.txt"
    text = "Premier,, ici.\r\nDeuxième.. là.\nTroisième ,enfin.\rQuatrième.\r\n"
    article.write_bytes(text.encode())
    presslint("check", "--fix", "a.txt", cwd=project)
    assert article.read_bytes() == "Premier, ici.\r\nDeuxième. là.\nTroisième, enfin.\rQuatrième.\r\n".encode()


def test_read_only_file_clear_error_exit_2_nothing_lost(project: Path) -> None:
    ro = project / "ro.txt"
    ro.write_text("Il est arrivé lundi.. Fin.", encoding="utf-8")
    ro.chmod(0o444)
    ok = project / "ok.txt"
    ok.write_text("Il est reparti mardi.. Fin.", encoding="utf-8")
    run = presslint("check", "--fix", "ro.txt", "ok.txt", cwd=project)
    assert run.returncode == 2
    err = run.stderr.decode().strip().splitlines()
    assert err == ["presslint: error: ro.txt: file is read-only; file left unchanged"]
    assert "Traceback" not in run.stderr.decode()
    assert ro.read_text(encoding="utf-8") == "Il est arrivé lundi.. Fin."
    assert ok.read_text(encoding="utf-8") == "Il est reparti mardi. Fin."
    assert "ro.txt:1:20" in run.stdout.decode()  # its problems are still reported
    assert _files(project) == ["ok.txt", "presslint.toml", "ro.txt", "rules"]


def test_file_changed_between_read_and_write_is_skipped(
    project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    changed = project / "changed.txt"
    changed.write_text("Il est arrivé lundi.. Fin.", encoding="utf-8")
    other = project / "other.txt"
    other.write_text("Il est reparti mardi.. Fin.", encoding="utf-8")
    real_check_source = api_module.check_source

    def check_then_colleague_saves(src, settings, options, display):  # type: ignore[no-untyped-def]
        report = real_check_source(src, settings, options, display)
        if display.endswith("changed.txt"):
            changed.write_text("Il est arrivé lundi.. Fin. Ajout d’un confrère.", encoding="utf-8")
        return report

    monkeypatch.setattr(api_module, "check_source", check_then_colleague_saves)
    status = run_check(CheckRequest([str(changed), str(other)], fix=True, config=project / "presslint.toml"))
    out, err = capsys.readouterr()
    assert status == 2
    assert "changed.txt: changed on disk while presslint was working; not overwritten" in err
    assert changed.read_text(encoding="utf-8") == "Il est arrivé lundi.. Fin. Ajout d’un confrère."
    assert other.read_text(encoding="utf-8") == "Il est reparti mardi. Fin."
    assert "changed.txt:" not in out  # its problems as read no longer describe it


def test_rules_that_undo_each_other_are_reported(tmp_path: Path) -> None:
    write_rules(tmp_path / "rules", CYCLING)
    (tmp_path / "presslint.toml").write_text('select = ["TSC"]\nrule-folders = ["rules"]\n', encoding="utf-8")
    (tmp_path / "a.txt").write_text("The foo was here.", encoding="utf-8")
    run = presslint("check", "--fix", "a.txt", cwd=tmp_path)
    assert "fixes undo each other" in run.stderr.decode()
    assert run.returncode == 1


def test_pass_bound_is_reported(project: Path) -> None:
    (project / "presslint.toml").write_text(
        'select = ["TST"]\nrule-folders = ["rules"]\nmax-fix-passes = 1\n', encoding="utf-8"
    )
    (project / "a.txt").write_text("Paris ,Lyon et Lille.", encoding="utf-8")
    run = presslint("check", "--fix", "a.txt", cwd=project)
    assert "fixes did not settle after 1 passes" in run.stderr.decode()
    assert (project / "a.txt").read_text(encoding="utf-8") == "Paris,Lyon et Lille."
    assert run.returncode == 1


def test_fix_not_encodable_in_the_file_encoding_is_skipped_others_applied(tmp_path: Path) -> None:
    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "TSE101-dots.toml").write_text(
        'code = "TSE101"\nname = "three-dots"\nmessage = "Three dots."\npattern = \'\\.\\.\\.\'\n'
        "replacement = '\u22ef'\nfix = \"safe\"\n",  # in no 8-bit encoding
        encoding="utf-8",
    )
    (tmp_path / "presslint.toml").write_text(
        'select = ["TSE", "PUN101"]\nrule-folders = ["rules"]\nlang = "fr"\n', encoding="utf-8"
    )
    text = (Path(__file__).resolve().parents[1] / "examples" / "bamako-fr.txt").read_text(encoding="utf-8")[:1000]
    text = text.replace("’", "'").replace("«", '"').replace("»", '"') + " Il hésita... puis partit."
    article = tmp_path / "a.txt"
    article.write_bytes(text.encode("latin-1"))
    run = presslint("check", "--fix", "a.txt", cwd=tmp_path)
    fixed = text.replace("bénéfique..", "bénéfique.").replace("Diop..", "Diop.")
    assert article.read_bytes() == fixed.encode("latin-1")
    assert "cannot be written in" in run.stderr.decode()
    assert "TSE101" in run.stdout.decode()


def test_interactive_refuses_without_a_terminal(project: Path) -> None:
    (project / "a.txt").write_text("Bonjour.. ici", encoding="utf-8")
    run = presslint("check", "--fix", "--interactive", "a.txt", cwd=project)
    assert run.returncode == 2
    assert run.stderr.decode().strip() == "presslint: error: --interactive needs a terminal to answer on (stdin is not one)"
    assert (project / "a.txt").read_text(encoding="utf-8") == "Bonjour.. ici"


# --------------------------------------------------------------------------- markup formats


def test_markdown_fix_lands_in_the_prose_and_leaves_markup(project: Path) -> None:
    pytest.importorskip("presslint.formats.markdown")
    source = (
        "# Visite à Bamako\r\n\r\n"
        "Le ministre est arrivé **lundi**.. Il a rencontré [M. Diop](https://example.org/a..b) ,selon l’agence.\r\n\r\n"
        "- Sécurité,, économie\r\n"
        "- `code..ici` reste\r\n"
    )
    expected = (
        "# Visite à Bamako\r\n\r\n"
        "Le ministre est arrivé **lundi**. Il a rencontré [M. Diop](https://example.org/a..b), selon l’agence.\r\n\r\n"
        "- Sécurité, économie\r\n"
        "- `code..ici` reste\r\n"
    )
    article = project / "a.md"
    article.write_bytes(source.encode("utf-8"))
    presslint("check", "--fix", "a.md", cwd=project)
    assert article.read_bytes() == expected.encode("utf-8")


def test_html_fix_lands_in_the_prose_and_leaves_markup(project: Path) -> None:
    pytest.importorskip("presslint.formats.html")
    source = (
        '<article>\n<h1 class="t">Visite à Bamako</h1>\n'
        "<p>Le ministre est arrivé <b>lundi</b>.. Il a rencontré "
        '<a href="https://example.org/a..b">M.&nbsp;Diop</a> ,selon l’agence.</p>\n'
        "<p>Sécurité,, économie &amp; défense.</p>\n</article>\n"
    )
    expected = (
        '<article>\n<h1 class="t">Visite à Bamako</h1>\n'
        "<p>Le ministre est arrivé <b>lundi</b>. Il a rencontré "
        '<a href="https://example.org/a..b">M.&nbsp;Diop</a>, selon l’agence.</p>\n'
        "<p>Sécurité, économie &amp; défense.</p>\n</article>\n"
    )
    article = project / "a.html"
    article.write_text(source, encoding="utf-8")
    presslint("check", "--fix", "a.html", cwd=project)
    assert article.read_text(encoding="utf-8") == expected


def test_html_fix_that_would_cross_a_tag_is_not_applied(project: Path) -> None:
    pytest.importorskip("presslint.formats.html")
    import re

    source = "<p>Le ministre est arrivé lundi.<b>.</b> Il repart mardi,, dit-on.</p>\n"
    article = project / "a.html"
    article.write_text(source, encoding="utf-8")
    presslint("check", "--fix", "a.html", cwd=project)
    result = article.read_text(encoding="utf-8")
    assert re.findall(r"<[^>]+>", result) == re.findall(r"<[^>]+>", source)
    assert "mardi, dit-on" in result


def test_unsafe_fixes_alone_never_writes(project: Path) -> None:
    article = project / "article.txt"
    article.write_bytes(ARTICLE.encode("utf-8"))
    run = presslint("check", "--unsafe-fixes", "article.txt", cwd=project)
    assert run.returncode == 1
    assert article.read_bytes() == ARTICLE.encode("utf-8")
