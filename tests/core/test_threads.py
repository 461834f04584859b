"""Threads: building, printing and registering defaults from many threads at once (DESIGN 3.10).

The race tests are deterministic: `_registry._interleave` holds one thread at a named step, and the test runs the
other thread's step inside that window. Events carry every hand-over; their timeouts only keep a regression from
hanging the suite and never expire when the code is right.
"""

from __future__ import annotations

import functools
import sys
import threading
from collections.abc import Callable
from typing import Any

import pytest
from pconfigs import Required, _registry, pconfig, pdefaults

_TIMEOUT = 30.0  # seconds; reached only when a thread never arrives (a bug), never in a passing run


def fresh() -> tuple[type, type]:
    """A new parent and child config class pair (defaults are per class, so each test gets its own)."""

    @pconfig
    class Parent:
        a: int
        b: str

    @pconfig
    class Child(Parent):
        c: float

    return Parent, Child


def line() -> int:
    """The caller's line number."""
    return sys._getframe(1).f_lineno


class Run(threading.Thread):
    """Runs `action` in a new thread, keeping its result or exception; sets `done` when it ends."""

    def __init__(self, action: Callable[[], Any], done: threading.Event | None = None) -> None:
        super().__init__(daemon=True)
        self.action = action
        self.done = done if done is not None else threading.Event()
        self.result: Any = None
        self.error: BaseException | None = None

    def run(self) -> None:
        try:
            self.result = self.action()
        except BaseException as error:  # kept for the test to check
            self.error = error
        finally:
            self.done.set()

    def finish(self) -> None:
        self.join(_TIMEOUT)
        assert not self.is_alive(), "the thread did not finish"


class Hold:
    """The `_interleave` hook: holds thread `held` at `step` until `release` is set.

    `arrived` is set when any other thread is about to take the registration lock (it can go no further while
    the held thread owns the lock); the other thread's `Run` sets it too when it ends (code without a lock lets it
    run to the end inside the window).
    """

    def __init__(self, step: str) -> None:
        self.step = step
        self.held: threading.Thread | None = None
        self.reached = threading.Event()
        self.release = threading.Event()
        self.arrived = threading.Event()

    def __call__(self, step: str) -> None:
        if threading.current_thread() is self.held:
            if step == self.step:
                self.reached.set()
                assert self.release.wait(_TIMEOUT), "never released"
        elif step == "register":
            self.arrived.set()


def wait(event: threading.Event) -> None:
    """Waits until `event` is set."""
    assert event.wait(_TIMEOUT), "a thread never reached its step"


def test_default_registered_during_a_chain_walk_is_used_by_every_later_build(monkeypatch: pytest.MonkeyPatch) -> None:
    """A default registered while another thread walks the default chain is used by every build started after."""
    Parent, Child = fresh()
    hold = Hold("chain")
    monkeypatch.setattr(_registry, "_interleave", hold)
    builder = Run(lambda: Child(a=0, c=1.0))  # misses b: looks up the chain, which has no default yet
    hold.held = builder
    builder.start()
    wait(hold.reached)  # the builder has walked the MRO and not yet cached the chain
    try:
        pdefaults.register(Parent(a=1, b="x"))
    finally:
        hold.release.set()
        builder.finish()
    assert isinstance(builder.error, TypeError)  # it started before the registration: no default for b
    assert Child(c=2.0) == Child(a=1, b="x", c=2.0)
    assert Child(a=5, c=2.0) == Child(a=5, b="x", c=2.0)


@pytest.mark.parametrize("step", ["check", "store"])
def test_two_threads_registering_one_class_exactly_one_wins(
    monkeypatch: pytest.MonkeyPatch, sites: Any, step: str
) -> None:
    """When two threads register a default for one class, one wins and the other gets the ValueError naming both."""
    Parent, _ = fresh()
    first, second = Parent(a=1, b="x"), Parent(a=2, b="y")
    hold = Hold(step)
    monkeypatch.setattr(_registry, "_interleave", hold)
    winner = Run(lambda: pdefaults.register(first))
    winner_line = line() - 1
    hold.held = winner
    winner.start()
    wait(hold.reached)  # the winner is inside its registration ("check": read no default; "store": stored it)
    loser = Run(lambda: pdefaults.register(second), done=hold.arrived)
    loser_line = line() - 1
    try:
        loser.start()
        wait(hold.arrived)
    finally:
        hold.release.set()
        winner.finish()
        loser.finish()
    assert winner.error is None
    assert isinstance(loser.error, ValueError)
    name = Parent.__qualname__
    assert str(loser.error) == (
        f"{name}: a default is already registered\n"
        f"  first registered at {sites.text(__file__, winner_line)}\n"
        f"  registered again at {sites.text(__file__, loser_line)}\n"
        f"  hint: build a variant from it instead: {name}(pdefaults({name}), field=...)"
    )
    assert pdefaults(Parent) is first
    assert Parent() == first


def test_two_threads_filling_the_same_required_field_exactly_one_wins(
    monkeypatch: pytest.MonkeyPatch, sites: Any
) -> None:
    """Two threads filling one Required field: one fills it, the other is refused, as it would be one after another."""
    Parent, _ = fresh()
    pdefaults.register(Parent(a=1, b=Required))
    first_line = line() - 1
    fill_x, fill_y = Parent(b="x"), Parent(b="y")
    hold = Hold("check")
    monkeypatch.setattr(_registry, "_interleave", hold)
    winner = Run(lambda: pdefaults.register(fill_x))
    hold.held = winner
    winner.start()
    wait(hold.reached)  # the winner has read the default that leaves b Required
    loser = Run(lambda: pdefaults.register(fill_y), done=hold.arrived)
    loser_line = line() - 1
    try:
        loser.start()
        wait(hold.arrived)
    finally:
        hold.release.set()
        winner.finish()
        loser.finish()
    assert winner.error is None
    assert isinstance(loser.error, ValueError)
    name = Parent.__qualname__
    assert str(loser.error) == (
        f"{name}: a default is already registered\n"
        f"  first registered at {sites.text(__file__, first_line)}\n"
        f"  registered again at {sites.text(__file__, loser_line)}\n"
        f"  hint: build a variant from it instead: {name}(pdefaults({name}), field=...)"
    )
    assert pdefaults(Parent) is fill_x
    assert Parent() == Parent(a=1, b="x")


_THREADS = 8
_STEPS = 200
_REGISTER_EVERY = 50  # each thread registers 4 fresh classes; threads t and t + 4 register the same ones
_PRINT_EVERY = 5  # printing costs far more than building


def test_building_printing_and_registering_from_many_threads() -> None:
    """Many threads build, print and register at once; no call fails and every build sees the defaults registered."""
    pairs = [fresh() for _ in range(_THREADS // 2 * (_STEPS // _REGISTER_EVERY))]
    Shared, SharedChild = fresh()
    pdefaults.register(Shared(a=-1, b="shared"))
    start = threading.Barrier(_THREADS, timeout=_TIMEOUT)
    wins: list[list[int]] = [[] for _ in range(_THREADS)]
    problems: list[str] = []

    def work(t: int) -> None:
        rivals = {f"t{t}", f"t{(t + _THREADS // 2) % _THREADS}"}
        start.wait()
        j = -1
        for i in range(_STEPS):
            if i % _REGISTER_EVERY == 0:
                j = (t % (_THREADS // 2)) * (_STEPS // _REGISTER_EVERY) + i // _REGISTER_EVERY
                Parent, _ = pairs[j]
                try:
                    pdefaults.register(Parent(a=j, b=f"t{t}"))
                    wins[t].append(j)
                except ValueError as error:
                    if not str(error).startswith(f"{Parent.__qualname__}: a default is already registered\n"):
                        problems.append(f"thread {t}, class {j}: {error}")
            _, Child = pairs[j]
            cfg = Child(c=float(i))  # a and b come only from Parent's default, registered above
            if cfg.a != j or cfg.b not in rivals:
                problems.append(f"thread {t}, step {i}: {cfg!r}")
            shared = SharedChild(c=float(i))  # its chain is cached again after every registration
            if shared.a != -1 or shared.b != "shared":
                problems.append(f"thread {t}, step {i}: {shared!r}")
            if i % _PRINT_EVERY == 0:
                printed = repr(cfg), repr(shared)
                if printed != (f'Child(a={j}, b="{cfg.b}", c={float(i)})', f'Child(a=-1, b="shared", c={float(i)})'):
                    problems.append(f"thread {t}, step {i}: {printed}")

    runs = [Run(functools.partial(work, t)) for t in range(_THREADS)]
    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-4)  # switch threads often, so the steps of the threads mix finely
    try:
        for run in runs:
            run.start()
        for run in runs:
            run.finish()
    finally:
        sys.setswitchinterval(interval)
    assert [run.error for run in runs] == [None] * _THREADS
    assert problems == []
    assert sorted(j for won in wins for j in won) == list(range(len(pairs)))  # each class: exactly one winner
    for j, (Parent, Child) in enumerate(pairs):
        default = pdefaults(Parent)
        assert default is not None and default.a == j
        assert len(Parent.__dict__["__pconfig_default_sites__"]) == 1
        assert Child(c=0.5) == Child(a=j, b=default.b, c=0.5)
