"""The ``presslint names`` command: list the names of articles with their spellings.

For an editor to review a story's names at a glance, or to seed the house list
(``style.names-file``) from a corpus of checked copy.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from presslint.api import Linter
from presslint.config import ConfigError, Settings, discover_settings, load_config_file
from presslint.formats import format_for_path
from presslint.names import name_report
from presslint.sourcefile import InputError, read_source
from presslint.walk import WalkError, iter_targets


def _settings(config: Path | None, first_path: str) -> Settings:
    if config is not None:
        return load_config_file(config)
    return discover_settings(Path(first_path))


def run_names(paths: list[str], *, lang: str | None, output_format: str, config: Path | None) -> int:
    """Print the names of each file; 0 on success, 2 if a file or the configuration could not be read."""
    try:
        settings = _settings(config, paths[0])
    except ConfigError as exc:
        sys.stderr.write(f"presslint: error: {exc}\n")
        return 2
    linter = Linter(settings)
    status = 0
    results: list[dict[str, object]] = []
    for target in iter_targets(paths, settings.include, settings.exclude):
        if isinstance(target, WalkError):
            sys.stderr.write(f"presslint: error: {target.message}\n")
            status = 2
            continue
        try:
            src = read_source(target)
        except InputError as exc:
            sys.stderr.write(f"presslint: error: {exc}\n")
            status = 2
            continue
        doc = linter.document(src.text, path=str(target), fmt=format_for_path(str(target)), lang=lang)
        results.append({"path": str(target), "lang": doc.lang, "names": name_report(doc)})
    if output_format == "json":
        sys.stdout.write(json.dumps(results, ensure_ascii=False, indent=2) + "\n")
    else:
        sys.stdout.write(_as_text(results))
    return status


def _as_text(results: list[dict[str, object]]) -> str:
    lines: list[str] = []
    for result in results:
        lines.append(f"{result['path']}")
        names = result["names"]
        assert isinstance(names, list)
        for name in names:
            flag = "  ! spelled two ways" if name["variants"] else ""
            lines.append(f"  {name['name']}  ({name['count']}){flag}")
            for spelling in name["spellings"]:
                where = ", ".join(str(n) for n in spelling["lines"])
                lines.append(f"      {spelling['count']:>3}  {spelling['spelling']}  (line {where})")
    return "\n".join(lines) + ("\n" if lines else "")
