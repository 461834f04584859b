"""A zipped sweep whose path steps into a field that is a number, not a config: pyright does not read the strings."""

from lib.experiments import first
from pconfigs import sweep

paired = sweep.zip(first, {"steps.value": [3, 5], "base_lr": [1e-3, 3e-4]})  # mistake  # mypy: pconfig-path
