"""Value equality for configs: what `==` between two configs compares, field by field.

Identity first, then `==`, with NaN equal to NaN (so a config equals its own pickle copy). It lives apart from
merging and registering because both use it, and because equality is its own rule.
"""

from __future__ import annotations

__all__ = ["same"]


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
