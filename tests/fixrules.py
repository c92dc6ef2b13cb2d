"""Tiny rule sets written as TOML rule files, for the fixing tests.

Each set is a folder of rule files; ``settings_for`` returns Settings that run
exactly those rules (and the built-in ones only if asked).
"""

from __future__ import annotations

from pathlib import Path

from presslint.config import Settings

# Two rules whose fixes overlap (space before a comma / missing space after it),
# two whose fixes touch (space before % / missing space after it), and two rules
# proposing the very same repair of a doubled `!`.
CONFLICTING = {
    "TST101-space-before-comma.toml": r'''
code = "TST101"
name = "space-before-comma"
message = "Space before a comma."
pattern = '(?<=\p{L}) +,'
replacement = ','
fix = "safe"
''',
    "TST102-missing-space-after-comma.toml": r'''
code = "TST102"
name = "missing-space-after-comma"
message = "No space after a comma."
pattern = ',(?=\p{L})'
replacement = ', '
fix = "safe"
''',
    "TST103-space-before-percent.toml": r'''
code = "TST103"
name = "space-before-percent"
message = "Space before %."
pattern = '(?<=\d) (?=%)'
replacement = ''
fix = "safe"
''',
    "TST104-missing-space-after-percent.toml": r'''
code = "TST104"
name = "missing-space-after-percent"
message = "No space after %."
pattern = '%(?=\p{L})'
replacement = '% '
fix = "safe"
''',
    "TST105-doubled-bang.toml": r'''
code = "TST105"
name = "doubled-bang"
message = "Doubled !."
pattern = '!!'
replacement = '!'
fix = "safe"
''',
    "TST106-doubled-bang-again.toml": r'''
code = "TST106"
name = "doubled-bang-again"
message = "Doubled ! (same fix, another rule)."
pattern = '!!'
replacement = '!'
fix = "safe"
''',
    "TST107-very-unique.toml": r'''
code = "TST107"
name = "very-unique"
message = "“very unique”: unique is absolute."
pattern = '\bvery (unique)\b'
replacement = '\1'
fix = "unsafe"
''',
    "TST108-line-break-after-colon-dash.toml": r'''
code = "TST108"
name = "dash-list-on-one-line"
message = "A dash list run into the sentence."
pattern = ':(?= - )'
replacement = ':\n'
fix = "safe"
''',
    "TST109-placeholder.toml": r'''
code = "TST109"
name = "placeholder-left"
message = "A placeholder left in the copy."
pattern = '\bXXX\b'
''',
}

# Two rules that undo each other: fixing never settles.
CYCLING = {
    "TSC101-foo-to-bar.toml": r'''
code = "TSC101"
name = "foo-to-bar"
message = "foo should be bar."
pattern = '\bfoo\b'
replacement = 'bar'
fix = "safe"
''',
    "TSC102-bar-to-foo.toml": r'''
code = "TSC102"
name = "bar-to-foo"
message = "bar should be foo."
pattern = '\bbar\b'
replacement = 'foo'
fix = "safe"
''',
}

# A rule whose "fix" changes nothing, overlapping a real one: the real one must still apply.
NOOP = {
    "TSN101-noop.toml": r'''
code = "TSN101"
name = "noop-fix"
message = "Flags the word, proposes it unchanged."
pattern = '\bMali\b'
replacement = 'Mali'
fix = "safe"
''',
    "TSN102-mali-dot.toml": r'''
code = "TSN102"
name = "mali-doubled-dot"
message = "Doubled dot after Mali."
pattern = '(?<=Mali)\.\.'
replacement = '.'
fix = "safe"
''',
}


def write_rules(folder: Path, rules: dict[str, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, body in rules.items():
        (folder / name).write_text(body.lstrip(), encoding="utf-8")
    return folder


def settings_for(folder: Path, *, codes: tuple[str, ...] | None = None, builtin: bool = False) -> Settings:
    """Settings running the rules of ``folder`` (all of them, or ``codes``), plus the built-in defaults if asked."""
    from presslint.rulefiles import load_rule_folder

    mine = codes or tuple(r.meta.code for r in load_rule_folder(folder))
    if builtin:
        return Settings(rule_folders=(str(folder),), root=str(folder), extend_select=mine)
    return Settings(rule_folders=(str(folder),), root=str(folder), select=mine)
