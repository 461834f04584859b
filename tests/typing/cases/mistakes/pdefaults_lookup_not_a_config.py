"""Looking up the default of something that is not a config class."""

from pconfigs import pdefaults

default = pdefaults(dict)  # mistake  # mypy: arg-type
