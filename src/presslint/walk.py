"""Finding the article files below the paths given on the command line.

The walk never stops on a bad entry: a folder it cannot list, a symbolic link
loop, a broken link, a FIFO or socket, a file name that is not valid UTF-8 each
become one WalkError (one line on stderr, exit status 2) and the walk goes on.
Nothing here opens a file: a FIFO is recognised by ``stat`` and never read,
so the walk cannot hang on one.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from fnmatch import fnmatch
from pathlib import Path
from typing import NamedTuple

# Folders never worth walking into: tool caches, dependencies, build output.
SKIPPED_FOLDERS = frozenset({"node_modules", "__pycache__", "venv", "site-packages", "_build"})


class WalkError(NamedTuple):
    """An entry the walk could not use, with its one-line message."""

    path: str
    message: str


def shown(path: str | os.PathLike[str]) -> str:
    """A path fit to print: bytes that are not UTF-8 (kept by Python as surrogates) shown as ``\\xNN``."""
    text = os.fspath(path)
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        return os.fsencode(text).decode("utf-8", "backslashreplace")


def _valid_name(path: str) -> bool:
    try:
        path.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _excluded(path: Path, exclude: tuple[str, ...]) -> bool:
    text = path.as_posix()
    return any(fnmatch(text, pat) or fnmatch(path.name, pat) or fnmatch(text, f"*/{pat}") for pat in exclude)


def _kind_problem(path: str) -> str | None:
    """Why ``path`` (found in a folder, or named) cannot be an article, without opening it."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        if os.path.islink(path):
            return f"{shown(path)}: broken symbolic link, skipped"
        return f"{shown(path)}: no such file"
    except OSError as exc:
        return f"{shown(path)}: cannot read ({exc.strerror or exc})"
    mode = st.st_mode
    if stat.S_ISREG(mode) or stat.S_ISDIR(mode):
        return None
    what = "a FIFO (named pipe)" if stat.S_ISFIFO(mode) else "a socket" if stat.S_ISSOCK(mode) else "a device"
    return f"{shown(path)}: {what}, not a regular file; skipped"


def _loops_back(folder: str) -> bool:
    """True if ``folder`` resolves to one of its own ancestors (a link loop, not a second link)."""
    real = os.path.realpath(folder)
    parent = os.path.realpath(os.path.dirname(folder))
    return parent == real or parent.startswith(real.rstrip(os.sep) + os.sep)


def iter_targets(
    paths: list[str], include: tuple[str, ...], exclude: tuple[str, ...], *, force_exclude: bool = False
) -> Iterator[Path | WalkError]:
    """Files named directly are checked (unless ``force_exclude`` and excluded); folders are walked.

    In folders, ``include`` files not ``exclude``-d are checked; hidden files and
    folders, and well-known dependency folders, are skipped. A file named
    directly is checked whatever its name, since the user asked for it, except
    that ``force_exclude`` applies ``exclude`` to it too: pre-commit and editors
    name every changed file, and the project's exclusions must still hold.
    Problems are yielded as WalkErrors and the walk goes on.
    """
    for raw in paths:
        if not _valid_name(raw):
            yield WalkError(shown(raw), f"{shown(raw)}: file name is not valid UTF-8; rename it to check it")
            continue
        path = Path(raw)
        if force_exclude and exclude and _excluded(path, exclude):
            continue
        if not path.is_dir():
            problem = _kind_problem(raw) if os.path.lexists(raw) else None
            if problem is not None:
                yield WalkError(shown(raw), problem)
            else:
                yield path  # read_source reports a missing or unreadable file
            continue
        yield from _walk(path, include, exclude)


def _walk(path: Path, include: tuple[str, ...], exclude: tuple[str, ...]) -> Iterator[Path | WalkError]:
    errors: list[OSError] = []
    seen_dirs: set[tuple[int, int]] = set()
    for folder, dirnames, filenames in os.walk(path, onerror=errors.append, followlinks=True):
        yield from _listing_errors(errors, folder)
        try:
            st = os.stat(folder)
            key = (st.st_dev, st.st_ino)
        except OSError as exc:
            yield WalkError(shown(folder), f"{shown(folder)}: cannot read folder ({exc.strerror})")
            dirnames[:] = []
            continue
        if key in seen_dirs:
            if _loops_back(folder):
                yield WalkError(shown(folder), f"{shown(folder)}: symbolic link loop, skipped")
            dirnames[:] = []  # a second link to a folder already walked: its files are checked once
            continue
        seen_dirs.add(key)
        kept = []
        for d in sorted(dirnames):
            if d.startswith(".") or d in SKIPPED_FOLDERS or _excluded(Path(folder, d), exclude):
                continue
            if not _valid_name(d):
                full = os.path.join(folder, d)
                yield WalkError(shown(full), f"{shown(full)}: folder name is not valid UTF-8; not walked")
                continue
            kept.append(d)
        dirnames[:] = kept
        for name in sorted(filenames):
            if name.startswith("."):
                continue
            full = os.path.join(folder, name)
            if not _valid_name(name):
                yield WalkError(shown(full), f"{shown(full)}: file name is not valid UTF-8; rename it to check it")
                continue
            if not any(fnmatch(name, pat) for pat in include):
                continue
            file_path = Path(folder, name)
            if _excluded(file_path, exclude):
                continue
            problem = _kind_problem(full)
            if problem is not None:
                yield WalkError(shown(full), problem)
                continue
            yield file_path
    yield from _listing_errors(errors, str(path))


def _listing_errors(errors: list[OSError], folder: str) -> Iterator[WalkError]:
    for err in errors:
        where = shown(err.filename or folder)
        yield WalkError(where, f"{where}: cannot read folder ({err.strerror})")
    errors.clear()
