"""Configs are dataclasses: `fields`, `replace` and `asdict` work on them."""

import dataclasses

from lib.experiments import first

names = [f.name for f in dataclasses.fields(first)]
shorter = dataclasses.replace(first, steps=1)
reveal_type(shorter)  # reveal: TrainerConfig
