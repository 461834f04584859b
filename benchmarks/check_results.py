"""Checks the shape of the results files that `run_all.py --out DIR` wrote, never a duration.

Every benchmark script (`bench_*.py`) has its file in DIR, and each holds more than its machine line;
`bench_compare.txt` has its whole table (`bench_compare.parse`): every row, and in every column a time and a ratio,
or n/a where the column is one of the libraries pconfigs does not depend on and a note says why. CI runs the
benchmarks in quick mode on a shared machine, so this is what it can check: that each script still runs to the end
and prints what the docs quote.

    python benchmarks/check_results.py DIR
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import bench_compare  # noqa: E402 - a sibling script, importable once its folder is on the path


def problems(folder: Path) -> list[str]:
    found = []
    for script in sorted(HERE.glob("bench_*.py")):
        path = folder / f"{script.stem}.txt"
        if not path.is_file():
            found.append(f"{path}: missing (did {script.name} fail?)")
            continue
        text = path.read_text(encoding="utf-8")
        if len([line for line in text.splitlines() if line.strip()]) < 2:
            found.append(f"{path}: nothing besides the machine line")
    compare = folder / "bench_compare.txt"
    if compare.is_file():
        text = compare.read_text(encoding="utf-8")
        try:
            table = bench_compare.parse(text)
        except ValueError as error:
            return [*found, f"{compare}: {error}"]
        for row, cells in table.items():
            for column, value in cells.items():
                if value is not None:
                    continue
                if column not in bench_compare.OPTIONAL:
                    found.append(f"{compare}: {row}: {column} says n/a; only {bench_compare.OPTIONAL} may")
                elif f"\n{column}: n/a, " not in text:
                    found.append(f"{compare}: {row}: {column} says n/a, and no note says why")
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("folder", type=Path, help="where run_all.py --out wrote the results files")
    args = parser.parse_args(argv)
    found = problems(args.folder)
    for problem in found:
        print(problem)
    if not found:
        print(f"{args.folder}: every results file is there; bench_compare's table has every row and column")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
