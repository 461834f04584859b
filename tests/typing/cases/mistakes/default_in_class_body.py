"""A default value in the class body (defaults are registered with `pdefaults`)."""

from pconfigs import pconfig


@pconfig
class RetryConfig:
    attempts: int = 3  # mistake  # mypy: pconfig
