"""JSONL batches for data pipelines: one article per line, one diagnostic record per problem.

Each input line is a JSON object; ``text_field`` holds the article and
``id_field`` its identifier, which every diagnostic carries under ``id``.
Diagnostics' offsets, lines and columns are relative to the article text.
With ``--fix`` the records are written back with their text fixed and every
other field, the key order and any malformed line kept exactly as they were.
Records are checked in worker processes with ``--jobs``, like files.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from typing import Any, NamedTuple

from presslint.api import FileOptions, check_source
from presslint.config import Settings
from presslint.diagnostics import FileReport
from presslint.sourcefile import SourceFile


@dataclass(slots=True)
class BatchOutcome:
    """The reports of a JSONL batch, its malformed lines and, with --fix, the fixed records."""

    reports: list[FileReport] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # malformed lines, one message each
    fixed_text: str | None = None  # the whole JSONL text with fixed records (with --fix)
    fixed: int = 0


def _split_lines(text: str) -> Iterator[tuple[int, str, str]]:
    """(line number, content, line ending) for each line of the JSONL text."""
    number = 0
    for raw in text.splitlines(keepends=True):
        number += 1
        content = raw.rstrip("\r\n")
        yield number, content, raw[len(content):]


class _Record(NamedTuple):
    """An article line of the batch: where it is, what it holds, and how it ends."""

    number: int
    content: str
    ending: str
    record: dict[str, Any]
    record_id: Any


def _check_record(task: tuple[SourceFile, Settings, FileOptions]) -> FileReport:
    """One record's check, in this process or a worker."""
    src, settings, options = task
    return check_source(src, settings, options, src.path)


def check_jsonl(
    src: SourceFile,
    settings: Settings,
    options: FileOptions,
    text_field: str,
    id_field: str | None,
    *,
    jobs: int = 1,
    on_done: Callable[[FileReport], None] | None = None,
) -> BatchOutcome:
    """Check every record of a JSONL text; ``jobs`` worker processes share the records."""
    outcome = BatchOutcome()
    lines: list[_Record | str] = []  # a record to check, or a line passed through as it is
    for number, content, ending in _split_lines(src.text):
        if not content.strip():
            lines.append(content + ending)
            continue
        where = f"{src.path}:{number}"
        try:
            record: Any = json.loads(content)
        except json.JSONDecodeError as exc:
            outcome.errors.append(f"{where}: malformed JSON ({exc.msg} at column {exc.colno}), line skipped")
            lines.append(content + ending)
            continue
        if not isinstance(record, dict) or not isinstance(record.get(text_field), str):
            outcome.errors.append(f"{where}: no string field `{text_field}`, line skipped")
            lines.append(content + ending)
            continue
        record_id = record.get(id_field) if id_field else None
        lines.append(_Record(number, content, ending, record, number if record_id is None else record_id))
    from presslint.parallel import map_in_order

    record_options = options._replace(fmt=options.fmt if options.fmt in ("txt", "md", "html") else "txt",
                                      show_source=False)
    records = [line for line in lines if isinstance(line, _Record)]
    tasks = [(SourceFile(src.path, r.record[text_field], "utf-8"), settings, record_options) for r in records]
    reports = iter(list(map_in_order(_check_record, tasks, jobs, on_done)))  # to the end: the pool shuts down there
    out_lines: list[str] = []
    for line in lines:
        if isinstance(line, str):
            out_lines.append(line)
            continue
        report = next(reports)
        extra = {"id": line.record_id, "record_line": line.number}
        report.diagnostics = [replace(d, extra={**d.extra, **extra}) for d in report.diagnostics]
        outcome.reports.append(report)
        if report.fixed_text is not None:
            outcome.fixed += report.fixed
            line.record[text_field] = report.fixed_text
            out_lines.append(json.dumps(line.record, ensure_ascii=False) + line.ending)
        else:
            out_lines.append(line.content + line.ending)
    if options.fix:
        new_text = "".join(out_lines)
        if new_text != src.text:
            outcome.fixed_text = new_text
    return outcome
