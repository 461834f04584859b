"""A derived field pinned to an explicit value with `Pin(...)`."""

from lib.experiments import first
from lib.trainer import TrainerConfig
from pconfigs import Pin

config = TrainerConfig(first, effective_batch_size=Pin(64), lr_schedule=Pin([1e-3, 1e-4]))  # pyright-standard: reportCallIssue
reveal_type(Pin(64))  # reveal: Pin[int]
