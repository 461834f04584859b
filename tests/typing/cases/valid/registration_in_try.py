"""A default registered inside `try`, then a build that relies on it in the same module."""

from pconfigs import pconfig, pdefaults


@pconfig
class LoggingConfig:
    level: str
    every_steps: int


try:
    pdefaults += LoggingConfig(level="info", every_steps=100)
except ValueError:
    pass

quiet = LoggingConfig(level="warning")  # pyright-standard: reportCallIssue
