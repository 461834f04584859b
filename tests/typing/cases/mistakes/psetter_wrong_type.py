"""A recorder given a value of the wrong type."""

from lib.trainer import TrainerConfig
from pconfigs import psetter

ps = psetter(type=TrainerConfig, inputs=None)
ps.steps = "ten"  # mistake  # mypy: assignment
