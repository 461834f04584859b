"""Plain data: a config as nested dicts and lists (`to_dict`), and a config built from such data (`from_dict`).

`to_dict(cfg)` gives what JSON holds: dicts with string keys, lists, strings, ints, floats, bools and `None`, new
plain objects (never pconfigs' frozen containers), for experiment trackers, YAML dumpers and `json.dumps`.
The encodings (DESIGN 6.3):

* a config is a dict of its fields in declaration order, derived values included; a sub-config whose class is not
  the one its annotation names (a subclass, a member of a union of configs, a config in an `Any` field) first
  carries `"__class__": "module.QualName"`;
* non-finite floats are the strings `"nan"`, `"inf"`, `"-inf"`; tuples, sets and frozensets are lists (a set's
  elements sorted, so the output does not depend on the hash seed); dict keys are strings (`1` is `"1"`, `True`
  is `"true"`, `None` is `"null"`, an enum key is its value's text);
* an enum member is its value; a `pathlib` path is its text; a subclass of `str`, `int` or `float` is the value it
  holds; a named tuple is a list; NumPy scalars and arrays are what their `tolist()` gives (numpy is never imported
  here: a value is NumPy's when its class's module is);
* a class or function is its importable name, `"module.QualName"`, in a field typed `type[...]` or `Callable` (where
  `from_dict` can load it back); anywhere else it has no JSON form;
* anything else has no JSON form: a `TypeError` naming the path (`TrainerConfig.optimizer.hook: ...`).

A config that still holds `Required` is refused with the one "still Required" message (`_required.still_required`),
and so is a derived value never computed (`Pinned`).

`to_dict(cfg, inputs=True)` gives what rebuilds the config: the inputs instead of the values (a transformed field's
input, derived values left out), a pinned derived field as `{"__pin__": value}`. What a build would give a field
anyway is left out only where it has no value to write: `Required` from a default, or `Pinned` ("compute it");
a `Pinned` input that a build would not give (a default pins the field) is written `{"__pinned__": true}`.

`from_dict(cls, data)` reads such data back, directed by each field's annotation: lists become tuples, sets and
frozensets (a list inside a set, which can only have been a tuple, a tuple), strings become enum members (by value,
else by name), paths, and `"nan"`/`"inf"`/`"-inf"` floats, dict keys are read by the key annotation (`"1"` for an
int key), dicts become sub-configs (the annotated class, or the one `"__class__"` names among the annotated class
and its subclasses), strings name classes for `type[X]` fields (among `X`'s subclasses, else in modules already
imported) and functions for `Callable` ones (in modules already imported): data never imports code. Every other
value must already be of the annotated type (`"5"` is not an int). In a union, a value the union accepts as it is
stays as it is; else the members are tried left to right. Values of `Any` fields are kept as the data gives them.
Derived values in the data are ignored: the build computes them; `{"__pin__": value}` pins one,
`{"__pinned__": true}` computes it even where a default pins it.

Each config in the data is built as `Cls(**values)`, so defaults fill what the data leaves out, `Required`, the
value checks and `__post_init__` apply. A sub-config's dict is built from the value the parent's build would give
that field otherwise, when that is a config of the same class or an ancestor (`Sub(fallback, **values)`), so
partial data changes only what it names, as an override does. So `from_dict(type(c), to_dict(c, inputs=True)) == c`
for every config whose values have a JSON form.

Every error names the place in the data (`data.json: training.steps: expected int, got str '5'`).

Depth. Configs nest without limit, so neither direction recurses per level: each conversion is a generator that
yields the conversions of its parts to a driver (`_run`) that keeps them on an explicit stack and sends back the
results (or throws their errors in). Scalars are converted in place, without a generator.
"""

from __future__ import annotations

import collections
import collections.abc as abc
import enum
import math
import os
import re
import sys
import typing
import weakref
from collections.abc import Generator, Mapping
from typing import Any, TypeVar

from ._derived import is_pin
from ._equality import same
from ._errors import add_context, compose, did_you_mean, safe_repr, short_repr
from ._locate import locate
from ._merge import default_input, handover_plan
from ._required import still_required
from ._sentinels import UNSET, Required, is_accepted
from ._spec import ClassSpec, FieldSpec, input_of, is_config, is_config_class
from ._trail import Label, relabel
from ._typeforms import _is_path, _supertype, compile_check, describe, explain, hint_for, type_name, union_members

__all__ = ["to_dict", "from_dict", "CLASS_KEY", "PIN_KEY", "PINNED_KEY"]

C = TypeVar("C")

CLASS_KEY = "__class__"
"""The key naming a sub-config's class where its annotation does not."""
PIN_KEY = "__pin__"
"""`{"__pin__": value}`: a derived field pinned to `value` (`Pin(value)`)."""
PINNED_KEY = "__pinned__"
"""`{"__pinned__": true}`: a derived field computed (the `Pinned` sentinel) even where a default pins it."""

_Step = Generator[Any, Any, Any]
"""A conversion: it yields the conversions of its parts and receives their results; it returns its own."""

_NONFINITE = {"nan": math.nan, "inf": math.inf, "-inf": -math.inf}
_FLOAT_WORDS = {**_NONFINITE, "+inf": math.inf, "infinity": math.inf, "+infinity": math.inf, "-infinity": -math.inf}
"""What a float field reads from a string, in any case (`to_dict` writes the first three)."""
_NOT_LEAF: Any = object()
_NO_FALLBACK: Any = object()
_MISS: Any = object()
_ROOT: Any = object()
"""The annotation of the config passed to `to_dict`: its class is the caller's, so it never carries `__class__`."""

_DATA_ERROR = "_pconfig_data_error"
"""Set on the errors `from_dict` raises about the data, so a union can tell them from errors of user code."""
_EXPECTED_AT = "_pconfig_expected_at"
"""Set on "expected X, got ..." errors to their path, so a union can name itself instead of its member."""

# What a JSON list is read as for each container annotation (by origin), and what a JSON object is read as.
_LISTS: dict[Any, type] = {
    list: list,
    abc.Sequence: list,
    abc.MutableSequence: list,
    abc.Collection: list,
    abc.Iterable: list,
    set: set,
    abc.Set: set,
    abc.MutableSet: set,
    frozenset: frozenset,
}
_DICTS: dict[Any, type] = {
    dict: dict,
    abc.Mapping: dict,
    abc.MutableMapping: dict,
    collections.OrderedDict: collections.OrderedDict,
}
_NAMED = (type, abc.Callable)
"""Origins of annotations whose values `to_dict` writes by name (`type[X]`, `Callable[..., X]`)."""


def _run(root: _Step) -> Any:
    """Drive a conversion and the conversions it yields, on an explicit stack; return the root's result."""
    stack = [root]
    sent: Any = None
    thrown: BaseException | None = None
    while True:
        gen = stack[-1]
        try:
            if thrown is None:
                request = gen.send(sent)
            else:
                error, thrown = thrown, None
                request = gen.throw(error)
        except StopIteration as stop:
            stack.pop()
            if not stack:
                return stop.value
            sent = stop.value
            continue
        except Exception as exc:
            stack.pop()
            if not stack:
                raise
            thrown, sent = exc, None
            continue
        stack.append(request)
        sent = None


def _leaf(v: Any) -> Any:
    """The plain form of a scalar (a str, int, bool, None or float), or `_NOT_LEAF`."""
    cls = v.__class__
    if cls is str or cls is int or cls is bool or v is None:
        return v
    if cls is float:
        return v if math.isfinite(v) else _float_text(v)
    return _NOT_LEAF


def _held_float(v: float) -> float:
    return float.__float__(v)  # the value a subclass holds, whatever its own __float__ says


def _float_text(v: float) -> str:
    return "nan" if v != v else "inf" if v > 0 else "-inf"


def _dotted(path: str, name: str) -> str:
    return f"{path}.{name}" if path else name


def _fallback(spec: ClassSpec, base: Any, f: FieldSpec) -> object:
    """The input `Cls(base, ...)` (or `Cls(...)` when `base` is None) gives field `f` when nothing else sets it."""
    if base is not None:
        name = handover_plan(spec, type(base)).get(spec.index[f.name])
        if name is not None:
            return input_of(base, name)
    return default_input(spec, f)


def _base_for(target: type, fallback: object) -> Any:
    """The base a sub-config of class `target` is built from: the field's fallback when it can be a base."""
    if fallback is not _NO_FALLBACK and is_config(fallback):
        if type(fallback) in target.__pconfig_spec__.ancestors:  # type: ignore[attr-defined]
            return fallback
    return None


def _class_name(cls: type) -> str:
    """`"module.QualName"`: the name a user imports the class by (`pathlib.Path`), else where it is defined."""
    found = locate(cls)
    return ".".join(found) if found is not None else f"{cls.__module__}.{cls.__qualname__}"


def _is_named(cls: type, name: str) -> bool:
    """Whether `name` is the class's importable name or the module and qualified name it was defined with."""
    return name == f"{cls.__module__}.{cls.__qualname__}" or name == _class_name(cls)


def _annotated_config(tp: object) -> type | None:
    """The config class a dict in a field of annotation `tp` is read as, when the annotation alone says which."""
    members = [_supertype(m) for m in union_members(tp)]
    configs = [m for m in members if is_config_class(m)]
    if len(configs) != 1:
        return None
    if any(_kinds(m) is None or "dict" in (_kinds(m) or ()) for m in members if m is not configs[0]):
        return None  # a dict could be another member's value: the class is named
    found: type = configs[0]
    return found


def _names_allowed(tp: object) -> bool:
    """Whether a field of annotation `tp` holds classes or functions by name (`type[...]`, `Callable`)."""
    for m in union_members(tp):
        m = _supertype(m)
        if m is type or m is abc.Callable or m is typing.Callable or typing.get_origin(m) in _NAMED:
            return True
    return False


def _type_bounds(tp: object) -> list[type]:
    """The classes `X` of the `type[X]` members of `tp` (`object` for a bare `type`)."""
    bounds: list[type] = []
    for m in union_members(tp):
        m = _supertype(m)
        if m is type:
            bounds.append(object)
        elif typing.get_origin(m) is type:
            args = typing.get_args(m)
            bounds.append(args[0] if args and isinstance(args[0], type) else object)
    return bounds


def _items_types(tp: object, v: Any, count: int) -> list[Any]:
    """The annotation of each element of a list, tuple or set `v` held in a field of annotation `tp`."""
    for m in union_members(tp):
        m = _supertype(m)
        origin, args = typing.get_origin(m) or m, typing.get_args(m)
        if origin is tuple and isinstance(v, tuple):
            if len(args) == 2 and args[1] is Ellipsis:
                return [args[0]] * count
            if args == ((),):
                return []
            if len(args) == count:
                return list(args)
        elif _known(_LISTS, origin) and args and isinstance(v, (list, set, frozenset)):
            return [args[0]] * count
        elif isinstance(origin, type) and issubclass(origin, tuple) and hasattr(origin, "_fields"):
            hints = _named_tuple_types(origin)
            if len(hints) == count:
                return hints
    return [Any] * count


def _known(table: dict[Any, type], key: object) -> bool:
    """Whether `key` (any annotation, maybe unhashable) is in `table`."""
    try:
        return key in table
    except TypeError:
        return False


def _named_tuple_types(cls: type) -> list[Any]:
    try:
        hints = typing.get_type_hints(cls)
    except Exception:
        hints = {}
    return [hints.get(name, Any) for name in getattr(cls, "_fields")]


def _mapping_types(tp: object) -> tuple[Any, Any]:
    for m in union_members(tp):
        m = _supertype(m)
        if _known(_DICTS, typing.get_origin(m) or m):
            args = typing.get_args(m)
            if len(args) == 2:
                return args[0], args[1]
    return Any, Any


# -- to_dict -------------------------------------------------------------------------------------------------------


def to_dict(cfg: Any, *, inputs: bool = False) -> dict[str, Any]:
    """`cfg` as plain data: nested dicts, lists, strings, numbers, bools and `None` (see the module docstring).

    With `inputs=True`, the inputs that rebuild it: `from_dict(type(cfg), to_dict(cfg, inputs=True)) == cfg`.
    Raises `TypeError` for a value with no JSON form and for a config that still holds `Required`.
    """
    if not is_config(cfg):
        raise TypeError(
            compose(
                f"to_dict: expected a config, got {type_name(cfg)} {short_repr(cfg)}",
                hint="pass a config object, e.g. to_dict(TrainerConfig())",
            )
        )
    writer = _Writer(cfg, inputs)
    out: dict[str, Any] = _run(writer.config(cfg, _ROOT, "", None))
    if writer.required:
        raise TypeError(still_required(cfg, "convert it to plain data", unset=writer.required))
    if writer.uncomputed is not None:
        path, value = writer.uncomputed
        raise TypeError(
            compose(
                f"{writer.at(path)}: {safe_repr(value)} has no JSON form: the derived value was never computed",
                hint="give it a @pproperty or a pin, or write the inputs: to_dict(cfg, inputs=True)",
            )
        )
    return out


class _Writer:
    """Writes a config tree as plain data; `required` collects the paths of `Required` values met."""

    def __init__(self, cfg: Any, inputs: bool) -> None:
        self.root = type(cfg).__qualname__
        self.inputs = inputs
        self.required: list[str] = []
        self.uncomputed: tuple[str, object] | None = None

    def at(self, path: str) -> str:
        return f"{self.root}.{path}" if path else self.root

    def config(self, cfg: Any, tp: object, path: str, base: Any) -> _Step:
        cls = type(cfg)
        spec: ClassSpec = cls.__pconfig_spec__
        spec.resolve()
        out: dict[str, Any] = {}
        if tp is not _ROOT and _annotated_config(tp) is not cls:
            out[CLASS_KEY] = _class_name(cls)
        inputs = self.inputs
        for f in spec.fields:
            name = f.name
            here = _dotted(path, name)
            if not inputs:
                value = getattr(cfg, name)
            else:
                value = input_of(cfg, name)
                if f.kind is not None:
                    if is_pin(value):
                        pinned = _leaf(value.value)
                        if pinned is _NOT_LEAF:
                            pinned = yield self.value(value.value, f.resolved, here)
                        out[name] = {PIN_KEY: pinned}
                        continue
                    if value is f.kind.default_input():
                        if not same(value, _fallback(spec, base, f)):
                            out[name] = {PINNED_KEY: True}
                        continue
                if value is Required and _fallback(spec, base, f) is Required:
                    continue  # the build gives it anyway
            plain = _leaf(value)
            if plain is _NOT_LEAF:
                sub_base = None
                if inputs and is_config(value):
                    sub_base = _base_for(type(value), _fallback(spec, base, f))
                plain = yield self.value(value, f.resolved, here, sub_base)
            out[name] = plain
        return out

    def value(self, v: Any, tp: object, path: str, base: Any = None) -> _Step:
        if v is Required:
            self.required.append(path)
            return None
        if is_accepted(v):
            if self.uncomputed is None:
                self.uncomputed = (path, v)
            return None
        cls = type(v)
        if "__pconfig_spec__" in cls.__dict__:
            return (yield self.config(v, tp, path, base))
        module = cls.__module__
        if module == "numpy" or module.startswith("numpy."):
            if hasattr(v, "tolist") and not isinstance(v, type):
                listed = v.tolist()
                plain = _leaf(listed)
                return plain if plain is not _NOT_LEAF else (yield self.value(listed, Any, path))
        if isinstance(v, enum.Enum):
            plain = _leaf(v.value)
            return plain if plain is not _NOT_LEAF else (yield self.value(v.value, Any, path))
        if isinstance(v, (list, tuple)):
            return (yield self.items(v, _items_types(tp, v, len(v)), path))
        if isinstance(v, (set, frozenset)):
            return (yield self.set_items(v, tp, path))
        if isinstance(v, dict):
            return (yield self.mapping(v, tp, path))
        if isinstance(v, (str, int, float)):  # a subclass: the value it holds, read through the base type
            held = str.__str__(v) if isinstance(v, str) else int.__index__(v) if isinstance(v, int) else _held_float(v)
            return _leaf(held)
        if _is_path(cls):
            return str(v)
        if isinstance(v, type) or callable(v) and hasattr(v, "__qualname__"):
            return self.name(v, tp, path)
        raise TypeError(
            compose(
                f"{self.at(path)}: {_what(v)} has no JSON form",
                hint="plain data holds None, bools, numbers, strings, lists, tuples, sets, dicts, enums, paths "
                "and configs",
            )
        )

    def items(self, v: Any, types: list[Any], path: str) -> _Step:
        out = []
        for i, element in enumerate(v):
            plain = _leaf(element)
            if plain is _NOT_LEAF:
                plain = yield self.value(element, types[i], f"{path}[{i}]")
            out.append(plain)
        return out

    def set_items(self, v: Any, tp: object, path: str) -> _Step:
        elements = list(v)
        if any(_leaf(e) is _NOT_LEAF for e in elements):
            elements.sort(key=_sort_key)  # an order that does not depend on the hash seed, for errors' paths
        types = _items_types(tp, v, len(elements))
        out = []
        for element, element_tp in zip(elements, types):
            plain = _leaf(element)
            if plain is _NOT_LEAF:
                plain = yield self.value(element, element_tp, f"{path}{{{short_repr(element)}}}")
            out.append((_data_key(plain), _sort_key(element), plain))
        out.sort(key=lambda entry: entry[:2])
        return [plain for _, _, plain in out]

    def mapping(self, v: dict[Any, Any], tp: object, path: str) -> _Step:
        _, value_tp = _mapping_types(tp)
        out: dict[str, Any] = {}
        for key, element in v.items():
            text = _key_text(key)
            if text is None:
                raise TypeError(
                    compose(
                        f"{self.at(path)}: the key {short_repr(key)} has no JSON form (JSON keys are strings)",
                        hint="use keys that are strings, numbers, bools, None, enums or paths",
                    )
                )
            if text in out:
                raise TypeError(
                    compose(
                        f"{self.at(path)}: two keys are written {text!r} (JSON keys are strings)",
                        hint="use keys whose texts differ",
                    )
                )
            plain = _leaf(element)
            if plain is _NOT_LEAF:
                plain = yield self.value(element, value_tp, f"{path}[{safe_repr(key)}]")
            out[text] = plain
        return out

    def name(self, v: Any, tp: object, path: str) -> str:
        """A class or function as `"module.QualName"`, where the field's annotation lets `from_dict` load it."""
        what = _what(v)
        if not _names_allowed(tp):
            raise TypeError(
                compose(
                    f"{self.at(path)}: {what} has no JSON form",
                    hint="classes and functions are written by name only in fields typed type[...] or Callable",
                )
            )
        found = locate(v)
        if found is not None:
            return ".".join(found)
        if isinstance(v, type) and any(b is not object and issubclass(v, b) for b in _type_bounds(tp)):
            return f"{v.__module__}.{v.__qualname__}"  # `from_dict` finds it among the bound's subclasses
        raise TypeError(
            compose(
                f"{self.at(path)}: {what} has no JSON form: it cannot be imported by name",
                hint="define it at the top level of a module",
            )
        )


def _what(v: Any) -> str:
    """A value as error messages name it: `a function m.f`, `a class m.C`, `a bytes value b'x'`."""
    if isinstance(v, type):
        return f"a class {_class_name(v)}"
    if callable(v) and hasattr(v, "__qualname__"):
        noun = "method" if hasattr(v, "__self__") and not isinstance(v.__self__, type(sys)) else "function"
        return f"a {noun} {getattr(v, '__module__', None) or '?'}.{v.__qualname__}"
    cls = type(v)
    if isinstance(v, type(sys)):
        return f"a module {v.__name__}"
    if cls.__module__ == "builtins":
        return f"a {cls.__qualname__} value {short_repr(v)}"
    return f"a {_class_name(cls)} object"


def _sort_key(x: Any) -> tuple[str, str]:
    """An order of set elements that does not depend on the hash seed: by type, then by text."""
    cls = type(x)
    return (f"{cls.__module__}.{cls.__qualname__}", safe_repr(x))


_RANKS = {type(None): 0, bool: 1, int: 2, float: 2, str: 3}


def _data_key(x: Any) -> tuple[int, Any]:
    """How plain data sorts in a set's list: None, bools, numbers, strings, then lists and dicts by their text."""
    rank = _RANKS.get(type(x))
    if rank is None:
        return (4, _data_text(x))
    return (rank, x if rank != 0 else 0)


def _data_text(x: Any) -> str:
    import json

    return json.dumps(x, sort_keys=True)


def _key_text(key: Any) -> str | None:
    """A dict key as a JSON object's key, or None when it has none."""
    if isinstance(key, enum.Enum):
        return _key_text(key.value)
    if key is None:
        return "null"
    if isinstance(key, bool):
        return "true" if key else "false"
    module = type(key).__module__
    if (module == "numpy" or module.startswith("numpy.")) and hasattr(key, "item"):
        return _key_text(key.item())
    if isinstance(key, str):
        return str.__str__(key)
    if isinstance(key, int):
        try:
            return int.__repr__(int.__index__(key))
        except ValueError:  # past CPython's digit limit for int-to-text
            return None
    if isinstance(key, float):
        held = _held_float(key)
        return repr(held) if math.isfinite(held) else _float_text(held)
    if _is_path(type(key)):
        return str(key)
    return None


def _walk(root: Any, parts: list[str]) -> Any:
    """The object `root.a.b` for parts `["a", "b"]`, or `_MISS`; module attributes are read without `__getattr__`."""
    obj = root
    if obj is None:
        return _MISS
    for part in parts:
        if isinstance(obj, type(sys)):
            obj = vars(obj).get(part, _MISS)
        else:
            obj = getattr(obj, part, _MISS)
        if obj is _MISS:
            return _MISS
    return obj


def _find_in_modules(text: str) -> Any:
    """What `"package.module.QualName"` names in modules already imported (never importing one), or `_MISS`."""
    parts = text.split(".")
    for i in range(len(parts) - 1, 0, -1):
        module = sys.modules.get(".".join(parts[:i]))
        if module is not None:
            found = _walk(module, parts[i:])
            if found is not _MISS:
                return found
    return _MISS


def _subclasses(root: type) -> list[type]:
    """`root` and every class derived from it (loaded, alive), each once."""
    seen: dict[type, None] = {root: None}
    todo = [root]
    while todo:
        subclasses: list[type] = type.__subclasses__(todo.pop())
        for sub in subclasses:
            if sub not in seen:
                seen[sub] = None
                todo.append(sub)
    return list(seen)


# -- from_dict -----------------------------------------------------------------------------------------------------


def from_dict(cls: type[C], data: Mapping[str, Any], *, source: str | os.PathLike[str] | None = None) -> C:
    """Build a config of class `cls` from plain data (what JSON, TOML and YAML loaders give).

    `source` (a file name) starts every error message. Raises `TypeError` for data of the wrong shape or type, an
    unknown field (with "did you mean") or a key that is not a string, and `ValueError` for an unknown enum value;
    errors of the build itself (`__post_init__`) keep their type and gain a note naming the place in the data.
    """
    if not is_config_class(cls):
        raise TypeError(
            compose(
                f"from_dict: expected a config class, got {type_name(cls)} {short_repr(cls)}",
                hint="pass the class to build, e.g. from_dict(TrainerConfig, data)",
            )
        )
    reader = _Reader(os.fspath(source) if source is not None else None)
    built: C = _run(reader.config(data, (cls,), "", _NO_FALLBACK))
    return built


def _kinds(tp: object) -> frozenset[str] | None:
    """The kinds of plain data (`null`, `bool`, `number`, `str`, `list`, `dict`) a member of a union is read from;
    None: any."""
    tp = _supertype(tp)
    if tp is None or tp is type(None):
        return frozenset({"null"})
    origin = typing.get_origin(tp)
    if origin is typing.Literal:
        return frozenset(k for a in typing.get_args(tp) for k in (_kinds(type(a)) or ()))
    if origin is tuple or origin in _LISTS:
        return frozenset({"list"})
    if origin in _DICTS:
        return frozenset({"dict"})
    if origin in _NAMED or tp is type or tp is abc.Callable or tp is typing.Callable:
        return frozenset({"str"})
    if origin is not None or not isinstance(tp, type):
        return None
    if is_config_class(tp) or tp in _DICTS:
        return frozenset({"dict"})
    if issubclass(tp, enum.Enum):
        return frozenset({"bool", "number", "str", "list"})
    if tp is bool:
        return frozenset({"bool"})
    if tp is float:
        return frozenset({"number", "str"})
    if issubclass(tp, (int, float)):
        return frozenset({"number"})
    if issubclass(tp, str) or _is_path(tp):
        return frozenset({"str"})
    if tp in (bytes, complex):
        return frozenset()
    if issubclass(tp, (tuple, list, set, frozenset)) or tp.__module__ == "numpy" and tp.__name__ == "ndarray":
        return frozenset({"list"})
    return None


def _kind_of(data: Any) -> str:
    if data is None:
        return "null"
    if isinstance(data, bool):
        return "bool"
    if isinstance(data, (int, float)):
        return "number"
    if isinstance(data, str):
        return "str"
    if isinstance(data, Mapping):
        return "dict"
    if isinstance(data, (list, tuple)):
        return "list"
    return "other"


_checks: dict[Any, Any] = {}


def _check(tp: object) -> Any:
    """`compile_check(tp)`, kept per annotation (an unhashable one is compiled each time)."""
    try:
        return _checks[tp]
    except KeyError:
        pass
    except TypeError:
        return compile_check(tp)
    if len(_checks) > 4096:
        _checks.clear()
    check = _checks[tp] = compile_check(tp)
    return check


_enum_values: weakref.WeakKeyDictionary[type, list[tuple[Any, enum.Enum]]] = weakref.WeakKeyDictionary()


def _encoded_members(cls: type[enum.Enum]) -> list[tuple[Any, enum.Enum]]:
    """Each member of an enum with its value as plain data (members whose value has no JSON form left out)."""
    found = _enum_values.get(cls)
    if found is None:
        found = []
        for member in cls:
            try:
                found.append((_plain(member.value), member))
            except TypeError:
                continue
        _enum_values[cls] = found
    return found


def _plain(value: Any) -> Any:
    """A value nested in no config as plain data (an enum's value)."""
    plain = _leaf(value)
    return plain if plain is not _NOT_LEAF else _run(_Writer(value, inputs=False).value(value, Any, ""))


def _data_equal(a: Any, b: Any) -> bool:
    """Equality of plain data where `True` is not `1`."""
    if isinstance(a, bool) or isinstance(b, bool):
        return a is b
    if isinstance(a, (list, tuple)) and isinstance(b, (list, tuple)):
        return len(a) == len(b) and all(_data_equal(x, y) for x, y in zip(a, b))
    return type(a) is not list and type(b) is not list and bool(a == b)


_INT_TEXT = re.compile(r"[-+]?[0-9]+")


def _from_key_text(text: str, tp: object) -> Any:
    """The key of annotation member `tp` that JSON writes as `text`, or `_MISS`."""
    tp = _supertype(tp)
    if tp is type(None) or tp is None:
        return None if text == "null" else _MISS
    if tp is bool:
        return {"true": True, "false": False}.get(text, _MISS)
    if typing.get_origin(tp) is typing.Literal:
        return next((a for a in typing.get_args(tp) if _key_text(a) == text), _MISS)
    if not isinstance(tp, type):
        return _MISS
    if issubclass(tp, enum.Enum):
        return next((m for m in tp if _key_text(m) == text), _MISS)
    if issubclass(tp, int):
        return tp(int(text)) if _INT_TEXT.fullmatch(text) else _MISS
    if issubclass(tp, float):
        try:
            return tp(float(text))
        except ValueError:
            return _MISS
    if issubclass(tp, str) or _is_path(tp):
        return tp(text)
    return _MISS


def _tuples(data: Any) -> Any:
    """Lists read as tuples, at any depth (the elements of a set are hashable: a list there was a tuple)."""
    return tuple(_tuples(x) for x in data) if isinstance(data, list) else data


def _numbers(data: Any) -> Any:
    """Nested lists with `"nan"`, `"inf"` and `"-inf"` read as floats (for a NumPy array)."""
    if isinstance(data, str):
        return _FLOAT_WORDS.get(data.lower(), data)
    if isinstance(data, list):
        return [_numbers(x) for x in data]
    return data


class _Reader:
    """Reads plain data for one `from_dict` call; `source` names the data in errors."""

    def __init__(self, source: str | None) -> None:
        self.source = source

    def where(self, path: str) -> str:
        return ": ".join(p for p in (self.source, path) if p)

    def fail(self, path: str, problem: str, hint: str | None = None, error: type[Exception] = TypeError) -> Exception:
        """An error about the data at `path`, marked as one (see `_DATA_ERROR`)."""
        where = self.where(path)
        exc = error(compose(f"{where}: {problem}" if where else problem, hint=hint))
        setattr(exc, _DATA_ERROR, True)
        return exc

    def expected(self, path: str, tp: object, data: Any) -> Exception:
        exc = self.fail(
            path, f"expected {describe(tp)}, got {type_name(data)} {short_repr(data)}", hint=hint_for(tp, data)
        )
        setattr(exc, _EXPECTED_AT, path)
        return exc

    # -- configs -------------------------------------------------------------------------------------------------

    def config(self, data: Any, candidates: tuple[type, ...], path: str, fallback: Any) -> _Step:
        names = " | ".join(c.__qualname__ for c in candidates)
        if not isinstance(data, Mapping):
            raise self.fail(path, f"expected a dict of {names}'s fields, got {type_name(data)} {short_repr(data)}")
        if CLASS_KEY in data:
            target = self.named_config(data[CLASS_KEY], candidates, _dotted(path, CLASS_KEY))
        elif len(candidates) == 1:
            target = candidates[0]
        else:
            raise self.fail(
                path,
                f"expected {names}: the data does not say which",
                hint=f'name the class: "{CLASS_KEY}": "{_class_name(candidates[0])}"',
            )
        spec: ClassSpec = target.__pconfig_spec__  # type: ignore[attr-defined]
        spec.resolve()
        base = _base_for(target, fallback)
        values: dict[str, Any] = {}
        for key, item in data.items():
            if key == CLASS_KEY:
                continue
            if not isinstance(key, str):
                raise self.fail(
                    path,
                    f"a key of {target.__qualname__}'s data is {type_name(key)} {short_repr(key)}; "
                    "keys are field names (strings)",
                    hint="write the key as the field's name",
                )
            here = _dotted(path, key)
            index = spec.index.get(key)
            if index is None:
                listed = ", ".join(spec.names[:12]) + (", ..." if len(spec.names) > 12 else "")
                raise self.fail(
                    here,
                    f"{target.__qualname__} has no field {key!r}",
                    hint=did_you_mean(key, spec.names) or f"its fields are: {listed or 'none'}",
                )
            f = spec.fields[index]
            marker = _marker(item)
            if f.kind is not None:
                if marker == PIN_KEY:
                    pinned = yield self.value(item[PIN_KEY], f.resolved, here)
                    values[key] = self.pin(here)(pinned)
                elif marker == PINNED_KEY:
                    values[key] = f.kind.default_input()
                elif marker is not None:
                    raise self.marker_error(here, item)
                continue  # a derived value: the build computes it
            if marker is not None:
                raise self.fail(
                    here,
                    f"{target.__qualname__}.{key} is not a derived field, so it cannot be pinned",
                    hint="write its value itself",
                )
            check = f.accepts
            if check is not None and not check(item):
                fb = _fallback(spec, base, f) if isinstance(item, Mapping) else _NO_FALLBACK
                item = yield self.value(item, f.resolved, here, fb)
                if not check(item):
                    inner, expected, got = explain(f.resolved, item)
                    raise self.expected(here + inner, expected, got)
            values[key] = item
        missing = [f.name for f in spec.fields if f.kind is None and f.name not in values]
        missing = [n for n in missing if _fallback(spec, base, spec.field(n)) is UNSET]
        if missing:
            noun = "field" if len(missing) == 1 else "fields"
            raise self.fail(
                path,
                f"missing {len(missing)} {noun} of {target.__qualname__}: {', '.join(missing)}",
                hint=f"add {'it' if len(missing) == 1 else 'them'} to the data, or register a default with "
                f"`pdefaults += {target.__qualname__}(...)`",
            )
        try:
            built = target(base, **values) if base is not None else target(**values)
        except Exception as exc:
            add_context(exc, f"from_dict: while building {target.__qualname__} from {self.where(path) or 'the data'}")
            raise
        return relabel(built, {key: Label("data", None, self.where(_dotted(path, key))) for key in values})

    def named_config(self, name: Any, candidates: tuple[type, ...], path: str) -> type:
        """The class `"__class__"` names: one of `candidates` or of their subclasses (never imported)."""
        names = " | ".join(c.__qualname__ for c in candidates)
        if not isinstance(name, str):
            raise self.expected(path, str, name)
        known = [c for root in candidates for c in _subclasses(root) if is_config_class(c)]
        found = [c for c in known if _is_named(c, name)] or [c for c in known if c.__qualname__ == name]
        if len(found) == 1:
            return found[0]
        if found:
            raise self.fail(
                path,
                f"{name!r} names {len(found)} classes: {', '.join(_class_name(c) for c in found)}",
                hint="name the class with its module: module.QualName",
            )
        elsewhere = _find_in_modules(name)
        if elsewhere is not _MISS and is_config_class(elsewhere):
            raise self.fail(path, f"{name!r} is not {names} or a subclass of it")
        raise self.fail(
            path,
            f"{name!r} names no loaded config class that is {names} or a subclass of it",
            hint=did_you_mean(name, [_class_name(c) for c in known])
            or "import the module that defines it before from_dict (data never imports code)",
        )

    def pin(self, path: str) -> Any:
        pinnable = sys.modules.get("pconfigs.pinnable")
        if pinnable is None:
            raise self.fail(
                path, "a pin needs pconfigs-pinnable, which is not imported", hint="import pconfigs.pinnable"
            )
        return pinnable.Pin

    def marker_error(self, path: str, item: Any) -> Exception:
        return self.fail(
            path,
            f"{short_repr(item)} is not a pin",
            hint=f'pin a derived field with {{"{PIN_KEY}": value}}, or compute it with {{"{PINNED_KEY}": true}}',
        )

    # -- values --------------------------------------------------------------------------------------------------

    def value(self, data: Any, tp: object, path: str, fallback: Any = _NO_FALLBACK) -> _Step:
        """Data for annotation `tp`: as it is when `tp` accepts it, else converted by the first member that can."""
        check = _check(tp)
        if check is None or check(data):
            return data
        members = union_members(tp)
        if len(members) == 1:
            return (yield self.member(data, members[0], path, fallback))
        configs = tuple(c for c in map(_supertype, members) if is_config_class(c))
        if configs and isinstance(data, Mapping) and CLASS_KEY in data:
            return (yield self.config(data, configs, path, fallback))
        kind = _kind_of(data)
        options: list[Any] = []
        for m in members:
            if is_config_class(_supertype(m)):
                if configs not in options and kind == "dict":
                    options.append(configs)
                continue
            kinds = _kinds(m)
            if kinds is None or kind in kinds:
                options.append(m)
        if len(options) == 1:  # the one member this kind of data can be: its own error says best what is wrong
            option = options[0]
            if isinstance(option, tuple):
                return (yield self.config(data, option, path, fallback))
            try:
                return (yield self.member(data, option, path, fallback))
            except TypeError as exc:
                if getattr(exc, _EXPECTED_AT, None) == path:  # the value itself, not a part: name the whole union
                    raise self.expected(path, tp, data) from None
                raise
        for option in options:
            try:
                if isinstance(option, tuple):
                    return (yield self.config(data, option, path, fallback))
                return (yield self.member(data, option, path, fallback))
            except (TypeError, ValueError) as exc:
                if not getattr(exc, _DATA_ERROR, False):
                    raise
        raise self.expected(path, tp, data)

    def member(self, data: Any, tp: object, path: str, fallback: Any) -> _Step:
        """Data for one annotation that is not a union."""
        m = _supertype(tp)
        check = _check(m)
        if check is None or check(data):
            return data
        origin = typing.get_origin(m)
        if isinstance(m, type) and is_config_class(m):
            return (yield self.config(data, (m,), path, fallback))
        if origin is typing.Literal:
            for allowed in typing.get_args(m):
                if isinstance(allowed, enum.Enum) and self.enum_member(type(allowed), data) is allowed:
                    return allowed
            raise self.expected(path, tp, data)
        if origin is tuple:
            if not isinstance(data, (list, tuple)):
                raise self.expected(path, tp, data)
            args = typing.get_args(m)
            if len(args) == 2 and args[1] is Ellipsis:
                types = [args[0]] * len(data)
            elif args == ((),):
                types = []
            else:
                types = list(args)
            if len(types) != len(data):
                raise self.fail(
                    path,
                    f"expected {describe(tp)}, got a list of {len(data)} items {short_repr(data)}",
                    hint=f"give {len(types)} items",
                )
            return tuple((yield self.items(data, types, path)))
        if origin in _LISTS:
            if not isinstance(data, (list, tuple)):
                raise self.expected(path, tp, data)
            args = typing.get_args(m)
            items = yield self.items(data, [args[0] if args else Any] * len(data), path)
            return self.collection(_LISTS[origin], items, tp, path)
        if origin in _DICTS:
            if not isinstance(data, Mapping):
                raise self.expected(path, tp, data)
            return _DICTS[origin]((yield self.mapping(data, tp, path)))
        if origin is type or m is type:
            if isinstance(data, str):
                bounds = _type_bounds(m)
                return self.named(data, tp, path, bounds[0] if bounds else object)
            raise self.expected(path, tp, data)
        if origin is abc.Callable or m is abc.Callable or m is typing.Callable:
            if isinstance(data, str):
                return self.named(data, tp, path, None)
            raise self.expected(path, tp, data)
        if not isinstance(m, type):
            raise self.expected(path, tp, data)
        return (yield self.instance(data, m, tp, path))

    def instance(self, data: Any, cls: type, tp: object, path: str) -> _Step:
        """Data for a class annotation (not a config): enums, paths, floats, named tuples, subclasses of scalars."""
        if issubclass(cls, enum.Enum):
            found = self.enum_member(cls, data)
            if found is _MISS:
                raise self.unknown_member(path, cls, data)
            return found
        if isinstance(data, str):
            if cls is float and data.lower() in _FLOAT_WORDS:
                return _FLOAT_WORDS[data.lower()]
            if _is_path(cls):
                return cls(data)
        if isinstance(data, (list, tuple)):
            if issubclass(cls, tuple) and hasattr(cls, "_fields"):
                types = _named_tuple_types(cls)
                if len(types) != len(data):
                    raise self.fail(
                        path,
                        f"expected {describe(tp)}, got a list of {len(data)} items {short_repr(data)}",
                        hint=f"give {len(types)} items",
                    )
                return getattr(cls, "_make")((yield self.items(data, types, path)))
            if cls in (tuple, set, frozenset, list):
                return self.collection(cls, list(data), tp, path)
            if cls.__module__ == "numpy" and cls.__name__ == "ndarray":
                numpy = sys.modules["numpy"]
                return numpy.array(_numbers(data))
        for base in (str, int, float):
            if issubclass(cls, base) and not issubclass(cls, bool) and _check(base)(data):
                return cls(data)
        raise self.expected(path, tp, data)

    def items(self, data: Any, types: list[Any], path: str) -> _Step:
        out = []
        for i, (element, element_tp) in enumerate(zip(data, types)):
            check = _check(element_tp)
            if check is not None and not check(element):
                element = yield self.value(element, element_tp, f"{path}[{i}]")
            out.append(element)
        return out

    def collection(self, kind: type, items: list[Any], tp: object, path: str) -> Any:
        """`kind(items)`; a set's lists, which can only have been tuples, become tuples again."""
        try:
            return kind(items)
        except TypeError:  # an unhashable set element
            pass
        try:
            return kind(_tuples(x) for x in items)
        except TypeError:
            raise self.fail(path, f"expected {describe(tp)}, got unhashable elements in {short_repr(items)}") from None

    def mapping(self, data: Mapping[Any, Any], tp: object, path: str) -> _Step:
        key_tp, value_tp = _mapping_types(_supertype(tp))
        key_check, value_check = _check(key_tp), _check(value_tp)
        out: dict[Any, Any] = {}
        for key, element in data.items():
            if key_check is not None and not key_check(key):
                converted = _MISS
                if isinstance(key, str):
                    for m in union_members(key_tp):
                        converted = _from_key_text(key, m)
                        if converted is not _MISS:
                            break
                if converted is _MISS:
                    raise self.expected(f"{path} key {safe_repr(key)}", key_tp, key)
                if converted in out:
                    raise self.fail(path, f"two keys are read as {short_repr(converted)}", hint="remove one")
                key = converted
            if value_check is not None and not value_check(element):
                element = yield self.value(element, value_tp, f"{path}[{safe_repr(key)}]")
            out[key] = element
        return out

    def enum_member(self, cls: type[enum.Enum], data: Any) -> Any:
        """The member whose value is `data` as plain data, else the member named `data`, else `_MISS`."""
        for plain, member in _encoded_members(cls):
            if _data_equal(plain, data):
                return member
        if isinstance(data, str) and data in cls.__members__:
            return cls.__members__[data]
        return _MISS

    def unknown_member(self, path: str, cls: type[enum.Enum], data: Any) -> Exception:
        values = [plain for plain, _ in _encoded_members(cls)]
        texts = [v for v in values if isinstance(v, str)]
        return self.fail(
            path,
            f"{short_repr(data)} is not a valid {cls.__qualname__} value; valid values are "
            + ", ".join(safe_repr(v) for v in values),
            hint=did_you_mean(data, texts) if isinstance(data, str) else None,
            error=ValueError,
        )

    def named(self, text: str, tp: object, path: str, bound: type | None) -> Any:
        """The class (`bound`: a subclass of it) or function (`bound` None) named `"module.QualName"`."""
        found: Any = _MISS
        if bound is not None and bound is not object:
            matches = [c for c in _subclasses(bound) if _is_named(c, text)]
            if len(matches) > 1:
                raise self.fail(path, f"{text!r} names {len(matches)} classes", hint="keep one class of that name")
            found = matches[0] if matches else _MISS
        if found is _MISS:
            found = _find_in_modules(text)
        if found is _MISS:
            raise self.fail(
                path,
                f"{text!r} names nothing in the modules imported so far (expected {describe(tp)})",
                hint="write module.QualName, and import the module that defines it before from_dict "
                "(data never imports code)",
            )
        check = _check(tp)
        if check is not None and not check(found):
            raise self.fail(path, f"{text!r} names {_what(found)}, not {describe(tp)}")
        return found


def _marker(item: Any) -> str | None:
    """`PIN_KEY` or `PINNED_KEY` for data that is one of the derived-field markers, `"?"` for a malformed one."""
    if not isinstance(item, Mapping) or not (PIN_KEY in item or PINNED_KEY in item):
        return None
    if len(item) != 1:
        return "?"
    if PIN_KEY in item:
        return PIN_KEY
    return PINNED_KEY if item[PINNED_KEY] is True else "?"
