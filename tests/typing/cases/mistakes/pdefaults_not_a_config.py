"""Registering something that is not a config as a default."""

from pconfigs import pdefaults

pdefaults += {"steps": 3}  # mistake  # mypy: arg-type  # pyright-standard: reportOperatorIssue
