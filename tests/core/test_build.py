"""Building configs: keywords, bases, defaults, type checks, freezing, equality and copies."""

from __future__ import annotations

import ast
import copy
import dataclasses
import enum
import pickle
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, Literal, Optional

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pconfigs import Required, pconfig, pdefaults
from pconfigs._site import first_outside, line_of


class Color(enum.Enum):
    red = "red"
    blue = "blue"


@pconfig
class Model:
    width: int
    depth: int


@pconfig
class Train:
    steps: int
    lr: float
    name: str
    tags: list[str]
    table: dict[str, int]
    maybe: Optional[int]
    either: int | str
    mode: Literal["fast", "slow"]
    color: Color
    model: Model
    anything: Any
    hook: Callable[[int], int] | None
    shape: tuple[int, int]
    many: tuple[int, ...]
    unique: frozenset[str]


def full(**changes: Any) -> dict[str, Any]:
    values: dict[str, Any] = dict(
        steps=3,
        lr=0.1,
        name="a",
        tags=["x"],
        table={"k": 1},
        maybe=None,
        either="s",
        mode="fast",
        color=Color.red,
        model=Model(width=2, depth=1),
        anything=object(),
        hook=None,
        shape=(1, 2),
        many=(1, 2, 3),
        unique=frozenset({"u"}),
    )
    values.update(changes)
    return values


@pconfig
class Base:
    a: int
    b: int


@pconfig
class Derived(Base):
    c: int


@pconfig
class Other:
    a: int


pdefaults += Base(a=1, b=2)


def test_keywords_build() -> None:
    """Every field passed by keyword is read back as given."""
    cfg = Train(**full())
    assert (cfg.steps, cfg.lr, cfg.tags, cfg.model.width) == (3, 0.1, ["x"], 2)


def test_precedence_keywords_bases_defaults() -> None:
    """Keywords beat bases, bases beat the class default, and bases apply left to right."""
    first = Base(a=10)
    second = Base(b=20)
    assert Base() == Base(a=1, b=2)
    assert Base(first) == Base(a=10, b=2)
    assert Base(second, first) == Base(a=1, b=20)
    assert Base(first, second, b=7) == Base(a=10, b=7)


def test_ancestor_defaults_fill_subclass_fields() -> None:
    """A subclass without a default of its own takes its ancestors' defaults at each construction."""
    assert Derived(c=3) == Derived(a=1, b=2, c=3)


def test_ancestor_config_is_a_valid_base() -> None:
    """A config of an ancestor class hands its inputs to a subclass config."""
    assert Derived(Base(a=5), c=0) == Derived(a=5, b=2, c=0)


def test_int_is_accepted_for_float() -> None:
    """An int is a valid float value and is kept as given."""
    assert Train(**full(lr=1)).lr == 1


def test_numbers_of_other_classes_are_checked_without_loading_numbers_for_builtins() -> None:
    """A `numbers.Real` of another class (Fraction) is a float value; checking builtin values and None against number
    annotations does not import `numbers` (nothing can be one of its classes before it is imported)."""
    code = (
        "import sys\n"
        "from pconfigs import pconfig\n"
        "@pconfig\nclass C:\n    x: float | None\n    n: int | str\n    z: complex | None\n"
        "C(x=None, n='a', z=None)\n"
        "assert 'numbers' not in sys.modules, 'checking builtins loaded numbers'\n"
        "from fractions import Fraction\n"
        "assert C(x=Fraction(1, 3), n=4, z=Fraction(1, 2)).x == Fraction(1, 3)\n"
        "try:\n    C(x=None, n=True, z=None)\nexcept TypeError as exc:\n    print(exc)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.startswith("C.n: expected int | str, got bool True")


def test_missing_fields_are_listed_together(sites: Any) -> None:
    """One TypeError lists every field that has no value."""
    with pytest.raises(TypeError) as info:
        Model()
    assert str(info.value) == (
        "Model: missing 2 fields: width, depth\n"
        f"  set at {sites.raised(info, __file__)}\n"
        "  hint: pass them by keyword (Model(width=..., depth=...)), copy from a base config (Model(base, ...)), "
        "or register a default with `pdefaults += Model(...)`"
    )


def test_unknown_field_suggests_a_close_name(sites: Any) -> None:
    """A misspelt keyword gets a did-you-mean."""
    with pytest.raises(TypeError) as info:
        Model(widht=1, depth=2)
    assert str(info.value) == (
        f"Model.widht: unknown field\n  set at {sites.raised(info, __file__)}\n  hint: did you mean 'width'?"
    )


def test_unknown_field_without_a_close_name_lists_the_fields(sites: Any) -> None:
    """An unknown keyword with no close match lists the class's fields."""
    with pytest.raises(TypeError) as info:
        Model(colour=1)
    assert str(info.value) == (
        f"Model.colour: unknown field\n  set at {sites.raised(info, __file__)}\n"
        "  hint: Model's fields are: width, depth"
    )


@pytest.mark.parametrize(
    ("changes", "head", "hint"),
    [
        ({"steps": "3"}, "Train.steps: expected int, got str '3'", "drop the quotes"),
        ({"lr": "1e-3"}, "Train.lr: expected float, got str '1e-3'", "drop the quotes"),
        (
            {"steps": True},
            "Train.steps: expected int, got bool True",
            "pass a number, not a bool (True is not accepted as int)",
        ),
        ({"tags": ["a", 3]}, "Train.tags[1]: expected str, got int 3", "pass a value of type str"),
        ({"tags": ("a",)}, "Train.tags: expected list[str], got tuple ('a',)", "pass a value of type list[str]"),
        ({"table": {"k": "v"}}, "Train.table['k']: expected int, got str 'v'", "pass a value of type int"),
        ({"table": {1: 1}}, "Train.table key 1: expected str, got int 1", "pass a value of type str"),
        ({"maybe": "x"}, "Train.maybe: expected int | None, got str 'x'", "pass a value of type int | None"),
        ({"either": 1.5}, "Train.either: expected int | str, got float 1.5", "pass a value of type int | str"),
        (
            {"mode": "medium"},
            "Train.mode: expected Literal['fast', 'slow'], got str 'medium'",
            "pass a value of type Literal['fast', 'slow']",
        ),
        ({"color": "red"}, "Train.color: expected Color, got str 'red'", "pass a value of type Color"),
        ({"model": Other(a=1)}, "Train.model: expected Model, got Other Other(a=1)", "pass a value of type Model"),
        ({"hook": 3}, "Train.hook: expected Callable | None, got int 3", "pass a value of type Callable | None"),
        (
            {"shape": (1, 2, 3)},
            "Train.shape: expected tuple[int, int], got tuple (1, 2, 3)",
            "pass a value of type tuple[int, int]",
        ),
        ({"many": (1, "2")}, "Train.many[1]: expected int, got str '2'", "drop the quotes"),
        (
            {"unique": {"u"}},
            "Train.unique: expected frozenset[str], got set {'u'}",
            "pass a value of type frozenset[str]",
        ),
    ],
)
def test_wrong_types_name_the_field_and_the_value(changes: dict[str, Any], head: str, hint: str, sites: Any) -> None:
    """A value that does not fit its annotation is a TypeError naming Class.field, expected and got."""
    with pytest.raises(TypeError) as info:
        Train(**full(**changes))
    assert str(info.value) == f"{head}\n  set at {sites.raised(info, __file__)}\n  hint: {hint}"


def test_values_from_a_base_are_checked_again() -> None:
    """A subclass config re-checks inherited values against its own annotations."""
    assert Derived(Base(a=1, b=2), c=3).a == 1


def test_positional_non_config_is_refused(sites: Any) -> None:
    """A positional argument that is not a config names what was passed and why it is refused."""
    with pytest.raises(TypeError) as info:
        Model(5)
    assert str(info.value) == (
        f"Model: positional argument 1 is int 5, not a base config\n  set at {sites.raised(info, __file__)}\n"
        "  hint: fields are keyword-only (Model(field=...)); positional arguments are Model configs to copy from"
    )


def test_unrelated_config_base_is_refused(sites: Any) -> None:
    """A config of an unrelated class cannot be a base."""
    with pytest.raises(TypeError) as info:
        Base(Other(a=1))
    assert str(info.value) == (
        f"Base: positional argument 1 is a Other, not a config of Base\n  set at {sites.raised(info, __file__)}\n"
        "  hint: pass a config of Base to copy from, or set the fields by keyword"
    )


def test_child_config_is_refused_as_base_of_its_parent(sites: Any) -> None:
    """A subclass config passed to its parent class is refused: its extra fields would be dropped."""
    with pytest.raises(TypeError) as info:
        Base(Derived(c=1))
    assert str(info.value) == (
        "Base: positional argument 1 is a Derived, a subclass of Base; its extra fields (c) would be dropped\n"
        f"  set at {sites.raised(info, __file__)}\n"
        "  hint: build a Derived from it instead: Derived(base, ...)"
    )


def test_assignment_is_refused(sites: Any) -> None:
    """Assigning to a config raises FrozenInstanceError telling how to build a changed copy."""
    cfg = Base(a=1)
    line = sites.text(__file__, __import__("sys")._getframe().f_lineno - 1)  # the line above
    with pytest.raises(dataclasses.FrozenInstanceError) as info:
        cfg.a = 2  # type: ignore[misc]
    assert str(info.value) == (
        f"Base.a: configs are frozen; cannot assign to a field\n  built at {line}\n"
        "  hint: build a changed copy: Base(cfg, a=...)"
    )


def test_deletion_is_refused(sites: Any) -> None:
    """Deleting a config attribute raises FrozenInstanceError."""
    cfg = Base(a=1)
    line = sites.text(__file__, __import__("sys")._getframe().f_lineno - 1)  # the line above
    with pytest.raises(dataclasses.FrozenInstanceError) as info:
        del cfg.a  # type: ignore[misc]
    assert str(info.value) == (
        f"Base.a: configs are frozen; cannot delete a field\n  built at {line}\n"
        "  hint: build a changed copy: Base(cfg, a=...)"
    )


def test_construction_site_is_recorded() -> None:
    """The file and line of the call that built a config are recorded."""
    cfg = Base()
    line = __import__("sys")._getframe().f_lineno - 1  # the line above
    assert line_of(cfg.__pconfig_site__) == (__file__, line)


def test_a_site_is_saved_as_a_file_and_a_line() -> None:
    """A build records its caller's code (the line is worked out when asked); a pickle holds the file and line."""
    cfg = Base()
    line = __import__("sys")._getframe().f_lineno - 1  # the line above
    assert cfg.__pconfig_site__[0] is test_a_site_is_saved_as_a_file_and_a_line.__code__
    assert pickle.loads(pickle.dumps(cfg)).__pconfig_site__ == (__file__, line)
    assert line_of(copy.deepcopy(cfg).__pconfig_site__) == (__file__, line)


_SEEN: list[int] = []


@pconfig
class Seen:
    a: int

    def __post_init__(self) -> None:  # the caller's line as its frame gives it, while the build runs
        frame = first_outside(sys._getframe(1))
        assert frame is not None
        _SEEN.append(frame.f_lineno)


@pytest.mark.parametrize(
    "call",
    [
        "Seen(a=1)",
        "Seen(\n    a=1,\n)",
        "(lambda: Seen(a=1))()",
        "[Seen(a=1) for _ in range(2)][0]",
        "Seen(\n    Seen(a=1),\n    a=2,\n)",
        "Seen(a=int(\n    '3'\n))",
    ],
)
def test_the_recorded_line_is_the_callers_line(call: str) -> None:
    """`line_of` gives what the caller's `f_lineno` was during the build, 300 lines into a module, for calls over
    several lines, in lambdas and comprehensions, on every Python supported."""
    source = "\n".join(["def f():", "    return 1"] * 150) + f"\ncfg = {call}\n"
    namespace: dict[str, Any] = {"Seen": Seen}
    _SEEN.clear()
    exec(compile(source, "<built deep in a module>", "exec"), namespace)
    assert line_of(namespace["cfg"].__pconfig_site__) == ("<built deep in a module>", _SEEN[-1])
    assert _SEEN[-1] >= 301


def test_equality_and_hash() -> None:
    """Configs are equal by class and values; held lists and dicts hash by content; an unhashable object refuses."""
    assert Base(a=1) == Base(a=1)
    assert Base(a=1) != Base(a=2)
    assert Base(a=1) != Other(a=1)
    assert hash(Base(a=1)) == hash(Base(a=1))
    marker = object()
    assert hash(Train(**full(anything=marker))) == hash(Train(**full(anything=marker)))

    class Unhashable:
        __hash__ = None  # type: ignore[assignment]

    with pytest.raises(TypeError, match=r"^Train.anything: cannot hash this config: .*Unhashable is not hashable"):
        hash(Train(**full(anything=Unhashable())))


def test_copies_round_trip() -> None:
    """pickle, copy and deepcopy give equal configs, and the copies stay frozen."""
    cfg = Train(**full(anything=1))
    for twin in (pickle.loads(pickle.dumps(cfg)), copy.copy(cfg), copy.deepcopy(cfg)):
        assert twin == cfg
        with pytest.raises(dataclasses.FrozenInstanceError):
            twin.steps = 1  # type: ignore[misc]
    assert copy.deepcopy(cfg).tags is not cfg.tags


def test_repr_is_a_python_expression() -> None:
    """repr(cfg) parses as a Python expression."""
    ast.parse(repr(Train(**full(anything=1))), mode="eval")


def test_required_is_accepted_for_any_field() -> None:
    """Required may stand for any field's value."""
    assert Model(width=Required, depth=1).width is Required


@given(st.integers(), st.integers())
def test_pickle_round_trip_property(a: int, b: int) -> None:
    """Any config of ints survives pickling as an equal config."""
    cfg = Base(a=a, b=b)
    assert pickle.loads(pickle.dumps(cfg)) == cfg


def test_a_base_of_a_same_named_class_from_another_module_names_both(tmp_path: Path, sites: Any) -> None:
    """A class defined twice (a module imported under two names) is refused as a base, naming both modules."""
    import importlib.util

    source = tmp_path / "exp_twins.py"
    source.write_text("from pconfigs import pconfig\n\n@pconfig\nclass TrainerConfig:\n    steps: int\n")
    modules = []
    for name in ("exp_twins", "exp_twins_again"):
        spec = importlib.util.spec_from_file_location(name, source)
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        modules.append(module)
    with pytest.raises(TypeError) as info:
        modules[0].TrainerConfig(modules[1].TrainerConfig(steps=1))
    # Where a decorated class is defined: the decorator's line (3.11+) or the class line (3.10).
    where = sites.text(str(source), modules[0].TrainerConfig.__pconfig_spec__.defined_at[1])
    assert str(info.value) == (
        "TrainerConfig: positional argument 1 is a TrainerConfig from module 'exp_twins_again', another class than "
        "the TrainerConfig of module 'exp_twins'\n"
        f"  set at {sites.raised(info, __file__)}\n"
        f"  exp_twins_again.TrainerConfig is defined at {where}\n"
        f"  exp_twins.TrainerConfig is defined at {where}\n"
        "  hint: import both from one module path (a module imported twice under different names defines its "
        "classes twice)"
    )


def test_huge_ints_in_a_wrong_value_still_give_the_type_error(sites: Any) -> None:
    """A set of ints past CPython's digit limit is named by size in the message, never a crash of the message."""

    @pconfig
    class Labels:
        names: set[str]

    with pytest.raises(TypeError) as info:
        Labels(names={10**5000})
    assert str(info.value) == (
        "test_huge_ints_in_a_wrong_value_still_give_the_type_error.<locals>.Labels.names{<int of 16610 bits>}: "
        "expected str, got int <int of 16610 bits>\n"
        f"  set at {sites.raised(info, __file__)}\n"
        "  hint: pass a value of type str"
    )
