"""Assigning a derived field of a built config."""

from lib.experiments import first

first.lr_schedule = [1e-3]  # mistake  # mypy: misc  # pyright-standard: reportAttributeAccessIssue
