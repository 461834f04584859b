"""`Pinned` and `Pin`: the two inputs a derived field accepts.

`Pinned` is both the annotation head (`lr_schedule: Pinned[list[float]]`) and the sentinel value meaning "compute
it". `Pin(value)` is an explicit pin: it wins over the `@pproperty` and, being an input, travels to configs built
from this one.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Generic, NoReturn, TypeVar, final

from pconfigs._extension import compose

__all__ = ["Pinned", "PinnedType", "PinnedAlias", "Pin"]

T = TypeVar("T")
T_co = TypeVar("T_co", covariant=True)


@final
class PinnedAlias:
    """`Pinned[T]`: the annotation of a derived field whose value has type `T`."""

    __slots__ = ("inner",)

    def __init__(self, inner: object) -> None:
        self.inner = inner

    def __repr__(self) -> str:
        from pconfigs._extension import describe

        return f"Pinned[{describe(self.inner)}]"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, PinnedAlias) and other.inner == self.inner

    def __hash__(self) -> int:
        return hash(("Pinned", self.inner))

    def __call__(self, *args: object, **kwargs: object) -> NoReturn:
        # Callable only so that typing.get_type_hints accepts it as an annotation.
        raise TypeError(f"{self!r} is an annotation; it cannot be called")


@final
class PinnedType:
    """The type of `Pinned`; there is exactly one instance."""

    __slots__ = ()
    _instance: PinnedType | None = None

    def __new__(cls) -> PinnedType:
        if cls._instance is None:
            cls._instance = object.__new__(cls)
        return cls._instance

    def __getitem__(self, inner: object) -> PinnedAlias:
        return PinnedAlias(inner)

    def __repr__(self) -> str:
        return "Pinned"

    def __reduce__(self) -> str:
        return "Pinned"

    def __copy__(self) -> PinnedType:
        return self

    def __deepcopy__(self, memo: Any) -> PinnedType:
        return self

    def __call__(self, *args: object, **kwargs: object) -> NoReturn:
        raise TypeError(
            compose(
                "Pinned is a marker, not a constructor",
                hint="annotate a derived field as `name: Pinned[T]`; pin a value with Pin(value)",
            )
        )


Pinned: Any = PinnedType()
"""Annotate a derived field as `Pinned[T]`; pass `Pinned` as its value to have it computed."""


class Pin(Generic[T_co]):
    """An explicit value for a derived field: `Cls(..., lr_schedule=Pin([1e-3, 1e-4]))`.

    Covariant, like the immutable value it wraps: a `Pin[list[int]]` may pin a `list[float]` field's value.
    """

    __slots__ = ("value",)
    __match_args__ = ("value",)
    if TYPE_CHECKING:
        value: T_co

    def __init__(self, value: T_co) -> None:
        object.__setattr__(self, "value", value)

    def __setattr__(self, name: str, value: object) -> NoReturn:
        raise AttributeError(compose("Pin is immutable", hint="build a new Pin(value)"))

    def __repr__(self) -> str:
        return f"Pin({self.value!r})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Pin):
            return NotImplemented
        from pconfigs._extension import same

        return same(self.value, other.value)  # NaN equal to NaN at any depth, as in configs

    def __hash__(self) -> int:
        value = self.value
        return hash(("Pin", "nan" if isinstance(value, float) and value != value else value))

    def __reduce__(self) -> tuple[Any, ...]:
        return (Pin, (self.value,))
