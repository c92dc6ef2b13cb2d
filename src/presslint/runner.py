"""What ``presslint check`` does once its options are parsed: gather inputs, check, report, exit.

Kept apart from the CLI so that the option parsing stays thin and the flow is
testable without a terminal.
"""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path
from typing import NamedTuple

from presslint.api import FileOptions, check_source, linter_for
from presslint.config import ConfigError, Settings, discover_settings, load_config_file
from presslint.diagnostics import FileReport
from presslint.registry import UnknownRuleError
from presslint.reporting import ReportOptions, render
from presslint.rulefiles import RuleFileError
from presslint.sourcefile import InputError, SourceFile, decode_bytes
from presslint.walk import WalkError, iter_targets


class CheckRequest(NamedTuple):
    """The parsed command line of `presslint check` (and `review`)."""

    paths: list[str]
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    lang: str | None = None
    config: Path | None = None
    output_format: str = "concise"
    statistics: bool = False
    exit_zero: bool = False
    quiet: bool = False
    fix: bool = False
    unsafe: bool = False
    diff: bool = False
    interactive: bool = False  # review each fix at the terminal (presslint.review)
    stdin_filename: str | None = None
    input_format: str | None = None
    color: bool | None = None
    languagetool: bool = False
    jobs: int | None = None  # None: one process per CPU
    force_exclude: bool = False  # apply `exclude` to files named on the command line too
    text_field: str = "text"  # JSONL input: the field holding the article
    id_field: str | None = "id"  # JSONL input: the field identifying it


class _Settings:
    """Settings per checked path: --config, or discovery; then the command-line overrides."""

    def __init__(self, request: CheckRequest) -> None:
        self.request = request
        self.fixed: Settings | None = load_config_file(request.config) if request.config else None
        self._by_folder: dict[Path, Settings | str] = {}

    def for_file(self, path: Path) -> Settings | str:
        """Settings for a file (or the error that stops them), found and their rules checked once per folder.

        Every file of a folder has the same settings, and finding them costs a
        path resolution and a config search: on a folder of thousands of
        articles that was most of what the run did before its first check.
        A selection of unknown rules or a broken rule file raises here.
        """
        folder = path.parent
        found = self._by_folder.get(folder)
        if found is None:
            found = _safe_settings(self, path)
            if isinstance(found, Settings):
                self.check_rules(found)
            self._by_folder[folder] = found
        return found

    def check_rules(self, settings: Settings) -> None:
        """Select the rules of ``settings`` once; an unknown rule that a config file names is reported with the file."""
        try:
            linter_for(settings)
        except UnknownRuleError as exc:
            r = self.request
            if settings.origin and exc.selector not in (*(r.select or ()), *r.ignore, *r.extend_select):
                raise ConfigError(f"{settings.origin}: {exc}") from None
            raise

    def for_path(self, path: Path) -> Settings:
        base = self.fixed if self.fixed is not None else discover_settings(path)
        r = self.request
        if r.languagetool and not base.languagetool.enabled:
            base = replace(base, languagetool=replace(base.languagetool, enabled=True))
        return base.with_overrides(
            select=r.select,
            ignore=(*base.ignore, *r.ignore) if r.ignore else None,
            extend_select=(*base.extend_select, *r.extend_select) if r.extend_select else None,
            lang=r.lang,
        )


def _err(message: str) -> None:
    sys.stderr.write(f"presslint: error: {message}\n")


def _warn(message: str) -> None:
    sys.stderr.write(f"presslint: warning: {message}\n")


def _stdin_report(
    request: CheckRequest, settings: Settings, options: FileOptions, stdin: list[tuple[FileReport, SourceFile | bytes]]
) -> FileReport:
    """Check the text read from stdin; ``stdin`` keeps how it was encoded, to write it back the same way."""
    name = request.stdin_filename or "-"
    data = sys.stdin.buffer.read()
    try:
        src = decode_bytes(data, name)
    except InputError as exc:
        report = FileReport(name, error=str(exc))
        stdin.append((report, data))  # a filter passes what it cannot read through untouched
        return report
    report = check_source(src, settings, options, name)
    stdin.append((report, src))
    return report


def run_check(request: CheckRequest) -> int:
    try:
        resolver = _Settings(request)
    except ConfigError as exc:
        _err(str(exc))
        return 2
    options = FileOptions(
        fix=request.fix,
        unsafe=request.unsafe,
        write=request.fix and not request.diff,
        fmt=request.input_format,
        lang=None if request.lang in (None, "auto") else request.lang,
        show_source=request.output_format == "text",  # only the text report shows excerpts
    )
    if request.input_format == "jsonl":
        return _run_jsonl(request, resolver, options)
    # Reports in input order; file checks are queued and filled in by the (parallel) checker.
    slots: list[FileReport | None] = []
    queued: list[tuple[int, Path, Settings]] = []
    stdin: list[tuple[FileReport, SourceFile | bytes]] = []
    session = None
    if request.interactive:
        from presslint.review import ReviewSession

        session = ReviewSession.on_terminal(request.color)
    for raw in request.paths:
        if raw == "-":
            target_settings = _safe_settings(resolver, Path(request.stdin_filename or "stdin").absolute())
            if isinstance(target_settings, str):
                slots.append(FileReport("-", error=target_settings))
                continue
            slots.append(_stdin_report(request, target_settings, options, stdin))
            continue
        first = _safe_settings(resolver, Path(raw))
        include = first.include if isinstance(first, Settings) else Settings().include
        exclude = first.exclude if isinstance(first, Settings) else ()
        force = request.force_exclude or (isinstance(first, Settings) and first.force_exclude)
        for target in iter_targets([raw], include, exclude, force_exclude=force):
            if isinstance(target, WalkError):
                slots.append(FileReport(target.path, error=target.message))
                continue
            try:
                settings = resolver.for_file(target)
            except (UnknownRuleError, RuleFileError, ConfigError) as exc:
                _err(str(exc))
                return 2
            if isinstance(settings, str):
                slots.append(FileReport(str(target), error=settings))
                continue
            if session is not None:
                slots.append(session.review_file(target, settings, options))
            else:
                queued.append((len(slots), target, settings))
                slots.append(None)
    if queued:
        from presslint.parallel import check_files, default_jobs
        from presslint.progress import progress_callback

        jobs = request.jobs or default_jobs()
        tasks = [(target, settings, options) for _, target, settings in queued]
        with progress_callback(len(tasks), enabled=not request.quiet) as on_done:
            reports = list(check_files(tasks, jobs, on_done))  # to the end: the pool shuts down there
            for (index, _, _), report in zip(queued, reports):
                slots[index] = report
    reports = [r for r in slots if r is not None]
    return _finish(reports, request, stdin)


def _run_jsonl(request: CheckRequest, resolver: _Settings, options: FileOptions) -> int:
    """JSONL batches: one article per line; diagnostics carry the article id; --fix rewrites the records."""
    from presslint.batch import check_jsonl
    from presslint.sourcefile import WriteError, read_source, write_source

    reports: list[FileReport] = []
    fixed_out: list[str] = []
    errors = 0
    for raw in request.paths:
        label = request.stdin_filename or "-" if raw == "-" else raw
        settings = _safe_settings(resolver, Path(label).absolute())
        if isinstance(settings, str):
            _err(settings)
            errors += 1
            continue
        try:
            resolver.check_rules(settings)
            src = decode_bytes(sys.stdin.buffer.read(), label) if raw == "-" else read_source(Path(raw))
        except (UnknownRuleError, RuleFileError, ConfigError) as exc:
            _err(str(exc))
            return 2
        except InputError as exc:
            _err(str(exc))
            errors += 1
            continue
        from presslint.parallel import default_jobs
        from presslint.progress import progress_callback

        records = sum(1 for line in src.text.splitlines() if line.strip())  # malformed ones too: close enough for a bar
        with progress_callback(records, enabled=not request.quiet) as on_done:
            outcome = check_jsonl(src, settings, options._replace(fmt=None), request.text_field, request.id_field,
                                  jobs=request.jobs or default_jobs(), on_done=on_done)
        for message in outcome.errors:
            _err(message)
        errors += len(outcome.errors)
        for report in outcome.reports:
            for warning in report.warnings:
                _warn(warning)
        reports.extend(outcome.reports)
        if outcome.fixed_text is not None and options.write:
            if raw == "-":
                fixed_out.append(outcome.fixed_text)
                continue
            try:
                write_source(src, outcome.fixed_text)
            except WriteError as exc:
                _err(str(exc))
                errors += 1
        elif raw == "-" and options.write:
            fixed_out.append(src.text)
    out = sys.stdout
    if fixed_out:
        sys.stdout.write("".join(fixed_out))
        sys.stdout.flush()
        out = sys.stderr
    render(reports, out, ReportOptions(format=request.output_format, statistics=request.statistics,
                                       quiet=request.quiet, fix_mode=request.fix, unsafe=request.unsafe,
                                       color=request.color))
    if errors:
        return 2
    if request.exit_zero:
        return 0
    if any(not d.code.startswith("ENG") for r in reports for d in r.diagnostics):
        return 1
    return 3 if any(r.incomplete for r in reports) else 0


def _safe_settings(resolver: _Settings, path: Path) -> Settings | str:
    try:
        return resolver.for_path(path)
    except ConfigError as exc:
        return str(exc)


def _finish(reports: list[FileReport], request: CheckRequest, stdin: list[tuple[FileReport, SourceFile | bytes]]) -> int:
    for report in reports:
        if report.error:
            _err(report.error)
        for warning in report.warnings:
            _warn(warning)
    out = sys.stdout
    if request.diff:
        from presslint.textdiff import unified_diff

        changed = [r for r in reports if r.changed and r.original_text is not None and r.fixed_text is not None]
        for report in changed:
            assert report.original_text is not None and report.fixed_text is not None
            out.write(unified_diff(report.original_text, report.fixed_text, report.path))
        out.flush()
        if not request.quiet:
            fixes = sum(r.fixed for r in changed)
            sys.stderr.write(
                f"Would fix {fixes} problem{'s' if fixes != 1 else ''} in {len(changed)} file{'s' if len(changed) != 1 else ''}.\n"
                if changed
                else "No fixes to apply.\n"
            )
        return 2 if any(r.error for r in reports) else (1 if changed else 0)
    if request.fix and "-" in request.paths:
        # Filter mode: the fixed text on stdout (in the encoding it came in), the report on stderr.
        for report, src in stdin:
            if isinstance(src, bytes):
                sys.stdout.buffer.write(src)
                continue
            text = report.fixed_text if report.fixed_text is not None else (report.original_text or "")
            try:
                data = src.encode(text)
            except UnicodeEncodeError:
                data = src.encode(report.original_text or "")
            sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        out = sys.stderr
    render(
        reports,
        out,
        ReportOptions(
            format=request.output_format,
            statistics=request.statistics,
            quiet=request.quiet,
            fix_mode=request.fix,
            unsafe=request.unsafe,
            color=request.color,
        ),
    )
    if any(r.error for r in reports):
        return 2
    if request.exit_zero:
        return 0
    # Engine diagnostics (ENG: a rule over its time budget or crashed) say the check is
    # incomplete, not that the text has problems: alone they give 3, not 1.
    if any(not d.code.startswith("ENG") for r in reports for d in r.diagnostics):
        return 1
    if any(r.incomplete for r in reports):
        return 3
    return 0
