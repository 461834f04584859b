"""Sweeps over the small preset: run one with `pconfigs-run llm.sweeps.lr_warmup --record runs`, or look first
with `--dry-run`."""

from pconfigs import sweep

from llm.presets.small import config as small

lr_warmup = sweep.product(small, {"optimizer.lr": [3e-4, 6e-4, 1.2e-3], "schedule.warmup_ratio": [0.01, 0.05]})
"""Six points: every peak learning rate with every warmup length."""

lr_batch = sweep.zip(small, {"optimizer.lr": [4.2e-4, 6e-4], "data.global_batch_tokens": [262144, 524288]})
"""Two points, paired: a smaller batch with a learning rate scaled by the square root of the batch."""
