"""A misspelt field in a build from a base."""

from lib.experiments import first
from lib.trainer import TrainerConfig

config = TrainerConfig(first, stepz=4)  # mistake  # mypy: call-arg  # pyright-standard: reportCallIssue(other)
