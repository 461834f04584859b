"""A config's state: what pickle, `copy` and `deepcopy` save and how a config is restored from it.

A config's state is every instance attribute in the order `__init__` sets them (`ClassSpec.state`): replaying
that order keeps CPython's shared-key instance layout, so reads of a restored config are as fast as of a built
one. Restoring never runs `__init__` again (nor `__post_init__`): it restores a config that was validated when
built.

Configs nest without limit, but the C pickler recurses once per nested object (about four of its frames per level
of configs), so a chain a few hundred configs deep would raise `RecursionError`. Hence two forms:

* a config whose tree of sub-configs is at most `_DEEP` levels deep pickles as `(restore, (cls, items))`, its
  sub-configs in `items` pickled the same way: small, fast, and what pickles written before the other form hold;
* a deeper one pickles as `(restore_tree, (nodes,))`: every config of the tree once, children before parents, each
  `(cls, items)` with its sub-configs (in fields, or in the lists, tuples, dicts and sets they hold) replaced by
  a `_Ref` to an earlier node. Nothing in it nests per level, and `restore_tree` builds the nodes in one loop.
  A sub-config shared by several parents stays shared; a sub-config also pickled outside the tree (in the same
  `pickle.dumps` call) is restored as an equal object, not the same one.

Pickles name `restore`, `restore_tree` and `_Ref` (and `pconfigs._make.restore`, which older pickles name): keep
these names. `deepcopy` walks the tree the same way: it copies the configs children first, each entered in the
memo before its parent is copied, so `copy.deepcopy` never meets a config it has not copied yet. `copy.copy`
returns the config itself (`_make`): it is frozen.
"""

from __future__ import annotations

import collections
import copy
from collections.abc import Callable, Container
from typing import Any

from ._frozen import FrozenDict, FrozenList, FrozenOrderedDict, FrozenSet, freeze
from ._site import line_of

__all__ = ["reduce_config", "restore", "restore_tree", "deepcopy_config"]

_DEEP = 32
"""Deeper sub-config trees pickle flat. 32 levels is ~130 of the pickler's frames, well inside the default limit."""

_ATOMIC = frozenset({int, float, str, bytes, bool, complex, type(None)})

_REBUILT: dict[type, type] = {
    list: list,
    FrozenList: list,
    tuple: tuple,
    dict: dict,
    FrozenDict: dict,
    collections.OrderedDict: collections.OrderedDict,
    FrozenOrderedDict: collections.OrderedDict,
    set: set,
    FrozenSet: set,
    frozenset: frozenset,
}
"""The containers a sub-config is looked for in (those `_frozen.freeze` walks, named tuples too), and the plain
type each is rebuilt as; restoring freezes them again."""


def reduce_config(cfg: Any) -> tuple[Any, ...]:
    """`cfg.__reduce__()`: `restore` from the instance state, or `restore_tree` from a flat tree when deep."""
    items = tuple([(n, _saved(cfg, n)) for n in type(cfg).__pconfig_spec__.state])
    below = _configs_in(items)
    if below and _deeper_than(below, _DEEP - 1):
        return (restore_tree, (_flatten(cfg),))
    return (restore, (type(cfg), items))


def _saved(cfg: Any, name: str) -> Any:
    """Attribute `name` of `cfg` as saved: the site as a file and a line (a build records its caller's code object,
    which does not pickle; see `_site`)."""
    value = getattr(cfg, name)
    return line_of(value) if name == "__pconfig_site__" and value is not None else value


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


class _Ref:
    """A sub-config in a flat tree: the index of its node, which comes before every node that refers to it."""

    __slots__ = ("index",)

    def __init__(self, index: int) -> None:
        self.index = index

    def __reduce__(self) -> tuple[Any, ...]:
        return (_Ref, (self.index,))


def restore_tree(nodes: list[tuple[type, tuple[tuple[str, Any], ...]]]) -> Any:
    """Rebuild a flat tree (see the module docstring) in one loop, children first; the last node is the root."""
    built: list[Any] = []

    def config_of(value: Any) -> Any:
        return built[value.index] if type(value) is _Ref else None

    for cls, items in nodes:
        built.append(restore(cls, tuple((name, _substitute(value, config_of)) for name, value in items)))
    return built[-1]


def deepcopy_config(cfg: Any, memo: dict[int, Any]) -> Any:
    """`copy.deepcopy(cfg)`: every config of the tree copied children first, each value deep-copied."""
    items = tuple([(n, getattr(cfg, n)) for n in type(cfg).__pconfig_spec__.state])
    if not _configs_in(items):  # the common case, a config without sub-configs: nothing to order
        return restore(type(cfg), tuple([(n, copy.deepcopy(v, memo)) for n, v in items]))
    for each in _bottom_up(cfg, memo):
        state = type(each).__pconfig_spec__.state
        copied = tuple((n, copy.deepcopy(getattr(each, n), memo)) for n in state)
        memo[id(each)] = restore(type(each), copied)
    return memo[id(cfg)]


def _flatten(root: Any) -> list[tuple[type, tuple[tuple[str, Any], ...]]]:
    order = _bottom_up(root, ())
    refs = {id(c): _Ref(i) for i, c in enumerate(order)}

    def ref_of(value: Any) -> Any:
        return refs[id(value)] if "__pconfig_spec__" in type(value).__dict__ else None

    return [
        (type(c), tuple((n, _substitute(_saved(c, n), ref_of)) for n in type(c).__pconfig_spec__.state)) for c in order
    ]


def _bottom_up(root: Any, done: Container[int]) -> list[Any]:
    """`root` and every config below it that is not in `done`, each once, every one after the configs it holds."""
    order = []
    seen = {id(root)}
    stack = [(root, iter(_below(root)))]
    while stack:
        cfg, below = stack[-1]
        for sub in below:
            if id(sub) not in seen and id(sub) not in done:
                seen.add(id(sub))  # a config met again is finished already: configs hold no cycles
                stack.append((sub, iter(_below(sub))))
                break
        else:
            stack.pop()
            order.append(cfg)
    return order


def _deeper_than(level: list[Any], limit: int) -> bool:
    """Whether some chain of sub-configs below the configs of `level` is longer than `limit` (a bounded walk)."""
    for _ in range(limit):
        below: dict[int, Any] = {}  # a sub-config shared by many parents is walked once per level
        for cfg in level:
            for sub in _below(cfg):
                below[id(sub)] = sub
        if not below:
            return False
        level = list(below.values())
    return True


def _below(cfg: Any) -> list[Any]:
    """The configs held directly by `cfg` (in its state, or in the containers there), not those below them."""
    found: list[Any] = []
    for name in type(cfg).__pconfig_spec__.state:
        value = getattr(cfg, name)
        if type(value) not in _ATOMIC and name != "__pconfig_site__":  # the site holds no config
            _collect(value, found)
    return found


def _configs_in(items: tuple[tuple[str, Any], ...]) -> list[Any]:
    """`_below` for a config's state already read."""
    found: list[Any] = []
    for name, value in items:
        if type(value) not in _ATOMIC and name != "__pconfig_site__":
            _collect(value, found)
    return found


def _collect(value: Any, found: list[Any]) -> None:
    cls = type(value)
    if cls in _ATOMIC:
        return
    if "__pconfig_spec__" in cls.__dict__:
        found.append(value)
    elif _rebuilt(cls) is not None:
        if isinstance(value, dict):
            for k, v in value.items():
                _collect(k, found)
                _collect(v, found)
        elif not set(map(type, value)) <= _ATOMIC:
            for v in value:
                _collect(v, found)


def _rebuilt(cls: type) -> Callable[[Any], Any] | None:
    """How a container of type `cls` is rebuilt from its (changed) items; `None` when it is not walked."""
    plain = _REBUILT.get(cls)
    if plain is not None:
        return plain
    if issubclass(cls, tuple) and hasattr(cls, "_fields"):
        return cls._make  # type: ignore[attr-defined, no-any-return]
    return None


def _substitute(value: Any, leaf: Callable[[Any], Any]) -> Any:
    """`value` with each object `leaf` replaces (its result when not `None`) replaced, in containers too.

    A container is copied (as its plain type) only when something in it was replaced."""
    cls = type(value)
    if cls in _ATOMIC:
        return value
    new = leaf(value)
    if new is not None:
        return new
    rebuild = _rebuilt(cls)
    if rebuild is None:
        return value
    if isinstance(value, dict):
        pairs = [(_substitute(k, leaf), _substitute(v, leaf)) for k, v in value.items()]
        if all(a is k and b is v for (a, b), (k, v) in zip(pairs, value.items())):
            return value
        return rebuild(pairs)
    items = [_substitute(v, leaf) for v in value]
    if all(a is b for a, b in zip(items, value)):
        return value
    return rebuild(items)
