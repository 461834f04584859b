"""The constructed object used as something it is not."""

from lib.experiments import first

count: int = first.construct()  # mistake  # mypy: assignment  # pyright-standard: reportAttributeAccessIssue(other)
