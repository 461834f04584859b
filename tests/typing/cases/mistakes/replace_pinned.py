"""`dataclasses.replace` with a plain value for a derived field."""

import dataclasses

from lib.experiments import first

config = dataclasses.replace(first, effective_batch_size=16)  # mistake  # mypy: call-arg
