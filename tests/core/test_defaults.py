"""pdefaults: registering, refilling Required fields, looking up."""

from __future__ import annotations

from typing import Any

import pconfigs
import pytest
from pconfigs import Required, pconfig, pdefaults


def fresh() -> tuple[type, type]:
    """A new parent and child config class pair (defaults are per class, so each test gets its own)."""

    @pconfig
    class Parent:
        a: int
        b: str

    @pconfig
    class Child(Parent):
        c: float

    return Parent, Child


def test_iadd_registers_and_lookup_returns_it() -> None:
    """`pdefaults += cfg` registers cfg; pdefaults(Cls) and pdefaults(cfg) return it."""
    global pdefaults  # `+=` rebinds the name, as at module level
    Parent, _ = fresh()
    default = Parent(a=1, b="x")
    pdefaults += default
    assert pdefaults(Parent) is default
    assert pdefaults(Parent(b="y")) is default
    assert Parent() == default


def test_register_inside_a_function_returns_the_config() -> None:
    """pdefaults.register(cfg) registers and returns cfg."""
    Parent, _ = fresh()
    default = Parent(a=1, b="x")
    assert pdefaults.register(default) is default
    assert pdefaults(Parent) is default


def test_lookup_without_a_default_is_none() -> None:
    """pdefaults(Cls) is None when nothing is registered."""
    Parent, _ = fresh()
    assert pdefaults(Parent) is None


def test_lookup_of_a_non_config_is_refused(sites: Any) -> None:
    """pdefaults(x) for something that is not a config class or config is a TypeError."""
    with pytest.raises(TypeError) as info:
        pdefaults(int)
    assert str(info.value) == (
        "pdefaults: expected a config class or a config, got type <class 'int'>\n"
        f"  called at {sites.raised(info, __file__)}\n"
        "  hint: pass a @pconfig class, e.g. pdefaults(TrainerConfig)"
    )


def test_registering_a_non_config_is_refused(sites: Any) -> None:
    """Registering something that is not a config is a TypeError."""
    global pdefaults  # `+=` rebinds the name, as at module level
    registry = pdefaults
    with pytest.raises(TypeError) as info:
        registry += 5
    assert str(info.value) == (
        "pdefaults: can only register a config, got int 5\n"
        f"  registered at {sites.raised(info, __file__)}\n"
        "  hint: register an instance: pdefaults += MyConfig(field=...)"
    )


def test_second_registration_names_both_places(sites: Any) -> None:
    """A second default for the same class is a ValueError naming both registrations."""
    Parent, _ = fresh()
    first = pdefaults.register(Parent(a=1, b="x"))
    line = __import__("sys")._getframe().f_lineno - 1  # the line above
    with pytest.raises(ValueError) as info:
        pdefaults.register(Parent(a=2, b="x"))
    name = Parent.__qualname__
    assert str(info.value) == (
        f"{name}: a default is already registered\n"
        f"  first registered at {sites.text(__file__, line)}\n"
        f"  registered again at {sites.raised(info, __file__)}\n"
        f"  hint: build a variant from it instead: {name}(pdefaults({name}), field=...)"
    )
    assert pdefaults(Parent) is first


def test_later_registration_fills_required_fields() -> None:
    """A default leaving a field Required may be completed by a later registration of that field."""
    global pdefaults  # `+=` rebinds the name, as at module level
    Parent, _ = fresh()
    pdefaults += Parent(a=1, b=Required)
    pdefaults += Parent(b="filled")
    assert pdefaults(Parent) == Parent(a=1, b="filled")
    assert Parent() == Parent(a=1, b="filled")


def test_later_registration_may_not_change_set_fields(sites: Any) -> None:
    """A later registration that changes a field the default already sets is refused."""
    global pdefaults  # `+=` rebinds the name, as at module level
    Parent, _ = fresh()
    pdefaults.register(Parent(a=1, b=Required))
    line = __import__("sys")._getframe().f_lineno - 1  # the line above
    with pytest.raises(ValueError) as info:
        pdefaults.register(Parent(a=2, b="x"))
    name = Parent.__qualname__
    assert str(info.value) == (
        f"{name}: a default is already registered; a later registration may only fill its Required fields (b), "
        "but it changes a\n"
        f"  first registered at {sites.text(__file__, line)}\n"
        f"  registered again at {sites.raised(info, __file__)}\n"
        f"  hint: register only the Required fields: pdefaults += {name}(b=...)"
    )


def test_subclass_uses_ancestor_defaults_registered_later() -> None:
    """Ancestors' defaults are looked up at each construction, so one registered later is seen."""
    global pdefaults  # `+=` rebinds the name, as at module level
    Parent, Child = fresh()
    with pytest.raises(TypeError):
        Child(c=1.0)
    pdefaults += Parent(a=1, b="x")
    assert Child(c=1.0) == Child(a=1, b="x", c=1.0)


def test_own_default_beats_ancestor_default() -> None:
    """The class's own default wins over its ancestors' for the fields it has."""
    global pdefaults  # `+=` rebinds the name, as at module level
    Parent, Child = fresh()
    pdefaults += Parent(a=1, b="parent")
    pdefaults += Child(Parent(a=1, b="child"), c=2.0)
    assert Child() == Child(a=1, b="child", c=2.0)


def test_building_from_defaults_alone_sees_every_registration() -> None:
    """`Cls()` reuses the merge of its own default until the registry changes: a refill, and an ancestor's default
    registered later, are both seen by the next build, and each build is a config of its own."""
    global pdefaults  # `+=` rebinds the name, as at module level
    Parent, Child = fresh()
    pdefaults += Child(a=1, b=Required, c=2.0)
    first = Child()
    assert first.b is Required
    pdefaults += Child(b="filled")
    second, third = Child(), Child()
    assert second == third == Child(a=1, b="filled", c=2.0)
    assert second is not third and first.b is Required
    pdefaults += Parent(a=5, b="parent")
    built = Child()
    assert built == second
    assert [layer.kind for layer in pconfigs.origin(built, "a")] == ["default", "default", "keyword"]  # refilled
    assert [kind for kind, *_ in built.__pconfig_trail__.sources] == [Child, Parent]
