"""Reviewing fixes one by one: the logic with scripted answers, then real sessions in a pseudo-terminal."""

from __future__ import annotations

import io
import os
import select
import subprocess
import sys
import time
from pathlib import Path

import pytest
from fixrules import CONFLICTING, settings_for, write_rules

from presslint.api import Linter
from presslint.diagnostics import Edit
from presslint.review import ReviewState, Terminal, fix_preview, review_text

PROMPT = b"[q]uit [?] "


@pytest.fixture()
def conflicting(tmp_path: Path) -> Path:
    return write_rules(tmp_path / "conflicting", CONFLICTING)


def _review(text: str, answers: str, folder: Path, *, unsafe: bool = False, state: ReviewState | None = None):  # type: ignore[no-untyped-def]
    linter = Linter(settings_for(folder))
    terminal = Terminal(io.StringIO(answers), io.StringIO())
    outcome = review_text(
        text,
        lambda t: linter.check(t, lang="fr").diagnostics,
        terminal,
        state or ReviewState(),
        path="a.txt",
        unsafe=unsafe,
    )
    return outcome, terminal.writer.getvalue()  # type: ignore[attr-defined]


# --------------------------------------------------------------------------- the logic


def test_preview_shows_context_before_and_after_with_marks() -> None:
    text = "Titre\nLe ministre est arrivé lundi.. Il repart mardi.\nFin."
    start = text.index("..")
    before, bmarks, after, amarks = fix_preview(text, [Edit(start, start + 2, ".")])
    assert before == "Le ministre est arrivé lundi.. Il repart mardi."
    assert after == "Le ministre est arrivé lundi. Il repart mardi."
    assert bmarks == [(28, 30)] and amarks == [(28, 29)]


def test_preview_cuts_long_lines_and_shows_invisible_characters() -> None:
    text = "x" * 100 + "mot\u00a0: suite" + "y" * 100
    at = text.index("\u00a0")
    before, _, after, _ = fix_preview(text, [Edit(at, at + 1, "\u202f")])
    assert before.startswith("…") and before.endswith("…")
    assert "mot⍽: suite" in before and "mot⍽: suite" in after
    assert len(before) == 2 + 40 + 1 + 40


def test_accept_skip_and_skipped_fixes_are_not_asked_again(conflicting: Path) -> None:
    text = "Quoi!! Paris ,Lyon et Lille!! Fin."
    outcome, shown = _review(text, "y\nn\nn\ny\n", conflicting)
    # `!!` accepted; ` ,` and `,L` declined; the second `!!` accepted. The next round
    # re-lints the fixed text: the declined fixes, moved to their new offsets, are not asked again.
    assert outcome.text == "Quoi! Paris ,Lyon et Lille! Fin."
    assert outcome.skipped == 2 and outcome.rounds == 1
    assert shown.count(" TST101 space-before-comma") == 1
    assert shown.count(" TST102 missing-space-after-comma") == 1
    # The same repair from another rule is not a second question.
    assert " TST106 " not in shown
    assert "before: Quoi!! Paris ,Lyon et Lille!! Fin." in shown
    assert "after:  Quoi! Paris ,Lyon et Lille!! Fin." in shown
    # Later previews show the text with the fixes accepted so far.
    assert "after:  Quoi! Paris ,Lyon et Lille! Fin." in shown


def test_declining_one_fix_does_not_block_an_overlapping_one(conflicting: Path) -> None:
    outcome, _ = _review("Paris ,Lyon et Lille.", "n\ny\n", conflicting)
    assert outcome.text == "Paris , Lyon et Lille."  # the reviewer's choice, exactly


def test_a_fix_overlapping_an_accepted_one_comes_back_next_round(conflicting: Path) -> None:
    outcome, shown = _review("Paris ,Lyon et Lille.", "y\ny\n", conflicting)
    assert outcome.text == "Paris, Lyon et Lille."
    assert outcome.rounds == 2
    assert [d.code for d in outcome.accepted] == ["TST101", "TST102"]
    # The second was offered against the text as changed by the first.
    assert "before: Paris,Lyon et Lille." in shown


def test_accept_all_of_a_rule_stops_asking_about_it(conflicting: Path) -> None:
    state = ReviewState()
    outcome, shown = _review("Oui!! Non!! Peut-être!! Paris ,Lyon.", "a\nn\nn\n", conflicting, state=state)
    assert outcome.text == "Oui! Non! Peut-être! Paris ,Lyon."
    assert shown.count(" TST105 doubled-bang") == 1
    assert state.accept_codes == {"TST105"}


def test_quit_keeps_what_was_accepted_and_stops(conflicting: Path) -> None:
    state = ReviewState()
    outcome, shown = _review("Oui!! Non!! Paris ,Lyon.", "y\nq\n", conflicting, state=state)
    assert outcome.text == "Oui! Non!! Paris ,Lyon."
    assert state.quit


def test_end_of_input_counts_as_quit(conflicting: Path) -> None:
    outcome, _ = _review("Oui!! Non!!", "y\n", conflicting)
    assert outcome.text == "Oui! Non!!"


def test_unknown_answer_and_help(conflicting: Path) -> None:
    outcome, shown = _review("Oui!! Fin.", "peut-être\n?\ny\n", conflicting)
    assert "Please answer y, n, a, q" in shown
    assert "apply this fix and every later fix of the same rule" in shown
    assert outcome.text == "Oui! Fin."


def test_unsafe_fixes_are_offered_only_with_unsafe(conflicting: Path) -> None:
    outcome, shown = _review("A very unique case!! Fin.", "y\ny\n", conflicting)
    assert "TST107" not in shown and outcome.text == "A very unique case! Fin."
    outcome, shown = _review("A very unique case!! Fin.", "y\ny\n", conflicting, unsafe=True)
    assert "(unsafe fix)" in shown and outcome.text == "A unique case! Fin."


# --------------------------------------------------------------------------- a real terminal


def _pty_session(args: list[str], answers: list[str], cwd: Path, timeout: float = 60) -> tuple[int, str]:
    """Run presslint on a pseudo-terminal, typing each answer when a prompt appears."""
    import pty  # noqa: F401  (POSIX only; os.openpty needs it available)

    master, slave = os.openpty()
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "200", "TERM": "dumb"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "presslint", *args], stdin=slave, stdout=slave, stderr=slave, cwd=cwd, env=env,
        close_fds=True,
    )
    os.close(slave)
    output = b""
    pending = list(answers)
    deadline = time.monotonic() + timeout
    try:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([master], [], [], 0.2)
            if ready:
                try:
                    chunk = os.read(master, 4096)
                except OSError:  # the child closed the terminal
                    break
                if not chunk:
                    break
                output += chunk
                if pending and output.count(PROMPT) > len(answers) - len(pending):
                    os.write(master, pending.pop(0).encode())
            elif proc.poll() is not None:
                break
        else:
            proc.kill()
            raise AssertionError(f"session timed out; output so far:\n{output.decode(errors='replace')}")
    finally:
        os.close(master)
    status = proc.wait(timeout=10)
    return status, output.decode("utf-8", errors="replace").replace("\r\n", "\n")


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    write_rules(tmp_path / "rules", CONFLICTING)
    (tmp_path / "presslint.toml").write_text(
        'select = ["TST", "PUN101"]\nrule-folders = ["rules"]\nlang = "fr"\n', encoding="utf-8"
    )
    return tmp_path


ARTICLE = "Le ministre est arrivé lundi.. Il repart mardi!!\r\nParis ,Lyon et Lille.\r\n"


@pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")
def test_interactive_fix_in_a_terminal_accept_skip_then_write_once(project: Path) -> None:
    article = project / "a.txt"
    article.write_bytes(ARTICLE.encode("utf-8"))
    inode = article.stat().st_ino
    status, out = _pty_session(["check", "--fix", "--interactive", "a.txt"], ["y\n", "n\n", "y\n", "y\n"], project)
    # Offered in reading order: `..`, `!!`, ` ,` then (next round) the missing space.
    assert out.index("PUN101") < out.index("TST105") < out.index("TST101") < out.index("TST102")
    assert "before: Le ministre est arrivé lundi.. Il repart mardi!!" in out
    assert "after:  Le ministre est arrivé lundi. Il repart mardi!!" in out
    assert "a.txt: 3 fixes applied, 1 skipped." in out
    assert article.read_bytes() == "Le ministre est arrivé lundi. Il repart mardi!!\r\nParis, Lyon et Lille.\r\n".encode()
    assert article.stat().st_ino != inode  # replaced by rename, in one write
    assert "TST105" in out.split("skipped.")[-1]  # the skipped one is still reported
    assert status == 1
    assert sorted(p.name for p in project.iterdir()) == ["a.txt", "presslint.toml", "rules"]


@pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")
def test_review_command_offers_unsafe_fixes_and_accept_all(project: Path) -> None:
    a = project / "a.txt"
    a.write_text("A very unique case!! Really!! Truly!!\n", encoding="utf-8")
    b = project / "b.txt"
    b.write_text("Again!! And a very unique one.\n", encoding="utf-8")
    status, out = _pty_session(["review", "a.txt", "b.txt"], ["y\n", "a\n", "n\n"], project)
    assert "(unsafe fix)" in out
    assert a.read_text(encoding="utf-8") == "A unique case! Really! Truly!\n"
    # TST105 was accepted wholesale in a.txt: b.txt only asks about the unsafe fix (declined).
    assert b.read_text(encoding="utf-8") == "Again! And a very unique one.\n"
    assert out.count(" TST105 doubled-bang (safe fix)") == 1
    assert status == 1


@pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")
def test_quit_in_a_terminal_writes_accepted_and_leaves_other_files(project: Path) -> None:
    a = project / "a.txt"
    a.write_text("Oui!! Non!!\n", encoding="utf-8")
    b = project / "b.txt"
    b.write_text("Encore!!\n", encoding="utf-8")
    status, out = _pty_session(["check", "--fix", "-i", "a.txt", "b.txt"], ["y\n", "q\n"], project)
    assert a.read_text(encoding="utf-8") == "Oui! Non!!\n"
    assert b.read_text(encoding="utf-8") == "Encore!!\n"
    assert "b.txt:1:7" in out and "TST105" in out.split("a.txt: 1 fix applied")[-1]  # still checked
    assert status == 1


@pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")
def test_end_of_input_in_a_terminal(project: Path) -> None:
    a = project / "a.txt"
    a.write_text("Oui!! Non!!\n", encoding="utf-8")
    status, out = _pty_session(["review", "a.txt"], ["y\n", "\x04"], project)
    assert a.read_text(encoding="utf-8") == "Oui! Non!!\n"
    assert "Traceback" not in out


@pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")
def test_file_edited_during_the_review_is_not_overwritten(project: Path) -> None:
    a = project / "a.txt"
    a.write_text("Oui!! Non!!\n", encoding="utf-8")

    answers = ["y\n", "y\n"]
    # Edit the file while the second question is on screen: answer only after saving.
    master, slave = os.openpty()
    env = {**os.environ, "NO_COLOR": "1", "TERM": "dumb"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "presslint", "review", "a.txt"], stdin=slave, stdout=slave, stderr=slave,
        cwd=project, env=env, close_fds=True,
    )
    os.close(slave)
    output = b""
    sent = 0
    deadline = time.monotonic() + 60
    try:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([master], [], [], 0.2)
            if not ready:
                if proc.poll() is not None:
                    break
                continue
            try:
                chunk = os.read(master, 4096)
            except OSError:
                break
            if not chunk:
                break
            output += chunk
            if output.count(PROMPT) > sent and sent < len(answers):
                if sent == 1:
                    a.write_text("Oui!! Non!! Une phrase ajoutée.\n", encoding="utf-8")
                os.write(master, answers[sent].encode())
                sent += 1
    finally:
        os.close(master)
    status = proc.wait(timeout=10)
    out = output.decode(errors="replace")
    assert "changed on disk" in out
    assert a.read_text(encoding="utf-8") == "Oui!! Non!! Une phrase ajoutée.\n"
    assert status == 2
