"""mypy's wall and CPU time with the pconfigs plugin against the same project written with plain dataclasses.

Generates two projects of the same shape in a temporary directory: MODULES config modules (one config class of
eight fields, one derived, a registered default, two configs built from it) and EXPERIMENTS experiment modules
(each builds from four configs of other modules). One is written with pconfigs and checked with the plugin; the
other with `@dataclass(frozen=True, kw_only=True)`, a `@property` for the derived field, a module-level default
and `dataclasses.replace`. Each project is checked cold (empty cache) and warm (unchanged files, cache filled),
ROUNDS times in fresh processes, the projects taking turns within each round so that a slow spell of the machine
falls on all of them; the tables show the median wall time and the median CPU time (user + system of the mypy
process, steadier than wall time on a busy machine) and their ratios. A third project is the
dataclass one whose modules also import pconfigs and pconfigs.pinnable without using them: the difference to it
is the plugin's own cost, the rest is mypy analysing pconfigs' library modules, which any use of pconfigs
brings. The budget (DESIGN.md: the plugin adds under 10%) is read from the table, never asserted.

`--plugin-cost` measures the plugin alone: the same pconfigs project checked cold with and without
`plugins = pconfigs.mypy` (without it mypy reports false errors, which are not the point: both runs analyse the
same modules, pconfigs' library included). The two take turns ROUNDS times; it prints each one's median and
quartiles, and the median and quartiles of the per-round ratio (a slow spell of the shared machine falls on both
runs of a round) with a bootstrap interval of that median, so the spread can be compared with the effect.

    python benchmarks/bench_mypy.py [--modules 400] [--experiments 100] [--rounds 5] [--plugin-cost] [--quick]

`--quick` makes the defaults 100 modules, 25 experiments and 2 rounds (a few seconds instead of about 20), for
checking that the script runs; its figures are too few to quote.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PCONFIGS_MODULE = """\
from __future__ import annotations

from pconfigs import pconfig, pdefaults
from pconfigs.pinnable import Pinned, pproperty


@pconfig
class Config{i}:
    name: str
    steps: int
    base_lr: float
    min_lr_ratio: float
    num_devices: int
    grad_accum_steps: int
    tags: list[str]
    batch_size: Pinned[int]

    @pproperty
    def batch_size(self) -> int:
        return self.num_devices * self.grad_accum_steps


pdefaults += Config{i}(
    name="c{i}",
    steps={i},
    base_lr=3e-4,
    min_lr_ratio=0.1,
    num_devices=2,
    grad_accum_steps=4,
    tags=["base"],
    batch_size=Pinned,
)
first = Config{i}(steps=3)
second = Config{i}(first, base_lr=1e-3, steps=first.batch_size + len(first.tags))
"""

DATACLASS_MODULE = """\
from __future__ import annotations

from dataclasses import dataclass, replace


@dataclass(frozen=True, kw_only=True)
class Config{i}:
    name: str
    steps: int
    base_lr: float
    min_lr_ratio: float
    num_devices: int
    grad_accum_steps: int
    tags: list[str]

    @property
    def batch_size(self) -> int:
        return self.num_devices * self.grad_accum_steps


DEFAULT = Config{i}(
    name="c{i}",
    steps={i},
    base_lr=3e-4,
    min_lr_ratio=0.1,
    num_devices=2,
    grad_accum_steps=4,
    tags=["base"],
)
first = replace(DEFAULT, steps=3)
second = replace(first, base_lr=1e-3, steps=first.batch_size + len(first.tags))
"""

PCONFIGS_EXPERIMENT = "from configs.c{j} import Config{j}, second as base{j}\n"
PCONFIGS_BUILD = "config{j} = Config{j}(base{j}, steps=base{j}.batch_size * {k})\n"
DATACLASS_EXPERIMENT = "from dataclasses import replace\nfrom configs.c{j} import Config{j}, second as base{j}\n"
DATACLASS_BUILD = "config{j} = replace(base{j}, steps=base{j}.batch_size * {k})\n"


def generate(root: Path, modules: int, experiments: int, plugin: bool, library: bool = False) -> None:
    (root / "configs").mkdir(parents=True)
    (root / "experiments").mkdir()
    (root / "configs" / "__init__.py").write_text("")
    (root / "experiments" / "__init__.py").write_text("")
    template = PCONFIGS_MODULE if plugin else DATACLASS_MODULE
    if library:
        template = template.replace("from dataclasses", "import pconfigs.pinnable\nfrom dataclasses")
    for i in range(modules):
        (root / "configs" / f"c{i}.py").write_text(template.format(i=i))
    for e in range(experiments):
        picks = [(e * 7 + k * 97) % modules for k in range(4)]
        lines = []
        for k, j in enumerate(picks):
            head = PCONFIGS_EXPERIMENT if plugin else DATACLASS_EXPERIMENT
            lines.append(head.format(j=j) if k == 0 or plugin else head.format(j=j).split("\n", 1)[1])
        for k, j in enumerate(picks, start=1):
            lines.append((PCONFIGS_BUILD if plugin else DATACLASS_BUILD).format(j=j, k=k))
        (root / "experiments" / f"e{e}.py").write_text("".join(lines))
    (root / "mypy.ini").write_text("[mypy]\n" + ("plugins = pconfigs.mypy\n" if plugin else ""))


def run_mypy(root: Path, cache: Path, config: str = "mypy.ini") -> tuple[float, float]:
    """One mypy run in a fresh process: (wall time, CPU time of the process)."""
    args = [sys.executable, "-m", "mypy", "--config-file", config, "--cache-dir", str(cache)]
    args += ["configs", "experiments"]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(args, cwd=root, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0 and (config == "mypy.ini" or done.returncode != 1):
        sys.exit(f"mypy reported errors in {root.name}:\n{done.stdout[-3000:]}{done.stderr[-3000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return elapsed, cpu


Times = dict[str, list[tuple[float, float]]]
"""Per cache state ("cold", "warm"): one (wall, CPU) pair per round."""


def measure_round(root: Path, round_index: int, times: Times) -> None:
    cache = root / f".cache-{round_index}"
    times.setdefault("cold", []).append(run_mypy(root, cache))
    times.setdefault("warm", []).append(run_mypy(root, cache))


def quartiles(values: list[float]) -> tuple[float, float, float]:
    """The 25th percentile, the median and the 75th percentile."""
    low, mid, high = statistics.quantiles(values, n=4, method="inclusive")
    return low, mid, high


def median_interval(values: list[float], resamples: int = 2000) -> tuple[float, float]:
    """A 95% bootstrap interval of the median: how far the median itself may be off, given the spread."""
    import random

    rng = random.Random(0)
    medians = sorted(statistics.median(rng.choices(values, k=len(values))) for _ in range(resamples))
    return medians[int(0.025 * resamples)], medians[int(0.975 * resamples) - 1]


def plugin_cost(modules: int, experiments: int, rounds: int) -> None:
    """Cold runs of one pconfigs project with and without the plugin, taking turns (the order alternating too)."""
    import mypy.version

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "project"
        generate(root, modules, experiments, plugin=True)
        (root / "no-plugin.ini").write_text("[mypy]\n")
        runs: dict[str, list[tuple[float, float]]] = {"with": [], "without": []}
        for r in range(rounds):
            order = ("with", "without") if r % 2 == 0 else ("without", "with")
            for name in order:
                config = "mypy.ini" if name == "with" else "no-plugin.ini"
                runs[name].append(run_mypy(root, root / f".cache-{name}-{r}", config))
    print(
        f"mypy {mypy.version.__version__}, Python {sys.version.split()[0]}: {modules} config modules + {experiments} "
        f"experiment modules, cold, {rounds} rounds with and without the plugin, taking turns"
    )
    print()
    print(
        "| time | without plugin: median (p25-p75) | with plugin: median (p25-p75) "
        "| ratio per round: median (p25-p75) | 95% interval of the median ratio |"
    )
    print("|---|---:|---:|---:|---:|")
    for kind, column in (("wall", 0), ("CPU", 1)):
        without = [t[column] for t in runs["without"]]
        with_ = [t[column] for t in runs["with"]]
        ratios = [w / o for w, o in zip(with_, without)]
        (a, b, c), (d, e, f), (g, h, i) = quartiles(without), quartiles(with_), quartiles(ratios)
        low, high = median_interval(ratios)
        print(
            f"| {kind} | {b:.2f} s ({a:.2f}-{c:.2f}) | {e:.2f} s ({d:.2f}-{f:.2f}) | {h:.3f} ({g:.3f}-{i:.3f}) "
            f"| {low:.3f}-{high:.3f} |"
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--modules", type=int)
    parser.add_argument("--experiments", type=int)
    parser.add_argument("--rounds", type=int)
    parser.add_argument("--plugin-cost", action="store_true", help="the same project with and without the plugin")
    parser.add_argument("--quick", action="store_true", help="a smaller project, 2 rounds (structure only)")
    args = parser.parse_args()
    for name, full, quick in (("modules", 400, 100), ("experiments", 100, 25), ("rounds", 5, 2)):
        if getattr(args, name) is None:
            setattr(args, name, quick if args.quick else full)
    if args.plugin_cost:
        plugin_cost(args.modules, args.experiments, args.rounds)
        return 0
    import mypy.version

    env_note = "" if os.environ.get("PYTHONDONTWRITEBYTECODE") is None else " (PYTHONDONTWRITEBYTECODE is set)"
    with tempfile.TemporaryDirectory() as tmp:
        results: dict[str, Times] = {}
        variants = (
            ("dataclasses", False, False),
            ("pconfigs + plugin", True, False),
            ("dataclasses + pconfigs imported", False, True),
        )
        roots = {}
        for index, (name, plugin, library) in enumerate(variants):
            roots[name] = Path(tmp) / f"v{index}"
            generate(roots[name], args.modules, args.experiments, plugin, library)
            results[name] = {}
        for r in range(args.rounds):
            for name, *_ in variants:
                measure_round(roots[name], r, results[name])
    total = args.modules + args.experiments
    print(
        f"mypy {mypy.version.__version__}, Python {sys.version.split()[0]}: {args.modules} config modules + "
        f"{args.experiments} experiment modules ({total} modules), median of {args.rounds} runs{env_note}"
    )
    for kind, column in (("wall time", 0), ("CPU time", 1)):
        print()
        print(f"{kind}:")
        print()
        print(
            "| cache | dataclasses | pconfigs + plugin | ratio | dataclasses + pconfigs imported | plugin's own cost |"
        )
        print("|---|---:|---:|---:|---:|---:|")
        for label in ("cold", "warm"):
            base, plug, bare = (
                statistics.median(t[column] for t in results[name][label])
                for name in ("dataclasses", "pconfigs + plugin", "dataclasses + pconfigs imported")
            )
            print(f"| {label} | {base:.2f} s | {plug:.2f} s | {plug / base:.2f}x | {bare:.2f} s | {plug / bare:.2f}x |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
