"""How the example's `__post_init__` checks word a refusal: `Class.field: problem`, then one hint."""

from __future__ import annotations

__all__ = ["refuse"]


def refuse(where: str, problem: str, hint: str) -> ValueError:
    """The `ValueError` a `__post_init__` raises for a bad value: `where` is `Class.field` (or `Class`)."""
    return ValueError(f"{where}: {problem}\n  hint: {hint}")
