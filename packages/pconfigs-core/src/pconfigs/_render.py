"""Rendering configs as Python code (the expression `repr(cfg)` returns)."""

from __future__ import annotations

from typing import Any

__all__ = ["render_expression"]


def render_expression(cfg: Any) -> str:
    spec = type(cfg).__pconfig_spec__
    parts = ", ".join(f"{n}={getattr(cfg, n)!r}" for n in spec.names)
    return f"{type(cfg).__qualname__}({parts})"
