"""`pdefaults(Cls)` returns the registered default; a default can hold another class's default."""

from lib.pipeline import ModelConfig, PipelineConfig
from pconfigs import pdefaults

model = pdefaults(ModelConfig)
reveal_type(model)  # reveal-mypy: ModelConfig  # reveal-pyright: ModelConfig | None
if model is not None:
    config = PipelineConfig(model=ModelConfig(model, depth=12))  # pyright-standard: reportCallIssue reportCallIssue
