"""Llama 3 8B, built from the small run: its shape, tokenizer, context, batch, budget and layout."""

from llm.checkpoint import CheckpointConfig
from llm.data import DataConfig
from llm.model import ModelConfig
from llm.optim import OptimizerConfig
from llm.parallel import ParallelConfig, Recompute
from llm.presets.small import config as small
from llm.pretrain import PretrainConfig

config = PretrainConfig(
    small,
    name="llama_8b",
    train_tokens=15_000_000_000_000,
    model=ModelConfig(
        small.model,
        vocab_size=128256,
        hidden_size=4096,
        num_layers=32,
        num_attention_heads=32,
        num_key_value_heads=8,
        ffn_hidden_size=14336,
        max_position_embeddings=8192,
        rope_theta=500000.0,
    ),
    optimizer=OptimizerConfig(small.optimizer, lr=3e-4),
    data=DataConfig(
        small.data,
        tokenizer="meta-llama/Meta-Llama-3-8B",
        seq_length=8192,
        global_batch_tokens=4_194_304,
        micro_batch_size=1,
        eod_token_id=128001,
    ),
    parallel=ParallelConfig(small.parallel, tensor_parallel=2, sequence_parallel=True, recompute=Recompute.selective),
    checkpoint=CheckpointConfig(small.checkpoint, save_interval=2000, async_save=True),
)
