"""Dotted paths in string literals, nested and pinned, in `override`, `origin`, `sweep.product` and `sweep.zip`."""

import pconfigs
from lib.experiments import first
from lib.pipeline import PipelineConfig
from pconfigs import Pin, sweep

pipeline = PipelineConfig()  # pyright-standard: reportCallIssue
smaller = pconfigs.override(pipeline, {"optimizer.lr": 1e-3, "model.depth": 8, "train_data.workers": 2})
pinned = pconfigs.override(first, {"effective_batch_size": Pin(16)})
history = pconfigs.origin(smaller, "optimizer.lr")
grid = sweep.product(pipeline, {"optimizer.weight_decay": [0.0, 0.1], "batch_size": [32, 64]})
paired = sweep.zip(first, {"base_lr": [1e-3, 3e-4], "steps": [3, 5]})
print(len(grid), len(paired), list(history)[-1].describe(), pinned.effective_batch_size)
