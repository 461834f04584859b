"""Names code written for the earlier pconfigs (0.1) uses: `Kwarg`, `NotMock`, `Omitted`, `PCallable`,
`TestConfigs`, `TestSubdirs` (DESIGN 3.11).

The first three mark fields of a `@pconfig(calls=...)` / `@pconfig(mocks=...)` class body (see `_calls`):

* `NotMock[T]`: a field the config keeps (printed, copied, read by `@pproperty` methods and the constructed
  class) but does not pass to the target. An annotation in the body that is not a parameter of the target is
  `NotMock` without saying so.
* `Kwarg[T]`: a field that is not a named parameter of the target but is passed to it anyway, through its
  `**kwargs` (refused at decoration when the target has no `**kwargs`).
* `Omitted[T]`: a parameter field that may hold the value `Omitted`, which means "do not pass this argument": the
  target then uses its own default. (Here every defaulted parameter is a field already; the earlier pconfigs
  needed `Omitted[...]` for parameters that were not simply typed.)

`PCallable` is what every `calls=` config is an instance of (`isinstance(cfg, PCallable)`), as in the earlier
pconfigs where it was their base class. `TestConfigs` and `TestSubdirs` belonged to the earlier test runner, which
read `__pconfigs__.py` files; pconfigs tests experiments with its pytest plugin instead, so using them is an error
that says what to write.
"""

from __future__ import annotations

from typing import Any, NoReturn, final

from ._errors import compose

__all__ = ["Kwarg", "NotMock", "Omitted", "PCallable", "TestConfigs", "TestSubdirs", "MarkedAnnotation", "marker_of"]


class MarkedAnnotation:
    """`Kwarg[T]`, `NotMock[T]` or `Omitted[T]`: the marker and the field's value type `T`."""

    __slots__ = ("marker", "inner")

    def __init__(self, marker: str, inner: object) -> None:
        self.marker = marker
        self.inner = inner

    def __repr__(self) -> str:
        from ._typeforms import describe

        return f"{self.marker}[{describe(self.inner)}]"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, MarkedAnnotation) and (self.marker, self.inner) == (other.marker, other.inner)

    def __hash__(self) -> int:
        return hash((self.marker, self.inner))

    def __call__(self, *args: object, **kwargs: object) -> NoReturn:
        # Callable only so that typing.get_type_hints accepts it as an annotation.
        raise TypeError(f"{self!r} is an annotation; it cannot be called")


class _Marker:
    """A marker written as `Name[T]` in an annotation."""

    __slots__ = ("name",)

    def __init__(self, name: str) -> None:
        self.name = name

    def __getitem__(self, inner: object) -> MarkedAnnotation:
        return MarkedAnnotation(self.name, inner)

    def __repr__(self) -> str:
        return self.name

    def __reduce__(self) -> str:
        return self.name

    def __call__(self, *args: object, **kwargs: object) -> NoReturn:
        raise TypeError(
            compose(
                f"{self.name} is an annotation marker, not a value",
                hint=f"annotate a field of a @pconfig(calls=...) or (mocks=...) class: `field: {self.name}[int]`",
            )
        )


Kwarg: Any = _Marker("Kwarg")
"""`field: Kwarg[T]` in a `calls=`/`mocks=` body: passed to the target through its `**kwargs`."""

NotMock: Any = _Marker("NotMock")
"""`field: NotMock[T]` in a `calls=`/`mocks=` body: kept by the config, not passed to the target."""


@final
class OmittedType(_Marker):
    """The type of `Omitted`: both the marker `Omitted[T]` and the value meaning "do not pass this argument"."""

    __slots__ = ()
    _instance: OmittedType | None = None

    def __new__(cls) -> OmittedType:
        if cls._instance is None:
            cls._instance = object.__new__(cls)
        return cls._instance

    def __init__(self) -> None:
        super().__init__("Omitted")

    def __copy__(self) -> OmittedType:
        return self

    def __deepcopy__(self, memo: Any) -> OmittedType:
        return self


Omitted: Any = OmittedType()
"""`param: Omitted[T]` in a `calls=`/`mocks=` body, and the value that leaves the argument out of the call."""


def marker_of(annotation: object) -> tuple[str | None, object]:
    """(`"Kwarg"`/`"NotMock"`/`"Omitted"` or None, the value type) for an evaluated annotation."""
    if isinstance(annotation, MarkedAnnotation):
        return annotation.marker, annotation.inner
    return None, annotation


class _PCallableMeta(type):
    def __instancecheck__(cls, obj: object) -> bool:
        return hasattr(type(obj), "__pconfig_calls__")

    def __subclasscheck__(cls, sub: type) -> bool:
        return isinstance(sub, type) and hasattr(sub, "__pconfig_calls__")


class PCallable(metaclass=_PCallableMeta):
    """What every `@pconfig(calls=...)` config is an instance of: calling it calls the function."""

    def __init__(self) -> None:
        raise TypeError(
            compose(
                "PCallable cannot be built: it is what every @pconfig(calls=function) config is an instance of",
                hint="declare `@pconfig(calls=function) class FunctionConfig: ...` and build that",
            )
        )


_TESTING = (
    "pconfigs tests experiments with its pytest plugin: list the packages that hold them in "
    '`pconfigs_experiments = ["project.experiments"]` under [tool.pytest.ini_options]; '
    "__pconfigs__.py files are not read"
)


class TestConfigs:
    """The earlier pconfigs' way to choose which experiment files its test runner imported (see `_TESTING`)."""

    __test__ = False  # not a pytest test class

    def __init__(self, *files: str) -> None:
        raise TypeError(compose("TestConfigs(...) is not used by pconfigs", hint=_TESTING))


class _TestSubdirs:
    __test__ = False

    def __repr__(self) -> str:
        return "TestSubdirs"

    def __reduce__(self) -> str:
        return "TestSubdirs"

    def __call__(self, *args: object, **kwargs: object) -> NoReturn:
        raise TypeError(compose("TestSubdirs is not used by pconfigs", hint=_TESTING))


TestSubdirs: Any = _TestSubdirs()
"""The earlier pconfigs' marker for testing subdirectories; importing it works, using it says what to do instead."""
