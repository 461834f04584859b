"""A sweep's points used as configs themselves."""

from lib.experiments import first
from pconfigs import sweep

grid = sweep.product(first, {"steps": [3, 5]})
steps = [point.steps for point in grid]  # mistake  # mypy: attr-defined  # pyright-standard: reportAttributeAccessIssue
