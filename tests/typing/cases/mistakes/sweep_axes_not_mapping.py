"""A sweep given a list of values instead of a mapping of paths to values."""

from lib.experiments import first
from pconfigs import sweep

grid = sweep.product(first, [1e-3, 3e-4])  # mistake  # mypy: arg-type  # pyright-standard: reportArgumentType
