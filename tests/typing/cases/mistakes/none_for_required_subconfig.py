"""`None` for a sub-config field that is not optional."""

from lib.pipeline import PipelineConfig

config = PipelineConfig(train_data=None)  # mistake  # mypy: arg-type  # pyright-standard: reportCallIssue(other)
