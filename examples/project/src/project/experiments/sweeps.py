"""Sweeps over the second experiment: run one with `pconfigs-run project.experiments.sweeps.grid --record runs`."""

from pconfigs import sweep

from project.experiments.second import config as second

grid = sweep.product(second, {"base_lr": [1e-3, 3e-4], "steps": [3, 5]})
"""Four points: every learning rate with every number of steps."""

paired = sweep.product(sweep.zip(second, {"base_lr": [1e-3, 3e-4], "min_lr_ratio": [0.1, 0.05]}), {"steps": [3, 5]})
"""Each learning rate with its own floor (paired), crossed with two numbers of steps."""
