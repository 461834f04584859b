"""Text to a typed value: the one caster of command-line overrides and `@penv` (DESIGN 6.1).

Text is parsed with `ast` and a few node kinds are converted here, directed by the annotation: nothing is
evaluated, and a display's elements are read for the element type (`[a]` for `list[str]` asks for quotes rather
than guessing). A literal wins when the annotation accepts its value; else each union member, left to right, tries
its word rule (bool words, a `str` or path's text, an enum's member name or value, `inf`/`nan`, a Literal's value).

What an annotation means (its members, its checks, how it is named) is `_typeforms`'; this module only reads text.
It is loaded on first use: by the first override or the first `@penv` class, never by `import pconfigs`.
"""

from __future__ import annotations

import ast
import collections.abc as abc
import sys
import typing
from collections.abc import Callable, Sequence
from typing import Any

from ._errors import short_repr
from ._typeforms import (
    _LITERALS,
    _MAPPINGS,
    _adopt_typing_extensions,
    _is_complex,
    _is_enum,
    _is_float,
    _is_path,
    _supertype,
    _takes_anything,
    compile_check,
    describe,
    type_name,
    union_members,
)

__all__ = ["CastError", "Caster", "text_caster"]

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
