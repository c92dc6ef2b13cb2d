'''``presslint init``: a commented starter configuration, and the pre-commit snippet.

The starter file states every house-style choice with its default value, so a
desk sees what it can change; optional keys are written commented out as
``#key = value`` (no space after ``#``) so that removing the ``#`` is all it
takes to use them.
'''

from __future__ import annotations

from pathlib import Path

from presslint.config import CONFIG_FILES, DEFAULT_INCLUDE

CONFIG_NAME = "presslint.toml"
LANGS = ("auto", "fr", "en")

# The same article files as the hooks in .pre-commit-hooks.yaml.
HOOK_FILES = r"\.(md|markdown|txt|html?)$"
HOOK_EXCLUDE = r"(^|/)(requirements[^/]*|constraints[^/]*|CMakeLists|robots)\.txt$"

TEMPLATE = """\
# presslint configuration: this newsroom's house style.
# presslint uses the nearest presslint.toml (or .presslint.toml, or [tool.presslint] in
# pyproject.toml) from each checked file's folder upwards; unknown keys are errors.
# Lines written `#key = value` are examples: remove the `#` to use them.

# Language of the articles: "auto" (detected for each article), "fr" or "en".
lang = "{lang}"

# Which rules run. Selectors are codes ("PUN101"), code prefixes ("PUN", "TYP2"),
# names ("doubled-punctuation") or "ALL"; without `select`, every rule that is on by
# default runs. `presslint rules` lists them all.
#select = ["ALL"]
ignore = []
# Rules that are off by default and that this desk wants.
extend-select = []

# Files checked when a folder is given (files named on the command line are always checked,
# unless `force-exclude` is true or `--force-exclude` is given, as the pre-commit hook does).
include = [{include}]
#exclude = ["archives/*", "drafts/*"]
#force-exclude = true

# Folders of the desk's own rule files (TOML), relative to this file.
#rule-folders = ["house-rules"]

# Passes of `--fix` before giving up on fixes that keep changing the text.
max-fix-passes = 10

[style]
# French spacing before ; : ! ? » and after «. "consistent": flag an article that
# mixes spacing styles; "strict": require the French typographic spaces everywhere;
# "off": do not check.
french-spacing = "consistent"
# Accents on capitals (État, À Paris). "consistent": flag an article that writes both
# Etat and État; "required": flag every capital missing its accent; "off".
accent-capitals = "consistent"
# Quotation marks: "consistent" (one style per article), "straight", "curly" or "off".
quotes = "consistent"
# Apostrophes: "consistent", "straight" (') , "curly" (’) or "off".
apostrophe = "consistent"
# Ellipses: "consistent", "dots" (...), "character" (…) or "off".
ellipsis = "consistent"
# Accept `!!` and `??` as a house style.
allow-doubled-marks = false
# Voice: "auto" (decided for each article), "third" (news in the third person: flag
# first-person slips outside quotations) or "first" (columns and diaries).
voice = "auto"
# Names as the desk spells them; variants of them in an article are flagged.
canonical-names = []
# Or a file of such names, one a line, relative to this file.
#names-file = "names.txt"

[severity]
# A rule's level for this desk: "error", "warning" or "info".
#PUN101 = "error"

[per-file-ignores]
# Rules skipped for some files: a glob relative to this file = the rules to skip.
#"opinion/*" = ["VOI"]

# Grammar and spelling by LanguageTool: off unless enabled here (see the documentation).
#[languagetool]
#enabled = true
#url = "http://localhost:8081"
#local = false
#timeout = 20
"""

PRE_COMMIT_SNIPPET = f"""\
# .pre-commit-config.yaml: check articles before each commit with the presslint
# installed on this machine. Use `presslint check --fix` as the entry to fix instead.
repos:
  - repo: local
    hooks:
      - id: presslint
        name: presslint
        entry: presslint check --force-exclude
        language: system
        types: [text]
        files: {HOOK_FILES}
        exclude: {HOOK_EXCLUDE}
"""


class InitError(Exception):
    """The starter file cannot be written; the message is one line."""


def starter_config(lang: str = "auto") -> str:
    """The text of the starter ``presslint.toml``."""
    if lang not in LANGS:
        raise InitError(f"--lang must be auto, fr or en, not {lang!r}")
    include = ", ".join(f'"{pattern}"' for pattern in DEFAULT_INCLUDE)
    return TEMPLATE.format(lang=lang, include=include)


def existing_config(folder: Path) -> Path | None:
    """A presslint config already in ``folder`` (a pyproject.toml only if it has [tool.presslint])."""
    for name in CONFIG_FILES:
        candidate = folder / name
        if candidate.is_file():
            if name != "pyproject.toml":
                return candidate
            try:
                if b"[tool.presslint" in candidate.read_bytes():
                    return candidate
            except OSError:
                continue
    return None


def write_starter_config(folder: Path, lang: str = "auto") -> Path:
    """Write ``folder/presslint.toml``; never over an existing configuration."""
    text = starter_config(lang)
    if not folder.is_dir():
        raise InitError(f"{folder}: no such folder")
    found = existing_config(folder)
    if found is not None:
        raise InitError(f"{found}: a presslint configuration already exists; not overwriting it")
    target = folder / CONFIG_NAME
    try:
        with target.open("x", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
    except FileExistsError:
        raise InitError(f"{target}: already exists; not overwriting it") from None
    except OSError as exc:
        raise InitError(f"{target}: cannot write ({exc.strerror})") from None
    return target
