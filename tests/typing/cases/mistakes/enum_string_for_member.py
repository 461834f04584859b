"""A string where an enum member is expected."""

from lib.pipeline import ModelConfig

model = ModelConfig(activation="relu")  # mistake  # mypy: arg-type  # pyright-standard: reportCallIssue(other)
