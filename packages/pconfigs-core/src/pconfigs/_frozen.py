"""Immutable values: lists, dicts and sets held by a config never change (DESIGN 3.8).

When a config is built, every list, dict and set in a field's value, at any depth (inside tuples and other
containers), is stored as a frozen copy: `FrozenList`, `FrozenDict`, `FrozenSet`. They subclass the plain types,
so they compare equal to plain containers, pass `isinstance(x, list)`, index and iterate at C speed, and serialise
as what they are (`json.dumps` sees a list). Every mutating method raises a `TypeError` that names the field
(`TrainerConfig.lr_schedule`) and says what to do instead. Copying one (`copy.copy`, `deepcopy`, pickle, `list(x)`,
`x + y`, `x[:]`) gives a plain, mutable container: a private copy is always one call away, and a pickle holds plain
values (`_state.restore` freezes them again).

Why copies and not views: a list the caller passed in stays the caller's (mutating it afterwards does not reach the
config), and a registered default, a base config or a `calls=` function's own default values can never be changed
through a config built from them. Values already frozen are kept as they are, so building from a base copies
nothing. NumPy arrays are copied and marked read-only (numpy is never imported here: an array is recognised by
its class's module).

`OrderedDict` keeps its type (`FrozenOrderedDict`); other subclasses of list, dict and set (a `defaultdict`, a
user's class) have semantics a frozen copy cannot keep, so they are refused with a clear error. Other mutable
objects (`bytearray`, a user's object) are the user's to keep unchanged; the docs say so.
"""

from __future__ import annotations

import collections
import enum
from collections.abc import Callable, Mapping
from typing import Any, NoReturn

from ._errors import compose, safe_repr, short_repr

__all__ = [
    "FrozenList",
    "FrozenDict",
    "FrozenSet",
    "FrozenOrderedDict",
    "freeze",
    "thaw",
    "thaw_type",
    "remade",
    "FROZEN",
]


def _refuse(self: Any, operation: str) -> NoReturn:
    owner = self.__dict__.get("_pconfig_path", "a config's value")
    plain = thaw_type(type(self))
    noun = plain.__name__
    raise TypeError(
        compose(
            f"{owner}: a config's values never change; cannot {operation} this {noun}",
            hint=f"build a new config with the changed value, or take a private copy: {noun}({_name(owner)})",
        )
    )


def _name(owner: str) -> str:
    return "cfg." + owner.split(".", 1)[1] if "." in owner else "x"


def _refusing(operation: str) -> Callable[..., NoReturn]:
    def method(self: Any, *args: Any, **kwargs: Any) -> NoReturn:
        _refuse(self, operation)

    method.__name__ = operation
    return method


class FrozenList(list):  # type: ignore[type-arg]
    """A list held by a config: reads as a list, refuses every change."""

    def __reduce_ex__(self, protocol: Any) -> Any:
        return (list, (list(self),))

    def __deepcopy__(self, memo: dict[int, Any]) -> list[Any]:
        import copy

        return [copy.deepcopy(x, memo) for x in self]

    def __copy__(self) -> list[Any]:
        return list(self)


class FrozenDict(dict):  # type: ignore[type-arg]
    """A dict held by a config: reads as a dict, refuses every change."""

    def __reduce_ex__(self, protocol: Any) -> Any:
        return (dict, (dict(self),))

    def __deepcopy__(self, memo: dict[int, Any]) -> dict[Any, Any]:
        import copy

        return {copy.deepcopy(k, memo): copy.deepcopy(v, memo) for k, v in self.items()}

    def __copy__(self) -> dict[Any, Any]:
        return dict(self)


class FrozenOrderedDict(collections.OrderedDict):  # type: ignore[type-arg]
    """An `OrderedDict` held by a config: keeps its order-sensitive equality, refuses every change."""

    def __reduce_ex__(self, protocol: Any) -> Any:
        return (collections.OrderedDict, (list(self.items()),))

    def __deepcopy__(self, memo: dict[int, Any]) -> collections.OrderedDict[Any, Any]:
        import copy

        return collections.OrderedDict((copy.deepcopy(k, memo), copy.deepcopy(v, memo)) for k, v in self.items())

    def __copy__(self) -> collections.OrderedDict[Any, Any]:
        return collections.OrderedDict(self)


class FrozenSet(set):  # type: ignore[type-arg]
    """A set held by a config: reads as a set, refuses every change."""

    def __reduce_ex__(self, protocol: Any) -> Any:
        return (set, (list(self),))

    def __deepcopy__(self, memo: dict[int, Any]) -> set[Any]:
        import copy

        return {copy.deepcopy(x, memo) for x in self}

    def __copy__(self) -> set[Any]:
        return set(self)


_MUTATORS: dict[type, tuple[str, ...]] = {
    FrozenList: (
        "append", "extend", "insert", "remove", "pop", "clear", "sort", "reverse",
        "__setitem__", "__delitem__", "__iadd__", "__imul__",
    ),
    FrozenDict: ("__setitem__", "__delitem__", "clear", "pop", "popitem", "setdefault", "update", "__ior__"),
    FrozenOrderedDict: (
        "__setitem__", "__delitem__", "clear", "pop", "popitem", "setdefault", "update", "__ior__", "move_to_end",
    ),
    FrozenSet: (
        "add", "discard", "remove", "pop", "clear", "update", "intersection_update", "difference_update",
        "symmetric_difference_update", "__ior__", "__iand__", "__isub__", "__ixor__",
    ),
}  # fmt: skip
_VERBS = {
    "__setitem__": "assign an item of",
    "__delitem__": "delete an item of",
    "__iadd__": "extend (+=)",
    "__imul__": "repeat (*=)",
    "__ior__": "update (|=)",
    "__iand__": "intersect (&=)",
    "__isub__": "subtract from (-=)",
    "__ixor__": "update (^=)",
}
for _cls, _names in _MUTATORS.items():
    for _method in _names:
        setattr(_cls, _method, _refusing(_VERBS.get(_method, _method)))
del _cls, _names, _method

FROZEN: dict[type, type] = {
    FrozenList: list,
    FrozenDict: dict,
    FrozenSet: set,
    FrozenOrderedDict: collections.OrderedDict,
}
"""Each frozen type and the plain type it stands for (the printer writes the plain type's literal)."""


def thaw_type(cls: type) -> type:
    """The plain type a frozen type stands for (`list` for `FrozenList`); any other type is itself."""
    return FROZEN.get(cls, cls)


def remade(value: Any, items: Any) -> Any:
    """A plain container of `value`'s kind holding `items` (a dict's items as a dict, else a list), for a build to
    freeze again: a dict (an `OrderedDict` for an `OrderedDict`), a tuple (a named tuple's own class), or a list."""
    if isinstance(value, Mapping):
        return thaw_type(type(value))(items)
    if isinstance(value, tuple):
        named = getattr(type(value), "_make", None)
        return named(items) if named is not None else tuple(items)
    return list(items)


_IMMUTABLE = frozenset({int, float, str, bytes, bool, complex, type(None), frozenset, range, type})


def freeze(value: Any, path: str) -> Any:
    """`value` with every list, dict and set in it frozen; `path` (`Class.field`) names it in errors."""
    cls = value.__class__
    if cls in _IMMUTABLE or cls in FROZEN or isinstance(value, enum.Enum) or "__pconfig_spec__" in cls.__dict__:
        return value
    # Scalars are kept without a call (and without building their path): lists of floats are the common case.
    if cls is list:
        imm = _IMMUTABLE
        return _own(
            FrozenList(x if x.__class__ in imm else freeze(x, f"{path}[{i}]") for i, x in enumerate(value)), path
        )
    if cls is dict:
        imm = _IMMUTABLE
        entries = {k: v if v.__class__ in imm else freeze(v, f"{path}[{safe_repr(k)}]") for k, v in value.items()}
        return _own(FrozenDict(entries), path)
    if cls is set:
        return _own(FrozenSet(value), path)  # set elements are hashable, so never lists, dicts or sets
    if cls is tuple:
        items = tuple(freeze(x, f"{path}[{i}]") for i, x in enumerate(value))
        return value if all(a is b for a, b in zip(items, value)) else items
    if cls is collections.OrderedDict:
        ordered = FrozenOrderedDict()
        for k, v in value.items():  # OrderedDict's own __init__ would call the refusing __setitem__
            collections.OrderedDict.__setitem__(ordered, k, freeze(v, f"{path}[{safe_repr(k)}]"))
        return _own(ordered, path)
    if isinstance(value, tuple) and hasattr(cls, "_fields"):  # a named tuple: its fields may hold lists
        items = tuple(freeze(x, f"{path}.{f}") for f, x in zip(cls._fields, value))
        return value if all(a is b for a, b in zip(items, value)) else cls._make(items)
    if isinstance(value, (list, dict, set)):
        raise TypeError(
            compose(
                f"{path}: a {cls.__qualname__} cannot be held by a config (it is mutable, and a frozen copy "
                f"would not keep what makes it a {cls.__qualname__}): {short_repr(value)}",
                hint=f"pass a plain {_plain_of(value).__name__} (or a tuple) instead",
            )
        )
    if cls.__module__ == "numpy" and hasattr(value, "setflags") and hasattr(value, "copy"):
        if value.flags.writeable or value.base is not None:
            value = value.copy()
            value.setflags(write=False)
        return value
    return value


def thaw(value: Any) -> Any:
    """A plain, mutable copy of a frozen value (frozen containers inside it too); other objects as they are.

    What a `calls=` config passes to its target: the target may change its arguments, the config never changes."""
    cls = value.__class__
    if cls not in FROZEN and cls is not tuple:
        return value
    if cls is FrozenList:
        return [thaw(x) for x in value]
    if cls is FrozenDict:
        return {k: thaw(v) for k, v in value.items()}
    if cls is FrozenSet:
        return set(value)
    if cls is FrozenOrderedDict:
        return collections.OrderedDict((k, thaw(v)) for k, v in value.items())
    items = tuple(thaw(x) for x in value)
    return value if all(a is b for a, b in zip(items, value)) else items


def _plain_of(value: Any) -> type:
    return list if isinstance(value, list) else dict if isinstance(value, dict) else set


def _own(frozen: Any, path: str) -> Any:
    frozen.__dict__["_pconfig_path"] = path
    return frozen


def may_hold_mutable(annotation: object) -> bool:
    """Whether a field of this annotation may hold a list, dict, set or array (so its values need `freeze`)."""
    import typing

    from ._typeforms import union_members

    for member in union_members(annotation):
        origin = typing.get_origin(member)
        if origin is typing.Literal:
            continue
        if origin is tuple:
            if any(may_hold_mutable(a) for a in typing.get_args(member) if a is not Ellipsis):
                return True
            continue
        if origin is type or member in _IMMUTABLE or member is type(None):
            continue
        if isinstance(member, type) and origin is None:
            if issubclass(member, enum.Enum) or "__pconfig_spec__" in member.__dict__:
                continue
            if issubclass(member, (list, dict, set)):
                return True
            if issubclass(member, (int, float, str, bytes, complex, frozenset)) and not issubclass(member, tuple):
                continue
            if issubclass(member, tuple):
                return True  # a named tuple's fields may hold lists
            if member.__module__ not in ("builtins", "collections", "collections.abc", "numpy", "typing"):
                continue  # a user's class: the user's to keep unchanged
        return True
    return False
