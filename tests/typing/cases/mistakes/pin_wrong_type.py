"""A pin whose value has the wrong type."""

from lib.experiments import first
from lib.trainer import TrainerConfig
from pconfigs import Pin

config = TrainerConfig(first, effective_batch_size=Pin("64"))  # mistake  # mypy: arg-type  # pyright-standard: reportCallIssue(other)
