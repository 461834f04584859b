"""A grid sweep: every learning rate with every number of steps; its points hold configs."""

from lib.experiments import first
from pconfigs import sweep

grid = sweep.product(first, {"base_lr": [1e-3, 3e-4], "steps": [3, 5]})
for point in grid:
    print(point.name, point.folder, point.changes)
names: tuple[str, ...] = grid.names
one = grid["base_lr=0.001,steps=3"]
