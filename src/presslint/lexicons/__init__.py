"""Per-language word lists, kept as data: one ``<lang>/<name>.txt`` file per list.

One entry per line; ``#`` starts a comment; blank lines are ignored. Lists are
read once per process and cached.
"""

from __future__ import annotations

from functools import cache
from importlib import resources


@cache
def load(lang: str, name: str) -> frozenset[str]:
    """The entries of ``lexicons/<lang>/<name>.txt`` (empty if the list does not exist)."""
    return frozenset(entries(lang, name))


@cache
def entries(lang: str, name: str) -> tuple[str, ...]:
    """The entries of a list in file order (for lists where order or pairs matter)."""
    resource = resources.files(__package__).joinpath(lang, f"{name}.txt")
    if not resource.is_file():
        return ()
    out: list[str] = []
    for raw in resource.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        line = line.split(" #", 1)[0].rstrip()
        if line:
            out.append(line)
    return tuple(out)
