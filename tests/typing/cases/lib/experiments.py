"""Two experiments that other case files build from, as a project's experiment modules do."""

from __future__ import annotations

from lib.pipeline import DataConfig, ImageDataConfig
from lib.trainer import TrainerConfig

first = TrainerConfig(  # pyright-standard: reportCallIssue
    steps=3,
    base_lr=3e-4,
    total_steps=6,
    min_lr_ratio=0.1,
    grad_accum_steps=4,
    num_devices=2,
)

data = DataConfig(path="/data", workers=2)
image_data = ImageDataConfig(path="/images", workers=2, size=224)
