"""Configuration: discovery, validation and the resolved Settings that rules read.

Config lives in ``presslint.toml``, ``.presslint.toml`` or ``[tool.presslint]``
of ``pyproject.toml``, found from the checked file's folder upwards (the first
one found wins, no merging across levels); ``--config`` overrides discovery.
Every key is declared here with its type, so an unknown or mistyped key is an
error naming the key and the file.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field, fields, replace
from functools import cache
from pathlib import Path
from typing import Any

from presslint.diagnostics import Severity

CONFIG_FILES = ("presslint.toml", ".presslint.toml", "pyproject.toml")
DEFAULT_INCLUDE = ("*.txt", "*.md", "*.markdown", "*.html", "*.htm")


class ConfigError(Exception):
    """A configuration problem; its message names the file and the key."""


@dataclass(frozen=True, slots=True)
class StyleSettings:
    """House-style choices. Defaults flag only what is inconsistent or certainly wrong."""

    french_spacing: str = "consistent"  # strict | consistent | off
    quotes: str = "consistent"  # consistent | straight | curly | off
    apostrophe: str = "consistent"  # consistent | straight | curly | off
    ellipsis: str = "consistent"  # consistent | dots | character | off
    accent_capitals: str = "consistent"  # consistent | required | off
    allow_doubled_marks: bool = False  # `!!` and `??`
    voice: str = "auto"  # auto | third | first
    canonical_names: tuple[str, ...] = ()
    names_file: str | None = None


@dataclass(frozen=True, slots=True)
class LanguageToolSettings:
    """How to reach LanguageTool and which of its rules to use (off by default)."""

    enabled: bool = False
    url: str | None = None
    public_api: bool = False
    local: bool = True
    disabled_rules: tuple[str, ...] | None = None  # None: the documented default list
    enabled_rules: tuple[str, ...] = ()
    timeout: float = 20.0
    max_parallel: int = 4
    chunk_size: int = 20000
    cache: bool = True
    cache_dir: str | None = None
    mother_tongue: str | None = None


@dataclass(frozen=True, slots=True)
class Settings:
    """Everything a check reads from the configuration, resolved and validated."""

    lang: str = "auto"
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    severity: tuple[tuple[str, Severity], ...] = ()
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    include: tuple[str, ...] = DEFAULT_INCLUDE
    exclude: tuple[str, ...] = ()
    # Apply `exclude` to files named on the command line too (as pre-commit names them).
    force_exclude: bool = False
    rule_folders: tuple[str, ...] = ()
    max_fix_passes: int = 10
    style: StyleSettings = field(default_factory=StyleSettings)
    languagetool: LanguageToolSettings = field(default_factory=LanguageToolSettings)
    # Where the settings came from (a path), for messages; and the folder that relative paths start from.
    origin: str | None = None
    root: str | None = None

    def with_overrides(self, **changes: Any) -> Settings:
        """These settings with the given values (None: unchanged); the same object when nothing changes."""
        given = {k: v for k, v in changes.items() if v is not None}
        return replace(self, **given) if given else self


# --------------------------------------------------------------------------- validation

_CHOICES: dict[str, tuple[str, ...]] = {
    "lang": ("auto", "fr", "en"),
    "french-spacing": ("strict", "consistent", "off"),
    "quotes": ("consistent", "straight", "curly", "off"),
    "apostrophe": ("consistent", "straight", "curly", "off"),
    "ellipsis": ("consistent", "dots", "character", "off"),
    "accent-capitals": ("consistent", "required", "off"),
    "voice": ("auto", "third", "first"),
}


def _kebab(name: str) -> str:
    return name.replace("_", "-")


def _check_type(where: str, key: str, value: Any, expected: Any) -> Any:
    def fail(kind: str) -> ConfigError:
        return ConfigError(f"{where}: `{key}` must be {kind}, not {value!r}")

    if key in _CHOICES:
        if value not in _CHOICES[key]:
            raise ConfigError(f"{where}: `{key}` must be one of {', '.join(_CHOICES[key])}, not {value!r}")
        return value
    if expected is bool:
        if not isinstance(value, bool):
            raise fail("true or false")
        return value
    if expected is int:
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise fail("a positive integer")
        return value
    if expected is float:
        if isinstance(value, bool) or not isinstance(value, int | float) or value <= 0:
            raise fail("a positive number")
        return float(value)
    if expected in ("str", "str|None"):
        if not isinstance(value, str):
            raise fail("a string")
        return value
    if expected in ("list", "list|None"):
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise fail("a list of strings")
        return tuple(value)
    raise AssertionError(expected)  # pragma: no cover


def _field_kinds(cls: type) -> dict[str, Any]:
    kinds: dict[str, Any] = {}
    for f in fields(cls):
        t = str(f.type)
        if t == "bool":
            kinds[_kebab(f.name)] = bool
        elif t == "int":
            kinds[_kebab(f.name)] = int
        elif t == "float":
            kinds[_kebab(f.name)] = float
        elif t.startswith("tuple[str, ...]"):
            kinds[_kebab(f.name)] = "list"
        elif t.startswith("str"):
            kinds[_kebab(f.name)] = "str"
    return kinds


_STYLE_KINDS = _field_kinds(StyleSettings)
_LT_KINDS = _field_kinds(LanguageToolSettings)
_TOP_KINDS = {
    "lang": "str",
    "select": "list",
    "ignore": "list",
    "extend-select": "list",
    "include": "list",
    "exclude": "list",
    "force-exclude": bool,
    "rule-folders": "list",
    "max-fix-passes": int,
}
_TABLES = ("severity", "per-file-ignores", "style", "languagetool")


def settings_from_mapping(data: dict[str, Any], where: str, root: Path | None = None) -> Settings:
    """Validate a config table (already parsed TOML) into Settings."""
    top: dict[str, Any] = {}
    for key, value in data.items():
        if key in _TOP_KINDS:
            top[key.replace("-", "_")] = _check_type(where, key, value, _TOP_KINDS[key])
        elif key == "severity":
            if not isinstance(value, dict):
                raise ConfigError(f"{where}: `severity` must be a table of rule = level")
            levels = []
            for rule, level in value.items():
                if level not in ("error", "warning", "info"):
                    raise ConfigError(f"{where}: `severity.{rule}` must be error, warning or info, not {level!r}")
                levels.append((rule, Severity(level)))
            top["severity"] = tuple(levels)
        elif key == "per-file-ignores":
            if not isinstance(value, dict):
                raise ConfigError(f"{where}: `per-file-ignores` must be a table of glob = [codes]")
            top["per_file_ignores"] = tuple(
                (glob, _check_type(where, f"per-file-ignores.{glob}", codes, "list")) for glob, codes in value.items()
            )
        elif key == "style":
            top["style"] = _sub_settings(StyleSettings, _STYLE_KINDS, value, where, "style")
        elif key == "languagetool":
            top["languagetool"] = _sub_settings(LanguageToolSettings, _LT_KINDS, value, where, "languagetool")
        else:
            known = ", ".join(sorted([*_TOP_KINDS, *_TABLES]))
            raise ConfigError(f"{where}: unknown key `{key}` (known keys: {known})")
    if root is not None:
        top["root"] = str(root)
    top["origin"] = where
    return Settings(**top)


def _sub_settings(cls: type, kinds: dict[str, Any], value: Any, where: str, table: str) -> Any:
    if not isinstance(value, dict):
        raise ConfigError(f"{where}: `{table}` must be a table")
    kwargs: dict[str, Any] = {}
    for key, item in value.items():
        if key not in kinds:
            raise ConfigError(f"{where}: unknown key `{table}.{key}` (known keys: {', '.join(sorted(kinds))})")
        kwargs[key.replace("-", "_")] = _check_type(where, key, item, kinds[key])
    return cls(**kwargs)


# --------------------------------------------------------------------------- files


def load_config_file(path: Path) -> Settings:
    """Settings from one config file (a pyproject.toml without [tool.presslint] gives defaults)."""
    try:
        raw = path.read_bytes().decode("utf-8")
        data = tomllib.loads(raw)
    except FileNotFoundError:
        raise ConfigError(f"{path}: config file not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read config file ({exc})") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML ({exc})") from None
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("presslint", {})
        if not isinstance(data, dict):
            raise ConfigError(f"{path}: [tool.presslint] must be a table")
    return settings_from_mapping(data, str(path), root=path.parent.resolve())


def _has_presslint_table(path: Path) -> bool:
    try:
        return b"[tool.presslint" in path.read_bytes()
    except OSError:
        return False


@cache
def find_config_file(directory: Path) -> Path | None:
    """The nearest config file from ``directory`` upwards, or None."""
    for folder in (directory, *directory.parents):
        for name in CONFIG_FILES:
            candidate = folder / name
            if candidate.is_file() and (name != "pyproject.toml" or _has_presslint_table(candidate)):
                return candidate
    return None


@cache
def _settings_for_file(config_file: Path | None) -> Settings:
    return load_config_file(config_file) if config_file else Settings()


def discover_settings(target: Path) -> Settings:
    """Settings for a checked file or folder: its nearest config, or the defaults."""
    directory = target if target.is_dir() else target.parent
    try:
        directory = directory.resolve()
    except OSError:
        pass
    return _settings_for_file(find_config_file(directory))
