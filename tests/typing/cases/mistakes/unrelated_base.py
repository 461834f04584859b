"""A config of an unrelated class passed as a base."""

from lib.experiments import data
from lib.trainer import TrainerConfig

config = TrainerConfig(data, steps=4)  # mistake  # mypy: arg-type  # pyright-standard: reportCallIssue(other)
