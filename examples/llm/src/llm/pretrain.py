"""The top config of a pre-training run, what it derives from its parts, and the runnable that reports it.

The derived values are what a trainer works out at start-up before the first step: gradient accumulation from the
global batch and the data-parallel degree, the number of steps from the token budget, warmup steps from a ratio.
They are computed when the config is built, so `pconfigs-print` shows them and `__post_init__` can refuse a layout
that does not fit before any job is launched.
"""

from __future__ import annotations

import math

from pconfigs import Required, pconfig, pconfiged, pdefaults
from pconfigs.pinnable import Pinned, pproperty

from llm.checkpoint import CheckpointConfig
from llm.checks import refuse
from llm.data import DataConfig
from llm.evaluation import EvalConfig
from llm.model import ModelConfig
from llm.optim import OptimizerConfig, ScheduleConfig, ScheduleKind
from llm.parallel import ClusterEnv, ParallelConfig
from llm.tracking import TrackingConfig


@pconfiged(runnable=True)
class Pretrainer:
    config: PretrainConfig

    def main(self, *args: str) -> None:
        """Print what the run would do (this example trains nothing)."""
        c = self.config
        m, p, d, s = c.model, c.parallel, c.data, c.schedule
        nodes = f"{c.num_nodes} node{'s' if c.num_nodes != 1 else ''}"
        print(
            f"{c.name}: {m.num_parameters / 1e9:.2f}B parameters, {m.num_layers} layers, hidden {m.hidden_size}, "
            f"{m.num_attention_heads} heads ({m.num_key_value_heads} key/value)"
        )
        print(
            f"devices: {c.world_size} ({nodes}) = tensor {p.tensor_parallel} x pipeline {p.pipeline_parallel} "
            f"x data {c.data_parallel}"
        )
        print(
            f"batch: {d.global_batch_size} x {d.seq_length} tokens = {c.tokens_per_step:,} tokens per step "
            f"= micro {d.micro_batch_size} x data {c.data_parallel} x accumulation {c.grad_accum_steps}"
        )
        print(
            f"steps: {c.total_steps:,} ({c.warmup_steps:,} warmup), peak lr {c.optimizer.lr}, "
            f"{s.kind.value} to {s.min_lr_ratio}x"
        )
        print(f"tokens: {c.total_tokens:,} ({c.tokens_per_parameter} per parameter), {c.train_flops:.2e} FLOPs")


@pconfig(constructs=Pretrainer)
class PretrainConfig:
    environment: ClusterEnv
    name: str
    """Run name: the checkpoint folder and the tracker's run are named after it."""
    seed: int
    """Seed of the weight initialisation and dropout."""
    train_tokens: int
    """Token budget of the run; the steps are rounded up to whole batches."""
    compile: bool
    """Compile the model with torch.compile."""
    deterministic: bool
    """Use deterministic kernels (slower, reproducible bit for bit)."""
    model: ModelConfig
    """The transformer."""
    optimizer: OptimizerConfig
    """The optimizer."""
    schedule: ScheduleConfig
    """The learning-rate schedule."""
    data: DataConfig
    """The training data."""
    parallel: ParallelConfig
    """How the run is spread over devices."""
    checkpoint: CheckpointConfig
    """Saving and resuming."""
    tracking: TrackingConfig
    """Logging."""
    evaluation: EvalConfig
    """Evaluation during training."""
    world_size: Pinned[int]
    """Processes in the job, one per device: WORLD_SIZE, read when the config is built."""
    data_parallel: Pinned[int]
    """Copies of the model: the world size over parallel.model_parallel."""
    num_nodes: Pinned[int]
    """Nodes the job spans."""
    grad_accum_steps: Pinned[int]
    """Micro-batches each device runs per optimizer step."""
    tokens_per_step: Pinned[int]
    """Tokens in one optimizer step."""
    total_steps: Pinned[int]
    """Optimizer steps: the token budget in whole batches."""
    total_tokens: Pinned[int]
    """Tokens the run trains on: total_steps whole batches."""
    warmup_steps: Pinned[int]
    """Steps of linear warmup: warmup_ratio of the steps."""
    decay_steps: Pinned[int]
    """Steps the learning rate decays over after the peak (the last decay_ratio of the steps for wsd)."""
    tokens_per_parameter: Pinned[float]
    """Training tokens per model parameter (about 20 is compute-optimal)."""
    train_flops: Pinned[float]
    """Training compute, 6 x parameters x tokens."""

    @pproperty
    def world_size(self) -> int:
        return self.environment.world_size

    @pproperty
    def data_parallel(self) -> int:
        return self.world_size // self.parallel.model_parallel

    @pproperty
    def num_nodes(self) -> int:
        return -(-self.world_size // self.parallel.gpus_per_node)

    @pproperty
    def grad_accum_steps(self) -> int:
        per_step = self.data.micro_batch_size * self.data_parallel
        return self.data.global_batch_size // per_step if per_step else 0  # 0: __post_init__ refuses the layout

    @pproperty
    def tokens_per_step(self) -> int:
        return self.data.global_batch_size * self.data.seq_length

    @pproperty
    def total_steps(self) -> int:
        return math.ceil(self.train_tokens / self.tokens_per_step)

    @pproperty
    def total_tokens(self) -> int:
        return self.total_steps * self.tokens_per_step

    @pproperty
    def warmup_steps(self) -> int:
        return round(self.schedule.warmup_ratio * self.total_steps)

    @pproperty
    def decay_steps(self) -> int:
        if self.schedule.kind is ScheduleKind.constant:
            return 0
        if self.schedule.kind is ScheduleKind.wsd:
            return round(self.schedule.decay_ratio * self.total_steps)
        return self.total_steps - self.warmup_steps

    @pproperty
    def tokens_per_parameter(self) -> float:
        return round(self.total_tokens / self.model.num_parameters, 1)

    @pproperty
    def train_flops(self) -> float:
        return 6.0 * self.model.num_parameters * self.total_tokens

    def __post_init__(self) -> None:
        m, p, d = self.model, self.parallel, self.data
        if p.tensor_parallel * p.pipeline_parallel * self.data_parallel != self.world_size:
            raise refuse(
                "PretrainConfig.parallel",
                f"tensor_parallel {p.tensor_parallel} x pipeline_parallel {p.pipeline_parallel} does not divide the "
                f"world size {self.world_size} (WORLD_SIZE)",
                f"run on a multiple of {p.model_parallel} devices, or lower tensor_parallel or pipeline_parallel",
            )
        per_step = d.micro_batch_size * self.data_parallel
        if d.global_batch_size % per_step:
            raise refuse(
                "PretrainConfig.data.global_batch_tokens",
                f"{d.global_batch_size} sequences per step do not split into micro-batches of "
                f"{d.micro_batch_size} on {self.data_parallel} data-parallel ranks",
                f"make the global batch a multiple of {per_step} sequences, or change data.micro_batch_size",
            )
        chunks = p.pipeline_parallel * (p.virtual_pipeline_stages or 1)
        if m.num_layers % chunks:
            raise refuse(
                "PretrainConfig.parallel.pipeline_parallel",
                f"{m.num_layers} layers do not split evenly into {chunks} pipeline chunks",
                "pick pipeline_parallel x virtual_pipeline_stages dividing model.num_layers",
            )
        for heads in ("num_attention_heads", "num_key_value_heads"):
            if getattr(m, heads) % p.tensor_parallel:
                raise refuse(
                    "PretrainConfig.parallel.tensor_parallel",
                    f"{p.tensor_parallel} tensor-parallel ranks do not divide model.{heads} {getattr(m, heads)}",
                    f"pick a tensor_parallel dividing {getattr(m, heads)}",
                )
        if d.seq_length > m.max_position_embeddings:
            raise refuse(
                "PretrainConfig.data.seq_length",
                f"sequences of {d.seq_length} tokens are longer than model.max_position_embeddings "
                f"{m.max_position_embeddings}",
                "shorten the sequences, or raise max_position_embeddings (with rope_scaling for rotary positions)",
            )


pdefaults += PretrainConfig(
    name=Required,
    seed=1234,
    train_tokens=Required,
    compile=True,
    deterministic=False,
    model=pdefaults(ModelConfig),
    optimizer=pdefaults(OptimizerConfig),
    schedule=pdefaults(ScheduleConfig),
    data=pdefaults(DataConfig),
    parallel=pdefaults(ParallelConfig),
    checkpoint=pdefaults(CheckpointConfig),
    tracking=pdefaults(TrackingConfig),
    evaluation=pdefaults(EvalConfig),
)
