"""Grammar and spelling from LanguageTool, reported as presslint diagnostics.

Off by default (``--languagetool`` or ``[languagetool] enabled = true``). Each
LanguageTool match becomes a diagnostic coded ``LT:<rule id>`` with
LanguageTool's category and message, its first replacement as an unsafe fix,
and every replacement under the extra JSON key ``replacements``. A match that
overlaps one of presslint's own punctuation, typography or editing
diagnostics yields to it, so nothing is reported twice.
"""

from __future__ import annotations

from collections.abc import Iterator

from presslint.config import Settings
from presslint.diagnostics import Applicability, Severity
from presslint.document import Document
from presslint.rule import DocumentRule, Finding, IncompleteCheck, RuleMeta

# presslint families whose diagnostics take precedence over an overlapping LanguageTool match.
YIELDS_TO = ("PUN", "TYP", "SCR", "EDT")


class LanguageToolRule(DocumentRule):
    meta = RuleMeta(
        code="LT",
        name="languagetool",
        summary="Grammar and spelling problems found by LanguageTool (optional).",
        description=(
            "Sends the prose of each document (never markup) to a LanguageTool server: the one named by "
            "`languagetool.url` or $PRESSLINT_LANGUAGETOOL_URL, the public API if `languagetool.public-api` "
            "is true, else a local LanguageTool started through language-tool-python (needs Java). "
            "Diagnostics are coded LT:<LanguageTool rule id>. When no LanguageTool can be reached, one "
            "warning says what was tried, presslint's own rules still run, and the exit status is 3 "
            "instead of 0 (never 'clean')."
        ),
        languages=("fr", "en"),
        severity=Severity.WARNING,
        fixable=Applicability.UNSAFE,
        default_enabled=False,
    )

    def check(self, doc: Document, settings: Settings) -> Iterator[Finding]:
        from presslint.languagetool import LanguageToolUnavailable, client_for

        if not doc.text.strip():
            return
        try:
            matches = client_for(settings.languagetool).check(doc.text, doc.lang)
        except LanguageToolUnavailable as exc:
            raise IncompleteCheck(f"{doc.path}: {exc}") from None
        for m in matches:
            if m.end <= m.start:
                continue
            edits = ((m.start, m.end, m.replacements[0]),) if m.replacements else ()
            category = f" [{m.category_name}]" if m.category_name else ""
            yield Finding(
                m.start,
                m.end,
                f"{m.message}{category}",
                edits,
                Applicability.UNSAFE,
                extra={
                    "replacements": list(m.replacements),
                    "category": m.category_id,
                    "yields_to": YIELDS_TO,
                },
                code=f"LT:{m.rule_id}",
            )


RULES = [LanguageToolRule()]
