"""How the run is spread over devices: tensor x pipeline x data parallel degrees, the data degree from the world size.

The world size and ranks come from the variables `torchrun` and SLURM launchers set (`WORLD_SIZE`, `RANK`, ...),
read through `@penv` when a config is built, so one preset gives every job its own layout.
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
    environment: ClusterEnv
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
    world_size: Pinned[int]
    """Processes in the job, from WORLD_SIZE."""
    model_parallel: Pinned[int]
    """Devices holding one copy of the model: tensor_parallel x pipeline_parallel."""
    data_parallel: Pinned[int]
    """Copies of the model: the world size over model_parallel."""
    num_nodes: Pinned[int]
    """Nodes the job spans."""

    @pproperty
    def world_size(self) -> int:
        return self.environment.world_size

    @pproperty
    def model_parallel(self) -> int:
        return self.tensor_parallel * self.pipeline_parallel

    @pproperty
    def data_parallel(self) -> int:
        return self.world_size // self.model_parallel

    @pproperty
    def num_nodes(self) -> int:
        return -(-self.world_size // self.gpus_per_node)

    def __post_init__(self) -> None:
        if self.tensor_parallel * self.pipeline_parallel * self.data_parallel != self.world_size:
            raise refuse(
                "ParallelConfig",
                f"tensor_parallel {self.tensor_parallel} x pipeline_parallel {self.pipeline_parallel} does not "
                f"divide the world size {self.world_size} (WORLD_SIZE)",
                f"run on a multiple of {self.model_parallel} devices, or lower tensor_parallel or pipeline_parallel",
            )
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
