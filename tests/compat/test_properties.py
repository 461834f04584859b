"""Code written for the earlier pconfigs: derived values (its page "Examples: Properties", its example
`properties.py`, and its tests of `pproperty(deps=...)` and dependency cycles, t028)."""

# ruff: noqa: UP006, UP035  (typing.Tuple and typing.List, as code written for the earlier pconfigs has them)
from __future__ import annotations

import pickle
import sys
from typing import Any, List, Tuple

import pytest
from numpy.linalg import norm
from pconfigs import Pin, Pinned, Required, pconfig, pdefaults, pinputs, pproperty

BARE_DECORATOR = 1 if sys.version_info < (3, 11) else 0
"""A bare decorator (`@pconfig`) runs at the `class` line on Python 3.10, at its own line on 3.11+."""


# ---- The example `properties.py` (its prints become the tests below).

# 2.1 Define computed properties with `@pproperty`.


@pconfig
class LineConfig:
    m: float
    b: float

    @pproperty  # @pproperty's are evaluated at construction time.
    def m(self) -> float:
        return 2 * self.b


line_config = LineConfig(
    m=1.0,
    b=1.0,  # User input value will be replaced (see also §Pinning).
)

# 2.2 Fix-up user input values with @pinputs.


@pconfig
class VehicleConfig:
    make: str
    speed: float

    @pproperty
    def speed(self) -> float:
        user_input_speed = pinputs(self).speed  # Get property input value.
        return max(0, user_input_speed)


pdefaults += VehicleConfig(
    make="BMW",
    speed=80,
)

vehicle_config = VehicleConfig(
    speed=-1,  # User sets out-of-bounds value.
)

# 2.3 Prevent users from setting computed properties.


@pconfig
class FancyVehicleConfig(VehicleConfig):
    speed: Pinned[float]
    velocity: Tuple[float, float]

    @pproperty
    def speed(self) -> float:
        return norm(self.velocity)


fancy_vehicle_config = FancyVehicleConfig(
    speed=Pinned,
    velocity=(50, 50),
)


def test_a_property_replaces_the_input_with_its_value() -> None:
    """`m` is computed from `b` when the config is built; the input `m=1.0` is replaced, as the page prints."""
    assert repr(line_config) == "LineConfig(m=2.0, b=1.0)"
    assert pinputs(line_config).m == 1.0


def test_pinputs_reads_the_users_input() -> None:
    """A property reads the user's input with `pinputs(self)` and corrects it; `make` comes from the default."""
    assert repr(vehicle_config) == 'VehicleConfig(make="BMW", speed=0)'
    assert pinputs(vehicle_config).speed == -1


def test_a_config_built_from_another_recomputes_from_its_inputs() -> None:
    """Building from a base copies its inputs, so derived values are computed again for the new config."""
    assert repr(VehicleConfig(vehicle_config, make="VW")) == 'VehicleConfig(make="VW", speed=0)'
    assert VehicleConfig(vehicle_config, speed=30).speed == 30


def test_a_pinned_field_cannot_be_set(sites: Any) -> None:
    """Setting a `Pinned` field is a ValueError (the earlier one's type) that says how to leave it computed."""
    with pytest.raises(ValueError) as info:
        FancyVehicleConfig(
            speed=-1,  # User cannot set a Pinned field.
            velocity=(50, 50),
        )
    assert str(info.value) == (
        "FancyVehicleConfig.speed: is Pinned (computed), so it cannot be set to -1\n"
        f"  set at {sites.raised(info, __file__)}\n"
        "  hint: leave it out to compute it, or pin it explicitly: speed=Pin(-1)"
    )


def test_a_pinned_field_is_computed_and_printed_as_pinned() -> None:
    """`speed=Pinned` asks for the computed value, which prints with the Pinned comment, as the page shows."""
    assert repr(fancy_vehicle_config) == (
        "FancyVehicleConfig(\n"
        '    make="BMW",\n'
        "    speed=70.71067811865476,  # Pinned (omit from config)\n"
        "    velocity=(50, 50),\n"
        ")"
    )
    assert FancyVehicleConfig(velocity=(3, 4)).speed == 5.0


def test_a_pin_wins_over_the_property_and_is_kept() -> None:
    """`Pin(value)` fixes a Pinned field; a config built from a pinned one keeps the pin."""
    pinned = FancyVehicleConfig(speed=Pin(3.0), velocity=(50, 50))
    assert pinned.speed == 3.0
    assert FancyVehicleConfig(pinned, velocity=(1, 1)).speed == 3.0


def test_computed_values_survive_pickling() -> None:
    """An unpickled config keeps its computed values (the earlier one's test t003)."""
    copy = pickle.loads(pickle.dumps(fancy_vehicle_config))
    assert copy == fancy_vehicle_config
    assert copy.speed == 70.71067811865476


# ---- Pins in defaults (the earlier one's page on pinning).


@pconfig
class ModelConfig:
    y: float
    z: Pinned[float]

    @pproperty
    def z(self) -> float:
        return self.y * 2


pdefaults += ModelConfig(y=2.0, z=Pin(3.0))


def test_a_pin_in_the_default_is_kept_by_configs_built_from_it() -> None:
    """A default that pins a field gives that pin to every config built from it."""
    assert repr(ModelConfig(y=10.0)) == "ModelConfig(\n    y=10.0,\n    z=3.0,  # Pinned: pinned to this value\n)"


# ---- `pproperty(deps=...)`, cycles, and Required propagating as Pinned.


@pconfig
class BaseConfig:
    x: float


def test_a_dependency_cycle_is_a_value_error(sites: Any) -> None:
    """Two properties that read each other are refused with a ValueError when the class is defined (t028)."""
    declared = sites.text(__file__, sys._getframe().f_lineno + 3 + BARE_DECORATOR)  # the decorator below
    with pytest.raises(ValueError) as info:

        @pconfig
        class FirstConfig(BaseConfig):
            y: float

            @pproperty
            def x(self) -> float:
                return self.y + 1

            @pproperty
            def y(self) -> float:
                return self.x + 1

    assert str(info.value) == (
        "test_a_dependency_cycle_is_a_value_error.<locals>.FirstConfig: @pproperty dependency cycle: x -> y -> x\n"
        f"  declared at {declared}\n"
        "  hint: compute one of them from inputs only, or make one an input field"
    )


def test_deps_as_a_string_reveals_a_hidden_cycle(sites: Any) -> None:
    """`deps="y"` declares a dependency the source does not show (`getattr`), so the cycle is found (t028)."""
    declared = sites.text(__file__, sys._getframe().f_lineno + 3 + BARE_DECORATOR)  # the decorator below
    with pytest.raises(ValueError) as info:

        @pconfig
        class SecondConfig(BaseConfig):
            y: float

            @pproperty(deps="y")
            def x(self) -> float:
                prop_name = "y"
                return getattr(self, prop_name) + 1

            @pproperty
            def y(self) -> float:
                return self.x + 1

    assert str(info.value) == (
        "test_deps_as_a_string_reveals_a_hidden_cycle.<locals>.SecondConfig: @pproperty dependency cycle: "
        "x -> y -> x\n"
        f"  declared at {declared}\n"
        "  hint: compute one of them from inputs only, or make one an input field"
    )


def test_deps_as_a_list_reveals_a_hidden_cycle(sites: Any) -> None:
    """`deps=["y"]` does the same as `deps="y"`."""
    declared = sites.text(__file__, sys._getframe().f_lineno + 3 + BARE_DECORATOR)  # the decorator below
    with pytest.raises(ValueError) as info:

        @pconfig
        class ThirdConfig(BaseConfig):
            y: float

            @pproperty(deps=["y"])
            def x(self) -> float:
                return getattr(self, "y") + 1

            @pproperty
            def y(self) -> float:
                return self.x + 1

    assert str(info.value) == (
        "test_deps_as_a_list_reveals_a_hidden_cycle.<locals>.ThirdConfig: @pproperty dependency cycle: x -> y -> x\n"
        f"  declared at {declared}\n"
        "  hint: compute one of them from inputs only, or make one an input field"
    )


def test_a_property_that_reads_itself_is_a_value_error(sites: Any) -> None:
    """A property reading its own field is refused with a ValueError that points to `pinputs`."""
    declared = sites.text(__file__, sys._getframe().f_lineno + 3 + BARE_DECORATOR)  # the decorator below
    with pytest.raises(ValueError) as info:

        @pconfig
        class SelfConfig:
            x: float

            @pproperty
            def x(self) -> float:
                return self.x + 1

    assert str(info.value) == (
        "test_a_property_that_reads_itself_is_a_value_error.<locals>.SelfConfig.x: @pproperty reads itself (self.x)\n"
        f"  declared at {declared}\n"
        "  hint: read the user's input with pinputs(self).x"
    )


@pconfig
class ScheduleConfig:
    base_lr: float
    steps: int
    peak: Pinned[float]
    schedule: Pinned[List[float]]

    @pproperty(deps="base_lr")
    def peak(self) -> float:
        return getattr(self, "base_lr") * 10

    @pproperty(deps=["peak", "steps"])
    def schedule(self) -> List[float]:
        return [getattr(self, "peak") / (i + 1) for i in range(getattr(self, "steps"))]


def test_deps_order_the_computation() -> None:
    """Declared dependencies are computed first, whatever the source reads."""
    cfg = ScheduleConfig(base_lr=0.1, steps=3)
    assert (cfg.peak, cfg.schedule) == (1.0, [1.0, 0.5, 1.0 / 3])


def test_required_inputs_leave_derived_values_pinned() -> None:
    """A dependency still Required leaves every value computed from it `Pinned`, instead of failing."""
    assert repr(ScheduleConfig(base_lr=Required, steps=2)) == (
        "ScheduleConfig(\n"
        "    base_lr=Required,\n"
        "    steps=2,\n"
        "    peak=Pinned,  # Pinned (omit from config)\n"
        "    schedule=Pinned,  # Pinned (omit from config)\n"
        ")"
    )
    assert ScheduleConfig(base_lr=0.1, steps=Required).peak == 1.0
    assert ScheduleConfig(base_lr=0.1, steps=Required).schedule is Pinned
