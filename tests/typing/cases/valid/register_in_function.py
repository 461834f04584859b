"""`pdefaults.register` inside a function returns the config it registers."""

from pconfigs import pconfig, pdefaults


@pconfig
class SeedConfig:
    seed: int


def register_seed(seed: int) -> SeedConfig:
    return pdefaults.register(SeedConfig(seed=seed))
