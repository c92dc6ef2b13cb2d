"""Declarative rules: one TOML file per rule, compiled into Rule objects.

A rule file names its code, name, message, languages, a ``regex`` pattern and
optionally a replacement with its applicability, plus the examples that are
its tests. Anything wrong with a file (invalid TOML, an unknown key, a pattern
that does not compile) is a RuleFileError naming the file and the problem.

``requires`` lists strings of which a text must hold one for the pattern to be
tried at all (`["\t"]` for a rule about tabs): a search for a few literal
strings is far cheaper than a pattern, and a rule whose pattern is never tried
is never compiled. The patterns of the built-in rules, which the test suite
compiles, are compiled on first use; a user's are compiled on loading, so that
a mistake is reported at once.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

import regex

from presslint.diagnostics import Applicability, Severity
from presslint.rule import BadExample, Finding, GoodExample, RuleMeta
from presslint.timed_regex import budget_for

if TYPE_CHECKING:
    from presslint.config import Settings
    from presslint.document import Document

# Shapes of the file's own fields: plain ASCII, so the standard library's `re` (already loaded) does.
CODE_SHAPE = re.compile(r"^[A-Z]{2,4}[0-9]{3}$")
NAME_SHAPE = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")
_GROUP_REFERENCE = re.compile(r"\\g<([^>]*)>|\\(\d+)")
SCOPES = ("anywhere", "outside-quotations")

_KEYS = {
    "code", "name", "summary", "description", "message", "languages", "severity", "default",
    "pattern", "ignore-case", "replacement", "fix", "scope", "requires", "bad", "good",
}
_PLACEHOLDER = re.compile(r"\{(match|\d+|[A-Za-z_][A-Za-z0-9_]*)\}")
_FLAGS = regex.VERSION1 | regex.MULTILINE


class RuleFileError(Exception):
    """A rule file that cannot be used; the message names the file."""


class PatternRule:
    """A rule compiled from a TOML file: every match of its pattern is a finding."""

    def __init__(self, meta: RuleMeta, pattern: regex.Pattern[str] | tuple[str, int], message: str,
                 replacement: str | None, scope: str, requires: tuple[str, ...] = ()) -> None:
        """``pattern`` is compiled, or (source, flags) to compile on first use."""
        self.meta = meta
        if isinstance(pattern, tuple):
            self._source = pattern
        else:
            self.pattern = pattern
        self.message = message
        self.replacement = replacement
        self.scope = scope
        self.requires = requires

    @cached_property
    def pattern(self) -> regex.Pattern[str]:
        source, flags = self._source
        return regex.compile(source, flags)

    def check(self, doc: Document, settings: Settings) -> Iterator[Finding]:
        if self.requires and not any(literal in doc.text for literal in self.requires):
            return
        applicability = self.meta.fixable or Applicability.SAFE
        # Over its time budget the pattern raises TimeoutError: the engine reports ENG001.
        for m in self.pattern.finditer(doc.text, timeout=budget_for(doc.text)):
            start, end = m.span()
            if self.scope == "outside-quotations" and doc.in_quotation(start, end):
                continue
            edits: tuple[tuple[int, int, str], ...] = ()
            if self.replacement is not None:
                edits = ((start, end, m.expand(self.replacement)),)
            yield Finding(start, end, _render(self.message, m), edits, applicability)


def _render(template: str, m: regex.Match[str]) -> str:
    def sub(p: regex.Match[str]) -> str:
        key = p.group(1)
        if key == "match":
            return m.group()
        try:
            value = m.group(int(key) if key.isdigit() else key)
        except (IndexError, regex.error):
            return p.group()
        return value or ""

    return _PLACEHOLDER.sub(sub, template)  # type: ignore[arg-type]


def _examples(data: Any, path: Path, key: str) -> list[dict[str, Any]]:
    if data is None:
        return []
    if not isinstance(data, list):
        raise RuleFileError(f"{path}: `{key}` must be an array of examples")
    out = []
    for item in data:
        if isinstance(item, str):
            item = {"text": item}
        if not isinstance(item, dict) or not isinstance(item.get("text"), str):
            raise RuleFileError(f"{path}: every `{key}` example needs a `text` string")
        unknown = set(item) - {"text", "fixed", "lang"}
        if unknown:
            raise RuleFileError(f"{path}: unknown key `{sorted(unknown)[0]}` in a `{key}` example")
        out.append(item)
    return out


def _check_group_references(path: Path, pattern: regex.Pattern[str], replacement: str) -> None:
    for ref in _GROUP_REFERENCE.findall(replacement):
        group = ref[0] or ref[1]
        known = group in pattern.groupindex or (group.isdigit() and int(group) <= pattern.groups)
        if not known:
            raise RuleFileError(f"{path}: replacement refers to group `{group}`, which the pattern lacks")


def load_rule_file(path: Path, *, compile_now: bool = True) -> PatternRule:
    """The rule of one file; ``compile_now=False`` (built-in, tested files) defers compiling its pattern."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise RuleFileError(f"{path}: invalid TOML ({exc})") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise RuleFileError(f"{path}: cannot read rule file ({exc})") from None
    unknown = set(data) - _KEYS
    if unknown:
        raise RuleFileError(f"{path}: unknown key `{sorted(unknown)[0]}` (known keys: {', '.join(sorted(_KEYS))})")
    for required in ("code", "name", "message", "pattern"):
        if not isinstance(data.get(required), str) or not data[required]:
            raise RuleFileError(f"{path}: `{required}` is required and must be a string")
    code, name = data["code"], data["name"]
    if not CODE_SHAPE.match(code):
        raise RuleFileError(f"{path}: code `{code}` must be 2-4 capital letters and 3 digits, like PUN101")
    if not NAME_SHAPE.match(name):
        raise RuleFileError(f"{path}: name `{name}` must be kebab-case, like doubled-punctuation")
    flags = _FLAGS
    if data.get("ignore-case", False):
        flags |= regex.IGNORECASE
    replacement = data.get("replacement")
    fix = data.get("fix")
    pattern: regex.Pattern[str] | tuple[str, int] = (data["pattern"], flags)
    if compile_now:
        try:
            pattern = regex.compile(data["pattern"], flags)
        except regex.error as exc:
            raise RuleFileError(f"{path}: pattern does not compile ({exc})") from None
    requires = data.get("requires", [])
    if not isinstance(requires, list) or not all(isinstance(x, str) and x for x in requires):
        raise RuleFileError(f"{path}: `requires` must be a list of non-empty strings")
    if replacement is not None:
        if not isinstance(replacement, str):
            raise RuleFileError(f"{path}: `replacement` must be a string")
        if fix not in ("safe", "unsafe"):
            raise RuleFileError(f"{path}: a rule with a `replacement` needs `fix = \"safe\"` or `\"unsafe\"`")
        if not isinstance(pattern, tuple):  # compiled now: its groups can be checked
            _check_group_references(path, pattern, replacement)
    elif fix is not None:
        raise RuleFileError(f"{path}: `fix` given without a `replacement`")
    severity = data.get("severity", "warning")
    if severity not in ("error", "warning", "info"):
        raise RuleFileError(f"{path}: severity must be error, warning or info")
    scope = data.get("scope", "anywhere")
    if scope not in SCOPES:
        raise RuleFileError(f"{path}: scope must be one of {', '.join(SCOPES)}")
    languages = data.get("languages", ["fr", "en"])
    if not isinstance(languages, list) or not all(isinstance(x, str) for x in languages):
        raise RuleFileError(f"{path}: `languages` must be a list like [\"fr\", \"en\"]")
    bad = [
        BadExample(e["text"], e.get("fixed"), e.get("lang")) for e in _examples(data.get("bad"), path, "bad")
    ]
    good = [GoodExample(e["text"], e.get("lang")) for e in _examples(data.get("good"), path, "good")]
    if replacement is not None and any(b.fixed is None for b in bad):
        raise RuleFileError(f"{path}: every `bad` example of a fixable rule needs its `fixed` text")
    meta = RuleMeta(
        code=code,
        name=name,
        summary=str(data.get("summary", data["message"])),
        description=str(data.get("description", "")),
        languages=tuple(languages),
        severity=Severity(severity),
        fixable=Applicability(fix) if fix else None,
        default_enabled=bool(data.get("default", True)),
        bad_examples=tuple(bad),
        good_examples=tuple(good),
        origin=str(path),
    )
    return PatternRule(meta, pattern, data["message"], replacement, scope, tuple(requires))


def load_rule_folder(folder: Path, *, compile_now: bool = True) -> list[PatternRule]:
    """Every ``*.toml`` below ``folder``, in a stable order."""
    if not folder.is_dir():
        raise RuleFileError(f"{folder}: rule folder not found")
    return [load_rule_file(p, compile_now=compile_now) for p in sorted(folder.rglob("*.toml"))]
