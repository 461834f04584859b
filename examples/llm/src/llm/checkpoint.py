"""Saving and resuming: where checkpoints go, how often, what they hold."""

from __future__ import annotations

from pconfigs import pconfig, pdefaults, penum

from llm.checks import refuse


@penum
class CheckpointFormat:
    torch_dist = "torch_dist"
    safetensors = "safetensors"


@pconfig
class CheckpointConfig:
    directory: str
    """Folder the checkpoints are written to, one sub-folder per step."""
    save_interval: int
    """Steps between two checkpoints."""
    keep_last: int | None
    """Checkpoints kept on disk, the newest; None keeps all."""
    save_at_end: bool
    """Also save after the last step."""
    async_save: bool
    """Write checkpoints in the background while training goes on."""
    save_optimizer_state: bool
    """Save the optimizer's moments too (needed to resume exactly)."""
    format: CheckpointFormat
    """On-disk format: sharded torch_dist, or one safetensors file per rank."""
    resume_from: str | None
    """Checkpoint to resume from; None starts from scratch (or from the newest one in directory)."""
    load_strict: bool
    """Refuse a checkpoint whose parameters do not match the model's exactly."""
    upload_to: str | None
    """Object-storage URI each checkpoint is copied to; None keeps them local."""

    def __post_init__(self) -> None:
        if self.save_interval <= 0:
            raise refuse(
                "CheckpointConfig.save_interval",
                f"checkpoints are saved every {self.save_interval} steps",
                "use a positive number of steps",
            )


pdefaults += CheckpointConfig(
    directory="/checkpoints",
    save_interval=1000,
    keep_last=3,
    save_at_end=True,
    async_save=False,
    save_optimizer_state=True,
    format=CheckpointFormat.torch_dist,
    resume_from=None,
    load_strict=True,
    upload_to=None,
)
