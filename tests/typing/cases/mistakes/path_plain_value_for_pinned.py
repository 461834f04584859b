"""`override` given a plain value for a derived field (the runtime wants `Pin(...)`): pyright does not read the strings."""

import pconfigs
from lib.experiments import first

config = pconfigs.override(first, {"effective_batch_size": 16})  # mistake  # mypy: pconfig-path
