"""How long the mypy daemon takes to recheck the example project after an edit, with the pconfigs plugin.

Copies `examples/project` to a temporary directory (the repository's files are never edited), starts `dmypy run`
there, then, ROUNDS times, edits a file and asks the daemon to check the project (what an editor integration or
a `dmypy check` on save does): an experiment module (a value changed: only that module is rechecked) and a config
module (a field's type widened and back: its dependents are rechecked too, the plugin's dependencies included).
It prints the first (cold) run and, for each kind of edit, the median, quartiles and maximum of the daemon's time
(a request sent from this process) and the median of the `dmypy check` command (which adds a client interpreter
importing mypy). The budget (rechecks under 0.3 s) is read from the output, never asserted.

    python benchmarks/bench_dmypy.py [--rounds 10]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "project"

# (file, text, replacement): each round applies each edit and rechecks, then undoes it and rechecks (two timings a
# round); the edited project has errors and the restored one none, which shows that the daemon saw each edit.
EDITS = {
    "experiment": ("src/project/experiments/first.py", "steps=3,", 'steps="3",'),
    "config module": ("src/project/modules/trainer.py", "    steps: int\n", "    steps: bytes\n"),
}


def dmypy(root: Path, *args: str) -> tuple[float, subprocess.CompletedProcess[str]]:
    command = [sys.executable, "-m", "mypy.dmypy", "--status-file", str(root / ".dmypy.json"), *args]
    start = time.perf_counter()
    done = subprocess.run(command, cwd=root, capture_output=True, text=True, check=False)
    return time.perf_counter() - start, done


def recheck(root: Path, status: int = 0) -> tuple[float, float]:
    """A check of the project by the running daemon: (the request's time, asked from this process, which is the
    daemon's work; a `dmypy check` command's time, which adds starting the client, an interpreter importing mypy)."""
    from mypy.dmypy.client import request

    start = time.perf_counter()
    response = request(
        str(root / ".dmypy.json"), "check", files=["src/project"], export_types=False, is_tty=False, terminal_width=80
    )
    daemon = time.perf_counter() - start
    if "error" in response or response.get("status") != status:
        sys.exit(f"dmypy did not report what a cold run reports (status {status}): {response}")
    command, done = dmypy(root, "check", "src/project")
    if done.returncode != status:
        sys.exit(f"dmypy check failed:\n{done.stdout}\n{done.stderr}")
    return daemon, command


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=10)
    args = parser.parse_args()
    import mypy.version

    times: dict[str, list[tuple[float, float]]] = {kind: [] for kind in EDITS}
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "project"
        shutil.copytree(EXAMPLE, root, ignore=shutil.ignore_patterns("__pycache__", ".mypy_cache"))
        try:
            cold, done = dmypy(root, "run", "--", "src/project")
            if done.returncode != 0:
                sys.exit(f"dmypy run failed:\n{done.stdout}\n{done.stderr}")
            recheck(root)  # the daemon's first check after start-up also builds its fine-grained state
            for _ in range(args.rounds):
                for kind, (name, old, new) in EDITS.items():
                    path = root / name
                    text = path.read_text()
                    assert old in text, (name, old)
                    path.write_text(text.replace(old, new, 1))
                    times[kind].append(recheck(root, status=1))
                    path.write_text(text)
                    times[kind].append(recheck(root, status=0))
        finally:
            dmypy(root, "stop")
    print(f"dmypy (mypy {mypy.version.__version__}, Python {sys.version.split()[0]}) on examples/project, plugin on")
    print()
    print(f"first run (daemon start and cold check): {cold:.2f} s")
    print()
    print("| recheck after editing | daemon: median (p25-p75), max | `dmypy check` command: median (p25-p75) |")
    print("|---|---:|---:|")
    for kind, pairs in times.items():
        daemon = [d for d, _ in pairs]
        low, mid, high = statistics.quantiles(daemon, n=4, method="inclusive")
        c_low, c_mid, c_high = statistics.quantiles([c for _, c in pairs], n=4, method="inclusive")
        print(
            f"| {kind} ({len(pairs)} rechecks) | {mid:.3f} s ({low:.3f}-{high:.3f}), {max(daemon):.3f} s "
            f"| {c_mid:.3f} s ({c_low:.3f}-{c_high:.3f}) |"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
