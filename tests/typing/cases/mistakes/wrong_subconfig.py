"""A config of the wrong class for a sub-config field."""

from lib.pipeline import OptimizerConfig, PipelineConfig

config = PipelineConfig(model=OptimizerConfig(lr=1e-3))  # mistake  # mypy: arg-type  # pyright-standard: reportCallIssue(other) reportCallIssue(other)
