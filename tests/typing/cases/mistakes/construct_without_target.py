"""`construct()` on a config that constructs nothing."""

from lib.experiments import data

loader = data.construct()  # mistake  # mypy: attr-defined  # pyright-standard: reportAttributeAccessIssue(other)
