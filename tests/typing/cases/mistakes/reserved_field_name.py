"""A field named like the config's own API."""

from pconfigs import pconfig, pdefaults


@pconfig
class JobConfig:
    construct: int  # mistake  # mypy: pconfig


pdefaults += JobConfig(construct=1)
