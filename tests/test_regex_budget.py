"""Regular expressions run under a time budget, and no built-in pattern backtracks catastrophically.

- A user's rule whose pattern explodes on a document becomes one ENG001 diagnostic
  naming the rule and the file; the other rules still report; alone it gives exit 3.
- Every pattern a Python-coded check compiles goes through ``presslint.timed_regex``,
  so every call on more than ``UNTIMED_CHARS`` characters carries ``timeout=``.
- Every built-in pattern (rule files and the checks' compiled patterns) is fed
  50,000 characters of what it loves with no final match, under a tight budget.
"""

from __future__ import annotations

import ast
import os
import random
import subprocess
import sys
import time
from pathlib import Path

import pytest
import regex

from presslint import api, timed_regex
from presslint.config import Settings
from presslint.engine import check_document
from presslint.registry import builtin_rules_dir
from presslint.rulefiles import load_rule_file, load_rule_folder

CHECKS_DIR = Path(api.__file__).parent / "checks"
CATASTROPHIC_RULE = """\
code = "XYZ101"
name = "nested-repeat"
message = "a run of a"
pattern = '(a+)+$'
"""
SIMPLE_RULE = """\
code = "XYZ102"
name = "word-bamako"
message = "found {match}"
pattern = 'Bamako'
"""


@pytest.fixture
def user_rules(tmp_path: Path) -> Path:
    folder = tmp_path / "rules"
    folder.mkdir()
    (folder / "XYZ101-nested-repeat.toml").write_text(CATASTROPHIC_RULE, encoding="utf-8")
    (folder / "XYZ102-word-bamako.toml").write_text(SIMPLE_RULE, encoding="utf-8")
    return folder


def test_catastrophic_user_pattern_is_one_engine_diagnostic(user_rules: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(timed_regex, "BASE_SECONDS", 0.3)
    rules = load_rule_folder(user_rules)
    linter = api.Linter(Settings(select=("PUN101",)))
    text = "Arrivée à Bamako lundi.. " + "a" * 3000 + "b\n"
    doc = linter.document(text, path="news/a.txt")
    started = time.monotonic()
    result = check_document(doc, [*rules, *linter.rules], linter.settings)
    assert time.monotonic() - started < 30
    eng = [d for d in result.diagnostics if d.code == "ENG001"]
    assert len(eng) == 1
    assert "XYZ101" in eng[0].message and "nested-repeat" in eng[0].message and "news/a.txt" in eng[0].message
    assert {"XYZ102", "PUN101"} <= {d.code for d in result.diagnostics}
    assert result.incomplete


def _cli(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    return subprocess.run(
        [sys.executable, "-m", "presslint", *args], cwd=cwd, capture_output=True, text=True, env=env, timeout=300
    )


def test_cli_reports_timeout_and_other_rules(tmp_path: Path, user_rules: Path) -> None:
    (tmp_path / "presslint.toml").write_text('rule-folders = ["rules"]\n', encoding="utf-8")
    (tmp_path / "a.txt").write_text("Arrivée à Bamako lundi.\n\n" + "a" * 5000 + "b\n", encoding="utf-8")
    proc = _cli(["check", "--select", "XYZ", "a.txt"], tmp_path)
    assert "Traceback" not in proc.stderr
    lines = [line for line in proc.stdout.splitlines() if "ENG001" in line]
    assert len(lines) == 1 and "XYZ101" in lines[0] and "a.txt" in lines[0]
    assert "XYZ102" in proc.stdout
    assert proc.returncode == 1  # XYZ102 found a problem


def test_cli_timeout_alone_exits_3(tmp_path: Path, user_rules: Path) -> None:
    (tmp_path / "presslint.toml").write_text('rule-folders = ["rules"]\n', encoding="utf-8")
    (tmp_path / "a.txt").write_text("a" * 5000 + "b\n", encoding="utf-8")
    proc = _cli(["check", "--select", "XYZ101", "a.txt"], tmp_path)
    assert "ENG001" in proc.stdout and "Traceback" not in proc.stderr
    assert proc.returncode == 3


def test_budget_grows_with_the_text() -> None:
    assert timed_regex.budget_for("") == timed_regex.BASE_SECONDS
    assert timed_regex.budget_for("x" * 10_000_000) > timed_regex.budget_for("x" * 1000) + 10


def test_timed_pattern_passes_timeout(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(timed_regex, "BASE_SECONDS", 0.2)
    monkeypatch.setattr(timed_regex, "SECONDS_PER_MILLION_CHARS", 0.0)
    monkeypatch.setattr(timed_regex, "UNTIMED_CHARS", 40)
    slow = timed_regex.compile(r"(a|aa)+$")
    text = "a" * 60 + "b"
    for call in (
        lambda: slow.search(text),
        lambda: list(slow.finditer(text)),
        lambda: slow.findall(text),
        lambda: slow.sub("", text),
        lambda: timed_regex.search(r"(a|aa)+$", text),
        lambda: list(timed_regex.finditer(slow, text)),
    ):
        with pytest.raises(TimeoutError):
            call()


@pytest.mark.parametrize(
    ("size", "args", "kw", "armed"),
    [
        (100, (), {}, False),  # a sentence: no clock reading
        (timed_regex.UNTIMED_CHARS + 1, (), {}, True),
        (50_000, (0,), {}, True),  # anchored at 0, may run to the end
        (50_000, (49_000,), {}, False),  # the last thousand characters only
        (50_000, (100, 1_100), {}, False),  # a window given by pos and endpos
        (50_000, (), {"pos": 100, "endpos": 40_000}, True),
        (50_000, (), {"timeout": 9.0}, True),  # the caller's own budget stands
    ],
)
def test_budget_armed_only_on_long_windows(size: int, args: tuple[int, ...], kw: dict[str, float], armed: bool) -> None:
    kw = dict(kw)
    timed_regex._arm("x" * size, args, kw)
    assert ("timeout" in kw) is armed
    if "timeout" in kw and size == 50_000 and args == (0,):
        assert kw["timeout"] == timed_regex.budget_for("x" * size)


def test_check_modules_use_the_timed_module() -> None:
    """No check module imports ``regex`` or ``re`` directly: every call on a long text must carry a timeout."""
    offenders = []
    for path in sorted(CHECKS_DIR.glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import) and any(a.name in ("regex", "re") for a in node.names):
                offenders.append(f"{path.name}:{node.lineno}")
            if isinstance(node, ast.ImportFrom) and node.module in ("regex", "re"):
                offenders.append(f"{path.name}:{node.lineno}")
    assert not offenders, f"use `from presslint import timed_regex as regex` in {offenders}"


# --------------------------------------------------------------------------- adversarial inputs

N = 50_000
TEST_BUDGET = 1.0  # seconds of CPU for one call on 50,000 characters: linear patterns need milliseconds
CANDIDATES = [
    *"aAzZéÉ019 .,;:!?…'\"’‘«»“”„‹›()[]{}-–—/\\&#%*_+=<>@|~^$\t\n\r",
    "\u00a0", "\u202f", "\u2009", "\u200b", "\ufeff", "\ufffd", "Ã", "©", "北",
    "http://", "www.", "M.", "U.S.", "&amp;", "e\u0301",
]
SAMPLE_FR = (
    "Le ministre est arrivé à Bamako lundi.. « Nous reviendrons », a-t-il dit. M. Diop, 52 ans, "
    "a lu https://example.org/a. Je pense que la la visite... Question : oui ? Réponse : non !\n\n"
    "— Nous partons, dit-il.\n\nPar Jean DUPONT, envoyé spécial\n\nLire aussi : la suite\n"
)
SAMPLE_EN = (
    "The minister arrived in Bamako on Monday.. “We will return,” he said. Mr. Diop, 52, "
    "read www.example.org. I think the the visit... Q: yes? A: no!\n\n- We leave, he said.\n\nRead more: here\n"
)


def _windowed() -> dict[int, str]:
    """Patterns only ever applied at one position or on a short window (by identity), with why."""
    from presslint.checks import editing, marks, spacing, voice

    named = {
        (marks, "_WORD_BEFORE"): "searched in the 40 characters before a mark",
        (spacing, "_LEFT_WORD"): "searched in the 60 characters before a mark",
        (voice, "_WORD_BEFORE"): "searched in a bounded window before a quotation",
        (voice, "_QA_LABEL"): "matched at the start of a block",
        (voice, "_DIALOGUE_DASH"): "matched at the start of a block",
        (voice, "_SPEAKER_LABEL"): "matched at the start of a block",
        (editing, "_NEXT_WORD"): "matched at one offset",
    }
    out = {}
    for (module, name), why in named.items():
        pattern = getattr(module, name, None)
        if pattern is not None:
            out[id(pattern.raw if isinstance(pattern, timed_regex.TimedPattern) else pattern)] = why
    return out


def _builtin_patterns() -> dict[str, regex.Pattern[str]]:
    """Rule-file patterns, plus every pattern the Python checks compiled (caches filled by linting)."""
    everything = Settings(select=("ALL",), ignore=("LT",))
    for text, lang in ((SAMPLE_FR, "fr"), (SAMPLE_EN, "en")):
        for fmt in ("txt", "md", "html"):
            api.lint(text, lang=lang, config=everything, fmt=fmt)
    patterns: dict[str, regex.Pattern[str]] = {}
    for path in sorted(builtin_rules_dir().rglob("*.toml")):
        patterns[f"{path.name}"] = load_rule_file(path).pattern
    for timed in list(timed_regex.COMPILED):
        patterns.setdefault(f"checks: {timed.raw.pattern.strip()[:70]!r}", timed.raw)
    for source, flags in sorted(timed_regex.CALLED):
        patterns.setdefault(f"checks: {source.strip()[:70]!r}", regex.compile(source, flags))
    return patterns


PATTERNS = _builtin_patterns()


def test_registry_of_patterns_is_populated() -> None:
    assert len([k for k in PATTERNS if k.startswith("checks:")]) >= 20
    assert len([k for k in PATTERNS if k.endswith(".toml")]) >= 1


def _adversarial(pattern: regex.Pattern[str], seed: str) -> list[str]:
    """Long runs of the characters a pattern mentions or matches, ending in one it does not want."""
    loved = [c for c in CANDIDATES if c in pattern.pattern or pattern.search(c * 3, timeout=1) is not None][:16]
    loved = loved or ["a"]
    rnd = random.Random(seed)
    motifs = [*loved, *(c + " " for c in loved), *("".join(rnd.choice(loved) for _ in range(7)) for _ in range(3))]
    return [(m * (N // len(m) + 1))[:N] + "\x01" for m in motifs]


@pytest.mark.parametrize("name", sorted(PATTERNS))
def test_builtin_pattern_is_linear_on_adversarial_input(name: str) -> None:
    pattern = PATTERNS[name]
    why = _windowed().get(id(pattern))
    for text in _adversarial(pattern, name):
        try:
            if why is None:
                for _ in pattern.finditer(text, timeout=TEST_BUDGET):
                    pass
            else:  # as used: one anchored attempt, or a search in a short window
                pattern.match(text, timeout=TEST_BUDGET)
                pattern.search(text, len(text) - 200, len(text), timeout=TEST_BUDGET)
        except TimeoutError:
            pytest.fail(f"{name} backtracks on {text[:20]!r}... ({len(text)} characters)")


@pytest.mark.parametrize(
    "text",
    [
        "a" * N,
        "北" * N,
        " " * N + "x",
        "." * N,
        "a." * (N // 2),
        "-" * N,
        "\u00a0" * N + "x",
        "« " * (N // 2),
        "http://" + "a" * N,
    ],
    ids=["letters", "cjk", "spaces", "dots", "letter-dot", "hyphens", "nbsp", "guillemets", "url"],
)
def test_every_rule_survives_adversarial_document(text: str) -> None:
    """All rules, as they really use their patterns, on a long degenerate document: no rule times out."""
    result = api.Linter(Settings(select=("ALL",), ignore=("LT",))).check(text, lang="fr")
    assert not [d.message for d in result.diagnostics if d.code.startswith("ENG")]
