"""`override` given a list of paths instead of a mapping of paths to values."""

import pconfigs
from lib.experiments import first

config = pconfigs.override(first, ["steps", 4])  # mistake  # mypy: arg-type  # pyright-standard: reportArgumentType
