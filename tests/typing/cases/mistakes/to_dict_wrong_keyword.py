"""`to_dict` given a keyword it does not take."""

import pconfigs
from lib.experiments import first

data = pconfigs.to_dict(first, derived=False)  # mistake  # mypy: call-arg  # pyright-standard: reportCallIssue
