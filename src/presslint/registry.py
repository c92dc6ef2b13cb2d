"""Where rules come from, and which of them run.

Sources, in order: the built-in Python checks (an explicit list of modules),
the built-in rule files (``rules/``, shipped in the wheel), third-party rules
published under the ``presslint.rules`` entry-point group, and the rule
folders a configuration names. Codes and names must be unique across all.
"""

from __future__ import annotations

import importlib
import os
import sys
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any

from presslint.rule import Rule
from presslint.rulefiles import RuleFileError, load_rule_folder

ENTRY_POINT_GROUP = "presslint.rules"

# Python-coded rule families; each module exposes ``RULES``, a list of Rule objects.
BUILTIN_CHECK_MODULES: tuple[str, ...] = (
    "presslint.checks.languagetool",
    "presslint.checks.whitespace",
    "presslint.checks.scraping",
    "presslint.checks.consistency_marks",
    "presslint.checks.voice",
    "presslint.checks.names",
    "presslint.checks.capitals",
    "presslint.checks.editing",
    "presslint.checks.editing_blocks",
    "presslint.checks.punctuation",
    "presslint.checks.spacing",
)


class UnknownRuleError(Exception):
    """A selector (code, prefix or name) that matches no rule."""

    def __init__(self, selector: str) -> None:
        super().__init__(f"unknown rule code or name `{selector}` (see `presslint rules`)")
        self.selector = selector


def builtin_rules_dir() -> Path:
    """The built-in rule files: inside the installed package, or ``rules/`` of a source checkout."""
    packaged = Path(__file__).with_name("_rules")
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "rules"


def _as_rules(obj: Any, origin: str) -> list[Rule]:
    """Accept a Rule, an iterable of Rules, a callable returning either, or a folder of rule files."""
    if callable(obj) and not hasattr(obj, "meta"):
        obj = obj()
    if isinstance(obj, str | Path):
        return list(load_rule_folder(Path(obj)))
    if hasattr(obj, "meta") and hasattr(obj, "check"):
        return [obj]
    if isinstance(obj, Iterable):
        out: list[Rule] = []
        for item in obj:
            out.extend(_as_rules(item, origin))
        return out
    raise RuleFileError(f"{origin}: does not provide presslint rules")


class Registry:
    """All known rules, indexed by code and by name."""

    def __init__(self, rules: Iterable[Rule]) -> None:
        self.rules: list[Rule] = []
        self.by_code: dict[str, Rule] = {}
        self.by_name: dict[str, Rule] = {}
        for rule in rules:
            self.add(rule)

    def add(self, rule: Rule) -> None:
        meta = rule.meta
        for key, index in ((meta.code, self.by_code), (meta.name, self.by_name)):
            if key in index:
                other = index[key].meta.origin or index[key].meta.code
                raise RuleFileError(f"{meta.origin or meta.code}: duplicate rule `{key}` (also in {other})")
        self.by_code[meta.code] = rule
        self.by_name[meta.name] = rule
        self.rules.append(rule)

    def match(self, selector: str) -> list[Rule]:
        """Rules that a selector names: ALL, a code, a code prefix, or a kebab-case name."""
        if selector == "ALL":
            return list(self.rules)
        if selector in self.by_name:
            return [self.by_name[selector]]
        found = [r for r in self.rules if r.meta.code.startswith(selector)]
        if not found:
            raise UnknownRuleError(selector)
        return found

    def select(
        self,
        select: Iterable[str] | None = None,
        ignore: Iterable[str] = (),
        extend_select: Iterable[str] = (),
    ) -> list[Rule]:
        """The rules that run: ``select`` (or every rule on by default), plus ``extend_select``, less ``ignore``."""
        if select is None:
            chosen = {r.meta.code for r in self.rules if r.meta.default_enabled}
        else:
            chosen = {r.meta.code for s in select for r in self.match(s)}
        chosen |= {r.meta.code for s in extend_select for r in self.match(s)}
        chosen -= {r.meta.code for s in ignore for r in self.match(s)}
        return [r for r in self.rules if r.meta.code in chosen]

    def validate(self, selectors: Iterable[str]) -> None:
        for s in selectors:
            self.match(s)


def _builtin_python_rules() -> list[Rule]:
    rules: list[Rule] = []
    for name in BUILTIN_CHECK_MODULES:
        module = importlib.import_module(name)
        rules.extend(module.RULES)
    return rules


def _may_have_plugins(group: str) -> bool:
    """False only if no installed distribution declares the entry-point group.

    Reading every distribution's metadata through ``importlib.metadata`` costs
    more than the rest of a one-file check's start-up; a plain look at the
    ``entry_points.txt`` files answers the common case (no plugins) in a
    fraction of that. Anything unusual on ``sys.path`` (a zip, an egg) means
    "maybe", and the full lookup runs.
    """
    marker = group
    for entry in sys.path:
        folder = entry or "."
        if not os.path.isdir(folder):
            if os.path.exists(folder):
                return True  # a zip file on the path: let importlib.metadata read it
            continue
        try:
            names = os.listdir(folder)
        except OSError:
            continue
        for name in names:
            if name.endswith(".egg"):
                return True
            if not name.endswith((".dist-info", ".egg-info")):
                continue
            try:
                with open(os.path.join(folder, name, "entry_points.txt"), encoding="utf-8") as fh:
                    if marker in fh.read():
                        return True
            except OSError:
                continue
    return False


def entry_points(*, group: str) -> Iterable[Any]:
    """The installed entry points of ``group`` (none without a metadata scan when no file names it)."""
    if not _may_have_plugins(group):
        return ()
    from importlib.metadata import entry_points as metadata_entry_points

    return metadata_entry_points(group=group)


def _entry_point_rules() -> list[Rule]:
    rules: list[Rule] = []
    for ep in entry_points(group=ENTRY_POINT_GROUP):
        try:
            obj = ep.load()
        except Exception as exc:  # a broken plugin must not take presslint down
            raise RuleFileError(f"plugin `{ep.name}` ({ep.value}): cannot be loaded ({exc})") from None
        rules.extend(_as_rules(obj, f"plugin `{ep.name}`"))
    return rules


@cache
def load_registry(rule_folders: tuple[str, ...] = ()) -> Registry:
    """Every rule: built-in, plugins, and the given extra rule folders (absolute paths)."""
    registry = Registry(_builtin_python_rules())
    for rule in load_rule_folder(builtin_rules_dir(), compile_now=False):  # compiled by the test suite
        registry.add(rule)
    for rule in _entry_point_rules():
        registry.add(rule)
    for folder in rule_folders:
        for rule in load_rule_folder(Path(folder)):
            registry.add(rule)
    return registry
