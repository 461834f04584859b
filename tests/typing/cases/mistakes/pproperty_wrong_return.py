"""A `@pproperty` that returns another type than its field's."""

from pconfigs import Pinned, pconfig, pdefaults, pproperty


@pconfig
class BatchConfig:
    per_device: int
    devices: int
    total: Pinned[int]  # pyright-standard: reportRedeclaration

    @pproperty
    def total(self) -> float:  # mistake  # mypy: pproperty
        return self.per_device * self.devices / 1


pdefaults += BatchConfig(per_device=8, devices=2)  # pyright-standard: reportCallIssue
