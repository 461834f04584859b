"""The `Pinned` sentinel passed for a derived field: "compute it", which also drops a pin the base holds."""

from lib.experiments import first
from lib.trainer import TrainerConfig
from pconfigs import Pin, Pinned

pinned = TrainerConfig(first, effective_batch_size=Pin(64))  # pyright-standard: reportCallIssue
config = TrainerConfig(pinned, effective_batch_size=Pinned)  # pyright-standard: reportCallIssue
