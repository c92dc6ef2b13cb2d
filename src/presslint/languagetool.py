"""Talking to LanguageTool: where to find it, how to ask it, and remembering its answers.

presslint speaks LanguageTool's HTTP API (``POST /v2/check``) itself, whether
the server is a newsroom's own, the public API (only when the user opts in) or
a local one started through language-tool-python. That keeps one code path for
chunking, parallel requests, timeouts and the on-disk cache.

LanguageTool counts offsets in UTF-16 code units; every offset is converted
to Python string indices here, before anything else sees it.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from presslint.config import LanguageToolSettings

ENV_URL = "PRESSLINT_LANGUAGETOOL_URL"
PUBLIC_API = "https://api.languagetool.org"
# LanguageTool rules that presslint's own rules do better (and would otherwise report twice).
DEFAULT_DISABLED_RULES: tuple[str, ...] = (
    "WHITESPACE_RULE",
    "DOUBLE_PUNCTUATION",
    "COMMA_PARENTHESIS_WHITESPACE",
    "SENTENCE_WHITESPACE",
    "ENGLISH_WORD_REPEAT_RULE",
    "WORD_REPEAT_RULE",
    "FRENCH_WORD_REPEAT_RULE",
    "FRENCH_WHITESPACE",
    "FRENCH_WHITESPACE_STRICT",
    "UPPERCASE_SENTENCE_START",
    "UNPAIRED_BRACKETS",
    "EN_UNPAIRED_BRACKETS",
    "EN_UNPAIRED_QUOTES",
    "EN_QUOTES",
    "PUNCTUATION_PARAGRAPH_END",
)
LANGUAGE_CODES = {"fr": "fr", "en": "en-US"}
SERVER_INFO_TTL = 24 * 3600.0


class LanguageToolUnavailable(Exception):
    """No LanguageTool could be reached; the message says what was tried and how to fix it."""


@dataclass(frozen=True, slots=True)
class Match:
    """One LanguageTool match, with offsets already in Python string indices of the checked text."""

    start: int
    end: int
    message: str
    rule_id: str
    category_id: str
    category_name: str
    issue_type: str
    replacements: tuple[str, ...]


# --------------------------------------------------------------------------- offsets


def utf16_to_index(text: str) -> list[int]:
    """Map from UTF-16 code-unit offset to string index (length: UTF-16 length + 1).

    An offset that falls between the two halves of a surrogate pair maps to the
    character's own index.
    """
    table: list[int] = []
    for i, ch in enumerate(text):
        table.append(i)
        if ord(ch) > 0xFFFF:
            table.append(i)
    table.append(len(text))
    return table


def parse_matches(response: dict[str, Any], text: str) -> list[Match]:
    """Turn a ``/v2/check`` JSON response about ``text`` into Matches with string offsets."""
    table = utf16_to_index(text)
    last = len(table) - 1
    out: list[Match] = []
    for m in response.get("matches", []):
        try:
            offset, length = int(m["offset"]), int(m["length"])
        except (KeyError, TypeError, ValueError):
            continue
        if offset < 0 or length < 0 or offset > last:
            continue
        start = table[offset]
        end = table[min(offset + length, last)]
        if end == start and length > 0:  # ends inside a surrogate pair: include the character
            end = min(start + 1, len(text))
        rule = m.get("rule") or {}
        category = rule.get("category") or {}
        out.append(
            Match(
                start=start,
                end=end,
                message=str(m.get("message") or m.get("shortMessage") or rule.get("description") or ""),
                rule_id=str(rule.get("id") or "UNKNOWN"),
                category_id=str(category.get("id") or ""),
                category_name=str(category.get("name") or ""),
                issue_type=str(rule.get("issueType") or ""),
                replacements=tuple(str(r.get("value", "")) for r in m.get("replacements") or [] if isinstance(r, dict)),
            )
        )
    return out


# --------------------------------------------------------------------------- chunks


def chunk_text(text: str, limit: int) -> list[tuple[int, str]]:
    """Split ``text`` into pieces of at most ``limit`` characters, at paragraph (else line, else space) breaks.

    Returns (start offset, piece) pairs covering the whole text.
    """
    chunks: list[tuple[int, str]] = []
    pos, n = 0, len(text)
    while pos < n:
        if n - pos <= limit:
            chunks.append((pos, text[pos:]))
            break
        window_end = pos + limit
        cut = -1
        for sep in ("\n\n", "\n", " "):
            found = text.rfind(sep, pos + 1, window_end)
            if found > pos:
                cut = found + len(sep)
                break
        if cut <= pos:
            cut = window_end
        chunks.append((pos, text[pos:cut]))
        pos = cut
    return chunks


# --------------------------------------------------------------------------- cache


def _default_cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "presslint" / "languagetool"


class ResponseCache:
    """LanguageTool answers on disk, keyed by text, language, server version and rule settings."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder

    def key(self, *parts: str) -> str:
        h = hashlib.sha256()
        for part in parts:
            h.update(part.encode("utf-8", "surrogatepass"))
            h.update(b"\x00")
        return h.hexdigest()

    def get(self, key: str) -> dict[str, Any] | None:
        if self.folder is None:
            return None
        path = self.folder / key[:2] / f"{key}.json"
        try:
            data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
            return data
        except (OSError, ValueError):
            return None

    def put(self, key: str, value: dict[str, Any]) -> None:
        if self.folder is None:
            return
        path = self.folder / key[:2] / f"{key}.json"
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_suffix(f".{os.getpid()}.tmp")
            tmp.write_text(json.dumps(value), encoding="utf-8")
            os.replace(tmp, path)
        except OSError:
            pass  # a cache that cannot be written only costs speed


# --------------------------------------------------------------------------- client


class Client:
    """A LanguageTool server reached over HTTP."""

    def __init__(self, base_url: str, settings: LanguageToolSettings) -> None:
        self.base_url = base_url.rstrip("/")
        if not self.base_url.endswith("/v2"):
            self.base_url += "/v2"
        self.settings = settings
        folder = Path(settings.cache_dir).expanduser() if settings.cache_dir else _default_cache_dir()
        self.cache = ResponseCache(folder if settings.cache else None)
        self._version: str | None = None
        self._lock = threading.Lock()

    @property
    def disabled_rules(self) -> tuple[str, ...]:
        if self.settings.disabled_rules is None:
            return DEFAULT_DISABLED_RULES
        return self.settings.disabled_rules

    def _post(self, text: str, language: str) -> dict[str, Any]:
        fields = {"text": text, "language": language}
        if self.disabled_rules:
            fields["disabledRules"] = ",".join(self.disabled_rules)
        if self.settings.enabled_rules:
            fields["enabledRules"] = ",".join(self.settings.enabled_rules)
        if self.settings.mother_tongue:
            fields["motherTongue"] = self.settings.mother_tongue
        body = urllib.parse.urlencode(fields).encode("utf-8")
        request = urllib.request.Request(
            f"{self.base_url}/check",
            data=body,
            headers={"Content-Type": "application/x-www-form-urlencoded", "Accept": "application/json"},
        )
        with urllib.request.urlopen(request, timeout=self.settings.timeout) as reply:  # noqa: S310 (configured URL)
            data: dict[str, Any] = json.loads(reply.read().decode("utf-8"))
        return data

    def version(self) -> str:
        """The server's LanguageTool version, remembered on disk for a day so cached runs need no request."""
        with self._lock:
            if self._version is not None:
                return self._version
            info_key = self.cache.key("server-info", self.base_url)
            info = self.cache.get(info_key)
            if info and time.time() - float(info.get("checked_at", 0)) < SERVER_INFO_TTL:
                self._version = str(info.get("version", "unknown"))
                return self._version
            data = self._post("presslint", "en-US")
            self._version = str((data.get("software") or {}).get("version", "unknown"))
            self.cache.put(info_key, {"version": self._version, "checked_at": time.time()})
            return self._version

    def check(self, text: str, lang: str) -> list[Match]:
        """Every match in ``text``: chunked, in parallel, cached; LanguageToolUnavailable if the server fails."""
        try:
            return self._check(text, lang)
        except TimeoutError:
            raise LanguageToolUnavailable(
                f"LanguageTool at {self.base_url} did not answer within {self.settings.timeout:g} s "
                "(raise `languagetool.timeout`); grammar was not checked"
            ) from None
        except urllib.error.HTTPError as exc:
            raise LanguageToolUnavailable(
                f"LanguageTool at {self.base_url} answered HTTP {exc.code} ({exc.reason}); grammar was not checked"
            ) from None
        except (urllib.error.URLError, OSError, ValueError) as exc:
            reason = getattr(exc, "reason", exc)
            if isinstance(reason, TimeoutError):
                raise LanguageToolUnavailable(
                    f"LanguageTool at {self.base_url} did not answer within {self.settings.timeout:g} s "
                    "(raise `languagetool.timeout`); grammar was not checked"
                ) from None
            raise LanguageToolUnavailable(
                f"LanguageTool at {self.base_url} is unreachable ({reason}); grammar was not checked"
            ) from None

    def _check(self, text: str, lang: str) -> list[Match]:
        language = LANGUAGE_CODES.get(lang, lang)
        version = self.version()
        settings_key = json.dumps(
            [sorted(self.disabled_rules), sorted(self.settings.enabled_rules), self.settings.mother_tongue]
        )
        chunks = [(start, piece) for start, piece in chunk_text(text, self.settings.chunk_size) if piece.strip()]

        def one(chunk: tuple[int, str]) -> list[Match]:
            start, piece = chunk
            key = self.cache.key(self.base_url, version, language, settings_key, piece)
            response = self.cache.get(key)
            if response is None:
                response = self._post(piece, language)
                self.cache.put(key, {"matches": response.get("matches", [])})
            return [
                Match(m.start + start, m.end + start, m.message, m.rule_id, m.category_id, m.category_name,
                      m.issue_type, m.replacements)
                for m in parse_matches(response, piece)
            ]

        if len(chunks) <= 1:
            results = [one(c) for c in chunks]
        else:
            with ThreadPoolExecutor(max_workers=max(1, self.settings.max_parallel)) as pool:
                results = list(pool.map(one, chunks))
        return [m for group in results for m in group]


# --------------------------------------------------------------------------- discovery

_clients: dict[tuple[str, LanguageToolSettings], Client] = {}
_local_server: Any = None
_local_failure: str | None = None  # remembered so a failed start is not retried for every document
_discovery_lock = threading.Lock()


def _local_url() -> str:
    """Start (once per process) a local LanguageTool through language-tool-python and return its URL."""
    global _local_server, _local_failure
    if _local_server is not None:
        return str(_local_server.url)
    if _local_failure is not None:
        raise LanguageToolUnavailable(_local_failure)
    try:
        return _start_local()
    except LanguageToolUnavailable as exc:
        _local_failure = str(exc)
        raise


def _start_local() -> str:
    global _local_server
    if shutil.which("java") is None:
        raise LanguageToolUnavailable("no Java runtime on PATH (a local LanguageTool needs Java 17+)")
    try:
        import language_tool_python
    except ImportError:
        raise LanguageToolUnavailable(
            "language-tool-python is not installed (pip install 'presslint[languagetool]')"
        ) from None
    try:
        _local_server = language_tool_python.LanguageTool("en-US")
    except Exception as exc:  # download or start-up failure: say what happened, in one line
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise LanguageToolUnavailable(f"a local LanguageTool could not be started ({reason})") from None
    return str(_local_server.url)


def client_for(settings: LanguageToolSettings) -> Client:
    """The LanguageTool to use, in this order: configured URL, $PRESSLINT_LANGUAGETOOL_URL, the public
    API (opt-in), a local server through language-tool-python."""
    tried: list[str] = []
    url = settings.url or os.environ.get(ENV_URL) or (PUBLIC_API if settings.public_api else None)
    with _discovery_lock:
        if url:
            key = (url, settings)
            if key not in _clients:
                _clients[key] = Client(url, settings)
            return _clients[key]
        tried.append(f"no server URL (config `languagetool.url` or ${ENV_URL})")
        if settings.local:
            try:
                local = _local_url()
            except LanguageToolUnavailable as exc:
                tried.append(str(exc))
            else:
                key = (local, settings)
                if key not in _clients:
                    _clients[key] = Client(local, settings)
                return _clients[key]
        else:
            tried.append("local LanguageTool disabled (`languagetool.local = false`)")
    raise LanguageToolUnavailable(
        "LanguageTool unavailable: " + "; ".join(tried)
        + f". Set ${ENV_URL} or `languagetool.url` to a LanguageTool server (e.g. http://localhost:8081), "
        "or set `languagetool.public-api = true` to use the public API; grammar was not checked"
    )
