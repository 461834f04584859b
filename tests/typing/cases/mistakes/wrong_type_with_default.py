"""A string for a float field in a build that relies on the registered default."""

from lib.trainer import TrainerConfig

config = TrainerConfig(base_lr="1e-3")  # mistake  # mypy: arg-type  # pyright-standard: reportCallIssue(other)
