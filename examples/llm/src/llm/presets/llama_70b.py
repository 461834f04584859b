"""Llama 3 70B, built from the 8B run: a wider, deeper model, a bigger batch, a pipeline and full recomputation."""

from llm.data import DataConfig
from llm.model import ModelConfig
from llm.optim import OptimizerConfig
from llm.parallel import ParallelConfig, Recompute
from llm.presets.llama_8b import config as llama_8b
from llm.pretrain import PretrainConfig

config = PretrainConfig(
    llama_8b,
    name="llama_70b",
    model=ModelConfig(
        llama_8b.model,
        hidden_size=8192,
        num_layers=80,
        num_attention_heads=64,
        ffn_hidden_size=28672,
    ),
    optimizer=OptimizerConfig(llama_8b.optimizer, lr=1.5e-4),
    data=DataConfig(llama_8b.data, global_batch_tokens=8_388_608),
    parallel=ParallelConfig(
        llama_8b.parallel,
        tensor_parallel=4,
        pipeline_parallel=2,
        virtual_pipeline_stages=5,
        recompute=Recompute.full,
    ),
)
