"""What a rule is: its metadata, its examples, and the context it reports through.

Rules work on the *prose view* of a document (``Document.text``) and report
prose offsets. They never compute source positions: the engine maps every
finding back to the source through the Document.

Metadata and examples are named tuples: every rule module defines some at
import, and a named tuple costs a tenth of a frozen dataclass to define,
which a one-file check pays at every start.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, NamedTuple, Protocol, runtime_checkable

from presslint.diagnostics import Applicability, Severity

if TYPE_CHECKING:
    from presslint.document import Document
    from presslint.config import Settings


# Families: the letter prefix of a rule code says what kind of problem it finds.
FAMILIES: dict[str, str] = {
    "PUN": "punctuation",
    "TYP": "typography and white space",
    "SCR": "scraping leftovers",
    "EDT": "editing artefacts",
    "CON": "consistency of names and spelling",
    "VOI": "voice",
    "LT": "grammar and spelling (LanguageTool)",
    "ENG": "engine",
}


def family_of(code: str) -> str:
    """The family prefix of a code: its leading letters (``PUN101`` -> ``PUN``)."""
    i = 0
    while i < len(code) and code[i].isalpha():
        i += 1
    return code[:i]


class BadExample(NamedTuple):
    """A text the rule must flag, and for a fixable rule the exact fixed text."""

    text: str
    fixed: str | None = None
    lang: str | None = None
    # Style settings the example runs with (``(("canonical_names", ("Assimi Goïta",)),)``),
    # for rules that act only on an opt-in setting.
    style: tuple[tuple[str, Any], ...] = ()


class GoodExample(NamedTuple):
    """A text the rule must leave alone."""

    text: str
    lang: str | None = None
    style: tuple[tuple[str, Any], ...] = ()


class RuleMeta(NamedTuple):
    """What a rule is, apart from its code: selection, documentation, examples."""

    code: str
    name: str
    summary: str
    languages: tuple[str, ...] = ("fr", "en")
    severity: Severity = Severity.WARNING
    fixable: Applicability | None = None
    default_enabled: bool = True
    description: str = ""
    bad_examples: tuple[BadExample, ...] = ()
    good_examples: tuple[GoodExample, ...] = ()
    # Where the rule came from (a TOML file, a module), for error messages and `explain`.
    origin: str = ""

    @property
    def family(self) -> str:
        return family_of(self.code)

    def applies_to(self, lang: str) -> bool:
        return "*" in self.languages or lang in self.languages


@dataclass(frozen=True, slots=True)
class Finding:
    """What a rule reports: a prose span, a message and optional prose edits."""

    start: int
    end: int
    message: str
    edits: tuple[tuple[int, int, str], ...] = ()
    applicability: Applicability = Applicability.SAFE
    extra: dict[str, Any] = field(default_factory=dict)
    # Rules that report under several codes (LanguageTool) may override their own.
    code: str | None = None
    rule: str | None = None


class IncompleteCheck(Exception):
    """Raised by a rule that could not do its work (an unreachable service).

    The engine reports the message once as a warning and marks the check
    incomplete, so the exit status never claims a text is clean when it was
    not fully checked.
    """


@runtime_checkable
class Rule(Protocol):
    """A check. ``check`` yields Findings in prose offsets of ``doc.text``."""

    meta: RuleMeta

    def check(self, doc: Document, settings: Settings) -> Iterable[Finding]: ...


class DocumentRule(ABC):
    """Convenience base class for Python-coded rules.

    Subclasses set ``meta`` and implement ``check``; the helper ``finding``
    builds a Finding with the rule's default fix applicability.
    """

    meta: RuleMeta

    @abstractmethod
    def check(self, doc: Document, settings: Settings) -> Iterator[Finding]:
        """Yield the findings of this rule on ``doc``."""

    def finding(
        self,
        start: int,
        end: int,
        message: str,
        edits: Iterable[tuple[int, int, str]] = (),
        applicability: Applicability | None = None,
        **extra: Any,
    ) -> Finding:
        return Finding(
            start,
            end,
            message,
            tuple(edits),
            applicability or self.meta.fixable or Applicability.SAFE,
            dict(extra),
        )
