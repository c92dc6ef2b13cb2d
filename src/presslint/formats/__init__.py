"""Input formats: each turns a decoded source text into a ProseView.

The parsers for Markdown and HTML are imported only when a file of that format
is read, so checking plain text never pays for them.
"""

from __future__ import annotations

import importlib
from pathlib import PurePath

from presslint.formats.prose import ProseView

# format name -> (module, function) building its ProseView
_READERS: dict[str, tuple[str, str]] = {
    "txt": ("presslint.formats.plain", "read_plain"),
    "md": ("presslint.formats.markdown", "read_markdown"),
    "html": ("presslint.formats.html", "read_html"),
}
EXTENSIONS: dict[str, str] = {
    ".txt": "txt",
    ".text": "txt",
    ".md": "md",
    ".markdown": "md",
    ".html": "html",
    ".htm": "html",
}
FORMATS = tuple(_READERS)


def format_for_path(path: str | PurePath | None, override: str | None = None) -> str:
    """The format named by ``override``, else by the file's extension, else plain text."""
    if override:
        return override
    if path is None:
        return "txt"
    return EXTENSIONS.get(PurePath(path).suffix.lower(), "txt")


def build_view(source: str, fmt: str) -> ProseView:
    module_name, function = _READERS[fmt]
    reader = getattr(importlib.import_module(module_name), function)
    view: ProseView = reader(source)
    return view
