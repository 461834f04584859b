"""Evaluation during training: held-out loss and downstream benchmarks."""

from __future__ import annotations

from pconfigs import pconfig, pdefaults


@pconfig
class EvalConfig:
    interval: int
    """Steps between two evaluations."""
    batches: int
    """Held-out batches per evaluation."""
    micro_batch_size: int
    """Sequences per device in an evaluation pass."""
    valid_root: str
    """Folder of the tokenized held-out data."""
    benchmarks: tuple[str, ...]
    """Downstream tasks scored at each evaluation."""
    at_start: bool
    """Evaluate once before the first step."""
    at_end: bool
    """Evaluate once after the last step."""


pdefaults += EvalConfig(
    interval=1000,
    batches=50,
    micro_batch_size=8,
    valid_root="/datasets/valid",
    benchmarks=("hellaswag", "arc_easy"),
    at_start=False,
    at_end=True,
)
