"""Declaring config classes: fields, ClassVars, refused declarations, the class object kept as written."""

from __future__ import annotations

import dataclasses
import pickle
from typing import ClassVar

import pytest
from pconfigs import pconfig, pconfiged, pdefaults


@pconfiged
class Runner:
    config: RunnerConfig


@pconfig(constructs=Runner)
class RunnerConfig:
    label: ClassVar[str] = "runner"
    steps: int
    later: Later | None

    def doubled(self) -> int:
        return super().__hash__() and self.steps * 2


@pconfig
class Later:
    size: int


@pconfig
class ChildConfig(RunnerConfig):
    extra: str


def test_fields_are_the_non_classvar_annotations() -> None:
    """A ClassVar with a value is kept on the class and is not a field."""
    assert [f.name for f in dataclasses.fields(RunnerConfig)] == ["steps", "later"]
    assert RunnerConfig.label == "runner"


def test_class_object_is_kept() -> None:
    """The decorator returns the user's class: qualname, methods and zero-argument super() work."""
    cfg = RunnerConfig(steps=3, later=None)
    assert RunnerConfig.__qualname__ == "RunnerConfig"
    assert RunnerConfig.__module__ == __name__
    assert cfg.doubled() == 6
    assert "__getattribute__" not in RunnerConfig.__dict__


def test_forward_references_resolve() -> None:
    """An annotation naming a class defined later in the module resolves at construction."""
    cfg = RunnerConfig(steps=1, later=Later(size=2))
    assert cfg.later == Later(size=2)


def test_configs_are_dataclasses() -> None:
    """dataclasses.fields, replace and asdict work on configs."""
    cfg = RunnerConfig(steps=1, later=Later(size=2))
    assert dataclasses.is_dataclass(cfg)
    assert dataclasses.replace(cfg, steps=5) == RunnerConfig(steps=5, later=Later(size=2))
    assert dataclasses.asdict(cfg) == {"steps": 1, "later": {"size": 2}}


def test_subclass_adds_fields_and_constructs_the_same_class() -> None:
    """A subclass of a constructing config adds fields and constructs its parent's class."""
    cfg = ChildConfig(steps=1, later=None, extra="x")
    assert [f.name for f in dataclasses.fields(ChildConfig)] == ["steps", "later", "extra"]
    assert type(cfg.construct()) is Runner
    assert cfg.construct().config is cfg


def test_pickle_of_a_class() -> None:
    """The config class pickles by reference, like any class."""
    assert pickle.loads(pickle.dumps(RunnerConfig)) is RunnerConfig


def test_body_default_is_refused(sites: object) -> None:
    """A default value in the class body is an error at decoration pointing to pdefaults."""
    with pytest.raises(TypeError) as info:

        @pconfig
        class WithDefault:
            steps: int = 3

    assert str(info.value) == (
        "test_body_default_is_refused.<locals>.WithDefault.steps: a default value in the class body is not allowed "
        "(got 3)\n"
        f"  declared at {sites.raised(info, __file__)}\n"  # type: ignore[attr-defined]
        "  hint: remove '= 3' and register defaults with "
        "`pdefaults += test_body_default_is_refused.<locals>.WithDefault(steps=3, ...)`"
    )


@pytest.mark.parametrize(
    "name", ["construct", "constructable_type", "default_config", "environment", "__pconfig_fields__", "__x__"]
)
def test_reserved_names_are_refused(name: str, sites: object) -> None:
    """A field named like the config's own API, or a dunder name, is refused at decoration with a ValueError."""
    with pytest.raises(ValueError) as info:
        pconfig(type("Reserved", (), {"__annotations__": {name: int}}))
    assert str(info.value) == (
        f"Reserved.{name}: {name!r} is a reserved name and cannot be a field\n"
        f"  declared at {sites.raised(info, __file__)}\n"  # type: ignore[attr-defined]
        "  reserved: construct, constructable_type, default_config, environment, "
        "dunder names (__x__) and private names (__x)\n"
        f"  hint: rename the field, e.g. {name.strip('_') + '_'!r}"
    )


def test_private_mangled_names_are_refused(sites: object) -> None:
    """A field written `__x` in the class body (which Python mangles) is refused by the name as written."""
    with pytest.raises(ValueError) as info:

        @pconfig
        class Hidden:
            __secret: int

    assert str(info.value) == (
        "test_private_mangled_names_are_refused.<locals>.Hidden.__secret: '__secret' is a reserved name and cannot "
        "be a field\n"
        f"  declared at {sites.raised(info, __file__)}\n"  # type: ignore[attr-defined]
        "  reserved: construct, constructable_type, default_config, environment, "
        "dunder names (__x__) and private names (__x)\n"
        "  hint: rename the field, e.g. 'secret_'"
    )


@pytest.mark.parametrize("hook", ["__init__", "__setattr__", "__delattr__", "__slots__"])
def test_hooks_a_config_may_not_define_are_refused(hook: str, sites: object) -> None:
    """A config class's own __init__, __setattr__, __delattr__ or __slots__ is refused, naming what to use."""
    body: dict[str, object] = {
        "__annotations__": {"x": int},
        hook: (lambda self, *a: None) if hook != "__slots__" else (),
    }
    with pytest.raises(TypeError) as info:
        pconfig(type("Hooked", (), body))
    first, where, hint = str(info.value).split("\n")
    assert first == f"Hooked.{hook}: a config class cannot define {hook}"
    assert where == f"  declared at {sites.raised(info, __file__)}"  # type: ignore[attr-defined]
    assert hint.startswith("  hint: ") and ("__post_init__" in hint or "remove __slots__" in hint)


def test_constructs_must_be_pconfiged(sites: object) -> None:
    """constructs= names a @pconfiged class; anything else is refused."""

    class Plain:
        pass

    with pytest.raises(TypeError) as info:
        pconfig(constructs=Plain)(type("Cfg", (), {"__annotations__": {"x": int}}))
    assert str(info.value) == (
        "Cfg: constructs=test_constructs_must_be_pconfiged.<locals>.Plain, which is not a @pconfiged class\n"
        f"  declared at {sites.raised(info, __file__)}\n"  # type: ignore[attr-defined]
        "  hint: decorate test_constructs_must_be_pconfiged.<locals>.Plain with @pconfiged"
    )


def test_undecorated_subclass_is_refused() -> None:
    """A subclass of a config that is not itself decorated cannot be built (its fields would be ignored)."""

    class Undecorated(RunnerConfig):
        more: int

    with pytest.raises(TypeError) as info:
        Undecorated(steps=1, later=None)
    assert str(info.value) == (
        "test_undecorated_subclass_is_refused.<locals>.Undecorated: a subclass of the config class RunnerConfig "
        "must be decorated with @pconfig\n"
        "  hint: add @pconfig above `class test_undecorated_subclass_is_refused.<locals>.Undecorated`"
    )


def test_unresolvable_annotation_is_a_clear_error(sites: object) -> None:
    """An annotation naming something that does not exist fails at the first construction, naming it."""

    @pconfig
    class Broken:
        thing: Missing  # type: ignore[name-defined]  # noqa: F821

    with pytest.raises(TypeError) as info:
        Broken(thing=1)
    message = str(info.value)
    assert message.splitlines()[0] == (
        "test_unresolvable_annotation_is_a_clear_error.<locals>.Broken.thing: cannot resolve the annotation "
        "'Missing' (NameError: name 'Missing' is not defined)"
    )
    assert message.splitlines()[2] == f"  hint: define or import every name it uses at the top level of {__name__}"


def test_local_classes_resolve_from_the_defining_scope() -> None:
    """A config declared in a function may name classes of that function's scope."""

    @pconfig
    class Inner:
        size: int

    @pconfig
    class Outer:
        inner: Inner

    assert Outer(inner=Inner(size=1)).inner.size == 1


def test_signature_is_true() -> None:
    """inspect.signature shows the positional bases and the keyword-only fields."""
    import inspect

    assert str(inspect.signature(RunnerConfig)) == (
        "(*bases: 'RunnerConfig', steps: 'int' = <unset>, later: 'Later | None' = <unset>) -> None"
    )


def test_no_default_is_registered_by_declaring() -> None:
    """Declaring a class registers nothing."""
    assert pdefaults(Later) is None
