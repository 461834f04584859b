"""A `@pproperty` on a plain field transforms the user's input, read with `pinputs`."""

from pconfigs import pconfig, pdefaults, pinputs, pproperty


@pconfig
class PathConfig:
    root: str  # pyright-standard: reportRedeclaration

    @pproperty
    def root(self) -> str:
        return pinputs(self).root.rstrip("/")


pdefaults += PathConfig(root="/data/")
cleaned = PathConfig(root="/scratch/")
