"""The language server, end to end: a JSON-RPC client talks to ``presslint server`` over stdio."""

from __future__ import annotations

import json
import queue
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import pytest

from presslint.lsp import PositionMap, document_format, minimal_edit, units

PRESSLINT = str(Path(sys.executable).with_name("presslint"))
TIMEOUT = 30.0
# A flag emoji (two code points, four UTF-16 units) and a mathematical letter (one code point,
# two UTF-16 units) before the problem: UTF-16 and code-point columns differ.
DAMAGED = "🇲🇱 Bamako\n𝐋a visite est prévue à 16 heures.. Fin.\n"
FIXED = "🇲🇱 Bamako\n𝐋a visite est prévue à 16 heures. Fin.\n"


class Client:
    """A minimal LSP client: Content-Length framing, requests, notifications, a reader thread."""

    def __init__(self, *args: str, cwd: Path) -> None:
        self.proc = subprocess.Popen(
            [PRESSLINT, *args], cwd=cwd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE
        )
        self.messages: queue.Queue[dict[str, Any] | None] = queue.Queue()
        self.notifications: list[dict[str, Any]] = []
        self.next_id = 0
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        stream = self.proc.stdout
        assert stream is not None
        while True:
            length = None
            while True:
                line = stream.readline()
                if not line:
                    self.messages.put(None)
                    return
                line = line.strip()
                if not line:
                    break
                name, _, value = line.decode("ascii").partition(":")
                if name.lower() == "content-length":
                    length = int(value)
            assert length is not None
            self.messages.put(json.loads(stream.read(length).decode("utf-8")))

    def send(self, message: dict[str, Any]) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode("utf-8")
        assert self.proc.stdin is not None
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.proc.stdin.flush()

    def notify(self, method: str, params: Any) -> None:
        self.send({"method": method, "params": params})

    def _next(self) -> dict[str, Any]:
        try:
            message = self.messages.get(timeout=TIMEOUT)
        except queue.Empty:
            raise AssertionError("the server did not answer in time") from None
        if message is None:
            stderr = self.proc.stderr.read().decode() if self.proc.stderr else ""
            raise AssertionError(f"the server closed its output: {stderr}")
        if "method" in message and "id" in message:  # a request from the server: accept it
            self.send({"id": message["id"], "result": None})
        return message

    def request(self, method: str, params: Any) -> Any:
        self.next_id += 1
        mine = self.next_id
        self.send({"id": mine, "method": method, "params": params})
        while True:
            message = self._next()
            if message.get("id") == mine and "method" not in message:
                assert "error" not in message, message["error"]
                return message.get("result")
            if "method" in message:
                self.notifications.append(message)

    def wait_for(self, method: str, uri: str | None = None) -> dict[str, Any]:
        """The next notification ``method`` (for ``uri``), including ones already received."""
        for i, message in enumerate(self.notifications):
            if message["method"] == method and (uri is None or message["params"].get("uri") == uri):
                return self.notifications.pop(i)["params"]
        while True:
            message = self._next()
            if message.get("method") == method and (uri is None or message["params"].get("uri") == uri):
                return message["params"]
            if "method" in message:
                self.notifications.append(message)

    def initialize(self, root: Path, encodings: list[str] | None = None) -> dict[str, Any]:
        capabilities: dict[str, Any] = {
            "textDocument": {
                "publishDiagnostics": {"versionSupport": True},
                "codeAction": {"codeActionLiteralSupport": {"codeActionKind": {"valueSet": ["quickfix", "source"]}}},
            }
        }
        if encodings is not None:
            capabilities["general"] = {"positionEncodings": encodings}
        result = self.request(
            "initialize", {"processId": None, "rootUri": root.as_uri(), "capabilities": capabilities}
        )
        self.notify("initialized", {})
        return result

    def close(self) -> int:
        self.request("shutdown", None)
        self.notify("exit", None)
        try:
            return self.proc.wait(timeout=TIMEOUT)
        finally:
            if self.proc.poll() is None:
                self.proc.kill()


def utf16_offset(text: str, line: int, character: int) -> int:
    """Independent conversion for the test: an LSP UTF-16 position to a Python string index."""
    lines = text.split("\n")
    offset = sum(len(x) + 1 for x in lines[:line])
    encoded = lines[line].encode("utf-16-le")[: 2 * character]
    return offset + len(encoded.decode("utf-16-le"))


def apply_edits(text: str, edits: list[dict[str, Any]]) -> str:
    spans = []
    for e in edits:
        start = utf16_offset(text, e["range"]["start"]["line"], e["range"]["start"]["character"])
        end = utf16_offset(text, e["range"]["end"]["line"], e["range"]["end"]["character"])
        spans.append((start, end, e["newText"]))
    for start, end, new in sorted(spans, reverse=True):
        text = text[:start] + new + text[end:]
    return text


@pytest.fixture
def client(tmp_path: Path) -> Any:
    # The server is the subject here, not the rules: one rule keeps the expectations exact.
    (tmp_path / "presslint.toml").write_text('select = ["PUN101"]\n', encoding="utf-8")
    c = Client("server", cwd=tmp_path)
    yield c
    if c.proc.poll() is None:
        c.proc.kill()
        c.proc.wait()


def test_session_diagnostics_code_actions_and_edits(client: Client, tmp_path: Path) -> None:
    init = client.initialize(tmp_path)
    caps = init["capabilities"]
    assert init["serverInfo"]["name"] == "presslint"
    assert caps.get("positionEncoding", "utf-16") == "utf-16"
    assert caps["textDocumentSync"]["change"] == 1  # full
    assert "quickfix" in caps["codeActionProvider"]["codeActionKinds"]

    uri = (tmp_path / "bamako.txt").as_uri()
    client.notify(
        "textDocument/didOpen",
        {"textDocument": {"uri": uri, "languageId": "plaintext", "version": 1, "text": DAMAGED}},
    )
    published = client.wait_for("textDocument/publishDiagnostics", uri)
    assert published["version"] == 1
    [diag] = published["diagnostics"]
    assert diag["code"] == "PUN101" and diag["source"] == "presslint" and diag["severity"] == 2
    line2 = DAMAGED.split("\n")[1]
    col = units(line2[: line2.index("..")], "utf-16")
    assert col == line2.index("..") + 1  # the mathematical 𝐋 is two UTF-16 units
    assert diag["range"] == {"start": {"line": 1, "character": col}, "end": {"line": 1, "character": col + 2}}

    actions = client.request(
        "textDocument/codeAction",
        {"textDocument": {"uri": uri}, "range": diag["range"], "context": {"diagnostics": [diag]}},
    )
    quick = [a for a in actions if a["kind"] == "quickfix"]
    assert [a["title"] for a in quick] == ["Fix PUN101 doubled-punctuation"]
    assert quick[0]["isPreferred"] is True
    edits = quick[0]["edit"]["changes"][uri]
    assert apply_edits(DAMAGED, edits) == FIXED
    fix_all = [a for a in actions if a["kind"] == "source.fixAll.presslint"]
    assert apply_edits(DAMAGED, fix_all[0]["edit"]["changes"][uri]) == FIXED

    # Nothing to fix away from the problem.
    elsewhere = client.request(
        "textDocument/codeAction",
        {
            "textDocument": {"uri": uri},
            "range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 2}},
            "context": {"diagnostics": [], "only": ["quickfix"]},
        },
    )
    assert elsewhere == []

    client.notify(
        "textDocument/didChange",
        {"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{"text": FIXED}]},
    )
    published = client.wait_for("textDocument/publishDiagnostics", uri)
    assert (published["version"], published["diagnostics"]) == (2, [])

    client.notify(
        "textDocument/didChange",
        {"textDocument": {"uri": uri, "version": 3}, "contentChanges": [{"text": "Il part,, puis revient.\n"}]},
    )
    published = client.wait_for("textDocument/publishDiagnostics", uri)
    assert [d["range"]["start"]["character"] for d in published["diagnostics"]] == [7]

    client.notify("textDocument/didSave", {"textDocument": {"uri": uri}})
    assert len(client.wait_for("textDocument/publishDiagnostics", uri)["diagnostics"]) == 1
    client.notify("textDocument/didClose", {"textDocument": {"uri": uri}})
    assert client.wait_for("textDocument/publishDiagnostics", uri)["diagnostics"] == []
    assert client.close() == 0


def test_utf32_is_used_when_the_client_offers_it(client: Client, tmp_path: Path) -> None:
    init = client.initialize(tmp_path, encodings=["utf-32", "utf-16"])
    assert init["capabilities"]["positionEncoding"] == "utf-32"
    uri = (tmp_path / "bamako.md").as_uri()
    client.notify(
        "textDocument/didOpen",
        {"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": DAMAGED}},
    )
    published = client.wait_for("textDocument/publishDiagnostics", uri)
    if not published["diagnostics"]:
        pytest.fail(f"no diagnostics for a Markdown document: {client.notifications}")
    start = published["diagnostics"][0]["range"]["start"]
    assert start == {"line": 1, "character": DAMAGED.split("\n")[1].index("..")}
    assert client.close() == 0


def test_other_documents_are_left_alone_and_config_is_followed(client: Client, tmp_path: Path) -> None:
    (tmp_path / "presslint.toml").write_text('select = ["PUN101"]\nignore = ["PUN101"]\n', encoding="utf-8")
    (tmp_path / "desk").mkdir()
    (tmp_path / "desk" / "presslint.toml").write_text('lang = "fr"\nselect = ["PUN101"]\n', encoding="utf-8")
    client.initialize(tmp_path)
    code_uri = (tmp_path / "notes.py").as_uri()
    client.notify(
        "textDocument/didOpen",
        {"textDocument": {"uri": code_uri, "languageId": "python", "version": 1, "text": "x = 1,,\n"}},
    )
    ignored_uri = (tmp_path / "a.txt").as_uri()
    client.notify(
        "textDocument/didOpen",
        {"textDocument": {"uri": ignored_uri, "languageId": "plaintext", "version": 1, "text": DAMAGED}},
    )
    assert client.wait_for("textDocument/publishDiagnostics")["uri"] == ignored_uri  # nothing for notes.py
    assert not [n for n in client.notifications if n["params"].get("uri") == code_uri]
    desk_uri = (tmp_path / "desk" / "b.txt").as_uri()
    client.notify(
        "textDocument/didOpen",
        {"textDocument": {"uri": desk_uri, "languageId": "plaintext", "version": 1, "text": DAMAGED}},
    )
    assert [d["code"] for d in client.wait_for("textDocument/publishDiagnostics", desk_uri)["diagnostics"]] == ["PUN101"]
    # A config edited while the server runs is read again.
    (tmp_path / "desk" / "presslint.toml").write_text('lang = "fr"\nselect = ["PUN101"]\nignore = ["PUN"]\n', encoding="utf-8")
    client.notify("textDocument/didSave", {"textDocument": {"uri": desk_uri}})
    assert client.wait_for("textDocument/publishDiagnostics", desk_uri)["diagnostics"] == []
    # A broken config: one message to the user, no diagnostics, no crash.
    (tmp_path / "desk" / "presslint.toml").write_text('lang = "de"\n', encoding="utf-8")
    client.notify("textDocument/didSave", {"textDocument": {"uri": desk_uri}})
    shown = client.wait_for("window/showMessage")
    assert shown["type"] == 1 and "`lang` must be one of auto, fr, en" in shown["message"]
    assert client.close() == 0


def test_untitled_buffer_uses_the_language_id(client: Client, tmp_path: Path) -> None:
    client.initialize(tmp_path)
    uri = "untitled:Untitled-1"
    client.notify(
        "textDocument/didOpen",
        {"textDocument": {"uri": uri, "languageId": "plaintext", "version": 1, "text": "Il part.. Fin.\n"}},
    )
    diagnostics = client.wait_for("textDocument/publishDiagnostics", uri)["diagnostics"]
    [diag] = [d for d in diagnostics if d["code"] == "PUN101"]  # no config for an untitled buffer: every rule
    assert diag["range"]["start"] == {"line": 0, "character": 7}
    assert client.close() == 0


def test_lsp_alias_starts_the_same_server(tmp_path: Path) -> None:
    c = Client("lsp", "--stdio", cwd=tmp_path)
    try:
        assert c.initialize(tmp_path)["serverInfo"]["name"] == "presslint"
        assert c.close() == 0
    finally:
        if c.proc.poll() is None:
            c.proc.kill()


# --------------------------------------------------------------------------- positions, without a server


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16", "utf-32"])
def test_positions_round_trip(encoding: str) -> None:
    text = "🇲🇱 a\r\nb\u2028c\rd𝐋e\n\nfin"
    positions = PositionMap(text, encoding)
    for offset in range(len(text) + 1):
        line, character = positions.position(offset)
        back = positions.offset(line, character)
        if text[offset - 1 : offset + 1] == "\r\n":
            assert back == offset - 1  # the middle of a line break is the end of the line
        else:
            assert back == offset, (offset, line, character)


def test_positions_follow_lsp_line_breaks_only() -> None:
    text = "un\r\ndeux\u2028trois\rquatre\n🇲🇱 x"
    positions = PositionMap(text, "utf-16")
    assert positions.position(text.index("deux")) == (1, 0)
    assert positions.position(text.index("trois")) == (1, 5)  # U+2028 is not an LSP line break
    assert positions.position(text.index("quatre")) == (2, 0)
    assert positions.position(text.rindex("x")) == (3, 5)
    assert PositionMap(text, "utf-32").position(text.rindex("x")) == (3, 3)
    assert PositionMap(text, "utf-8").position(text.rindex("x")) == (3, 9)
    assert positions.offset(1, 999) == text.index("\rquatre")  # clamped to the end of the line
    assert positions.offset(99, 0) == len(text)


def test_minimal_edit_and_formats() -> None:
    assert minimal_edit("Il part.. Fin.", "Il part. Fin.") == (8, 9, "")
    assert minimal_edit("abc", "abc") == (3, 3, "")
    assert minimal_edit("aaa", "aaaa") == (3, 3, "a")
    assert document_format("/desk/a.md", "plaintext") == "md"
    assert document_format(None, "html") == "html"
    assert document_format("/desk/a.py", "python") is None
    assert document_format("/desk/NOTES", "plaintext") == "txt"
