"""Property-based fuzzing of the public API and the CLI with hostile text.

Texts mix words with every kind of space, quotation mark and dash, combining
marks, right-to-left and astral characters, control characters and markup;
byte files add NUL, invalid UTF-8 (lone surrogates encoded as UTF-8, stray
continuation bytes), byte-order marks and CRLF. For each:
- no exception escapes ``lint``, ``fix`` or ``check`` (CLI: exit 0-3, no traceback);
- every diagnostic's span lies inside the text, and its line/column match its offset;
- every fix applies cleanly (edits inside the text, not overlapping);
- fixing is idempotent (fixing the fixed text changes nothing);
- ``check --fix`` on a file writes exactly what ``fix`` returns, or leaves the bytes untouched.
The number of examples comes from the hypothesis profile (tests/conftest.py: quick locally, longer with CI=true).
"""

from __future__ import annotations

import contextlib
import io
import tempfile
from pathlib import Path

from hypothesis import example, given
from hypothesis import strategies as st

from presslint import api
from presslint.config import Settings
from presslint.diagnostics import Diagnostic
from presslint.runner import CheckRequest, run_check
from presslint.sourcefile import InputError, decode_bytes

WORDS = [
    "Le", "ministre", "est", "arrivé", "à", "Bamako", "M.", "U.S.", "l’avion", "aujourd’hui", "nous", "nous",
    "la", "Les", "j’ai", "Diop", "DIOP", "Dióp", "the", "said", "We", "3,5", "1 200", "https://ex.org/a..b",
    "&amp;", "&nbsp;", "Ã©tÃ©", "\ufffd", "שלום", "مرحبا", "Москва", "北京", "😀", "𝔘𝔫𝔦", "e\u0301", "a\u0308\u0301",
    "\u202eevil\u202c", "\u200f", "\u200e", "ﬁn", "Ǆ", "İ", "ß",
]
SPACES = [" ", "  ", "\u00a0", "\u202f", "\u2009", "\u2002", "\u2003", "\u3000", "\u200b", "\ufeff", "\t", "\n",
          "\r\n", "\n\n", "\r", "\u2028", "\u2029", "\x0b", "\x0c", "\x85", "\x00", "\x1b"]
MARKS = ["«", "»", "“", "”", "‘", "’", "„", "‟", "‹", "›", '"', "'", "`", "´", "「", "」", "—", "–", "-", "…",
         "..", "!!", "?!", ",,", ";", ":", "(", ")", "[", "]", "*", "_", "#", ">", "<", "/", "\\", "|"]
MARKUP = ["<p>", "</p>", "<b>", "</b>", "<br>", "<!--", "-->", "<q>", "</q>", "<script>", "</script>", "&", "&#x",
          "&#0;", "&#xD800;", "# ", "> ", "- ", "1. ", "```", "`", "**", "[a](b)", "![x](y)", "<", "\\"]
TOKEN = st.one_of(
    st.sampled_from(WORDS), st.sampled_from(WORDS), st.sampled_from(SPACES), st.sampled_from(MARKS),
    st.sampled_from(MARKUP), st.text(min_size=1, max_size=3),
)
TEXTS = st.lists(TOKEN, min_size=0, max_size=40).map("".join)
FMTS = st.sampled_from(["txt", "md", "html"])
ALL_RULES = Settings(select=("ALL",), ignore=("LT",))
SETTINGS = st.sampled_from([None, ALL_RULES])


def _check_spans(text: str, diagnostics: list[Diagnostic] | tuple[Diagnostic, ...]) -> None:
    for d in diagnostics:
        assert 0 <= d.offset <= d.end_offset <= len(text), d
        line = text.count("\n", 0, d.offset) + 1
        column = d.offset - (text.rfind("\n", 0, d.offset) + 1) + 1
        assert (d.line, d.column) == (line, column), d
        end_line = text.count("\n", 0, d.end_offset) + 1
        end_column = d.end_offset - (text.rfind("\n", 0, d.end_offset) + 1) + 1
        assert (d.end_line, d.end_column) == (end_line, end_column), d
        if d.fix is not None:
            edits = sorted(d.fix.edits)
            for e in edits:
                assert 0 <= e.offset <= e.end_offset <= len(text), d
            for a, b in zip(edits, edits[1:]):
                assert a.end_offset <= b.offset, d


@given(text=TEXTS, fmt=FMTS, config=SETTINGS)
@example(text="\ud800 lone surrogate.. here", fmt="txt", config=None)
@example(text="<div>" * 300 + "Le ministre.." + "</div>" * 300, fmt="html", config=None)
@example(text=">" * 300 + " Le ministre..", fmt="md", config=None)
@example(text="\r\n\r\n«\u00a0»\r\n..", fmt="txt", config=ALL_RULES)
def test_lint_spans_and_fixes_are_sound(text: str, fmt: str, config: Settings | None) -> None:
    diagnostics = api.lint(text, fmt=fmt, config=config)
    _check_spans(text, diagnostics)


@given(text=TEXTS, fmt=FMTS, config=SETTINGS, lang=st.sampled_from(["fr", "en"]))
@example(text="Le ministre est arrivé.. « Nous ,, reviendrons !! »", fmt="txt", config=None, lang="fr")
@example(text="a  ,b\u00a0;c..\r\nd", fmt="md", config=ALL_RULES, lang="fr")
@example(text="Ã©tÃ©«", fmt="txt", config=None, lang="fr")
def test_fix_is_clean_and_idempotent(text: str, fmt: str, config: Settings | None, lang: str) -> None:
    """For a given language. (With detection, repairing mojibake can change the language detected
    on the next run, `Ã©tÃ©«`: a second run may then apply French rules the first did not.)"""
    once = api.fix(text, fmt=fmt, config=config, lang=lang)
    _check_spans(once.text, once.remaining)
    if not once.converged:
        return  # rules that undo each other are reported as such, not silently looped
    twice = api.fix(once.text, fmt=fmt, config=config, lang=lang)
    assert twice.text == once.text
    assert not twice.fixed


# --------------------------------------------------------------------------- the CLI on raw bytes

BYTE_PIECES = st.one_of(
    TOKEN.map(lambda s: s.encode("utf-8", "surrogatepass")),
    st.sampled_from([
        b"\xed\xa0\x80",  # a lone surrogate encoded as UTF-8: invalid
        b"\xed\xb2\xa9", b"\xff", b"\xfe", b"\x80", b"\xc3", b"\xe2\x80", b"\xf0\x9f\x98",  # truncated sequences
        b"\xc0\xaf",  # overlong
        b"\x00", b"\xef\xbb\xbf", b"\xff\xfe", b"\r\n", b"\xe9t\xe9",  # Latin-1 "été"
    ]),
)
BYTE_FILES = st.lists(BYTE_PIECES, min_size=0, max_size=30).map(b"".join)
SUFFIXES = st.sampled_from([".txt", ".md", ".html"])


def _run(args: dict[str, object]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = run_check(CheckRequest(output_format="json", jobs=1, **args))  # type: ignore[arg-type]
    return status, out.getvalue(), err.getvalue()


@given(data=BYTE_FILES, suffix=SUFFIXES)
@example(data=b"Le ministre \xed\xa0\x80 est arriv\xc3\xa9.. lundi", suffix=".txt")
@example(data=b"\xef\xbb\xbfLe ministre.. \x00 ici", suffix=".txt")
@example(data=b"Le minist\xe8re est arriv\xe9.. lundi\r\n", suffix=".md")
def test_cli_on_any_bytes(data: bytes, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"article{suffix}"
        path.write_bytes(data)
        status, out, err = _run({"paths": [str(path)]})
        assert status in (0, 1, 2, 3), err
        assert "Traceback" not in err
        try:
            src = decode_bytes(data, str(path))
        except InputError:
            assert status == 2 and len(err.strip().splitlines()) >= 1
            status, _, err = _run({"paths": [str(path)], "fix": True})
            assert status == 2 and path.read_bytes() == data  # unreadable: never touched
            return
        status, _, err = _run({"paths": [str(path)], "fix": True})
        assert status in (0, 1, 2, 3) and "Traceback" not in err
        after = path.read_bytes()
        if after != data:
            fixed = decode_bytes(after, str(path))
            # In a legacy encoding only fixes whose characters it can hold are applied.
            accept = None if src.encoding.startswith("utf") else api.encodable_in(src)
            outcome, _ = api.Linter(Settings()).fix(src.text, path=str(path), fmt=suffix[1:], accept=accept)
            expected = outcome.text
            assert fixed.text == expected
            assert after.startswith(src.bom)
            # A second run finds nothing more to fix.
            _run({"paths": [str(path)], "fix": True})
            assert path.read_bytes() == after
