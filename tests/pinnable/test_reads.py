"""Which fields a `@pproperty` reads, found in its bytecode on every supported Python (3.10 to 3.13 compile
`self.x` differently: LOAD_METHOD, LOAD_ATTR with a method flag, LOAD_FAST_LOAD_FAST, cells for closures), and how
the generated compute follows them: a value left Pinned keeps its readers Pinned, and unpinned builds share inputs."""

from __future__ import annotations

from typing import Any

from pconfigs import pconfig
from pconfigs.pinnable import Pin, Pinned, pinputs, pproperty


def _deps(cls: Any, name: str) -> tuple[str, ...]:
    return tuple(cls.__pconfig_spec__.computer.dependencies(name))


@pconfig
class Reads:
    a: int
    b: int
    c: list[int]
    d: int
    e: int
    direct: Pinned[int]
    local_first: Pinned[int]
    through_method: Pinned[int]
    through_property: Pinned[int]
    in_lambda: Pinned[int]
    in_comprehension: Pinned[list[int]]
    in_generator: Pinned[int]
    in_inner_function: Pinned[int]
    renamed: Pinned[int]
    shadowed: Pinned[int]
    chained: Pinned[int]

    def helper(self) -> int:
        return self.d

    @property
    def prop(self) -> int:
        return self.e

    @pproperty
    def direct(self) -> int:
        return self.a + self.b

    @pproperty
    def local_first(self) -> int:
        x = 3
        return max(x, self.b)  # 3.13: LOAD_FAST_LOAD_FAST x, self

    @pproperty
    def through_method(self) -> int:
        return self.helper()

    @pproperty
    def through_property(self) -> int:
        return self.prop

    @pproperty
    def in_lambda(self) -> int:
        return (lambda: self.a)()

    @pproperty
    def in_comprehension(self) -> list[int]:
        return [v + self.b for v in self.c]

    @pproperty
    def in_generator(self) -> int:
        return sum(v * self.d for v in (1, 2))

    @pproperty
    def in_inner_function(self) -> int:
        def inner() -> int:
            return self.e

        return inner()

    @pproperty
    def renamed(cfg) -> int:
        return cfg.a

    @pproperty
    def shadowed(self) -> int:
        def other(self: Any) -> int:  # its own `self`: not the config
            return self.b

        return other(type("X", (), {"b": 0})()) + self.a

    @pproperty
    def chained(self) -> int:
        return self.c.index(2)  # reads c, not `index`


def test_reads_are_found_in_every_form() -> None:
    assert _deps(Reads, "direct") == ("a", "b")
    assert _deps(Reads, "local_first") == ("b",)
    assert _deps(Reads, "through_method") == ("d",)
    assert _deps(Reads, "through_property") == ("e",)
    assert _deps(Reads, "in_lambda") == ("a",)
    assert _deps(Reads, "in_comprehension") == ("b", "c")
    assert _deps(Reads, "in_generator") == ("d",)
    assert _deps(Reads, "in_inner_function") == ("e",)
    assert _deps(Reads, "renamed") == ("a",)
    assert _deps(Reads, "shadowed") == ("a",)
    assert _deps(Reads, "chained") == ("c",)


def test_values_follow_the_reads() -> None:
    cfg = Reads(a=10, b=20, c=[1, 2, 3], d=4, e=5)
    assert (cfg.direct, cfg.local_first, cfg.in_lambda, cfg.in_comprehension) == (30, 20, 10, [21, 22, 23])
    assert (cfg.through_method, cfg.through_property, cfg.in_generator, cfg.in_inner_function) == (4, 5, 12, 5)
    assert (cfg.renamed, cfg.shadowed, cfg.chained) == (10, 10, 1)


@pconfig
class Gate:
    open: bool
    x: int
    middle: Pinned[int]
    last: Pinned[int]
    other: Pinned[int]

    @pproperty
    def middle(self) -> int:
        return self.x + 1 if self.open else Pinned  # type: ignore[return-value]

    @pproperty
    def last(self) -> int:
        return self.middle * 10

    @pproperty
    def other(self) -> int:
        return self.x


def test_a_value_computed_as_pinned_keeps_its_readers_pinned() -> None:
    """A @pproperty may leave its value Pinned; what reads it stays Pinned too, pinned neighbours or not (the
    generated compute has a path for builds that pin nothing and one for builds that pin something)."""
    assert (Gate(open=True, x=1).middle, Gate(open=True, x=1).last) == (2, 20)
    closed = Gate(open=False, x=1)
    assert (closed.middle, closed.last, closed.other) == (Pinned, Pinned, 1)
    pinned_neighbour = Gate(open=False, x=1, other=Pin(5))
    assert (pinned_neighbour.middle, pinned_neighbour.last, pinned_neighbour.other) == (Pinned, Pinned, 5)
    assert Gate(open=False, x=1, middle=Pin(3)).last == 30


def test_builds_that_pin_nothing_share_their_inputs() -> None:
    """Configs that pin nothing share one inputs mapping; a pin gets its own, and neither changes the other."""
    a, b = Gate(open=True, x=1), Gate(open=True, x=2)
    assert a.__pconfig_inputs__ is b.__pconfig_inputs__
    pinned = Gate(a, other=Pin(7))
    assert pinned.__pconfig_inputs__ is not a.__pconfig_inputs__
    assert (pinned.other, a.other, Gate(pinned, x=5).other, Gate(a, x=5).other) == (7, 1, 7, 5)
    assert pinputs(pinned).other == Pin(7) and pinputs(a).other is Pinned
    assert a == Gate(open=True, x=1) and hash(a) == hash(Gate(open=True, x=1)) and a != pinned
