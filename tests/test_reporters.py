"""The CI reporters: GitHub workflow commands, GitLab Code Quality and SARIF 2.1.0."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from presslint import fix, lint
from presslint.diagnostics import Applicability, Diagnostic, Edit, FileReport, Fix, Severity
from presslint.reporting import ReportOptions, render
from presslint.reporting.github import annotation, escape_data, escape_property

SCHEMA = json.loads((Path(__file__).parent / "data" / "sarif-2.1.0.json").read_text(encoding="utf-8"))
ARTICLE = (
    "Son départ de Bamako est prévu à 16 heures.. Il repartira lundi.\n"
    "\n"
    "The minister arrived on Monday,, and left on Tuesday.\n"
)
PRESSLINT = str(Path(sys.executable).with_name("presslint"))
ONLY = {"select": ["PUN101"]}  # the reports are the subject here, not the rules


def _report(text: str, path: str = "news/bamako.txt") -> FileReport:
    return FileReport(path, diagnostics=lint(text, path=path, config=ONLY), original_text=text)


def _render(reports: list[FileReport], fmt: str) -> str:
    out = io.StringIO()
    render(reports, out, ReportOptions(format=fmt))
    return out.getvalue()


def _diag(**changes: object) -> Diagnostic:
    base: dict[str, object] = dict(
        path="news/a.txt", code="PUN101", rule="doubled-punctuation", severity=Severity.WARNING,
        message="Doubled punctuation “..”: keep one mark.", offset=42, end_offset=44,
        line=1, column=43, end_line=1, end_column=45,
    )
    base.update(changes)
    return Diagnostic(**base)  # type: ignore[arg-type]


def _sarif_validator() -> jsonschema.Draft4Validator:
    return jsonschema.Draft4Validator(SCHEMA, format_checker=jsonschema.FormatChecker())


# --------------------------------------------------------------------------- json


@pytest.mark.parametrize("count", [0, 1, 3])
def test_json_report_is_laid_out_as_one_indented_array(count: int) -> None:
    """Written one diagnostic at a time, the report reads exactly as `json.dump(array, indent=2)` writes it."""
    diagnostics = [
        _diag(offset=10 * i, end_offset=10 * i + 2, message=f"Ligne {i}:\n« citation »\t\\ fin",
              fix=Fix((Edit(10 * i, 10 * i + 1, "\u00a0"),), Applicability.UNSAFE) if i % 2 else None,
              extra={"record_line": i, "pronouns": ["j’", "nous"]})
        for i in range(count)
    ]
    reports = [FileReport("news/a.txt", diagnostics=diagnostics[:2]), FileReport("news/b.txt"),
               FileReport("news/c.txt", diagnostics=diagnostics[2:])]
    expected = json.dumps([d.to_dict() for d in diagnostics], ensure_ascii=False, indent=2) + "\n"
    assert _render(reports, "json") == expected
    assert _render(reports, "jsonl") == "".join(json.dumps(d.to_dict(), ensure_ascii=False) + "\n" for d in diagnostics)


# --------------------------------------------------------------------------- github


def test_github_escaping() -> None:
    assert escape_data("50% done\r\nnext: a, b") == "50%25 done%0D%0Anext: a, b"
    assert escape_property("50% done\r\nnext: a, b") == "50%25 done%0D%0Anext%3A a%2C b"


def test_github_annotation_exact() -> None:
    assert annotation(_diag()) == (
        "::warning file=news/a.txt,line=1,col=43,endLine=1,endColumn=44,"
        "title=PUN101 doubled-punctuation::Doubled punctuation “..”: keep one mark."
    )


def test_github_annotation_escapes_path_title_and_message() -> None:
    d = _diag(path="desk/Mali, 2024: notes.txt", rule="odd,rule", message="100% sure\nsecond line",
              severity=Severity.INFO, fix=Fix((Edit(42, 44, "."),)))
    assert annotation(d) == (
        "::notice file=desk/Mali%2C 2024%3A notes.txt,line=1,col=43,endLine=1,endColumn=44,"
        "title=PUN101 odd%2Crule::100%25 sure%0Asecond line [fixable]"
    )


def test_github_multiline_span_has_no_columns() -> None:
    line = annotation(_diag(severity=Severity.ERROR, end_line=3, end_column=2))
    assert line.startswith("::error file=news/a.txt,line=1,endLine=3,title=")
    assert "col=" not in line


def test_github_render_real_report_and_unreadable_file() -> None:
    out = _render([_report(ARTICLE), FileReport("news/broken.txt", error="news/broken.txt: not valid UTF-8")], "github")
    lines = out.splitlines()
    assert lines == [
        "::warning file=news/bamako.txt,line=1,col=43,endLine=1,endColumn=44,"
        "title=PUN101 doubled-punctuation::Doubled punctuation “..”: keep one mark. [fixable]",
        "::warning file=news/bamako.txt,line=3,col=31,endLine=3,endColumn=32,"
        "title=PUN101 doubled-punctuation::Doubled punctuation “,,”: keep one mark. [fixable]",
        "::error file=news/broken.txt::news/broken.txt: not valid UTF-8",
    ]


# --------------------------------------------------------------------------- gitlab


def test_gitlab_code_quality_fields() -> None:
    issues = json.loads(_render([_report(ARTICLE)], "gitlab"))
    assert len(issues) == 2
    first = issues[0]
    assert first["description"] == "PUN101 Doubled punctuation “..”: keep one mark."
    assert first["check_name"] == "PUN101 doubled-punctuation"
    assert first["severity"] == "minor"
    assert first["location"] == {"path": "news/bamako.txt", "lines": {"begin": 1, "end": 1}}
    assert issues[1]["location"]["lines"]["begin"] == 3
    for issue in issues:
        assert len(issue["fingerprint"]) == 64 and int(issue["fingerprint"], 16) >= 0


def test_gitlab_severities() -> None:
    levels = {s: _diag(severity=s) for s in Severity}
    report = FileReport("news/a.txt", diagnostics=list(levels.values()))
    issues = json.loads(_render([report], "gitlab"))
    assert [i["severity"] for i in issues] == ["major", "minor", "info"]
    assert set(i["severity"] for i in issues) <= {"info", "minor", "major", "critical", "blocker"}


def test_gitlab_fingerprints_stable_unique_and_per_file() -> None:
    before = json.loads(_render([_report(ARTICLE)], "gitlab"))
    moved = json.loads(_render([_report("Un nouveau chapeau, ajouté plus tard.\n\n" + ARTICLE)], "gitlab"))
    assert [i["fingerprint"] for i in before] == [i["fingerprint"] for i in moved]
    assert before[0]["location"]["lines"]["begin"] != moved[0]["location"]["lines"]["begin"]
    twice = json.loads(_render([_report("Il part.. Il revient.. Fin.\n")], "gitlab"))
    assert len({i["fingerprint"] for i in twice}) == 2
    other = json.loads(_render([_report(ARTICLE, "news/other.txt")], "gitlab"))
    assert not {i["fingerprint"] for i in other} & {i["fingerprint"] for i in before}


def test_gitlab_empty_report_is_an_empty_array() -> None:
    assert json.loads(_render([_report("Il est parti. Fin.\n")], "gitlab")) == []


# --------------------------------------------------------------------------- sarif


def _sarif(reports: list[FileReport]) -> dict:  # type: ignore[type-arg]
    log = json.loads(_render(reports, "sarif"))
    _sarif_validator().validate(log)
    return log


def test_sarif_validates_and_describes_tool_and_rules() -> None:
    log = _sarif([_report(ARTICLE)])
    assert log["version"] == "2.1.0"
    run = log["runs"][0]
    driver = run["tool"]["driver"]
    assert driver["name"] == "presslint"
    from presslint import __version__

    assert driver["version"] == __version__
    [rule] = driver["rules"]
    assert rule["id"] == "PUN101" and rule["name"] == "doubled-punctuation"
    assert rule["shortDescription"]["text"].startswith("A punctuation mark typed twice")
    assert "ellipsis" in rule["fullDescription"]["text"]
    assert "Son départ de Bamako est prévu à 16 heures." in rule["help"]["text"]
    assert rule["defaultConfiguration"] == {"level": "warning", "enabled": True}
    assert run["columnKind"] == "unicodeCodePoints"


def test_sarif_results_regions_and_fixes() -> None:
    results = _sarif([_report(ARTICLE)])["runs"][0]["results"]
    assert len(results) == 2
    r = results[0]
    assert r["ruleId"] == "PUN101" and r["ruleIndex"] == 0 and r["level"] == "warning"
    assert r["message"]["text"] == "Doubled punctuation “..”: keep one mark."
    loc = r["locations"][0]["physicalLocation"]
    assert loc["artifactLocation"] == {"uri": "news/bamako.txt", "uriBaseId": "%SRCROOT%"}
    assert loc["region"] == {
        "startLine": 1, "startColumn": 43, "endLine": 1, "endColumn": 45,
        "charOffset": 42, "charLength": 2, "snippet": {"text": ".."},
    }
    [change] = r["fixes"][0]["artifactChanges"]
    [replacement] = change["replacements"]
    assert replacement["insertedContent"] == {"text": "."}
    assert replacement["deletedRegion"]["charOffset"] == 42 and replacement["deletedRegion"]["charLength"] == 2


def test_sarif_fixes_applied_give_the_fixed_text() -> None:
    """Applying every replacement, last first, must give what ``fix`` gives."""
    results = _sarif([_report(ARTICLE)])["runs"][0]["results"]
    edits = [
        rep for res in results for fx in res.get("fixes", ()) for ch in fx["artifactChanges"] for rep in ch["replacements"]
    ]
    text = ARTICLE
    for rep in sorted(edits, key=lambda e: e["deletedRegion"]["charOffset"], reverse=True):
        start = rep["deletedRegion"]["charOffset"]
        text = text[:start] + rep["insertedContent"]["text"] + text[start + rep["deletedRegion"]["charLength"] :]
    assert text == fix(ARTICLE, config=ONLY).text


def test_sarif_columns_are_code_points() -> None:
    text = "🇲🇱 Bamako : 𝐋𝐚 visite est prévue.. Fin.\n"
    region = _sarif([_report(text)])["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]
    start = text.index("..")
    assert region["startColumn"] == start + 1 and region["charOffset"] == start
    assert region["endColumn"] == start + 3


def test_sarif_edge_cases_validate() -> None:
    """Errors, warnings, unknown rules, empty and multi-line spans, odd and absolute paths."""
    engine = Diagnostic("news/a b é.txt", "ENG002", "rule-error", Severity.ERROR, "rule X failed", 0, 0, 1, 1, 1, 1)
    multi = _diag(path="news/a b é.txt", code="XYZ900", rule="house-rule", severity=Severity.INFO,
                  end_line=2, end_column=3, fix=Fix((Edit(42, 42, " "), Edit(50, 51, "")), Applicability.UNSAFE))
    reports = [
        FileReport("news/a b é.txt", diagnostics=[engine, multi], warnings=["news/a b é.txt: read as cp1252"]),
        FileReport("/nonexistent/outside.txt", error="/nonexistent/outside.txt: file not found"),
    ]
    log = _sarif(reports)
    run = log["runs"][0]
    assert run["invocations"][0]["executionSuccessful"] is False
    levels = [n["level"] for n in run["invocations"][0]["toolExecutionNotifications"]]
    assert levels == ["warning", "error"]
    assert [r["level"] for r in run["results"]] == ["error", "note"]
    uri = run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri == "news/a%20b%20%C3%A9.txt"
    assert {r["id"] for r in run["tool"]["driver"]["rules"]} == {"ENG002", "XYZ900"}
    fixes = run["results"][1]["fixes"][0]["artifactChanges"][0]["replacements"]
    assert fixes[0]["deletedRegion"] == {"charOffset": 42, "charLength": 0}
    notif_uri = run["invocations"][0]["toolExecutionNotifications"][1]["locations"][0]
    assert notif_uri["physicalLocation"]["artifactLocation"]["uri"] == "file:///nonexistent/outside.txt"


def test_sarif_empty_run_validates() -> None:
    log = _sarif([_report("Il est parti. Fin.\n")])
    assert log["runs"][0]["results"] == [] and log["runs"][0]["tool"]["driver"]["rules"] == []


def test_schema_rejects_a_broken_log() -> None:
    """The validator is really checking: a region with a zero line is refused."""
    log = json.loads(_render([_report(ARTICLE)], "sarif"))
    log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] = 0
    with pytest.raises(jsonschema.ValidationError):
        _sarif_validator().validate(log)


# --------------------------------------------------------------------------- command line


@pytest.mark.parametrize("fmt", ["github", "gitlab", "sarif"])
def test_cli_formats(tmp_path: Path, fmt: str) -> None:
    (tmp_path / "presslint.toml").write_text('select = ["PUN101"]\n', encoding="utf-8")
    (tmp_path / "desk").mkdir()
    (tmp_path / "desk" / "bamako.txt").write_text(ARTICLE, encoding="utf-8")
    done = subprocess.run([PRESSLINT, "check", "--format", fmt, "desk"], cwd=tmp_path, capture_output=True, text=True)
    assert done.returncode == 1, done.stderr
    assert done.stderr == ""
    if fmt == "github":
        assert done.stdout.splitlines()[0].startswith("::warning file=desk/bamako.txt,line=1,col=43,")
    elif fmt == "gitlab":
        assert [i["location"]["path"] for i in json.loads(done.stdout)] == ["desk/bamako.txt"] * 2
    else:
        log = json.loads(done.stdout)
        _sarif_validator().validate(log)
        assert log["runs"][0]["originalUriBaseIds"]["%SRCROOT%"]["uri"] == tmp_path.resolve().as_uri() + "/"


def test_cli_sarif_after_fix_points_into_the_fixed_text(tmp_path: Path) -> None:
    (tmp_path / "presslint.toml").write_text('select = ["PUN101"]\n', encoding="utf-8")
    article = tmp_path / "a.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    done = subprocess.run([PRESSLINT, "check", "--fix", "--format", "sarif", "a.txt"], cwd=tmp_path,
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    log = json.loads(done.stdout)
    _sarif_validator().validate(log)
    assert log["runs"][0]["results"] == []
