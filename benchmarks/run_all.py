"""Runs every benchmark script in this folder (`bench_*.py`), one after another, each in its own process.

`bench_llm.py` imports the LLM example (`examples/llm`), which the hatch environment installs.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


def main() -> int:
    status = 0
    for script in sorted(Path(__file__).parent.glob("bench_*.py")):
        print(f"== {script.name}", flush=True)
        status |= subprocess.run([sys.executable, str(script)]).returncode
        print(flush=True)
    return status


if __name__ == "__main__":
    sys.exit(main())
