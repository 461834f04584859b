"""Printer and command speed: the printer against `pprint.pformat`, the command against importing the experiment.

1. Printing a tree of configs (depth 5, fan-out 4: 1,365 configs; then 4x and 16x as many) with
   `render_module`, against `pprint.pformat` of the same tree built from plain dataclasses. Budget: within 3x of
   pprint, and linear (time per config flat as the tree grows).
2. Whole-process time of `pconfigs-print project.experiments.second.config` against
   `python -c "import project.experiments.second"` (the example project must be installed).
3. Import time of `pconfigs` plus `pconfigs.pinnable` above bare interpreter start, from `python -X importtime`.
   Budget: under 30 ms.

Prints a table of times and ratios; it asserts nothing. Run: `python benchmarks/bench_print.py [--quick]`; `--quick`
leaves out the largest tree and takes fewer samples (a few seconds instead of about 20).
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import pprint
import shutil
import subprocess
import sys
import time
import timeit
from pathlib import Path
from typing import Any

from pconfigs import pconfig
from pconfigs._extension import render_module


@pconfig
class TreeNode:
    name: str
    depth: int
    weight: float
    tags: tuple[str, ...]
    children: list[Any]


@dataclasses.dataclass(frozen=True)
class PlainNode:
    name: str
    depth: int
    weight: float
    tags: tuple[str, ...]
    children: list[Any]


def tree(cls: Any, depth: int, fan_out: int, name: str = "n") -> Any:
    children = [tree(cls, depth - 1, fan_out, f"{name}.{i}") for i in range(fan_out)] if depth > 0 else []
    return cls(name=name, depth=depth, weight=depth / 3, tags=("a", name[-1]), children=children)


def forest(cls: Any, copies: int) -> Any:
    """`copies` trees of 1,365 nodes under one root (one tree itself when copies is 1)."""
    if copies == 1:
        return tree(cls, 5, 4)
    return cls(name="root", depth=6, weight=2.0, tags=(), children=[tree(cls, 5, 4, f"t{i}") for i in range(copies)])


def count(node: Any) -> int:
    return 1 + sum(count(c) for c in node.children)


def best(fn: Any, repeat: int = 5) -> float:
    return min(timeit.repeat(fn, number=1, repeat=repeat))


def printing(quick: bool) -> list[tuple[str, str, str, str]]:
    rows = []
    repeat = 2 if quick else 5
    for copies in (1, 4) if quick else (1, 4, 16):
        cfg, plain = forest(TreeNode, copies), forest(PlainNode, copies)
        n = count(cfg)
        ours = best(lambda cfg=cfg: render_module(cfg), repeat)
        theirs = best(lambda plain=plain: pprint.pformat(plain), repeat)
        rows.append(
            (
                f"print {n:,} configs",
                f"{ours * 1e3:.1f} ms",
                f"pprint {theirs * 1e3:.1f} ms",
                f"{ours / theirs:.2f}x, {ours / n * 1e6:.1f} us/config",
            )
        )
    return rows


# Start-up is measured as users meet it: with bytecode caches written (this machine may set PYTHONDONTWRITEBYTECODE,
# which would make every run compile every module from source).
ENV = {k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE", "PYTHONPROFILEIMPORTTIME")}


def wall(command: list[str], runs: int = 10) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL, env=ENV)
        times.append(time.perf_counter() - start)
    return min(times)


def commands(runs: int) -> list[tuple[str, str, str, str]]:
    script = shutil.which("pconfigs-print") or str(Path(sys.executable).parent / "pconfigs-print")
    ours = wall([script, "project.experiments.second.config"], runs)
    theirs = wall([sys.executable, "-c", "import project.experiments.second"], runs)
    module = wall([sys.executable, "-m", "pconfigs.print", "project.experiments.second.config"], runs)
    return [
        (
            "pconfigs-print (process)",
            f"{ours * 1e3:.1f} ms",
            f"import only {theirs * 1e3:.1f} ms",
            f"{ours / theirs:.2f}x",
        ),
        (
            "python -m pconfigs.print",
            f"{module * 1e3:.1f} ms",
            f"import only {theirs * 1e3:.1f} ms",
            f"{module / theirs:.2f}x",
        ),
    ]


def import_time(runs: int = 10) -> list[tuple[str, str, str, str]]:
    """Cumulative `-X importtime` of the top-level imports the statement triggers (best of `runs`)."""
    env = ENV
    subprocess.run([sys.executable, "-c", "import pconfigs, pconfigs.pinnable, pconfigs.cli"], env=env, check=True)
    best_us = None
    for _ in range(runs):
        err = subprocess.run(
            [sys.executable, "-X", "importtime", "-c", "import pconfigs, pconfigs.pinnable"],
            capture_output=True,
            text=True,
            env=env,
            check=True,
        ).stderr
        total = 0
        for line in err.splitlines():
            if not line.startswith("import time:") or "|" not in line:
                continue
            _, cumulative, name = line.split("|")
            if name.startswith(" pconfigs") and not name.startswith("  "):
                total += int(cumulative.strip())
        best_us = total if best_us is None else min(best_us, total)
    assert best_us is not None
    bare = wall([sys.executable, "-c", "pass"], runs)
    loaded = wall([sys.executable, "-c", "import pconfigs, pconfigs.pinnable"], runs)
    return [
        ("import pconfigs + pinnable", f"{best_us / 1e3:.1f} ms", "budget 30 ms", "-X importtime, cumulative"),
        ("  same, wall clock", f"{(loaded - bare) * 1e3:.1f} ms", f"bare start {bare * 1e3:.1f} ms", "difference"),
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="two trees, fewer samples (for CI: structure only)")
    quick = parser.parse_args().quick
    runs = 3 if quick else 10
    rows = [("measure", "pconfigs", "against", "ratio"), *printing(quick), *commands(runs), *import_time(runs)]
    widths = [max(len(r[i]) for r in rows) for i in range(4)]
    for row in rows:
        print("  ".join(cell.ljust(w) for cell, w in zip(row, widths)).rstrip())
    return 0


if __name__ == "__main__":
    sys.exit(main())
