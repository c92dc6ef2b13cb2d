"""Every rule's examples are its tests: bad ones must be flagged (and fixed exactly), good ones left alone."""

from __future__ import annotations

import pytest

from presslint import api
from presslint.config import Settings, StyleSettings
from presslint.diagnostics import Applicability
from presslint.registry import load_registry
from presslint.rule import Rule

RULES = sorted(load_registry().rules, key=lambda r: r.meta.code)


def _lang(rule: Rule, example_lang: str | None) -> str | None:
    if example_lang:
        return example_lang
    langs = [lang for lang in rule.meta.languages if lang != "*"]
    return langs[0] if langs else None


def _cases(kind: str) -> list[pytest.param]:  # type: ignore[type-arg]
    cases = []
    for rule in RULES:
        examples = rule.meta.bad_examples if kind == "bad" else rule.meta.good_examples
        for i, example in enumerate(examples):
            cases.append(pytest.param(rule, example, id=f"{rule.meta.code}-{rule.meta.name}-{kind}{i}"))
    return cases


def _settings(rule: Rule, example=None) -> Settings:  # type: ignore[no-untyped-def]
    style = StyleSettings(**dict(example.style)) if example is not None and example.style else StyleSettings()
    return Settings(select=(rule.meta.code,), style=style)


def test_every_rule_has_examples() -> None:
    for rule in RULES:
        if rule.meta.family in ("LT", "ENG"):
            continue
        assert rule.meta.bad_examples, f"{rule.meta.code} has no bad example"
        assert rule.meta.good_examples, f"{rule.meta.code} has no good example"


@pytest.mark.parametrize(("rule", "example"), _cases("bad"))
def test_bad_example_is_flagged(rule: Rule, example) -> None:  # type: ignore[no-untyped-def]
    lang = _lang(rule, example.lang)
    diags = api.lint(example.text, lang=lang, config=_settings(rule, example))
    assert any(d.code.startswith(rule.meta.code) for d in diags), f"not flagged: {example.text!r}"
    if example.fixed is not None:
        unsafe = rule.meta.fixable is Applicability.UNSAFE
        result = api.fix(example.text, lang=lang, config=_settings(rule, example), unsafe=unsafe)
        assert result.text == example.fixed


@pytest.mark.parametrize(("rule", "example"), _cases("good"))
def test_good_example_is_left_alone(rule: Rule, example) -> None:  # type: ignore[no-untyped-def]
    diags = api.lint(example.text, lang=_lang(rule, example.lang), config=_settings(rule, example))
    assert [d for d in diags if d.code.startswith(rule.meta.code)] == [], example.text
