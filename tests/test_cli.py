"""The check command end to end: exit statuses, formats, errors, stdin."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "bamako-fr.txt"
JSON_KEYS = {
    "path", "code", "rule", "severity", "message", "line", "column",
    "end_line", "end_column", "offset", "end_offset", "fix",
}


def presslint(*args: str, stdin: bytes | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess[bytes]:
    exe = shutil.which("presslint", path=str(Path(sys.executable).parent)) or "presslint"
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "200"}
    return subprocess.run([exe, *args], input=stdin, capture_output=True, cwd=cwd, env=env, timeout=120)


def test_example_article_has_problems_exit_1() -> None:
    proc = presslint("check", str(EXAMPLE))
    assert proc.returncode == 1
    assert b"PUN101" in proc.stdout


def test_json_output_has_exactly_the_documented_keys() -> None:
    proc = presslint("check", "--format", "json", str(EXAMPLE))
    assert proc.returncode == 1
    data = json.loads(proc.stdout)
    assert data, "no diagnostics"
    text = EXAMPLE.read_text(encoding="utf-8")
    for obj in data:
        assert JSON_KEYS <= set(obj), obj
        assert obj["severity"] in ("error", "warning", "info")
        assert 0 <= obj["offset"] <= obj["end_offset"] <= len(text)
        line_start = text.rfind("\n", 0, obj["offset"]) + 1
        assert obj["line"] == text.count("\n", 0, obj["offset"]) + 1
        assert obj["column"] == obj["offset"] - line_start + 1
        if obj["fix"] is not None:
            assert obj["fix"]["applicability"] in ("safe", "unsafe")
            for edit in obj["fix"]["edits"]:
                assert set(edit) == {"offset", "end_offset", "replacement"}
    doubled = [o for o in data if o["code"] == "PUN101"]
    assert [(o["line"], o["column"]) for o in doubled] == [(3, 445), (3, 584), (4, 164)]
    assert all(text[o["offset"] : o["end_offset"]] == ".." for o in doubled)


def test_jsonl_is_one_object_per_line() -> None:
    proc = presslint("check", "--format", "jsonl", str(EXAMPLE))
    lines = proc.stdout.decode().splitlines()
    assert lines and all(JSON_KEYS <= set(json.loads(line)) for line in lines)


def test_concise_and_text_formats(tmp_path: Path) -> None:
    concise = presslint("check", "--format", "concise", str(EXAMPLE)).stdout.decode()
    assert f"{EXAMPLE}:3:445: PUN101 [*] doubled-punctuation:" in concise
    text = presslint("check", "--format", "text", "--select", "PUN101", str(EXAMPLE)).stdout.decode()
    assert f"{EXAMPLE}:3:445 PUN101 doubled-punctuation" in text
    assert "= fix: “bénéfique..” → “bénéfique.”" in text
    assert "Found 3 problems in 1 file (3 fixable with --fix)." in text


def test_statistics() -> None:
    out = presslint("check", "--format", "concise", "--statistics", "--select", "PUN101", str(EXAMPLE)).stdout.decode()
    assert "3  PUN101   [*] doubled-punctuation" in out


def test_clean_file_exits_0(tmp_path: Path) -> None:
    clean = tmp_path / "clean.txt"
    clean.write_text("Le ministre est arrivé lundi à Bamako.\n", encoding="utf-8")
    proc = presslint("check", "--select", "PUN101", str(clean))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert b"No problems found" in proc.stdout


def test_exit_zero() -> None:
    assert presslint("check", "--exit-zero", str(EXAMPLE)).returncode == 0


def test_missing_file_is_one_line_error_and_others_still_checked(tmp_path: Path) -> None:
    proc = presslint("check", "--format", "concise", str(tmp_path / "absent.txt"), str(EXAMPLE))
    assert proc.returncode == 2
    err = proc.stderr.decode()
    assert err.count("\n") == 1 and "absent.txt: no such file" in err
    assert b"Traceback" not in proc.stderr
    assert b"PUN101" in proc.stdout


def test_binary_file_is_an_input_error(tmp_path: Path) -> None:
    binary = tmp_path / "photo.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    proc = presslint("check", str(binary))
    assert proc.returncode == 2
    assert b"binary file" in proc.stderr and b"Traceback" not in proc.stderr


def test_unknown_rule_is_a_usage_error() -> None:
    proc = presslint("check", "--select", "NOPE999", str(EXAMPLE))
    assert proc.returncode == 2
    assert b"unknown rule code or name `NOPE999`" in proc.stderr


def test_unknown_rule_in_a_config_file_names_the_file(tmp_path: Path) -> None:
    """The same unknown code blames the config file that selects it, and the command line when it comes from there."""
    desk = tmp_path / "desk"
    desk.mkdir()
    (desk / "presslint.toml").write_text('ignore = ["NOPE999"]\n', encoding="utf-8")
    (desk / "a.txt").write_text("Texte..\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Texte..\n", encoding="utf-8")
    proc = presslint("check", str(tmp_path))
    assert proc.returncode == 2 and b"Traceback" not in proc.stderr
    assert proc.stderr.decode().splitlines() == [
        f"presslint: error: {desk / 'presslint.toml'}: unknown rule code or name `NOPE999` (see `presslint rules`)"
    ]
    jsonl = tmp_path / "desk" / "articles.jsonl"
    jsonl.write_text('{"id": 1, "text": "Texte.."}\n', encoding="utf-8")
    proc = presslint("check", "--input-format", "jsonl", str(jsonl))
    assert proc.returncode == 2 and str(desk / "presslint.toml").encode() in proc.stderr
    proc = presslint("check", "--ignore", "NOPE999", str(tmp_path / "b.txt"))
    assert proc.returncode == 2 and proc.stderr.startswith(b"presslint: error: unknown rule code or name `NOPE999`")


def test_bad_config_is_an_error_naming_the_key(tmp_path: Path) -> None:
    (tmp_path / "presslint.toml").write_text('colour = "red"\n', encoding="utf-8")
    article = tmp_path / "a.txt"
    article.write_text("Texte.\n", encoding="utf-8")
    proc = presslint("check", str(article))
    assert proc.returncode == 2
    assert b"unknown key `colour`" in proc.stderr and b"Traceback" not in proc.stderr


@pytest.mark.parametrize("option", [["--lang", "de"], ["--format", "xml"], ["--input-format", "pdf"]])
def test_bad_option_values_exit_2(option: list[str]) -> None:
    proc = presslint("check", *option, str(EXAMPLE))
    assert proc.returncode == 2
    assert b"Traceback" not in proc.stderr


def test_stdin_with_filename() -> None:
    proc = presslint("check", "--format", "concise", "--stdin-filename", "note.txt", "-", stdin="Fin.. Rideau.".encode())
    assert proc.returncode == 1
    assert b"note.txt:1:4: PUN101" in proc.stdout


def test_folder_walk_skips_hidden_and_other_extensions(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Un.. deux.\n", encoding="utf-8")
    (tmp_path / "b.md").write_text("Trois.. quatre.\n", encoding="utf-8")
    (tmp_path / "c.py").write_text("x = 1.. \n", encoding="utf-8")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "d.txt").write_text("Cinq.. six.\n", encoding="utf-8")
    proc = presslint("check", "--format", "json", "--select", "PUN101", str(tmp_path))
    paths = sorted({Path(o["path"]).name for o in json.loads(proc.stdout)})
    assert paths == ["a.txt", "b.md"]


def test_rules_and_explain() -> None:
    out = presslint("rules").stdout.decode()
    assert out.split()[:7] == ["CODE", "NAME", "FAMILY", "LANG", "FIX", "DEFAULT", "SUMMARY"]
    line = next(row for row in out.splitlines() if row.startswith("PUN101"))
    assert "doubled-punctuation" in line and "punctuation" in line and " fix " in line and " on " in line
    lt = next(row for row in out.splitlines() if row.startswith("LT "))
    assert " off " in lt
    explained = presslint("explain", "doubled-punctuation")
    assert explained.returncode == 0
    assert b"Flagged:" in explained.stdout and b"Left alone:" in explained.stdout
    assert presslint("explain", "NOPE").returncode == 2


def test_version() -> None:
    proc = presslint("--version")
    assert proc.returncode == 0 and proc.stdout.startswith(b"presslint ")
