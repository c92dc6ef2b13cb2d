"""Very large and odd inputs: no crash, no recursion error, no quadratic blow-up.

The real sizes (a 200 MB file, a 5 MB line, a million paragraphs) take minutes
and are measured by hand (figures in the guarantees section of the docs). Here
scaled-down inputs catch the same faults quickly: each degenerate text is
checked at n and 4n characters and the CPU time may grow at most
``MAX_RATIO`` times (linear work grows 4 times, quadratic work 16 times).
"""

from __future__ import annotations

import time

import pytest

from presslint import api
from presslint.config import Settings
from presslint.engine import check_document

MAX_RATIO = 9.0
ALL_RULES = Settings(select=("ALL",), ignore=("LT",))
LINTER = api.Linter(ALL_RULES)
PROSE = (
    "Le ministre des Affaires étrangères, M. Abdoulaye Diop, est arrivé lundi à Bamako.. "
    "« Nous reviendrons », a-t-il déclaré aux U.S. officials , selon l'AFP. "
)

# Each case: a function of n building a degenerate text of about n characters.
CASES = {
    "punctuation-only line": lambda n: (".,;:!?…«»\"'()-–—/" * n)[:n],
    "one long line of prose": lambda n: (PROSE * n)[:n],
    "one long line with double spaces": lambda n: ("Il pleut.  Il neige, dit-il  hier. " * n)[:n],
    "short paragraphs": lambda n: "Il pleut.\n\n" * (n // 11),
    "abbreviations without end": lambda n: "U.S. " * (n // 5),
    "unclosed guillemets": lambda n: "« a " * (n // 4),
    "continuation marks": lambda n: "« a\n\n» b\n\n" * (n // 10),
    "long run of spaces": lambda n: " " * n + "x",
    "long run without spaces": lambda n: "a" * n,
    "names in capitals": lambda n: "DIOP et KEITA. " * (n // 15),
}


def _cpu(text: str, fmt: str = "txt") -> float:
    """CPU time of building the document and running every rule (best of two, to damp noise)."""
    best = float("inf")
    for _ in range(2):
        started = time.process_time()
        doc = LINTER.document(text, fmt=fmt, lang="fr")
        check_document(doc, LINTER.rules, LINTER.settings)
        best = min(best, time.process_time() - started)
    return best


def _assert_linear(make: object, n: int, fmt: str = "txt") -> None:
    small, large = make(n), make(4 * n)  # type: ignore[operator]
    _cpu(small[:1000], fmt)  # warm caches (lexicons, compiled patterns)
    t_small, t_large = _cpu(small, fmt), _cpu(large, fmt)
    ratio = t_large / max(t_small, 0.02)
    assert ratio < MAX_RATIO, f"{4 * n} characters cost {ratio:.1f} times {n}: superlinear"


@pytest.mark.parametrize("name", sorted(CASES))
def test_degenerate_text_scales_linearly(name: str) -> None:
    _assert_linear(CASES[name], 20_000)


@pytest.mark.parametrize(
    ("fmt", "make"),
    [
        ("html", lambda n: "<div>" * n + "Le ministre est arrivé.." + "</div>" * n),
        ("html", lambda n: "<b><i>" * n + "Le ministre.."),
        ("html", lambda n: "<p>Il pleut.. " * n),
        ("md", lambda n: ">" * n + " Le ministre est arrivé.."),
        ("md", lambda n: "".join("  " * min(i, 50) + "- point..\n" for i in range(n))),
        ("md", lambda n: "- " * n + "Le ministre.."),
        ("md", lambda n: "*" * n + "a" + "*" * n),
        ("md", lambda n: "[" * n + "a" + "](u)" * n),
        ("txt", lambda n: "(" * n + "a" + ")" * n),
        ("txt", lambda n: "« " * n + "a" + " »" * n),
    ],
    ids=["html-divs", "html-inline", "html-unclosed-p", "md-quotes", "md-lists", "md-list-markers",
         "md-emphasis", "md-brackets", "txt-parentheses", "txt-guillemets"],
)
def test_deep_nesting_10k_levels(fmt: str, make: object) -> None:
    """10,000 levels of nesting: no RecursionError, and checking and fixing finish."""
    text = make(10_000)  # type: ignore[operator]
    diagnostics = api.lint(text, fmt=fmt, lang="fr", config=ALL_RULES)
    for d in diagnostics:
        assert 0 <= d.offset <= d.end_offset <= len(text)
    fixed = api.fix(text, fmt=fmt, lang="fr")
    assert len(fixed.text) >= len(text) - 10 * len(fixed.fixed) - 10  # fixes remove a mark here and there, never text


@pytest.mark.parametrize("fmt", ["html", "md"])
def test_nesting_scales_linearly(fmt: str) -> None:
    make = (lambda n: "<div>" * (n // 11) + "Texte.." + "</div>" * (n // 11)) if fmt == "html" else (
        lambda n: "".join("> " * min(i % 40, 30) + "Texte..\n\n" for i in range(n // 40))
    )
    _assert_linear(make, 40_000, fmt)


def test_fix_on_one_long_line_scales_linearly() -> None:
    """The fix loop re-lints after each pass: still linear in the text, with a bounded number of passes."""

    def run(n: int) -> float:
        text = ("Il est arrivé lundi.. Il repart mardi !! " * n)[:n]
        started = time.process_time()
        api.fix(text, lang="fr")
        return time.process_time() - started

    run(1000)
    ratio = run(120_000) / max(run(30_000), 0.02)
    assert ratio < MAX_RATIO
