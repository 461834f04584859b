"""The commands `pconfigs-run`, `pconfigs-print` and `pconfigs-diff` (also `python -m pconfigs.run`, `python -m
pconfigs.print` and `python -m pconfigs.cli.diff`).

Both are thin: they resolve a dotted path to a config and hand it to the library (`cfg.construct().main()`, or
the printer in `pconfigs._render`). What they add is the contract of a command: a mistake in the command line
prints one message on stderr and exits 2; an exception raised by the user's own code (importing the experiment,
building it, `main`) prints its traceback, without the commands' own frames, and exits 1; stdout carries only the
program's output.

The option parser is written out rather than taken from argparse so that every message is a single line plus one
hint, in the same shape as every other pconfigs error.
"""

from __future__ import annotations

__all__ = ["__version__", "run_main", "print_main", "diff_main"]

__version__ = "0.1.0"

from pconfigs._extension import own_directory  # noqa: E402

from ._main import diff_main, print_main, run_main  # noqa: E402

# The commands' own frames are not where a config was built: a config the commands build for the user (an
# override's, a sweep point's) names the `<command line>` pseudo-file instead.
own_directory(__file__)
