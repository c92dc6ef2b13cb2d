"""The pre-commit hooks, run by the real pre-commit against a snapshot of this repository.

pre-commit installs the hook repository into its own virtualenv with pip, so
this test needs the package index and takes a few seconds: it is marked slow
(still part of the default run).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
DAMAGED = "Son départ de Bamako est prévu à 16 heures.. Il repartira lundi.\n"
FIXED = "Son départ de Bamako est prévu à 16 heures. Il repartira lundi.\n"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.timeout(900),
    pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed"),
]


def _git_env(home: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        GIT_CONFIG_GLOBAL=os.devnull,
        GIT_CONFIG_NOSYSTEM="1",
        GIT_AUTHOR_NAME="Desk",
        GIT_AUTHOR_EMAIL="desk@example.org",
        GIT_COMMITTER_NAME="Desk",
        GIT_COMMITTER_EMAIL="desk@example.org",
        PRE_COMMIT_HOME=str(home),
        PRE_COMMIT_COLOR="never",
    )
    env.pop("GIT_DIR", None)
    env.pop("GIT_INDEX_FILE", None)
    return env


def _run(args: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=600)


def _snapshot(dest: Path, env: dict[str, str]) -> str:
    """Copy the working tree as it is now (tracked and new files, not ignored ones) into a fresh repository."""
    listed = _run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], ROOT, env)
    assert listed.returncode == 0, listed.stderr
    for name in filter(None, listed.stdout.split("\0")):
        source = ROOT / name
        if source.is_file():
            (dest / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, dest / name)
    for args in (["git", "init", "-q"], ["git", "add", "-A"], ["git", "commit", "-q", "-m", "snapshot"]):
        done = _run(args, dest, env)
        assert done.returncode == 0, done.stderr
    return _run(["git", "rev-parse", "HEAD"], dest, env).stdout.strip()


@pytest.fixture(scope="module")
def newsroom(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, dict[str, str]]]:
    """A repository of articles whose pre-commit config uses this repository's hooks, installed."""
    base = tmp_path_factory.mktemp("pre-commit")
    env = _git_env(base / "cache")
    hooks_repo = base / "presslint"
    hooks_repo.mkdir()
    rev = _snapshot(hooks_repo, env)
    articles = base / "articles"
    articles.mkdir()
    assert _run(["git", "init", "-q"], articles, env).returncode == 0
    config = {
        "repos": [
            {
                "repo": str(hooks_repo),
                "rev": rev,
                "hooks": [{"id": "presslint"}, {"id": "presslint-fix", "stages": ["manual"]}],
            }
        ]
    }
    (articles / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config), encoding="utf-8")
    # The hook is the subject here, not the rules; the hook finds this config as `presslint check` does.
    (articles / "presslint.toml").write_text('select = ["PUN101"]\n', encoding="utf-8")
    installed = _run([sys.executable, "-m", "pre_commit", "install", "--install-hooks"], articles, env)
    assert installed.returncode == 0, installed.stdout + installed.stderr
    yield articles, env


def _commit(repo: Path, env: dict[str, str], message: str) -> subprocess.CompletedProcess[str]:
    assert _run(["git", "add", "-A"], repo, env).returncode == 0
    return _run(["git", "commit", "-m", message], repo, env)


def test_hook_manifest_lists_both_hooks() -> None:
    hooks = {h["id"]: h for h in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))}
    assert set(hooks) == {"presslint", "presslint-fix"}
    assert hooks["presslint"]["entry"] == "presslint check --force-exclude"
    assert "--fix" in hooks["presslint-fix"]["entry"].split()
    assert "--force-exclude" in hooks["presslint-fix"]["entry"].split()


def test_commit_refused_then_accepted_after_fix(newsroom: tuple[Path, dict[str, str]]) -> None:
    repo, env = newsroom
    article = repo / "bamako.txt"
    article.write_text(DAMAGED, encoding="utf-8")
    (repo / "notes.py").write_text("x = 1..__class__\n", encoding="utf-8")  # not an article: never checked

    refused = _commit(repo, env, "Bamako: first draft")
    assert refused.returncode != 0
    output = refused.stdout + refused.stderr
    assert "bamako.txt:1:43: PUN101 [*] doubled-punctuation" in output
    assert "notes.py" not in output
    assert _run(["git", "rev-parse", "--verify", "-q", "HEAD"], repo, env).returncode != 0  # nothing committed

    fixed = _run([str(Path(sys.executable).with_name("presslint")), "check", "--fix", "bamako.txt"], repo, env)
    assert fixed.returncode == 0, fixed.stdout + fixed.stderr
    assert article.read_text(encoding="utf-8") == FIXED

    accepted = _commit(repo, env, "Bamako: fixed")
    assert accepted.returncode == 0, accepted.stdout + accepted.stderr
    assert re.search(r"^presslint\.+Passed$", accepted.stdout + accepted.stderr, re.M)


def test_fix_hook_rewrites_the_article(newsroom: tuple[Path, dict[str, str]]) -> None:
    repo, env = newsroom
    article = repo / "lavrov.txt"
    article.write_text("The minister arrived on Monday,, and left on Tuesday.\n", encoding="utf-8")
    _run(["git", "add", "lavrov.txt"], repo, env)
    first = _run([sys.executable, "-m", "pre_commit", "run", "presslint-fix", "--hook-stage", "manual", "--files", "lavrov.txt"], repo, env)
    assert first.returncode == 1  # pre-commit fails a hook that modified files
    assert "files were modified by this hook" in first.stdout
    assert article.read_text(encoding="utf-8") == "The minister arrived on Monday, and left on Tuesday.\n"
    again = _run([sys.executable, "-m", "pre_commit", "run", "presslint-fix", "--hook-stage", "manual", "--files", "lavrov.txt"], repo, env)
    assert again.returncode == 0, again.stdout


def test_hook_honours_the_config_exclude(newsroom: tuple[Path, dict[str, str]]) -> None:
    """pre-commit names each staged file; the repository's `exclude` still leaves drafts out (runs last: it commits)."""
    repo, env = newsroom
    (repo / "presslint.toml").write_text('select = ["PUN101"]\nexclude = ["drafts/*"]\n', encoding="utf-8")
    (repo / "drafts").mkdir()
    (repo / "drafts" / "brouillon.txt").write_text(DAMAGED, encoding="utf-8")
    accepted = _commit(repo, env, "A draft, excluded by the desk's config")
    assert accepted.returncode == 0, accepted.stdout + accepted.stderr
    assert "brouillon.txt:1:" not in accepted.stdout + accepted.stderr

