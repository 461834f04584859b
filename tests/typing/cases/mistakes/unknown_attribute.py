"""Reading a field that does not exist."""

from lib.experiments import first

steps = first.stepz  # mistake  # mypy: attr-defined  # pyright-standard: reportAttributeAccessIssue
