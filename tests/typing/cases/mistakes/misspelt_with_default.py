"""A misspelt field in a build that relies on the registered default."""

from lib.trainer import TrainerConfig

config = TrainerConfig(stepz=4)  # mistake  # mypy: call-arg  # pyright-standard: reportCallIssue(other) reportCallIssue
