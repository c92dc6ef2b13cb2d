"""``presslint server``: a Language Server Protocol server over stdio, for editors.

Open Markdown, plain-text and HTML documents are checked as they change; each
problem becomes a diagnostic, and each fix a quick-fix code action (plus one
``source.fixAll.presslint`` action applying every safe fix). Settings come
from the document's nearest configuration file, re-read when it changes.

Positions: presslint counts characters (code points), LSP counts UTF-16 code
units unless the client offers another encoding. The server takes the
client's preferred encoding among utf-8, utf-16 and utf-32 (pygls negotiates
it at ``initialize``) and converts every position itself, with LSP's line
breaks (``\\n``, ``\\r\\n``, ``\\r``) and nothing else: a U+2028 left in a scraped
article does not start a new line for the editor, so it does not here.

pygls is imported only when the server starts.
"""

from __future__ import annotations

import logging
import re
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from presslint import __version__

if TYPE_CHECKING:
    from presslint.config import Settings
    from presslint.diagnostics import Diagnostic

logger = logging.getLogger(__name__)

# Editors' language ids for the formats presslint reads (used when the file name says nothing).
LANGUAGE_IDS: dict[str, str] = {"markdown": "md", "plaintext": "txt", "text": "txt", "html": "html"}
FIX_ALL_KIND = "source.fixAll.presslint"
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


# --------------------------------------------------------------------------- positions


def units(text: str, encoding: str) -> int:
    """Length of ``text`` in the code units of an LSP position encoding."""
    if encoding == "utf-32":
        return len(text)
    if encoding == "utf-8":
        return len(text.encode("utf-8", "surrogatepass"))
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


class PositionMap:
    """Character offsets to LSP positions and back, for one text and one position encoding."""

    def __init__(self, text: str, encoding: str = "utf-16") -> None:
        self.text = text
        self.encoding = encoding
        self.starts = [0] + [m.end() for m in _LINE_BREAK.finditer(text)]
        # Where each line's content ends (before its line break).
        self.ends = [m.start() for m in _LINE_BREAK.finditer(text)] + [len(text)]

    def position(self, offset: int) -> tuple[int, int]:
        """(line, character), both 0-based, of a character offset."""
        offset = max(0, min(offset, len(self.text)))
        line = bisect_right(self.starts, offset) - 1
        end = min(offset, self.ends[line])  # inside a \r\n: the end of the line
        return line, units(self.text[self.starts[line] : end], self.encoding)

    def offset(self, line: int, character: int) -> int:
        """The character offset of an LSP position (clamped to the line, as LSP asks)."""
        if line < 0:
            return 0
        if line >= len(self.starts):
            return len(self.text)
        start, end = self.starts[line], self.ends[line]
        if self.encoding == "utf-32":
            return min(start + max(character, 0), end)
        count = 0
        for i in range(start, end):
            if count >= character:
                return i
            count += units(self.text[i], self.encoding)
        return end

    def end_position(self) -> tuple[int, int]:
        return self.position(len(self.text))


def minimal_edit(old: str, new: str) -> tuple[int, int, str]:
    """One replacement ``(start, end, text)`` turning ``old`` into ``new``: the changed middle only."""
    prefix = 0
    limit = min(len(old), len(new))
    while prefix < limit and old[prefix] == new[prefix]:
        prefix += 1
    suffix = 0
    while suffix < limit - prefix and old[len(old) - 1 - suffix] == new[len(new) - 1 - suffix]:
        suffix += 1
    return prefix, len(old) - suffix, new[prefix : len(new) - suffix]


# --------------------------------------------------------------------------- documents


def document_format(path: str | None, language_id: str | None) -> str | None:
    """txt, md or html for an article; None for any other document (left alone)."""
    from presslint.formats import EXTENSIONS

    if path is not None:
        suffix = Path(path).suffix.lower()
        if suffix in EXTENSIONS:
            return EXTENSIONS[suffix]
    return LANGUAGE_IDS.get(language_id or "")


class SettingsCache:
    """Settings for a document's folder, re-read when its config file changes on disk."""

    def __init__(self) -> None:
        self._loaded: dict[tuple[str, int, int], Settings] = {}

    def for_path(self, path: str | None) -> Settings:
        from presslint.config import Settings, find_config_file, load_config_file

        if path is None:
            return Settings()
        folder = Path(path).parent
        try:
            folder = folder.resolve()
        except OSError:
            pass
        # The CLI caches discovery for one run; a server lives long, so look again each time.
        config = find_config_file.__wrapped__(folder)
        if config is None:
            return Settings()
        stat = config.stat()
        key = (str(config), stat.st_mtime_ns, stat.st_size)
        if key not in self._loaded:
            self._loaded[key] = load_config_file(config)
        return self._loaded[key]


@dataclass(slots=True)
class Checked:
    """The last check of an open document: what code actions answer from."""

    uri: str
    text: str
    version: int | None
    fmt: str
    path: str | None
    settings: Settings
    diagnostics: list[Diagnostic] = field(default_factory=list)
    fixed: str | None = None  # the text with every safe fix, computed on the first fix-all request


def uri_to_path(uri: str) -> str | None:
    """The file system path of a ``file:`` URI; None for untitled buffers and other schemes."""
    from pygls.uris import to_fs_path

    if not uri.startswith("file:"):
        return None
    return to_fs_path(uri)


def check_text(uri: str, text: str, version: int | None, language_id: str | None, cache: SettingsCache) -> Checked | None:
    """Lint one document; None when it is not an article."""
    from presslint.api import linter_for

    path = uri_to_path(uri)
    fmt = document_format(path, language_id)
    if fmt is None:
        return None
    settings = cache.for_path(path)
    result = linter_for(settings).check(text, path=path or uri, fmt=fmt)
    return Checked(uri, text, version, fmt, path, settings, list(result.diagnostics))


def fixed_text(checked: Checked) -> str:
    """The document with every safe fix applied (editors ask for code actions at every cursor move: kept)."""
    from presslint.api import linter_for

    if checked.fixed is None:
        outcome, _ = linter_for(checked.settings).fix(checked.text, path=checked.path or checked.uri, fmt=checked.fmt)
        checked.fixed = outcome.text
    return checked.fixed


# --------------------------------------------------------------------------- server


def _range(types: Any, positions: PositionMap, start: int, end: int) -> Any:
    (sl, sc), (el, ec) = positions.position(start), positions.position(end)
    return types.Range(start=types.Position(line=sl, character=sc), end=types.Position(line=el, character=ec))


def _lsp_diagnostic(types: Any, positions: PositionMap, d: Diagnostic) -> Any:
    severity = {
        "error": types.DiagnosticSeverity.Error,
        "warning": types.DiagnosticSeverity.Warning,
        "info": types.DiagnosticSeverity.Information,
    }[d.severity.value]
    return types.Diagnostic(
        range=_range(types, positions, d.offset, d.end_offset),
        message=d.message,
        severity=severity,
        code=d.code,
        source="presslint",
        data={"rule": d.rule, "fix": d.fix.applicability.value if d.fix else None},
    )


def _overlaps(start: int, end: int, lo: int, hi: int) -> bool:
    """Spans touch or overlap (an empty request range at the span's edge counts)."""
    return start <= hi and lo <= end


def code_actions(types: Any, checked: Checked, encoding: str, lo: int, hi: int, only: Iterable[str] | None) -> list[Any]:
    """Quick fixes for the problems in ``[lo, hi]``, and the fix-all action when anything is fixable."""
    positions = PositionMap(checked.text, encoding)
    wanted = list(only) if only else None

    def allowed(kind: str) -> bool:
        return wanted is None or any(kind == w or kind.startswith(w + ".") for w in wanted)

    actions: list[Any] = []
    if allowed(types.CodeActionKind.QuickFix):
        for d in checked.diagnostics:
            if d.fix is None or not _overlaps(d.offset, d.end_offset, lo, hi):
                continue
            edits = [
                types.TextEdit(range=_range(types, positions, e.offset, e.end_offset), new_text=e.replacement)
                for e in d.fix.edits
            ]
            unsafe = d.fix.applicability.value == "unsafe"
            actions.append(
                types.CodeAction(
                    title=f"Fix {d.code} {d.rule}{' (unsafe)' if unsafe else ''}",
                    kind=types.CodeActionKind.QuickFix,
                    diagnostics=[_lsp_diagnostic(types, positions, d)],
                    edit=types.WorkspaceEdit(changes={checked.uri: edits}),
                    is_preferred=not unsafe,
                )
            )
    safe = any(d.fix is not None and d.fix.applicability.value == "safe" for d in checked.diagnostics)
    if safe and allowed(FIX_ALL_KIND):
        new = fixed_text(checked)
        if new != checked.text:
            start, end, replacement = minimal_edit(checked.text, new)
            edit = types.TextEdit(range=_range(types, positions, start, end), new_text=replacement)
            actions.append(
                types.CodeAction(
                    title="Fix all safe presslint problems",
                    kind=FIX_ALL_KIND,
                    edit=types.WorkspaceEdit(changes={checked.uri: [edit]}),
                )
            )
    return actions


def build_server() -> Any:
    """The pygls server with presslint's handlers registered."""
    from lsprotocol import types
    from pygls.lsp.server import LanguageServer

    server = LanguageServer("presslint", __version__, text_document_sync_kind=types.TextDocumentSyncKind.Full)
    cache = SettingsCache()
    checked: dict[str, Checked] = {}
    reported_errors: set[str] = set()

    def encoding(ls: LanguageServer) -> str:
        return str(getattr(ls.workspace.position_encoding, "value", ls.workspace.position_encoding) or "utf-16")

    def publish(ls: LanguageServer, uri: str) -> None:
        document = ls.workspace.get_text_document(uri)
        try:
            result = check_text(uri, document.source, document.version, document.language_id, cache)
        except Exception as exc:  # a bad config, a rule file that does not load: tell the user once
            message = f"presslint: {exc}"
            logger.warning(message)
            if message not in reported_errors:
                reported_errors.add(message)
                ls.window_show_message(types.ShowMessageParams(type=types.MessageType.Error, message=message))
            checked.pop(uri, None)
            ls.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=[]))
            return
        if result is None:
            return
        checked[uri] = result
        positions = PositionMap(result.text, encoding(ls))
        ls.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(
                uri=uri,
                version=result.version,
                diagnostics=[_lsp_diagnostic(types, positions, d) for d in result.diagnostics],
            )
        )

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: LanguageServer, params: types.DidOpenTextDocumentParams) -> None:
        publish(ls, params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: LanguageServer, params: types.DidChangeTextDocumentParams) -> None:
        publish(ls, params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls: LanguageServer, params: types.DidSaveTextDocumentParams) -> None:
        publish(ls, params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: LanguageServer, params: types.DidCloseTextDocumentParams) -> None:
        if checked.pop(params.text_document.uri, None) is not None:
            ls.text_document_publish_diagnostics(
                types.PublishDiagnosticsParams(uri=params.text_document.uri, diagnostics=[])
            )

    @server.feature(
        types.TEXT_DOCUMENT_CODE_ACTION,
        types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix, FIX_ALL_KIND]),
    )
    def code_action(ls: LanguageServer, params: types.CodeActionParams) -> list[types.CodeAction]:
        current = checked.get(params.text_document.uri)
        if current is None:
            return []
        positions = PositionMap(current.text, encoding(ls))
        lo = positions.offset(params.range.start.line, params.range.start.character)
        hi = positions.offset(params.range.end.line, params.range.end.character)
        try:
            return code_actions(types, current, encoding(ls), lo, hi, params.context.only)
        except Exception as exc:
            logger.warning("presslint: code actions failed: %s", exc)
            return []

    return server


def serve() -> None:
    """Run the server on stdin/stdout until the client says exit."""
    logging.basicConfig(level=logging.WARNING, format="presslint server: %(levelname)s: %(message)s")
    build_server().start_io()
