"""The ``regex`` module with a time budget on every call.

A pattern that backtracks catastrophically on some input (a user's rule, or a
built-in one meeting text nobody foresaw) must cost one rule on one document,
not hang a pipeline. Rule code imports this module in place of ``regex``
(``from presslint import timed_regex as regex``): every search, match,
finditer, findall, sub and split then runs with ``timeout=`` set, and raises
``TimeoutError`` when it runs out; the engine turns that into one ENG001
diagnostic and runs the other rules.

The budget grows with the text searched, so that a linear pattern over a very
large file is never cut short, while a superlinear one still is:
``BASE_SECONDS + SECONDS_PER_MILLION_CHARS * len(text) / 1e6`` of CPU time
(the ``regex`` package measures CPU time, so a busy machine does not cause
spurious timeouts).

A call on a short subject (a word, a sentence, most paragraphs: at most
``UNTIMED_CHARS`` characters between ``pos`` and ``endpos``) runs without a
budget. Arming the timeout reads the process clock, which costs several times
a short match, and rules make hundreds of thousands of such calls on a large
file; meanwhile every built-in pattern is fed 50,000 characters of adversarial
text in the test suite, and a short subject bounds what a merely polynomial
pattern can cost. User rule files always run with a budget (see ``rulefiles``).
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Iterator
from typing import Any

import regex as _regex

BASE_SECONDS = 2.0
SECONDS_PER_MILLION_CHARS = 2.0
UNTIMED_CHARS = 2_000

# Every pattern compiled through this module, so that tests can feed each one adversarial text.
COMPILED: weakref.WeakSet[TimedPattern] = weakref.WeakSet()


def budget_for(text: object) -> float:
    """Seconds of CPU time one call may take on ``text``."""
    size = len(text) if isinstance(text, str | bytes) else 0
    return BASE_SECONDS + SECONDS_PER_MILLION_CHARS * size / 1_000_000


def _arm(string: Any, args: tuple[Any, ...], kw: dict[str, Any]) -> None:
    """Set ``timeout`` in ``kw`` unless the caller did or the searched window is short."""
    if "timeout" in kw:
        return
    size = len(string) if isinstance(string, (str, bytes)) else 0  # noqa: UP038 (a tuple is faster per call)
    if size <= UNTIMED_CHARS:
        return
    if args or kw:  # pos and endpos narrow the window
        pos = args[0] if args else kw.get("pos")
        endpos = args[1] if len(args) > 1 else kw.get("endpos")
        start = 0 if pos is None else pos
        end = size if endpos is None else min(endpos, size)
        if end - start <= UNTIMED_CHARS:
            return
    kw["timeout"] = BASE_SECONDS + SECONDS_PER_MILLION_CHARS * size / 1_000_000


class TimedPattern:
    """A compiled ``regex`` pattern whose matching methods carry a timeout by default.

    Made by ``lazy``, it holds only the pattern's source until first used: the
    ``regex`` package compiles in Python, and compiling every rule's patterns
    at import was a fifth of the start-up of a one-file check.
    """

    __slots__ = ("raw", "_source", "__weakref__")

    def __init__(self, raw: _regex.Pattern[str] | None = None,
                 source: tuple[str, int, dict[str, Any]] | None = None) -> None:
        if raw is not None:
            self.raw = raw
        else:
            self._source = source

    def __getattr__(self, name: str) -> Any:  # pattern, flags, groups, groupindex, scanner...
        if name == "raw":  # a lazy pattern's first use: compile it once
            pattern, flags, kw = object.__getattribute__(self, "_source")
            self.raw = _regex.compile(pattern, flags, **kw)
            return self.raw
        if name.startswith("__") or name == "_source":
            raise AttributeError(name)
        return getattr(self.raw, name)

    def __repr__(self) -> str:
        return f"TimedPattern({self.raw.pattern!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, TimedPattern) and other.raw == self.raw

    def __hash__(self) -> int:  # equal patterns have the same source; hashing must not compile a lazy one
        try:
            source = object.__getattribute__(self, "_source")[0]
        except AttributeError:
            source = self.raw.pattern
        return hash(source)

    def search(self, string: str, *args: Any, **kw: Any) -> _regex.Match[str] | None:
        _arm(string, args, kw)
        return self.raw.search(string, *args, **kw)

    def match(self, string: str, *args: Any, **kw: Any) -> _regex.Match[str] | None:
        _arm(string, args, kw)
        return self.raw.match(string, *args, **kw)

    def fullmatch(self, string: str, *args: Any, **kw: Any) -> _regex.Match[str] | None:
        _arm(string, args, kw)
        return self.raw.fullmatch(string, *args, **kw)

    def finditer(self, string: str, *args: Any, **kw: Any) -> Iterator[_regex.Match[str]]:
        _arm(string, args, kw)
        return self.raw.finditer(string, *args, **kw)

    def findall(self, string: str, *args: Any, **kw: Any) -> list[Any]:
        _arm(string, args, kw)
        return self.raw.findall(string, *args, **kw)

    def sub(self, repl: str | Callable[[_regex.Match[str]], str], string: str, *args: Any, **kw: Any) -> str:
        _arm(string, (), kw)
        return self.raw.sub(repl, string, *args, **kw)

    def subn(self, repl: str | Callable[[_regex.Match[str]], str], string: str, *args: Any, **kw: Any) -> tuple[str, int]:
        _arm(string, (), kw)
        return self.raw.subn(repl, string, *args, **kw)

    def split(self, string: str, *args: Any, **kw: Any) -> list[Any]:
        _arm(string, (), kw)  # args: maxsplit, not a window
        return self.raw.split(string, *args, **kw)

    def splititer(self, string: str, *args: Any, **kw: Any) -> Iterator[Any]:
        _arm(string, (), kw)  # args: maxsplit, not a window
        return self.raw.splititer(string, *args, **kw)


# Patterns given as strings to the module-level functions (bounded: dynamic patterns must not leak).
CALLED: set[tuple[str, int]] = set()
_CALLED_LIMIT = 2000


def _raw(pattern: str | TimedPattern | _regex.Pattern[str], flags: int) -> _regex.Pattern[str]:
    if isinstance(pattern, TimedPattern):
        return pattern.raw
    if isinstance(pattern, str) and len(CALLED) < _CALLED_LIMIT:
        CALLED.add((pattern, flags))
    return _regex.compile(pattern, flags)


def compile(pattern: str | TimedPattern | _regex.Pattern[str], flags: int = 0, **kw: Any) -> TimedPattern:  # noqa: A001
    if isinstance(pattern, TimedPattern):
        return pattern
    timed = TimedPattern(_regex.compile(pattern, flags, **kw))
    COMPILED.add(timed)
    return timed


def lazy(pattern: str, flags: int = 0, **kw: Any) -> TimedPattern:
    """A timed pattern compiled on first use, for module-level patterns of rules that may never run."""
    timed = TimedPattern(source=(pattern, flags, kw))
    COMPILED.add(timed)
    return timed


def search(pattern: Any, string: str, flags: int = 0, **kw: Any) -> _regex.Match[str] | None:
    _arm(string, (), kw)
    return _raw(pattern, flags).search(string, **kw)


def match(pattern: Any, string: str, flags: int = 0, **kw: Any) -> _regex.Match[str] | None:
    _arm(string, (), kw)
    return _raw(pattern, flags).match(string, **kw)


def fullmatch(pattern: Any, string: str, flags: int = 0, **kw: Any) -> _regex.Match[str] | None:
    _arm(string, (), kw)
    return _raw(pattern, flags).fullmatch(string, **kw)


def finditer(pattern: Any, string: str, flags: int = 0, **kw: Any) -> Iterator[_regex.Match[str]]:
    _arm(string, (), kw)
    return _raw(pattern, flags).finditer(string, **kw)


def findall(pattern: Any, string: str, flags: int = 0, **kw: Any) -> list[Any]:
    _arm(string, (), kw)
    return _raw(pattern, flags).findall(string, **kw)


def sub(pattern: Any, repl: Any, string: str, count: int = 0, flags: int = 0, **kw: Any) -> str:
    _arm(string, (), kw)
    return _raw(pattern, flags).sub(repl, string, count, **kw)


def subn(pattern: Any, repl: Any, string: str, count: int = 0, flags: int = 0, **kw: Any) -> tuple[str, int]:
    _arm(string, (), kw)
    return _raw(pattern, flags).subn(repl, string, count, **kw)


def split(pattern: Any, string: str, maxsplit: int = 0, flags: int = 0, **kw: Any) -> list[Any]:
    _arm(string, (), kw)
    return _raw(pattern, flags).split(string, maxsplit, **kw)


def __getattr__(name: str) -> Any:  # flags, escape, error, Pattern, Match...
    return getattr(_regex, name)
