"""A sweep point read by an attribute it does not have."""

from lib.experiments import first
from pconfigs import sweep

grid = sweep.product(first, {"steps": [3, 5]})
configs = [point.cfg for point in grid]  # mistake  # mypy: attr-defined  # pyright-standard: reportAttributeAccessIssue
