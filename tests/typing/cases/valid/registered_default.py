"""A build that passes one field and takes the rest from the registered default."""

from lib.trainer import TrainerConfig

config = TrainerConfig(steps=5)  # pyright-standard: reportCallIssue
