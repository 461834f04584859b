"""Paired axes crossed with a third; sweeps add up."""

from lib.experiments import first
from pconfigs import sweep

paired = sweep.product(sweep.zip(first, {"base_lr": [1e-3, 3e-4], "min_lr_ratio": [0.1, 0.05]}), {"steps": [3, 5]})
both = paired + sweep.product(first, {"steps": [7]})
print(len(both), sweep.is_sweep(both), sweep.points(both)[0].config)
