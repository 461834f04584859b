"""`field_docs` given a config instead of its class."""

import pconfigs
from lib.experiments import first

docs = pconfigs.field_docs(first)  # mistake  # mypy: arg-type  # pyright-standard: reportArgumentType
