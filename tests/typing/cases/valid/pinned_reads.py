"""Derived fields read as their value types."""

from lib.experiments import first

reveal_type(first.effective_batch_size)  # reveal: int
reveal_type(first.lr_schedule)  # reveal: list[float]
last: float = first.lr_schedule[-1]
batches = first.effective_batch_size * 2
