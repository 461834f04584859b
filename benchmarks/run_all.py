"""Runs every benchmark script in this folder (`bench_*.py`), one after another, each in its own process.

`python benchmarks/run_all.py [--results] [NAME ...]`: NAME picks scripts (`bench_print` or `print`); with
`--results`, each script's table is also written to `benchmarks/results/<script>.txt`, the files the docs' figures
are checked against (`tests/docs/test_figures.py`). Commit them with the docs that quote them.

`bench_llm.py` imports the LLM example (`examples/llm`), which the hatch environment installs.
"""

from __future__ import annotations

import argparse
import os
import platform
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).parent
RESULTS = HERE / "results"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--results", action="store_true", help="also write each table to benchmarks/results/")
    parser.add_argument("names", nargs="*", help="scripts to run (default: all)")
    args = parser.parse_args(argv)
    scripts = sorted(HERE.glob("bench_*.py"))
    if args.names:
        wanted = {n if n.startswith("bench_") else f"bench_{n}" for n in (Path(n).stem for n in args.names)}
        unknown = wanted - {s.stem for s in scripts}
        if unknown:
            parser.error(f"no such benchmark: {', '.join(sorted(unknown))}")
        scripts = [s for s in scripts if s.stem in wanted]
    status = 0
    for script in scripts:
        print(f"== {script.name}", flush=True)
        proc = subprocess.run([sys.executable, str(script)], stdout=subprocess.PIPE, text=True)
        print(proc.stdout, end="", flush=True)
        status |= proc.returncode
        if args.results and proc.returncode == 0:
            RESULTS.mkdir(exist_ok=True)
            load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
            machine = (
                f"# {platform.system()} {platform.machine()}, {os.cpu_count()} CPUs, load average {load:.1f} at the "
                "end (run_all.py --results)\n"
            )
            (RESULTS / f"{script.stem}.txt").write_text(machine + proc.stdout, encoding="utf-8")
        print(flush=True)
    return status


if __name__ == "__main__":
    sys.exit(main())
