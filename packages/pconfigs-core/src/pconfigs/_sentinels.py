"""The `Required` sentinel and the private "not passed" marker.

`Required` means "no usable default: the user must set this". It may sit in a default and is accepted by every
field's type check, but any use of it as a value raises, so a forgotten setting fails loudly where it is used
instead of flowing on as a plausible-looking object. Attribute access raises `AttributeError` (not some other
error) so that `hasattr`, `copy` and the `dataclasses` helpers keep working on configs that hold it.
"""

from __future__ import annotations

from typing import Any, NoReturn, final

from ._errors import compose

__all__ = ["Required", "RequiredType", "UNSET", "ACCEPTED", "accept", "is_accepted"]

_SET_IT = "set the field when building the config, e.g. Cls(base, field=...)"


def _refuse(what: str) -> NoReturn:
    raise TypeError(compose(f"Required has no value: {what} on a field that was never set", hint=_SET_IT))


@final
class RequiredType:
    """The type of `Required`; there is exactly one instance."""

    __slots__ = ()
    _instance: RequiredType | None = None

    def __new__(cls) -> RequiredType:
        if cls._instance is None:
            cls._instance = object.__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "Required"

    def __reduce__(self) -> str:
        return "Required"

    def __copy__(self) -> RequiredType:
        return self

    def __deepcopy__(self, memo: Any) -> RequiredType:
        return self

    def __getattr__(self, name: str) -> NoReturn:
        raise AttributeError(
            compose(f"Required has no attribute {name!r}: the field holding it was never set", hint=_SET_IT)
        )

    def __bool__(self) -> NoReturn:
        _refuse("bool()")

    def __str__(self) -> NoReturn:
        _refuse("str()")

    def __format__(self, spec: str) -> NoReturn:
        _refuse("format()")

    def __len__(self) -> NoReturn:
        _refuse("len()")

    def __iter__(self) -> NoReturn:
        _refuse("iteration")

    def __contains__(self, item: object) -> NoReturn:
        _refuse("'in'")

    def __getitem__(self, key: object) -> NoReturn:
        _refuse("indexing")

    def __call__(self, *args: object, **kwargs: object) -> NoReturn:
        _refuse("a call")

    def __int__(self) -> NoReturn:
        _refuse("int()")

    def __float__(self) -> NoReturn:
        _refuse("float()")

    def __index__(self) -> NoReturn:
        _refuse("use as an index")

    def __lt__(self, other: object) -> NoReturn:
        _refuse("comparison")

    __le__ = __gt__ = __ge__ = __lt__


def _binary(symbol: str) -> Any:
    def method(self: RequiredType, other: object) -> NoReturn:
        _refuse(f"'{symbol}'")

    return method


for _name, _symbol in {
    "add": "+",
    "sub": "-",
    "mul": "*",
    "matmul": "@",
    "truediv": "/",
    "floordiv": "//",
    "mod": "%",
    "pow": "**",
    "lshift": "<<",
    "rshift": ">>",
    "and": "&",
    "xor": "^",
    "or": "|",
}.items():
    setattr(RequiredType, f"__{_name}__", _binary(_symbol))
    setattr(RequiredType, f"__r{_name}__", _binary(_symbol))
for _name, _symbol in {"neg": "unary -", "pos": "unary +", "abs": "abs()", "invert": "~"}.items():
    setattr(RequiredType, f"__{_name}__", lambda self, _s=_symbol: _refuse(f"'{_s}'"))
del _name, _symbol

Required: Any = RequiredType()
"""Marks a field that has no usable default: the user must set it before the config is constructed or run."""


@final
class _Unset:
    """Marks a keyword that was not passed (distinct from every user value, `None` and `Required` included)."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "<unset>"

    def __reduce__(self) -> str:
        return "UNSET"


UNSET: Any = _Unset()

ACCEPTED: list[object] = [Required]
"""Sentinels that every field accepts whatever its type: `Required`, and each derived-field kind's (`Pinned`).

A live list: the value check holds it, so a kind registered later is seen by classes checked before."""


def accept(sentinel: object) -> None:
    """Make every field accept `sentinel` (called when a derived-field kind registers)."""
    if not any(sentinel is s for s in ACCEPTED):
        ACCEPTED.append(sentinel)


def is_accepted(value: object) -> bool:
    """Whether `value` is a sentinel that every field accepts."""
    return any(value is s for s in ACCEPTED)
