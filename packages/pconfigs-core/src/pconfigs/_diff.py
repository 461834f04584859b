"""What changed between two configs: `diff(a, b)`, its text (`format_diff`) and its JSON form (`diff_as_json`).

`diff` walks two resolved configs side by side and returns one `Difference` per place they disagree, each named by
the path an override would use (`optimizer.lr`, `extra[0].workers`, `named["a"].x`), so it can be pasted back. A
dict key that is neither a string nor an int is written as the printer writes it (`table[Mode.train]`,
`table[(1, 2)]`), which overrides do not take.

* Sub-configs of the same class are compared field by field, derived values included (`derived=True` for a
  derived field and everything inside it). When the values of a computed field are equal but the inputs it is
  computed from differ (a `Pin(16)` that equals the computed 16, a transformed input that gives the same value), the
  difference holds the two inputs and says `input_only=True`: a config built from `b` keeps that input.
* Sub-configs of different classes give a `class` line (`optimizer: AdamConfig -> SGDConfig`), then the fields both
  classes have, compared, then each field only `a` has as removed and each only `b` has as added. Two unrelated
  classes at the root are shown the same way, the class line with an empty path first.
* Lists and tuples are compared by index; the elements past the shorter one are added (`layers[3]: added 512`) or
  removed (`layers[3]: removed 512`). Dicts are compared by key: `a`'s keys in `a`'s order, then the keys only `b`
  has, in `b`'s order (NaN keys, which lookup cannot find, are paired as equality pairs them). Two OrderedDicts
  holding their shared keys in another order are one change of the whole value. Sets give the elements only `a`
  has (removed), then those only `b` has (added), each sorted by type, then by value (numbers, strings) or text,
  at the path of the set.
* Everything else is compared by the equality configs use (`_equality.same`: NaN equals NaN, frozen containers
  equal plain ones, arrays by value), and so is a config class that defines its own `__eq__`. A list never equals
  a tuple, so a list replaced by a tuple is one change of the whole value. The result is empty exactly when
  `a == b`.

The order is deterministic: a depth-first walk in field declaration order, then index order, key order as above.
The walk keeps an explicit stack (configs nest thousands deep) and builds each path only for a difference it
reports. Equal values held by the same objects (what an override or a base leaves untouched) are skipped without
being walked, and a pair of sub-configs met again through another parent is walked again only if it differed.

Text. `str(difference)` is one line: `path: old -> new`, `path: added new`, `path: removed old`, with
`  # derived` (or `  # same value, different input`) after it. Values are written as the printer writes them, on
one line, inputs only for configs (so `DataConfig(path="/data", workers=2)` is valid Python that rebuilds it);
a value longer than `LIMIT` characters is shortened: a config to `DataConfig(...)`, a list, tuple, set or dict to
its first elements then `...` (`[1, 2, ...]`; the dict form `{"a": 1, ...}` is not valid Python). A string is
never cut. A value with no Python form is shown by its own `repr` if its class wrote one, else as
`<module.Class object>`. JSON (`diff_as_json`) holds the whole values, in `to_dict`'s encodings.

The printer is imported on first use of the text, never by `diff` itself, so `import pconfigs` stays light.
"""

from __future__ import annotations

import collections
import enum
import itertools
import math
import sys
import types
from collections.abc import Iterable, Sequence
from typing import Any

from ._data import _data_key, _float_text, _key_text
from ._equality import _structural, same
from ._errors import compose, short_repr
from ._spec import is_config, is_config_class

__all__ = ["Difference", "diff", "diff_as_json", "format_diff", "value_text", "LIMIT"]

LIMIT = 60
"""Longest text of one value in a difference's line before it is shortened."""

KINDS = ("changed", "added", "removed", "class")

_FLAT = frozenset({int, str, bool, bytes, float, type(None)})
"""Types compared inline with `==` (a NaN aside), as `_equality` does."""

_LIST, _TUPLE, _DICT, _ORDERED, _SET, _CONFIG = range(6)
_KINDS: dict[object, int] = {
    list.__eq__: _LIST,
    tuple.__eq__: _TUPLE,
    dict.__eq__: _DICT,
    collections.OrderedDict.__eq__: _ORDERED,
    set.__eq__: _SET,
    frozenset.__eq__: _SET,
}
_MISSING = object()
_UNKNOWN = -1


class Difference:
    """One place where two configs disagree (see the module docstring).

    `kind` is "changed" (`old` and `new` are the two values), "added" (only `new`; `old` is None), "removed" (only
    `old`; `new` is None) or "class" (`old` and `new` are the two config classes). `derived` says the value is
    computed (a derived field, or inside one); `input_only` says the values are equal and `old` and `new` are the
    differing inputs they are computed from.
    """

    __slots__ = ("path", "old", "new", "kind", "derived", "input_only")

    path: str
    old: Any
    new: Any
    kind: str
    derived: bool
    input_only: bool

    def __init__(
        self,
        path: str,
        old: object,
        new: object,
        kind: str = "changed",
        derived: bool = False,
        input_only: bool = False,
    ) -> None:
        if kind not in KINDS:
            raise ValueError(f"Difference: kind must be one of {', '.join(KINDS)}, got {kind!r}")
        for name, value in zip(self.__slots__, (path, old, new, kind, derived, input_only)):
            object.__setattr__(self, name, value)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"Difference is read-only: cannot set {name!r}")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"Difference is read-only: cannot delete {name!r}")

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Difference):
            return NotImplemented
        return (
            (self.path, self.kind, self.derived, self.input_only)
            == (other.path, other.kind, other.derived, other.input_only)
            and same(self.old, other.old)
            and same(self.new, other.new)
        )

    def __hash__(self) -> int:
        return hash((self.path, self.kind, self.derived, self.input_only))

    def __reduce__(self) -> tuple[type[Difference], tuple[object, ...]]:
        return (Difference, (self.path, self.old, self.new, self.kind, self.derived, self.input_only))

    def __repr__(self) -> str:
        extra = ", input_only=True" if self.input_only else ""
        return (
            f"Difference({self.path!r}, {short_repr(self.old)}, {short_repr(self.new)}, {self.kind!r}, "
            f"derived={self.derived}{extra})"
        )

    def __str__(self) -> str:
        prefix = f"{self.path}: " if self.path else ""
        if self.kind == "class":
            old, new = _class_texts(self.old, self.new)
            line = f"{prefix}{old} -> {new}"
        elif self.kind == "added":
            line = f"{prefix}added {value_text(self.new)}"
        elif self.kind == "removed":
            line = f"{prefix}removed {value_text(self.old)}"
        else:
            line = f"{prefix}{value_text(self.old)} -> {value_text(self.new)}"
        notes = ["derived"] if self.derived else []
        if self.input_only:
            notes.append("same value, different input")
        return f"{line}  # {'; '.join(notes)}" if notes else line


# -- the walk ----------------------------------------------------------------------------------------------------

_Node = Any
"""A path, written out only for a difference reported: None (the root) or (parent, segment), see `_path`."""

_PAIR, _EMIT, _END = range(3)


def diff(a: Any, b: Any) -> list[Difference]:
    """The differences between two configs, in a deterministic order (see the module docstring); [] when a == b."""
    _require_config(a, "a")
    _require_config(b, "b")
    out: list[Difference] = []
    stack: list[tuple[Any, ...]] = [(_PAIR, None, a, b, False)]
    equal: set[tuple[int, int]] = set()  # pairs of sub-configs walked without a difference
    active: set[tuple[int, int]] = set()  # pairs of sub-configs being walked
    kinds: dict[type, int | None] = {}  # `_kind` of each type met, for this walk only
    while stack:
        item = stack.pop()
        tag = item[0]
        if tag == _EMIT:
            _, node, old, new, kind, derived, input_only = item
            out.append(Difference(_path(node), old, new, kind, derived, input_only))
            continue
        if tag == _END:
            active.discard(item[1])
            if len(out) == item[2]:
                equal.add(item[1])
            continue
        _, node, x, y, derived = item
        if x is y:
            continue
        tx, ty = type(x), type(y)
        if tx is ty and tx in _FLAT:
            if not (x == y or (tx is float and x != x and y != y)):
                out.append(Difference(_path(node), x, y, "changed", derived))
            continue
        kx = kinds.get(tx, _UNKNOWN)
        if kx == _UNKNOWN:
            kx = kinds[tx] = _kind(tx)
        ky = kinds.get(ty, _UNKNOWN)
        if ky == _UNKNOWN:
            ky = kinds[ty] = _kind(ty)
        children: list[tuple[Any, ...]] = []
        if kx == ky == _CONFIG:
            key = (id(x), id(y))
            if key in equal or key in active:  # in `active`: a config holding itself (an escape), as equality does
                continue
            active.add(key)
            stack.append((_END, key, len(out)))
            _configs(node, x, y, derived, children)
        elif kx is not None and kx == ky and kx in (_LIST, _TUPLE):
            _sequences(node, x, y, derived, children)
        elif kx is not None and ky is not None and kx in (_DICT, _ORDERED) and ky in (_DICT, _ORDERED):
            if kx == ky == _ORDERED and _reordered(x, y):
                children.append((_EMIT, node, x, y, "changed", derived, False))
            else:
                _mappings(node, x, y, derived, children)
        elif kx == ky == _SET:
            _sets(node, x, y, derived, children)
        elif not same(x, y):
            children.append((_EMIT, node, x, y, "changed", derived, False))
        children.reverse()
        stack.extend(children)
    return out


def _require_config(value: object, name: str) -> None:
    if is_config(value):
        return
    if is_config_class(value):
        cls = getattr(value, "__qualname__", "?")
        got, hint = f"the class {cls}", f"pass a config of it: pdefaults({cls}), or {cls}(...)"
    else:
        got = f"{type(value).__qualname__} {short_repr(value)}"
        hint = "pass two configs: pconfigs.diff(first.config, second.config)"
    raise TypeError(compose(f"pconfigs.diff: expected a config for {name}, got {got}", hint=hint))


def _kind(t: type) -> int | None:
    """How values of type `t` are walked, or None for a value compared whole (as `_equality` decides)."""
    if "__pconfig_spec__" in t.__dict__:
        return _CONFIG if _structural(t, "__eq__") else None
    return _KINDS.get(t.__eq__)


def _configs(node: _Node, x: Any, y: Any, derived: bool, children: list[tuple[Any, ...]]) -> None:
    cx, cy = type(x), type(y)
    sx = cx.__pconfig_spec__
    if cx is not cy:
        _classes(node, x, y, derived, children)
        return
    tracked = sx.tracked
    for f in sx.fields:
        name = f.name
        v = getattr(x, name)
        w = getattr(y, name)
        if v is not w:
            t = type(v)
            if t is type(w) and t in _FLAT:
                if not (v == w or (t is float and v != v and w != w)):
                    children.append((_EMIT, (node, name), v, w, "changed", derived or f.kind is not None, False))
            else:
                children.append((_PAIR, (node, name), v, w, derived or f.kind is not None))
        if tracked and name in tracked:
            _inputs(node, name, x, y, v, w, derived or f.kind is not None, children)


def _classes(node: _Node, x: Any, y: Any, derived: bool, children: list[tuple[Any, ...]]) -> None:
    """Configs of two classes: the class line, the fields both have, then those only `a` has, then only `b`."""
    sx, sy = type(x).__pconfig_spec__, type(y).__pconfig_spec__
    children.append((_EMIT, node, type(x), type(y), "class", derived, False))
    for f in sx.fields:
        name = f.name
        if name not in sy.index:
            children.append(
                (_EMIT, (node, name), getattr(x, name), None, "removed", derived or f.kind is not None, False)
            )
            continue
        d = derived or f.kind is not None or sy.field(name).kind is not None
        v, w = getattr(x, name), getattr(y, name)
        children.append((_PAIR, (node, name), v, w, d))
        if name in sx.tracked and name in sy.tracked:
            _inputs(node, name, x, y, v, w, d, children)
    for f in sy.fields:
        if f.name not in sx.index:
            children.append(
                (_EMIT, (node, f.name), None, getattr(y, f.name), "added", derived or f.kind is not None, False)
            )


def _inputs(
    node: _Node, name: str, x: Any, y: Any, v: Any, w: Any, derived: bool, children: list[tuple[Any, ...]]
) -> None:
    """A computed field whose values are equal but whose inputs differ (a pin, a transformed input)."""
    i, j = x.__pconfig_inputs__[name], y.__pconfig_inputs__[name]
    if i is not j and not same(i, j) and same(v, w):
        children.append((_EMIT, (node, name), i, j, "changed", derived, True))


def _sequences(node: _Node, x: Sequence[Any], y: Sequence[Any], derived: bool, children: list[tuple[Any, ...]]) -> None:
    n = min(len(x), len(y))
    if len(x) == len(y) and all(type(v) in _FLAT for v in x) and x == y:
        return  # C's `==` decided, and no NaN hides in it (a NaN makes `==` say no)
    for i in range(n):
        v, w = x[i], y[i]
        if v is w:
            continue
        t = type(v)
        if t is type(w) and t in _FLAT:
            if not (v == w or (t is float and v != v and w != w)):
                children.append((_EMIT, (node, i), v, w, "changed", derived, False))
        else:
            children.append((_PAIR, (node, i), v, w, derived))
    children.extend((_EMIT, (node, i), x[i], None, "removed", derived, False) for i in range(n, len(x)))
    children.extend((_EMIT, (node, i), None, y[i], "added", derived, False) for i in range(n, len(y)))


def _mappings(node: _Node, x: Any, y: Any, derived: bool, children: list[tuple[Any, ...]]) -> None:
    if len(x) == len(y) and all(type(v) in _FLAT for v in x.values()) and x == y:
        return
    mine = [k for k in x if k not in y]
    theirs = [k for k in y if k not in x]
    paired = dict(_pair(mine, theirs, x, y)) if mine and theirs else {}
    for k, v in x.items():
        other = paired.get(id(k), _MISSING) if paired else _MISSING
        w = y[other] if other is not _MISSING else y.get(k, _MISSING)
        if w is _MISSING:
            children.append((_EMIT, (node, (k,)), v, None, "removed", derived, False))
        elif v is not w:
            children.append((_PAIR, (node, (k,)), v, w, derived))
    taken = {id(k) for k in paired.values()} if paired else set()
    children.extend((_EMIT, (node, (k,)), None, y[k], "added", derived, False) for k in theirs if id(k) not in taken)


def _reordered(x: Any, y: Any) -> bool:
    """Whether two OrderedDicts hold the keys they share in different orders (their `==` compares order)."""
    return [k for k in x if k in y] != [k for k in y if k in x]


def _sets(node: _Node, x: Any, y: Any, derived: bool, children: list[tuple[Any, ...]]) -> None:
    if len(x) == len(y) and x == y:
        return
    mine = [e for e in x if e not in y]
    theirs = [e for e in y if e not in x]
    if mine and theirs:
        paired = dict(_pair(mine, theirs))
        taken = {id(e) for e in paired.values()}
        mine = [e for e in mine if id(e) not in paired]
        theirs = [e for e in theirs if id(e) not in taken]
    children.extend((_EMIT, node, e, None, "removed", derived, False) for e in _by_text(mine))
    children.extend((_EMIT, node, None, e, "added", derived, False) for e in _by_text(theirs))


def _pair(mine: list[Any], theirs: list[Any], x: Any = None, y: Any = None) -> list[tuple[int, Any]]:
    """Pair keys (or set elements) that lookup could not pair but that are equal, as NaNs are: (id(mine), theirs).

    Candidates are grouped by a form in which every NaN is one value; within a group, a key whose value is also
    equal is taken first (as `==` of two dicts pairs them), then any equal key."""
    groups: dict[object, list[Any]] = {}
    for k in theirs:
        groups.setdefault(_canonical(k), []).append(k)
    found: list[tuple[int, Any]] = []
    left: list[Any] = []
    for k in mine:
        group = groups.get(_canonical(k), [])
        for i, other in enumerate(group):
            if same(k, other) and (x is None or same(x[k], y[other])):
                found.append((id(k), group.pop(i)))
                break
        else:
            left.append(k)
    if x is not None:
        for k in left:
            group = groups.get(_canonical(k), [])
            for i, other in enumerate(group):
                if same(k, other):
                    found.append((id(k), group.pop(i)))
                    break
    return found


class _NaN:
    __slots__ = ()

    def __hash__(self) -> int:
        return 0x7FF8_0000

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _NaN)


_NAN = _NaN()


def _canonical(v: Any) -> object:
    """`v` with every NaN (in tuples and frozensets too) replaced by one value, for grouping."""
    t = type(v)
    if t is float:
        return _NAN if v != v else v
    if isinstance(v, tuple):
        return tuple(_canonical(e) for e in v)
    if isinstance(v, frozenset):
        return frozenset(_canonical(e) for e in v)
    if t.__module__ == "decimal":
        return _NAN if v.is_nan() else v  # a signalling NaN's `!=` would raise
    return _NAN if v != v else v  # an error in a user's `__eq__` propagates, as in equality


def _path(node: _Node) -> str:
    """The override path of a node: its segments are field names, list indexes and (key,) for dict keys."""
    parts = []
    while node is not None:
        node, segment = node
        t = type(segment)
        parts.append("." + segment if t is str else f"[{segment}]" if t is int else _key_segment(segment[0]))
    parts.reverse()
    return "".join(parts)[1:] if parts and parts[0][0] == "." else "".join(parts)


def _key_segment(key: object) -> str:
    """`[0]`, `["a"]`, `[Mode.train]`: a dict key as an override path writes it (the printer's literal)."""
    from ._literals import int_literal, str_literal

    t = type(key)
    if t is str:
        return f"[{str_literal(key)}]"  # type: ignore[arg-type]
    if t is int:
        return f"[{int_literal(key)}]"  # type: ignore[arg-type]
    return f"[{value_text(key, limit=sys.maxsize)}]"


# -- text --------------------------------------------------------------------------------------------------------


def format_diff(differences: Iterable[Difference]) -> str:
    """The text `pconfigs-diff` prints: one line per difference, each ending in a newline ("" when none)."""
    return "".join(f"{d}\n" for d in differences)


def value_text(value: object, limit: int = LIMIT) -> str:
    """One value on one line, as the printer writes it, shortened past `limit` characters (module docstring)."""
    kind = _kind(type(value)) if not is_config(value) else _CONFIG
    if kind is not None and _surely_longer(value, limit):
        full = None  # never render a big value (a config a thousand deep) only to shorten it
    else:
        full = _full_text(value)
        if full is not None and len(full) <= limit:
            return full
    if is_config(value):
        return f"{type(value).__qualname__}(...)"
    if kind is not None:
        return _elided(value, kind, limit)
    return full if full is not None else _described(value, limit)


def _surely_longer(value: object, limit: int) -> bool:
    """Whether the text of `value` is surely longer than `limit`: a lower bound of its length (a name and `=` per
    input field, brackets, separators, one character per value), counted with a stack and given up as soon as it
    passes `limit`, so it costs at most about `limit` steps whatever the size of the value."""
    total = 0
    stack = [value]
    while stack:
        v = stack.pop()
        t = type(v)
        if t is str:
            total += len(v) + 2  # type: ignore[arg-type]
        elif "__pconfig_spec__" in t.__dict__:
            total += len(t.__name__) + 2
            fields = [f.name for f in getattr(t, "__pconfig_spec__").fields if f.kind is None]
            total += sum(len(name) + 1 for name in fields) + 2 * max(len(fields) - 1, 0)
            stack.extend(getattr(v, name) for name in itertools.islice(fields, limit))
        elif isinstance(v, (list, tuple, set, frozenset, dict)):
            total += 2 + 2 * max(len(v) - 1, 0) + (2 * len(v) if isinstance(v, dict) else 0)
            if total <= limit and isinstance(v, dict):
                for item in itertools.islice(v.items(), limit):
                    stack.extend(item)
            elif total <= limit:
                stack.extend(itertools.islice(v, limit))
        else:
            total += 1
        if total > limit:
            return True
    return False


def _full_text(value: object) -> str | None:
    """The printer's code for `value` on one line; None when it has none (nested past the printer's depth, where
    it binds names first, or holding a value with no Python form).

    Configs are written by their inputs, as `--runnable` writes them, which is valid Python that rebuilds them;
    a value that form refuses (a class that cannot be imported) is written as the readable print writes it."""
    t = type(value)
    if t in _FLAT:
        from ._literals import bytes_literal, float_literal, int_literal, str_literal

        if t is str:
            return str_literal(value)  # type: ignore[arg-type]
        if t is int:
            return int_literal(value)  # type: ignore[arg-type]
        if t is float:
            return float_literal(value)  # type: ignore[arg-type]
        return bytes_literal(value) if t is bytes else repr(value)  # type: ignore[arg-type]

    from ._layout import Names, flat_text
    from ._render import _Renderer

    for runnable in (True, False):
        renderer = _Renderer(runnable=runnable)
        statements = renderer.statements(value)
        if len(statements) != 1:
            return None
        if not renderer.problems:
            return flat_text(statements[0][1], Names())
    return None


def _elided(value: Any, kind: int, limit: int) -> str:
    def text(element: object) -> str | None:  # None for an element too long to show
        return None if _surely_longer(element, limit) else _element_text(element)

    entries: Iterable[str | None]
    if kind in (_DICT, _ORDERED):
        entries = (_entry(text(k), text(v)) for k, v in value.items())
        open_, close = "{", "}"
    else:
        elements = _by_text(value) if kind == _SET else value
        entries = (text(e) for e in elements)
        open_, close = {_LIST: ("[", "]"), _TUPLE: ("(", ")"), _SET: ("{", "}")}[kind]
        if isinstance(value, frozenset):
            open_, close = "frozenset({", "})"
    shown: list[str] = []
    used = len(open_) + len(close) + len("...")
    for entry in entries:
        if entry is None or used + len(entry) + 2 > limit:
            shown.append("...")
            break
        shown.append(entry)
        used += len(entry) + 2
    return open_ + ", ".join(shown) + close


def _entry(key: str | None, value: str | None) -> str | None:
    return None if key is None or value is None else f"{key}: {value}"


def _element_text(value: object) -> str:
    full = _full_text(value)
    return full if full is not None else _described(value, LIMIT)


def _described(value: object, limit: int) -> str:
    """A value with no Python form: its own `repr` when its class wrote one, a function or class that cannot be
    imported by its dotted name, else what it is (never an address, so the text is the same in every run)."""
    if getattr(type(value).__repr__, "__module__", "builtins") != "builtins":
        return short_repr(value, limit)
    name = getattr(value, "__qualname__", None)
    module = getattr(value, "__module__", None)
    if isinstance(name, str) and isinstance(module, str):
        return f"{module}.{name}"
    return f"<{type(value).__module__}.{type(value).__qualname__} object>"


def _by_text(values: Iterable[Any]) -> list[Any]:
    """Set elements in an order that does not depend on the hash seed: by type, then numbers by value (NaN
    last), strings and bytes as themselves, anything else by its text."""
    return sorted(values, key=_sort_key)


def _sort_key(e: Any) -> tuple[str, str, Any]:
    t = type(e)
    if t is int or t is bool:
        order: Any = e
    elif t is float:
        order = (1, 0.0) if e != e else (0, e)
    elif t is str or t is bytes:
        order = e
    else:
        order = _element_text(e)
    return (t.__module__, t.__qualname__, order)


def _class_texts(old: type, new: type) -> tuple[str, str]:
    """Two classes by qualified name, or by module and name when those are the same."""
    a = getattr(old, "__qualname__", repr(old))
    b = getattr(new, "__qualname__", repr(new))
    if a == b and old is not new:
        return _class_json(old), _class_json(new)
    return a, b


# -- JSON --------------------------------------------------------------------------------------------------------


def diff_as_json(differences: Iterable[Difference]) -> list[dict[str, Any]]:
    """`[{path, old, new, kind, derived}]` with plain JSON values (and `"input_only": true` where it is so).

    Values are whole (never shortened): configs as dicts of their fields (derived ones included) after a
    `"__class__": "module.QualName"` key, lists, tuples and sets as lists (sets sorted as `to_dict` sorts them),
    dicts with string keys, enums by value, non-finite floats as "nan", "inf" and "-inf", paths as strings,
    classes and functions as "module.QualName", anything else (`Required`, `Pin(...)`, a value with no JSON form)
    as its text. These are `to_dict`'s encodings, except that every config names its class (a value in a
    difference has no annotation to say it) and a value without a JSON form is written as text, not refused."""
    out = []
    for d in differences:
        old: Any
        new: Any
        if d.kind == "class":
            old, new = _class_json(d.old), _class_json(d.new)
        else:
            old = None if d.kind == "added" else plain(d.old)
            new = None if d.kind == "removed" else plain(d.new)
        entry = {"path": d.path, "old": old, "new": new, "kind": d.kind, "derived": d.derived}
        if d.input_only:
            entry["input_only"] = True
        out.append(entry)
    return out


def _class_json(cls: object) -> str:
    return f"{getattr(cls, '__module__', '?')}.{getattr(cls, '__qualname__', repr(cls))}"


def plain(value: object) -> Any:
    """`value` as plain JSON data (see `diff_as_json`), built with a stack: configs nest thousands deep."""
    root: list[Any] = [None]
    stack: list[tuple[Any, Any, Any]] = [(value, root, 0)]
    while stack:
        v, holder, slot = stack.pop()
        t = type(v)
        if t is str or t is int or t is bool or v is None:
            holder[slot] = v
        elif t is float:
            holder[slot] = _float(v)
        elif is_config(v):
            fields: dict[str, Any] = {"__class__": _class_json(type(v))}  # no annotation here says which
            for name in type(v).__pconfig_spec__.names:
                fields[name] = None
                stack.append((getattr(v, name), fields, name))
            holder[slot] = fields
        elif isinstance(v, enum.Enum):
            stack.append((v.value, holder, slot))
        elif isinstance(v, (list, tuple)):
            items: list[Any] = [None] * len(v)
            stack.extend((e, items, i) for i, e in enumerate(v))
            holder[slot] = items
        elif isinstance(v, (set, frozenset)):
            holder[slot] = sorted((plain(e) for e in v), key=_data_key)  # elements are hashable: shallow
        elif isinstance(v, dict):
            mapping: dict[str, Any] = {}
            for k, w in v.items():
                key = _json_key(k)
                mapping[key] = None
                stack.append((w, mapping, key))
            holder[slot] = mapping
        else:
            holder[slot] = _other(v, stack, holder, slot)
    return root[0]


def _float(v: float) -> float | str:
    return float(v) if math.isfinite(v) else _float_text(v)


def _other(v: Any, stack: list[tuple[Any, Any, Any]], holder: Any, slot: Any) -> Any:
    """A value of any other type: a subclass of a scalar as its base value, NumPy by value, a path as text."""
    for base in (bool, int, float, str):
        if isinstance(v, base):
            held = base(v)
            return _float(held) if base is float else held  # type: ignore[arg-type]
    if type(v).__module__ == "numpy":
        converted = v.tolist() if hasattr(v, "tolist") else v.item()
        if type(converted) is not type(v):
            stack.append((converted, holder, slot))
            return None
    pathlib = sys.modules.get("pathlib")
    if pathlib is not None and isinstance(v, pathlib.PurePath):
        return str(v)
    if isinstance(v, (type, types.FunctionType, types.BuiltinFunctionType)):
        return _class_json(v)  # the dotted name an `@package.module.attr` override imports
    return _element_text(v)


def _json_key(key: object) -> str:
    """A dict key as a JSON object key, as `to_dict` writes it; a key with no JSON form is its text."""
    text = _key_text(key)
    return text if text is not None else _element_text(key)
