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

_T_co = TypeVar("_T_co", covariant=True)
_R = TypeVar("_R")

Pinned: Any
"""Annotate a derived field as `Pinned[T]`; pass `Pinned` as its value to have it computed."""

class Pin(Generic[_T_co]):
    """An explicit value for a derived field: `Cls(..., lr_schedule=Pin([1e-3, 1e-4]))`."""

    __slots__ = ("value",)
    __match_args__ = ("value",)
    value: _T_co
    def __init__(self, value: _T_co) -> None: ...
    def __setattr__(self, name: str, value: object) -> NoReturn: ...
    def __eq__(self, other: object) -> bool: ...
    def __hash__(self) -> int: ...
    def __reduce__(self) -> tuple[Any, ...]: ...

@overload
def pproperty(fn: Callable[[Any], _R], /) -> _R: ...
@overload
def pproperty(*, deps: Iterable[str] | str = ()) -> Callable[[Callable[[Any], _R]], _R]: ...
def pinputs(cfg: Any) -> Any: ...
