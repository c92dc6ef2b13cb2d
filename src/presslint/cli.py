"""The ``presslint`` command: parse options, call the API, choose the exit status.

Exit status of ``check``: 0 no problems; 1 problems found (or, with --diff, a
diff to show); 2 usage, configuration or input error (other files are still
checked); 3 no problems found but some checks could not run (a rule over its
time budget, LanguageTool unreachable), so the text is not known to be clean.

Annotations here are evaluated when the module loads (no ``from __future__ import
annotations``): typer reads every command's signature on every run, and string
annotations would make it evaluate each of them again (three times the cost).
"""

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn, Optional

import typer

from presslint import __version__

if TYPE_CHECKING:
    from presslint.runner import CheckRequest

app = typer.Typer(
    name="presslint",
    help="Lint and fix news articles: editing debris, punctuation, names, voice.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

EXIT_ERROR = 2  # the statuses of `check` are documented in the module docstring
FORMATS = ("text", "concise", "json", "jsonl", "github", "gitlab", "sarif")


def fail(message: str, code: int = EXIT_ERROR) -> typer.Exit:
    """Print one line on stderr and return the Exit to raise."""
    sys.stderr.write(f"presslint: error: {message}\n")
    return typer.Exit(code)


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"presslint {__version__}\n")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        Optional[bool], typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")
    ] = None,
) -> None:
    """presslint: a linter and fixer for news articles."""


def _split(values: list[str] | None) -> tuple[str, ...] | None:
    if values is None:
        return None
    out: list[str] = []
    for v in values:
        out.extend(x.strip() for x in v.split(",") if x.strip())
    return tuple(out)


# Options shared by `check` and `review`.
SelectOption = Annotated[
    Optional[list[str]], typer.Option("--select", help="Rules to run (codes, prefixes or names; comma-separated).")
]
IgnoreOption = Annotated[Optional[list[str]], typer.Option("--ignore", help="Rules to skip.")]
ExtendSelectOption = Annotated[
    Optional[list[str]], typer.Option("--extend-select", help="Rules to add to the selection.")
]
LangOption = Annotated[Optional[str], typer.Option("--lang", help="Article language: auto, fr or en.")]
ConfigOption = Annotated[
    Optional[Path], typer.Option("--config", help="Use this config file instead of searching for one.")
]
ColorOption = Annotated[Optional[bool], typer.Option("--color/--no-color", help="Force colour on or off.")]


def _check_lang(lang: str | None) -> None:
    if lang is not None and lang not in ("auto", "fr", "en"):
        raise fail(f"--lang must be auto, fr or en, not {lang!r}")


@app.command()
def check(
    paths: Annotated[Optional[list[str]], typer.Argument(help="Files or folders to check; - reads stdin.")] = None,
    select: SelectOption = None,
    ignore: IgnoreOption = None,
    extend_select: ExtendSelectOption = None,
    lang: LangOption = None,
    config: ConfigOption = None,
    output_format: Annotated[
        Optional[str], typer.Option("--format", help="text, concise, json, jsonl, github, gitlab or sarif.")
    ] = None,
    statistics: Annotated[bool, typer.Option("--statistics", help="Count problems per rule.")] = False,
    exit_zero: Annotated[bool, typer.Option("--exit-zero", help="Exit 0 even when problems are found.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print problems only, no summary.")] = False,
    fix: Annotated[bool, typer.Option("--fix", help="Apply safe fixes and rewrite the files.")] = False,
    unsafe_fixes: Annotated[bool, typer.Option("--unsafe-fixes", help="With --fix or --diff: also apply unsafe fixes.")] = False,
    diff: Annotated[bool, typer.Option("--diff", help="Print the diff --fix would apply; write nothing.")] = False,
    interactive: Annotated[
        bool, typer.Option("--interactive", "-i", help="With --fix: ask before each fix, then write once.")
    ] = False,
    stdin_filename: Annotated[Optional[str], typer.Option(help="Name (and so format) of the text read from stdin.")] = None,
    input_format: Annotated[
        Optional[str], typer.Option(help="txt, md or html whatever the extension; jsonl for one article per line.")
    ] = None,
    color: ColorOption = None,
    languagetool: Annotated[
        bool, typer.Option("--languagetool", help="Also check grammar and spelling with LanguageTool.")
    ] = False,
    jobs: Annotated[
        Optional[int], typer.Option("--jobs", "-j", min=1, help="Worker processes (default: one per CPU).")
    ] = None,
    text_field: Annotated[str, typer.Option(help="JSONL input: the field holding the article text.")] = "text",
    id_field: Annotated[str, typer.Option(help="JSONL input: the field identifying the article.")] = "id",
    force_exclude: Annotated[
        bool, typer.Option("--force-exclude", help="Apply the config's exclude to files named on the command line too.")
    ] = False,
) -> None:
    """Check articles and report problems; with --fix, repair what can be repaired safely."""
    from presslint.runner import CheckRequest

    if not paths:
        raise fail("no paths given (use - to read stdin)")
    _check_lang(lang)
    if output_format is None and input_format == "jsonl":
        output_format = "jsonl"
    fmt = output_format or ("text" if sys.stdout.isatty() else "concise")
    if fmt not in FORMATS:
        raise fail(f"--format must be one of {', '.join(FORMATS)}, not {fmt!r}")
    if input_format is not None and input_format not in ("txt", "md", "html", "jsonl"):
        raise fail(f"--input-format must be txt, md, html or jsonl, not {input_format!r}")
    if interactive:
        _check_interactive(list(paths), diff)
    request = CheckRequest(
        paths=list(paths),
        select=_split(select),
        ignore=_split(ignore) or (),
        extend_select=_split(extend_select) or (),
        lang=lang,
        config=config,
        output_format=fmt,
        statistics=statistics,
        exit_zero=exit_zero,
        quiet=quiet,
        fix=fix or diff,
        unsafe=unsafe_fixes,
        diff=diff,
        interactive=interactive,
        stdin_filename=stdin_filename,
        input_format=input_format,
        color=color,
        languagetool=languagetool,
        jobs=jobs,
        text_field=text_field,
        id_field=id_field,
        force_exclude=force_exclude,
    )
    raise typer.Exit(_run(request))


def _check_interactive(paths: list[str], diff: bool) -> None:
    """Reviewing needs a terminal to answer on, and the article must not come from it."""
    if diff:
        raise fail("--interactive and --diff cannot be used together")
    if "-" in paths:
        raise fail("--interactive cannot review text read from stdin (the answers come from stdin)")
    if not sys.stdin.isatty():
        raise fail("--interactive needs a terminal to answer on (stdin is not one)")


@app.command()
def review(
    paths: Annotated[Optional[list[str]], typer.Argument(help="Files or folders to review.")] = None,
    select: SelectOption = None,
    ignore: IgnoreOption = None,
    extend_select: ExtendSelectOption = None,
    lang: LangOption = None,
    config: ConfigOption = None,
    safe_only: Annotated[bool, typer.Option("--safe-only", help="Offer safe fixes only, not unsafe ones.")] = False,
    color: ColorOption = None,
) -> None:
    """Go through every fix (safe and unsafe) one by one: accept, skip, accept a whole rule, or quit."""
    from presslint.runner import CheckRequest

    if not paths:
        raise fail("no paths given")
    _check_lang(lang)
    _check_interactive(list(paths), False)
    request = CheckRequest(
        paths=list(paths),
        select=_split(select),
        ignore=_split(ignore) or (),
        extend_select=_split(extend_select) or (),
        lang=lang,
        config=config,
        output_format="text" if sys.stdout.isatty() else "concise",
        fix=True,
        unsafe=not safe_only,
        interactive=True,
        color=color,
    )
    raise typer.Exit(_run(request))


@app.command("rules")
def list_rules(
    config: Annotated[Optional[Path], typer.Option(help="Config file naming extra rule folders.")] = None,
    output_format: Annotated[str, typer.Option("--format", help="text or json.")] = "text",
) -> None:
    """List every rule: code, name, family, languages, fix, and whether it is on by default."""
    import json

    from presslint.catalog import rule_rows

    try:
        rows = rule_rows(config)
    except Exception as exc:  # ConfigError, RuleFileError: one line
        raise fail(str(exc)) from None
    if output_format == "json":
        sys.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
        return
    table = [
        (
            row["code"],
            row["name"],
            row["family"],
            ",".join(row["languages"]),
            {"safe": "fix", "unsafe": "unsafe fix", None: "-"}[row["fix"]],
            "on" if row["default"] else "off",
            row["summary"],
        )
        for row in rows
    ]
    header = ("CODE", "NAME", "FAMILY", "LANG", "FIX", "DEFAULT", "SUMMARY")
    widths = [max(len(r[i]) for r in [header, *table]) for i in range(6)]
    for r in [header, *table]:
        sys.stdout.write("  ".join(col.ljust(w) for col, w in zip(r[:6], widths)) + "  " + r[6] + "\n")


@app.command()
def explain(
    rule: Annotated[str, typer.Argument(help="A rule code or name.")],
    config: Annotated[Optional[Path], typer.Option(help="Config file naming extra rule folders.")] = None,
) -> None:
    """Print a rule's documentation with its examples."""
    from presslint.catalog import explain_rule

    try:
        sys.stdout.write(explain_rule(rule, config))
    except Exception as exc:
        raise fail(str(exc)) from None


def _run(request: "CheckRequest") -> int:
    """Run a check; Ctrl-C ends it with one line and status 130 (typer would exit silently)."""
    from presslint.runner import run_check

    try:
        return run_check(request)
    except KeyboardInterrupt:
        sys.stderr.write("presslint: interrupted\n")
        return 130


def run() -> NoReturn:
    """Console-script entry point: no traceback ever reaches the user.

    The process ends with ``os._exit`` once the output is flushed. Tearing the
    interpreter down (freeing every module, compiled pattern and word list one
    by one) takes about a sixth of a one-file check, and nothing is left to
    clean up by then: files are written and presslint registers no exit
    handlers. A run that started worker processes exits the usual way, so that
    the standard library's own handlers see them end. Tests and the API never
    go through here.
    """
    try:
        app()  # typer's standalone mode always ends with SystemExit
        code: object = 0
    except SystemExit as exc:
        code = exc.code
    except KeyboardInterrupt:
        sys.stderr.write("presslint: interrupted\n")
        code = 130
    _exit_now(code)


def _exit_now(code: object) -> NoReturn:
    """Exit with ``code`` as ``sys.exit`` would read it, skipping the interpreter's teardown."""
    if code is None:
        status = 0
    elif isinstance(code, int):
        status = code
    else:  # a message, as sys.exit("...") prints it
        sys.stderr.write(f"{code}\n")
        status = 1
    if "multiprocessing" in sys.modules:  # workers were started: let the exit handlers end them
        sys.exit(status)
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a reader that went away (`| head`), a closed stream
            pass
    os._exit(status)


@app.command()
def init(
    directory: Annotated[Path, typer.Argument(help="Folder to write presslint.toml into.")] = Path("."),
    lang: Annotated[str, typer.Option(help="Language of the articles: auto, fr or en.")] = "auto",
    pre_commit: Annotated[bool, typer.Option("--pre-commit", help="Also print a .pre-commit-config.yaml snippet.")] = False,
) -> None:
    """Write a commented starter presslint.toml (never over an existing configuration)."""
    from presslint.scaffold import PRE_COMMIT_SNIPPET, InitError, write_starter_config

    try:
        written = write_starter_config(directory, lang)
    except InitError as exc:
        raise fail(str(exc)) from None
    sys.stderr.write(f"presslint: wrote {written}\n")
    if pre_commit:
        sys.stdout.write(PRE_COMMIT_SNIPPET)


@app.command("server")
def server(
    stdio: Annotated[bool, typer.Option("--stdio", help="Talk over stdin/stdout (the default and only transport).")] = False,
) -> None:
    """Run the language server (LSP over stdio) for editors: diagnostics as you type, fixes as code actions."""
    try:
        import pygls  # noqa: F401

        from presslint.lsp import serve
    except ImportError:
        raise fail("the language server needs pygls: install presslint[lsp]") from None
    serve()


app.command("lsp", help="Same as `presslint server`.")(server)


@app.command("names")
def names(
    paths: Annotated[list[str], typer.Argument(help="Files or folders to read.")],
    lang: Annotated[Optional[str], typer.Option(help="Article language: auto, fr or en.")] = None,
    output_format: Annotated[str, typer.Option("--format", help="text or json.")] = "text",
    config: Annotated[Optional[Path], typer.Option(help="Use this config file instead of searching for one.")] = None,
) -> None:
    """List the names in articles with their spellings and counts (to review, or to seed the house list)."""
    from presslint.names_command import run_names

    _check_lang(lang)
    if output_format not in ("text", "json"):
        raise fail(f"--format must be text or json, not {output_format!r}")
    raise typer.Exit(run_names(paths, lang=None if lang == "auto" else lang, output_format=output_format, config=config))
