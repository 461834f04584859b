"""A default that leaves a field `Required`: a build passes it."""

from lib.loader import CheckpointConfig

checkpoints = CheckpointConfig(folder="/runs/ckpt")  # pyright-standard: reportCallIssue
