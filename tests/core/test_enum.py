"""`@penum`: real enums whose members print as code, with a clear error for unknown values."""

from __future__ import annotations

import copy
import enum
import pickle
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pconfigs import pconfig, penum


@penum
class Activation:
    """How a layer squashes its output."""

    relu = "relu"
    gelu = "gelu"
    swish = "swish"

    def upper(self) -> str:
        return str(self.value).upper()


@penum
class Level:
    low = 1
    high = 2


@penum
class Mode(str):
    fast = "fast"
    slow = "slow"


class Existing(enum.Enum):
    north = "n"
    south = "s"


penum(Existing)


class Shades(enum.Flag):
    red = 1
    blue = 2


penum(Shades)


@pconfig
class Layer:
    activation: Activation
    level: Level


def test_result_is_a_real_enum() -> None:
    """A @penum class is an `enum.Enum` with members in declaration order."""
    assert issubclass(Activation, enum.Enum)
    assert isinstance(Activation.relu, Activation)
    assert list(Activation) == [Activation.relu, Activation.gelu, Activation.swish]
    assert [m.name for m in Level] == ["low", "high"]


def test_class_keeps_its_names_docstring_and_methods() -> None:
    """The enum keeps the class's name, module, docstring and methods."""
    assert Activation.__name__ == "Activation"
    assert Activation.__qualname__ == "Activation"
    assert Activation.__module__ == __name__
    assert Activation.__doc__ == "How a layer squashes its output."
    assert Activation.gelu.upper() == "GELU"


def test_members_are_found_by_value() -> None:
    """`Cls(value)` and `Cls.make(value)` return the member with that value."""
    assert Activation("gelu") is Activation.gelu
    assert Activation.make("relu") is Activation.relu
    assert Level(2) is Level.high
    assert Activation(Activation.swish) is Activation.swish


def test_repr_is_python_code() -> None:
    """A member's repr is `Cls.member`, and evaluating it gives the member back."""
    assert repr(Activation.relu) == "Activation.relu"
    assert repr([Level.low, Mode.slow]) == "[Level.low, Mode.slow]"
    assert eval(repr(Activation.gelu)) is Activation.gelu


def test_repr_of_a_flag_combination_is_a_call() -> None:
    """A member that has no name of its own is written as a call by value."""
    assert repr(Shades.red) == "Shades.red"
    assert repr(Shades.red | Shades.blue) == "Shades(3)"


def test_bases_are_kept_as_mixins() -> None:
    """A base class such as `str` makes a mixed-in enum."""
    assert isinstance(Mode.fast, str)
    assert Mode.fast == "fast"


def test_existing_enum_is_patched_in_place() -> None:
    """Applying @penum to an existing Enum keeps its members and adds the repr and `make`."""
    assert repr(Existing.north) == "Existing.north"
    assert Existing.make("s") is Existing.south
    assert penum(Existing) is Existing


def test_unknown_value_lists_the_valid_ones(sites: Any) -> None:
    """An unknown value is a ValueError that lists every valid value and suggests a close one."""
    with pytest.raises(ValueError) as info:
        Activation("gleu")
    assert str(info.value) == (
        "Activation: 'gleu' is not a valid value; valid values are 'relu', 'gelu', 'swish'\n"
        f"  called at {sites.raised(info, __file__)}\n"
        "  hint: did you mean 'gelu'?"
    )


def test_unknown_value_through_make(sites: Any) -> None:
    """`make` refuses an unknown value with the same message."""
    with pytest.raises(ValueError) as info:
        Activation.make("tanh")
    assert str(info.value) == (
        "Activation: 'tanh' is not a valid value; valid values are 'relu', 'gelu', 'swish'\n"
        f"  called at {sites.raised(info, __file__)}\n"
        "  hint: use a member, e.g. Activation.relu"
    )


def test_member_name_instead_of_value(sites: Any) -> None:
    """Passing a member's name where its value is expected gets a hint saying so."""
    with pytest.raises(ValueError) as info:
        Level("high")
    assert str(info.value) == (
        "Level: 'high' is not a valid value; valid values are 1, 2\n"
        f"  called at {sites.raised(info, __file__)}\n"
        "  hint: 'high' is a member's name; use Level.high or Level['high']"
    )


def test_config_fields_accept_members_only(sites: Any) -> None:
    """A config field typed with a penum accepts its members and refuses plain values."""
    layer = Layer(activation=Activation.gelu, level=Level.low)
    assert layer.activation is Activation.gelu
    with pytest.raises(TypeError) as info:
        Layer(activation="gelu", level=Level.low)
    assert str(info.value) == (
        "Layer.activation: expected Activation, got str 'gelu'\n"
        f"  set at {sites.raised(info, __file__)}\n"
        "  hint: pass a value of type Activation"
    )


def test_members_pickle_and_copy_to_themselves() -> None:
    """Members survive pickle, copy and deepcopy as the same objects, inside configs too."""
    layer = Layer(activation=Activation.swish, level=Level.high)
    assert pickle.loads(pickle.dumps(Activation.relu)) is Activation.relu
    assert copy.deepcopy(Level.low) is Level.low
    assert pickle.loads(pickle.dumps(layer)) == layer
    assert pickle.loads(pickle.dumps(layer)).activation is Activation.swish


@given(st.sampled_from(list(Activation)) | st.sampled_from(list(Level)) | st.sampled_from(list(Mode)))
def test_every_member_round_trips_through_its_repr_and_value(member: enum.Enum) -> None:
    """For every member, `eval(repr(m))`, `Cls(m.value)` and `Cls.make(m.value)` give `m`."""
    cls = type(member)
    assert eval(repr(member)) is member
    assert cls(member.value) is member
    assert cls.make(member.value) is member  # type: ignore[attr-defined]


def test_not_a_class_is_refused(sites: Any) -> None:
    """@penum on something that is not a class is a TypeError."""
    with pytest.raises(TypeError) as info:
        penum(3)
    assert str(info.value) == (
        "@penum: expected a class, got int 3\n"
        f"  used at {sites.raised(info, __file__)}\n"
        "  hint: decorate a class body: @penum class Mode: fast = 'fast' (one `name = value` line a member)"
    )


def test_class_without_members_is_refused(sites: Any) -> None:
    """A @penum class with no members is a TypeError."""
    with pytest.raises(TypeError) as info:

        @penum
        class Empty:
            def helper(self) -> None: ...

    assert str(info.value) == (
        "test_class_without_members_is_refused.<locals>.Empty: a @penum class needs at least one member\n"
        f"  declared at {sites.raised(info, __file__)}\n"
        "  hint: list the members in the class body: `name = value`"
    )


def test_member_named_make_is_refused(sites: Any) -> None:
    """`make` is reserved for the constructor and cannot be a member."""
    with pytest.raises(TypeError) as info:

        @penum
        class Verb:
            make = "make"
            take = "take"

    assert str(info.value) == (
        "test_member_named_make_is_refused.<locals>.Verb.make: 'make' is reserved for @penum's constructor\n"
        f"  declared at {sites.raised(info, __file__)}\n"
        "  hint: rename it, e.g. 'make_'"
    )
