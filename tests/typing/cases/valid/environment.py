"""A config's `@penv` environment is read as attributes of the environment class."""

from lib.pipeline import PipelineConfig


def world(config: PipelineConfig) -> int:
    return config.environment.world_size * config.per_device_batch
