"""Rendering configs as Python code: `repr(cfg)`, `pconfigs-print` and `pconfigs-print --runnable`.

`render_module(cfg)` writes what `pconfigs-print` shows: the imports, two NOTE lines, and the config as one
expression whose fields come in declaration order (base classes first), the class a config constructs marked
`# ClassVar (omit from config)` and each derived field its kind's comment: `# Pinned (omit from config)`, or
`# Pinned: pinned to this value` for a field the config pins (`Pin(0.5)`), where omitting it would change it.
`render_module(cfg, runnable=True)` writes a module binding `config = ...` from the config's inputs only
(derived values and ClassVars left out, pins kept); importing it gives a config equal to the original.
`render_expression(cfg)` is the expression alone, which is `repr(cfg)` (preceded by `_n1 = ...` lines for a config
nested past `_DEPTH`, below).

The environment. A `@penv` attribute is shown with the values its variables had when the config was built
(`# Environment, read at build (omit from config)`), recorded by the build in `__pconfig_env__`: derived values
were computed from those, and reading the variables again could disagree with them. A config without the record
(an object restored by hand) shows the values read now, and says `read at print time`. `--runnable` leaves the
environment out of the expression, since importing the module reads it again, and writes what was read as one
comment line per environment above `config = ...`: `# environment read at build: WORLD_SIZE=8, RANK=0` (a
sub-config's as `# loader.environment read at build: ...`), each value as Python, a variable that could not be
read as `RANK=... (<the error>)`.

Every value is written as valid Python, in black's style (black itself is never imported):

* `None`, bools, ints (hexadecimal past 14,000 bits, see `_literals`), floats (exact `repr`; `float("inf")`,
  `float("nan")`), complex numbers, strings, bytes;
* subclasses of str, bytes, int, float and complex as their class and the value they hold (`Secret("hunter2")`),
  read through the base type, so what their own `__str__` or `__repr__` say never shows;
* lists, tuples, dicts (insertion order), sets and frozensets (sorted, so the text does not depend on the hash
  seed); subclasses of these, named tuples and dataclass instances through their importable class;
* enum members as `Cls.member`, or `Cls["in"]` when the name is a keyword or not an identifier; `pathlib` paths
  as `Path("...")`; dates and times, with their time zone (`timezone.utc`, `timezone(timedelta(hours=-5), "EST")`,
  `ZoneInfo("Europe/Paris")`), and time deltas (`timedelta(days=1, hours=2)`);
* NumPy values (below);
* classes, functions and classmethods by importable name, modules by an `import` line (through
  `importlib.import_module` for a module whose name is not an identifier, see `_layout`); module-level singletons
  whose class's `__reduce__` returns their name (pickle's protocol, which `Required` and `Pinned` follow);
* any other object whose class defines `__reduce__` returning `(callable, args)` as `callable(*args)` (how `Pin`,
  `Decimal` and `Fraction` print; a user's class opts in the same way);
* nested configs, recursively.

NumPy, recognised by the value's class and never imported here. A scalar of the types NumPy makes from Python's
own values (`float64`, `int64`, `bool`, `complex128`, `str_`, `bytes_`) prints as that Python value
(`np.float64(0.5)` is `0.5`): it compares and hashes equal to it, and it is what NumPy arithmetic hands a config.
Any other scalar keeps its type, which changes arithmetic (precision, overflow): `numpy.float32(0.1)` (the shortest
text that gives the same float32 back), `numpy.int8(-3)`, `numpy.datetime64("2024-01-01", "D")`, and a long double
no float holds as `numpy.longdouble("0.1")`. An array prints as `numpy.array([[1.0, float("nan")]],
dtype=numpy.float32)`: the same shape, dtype and values (`numpy.zeros((0, 3), dtype=...)` for an empty one whose
shape nested lists cannot say). These need an `import numpy` line. Each form is checked against the value before
it is written; arrays of objects, records or dates, and anything that would not come back equal, have no form.

Depth. CPython's parser refuses more than 200 nested brackets, and a printer recursing once per level would hit the
recursion limit on a chain of configs 1,000 deep. So the renderer writes values in place only `_DEPTH` (32) levels
deep: a container, config or object met deeper is rendered later, from depth 0, as a statement of its own,
`_n1 = Node(...)`, and the place that holds it says `_n1`. The statements come deepest first, so every name is
bound before it is used, and the expression comes last (`config = ...` in `--runnable`, the bare expression in the
readable print and `repr`). One level opens at most two brackets (`frozenset({`, `timezone(timedelta(`) and an
array one per dimension and two more (NumPy allows 64 dimensions), so a statement nests at most 2 * 32 + 66
brackets, and the renderer's and the layout's recursion are bounded the same way, whatever the depth of the config.
32 levels is deeper than any hand-written config goes, so ordinary configs print as one expression.

A value with no such form is written `...` with a comment saying what was there, so the output still parses;
`--runnable` refuses it instead (`UnrenderableError`, a `ValueError`), since a snapshot that silently differs from
the run is worse than none.
"""

from __future__ import annotations

import collections
import dataclasses
import enum
import math
import sys
import types
from collections.abc import Callable
from typing import Any

from ._frozen import FrozenDict, FrozenList, FrozenSet, thaw_type
from ._layout import Group, Item, Local, Names, Ref, flat_text, import_lines, lay_out
from ._literals import bytes_literal, float_literal, int_literal, str_literal
from ._locate import global_name, is_name, locate
from ._merge import default_input
from ._spec import input_of, is_config

__all__ = ["render_expression", "render_module", "UnrenderableError", "NOTE"]

NOTE = (
    "# NOTE: This code is not intended to run. It is for reading and looking up type definitions.\n"
    "# If you want to run or inspect these objects, import the config from where it is defined.\n"
)

_CLASSVAR = "ClassVar (omit from config)"
_AT_BUILD = "read at build"
_AT_PRINT = "read at print time"

_DEPTH = 32
"""How many levels deep values are written in place; deeper ones are bound to names first (see the docstring)."""

_Statement = tuple[Local | None, list[object], list[str]]
"""A rendered statement: the name it binds (None for the expression itself), its parts, its comments."""


class UnrenderableError(ValueError):
    """`render_module(cfg, runnable=True)` met values that have no Python form."""


def render_expression(cfg: Any) -> str:
    """The config as one Python expression (what `repr(cfg)` returns), derived values and comments included.

    A config nested more than `_DEPTH` levels deep is preceded by the statements binding its deep parts.
    """
    return _text(cfg)


def render_module(cfg: Any, *, runnable: bool = False, origins: bool = False, docs: bool = False) -> str:
    """The text `pconfigs-print` writes for `cfg`; with `runnable=True`, a module binding `config` to an equal config.

    With `origins=True` each field's value carries a comment saying where it came from (`_origins`); with
    `docs=True`, its doc (`_fielddocs`: the string literal after the field's annotation), first line only.

    Raises `TypeError` for an object that is not a config, and (only when `runnable`) `UnrenderableError` naming each
    value that has no Python form.
    """
    if not is_config(cfg):
        raise TypeError(f"render_module: expected a config, got {type(cfg).__qualname__}")
    renderer = _Renderer(runnable=runnable)
    renderer.origins = origins and not runnable
    renderer.docs = docs and not runnable
    statements = renderer.statements(cfg)
    if runnable and renderer.problems:
        raise UnrenderableError(
            "cannot write a runnable module: these values have no Python form:\n"
            + "\n".join(f"  {p}" for p in renderer.problems)
        )
    names = Names(reserved=("config", *renderer.bound) if runnable else renderer.bound)
    body = renderer.lines(statements, names, "config = " if runnable else "")
    head = import_lines(names)
    text = "\n".join(head) + "\n\n" if head else ""
    if not runnable:
        text += NOTE + "\n"
    return text + "\n".join(body) + "\n"


def _text(value: Any, level: int = 0, keys: dict[int, tuple[Any, str]] | None = None) -> str:
    """The readable code for any value (imports left out), starting `level` levels deep."""
    renderer = _Renderer(runnable=False, level=level, keys=keys)
    statements = renderer.statements(value)
    return "\n".join(renderer.lines(statements, Names(reserved=renderer.bound), ""))


class _Deferred:
    """A value met too deep to write in place, with what it needs to be rendered later as a statement."""

    __slots__ = ("value", "local", "path", "active")

    def __init__(self, value: Any, local: Local, path: list[str], active: frozenset[int]) -> None:
        self.value = value
        self.local = local
        self.path = path
        self.active = active


class _Renderer:
    """Turns values into the document tree `_layout` lays out; `notes` collects comments for the enclosing item."""

    def __init__(self, runnable: bool, level: int = 0, keys: dict[int, tuple[Any, str]] | None = None) -> None:
        self.runnable = runnable
        self.active: set[int] = set()
        self.path: list[str] = []
        self.problems: list[str] = []
        self.level = level
        self.deferred: list[_Deferred] = []
        self.bound: list[str] = []
        self.environment_lines: list[str] = []
        self.origins = False
        """Whether each field carries a comment saying where its value came from."""
        self.docs = False
        """Whether each field carries its doc as a comment."""
        self.keys: dict[int, tuple[Any, str]] = {} if keys is None else keys
        """Set elements' sort keys by id, shared with the renderers that write them (the element kept alive)."""
        if runnable:  # `_equality` loads for --runnable printing only
            from ._equality import same

            self.same: Callable[[object, object], bool] = same

    # -- statements ----------------------------------------------------------------------------------------------

    def statements(self, v: Any) -> list[_Statement]:
        """`v` as statements: the values deferred for depth, deepest first and named `_n1`, `_n2`, ..., then `v`."""
        notes: list[str] = []
        done: list[_Statement] = [(None, self.value(v, notes), notes)]
        self.level = 0
        for item in self.deferred:  # grows while it is walked: a deferred value may defer deeper ones
            self.path, self.active = item.path, set(item.active)
            sub: list[str] = []
            done.append((item.local, self.value(item.value, sub), sub))
        done.reverse()
        for n, (local, _, _) in enumerate(done[:-1], 1):
            assert local is not None
            local.name = f"_n{n}"
            self.bound.append(local.name)
        return done

    def lines(self, statements: list[_Statement], names: Names, prefix: str) -> list[str]:
        """The statements laid out; the expression gets `prefix` and, above it, the environment comment lines."""
        out: list[str] = []
        for local, parts, notes in statements:
            if local is None:
                out.extend(self.environment_lines)
            if notes:
                out.append("# " + "; ".join(notes))
            out.extend(lay_out([f"{local.name} = " if local is not None else prefix, *parts], names))
        return out

    # -- dispatch ------------------------------------------------------------------------------------------------

    def value(self, v: Any, notes: list[str]) -> list[object]:
        leaf = _LEAVES.get(type(v))
        if leaf is not None:
            return [leaf(v)]
        if self.level >= _DEPTH:
            local = Local()
            self.deferred.append(_Deferred(v, local, list(self.path), frozenset(self.active)))
            return [local]
        self.level += 1
        parts = self.dispatch(v, notes)
        self.level -= 1
        return parts

    def dispatch(self, v: Any, notes: list[str]) -> list[object]:
        handler = _EXACT.get(type(v))
        if handler is not None:
            return handler(self, v, notes)  # type: ignore[no-any-return]
        if is_config(v):
            return self.config(v, notes)
        library = _LIBRARIES.get(type(v).__module__)
        if library is not None:
            found = library(self, v, notes)
            if found is not None:
                return found  # type: ignore[no-any-return]
        if isinstance(v, enum.Enum):
            return self.enum_member(v, notes)
        if isinstance(v, (type, types.FunctionType, types.BuiltinFunctionType, types.MethodType)):
            return self.named(v, notes)
        if isinstance(v, types.ModuleType):
            name = getattr(v, "__name__", None)
            if isinstance(name, str) and sys.modules.get(name) is v:
                return [Ref(name, "")]
            return self.unrepresentable(v, notes, f"module {name!r} is not importable")
        pathlib = sys.modules.get("pathlib")
        if pathlib is not None and isinstance(v, pathlib.PurePath):
            cls = pathlib.Path if isinstance(v, pathlib.Path) else type(v)
            return [self.call(cls, [[str_literal(str(v))]], notes)]
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
                self.path.append(f"[{_key_text(key)}]")
                parts = self.value(element, sub)
                self.path.pop()
                out.append(Item([*key_parts, ": ", *parts], "; ".join(sub) if sub else None))
            return [Group([], "{", out, "}")]

        return self.guarded(v, notes, build)

    def set_value(self, v: set[Any] | frozenset[Any], notes: list[str]) -> list[object]:
        if not v:
            return ["set()"] if isinstance(v, set) else ["frozenset()"]
        items = self.items(_sorted(v, self), notes)
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
        if isinstance(name, str) and is_name(name) and not self.runnable:
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
        if isinstance(name, str):
            if is_name(name) and getattr(cls, name, None) is v:
                return [*head, f".{name}"]
            if cls.__members__.get(name) is v:  # `Mode["in"]`: a keyword, or not an identifier
                return [Group(head, "[", [Item([str_literal(name)])], "]", comma=False)]
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

    def subclass(self, v: Any, base: type, notes: list[str]) -> list[object]:
        cls = thaw_type(type(v))
        if base is dict and hasattr(v, "default_factory"):
            factory = v.default_factory
            args = [self.value(factory, notes), self.value(dict(v), notes)]
            return [self.call(cls, args, notes)]
        held = _HELD.get(base, base)(v)
        return [self.call(cls, [self.value(held, notes)], notes)]

    def unrepresentable(self, v: Any, notes: list[str], why: str) -> list[object]:
        what = f"{type(v).__module__}.{type(v).__qualname__}"
        text = f"{what} object" if why == "no Python form" else why
        notes.append(f"unrepresentable: {text}")
        self.problems.append(f"{''.join(self.path) or '<config>'}: {text}")
        return ["..."]

    # -- other libraries' types ----------------------------------------------------------------------------------

    def datetime_value(self, v: Any, notes: list[str]) -> list[object] | None:
        import datetime as dt

        if isinstance(v, dt.timedelta):
            return [self.timedelta(v, notes)]
        if isinstance(v, dt.timezone):
            offset, name = v.utcoffset(None), v.tzname(None)
            if offset == dt.timedelta(0) and name == "UTC":
                return [Ref("datetime", "timezone.utc")]
            args = [[self.timedelta(offset, notes)]]
            if dt.timezone(offset).tzname(None) != name:
                args.append([str_literal(name)])
            return [self.call(dt.timezone, args, notes)]
        if isinstance(v, dt.datetime):
            values, required = [v.year, v.month, v.day, v.hour, v.minute, v.second, v.microsecond], 3
        elif isinstance(v, dt.date):
            values, required = [v.year, v.month, v.day], 3
        elif isinstance(v, dt.time):
            values, required = [v.hour, v.minute, v.second, v.microsecond], 2
        else:
            return None
        while len(values) > required and values[-1] == 0:
            values.pop()
        kwargs = []
        if isinstance(v, (dt.datetime, dt.time)):
            if v.tzinfo is not None:
                kwargs.append(("tzinfo", self.value(v.tzinfo, notes)))
            if v.fold:
                kwargs.append(("fold", ["1"]))
        return [self.call(type(v), [[int_literal(x)] for x in values], notes, kwargs)]

    def timedelta(self, v: Any, notes: list[str]) -> object:
        """`timedelta(days=1, hours=2)`: each unit that is not zero, all negative for a negative delta."""
        total = (v.days * 86_400 + v.seconds) * 1_000_000 + v.microseconds
        sign = -1 if total < 0 else 1
        rest, microseconds = divmod(abs(total), 1_000_000)
        rest, seconds = divmod(rest, 60)
        rest, minutes = divmod(rest, 60)
        days, hours = divmod(rest, 24)
        units = [("days", days), ("hours", hours), ("minutes", minutes), ("seconds", seconds)]
        units.append(("microseconds", microseconds))
        return self.call(type(v), [], notes, [(k, [int_literal(sign * x)]) for k, x in units if x])

    def zone_value(self, v: Any, notes: list[str]) -> list[object] | None:
        zoneinfo = sys.modules["zoneinfo"]
        if isinstance(v, zoneinfo.ZoneInfo) and isinstance(v.key, str):
            return [self.call(zoneinfo.ZoneInfo, [[str_literal(v.key)]], notes)]
        return None

    def numpy_value(self, v: Any, notes: list[str]) -> list[object] | None:
        np = sys.modules.get("numpy")
        if np is None:
            return None
        with np.errstate(all="ignore"):
            if type(v) is np.ndarray:
                found = _array(np, v)
                why = "no Python form" if found is not None else f"numpy.ndarray with dtype {v.dtype}"
            elif isinstance(v, np.generic):
                if type(v) in (np.float64, np.int64, np.bool_, np.complex128, np.str_, np.bytes_):
                    return self.value(v.item(), notes)
                found, why = _numpy_scalar(np, v), "no Python form"
            elif isinstance(v, np.dtype):
                parts = _dtype(np, v)
                found = [Group([_NUMPY, ".dtype"], "(", [Item(parts)], ")")] if parts is not None else None
                why = f"numpy dtype {v}"
            else:
                return None
        return found if found is not None else self.unrepresentable(v, notes, why)

    # -- configs -------------------------------------------------------------------------------------------------

    def config(self, cfg: Any, notes: list[str]) -> list[object]:
        return self.guarded(cfg, notes, lambda: [self._config(cfg)])

    def _environments(self, cfg: Any) -> list[Item]:
        """Each `@penv` attribute of the config's class with the values read at build (errors as comments).

        When runnable, nothing: the values go to `environment_lines` instead.
        """
        cls = type(cfg)
        attributes = getattr(cls, "__pconfig_environment__", ())
        if not attributes:
            return []
        recorded = getattr(cfg, "__pconfig_env__", None)
        items = []
        for attribute in attributes:
            env = getattr(cls, attribute)
            values = recorded.get(attribute) if isinstance(recorded, dict) else None
            when = _AT_BUILD if values is not None else _AT_PRINT
            if values is None:
                from ._env import resolve

                values = resolve(env)
            if self.runnable:
                owner = ".".join(filter(None, ["".join(self.path), attribute]))
                shown = [
                    f"{var.variable}={_flat(var.value)}" if var.error is None else f"{var.variable}=... ({var.error})"
                    for var in values
                ]
                self.environment_lines.append(f"# {owner} {when}: {', '.join(shown)}")
                continue
            sub = [f"Environment, {when} (omit from config)"]
            kwargs = []
            for var in values:
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
        items.extend(self._environments(cfg))
        for f in spec.fields:
            if self.runnable:
                value = input_of(cfg, f.name)
                if f.kind is not None and self.same(value, default_input(spec, f)):
                    continue
            else:
                value = getattr(cfg, f.name)
            sub = []
            self.path.append(f".{f.name}" if self.path else f.name)
            parts = self.value(value, sub)
            self.path.pop()
            if f.kind is not None and not self.runnable:
                sub.insert(0, f.kind.comment(input_of(cfg, f.name)))
            if self.origins:  # origins and docs are imported only by the printouts that show them
                from ._origins import field_origin

                sub.append(str(field_origin(cfg, f.name)))
            if self.docs:
                from ._fielddocs import field_docs

                doc = field_docs(cls).get(f.name)
                if doc:
                    sub.append(doc.split("\n", 1)[0])
            items.append(Item([f"{f.name}=", *parts], "; ".join(sub) if sub else None))
        head = self.ref(cls, [])
        if head is None:
            head = [cls.__name__]
            if self.runnable:
                self.problems.append(
                    f"{''.join(self.path) or '<config>'}: {cls.__module__}.{cls.__qualname__} is not importable"
                )
        return Group(head, "(", items, ")")


def _sorted(values: set[Any] | frozenset[Any], renderer: _Renderer) -> list[Any]:
    """Set elements in an order that does not depend on the hash seed: by type, then by their code.

    The code of an element is written only when another element has its type, and once per print (sets of sets
    would otherwise write it once per enclosing set).
    """
    kinds = {type(x) for x in values}
    if kinds <= {int, bool, float} and all(x == x for x in values):
        return sorted(values)
    if len(kinds) == 1 and kinds <= {str, bytes}:
        return sorted(values)
    counts = collections.Counter((type(x).__module__, type(x).__qualname__) for x in values)
    keys = renderer.keys

    def key(x: Any) -> tuple[str, str, str]:
        kind = (type(x).__module__, type(x).__qualname__)
        if counts[kind] == 1:
            return (*kind, "")
        if id(x) not in keys:
            keys[id(x)] = (x, _text(x, renderer.level, keys))
        return (*kind, keys[id(x)][1])

    return sorted(values, key=key)


def _key_text(key: Any) -> str:
    """A dict key as the path in an error message shows it (`b['k']`); never fails."""
    if type(key) is int:
        return int_literal(key)
    try:
        return repr(key)
    except Exception:  # a huge int inside a tuple, a user's __repr__ that raises
        return f"<{type(key).__qualname__}>"


def _flat(value: Any) -> str:
    """A value's code on one line, its references unimported (for a comment)."""
    return flat_text(_Renderer(runnable=False).value(value, []), Names())


# -- NumPy -------------------------------------------------------------------------------------------------------

_NUMPY = Ref("numpy", "")


def _numpy_name(np: Any, t: type) -> list[object] | None:
    """`numpy.float32` for a type NumPy exports under its own name."""
    name = getattr(t, "__name__", "")
    return [_NUMPY, f".{name}"] if getattr(np, name, None) is t else None


def _same(a: Any, b: Any) -> bool:
    """Whether two NumPy or Python numbers are the same value: NaN is NaN, and -0.0 is not 0.0."""
    if a != a:
        return bool(b != b)
    if not a == b:
        return False
    if isinstance(a, complex) or getattr(a, "dtype", None) is not None and a.dtype.kind == "c":
        return True
    return math.copysign(1.0, float(a)) == math.copysign(1.0, float(b))


def _float_text(np: Any, v: Any) -> str | None:
    """A NumPy float as the shortest literal giving it back through its type, or its text for a long double."""
    t = type(v)
    for x in (float(str(v)), float(v)):
        if _same(t(x), v):
            return float_literal(x)
    text = str(v)
    return str_literal(text) if _same(t(text), v) else None


def _complex(v: complex) -> Group:
    return Group(["complex"], "(", [Item([float_literal(v.real)]), Item([float_literal(v.imag)])], ")")


def _numpy_scalar(np: Any, v: Any) -> list[object] | None:
    t = type(v)
    head = _numpy_name(np, t)
    if head is None:
        return None
    kind = v.dtype.kind
    args: list[object]
    if kind == "f":
        text = _float_text(np, v)
        if text is None:
            return None
        args = [text]
    elif kind in "iu":
        args = [int_literal(int(v))]
    elif kind == "c":
        x = complex(v)
        if not _same(t(x), v):
            return None
        args = [_complex(x)]
    elif kind in "mM":
        unit, count = np.datetime_data(v.dtype)
        first = str(v) if kind == "M" or np.isnat(v) else int(v.astype(np.int64))
        rest = [] if unit == "generic" else [unit if count == 1 else f"{count}{unit}"]
        again = t(first, *rest)
        if again.dtype != v.dtype or not (np.isnat(again) and np.isnat(v) or again == v):
            return None
        args = [str_literal(first) if isinstance(first, str) else int_literal(first), *map(str_literal, rest)]
    else:
        return None
    return [Group(head, "(", [Item([a]) for a in args], ")")]


def _dtype(np: Any, dtype: Any) -> list[object] | None:
    """`numpy.float32` for a native dtype of a named type, else its text (`"<U5"`, `">f4"`) when that rebuilds it."""
    head = _numpy_name(np, dtype.type)
    if head is not None and dtype == np.dtype(dtype.type):
        return head
    if dtype.fields is None and dtype.subdtype is None and np.dtype(dtype.str) == dtype:
        return [str_literal(dtype.str)]
    return None


def _array(np: Any, v: Any) -> list[object] | None:
    kind = v.dtype.kind
    dtype = _dtype(np, v.dtype)
    if dtype is None or kind not in "biufcUS":
        return None
    if v.size == 0 and v.ndim > 1:  # nested lists cannot say (0, 3)
        shape = Group([], "(", [Item([int_literal(n)]) for n in v.shape], ")")
        return [Group([_NUMPY, ".zeros"], "(", [Item([shape]), Item(["dtype=", *dtype])], ")")]
    data = v.tolist()
    again = np.array(data, dtype=v.dtype)
    if again.shape != v.shape or not np.array_equal(again, v, equal_nan=kind in "fc"):
        return None  # a long double no float holds
    element: Callable[[Any], object]
    if kind == "f" and v.dtype.itemsize < 8:
        t = v.dtype.type
        element = lambda x: _float_text(np, t(x))  # noqa: E731
    else:
        element = _ELEMENTS[kind]

    def nested(data: Any, ndim: int) -> object:
        if ndim == 0:
            return element(data)
        return Group([], "[", [Item([nested(x, ndim - 1)]) for x in data], "]")

    return [Group([_NUMPY, ".array"], "(", [Item([nested(data, v.ndim)]), Item(["dtype=", *dtype])], ")")]


_ELEMENTS: dict[str, Callable[[Any], object]] = {
    "b": lambda x: "True" if x else "False",
    "i": int_literal,
    "u": int_literal,
    "f": float_literal,
    "c": _complex,
    "U": str_literal,
    "S": bytes_literal,
}

# -- tables ------------------------------------------------------------------------------------------------------


def _float(v: float) -> object:
    """A float: its literal, or for a non-finite one the call `float("inf")` as a group, which black splits like any
    call when a line holding it is too long (a dict key before a value too long to fit)."""
    if v - v == 0:  # finite
        return float_literal(v)
    return Group(["float"], "(", [Item([float_literal(v)[6:-1]])], ")")


_LEAVES: dict[type, Callable[[Any], object]] = {
    type(None): lambda v: "None",
    bool: lambda v: "True" if v else "False",
    int: int_literal,
    float: _float,
    complex: _complex,
    str: str_literal,
    bytes: bytes_literal,
}
"""Values written without the renderer: they hold no other value, so they are never deferred for depth."""

_SUBCLASSABLE: tuple[type, ...] = (str, bytes, int, float, complex, list, tuple, dict, set, frozenset, bytearray)

_REAL, _IMAG = complex.__dict__["real"], complex.__dict__["imag"]

_HELD: dict[type, Callable[[Any], Any]] = {
    # The value a subclass instance holds, read through the base type: its own __str__, __int__, ... are not called.
    str: str.__str__,
    bytes: lambda v: bytes.__getitem__(v, slice(None)),
    int: int.__int__,
    float: float.__float__,
    complex: lambda v: complex(_REAL.__get__(v), _IMAG.__get__(v)),
}

_EXACT: dict[type, Any] = {
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

_LIBRARIES: dict[str, Any] = {
    "datetime": _Renderer.datetime_value,
    "zoneinfo": _Renderer.zone_value,
    "numpy": _Renderer.numpy_value,
    "numpy.dtypes": _Renderer.numpy_value,
}
"""Renderers of other libraries' types, by the module that defines the value's class (none is imported here)."""
