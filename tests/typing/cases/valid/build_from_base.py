"""An experiment built from an earlier one, overriding two fields (the walkthrough's second experiment)."""

from lib.experiments import first
from lib.trainer import TrainerConfig

config = TrainerConfig(
    first,  # pyright-standard: reportCallIssue
    base_lr=1e-3,
    steps=len(first.lr_schedule) - 1,
)
