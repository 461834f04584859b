"""Plain data: `to_dict` writes a config as JSON's values, `from_dict` builds a config from them (DESIGN 6.3)."""

from __future__ import annotations

import enum
import json
import math
import sys
from collections.abc import Callable
from pathlib import Path, PurePosixPath
from typing import Any, Literal, NamedTuple, Optional, Union

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pconfigs import Required, pconfig, pdefaults, penum
from pconfigs._data import from_dict, to_dict
from pconfigs._frozen import FROZEN


@penum
class Color:
    red = "red"
    green = "green"


class Level(enum.Enum):
    low = 1
    high = 2


class Secret(str):
    def __str__(self) -> str:
        return "***"


class Point(NamedTuple):
    x: int
    y: float


@pconfig
class Optimizer:
    lr: float
    momentum: float


@pconfig
class Adam(Optimizer):
    beta2: float


@pconfig
class Sgd:
    nesterov: bool


@pconfig
class Training:
    steps: int
    optimizer: Optimizer


pdefaults += Optimizer(lr=0.1, momentum=0.9)
pdefaults += Training(steps=10, optimizer=Optimizer(lr=0.5, momentum=0.5))


@pconfig
class Values:
    number: float
    count: int
    name: str
    color: Color
    level: Level
    where: Path
    pure: PurePosixPath
    pair: tuple[float, str]
    ints: tuple[int, ...]
    tags: set[str]
    frozen: frozenset[int]
    scores: dict[str, float]
    by_id: dict[int, str]
    by_level: dict[Level, int]
    maybe: Optional[float]
    mode: Literal["a", "b"]
    secret: Secret
    point: Point
    anything: Any


def values(**changes: Any) -> Values:
    fields: dict[str, Any] = dict(
        number=0.5,
        count=3,
        name="run",
        color=Color.green,
        level=Level.high,
        where=Path("data/train.csv"),
        pure=PurePosixPath("a/b"),
        pair=(1.5, "x"),
        ints=(3, 1, 2),
        tags={"b", "a", "c"},
        frozen=frozenset({10, 9, 100}),
        scores={"top1": 0.75},
        by_id={1: "one", 2: "two"},
        by_level={Level.low: 0},
        maybe=None,
        mode="b",
        secret=Secret("hunter2"),
        point=Point(1, 2.5),
        anything=[1, {"a": [2, 3]}],
    )
    fields.update(changes)
    return Values(**fields)


VALUES_DATA = {
    "number": 0.5,
    "count": 3,
    "name": "run",
    "color": "green",
    "level": 2,
    "where": "data/train.csv",
    "pure": "a/b",
    "pair": [1.5, "x"],
    "ints": [3, 1, 2],
    "tags": ["a", "b", "c"],
    "frozen": [9, 10, 100],
    "scores": {"top1": 0.75},
    "by_id": {"1": "one", "2": "two"},
    "by_level": {"1": 0},
    "maybe": None,
    "mode": "b",
    "secret": "hunter2",
    "point": [1, 2.5],
    "anything": [1, {"a": [2, 3]}],
}


@pconfig
class Holder:
    optimizer: Optimizer
    maybe: Optional[Optimizer]
    either: Union[Optimizer, Sgd]
    many: list[Optimizer]
    named: dict[str, Optimizer]
    anything: Any


def holder(**changes: Any) -> Holder:
    fields: dict[str, Any] = dict(
        optimizer=Optimizer(lr=0.1, momentum=0.9),
        maybe=None,
        either=Sgd(nesterov=True),
        many=[],
        named={},
        anything=None,
    )
    fields.update(changes)
    return Holder(**fields)


def plain_types(data: Any) -> set[type]:
    """Every type found in a value, at any depth."""
    found: set[type] = set()
    todo = [data]
    while todo:
        item = todo.pop()
        found.add(type(item))
        if isinstance(item, dict):
            found.update(type(k) for k in item)
            todo.extend(item.values())
        elif isinstance(item, list):
            todo.extend(item)
    return found


# -- to_dict -------------------------------------------------------------------------------------------------------


def test_to_dict_writes_each_encoding() -> None:
    """Tuples and sets become lists (sets sorted), enums their values, paths and str subclasses their text."""
    assert to_dict(values()) == VALUES_DATA


def test_to_dict_gives_plain_containers_only() -> None:
    """The result holds dicts, lists, strings, numbers, bools and None, never pconfigs' frozen containers."""
    data = to_dict(values(anything={"k": [[1], {2}]}))
    assert plain_types(data) <= {dict, list, str, int, float, bool, type(None)}
    assert not plain_types(data) & set(FROZEN)


def test_to_dict_fields_come_in_declaration_order() -> None:
    """A config's dict lists its fields in declaration order, base classes' first."""
    assert list(to_dict(Adam(lr=0.1, momentum=0.9, beta2=0.99))) == ["lr", "momentum", "beta2"]


def test_to_dict_writes_non_finite_floats_as_strings() -> None:
    """NaN and the infinities are the strings "nan", "inf" and "-inf", so the output is strict JSON."""
    data = to_dict(values(number=math.nan, pair=(math.inf, "x"), scores={"a": -math.inf}, maybe=math.nan))
    assert (data["number"], data["pair"], data["scores"], data["maybe"]) == ("nan", ["inf", "x"], {"a": "-inf"}, "nan")
    json.dumps(data, allow_nan=False)


def test_to_dict_sorts_sets_whatever_the_hash_seed() -> None:
    """Set elements come sorted: numbers by value, strings by text, mixed kinds by kind first."""
    data = to_dict(values(tags={"b", "a"}, frozen=frozenset({10, -1, 9}), anything={"x", 2, None, 1.5, True}))
    assert (data["tags"], data["frozen"], data["anything"]) == (["a", "b"], [-1, 9, 10], [None, True, 1.5, 2, "x"])


def test_to_dict_marks_a_sub_config_whose_class_differs_from_its_annotation() -> None:
    """A subclass, a member of a union of configs and a config in an Any field carry "__class__"; others do not."""
    adam = Adam(lr=0.1, momentum=0.9, beta2=0.99)
    data = to_dict(holder(optimizer=adam, maybe=Optimizer(), either=Sgd(nesterov=False), anything=Optimizer()))
    module = __name__
    assert data["optimizer"] == {"__class__": f"{module}.Adam", "lr": 0.1, "momentum": 0.9, "beta2": 0.99}
    assert data["maybe"] == {"lr": 0.1, "momentum": 0.9}
    assert data["either"] == {"__class__": f"{module}.Sgd", "nesterov": False}
    assert data["anything"] == {"__class__": f"{module}.Optimizer", "lr": 0.1, "momentum": 0.9}


def test_to_dict_writes_configs_in_containers() -> None:
    """Configs in lists and dicts are dicts too, marked where their class is not the element annotation's."""
    adam = Adam(lr=0.1, momentum=0.9, beta2=0.99)
    data = to_dict(holder(many=[Optimizer(), adam], named={"a": Optimizer()}))
    assert data["many"] == [
        {"lr": 0.1, "momentum": 0.9},
        {"__class__": f"{__name__}.Adam", "lr": 0.1, "momentum": 0.9, "beta2": 0.99},
    ]
    assert data["named"] == {"a": {"lr": 0.1, "momentum": 0.9}}


def test_to_dict_writes_dict_keys_as_strings() -> None:
    """Keys become JSON's strings: numbers as their text, True as "true", None as "null", enums by value."""
    data = to_dict(values(anything={3: "a", 2.5: "b", True: "c", None: "d", Color.red: "e", Path("p"): "f"}))
    assert data["anything"] == {"3": "a", "2.5": "b", "true": "c", "null": "d", "red": "e", "p": "f"}


@pconfig
class Named:
    kind: type[Optimizer]
    any_class: type
    call: Callable[..., Any]
    maybe_call: Optional[Callable[..., Any]]
    anything: Any


def named(**changes: Any) -> Named:
    fields: dict[str, Any] = dict(kind=Adam, any_class=Path, call=json.dumps, maybe_call=None, anything=None)
    fields.update(changes)
    return Named(**fields)


def test_to_dict_writes_classes_and_functions_by_name_in_type_and_callable_fields() -> None:
    """In a field typed type[...] or Callable, a class or function is its importable name."""
    data = to_dict(named(maybe_call=math.sqrt))
    assert data == {
        "kind": f"{__name__}.Adam",
        "any_class": "pathlib.Path",
        "call": "json.dumps",
        "maybe_call": "math.sqrt",
        "anything": None,
    }
    assert from_dict(Named, data) == named(maybe_call=math.sqrt)


def test_to_dict_writes_a_local_subclass_by_name_in_a_type_field() -> None:
    """A subclass that cannot be imported is written by name in a `type[X]` field; from_dict finds it by X."""

    @pconfig
    class Local(Optimizer): ...

    data = to_dict(named(kind=Local))
    assert data["kind"] == f"{__name__}.test_to_dict_writes_a_local_subclass_by_name_in_a_type_field.<locals>.Local"
    assert from_dict(Named, data).kind is Local


def test_to_dict_refuses_a_function_outside_a_callable_field() -> None:
    """A function in a field not typed Callable has no JSON form: a TypeError naming the path."""
    with pytest.raises(TypeError) as info:
        to_dict(named(anything={"hook": json.dumps}))
    assert str(info.value) == (
        "Named.anything['hook']: a function json.dumps has no JSON form\n"
        "  hint: classes and functions are written by name only in fields typed type[...] or Callable"
    )


def test_to_dict_refuses_a_function_that_cannot_be_imported_by_name() -> None:
    """A lambda in a Callable field has no JSON form: from_dict could not load it back."""
    with pytest.raises(TypeError) as info:
        to_dict(named(call=lambda: None))
    assert str(info.value) == (
        f"Named.call: a function {__name__}.test_to_dict_refuses_a_function_that_cannot_be_imported_by_name"
        ".<locals>.<lambda> has no JSON form: it cannot be imported by name\n"
        "  hint: define it at the top level of a module"
    )


class Opaque:
    pass


@pytest.mark.parametrize(
    ("value", "what"),
    [
        (Opaque(), f"a {__name__}.Opaque object"),
        (b"raw", "a bytes value b'raw'"),
        (1j, "a complex value 1j"),
        (sys, "a module sys"),
    ],
)
def test_to_dict_refuses_a_value_with_no_json_form(value: object, what: str) -> None:
    """An arbitrary object, bytes, a complex number or a module has no JSON form: a TypeError naming the path."""
    with pytest.raises(TypeError) as info:
        to_dict(values(anything=[0, value]))
    assert str(info.value) == (
        f"Values.anything[1]: {what} has no JSON form\n"
        "  hint: plain data holds None, bools, numbers, strings, lists, tuples, sets, dicts, enums, paths and configs"
    )


def test_to_dict_refuses_a_key_with_no_json_form() -> None:
    """A tuple key has no JSON form, since JSON's keys are strings."""
    with pytest.raises(TypeError) as info:
        to_dict(values(anything={(1, 2): "a"}))
    assert str(info.value) == (
        "Values.anything: the key (1, 2) has no JSON form (JSON keys are strings)\n"
        "  hint: use keys that are strings, numbers, bools, None, enums or paths"
    )


def test_to_dict_refuses_keys_written_alike() -> None:
    """Two keys whose texts are equal (1 and "1") would collide in JSON: a TypeError."""
    with pytest.raises(TypeError) as info:
        to_dict(values(anything={1: "a", "1": "b"}))
    assert str(info.value) == (
        "Values.anything: two keys are written '1' (JSON keys are strings)\n  hint: use keys whose texts differ"
    )


def test_to_dict_refuses_what_is_not_a_config() -> None:
    """to_dict takes a config object."""
    with pytest.raises(TypeError) as info:
        to_dict(Optimizer)
    assert str(info.value) == (
        f"to_dict: expected a config, got type <class '{__name__}.Optimizer'>\n"
        "  hint: pass a config object, e.g. to_dict(TrainerConfig())"
    )


@pconfig
class Job:
    name: str
    training: Training
    retries: int


pdefaults += Job(name=Required, training=Training(), retries=Required)


def test_to_dict_refuses_a_config_that_still_holds_required(sites: Any) -> None:
    """Required has no value to write: the one "still Required" message lists every unset path."""
    job = Job(training=Training(optimizer=Optimizer(Optimizer(), lr=Required)))
    line = sys._getframe().f_lineno - 1
    with pytest.raises(TypeError) as info:
        to_dict(job)
    assert str(info.value) == (
        "Job: cannot convert it to plain data, 3 fields are still Required: name, training.optimizer.lr, retries\n"
        f"  built at {sites.text(__file__, line)}\n"
        "  hint: set them: Job(cfg, name=...)"
    )


def test_inputs_leave_out_required_that_a_build_gives_anyway() -> None:
    """With inputs=True, Required coming from a default is left out, so the data rebuilds the same config."""
    job = Job(retries=2)
    data = to_dict(job, inputs=True)
    assert data == {"training": {"steps": 10, "optimizer": {"lr": 0.5, "momentum": 0.5}}, "retries": 2}
    assert from_dict(Job, data) == job


def test_inputs_refuse_required_that_a_build_would_not_give(sites: Any) -> None:
    """Required set over a default's value cannot be written: the data would rebuild the default's value."""
    job = Job(name="a", retries=1, training=Training(steps=Required))
    line = sys._getframe().f_lineno - 1
    with pytest.raises(TypeError) as info:
        to_dict(job, inputs=True)
    assert str(info.value) == (
        "Job: cannot convert it to plain data, 1 field is still Required: training.steps\n"
        f"  built at {sites.text(__file__, line)}\n"
        "  hint: set it: Job(cfg, training=Training(cfg.training, steps=...))"
    )


def test_to_dict_writes_numpy_values_as_python_values() -> None:
    """NumPy scalars are Python numbers and arrays nested lists (non-finite floats as strings)."""
    np = pytest.importorskip("numpy")
    data = to_dict(values(number=np.float64(0.25), count=np.int64(7), anything=np.array([[1.0, np.nan]])))
    assert (data["number"], data["count"], data["anything"]) == (0.25, 7, [[1.0, "nan"]])
    assert {type(data["number"]), type(data["count"])} == {float, int}


# -- from_dict -----------------------------------------------------------------------------------------------------


def test_from_dict_reads_each_encoding_back() -> None:
    """Lists become tuples and sets, strings enums and paths, "nan" a float, by each field's annotation."""
    assert from_dict(Values, VALUES_DATA) == values()
    odd = from_dict(Values, {**VALUES_DATA, "number": "nan", "maybe": "-inf", "pair": ["inf", "x"]})
    assert math.isnan(odd.number) and odd.maybe == -math.inf and odd.pair == (math.inf, "x")


def test_from_dict_builds_values_of_the_annotated_types() -> None:
    """The config holds tuples, sets, enum members and paths, not the lists and strings of the data."""
    built = from_dict(Values, VALUES_DATA)
    assert type(built.ints) is tuple and type(built.pair) is tuple and type(built.point) is Point
    assert isinstance(built.tags, set) and type(built.frozen) is frozenset
    assert built.color is Color.green and built.level is Level.high and built.by_level == {Level.low: 0}
    assert built.by_id == {1: "one", 2: "two"} and type(built.secret) is Secret


def test_from_dict_reads_an_enum_member_by_name_too() -> None:
    """An enum field takes a member's value first, else its name."""
    assert from_dict(Values, {**VALUES_DATA, "level": "low"}).level is Level.low


def test_from_dict_fills_what_the_data_leaves_out_from_defaults() -> None:
    """Fields the data leaves out come from the registered defaults, as in Cls(**values)."""
    assert from_dict(Training, {"steps": 3}) == Training(steps=3)
    assert from_dict(Training, {}) == Training()


def test_from_dict_builds_a_partial_sub_config_from_the_default_sub_config() -> None:
    """A sub-config's dict changes only what it names of the value the field would otherwise get."""
    built = from_dict(Training, {"optimizer": {"lr": 0.01}})
    assert built.optimizer == Optimizer(lr=0.01, momentum=0.5)  # momentum from Training's default, not Optimizer's


def test_from_dict_builds_the_subclass_named_by_class() -> None:
    """A dict with "__class__" builds that subclass of the annotated class."""
    data = {"optimizer": {"__class__": f"{__name__}.Adam", "lr": 0.1, "momentum": 0.9, "beta2": 0.99}}
    assert from_dict(Training, data).optimizer == Adam(lr=0.1, momentum=0.9, beta2=0.99)


def test_from_dict_reads_a_class_by_its_qualified_name_alone() -> None:
    """Hand-written data may name a subclass without its module when no other subclass has that name."""
    data = {"optimizer": {"__class__": "Adam", "lr": 0.1, "momentum": 0.9, "beta2": 0.99}}
    assert type(from_dict(Training, data).optimizer) is Adam


def test_from_dict_builds_a_subclass_at_the_top_level() -> None:
    """from_dict(Base, data) builds the subclass the data names."""
    assert from_dict(Optimizer, {"__class__": "Adam", "beta2": 0.5}) == Adam(lr=0.1, momentum=0.9, beta2=0.5)


def test_from_dict_reads_configs_in_unions_and_containers() -> None:
    """Optional sub-configs, unions of configs, lists and dicts of configs are read by their annotations."""
    adam = Adam(lr=0.1, momentum=0.9, beta2=0.99)
    expected = holder(maybe=Optimizer(), either=Sgd(nesterov=False), many=[Optimizer(), adam], named={"a": adam})
    assert from_dict(Holder, to_dict(expected)) == expected


def test_from_dict_refuses_a_class_that_is_not_a_subclass() -> None:
    """ "__class__" must name the annotated class or one of its subclasses."""
    with pytest.raises(TypeError) as info:
        from_dict(Training, {"optimizer": {"__class__": f"{__name__}.Sgd"}}, source="run.json")
    assert str(info.value) == f"run.json: optimizer.__class__: '{__name__}.Sgd' is not Optimizer or a subclass of it"


def test_from_dict_refuses_an_unknown_class() -> None:
    """A name that no loaded subclass has is refused with a "did you mean" among the subclasses."""
    with pytest.raises(TypeError) as info:
        from_dict(Training, {"optimizer": {"__class__": f"{__name__}.Adma"}})
    assert str(info.value) == (
        f"optimizer.__class__: '{__name__}.Adma' names no loaded config class that is Optimizer or a subclass of it\n"
        f"  hint: did you mean '{__name__}.Adam'?"
    )


def test_from_dict_asks_which_class_in_a_union_of_configs() -> None:
    """A dict for a union of two config classes must say which one it is."""
    with pytest.raises(TypeError) as info:
        from_dict(Holder, {**to_dict(holder()), "either": {"nesterov": True}})
    assert str(info.value) == (
        "either: expected Optimizer | Sgd: the data does not say which\n"
        f'  hint: name the class: "__class__": "{__name__}.Optimizer"'
    )


def test_from_dict_names_the_path_and_the_source_of_a_wrong_type() -> None:
    """A value of the wrong type names the path inside the data, after the source when one is given."""
    with pytest.raises(TypeError) as info:
        from_dict(Training, {"steps": "5"}, source="data.json")
    assert str(info.value) == "data.json: steps: expected int, got str '5'\n  hint: drop the quotes"
    with pytest.raises(TypeError) as info:
        from_dict(Job, {"training": {"optimizer": {"lr": [1]}}})
    assert str(info.value) == "training.optimizer.lr: expected float, got list [1]"


def test_from_dict_names_the_element_of_a_container() -> None:
    """An element of a list, tuple or dict is named by its index or key."""
    with pytest.raises(TypeError) as info:
        from_dict(Values, {**VALUES_DATA, "ints": [1, "2"]}, source=Path("v.yaml"))
    assert str(info.value) == "v.yaml: ints[1]: expected int, got str '2'\n  hint: drop the quotes"
    with pytest.raises(TypeError) as info:
        from_dict(Values, {**VALUES_DATA, "scores": {"a": None}})
    assert str(info.value) == "scores['a']: expected float, got NoneType None"
    with pytest.raises(TypeError) as info:
        from_dict(Holder, {**to_dict(holder()), "many": [{"lr": "x"}]})
    assert str(info.value) == "many[0].lr: expected float, got str 'x'"


def test_from_dict_reads_an_error_inside_an_optional_sub_config() -> None:
    """In `Optional[Cfg]`, a dict can only be the config: the error names the field inside it."""
    with pytest.raises(TypeError) as info:
        from_dict(Holder, {**to_dict(holder()), "maybe": {"lr": True}})
    assert str(info.value) == (
        "maybe.lr: expected float, got bool True\n  hint: pass a number, not a bool (True is not accepted as float)"
    )


def test_from_dict_refuses_a_value_no_union_member_takes() -> None:
    """A value that no member of a union takes names the whole union."""
    with pytest.raises(TypeError) as info:
        from_dict(Values, {**VALUES_DATA, "maybe": "0.5"})
    assert str(info.value) == "maybe: expected float | None, got str '0.5'\n  hint: drop the quotes"


def test_from_dict_refuses_a_tuple_of_the_wrong_length() -> None:
    """A fixed-length tuple needs as many items as it declares."""
    with pytest.raises(TypeError) as info:
        from_dict(Values, {**VALUES_DATA, "pair": [1.0]})
    assert str(info.value) == "pair: expected tuple[float, str], got a list of 1 items [1.0]\n  hint: give 2 items"


def test_from_dict_refuses_an_unknown_enum_value() -> None:
    """An unknown enum value is a ValueError listing the valid values."""
    with pytest.raises(ValueError) as info:
        from_dict(Values, {**VALUES_DATA, "color": "gren"})
    assert str(info.value) == (
        "color: 'gren' is not a valid Color value; valid values are 'red', 'green'\n  hint: did you mean 'green'?"
    )


def test_from_dict_refuses_an_unknown_field_with_did_you_mean() -> None:
    """An unknown key is a TypeError naming its path, with a "did you mean"."""
    with pytest.raises(TypeError) as info:
        from_dict(Training, {"optimizer": {"lr": 0.1, "momentun": 0.2}}, source="data.json")
    assert str(info.value) == (
        "data.json: optimizer.momentun: Optimizer has no field 'momentun'\n  hint: did you mean 'momentum'?"
    )
    with pytest.raises(TypeError) as info:
        from_dict(Training, {"zzz": 1})
    assert str(info.value) == "zzz: Training has no field 'zzz'\n  hint: its fields are: steps, optimizer"


def test_from_dict_refuses_a_key_that_is_not_a_string() -> None:
    """A config's keys are field names: any other key is a TypeError."""
    with pytest.raises(TypeError) as info:
        from_dict(Training, {"optimizer": {1: 0.1}})
    assert str(info.value) == (
        "optimizer: a key of Optimizer's data is int 1; keys are field names (strings)\n"
        "  hint: write the key as the field's name"
    )


def test_from_dict_refuses_data_that_is_not_a_dict() -> None:
    """A config is read from a dict (a JSON object)."""
    with pytest.raises(TypeError) as info:
        from_dict(Training, [1, 2])  # type: ignore[arg-type]
    assert str(info.value) == "expected a dict of Training's fields, got list [1, 2]"
    with pytest.raises(TypeError) as info:
        from_dict(Training, {"optimizer": 0.1}, source="data.json")
    assert str(info.value) == "data.json: optimizer: expected a dict of Optimizer's fields, got float 0.1"


def test_from_dict_refuses_missing_fields() -> None:
    """Fields neither in the data nor in a default are listed in one TypeError."""
    with pytest.raises(TypeError) as info:
        from_dict(Holder, {"optimizer": {}, "maybe": None})
    assert str(info.value) == (
        "missing 4 fields of Holder: either, many, named, anything\n"
        "  hint: add them to the data, or register a default with `pdefaults += Holder(...)`"
    )
    with pytest.raises(TypeError) as info:
        from_dict(Holder, {**to_dict(holder()), "either": {"__class__": "Sgd"}}, source="h.json")
    assert str(info.value) == (
        "h.json: either: missing 1 field of Sgd: nesterov\n"
        "  hint: add it to the data, or register a default with `pdefaults += Sgd(...)`"
    )


def test_from_dict_refuses_a_pin_for_a_field_that_is_not_derived() -> None:
    """Only a derived field can be pinned."""
    with pytest.raises(TypeError) as info:
        from_dict(Training, {"steps": {"__pin__": 3}})
    assert str(info.value) == (
        "steps: Training.steps is not a derived field, so it cannot be pinned\n  hint: write its value itself"
    )


def test_from_dict_refuses_what_is_not_a_config_class() -> None:
    """from_dict takes a config class."""
    with pytest.raises(TypeError) as info:
        from_dict(dict, {})
    assert str(info.value) == (
        "from_dict: expected a config class, got type <class 'dict'>\n"
        "  hint: pass the class to build, e.g. from_dict(TrainerConfig, data)"
    )


def test_from_dict_reads_classes_and_functions_from_loaded_modules_only() -> None:
    """A name is looked up in the modules already imported: data never imports code."""
    with pytest.raises(TypeError) as info:
        from_dict(Named, {**to_dict(named()), "call": "some_module_never_imported.run"})
    assert str(info.value) == (
        "call: 'some_module_never_imported.run' names nothing in the modules imported so far (expected Callable)\n"
        "  hint: write module.QualName, and import the module that defines it before from_dict "
        "(data never imports code)"
    )
    assert "some_module_never_imported" not in sys.modules
    with pytest.raises(TypeError) as info:
        from_dict(Named, {**to_dict(named()), "kind": "pathlib.Path"})
    assert str(info.value) == f"kind: 'pathlib.Path' names a class pathlib.Path, not type[{Optimizer.__qualname__}]"


@pconfig
class Checked:
    low: int
    high: int

    def __post_init__(self) -> None:
        if self.low > self.high:
            raise ValueError(f"low {self.low} is above high {self.high}")


@pconfig
class Range:
    checked: Checked


def test_from_dict_runs_post_init_and_names_the_place_in_the_data() -> None:
    """A __post_init__ refusal keeps its type and gains a note naming where in the data the config was."""
    with pytest.raises(ValueError) as info:
        from_dict(Range, {"checked": {"low": 2, "high": 1}}, source="r.json")
    notes = getattr(info.value, "__notes__", None) or str(info.value).split("\n")[1:]
    assert notes[-1] == "from_dict: while building Checked from r.json: checked"


def test_from_dict_keeps_values_of_any_fields_as_the_data_gives_them() -> None:
    """An Any field takes the data as it is: dicts stay dicts, lists stay lists (a tuple written comes back a list)."""
    data = {**VALUES_DATA, "anything": {"__class__": "x.Y", "a": [1, "nan"]}}
    assert from_dict(Values, data).anything == {"__class__": "x.Y", "a": [1, "nan"]}
    assert from_dict(Values, to_dict(values(anything=(1, 2)))).anything == [1, 2]


def test_from_dict_reads_lists_in_a_set_as_tuples() -> None:
    """A set's elements are hashable, so a list there can only have been a tuple: it is read as one."""
    config = values(anything={(1, (2, 3)), "a"})
    assert to_dict(config)["anything"] == ["a", [1, [2, 3]]]

    @pconfig
    class Pairs:
        pairs: set[Any]

    assert from_dict(Pairs, {"pairs": [[1, [2, 3]], "a"]}).pairs == {(1, (2, 3)), "a"}


def test_from_dict_names_a_dict_key_of_the_wrong_type() -> None:
    """A key that the key annotation cannot read is named with the dict's path."""
    with pytest.raises(TypeError) as info:
        from_dict(Values, {**VALUES_DATA, "by_id": {"x": "one"}})
    assert str(info.value) == "by_id key 'x': expected int, got str 'x'"


def test_from_dict_reads_numpy_arrays() -> None:
    """A field typed as a NumPy array reads nested lists, non-finite floats included."""
    np = pytest.importorskip("numpy")

    @pconfig
    class Weights:
        values: np.ndarray

    built = from_dict(Weights, to_dict(Weights(values=np.array([[1.0, np.inf]]))))
    assert np.array_equal(built.values, np.array([[1.0, np.inf]]))


# -- round trips ---------------------------------------------------------------------------------------------------


def test_to_dict_output_is_json_data() -> None:
    """to_dict gives exactly what JSON reads back: dumping and loading changes nothing."""
    data = to_dict(values(number=math.nan, anything={"a": (1, math.inf)}))
    assert json.loads(json.dumps(data, allow_nan=False)) == data


def test_round_trip_through_json() -> None:
    """A config written by to_dict and read back through JSON by from_dict is equal to it."""
    config = values(number=math.nan, maybe=math.inf, tags=set(), frozen=frozenset(), anything={"k": [1, 2]})
    assert from_dict(Values, json.loads(json.dumps(to_dict(config, inputs=True)))) == config


@pconfig
class Node:
    value: float
    name: str
    color: Color
    where: Path
    pair: tuple[float, str]
    ints: tuple[int, ...]
    tags: set[str]
    frozen: frozenset[Level]
    scores: dict[str, float]
    by_id: dict[int, Optional[float]]
    maybe: Optional[Optimizer]
    optimizer: Optimizer
    children: tuple[Node, ...]
    child: Optional[Node]
    mode: Literal["a", "b"]


@pconfig
class Branch(Node):
    weight: float


floats = st.floats(allow_nan=True, allow_infinity=True)
optimizers = st.one_of(
    st.builds(Optimizer, lr=floats, momentum=floats),
    st.builds(Adam, lr=floats, momentum=floats, beta2=floats),
)


def nodes(children: st.SearchStrategy[Node] | None) -> st.SearchStrategy[Node]:
    fields: dict[str, Any] = dict(
        value=floats,
        name=st.text(max_size=5),
        color=st.sampled_from(Color),
        where=st.text("ab./", max_size=6).map(Path),
        pair=st.tuples(floats, st.text(max_size=3)),
        ints=st.lists(st.integers(), max_size=3).map(tuple),
        tags=st.sets(st.text(max_size=3), max_size=3),
        frozen=st.frozensets(st.sampled_from(Level)),
        scores=st.dictionaries(st.text(max_size=3), floats, max_size=2),
        by_id=st.dictionaries(st.integers(), st.none() | floats, max_size=2),
        maybe=st.none() | optimizers,
        optimizer=optimizers,
        children=st.lists(children, max_size=2).map(tuple) if children is not None else st.just(()),
        child=st.none() | children if children is not None else st.none(),
        mode=st.sampled_from(["a", "b"]),
    )
    return st.builds(Node, **fields) | st.builds(Branch, weight=floats, **fields)


trees = st.recursive(nodes(None), nodes, max_leaves=4)


@settings(max_examples=150, deadline=None)
@given(trees)
def test_round_trip_property(tree: Node) -> None:
    """from_dict(type(c), to_dict(c, inputs=True)) == c, also through strict JSON, for random config trees."""
    data = to_dict(tree, inputs=True)
    assert plain_types(data) <= {dict, list, str, int, float, bool, type(None)}
    assert from_dict(type(tree), data) == tree
    assert from_dict(type(tree), json.loads(json.dumps(data, allow_nan=False))) == tree
    assert to_dict(tree) == data  # without derived fields, the values are the inputs


@pconfig
class Chain:
    depth: int
    next: Optional[Chain]


def test_a_config_nested_a_thousand_deep_round_trips() -> None:
    """Configs nested 1,000 deep are written and read without reaching the recursion limit."""
    chain = None
    for depth in range(1000):
        chain = Chain(depth=depth, next=chain)
    assert chain is not None
    data = to_dict(chain)
    assert data["depth"] == 999 and data["next"]["next"]["depth"] == 997
    assert from_dict(Chain, data) == chain


# -- recipes (docs/10-workflow.md) ----------------------------------------------------------------------------------


def test_recipe_json(tmp_path: Path) -> None:
    """The JSON recipe of the docs: json.load, then from_dict with the file's name."""
    path = tmp_path / "training.json"
    path.write_text(json.dumps(to_dict(Training(steps=3), inputs=True)))

    with open(path) as file:
        config = from_dict(Training, json.load(file), source=path)

    assert config == Training(steps=3)


def test_recipe_toml(tmp_path: Path) -> None:
    """The TOML recipe of the docs: tomllib (tomli on Python 3.10), then from_dict."""
    if sys.version_info >= (3, 11):
        import tomllib
    else:
        tomllib = pytest.importorskip("tomli")
    path = tmp_path / "training.toml"
    path.write_text("steps = 3\n\n[optimizer]\nlr = 0.01\n")

    with open(path, "rb") as file:
        config = from_dict(Training, tomllib.load(file), source=path)

    assert config == Training(steps=3, optimizer=Optimizer(lr=0.01, momentum=0.5))


def test_recipe_yaml(tmp_path: Path) -> None:
    """The YAML recipe of the docs: yaml.safe_load, then from_dict; yaml.safe_dump writes to_dict's output."""
    yaml = pytest.importorskip("yaml")
    path = tmp_path / "training.yaml"
    path.write_text(yaml.safe_dump(to_dict(Training(steps=3), inputs=True)))

    with open(path) as file:
        config = from_dict(Training, yaml.safe_load(file), source=path)

    assert config == Training(steps=3)
