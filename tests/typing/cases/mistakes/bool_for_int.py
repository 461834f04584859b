"""`True` for an int field (the runtime refuses a bool where an int is declared)."""

from lib.experiments import first
from lib.trainer import TrainerConfig

config = TrainerConfig(first, steps=True)  # mistake  # mypy: arg-type  # pyright-standard: reportCallIssue(other)
