"""`from_dict` given a config instead of a config class."""

import pconfigs
from lib.experiments import first

config = pconfigs.from_dict(first, {"steps": 4})  # mistake  # mypy: var-annotated arg-type  # pyright-standard: reportArgumentType
