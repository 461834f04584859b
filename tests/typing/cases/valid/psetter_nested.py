"""`psetter` records values, nested configs included, and builds the config bottom-up."""

from lib.pipeline import PipelineConfig
from pconfigs import pdefaults, psetter

ps = psetter(type=PipelineConfig, inputs=pdefaults(PipelineConfig))
ps.batch_size = 256
ps.optimizer.lr = 1e-3
config = psetter(construct=ps)
reveal_type(config)  # reveal: PipelineConfig
