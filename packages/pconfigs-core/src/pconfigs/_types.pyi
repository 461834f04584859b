"""Declarations of classes of the runtime that `__init__.pyi` needs but does not export.

`pdefaults` is a `_registry.Defaults` and `psetter(type=...)` returns a `_setter.Setter`; declaring them here
(this module exists for type checkers only) keeps their names in messages, while `from pconfigs import Defaults`,
which fails at runtime, stays an error for mypy too (a stub's plain import is not a re-export).
"""

from typing import Any, ClassVar, Generic, Protocol, TypeVar, overload

_C = TypeVar("_C")

class _Config(Protocol):
    """What every config has, and what no other value passed to `pdefaults +=` is likely to have: the dataclass
    fields `dataclass_transform` gives it (pyright has no plugin to say "a config")."""

    __dataclass_fields__: ClassVar[dict[str, Any]]

class Defaults:
    """Registers (`pdefaults += Cls(...)`, `pdefaults.register(cfg)`) and looks up (`pdefaults(Cls)`) defaults."""

    def __iadd__(self, cfg: _Config) -> Defaults: ...
    def register(self, cfg: _C) -> _C: ...
    @overload
    def __call__(self, target: type[_C]) -> _C | None: ...
    @overload
    def __call__(self, target: _C) -> _C | None: ...

class Setter(Generic[_C]):
    """Records field values for a config of class `C`. Build with `psetter`."""

    __slots__ = ("_Setter__state",)
    def __init__(self, cls: type, inputs: Any, path: str) -> None: ...
    def __setattr__(self, name: str, value: Any) -> None: ...
    def __getattr__(self, name: str) -> Any: ...
    def __delattr__(self, name: str) -> None: ...
    def __reduce__(self) -> Any: ...

class Layer:
    """One step of a value's history (see `pconfigs._origins`)."""

    kind: str
    site: tuple[str, int] | None
    detail: str
    def describe(self) -> str: ...

class Origin(tuple[Layer, ...]):
    """Every layer that set a value, newest first; `str()` is the one-line summary."""
