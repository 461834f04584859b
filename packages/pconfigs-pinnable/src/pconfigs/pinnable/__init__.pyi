"""Declarations of pconfigs.pinnable's public API, read by type checkers instead of the implementation.

`__init__.py` imports the implementation (`_kind`, `_pproperty`, ... and through them much of pconfigs-core),
which mypy would otherwise analyse in every project using pconfigs; this file declares the same names with the
same signatures. `tests/mypy/test_stubs.py` keeps it in step with the runtime.
"""

from collections.abc import Callable, Iterable
from typing import Any, Generic, NoReturn, TypeVar, overload

from pconfigs import Required as Required
from pconfigs import pconfig as pconfig
from pconfigs import pconfiged as pconfiged
from pconfigs import pdefaults as pdefaults
from pconfigs import penum as penum
from pconfigs import penv as penv
from pconfigs import psetter as psetter

__all__ = [
    "Pinned",
    "Pin",
    "pproperty",
    "pinputs",
    "pconfig",
    "pdefaults",
    "Required",
    "pconfiged",
    "penum",
    "penv",
    "psetter",
]

_T = TypeVar("_T")
_T_co = TypeVar("_T_co", covariant=True)
_R = TypeVar("_R")

class Pinned(Generic[_T]):
    """Annotate a derived field as `Pinned[T]`; pass `Pinned` as its value to have it computed.

    At run time `Pinned` is a sentinel, not a class. It is declared as a descriptor so that checkers without a
    plugin (pyright, Pylance) accept `Pinned[T]` as a type, read the field as `T`, and take `Pin(value)` or the
    sentinel itself in a build (the `__set__` value type is the `__init__` parameter's type under PEP 681). The mypy
    plugin reads `Pinned[T]` as `T` and types the parameter itself. See docs/05-mypy.md.
    """

    @overload
    def __get__(self, instance: None, owner: type[Any], /) -> Pinned[_T]: ...
    @overload
    def __get__(self, instance: object, owner: type[Any], /) -> _T: ...
    def __set__(self, instance: object, value: Pin[_T] | type[Pinned[Any]], /) -> None: ...

class Pin(Generic[_T_co]):
    """An explicit value for a derived field: `Cls(..., lr_schedule=Pin([1e-3, 1e-4]))`."""

    # No `__slots__` here: pyright reads a name listed there as the slot, not as the read-only property below.
    __match_args__ = ("value",)
    @property
    def value(self) -> _T_co:
        """The pinned value (read-only, as a pin never changes)."""

    def __init__(self, value: _T_co) -> None: ...
    def __setattr__(self, name: str, value: object) -> NoReturn: ...
    def __eq__(self, other: object) -> bool: ...
    def __hash__(self) -> int: ...
    def __reduce__(self) -> tuple[Any, ...]: ...

# Returning `Pinned[R]` (which the mypy plugin reads as `R`) gives pyright the type of the field declared as
# `Pinned[R]`, so the method is not reported as obscuring that declaration, and the name still reads as `R`.
@overload
def pproperty(fn: Callable[[Any], _R], /) -> Pinned[_R]: ...
@overload
def pproperty(*, deps: Iterable[str] | str = ()) -> Callable[[Callable[[Any], _R]], Pinned[_R]]: ...
def pinputs(cfg: Any) -> Any: ...
