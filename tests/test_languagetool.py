"""LanguageTool: response mapping (UTF-16 offsets), chunking, cache, overlaps, failures.

A small stub speaking LanguageTool's documented ``/v2/check`` format runs on
127.0.0.1; it flags given words, with offsets in UTF-16 code units as the real
server does. A live test runs against a real server when
$PRESSLINT_LANGUAGETOOL_URL is set.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from presslint import api, languagetool
from presslint.config import LanguageToolSettings, Settings
from presslint.languagetool import chunk_text, parse_matches, utf16_to_index

# word -> (rule id, category id, replacements)
FLAGS = {
    "teh": ("MORFOLOGIK_RULE_EN_US", "TYPOS", ["the", "ten"]),
    "ministre ministre": ("FAKE_REPEAT", "MISC", ["ministre"]),
    "bénéfique..": ("FAKE_PUNCT", "PUNCTUATION", ["bénéfique."]),
    "recieved": ("MORFOLOGIK_RULE_EN_US", "TYPOS", ["received"]),
}


def utf16_len(s: str) -> int:
    return len(s.encode("utf-16-le")) // 2


class Stub(BaseHTTPRequestHandler):
    requests: list[dict[str, str]] = []
    delay = 0.0

    def log_message(self, *args: object) -> None:  # keep test output quiet
        pass

    def do_POST(self) -> None:  # noqa: N802 (http.server naming)
        length = int(self.headers["Content-Length"])
        fields = {k: v[0] for k, v in urllib.parse.parse_qs(self.rfile.read(length).decode()).items()}
        Stub.requests.append(fields)
        if Stub.delay:
            time.sleep(Stub.delay)
        text = fields["text"]
        matches = []
        for word, (rule, category, repl) in FLAGS.items():
            start = text.find(word)
            while start >= 0:
                matches.append({
                    "message": f"Possible problem: {word}",
                    "shortMessage": "",
                    "offset": utf16_len(text[:start]),
                    "length": utf16_len(word),
                    "replacements": [{"value": r} for r in repl],
                    "rule": {"id": rule, "description": "stub", "issueType": "misspelling",
                             "category": {"id": category, "name": category.title()}},
                })
                start = text.find(word, start + 1)
        body = json.dumps({"software": {"name": "LanguageTool", "version": "6.6-stub"}, "matches": matches}).encode()
        try:
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (the timeout test)


@pytest.fixture()
def server() -> Iterator[str]:
    Stub.requests = []
    Stub.delay = 0.0
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Stub)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def settings(url: str, tmp_path: Path, **lt: object) -> Settings:
    return Settings(
        select=("PUN101",),
        languagetool=LanguageToolSettings(enabled=True, url=url, cache_dir=str(tmp_path / "cache"), **lt),  # type: ignore[arg-type]
    )


def test_utf16_offsets_with_astral_and_accented_characters() -> None:
    text = "😀 é teh 𝒳 recieved"
    response = {"matches": [
        {"offset": utf16_len("😀 é "), "length": 3, "rule": {"id": "A"}, "message": "m"},
        {"offset": utf16_len("😀 é teh 𝒳 "), "length": 8, "rule": {"id": "B"}, "message": "m"},
    ]}
    matches = parse_matches(response, text)
    assert [text[m.start:m.end] for m in matches] == ["teh", "recieved"]
    assert utf16_to_index("a😀b") == [0, 1, 1, 2, 3]


def test_malformed_matches_are_ignored() -> None:
    text = "abc"
    response = {"matches": [{"offset": "x"}, {"offset": 99, "length": 1}, {"offset": 0, "length": 3, "rule": {"id": "OK"}}]}
    assert [m.rule_id for m in parse_matches(response, text)] == ["OK"]


def test_chunks_cover_the_text_and_respect_the_limit() -> None:
    text = "\n\n".join(f"Paragraphe {i} avec quelques mots." for i in range(50))
    chunks = chunk_text(text, 120)
    assert "".join(piece for _, piece in chunks) == text
    assert all(len(piece) <= 120 for _, piece in chunks)
    assert all(text[start:start + len(piece)] == piece for start, piece in chunks)


def test_matches_become_diagnostics_with_unsafe_fix_and_replacements(server: str, tmp_path: Path) -> None:
    text = "It is 😀 teh end.\n"
    diags = api.lint(text, lang="en", config=settings(server, tmp_path))
    lt = [d for d in diags if d.code.startswith("LT:")]
    assert len(lt) == 1
    d = lt[0]
    assert d.code == "LT:MORFOLOGIK_RULE_EN_US"
    assert text[d.offset:d.end_offset] == "teh"
    assert d.column == text.index("teh") + 1  # columns in characters, not UTF-16 units
    assert d.fix is not None and d.fix.applicability.value == "unsafe"
    assert d.fix.edits[0].replacement == "the"
    obj = d.to_dict()
    assert obj["replacements"] == ["the", "ten"] and obj["category"] == "TYPOS"
    assert "yields_to" not in obj
    assert api.fix(text, lang="en", config=settings(server, tmp_path), unsafe=True).text == "It is 😀 the end.\n"


def test_request_sends_language_and_default_disabled_rules(server: str, tmp_path: Path) -> None:
    api.lint("Le ministre est arrivé.", lang="fr", config=settings(server, tmp_path))
    check = Stub.requests[-1]
    assert check["language"] == "fr"
    assert "DOUBLE_PUNCTUATION" in check["disabledRules"].split(",")


def test_user_can_change_the_disabled_list(server: str, tmp_path: Path) -> None:
    api.lint("Le ministre est arrivé.", lang="fr", config=settings(server, tmp_path, disabled_rules=("ONLY_THIS",)))
    assert Stub.requests[-1]["disabledRules"] == "ONLY_THIS"


def test_presslint_rule_wins_on_the_same_span(server: str, tmp_path: Path) -> None:
    text = "Une coopération mutuellement bénéfique.. Sergueï Lavrov aura un agenda chargé."
    diags = api.lint(text, lang="fr", config=settings(server, tmp_path))
    assert [d.code for d in diags] == ["PUN101"]


def test_cache_makes_an_unchanged_text_free(server: str, tmp_path: Path) -> None:
    text = "It is teh end.\n"
    first = api.lint(text, lang="en", config=settings(server, tmp_path))
    count = len(Stub.requests)
    languagetool._clients.clear()  # a new process: only the disk cache remains
    second = api.lint(text, lang="en", config=settings(server, tmp_path))
    assert len(Stub.requests) == count
    assert first == second
    api.lint(text + "Another teh.\n", lang="en", config=settings(server, tmp_path))
    assert len(Stub.requests) == count + 1


def test_long_text_is_sent_in_chunks_and_offsets_stay_right(server: str, tmp_path: Path) -> None:
    paragraph = "This paragraph has teh typo in it and more words to fill the line."
    text = "\n\n".join([paragraph] * 30) + "\n"
    diags = api.lint(text, lang="en", config=settings(server, tmp_path, chunk_size=500, max_parallel=3))
    lt = [d for d in diags if d.code.startswith("LT:")]
    assert len(lt) == 30
    assert all(text[d.offset:d.end_offset] == "teh" for d in lt)
    assert sum(1 for r in Stub.requests if r["text"] != "presslint") > 1


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[bytes]:
    exe = str(Path(sys.executable).parent / "presslint")
    return subprocess.run([exe, *args], capture_output=True, env={**os.environ, **(env or {})}, timeout=120)


def test_unreachable_server_warns_once_and_exit_status_is_not_clean(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("Le ministre est arrivé lundi à Bamako.\n", encoding="utf-8")
    url = f"http://127.0.0.1:{_free_port()}"
    proc = _cli("check", "--languagetool", "--select", "PUN101", str(article),
                env={"PRESSLINT_LANGUAGETOOL_URL": url, "XDG_CACHE_HOME": str(tmp_path)})
    assert proc.returncode == 3, proc.stderr
    err = proc.stderr.decode()
    assert err.count("warning:") == 1 and url in err and "unreachable" in err
    assert b"Traceback" not in proc.stderr


def test_problems_still_exit_1_when_languagetool_is_down(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("Le ministre est arrivé lundi.. Il repart.\n", encoding="utf-8")
    proc = _cli("check", "--languagetool", "--format", "concise", str(article),
                env={"PRESSLINT_LANGUAGETOOL_URL": f"http://127.0.0.1:{_free_port()}", "XDG_CACHE_HOME": str(tmp_path)})
    assert proc.returncode == 1
    assert b"PUN101" in proc.stdout


def test_timeout_is_reported(server: str, tmp_path: Path) -> None:
    Stub.delay = 2.0
    linter = api.Linter(settings(server, tmp_path, timeout=0.3))
    result = linter.check("It is teh end.", lang="en")
    assert result.incomplete and "did not answer within 0.3 s" in result.incomplete[0]
    assert [d.code for d in result.diagnostics] == []


def test_markdown_prose_only_and_spans_in_source(server: str, tmp_path: Path) -> None:
    pytest.importorskip("presslint.formats.markdown")
    source = "# Title\n\nIt is **teh** end, see `teh` code.\n"
    diags = api.lint(source, lang="en", fmt="md", config=settings(server, tmp_path))
    lt = [d for d in diags if d.code.startswith("LT:")]
    assert len(lt) == 1
    assert source[lt[0].offset:lt[0].end_offset] == "teh"
    assert lt[0].offset == source.index("**teh**") + 2
    assert all("`" not in r["text"] for r in Stub.requests)


@pytest.mark.skipif(not os.environ.get("PRESSLINT_LANGUAGETOOL_URL"),
                    reason="set PRESSLINT_LANGUAGETOOL_URL to a LanguageTool server to run the live test")
def test_live_server(tmp_path: Path) -> None:
    text = "He recieved the letter on Monday.\n"
    cfg = Settings(languagetool=LanguageToolSettings(enabled=True, cache=False))
    diags = api.lint(text, lang="en", config=cfg)
    assert any(d.code.startswith("LT:") and text[d.offset:d.end_offset] == "recieved" for d in diags)
