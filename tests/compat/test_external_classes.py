"""Code written for the earlier pconfigs: configs of classes you do not own, `@pconfig(mocks=...)` and
`@pconfiged(mock=True)` (its page "External Libraries: Classes", its example `external_libraries/classes.py`, and its
tests t001, t023 and t045)."""

# ruff: noqa: UP006, UP035  (typing.Callable and typing.Dict, as code written for the earlier pconfigs has them)
from __future__ import annotations

import dataclasses
import sys
from typing import Any, Callable, Dict, Optional, Union

import pytest
from pconfigs import Kwarg, Omitted, Required, pdefaults
from pconfigs.pinnable import pconfig, pconfiged

BARE_DECORATOR = 1 if sys.version_info < (3, 11) else 0
"""A bare decorator (`@pconfig`) runs at the `class` line on Python 3.10, at its own line on 3.11+."""


# ---- The example `external_libraries/classes.py` (its prints become the tests below).


# Suppose the following class is imported from an external library that we cannot modify.
class KwargedClass:
    def __init__(self, x: float, param_a: float = 1.0, param_b: float = 2.0):
        self.x = x
        self.param_a = param_a
        self.param_b = param_b


@pconfig(mocks=KwargedClass)
class KwargedClassConfig:
    pass


kwarged_class_config = KwargedClassConfig()
KWARGED_LINE = sys._getframe().f_lineno - 1


@pconfiged(mock=True)
class DerivedClass(KwargedClass):
    config: DerivedClassConfig

    def forward(self):
        print(f"Custom config value: y={self.config.y}")


@pconfig(constructs=DerivedClass)
class DerivedClassConfig:
    y: int


derived_class_config = DerivedClassConfig(
    y=10,
)
derived_class = derived_class_config.construct(x=100)


def test_the_mocks_config_prints_as_documented() -> None:
    """`print(kwarged_class_config)` shows the class and its defaulted parameters, as the page documents."""
    assert repr(kwarged_class_config) == (
        "KwargedClassConfig(\n"
        "    constructable_type=KwargedClass,  # ClassVar (omit from config)\n"
        "    param_a=1.0,\n"
        "    param_b=2.0,\n"
        ")"
    )


def test_mocks_fields_are_the_init_parameters_that_have_defaults() -> None:
    """The fields are `__init__`'s defaulted parameters; `x`, without a default, is given to `construct`."""
    assert [f.name for f in dataclasses.fields(KwargedClassConfig)] == ["param_a", "param_b"]
    assert KwargedClassConfig.constructable_type is KwargedClass


def test_construct_passes_the_config_values_and_the_given_arguments() -> None:
    """`construct(x=100)` builds the class with the config's values plus `x`."""
    kwarged_class = kwarged_class_config.construct(x=100)  # variable name is required.
    assert type(kwarged_class) is KwargedClass
    assert vars(kwarged_class) == {"x": 100, "param_a": 1.0, "param_b": 2.0}
    assert vars(KwargedClassConfig(param_b=5.0).construct(7.0, param_a=3.0)) == {
        "x": 7.0,
        "param_a": 3.0,
        "param_b": 5.0,
    }


def test_an_argument_the_class_needs_is_its_own_error(sites: Any) -> None:
    """Leaving out `x` is the class's own TypeError, with a note naming the config and where it was built."""
    with pytest.raises(TypeError) as info:
        kwarged_class_config.construct()
    message = "KwargedClass.__init__() missing 1 required positional argument: 'x'"
    note = f"while calling KwargedClass from KwargedClassConfig (built at {sites.text(__file__, KWARGED_LINE)})"
    if sys.version_info >= (3, 11):
        assert (str(info.value), info.value.__notes__) == (message, [note])
    else:  # no notes before 3.11: the note ends the message
        assert str(info.value) == f"{message}\n{note}"


def test_naming_the_construct_argument_in_the_config_is_refused(sites: Any) -> None:
    """`KwargedClassConfig(x=...)` is a TypeError that says to pass `x` to `construct`."""
    with pytest.raises(TypeError) as info:
        KwargedClassConfig(x=1.0)
    assert str(info.value) == (
        "KwargedClassConfig.x: a parameter of KwargedClass that has no default, not a field\n"
        f"  set at {sites.raised(info, __file__)}\n"
        "  hint: pass it in the call: cfg.construct(x=...)"
    )


def test_the_derived_class_reads_its_own_field(capsys: pytest.CaptureFixture[str]) -> None:
    """A `@pconfiged(mock=True)` subclass is built with its config's values and reads its extra field `y`."""
    derived_class.forward()
    assert capsys.readouterr().out == "Custom config value: y=10\n"
    assert type(derived_class) is DerivedClass
    assert derived_class.config is derived_class_config
    assert (derived_class.x, derived_class.param_a, derived_class.param_b) == (100, 1.0, 2.0)


def test_the_derived_config_holds_the_init_parameters_and_its_own_fields() -> None:
    """The derived config's fields are the inherited `__init__`'s defaulted parameters, then its own (Required)."""
    assert [f.name for f in dataclasses.fields(DerivedClassConfig)] == ["param_a", "param_b", "y"]
    assert repr(pdefaults(DerivedClassConfig)) == (
        "DerivedClassConfig(\n"
        "    constructable_type=DerivedClass,  # ClassVar (omit from config)\n"
        "    param_a=1.0,\n"
        "    param_b=2.0,\n"
        "    y=Required,\n"
        ")"
    )
    assert repr(derived_class_config) == (
        "DerivedClassConfig(\n"
        "    constructable_type=DerivedClass,  # ClassVar (omit from config)\n"
        "    param_a=1.0,\n"
        "    param_b=2.0,\n"
        "    y=10,\n"
        ")"
    )


def test_construct_refuses_a_derived_config_with_required_fields(sites: Any) -> None:
    """A field still Required (here the class's own `y`) is refused before the class is built."""
    cfg = DerivedClassConfig(param_a=3.0)
    built = sites.text(__file__, sys._getframe().f_lineno - 1)
    with pytest.raises(TypeError) as info:
        cfg.construct(x=1.0)
    assert str(info.value) == (
        "DerivedClassConfig: cannot construct DerivedClass, 1 field is still Required: y\n"
        f"  built at {built}\n"
        "  hint: set it: DerivedClassConfig(cfg, y=...)"
    )


def test_the_derived_class_takes_arguments_by_position() -> None:
    """`construct(100)` passes `x` by position, as `KwargedClass(100)` would."""
    derived = DerivedClassConfig(y=1).construct(100, param_b=7.0)
    assert (derived.x, derived.param_a, derived.param_b) == (100, 1.0, 7.0)


def test_building_the_derived_class_with_config_is_the_same_as_construct() -> None:
    """`DerivedClass(config=cfg, x=100)` passes the config's values too, as `cfg.construct(x=100)` does."""
    cfg = DerivedClassConfig(y=1, param_a=5.0)
    direct, constructed = DerivedClass(config=cfg, x=100), cfg.construct(x=100)
    assert vars(direct) == vars(constructed) == {"config": cfg, "x": 100, "param_a": 5.0, "param_b": 2.0}


def test_the_derived_class_takes_its_config_by_keyword(sites: Any) -> None:
    """A config passed by position to a mock class is refused with a hint to pass it by keyword."""
    with pytest.raises(TypeError) as info:
        DerivedClass(derived_class_config, 100)
    assert str(info.value) == (
        "DerivedClass: cannot be built without a config\n"
        f"  called at {sites.raised(info, __file__)}\n"
        "  hint: pass the config by keyword, DerivedClass(config=cfg, ...), or build it from its config: "
        "DerivedClassConfig(...).construct()"
    )


def test_the_derived_class_is_built_from_its_config(sites: Any) -> None:
    """`DerivedClass(x=1)` without a config is a TypeError that points to the config."""
    with pytest.raises(TypeError) as info:
        DerivedClass(x=1)
    assert str(info.value) == (
        "DerivedClass: cannot be built without a config\n"
        f"  called at {sites.raised(info, __file__)}\n"
        "  hint: build it from its config: DerivedClassConfig(...).construct()"
    )


@pconfiged
class Refined(DerivedClass):
    config: RefinedConfig


@pconfig(constructs=Refined)
class RefinedConfig(DerivedClassConfig):
    z: int


def test_a_subclass_of_a_mock_class_takes_the_same_parameters() -> None:
    """A `@pconfiged` subclass of a mock class, with a subclass of its config, still passes the parameters."""
    refined = RefinedConfig(y=1, z=2, param_b=4.0).construct(x=5.0)
    assert type(refined) is Refined
    assert (refined.x, refined.param_a, refined.param_b, refined.config.z) == (5.0, 1.0, 4.0, 2)


def test_without_mock_an_inherited_parameterised_init_is_refused(sites: Any) -> None:
    """Without `mock=True`, a class that inherits an `__init__` with parameters is refused when decorated."""
    declared = sites.text(__file__, sys._getframe().f_lineno + 3 + BARE_DECORATOR)  # the decorator below
    with pytest.raises(TypeError) as info:

        @pconfiged
        class Derived(KwargedClass):
            config: DerivedClassConfig

    assert str(info.value) == (
        "test_without_mock_an_inherited_parameterised_init_is_refused.<locals>.Derived.__init__ (inherited from "
        "KwargedClass): takes parameters (x, param_a, param_b); a @pconfiged class's __init__ takes only self\n"
        f"  declared at {declared}\n"
        "  hint: read settings from self.config instead, or, for a class whose __init__ you do not own, declare it "
        "@pconfiged(mock=True) and pass the rest to construct(...)"
    )


def test_an_own_parameterised_init_is_refused(sites: Any) -> None:
    """A `@pconfiged` class whose own `__init__` takes parameters is refused, as in the earlier one's test t001."""
    declared = sites.text(__file__, sys._getframe().f_lineno + 3 + BARE_DECORATOR)  # the decorator below
    with pytest.raises(TypeError) as info:

        @pconfiged
        class Test:
            config: DerivedClassConfig

            def __init__(self, param: int):
                pass

    assert str(info.value) == (
        "test_an_own_parameterised_init_is_refused.<locals>.Test.__init__: takes parameters (param); a @pconfiged "
        "class's __init__ takes only self\n"
        f"  declared at {declared}\n"
        "  hint: read settings from self.config instead, or, for a class whose __init__ you do not own, declare it "
        "@pconfiged(mock=True) and pass the rest to construct(...)"
    )


@pconfiged(mock=True)
class Device:
    config: DeviceConfig

    def __init__(self, name: str, depth: int = 3):
        self.seen = (name, depth, self.config.depth)


@pconfig(constructs=Device)
class DeviceConfig:
    pass


def test_mock_accepts_an_own_parameterised_init() -> None:
    """With `mock=True` the class's own `__init__` may take parameters: defaulted ones are fields, set first."""
    assert DeviceConfig(depth=5).construct(name="cpu").seen == ("cpu", 5, 5)


# ---- `Omitted` and `Kwarg` on a class's parameters (t045).


class MixedTypesClass:
    def __init__(
        self,
        model: Optional[Callable] = None,
        *,
        fullgraph: bool = False,
        backend: Union[str, Callable] = "inductor",
        options: Optional[Dict[str, Union[str, int, bool, Callable]]] = None,
    ):
        self.model = model
        self.fullgraph = fullgraph
        self.backend = backend
        self.options = options


@pconfig(mocks=MixedTypesClass)
class MixedTypesClassConfig:
    model: Omitted[Callable]
    options: Omitted[dict]


def test_omitted_parameters_take_the_class_default() -> None:
    """`Omitted[T]` parameters over `None` defaults are left out of `construct`: the class's own defaults apply."""
    obj = MixedTypesClassConfig(backend="eager").construct()
    assert (obj.model, obj.fullgraph, obj.backend, obj.options) == (None, False, "eager", None)
    assert MixedTypesClassConfig(options={"a": 1}).construct().options == {"a": 1}


class Widget:
    def __init__(self, name: str, depth: int = 1, **kwargs: Any):
        self.name = name
        self.depth = depth
        self.kwargs = kwargs


@pconfig(mocks=Widget)
class WidgetConfig:
    color: Kwarg[str]
    why: str


pdefaults += WidgetConfig(color="red", why="matches the logo")


def test_kwarg_fields_reach_the_class_kwargs() -> None:
    """A `Kwarg[T]` field reaches the class's `**kwargs`; a plain extra field is kept by the config only."""
    widget = WidgetConfig().construct(name="w")
    assert (widget.name, widget.depth, widget.kwargs) == ("w", 1, {"color": "red"})
    assert WidgetConfig().why == "matches the logo"
    assert pdefaults(WidgetConfig) == WidgetConfig(depth=1, color="red", why="matches the logo")
    assert WidgetConfig(why=Required).why is Required
