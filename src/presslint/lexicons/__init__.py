"""Per-language word lists, kept as data: one ``<lang>/<name>.txt`` file per list.

One entry per line; ``#`` starts a comment; blank lines are ignored. Lists are
read once per process and cached.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

# The lists as files next to this module; importlib.resources (and the zipfile module it
# imports) is needed only when the package is not a plain folder, as in a zip.
_FOLDER = Path(__file__).parent


@cache
def load(lang: str, name: str) -> frozenset[str]:
    """The entries of ``lexicons/<lang>/<name>.txt`` (empty if the list does not exist)."""
    return frozenset(entries(lang, name))


@cache
def entries(lang: str, name: str) -> tuple[str, ...]:
    """The entries of a list in file order (for lists where order or pairs matter)."""
    if (_FOLDER / "__init__.py").is_file():
        path = _FOLDER / lang / f"{name}.txt"
        if not path.is_file():
            return ()
        text = path.read_text(encoding="utf-8")
    else:
        from importlib import resources

        resource = resources.files(__package__).joinpath(lang, f"{name}.txt")
        if not resource.is_file():
            return ()
        text = resource.read_text(encoding="utf-8")
    lines = [line for line in map(str.strip, text.splitlines()) if line and line[0] != "#"]
    if " #" in text:  # a comment after an entry: rare, so the long lists skip this loop
        lines = [entry for entry in (line.split(" #", 1)[0].rstrip() for line in lines) if entry]
    return tuple(lines)
