"""`pconfigs.diff` on derived values: marked derived, pins and transformed inputs shown, class changes."""

from __future__ import annotations

from pconfigs import pconfig
from pconfigs._diff import Difference, diff, diff_as_json, format_diff
from pconfigs.pinnable import Pin, Pinned, pinputs, pproperty


@pconfig
class Schedule:
    base_lr: float
    steps: int
    warmup: int
    lr_schedule: Pinned[list[float]]
    peak: Pinned[float]

    @pproperty
    def lr_schedule(self) -> list[float]:
        return [self.base_lr * min(1.0, (i + 1) / self.warmup) for i in range(self.steps)]

    @pproperty
    def peak(self) -> float:
        return max(self.lr_schedule)


@pconfig
class Clamped:
    workers: int
    batch: int
    per_worker: Pinned[int]

    @pproperty
    def workers(self) -> int:
        return min(pinputs(self).workers, 8)

    @pproperty
    def per_worker(self) -> int:
        return self.batch // self.workers


@pconfig
class Fixed:
    base_lr: float
    steps: int
    peak: float


@pconfig
class Trainer:
    schedule: Schedule | Fixed
    clamped: Clamped


def schedule(**changes: object) -> Schedule:
    values: dict[str, object] = dict(base_lr=1.0, steps=3, warmup=2)
    values.update(changes)
    return Schedule(**values)  # type: ignore[arg-type]


def test_derived_values_are_compared_and_marked() -> None:
    """A changed input changes its derived values, which follow it marked `# derived`, elements included."""
    differences = diff(schedule(), schedule(base_lr=2.0, steps=4))
    assert format_diff(differences) == (
        "base_lr: 1.0 -> 2.0\n"
        "steps: 3 -> 4\n"
        "lr_schedule[0]: 0.5 -> 1.0  # derived\n"
        "lr_schedule[1]: 1.0 -> 2.0  # derived\n"
        "lr_schedule[2]: 1.0 -> 2.0  # derived\n"
        "lr_schedule[3]: added 2.0  # derived\n"
        "peak: 1.0 -> 2.0  # derived\n"
    )
    assert differences[2] == Difference("lr_schedule[0]", 0.5, 1.0, "changed", derived=True)
    assert diff_as_json(differences[-2:]) == [
        {"path": "lr_schedule[3]", "old": None, "new": 2.0, "kind": "added", "derived": True},
        {"path": "peak", "old": 1.0, "new": 2.0, "kind": "changed", "derived": True},
    ]


def test_nested_derived_values_keep_their_paths() -> None:
    """Derived values of a sub-config are written with the sub-config's path."""
    a = Trainer(schedule=schedule(), clamped=Clamped(workers=4, batch=32))
    b = Trainer(schedule=schedule(warmup=1), clamped=Clamped(workers=2, batch=32))
    assert format_diff(diff(a, b)) == (
        "schedule.warmup: 2 -> 1\n"
        "schedule.lr_schedule[0]: 0.5 -> 1.0  # derived\n"
        "clamped.workers: 4 -> 2\n"
        "clamped.per_worker: 8 -> 16  # derived\n"
    )


def test_a_pin_that_changes_a_value_is_a_changed_value() -> None:
    """A pin whose value differs from the computed one shows as that value changing."""
    assert format_diff(diff(schedule(), schedule(peak=Pin(3.0)))) == "peak: 1.0 -> 3.0  # derived\n"


def test_a_pin_equal_to_the_computed_value_shows_the_inputs() -> None:
    """A pin equal to the value it replaces is still a difference (a config built from `b` keeps it): its inputs."""
    a, b = schedule(), schedule(peak=Pin(1.0))
    assert a != b
    differences = diff(a, b)
    assert format_diff(differences) == "peak: Pinned -> Pin(1.0)  # derived; same value, different input\n"
    assert differences == [Difference("peak", Pinned, Pin(1.0), "changed", derived=True, input_only=True)]
    assert diff_as_json(differences) == [
        {"path": "peak", "old": "Pinned", "new": "Pin(1.0)", "kind": "changed", "derived": True, "input_only": True}
    ]


def test_a_transformed_input_giving_the_same_value_shows_the_inputs() -> None:
    """Two inputs a `@pproperty` turns into the same value are a difference of inputs, not of values."""
    a, b = Clamped(workers=10, batch=32), Clamped(workers=20, batch=32)
    assert (a.workers, b.workers) == (8, 8)
    assert format_diff(diff(a, b)) == "workers: 10 -> 20  # same value, different input\n"
    assert format_diff(diff(a, Clamped(workers=2, batch=32))) == ("workers: 8 -> 2\nper_worker: 4 -> 16  # derived\n")


def test_a_field_derived_in_either_class_is_marked_after_a_class_change() -> None:
    """After a class change, a field derived in either class is marked derived, and one-class fields are removed."""
    a = Trainer(schedule=schedule(), clamped=Clamped(workers=4, batch=32))
    b = Trainer(schedule=Fixed(base_lr=1.0, steps=3, peak=2.0), clamped=a.clamped)
    assert format_diff(diff(a, b)) == (
        "schedule: Schedule -> Fixed\n"
        "schedule.warmup: removed 2\n"
        "schedule.lr_schedule: removed [0.5, 1.0, 1.0]  # derived\n"
        "schedule.peak: 1.0 -> 2.0  # derived\n"
    )
