"""Plain data and derived fields: values written, inputs and pins written and read back (DESIGN 6.3)."""

from __future__ import annotations

import json
import math
from typing import Optional

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pconfigs import pconfig, pdefaults
from pconfigs._data import from_dict, to_dict
from pconfigs.pinnable import Pin, Pinned, pinputs, pproperty


@pconfig
class Box:
    width: int
    height: float
    area: Pinned[float]
    scale: float
    sides: Pinned[tuple[float, ...]]

    @pproperty
    def area(self) -> float:
        return self.width * self.height

    @pproperty
    def scale(self) -> float:
        return pinputs(self).scale * 2

    @pproperty
    def sides(self) -> tuple[float, ...]:
        return (self.width, self.height)


pdefaults += Box(width=1, height=1.0, scale=1.0)


@pconfig
class Shelf:
    box: Box
    spare: Optional[Box]


pdefaults += Shelf(box=Box(width=5, height=5.0, area=Pin(1.0)), spare=None)


def test_to_dict_includes_derived_values() -> None:
    """By default the dict holds every value: derived ones and transformed ones as computed."""
    assert to_dict(Box(width=2, height=3.0)) == {
        "width": 2,
        "height": 3.0,
        "area": 6.0,
        "scale": 2.0,
        "sides": [2, 3.0],
    }


def test_inputs_leave_out_derived_values_and_mark_pins() -> None:
    """With inputs=True, derived fields are left out, pins are `{"__pin__": value}`, transformed fields their input."""
    box = Box(width=2, height=3.0, area=Pin(math.nan), sides=Pin((1.0,)))
    assert to_dict(box, inputs=True) == {
        "width": 2,
        "height": 3.0,
        "area": {"__pin__": "nan"},
        "scale": 1.0,
        "sides": {"__pin__": [1.0]},
    }


def test_inputs_round_trip_with_pins() -> None:
    """A pinned config written with inputs=True reads back equal, its pins kept as pins."""
    box = Box(width=2, height=3.0, area=Pin(math.inf))
    again = from_dict(Box, json.loads(json.dumps(to_dict(box, inputs=True))))
    assert again == box and again.area == math.inf
    assert Box(again, width=4).area == math.inf


def test_from_dict_ignores_derived_values_in_the_data() -> None:
    """A derived value in the data is ignored: the build computes it."""
    built = from_dict(Box, {"width": 2, "height": 3.0, "area": 100.0, "sides": [0]})
    assert built == Box(width=2, height=3.0)


def test_from_dict_reads_a_transformed_field_as_its_input() -> None:
    """A field a @pproperty transforms takes the data as its input (so a dict of values transforms twice)."""
    assert from_dict(Box, to_dict(Box(scale=3.0), inputs=True)).scale == 6.0
    assert from_dict(Box, to_dict(Box(scale=3.0))).scale == 12.0


def test_pinned_marker_computes_a_field_a_default_pins() -> None:
    """`{"__pinned__": true}` computes a field even where the fallback pins it; to_dict writes it only there."""
    shelf = Shelf(box=Box(width=5, height=5.0))
    data = to_dict(shelf, inputs=True)
    assert data["box"] == {"width": 5, "height": 5.0, "area": {"__pinned__": True}, "scale": 1.0}
    assert from_dict(Shelf, data) == shelf and from_dict(Shelf, data).box.area == 25.0


def test_partial_sub_config_keeps_the_pins_of_its_fallback() -> None:
    """A sub-config's dict is built from the default's sub-config, whose pin it keeps."""
    assert from_dict(Shelf, {"box": {"width": 7}}) == Shelf(box=Box(pdefaults(Shelf).box, width=7))
    assert from_dict(Shelf, {"box": {"width": 7}}).box.area == 1.0


def test_from_dict_refuses_a_malformed_pin() -> None:
    """A pin is a dict with the one key "__pin__"; anything else that looks like one is refused."""
    with pytest.raises(TypeError) as info:
        from_dict(Box, {"area": {"__pin__": 1.0, "x": 2}}, source="box.json")
    assert str(info.value) == (
        "box.json: area: {'__pin__': 1.0, 'x': 2} is not a pin\n"
        '  hint: pin a derived field with {"__pin__": value}, or compute it with {"__pinned__": true}'
    )


def test_from_dict_checks_a_pinned_value() -> None:
    """The value inside a pin is read and checked by the field's annotation, its path named."""
    with pytest.raises(TypeError) as info:
        from_dict(Box, {"sides": {"__pin__": [1.0, "x"]}})
    assert str(info.value) == "sides[1]: expected float, got str 'x'"


@pconfig
class Loose:
    count: int
    never: Pinned[int]


def test_to_dict_refuses_a_derived_value_never_computed() -> None:
    """A derived field left Pinned (no @pproperty, no pin) has no value to write; its inputs can be written."""
    with pytest.raises(TypeError) as info:
        to_dict(Loose(count=1))
    assert str(info.value) == (
        "Loose.never: Pinned has no JSON form: the derived value was never computed\n"
        "  hint: give it a @pproperty or a pin, or write the inputs: to_dict(cfg, inputs=True)"
    )
    assert to_dict(Loose(count=1), inputs=True) == {"count": 1}
    assert to_dict(Loose(count=1, never=Pin(2))) == {"count": 1, "never": 2}


floats = st.floats(allow_nan=True, allow_infinity=True)
# A pin holding NaN is left to the test below: `Pin.__eq__` compares its values with `==`, so such a config is not
# equal to any copy of it (its pickle copy included), whatever to_dict and from_dict do.
pinned_floats = st.floats(allow_nan=False, allow_infinity=True)
pins = st.none() | pinned_floats.map(Pin)


@st.composite
def boxes(draw: st.DrawFn) -> Box:
    fields = dict(width=draw(st.integers()), height=draw(floats), scale=draw(floats))
    area, sides = draw(pins), draw(st.none() | st.lists(pinned_floats, max_size=3).map(lambda x: Pin(tuple(x))))
    return Box(**fields, **({"area": area} if area is not None else {}), **({"sides": sides} if sides else {}))


def test_a_pinned_nan_round_trips() -> None:
    """A config pinned to NaN reads back equal, and equals its pickle copy with the same hash (DESIGN 3.8)."""
    import pickle

    box = Box(area=Pin(float("nan")))  # not `math.nan`: from_dict reads "nan" as that very object
    assert from_dict(Box, to_dict(box, inputs=True)) == box
    assert pickle.loads(pickle.dumps(Pin(float("nan")))) == Pin(float("nan"))
    assert hash(Pin(float("nan"))) == hash(Pin(float("nan")))


@settings(max_examples=100, deadline=None)
@given(boxes(), st.none() | boxes())
def test_round_trip_property_with_pins(box: Box, spare: Optional[Box]) -> None:
    """from_dict(type(c), to_dict(c, inputs=True)) == c for configs with random pins, through strict JSON."""
    shelf = Shelf(box=box, spare=spare)
    data = json.loads(json.dumps(to_dict(shelf, inputs=True), allow_nan=False))
    assert from_dict(Shelf, data) == shelf
