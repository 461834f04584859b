"""Evaluation order: topological, ties by declaration, identical across processes; random graphs; long chains."""

from __future__ import annotations

import heapq
import os
import random
import subprocess
import sys
import textwrap
from collections.abc import Sequence
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pconfigs import pconfig
from pconfigs.pinnable import Pinned, pproperty

ORDER_SCRIPT = textwrap.dedent(
    """
    from pconfigs import pconfig
    from pconfigs.pinnable import Pinned, pproperty

    order = []

    @pconfig
    class Graph:
        z: Pinned[int]
        y: Pinned[int]
        x: Pinned[int]
        w: Pinned[int]
        seed: int

        @pproperty
        def z(self) -> int:
            order.append("z")
            return self.y + self.x

        @pproperty
        def y(self) -> int:
            order.append("y")
            return self.seed

        @pproperty
        def x(self) -> int:
            order.append("x")
            return self.seed + 1

        @pproperty
        def w(self) -> int:
            order.append("w")
            return self.z + self.seed

    Graph(seed=1)
    print(",".join(order))
    """
)


def test_order_is_identical_across_hash_seeds() -> None:
    """Two processes with different PYTHONHASHSEED compute in the same order: dependencies first, ties declared."""
    outputs = set()
    for seed in ("1", "2", "12345"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        result = subprocess.run([sys.executable, "-c", ORDER_SCRIPT], env=env, capture_output=True, text=True)
        assert result.returncode == 0, result.stderr
        outputs.add(result.stdout.strip())
    assert outputs == {"y,x,z,w"}


def build_graph(
    deps: Sequence[Sequence[int | str]],
    declared: Sequence[int] | None = None,
    explicit: bool = True,
    helpers: Sequence[str] = (),
) -> tuple[type, list[str]]:
    """A config with input `seed` and fields f0..fn, where fi = 1 + sum(fj for j in deps[i]) (+ seed).

    A string in `deps[i]` is an expression added as it is (a helper call, a `getattr`), and `helpers` are the
    source of further methods. Fields are declared in `declared` order (by index when None). With `explicit`, each
    @pproperty names its field reads in `deps=`; without, the methods are exec'd without a file, so their
    dependencies are the names in their bytecode.
    """
    calls: list[str] = []
    namespace: dict[str, Any] = {"__annotations__": {"seed": int}}
    scope: dict[str, Any] = {"calls": calls}
    for i, parents in enumerate(deps):
        reads = " + ".join([f"self.f{j}" if isinstance(j, int) else j for j in parents] + ["self.seed"])
        source = f"def f{i}(self):\n    calls.append('f{i}')\n    return 1 + {reads}\n"
        exec(compile(source, f"<graph f{i}>", "exec"), scope)
    for source in helpers:
        exec(compile(source, "<graph helper>", "exec"), namespace)
    for i in range(len(deps)) if declared is None else declared:
        namespace["__annotations__"][f"f{i}"] = Pinned[int]
        explicit_deps = [f"f{j}" for j in deps[i] if isinstance(j, int)] + ["seed"]
        namespace[f"f{i}"] = pproperty(deps=explicit_deps if explicit else ())(scope[f"f{i}"])
    namespace.pop("__builtins__", None)
    return pconfig(type("Graph", (), namespace)), calls


def chain(length: int) -> list[list[int | str]]:
    """Links f0..f{length-1}, each reading the one before it."""
    return [[i - 1] if i else [] for i in range(length)]


def declared(length: int, order: str) -> list[int]:
    """Link indices in the order their fields are declared: forward, reverse (last link first) or shuffled."""
    indices = list(range(length))
    if order == "reverse":
        indices.reverse()
    elif order == "shuffled":
        random.Random(length).shuffle(indices)
    return indices


@st.composite
def graphs(draw: Any) -> list[list[int]]:
    """Random acyclic graphs (chains, diamonds and everything between), each field reading earlier ones."""
    size = draw(st.integers(min_value=1, max_value=12))
    order = draw(st.permutations(range(size)))
    deps: list[list[int]] = [[] for _ in range(size)]
    for position, node in enumerate(order):
        earlier = order[:position]
        if earlier:
            deps[node] = sorted(draw(st.sets(st.sampled_from(earlier), max_size=3)))
    return deps


@settings(max_examples=60, deadline=None)
@given(graphs(), st.integers(min_value=-5, max_value=5))
def test_random_graphs_compute_correct_values_in_a_valid_order(deps: list[list[int]], seed: int) -> None:
    """Every field is computed once, after its dependencies, ties in declaration order, with the right value."""
    cls, calls = build_graph(deps)
    cfg = cls(seed=seed)
    expected: dict[int, int] = {}

    def value(i: int) -> int:
        if i not in expected:
            expected[i] = 1 + sum(value(j) for j in deps[i]) + seed
        return expected[i]

    assert [getattr(cfg, f"f{i}") for i in range(len(deps))] == [value(i) for i in range(len(deps))]
    assert sorted(calls) == sorted(f"f{i}" for i in range(len(deps)))
    position = {name: k for k, name in enumerate(calls)}
    for i, parents in enumerate(deps):
        assert all(position[f"f{j}"] < position[f"f{i}"] for j in parents)
    # Kahn's algorithm with the smallest declared index first gives exactly one order; recompute it here.
    remaining = {i: set(p) for i, p in enumerate(deps)}
    reference = []
    while remaining:
        ready = min(i for i, p in remaining.items() if not p)
        reference.append(f"f{ready}")
        del remaining[ready]
        for p in remaining.values():
            p.discard(ready)
    assert calls == reference


def test_long_chain_is_computed_without_recursion() -> None:
    """A chain far deeper than the recursion limit is computed in one pass."""
    deps = [[i - 1] if i else [] for i in range(1500)]
    cls, calls = build_graph(deps)
    cfg = cls(seed=0)
    assert cfg.f1499 == 1500
    assert len(calls) == 1500


@pytest.mark.parametrize("order", ["forward", "reverse", "shuffled"])
@pytest.mark.parametrize("length", [2000, 5000])
def test_long_chain_works_in_any_declaration_order(length: int, order: str) -> None:
    """A chain of thousands of links, declared in any order and seen through bytecode, is defined, built and read."""
    cls, calls = build_graph(chain(length), declared(length, order), explicit=False)
    cfg = cls(seed=0)
    assert calls == [f"f{i}" for i in range(length)]
    assert getattr(cfg, f"f{length - 1}") == length


def test_large_graph_in_shuffled_order_breaks_ties_by_declaration() -> None:
    """In 2,000 fields declared shuffled, the order is topological with ties broken by declaration order."""
    rng = random.Random(7)
    length = 2000
    deps: list[list[int]] = [[] for _ in range(length)]
    for i in range(1, length):
        reads = {i - 1} if rng.random() < 0.7 else set()
        if rng.random() < 0.3:
            reads.add(rng.randrange(i))
        deps[i] = sorted(reads)
    order = declared(length, "shuffled")
    cls, calls = build_graph(deps, order, explicit=False)
    cls(seed=0)
    position = {i: k for k, i in enumerate(order)}
    remaining = {i: set(parents) for i, parents in enumerate(deps)}
    users: dict[int, list[int]] = {i: [] for i in range(length)}
    for i, parents in enumerate(deps):
        for j in parents:
            users[j].append(i)
    ready = [(position[i], i) for i, parents in remaining.items() if not parents]
    heapq.heapify(ready)
    reference = []
    while ready:
        _, i = heapq.heappop(ready)
        reference.append(f"f{i}")
        for user in users[i]:
            remaining[user].discard(i)
            if not remaining[user]:
                heapq.heappush(ready, (position[user], user))
    assert calls == reference


CYCLE_HINT = "  hint: compute one of them from inputs only, or make one an input field"


@pytest.mark.parametrize(
    ("order", "cycle"),
    [
        ("forward", ["f100", *(f"f{i}" for i in range(1500, 100, -1)), "f100"]),
        ("reverse", [*(f"f{i}" for i in range(1500, 99, -1)), "f1500"]),
    ],
)
def test_cycle_in_a_long_chain_is_refused_naming_it(order: str, cycle: list[str], sites: Any) -> None:
    """A cycle through 1,401 links of a 2,000-link chain is refused at class definition, naming the whole cycle."""
    deps = chain(2000)
    deps[100].append(1500)
    with pytest.raises(ValueError) as info:
        build_graph(deps, declared(2000, order), explicit=False)
    assert str(info.value) == (
        f"Graph: @pproperty dependency cycle: {' -> '.join(cycle)}\n"
        f"  declared at {sites.raised(info, __file__)}\n{CYCLE_HINT}"
    )


def test_cycle_in_a_shuffled_long_chain_names_every_link() -> None:
    """In a shuffled 2,000-link chain, the refused cycle is named link by link, in dependency order."""
    deps = chain(2000)
    deps[100].append(1500)
    with pytest.raises(ValueError) as info:
        build_graph(deps, declared(2000, "shuffled"), explicit=False)
    first, _, last = str(info.value).partition("\n")
    prefix = "Graph: @pproperty dependency cycle: "
    assert first.startswith(prefix)
    names = first[len(prefix) :].split(" -> ")
    assert names[0] == names[-1]
    assert len(names) == 1402
    assert sorted(names[1:]) == sorted(f"f{i}" for i in range(100, 1501))
    for user, read in zip(names, names[1:]):
        assert int(read[1:]) in deps[int(user[1:])]
    assert last.endswith(CYCLE_HINT)


def test_cycle_behind_thousands_of_helpers_is_refused(sites: Any) -> None:
    """A cycle through a chain of 5,000 helper methods is refused at class definition, naming it."""
    count = 5000
    helpers = [f"def h{k}(self):\n    return self.h{k + 1}()\n" for k in range(count - 1)]
    helpers.append(f"def h{count - 1}(self):\n    return self.f1\n")
    with pytest.raises(ValueError) as info:
        build_graph([["self.h0()"], [0]], explicit=False, helpers=helpers)
    assert str(info.value) == (
        "Graph: @pproperty dependency cycle: f0 -> f1 -> f0\n"
        f"  declared at {sites.raised(info, __file__)}\n{CYCLE_HINT}"
    )


def test_hidden_read_in_a_long_reversed_chain_is_a_clear_error(sites: Any) -> None:
    """A hidden getattr read of a later link in a reversed 2,000-link chain is a clear ValueError at construction."""
    deps = chain(2000)
    deps[0] = ["getattr(self, 'f1999')"]
    cls, _ = build_graph(deps, declared(2000, "reverse"), explicit=False)
    line = sys._getframe().f_lineno + 2
    with pytest.raises(ValueError) as info:
        cls(seed=0)
    assert str(info.value) == (
        "Graph.f0: reads f1999, which is computed later or depends on f0 (a dependency the source does not show: "
        "f0 -> f1999)\n"
        f"  built at {sites.text(__file__, line)}\n"
        "  hint: declare it with @pproperty(deps=['f1999']); a cycle through helpers must be broken"
    )
