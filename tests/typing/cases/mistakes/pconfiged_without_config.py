"""A `@pconfiged` class that does not annotate `config`."""

from pconfigs import pconfiged


@pconfiged
class Worker:  # mistake  # mypy: pconfig
    name: str
