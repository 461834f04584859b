"""A 125M-parameter model trained compute-optimally on one node: the registered defaults, a name and a budget."""

from llm.model import ModelConfig
from llm.pretrain import PretrainConfig

config = PretrainConfig(
    name="small",
    train_tokens=2_500_000_000,
    model=ModelConfig(num_key_value_heads=4),
)
