"""`pconfigs.override` returns a config of the same class, with values changed at dotted paths."""

import pconfigs
from lib.experiments import first
from lib.pipeline import PipelineConfig

config = pconfigs.override(first, {"base_lr": 1e-3, "steps": 4})
reveal_type(config)  # reveal: TrainerConfig
pipeline = pconfigs.override(PipelineConfig(), {"optimizer.lr": 1e-3, "model.depth": 8})  # pyright-standard: reportCallIssue
