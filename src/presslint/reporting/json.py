"""``json``: one array of diagnostic objects; ``jsonl``: the same objects one per line."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TYPE_CHECKING, TextIO

from presslint.diagnostics import FileReport

if TYPE_CHECKING:
    from presslint.reporting import ReportOptions


def render(reports: Sequence[FileReport], stream: TextIO, options: ReportOptions) -> None:
    objects = [d.to_dict() for r in reports for d in r.diagnostics]
    if options.format == "jsonl":
        for obj in objects:
            stream.write(json.dumps(obj, ensure_ascii=False) + "\n")
    else:
        json.dump(objects, stream, ensure_ascii=False, indent=2)
        stream.write("\n")
