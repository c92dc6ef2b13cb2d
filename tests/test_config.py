"""Config discovery, validation and errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from presslint.config import ConfigError, Settings, discover_settings, find_config_file, load_config_file
from presslint.diagnostics import Severity


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_nearest_config_wins(tmp_path: Path) -> None:
    write(tmp_path / "presslint.toml", 'lang = "fr"\n')
    write(tmp_path / "desk" / ".presslint.toml", 'lang = "en"\nignore = ["PUN101"]\n')
    article = write(tmp_path / "desk" / "sub" / "a.txt", "Texte.")
    find_config_file.cache_clear()
    settings = discover_settings(article)
    assert settings.lang == "en"
    assert settings.ignore == ("PUN101",)
    other = write(tmp_path / "b.txt", "Texte.")
    assert discover_settings(other).lang == "fr"


def test_pyproject_table_is_found_only_when_present(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", '[project]\nname = "x"\n')
    write(tmp_path / "news" / "pyproject.toml", '[tool.presslint]\nselect = ["PUN"]\n[tool.presslint.style]\nvoice = "first"\n')
    find_config_file.cache_clear()
    assert find_config_file(tmp_path.resolve()) is None
    settings = discover_settings(write(tmp_path / "news" / "a.md", "x"))
    assert settings.select == ("PUN",)
    assert settings.style.voice == "first"


def test_all_documented_keys_load(tmp_path: Path) -> None:
    cfg = write(
        tmp_path / "presslint.toml",
        """
lang = "fr"
select = ["PUN", "EDT"]
ignore = ["EDT101"]
extend-select = ["TYP"]
include = ["*.txt"]
exclude = ["archive/*"]
rule-folders = ["house-rules"]
max-fix-passes = 5

[severity]
PUN101 = "error"

[per-file-ignores]
"dépêches/*.txt" = ["VOI"]

[style]
french-spacing = "strict"
accent-capitals = "required"
voice = "third"
canonical-names = ["Assimi Goïta"]

[languagetool]
enabled = true
url = "http://localhost:8081"
timeout = 5
""",
    )
    s = load_config_file(cfg)
    assert s.lang == "fr" and s.select == ("PUN", "EDT") and s.max_fix_passes == 5
    assert s.severity == (("PUN101", Severity.ERROR),)
    assert s.per_file_ignores == (("dépêches/*.txt", ("VOI",)),)
    assert s.style.french_spacing == "strict" and s.style.canonical_names == ("Assimi Goïta",)
    assert s.languagetool.enabled and s.languagetool.timeout == 5.0
    assert s.root == str(tmp_path.resolve())


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('langue = "fr"\n', "unknown key `langue`"),
        ('[style]\nfrench_spacing = "strict"\n', "unknown key `style.french_spacing`"),
        ('[style]\nfrench-spacing = "always"\n', "`french-spacing` must be one of strict, consistent, off"),
        ('lang = "de"\n', "`lang` must be one of auto, fr, en"),
        ('select = "PUN"\n', "`select` must be a list of strings"),
        ('[severity]\nPUN101 = "fatal"\n', "`severity.PUN101` must be error, warning or info"),
        ("lang = \n", "invalid TOML"),
    ],
)
def test_config_errors_name_the_key_and_file(tmp_path: Path, content: str, message: str) -> None:
    cfg = write(tmp_path / "presslint.toml", content)
    with pytest.raises(ConfigError) as err:
        load_config_file(cfg)
    assert message in str(err.value)
    assert str(cfg) in str(err.value)


def test_defaults_are_lenient() -> None:
    s = Settings()
    assert s.lang == "auto" and s.select is None and s.style.french_spacing == "consistent"


def test_one_run_over_a_tree_gives_each_folder_its_own_settings(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Settings are found once per folder in a run: files of sibling and nested folders still get their own."""
    from presslint.runner import CheckRequest, run_check

    doubled = "Le ministre est arrivé à Bamako..\n"
    write(tmp_path / "presslint.toml", 'ignore = ["PUN101"]\n')
    write(tmp_path / "a" / "one.txt", doubled)
    write(tmp_path / "a" / "two.txt", doubled)
    write(tmp_path / "b" / "presslint.toml", "ignore = []\n")
    write(tmp_path / "b" / "one.txt", doubled)
    write(tmp_path / "b" / "c" / "one.txt", doubled)
    write(tmp_path / "d" / "presslint.toml", "colour = true\n")
    write(tmp_path / "d" / "one.txt", doubled)
    find_config_file.cache_clear()
    status = run_check(CheckRequest(paths=[str(tmp_path)], output_format="concise", jobs=1))
    out, err = capsys.readouterr()
    flagged = sorted(Path(line.split(":")[0]).relative_to(tmp_path).as_posix() for line in out.splitlines()
                     if "PUN101" in line)
    assert flagged == ["b/c/one.txt", "b/one.txt"]
    assert status == 2 and err.count("colour") == 1 and "d/presslint.toml" in err
