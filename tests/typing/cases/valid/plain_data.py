"""`to_dict` and `from_dict` turn a config into plain data and back."""

import pconfigs
from lib.experiments import first
from lib.trainer import TrainerConfig

data = pconfigs.to_dict(first, inputs=True)
again = pconfigs.from_dict(TrainerConfig, data, source="run.json")
reveal_type(again)  # reveal: TrainerConfig
