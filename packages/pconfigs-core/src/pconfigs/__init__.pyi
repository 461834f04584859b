"""Declarations of pconfigs' public API, read by type checkers instead of the implementation.

`__init__.py` imports the implementation modules (`_decorate`, `_construct`, `_env`, ...): 19 modules
that mypy would otherwise analyse in every project using pconfigs; this file declares the same names with the
same signatures. The classes of `pdefaults` and of `psetter`'s recorder come from `_types.pyi` and are not
re-exported. `tests/mypy/test_stubs.py` keeps the declarations in step with the runtime.
"""

import os
from collections.abc import Callable, Iterable, Mapping
from typing import Annotated, Any, Protocol, TypeAlias, TypeVar, overload, runtime_checkable

from typing_extensions import dataclass_transform

from pconfigs import sweep as sweep
from pconfigs._types import Defaults, Origin, Setter
from pconfigs.pinnable import Pin as Pin
from pconfigs.pinnable import Pinned as Pinned
from pconfigs.pinnable import pinputs as pinputs
from pconfigs.pinnable import pproperty as pproperty

__all__ = [
    "pconfig",
    "pconfiged",
    "pdefaults",
    "Required",
    "penum",
    "penv",
    "psetter",
    "Pinned",
    "Pin",
    "pproperty",
    "pinputs",
    "PCallable",
    "Kwarg",
    "NotMock",
    "Omitted",
    "TestConfigs",
    "TestSubdirs",
    "override",
    "origin",
    "diff",
    "Difference",
    "format_diff",
    "diff_as_json",
    "to_dict",
    "from_dict",
    "field_docs",
    "sweep",
    "__version__",
]

__version__: str

_T = TypeVar("_T", bound=type)
_C = TypeVar("_C")

# PEP 681 allows the marker on any one overload; on this one, stubtest still sees the first one's `cls`.
@overload
def pconfig(cls: _T, /) -> _T: ...
@overload
@dataclass_transform(kw_only_default=True, frozen_default=True)
def pconfig(
    *,
    constructs: type | None = None,
    calls: Callable[..., Any] | None = None,
    mocks: type | None = None,
    inherit_constructable_type: bool | None = None,
) -> Callable[[_T], _T]: ...
@overload
def pconfiged(cls: _T, /) -> _T: ...
@overload
def pconfiged(*, runnable: bool = False, mock: bool = False) -> Callable[[_T], _T]: ...
@overload
def penum(cls: _T, /) -> _T: ...
@overload
def penum() -> Callable[[_T], _T]: ...
@overload
def penv(cls: _T, /) -> _T: ...
@overload
def penv(*, convention: str | Callable[[str], str] | None = None) -> Callable[[_T], _T]: ...

pdefaults: Defaults

Required: Any

@overload
def psetter(*, type: type[_C], inputs: _C | None = None) -> Setter[_C]: ...
@overload
def psetter(*, construct: Setter[_C]) -> _C: ...

_V = TypeVar("_V")

# Markers of `calls=`/`mocks=` class bodies: to a type checker, `Kwarg[T]` and `NotMock[T]` are `T`.
Kwarg: TypeAlias = Annotated[_V, "pconfigs.Kwarg"]
NotMock: TypeAlias = Annotated[_V, "pconfigs.NotMock"]
Omitted: Any
"""`param: Omitted[T]` in a `calls=`/`mocks=` body, and the value that leaves the argument out of the call."""

@runtime_checkable
class PCallable(Protocol):
    """What every `@pconfig(calls=...)` config is an instance of: calling it calls the function."""

    def __call__(self, *args: Any, **kwargs: Any) -> Any: ...

class TestConfigs:
    """The earlier pconfigs' test-runner selection; using it is an error that says what to write instead."""

    def __init__(self, *files: str) -> None: ...

TestSubdirs: Any

def override(cfg: _C, changes: Mapping[str, object]) -> _C:
    """A new config: `cfg` with the value at each dotted PATH of `changes` replaced, rebuilt along the path."""

def origin(cfg: object, path: str) -> Origin:
    """Where the value at `path` of `cfg` came from, newest layer first."""

class Difference:
    """One place where two configs differ: `path`, `old`, `new`, `kind` and whether the value is `derived`."""

    __slots__ = ("path", "old", "new", "kind", "derived", "input_only")
    path: str
    old: object
    new: object
    kind: str
    derived: bool
    input_only: bool
    def __init__(
        self,
        path: str,
        old: object,
        new: object,
        kind: str = "changed",
        derived: bool = False,
        input_only: bool = False,
    ) -> None: ...

def diff(a: Any, b: Any) -> list[Difference]:
    """Every place two configs differ, path by path, derived values included and marked."""

def format_diff(differences: Iterable[Difference]) -> str: ...
def diff_as_json(differences: Iterable[Difference]) -> list[dict[str, Any]]: ...
def to_dict(cfg: Any, *, inputs: bool = False) -> dict[str, Any]:
    """Plain nested dicts, lists, strings, numbers, booleans and None (strict JSON's data)."""

def from_dict(cls: type[_C], data: Mapping[str, Any], *, source: str | os.PathLike[str] | None = None) -> _C:
    """A config of `cls` built from such data; every error names the path inside the data."""

def field_docs(cls: type) -> dict[str, str]:
    """Each field's doc: the string literal right after its annotation in the class body."""
