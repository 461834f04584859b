"""Two bases, the later one winning, plus a keyword."""

from lib.experiments import first
from lib.trainer import TrainerConfig

longer = TrainerConfig(first, total_steps=12)  # pyright-standard: reportCallIssue
config = TrainerConfig(first, longer, steps=4)  # pyright-standard: reportCallIssue
