"""The derived-field extension point, exercised by a small kind defined here (core knows no kind itself)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pytest
from pconfigs import pconfig, pdefaults
from pconfigs._derived import Computer, DerivedKind, assign, register_kind
from pconfigs._site import Site
from pconfigs._spec import FieldSpec


class AutoMarker:
    """`Auto[T]` annotates a field computed as the sum of the class's int inputs; `AUTO` asks for it."""

    def __getitem__(self, inner: object) -> tuple[str, object]:
        return ("auto", inner)

    def __call__(self) -> None: ...

    def __repr__(self) -> str:
        return "AUTO"


Auto: Any = AutoMarker()
AUTO = Auto


class Sum(Computer):
    def __init__(self, inputs: tuple[str, ...], outputs: tuple[str, ...]) -> None:
        self.inputs = inputs
        self.outputs = outputs
        self.sets = outputs
        self.calls = 0

    def compute(self, cfg: Any, inputs: Mapping[str, Any]) -> None:
        self.calls += 1
        for name in self.outputs:
            given = inputs[name]
            assign(cfg, name, given if given is not AUTO else sum(getattr(cfg, n) for n in self.inputs))


class AutoKind(DerivedKind):
    label = "Auto"
    sentinels = (AUTO,)

    def claims_annotation(self, annotation: object) -> bool:
        return annotation is Auto or (isinstance(annotation, tuple) and annotation[:1] == ("auto",))

    def inner_annotation(self, annotation: object) -> object:
        assert isinstance(annotation, tuple)
        return annotation[1]

    def default_input(self) -> object:
        return AUTO

    def __init__(self) -> None:
        self.checked: list[tuple[str, object]] = []

    def check_input(self, cls: type, field: FieldSpec, value: object, site: Site) -> object:
        self.checked.append((field.name, value))
        if value is not AUTO and not isinstance(value, int):
            raise ValueError(f"{cls.__qualname__}.{field.name}: an Auto field takes AUTO or an int")
        return value

    def prepare(
        self, cls: type, fields: tuple[FieldSpec, ...], members: Mapping[str, object], site: Site
    ) -> Computer | None:
        outputs = tuple(f.name for f in fields if f.kind is self)
        if not outputs:
            return None
        return Sum(tuple(f.name for f in fields if f.kind is None), outputs)


KIND = AutoKind()
register_kind(KIND)


@pconfig
class Sums:
    a: int
    b: int
    total: Auto[int]


@pconfig
class Narrow(Sums):
    c: int


@pconfig
class Redeclared:
    a: int
    b: int
    total: int


@pconfig
class RedeclaredChild(Redeclared):
    total: Auto[int]


pdefaults += Sums(a=1, b=2)


def test_derived_field_is_computed_after_inputs() -> None:
    """A derived field's value is computed from the merged inputs."""
    assert Sums(a=2, b=3).total == 5
    assert Sums().total == 3


def test_base_hands_over_inputs_not_values() -> None:
    """Building from a base copies its input for a derived field, so the value is recomputed."""
    base = Sums(a=1, b=1)
    assert base.total == 2
    assert Sums(base, a=10).total == 11


def test_explicit_input_is_kept_and_travels() -> None:
    """An explicit input for a derived field is used, and a config built from it keeps it."""
    pinned = Sums(a=1, b=1, total=100)
    assert pinned.total == 100
    assert Sums(pinned, a=5).total == 100


def test_each_input_is_checked_once_per_build() -> None:
    """A pin given to a build that also merges a base is checked once, as is one handed over by the base."""
    base = Sums(a=1, b=1)
    KIND.checked.clear()
    assert Sums(base, total=7).total == 7
    assert KIND.checked == [("total", 7)]
    pinned = Sums(a=1, b=1, total=100)
    KIND.checked.clear()
    assert Sums(pinned, a=5).total == 100
    assert KIND.checked == [("total", 100)]
    KIND.checked.clear()
    assert Sums(pinned, a=5, total=8).total == 8
    assert KIND.checked == [("total", 8)]


def test_subclass_adds_inputs_to_the_computation() -> None:
    """A subclass's computer sees every field, inherited ones included."""
    assert Narrow(Sums(a=1, b=1), c=5).total == 7


def test_field_redeclared_derived_is_recomputed() -> None:
    """A plain field re-declared derived in a subclass is computed, not copied from a parent-class base."""
    parent = Redeclared(a=1, b=2, total=100)
    assert RedeclaredChild(parent).total == 3


def test_refused_input_reaches_the_user() -> None:
    """A value the kind refuses raises the kind's error."""
    with pytest.raises(ValueError) as info:
        Sums(a=1, b=1, total="x")
    assert str(info.value) == "Sums.total: an Auto field takes AUTO or an int"


def test_computed_value_is_type_checked(sites: Any) -> None:
    """assign() checks a computed value against the field's annotation."""

    @pconfig
    class Bad:
        a: float
        total: Auto[int]

    line = __import__("sys")._getframe().f_lineno + 2
    with pytest.raises(TypeError) as info:
        Bad(a=0.5)
    assert str(info.value) == (
        "test_computed_value_is_type_checked.<locals>.Bad.total: expected int, got float 0.5\n"
        f"  set at {sites.text(__file__, line)}\n"
        "  hint: pass a value of type int"
    )


def test_label_and_kind_are_visible_to_the_printer() -> None:
    """Each field spec carries its kind, whose label names it in printed output."""
    spec = Sums.__pconfig_spec__  # type: ignore[attr-defined]
    assert [(f.name, f.kind.label if f.kind else None) for f in spec.fields] == [
        ("a", None),
        ("b", None),
        ("total", "Auto"),
    ]


def test_computer_runs_once_per_construction() -> None:
    """The computer is called exactly once for each config built."""
    computer = Sums.__pconfig_spec__.computer  # type: ignore[attr-defined]
    before = computer.calls
    Sums(a=1, b=2)
    Sums(Sums(), b=4)
    assert computer.calls - before == 3


class DoubleMarker:
    """`Double[T]` annotates a field computed as twice the field `a`."""

    def __getitem__(self, inner: object) -> tuple[str, object]:
        return ("double", inner)

    def __call__(self) -> None: ...


Double: Any = DoubleMarker()


class Doubler(DerivedKind):
    """A second kind, so that one class uses two computers."""

    label = "Double"

    def claims_annotation(self, annotation: object) -> bool:
        return annotation is Double or (isinstance(annotation, tuple) and annotation[:1] == ("double",))

    def inner_annotation(self, annotation: object) -> object:
        assert isinstance(annotation, tuple)
        return annotation[1]

    def default_input(self) -> object:
        return AUTO

    def prepare(
        self, cls: type, fields: tuple[FieldSpec, ...], members: Mapping[str, object], site: Site
    ) -> Computer | None:
        outputs = tuple(f.name for f in fields if f.kind is self)
        return Twice(outputs) if outputs else None


class Twice(Computer):
    def __init__(self, outputs: tuple[str, ...]) -> None:
        self.sets = outputs

    def compute(self, cfg: Any, inputs: Mapping[str, Any]) -> None:
        for name in self.sets:
            assign(cfg, name, 2 * cfg.a)


register_kind(Doubler())


@pconfig
class Both:
    a: int
    b: int
    total: Auto[int]
    twice: Double[int]


def test_two_kinds_in_one_class_compute_in_registration_order() -> None:
    """Each kind's computer runs; their values survive pickling, replayed in the order they were set."""
    import pickle

    both = Both(a=2, b=3)
    assert (both.total, both.twice) == (5, 4)
    assert list(vars(pickle.loads(pickle.dumps(both)))) == list(vars(both))
