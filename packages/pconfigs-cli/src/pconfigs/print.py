"""`python -m pconfigs.print [--runnable] TARGET`, the same as the `pconfigs-print` command (see `pconfigs.cli`)."""

from __future__ import annotations

import sys

from pconfigs.cli import print_main as main

__all__ = ["main"]

if __name__ == "__main__":
    sys.exit(main())
