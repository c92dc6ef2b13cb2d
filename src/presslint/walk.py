"""Finding the article files below the paths given on the command line."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from fnmatch import fnmatch
from pathlib import Path

# Folders never worth walking into: tool caches, dependencies, build output.
SKIPPED_FOLDERS = frozenset({"node_modules", "__pycache__", "venv", "site-packages", "_build"})


@dataclass(frozen=True, slots=True)
class WalkError:
    path: str
    message: str


def _excluded(path: Path, exclude: tuple[str, ...]) -> bool:
    text = path.as_posix()
    return any(fnmatch(text, pat) or fnmatch(path.name, pat) or fnmatch(text, f"*/{pat}") for pat in exclude)


def iter_targets(
    paths: list[str], include: tuple[str, ...], exclude: tuple[str, ...]
) -> Iterator[Path | WalkError]:
    """Files named directly are always checked; folders are walked for ``include`` files.

    Hidden files and folders, and well-known dependency folders, are skipped.
    Problems (an unreadable folder, a link loop) are yielded as WalkErrors and
    the walk goes on.
    """
    for raw in paths:
        path = Path(raw)
        if not path.is_dir():
            yield path  # read_source reports a missing or unreadable file
            continue
        errors: list[OSError] = []
        seen_dirs: set[tuple[int, int]] = set()
        for folder, dirnames, filenames in os.walk(path, onerror=errors.append, followlinks=True):
            for err in errors:
                yield WalkError(str(err.filename or folder), f"{err.filename}: cannot read folder ({err.strerror})")
            errors.clear()
            try:
                st = os.stat(folder)
                key = (st.st_dev, st.st_ino)
            except OSError as exc:
                yield WalkError(folder, f"{folder}: cannot read folder ({exc.strerror})")
                dirnames[:] = []
                continue
            if key in seen_dirs:
                yield WalkError(folder, f"{folder}: symbolic link loop, skipped")
                dirnames[:] = []
                continue
            seen_dirs.add(key)
            dirnames[:] = sorted(
                d for d in dirnames
                if not d.startswith(".") and d not in SKIPPED_FOLDERS and not _excluded(Path(folder, d), exclude)
            )
            for name in sorted(filenames):
                if name.startswith("."):
                    continue
                if not any(fnmatch(name, pat) for pat in include):
                    continue
                file_path = Path(folder, name)
                if _excluded(file_path, exclude):
                    continue
                yield file_path
        for err in errors:
            yield WalkError(str(err.filename or path), f"{err.filename}: cannot read folder ({err.strerror})")
