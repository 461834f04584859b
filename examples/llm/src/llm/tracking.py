"""What the run logs, how often, and where to."""

from __future__ import annotations

from pconfigs import pconfig, pdefaults


@pconfig
class TrackingConfig:
    log_interval: int
    """Steps between two log lines."""
    wandb_project: str | None
    """Weights & Biases project; None logs nowhere online."""
    wandb_entity: str | None
    """Weights & Biases team or user; None for the default one."""
    tags: tuple[str, ...]
    """Labels attached to the run."""
    tensorboard_dir: str | None
    """Folder for TensorBoard event files; None writes none."""
    log_grad_norm: bool
    """Log the global gradient norm (before clipping)."""
    log_param_norm: bool
    """Log the global parameter norm."""
    log_throughput: bool
    """Log tokens per second and model FLOPs utilisation."""
    log_memory: bool
    """Log peak device memory."""
    profile_steps: tuple[int, int] | None
    """First and last step to profile; None profiles nothing."""


pdefaults += TrackingConfig(
    log_interval=10,
    wandb_project="pretrain",
    wandb_entity=None,
    tags=(),
    tensorboard_dir=None,
    log_grad_norm=True,
    log_param_norm=False,
    log_throughput=True,
    log_memory=True,
    profile_steps=None,
)
