"""Code written for the earlier pconfigs: environment variables, `@penv` and `environment:` in configs (its page
"Examples: Environments", its examples `environments/main.py`, `defaults.py`, `types.py`, and its tests t020 and
t038)."""

# ruff: noqa: UP006, UP035  (typing.List, as code written for the earlier pconfigs has it)
from __future__ import annotations

import dataclasses
import inspect
import os
import sys
from typing import Any, List

import pytest
from pconfigs import Pinned, pconfig, pconfiged, pdefaults, penv, pproperty

BARE_DECORATOR = 1 if sys.version_info < (3, 11) else 0
"""A bare decorator (`@pconfig`) runs at the `class` line on Python 3.10, at its own line on 3.11+."""


# ---- The examples `environments/main.py`, `defaults.py` and `types.py`.


@penv(convention="uppercase")
class TrainerEnv:
    world_size: int
    rank: int


@pconfig
class TrainerConfig:
    environment: TrainerEnv  # Environments are always called 'environment'
    print_frequency_steps: int


@penv(convention="uppercase")
class WithDefaultsTrainerEnv(TrainerEnv):
    world_size: int = 1
    rank: int = 0


@pconfig
class WithDefaultsTrainerConfig(TrainerConfig):
    environment: WithDefaultsTrainerEnv


@pconfiged
class MyTrainer:
    config: MyTrainerConfig

    def is_root(self) -> bool:
        return self.config.environment.rank == 0


@pconfig(constructs=MyTrainer)
class MyTrainerConfig(TrainerConfig):
    pass


@pytest.fixture
def cluster(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    """`WORLD_SIZE=8 RANK=0`, as the page runs its examples."""
    monkeypatch.setenv("WORLD_SIZE", "8")
    monkeypatch.setenv("RANK", "0")
    return monkeypatch


@pytest.fixture
def unset(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    """Neither `WORLD_SIZE` nor `RANK` set."""
    monkeypatch.delenv("WORLD_SIZE", raising=False)
    monkeypatch.delenv("RANK", raising=False)
    return monkeypatch


def declared(cls: type, attribute: str) -> str:
    """Where a `@penv` class declares `attribute` (its line in the class body), as its errors name it."""
    path = os.path.relpath(__file__)
    lines, start = inspect.getsourcelines(cls)
    line = start + next(i for i, text in enumerate(lines) if text.startswith(f"    {attribute}:"))
    return f"{__file__ if path.startswith(os.pardir) else path}:{line}"


def test_the_environment_is_not_a_field() -> None:
    """`environment` is a class-level attribute: not a dataclass field, and not a keyword when building."""
    assert [f.name for f in dataclasses.fields(TrainerConfig)] == ["print_frequency_steps"]


def test_the_environment_cannot_be_given_when_building(sites: Any) -> None:
    """`TrainerConfig(environment=...)` is a TypeError that says to set the variables instead."""
    with pytest.raises(TypeError) as info:
        TrainerConfig(environment=TrainerEnv, print_frequency_steps=10)
    assert str(info.value) == (
        "TrainerConfig.environment: the environment (TrainerEnv) is a class-level attribute, not a field\n"
        f"  set at {sites.raised(info, __file__)}\n"
        "  hint: set the environment variables TrainerEnv reads instead: WORLD_SIZE, RANK"
    )


def test_variables_are_read_and_cast(cluster: pytest.MonkeyPatch) -> None:
    """With `convention="uppercase"`, `world_size` reads `$WORLD_SIZE`, cast to its annotation."""
    trainer_config = TrainerConfig(print_frequency_steps=10)
    assert (trainer_config.environment.world_size, trainer_config.environment.rank) == (8, 0)
    assert (TrainerEnv.world_size, TrainerEnv.rank) == (8, 0)


def test_a_config_prints_the_values_read_when_it_was_built(cluster: pytest.MonkeyPatch) -> None:
    """The printed config shows the variables' values read when it was built, even after they change."""
    trainer_config = TrainerConfig(print_frequency_steps=10)
    cluster.setenv("RANK", "3")
    assert repr(trainer_config) == (
        "TrainerConfig(\n"
        "    environment=TrainerEnv(\n"
        "        world_size=8,\n"
        "        rank=0,\n"
        "    ),  # Environment, read at build (omit from config)\n"
        "    print_frequency_steps=10,\n"
        ")"
    )


def test_variables_are_read_at_every_access(cluster: pytest.MonkeyPatch) -> None:
    """Reading a variable through the class or a config reads the process environment at that moment."""
    trainer_config = TrainerConfig(print_frequency_steps=10)
    cluster.setenv("RANK", "3")
    assert (TrainerEnv.rank, trainer_config.environment.rank) == (3, 3)


def test_a_missing_variable_is_a_value_error(unset: pytest.MonkeyPatch) -> None:
    """Reading an unset variable without default is a ValueError (the earlier one raised a RuntimeError)."""
    trainer_config = TrainerConfig(print_frequency_steps=10)
    with pytest.raises(ValueError) as info:
        trainer_config.environment.world_size
    assert str(info.value) == (
        "TrainerEnv.world_size: environment variable 'WORLD_SIZE' is not set and has no default\n"
        f"  declared at {declared(TrainerEnv, 'world_size')}\n"
        "  hint: set it (export WORLD_SIZE=...), or give TrainerEnv.world_size a default"
    )


def test_a_config_with_unset_variables_still_prints(unset: pytest.MonkeyPatch) -> None:
    """Printing a config whose variables were unset when it was built shows `...` and why (not an error)."""
    assert repr(TrainerConfig(print_frequency_steps=10)) == (
        "TrainerConfig(\n"
        "    environment=TrainerEnv(\n"
        "        world_size=...,\n"
        "        rank=...,\n"
        "    ),  # Environment, read at build (omit from config); $WORLD_SIZE: TrainerEnv.world_size: environment "
        "variable 'WORLD_SIZE' is not set and has no default; $RANK: TrainerEnv.rank: environment variable 'RANK' is "
        "not set and has no default\n"
        "    print_frequency_steps=10,\n"
        ")"
    )


def test_a_bad_value_is_a_value_error(cluster: pytest.MonkeyPatch) -> None:
    """A value that cannot be cast to the annotation is a ValueError naming the variable and what it accepts."""
    cluster.setenv("WORLD_SIZE", "many")
    with pytest.raises(ValueError) as info:
        TrainerEnv.world_size
    assert str(info.value) == (
        "TrainerEnv.world_size: environment variable 'WORLD_SIZE' is 'many', not an int\n"
        f"  declared at {declared(TrainerEnv, 'world_size')}\n"
        "  hint: set WORLD_SIZE to a whole number such as 2"
    )


def test_a_subclass_environment_gives_defaults(unset: pytest.MonkeyPatch) -> None:
    """A subclass of an environment re-declares its variables with defaults, used while they are unset."""
    trainer_config = WithDefaultsTrainerConfig(print_frequency_steps=10)
    assert repr(trainer_config) == (
        "WithDefaultsTrainerConfig(\n"
        "    environment=WithDefaultsTrainerEnv(\n"
        "        world_size=1,\n"
        "        rank=0,\n"
        "    ),  # Environment, read at build (omit from config)\n"
        "    print_frequency_steps=10,\n"
        ")"
    )
    unset.setenv("RANK", "2")
    assert (WithDefaultsTrainerEnv.world_size, WithDefaultsTrainerEnv.rank) == (1, 2)


@pytest.mark.parametrize("rank, root", [("0", True), ("1", False)])
def test_the_constructed_class_reads_the_environment(cluster: pytest.MonkeyPatch, rank: str, root: bool) -> None:
    """`self.config.environment.rank` in the constructed class reads `$RANK` (the example `types.py`)."""
    cluster.setenv("RANK", rank)
    my_trainer = MyTrainerConfig(print_frequency_steps=10).construct()
    assert my_trainer.is_root() is root


def test_bool_variables_accept_the_usual_words(monkeypatch: pytest.MonkeyPatch) -> None:
    """A `bool` variable accepts true/false/1/0 in any case, as the earlier one did (and yes/no, on/off)."""

    @penv(convention="uppercase")
    class Flags:
        debug: bool = False

    seen = []
    for text in ["true", "FALSE", "1", "0", "Yes", "off"]:
        monkeypatch.setenv("DEBUG", text)
        seen.append(Flags.debug)
    assert seen == [True, False, True, False, True, False]
    monkeypatch.delenv("DEBUG")
    assert Flags.debug is False


def test_environment_must_be_a_penv_class(sites: Any) -> None:
    """`environment:` annotated with anything but a `@penv` class is a ValueError: a reserved name (t020)."""
    declared = sites.text(__file__, sys._getframe().f_lineno + 3 + BARE_DECORATOR)  # the decorator below
    with pytest.raises(ValueError) as info:

        @pconfig
        class Config:
            environment: int
            steps: int

    assert str(info.value) == (
        "test_environment_must_be_a_penv_class.<locals>.Config.environment: 'environment' is a reserved name and "
        "cannot be a field\n"
        f"  declared at {declared}\n"
        "  reserved: construct, constructable_type, default_config, environment, dunder names (__x__) and private "
        "names (__x)\n"
        "  hint: rename the field, e.g. 'environment_'"
    )


# ---- A derived value of a `@pconfiged(mock=True)` config computed from the environment (t038).


class Trainer:
    def __init__(self, devices: List[int]):
        self.devices = devices


@penv(convention="uppercase")
class LTrainerEnvironment:
    local_rank: int = 0


@pconfiged(mock=True)
class LTrainer(Trainer):
    config: LTrainerConfig


@pconfig(constructs=LTrainer)
class LTrainerConfig:
    environment: LTrainerEnvironment
    devices: Pinned[List[int]]

    @pproperty
    def devices(self) -> List[int]:
        return [self.environment.local_rank]


pdefaults += LTrainerConfig(
    devices=Pinned,
)


def test_a_mock_config_computes_a_parameter_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """The environment of a mock config is not a field, and a property computes a passed parameter from it."""
    monkeypatch.delenv("LOCAL_RANK", raising=False)
    config = LTrainerConfig()
    assert config.devices == [0]
    assert [f.name for f in dataclasses.fields(LTrainerConfig)] == ["devices"]
    monkeypatch.setenv("LOCAL_RANK", "3")
    trainer = LTrainerConfig().construct()
    assert (trainer.devices, trainer.config.devices) == ([3], [3])


def launch(nodes: int, *, world_size: int = 1, rank: int = 0) -> str:
    return f"{nodes} nodes, rank {rank} of {world_size}"


@pconfig(calls=launch)
class LaunchFunc:
    environment: WithDefaultsTrainerEnv
    world_size: Pinned[int]

    @pproperty
    def world_size(self) -> int:
        return self.environment.world_size


def test_a_function_config_computes_a_parameter_from_the_environment(cluster: pytest.MonkeyPatch) -> None:
    """A calls= config may hold an environment too; its derived parameters are passed."""
    assert [f.name for f in dataclasses.fields(LaunchFunc)] == ["world_size", "rank"]
    assert LaunchFunc(rank=2)(4) == "4 nodes, rank 2 of 8"
