"""How the run is spread over devices: the tensor and pipeline degrees, and the job's environment.

The world size and ranks come from the variables `torchrun` and SLURM launchers set (`WORLD_SIZE`, `RANK`, ...),
read through `@penv` when a config is built. The top config (`llm.pretrain`) holds the environment and works out
the data-parallel degree from it: a config rebuilt inside a job (`PretrainConfig(cfg)`, an override) reads the
job's environment again, so one preset gives every job its own layout.
"""

from __future__ import annotations

from pconfigs import pconfig, pdefaults, penum, penv
from pconfigs.pinnable import Pinned, pproperty

from llm.checks import refuse


@penv(convention="uppercase")
class ClusterEnv:
    world_size: int = 8
    """Processes in the job, one per device (WORLD_SIZE)."""
    rank: int = 0
    """This process's index in the job (RANK)."""
    local_rank: int = 0
    """This process's device on its node (LOCAL_RANK)."""
    master_addr: str = "localhost"
    """Host of rank 0 (MASTER_ADDR)."""
    master_port: int = 29500
    """Port rank 0 listens on (MASTER_PORT)."""


@penum
class Recompute:
    none = "none"
    selective = "selective"
    full = "full"


@pconfig
class ParallelConfig:
    tensor_parallel: int
    """Devices that split each layer's matrices."""
    pipeline_parallel: int
    """Pipeline stages the layers are split into."""
    virtual_pipeline_stages: int | None
    """Layer chunks per pipeline stage (interleaved schedule); None for one chunk."""
    sequence_parallel: bool
    """Split norms and dropout along the sequence across the tensor-parallel group."""
    distributed_optimizer: bool
    """Shard the optimizer state across data-parallel ranks (ZeRO stage 1)."""
    overlap_grad_reduce: bool
    """Reduce gradients while the backward pass runs."""
    overlap_param_gather: bool
    """Gather sharded parameters while the forward pass runs."""
    bucket_size_mb: int
    """Size of each gradient all-reduce bucket."""
    recompute: Recompute
    """Activation recomputation in the backward pass."""
    gpus_per_node: int
    """Devices on each node."""
    backend: str
    """torch.distributed backend."""
    timeout_minutes: int
    """How long a collective may wait before the job fails."""
    model_parallel: Pinned[int]
    """Devices holding one copy of the model: tensor_parallel x pipeline_parallel."""

    @pproperty
    def model_parallel(self) -> int:
        return self.tensor_parallel * self.pipeline_parallel

    def __post_init__(self) -> None:
        if self.sequence_parallel and self.tensor_parallel == 1:
            raise refuse(
                "ParallelConfig.sequence_parallel",
                "sequence parallelism splits along the tensor-parallel group, and tensor_parallel is 1",
                "set sequence_parallel=False, or tensor_parallel above 1",
            )
        if self.virtual_pipeline_stages is not None and self.pipeline_parallel == 1:
            raise refuse(
                "ParallelConfig.virtual_pipeline_stages",
                "an interleaved schedule needs more than one pipeline stage",
                "set virtual_pipeline_stages=None, or pipeline_parallel above 1",
            )


pdefaults += ParallelConfig(
    tensor_parallel=1,
    pipeline_parallel=1,
    virtual_pipeline_stages=None,
    sequence_parallel=False,
    distributed_optimizer=True,
    overlap_grad_reduce=True,
    overlap_param_gather=True,
    bucket_size_mb=40,
    recompute=Recompute.none,
    gpus_per_node=8,
    backend="nccl",
    timeout_minutes=30,
)
