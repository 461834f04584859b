"""`__post_init__` validates every complete build (DESIGN 3.9)."""

from __future__ import annotations

import copy
import dataclasses
import pickle
import sys
from typing import Any

import pytest
from pconfigs import Required, pconfig, pdefaults

calls: list[str] = []


@pconfig
class Training:
    steps: int
    warmup: int

    def __post_init__(self) -> None:
        calls.append(f"Training({self.steps}, {self.warmup})")
        if self.steps <= 0:
            raise ValueError(f"steps must be positive, got {self.steps}")
        if self.warmup > self.steps:
            raise ValueError("warmup is longer than the run")


@pconfig
class Job:
    name: str
    training: Training

    def __post_init__(self) -> None:
        calls.append(f"Job({self.name})")


@pconfig
class LongJob(Job):
    hours: int

    def __post_init__(self) -> None:
        super().__post_init__()
        calls.append("LongJob")
        if self.hours > 72:
            raise ValueError("a job may not run more than 72 hours")


def test_a_bad_value_is_refused_with_a_note(sites: Any) -> None:
    """A __post_init__ refusal keeps its type and gains a note naming the class and where the config was built."""
    with pytest.raises(ValueError) as info:
        Training(steps=-5, warmup=0)
    line = sys._getframe().f_lineno - 1
    note = f"while validating Training (__post_init__), config built at {sites.text(__file__, line)}"
    if sys.version_info >= (3, 11):
        assert info.value.args == ("steps must be positive, got -5",)
        assert info.value.__notes__ == [note]
    else:
        assert info.value.args == (f"steps must be positive, got -5\n{note}",)


def test_runs_once_per_build_after_every_value_is_set() -> None:
    """Each build runs __post_init__ once; building from a base and overriding validates the new config."""
    calls.clear()
    base = Training(steps=10, warmup=2)
    Training(base, warmup=3)
    assert calls == ["Training(10, 2)", "Training(10, 3)"]
    with pytest.raises(ValueError, match="warmup is longer"):
        Training(base, warmup=11)


def test_subclasses_call_super_and_parents_validate_their_fields() -> None:
    """A subclass's __post_init__ calls super().__post_init__(), as with dataclasses."""
    calls.clear()
    training = Training(steps=1, warmup=0)
    calls.clear()
    LongJob(name="n", training=training, hours=3)
    assert calls == ["Job(n)", "LongJob"]
    with pytest.raises(ValueError, match="72 hours"):
        LongJob(name="n", training=training, hours=100)


def test_defaults_with_required_are_validated_when_completed() -> None:
    """A default holding Required (at any depth) is not validated; the build that completes it is."""

    @pconfig
    class Checked:
        a: int
        b: int

        def __post_init__(self) -> None:
            if self.a > self.b:
                raise ValueError("a > b")

    pdefaults.register(Checked(a=5, b=Required))  # not validated: b is still Required
    with pytest.raises(ValueError, match="a > b"):
        Checked(b=1)
    assert Checked(b=9).b == 9


def test_nested_required_postpones_validation() -> None:
    """A config whose sub-config still holds Required is not validated yet."""
    calls.clear()
    Job(name="n", training=Training(steps=Required, warmup=0))
    assert calls == []


def test_a_parent_trusts_what_its_validated_sub_configs_recorded() -> None:
    """A validated build records that it holds no Required; a parent's check does not walk it again, but an
    incomplete sub-config (in a list too) still postpones the parent's validation, and copies keep the record."""

    @pconfig
    class Batch:
        jobs: list[Job]

        def __post_init__(self) -> None:
            calls.append(f"Batch({len(self.jobs)})")

    complete = Job(name="a", training=Training(steps=3, warmup=1))
    incomplete = Job(name="b", training=Training(steps=Required, warmup=0))
    assert complete.__pconfig_complete__ is True and incomplete.__pconfig_complete__ is False
    calls.clear()
    Batch(jobs=[complete, complete])
    Batch(jobs=[complete, incomplete])
    assert calls == ["Batch(2)"]
    for copied in (pickle.loads(pickle.dumps(complete)), copy.deepcopy(complete)):
        assert copied.__pconfig_complete__ is True and list(vars(copied)) == list(vars(complete))
    assert pickle.loads(pickle.dumps(incomplete)).__pconfig_complete__ is False


def test_unpickling_and_copying_do_not_validate_again() -> None:
    """Pickle, copy and deepcopy restore a validated config without running __post_init__."""
    cfg = Training(steps=3, warmup=1)
    calls.clear()
    assert pickle.loads(pickle.dumps(cfg)) == cfg
    assert copy.deepcopy(cfg) == cfg and copy.copy(cfg) == cfg
    assert calls == []


def test_post_init_cannot_assign() -> None:
    """Assigning inside __post_init__ is refused like any assignment to a config."""

    @pconfig
    class Sneaky:
        x: int

        def __post_init__(self) -> None:
            self.x = 2

    with pytest.raises(dataclasses.FrozenInstanceError):
        Sneaky(x=1)


def test_dataclasses_replace_validates() -> None:
    """dataclasses.replace builds a config, so __post_init__ runs on it."""
    with pytest.raises(ValueError, match="steps must be positive"):
        dataclasses.replace(Training(steps=3, warmup=1), steps=0)
