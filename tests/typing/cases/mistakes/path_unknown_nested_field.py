"""`origin` given a path whose nested name is no field of the sub-config: pyright does not read the strings."""

import pconfigs
from lib.pipeline import PipelineConfig

pipeline = PipelineConfig()  # pyright-standard: reportCallIssue
history = pconfigs.origin(pipeline, "optimizer.learning_rate")  # mistake  # mypy: pconfig-path
