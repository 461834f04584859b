"""Code written for the earlier pconfigs: configs of functions, `@pconfig(calls=...)` (its page "External Libraries:
Functions", its example `functions.py`, and its tests of `Omitted`, `Kwarg`, `NotMock` and `PCallable`)."""

# ruff: noqa: UP006, UP035  (typing.Callable and typing.Dict, as code written for the earlier pconfigs has them)
from __future__ import annotations

import dataclasses
import os
import pickle
import sys
from typing import Any, Callable, Dict, Optional, Union

import pytest
from pconfigs import Kwarg, NotMock, Omitted, PCallable, Required, pconfig, pconfiged, pdefaults
from pconfigs.pinnable import Pin, Pinned, pconfig, pdefaults, pinputs, pproperty  # noqa: F811  (as its example)

# ---- The example `functions.py`, with its commented-out plotter enabled (`LinePlotterConfig` where the page wrote
# ---- `LinePlotter(...)`, and printing instead of plotting).


def line_func(x: float, slope: float = 1.0, offset: float = 0.0) -> float:
    return x * slope + offset


@pconfig(calls=line_func)
class LineFunc:
    pass


signature_default = pdefaults(LineFunc)  # what the page prints before it registers its own default

pdefaults += LineFunc(
    slope=4.0,
)


@pconfiged(runnable=True)
class LinePlotter:
    config: LinePlotterConfig

    def main(self, *args, **kwargs):
        x = range(self.config.x_lo, self.config.x_hi)
        y = [self.config.line_func(x=c) for c in x]
        print(list(x), y)


@pconfig(constructs=LinePlotter)
class LinePlotterConfig:
    line_func: LineFunc
    x_lo: int
    x_hi: int


pdefaults += LinePlotterConfig(
    line_func=pdefaults(LineFunc),
    x_lo=-10,
    x_hi=10,
)

config = LinePlotterConfig(
    line_func=LineFunc(
        slope=2.0,
    ),
    x_lo=-2,
    x_hi=3,
)


def test_fields_are_the_parameters_that_have_defaults() -> None:
    """The config's fields are the function's defaulted parameters; `x`, which has no default, is not one."""
    assert [f.name for f in dataclasses.fields(LineFunc)] == ["slope", "offset"]


def test_the_signature_defaults_are_registered_when_decorated() -> None:
    """Right after decoration the registered default holds the signature's defaults, as the page prints."""
    assert repr(signature_default) == "LineFunc(slope=1.0, offset=0.0)"


def test_the_first_explicit_default_replaces_the_signature_one() -> None:
    """`pdefaults += LineFunc(slope=4.0)` replaces the signature's default, keeping `offset` from it."""
    assert repr(pdefaults(LineFunc)) == "LineFunc(slope=4.0, offset=0.0)"
    assert LineFunc.default_config is pdefaults(LineFunc)
    assert LineFunc() == pdefaults(LineFunc)


def test_calling_the_config_calls_the_function() -> None:
    """Calling the config calls the function with the config's values plus the call's arguments."""
    assert LineFunc()(x=2.0) == 8.0
    assert LineFunc(offset=1.0)(2.0) == 9.0


def test_a_call_keyword_overrides_a_field_for_that_call() -> None:
    """A field given in the call wins for that call (the earlier pconfigs raised a RuntimeError instead)."""
    cfg = LineFunc()
    assert cfg(2.0, slope=3.0) == 6.0
    assert cfg.slope == 4.0


def test_the_parameter_without_default_is_passed_in_the_call(sites: Any) -> None:
    """Naming `x` when building the config is a TypeError that says to pass it in the call."""
    with pytest.raises(TypeError) as info:
        LineFunc(x=1.0)
    assert str(info.value) == (
        "LineFunc.x: a parameter of line_func that has no default, not a field\n"
        f"  set at {sites.raised(info, __file__)}\n"
        "  hint: pass it in the call: cfg(x=...)"
    )


def test_too_many_positional_arguments_name_the_function(sites: Any) -> None:
    """More positional arguments than the function takes is a TypeError naming the config and the function."""
    with pytest.raises(TypeError) as info:
        LineFunc()(1.0, 2.0, 3.0, 4.0)
    assert str(info.value) == (
        "LineFunc: cannot call line_func with 4 positional arguments\n"
        f"  called at {sites.raised(info, __file__)}\n"
        "  hint: line_func takes at most 3 by position (x, slope, offset); pass the others by keyword"
    )


def test_construct_on_a_function_config_says_to_call_it(sites: Any) -> None:
    """`.construct()` on a calls= config (the earlier one returned the config) says to call the config itself."""
    cfg = LineFunc()
    built = sites.text(__file__, sys._getframe().f_lineno - 1)
    with pytest.raises(TypeError) as info:
        cfg.construct()
    assert str(info.value) == (
        "LineFunc.construct: LineFunc constructs nothing\n"
        f"  built at {built}\n"
        "  hint: LineFunc calls line_func: call the config itself, cfg(...), or pass it where a callable is expected"
    )


def test_a_function_config_is_a_pcallable() -> None:
    """Every calls= config is an instance of `PCallable`, as the earlier one's test t046 checks; others are not."""
    standalone_default = pdefaults(LineFunc)
    assert isinstance(standalone_default, LineFunc)
    assert isinstance(standalone_default, PCallable)
    assert issubclass(LineFunc, PCallable)
    assert not isinstance(config, PCallable)
    assert not isinstance(line_func, PCallable)


def test_pcallable_itself_cannot_be_built() -> None:
    """`PCallable()` is a TypeError that says to declare a calls= config."""
    with pytest.raises(TypeError) as info:
        PCallable()
    assert str(info.value) == (
        "PCallable cannot be built: it is what every @pconfig(calls=function) config is an instance of\n"
        "  hint: declare `@pconfig(calls=function) class FunctionConfig: ...` and build that"
    )


def test_the_constructed_class_calls_its_function_sub_config(capsys: pytest.CaptureFixture[str]) -> None:
    """A calls= config held in a field is called by the class the config constructs (`self.config.line_func(x=c)`)."""
    config.construct().main()
    assert capsys.readouterr().out == "[-2, -1, 0, 1, 2] [-4.0, -2.0, 0.0, 2.0, 4.0]\n"


def test_a_function_sub_config_prints_inside_its_holder() -> None:
    """The holder prints its function config as a nested config of the function's parameters."""
    assert repr(config) == (
        "LinePlotterConfig(\n"
        "    constructable_type=LinePlotter,  # ClassVar (omit from config)\n"
        "    line_func=LineFunc(slope=2.0, offset=0.0),\n"
        "    x_lo=-2,\n"
        "    x_hi=3,\n"
        ")"
    )


def test_a_default_can_hold_the_function_config_default() -> None:
    """`line_func=pdefaults(LineFunc)` in a default holds the function config's registered default."""
    assert pdefaults(LinePlotterConfig).line_func is pdefaults(LineFunc)


def test_a_function_config_is_passed_where_a_callable_is_expected() -> None:
    """A calls= config can be passed as the callable itself, rather than calling it, and a Callable field holds it."""

    @pconfig
    class Schedule:
        curve: Callable[[float], float]

    schedule = Schedule(curve=LineFunc(offset=1.0))
    assert list(map(schedule.curve, [0.0, 1.0])) == [1.0, 5.0]
    assert sorted([3.0, -1.0, 2.0], key=LineFunc(slope=-1.0)) == [3.0, 2.0, -1.0]


def test_a_function_config_is_built_from_a_base_and_pickled() -> None:
    """A calls= config copies from a base and survives pickling, still calling the same function."""
    moved = LineFunc(config.line_func, offset=3.0)
    assert repr(moved) == "LineFunc(slope=2.0, offset=3.0)"
    assert pickle.loads(pickle.dumps(moved))(1.0) == 5.0


def test_required_is_refused_before_the_call(sites: Any) -> None:
    """A field still Required is a TypeError before the function runs; giving it in the call is enough."""
    cfg = LineFunc(slope=Required)
    built = sites.text(__file__, sys._getframe().f_lineno - 1)
    with pytest.raises(TypeError) as info:
        cfg(1.0)
    assert str(info.value) == (
        "LineFunc: cannot call line_func, 1 field is still Required: slope\n"
        f"  built at {built}\n"
        "  hint: set it: LineFunc(cfg, slope=...), or pass it in the call: cfg(slope=...)"
    )
    assert cfg(1.0, slope=2.0) == 2.0


# ---- Inheritance (the earlier one's test t046, part 2).


def parent_func(batch: list, scale: int = 1) -> list:
    return [item * scale for item in batch]


def child_func(batch: list) -> list:
    return [item * 2 for item in batch]


@pconfig(calls=parent_func)
class ParentFunc:
    pass


def test_a_calls_config_cannot_subclass_another_config(sites: Any) -> None:
    """`@pconfig(calls=...)` on a subclass of a config is refused with a TypeError, as it was."""
    declared = sites.text(__file__, sys._getframe().f_lineno + 3)  # the decorator below
    with pytest.raises(TypeError) as info:

        @pconfig(calls=child_func)
        class ChildFunc(ParentFunc):
            pass

    assert str(info.value) == (
        "test_a_calls_config_cannot_subclass_another_config.<locals>.ChildFunc: @pconfig(calls=...) on a subclass "
        "of the config ParentFunc, whose fields it would lose\n"
        f"  used at {declared}\n"
        "  hint: declare test_a_calls_config_cannot_subclass_another_config.<locals>.ChildFunc without a config base, "
        "and hold the other config in a field if it needs one"
    )


def test_a_plain_subclass_keeps_the_parent_fields_and_function() -> None:
    """A plain `@pconfig` subclass of a calls= config keeps its fields and function; the fields it adds are kept."""

    @pconfig
    class NotedFunc(ParentFunc):
        note: str

    assert [f.name for f in dataclasses.fields(NotedFunc)] == ["scale", "note"]
    noted = NotedFunc(scale=3, note="tripled")
    assert isinstance(noted, PCallable)
    assert noted([1, 2]) == [3, 6]


# ---- Positional-only parameters (t044, test 2) and a narrowed parameter whose default does not fit (t045, 13).


def func_with_positional_only(x: int = 0, /, y: int = 1, z: int = 2) -> int:
    return x + y + z


@pconfig(calls=func_with_positional_only)
class PositionalOnlyFunc:
    pass


def test_positional_only_parameters_are_call_arguments() -> None:
    """A positional-only parameter is not a field; it is passed by position in the call."""
    positional_only_func = PositionalOnlyFunc(y=10, z=20)
    assert [f.name for f in dataclasses.fields(PositionalOnlyFunc)] == ["y", "z"]
    assert positional_only_func(5) == 35


def func_with_complex_arg(callback: Callable = None, *, rate: float = 1.0) -> float:  # type: ignore[assignment]
    return callback(rate) if callback is not None else rate


@pconfig(calls=func_with_complex_arg)
class ExplicitComplexFunc:
    callback: Callable


def test_a_narrowed_parameter_whose_default_does_not_fit_is_required(sites: Any) -> None:
    """Annotating `callback: Callable` over a `None` default leaves it Required: the user sets a callable."""
    assert pdefaults(ExplicitComplexFunc).callback is Required  # type: ignore[union-attr]
    assert ExplicitComplexFunc(callback=lambda x: x * 2, rate=5.0)() == 10.0
    cfg = ExplicitComplexFunc()
    built = sites.text(__file__, sys._getframe().f_lineno - 1)
    with pytest.raises(TypeError) as info:
        cfg()
    assert str(info.value) == (
        "ExplicitComplexFunc: cannot call func_with_complex_arg, 1 field is still Required: callback\n"
        f"  built at {built}\n"
        "  hint: set it: ExplicitComplexFunc(cfg, callback=...), or pass it in the call: cfg(callback=...)"
    )


# ---- `Omitted` (t044, tests 1 and 17): a parameter that may be left out of the call.


def func_with_mixed_types(
    model: Optional[Callable] = None,
    *,
    fullgraph: bool = False,
    dynamic: Optional[bool] = None,
    backend: Union[str, Callable] = "inductor",
    mode: Optional[str] = None,
    options: Optional[Dict[str, Union[str, int, bool, Callable]]] = None,
    disable: bool = False,
) -> str:
    return f"{backend}:{mode}:{fullgraph}:{dynamic}:{disable}"


@pconfig(calls=func_with_mixed_types)
class MixedTypesFunc:
    model: Omitted[Callable]
    options: Omitted[dict]


def test_omitted_parameters_are_left_out_of_the_call() -> None:
    """`Omitted[T]` over a `None` default makes the default `Omitted`: the function's own default applies."""
    mixed_types_func = MixedTypesFunc(backend="eager", mode="fast")
    assert [f.name for f in dataclasses.fields(MixedTypesFunc)] == [
        "model",
        "fullgraph",
        "dynamic",
        "backend",
        "mode",
        "options",
        "disable",
    ]
    assert mixed_types_func() == "eager:fast:False:None:False"
    assert repr(mixed_types_func) == (
        "MixedTypesFunc(\n"
        "    model=Omitted,\n"
        "    fullgraph=False,\n"
        "    dynamic=None,\n"
        '    backend="eager",\n'
        '    mode="fast",\n'
        "    options=Omitted,\n"
        "    disable=False,\n"
        ")"
    )


def record(name: str = "default", transform: Callable = lambda x: x * 2, **kwargs: Any) -> dict[str, Any]:
    return {"name": name, "transform": transform(3), **kwargs}


@pconfig(calls=record)
class RecordFunc:
    transform: Omitted[Callable]


def test_an_omitted_parameter_holds_a_value_or_omitted() -> None:
    """An `Omitted[T]` field holds a value of T, which is passed, or `Omitted`, which leaves the argument out."""
    assert RecordFunc(name="test")() == {"name": "test", "transform": 6}
    assert RecordFunc(transform=Omitted)() == {"name": "default", "transform": 6}
    assert RecordFunc(transform=lambda x: x + 1)() == {"name": "default", "transform": 4}


def test_omitted_on_a_field_that_is_not_a_parameter_is_refused(sites: Any) -> None:
    """`Omitted[T]` on a name that is not a parameter of the function is a TypeError at decoration."""
    declared = sites.text(__file__, sys._getframe().f_lineno + 3)  # the decorator below
    with pytest.raises(TypeError) as info:

        @pconfig(calls=line_func)
        class OmitsTooMuch:
            color: Omitted[str]

    assert str(info.value) == (
        "test_omitted_on_a_field_that_is_not_a_parameter_is_refused.<locals>.OmitsTooMuch.color: is Omitted[...], "
        "but not a parameter of line_func\n"
        f"  declared at {declared}\n"
        "  hint: use NotMock[...]"
    )


# ---- `Kwarg` and `NotMock`: fields that are not parameters.


def plot(x: float, color: str = "k", **kwargs: Any) -> tuple[float, str, dict[str, Any]]:
    return (x, color, kwargs)


@pconfig(calls=plot)
class PlotFunc:
    linewidth: Kwarg[float]
    label: NotMock[str]
    note: str


pdefaults += PlotFunc(linewidth=2.0, label="main", note="thin")


def test_kwarg_fields_are_passed_through_kwargs() -> None:
    """A `Kwarg[T]` field is passed to the function's `**kwargs`; `NotMock[T]` and plain extra fields are not."""
    assert [f.name for f in dataclasses.fields(PlotFunc)] == ["color", "linewidth", "label", "note"]
    assert PlotFunc()(x=1.0) == (1.0, "k", {"linewidth": 2.0})
    assert repr(PlotFunc(color="r")) == 'PlotFunc(color="r", linewidth=2.0, label="main", note="thin")'


def test_extra_fields_are_required_until_set(sites: Any) -> None:
    """Extra fields start Required, and a call is refused while any field is Required."""

    @pconfig(calls=plot)
    class Unset:
        linewidth: Kwarg[float]
        label: NotMock[str]

    cfg = pdefaults(Unset)
    assert repr(cfg) == 'Unset(color="k", linewidth=Required, label=Required)'
    with pytest.raises(TypeError) as info:
        Unset(linewidth=1.0)(x=0.0)
    assert str(info.value) == (
        "test_extra_fields_are_required_until_set.<locals>.Unset: cannot call plot, 1 field is still Required: "
        "label\n"
        f"  built at {sites.raised(info, __file__)}\n"
        "  hint: set it: test_extra_fields_are_required_until_set.<locals>.Unset(cfg, label=...)"
    )


def test_kwarg_needs_a_function_that_takes_kwargs(sites: Any) -> None:
    """`Kwarg[T]` for a function without `**kwargs` is a TypeError at decoration that suggests NotMock."""
    declared = sites.text(__file__, sys._getframe().f_lineno + 3)  # the decorator below
    with pytest.raises(TypeError) as info:

        @pconfig(calls=line_func)
        class Unpassable:
            color: Kwarg[str]

    assert str(info.value) == (
        "test_kwarg_needs_a_function_that_takes_kwargs.<locals>.Unpassable.color: is Kwarg[...], but line_func "
        "takes no **kwargs\n"
        f"  declared at {declared}\n"
        "  hint: use NotMock[...]"
    )


# ---- Extra fields and `@pproperty` computing a passed parameter (the earlier one's test t035).


class StrOrBytesPath:
    pass


def truetype(
    font: StrOrBytesPath | str | None = None,
    size: float = 10,
    index: int = 0,
    encoding: str = "",
) -> dict[str, Any]:
    return {"font": font, "size": size, "index": index, "encoding": encoding}


@pconfig(calls=truetype)
class TruetypeFunc:
    font: Pinned[str]
    basename: str

    @pproperty
    def font(self) -> str:
        return os.path.join("some/path", self.basename)


truetype_signature_default = pdefaults(TruetypeFunc)

pdefaults += TruetypeFunc(font=Pinned, basename="NotoSans-Regular.ttf", size=18)
TRUETYPE_DEFAULT_LINE = sys._getframe().f_lineno - 1


def test_an_extra_field_computes_a_passed_parameter() -> None:
    """`basename` is kept, and the `@pproperty` computing `font` from it gives the value passed to the function."""
    font_config = pdefaults(TruetypeFunc)
    assert font_config() == {"font": "some/path/NotoSans-Regular.ttf", "size": 18, "index": 0, "encoding": ""}
    assert repr(font_config) == (
        "TruetypeFunc(\n"
        '    font="some/path/NotoSans-Regular.ttf",  # Pinned (omit from config)\n'
        "    size=18,\n"
        "    index=0,\n"
        '    encoding="",\n'
        '    basename="NotoSans-Regular.ttf",\n'
        ")"
    )


def test_before_its_default_the_extra_field_is_required_and_the_property_pinned() -> None:
    """The signature's default leaves the extra field Required, so the computed parameter stays Pinned."""
    assert repr(truetype_signature_default) == (
        "TruetypeFunc(\n"
        "    font=Pinned,  # Pinned (omit from config)\n"
        "    size=10,\n"
        "    index=0,\n"
        '    encoding="",\n'
        "    basename=Required,\n"
        ")"
    )


def test_a_second_explicit_default_is_a_value_error(sites: Any) -> None:
    """Once an explicit default replaced the signature's, registering another is a ValueError naming both."""
    with pytest.raises(ValueError) as info:
        pdefaults.register(TruetypeFunc(font=Pinned, basename="NotoSans-Regular.ttf_different", size=18))
    assert str(info.value) == (
        "TruetypeFunc: a default is already registered\n"
        f"  first registered at {sites.text(__file__, TRUETYPE_DEFAULT_LINE)}\n"
        f"  registered again at {sites.raised(info, __file__)}\n"
        "  hint: build a variant from it instead: TruetypeFunc(pdefaults(TruetypeFunc), field=...)"
    )


def test_the_computed_parameter_cannot_be_set(sites: Any) -> None:
    """Setting the `Pinned` parameter is a ValueError that says to leave it out or pin it."""
    with pytest.raises(ValueError) as info:
        TruetypeFunc(font="x.ttf")
    assert str(info.value) == (
        "TruetypeFunc.font: is Pinned (computed), so it cannot be set to 'x.ttf'\n"
        f"  set at {sites.raised(info, __file__)}\n"
        "  hint: leave it out to compute it, or pin it explicitly: font=Pin('x.ttf')"
    )


def my_func_with_default_arg(x: float, y: float, slope: float = 1.0) -> float:
    return x * slope + y


@pconfig(calls=my_func_with_default_arg)
class MyFuncWithDefaultArg:
    y: Pinned[float]
    slope: Pinned[float]


unpinned = pdefaults(MyFuncWithDefaultArg)

pdefaults += MyFuncWithDefaultArg(
    y=Pin(2.0),
    slope=Pin(2.0),
)


def test_parameters_can_be_pinned() -> None:
    """Parameters annotated `Pinned[T]`, with or without a default, are pinned in the default and print as Pinned."""
    assert repr(pdefaults(MyFuncWithDefaultArg)) == (
        "MyFuncWithDefaultArg(\n"
        "    y=2.0,  # Pinned: pinned to this value\n"
        "    slope=2.0,  # Pinned: pinned to this value\n"
        ")"
    )
    assert pdefaults(MyFuncWithDefaultArg)(x=3.0) == 8.0  # type: ignore[misc]


def test_a_pinned_parameter_nothing_computes_is_left_out() -> None:
    """A `Pinned` parameter that nothing computes or pins is left out of the call: the function's default applies."""
    assert unpinned(x=3.0, y=1.0) == 4.0  # type: ignore[misc]


def render(text: str, size: float = 10.0) -> tuple[str, float]:
    return (text, size)


@pconfig(calls=render)
class RenderFunc:
    size: float

    @pproperty
    def size(self) -> float:
        return max(8.0, pinputs(self).size)


def test_a_property_transforms_a_parameter_input() -> None:
    """A `@pproperty` on a plain parameter field transforms the user's input before it is passed."""
    assert repr(RenderFunc(size=2.0)) == "RenderFunc(size=8.0)"
    assert RenderFunc(size=2.0)("hi") == ("hi", 8.0)
    assert RenderFunc(size=12.0)("hi") == ("hi", 12.0)


# ---- Static and class methods (t043).


class MyClass:
    @staticmethod
    def my_staticmethod(value: str, times: int = 1) -> str:
        return value * times

    @classmethod
    def my_classmethod(cls, value: str, times: int = 2) -> tuple[str, str]:
        return (cls.__name__, value * times)


@pconfig(calls=MyClass.my_staticmethod)
class MyStaticMethod:
    pass


@pconfig(calls=MyClass.my_classmethod)
class MyClassMethod:
    pass


def test_static_and_class_methods_can_be_called() -> None:
    """A config may call a static method or a class method; the class is bound as usual."""
    assert MyStaticMethod()(value="test") == "test"
    assert MyClassMethod(times=3)(value="ab") == ("MyClass", "ababab")
    assert [f.name for f in dataclasses.fields(MyClassMethod)] == ["times"]


def test_a_body_field_named_after_the_targets_kwargs_is_refused() -> None:
    """Annotating the name of the target's **kwargs is refused at decoration, pointing to Kwarg."""
    from pconfigs import pconfig as decorate

    def plot(x: float = 0.0, **options: object) -> object:
        return options

    with pytest.raises(TypeError) as info:

        @decorate(calls=plot)
        class PlotFunc:
            options: int

    first, _where, hint = str(info.value).split("\n")
    assert first.endswith(
        "PlotFunc.options: names test_a_body_field_named_after_the_targets_kwargs_is_refused"
        ".<locals>.plot's **options, which is not a field"
    )
    assert hint == "  hint: name the keyword it takes instead, as a Kwarg: `key: Kwarg[int]`"
