"""A member that the `@penum` class does not have."""

from lib.pipeline import Dtype, ModelConfig

model = ModelConfig(dtype=Dtype.fp16)  # mistake  # mypy: attr-defined  # pyright-standard: reportCallIssue(other) reportAttributeAccessIssue
