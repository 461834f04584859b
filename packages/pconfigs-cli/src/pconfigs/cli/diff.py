"""`python -m pconfigs.cli.diff A [B] [PATH=VALUE ...]`, the same as the `pconfigs-diff` command.

(`pconfigs.diff` is the library function; the command's module lives here.)
"""

from __future__ import annotations

import sys

from pconfigs.cli import diff_main as main

__all__ = ["main"]

if __name__ == "__main__":
    sys.exit(main())
