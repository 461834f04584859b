"""A derived field's value used as another type."""

from lib.experiments import first

label: str = first.effective_batch_size  # mistake  # mypy: assignment  # pyright-standard: reportAssignmentType
