"""Building from `type(cfg)`, a `type[Cls]` parameter and `functools.partial`."""

import functools

from lib.experiments import first
from lib.trainer import TrainerConfig

again = type(first)(first, steps=2)  # pyright-standard: reportCallIssue


def shorter(cls: type[TrainerConfig], base: TrainerConfig) -> TrainerConfig:
    return cls(base, steps=1)  # pyright-standard: reportCallIssue


from_first = functools.partial(TrainerConfig, first)  # pyright-standard: reportCallIssue
config = from_first(steps=8)  # pyright-standard: reportCallIssue
