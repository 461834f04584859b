"""`psetter`: recording nested values, then building the config tree bottom-up with defaults and bases."""

from __future__ import annotations

import copy
import sys
from typing import Any, Optional, Union

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pconfigs import pconfig, pdefaults, psetter


@pconfig
class Reader:
    workers: int
    path: str


@pconfig
class FastReader(Reader):
    prefetch: int


@pconfig
class Optimizer:
    lr: float
    momentum: float


@pconfig
class Sgd:
    lr: float


@pconfig
class Experiment:
    epochs: int
    name: str
    reader: Reader
    optimizer: Optional[Optimizer]


@pconfig
class Either:
    choice: Union[Optimizer, Sgd, None]


pdefaults += Reader(workers=2, path="/data")
pdefaults += Optimizer(lr=0.1, momentum=0.9)
pdefaults += Experiment(epochs=1, name="base", reader=pdefaults(Reader), optimizer=None)

BASE = Experiment(name="first", reader=Reader(workers=4, path="/first"), optimizer=Optimizer(lr=0.5, momentum=0.0))


def here(offset: int = 0) -> str:
    """The caller's file and line (plus `offset`) as error messages write it."""
    import os

    frame = sys._getframe(1)
    path = os.path.relpath(__file__)
    return f"{__file__ if path.startswith(os.pardir) else path}:{frame.f_lineno + offset}"


def test_records_and_builds_nested_values() -> None:
    """Each level is built from the same level of the inputs plus what was recorded for it."""
    ps = psetter(type=Experiment, inputs=BASE)
    ps.epochs = 10
    ps.reader.workers = 8
    built = psetter(construct=ps)
    assert built == Experiment(BASE, epochs=10, reader=Reader(BASE.reader, workers=8))
    assert built.optimizer == BASE.optimizer


def test_without_inputs_defaults_fill_every_level() -> None:
    """With no inputs, registered defaults supply what was not recorded, at every level."""
    ps = psetter(type=Experiment)
    ps.reader.path = "/elsewhere"
    assert psetter(construct=ps) == Experiment(reader=Reader(path="/elsewhere"))


def test_optional_sub_config_is_built_from_its_default() -> None:
    """Recording into an Optional sub-config that the inputs leave None builds it from its class's default."""
    ps = psetter(type=Experiment, inputs=Experiment())
    ps.optimizer.lr = 0.01
    assert psetter(construct=ps).optimizer == Optimizer(lr=0.01, momentum=0.9)


def test_nested_setter_that_recorded_nothing_changes_nothing() -> None:
    """Opening a nested setter without recording keeps the inputs' value, even None."""
    ps = psetter(type=Experiment, inputs=Experiment())
    assert repr(ps.optimizer) == "<psetter Experiment.optimizer: nothing set>"
    assert psetter(construct=ps).optimizer is None


def test_subclass_held_by_the_inputs_keeps_its_fields() -> None:
    """A nested setter takes the class of the inputs' sub-config, so a subclass's extra fields can be set."""
    base = Experiment(reader=FastReader(workers=1, path="/f", prefetch=2))
    ps = psetter(type=Experiment, inputs=base)
    ps.reader.prefetch = 16
    assert psetter(construct=ps).reader == FastReader(workers=1, path="/f", prefetch=16)


def test_whole_values_may_be_assigned() -> None:
    """A config-typed field may be assigned a whole config instead of a nested setter."""
    ps = psetter(type=Experiment, inputs=BASE)
    ps.reader = Reader(workers=1, path="/one")
    assert ps.reader == Reader(workers=1, path="/one")
    assert psetter(construct=ps).reader == Reader(workers=1, path="/one")


def test_set_values_read_back() -> None:
    """Reading a recorded field returns the recorded value."""
    ps = psetter(type=Experiment)
    ps.epochs = 3
    assert ps.epochs == 3
    assert repr(ps) == "<psetter Experiment: epochs=3>"


def test_building_twice_gives_equal_configs() -> None:
    """A recorder is not consumed: it builds again, and a nested recorder builds on its own."""
    ps = psetter(type=Experiment, inputs=BASE)
    ps.reader.workers = 6
    assert psetter(construct=ps) == psetter(construct=ps)
    assert psetter(construct=ps.reader) == Reader(BASE.reader, workers=6)


def test_setting_twice_is_refused() -> None:
    """Setting a field a second time is a ValueError naming both places."""
    ps = psetter(type=Experiment)
    first = here(1)
    ps.reader.workers = 1
    with pytest.raises(ValueError) as info:
        again = here(1)
        ps.reader.workers = 2
    assert str(info.value) == (
        "Experiment.reader.workers: set twice on the same psetter\n"
        f"  first set at {first}\n"
        f"  set again at {again}\n"
        "  hint: set each field once; start another psetter for a variant"
    )


def test_assigning_a_field_whose_nested_setter_is_open_is_refused() -> None:
    """Once a nested setter was opened, assigning the whole field is a ValueError."""
    ps = psetter(type=Experiment)
    opened = here(1)
    ps.reader.workers = 1
    with pytest.raises(ValueError) as info:
        again = here(1)
        ps.reader = Reader(workers=3, path="/x")
    assert str(info.value) == (
        "Experiment.reader: set twice on the same psetter (its nested setter is open, so the whole value cannot "
        "be assigned)\n"
        f"  nested setter opened at {opened}\n"
        f"  set again at {again}\n"
        "  hint: set each field once; start another psetter for a variant"
    )


def test_unknown_field_is_an_attribute_error() -> None:
    """Setting or reading a name that is not a field is an AttributeError with a did-you-mean."""
    ps = psetter(type=Experiment)
    with pytest.raises(AttributeError) as info:
        line = here(1)
        ps.reader.wrokers = 3
    assert str(info.value) == (
        f"Experiment.reader.wrokers: unknown field\n  set at {line}\n  hint: did you mean 'workers'?"
    )
    with pytest.raises(AttributeError) as info:
        line = here(1)
        ps.colour
    assert str(info.value) == (
        f"Experiment.colour: unknown field\n  read at {line}\n"
        "  hint: Experiment's fields are: epochs, name, reader, optimizer"
    )


def test_reading_an_unset_field_is_an_error_not_a_hang() -> None:
    """Reading a plain field that was not set is an AttributeError at once."""
    ps = psetter(type=Experiment, inputs=BASE)
    with pytest.raises(AttributeError) as info:
        line = here(1)
        ps.epochs
    assert str(info.value) == (
        f"Experiment.epochs: not set on this psetter\n  read at {line}\n"
        "  hint: a psetter returns only the values set on it; read the others from the base"
    )
    assert not hasattr(ps, "name")
    assert getattr(ps, "name", "fallback") == "fallback"


def test_protocol_probes_do_not_reach_fields() -> None:
    """Copying or pickling a recorder is refused plainly, and dunder probes are ordinary AttributeErrors."""
    ps = psetter(type=Experiment)
    assert not hasattr(ps, "__deepcopy__")
    with pytest.raises(TypeError) as info:
        copy.copy(ps)
    assert str(info.value) == "Experiment: a psetter cannot be pickled or copied; build the config first"


def test_union_of_config_classes_has_no_nested_setter() -> None:
    """A field that may hold several config classes needs a whole config when the inputs hold none."""
    ps = psetter(type=Either)
    with pytest.raises(AttributeError) as info:
        line = here(1)
        ps.choice.lr = 0.1
    assert str(info.value) == (
        "Either.choice: not set, and it may hold Optimizer, Sgd, so it has no nested setter\n"
        f"  read at {line}\n"
        "  hint: assign a whole config: ps.choice = Optimizer(...)"
    )
    ps2 = psetter(type=Either, inputs=Either(choice=Sgd(lr=1.0)))
    ps2.choice.lr = 0.5
    assert psetter(construct=ps2).choice == Sgd(lr=0.5)


def test_wrong_type_is_refused_where_it_is_set() -> None:
    """A value of the wrong type is a TypeError naming the line that set it."""
    ps = psetter(type=Experiment)
    with pytest.raises(TypeError) as info:
        line = here(1)
        ps.reader.workers = "8"
    assert str(info.value) == (f"Reader.workers: expected int, got str '8'\n  set at {line}\n  hint: drop the quotes")


@pytest.mark.parametrize(
    "call, problem",
    [
        (lambda: psetter(), "got nothing; say which config class to record with type="),
        (lambda: psetter(inputs=BASE), "got inputs= without type=; say which config class to record with type="),
        (lambda: psetter(type=dict), "type= expects a config class, got type <class 'dict'>"),
        (
            lambda: psetter(type=Experiment, construct=psetter(type=Experiment)),
            "pass either type= (and inputs=) to start a recorder, or construct= alone to build one",
        ),
        (lambda: psetter(construct=5), "construct= expects a recorder from psetter(type=...), got int 5"),
        (
            lambda: psetter(type=Reader, inputs=Optimizer()),
            "inputs= expects a config of Reader or of a subclass (or None), "
            "got Optimizer Optimizer(lr=0.1, momentum=0.9)",
        ),
    ],
)
def test_misuse_is_a_type_error(call: Any, problem: str) -> None:
    """Calling psetter without a class, with both modes, or with the wrong objects is a TypeError."""
    with pytest.raises(TypeError) as info:
        call()
    lines = str(info.value).splitlines()
    assert lines[0] == f"psetter: {problem}"
    assert lines[1].startswith("  called at ")
    assert (
        lines[2] == "  hint: ps = psetter(type=MyConfig, inputs=base); ps.field = ...; config = psetter(construct=ps)"
    )
    assert len(lines) == 3


def test_derived_values_are_computed_and_not_settable() -> None:
    """The built config computes its derived values; a derived field cannot be recorded."""
    pinnable = pytest.importorskip("pconfigs.pinnable")

    @pconfig
    class Batch:
        per_device: int
        devices: int
        total: pinnable.Pinned[int]

        @pinnable.pproperty
        def total(self) -> int:
            return self.per_device * self.devices

    ps = psetter(type=Batch, inputs=Batch(per_device=2, devices=2))
    ps.devices = 8
    assert psetter(construct=ps).total == 16
    with pytest.raises(ValueError):
        ps.total = 3
    with pytest.raises(AttributeError) as info:
        line = here(1)
        ps.total.x = 1
    assert str(info.value) == (
        "test_derived_values_are_computed_and_not_settable.<locals>.Batch.total: a derived field: it is computed, "
        f"not set\n  read at {line}\n  hint: set the fields it is computed from"
    )


@given(
    epochs=st.none() | st.integers(),
    workers=st.none() | st.integers(),
    lr=st.none() | st.floats(allow_nan=False),
    from_base=st.booleans(),
)
def test_build_equals_the_hand_written_expression(
    epochs: Optional[int], workers: Optional[int], lr: Optional[float], from_base: bool
) -> None:
    """For any subset of recorded values, the build equals the nested constructor expression written by hand."""
    inputs = BASE if from_base else None
    ps = psetter(type=Experiment, inputs=inputs)
    top: dict[str, Any] = {}
    if epochs is not None:
        ps.epochs = epochs
        top["epochs"] = epochs
    if workers is not None:
        ps.reader.workers = workers
        top["reader"] = Reader(*([inputs.reader] if inputs else []), workers=workers)
    if lr is not None:
        ps.optimizer.lr = lr
        top["optimizer"] = Optimizer(*([inputs.optimizer] if inputs else []), lr=lr)
    assert psetter(construct=ps) == Experiment(*([inputs] if inputs else []), **top)
