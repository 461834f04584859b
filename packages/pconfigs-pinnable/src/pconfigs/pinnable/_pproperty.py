"""`@pproperty`: a method that computes a field from the others, and how its dependencies are found.

Dependencies are the `self.<name>` reads in the method's code, followed through helper methods of the class
(so a cycle behind a helper is usually caught when the class is defined), plus `deps=` for what code cannot
show (`getattr`, other objects). The analysis reads each method's bytecode once, at class definition; nothing of it
runs at construction. Helpers and nested code are followed with explicit stacks, so a long chain of helpers costs
no recursion.
"""

from __future__ import annotations

import dis
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


def _self_reads(fn: Callable[..., Any]) -> set[str] | None:
    """The attributes `fn` reads on its first parameter (`self.<name>`), from its bytecode, in nested code too
    (lambdas, comprehensions, inner functions) where the name still means the same parameter.

    Bytecode, not source: it is there for every Python function (also from `exec` or a notebook), and reading it is
    several times cheaper than finding and parsing source. None when `fn` is not a Python function."""
    code = getattr(fn, "__code__", None)
    if not isinstance(code, CodeType):
        return None
    if not code.co_argcount:
        return set()
    self_name = code.co_varnames[0]
    reads: set[str] = set()
    pending = [code]
    while pending:
        current = pending.pop()
        loaded_self = False
        for ins in dis.get_instructions(current):
            if loaded_self and ins.opname in _ATTRIBUTE_READS:
                reads.add(ins.argval)
            loaded = ins.argval
            if isinstance(loaded, tuple) and loaded:  # LOAD_FAST_LOAD_FAST (3.13+): the second is on top
                loaded = loaded[-1]
            loaded_self = loaded == self_name and ins.opname.startswith(_LOADS)
        for const in current.co_consts:
            # nested code that binds the name itself (its own parameter or local) reads something else
            if isinstance(const, CodeType) and self_name not in const.co_varnames:
                pending.append(const)
    return reads


_ATTRIBUTE_READS = frozenset({"LOAD_ATTR", "LOAD_METHOD"})
# Instructions that push a local or a closed-over variable (3.10 to 3.14 spell them differently).
_LOADS = ("LOAD_FAST", "LOAD_DEREF", "STORE_FAST_LOAD_FAST")


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
