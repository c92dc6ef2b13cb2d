"""Declarative rule files and the registry: loading, validation errors, selection, plugins."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from helpers import make_doc
from hypothesis import given, settings
from hypothesis import strategies as st

from presslint import registry
from presslint.config import Settings
from presslint.registry import Registry, UnknownRuleError, builtin_rules_dir, load_registry
from presslint.rulefiles import RuleFileError, load_rule_file, load_rule_folder

GOOD_RULE = '''
code = "HSE101"
name = "house-au-jour-d-aujourd-hui"
summary = "Pleonasm."
message = "“{match}”: write “aujourd’hui”."
languages = ["fr"]
pattern = "au jour d’aujourd’hui"
replacement = "aujourd’hui"
fix = "unsafe"

[[bad]]
text = "Il fait beau au jour d’aujourd’hui."
fixed = "Il fait beau aujourd’hui."

[[good]]
text = "Aujourd’hui, rien."
'''


def write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_rule_file_compiles_into_a_rule(tmp_path: Path) -> None:
    rule = load_rule_file(write(tmp_path, "HSE101.toml", GOOD_RULE))
    assert rule.meta.code == "HSE101" and rule.meta.languages == ("fr",)
    assert rule.meta.fixable is not None and rule.meta.fixable.value == "unsafe"
    assert rule.meta.bad_examples[0].fixed == "Il fait beau aujourd’hui."


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda t: t.replace('code = "HSE101"', 'code = "H1"'), "code `H1` must be"),
        (lambda t: t.replace('name = "house-au-jour-d-aujourd-hui"', 'name = "House Rule"'), "must be kebab-case"),
        (lambda t: t + "\ncolour = 'red'\n", "unknown key `colour`"),
        (lambda t: t.replace('pattern = "au jour d’aujourd’hui"', 'pattern = "(unclosed"'), "pattern does not compile"),
        (lambda t: t.replace('fix = "unsafe"', 'fix = "maybe"'), 'needs `fix = "safe"` or `"unsafe"`'),
        (lambda t: t.replace('replacement = "aujourd’hui"', 'replacement = "\\\\g<missing>"'), "refers to group `missing`"),
        (lambda t: t.replace('message = ', 'mess = '), "unknown key `mess`"),
        (lambda t: t.replace("[[good]]", "[[good]]\nlanguage = 'fr'"), "unknown key `language` in a `good` example"),
        (lambda t: t + "\n[[bad]]\ntext = 'Et au jour d’aujourd’hui.'\n", "needs its `fixed` text"),
        (lambda t: t.replace("[[bad]]", "[[bad"), "invalid TOML"),
    ],
)
def test_bad_rule_files_name_the_file_and_the_problem(tmp_path: Path, change, message: str) -> None:  # type: ignore[no-untyped-def]
    path = write(tmp_path, "HSE101.toml", change(GOOD_RULE))
    with pytest.raises(RuleFileError) as err:
        load_rule_file(path)
    assert str(path) in str(err.value)
    assert message in str(err.value)


def test_duplicate_code_across_folders_is_an_error(tmp_path: Path) -> None:
    write(tmp_path / "a", "one.toml", GOOD_RULE)
    write(tmp_path / "b", "two.toml", GOOD_RULE.replace("house-au-jour-d-aujourd-hui", "other-name"))
    with pytest.raises(RuleFileError) as err:
        load_registry((str(tmp_path / "a"), str(tmp_path / "b")))
    assert "duplicate rule `HSE101`" in str(err.value) and "two.toml" in str(err.value)


def test_a_user_rule_cannot_take_a_built_in_code(tmp_path: Path) -> None:
    write(tmp_path, "x.toml", GOOD_RULE.replace("HSE101", "PUN101"))
    with pytest.raises(RuleFileError, match="duplicate rule `PUN101`"):
        load_registry((str(tmp_path),))


def test_bad_rule_folder_is_exit_2_with_one_line(tmp_path: Path) -> None:
    write(tmp_path / "house", "bad.toml", "code = 'X'\n")
    (tmp_path / "presslint.toml").write_text('rule-folders = ["house"]\n', encoding="utf-8")
    article = write(tmp_path, "a.txt", "Texte.\n")
    exe = str(Path(sys.executable).parent / "presslint")
    proc = subprocess.run([exe, "check", str(article)], capture_output=True, timeout=60)
    assert proc.returncode == 2
    assert proc.stderr.decode().count("\n") == 1 and "bad.toml" in proc.stderr.decode()


def test_selection_by_code_prefix_and_name() -> None:
    reg = load_registry()
    assert {r.meta.code for r in reg.match("PUN10")} >= {"PUN101", "PUN102"}
    assert [r.meta.code for r in reg.match("doubled-punctuation")] == ["PUN101"]
    selected = {r.meta.code for r in reg.select(["PUN"], ignore=["PUN101"], extend_select=["EDT101"])}
    assert "PUN101" not in selected and "PUN102" in selected and "EDT101" in selected
    assert "LT" not in {r.meta.code for r in reg.select()}  # off by default
    with pytest.raises(UnknownRuleError):
        reg.match("XYZ")


def test_built_in_rule_files_are_found() -> None:
    assert (builtin_rules_dir() / "punctuation" / "PUN101-doubled-punctuation.toml").is_file()
    codes = {r.meta.code for r in load_rule_folder(builtin_rules_dir())}
    assert "PUN101" in codes


class _FakeEntryPoint:
    name = "newsroom"
    value = "newsroom_rules:RULES"

    def __init__(self, obj: object) -> None:
        self.obj = obj

    def load(self) -> object:
        return self.obj


def test_third_party_rules_come_from_the_entry_point_group(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    write(tmp_path / "plugin-rules", "HSE101.toml", GOOD_RULE)
    monkeypatch.setattr(registry, "entry_points", lambda group: [_FakeEntryPoint(tmp_path / "plugin-rules")]
                        if group == registry.ENTRY_POINT_GROUP else [])
    reg = registry.load_registry.__wrapped__(())
    assert "HSE101" in reg.by_code


def test_a_broken_plugin_is_one_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    class Broken(_FakeEntryPoint):
        def load(self) -> object:
            raise ImportError("No module named 'newsroom_rules'")

    monkeypatch.setattr(registry, "entry_points", lambda group: [Broken(None)])
    with pytest.raises(RuleFileError, match="plugin `newsroom`.*cannot be loaded"):
        registry.load_registry.__wrapped__(())


def test_registry_rejects_a_name_taken_twice() -> None:
    reg = load_registry()
    rule = reg.by_code["PUN101"]
    with pytest.raises(RuleFileError):
        Registry([rule, rule])


def test_requires_skips_texts_without_the_literals(tmp_path: Path) -> None:
    path = tmp_path / "HSE201-tab.toml"
    path.write_text(
        'code = "HSE201"\nname = "tab"\nmessage = "tab"\npattern = \'\'\'\\t\'\'\'\nrequires = ["\\t"]\n',
        encoding="utf-8",
    )
    rule = load_rule_file(path)
    assert rule.requires == ("\t",)
    assert [(f.start, f.end) for f in rule.check(make_doc("a\tb", "en"), Settings())] == [(1, 2)]
    assert list(rule.check(make_doc("a b", "en"), Settings())) == []


@pytest.mark.parametrize("requires", ['"\\t"', "[1]", '[""]'])
def test_requires_must_be_a_list_of_strings(tmp_path: Path, requires: str) -> None:
    path = tmp_path / "HSE202-bad.toml"
    path.write_text(f'code = "HSE202"\nname = "bad"\nmessage = "m"\npattern = "x"\nrequires = {requires}\n',
                    encoding="utf-8")
    with pytest.raises(RuleFileError, match="`requires` must be a list of non-empty strings"):
        load_rule_file(path)


def test_builtin_rules_compile_on_first_use_and_users_at_once(tmp_path: Path) -> None:
    builtin = load_rule_folder(builtin_rules_dir(), compile_now=False)
    assert all("pattern" not in vars(rule) for rule in builtin)  # nothing compiled by loading
    assert all(rule.pattern.pattern for rule in builtin)
    broken = tmp_path / "HSE203-broken.toml"
    broken.write_text('code = "HSE203"\nname = "broken"\nmessage = "m"\npattern = "(unclosed"\n', encoding="utf-8")
    with pytest.raises(RuleFileError, match="does not compile"):
        load_rule_folder(tmp_path)


_NEAR_MISSES = st.text(alphabet=st.sampled_from(
    list("aZ é.,;:\t\n\u00a0") + ["\u200b", "\u200c", "\u200d", "\u200e", "\u202a", "\u2066", "\ufeff", "\u180e",
                                   "\ufffd", "א", "😀", "\ufe0f"]), max_size=30)


@settings(max_examples=300, deadline=None)
@given(_NEAR_MISSES)
def test_builtin_requires_never_hide_a_match(text: str) -> None:
    """A built-in rule's pattern matches only texts that hold one of its `requires` strings."""
    for rule in load_rule_folder(builtin_rules_dir(), compile_now=False):
        if rule.requires and rule.pattern.search(text):
            assert any(literal in text for literal in rule.requires), (rule.meta.code, text)
