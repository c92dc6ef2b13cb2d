"""Interrupted and concurrent fixes never leave a partial, empty or corrupted article.

- SIGKILL at any moment of ``check --fix``: every file is its original or its fully fixed text.
- Temporaries a killed run left behind are removed by the next run that writes in that folder.
- Ctrl-C (SIGINT to the whole process group, as a terminal sends it): exit 130, no traceback.
- Two processes fixing the same files at once: every file ends fully fixed, never mangled.
- A write that fails (disk full, say) is one error line and the original is untouched.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from presslint import api, sourcefile
from presslint.sourcefile import TEMP_SUFFIX, WriteError, read_source, write_source

PARAGRAPHS = [
    "Le ministre est arrivé à Bamako lundi.. Il repart mardi!!",
    "« Nous reviendrons , a-t-il dit.  La visite a duré deux jours ,, selon ses services.",
    "Les deux pays ont signé un accord de coopération;la Les discussions se poursuivent.",
    "Le président Abdoulaye Diop a reçu son homologue.. La rencontre a eu lieu à 16 heures .",
]
FILES = 40


def _article(i: int) -> str:
    body = "\n\n".join(PARAGRAPHS[(i + k) % len(PARAGRAPHS)] for k in range(6))
    return f"Article {i}\n\n{body}\n" * (1 + i % 3)


def _make(folder: Path) -> dict[Path, tuple[str, str]]:
    folder.mkdir(exist_ok=True)
    out = {}
    for i in range(FILES):
        path = folder / f"article-{i:02d}.txt"
        text = _article(i)
        path.write_text(text, encoding="utf-8")
        out[path] = (text, api.fix(text, path=str(path)).text)
    assert all(orig != fixed for orig, fixed in out.values())
    return out


def _command(*args: str) -> list[str]:
    return [sys.executable, "-m", "presslint", *args]


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONIOENCODING": "utf-8"}


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(TEMP_SUFFIX))


@pytest.mark.parametrize("delay", [0.2, 0.6, 1.0, 1.5, 2.5])
def test_sigkill_leaves_each_file_original_or_fixed(tmp_path: Path, delay: float) -> None:
    folder = tmp_path / "news"
    expected = _make(folder)
    proc = subprocess.Popen(
        _command("check", "--fix", "--jobs", "2", "news"), cwd=tmp_path, env=_env(),
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
    )
    time.sleep(delay)
    os.killpg(proc.pid, signal.SIGKILL)  # the workers too, as an OOM killer or a power cut would
    proc.wait(timeout=30)
    for path, (original, fixed) in expected.items():
        now = path.read_text(encoding="utf-8")
        assert now in (original, fixed), f"{path.name} is neither original nor fixed"
    assert sorted(p.name for p in folder.iterdir() if not p.name.startswith(".")) == sorted(p.name for p in expected)
    # The next run finishes the job and sweeps what the killed one left behind.
    rerun = subprocess.run(_command("check", "--fix", "news"), cwd=tmp_path, env=_env(), capture_output=True, timeout=300)
    assert rerun.returncode in (0, 1), rerun.stderr
    for path, (_, fixed) in expected.items():
        assert path.read_text(encoding="utf-8") == fixed
    assert _leftovers(folder) == []


def test_stale_temporary_of_a_dead_process_is_removed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    alive = os.getppid()
    stale = tmp_path / f".a.txt.{dead.pid}.abc123{TEMP_SUFFIX}"
    live = tmp_path / f".a.txt.{alive}.def456{TEMP_SUFFIX}"
    foreign = tmp_path / f".notes{TEMP_SUFFIX}"
    for p in (stale, live, foreign):
        p.write_text("Le minis", encoding="utf-8")
    article = tmp_path / "a.txt"
    article.write_text("Arrivé lundi.. Reparti mardi.\n", encoding="utf-8")
    monkeypatch.setattr(sourcefile, "_CLEANED_FOLDERS", set())
    write_source(read_source(article), "Arrivé lundi. Reparti mardi.\n")
    assert not stale.exists()
    assert live.exists() and foreign.exists()  # a live writer's, and a name not ours to judge
    assert article.read_text(encoding="utf-8") == "Arrivé lundi. Reparti mardi.\n"


def test_sigint_exits_130_without_traceback(tmp_path: Path) -> None:
    folder = tmp_path / "news"
    expected = _make(folder)
    big = folder / "big.txt"
    big.write_text(_article(0) * 400, encoding="utf-8")  # long enough to be interrupted mid-check
    proc = subprocess.Popen(
        _command("check", "--fix", "--jobs", "2", "news"), cwd=tmp_path, env=_env(),
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True,
    )
    time.sleep(1.5)
    os.killpg(proc.pid, signal.SIGINT)  # a terminal's Ctrl-C reaches the whole foreground group
    out, err = proc.communicate(timeout=60)
    text = err.decode("utf-8", "replace")
    assert proc.returncode == 130, text
    assert "Traceback" not in text and "KeyboardInterrupt" not in text
    assert len(text.splitlines()) <= 2  # at most a line, never a dump from each worker
    assert "presslint: interrupted" in text
    for path, (original, fixed) in expected.items():
        assert path.read_text(encoding="utf-8") in (original, fixed)


def test_two_processes_fixing_the_same_files(tmp_path: Path) -> None:
    folder = tmp_path / "news"
    for _ in range(3):
        expected = _make(folder)
        procs = [
            subprocess.Popen(_command("check", "--fix", "--jobs", "1", "news"), cwd=tmp_path, env=_env(),
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
            for _ in range(2)
        ]
        for proc in procs:
            _, err = proc.communicate(timeout=300)
            text = err.decode("utf-8", "replace")
            assert "Traceback" not in text
            # The loser of a race refuses to overwrite: "changed on disk", exit 2.
            assert proc.returncode in (0, 1, 2)
            for line in text.splitlines():
                if line.startswith("presslint: error:"):
                    assert "changed on disk" in line
        for path, (_, fixed) in expected.items():
            assert path.read_text(encoding="utf-8") == fixed, path.name
        assert _leftovers(folder) == []


def test_failed_write_leaves_original_and_no_temporary(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    article = tmp_path / "a.txt"
    article.write_text("Arrivé lundi.. Reparti mardi.\n", encoding="utf-8")
    src = read_source(article)

    def full(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(WriteError, match="No space left on device"):
        write_source(src, "Arrivé lundi. Reparti mardi.\n")
    assert article.read_text(encoding="utf-8") == "Arrivé lundi.. Reparti mardi.\n"
    assert _leftovers(tmp_path) == []


def test_compare_and_rename_hold_the_folder_lock(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """While one writer is between compare and rename, another cannot start its compare."""
    import fcntl

    article = tmp_path / "a.txt"
    article.write_text("Arrivé lundi.. Reparti mardi.\n", encoding="utf-8")
    src = read_source(article)
    seen: list[bool] = []
    real_replace = os.replace

    def replace(a: str, b: object) -> None:
        fd = os.open(tmp_path, os.O_RDONLY)
        try:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                seen.append(False)  # we could take it: nobody held it
            except BlockingIOError:
                seen.append(True)
        finally:
            os.close(fd)
        real_replace(a, b)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "replace", replace)
    write_source(src, "Arrivé lundi. Reparti mardi.\n")
    assert seen == [True]
