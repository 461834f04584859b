"""Derived values: Pinned fields, @pproperty, Pin, pinputs."""

from __future__ import annotations

import copy
import pickle
import sys
from typing import Any

import pytest
from pconfigs import Required, pconfig, pdefaults
from pconfigs.pinnable import Pin, Pinned, pinputs, pproperty

CALLS: list[str] = []


@pconfig
class Box:
    width: int
    height: int
    area: Pinned[int]
    label: Pinned[str]

    @pproperty
    def label(self) -> str:
        CALLS.append("label")
        return f"{self.width}x{self.height} ({self.area})"

    @pproperty
    def area(self) -> int:
        CALLS.append("area")
        return self.width * self.height


pdefaults += Box(width=1, height=1)


def test_values_are_computed_eagerly_in_dependency_order() -> None:
    """Each @pproperty runs once at construction, dependencies first, whatever the declaration order."""
    CALLS.clear()
    box = Box(width=2, height=3)
    assert CALLS == ["area", "label"]
    assert (box.area, box.label) == (6, "2x3 (6)")
    box.area, box.label, box.area  # noqa: B018
    assert CALLS == ["area", "label"]


def test_reads_are_plain_attribute_reads() -> None:
    """No descriptor is left on the class under a field's name."""
    assert "area" not in Box.__dict__ and "label" not in Box.__dict__
    assert vars(Box(width=1, height=2))["area"] == 2


def test_building_from_a_base_recomputes() -> None:
    """A config built from another hands over inputs, so derived values follow the overrides."""
    base = Box(width=2, height=2)
    assert Box(base, width=5).area == 10


def test_passing_a_value_for_a_pinned_field_is_refused(sites: Any) -> None:
    """A plain value for a Pinned field is a ValueError naming the field and offering Pin."""
    with pytest.raises(ValueError) as info:
        Box(width=1, height=1, area=3)
    assert str(info.value) == (
        "Box.area: is Pinned (computed), so it cannot be set to 3\n"
        f"  set at {sites.raised(info, __file__)}\n"
        "  hint: leave it out to compute it, or pin it explicitly: area=Pin(3)"
    )


def test_pinned_sentinel_means_compute() -> None:
    """Passing the Pinned sentinel is the same as leaving the field out."""
    assert Box(width=2, height=2, area=Pinned) == Box(width=2, height=2)


def test_pin_wins_and_travels() -> None:
    """Pin(value) wins over the @pproperty, and configs built from a pinned one keep the pin."""
    pinned = Box(width=2, height=2, area=Pin(100))
    assert pinned.area == 100 and pinned.label == "2x2 (100)"
    assert Box(pinned, width=3).area == 100
    assert pinned != Box(width=2, height=2)


def test_pin_value_is_type_checked(sites: Any) -> None:
    """The value inside a Pin is checked against the field's type."""
    with pytest.raises(TypeError) as info:
        Box(width=1, height=1, area=Pin("big"))
    assert str(info.value) == (
        f"Box.area: expected int, got str 'big'\n  set at {sites.raised(info, __file__)}\n"
        "  hint: pass a value of type int"
    )


def test_pin_repr_and_equality() -> None:
    """Pin has a code-like repr and compares by value."""
    assert repr(Pin([1, 2])) == "Pin([1, 2])"
    assert Pin(1) == Pin(1) and Pin(1) != Pin(2) and hash(Pin(1)) == hash(Pin(1))
    assert pickle.loads(pickle.dumps(Pin(3))) == Pin(3)


def test_computed_value_is_type_checked(sites: Any) -> None:
    """A @pproperty returning the wrong type is a TypeError saying the @pproperty returned it, where it is
    defined and where the config was built."""
    defined = sys._getframe().f_lineno + 7

    @pconfig
    class Wrong:
        x: int
        y: Pinned[int]

        @pproperty
        def y(self) -> int:
            return str(self.x)  # type: ignore[return-value]

    line = sys._getframe().f_lineno + 2
    with pytest.raises(TypeError) as info:
        Wrong(x=1)
    name = "test_computed_value_is_type_checked.<locals>.Wrong.y"
    assert str(info.value) == (
        f"{name}: @pproperty returned str '1', expected int\n"
        f"  defined at {sites.text(__file__, defined)}\n"
        f"  built at {sites.text(__file__, line)}\n"
        f"  hint: return an int from {name}"
    )


def test_a_computed_element_of_the_wrong_type_names_its_index(sites: Any) -> None:
    """A @pproperty returning a list with an element of the wrong type names the element and the return."""

    @pconfig
    class Schedule:
        steps: int
        rates: Pinned[list[float]]

        @pproperty
        def rates(self) -> list[float]:
            return [0.1, "0.2"]  # type: ignore[list-item]

    with pytest.raises(TypeError) as info:
        Schedule(steps=2)
    name = "test_a_computed_element_of_the_wrong_type_names_its_index.<locals>.Schedule.rates"
    assert str(info.value).splitlines()[0] == f"{name}[1]: @pproperty returned str '0.2', expected float"
    assert str(info.value).splitlines()[-1] == f"  hint: return a float as {name}[1]"


def test_required_dependency_leaves_the_value_pinned() -> None:
    """If an input is still Required, values computed from it stay Pinned instead of failing."""
    box = Box(width=Required, height=2)
    assert box.area is Pinned and box.label is Pinned


def test_exception_in_a_pproperty_keeps_its_type_and_gains_a_note(sites: Any) -> None:
    """An error raised in a @pproperty keeps its type and names Class.field and where the config was built."""

    @pconfig
    class Fails:
        x: int
        y: Pinned[int]

        @pproperty
        def y(self) -> int:
            raise KeyError("boom")

    line = sys._getframe().f_lineno + 2
    with pytest.raises(KeyError) as info:
        Fails(x=1)
    note = (
        "while computing test_exception_in_a_pproperty_keeps_its_type_and_gains_a_note.<locals>.Fails.y "
        f"(@pproperty), config built at {sites.text(__file__, line)}"
    )
    if sys.version_info >= (3, 11):
        assert info.value.__notes__ == [note]
        assert info.value.args == ("boom",)
    else:
        assert info.value.args == (f"boom\n{note}",)
    assert info.traceback[-1].name == "y"


def test_pproperty_must_name_a_field(sites: Any) -> None:
    """A @pproperty whose name is not a declared field is refused at class definition."""
    with pytest.raises(TypeError) as info:

        @pconfig
        class Stray:
            x: int

            @pproperty
            def z(self) -> int:
                return 1

    assert str(info.value) == (
        "test_pproperty_must_name_a_field.<locals>.Stray.z: @pproperty must be named after a declared field\n"
        f"  declared at {sites.raised(info, __file__)}\n"
        "  hint: declare the field: `z: Pinned[T]` (derived) or `z: T` (an input the method transforms)"
    )


def test_self_reference_is_refused(sites: Any) -> None:
    """A @pproperty that reads itself is refused at class definition."""
    with pytest.raises(ValueError) as info:

        @pconfig
        class Selfish:
            x: Pinned[int]

            @pproperty
            def x(self) -> int:
                return self.x + 1

    assert str(info.value) == (
        "test_self_reference_is_refused.<locals>.Selfish.x: @pproperty reads itself (self.x)\n"
        f"  declared at {sites.raised(info, __file__)}\n"
        "  hint: compute it from other fields"
    )


def test_cycle_is_refused_naming_it(sites: Any) -> None:
    """A dependency cycle a -> b -> a is refused at class definition, naming the cycle."""
    with pytest.raises(ValueError) as info:

        @pconfig
        class Loop:
            a: Pinned[int]
            b: Pinned[int]

            @pproperty
            def a(self) -> int:
                return self.b

            @pproperty
            def b(self) -> int:
                return self.a

    assert str(info.value) == (
        "test_cycle_is_refused_naming_it.<locals>.Loop: @pproperty dependency cycle: a -> b -> a\n"
        f"  declared at {sites.raised(info, __file__)}\n"
        "  hint: compute one of them from inputs only, or make one an input field"
    )


def test_cycle_across_base_and_subclass_is_refused() -> None:
    """A cycle formed by a subclass's @pproperty and its parent's is refused when the subclass is defined."""

    @pconfig
    class Parent:
        a: Pinned[int]
        b: Pinned[int]
        n: int

        @pproperty
        def a(self) -> int:
            return self.b

        @pproperty
        def b(self) -> int:
            return self.n

    with pytest.raises(ValueError, match=r"@pproperty dependency cycle: a -> b -> a\n"):

        @pconfig
        class Child(Parent):
            @pproperty
            def b(self) -> int:
                return self.a


def test_cycle_behind_a_helper_is_found_through_the_helper() -> None:
    """Reads inside helper methods count as dependencies, so a cycle through a helper is refused at definition."""
    with pytest.raises(ValueError, match=r"@pproperty dependency cycle: a -> b -> a\n"):

        @pconfig
        class Helped:
            a: Pinned[int]
            b: Pinned[int]

            def _via(self) -> int:
                return self.b

            @pproperty
            def a(self) -> int:
                return self._via()

            @pproperty
            def b(self) -> int:
                return self.a


def test_hidden_cycle_is_a_clear_error_at_construction(sites: Any) -> None:
    """A dependency the source cannot show (getattr) that forms a cycle is a ValueError, never a RecursionError."""

    @pconfig
    class Hidden:
        a: Pinned[int]
        b: Pinned[int]

        @pproperty
        def a(self) -> int:
            return getattr(self, "b") + 1  # noqa: B009

        @pproperty
        def b(self) -> int:
            return self.a

    line = sys._getframe().f_lineno + 2
    with pytest.raises(ValueError) as info:
        Hidden()
    assert str(info.value) == (
        "test_hidden_cycle_is_a_clear_error_at_construction.<locals>.Hidden.a: reads b, which is computed later "
        "or depends on a (a dependency the source does not show: a -> b)\n"
        f"  built at {sites.text(__file__, line)}\n"
        "  hint: declare it with @pproperty(deps=['b']); a cycle through helpers must be broken"
    )


def test_deps_orders_what_the_source_cannot_show() -> None:
    """deps= adds a dependency, so a getattr read is computed after its source."""

    @pconfig
    class Declared:
        a: Pinned[int]
        b: Pinned[int]
        n: int

        @pproperty(deps=["b"])
        def a(self) -> int:
            return getattr(self, "b") + 1  # noqa: B009

        @pproperty
        def b(self) -> int:
            return self.n * 10

    assert Declared(n=1).a == 11


def test_deps_must_name_fields(sites: Any) -> None:
    """deps= naming something that is not a field is refused at class definition."""
    with pytest.raises(TypeError) as info:

        @pconfig
        class BadDeps:
            a: Pinned[int]

            @pproperty(deps=["nope"])
            def a(self) -> int:
                return 1

    assert str(info.value) == (
        "test_deps_must_name_fields.<locals>.BadDeps.a: deps names 'nope', which is not a field\n"
        f"  declared at {sites.raised(info, __file__)}\n"
        "  hint: name fields of test_deps_must_name_fields.<locals>.BadDeps: a"
    )


@pconfig
class Paths:
    root: str
    name: str

    @pproperty
    def name(self) -> str:
        return f"{self.root}/{pinputs(self).name}"


def test_pproperty_on_an_input_field_transforms_it() -> None:
    """A @pproperty on a plain field transforms the user's input, read with pinputs(self)."""
    paths = Paths(root="/data", name="run1")
    assert paths.name == "/data/run1"
    assert pinputs(paths).name == "run1"
    assert Paths(paths, root="/other").name == "/other/run1"


def test_pinputs_is_read_only() -> None:
    """pinputs(cfg) is a read-only mapping of the inputs."""
    view = pinputs(Paths(root="/a", name="b"))
    assert dict(view) == {"root": "/a", "name": "b"}
    with pytest.raises(AttributeError):
        view.name = "c"


@pconfig
class Parent:
    size: int
    double: Pinned[int]
    given: int

    @pproperty
    def double(self) -> int:
        return self.size * 2


@pconfig
class Child(Parent):
    given: Pinned[int]

    @pproperty
    def double(self) -> int:
        return self.size * 3

    @pproperty
    def given(self) -> int:
        return self.size + 1


def test_subclass_overrides_and_turns_an_input_into_a_derived_field() -> None:
    """A subclass may override a @pproperty, and re-declare an inherited input as derived (recomputed)."""
    parent = Parent(size=2, given=100)
    child = Child(parent)
    assert (parent.double, parent.given) == (4, 100)
    assert (child.double, child.given) == (6, 3)


def test_copies_keep_values_and_pins() -> None:
    """pickle and deepcopy of a config with derived values and pins give equal configs."""
    box = Box(width=2, height=3, label=Pin("fixed"))
    for twin in (pickle.loads(pickle.dumps(box)), copy.deepcopy(box)):
        assert twin == box
        assert twin.__pconfig_inputs__ == {"area": Pinned, "label": Pin("fixed")}


def test_replace_builds_from_the_config_keeping_pins() -> None:
    """dataclasses.replace and copy.replace (3.13+) build from the config: pins stay, other values recompute."""
    import dataclasses

    pinned = Box(width=2, height=3, area=Pin(100))
    assert dataclasses.replace(pinned, width=4).area == 100
    assert dataclasses.replace(Box(width=2, height=3), width=4).area == 12
    if sys.version_info >= (3, 13):
        assert copy.replace(pinned, width=4).area == 100  # type: ignore[attr-defined]
    assert pinned.__replace__(width=4) == Box(pinned, width=4)


def test_replace_applies_a_transform_once() -> None:
    """dataclasses.replace (and copy.replace) apply a transforming @pproperty to the input once, not twice."""
    import dataclasses

    @pconfig
    class Paths:
        root: str
        name: str

        @pproperty
        def root(self) -> str:
            return pinputs(self).root + "/" + self.name

    cfg = Paths(root="q", name="n")
    assert cfg.root == "q/n"
    assert dataclasses.replace(cfg).root == "q/n"
    assert dataclasses.replace(cfg, name="m").root == "q/m"
    assert dataclasses.replace(cfg, root="r").root == "r/n"
    if sys.version_info >= (3, 13):
        assert copy.replace(cfg, name="m").root == "q/m"  # type: ignore[attr-defined]


@pconfig
class Totals:
    xs: list[float]
    total: Pinned[float]
    running: Pinned[list[float]]

    @pproperty
    def total(self) -> float:
        return sum(self.xs)

    @pproperty
    def running(self) -> list[float]:
        out: list[float] = []
        for x in self.xs:
            out.append((out[-1] if out else 0.0) + x)
        return out


@pytest.mark.parametrize(
    "mutate", [lambda c: c.xs.append(10.0), lambda c: c.running.append(1.0), lambda c: c.xs.sort()]
)
def test_derived_values_never_go_stale(mutate: Any) -> None:
    """Inputs and derived lists are frozen, so a derived value always matches the inputs it was computed from."""
    cfg = Totals(xs=[3.0, 1.0])
    with pytest.raises(TypeError, match="a config's values never change"):
        mutate(cfg)
    assert (cfg.xs, cfg.total, cfg.running) == ([3.0, 1.0], 4.0, [3.0, 4.0])
