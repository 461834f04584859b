"""`@pproperty`: a method that computes a field from the others, and how its dependencies are found.

Dependencies are the `self.<name>` reads in the method's source, followed through helper methods of the class
(so a cycle behind a helper is usually caught when the class is defined), plus `deps=` for what source cannot
show. The analysis reads source once per method, at class definition; nothing of it runs at construction. Helpers
and nested code are followed with explicit stacks, so a long chain of helpers costs no recursion.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterable
from types import CodeType
from typing import Any, Generic, TypeVar, overload

from pconfigs._extension import compose

__all__ = ["pproperty", "PProperty", "reads_of"]

R = TypeVar("R")


class PProperty(Generic[R]):
    """A method computing the field of the same name (removed from the class by the decorator)."""

    __slots__ = ("fn", "deps", "name")

    def __init__(self, fn: Callable[[Any], R], deps: Iterable[str] = ()) -> None:
        self.fn = fn
        self.deps = tuple(deps)
        self.name: str = fn.__name__

    def __repr__(self) -> str:
        return f"<pproperty {self.fn.__qualname__}>"


@overload
def pproperty(fn: Callable[[Any], R], /) -> R: ...


@overload
def pproperty(*, deps: Iterable[str] | str = ()) -> Callable[[Callable[[Any], R]], R]: ...


def pproperty(fn: Any = None, /, *, deps: Iterable[str] | str = ()) -> Any:
    """Compute the field named like the method: `lr_schedule: Pinned[list[float]]` + `@pproperty def lr_schedule`.

    `deps=["name", ...]` adds dependencies that the method's source does not show (`getattr`, other objects).
    """
    deps = (deps,) if isinstance(deps, str) else tuple(deps)  # one name alone, as the earlier pconfigs allowed
    if fn is None:
        return lambda f: PProperty(f, deps)
    if not callable(fn):
        raise TypeError(
            compose(
                f"@pproperty: expected a method, got {type(fn).__qualname__}",
                hint="decorate a method: @pproperty def name(self) -> T: ...",
            )
        )
    return PProperty(fn, deps)


def _code_names(code: CodeType) -> set[str]:
    """Every attribute or global name the code (and the code nested in it) uses."""
    names: set[str] = set()
    pending = [code]
    while pending:
        current = pending.pop()
        names.update(current.co_names)
        pending.extend(const for const in current.co_consts if isinstance(const, CodeType))
    return names


def _self_reads(fn: Callable[..., Any]) -> set[str] | None:
    """The attributes `fn` reads on its first parameter, from its source.

    Without source (`python -c`, `exec`), every name its bytecode uses stands in: a superset, so the order stays
    right at the price of a possible false dependency. None when `fn` is not a Python function.
    """
    import ast  # at class definition only: keeps `import pconfigs.pinnable` cheap
    import textwrap

    try:
        source = textwrap.dedent(inspect.getsource(fn))
        tree = ast.parse(source)
    except (OSError, TypeError, SyntaxError):
        code = getattr(fn, "__code__", None)
        return _code_names(code) - {fn.__name__} if isinstance(code, CodeType) else None
    func = next((n for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))), None)
    if func is None or not func.args.args:
        return set()
    self_name = func.args.args[0].arg
    return {
        node.attr
        for node in ast.walk(func)
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == self_name
    }


def reads_of(prop: PProperty[Any], cls: type, fields: set[str]) -> set[str]:
    """The fields the method reads, directly or through helper methods of `cls`, plus its `deps=`."""
    found = set(prop.deps)
    own = _self_reads(prop.fn)
    if own is None:
        return found
    visited: set[str] = set()
    pending = [own]
    while pending:
        for name in pending.pop():
            if name in fields:
                found.add(name)
            elif name not in visited:
                visited.add(name)
                helper = _helper(cls, name)
                reads = _self_reads(helper) if helper is not None else None
                if reads:
                    pending.append(reads)
    return found


def _helper(cls: type, name: str) -> Callable[..., Any] | None:
    """The function behind a method or property `name` of `cls`, if it is one defined in Python."""
    for klass in cls.__mro__:
        if name in klass.__dict__:
            attr = klass.__dict__[name]
            if isinstance(attr, (staticmethod, classmethod)):
                return None
            if isinstance(attr, property):
                return attr.fget
            if inspect.isfunction(attr):
                return attr
            return None
    return None
