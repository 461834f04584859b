"""Core speed against a plain frozen dataclass with the same 20 fields, measured in the same run.

Prints, for each operation, the best time per call (min over repeats of `timeit`) and the ratio to the dataclass;
one row builds from a call 1,000 lines into its code, where a frame's line number would be costly to work out.
Budgets (DESIGN section 8, must hold): read within 1.0x, keywords within 3x, base plus 2 overrides within 4x;
indexing a config's frozen list within 4x of a plain list (DESIGN 3.8). Goals (docs/12-performance.md): keywords
within 1.2x, from registered defaults within 1.3x of the dataclass built from its field defaults, base plus 2
overrides within 1.2x of `dataclasses.replace`.
Run: `python benchmarks/bench_core.py` (inside `hatch shell`, or any environment with pconfigs-core).
"""

from __future__ import annotations

import dataclasses
import sys
import timeit
from collections.abc import Callable
from typing import Any

from pconfigs import pconfig, pdefaults

N = 20
NAMES = [f"f{i}" for i in range(N)]
TYPES = [int, float, str, bool] * (N // 4)
VALUES: dict[str, Any] = {n: t(i) if t is not str else f"v{i}" for i, (n, t) in enumerate(zip(NAMES, TYPES))}


def _make_classes() -> tuple[type, type, type]:
    annotations = dict(zip(NAMES, TYPES))
    plain = dataclasses.dataclass(frozen=True)(type("Plain", (), {"__annotations__": annotations}))
    with_defaults = dataclasses.dataclass(frozen=True)(
        type("PlainDefaults", (), {"__annotations__": annotations, **VALUES})
    )
    config = pconfig(type("Config", (), {"__annotations__": annotations, "__module__": __name__}))
    pdefaults.register(config(**VALUES))
    return plain, with_defaults, config


def _deep_caller(cls: type, kw: dict[str, Any]) -> Callable[[], object]:
    """`lambda: cls(**kw)` whose call sits 1,000 lines into its code (lines skipped at run time, kept in its line
    table)."""
    source = "def build():\n    if skip:\n" + "        x = 1\n" * 1000 + "    return cls(**kw)\n"
    namespace: dict[str, Any] = {"cls": cls, "kw": kw, "skip": False}
    exec(compile(source, f"<bench_core {cls.__name__} at line 1,000>", "exec"), namespace)
    return namespace["build"]  # type: ignore[no-any-return]


def best(fn: Callable[[], object], number: int, repeat: int) -> float:
    return min(timeit.repeat(fn, number=number, repeat=repeat)) / number


def measure(repeat: int = 7) -> list[tuple[str, float, float, float, float]]:
    plain, plain_defaults, config = _make_classes()
    p = plain(**VALUES)
    c = config(**VALUES)
    kw = dict(VALUES)
    replace = dataclasses.replace
    rows = []

    def row(
        name: str, ours: Callable[[], object], theirs: Callable[[], object], number: int, budget: float, goal: float
    ) -> None:
        t_ours = best(ours, number, repeat)
        t_theirs = best(theirs, number, repeat)
        rows.append((name, t_theirs, t_ours, budget, goal))

    row("build from 20 keywords", lambda: config(**kw), lambda: plain(**kw), 20_000, 3.0, 1.2)
    row(
        "base + 2 overrides (vs replace)",
        lambda: config(c, f0=5, f1=2.5),
        lambda: replace(p, f0=5, f1=2.5),
        20_000,
        4.0,
        1.2,
    )
    row("defaults only (vs field defaults)", lambda: config(), lambda: plain_defaults(), 20_000, 0.0, 1.3)

    # The same keyword build, called 1,000 lines into the calling code (a long experiment module, say): a build
    # records its site as the caller's code and instruction offset, so where the call sits costs nothing.
    deep_ours, deep_theirs = (_deep_caller(cls, kw) for cls in (config, plain))
    row("build from 20 keywords, at line 1,000", deep_ours, deep_theirs, 20_000, 3.0, 1.2)

    read_ours = timeit.Timer("c.f7; c.f7; c.f7; c.f7; c.f7; c.f7; c.f7; c.f7; c.f7; c.f7", globals={"c": c})
    read_theirs = timeit.Timer("c.f7; c.f7; c.f7; c.f7; c.f7; c.f7; c.f7; c.f7; c.f7; c.f7", globals={"c": p})
    number = 200_000
    t_read_theirs = min(read_theirs.repeat(repeat, number)) / (number * 10)
    t_read_ours = min(read_ours.repeat(repeat, number)) / (number * 10)
    rows.append(("read a field", t_read_theirs, t_read_ours, 1.0, 1.0))

    # DESIGN 3.8: indexing a config's (frozen) list may cost up to 4x a plain list's.
    listed = pconfig(type("Listed", (), {"__annotations__": {"xs": list[float]}, "__module__": __name__}))
    held = listed(xs=[float(i) for i in range(8)]).xs
    mine = list(held)
    index_ours = timeit.Timer("x[3]; x[3]; x[3]; x[3]; x[3]; x[3]; x[3]; x[3]; x[3]; x[3]", globals={"x": held})
    index_theirs = timeit.Timer("x[3]; x[3]; x[3]; x[3]; x[3]; x[3]; x[3]; x[3]; x[3]; x[3]", globals={"x": mine})
    t_index_theirs = min(index_theirs.repeat(repeat, number)) / (number * 10)
    t_index_ours = min(index_ours.repeat(repeat, number)) / (number * 10)
    rows.append(("index a list field (vs a plain list)", t_index_theirs, t_index_ours, 4.0, 0.0))
    return rows


def main() -> None:
    print(f"pconfigs core vs frozen dataclass, 20 fields, Python {sys.version.split()[0]}")
    print(f"{'operation':36} {'dataclass':>12} {'pconfig':>12} {'ratio':>7} {'budget':>7} {'goal':>6}")
    for name, theirs, ours, budget, goal in measure():
        ratio = ours / theirs
        shown_budget = f"{budget:.1f}x" if budget else "-"
        shown_goal = f"{goal:.1f}x" if goal else "-"
        print(f"{name:36} {theirs * 1e9:10.0f}ns {ours * 1e9:10.0f}ns {ratio:6.2f}x {shown_budget:>7} {shown_goal:>6}")


if __name__ == "__main__":
    main()
