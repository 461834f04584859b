"""Assigning a field of a built config (configs are frozen)."""

from lib.experiments import first

first.steps = 5  # mistake  # mypy: misc  # pyright-standard: reportAttributeAccessIssue
