"""The list `diff` returns read as if it were one difference."""

import pconfigs
from lib.experiments import first
from lib.trainer import TrainerConfig

path = pconfigs.diff(first, TrainerConfig(first, steps=9)).path  # mistake  # mypy: attr-defined  # pyright-standard: reportCallIssue(other) reportAttributeAccessIssue
