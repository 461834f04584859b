"""Dotted paths written as string literals: `override`, `origin`, `sweep.product` and `sweep.zip` (DESIGN 6.1, 7).

`pconfigs.override(cfg, {"optimizer.lr": 1e-3})` names a field by a path in a string, which mypy sees as any
`str`. When the config's type is a config class and a path is a literal (a key of a dict display, or `origin`'s
second argument), the function hook here walks it through the class as the runtime walks it through the config:

* a name step goes into a field of a config (fields as the class hook recorded them, inherited ones included);
  an unknown name is reported with the runtime's "did you mean", which also finds nested names (`steps` ->
  `training.steps`); a step under a derived (`Pinned`) field is refused, except by `origin`, which only reads;
* `[0]` goes into the element type of a list, tuple or other sequence, `["k"]` into a mapping's value type;
* a path under an `Optional` sub-config is accepted: whether the value is `None` is known only at run time,
  where the override says so;
* the value (each element of an axis's list for a sweep) must have the type the class's `__init__` takes for the
  field at the end (`Pin[T]` for a derived field), or the element type after an index; `True` for an `int` or
  `float` field is refused as at run time.

Anything the plugin cannot know stops the walk without an error: a type that is `Any`, `object` or a type
variable, a non-literal path, a `Sweep` as the base. The parser is a copy of the runtime's (`path_steps`; a test
keeps the two equal). Errors use their own code, `pconfig-path`, so a project can silence them alone.

The hook runs while the calling module is type-checked, but the answer depends on classes of other modules, so
each class walked through is recorded twice: as a module reference (an indirect dependency: incremental mode
rechecks the caller when that module's interface changes, even when the caller never imports it), and as a
dependency of the calling target on the class's `__init__` trigger (the daemon fires it when a field is added,
removed or retyped). A hook only runs for calls of these four functions, so other code costs nothing.
"""

from __future__ import annotations

import ast
import difflib
import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, NamedTuple, Union

from mypy.checker import TypeChecker
from mypy.errorcodes import ErrorCode
from mypy.expandtype import expand_type_by_instance
from mypy.maptype import map_instance_to_supertype
from mypy.nodes import (
    Context,
    DictExpr,
    DictionaryComprehension,
    Expression,
    FuncDef,
    FuncItem,
    LambdaExpr,
    ListComprehension,
    ListExpr,
    RefExpr,
    SetComprehension,
    SetExpr,
    StrExpr,
    TupleExpr,
    TypeInfo,
    Var,
)
from mypy.plugin import FunctionContext
from mypy.server.trigger import make_trigger
from mypy.subtypes import is_subtype
from mypy.types import (
    AnyType,
    CallableType,
    Instance,
    LiteralType,
    NoneType,
    Overloaded,
    ProperType,
    TupleType,
    Type,
    TypeOfAny,
    TypeType,
    UnionType,
    UnpackType,
    get_proper_type,
)

from ._compat import format_type
from ._names import ENVIRONMENT, METADATA, PIN, PINNED, TAG

__all__ = ["PATH_CODE", "check_paths", "parse_path"]

PATH_CODE = ErrorCode("pconfig-path", "Check dotted paths in override, origin and sweeps", "pconfigs")


class Key(NamedTuple):
    """A bracketed step, `[0]` or `["a"]`; a plain `str` step is a field name."""

    key: int | str


Step = Union[str, Key]

# The runtime's grammar (`pconfigs._override`), copied: the plugin imports nothing of the runtime.
_NAME = re.compile(r"[^\W\d]\w*")
_STEP = re.compile(r"\.([^\W\d]\w*)|\[(-?\d+|'(?:[^'\\\n]|\\.)*'|\"(?:[^\"\\\n]|\\.)*\")\]")
_SEARCH_DEPTH, _SEARCH_LIMIT = 4, 2000  # how far "did you mean" looks into sub-configs, as at run time
_DISPLAYS = (ListExpr, SetExpr, TupleExpr, DictExpr, ListComprehension, SetComprehension, DictionaryComprehension)
"""Values whose inferred type depends on the expected type (`[1, 2]` is `list[int]`, or `list[float]`)."""


class BadPath(Exception):
    """A step the class cannot take; the message says why."""


def parse_path(path: str) -> tuple[list[Step], list[str]] | str:
    """The steps of `path` and its text up to the end of each, or why it is not a path (the runtime's words)."""
    steps: list[Step] = []
    ends: list[int] = []
    m, i = _NAME.match(path), 0
    while m is not None:
        key = m[m.lastindex or 0]
        try:
            if key[0] in "'\"":
                steps.append(Key(ast.literal_eval(key)))
            else:
                steps.append(Key(int(key)) if key[0] in "-0123456789" else key)
        except (SyntaxError, ValueError):  # a bad escape inside the quotes
            break
        ends.append(i := m.end())
        if i == len(path):
            return steps, [path[:e] for e in ends]
        m = _STEP.match(path, i)
    problem = "it must start with a field name" if not steps else f'expected "." or "[" after "{path[:i]}"'
    if steps and path[i] in ".[":
        problem = "a field name" if path[i] == "." else "a whole number or a quoted key, then ]"
        problem = f'expected {problem} after "{path[: i + 1]}"'
    return problem


class _Call:
    """One call being checked: the checker, what to report, and the dependencies to record."""

    def __init__(self, api: TypeChecker, fn: str) -> None:
        self.api, self.fn = api, fn
        self.classes: set[TypeInfo] = set()

    def fail(self, message: str, context: Context) -> None:
        self.api.fail(message, context, code=PATH_CODE)

    def show(self, typ: Type) -> str:
        return format_type(typ, self.api.options)

    def record(self) -> None:
        """Make the caller depend on every class walked through (see the module's docstring)."""
        target = _current_target(self.api)
        for info in self.classes:
            self.api.module_refs.update(b.module_name for b in info.mro if METADATA in b.metadata)
            trigger = make_trigger(info.fullname + ".__init__")
            self.api.tree.plugin_deps.setdefault(trigger, set()).add(target)

    # The walk ------------------------------------------------------------------------------------------------

    def walk(self, root: Instance, path: str, steps: list[Step], ends: list[str], context: Context) -> Type | None:
        """The type a value at `path` must have (None: unknown). Raises BadPath, reported, for a bad path."""
        current: list[Type] = [root]
        expected: Type | None = None
        try:
            for i, step in enumerate(steps):
                here = ends[i - 1] if i else ""
                current, expected = self.step(current, step, here, ends[i], ends[-1], i == len(steps) - 1)
                if not current:
                    return None  # unknown from here on
            if self.fn == "origin" and isinstance(steps[-1], Key) and all(_config(t) for t in current):
                raise BadPath("it names a config, not a field; name one of its fields")
        except BadPath as exc:
            self.fail(f'Path "{path}": {exc}', context)
            raise
        return expected

    def step(
        self, current: list[Type], step: Step, here: str, upto: str, path: str, last: bool
    ) -> tuple[list[Type], Type | None]:
        """The types after one step from the possible `current` types ([]: unknown) and the expected value type
        when this is the last step. Raises BadPath when no current type can take the step."""
        members = [m for t in current for m in _members(t)]
        if not members:
            raise BadPath(f'"{here}" is always None')
        if any(_unknown(m) for m in members):
            return [], None
        if isinstance(step, str):
            return self.field_step(members, step, here, upto, path, last)
        return self.key_step(members, step.key, here)

    def field_step(
        self, members: list[ProperType], name: str, here: str, upto: str, path: str, last: bool
    ) -> tuple[list[Type], Type | None]:
        configs = [m for m in members if _config(m)]
        if not configs:
            shown = self.show(UnionType.make_union(members))
            raise BadPath(f'"{here}" is {shown}, not a config, so it has no field "{name}"')
        found: list[Type] = []
        taken: list[Type] = []
        for inst in configs:
            assert isinstance(inst, Instance)
            self.classes.add(inst.type)
            meta = inst.type.metadata[METADATA]
            if name not in meta["fields"]:
                continue
            if name in meta["pinned"] and not last and self.fn != "origin":
                raise BadPath(
                    f'"{upto}" is derived (computed), so nothing under it can be set; set it whole with Pin(...)'
                )
            found.append(_member_type(inst, name))
            taken.append(_init_type(inst, name) or found[-1])
        if not found:
            inst = configs[0]
            assert isinstance(inst, Instance)
            raise BadPath(_unknown_field(inst.type, name, here, path[len(upto) :]))
        return found, UnionType.make_union(taken if self.fn != "origin" else found)

    def key_step(self, members: list[ProperType], key: int | str, here: str) -> tuple[list[Type], Type | None]:
        found: list[Type] = []
        problems: list[str] = []
        for m in members:
            try:
                found.append(self.element(m, key, here))
            except BadPath as exc:
                problems.append(str(exc))
        if not found:
            raise BadPath(problems[0])
        return found, UnionType.make_union(found)

    def element(self, m: ProperType, key: int | str, here: str) -> Type:
        if isinstance(m, TupleType) and not _variadic(m):
            if not isinstance(key, int):
                raise BadPath(f'"{here}" is {self.show(m)}, indexed by number, not by "{key}"')
            n = len(m.items)
            if not -n <= key < n:
                raise BadPath(f'"{here}" has {n} element{"s" * (n != 1)}, so [{key}] is out of range')
            return m.items[key]
        inst = m.partial_fallback if isinstance(m, TupleType) else m
        if isinstance(inst, Instance) and inst.type.fullname not in ("builtins.str", "builtins.bytes"):
            mapping = _supertype(inst, "typing.Mapping")
            if mapping is not None:
                key_type = get_proper_type(mapping.args[0])
                wanted = "builtins.int" if isinstance(key, int) else "builtins.str"
                if not _unknown(key_type) and not is_subtype(self.api.named_generic_type(wanted, []), key_type):
                    raise BadPath(
                        f'"{here}" is {self.show(m)}, whose keys are {self.show(key_type)}, so it has no [{key!r}]'
                    )
                return mapping.args[1]
            sequence = _supertype(inst, "typing.Sequence")
            if sequence is not None:
                if not isinstance(key, int):
                    raise BadPath(f'"{here}" is {self.show(m)}, indexed by number, not by "{key}"')
                return sequence.args[0]
        raise BadPath(f'"{here}" is {self.show(m)}, not a list, tuple or dict, so it has no [{key!r}]')

    # Values ----------------------------------------------------------------------------------------------------

    def check_value(self, expr: Expression, actual: Type, expected: Type, what: str, context: Context) -> None:
        """Report `what` (`Value for "x"`) when `expr`, of type `actual`, is no `expected`."""
        if isinstance(expr, RefExpr) and expr.fullname in PINNED:
            return  # the sentinel: the runtime takes it for any field (a derived one computes its value)
        if self.accepts(expected, actual):
            return
        if isinstance(expr, _DISPLAYS):
            inferred = self.infer(expr, expected)
            if inferred is not None and self.accepts(expected, inferred):
                return
        message = f"{what} has incompatible type {self.show(actual)}; expected {self.show(expected)}"
        pin = get_proper_type(expected)
        if isinstance(pin, Instance) and pin.type.name == "Pin" and not _is_pin(actual):
            message += " (a derived field: pin the value with Pin(...))"
        self.fail(message, context)

    def accepts(self, expected: Type, actual: Type) -> bool:
        proper = get_proper_type(actual)
        if isinstance(proper, LiteralType):
            proper = proper.fallback
        target = get_proper_type(expected)
        if (
            isinstance(proper, Instance)
            and proper.type.fullname == "builtins.bool"
            and isinstance(target, Instance)
            and target.type.fullname in ("builtins.int", "builtins.float")
        ):
            return False  # the runtime's numbers refuse a bool
        return is_subtype(actual, expected)

    def infer(self, expr: Expression, expected: Type) -> Type | None:
        """The type of a display inferred for `expected` (None: not without errors), in a scratch type map and
        reporting nothing."""
        with self.api.msg.filter_errors() as watcher, _scratch_types(self.api):
            typ = self.api.expr_checker.accept(expr, expected)
        return None if watcher.has_new_errors() else typ


def check_paths(ctx: FunctionContext, fn: str) -> Type:
    """The function hook of `override`, `origin`, `sweep.product` and `sweep.zip` (`fn` says which)."""
    if len(ctx.args) < 2 or not ctx.args[0] or not ctx.args[1] or not isinstance(ctx.api, TypeChecker):
        return ctx.default_return_type
    root = get_proper_type(ctx.arg_types[0][0])
    if not (isinstance(root, Instance) and METADATA in root.type.metadata):
        return ctx.default_return_type  # Any, a union, a Sweep: no class to check against
    call = _Call(ctx.api, fn)
    second = ctx.args[1][0]
    if fn == "origin":
        if isinstance(second, StrExpr):
            _path(call, root, second.value, second)
    elif isinstance(second, DictExpr):
        _check_changes(call, root, second)
    call.record()
    return ctx.default_return_type


def _path(call: _Call, root: Instance, path: str, context: Context) -> tuple[tuple[Step, ...], Type | None] | None:
    """The steps of a literal path and the type its value must have (None: unknown); None for a bad path."""
    parsed = parse_path(path.strip())
    if isinstance(parsed, str):
        call.fail(f'Path "{path}" is not a field path: {parsed}', context)
        return None
    try:
        return tuple(parsed[0]), call.walk(root, path, *parsed, context)
    except BadPath:
        return None


def _check_changes(call: _Call, root: Instance, changes: DictExpr) -> None:
    """Each literal key of the dict display, with its value (`override`) or each value of its list (a sweep)."""
    done: dict[tuple[Step, ...], str] = {}
    for key, value in changes.items:
        if not isinstance(key, StrExpr):
            continue  # `**other`, or a path that is not a literal
        found = _path(call, root, key.value, key)
        if found is None or _repeated(call, done, found[0], key.value, key):
            continue
        expected = found[1]
        if expected is None:
            continue
        if call.fn != "override":
            _check_axis(call, key.value, value, expected)
            continue
        actual = call.api.lookup_type_or_none(value)
        if actual is not None:
            call.check_value(value, actual, expected, f'Value for "{key.value}"', value)


def _check_axis(call: _Call, path: str, values: Expression, expected: Type) -> None:
    """Each value of a sweep's axis: the items of a list or tuple display, else the item type of the sequence."""
    if isinstance(values, (ListExpr, TupleExpr)):
        for index, item in enumerate(values.items):
            actual = call.api.lookup_type_or_none(item)
            if actual is not None:
                call.check_value(item, actual, expected, f'Item {index} of axis "{path}"', item)
        return
    found = call.api.lookup_type_or_none(values)
    actual = get_proper_type(found) if found is not None else None
    if isinstance(actual, Instance) and actual.type.fullname in ("builtins.str", "builtins.bytes"):
        call.fail(f'Axis "{path}" must be a list of values, not {call.show(actual)}', values)
        return
    inst = actual.partial_fallback if isinstance(actual, TupleType) else actual
    sequence = _supertype(inst, "typing.Sequence") if isinstance(inst, Instance) else None
    if sequence is not None and not call.accepts(expected, sequence.args[0]):
        shown, wanted = call.show(sequence.args[0]), call.show(expected)
        call.fail(f'Items of axis "{path}" have incompatible type {shown}; expected {wanted}', values)


def _repeated(call: _Call, done: dict[tuple[Step, ...], str], steps: tuple[Step, ...], path: str, key: Context) -> bool:
    """The same path spelt twice, or a parent after a path under it: the runtime refuses both. (A key written
    twice the same way is one key of the dict: the runtime never sees the first.)"""
    first = done.get(steps)
    if first is not None and first != path:
        call.fail(f'Path "{path}": set twice (as "{first}" and "{path}"); keep one of them', key)
        return True
    under = next((w for s, w in done.items() if len(s) > len(steps) and s[: len(steps)] == steps), None)
    if under is not None:
        call.fail(f'Path "{path}": set after "{under}", which it would replace; put "{path}" first', key)
        return True
    done[steps] = path
    return False


def _members(typ: Type) -> list[ProperType]:
    """The types a value may have (a union's members), `None` left out: a path under an `Optional` sub-config is
    accepted, and refused at run time only when the value is `None`."""
    proper = get_proper_type(typ)
    items = [get_proper_type(t) for t in proper.items] if isinstance(proper, UnionType) else [proper]
    return [t for t in items if not isinstance(t, NoneType)]


def _config(typ: Type) -> bool:
    proper = get_proper_type(typ)
    return isinstance(proper, Instance) and METADATA in proper.type.metadata


def _unknown(typ: ProperType) -> bool:
    """A type that may hold anything, a config too (`Any`, `object`, a protocol, a type variable): the walk stops
    without an error."""
    if isinstance(typ, Instance):
        info = typ.type
        return (
            info.fullname == "builtins.object"
            or info.is_protocol
            or METADATA not in info.metadata
            and TAG in info.metadata
        )
    return not isinstance(typ, (TupleType, LiteralType, CallableType, Overloaded, TypeType))


def _variadic(typ: TupleType) -> bool:
    return any(isinstance(get_proper_type(t), UnpackType) or isinstance(t, UnpackType) for t in typ.items)


def _supertype(inst: Instance, fullname: str) -> Instance | None:
    for info in inst.type.mro:
        if info.fullname == fullname:
            return map_instance_to_supertype(inst, info)
    return None


def _member_type(inst: Instance, name: str) -> Type:
    """The type of field `name` of a config instance, type arguments applied."""
    sym = inst.type.get(name)
    if sym is None or not isinstance(sym.node, Var) or sym.node.type is None:
        return AnyType(TypeOfAny.special_form)
    return _applied(inst, sym.node.info, sym.node.type)


def _init_type(inst: Instance, name: str) -> Type | None:
    """The type the class's `__init__` takes for field `name` (`Pin[T]` for a derived field)."""
    sym = inst.type.get("__init__")
    node = sym.node if sym is not None else None
    if not isinstance(node, FuncDef) or not isinstance(node.type, CallableType):
        return None
    for arg_name, arg_type in zip(node.type.arg_names, node.type.arg_types):
        if arg_name == name:
            return _applied(inst, node.info, arg_type)
    return None


def _applied(inst: Instance, owner: TypeInfo, typ: Type) -> Type:
    if owner is not inst.type and owner in inst.type.mro:
        inst = map_instance_to_supertype(inst, owner)
    return expand_type_by_instance(typ, inst)


def _is_pin(typ: Type) -> bool:
    proper = get_proper_type(typ)
    return isinstance(proper, Instance) and proper.type.fullname in PIN


def _unknown_field(info: TypeInfo, name: str, here: str, rest: str) -> str:
    """No field `name` in the config class: its environment, or the runtime's "did you mean", nested names too."""
    sym = info.get(name)
    env = get_proper_type(sym.node.type) if sym is not None and isinstance(sym.node, Var) and sym.node.type else None
    if isinstance(env, Instance) and ENVIRONMENT in env.type.metadata:
        return f'"{info.name}.{name}" is the environment ("{env.type.name}"), not a field; set its variables instead'
    names: list[str] = info.metadata[METADATA]["fields"]
    nested = _nested_paths(info)
    choices = [p for p in nested if p.rsplit(".", 1)[-1] == name][:3] or difflib.get_close_matches(name, names, 1)
    if not choices:
        lasts = {p.rsplit(".", 1)[-1]: p for p in reversed(nested)}  # the shallowest path for each name
        choices = [lasts[n] for n in difflib.get_close_matches(name, list(lasts), 1)]
    problem = f'"{info.name}" has no field "{name}"'
    prefix = here + "." if here else ""
    if choices:
        return problem + "; did you mean " + " or ".join(f'"{prefix}{c}{rest}"' for c in choices) + "?"
    return problem + (f"; its fields are: {', '.join(names)}" if names else "")


def _nested_paths(info: TypeInfo) -> list[str]:
    """Paths (`training.steps`) of the fields of sub-config classes below `info`, a few levels deep, as at run time."""
    found: list[str] = []
    level: list[tuple[str, TypeInfo]] = [("", info)]
    for _ in range(_SEARCH_DEPTH):
        deeper: list[tuple[str, TypeInfo]] = []
        for prefix, cls in level:
            meta = cls.metadata[METADATA]
            for name in meta["fields"]:
                if prefix:
                    found.append(prefix + name)
                sym = cls.get(name)
                if name in meta["pinned"] or sym is None or not isinstance(sym.node, Var) or sym.node.type is None:
                    continue
                for member in _members(sym.node.type):
                    if isinstance(member, Instance) and METADATA in member.type.metadata:
                        deeper.append((f"{prefix}{name}.", member.type))
            if len(found) > _SEARCH_LIMIT:
                return found
        level = deeper
    return found


def _current_target(checker: TypeChecker) -> str:
    """The daemon's unit of rechecking that holds the call: its outermost function or method, else the module."""
    for frame in getattr(checker.scope, "stack", ()):
        if isinstance(frame, FuncItem) and not isinstance(frame, LambdaExpr):
            return frame.fullname
    return checker.tree.fullname


@contextmanager
def _scratch_types(checker: TypeChecker) -> Iterator[None]:
    """Types inferred inside go to a scratch map (a context manager method in mypy 1.8, an object in later ones)."""
    local: Any = getattr(checker, "local_type_map")
    with local() if callable(local) else local:
        yield
