"""A build without a base that leaves out a field the default leaves `Required`."""

from lib.loader import CheckpointConfig

checkpoints = CheckpointConfig(every_steps=500)  # mistake  # mypy: required  # pyright-standard: reportCallIssue
