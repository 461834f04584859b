"""An environment passed as a field (it is a class-level attribute, not a field)."""

from lib.pipeline import ClusterEnv, PipelineConfig

config = PipelineConfig(environment=ClusterEnv(), batch_size=32)  # mistake  # mypy: call-arg  # pyright-standard: reportCallIssue(other)
