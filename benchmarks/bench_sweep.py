"""Sweeps over the LLM example's 70B preset (examples/llm, 120 fields in nine config classes).

1. Building and validating a 1,000-point sweep in-process: `pconfigs.sweep.product` over three axes of ten values
   (`optimizer.lr`, `schedule.warmup_ratio`, `seed`), every point a full `override` of the preset (checked values,
   derived values recomputed, `__post_init__` run) plus the run check the command makes before launching (it
   constructs a runnable class, nothing is left `Required`). Budget: under 1 s.
2. What a sweep costs per point besides the job itself, with the `processes` launcher: what the launching process
   does for each point before the engine takes it, rendering the record (the `--runnable` snapshot, the JSON form,
   every origin, the environment, versions), writing it, and pickling the point (`point.pkl`, `point.json`). The git
   state is asked once per sweep and is timed apart. Budget: under 100 ms a point.
   For scale, the last row is the whole wall time per point of a real `pconfigs-run SWEEP --launcher processes:2`
   of 8 points whose `main` only prints a summary: it adds the job's own process (an interpreter start, the
   imports, the rebuild, `main`) to the above.

Prints a table; asserts nothing. Run: `python benchmarks/bench_sweep.py` (the example must be installed, as it is in
the hatch environment).
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time

from llm.presets import llama_70b
from pconfigs import sweep
from pconfigs.cli import _record
from pconfigs.cli._job import write_payload
from pconfigs.cli._main import _check_runnable

TARGET = "llm.presets.llama_70b.config"
AXES = {
    "optimizer.lr": [1e-4 * (i + 1) for i in range(10)],
    "schedule.warmup_ratio": [0.005 * (i + 1) for i in range(10)],
    "seed": list(range(10)),
}


def best(fn: object, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()  # type: ignore[operator]
        times.append(time.perf_counter() - start)
    return min(times)


def building() -> tuple[str, str, str, str]:
    def build() -> None:
        points = sweep.product(llama_70b.config, AXES)
        for point in points:
            _check_runnable(point.name, point.config)
        assert len(points) == 1000

    t = best(build, repeat=5)
    return ("build and check 1,000 points", f"{t * 1e3:.0f} ms", f"{t * 1e6 / 1000:.0f} us a point", "budget 1 s")


def per_point() -> list[tuple[str, str, str, str]]:
    points = sweep.product(llama_70b.config, {"seed": list(range(20))})
    with tempfile.TemporaryDirectory() as folder:
        start = time.perf_counter()
        git = _record.git_state(TARGET, points[0].config, exclude=folder)
        t_git = time.perf_counter() - start
        times = []
        for round in range(3):
            start = time.perf_counter()
            for point in points:
                where = os.path.join(folder, str(round), point.folder)
                files = _record.pre_run_files(point.config, TARGET, [TARGET], [], [], git=git)
                _record.write_files(where, files)
                write_payload(where, point.config, TARGET, [])
            times.append((time.perf_counter() - start) / len(points))
    t = min(times)
    return [
        ("record + pickle, a point", f"{t * 1e3:.1f} ms", "", "budget 100 ms"),
        ("git state, once a sweep", f"{t_git * 1e3:.1f} ms", "", ""),
    ]


def whole() -> tuple[str, str, str, str]:
    with tempfile.TemporaryDirectory() as folder:
        command = [
            sys.executable,
            "-m",
            "pconfigs.run",
            "llm.presets.small.config",
            "--sweep",
            "seed=1,2,3,4,5,6,7,8",
            "--record",
            folder,
            "--launcher",
            "processes:2",
        ]
        # As users meet it: with bytecode caches (a machine may set PYTHONDONTWRITEBYTECODE, which would make every
        # job compile every module it imports); a first run writes them.
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        subprocess.run([sys.executable, "-c", "import llm.presets.small, pconfigs.cli._job"], check=True, env=env)
        start = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True, env=env)
        t = (time.perf_counter() - start) / 8
    return ("pconfigs-run, 8 points, processes:2", f"{t * 1e3:.0f} ms a point", "the job's process included", "")


def main() -> int:
    print(f"sweeps of the LLM example's presets, Python {sys.version.split()[0]}, {os.cpu_count()} CPUs")
    rows = [("measure", "time", "", "budget"), building(), *per_point(), whole()]
    widths = [max(len(r[i]) for r in rows) for i in range(4)]
    for row in rows:
        print("  ".join(cell.ljust(w) for cell, w in zip(row, widths)).rstrip())
    return 0


if __name__ == "__main__":
    sys.exit(main())
