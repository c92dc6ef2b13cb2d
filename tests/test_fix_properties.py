"""Properties of fixing, on generated texts mixing prose, punctuation runs, quotations and Unicode.

For any text, with the default rules and with every rule:
- every changed character lies inside an edit that a diagnostic reported on the
  text of that pass proposed (the passes are replayed character by character
  from the original, independently of the fixer's own bookkeeping);
- the file written by ``check --fix`` decodes to exactly that text;
- fixing twice equals fixing once;
- no safe-fixable diagnostic remains after fixing.
"""

from __future__ import annotations

import codecs
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from presslint import api
from presslint.config import Settings
from presslint.diagnostics import Applicability, Diagnostic, Edit
from presslint.fixer import native_line_breaks

WORDS = [
    "Le", "ministre", "est", "arrivé", "à", "Bamako", "lundi", "Sergueï", "Lavrov", "l’avion", "aujourd’hui",
    "la", "Les", "le", "le", "nous", "nous", "j’ai", "M.", "Mme", "U.S.", "etc.", "J.-P.", "3,5", "52.5", "1 200",
    "16 heures", "https://example.org/a..b", "the", "minister", "said", "We", "will", "return", "Diop", "Abdoulaye",
    "ÉTATS-UNIS", "Etats-Unis", "président", "Président", "coopération", "COOPÉRATION", "O’Neill", "don't", "&amp;",
    "&nbsp;", "Ã©tÃ©", "\ufffd", "écoles", "œuvre", "naïve", "Zoë", "Ελλάδα", "Москва", "北京", "عربي", "🙂", "e\u0301",
]
PUNCTUATION = st.text(alphabet=".,;:!?…", min_size=1, max_size=4)
SPACES = st.sampled_from([" ", " ", " ", "  ", "\u00a0", "\u202f", "\t", "\n", "\r\n", "\n\n", "\r\n\r\n", "\u200b", "\r"])
QUOTES = st.sampled_from(["« ", " »", "«", "»", "“", "”", '"', "‘", "’", "'", "„", "‹ ", " ›", "(", ")", "[", "]", "—", "–", "-", "/"])
UNICODE = st.text(
    alphabet=st.characters(categories=("L", "M", "N", "P", "S", "Zs"), exclude_characters="\x00"),
    min_size=1,
    max_size=3,
)
TOKEN = st.one_of(
    st.sampled_from(WORDS), st.sampled_from(WORDS), st.sampled_from(WORDS), PUNCTUATION, SPACES, SPACES, QUOTES, UNICODE
)
TEXTS = st.lists(TOKEN, min_size=1, max_size=40).map("".join)

RULE_SETS = {
    "default": Settings(),
    "all": Settings(select=("ALL",), ignore=("LT",)),
}

SEEN_EXAMPLES = [
    "Le ministre est arrivé lundi.. Il repart ,dit-on, mardi!! « Nous reviendrons.. »",
    "Visite à Bamako\r\nLe ministre  est arrivé,,  lundi\u00a0; la Les deux diplomates.\r\n",
    "He said:: “We will return..” The U.S.. delegation left on Tuesday , as planned.",
]


def _same_fix(a: Diagnostic, b: Diagnostic) -> bool:
    return a.code == b.code and a.fix is not None and b.fix is not None and a.fix.edits == b.fix.edits


def _replay(original: str, passes: list[tuple[str, list[Edit]]]) -> list[int | None]:
    """Per character of the final text: the index of the original character it is, or None if an edit wrote it."""
    origin: list[int | None] = list(range(len(original)))
    for text, edits in passes:
        assert len(origin) == len(text)
        new: list[int | None] = []
        pos = 0
        for e in sorted(edits):
            new.extend(origin[pos : e.offset])
            new.extend([None] * len(e.replacement))
            pos = e.end_offset
        new.extend(origin[pos:])
        origin = new
    return origin


def _check_fix_properties(text: str, rules: str, lang: str, unsafe: bool) -> None:
    settings_ = RULE_SETS[rules]
    linter = api.linter_for(settings_)
    outcome, after = linter.fix(text, lang=lang, unsafe=unsafe)
    if not outcome.converged:
        raise AssertionError(f"fixes did not settle ({'cycle' if outcome.cycled else 'pass bound'}) on {text!r}")

    # 1. Each pass applied only fixes that linting that very text reported.
    replay: list[tuple[str, list[Edit]]] = []
    for step in outcome.history:
        reported = [native_line_breaks(step.text, d) for d in api.lint(step.text, lang=lang, config=settings_)]
        edits: list[Edit] = []
        for d in step.applied:
            assert any(_same_fix(d, r) for r in reported), f"{d.code} applied but not reported on {step.text!r}"
            assert d.fix is not None
            assert unsafe or d.fix.applicability is Applicability.SAFE, f"{d.code}: unsafe fix applied by --fix"
            edits.extend(d.fix.edits)
        replay.append((step.text, edits))

    # 2. Every character of the result is an untouched original character or was written by such an edit.
    origin = _replay(text, replay)
    rebuilt_from_original = [text[i] for i in origin if i is not None]
    assert [outcome.text[k] for k, i in enumerate(origin) if i is not None] == rebuilt_from_original
    kept = [i for i in origin if i is not None]
    assert kept == sorted(kept), "original characters reordered"

    # 3. Idempotence, and no safe fix left.
    again, _ = linter.fix(outcome.text, lang=lang, unsafe=unsafe)
    assert again.text == outcome.text, f"second fix changed {outcome.text!r} into {again.text!r} ({[d.code for d in again.fixed]})"
    left = [
        d.code for d in after.diagnostics if d.fix is not None and (unsafe or d.fix.applicability is Applicability.SAFE)
    ]
    assert not left, f"still fixable after fix: {left} in {outcome.text!r}"


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    text=TEXTS,
    rules=st.sampled_from(sorted(RULE_SETS)),
    lang=st.sampled_from(["fr", "en"]),
    unsafe=st.booleans(),
)
@example(text=SEEN_EXAMPLES[0], rules="default", lang="fr", unsafe=False)
@example(text=SEEN_EXAMPLES[1], rules="all", lang="fr", unsafe=True)
@example(text=SEEN_EXAMPLES[2], rules="all", lang="en", unsafe=False)
def test_fix_changes_only_what_reported_edits_cover_and_settles(text: str, rules: str, lang: str, unsafe: bool) -> None:
    _check_fix_properties(text, rules, lang, unsafe)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    text=TEXTS,
    # UTF-16 without a byte-order mark is recognised only in typical (mostly Latin) text:
    # see test_fixer.py; generated text could as well be valid UTF-8.
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-16-be"]),
    lang=st.sampled_from(["fr", "en"]),
)
def test_fixed_file_holds_exactly_the_fixed_text(text: str, encoding: str, lang: str) -> None:
    """Through the file: same bytes as fixing the text in memory, in the file's own encoding and BOM."""
    assume("\x00" not in text)
    settings_ = Settings()
    expected = api.fix(text, lang=lang, config=settings_, path="a.txt").text
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "a.txt"
        path.write_bytes(text.encode(encoding))  # utf-16 and utf-8-sig write a BOM; utf-16-be below adds one
        if encoding == "utf-16-be":
            path.write_bytes(codecs.BOM_UTF16_BE + text.encode(encoding))
        report = api.check_file(path, settings_, api.FileOptions(fix=True, lang=lang))
        data = path.read_bytes()
    assert report.error is None, report.error
    bom = codecs.BOM_UTF16_BE if encoding == "utf-16-be" else b""
    assert data == bom + expected.encode(encoding)
    if encoding == "utf-8-sig":
        assert data.startswith(codecs.BOM_UTF8)
