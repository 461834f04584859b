"""Calling a config that is not a `calls=` config."""

from lib.experiments import first

result = first()  # mistake  # mypy: operator  # pyright-standard: reportCallIssue
