"""A config tree: sub-configs, an optional one, enums (with and without an `enum.Enum` base) and an environment."""

from __future__ import annotations

import enum

from pconfigs import pconfig, pconfiged, pdefaults, penum, penv
from pconfigs.pinnable import Pinned, pproperty


@penum
class Activation:
    relu = "relu"
    gelu = "gelu"


@penum
class Dtype(enum.Enum):
    fp32 = "fp32"
    bf16 = "bf16"


@penv(convention="uppercase")
class ClusterEnv:
    world_size: int = 1
    rank: int = 0


@pconfig
class ModelConfig:
    width: int
    depth: int
    activation: Activation
    dtype: Dtype


@pconfig
class OptimizerConfig:
    lr: float
    weight_decay: float


@pconfig
class DataConfig:
    path: str
    workers: int


@pconfig
class ImageDataConfig(DataConfig):
    size: int


@pconfiged(runnable=True)
class Pipeline:
    config: PipelineConfig

    def main(self) -> None:
        print(self.config.model.activation.value, self.config.per_device_batch)  # pyright-standard: reportAttributeAccessIssue


@pconfig(constructs=Pipeline)
class PipelineConfig:
    environment: ClusterEnv
    model: ModelConfig
    optimizer: OptimizerConfig
    train_data: DataConfig
    eval_data: DataConfig | None
    batch_size: int
    per_device_batch: Pinned[int]

    @pproperty
    def per_device_batch(self) -> int:
        return self.batch_size // self.environment.world_size


pdefaults += ModelConfig(width=256, depth=4, activation=Activation.relu, dtype=Dtype.bf16)  # pyright-standard: reportArgumentType
pdefaults += OptimizerConfig(lr=3e-4, weight_decay=0.01)
pdefaults += PipelineConfig(  # pyright-standard: reportCallIssue
    model=pdefaults(ModelConfig),
    optimizer=pdefaults(OptimizerConfig),
    train_data=DataConfig(path="/data/train", workers=4),
    eval_data=None,
    batch_size=64,
)
