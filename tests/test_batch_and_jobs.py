"""Scale features: --jobs gives the serial output, JSONL batches, and the picklable Python API."""

from __future__ import annotations

import json
import os
import pickle
import subprocess
import sys
from pathlib import Path

import presslint

EXE = str(Path(sys.executable).parent / "presslint")
ARTICLES = [
    "Le ministre est arrivé lundi.. Il repart mardi.",
    "The minister said,, he would return on Friday.",
    "Un peu plus tard la Les deux diplomates prendront part à une réunion.",
    "The talks ended at 4 p.m. on Monday. Nothing was agreed.",
]


def run(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([EXE, *args], input=stdin, capture_output=True, timeout=300,
                          env={**os.environ, "NO_COLOR": "1"})


def test_jobs_output_is_identical_to_a_serial_run(tmp_path: Path) -> None:
    for i in range(40):
        (tmp_path / f"a{i:03d}.txt").write_text(ARTICLES[i % len(ARTICLES)] + "\n", encoding="utf-8")
    serial = run("check", "--jobs", "1", "--format", "json", str(tmp_path))
    parallel = run("check", "--jobs", "2", "--format", "json", str(tmp_path))
    assert serial.returncode == parallel.returncode == 1
    assert serial.stdout == parallel.stdout
    paths = [o["path"] for o in json.loads(parallel.stdout)]
    assert paths == sorted(paths)  # stable order: the walk's order


def test_jobs_keep_errors_in_place(tmp_path: Path) -> None:
    for i in range(12):
        (tmp_path / f"a{i:03d}.txt").write_text(ARTICLES[0] + "\n", encoding="utf-8")
    (tmp_path / "a005.txt").write_bytes(b"\x00\x01binary")
    proc = run("check", "--jobs", "2", "--format", "concise", str(tmp_path))
    assert proc.returncode == 2
    assert proc.stderr.count(b"binary file") == 1
    assert proc.stdout.count(b"PUN101") == 11


def _jsonl(records: list[object]) -> str:
    return "".join((r if isinstance(r, str) else json.dumps(r, ensure_ascii=False)) + "\n" for r in records)


def test_jsonl_batch_reports_with_ids_and_skips_malformed_lines(tmp_path: Path) -> None:
    batch = tmp_path / "articles.jsonl"
    batch.write_text(_jsonl([
        {"id": "a1", "body": ARTICLES[0]},
        "{not json",
        {"id": "a2", "body": ARTICLES[3]},
        {"id": "a3", "title": "no body"},
        {"id": "a4", "body": ARTICLES[1]},
    ]), encoding="utf-8")
    proc = run("check", "--input-format", "jsonl", "--text-field", "body", "--id-field", "id", str(batch))
    assert proc.returncode == 2  # malformed lines are input errors, reported and skipped
    records = [json.loads(line) for line in proc.stdout.decode().splitlines()]
    assert [(r["id"], r["code"], r["record_line"]) for r in records] == [("a1", "PUN101", 1), ("a4", "PUN101", 5)]
    first = records[0]
    assert ARTICLES[0][first["offset"]:first["end_offset"]] == ".."
    assert first["line"] == 1 and first["column"] == first["offset"] + 1
    err = proc.stderr.decode()
    assert f"{batch}:2: malformed JSON" in err and f"{batch}:4: no string field `body`" in err


def test_jsonl_fix_rewrites_only_the_text_fields(tmp_path: Path) -> None:
    batch = tmp_path / "articles.jsonl"
    original = _jsonl([
        {"id": 1, "body": ARTICLES[0], "source": "AFP", "tags": ["mali"]},
        "{broken",
        {"id": 2, "body": ARTICLES[3]},
    ])
    batch.write_text(original, encoding="utf-8")
    proc = run("check", "--input-format", "jsonl", "--text-field", "body", "--fix", str(batch))
    assert proc.returncode == 2
    lines = batch.read_text(encoding="utf-8").splitlines()
    assert json.loads(lines[0]) == {"id": 1, "body": "Le ministre est arrivé lundi. Il repart mardi.",
                                    "source": "AFP", "tags": ["mali"]}
    assert lines[1] == "{broken"
    assert lines[2] == original.splitlines()[2]  # untouched record, byte for byte


def test_jsonl_from_stdin_with_fix_is_a_filter() -> None:
    data = _jsonl([{"id": 1, "text": ARTICLES[0]}, {"id": 2, "text": ARTICLES[3]}]).encode()
    proc = run("check", "--input-format", "jsonl", "--fix", "-", stdin=data)
    assert proc.returncode == 0, proc.stderr
    out = [json.loads(line) for line in proc.stdout.decode().splitlines()]
    assert out[0]["text"] == "Le ministre est arrivé lundi. Il repart mardi."
    assert out[1]["text"] == ARTICLES[3]


def test_jsonl_jobs_give_the_serial_output_and_fixes(tmp_path: Path) -> None:
    """Records are shared between worker processes; output, order and fixed records are unchanged."""
    records: list[object] = [{"id": f"r{i}", "text": ARTICLES[i % len(ARTICLES)]} for i in range(30)]
    records[7] = "{broken"
    records[12] = ""
    original = _jsonl(records)
    outputs = {}
    for jobs in ("1", "2"):
        batch = tmp_path / f"batch{jobs}.jsonl"
        batch.write_text(original, encoding="utf-8")
        proc = run("check", "--input-format", "jsonl", "--jobs", jobs, "--fix", "--unsafe-fixes", str(batch))
        assert proc.returncode == 2, proc.stderr  # the broken line
        outputs[jobs] = (proc.stdout, proc.stderr.replace(str(batch).encode(), b"B"), batch.read_bytes())
    assert outputs["1"] == outputs["2"]
    fixed = outputs["2"][2].decode("utf-8").splitlines()
    assert fixed[7] == "{broken" and fixed[12] == ""
    assert json.loads(fixed[0])["text"] == "Le ministre est arrivé lundi. Il repart mardi."
    assert json.loads(fixed[29]) == {"id": "r29", "text": ARTICLES[1].replace(",,", ",")}
    remaining = [json.loads(line) for line in outputs["2"][0].decode().splitlines()]
    assert [r["id"] for r in remaining] == sorted((r["id"] for r in remaining), key=lambda i: int(i[1:]))


def test_api_results_are_plain_and_picklable() -> None:
    diags = presslint.lint(ARTICLES[0], lang="fr")
    assert diags and pickle.loads(pickle.dumps(diags)) == diags
    result = presslint.fix(ARTICLES[0], lang="fr")
    assert result.text == "Le ministre est arrivé lundi. Il repart mardi."
    assert pickle.loads(pickle.dumps(result)) == result
    assert presslint.lint(ARTICLES[0], config={"select": ["EDT"]}, lang="fr") == []
