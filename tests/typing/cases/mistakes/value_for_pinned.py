"""A plain value for a derived field (it must be `Pin(value)` or `Pinned`)."""

from lib.experiments import first
from lib.trainer import TrainerConfig

config = TrainerConfig(first, effective_batch_size=8)  # mistake  # mypy: arg-type  # pyright-standard: reportCallIssue(other)
