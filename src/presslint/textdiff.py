"""The unified diff that ``--diff`` prints: what ``--fix`` would change, and nothing else.

``difflib`` leaves out the ``\\ No newline at end of file`` marker, without
which a patch tool would add a final newline the file never had; it is added
here. Lines keep their own endings, so a CRLF file shows (and patches back) as
CRLF.
"""

from __future__ import annotations

import difflib

NO_NEWLINE = "\\ No newline at end of file\n"


def _lines(text: str) -> list[str]:
    """Lines split at LF only: a line separator or form feed inside a line is not a line break."""
    parts = text.split("\n")
    lines = [p + "\n" for p in parts[:-1]]
    if parts[-1]:
        lines.append(parts[-1])
    return lines


def unified_diff(before: str, after: str, path: str, context: int = 3) -> str:
    """The unified diff turning ``before`` into ``after``, labelled ``a/path`` and ``b/path``."""
    out: list[str] = []
    for line in difflib.unified_diff(
        _lines(before),
        _lines(after),
        fromfile=f"a/{path}",
        tofile=f"b/{path}",
        n=context,
    ):
        if line.endswith("\n"):
            out.append(line)
        else:  # the last line of a text without a final newline
            out.append(line + "\n")
            out.append(NO_NEWLINE)
    return "".join(out)
