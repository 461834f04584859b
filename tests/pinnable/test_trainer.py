"""The walkthrough's trainer: its first and second experiments give the walkthrough's values."""

from __future__ import annotations

import math

from pconfigs import Pinned, pdefaults
from project.experiments.first import config as first
from project.experiments.second import config as second
from project.modules.trainer import TrainerConfig


def cosine(base_lr: float, min_ratio: float, total: int) -> list[float]:
    """The schedule written independently: half a cosine from base_lr down to base_lr * min_ratio."""
    low = base_lr * min_ratio
    return [low + (base_lr - low) * (1 + math.cos(math.pi * t / (total - 1))) / 2 for t in range(total)]


def test_first_experiment_values() -> None:
    """The first experiment computes the batch size and the schedule from its inputs."""
    assert (first.steps, first.base_lr, first.total_steps) == (3, 3e-4, 6)
    assert first.effective_batch_size == 8
    assert len(first.lr_schedule) == 6
    assert all(math.isclose(a, b, rel_tol=1e-12) for a, b in zip(first.lr_schedule, cosine(3e-4, 0.1, 6)))


def test_second_experiment_recomputes_from_the_first() -> None:
    """The second experiment takes the first's inputs, overrides two and recomputes the schedule."""
    assert second.steps == 5
    assert second.base_lr == 1e-3
    assert second.effective_batch_size == 8
    assert all(math.isclose(a, b, rel_tol=1e-12) for a, b in zip(second.lr_schedule, cosine(1e-3, 0.1, 6)))
    assert math.isclose(second.lr_schedule[0], 0.001) and math.isclose(second.lr_schedule[-1], 0.0001)


def test_default_holds_pinned_inputs() -> None:
    """The registered default holds the Pinned sentinel as input and computed values as values."""
    default = pdefaults(TrainerConfig)
    assert default is not None
    assert default.__pconfig_inputs__ == {"effective_batch_size": Pinned, "lr_schedule": Pinned}
    assert default.effective_batch_size == 8


def test_run_prints_each_step(capsys: object) -> None:
    """Constructing the second experiment and running main prints one line per step."""
    second.construct().main()
    out = capsys.readouterr().out  # type: ignore[attr-defined]
    assert out.splitlines() == [f"step={i} lr={second.lr_schedule[i]}" for i in range(5)]


def test_bad_schedule_raises_value_error() -> None:
    """The walkthrough's ValueError reaches the user as a ValueError."""
    import pytest

    with pytest.raises(ValueError, match="^Bad lr_schedule."):
        TrainerConfig(first, min_lr_ratio=2.0)
