"""Value equality and hashing for configs: what `==` and `hash` of a config compare, at any depth.

The rule, for two values `a` and `b` (`same(a, b)`):

* Identity first: a value is equal to itself.
* NaN is equal to NaN, wherever it is: a NaN (a float, complex, `Decimal` or NumPy scalar that is not equal to
  itself) is equal to every NaN and to nothing else. So a config equals its own pickle copy, whose NaNs are other
  objects.
* Configs are equal when they are of the same class, their fields are equal and so are the inputs of their computed
  fields. A config class that defines its own `__eq__` (or `__hash__`) is compared (hashed) by it instead.
* Lists and tuples are equal element by element (a list never equals a tuple). Sets and frozensets are equal when
  their elements pair up one to one. Dicts are equal when their items pair up one to one, keys with keys and values
  with values; keys are paired by lookup, and the keys lookup cannot pair (a NaN, a tuple holding one: each NaN is
  its own hash and unequal to itself) are paired with the other dict's unpaired keys that they are equal to, so
  that the values agree too (so `{nan: 1}` equals its pickle copy, and `{nan1: 1, nan2: 2}` equals a dict whose
  NaN keys hold 1 and 2). Two `OrderedDict`s are also compared in order, as `==` does.
* NumPy arrays are equal when they have the same shape, the same dtype kind (`int32` and `int64` agree; `int` and
  `float` do not) and the same values, NaN equal to NaN (object arrays element by element, by this rule). An array
  is never equal to a value that is not an array, and its truth value is never asked for.
* Everything else compares with `==`. Exceptions raised by a user's `__eq__` or `__hash__` propagate: an error is
  never taken for "unequal". An `==` that answers with an array (a NumPy scalar against a list) counts as unequal.

`hash(cfg)` agrees with `==`: every NaN hashes to one value, lists, dicts and sets hash by content (like tuples and
frozensets), and arrays hash by shape, dtype kind and the bytes of a canonical form (numeric kinds widened to 64
bits, -0.0 as 0.0, one NaN); arrays of other kinds (strings, dates, records) hash by shape and kind only, which is
coarse but always agrees with `==`. A value that is neither hashable nor one of these (a user's object without
`__hash__`) makes `hash(cfg)` raise a `TypeError` naming the field that holds it.

Configs nest without limit (a chain 5,000 deep is an ordinary value), so neither walk recurses per level: equality
keeps a stack of pairs still to compare, and hashing keeps a stack of configs whose sub-configs are not hashed yet.
Containers are walked the same way. A sub-config shared by many parents is compared and hashed once.
The common case stays a plain loop: a config whose fields are ints, floats, strings and bools is compared and hashed
field by field without building a stack.
"""

from __future__ import annotations

import collections
import sys
from typing import Any

from ._errors import compose, short_repr

__all__ = ["same", "configs_equal", "config_hash"]

_SIMPLE = frozenset({int, str, bool, bytes, type(None)})
"""Types whose `==` is the whole rule and whose `hash` agrees with it."""
_FLAT = _SIMPLE | {float}
"""Element types a list may be compared with C's `==` for (a NaN aside)."""

# What a type's `==` is, by the slot it inherits: a subclass that keeps the builtin `==` is compared like the builtin.
_LIST, _TUPLE, _DICT, _ORDERED, _SET, _ARRAY, _CONFIG = range(7)
_KINDS: dict[object, int] = {
    list.__eq__: _LIST,
    tuple.__eq__: _TUPLE,
    dict.__eq__: _DICT,
    collections.OrderedDict.__eq__: _ORDERED,
    set.__eq__: _SET,
    frozenset.__eq__: _SET,
}
_MISSING = object()


def _kind(t: type) -> int | None:
    """How values of type `t` are walked: a kind above, or `None` for a value compared with `==`."""
    if "__pconfig_spec__" in t.__dict__:
        return _CONFIG
    kind = _KINDS.get(t.__eq__)
    if kind is None:
        numpy = sys.modules.get("numpy")  # an array can only exist once numpy is imported; never import it here
        if numpy is not None and issubclass(t, numpy.ndarray):
            return _ARRAY
    return kind


_made_here: dict[str, Any] | None = None


def _structural(cls: type, method: str) -> bool:
    """Whether a config class's `__eq__` (or `__hash__`) is the one `@pconfig` installs, so it can be walked.

    The installed methods are defined in `_make` (and delegate here); a method the user wrote is defined elsewhere.
    """
    global _made_here
    if _made_here is None:
        _made_here = sys.modules["pconfigs._make"].__dict__
    return getattr(getattr(cls, method), "__globals__", None) is _made_here


def _is_nan(v: object) -> bool:
    if isinstance(v, (float, complex)):
        return v != v
    module = type(v).__module__
    if module == "numpy":
        kind = getattr(getattr(v, "dtype", None), "kind", "")
        return kind in ("f", "c", "m", "M") and bool(v != v)
    if module == "decimal":
        return bool(v.is_nan())  # type: ignore[attr-defined]
    return False


def same(a: object, b: object) -> bool:
    """Whether two field values are equal for configs (the rule in the module docstring)."""
    return a is b or _equal([(a, b)])


def configs_equal(a: Any, b: Any) -> bool:
    """`a == b` for two configs of the same class: every field's value, then the inputs of computed fields."""
    stack: list[tuple[Any, Any]] = []
    return _push_config(a, b, stack) and (not stack or _equal(stack))


def _push_config(a: Any, b: Any, stack: list[tuple[Any, Any]]) -> bool:
    """Compare two configs of one class field by field: simple values now, anything else onto `stack`.

    False as soon as a simple value differs; the pairs pushed are compared later by `_equal`."""
    spec = type(a).__pconfig_spec__
    for name in spec.names:
        x = getattr(a, name)
        y = getattr(b, name)
        if x is y:
            continue
        t = type(x)
        if t is type(y) and t in _FLAT:
            if x == y or (t is float and x != x and y != y):
                continue
            return False
        stack.append((x, y))
    if spec.tracked:
        mine, theirs = a.__pconfig_inputs__, b.__pconfig_inputs__
        stack.extend((mine[name], theirs[name]) for name in spec.tracked)
    return True


def _equal(stack: list[tuple[Any, Any]]) -> bool:
    """Whether every pair on `stack` is equal. Parts of a pair go onto the same stack, so depth never recurses."""
    seen: set[tuple[int, int]] = set()  # pairs of configs already compared or waiting: a shared sub-config once
    while stack:
        x, y = stack.pop()
        if x is y:
            continue
        tx, ty = type(x), type(y)
        if tx is ty and tx in _FLAT:
            if x == y or (tx is float and x != x and y != y):
                continue
            return False
        kx, ky = _kind(tx), _kind(ty)
        if kx == _CONFIG and not _structural(tx, "__eq__"):
            kx = None
        if ky == _CONFIG and not _structural(ty, "__eq__"):
            ky = None
        if kx is None or ky is None:
            if kx == _ARRAY or ky == _ARRAY:
                return False
            if not _generic_equal(x, y):
                return False
        elif kx == _CONFIG or ky == _CONFIG:
            if tx is not ty:
                return False
            key = (id(x), id(y))
            if key not in seen:
                seen.add(key)
                if not _push_config(x, y, stack):
                    return False
        elif kx == ky and kx in (_LIST, _TUPLE):
            if not _sequences(x, y, stack):
                return False
        elif kx in (_DICT, _ORDERED) and ky in (_DICT, _ORDERED):
            if not _mappings(x, y, stack, ordered=kx == ky == _ORDERED):
                return False
        elif kx == ky == _SET:
            if not _sets(x, y):
                return False
        elif kx == ky == _ARRAY:
            if not _arrays(x, y, stack):
                return False
        else:
            return False  # two different kinds of container (a list and a tuple, a set and a dict)
    return True


def _generic_equal(x: Any, y: Any) -> bool:
    nan = _is_nan(x)
    if nan or _is_nan(y):
        return nan and _is_nan(y)
    result = x == y
    if result is True or result is False:
        return result
    if _kind(type(result)) == _ARRAY:
        return False
    return bool(result)


def _sequences(x: Any, y: Any, stack: list[tuple[Any, Any]]) -> bool:
    if len(x) != len(y):
        return False
    types = set(map(type, x))
    types.update(map(type, y))
    if types <= _FLAT:  # C's `==` decides, unless a NaN made it say no
        if x == y:
            return True
        if float not in types:
            return False
        return all(a is b or a == b or (a != a and b != b) for a, b in zip(x, y))
    stack.extend(zip(x, y))
    return True


def _mappings(x: Any, y: Any, stack: list[tuple[Any, Any]], ordered: bool) -> bool:
    if len(x) != len(y):
        return False
    if ordered:
        for (k1, v1), (k2, v2) in zip(x.items(), y.items()):
            stack.append((k1, k2))
            stack.append((v1, v2))
        return True
    types = set(map(type, x.values()))
    types.update(map(type, y.values()))
    if types <= _FLAT and x == y:
        return True
    unpaired = []
    for k, v in x.items():
        w = y.get(k, _MISSING)
        if w is _MISSING:
            unpaired.append(k)
        else:
            stack.append((v, w))
    if not unpaired:
        return True
    theirs = [k for k in y if k not in x]
    return _pair_up([(k, x[k]) for k in unpaired], [(k, y[k]) for k in theirs])


def _sets(x: Any, y: Any) -> bool:
    if len(x) != len(y):
        return False
    if x == y:  # elements are hashable, so C's lookups pair all but NaNs and what holds them
        return True
    mine = [e for e in x if e not in y]
    theirs = [e for e in y if e not in x]
    return _pair_up([(e, None) for e in mine], [(e, None) for e in theirs])


def _pair_up(mine: list[tuple[Any, Any]], theirs: list[tuple[Any, Any]]) -> bool:
    """Whether the (key, value) items lookup left unpaired pair up one to one, keys `same` and values `same`.

    Keys are grouped by their hash under this module's rule (every NaN alike); within a group any free item that
    matches will do, because `same` is an equivalence: taking one never blocks a pairing that was possible."""
    if len(mine) != len(theirs):
        return False
    groups: dict[int, list[tuple[Any, Any]]] = {}
    for item in theirs:
        groups.setdefault(_hash_key(item[0]), []).append(item)
    for key, value in mine:
        group = groups.get(_hash_key(key), [])
        for i, (other_key, other_value) in enumerate(group):
            if same(key, other_key) and same(value, other_value):
                del group[i]
                break
        else:
            return False
    return True


def _arrays(x: Any, y: Any, stack: list[tuple[Any, Any]]) -> bool:
    if x.shape != y.shape or x.dtype.kind != y.dtype.kind:
        return False
    kind = x.dtype.kind
    if kind == "O":
        stack.extend(zip(x.flat, y.flat))
        return True
    numpy = sys.modules["numpy"]
    return bool(numpy.array_equal(x, y, equal_nan=kind in ("f", "c", "m", "M")))


class _Unhashable(Exception):
    """A value `hash` cannot take; `config_hash` turns it into the user's error, naming the field."""

    def __init__(self, value: object) -> None:
        self.value = value


class _NaN:
    """What every NaN hashes as (Python hashes each NaN object by its identity)."""

    def __hash__(self) -> int:
        return 0x7FF8_0000


_NAN = _NaN()


def config_hash(cfg: Any) -> int:
    """`hash(cfg)`: the class's qualified name and every field's value, by the rule in the module docstring."""
    cls = type(cfg)
    values = []
    for name in cls.__pconfig_spec__.names:
        v = getattr(cfg, name)
        t = type(v)
        if t not in _SIMPLE and (t is not float or v != v):
            break
        values.append(v)
    else:  # every field simple, no NaN: Python's hash agrees with the rule (as `_hash_tree` would find)
        return hash((cls.__qualname__, tuple(values)))
    try:
        return _hash_tree(cfg)
    except _Unhashable as exc:
        raise _unhashable(cfg, exc.value) from None


def _hash_tree(root: Any) -> int:
    """The hash of a config holding other values: sub-configs first (from a stack), each once."""
    hashes: dict[int, int] = {}
    stack = [root]
    while stack:
        cfg = stack[-1]
        if id(cfg) in hashes:
            stack.pop()
            continue
        waiting: list[Any] = []  # sub-configs not hashed yet: hash them, then this one again
        names = type(cfg).__pconfig_spec__.names
        values = tuple([_stand_in(getattr(cfg, n), hashes, waiting) for n in names])
        if waiting:
            stack.extend(waiting)
        else:
            hashes[id(cfg)] = hash((type(cfg).__qualname__, values))
            stack.pop()
    return hashes[id(root)]


def _hash_key(key: object) -> int:
    """A dict key's or set element's hash by this module's rule (a config in it is hashed by `config_hash`)."""
    return hash(_stand_in(key, {}, None))


def _stand_in(v: Any, hashes: dict[int, int], waiting: list[Any] | None) -> Any:
    """What `v` hashes as: itself when Python's hash already agrees with the rule, else a hashable stand-in
    (tuples and frozensets for containers, one object for every NaN, a sub-config's hash).

    A sub-config not in `hashes` yet goes on `waiting` (its parent is hashed again once it is); without
    `waiting` (a dict key, a set element) it is hashed on its own. Equal values have equal stand-ins, so a
    config whose fields are all simple hashes as the tuple of its values, without a stand-in made."""
    t = type(v)
    if t in _SIMPLE:
        return v
    if t is float:
        return v if v == v else _NAN
    kind = _kind(t)
    if kind == _CONFIG and _structural(t, "__hash__"):
        if waiting is None:
            return config_hash(v)
        h = hashes.get(id(v))
        if h is None:
            waiting.append(v)
            return None  # not used: the parent is hashed again once `v` is
        return h
    if kind == _LIST or kind == _TUPLE:
        return tuple([_stand_in(e, hashes, waiting) for e in v])
    if kind == _DICT or kind == _ORDERED:
        return frozenset([(_stand_in(k, hashes, waiting), _stand_in(w, hashes, waiting)) for k, w in v.items()])
    if kind == _SET:
        return frozenset([_stand_in(e, hashes, waiting) for e in v])
    if kind == _ARRAY:
        return _array_stand_in(v, hashes, waiting)
    if _is_nan(v):
        return _NAN
    if t.__hash__ is None:
        raise _Unhashable(v)
    return v


def _array_stand_in(a: Any, hashes: dict[int, int], waiting: list[Any] | None) -> Any:
    numpy = sys.modules["numpy"]
    kind = a.dtype.kind
    if kind == "O":
        return (a.shape, kind, tuple([_stand_in(e, hashes, waiting) for e in a.flat]))
    if kind in ("b", "i", "u"):
        wide = {"b": numpy.bool_, "i": numpy.int64, "u": numpy.uint64}[kind]
        data = numpy.ascontiguousarray(a, dtype=wide)
    elif kind in ("f", "c"):
        data = numpy.array(a, dtype=numpy.float64 if kind == "f" else numpy.complex128, order="C")
        data += 0.0  # -0.0 becomes 0.0, which it equals
        data[numpy.isnan(data)] = numpy.nan  # one NaN, whatever its bits
    else:
        return (a.shape, kind)  # strings, dates, records: coarse, but equal arrays always agree
    return (a.shape, kind, data.tobytes())


def _unhashable(root: Any, value: object) -> TypeError:
    cls = type(value).__qualname__
    return TypeError(
        compose(
            f"{_path_to(root, value)}: cannot hash this config: {cls} is not hashable (got {short_repr(value)})",
            where=[("built at", getattr(root, "__pconfig_site__", None))],
            hint=f"give {cls} a __hash__ that agrees with its __eq__, or do not hash this config "
            "(a dict key, a set member, a cache key)",
        )
    )


def _path_to(root: Any, target: object) -> str:
    """The dotted path from `root` to `target` (`Outer.inner.items[2]`), found the way the hash walks."""
    stack: list[tuple[str, Any]] = [(type(root).__qualname__, root)]
    seen: set[int] = set()
    while stack:
        path, v = stack.pop()
        if v is target:
            return path
        kind = _kind(type(v))
        if kind == _CONFIG and id(v) not in seen:
            seen.add(id(v))
            stack.extend((f"{path}.{n}", getattr(v, n)) for n in type(v).__pconfig_spec__.names)
        elif kind == _LIST or kind == _TUPLE:
            stack.extend((f"{path}[{i}]", e) for i, e in enumerate(v))
        elif kind == _DICT or kind == _ORDERED:
            stack.extend((f"{path}[{k!r}]", w) for k, w in v.items())
        elif kind == _ARRAY and v.dtype.kind == "O":
            stack.extend((f"{path}.flat[{i}]", e) for i, e in enumerate(v.flat))
    return type(root).__qualname__
