"""An input field's value used as another type."""

from lib.experiments import first

steps: str = first.steps  # mistake  # mypy: assignment  # pyright-standard: reportAssignmentType
