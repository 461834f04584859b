"""A `@pproperty` with `deps=` for a dependency its source does not show."""

from pconfigs import Pinned, pconfig, pdefaults, pproperty


@pconfig
class WarmupConfig:
    steps: int
    ratio: float
    warmup_steps: Pinned[int]

    @pproperty(deps=["steps", "ratio"])
    def warmup_steps(self) -> int:
        return int(getattr(self, "steps") * getattr(self, "ratio"))


pdefaults += WarmupConfig(steps=100, ratio=0.1)  # pyright-standard: reportCallIssue
short = WarmupConfig(steps=10)  # pyright-standard: reportCallIssue
reveal_type(short.warmup_steps)  # reveal: int
