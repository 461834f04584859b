"""Runs every benchmark script in this folder (`bench_*.py`), one after another, each in its own process.

`python benchmarks/run_all.py [--quick] [--results] [--out DIR] [NAME ...]`: NAME picks scripts (`bench_print` or
`print`). `--quick` passes `--quick` on to the scripts that have a quick mode (`QUICK`): fewer and shorter samples,
for checking that everything runs; its figures are not for quoting.

With `--results`, each script's table is also written to `benchmarks/results/<script>.txt` (or to `--out DIR`, which
implies `--results`), headed by the machine and its load. Those committed files are the only source of the speed
figures the docs show: a full run (not `--quick`) into `benchmarks/results/` also rewrites every block of README.md
and docs/*.md marked `<!-- results: FILE -->` ... `<!-- end results -->` from the file it just wrote, and
`tests/docs/test_figures.py` checks those blocks and the figures quoted in prose against the files. Commit the
files with the pages.

`bench_llm.py` and `bench_sweep.py` import the LLM example (`examples/llm`), which the hatch environments install;
`bench_compare.py` fills its pydantic and chz columns in the `bench` environment (`hatch run bench:all`).
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
RESULTS = HERE / "results"
QUICK = ("bench_compare", "bench_mypy", "bench_print")
"""The scripts with a `--quick` mode; the others take a few seconds each as they are."""

# A marker is a line of its own; the block between two markers is replaced whole.
MARKED = re.compile(
    r"(?P<open>^<!-- results: (?P<name>[\w.-]+) -->\n)(?P<body>.*?)(?P<close>^<!-- end results -->$)", re.S | re.M
)


def quoted(results: str) -> str:
    """What a page holds between the markers of a results file: the file as it is, in a text block."""
    return f"```text\n{results.rstrip()}\n```\n"


def pages() -> list[Path]:
    """The pages whose marked blocks quote results files."""
    return [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]


def requote(written: dict[str, str]) -> list[Path]:
    """Rewrites the marked blocks that quote one of the files just `written` (name -> text); returns the pages."""
    changed = []
    for page in pages():
        text = page.read_text(encoding="utf-8")

        def block(match: re.Match[str]) -> str:
            if match["name"] not in written:
                return match[0]
            return match["open"] + quoted(written[match["name"]]) + match["close"]

        new = MARKED.sub(block, text)
        if new != text:
            page.write_text(new, encoding="utf-8")
            changed.append(page)
    return changed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--quick", action="store_true", help=f"quick mode for {', '.join(QUICK)} (not for quoting)")
    parser.add_argument("--results", action="store_true", help="also write each table to benchmarks/results/")
    parser.add_argument("--out", type=Path, help="write the results files to DIR instead (implies --results)")
    parser.add_argument("names", nargs="*", help="scripts to run (default: all)")
    args = parser.parse_args(argv)
    out = args.out.resolve() if args.out else RESULTS if args.results else None
    if args.quick and out == RESULTS:
        parser.error("--quick figures are not for benchmarks/results/ (the docs quote those): add --out DIR")
    scripts = sorted(HERE.glob("bench_*.py"))
    if args.names:
        wanted = {n if n.startswith("bench_") else f"bench_{n}" for n in (Path(n).stem for n in args.names)}
        unknown = wanted - {s.stem for s in scripts}
        if unknown:
            parser.error(f"no such benchmark: {', '.join(sorted(unknown))}")
        scripts = [s for s in scripts if s.stem in wanted]
    status = 0
    written: dict[str, str] = {}
    for script in scripts:
        quick = ["--quick"] if args.quick and script.stem in QUICK else []
        print(f"== {script.name} {' '.join(quick)}".rstrip(), flush=True)
        proc = subprocess.run([sys.executable, str(script), *quick], stdout=subprocess.PIPE, text=True)
        print(proc.stdout, end="", flush=True)
        status |= proc.returncode
        if out is not None and proc.returncode == 0:
            out.mkdir(parents=True, exist_ok=True)
            load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
            how = "run_all.py --results --quick" if args.quick else "run_all.py --results"
            machine = (
                f"# {platform.system()} {platform.machine()}, {os.cpu_count()} CPUs, load average {load:.1f} at the "
                f"end ({how})\n"
            )
            name = f"{script.stem}.txt"
            written[name] = machine + proc.stdout
            (out / name).write_text(written[name], encoding="utf-8")
        print(flush=True)
    if written and out == RESULTS and not args.quick:
        for page in requote(written):
            print(f"rewrote the results blocks of {page.relative_to(ROOT)}")
    elif written:
        print(f"results written to {out}; the docs quote only full runs written to {RESULTS.relative_to(ROOT)}/")
    return status


if __name__ == "__main__":
    sys.exit(main())
