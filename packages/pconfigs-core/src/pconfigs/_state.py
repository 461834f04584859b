"""A config's state: what pickle, `copy` and `deepcopy` save and how a config is restored from it.

A config's state is every instance attribute in the order `__init__` sets them (`ClassSpec.state`): replaying
that order keeps CPython's shared-key instance layout, so reads of a restored config are as fast as of a built
one. Restoring never runs `__init__` again (nor `__post_init__`): it restores a config that was validated when
built.
"""

from __future__ import annotations

import copy
from typing import Any

from ._frozen import freeze

__all__ = ["reduce_config", "restore", "deepcopy_config"]


def reduce_config(cfg: Any) -> tuple[Any, ...]:
    """`cfg.__reduce__()`: rebuild with `restore` from the instance state."""
    state = type(cfg).__pconfig_spec__.state
    return (restore, (type(cfg), tuple((n, getattr(cfg, n)) for n in state)))


def restore(cls: type, items: tuple[tuple[str, Any], ...]) -> Any:
    """Rebuild a config from its instance state (pickle, copy, deepcopy), attribute by attribute.

    A pickle holds plain lists, dicts and sets (see `_frozen`); they are frozen again here."""
    spec = cls.__pconfig_spec__  # type: ignore[attr-defined]
    spec.resolve()
    obj: Any = object.__new__(cls)
    index = spec.index
    for key, value in items:
        i = index.get(key)
        if i is not None and spec.fields[i].freezes:
            value = freeze(value, f"{cls.__qualname__}.{key}")
        elif key == "__pconfig_inputs__":
            value = {k: freeze(v, f"{cls.__qualname__}.{k}") for k, v in value.items()}
        object.__setattr__(obj, key, value)
    return obj


def deepcopy_config(cfg: Any, memo: dict[int, Any]) -> Any:
    """`copy.deepcopy(cfg)`: the state deep-copied, restored attribute by attribute."""
    state = type(cfg).__pconfig_spec__.state
    result = restore(type(cfg), tuple((n, copy.deepcopy(getattr(cfg, n), memo)) for n in state))
    memo[id(cfg)] = result
    return result
