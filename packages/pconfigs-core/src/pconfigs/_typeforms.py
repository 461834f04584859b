"""Annotation forms: the one module that knows which type forms exist and what each means at run time.

Everything that looks inside an annotation lives here, its text form aside, so a new form is one edit here (and
one in `_caster` for its text): evaluating annotations written as strings (`evaluate`), recognising `ClassVar`,
forward references, unions and `Optional` (`is_classvar`, `has_forward_ref`, `union_members`, `split_optional`),
reading a function's parameter types (`type_hints`), checking a value (`compile_check`), naming a type as a user
writes it (`describe`) and explaining which element of a value fails (`explain`, `hint_for`). Turning text into a
typed value (DESIGN 6.1) reads annotations through this module but lives in `_caster`, which only overrides and
`@penv` load.

Runtime type checks of field values against their annotations:

Each annotation is compiled once, when its class is first built, into a predicate. Predicates are plain closures
over the element predicates, so checking a `list[float]` is one `isinstance` and one pass over the list. Only
when a predicate fails is the value walked again by `explain`, to name the innermost offending element.

What is judged: classes (config classes and enums included), `None`, `Any`/`object`, `Optional`/`Union`/`X | Y`,
`Literal`, `list`/`tuple`/`dict`/`set`/`frozenset` and their `collections.abc` counterparts with element types,
`type[X]`, `Callable`, `Annotated` (its first argument), `NewType` (its supertype) and `runtime_checkable`
protocols. Numbers follow the numeric tower: `int` accepts any integral number but not `bool`, `float` accepts
integral and real numbers but not `bool`. Annotations that cannot be judged at run time (type variables, plain
protocols, strings that are not resolvable) are accepted without a check.
"""

from __future__ import annotations

import collections.abc as abc
import enum
import sys
import types
import typing
from collections.abc import Callable, Mapping
from typing import Any, ClassVar, TypeGuard, Union

from ._errors import safe_repr

__all__ = [
    "Check",
    "compile_check",
    "describe",
    "evaluate",
    "explain",
    "has_forward_ref",
    "hint_for",
    "is_classvar",
    "split_optional",
    "type_hints",
    "type_name",
    "union_members",
]

Check = Callable[[object], bool]

_UNION_TYPES: tuple[Any, ...] = (Union, types.UnionType)
# typing_extensions is not imported here (it costs start-up time); its forms count only where the user imported it.
_LITERALS: tuple[Any, ...] = (typing.Literal,)
_ANNOTATED: tuple[Any, ...] = (typing.Annotated,)
_ANYS: tuple[Any, ...] = (Any,)
_SEQUENCES: dict[Any, Any] = {
    list: list,
    set: set,
    frozenset: frozenset,
    abc.Sequence: abc.Sequence,
    abc.MutableSequence: abc.MutableSequence,
    abc.Set: abc.Set,
    abc.MutableSet: abc.MutableSet,
    abc.Collection: abc.Collection,
    abc.Iterable: abc.Iterable,
}
_MAPPINGS: dict[Any, Any] = {dict: dict, abc.Mapping: abc.Mapping, abc.MutableMapping: abc.MutableMapping}


# -- reading annotations -----------------------------------------------------------------------------------------


def evaluate(annotation: object, owner: type, localns: Mapping[str, Any] | None) -> Any:
    """Evaluate an annotation (a string, or an object holding string forward references) in `owner`'s module."""
    module = sys.modules.get(owner.__module__)
    names = dict(localns or {})
    names.setdefault(owner.__name__, owner)
    return _evaluate_in(annotation, vars(module) if module is not None else {}, names)


def _evaluate_in(annotation: object, globalns: Mapping[str, Any], localns: Mapping[str, Any] | None) -> Any:
    def holder() -> None: ...

    holder.__annotations__ = {"x": annotation}
    return typing.get_type_hints(holder, dict(globalns), dict(localns or {}), include_extras=True)["x"]


def is_classvar(annotation: object) -> bool:
    """Whether an annotation (maybe still a string) is `ClassVar` or `ClassVar[...]`."""
    if isinstance(annotation, str):
        text = annotation.strip()
        for prefix in ("typing.", "typing_extensions.", ""):
            if text.startswith(prefix + "ClassVar") and text[len(prefix) + 8 : len(prefix) + 9] in ("", "["):
                return True
        return False
    return annotation is ClassVar or typing.get_origin(annotation) is ClassVar


def has_forward_ref(annotation: object) -> bool:
    """Whether an annotation is, or holds, a string or `ForwardRef` still to be evaluated."""
    if isinstance(annotation, (str, typing.ForwardRef)):
        return True
    return any(has_forward_ref(a) for a in typing.get_args(annotation))


def union_members(tp: Any) -> list[Any]:
    """The members of a union, flattened (`Annotated` unwrapped); any other annotation is its own only member."""
    origin = typing.get_origin(tp)
    if origin in _ANNOTATED:
        return union_members(typing.get_args(tp)[0])
    if origin in _UNION_TYPES:
        return [m for a in typing.get_args(tp) for m in union_members(a)]
    return [tp]


def split_optional(tp: Any) -> tuple[bool, Any]:
    """(whether `None` is allowed, the annotation without `None`) for `Optional[T]` / `T | None` / any other."""
    origin = typing.get_origin(tp)
    if origin in _UNION_TYPES:
        args = typing.get_args(tp)
        rest = tuple(a for a in args if a is not type(None))
        if len(rest) < len(args):
            return True, rest[0] if len(rest) == 1 else Union[rest]
    return False, tp


def type_hints(fn: Any) -> dict[str, Any]:
    """A function's parameter annotations, evaluated where possible (an unresolvable one is left out)."""
    try:
        return typing.get_type_hints(fn, include_extras=True)
    except Exception:
        pass
    out = {}
    module = sys.modules.get(getattr(fn, "__module__", "") or "")
    globalns = getattr(fn, "__globals__", None) or (vars(module) if module is not None else {})
    for key, annotation in getattr(fn, "__annotations__", {}).items():
        if not isinstance(annotation, str):
            out[key] = annotation
            continue
        try:
            out[key] = _evaluate_in(annotation, globalns, None)
        except Exception:
            continue
    return out


# -- checking values -----------------------------------------------------------------------------------------------


def _is_int(v: object) -> bool:
    return v.__class__ is int or ((number := _number_abc("Integral")) is not None and _is_a(v, number))


def _is_float(v: object) -> bool:
    return v.__class__ in (float, int) or ((number := _number_abc("Real")) is not None and _is_a(v, number))


def _is_complex(v: object) -> bool:
    return v.__class__ in (complex, float, int) or ((number := _number_abc("Complex")) is not None and _is_a(v, number))


def _is_a(v: object, number: type) -> bool:
    return isinstance(v, number) and not isinstance(v, bool)


def _number_abc(name: str) -> Any:
    """`numbers.<name>`, or None while nothing has imported `numbers`. Until then no value but the builtin numbers
    can be one (a class becomes a `numbers.Real` by subclassing it or registering with it, which imports `numbers`:
    numpy and `fractions` do), so checking builtin values and `None` never loads the module."""
    numbers = sys.modules.get("numbers")
    return None if numbers is None else getattr(numbers, name)


def _origin(tp: object) -> Any:
    return typing.get_origin(tp)


def _args(tp: object) -> tuple[Any, ...]:
    return typing.get_args(tp)


def _adopt_typing_extensions() -> None:
    """Count typing_extensions' own Literal, Annotated and Any once the user's code has imported it."""
    global _LITERALS, _ANNOTATED, _ANYS
    te = sys.modules.get("typing_extensions")
    if te is not None and getattr(te, "Literal", None) not in _LITERALS:
        _LITERALS = (*_LITERALS, te.Literal)
        _ANNOTATED = (*_ANNOTATED, te.Annotated)
        _ANYS = (*_ANYS, te.Any)


def compile_check(tp: object) -> Check | None:
    """A predicate for values of annotation `tp`, or `None` when every value is accepted."""
    _adopt_typing_extensions()
    return _compile(tp)


def _compile(tp: object) -> Check | None:
    if tp is object or any(tp is a for a in _ANYS):
        return None
    if tp is None or tp is type(None):
        return lambda v: v is None
    origin = _origin(tp)
    if origin in _ANNOTATED:
        return _compile(_args(tp)[0])
    if origin in _UNION_TYPES:
        parts = [_compile(a) for a in _args(tp)]
        if any(p is None for p in parts):
            return None
        checks = tuple(p for p in parts if p is not None)
        return lambda v: any(c(v) for c in checks)
    if origin in _LITERALS:
        allowed = tuple(_args(tp))
        return lambda v: any(type(v) is type(a) and v == a for a in allowed)
    if origin is tuple:
        args = _args(tp)
        if not args:
            return lambda v: isinstance(v, tuple)
        if len(args) == 2 and args[1] is Ellipsis:
            each_item = _compile(args[0])
            if each_item is None:
                return lambda v: isinstance(v, tuple)
            each_fn: Check = each_item
            return lambda v: isinstance(v, tuple) and all(each_fn(x) for x in v)
        if args == ((),):
            return lambda v: v == ()
        items = tuple(_compile(a) for a in args)
        size = len(items)
        return lambda v: isinstance(v, tuple) and len(v) == size and all(c is None or c(x) for c, x in zip(items, v))
    if origin in _SEQUENCES:
        container = _SEQUENCES[origin]
        args = _args(tp)
        each = _compile(args[0]) if args else None
        if container is abc.Sequence:
            base_check: Check = lambda v: isinstance(v, abc.Sequence) and not isinstance(v, (str, bytes))
        else:
            base_check = lambda v: isinstance(v, container)
        if each is None:
            return base_check
        if container is abc.Iterable:
            return base_check
        return lambda v: base_check(v) and all(each(x) for x in v)  # type: ignore[attr-defined]
    if origin in _MAPPINGS:
        container = _MAPPINGS[origin]
        args = _args(tp)
        key = _compile(args[0]) if args else None
        val = _compile(args[1]) if len(args) > 1 else None
        if key is None and val is None:
            return lambda v: isinstance(v, container)
        k = key or (lambda x: True)
        w = val or (lambda x: True)
        return lambda v: isinstance(v, container) and all(k(a) and w(b) for a, b in v.items())
    if origin is type:
        args = _args(tp)
        target = args[0] if args else object
        if not isinstance(target, type):
            return lambda v: isinstance(v, type)
        return lambda v: isinstance(v, type) and issubclass(v, target)
    if origin is abc.Callable or tp is abc.Callable or tp is typing.Callable:
        return callable
    if origin is not None:
        # A user generic such as `Box[int]`: judge the class, not its parameters.
        return _compile(origin)
    if isinstance(tp, typing.TypeVar) or isinstance(tp, str) or isinstance(tp, typing.ForwardRef):
        return None
    supertype = getattr(tp, "__supertype__", None)
    if supertype is not None and callable(tp):  # NewType
        return _compile(supertype)
    if isinstance(tp, type):
        if tp is int:
            return _is_int
        if tp is float:
            return _is_float
        if tp is complex:
            return _is_complex
        if getattr(tp, "_is_protocol", False) and not getattr(tp, "_is_runtime_protocol", False):
            return None
        cls = tp
        return lambda v: isinstance(v, cls)
    return None


def describe(tp: object) -> str:
    """An annotation as a user would write it: `int | None`, `list[float]`, `Literal['a', 'b']`."""
    if tp is None or tp is type(None):
        return "None"
    if any(tp is a for a in _ANYS):
        return "Any"
    if tp is Ellipsis:
        return "..."
    origin = _origin(tp)
    if origin in _ANNOTATED:
        return describe(_args(tp)[0])
    if origin in _UNION_TYPES:
        return " | ".join(describe(a) for a in _args(tp))
    if origin in _LITERALS:
        return "Literal[" + ", ".join(repr(a) for a in _args(tp)) + "]"
    if origin is not None:
        args = _args(tp)
        name = getattr(origin, "__qualname__", None) or str(origin)
        if origin is abc.Callable:
            return "Callable"
        if not args:
            return name
        return f"{name}[" + ", ".join(describe(a) if a != () else "()" for a in args) + "]"
    if isinstance(tp, type):
        return tp.__qualname__
    if isinstance(tp, typing.ForwardRef):
        return tp.__forward_arg__
    return getattr(tp, "__name__", None) or repr(tp)


def type_name(value: object) -> str:
    return type(value).__qualname__


def explain(tp: object, value: object) -> tuple[str, object, object]:
    """For a value that fails `tp`: (path below the field, expected annotation, offending value), innermost part."""
    origin = _origin(tp)
    if origin in _ANNOTATED:
        return explain(_args(tp)[0], value)
    if origin in _UNION_TYPES:
        members = [a for a in _args(tp) if a is not type(None)]
        if len(members) == 1 and value is not None:
            inner = members[0]
            check = compile_check(inner)
            if check is not None and _container_matches(inner, value):
                path, expected, got = explain(inner, value)
                if path:
                    return path, expected, got
        return "", tp, value
    if origin in _SEQUENCES or origin is tuple:
        if _container_matches(tp, value):
            element_args = _args(tp)
            assert isinstance(value, abc.Iterable)
            if origin is tuple and not (len(element_args) == 2 and element_args[1] is Ellipsis):
                if len(value) != len(element_args):  # type: ignore[arg-type]
                    return "", tp, value
                element_types = list(element_args)
            else:
                element_types = [element_args[0]] * len(value) if element_args else []  # type: ignore[arg-type]
            ordered = sorted(value, key=safe_repr) if isinstance(value, abc.Set) else value
            for i, (item, item_tp) in enumerate(zip(ordered, element_types)):
                check = compile_check(item_tp)
                if check is not None and not check(item):
                    path, expected, got = explain(item_tp, item)
                    where = f"[{i}]" if not isinstance(value, abc.Set) else f"{{{safe_repr(item)}}}"
                    return where + path, expected, got
        return "", tp, value
    if origin in _MAPPINGS:
        if _container_matches(tp, value):
            args = _args(tp)
            assert isinstance(value, abc.Mapping)
            key_check = compile_check(args[0]) if args else None
            val_check = compile_check(args[1]) if len(args) > 1 else None
            for k, v in value.items():
                if key_check is not None and not key_check(k):
                    path, expected, got = explain(args[0], k)
                    return f" key {safe_repr(k)}" + path, expected, got
                if val_check is not None and not val_check(v):
                    path, expected, got = explain(args[1], v)
                    return f"[{safe_repr(k)}]" + path, expected, got
        return "", tp, value
    return "", tp, value


def _container_matches(tp: object, value: object) -> bool:
    origin = _origin(tp) or tp
    if origin is tuple:
        return isinstance(value, tuple)
    container = _SEQUENCES.get(origin) or _MAPPINGS.get(origin)
    if container is None:
        return False
    if container is abc.Sequence and isinstance(value, (str, bytes)):
        return False
    return isinstance(value, container)


def hint_for(tp: object, value: object) -> str | None:
    """A targeted hint for a common mistake, if there is one."""
    if isinstance(value, str):
        check = compile_check(tp)
        for parse in (int, float):
            try:
                parsed = parse(value)
            except ValueError:
                continue
            if check is not None and check(parsed):
                return "drop the quotes"
    if isinstance(value, bool) and tp in (int, float):
        return f"pass a number, not a bool (True is not accepted as {describe(tp)})"
    return None


def _supertype(tp: object) -> Any:
    while callable(tp) and getattr(tp, "__supertype__", None) is not None:  # NewType
        tp = getattr(tp, "__supertype__")
    return tp


def _is_path(tp: object) -> TypeGuard[type]:
    pathlib = sys.modules.get("pathlib")  # no annotation can name a path before pathlib is imported
    return pathlib is not None and isinstance(tp, type) and issubclass(tp, pathlib.PurePath)


def _is_enum(tp: object) -> TypeGuard[type[enum.Enum]]:
    return isinstance(tp, type) and issubclass(tp, enum.Enum)


def _takes_anything(tp: object) -> bool:
    return tp is object or any(tp is a for a in _ANYS) or isinstance(tp, typing.TypeVar)
