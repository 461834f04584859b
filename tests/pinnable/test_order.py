"""Evaluation order: topological, ties by declaration, identical across processes; random graphs."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from typing import Any

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


def build_graph(deps: list[list[int]]) -> tuple[type, list[str]]:
    """A config with inputs `seed` and fields f0..fn, where fi = 1 + sum(fj for j in deps[i]) (+ seed)."""
    calls: list[str] = []
    namespace: dict[str, Any] = {"__annotations__": {"seed": int}}
    for i, parents in enumerate(deps):
        namespace["__annotations__"][f"f{i}"] = Pinned[int]
        reads = " + ".join([f"self.f{j}" for j in parents] + ["self.seed"])
        source = f"def f{i}(self):\n    calls.append('f{i}')\n    return 1 + {reads}\n"
        scope: dict[str, Any] = {"calls": calls}
        exec(compile(source, f"<graph f{i}>", "exec"), scope)
        namespace[f"f{i}"] = pproperty(scope[f"f{i}"], deps=[f"f{j}" for j in parents] + ["seed"])
    return pconfig(type("Graph", (), namespace)), calls


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
