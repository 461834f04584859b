"""An experiment that passes every input field of the trainer."""

from lib.trainer import TrainerConfig

config = TrainerConfig(  # pyright-standard: reportCallIssue
    steps=3,
    base_lr=3e-4,
    total_steps=6,
    min_lr_ratio=0.1,
    grad_accum_steps=4,
    num_devices=2,
)
