"""`override` given a misspelt field in a dotted path: pyright does not read the strings."""

import pconfigs
from lib.experiments import first

config = pconfigs.override(first, {"stepz": 4})  # mistake  # mypy: pconfig-path
