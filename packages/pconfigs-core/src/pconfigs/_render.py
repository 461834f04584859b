"""Rendering configs as Python code: `repr(cfg)`, `pconfigs-print` and `pconfigs-print --runnable`.

`render_module(cfg)` writes what `pconfigs-print` shows: the imports, two NOTE lines, and the config as one
expression whose fields come in declaration order (base classes first), the class a config constructs marked
`# ClassVar (omit from config)` and each derived field `# <kind label> (omit from config)` (`# Pinned ...`); a
`@penv` environment attribute is shown with its variables' values read at print time.
`render_module(cfg, runnable=True)` writes a module binding `config = ...` from the config's inputs only
(derived values and ClassVars left out, pins kept); importing it gives a config equal to the original.
`render_expression(cfg)` is the expression alone, which is `repr(cfg)`.

Every value is written as valid Python, in black's style (black itself is never imported):

* `None`, bools, ints, floats (exact `repr`; `float("inf")`, `float("nan")`), complex numbers, strings, bytes;
* lists, tuples, dicts (insertion order), sets and frozensets (sorted, so the text does not depend on the hash
  seed); subclasses of these, named tuples and dataclass instances through their importable class;
* enum members as `Cls.member`; `pathlib` paths as `Path("...")`; dates, times and time deltas;
* classes, functions and classmethods by importable name; module-level singletons whose class's `__reduce__`
  returns their name (pickle's protocol, which `Required` and `Pinned` follow);
* any other object whose class defines `__reduce__` returning `(callable, args)` as `callable(*args)` (how `Pin`,
  `Decimal` and `Fraction` print; a user's class opts in the same way);
* nested configs, recursively.

A value with no such form is written `...` with a comment saying what was there, so the output still parses;
`--runnable` refuses it instead (`UnrenderableError`, a `ValueError`), since a snapshot that silently differs from
the run is worse than none.
"""

from __future__ import annotations

import dataclasses
import enum
import sys
import types
from typing import Any

from ._equality import same
from ._frozen import FrozenDict, FrozenList, FrozenSet, thaw_type
from ._layout import Group, Item, Names, Ref, import_lines, lay_out
from ._literals import bytes_literal, float_literal, int_literal, str_literal
from ._locate import global_name, locate
from ._merge import default_input
from ._spec import input_of, is_config

__all__ = ["render_expression", "render_module", "UnrenderableError", "NOTE"]

NOTE = (
    "# NOTE: This code is not intended to run. It is for reading and looking up type definitions.\n"
    "# If you want to run or inspect these objects, import the config from where it is defined.\n"
)

_CLASSVAR = "ClassVar (omit from config)"
_ENVIRONMENT = "Environment, read at print time (omit from config)"


class UnrenderableError(ValueError):
    """`render_module(cfg, runnable=True)` met values that have no Python form."""


def render_expression(cfg: Any) -> str:
    """The config as one Python expression (what `repr(cfg)` returns), derived values and comments included."""
    lines = lay_out(_Renderer(runnable=False).value(cfg, []), Names())
    return "\n".join(lines)


def render_module(cfg: Any, *, runnable: bool = False) -> str:
    """The text `pconfigs-print` writes for `cfg`; with `runnable=True`, a module binding `config` to an equal config.

    Raises `TypeError` for an object that is not a config, and (only when `runnable`) `UnrenderableError` naming each
    value that has no Python form.
    """
    if not is_config(cfg):
        raise TypeError(f"render_module: expected a config, got {type(cfg).__qualname__}")
    renderer = _Renderer(runnable=runnable)
    names = Names(reserved=("config",) if runnable else ())
    parts = renderer.value(cfg, [])
    if runnable:
        if renderer.problems:
            raise UnrenderableError(
                "cannot write a runnable module: these values have no Python form:\n"
                + "\n".join(f"  {p}" for p in renderer.problems)
            )
        parts = ["config = ", *parts]
    body = lay_out(parts, names)
    head = import_lines(names)
    text = "\n".join(head) + "\n\n" if head else ""
    if not runnable:
        text += NOTE + "\n"
    return text + "\n".join(body) + "\n"


class _Renderer:
    """Turns values into the document tree `_layout` lays out; `notes` collects comments for the enclosing item."""

    def __init__(self, runnable: bool) -> None:
        self.runnable = runnable
        self.active: set[int] = set()
        self.path: list[str] = []
        self.problems: list[str] = []

    # -- dispatch ------------------------------------------------------------------------------------------------

    def value(self, v: Any, notes: list[str]) -> list[object]:
        handler = _EXACT.get(type(v))
        if handler is not None:
            return handler(self, v, notes)  # type: ignore[no-any-return]
        if is_config(v):
            return self.config(v, notes)
        if isinstance(v, enum.Enum):
            return self.enum_member(v, notes)
        if isinstance(v, (type, types.FunctionType, types.BuiltinFunctionType, types.MethodType)):
            return self.named(v, notes)
        pathlib = sys.modules.get("pathlib")
        if pathlib is not None and isinstance(v, pathlib.PurePath):
            cls = pathlib.Path if isinstance(v, pathlib.Path) else type(v)
            return [self.call(cls, [[str_literal(str(v))]], notes)]
        if type(v).__module__ == "datetime":
            found = self.datetime_value(v, notes)
            if found is not None:
                return found
        reduce = getattr(type(v), "__reduce__", None)
        if reduce is not None and reduce is not object.__reduce__:
            reduced = self.reduced(v, notes)
            if reduced is not None:
                return reduced
        if isinstance(v, tuple) and hasattr(type(v), "_fields"):
            return self.keywords(v, [(f, getattr(v, f)) for f in getattr(type(v), "_fields")], notes)
        if dataclasses.is_dataclass(v):
            fields = [(f.name, getattr(v, f.name)) for f in dataclasses.fields(v) if f.init]
            return self.keywords(v, fields, notes)
        for base in _SUBCLASSABLE:
            if isinstance(v, base):
                return self.subclass(v, base, notes)
        return self.unrepresentable(v, notes, "no Python form")

    # -- scalars -------------------------------------------------------------------------------------------------

    def complex_value(self, v: complex, notes: list[str]) -> list[object]:
        return [Group(["complex"], "(", [Item([float_literal(v.real)]), Item([float_literal(v.imag)])], ")")]

    # -- containers ----------------------------------------------------------------------------------------------

    def items(self, values: Any, notes: list[str], bubble: bool = False) -> list[Item]:
        out = []
        for i, element in enumerate(values):
            sub: list[str] = []
            self.path.append(f"[{i}]")
            parts = self.value(element, sub)
            self.path.pop()
            if bubble:
                notes.extend(sub)
                out.append(Item(parts))
            else:
                out.append(Item(parts, "; ".join(sub) if sub else None))
        return out

    def guarded(self, v: Any, notes: list[str], build: Any) -> list[object]:
        key = id(v)
        if key in self.active:
            return self.unrepresentable(v, notes, "a reference to itself")
        self.active.add(key)
        try:
            return build()  # type: ignore[no-any-return]
        finally:
            self.active.discard(key)

    def list_value(self, v: list[Any], notes: list[str]) -> list[object]:
        return self.guarded(v, notes, lambda: [Group([], "[", self.items(v, notes), "]")])

    def tuple_value(self, v: tuple[Any, ...], notes: list[str]) -> list[object]:
        if len(v) == 1:
            return [Group([], "(", self.items(v, notes, bubble=True), ")", one_tuple=True)]
        return [Group([], "(", self.items(v, notes), ")")]

    def dict_value(self, v: dict[Any, Any], notes: list[str]) -> list[object]:
        def build() -> list[object]:
            out = []
            for key, element in v.items():
                sub: list[str] = []
                key_parts = self.value(key, sub)
                self.path.append(f"[{key!r}]")
                parts = self.value(element, sub)
                self.path.pop()
                out.append(Item([*key_parts, ": ", *parts], "; ".join(sub) if sub else None))
            return [Group([], "{", out, "}")]

        return self.guarded(v, notes, build)

    def set_value(self, v: set[Any] | frozenset[Any], notes: list[str]) -> list[object]:
        if not v:
            return ["set()"] if isinstance(v, set) else ["frozenset()"]
        items = self.items(_sorted(v), notes)
        group = Group([], "{", items, "}")
        if isinstance(v, set):
            return [group]
        return [Group(["frozenset"], "(", [Item([group])], ")")]

    # -- objects -------------------------------------------------------------------------------------------------

    def ref(self, obj: Any, notes: list[str]) -> list[object] | None:
        """A reference to an importable object, or None (with a note, or a problem when runnable)."""
        found = locate(obj)
        if found is not None:
            return [Ref(*found)]
        return None

    def named(self, v: Any, notes: list[str]) -> list[object]:
        found = self.ref(v, notes)
        if found is not None:
            return found
        name = getattr(v, "__name__", "")
        what = f"{getattr(v, '__module__', '?')}.{getattr(v, '__qualname__', name)}"
        if isinstance(name, str) and name.isidentifier() and not self.runnable:
            notes.append(f"{what} is not importable")
            return [name]
        return self.unrepresentable(v, notes, f"{what} is not importable")

    def call(self, cls: Any, args: list[list[object]], notes: list[str], kwargs: Any = ()) -> object:
        head = self.ref(cls, notes)
        if head is None:
            head = self.named(cls, notes)
        items = [Item(a) for a in args] + [Item([f"{k}=", *parts]) for k, parts in kwargs]
        return Group(head, "(", items, ")")

    def keywords(self, v: Any, fields: list[tuple[str, Any]], notes: list[str]) -> list[object]:
        def build() -> list[object]:
            kwargs = []
            for name, element in fields:
                self.path.append(f".{name}")
                kwargs.append((name, self.value(element, notes)))
                self.path.pop()
            return [self.call(type(v), [], notes, kwargs)]

        return self.guarded(v, notes, build)

    def enum_member(self, v: enum.Enum, notes: list[str]) -> list[object]:
        cls = type(v)
        head = self.ref(cls, notes) or self.named(cls, notes)
        name = v.name
        if isinstance(name, str) and name.isidentifier() and getattr(cls, name, None) is v:
            return [*head, f".{name}"]
        return [Group(head, "(", [Item(self.value(v.value, notes))], ")")]

    def reduced(self, v: Any, notes: list[str]) -> list[object] | None:
        try:
            form = v.__reduce__()
        except Exception:
            return None
        if isinstance(form, str):
            module = getattr(v, "__module__", None) or type(v).__module__
            found = global_name(v, module, form)
            return [Ref(*found)] if found is not None else None
        if (
            isinstance(form, tuple)
            and len(form) == 2
            and isinstance(form[1], tuple)
            and locate(form[0]) is not None
            and getattr(form[0], "__name__", "").startswith("_") is False
        ):
            return self.guarded(v, notes, lambda: [self.call(form[0], [self.value(a, notes) for a in form[1]], notes)])
        return None

    def datetime_value(self, v: Any, notes: list[str]) -> list[object] | None:
        import datetime as dt

        if isinstance(v, dt.timedelta):
            fields = [("days", v.days), ("seconds", v.seconds), ("microseconds", v.microseconds)]
            return [self.call(type(v), [], notes, [(k, [int_literal(x)]) for k, x in fields if x])]
        if isinstance(v, dt.datetime):
            values = [v.year, v.month, v.day, v.hour, v.minute, v.second, v.microsecond]
        elif isinstance(v, dt.date):
            values = [v.year, v.month, v.day]
        elif isinstance(v, dt.time):
            values = [v.hour, v.minute, v.second, v.microsecond]
        else:
            return None
        kwargs = []
        if isinstance(v, (dt.datetime, dt.time)):
            if v.tzinfo is not None:
                kwargs.append(("tzinfo", self.value(v.tzinfo, notes)))
            if v.fold:
                kwargs.append(("fold", ["1"]))
        return [self.call(type(v), [[int_literal(x)] for x in values], notes, kwargs)]

    def subclass(self, v: Any, base: type, notes: list[str]) -> list[object]:
        cls = thaw_type(type(v))
        if base is dict and hasattr(v, "default_factory"):
            factory = v.default_factory
            args = [self.value(factory, notes), self.value(dict(v), notes)]
            return [self.call(cls, args, notes)]
        return [self.call(cls, [self.value(base(v), notes)], notes)]

    def unrepresentable(self, v: Any, notes: list[str], why: str) -> list[object]:
        what = f"{type(v).__module__}.{type(v).__qualname__}"
        text = f"{what} object" if why == "no Python form" else why
        notes.append(f"unrepresentable: {text}")
        self.problems.append(f"{''.join(self.path) or '<config>'}: {text}")
        return ["..."]

    # -- configs -------------------------------------------------------------------------------------------------

    def config(self, cfg: Any, notes: list[str]) -> list[object]:
        return self.guarded(cfg, notes, lambda: [self._config(cfg)])

    def _environments(self, cls: type) -> list[Item]:
        """Each `@penv` attribute of the class, with its variables' values read now (errors as comments)."""
        names = getattr(cls, "__pconfig_environment__", ())
        if not names:
            return []
        from ._env import resolve

        items = []
        for attribute in names:
            env = getattr(cls, attribute)
            sub = [_ENVIRONMENT]
            kwargs = []
            for var in resolve(env):
                if var.error is None:
                    kwargs.append((var.attribute, self.value(var.value, sub)))
                else:
                    kwargs.append((var.attribute, ["..."]))
                    sub.append(f"${var.variable}: {var.error}")
            items.append(Item([f"{attribute}=", self.call(env, [], sub, kwargs)], "; ".join(sub)))
        return items

    def _config(self, cfg: Any) -> Group:
        cls = type(cfg)
        spec = cls.__pconfig_spec__
        items = []
        constructs = getattr(cls, "constructable_type", None)
        if constructs is not None and not self.runnable:
            sub: list[str] = []
            items.append(Item(["constructable_type=", *self.value(constructs, sub)], "; ".join([_CLASSVAR, *sub])))
        if not self.runnable:
            items.extend(self._environments(cls))
        for f in spec.fields:
            if self.runnable:
                value = input_of(cfg, f.name)
                if f.kind is not None and same(value, default_input(spec, f)):
                    continue
            else:
                value = getattr(cfg, f.name)
            sub = []
            self.path.append(f".{f.name}" if self.path else f.name)
            parts = self.value(value, sub)
            self.path.pop()
            if f.kind is not None and not self.runnable:
                sub.insert(0, f"{f.kind.label} (omit from config)")
            items.append(Item([f"{f.name}=", *parts], "; ".join(sub) if sub else None))
        head = self.ref(cls, [])
        if head is None:
            head = [cls.__name__]
            if self.runnable:
                self.problems.append(
                    f"{''.join(self.path) or '<config>'}: {cls.__module__}.{cls.__qualname__} is not importable"
                )
        return Group(head, "(", items, ")")


def _sorted(values: set[Any] | frozenset[Any]) -> list[Any]:
    """Set elements in an order that does not depend on the hash seed."""
    kinds = {type(x) for x in values}
    if kinds <= {int, bool, float} and all(x == x for x in values):
        return sorted(values)
    if len(kinds) == 1 and kinds <= {str, bytes}:
        return sorted(values)
    keyed = []
    for x in values:
        text = "\n".join(lay_out(_Renderer(runnable=False).value(x, []), Names()))
        keyed.append((type(x).__module__, type(x).__qualname__, text, x))
    keyed.sort(key=lambda t: t[:3])
    return [t[3] for t in keyed]


_SUBCLASSABLE: tuple[type, ...] = (str, bytes, bool, int, float, complex, list, tuple, dict, set, frozenset, bytearray)

_EXACT: dict[type, Any] = {
    type(None): lambda self, v, notes: ["None"],
    bool: lambda self, v, notes: ["True" if v else "False"],
    int: lambda self, v, notes: [int_literal(v)],
    float: lambda self, v, notes: [float_literal(v)],
    complex: _Renderer.complex_value,
    str: lambda self, v, notes: [str_literal(v)],
    bytes: lambda self, v, notes: [bytes_literal(v)],
    bytearray: lambda self, v, notes: [Group(["bytearray"], "(", [Item([bytes_literal(bytes(v))])], ")")],
    list: _Renderer.list_value,
    tuple: _Renderer.tuple_value,
    dict: _Renderer.dict_value,
    set: _Renderer.set_value,
    frozenset: _Renderer.set_value,
    # A config's frozen containers print as the plain literals they stand for (see `_frozen`).
    FrozenList: _Renderer.list_value,
    FrozenDict: _Renderer.dict_value,
    FrozenSet: _Renderer.set_value,
}
