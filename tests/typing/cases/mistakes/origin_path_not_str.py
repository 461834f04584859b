"""`origin` given a path that is not a string."""

import pconfigs
from lib.experiments import first

history = pconfigs.origin(first, 3)  # mistake  # mypy: arg-type  # pyright-standard: reportArgumentType
