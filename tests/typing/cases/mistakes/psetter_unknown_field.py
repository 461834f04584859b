"""A recorder given a field its class does not have."""

from lib.trainer import TrainerConfig
from pconfigs import psetter

ps = psetter(type=TrainerConfig, inputs=None)
ps.stepz = 10  # mistake  # mypy: attr-defined
