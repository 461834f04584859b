"""A constructed class reads its config as the annotated config class."""

from __future__ import annotations

from pconfigs import pconfig, pconfiged, pdefaults


@pconfiged
class Evaluator:
    config: EvaluatorConfig

    def __init__(self) -> None:
        self.batches = self.config.batches * 2


@pconfig(constructs=Evaluator)
class EvaluatorConfig:
    batches: int


pdefaults += EvaluatorConfig(batches=4)
