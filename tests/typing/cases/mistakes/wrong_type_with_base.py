"""A string for a float field in a build from a base."""

from lib.experiments import first
from lib.trainer import TrainerConfig

config = TrainerConfig(first, base_lr="1e-3")  # mistake  # mypy: arg-type  # pyright-standard: reportCallIssue(other)
