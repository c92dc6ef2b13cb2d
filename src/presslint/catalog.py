"""Rule documentation for ``presslint rules`` and ``presslint explain``, generated from rule metadata."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from presslint.api import Linter
from presslint.config import Settings, load_config_file
from presslint.rule import FAMILIES, Rule


def _registry(config: Path | None) -> Any:
    settings = load_config_file(config) if config else Settings()
    return Linter(settings).registry


def rule_rows(config: Path | None = None) -> list[dict[str, Any]]:
    rows = []
    for rule in sorted(_registry(config).rules, key=lambda r: r.meta.code):
        m = rule.meta
        rows.append(
            {
                "code": m.code,
                "name": m.name,
                "family": FAMILIES.get(m.family, m.family),
                "languages": list(m.languages),
                "fix": m.fixable.value if m.fixable else None,
                "default": m.default_enabled,
                "severity": m.severity.value,
                "summary": m.summary,
            }
        )
    return rows


def explain_rule(selector: str, config: Path | None = None) -> str:
    registry = _registry(config)
    rule: Rule | None = registry.by_code.get(selector) or registry.by_name.get(selector)
    if rule is None:
        raise LookupError(f"unknown rule `{selector}` (see `presslint rules`)")
    m = rule.meta
    fix = {"safe": "safe fix (applied by --fix)", "unsafe": "unsafe fix (applied by --unsafe-fixes)"}
    lines = [
        f"{m.code} {m.name}",
        "",
        m.summary,
        "",
        f"Family:     {FAMILIES.get(m.family, m.family)} ({m.family})",
        f"Languages:  {', '.join(m.languages)}",
        f"Severity:   {m.severity.value}",
        f"Fix:        {fix[m.fixable.value] if m.fixable else 'none'}",
        f"Default:    {'on' if m.default_enabled else 'off (enable with --extend-select ' + m.code + ')'}",
    ]
    if m.description:
        lines += ["", m.description.strip()]
    if m.bad_examples:
        lines += ["", "Flagged:"]
        for ex in m.bad_examples:
            lines.append(f"  ✗ {ex.text}")
            if ex.fixed is not None:
                lines.append(f"  → {ex.fixed}")
    if m.good_examples:
        lines += ["", "Left alone:"]
        lines += [f"  ✓ {ex.text}" for ex in m.good_examples]
    if m.origin:
        lines += ["", f"Defined in {m.origin}"]
    return "\n".join(lines) + "\n"
