"""A config whose default is registered in another module (`lib/defaults.py`), listed in `defaults_elsewhere`."""

from __future__ import annotations

from pconfigs import Required, pconfig, pdefaults


@pconfig
class LoaderConfig:
    batch_size: int
    shuffle: bool


@pconfig
class CheckpointConfig:
    folder: str
    every_steps: int


pdefaults += CheckpointConfig(folder=Required, every_steps=1000)
