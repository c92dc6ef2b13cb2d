"""The Python API: lint and fix text or files. The CLI, the language server and users all call this.

``lint`` and ``fix`` take a string and return plain, picklable values;
``Linter`` is the reusable object behind them (rules selected once, then
applied to many documents), and ``check_file`` is what the CLI runs per file.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from fnmatch import fnmatch
from functools import cache
from pathlib import Path, PurePath
from typing import TYPE_CHECKING, Any, NamedTuple

from presslint.config import ConfigError, Settings, load_config_file, settings_from_mapping
from presslint.diagnostics import Diagnostic, FileReport
from presslint.document import Document
from presslint.engine import CheckResult, check_document, fixable
from presslint.formats import build_view, format_for_path
from presslint.registry import load_registry
from presslint.rule import Rule
from presslint.sourcefile import ChangedOnDisk, InputError, SourceFile, WriteError, read_source, write_source

if TYPE_CHECKING:  # the fix loop is imported only when a fix is asked for: `check` does not need it
    from presslint.fixer import FixOutcome


class FixResult(NamedTuple):
    """What ``fix`` returns: the fixed text, what was fixed, and what remains."""

    text: str
    fixed: tuple[Diagnostic, ...] = ()
    remaining: tuple[Diagnostic, ...] = ()
    converged: bool = True

    @property
    def changed(self) -> bool:
        return bool(self.fixed)


def _resolve_settings(config: Settings | Mapping[str, Any] | str | PurePath | None) -> Settings:
    if config is None:
        return Settings()
    if isinstance(config, Settings):
        return config
    if isinstance(config, str | PurePath):
        return load_config_file(Path(config))
    return settings_from_mapping(dict(config), "<config>")


class Linter:
    """Rules selected once from Settings, applied to any number of documents."""

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or Settings()
        root = Path(self.settings.root) if self.settings.root else Path.cwd()
        folders = tuple(str((root / f).resolve()) for f in self.settings.rule_folders)
        self.registry = load_registry(folders)
        extend = self.settings.extend_select
        if self.settings.languagetool.enabled:
            extend = (*extend, "LT")
        self.rules: list[Rule] = self.registry.select(self.settings.select, self.settings.ignore, extend)
        for _, selectors in self.settings.per_file_ignores:
            self.registry.validate(selectors)

    def rules_for(self, path: str) -> list[Rule]:
        """The selected rules less those that ``per-file-ignores`` turns off for ``path``."""
        if not self.settings.per_file_ignores:
            return self.rules
        relative = path
        if self.settings.root:
            try:
                relative = str(Path(path).resolve().relative_to(self.settings.root))
            except ValueError:
                pass
        ignored: set[str] = set()
        for pattern, selectors in self.settings.per_file_ignores:
            if fnmatch(relative, pattern) or fnmatch(PurePath(path).name, pattern):
                ignored |= {r.meta.code for s in selectors for r in self.registry.match(s)}
        return [r for r in self.rules if r.meta.code not in ignored]

    def document(self, text: str, *, path: str = "<text>", fmt: str = "txt", lang: str | None = None) -> Document:
        lang = lang or (None if self.settings.lang == "auto" else self.settings.lang)
        return Document(text, build_view(text, fmt), path=path, lang=lang, fmt=fmt)

    def check(self, text: str, *, path: str = "<text>", fmt: str = "txt", lang: str | None = None) -> CheckResult:
        doc = self.document(text, path=path, fmt=fmt, lang=lang)
        return check_document(doc, self.rules_for(path), self.settings)

    def fix(
        self,
        text: str,
        *,
        path: str = "<text>",
        fmt: str = "txt",
        lang: str | None = None,
        unsafe: bool = False,
        accept: Callable[[Diagnostic], bool] | None = None,
    ) -> tuple[FixOutcome, CheckResult]:
        """Fix ``text``; the language is decided once, on the original text."""
        lang = lang or self.document(text, path=path, fmt=fmt).lang

        def lint_once(current: str) -> list[Diagnostic]:
            return self.check(current, path=path, fmt=fmt, lang=lang).diagnostics

        from presslint.fixer import fix_text

        outcome = fix_text(text, lint_once, unsafe=unsafe, max_passes=self.settings.max_fix_passes, accept=accept)
        return outcome, self.check(outcome.text, path=path, fmt=fmt, lang=lang)


@cache
def _cached_linter(settings: Settings) -> Linter:
    return Linter(settings)


def linter_for(settings: Settings) -> Linter:
    """A Linter per distinct Settings, built once per process."""
    return _cached_linter(settings)


def lint(
    text: str,
    *,
    lang: str | None = None,
    config: Settings | Mapping[str, Any] | str | PurePath | None = None,
    fmt: str = "txt",
    path: str = "<text>",
) -> list[Diagnostic]:
    """Diagnostics for ``text`` (plain text by default; ``fmt="md"`` or ``"html"`` for markup)."""
    return linter_for(_resolve_settings(config)).check(text, path=path, fmt=fmt, lang=lang).diagnostics


def fix(
    text: str,
    *,
    lang: str | None = None,
    config: Settings | Mapping[str, Any] | str | PurePath | None = None,
    fmt: str = "txt",
    path: str = "<text>",
    unsafe: bool = False,
) -> FixResult:
    """Apply every safe fix (and unsafe ones with ``unsafe=True``) until nothing changes."""
    outcome, after = linter_for(_resolve_settings(config)).fix(text, path=path, fmt=fmt, lang=lang, unsafe=unsafe)
    return FixResult(outcome.text, tuple(outcome.fixed), tuple(after.diagnostics), outcome.converged)


# --------------------------------------------------------------------------- files


class FileOptions(NamedTuple):
    """What the CLI asks of each file; plain values so that worker processes can receive it."""

    fix: bool = False
    unsafe: bool = False
    write: bool = True  # False for --diff and for stdin
    fmt: str | None = None
    lang: str | None = None
    show_source: bool = True
    extra: tuple[tuple[str, Any], ...] = ()


def check_source(src: SourceFile, settings: Settings, options: FileOptions, display_path: str) -> FileReport:
    """Check (and fix) an already decoded source; shared by files, stdin and batch records."""
    report = FileReport(display_path, original_text=src.text)
    if src.detected:
        report.warnings.append(f"{display_path}: not UTF-8; read as {src.encoding}")
    fmt = format_for_path(display_path, options.fmt)
    linter = linter_for(settings)
    if options.fix and not src.lossless:
        report.warnings.append(
            f"{display_path}: not fixed: re-encoding it in {src.encoding} would change bytes no fix touched"
        )
    if options.fix and src.lossless:
        accept = None if src.encoding.startswith("utf") else encodable_in(src)
        outcome, result = linter.fix(
            src.text, path=display_path, fmt=fmt, lang=options.lang, unsafe=options.unsafe, accept=accept
        )
        report.fixed = len(outcome.fixed)
        if outcome.cycled:
            report.warnings.append(f"{display_path}: fixes undo each other (a cycle); stopped after {outcome.passes} passes")
        elif not outcome.converged:
            report.warnings.append(
                f"{display_path}: fixes did not settle after {settings.max_fix_passes} passes; some remain"
            )
        if accept is not None:
            blocked = sum(1 for d in result.diagnostics if fixable(d, options.unsafe) and not accept(d))
            if blocked:
                report.warnings.append(
                    f"{display_path}: {blocked} fix(es) not applied: their characters cannot be written in {src.encoding}"
                )
        if outcome.text != src.text:
            report.fixed_text = outcome.text
    else:
        result = linter.check(src.text, path=display_path, fmt=fmt, lang=options.lang)
    report.diagnostics = result.diagnostics
    report.incomplete.extend(result.incomplete)
    report.warnings.extend(result.warnings)
    if options.show_source:
        report.keep_source_lines(report.fixed_text if report.fixed_text is not None else src.text)
    return report


def encodable_in(src: SourceFile) -> Callable[[Diagnostic], bool]:
    """Accept only fixes whose replacements the file's encoding can hold."""

    def accept(diag: Diagnostic) -> bool:
        return diag.fix is not None and all(src.can_encode(e.replacement) for e in diag.fix.edits)

    return accept


def check_file(path: Path, settings: Settings, options: FileOptions) -> FileReport:
    """Read, check, fix and write one file; every failure becomes ``report.error``."""
    display = str(path)
    try:
        src = read_source(path)
    except InputError as exc:
        return FileReport(display, error=str(exc))
    try:
        report = check_source(src, settings, options, display)
    except ConfigError as exc:
        return FileReport(display, error=str(exc))
    except Exception as exc:  # a bug must cost one file, not the run, and never show a traceback
        return FileReport(display, error=f"{display}: internal error while checking ({type(exc).__name__}: {exc})")
    if options.fix and options.write and report.changed and report.fixed_text is not None:
        try:
            write_source(src, report.fixed_text)
        except ChangedOnDisk as exc:
            # Its problems as read no longer describe the file: report only the refusal.
            return FileReport(display, error=str(exc))
        except WriteError as exc:
            # Nothing was written: report the file as it still is.
            report = check_source(src, settings, options._replace(fix=False), display)
            report.error = str(exc)
    return report


__all__ = ["FixResult", "Linter", "lint", "fix", "check_file", "check_source", "FileOptions", "fixable"]
