"""Configs for code you do not own: `@pconfig(calls=function)` and `@pconfig(mocks=Class)`."""

from __future__ import annotations

import dataclasses
import inspect
import pickle
import sys
from typing import Any, Optional

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pconfigs import Required, pconfig, pdefaults


def train(data: list[int], /, steps: int, lr: float = 0.1, *, epochs: int = 3, tag: str = None, hook=None) -> Any:  # type: ignore[assignment]  # noqa: E501
    """A third-party function: `data` and `steps` have no default, the rest do."""
    return {"data": data, "steps": steps, "lr": lr, "epochs": epochs, "tag": tag, "hook": hook}


class Client:
    """A third-party class."""

    def __init__(self, endpoint: str, retries: int = 3, timeout: float = 1.5) -> None:
        self.endpoint = endpoint
        self.retries = retries
        self.timeout = timeout


@pconfig(calls=train)
class TrainCall: ...


@pconfig(mocks=Client)
class ClientConfig:
    retries: int


def test_fields_are_the_defaulted_parameters() -> None:
    """Fields are the keyword-passable parameters that have defaults, in signature order."""
    assert [f.name for f in dataclasses.fields(TrainCall)] == ["lr", "epochs", "tag", "hook"]
    assert [f.name for f in dataclasses.fields(ClientConfig)] == ["retries", "timeout"]


def test_field_types_come_from_the_annotations() -> None:
    """Annotations become field types; a None default widens to Optional; no annotation is Any."""
    params = inspect.signature(TrainCall).parameters
    assert params["lr"].annotation is float
    assert params["tag"].annotation == Optional[str]
    assert params["hook"].annotation is Any


def test_parameters_defaults_are_registered() -> None:
    """The parameters' defaults are registered as the class's default."""
    assert pdefaults(TrainCall) == TrainCall(lr=0.1, epochs=3, tag=None, hook=None)
    assert TrainCall() == pdefaults(TrainCall)
    assert ClientConfig().timeout == 1.5


def test_calling_passes_the_config_values() -> None:
    """Calling the config calls the function with the config's values plus the call's arguments."""
    cfg = TrainCall(lr=0.5, tag="a")
    assert cfg([1], 10) == {"data": [1], "steps": 10, "lr": 0.5, "epochs": 3, "tag": "a", "hook": None}


def test_call_arguments_win_over_config_values() -> None:
    """Keywords and positional arguments given in the call replace the config's values."""
    cfg = TrainCall(lr=0.5)
    assert cfg([1], steps=2, lr=2.0)["lr"] == 2.0
    assert cfg([1], 2, 0.25)["lr"] == 0.25
    assert cfg([1], 2, epochs=9)["epochs"] == 9


def test_construct_builds_the_mocked_class() -> None:
    """`cfg.construct(...)` builds the class with the config's values plus the given arguments."""
    client = ClientConfig(retries=5).construct(endpoint="https://x")
    assert (client.endpoint, client.retries, client.timeout) == ("https://x", 5, 1.5)
    assert ClientConfig(retries=5).construct("https://y", timeout=2.0).timeout == 2.0
    assert ClientConfig.constructable_type is Client


def test_configs_build_from_bases_and_pickle() -> None:
    """A function config builds from a base and pickles like any config."""
    base = TrainCall(lr=0.5)
    cfg = TrainCall(base, epochs=7)
    assert (cfg.lr, cfg.epochs) == (0.5, 7)
    assert pickle.loads(pickle.dumps(cfg)) == cfg


def test_unknown_field_is_refused(sites: Any) -> None:
    """A keyword that is not a parameter is a TypeError with a did-you-mean."""
    with pytest.raises(TypeError) as info:
        TrainCall(epoch=2)
    assert str(info.value) == (
        f"TrainCall.epoch: unknown field\n  set at {sites.raised(info, __file__)}\n  hint: did you mean 'epochs'?"
    )


@pytest.mark.parametrize(
    "keyword, what, hint",
    [
        ("steps", "has no default", "pass it in the call: cfg(steps=...)"),
        ("data", "is positional-only", "pass it by position in the call: cfg(data, ...)"),
    ],
)
def test_call_arguments_are_not_fields(sites: Any, keyword: str, what: str, hint: str) -> None:
    """A parameter without a default (or positional-only) is passed in the call, not set on the config."""
    with pytest.raises(TypeError) as info:
        TrainCall(**{keyword: 1})
    assert str(info.value) == (
        f"TrainCall.{keyword}: a parameter of train that {what}, not a field\n"
        f"  set at {sites.raised(info, __file__)}\n"
        f"  hint: {hint}"
    )


def test_mocked_init_argument_is_not_a_field(sites: Any) -> None:
    """For a mocked class, the hint says to pass the argument to construct."""
    with pytest.raises(TypeError) as info:
        ClientConfig(endpoint="x")
    assert str(info.value) == (
        "ClientConfig.endpoint: a parameter of Client that has no default, not a field\n"
        f"  set at {sites.raised(info, __file__)}\n"
        "  hint: pass it in the call: cfg.construct(endpoint=...)"
    )


def test_wrong_type_is_refused(sites: Any) -> None:
    """Values are checked against the parameter's annotation."""
    with pytest.raises(TypeError) as info:
        TrainCall(epochs="3")
    assert str(info.value) == (
        f"TrainCall.epochs: expected int, got str '3'\n  set at {sites.raised(info, __file__)}\n  hint: drop the quotes"
    )


def test_required_left_is_refused_before_the_call(sites: Any) -> None:
    """A field still Required is refused before the function runs, unless the call supplies it."""
    calls = []

    def record(*, a: int = 1, b: int = 2) -> int:
        calls.append((a, b))
        return a + b

    @pconfig(calls=record)
    class Record: ...

    built = sites.text(__file__, sys._getframe().f_lineno + 1)
    cfg = Record(a=Required, b=Required)
    with pytest.raises(TypeError) as info:
        cfg(b=5)
    assert str(info.value) == (
        "test_required_left_is_refused_before_the_call.<locals>.Record: cannot call "
        "test_required_left_is_refused_before_the_call.<locals>.record, "
        "1 field is still Required: a\n"
        f"  built at {built}\n"
        "  hint: set it: test_required_left_is_refused_before_the_call.<locals>.Record(cfg, a=...), "
        "or pass it in the call: cfg(a=...)"
    )
    assert calls == []
    assert cfg(a=1, b=5) == 6


def test_required_left_is_refused_before_construct() -> None:
    """A mocked class is not built while a field is still Required."""
    cfg = ClientConfig(retries=Required, timeout=Required)
    with pytest.raises(TypeError) as info:
        cfg.construct("x")
    assert str(info.value).splitlines()[0] == (
        "ClientConfig: cannot construct Client, 2 fields are still Required: retries, timeout"
    )
    assert str(info.value).splitlines()[-1] == (
        "  hint: set them: ClientConfig(cfg, retries=...), or pass them in the call: cfg.construct(retries=...)"
    )


def test_function_errors_keep_their_type() -> None:
    """An exception raised by the function reaches the caller unchanged."""

    def explode(*, n: int = 1) -> None:
        raise KeyError(n)

    @pconfig(calls=explode)
    class Explode: ...

    with pytest.raises(KeyError):
        Explode()()


def test_body_annotation_narrows_a_parameter(sites: Any) -> None:
    """An annotation in the class body replaces the parameter's type (here Any, from no annotation)."""

    @pconfig(calls=train)
    class Narrow:
        hook: Optional[int]

    assert Narrow(hook=3).hook == 3
    with pytest.raises(TypeError) as info:
        Narrow(hook="x")
    assert str(info.value).splitlines()[0] == (
        "test_body_annotation_narrows_a_parameter.<locals>.Narrow.hook: expected int | None, got str 'x'"
    )


def test_body_fields_that_are_not_parameters_are_kept_not_passed() -> None:
    """A body annotation that is not a parameter is a field the config keeps (Required by default) and never passes."""

    @pconfig(calls=train)
    class Noted:
        note: str

    assert pdefaults(Noted).note is Required  # type: ignore[union-attr]
    cfg = Noted(note="why", lr=0.5)
    assert cfg.note == "why"
    assert cfg("data", steps=2) == train("data", steps=2, lr=0.5)


def test_an_annotated_parameter_without_default_is_a_required_field() -> None:
    """Annotating a parameter that has no default makes it a field, Required until set, and passed."""

    @pconfig(calls=train)
    class WithSteps:
        steps: int

    assert pdefaults(WithSteps).steps is Required  # type: ignore[union-attr]
    assert WithSteps(steps=4)("data") == train("data", steps=4)


@pytest.mark.parametrize(
    "options, problem, hint",
    [
        (
            dict(calls=train, mocks=Client),
            "calls= and mocks= exclude each other",
            "use calls= for a function, mocks= for a class",
        ),
        (dict(calls=5), "calls=5 is not callable", "pass the function itself: @pconfig(calls=train)"),
        (
            dict(mocks=len),
            "mocks=<built-in function len> is not a class",
            "pass the class itself: @pconfig(mocks=Client); for a function use calls=",
        ),
    ],
)
def test_misuse_is_refused(sites: Any, options: dict[str, Any], problem: str, hint: str) -> None:
    """Conflicting or wrong `calls=`/`mocks=` options are TypeErrors when decorated."""

    class Target: ...

    with pytest.raises(TypeError) as info:
        pconfig(**options)(Target)
    assert str(info.value) == (
        f"test_misuse_is_refused.<locals>.Target: {problem}\n  used at {sites.raised(info, __file__)}\n  hint: {hint}"
    )


@given(st.floats(allow_nan=False), st.integers(), st.booleans())
def test_calls_see_exactly_the_config_values(lr: float, epochs: int, override: bool) -> None:
    """For any values, the function receives the config's values, and call keywords replace them."""
    cfg = TrainCall(lr=lr, epochs=epochs)
    got = cfg([], 1, epochs=epochs + 1) if override else cfg([], 1)
    assert (got["lr"], got["epochs"]) == (lr, epochs + 1 if override else epochs)
