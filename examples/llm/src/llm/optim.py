"""The optimizer and its learning-rate schedule (the steps of the schedule are worked out by the top config)."""

from __future__ import annotations

from pconfigs import pconfig, pdefaults, penum

from llm.checks import refuse
from llm.model import Dtype


@penum
class OptimizerName:
    adamw = "adamw"
    lion = "lion"


@penum
class ScheduleKind:
    cosine = "cosine"
    linear = "linear"
    wsd = "wsd"
    constant = "constant"


@penum
class DecayShape:
    linear = "linear"
    sqrt = "sqrt"
    cosine = "cosine"


@pconfig
class OptimizerConfig:
    name: OptimizerName
    """Update rule."""
    lr: float
    """Peak learning rate, reached at the end of warmup."""
    beta1: float
    """Decay of the first-moment estimate."""
    beta2: float
    """Decay of the second-moment estimate."""
    eps: float
    """Added to the denominator of the update."""
    weight_decay: float
    """Decoupled weight decay."""
    decay_norms_and_biases: bool
    """Apply weight decay to norm weights and biases too."""
    max_grad_norm: float | None
    """Clip the global gradient norm to this; None for no clipping."""
    fused: bool
    """Use the fused multi-tensor kernel."""
    master_weights_dtype: Dtype
    """Data type of the optimizer's copy of the weights."""
    grad_reduce_dtype: Dtype
    """Data type gradients are summed in across data-parallel ranks."""

    def __post_init__(self) -> None:
        if self.lr <= 0:
            raise refuse("OptimizerConfig.lr", f"the learning rate must be positive, got {self.lr}", "use e.g. 3e-4")
        for name in ("beta1", "beta2"):
            if not 0.0 <= getattr(self, name) < 1.0:
                raise refuse(f"OptimizerConfig.{name}", f"{getattr(self, name)} is not in [0, 1)", "use e.g. 0.95")


@pconfig
class ScheduleConfig:
    kind: ScheduleKind
    """Shape of the learning rate after warmup."""
    warmup_ratio: float
    """Fraction of the steps spent warming up linearly to the peak."""
    warmup_start_ratio: float
    """Learning rate at step 0, as a fraction of the peak."""
    min_lr_ratio: float
    """Learning rate at the last step, as a fraction of the peak (cosine, linear and wsd)."""
    decay_ratio: float
    """wsd only: fraction of the steps, at the end, spent decaying from the peak."""
    decay_shape: DecayShape
    """wsd only: the shape of that final decay."""

    def __post_init__(self) -> None:
        for name in ("warmup_ratio", "warmup_start_ratio", "min_lr_ratio", "decay_ratio"):
            if not 0.0 <= getattr(self, name) <= 1.0:
                raise refuse(f"ScheduleConfig.{name}", f"{getattr(self, name)} is not in [0, 1]", "use a fraction")
        if self.kind is ScheduleKind.wsd and self.warmup_ratio + self.decay_ratio > 1.0:
            raise refuse(
                "ScheduleConfig.decay_ratio",
                f"warmup_ratio {self.warmup_ratio} + decay_ratio {self.decay_ratio} is more than the whole run",
                "keep warmup_ratio + decay_ratio at most 1",
            )


pdefaults += OptimizerConfig(
    name=OptimizerName.adamw,
    lr=6e-4,
    beta1=0.9,
    beta2=0.95,
    eps=1e-8,
    weight_decay=0.1,
    decay_norms_and_biases=False,
    max_grad_norm=1.0,
    fused=True,
    master_weights_dtype=Dtype.fp32,
    grad_reduce_dtype=Dtype.fp32,
)

pdefaults += ScheduleConfig(
    kind=ScheduleKind.cosine,
    warmup_ratio=0.01,
    warmup_start_ratio=0.0,
    min_lr_ratio=0.1,
    decay_ratio=0.2,
    decay_shape=DecayShape.sqrt,
)
