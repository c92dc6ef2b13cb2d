"""The README's examples work as written: its config block loads, its house rule flags and fixes."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from presslint import api
from presslint.config import settings_from_mapping
from presslint.rulefiles import load_rule_file

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def toml_blocks() -> list[str]:
    return re.findall(r"```toml\n(.*?)```", README, flags=re.S)


def test_readme_opens_with_the_two_set_up_commands() -> None:
    first_block = re.search(r"```sh\n(.*?)```", README, flags=re.S)
    assert first_block is not None
    lines = first_block.group(1).strip().splitlines()
    assert lines[0].endswith("presslint check examples/bamako-fr.txt")
    assert lines[1].endswith("python -m pytest")
    ci = (Path(__file__).resolve().parents[1] / ".ci" / "run").read_text(encoding="utf-8")
    assert lines[1] in ci


def test_readme_config_block_loads() -> None:
    config = next(b for b in toml_blocks() if "[style]" in b)
    settings = settings_from_mapping(tomllib.loads(config), "README.md")
    assert settings.style.french_spacing == "consistent"
    assert settings.per_file_ignores == (("depeches/*.txt", ("VOI",)),)


def test_readme_house_rule_works(tmp_path: Path) -> None:
    rule_toml = next(b for b in toml_blocks() if "HSE101" in b)
    folder = tmp_path / "house-rules"
    folder.mkdir()
    (folder / "HSE101-house-tout-a-fait.toml").write_text(rule_toml, encoding="utf-8")
    rule = load_rule_file(folder / "HSE101-house-tout-a-fait.toml")
    assert rule.meta.code == "HSE101"
    (tmp_path / "presslint.toml").write_text('select = ["HSE101"]\nrule-folders = ["house-rules"]\n', encoding="utf-8")
    config = tmp_path / "presslint.toml"
    text = "Il est tout-à-fait d’accord, a-t-il dit : « tout-à-fait ». "
    diags = api.lint(text, lang="fr", config=config)
    assert [text[d.offset:d.end_offset] for d in diags] == ["tout-à-fait"]  # not inside the quotation
    assert api.fix(text, lang="fr", config=config).text.startswith("Il est tout à fait d’accord")
