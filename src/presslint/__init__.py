"""presslint: a linter and auto-fixer for news articles.

The stable API is ``lint`` and ``fix`` (plain, picklable results); see
``presslint.api`` for ``Linter`` and file-level helpers.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["lint", "fix", "Linter", "Diagnostic", "Edit", "Fix", "FixResult", "__version__"]

if TYPE_CHECKING:
    from presslint.api import FixResult, Linter, fix, lint
    from presslint.diagnostics import Diagnostic, Edit, Fix


def __getattr__(name: str) -> Any:
    """Import the engine only when the API is used, so ``presslint --version`` stays instant."""
    if name in ("lint", "fix", "Linter", "FixResult"):
        from presslint import api

        return getattr(api, name)
    if name in ("Diagnostic", "Edit", "Fix"):
        from presslint import diagnostics

        return getattr(diagnostics, name)
    raise AttributeError(name)
