"""A training pipeline whose config is a tree: nested and optional sub-configs, an enum and an environment."""

from __future__ import annotations

from pconfigs import pconfig, pconfiged, pdefaults, penum, penv
from pconfigs.pinnable import Pinned, pproperty


@penum
class Activation:
    relu = "relu"
    gelu = "gelu"


@penv(convention="uppercase")
class ClusterEnv:
    world_size: int = 1
    rank: int = 0


@pconfig
class ModelConfig:
    width: int
    depth: int
    activation: Activation


@pconfig
class OptimizerConfig:
    lr: float
    weight_decay: float


@pconfig
class DataConfig:
    path: str
    workers: int


@pconfiged(runnable=True)
class Pipeline:
    config: PipelineConfig

    def main(self, *args: str) -> None:
        cfg = self.config
        print(f"model: {cfg.model.depth}x{cfg.model.width} {cfg.model.activation.value}")
        print(f"optimizer: lr={cfg.optimizer.lr} weight_decay={cfg.optimizer.weight_decay}")
        print(f"train: {cfg.train_data.path} batch={cfg.batch_size} per_device={cfg.per_device_batch}")
        print(f"eval: {cfg.eval_data.path if cfg.eval_data is not None else 'none'}")


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


pdefaults += ModelConfig(width=256, depth=4, activation=Activation.relu)
pdefaults += OptimizerConfig(lr=3e-4, weight_decay=0.01)
pdefaults += PipelineConfig(
    model=pdefaults(ModelConfig),
    optimizer=pdefaults(OptimizerConfig),
    train_data=DataConfig(path="/data/train", workers=4),
    eval_data=None,
    batch_size=64,
)
