"""Annotation forms: the one module that knows which type forms exist and what each means at run time.

Everything that looks inside an annotation lives here, so a new form is one edit: evaluating annotations written
as strings (`evaluate`), recognising `ClassVar`, forward references, unions and `Optional` (`is_classvar`,
`has_forward_ref`, `union_members`, `split_optional`), reading a function's parameter types (`type_hints`),
checking a value (`compile_check`), naming a type as a user writes it (`describe`), explaining which element of a
value fails (`explain`, `hint_for`), and turning text into a typed value (`text_caster`, DESIGN 6.1).

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

import ast
import collections.abc as abc
import enum
import sys
import types
import typing
from collections.abc import Callable, Mapping, Sequence
from typing import Any, ClassVar, TypeGuard, Union

from ._errors import safe_repr, short_repr

__all__ = [
    "CastError",
    "Caster",
    "Check",
    "compile_check",
    "describe",
    "evaluate",
    "explain",
    "has_forward_ref",
    "hint_for",
    "is_classvar",
    "split_optional",
    "text_caster",
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


# -- text to value -------------------------------------------------------------------------------------------------
#
# One caster serves command-line overrides and `@penv` (DESIGN 6.1). Text is parsed with `ast` and a few node kinds
# are converted here, directed by the annotation: nothing is evaluated, and a display's elements are read for the
# element type (`[a]` for `list[str]` asks for quotes rather than guessing). A literal wins when the annotation
# accepts its value; else each union member, left to right, tries its word rule (bool words, a `str` or path's text,
# an enum's member name or value, `inf`/`nan`, a Literal's value).

Caster = Callable[[str], Any]


class CastError(ValueError):
    """The text does not fit the annotation. `expected` names the type (e.g. "an int", "a Device value"),
    `accepted` says what text would fit (e.g. "a whole number such as 2")."""

    def __init__(self, expected: str, accepted: str) -> None:
        super().__init__(expected, accepted)  # both in `args`, so the error pickles
        self.expected = expected
        self.accepted = accepted

    def __str__(self) -> str:
        return f"expected {self.expected}: {self.accepted}"


class _Miss(Exception):
    """A reading that does not fit; its text, when there is one, is added to the final error's accepted text."""


_MISS: Any = object()
_MAX_DEPTH = 100  # the parser stops at 200 nested brackets; converting stops well inside the recursion limit
# What parsing raises for text that is not Python, or too deep for the parser (its "too complex" is a MemoryError).
_UNPARSABLE = (SyntaxError, ValueError, RecursionError, MemoryError)
_NOT_EVALUATED = "only literals and the printer's forms are read; nothing is evaluated"
_BOOL_WORDS = {"true": True, "yes": True, "on": True, "1": True, "false": False, "no": False, "off": False, "0": False}
_FLOAT_WORDS = frozenset({"inf", "+inf", "-inf", "infinity", "+infinity", "-infinity", "nan"})
# Each scalar: what it is, what text it takes, its plural, and two example elements.
_SCALARS: dict[Any, tuple[str, str, str, tuple[str, str]]] = {
    bool: ("a bool", "true, false, yes, no, on, off, 1 or 0 (any case)", "bools", ("True", "False")),
    int: ("an int", "a whole number such as 2", "ints", ("2", "3")),
    float: ("a float", "a number such as 0.5", "floats", ("0.1", "0.2")),
    complex: ("a complex", "a number such as 2j or complex(0.5, 1.0)", "complex numbers", ("1j", "2j")),
    str: ("a str", "any text", "strings", ("'a'", "'b'")),
    bytes: ("a bytes", "a bytes literal such as b'data'", "bytes", ("b'a'", "b'b'")),
}
# Which annotation a display gives a value for, and the container built: (display written, origin) -> container.
_DISPLAYS: dict[tuple[type, Any], type] = {
    **{(list, o): list for o in (list, abc.Sequence, abc.MutableSequence, abc.Collection, abc.Iterable)},
    **{(tuple, o): tuple for o in (tuple, abc.Sequence, abc.Collection, abc.Iterable)},
    **{(set, o): set for o in (set, abc.MutableSet, abc.Set, abc.Collection, abc.Iterable)},
    **{(frozenset, o): frozenset for o in (frozenset, abc.Set, abc.Collection, abc.Iterable)},
    (set, frozenset): frozenset,  # `{"a"}` for a frozenset field: a display is read for the field's type
    **{(dict, o): dict for o in (dict, abc.Mapping, abc.MutableMapping)},
}
_WRITTEN: dict[type, type] = {ast.List: list, ast.Tuple: tuple, ast.Set: set, ast.Dict: dict}


def text_caster(
    tp: object, *, environment: bool = False, importer: Callable[[str], object] | None = None
) -> Caster | None:
    """A function from text to a value of annotation `tp` (raising CastError), or None when `tp` has no text form.

    With `environment`, the text is an environment variable's value: it never gives `None`, a `str` or path member
    takes the raw text even when it looks like a literal, and annotations whose values text cannot write out
    (configs, classes, callables, `Any`) have no text form. Otherwise (overrides) `@package.module.attr` names an
    object that `importer` imports; without an importer such references are refused.
    """
    _adopt_typing_extensions()
    if environment and not _has_text_form(tp):
        return None
    return _Reader(tp, environment, importer)


class _Reader:
    """Reads text for one annotation: built once per field, called once per text."""

    def __init__(self, tp: object, environment: bool, importer: Callable[[str], object] | None) -> None:
        self.tp = tp
        self.environment = environment
        self.importer = importer
        self.check = compile_check(tp)
        self.classes = _named_classes(tp)
        self.members = [m for m in union_members(tp) if not (environment and m is type(None))]

    def __call__(self, text: str) -> Any:
        stripped = text.strip()
        if stripped.startswith("@") and not self.environment:
            return self.reference(stripped[1:])
        word, detail = (text if self.environment else stripped), ""
        try:
            node = ast.parse(stripped, mode="eval").body
            if isinstance(node, ast.Tuple) and not _parenthesized(stripped):
                raise _Miss("commas separate values only inside brackets")
            value = self.literal(node, self.tp, stripped, 0)
        except _Miss as miss:
            detail = str(miss)
        except _UNPARSABLE:  # not Python: only the word rules can read it
            pass
        else:
            if type(value) is str and not self.environment:
                word = value  # the content of a quoted string is what the word rules read
            raw_only = value is None or type(value) is str or _is_path(type(value))
            if not (self.environment and raw_only) and (self.check is None or self.check(value)):
                return value
        for member in self.members:
            found = self.word(member, word, free=True)
            if found is not _MISS:
                return found
        raise self.error(detail)

    def error(self, detail: str = "") -> CastError:
        pairs = [_describe_member(m, self.importer is not None) for m in self.members]
        accepted = " or ".join(dict.fromkeys(a for _, a in pairs)) + (f"; {detail}" if detail else "")
        return CastError(" or ".join(e for e, _ in pairs), accepted)

    def reference(self, path: str) -> Any:
        """The object `@package.module.name` names, which must be a value of the annotation."""
        if self.importer is None:
            raise self.error("references (@package.module.name) are not accepted here")
        if not all(part.isidentifier() for part in path.split(".")) or "." not in path:
            raise self.error(f"a reference is @ and a dotted import path such as @package.module.name, not @{path}")
        found = self.importer(path)  # the importer's own errors say best what is missing, so they pass through
        if self.check is not None and not self.check(found):
            raise self.error(f"@{path} is {type_name(found)} {short_repr(found)}")
        return found

    def literal(self, node: ast.expr, tp: object, src: str, depth: int) -> Any:
        """The value a literal or a printer's form gives; displays read their elements for their element types."""
        if depth > _MAX_DEPTH:
            raise _Miss(f"nested more than {_MAX_DEPTH} levels deep")
        if isinstance(node, ast.Constant) and node.value is not Ellipsis:
            return node.value
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.UAdd, ast.USub)):
            number = node.operand.value if isinstance(node.operand, ast.Constant) else None
            if _is_complex(number):
                return -number if isinstance(node.op, ast.USub) else +number  # type: ignore[operator]
        elif isinstance(node, (ast.List, ast.Tuple, ast.Set, ast.Dict)):
            return self.display(node, tp, src, depth, _WRITTEN[type(node)])
        elif isinstance(node, ast.Call) and not node.keywords:
            return self.call(node, tp, src, depth)
        elif isinstance(node, (ast.Attribute, ast.Subscript)):
            return self.member(node)
        elif isinstance(node, ast.Name):
            raise _Miss()  # a bare word: only the word rules read it
        raise _Miss(_NOT_EVALUATED)

    def display(self, node: ast.expr, tp: object, src: str, depth: int, written: type) -> Any:
        miss = _Miss()
        for member in union_members(tp):
            origin = typing.get_origin(member) or member
            built = written if _takes_anything(member) else _DISPLAYS.get((written, origin))
            if built is None:
                continue
            annotations, each = _elements(member)
            try:
                if isinstance(node, ast.Dict):
                    key_tp, value_tp = annotations if len(annotations) == 2 else (Any, Any)
                    keys = [k for k in node.keys if k is not None]
                    if len(keys) < len(node.keys):
                        raise _Miss(_NOT_EVALUATED)  # `**mapping`
                    pairs = zip(keys, node.values)
                    return {
                        self.element(k, key_tp, src, depth): self.element(v, value_tp, src, depth) for k, v in pairs
                    }
                elements: list[ast.expr] = getattr(node, "elts")
                types_ = annotations[:1] * len(elements) if each else annotations
                if len(types_) != len(elements):
                    raise _Miss(f"the tuple holds {len(types_)} values, not {len(elements)}")
                return built(self.element(e, t, src, depth) for e, t in zip(elements, types_))
            except _Miss as exc:
                miss = exc if str(exc) or not str(miss) else miss  # keep the first reason given
            except TypeError:  # an unhashable set element or dict key
                miss = _Miss("set elements and dict keys must be hashable (tuples, not lists)")
        raise miss

    def element(self, node: ast.expr, tp: object, src: str, depth: int) -> Any:
        """One element of a display: a literal of its type, else a word its type reads (text must be quoted)."""
        word, free = _word(node, src), False
        if word is None:
            value = self.literal(node, tp, src, depth + 1)
            check = compile_check(tp)
            if check is None or check(value):
                return value
            if type(value) is str:
                word, free = value, True
            elif _is_complex(value):  # a number that is an enum's value: `[2]` for `list[Verbosity]`
                word = ast.get_source_segment(src, node)
            if word is None:
                raise _Miss()
        for member in union_members(tp):
            found = self.word(member, word, free)
            if found is not _MISS:
                return found
        if not free and any(_supertype(m) is str or _is_path(m) for m in union_members(tp)):
            raise _Miss(f"quote text inside brackets: {word!r}, not {word}")
        raise _Miss()

    def call(self, node: ast.Call, tp: object, src: str, depth: int) -> Any:
        """The printer's calls: `float("nan")`, `set()`, `frozenset({...})`, `complex(a, b)`, `Path("x")`, `E(v)`."""
        name, args = _dotted(node.func) or "", node.args
        text = args[0].value if len(args) == 1 and isinstance(args[0], ast.Constant) else None
        if name == "float" and isinstance(text, str) and text.strip().lower() in _FLOAT_WORDS:
            return float(text)
        if name in ("set", "frozenset") and len(args) <= (name == "frozenset"):
            inner = args[0] if args else ast.Set(elts=[])
            if isinstance(inner, ast.Set):
                return self.display(inner, tp, src, depth, set if name == "set" else frozenset)
        if name == "complex" and len(args) == 2:
            parts = [self.literal(a, float, src, depth + 1) for a in args]
            if all(_is_float(p) for p in parts):
                return complex(*parts)
        cls = self.classes.get(name)
        if _is_path(cls) and isinstance(text, str):
            return cls(text)
        if _is_enum(cls) and len(args) == 1:  # a member the printer cannot name by name: `Flags(3)`
            value = self.literal(args[0], Any, src, depth + 1)
            try:
                return cls(value)  # the enum's own lookup by value (a Flag combines members)
            except (ValueError, TypeError):
                raise _Miss(f"{name} has no member with the value {value!r}") from None
        raise _Miss(_NOT_EVALUATED)

    def member(self, node: ast.Attribute | ast.Subscript) -> Any:
        """An enum member as the printer writes it: `Device.cpu`, or `Mode["in"]` for a name that is not one."""
        index = node.slice.value if isinstance(node, ast.Subscript) and isinstance(node.slice, ast.Constant) else None
        name, owner = node.attr if isinstance(node, ast.Attribute) else index, _dotted(node.value)
        cls = self.classes.get(owner or "")
        if not (_is_enum(cls) and isinstance(name, str)):
            raise _Miss(_NOT_EVALUATED)
        if name not in cls.__members__:
            raise _Miss(f"{owner} has no member {name!r}")
        return cls.__members__[name]

    def word(self, member: object, text: str, free: bool) -> Any:
        """What `member`'s word rule makes of `text`, or _MISS. `free`: whether `str` and paths take any text."""
        member = _supertype(member)
        if member is bool:
            return _BOOL_WORDS.get(text.strip().lower(), _MISS)
        if member is str or _is_path(member):
            return member(text) if free else _MISS
        if member is float:
            return float(text.strip()) if text.strip().lower() in _FLOAT_WORDS else _MISS
        if _is_enum(member):
            if text in member.__members__:  # a name first: that is how the printer writes members
                return member.__members__[text]
            return self.among(list(member), [m.value for m in member], text)
        if typing.get_origin(member) in _LITERALS:
            return self.among(list(typing.get_args(member)), typing.get_args(member), text)
        return _MISS

    def among(self, results: list[Any], values: Sequence[Any], text: str) -> Any:
        """The result whose value the text is: a string value as is, any other cast to the value's type first."""
        for result, value in zip(results, values):
            cast = None if isinstance(value, str) else text_caster(type(value), environment=self.environment)
            try:
                found = cast(text) if cast is not None else text
            except CastError:
                continue
            if type(found) is type(value) and found == value:
                return result
        return _MISS


def _parenthesized(text: str) -> bool:
    """Whether text that parses as a tuple wrote its parentheses, `(1, 2)`, rather than bare commas, `1, 2`."""
    try:
        return len(getattr(ast.parse(f"({text}\n,)", mode="eval").body, "elts", ())) == 1
    except _UNPARSABLE:
        return False


def _word(node: ast.expr, src: str) -> str | None:
    """The text of a bare word (`cpu`, `inf`, `-inf`) written where a value goes."""
    if isinstance(node, ast.Name) or (isinstance(node, ast.UnaryOp) and isinstance(node.operand, ast.Name)):
        return ast.get_source_segment(src, node)
    return None


def _dotted(node: ast.expr) -> str | None:
    parts = []
    while isinstance(node, ast.Attribute):  # a loop, not recursion: the chain may be long
        parts.append(node.attr)
        node = node.value
    return ".".join([node.id, *reversed(parts)]) if isinstance(node, ast.Name) else None


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


def _kind(tp: object) -> type | None:
    """The container a display gives for a container annotation (`list` for `Sequence[int]`), else None."""
    origin = typing.get_origin(tp) or tp
    return next((_DISPLAYS[k, origin] for k in (list, tuple, set, dict) if (k, origin) in _DISPLAYS), None)


def _elements(tp: object) -> tuple[list[Any], bool]:
    """A container annotation's element annotations, and whether the first is for every element (else: a tuple's)."""
    origin, args = typing.get_origin(tp) or tp, list(typing.get_args(tp))
    if origin in _MAPPINGS:
        return args or [Any, Any], False
    if origin is tuple and args and args[-1] is not Ellipsis:
        return [] if args == [()] else args, False
    return args[:1] or [Any], True


def _named_classes(tp: object) -> dict[str, type]:
    """The enum and path classes an annotation names, by `__name__` and `__qualname__`: its printed forms use them."""
    found: dict[str, type] = {}
    todo = [tp]
    while todo:
        item = _supertype(todo.pop())
        args = typing.get_args(item)
        for arg in [type(v) for v in args] if typing.get_origin(item) in _LITERALS else args:
            todo.extend(arg if isinstance(arg, list) else [arg])  # Callable[[int], str] holds a list
        if _is_enum(item) or _is_path(item):
            found[item.__name__] = found[item.__qualname__] = item
            if _is_path(item):
                found.setdefault("Path", sys.modules["pathlib"].Path)
    return found


def _has_text_form(tp: object, loose: bool = False) -> bool:
    """Whether text writes out the values of `tp` without naming objects: what an environment variable can hold
    (`loose`: also counting `Any`, which overrides write as any literal)."""
    members = [_supertype(m) for m in union_members(tp) if m is not type(None)]
    return bool(members) and all(_member_has_text_form(m, loose) for m in members)


def _member_has_text_form(tp: object, loose: bool) -> bool:
    if tp in _SCALARS or typing.get_origin(tp) in _LITERALS or _is_path(tp) or _is_enum(tp):
        return True
    if _kind(tp) is not None:
        return all(_has_text_form(a, loose) for a in _elements(tp)[0])
    return loose and _takes_anything(tp)


def _article(noun: str) -> str:
    return ("an " if noun[:1].lower() in "aeiou" else "a ") + noun


def _one_of(values: Sequence[object]) -> str:
    return "one of " + ", ".join(repr(text) for text in dict.fromkeys(str(v) for v in values))


def _describe_member(tp: object, references: bool) -> tuple[str, str]:
    """(What a value of one union member is, what text gives one); `references`: whether `@...` is read."""
    plain, name = _supertype(tp), _article(describe(tp))
    if tp is None or tp is type(None):
        return "None", "None"
    if plain in _SCALARS:
        return _SCALARS[plain][0], _SCALARS[plain][1]
    if _is_enum(plain):
        names_and_values = [*plain.__members__, *(m.value for m in plain)]
        return f"a {plain.__qualname__} value", _one_of(names_and_values) + " (a name or a value)"
    if typing.get_origin(plain) in _LITERALS:
        return _one_of(typing.get_args(plain)), _one_of(typing.get_args(plain))
    if _is_path(plain):
        return name, "a path such as data/train.csv"
    if _takes_anything(plain):
        literal = "a Python literal such as 2, 'text' or [1, 2]"
        return "a value", literal + (", or @package.module.name" if references else "")
    kind = _kind(plain)
    if kind is None or not _has_text_form(plain, loose=True):
        return name, f"@package.module.name (a reference to {name})"
    elements, each = _elements(plain)
    nouns = _plural(elements[0]) if each else ", ".join(describe(a) for a in elements)  # a tuple's, one by one
    if kind is dict:
        nouns = f"{_plural(elements[0])} to {_plural(elements[1])}"
    brackets = "parentheses" if kind is tuple else "brackets" if kind is list else "braces"
    return name, f"{_article(kind.__name__)} of {nouns} in {brackets}, such as {_example(plain)}"


def _plural(tp: object) -> str:
    plain = _supertype(tp)
    return _SCALARS[plain][2] if plain in _SCALARS else "paths" if _is_path(plain) else f"{describe(tp)} values"


def _example(tp: object, second: bool = False) -> str:
    """Text for one value of `tp` (`second`: another one), to show the form of a container's elements."""
    plain = _supertype(next((m for m in union_members(tp) if m is not type(None)), tp))
    if plain in _SCALARS:
        return _SCALARS[plain][3][second]
    forms = [repr(v) for v in typing.get_args(plain)] if typing.get_origin(plain) in _LITERALS else []
    if _is_enum(plain):
        forms = [f"{plain.__name__}.{n}" if n.isidentifier() else f"{plain.__name__}[{n!r}]" for n in plain.__members__]
    if forms:
        return forms[min(int(second), len(forms) - 1)]
    kind = _kind(plain)
    if kind is None:
        return ("'a'", "'b'")[second] if _is_path(plain) else ("2", "'a'")[second]
    elements, each = _elements(plain)
    if kind is dict:
        return f"{{{_example(elements[0])}: {_example(elements[1])}}}"
    items = [_example(elements[0]), _example(elements[0], True)] if each else [_example(a) for a in elements]
    text = ", ".join(items) + ("," if kind is tuple and len(items) == 1 else "")
    return f"({text})" if kind is tuple else f"[{text}]" if kind is list else f"{{{text}}}"
