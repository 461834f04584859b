"""`@penum`: enumerations whose members print as code.

```python
@penum
class Activation:
    relu = "relu"
    gelu = "gelu"
```

makes a real `enum.Enum`: `Activation("relu")`, `Activation.make("relu")`, `Activation.relu`, iteration in
declaration order, `isinstance(x, enum.Enum)`, pickling by name. Configs check enum fields with `isinstance` like
any class, so nothing else in pconfigs needs to know about penum.

Why a decorator rather than `class Activation(enum.Enum)`: the `repr` of a plain enum member is
`<Activation.relu: 'relu'>`, which is not Python; a penum member's `repr` is `Activation.relu`, so a printed config
is code you can paste. An unknown value is a `ValueError` that lists the valid values instead of only saying
"not a valid Activation".

Decisions:

* A class body of `name = value` lines becomes a new `Enum` class with the same name, qualified name, module,
  docstring and methods (an `Enum` needs its own metaclass, so the user's class object cannot be kept; the
  decorator's result replaces it under the same name, which is what pickling and importing look up). Which names
  become members follows `enum` itself: not dunders or sunders, not functions or descriptors. Bases other than
  `object` are kept as mix-ins (`class Mode(str)` gives a `str` enum).
* On a class that already is an `Enum` the decorator works in place (the members must stay the very objects other
  code holds): it adds `make`, the `repr`, and the clearer unknown-value error, keeping a `__repr__` the class
  defines itself; the class's own or inherited `_missing_` is asked first (so `Flag` combinations still work).
  Applying it twice changes nothing.
* `Cls.make(value)` is exactly `Cls(value)`; it exists because type checkers read it as returning `Cls`.
* The `repr` is `Qualname.member`; a member that is not reachable by its name (a combination of `Flag` members)
  is written `Qualname(value)`, which is also valid Python.
* A class with no members, or with a member named `make`, is refused when decorated (`TypeError`).
"""

from __future__ import annotations

import enum
import sys
from collections.abc import Callable
from typing import Any, TypeVar, overload

from ._errors import compose, did_you_mean, require_class, short_repr
from ._site import Site, caller_site

__all__ = ["penum"]

E = TypeVar("E", bound=type)

_SKIPPED = frozenset({"__dict__", "__weakref__", "__module__", "__qualname__"})
_ENUM_FILE = enum.__file__


@overload
def penum(cls: E, /) -> E: ...


@overload
def penum() -> Callable[[E], E]: ...


def penum(cls: Any = None, /) -> Any:
    """Make `cls` an `enum.Enum` whose members' `repr` is `Cls.member`; see the module docstring."""
    site = caller_site(1)
    if cls is None:
        return lambda c: _make_enum(c, site)
    return _make_enum(cls, site)


def _make_enum(cls: Any, site: Site) -> Any:
    require_class("@penum", cls, site, "@penum class Mode: fast = 'fast' (one `name = value` line a member)")
    name = cls.__qualname__
    if cls.__dict__.get("__penum__"):
        return cls
    if "make" in cls.__dict__ or (issubclass(cls, enum.Enum) and "make" in cls.__members__):
        raise TypeError(
            compose(
                f"{name}.make: 'make' is reserved for @penum's constructor",
                where=[("declared at", site)],
                hint="rename it, e.g. 'make_'",
            )
        )
    made: Any = cls if issubclass(cls, enum.Enum) else _build(cls)
    if not made.__members__:
        raise TypeError(
            compose(
                f"{name}: a @penum class needs at least one member",
                where=[("declared at", site)],
                hint="list the members in the class body: `name = value`",
            )
        )
    return _patch(made)


def _build(cls: type) -> type:
    bases = tuple(b for b in cls.__bases__ if b is not object) + (enum.Enum,)
    metaclass: Any = type(enum.Enum)
    body = metaclass.__prepare__(cls.__name__, bases)
    for key, value in cls.__dict__.items():
        if key not in _SKIPPED and not key.startswith("__annotat"):
            body[key] = value
    body["__module__"] = cls.__module__
    body["__qualname__"] = cls.__qualname__
    made: type = metaclass(cls.__name__, bases, body)
    return made


def _patch(cls: Any) -> Any:
    own_repr = cls.__dict__.get("__repr__")
    if own_repr is None or getattr(own_repr, "__module__", None) == "enum":  # enum's own, not the user's
        type.__setattr__(cls, "__repr__", _member_repr)
    previous = cls._missing_  # the class's own or inherited hook (`Flag` builds combinations in it)
    type.__setattr__(cls, "_missing_", classmethod(_missing_with(previous)))
    type.__setattr__(cls, "make", classmethod(_make))
    type.__setattr__(cls, "__penum__", True)
    return cls


def _member_repr(self: enum.Enum) -> str:
    cls = type(self)
    head = cls.__qualname__ if "<" not in cls.__qualname__ else cls.__name__
    name = self.name
    if isinstance(name, str) and name.isidentifier() and cls.__dict__.get(name, None) is self:
        return f"{head}.{name}"
    try:
        if cls.__members__.get(name) is self:  # members are not always in the class dict (Python 3.10)
            return f"{head}.{name}"
    except TypeError:
        pass
    return f"{head}({self.value!r})"


def _make(cls: Any, value: object) -> Any:
    return cls(value)


def _missing_with(previous: Callable[[object], Any]) -> Callable[[Any, object], Any]:
    def _missing_(cls: Any, value: object) -> Any:
        found = previous(value)
        if found is not None:
            return found
        raise ValueError(_unknown(cls, value))

    return _missing_


def _unknown(cls: Any, value: object) -> str:
    name = cls.__qualname__
    members = list(cls)
    valid = ", ".join(repr(m.value) for m in members)
    hint = None
    if isinstance(value, str):
        if value in cls.__members__:
            hint = f"{value!r} is a member's name; use {name}.{value} or {name}[{value!r}]"
        else:
            texts = {str(m.value): m for m in members if isinstance(m.value, str)}
            hint = did_you_mean(value, texts)
    return compose(
        f"{name}: {short_repr(value)} is not a valid value; valid values are {valid}",
        where=[("called at", _outside_enum())],
        hint=hint or f"use a member, e.g. {name}.{members[0].name}",
    )


def _outside_enum() -> Site:
    """The first frame outside pconfigs and the `enum` module (the user's `Cls(value)` call)."""
    from ._site import is_internal

    frame = sys._getframe(1)
    while frame.f_back is not None and (
        is_internal(frame.f_code.co_filename) or frame.f_code.co_filename == _ENUM_FILE
    ):
        frame = frame.f_back
    return (frame.f_code.co_filename, frame.f_lineno)
