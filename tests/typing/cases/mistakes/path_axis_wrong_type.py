"""A sweep axis with a value of the wrong type for its field: pyright types the axis as a list of objects."""

from lib.experiments import first
from pconfigs import sweep

grid = sweep.product(first, {"base_lr": [1e-3, "3e-4"]})  # mistake  # mypy: pconfig-path
