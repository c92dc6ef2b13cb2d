"""``presslint init``: the starter configuration loads, documents the choices, never overwrites."""

from __future__ import annotations

import re
import subprocess
import sys
from dataclasses import fields
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from presslint.cli import app
from presslint.config import Settings, StyleSettings, load_config_file
from presslint.scaffold import HOOK_EXCLUDE, HOOK_FILES, starter_config

ROOT = Path(__file__).resolve().parents[1]
PRESSLINT = str(Path(sys.executable).with_name("presslint"))


def _init(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([PRESSLINT, "init", *args], capture_output=True, text=True)


def _uncomment_examples(text: str) -> str:
    """Remove the `#` of every example line (`#key = ...`, `#[table]`), keep prose comments."""
    return re.sub(r"(?m)^#(?=[^\s#])", "", text)


def test_starter_config_loads_with_the_defaults(tmp_path: Path) -> None:
    done = _init(str(tmp_path), "--lang", "fr")
    assert done.returncode == 0, done.stderr
    assert done.stdout == ""
    assert done.stderr == f"presslint: wrote {tmp_path / 'presslint.toml'}\n"
    settings = load_config_file(tmp_path / "presslint.toml")
    assert settings.lang == "fr"
    defaults = Settings()
    for f in fields(Settings):
        if f.name not in ("lang", "origin", "root"):
            assert getattr(settings, f.name) == getattr(defaults, f.name), f.name


def test_starter_config_names_the_house_style_choices() -> None:
    text = starter_config("en")
    for key in ("lang", "select", "ignore", "extend-select", "include", "exclude", "rule-folders",
                "french-spacing", "accent-capitals", "quotes", "apostrophe", "ellipsis", "voice",
                "canonical-names", "names-file", "allow-doubled-marks", "[severity]", "[per-file-ignores]",
                "[languagetool]"):
        assert re.search(rf"(?m)^#?{re.escape(key)}(?![\w-])", text), key
    assert re.search(r'(?m)^lang = "en"$', text)
    assert "#[languagetool]" in text  # LanguageTool stays off unless enabled


def test_every_example_line_is_valid_config(tmp_path: Path) -> None:
    """Uncommenting the examples gives a configuration the loader accepts, with those values."""
    path = tmp_path / "presslint.toml"
    path.write_text(_uncomment_examples(starter_config("auto")), encoding="utf-8")
    settings = load_config_file(path)
    assert settings.select == ("ALL",)
    assert settings.exclude == ("archives/*", "drafts/*")
    assert settings.style.names_file == "names.txt"
    assert settings.per_file_ignores == (("opinion/*", ("VOI",)),)
    assert settings.languagetool.enabled is True
    assert settings.languagetool.url == "http://localhost:8081"


def test_style_values_in_the_starter_are_the_style_defaults(tmp_path: Path) -> None:
    path = tmp_path / "presslint.toml"
    path.write_text(starter_config(), encoding="utf-8")
    assert load_config_file(path).style == StyleSettings()


def test_check_uses_the_written_config(tmp_path: Path) -> None:
    assert _init(str(tmp_path), "--lang", "fr").returncode == 0
    (tmp_path / "bamako.txt").write_text("Son départ est prévu à 16 heures.. Fin.\n", encoding="utf-8")
    done = subprocess.run([PRESSLINT, "check", "bamako.txt"], cwd=tmp_path, capture_output=True, text=True)
    assert done.returncode == 1, done.stderr
    assert "bamako.txt:1:33: PUN101" in done.stdout
    broken = tmp_path / "presslint.toml"
    broken.write_text(broken.read_text(encoding="utf-8").replace('lang = "fr"', 'lang = "de"'), encoding="utf-8")
    done = subprocess.run([PRESSLINT, "check", "bamako.txt"], cwd=tmp_path, capture_output=True, text=True)
    assert done.returncode == 2 and "`lang` must be one of auto, fr, en" in done.stderr


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("presslint.toml", 'lang = "en"\n'),
        (".presslint.toml", 'lang = "en"\n'),
        ("pyproject.toml", '[project]\nname = "desk"\n\n[tool.presslint]\nlang = "en"\n'),
    ],
)
def test_refuses_to_overwrite_a_configuration(tmp_path: Path, name: str, content: str) -> None:
    (tmp_path / name).write_text(content, encoding="utf-8")
    done = _init(str(tmp_path), "--pre-commit")
    assert done.returncode == 2
    assert done.stderr == (
        f"presslint: error: {tmp_path / name}: a presslint configuration already exists; not overwriting it\n"
    )
    assert done.stdout == ""
    assert (tmp_path / name).read_text(encoding="utf-8") == content
    assert name == "presslint.toml" or not (tmp_path / "presslint.toml").exists()


def test_pyproject_without_presslint_table_is_no_obstacle(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "desk"\n', encoding="utf-8")
    assert _init(str(tmp_path)).returncode == 0
    assert (tmp_path / "presslint.toml").is_file()


def test_bad_arguments_are_one_line_errors(tmp_path: Path) -> None:
    done = _init(str(tmp_path), "--lang", "de")
    assert (done.returncode, done.stderr) == (2, "presslint: error: --lang must be auto, fr or en, not 'de'\n")
    missing = tmp_path / "missing"
    done = _init(str(missing))
    assert (done.returncode, done.stderr) == (2, f"presslint: error: {missing}: no such folder\n")
    assert not list(tmp_path.iterdir())


def test_pre_commit_snippet(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["init", str(tmp_path), "--pre-commit"])
    assert result.exit_code == 0
    config = yaml.safe_load(result.stdout)
    [repo] = config["repos"]
    [hook] = repo["hooks"]
    assert repo["repo"] == "local"
    assert hook["id"] == "presslint" and hook["entry"] == "presslint check --force-exclude" and hook["language"] == "system"
    manifest = {h["id"]: h for h in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))}
    assert hook["files"] == HOOK_FILES == manifest["presslint"]["files"]
    assert hook["exclude"] == HOOK_EXCLUDE == manifest["presslint"]["exclude"]
    assert re.search(hook["files"], "articles/bamako.md") and not re.search(hook["files"], "notes.py")
    assert re.search(hook["exclude"], "requirements-dev.txt") and not re.search(hook["exclude"], "desk/bamako.txt")
    assert (tmp_path / "presslint.toml").is_file()
