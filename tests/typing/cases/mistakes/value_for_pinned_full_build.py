"""A plain value for a derived field in a build that passes every field."""

from lib.trainer import TrainerConfig
from pconfigs import Pinned

config = TrainerConfig(steps=3, base_lr=3e-4, total_steps=6, min_lr_ratio=0.1, grad_accum_steps=4, num_devices=2, effective_batch_size=8, lr_schedule=Pinned)  # mistake  # mypy: arg-type  # pyright-standard: reportArgumentType
