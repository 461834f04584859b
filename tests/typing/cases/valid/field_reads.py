"""Input fields read as their declared types, also through a function that takes a config."""

from lib.pipeline import DataConfig, PipelineConfig
from lib.trainer import TrainerConfig


def describe(config: TrainerConfig) -> str:
    return f"{config.steps} steps at {config.base_lr}"


def eval_path(config: PipelineConfig) -> str | None:
    data: DataConfig | None = config.eval_data
    return data.path if data is not None else None


reveal_type(describe)  # reveal-mypy: def (config: TrainerConfig) -> str  # reveal-pyright: (config: TrainerConfig) -> str
