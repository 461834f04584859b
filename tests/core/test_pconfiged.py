"""`@pconfiged`: classes built from their config."""

from __future__ import annotations

from typing import Any

import pytest
from pconfigs import pconfig, pconfiged


@pconfiged(runnable=True)
class App:
    config: AppConfig

    def __init__(self) -> None:
        self.seen_in_init = self.config.name

    def main(self) -> int:
        return 0


@pconfig(constructs=App)
class AppConfig:
    name: str


@pconfig
class Unrelated:
    name: str


@pconfig
class Nothing:
    name: str


def test_config_is_set_before_init_runs() -> None:
    """self.config is available inside the user's __init__."""
    assert AppConfig(name="a").construct().seen_in_init == "a"


def test_construct_returns_a_new_object_each_call() -> None:
    """construct() builds a new object every time, each holding the same config."""
    cfg = AppConfig(name="a")
    first, second = cfg.construct(), cfg.construct()
    assert first is not second
    assert first.config is cfg and second.config is cfg


def test_building_with_a_config_keyword() -> None:
    """App(config=cfg) is the same as cfg.construct()."""
    cfg = AppConfig(name="a")
    assert App(config=cfg).config is cfg


def test_building_without_a_config_is_refused(sites: Any) -> None:
    """App() points the user to the config."""
    with pytest.raises(TypeError) as info:
        App()
    assert str(info.value) == (
        f"App: cannot be built without a config\n  called at {sites.raised(info, __file__)}\n"
        "  hint: build it from its config: AppConfig(...).construct()"
    )


def test_config_of_the_wrong_class_is_refused(sites: Any) -> None:
    """App(config=x) checks x against the annotated config class."""
    with pytest.raises(TypeError) as info:
        App(config=Unrelated(name="a"))
    assert str(info.value) == (
        'App.config: expected AppConfig, got Unrelated Unrelated(name="a")\n'
        f"  called at {sites.raised(info, __file__)}\n"
        "  hint: pass a AppConfig, or call AppConfig(...).construct()"
    )


def test_missing_config_annotation_is_refused(sites: Any) -> None:
    """A @pconfiged class must annotate config:."""
    with pytest.raises(TypeError) as info:
        pconfiged(type("NoConfig", (), {}))
    assert str(info.value) == (
        "NoConfig: a @pconfiged class must annotate `config:` with its config class\n"
        f"  declared at {sites.raised(info, __file__)}\n"
        "  hint: add `config: MyConfig` to the class body"
    )


def test_init_with_parameters_is_refused(sites: Any) -> None:
    """A @pconfiged __init__ takes only self."""

    def __init__(self: Any, lr: float, steps: int) -> None: ...

    with pytest.raises(TypeError) as info:
        pconfiged(type("Params", (), {"__annotations__": {"config": AppConfig}, "__init__": __init__}))
    assert str(info.value) == (
        "Params.__init__: takes parameters (lr, steps); a @pconfiged class's __init__ takes only self\n"
        f"  declared at {sites.raised(info, __file__)}\n"
        "  hint: read settings from self.config instead, or, for a class whose __init__ you do not own, declare it "
        "@pconfiged(mock=True) and pass the rest to construct(...)"
    )


def test_runnable_requires_main(sites: Any) -> None:
    """runnable=True on a class without main is refused."""
    with pytest.raises(TypeError) as info:
        pconfiged(runnable=True)(type("NoMain", (), {"__annotations__": {"config": AppConfig}}))
    assert str(info.value) == (
        "NoMain: @pconfiged(runnable=True) needs a main method\n"
        f"  declared at {sites.raised(info, __file__)}\n"
        "  hint: add `def main(self, *args): ...`, or drop runnable=True"
    )


def test_construct_without_constructs_is_refused(sites: Any) -> None:
    """construct() on a config class without constructs= says how to declare one."""
    cfg = Nothing(name="a")
    line = __import__("sys")._getframe().f_lineno - 1  # the line above
    with pytest.raises(TypeError) as info:
        cfg.construct()
    assert str(info.value) == (
        f"Nothing.construct: Nothing constructs nothing\n  built at {sites.text(__file__, line)}\n"
        "  hint: declare the class with @pconfig(constructs=SomeClass)"
    )


def test_subclass_init_may_call_super() -> None:
    """A subclass of a constructed class may call super().__init__() without passing the config again."""

    @pconfiged
    class Sub(App):
        def __init__(self) -> None:
            super().__init__()
            self.extra = True

    obj = Sub(config=AppConfig(name="b"))
    assert obj.seen_in_init == "b" and obj.extra


def test_long_config_in_an_error_is_elided_to_one_line(sites: Any) -> None:
    """A config whose repr spans lines appears in an error message as `Cls(...)`."""

    @pconfig
    class Wide:
        text: str

    wide = Wide(text="x" * 100)
    with pytest.raises(TypeError) as info:
        App(config=wide)
    assert str(info.value) == (
        "App.config: expected AppConfig, got test_long_config_in_an_error_is_elided_to_one_line.<locals>.Wide "
        "Wide(...)\n"
        f"  called at {sites.raised(info, __file__)}\n"
        "  hint: pass a AppConfig, or call AppConfig(...).construct()"
    )


def test_decorating_a_non_class_is_refused(sites: Any) -> None:
    """@pconfiged and @pconfig applied to something that is not a class say what they expect."""
    with pytest.raises(TypeError) as info:
        pconfiged(len)
    assert str(info.value) == (
        "@pconfiged: expected a class, got builtin_function_or_method <built-in function len>\n"
        f"  used at {sites.raised(info, __file__)}\n"
        "  hint: decorate a class body: @pconfiged class Trainer: ..."
    )
    with pytest.raises(TypeError) as info:
        pconfig(3)  # type: ignore[call-overload]
    assert str(info.value) == (
        f"@pconfig: expected a class, got int 3\n  used at {sites.raised(info, __file__)}\n"
        "  hint: decorate a class body: @pconfig class MyConfig: ..."
    )
