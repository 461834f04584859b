"""`python -m pconfigs.run TARGET [-- ARGS...]`, the same as the `pconfigs-run` command (see `pconfigs.cli`)."""

from __future__ import annotations

import sys

from pconfigs.cli import run_main as main

__all__ = ["main"]

if __name__ == "__main__":
    sys.exit(main())
