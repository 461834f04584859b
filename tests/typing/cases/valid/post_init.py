"""A config that validates itself in `__post_init__`."""

from pconfigs import pconfig, pdefaults


@pconfig
class WindowConfig:
    start: int
    stop: int

    def __post_init__(self) -> None:
        if self.stop <= self.start:
            raise ValueError("stop must be after start")


pdefaults += WindowConfig(start=0, stop=10)
late = WindowConfig(start=5)  # pyright-standard: reportCallIssue
