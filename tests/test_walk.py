"""Walking folders never stops on a bad entry, never opens a FIFO, and reports each problem in one line.

Tests may run as root, for whom ``chmod 000`` does not make anything unreadable.
Unreadable files and folders are therefore made with ``chmod`` and, when
``os.access`` shows that the permission bits are not enforced, simulated by
making ``os.scandir`` / ``Path.read_bytes`` raise PermissionError for that one
path (the very error the kernel would give). FIFOs, sockets, dangling links,
link loops and non-UTF-8 names are real.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from presslint.runner import CheckRequest, run_check
from presslint.walk import WalkError, iter_targets, shown

ARTICLE = "Le ministre est arrivé.. lundi à Bamako.\n"
INCLUDE = ("*.txt", "*.md", "*.html")


def _tree(root: Path) -> Path:
    d = root / "news"
    (d / "sub").mkdir(parents=True)
    (d / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (d / "sub" / "b.txt").write_text(ARTICLE, encoding="utf-8")
    return d


def _split(items: list[Path | WalkError]) -> tuple[list[str], list[str]]:
    files = [os.path.relpath(p) if isinstance(p, Path) else "" for p in items if isinstance(p, Path)]
    errors = [e.message for e in items if isinstance(e, WalkError)]
    return files, errors


def test_link_loop_reported_once_and_walk_goes_on(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    d = _tree(tmp_path)
    (d / "sub" / "up").symlink_to("..")
    (d / "self.txt").symlink_to("self.txt")  # a link to itself: ELOOP on stat
    monkeypatch.chdir(tmp_path)
    files, errors = _split(list(iter_targets(["news"], INCLUDE, ())))
    assert files == ["news/a.txt", "news/sub/b.txt"]
    assert len([e for e in errors if "symbolic link loop" in e]) == 1
    assert any("self.txt" in e and "cannot read" in e for e in errors)


def test_second_link_to_a_folder_is_not_an_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    d = _tree(tmp_path)
    (d / "alias").symlink_to("sub")
    monkeypatch.chdir(tmp_path)
    files, errors = _split(list(iter_targets(["news"], INCLUDE, ())))
    assert errors == []
    assert sorted(files) in (["news/a.txt", "news/alias/b.txt"], ["news/a.txt", "news/sub/b.txt"])


def test_fifo_socket_broken_link_found_in_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    d = _tree(tmp_path)
    os.mkfifo(d / "pipe.txt")
    sock = socket.socket(socket.AF_UNIX)
    try:
        sock.bind(str(d / "sock.txt"))
        (d / "gone.txt").symlink_to("nowhere.txt")
        monkeypatch.chdir(tmp_path)
        files, errors = _split(list(iter_targets(["news"], INCLUDE, ())))
    finally:
        sock.close()
    assert files == ["news/a.txt", "news/sub/b.txt"]
    assert any("pipe.txt" in e and "FIFO" in e for e in errors)
    assert any("sock.txt" in e and "socket" in e for e in errors)
    assert any("gone.txt" in e and "broken symbolic link" in e for e in errors)
    assert len(errors) == 3


def test_non_utf8_names(tmp_path: Path) -> None:
    d = _tree(tmp_path)
    root = os.fsencode(d)
    with open(root + b"/bad\xff.txt", "wb") as handle:
        handle.write(ARTICLE.encode())
    os.mkdir(root + b"/dir\xfe")
    with open(root + b"/dir\xfe/c.txt", "wb") as handle:
        handle.write(ARTICLE.encode())
    items = list(iter_targets([str(d)], INCLUDE, ()))
    files, errors = _split(items)
    assert len(files) == 2
    assert len(errors) == 2
    for message in errors:
        message.encode("utf-8")  # printable as is
        assert "not valid UTF-8" in message
    assert any("bad\\xff.txt" in e for e in errors) and any("dir\\xfe" in e for e in errors)


def test_shown_escapes_only_bad_bytes() -> None:
    assert shown("news/été.txt") == "news/été.txt"
    assert shown(os.fsdecode(b"news/\xe9t\xe9.txt")) == "news/\\xe9t\\xe9.txt"


def _unreadable_folder(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder.chmod(0)
    if os.access(folder, os.R_OK):  # root: the bits are not enforced, so simulate the kernel's refusal
        real = os.scandir

        def scandir(path: object = ".") -> object:
            if os.path.realpath(os.fspath(path)) == os.path.realpath(folder):  # type: ignore[arg-type]
                raise PermissionError(13, "Permission denied", os.fspath(path))  # type: ignore[arg-type]
            return real(path)  # type: ignore[arg-type]

        monkeypatch.setattr(os, "scandir", scandir)


def _unreadable_file(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path.chmod(0)
    if os.access(path, os.R_OK):
        real = Path.read_bytes

        def read_bytes(self: Path) -> bytes:
            if os.path.realpath(self) == os.path.realpath(path):
                raise PermissionError(13, "Permission denied", str(self))
            return real(self)

        monkeypatch.setattr(Path, "read_bytes", read_bytes)


def test_unreadable_folder_and_file_cost_one_line_each(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    d = _tree(tmp_path)
    locked = d / "locked"
    locked.mkdir()
    (locked / "hidden.txt").write_text(ARTICLE, encoding="utf-8")
    secret = d / "secret.txt"
    secret.write_text(ARTICLE, encoding="utf-8")
    try:
        _unreadable_folder(locked, monkeypatch)
        _unreadable_file(secret, monkeypatch)
        monkeypatch.chdir(tmp_path)
        status = run_check(CheckRequest(paths=["news"], output_format="concise", jobs=1))
    finally:
        locked.chmod(0o755)
        secret.chmod(0o644)
    out, err = capsys.readouterr()
    assert status == 2
    assert "news/a.txt" in out and "news/sub/b.txt" in out  # the others were checked
    lines = err.splitlines()
    assert len([line for line in lines if "locked" in line and "cannot read folder" in line]) == 1
    assert len([line for line in lines if "secret.txt" in line and "permission denied" in line]) == 1
    assert "Traceback" not in err


def _cli(args: list[str], cwd: Path, timeout: float = 60) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    return subprocess.run([sys.executable, "-m", "presslint", *args], cwd=cwd, capture_output=True, env=env, timeout=timeout)


def test_cli_fifo_given_and_found_never_hangs(tmp_path: Path) -> None:
    d = _tree(tmp_path)
    os.mkfifo(d / "pipe.txt")  # nobody ever writes to it: opening it would block forever
    proc = _cli(["check", "news", "news/pipe.txt"], tmp_path, timeout=60)
    err = proc.stderr.decode()
    assert proc.returncode == 2
    assert err.count("pipe.txt") == 2 and "FIFO" in err  # found in the folder, and given
    assert b"news/a.txt" in proc.stdout and b"news/sub/b.txt" in proc.stdout
    assert "Traceback" not in err


def test_cli_every_bad_entry_at_once(tmp_path: Path) -> None:
    d = _tree(tmp_path)
    os.mkfifo(d / "pipe.txt")
    (d / "gone.txt").symlink_to("nowhere.txt")
    (d / "sub" / "up").symlink_to("..")
    with open(os.fsencode(d) + b"/bad\xff.txt", "wb") as handle:
        handle.write(ARTICLE.encode())
    for fmt in ("concise", "json", "sarif"):
        proc = _cli(["check", "--format", fmt, "news"], tmp_path)
        err = proc.stderr.decode("utf-8")
        assert proc.returncode == 2, err
        assert "Traceback" not in err
        assert len([line for line in err.splitlines() if line.startswith("presslint: error:")]) == 4
        assert b"a.txt" in proc.stdout and b"b.txt" in proc.stdout


def test_named_file_is_checked_even_if_excluded_unless_force_exclude(tmp_path: Path) -> None:
    archive = tmp_path / "archive"
    archive.mkdir()
    old = archive / "old.txt"
    old.write_text(ARTICLE, encoding="utf-8")
    new = tmp_path / "new.txt"
    new.write_text(ARTICLE, encoding="utf-8")
    named = [str(old), str(new)]
    assert list(iter_targets(named, INCLUDE, ("archive/*",))) == [old, new]
    assert list(iter_targets(named, INCLUDE, ("archive/*",), force_exclude=True)) == [new]
    # A folder named directly and excluded is left out too.
    assert list(iter_targets([str(archive)], INCLUDE, ("archive",), force_exclude=True)) == []


@pytest.mark.parametrize("how", ["flag", "config"])
def test_cli_force_exclude_as_pre_commit_runs_it(tmp_path: Path, how: str) -> None:
    config = 'exclude = ["drafts/*"]\n' + ("force-exclude = true\n" if how == "config" else "")
    (tmp_path / "presslint.toml").write_text(config, encoding="utf-8")
    (tmp_path / "drafts").mkdir()
    (tmp_path / "drafts" / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "b.txt").write_text(ARTICLE, encoding="utf-8")
    args = ["check", "--format", "concise", *(["--force-exclude"] if how == "flag" else []), "drafts/a.txt", "b.txt"]
    proc = subprocess.run([sys.executable, "-m", "presslint", *args], cwd=tmp_path, capture_output=True, text=True)
    assert proc.returncode == 1, proc.stderr
    assert "b.txt:1:" in proc.stdout and "drafts/a.txt" not in proc.stdout
    plain = subprocess.run([sys.executable, "-m", "presslint", "check", "--format", "concise", "drafts/a.txt"],
                           cwd=tmp_path, capture_output=True, text=True)
    if how == "flag":  # without the flag, a file named directly is checked
        assert "drafts/a.txt:1:" in plain.stdout
