"""The result of `override` used as another type."""

import pconfigs
from lib.experiments import first
from lib.pipeline import PipelineConfig

config: PipelineConfig = pconfigs.override(first, {"steps": 4})  # mistake  # mypy: assignment  # pyright-standard: reportAssignmentType
