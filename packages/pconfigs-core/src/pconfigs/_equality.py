"""Value equality for configs: what `==` between two configs compares, field by field.

Identity first, then `==`, with NaN equal to NaN (so a config equals its own pickle copy). It lives apart from
merging and registering because both use it, and because equality is its own rule.
"""

from __future__ import annotations

from typing import Any

__all__ = ["same", "configs_equal", "config_hash"]


def same(a: object, b: object) -> bool:
    """Whether two field values are equal for configs: identity, then `==`, with NaN equal to NaN."""
    if a is b:
        return True
    try:
        if a == b:
            return True
    except Exception:
        return False
    return isinstance(a, float) and isinstance(b, float) and a != a and b != b


def configs_equal(a: Any, b: Any) -> bool:
    """`a == b` for two configs of the same class: every field's value, then the inputs of computed fields."""
    spec = type(a).__pconfig_spec__
    if not all(same(getattr(a, n), getattr(b, n)) for n in spec.names):
        return False
    if not spec.tracked:
        return True
    mine, theirs = a.__pconfig_inputs__, b.__pconfig_inputs__
    return all(same(mine[n], theirs[n]) for n in spec.tracked)


def config_hash(cfg: Any) -> int:
    """`hash(cfg)`: the class's qualified name and every field's value."""
    return hash((type(cfg).__qualname__, tuple(getattr(cfg, n) for n in type(cfg).__pconfig_spec__.names)))
