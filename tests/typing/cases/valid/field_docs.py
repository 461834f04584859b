"""`field_docs` reads each field's doc string from the class body."""

import pconfigs
from pconfigs import pconfig, pdefaults


@pconfig
class ScheduleConfig:
    warmup_ratio: float
    """Fraction of the steps spent warming up."""
    min_lr_ratio: float
    """Learning rate at the last step, as a fraction of the peak."""


pdefaults += ScheduleConfig(warmup_ratio=0.01, min_lr_ratio=0.1)
docs = pconfigs.field_docs(ScheduleConfig)
reveal_type(docs)  # reveal: dict[str, str]
