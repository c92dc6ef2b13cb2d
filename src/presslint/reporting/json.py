"""``json``: one array of diagnostic objects; ``jsonl``: the same objects one per line."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TYPE_CHECKING, TextIO

from presslint.diagnostics import FileReport

if TYPE_CHECKING:
    from presslint.reporting import ReportOptions


def render(reports: Sequence[FileReport], stream: TextIO, options: ReportOptions) -> None:
    """Write each diagnostic as it is serialised: a large run's objects are never all held at once."""
    diagnostics = (d for r in reports for d in r.diagnostics)
    if options.format == "jsonl":
        for d in diagnostics:
            stream.write(json.dumps(d.to_dict(), ensure_ascii=False) + "\n")
        return
    # The layout of `json.dump(array, indent=2)`, one element at a time: an element's own lines are
    # indented one level further (a JSON string holds no raw line break, so every "\n" is layout).
    first = True
    for d in diagnostics:
        element = json.dumps(d.to_dict(), ensure_ascii=False, indent=2).replace("\n", "\n  ")
        stream.write(("[\n  " if first else ",\n  ") + element)
        first = False
    stream.write("[]\n" if first else "\n]\n")
