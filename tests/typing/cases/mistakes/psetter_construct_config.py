"""`psetter(construct=...)` given a config instead of a recorder."""

from lib.experiments import first
from pconfigs import psetter

config = psetter(construct=first)  # mistake  # mypy: call-overload  # pyright-standard: reportArgumentType
