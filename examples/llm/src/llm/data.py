"""The training data: where it is, how it is tokenized and mixed, and how much of it makes one optimizer step."""

from __future__ import annotations

from pconfigs import pconfig, pdefaults
from pconfigs.pinnable import Pinned, pproperty

from llm.checks import refuse


@pconfig
class DataConfig:
    root: str
    """Folder holding one tokenized shard folder per source of the mixture."""
    tokenizer: str
    """Tokenizer name or path."""
    mixture: dict[str, float]
    """Sampling weight of each source; the weights sum to 1."""
    seq_length: int
    """Tokens per training sequence."""
    global_batch_tokens: int
    """Tokens per optimizer step, over all data-parallel ranks; a multiple of seq_length."""
    micro_batch_size: int
    """Sequences per device in one forward and backward pass."""
    pack_sequences: bool
    """Concatenate documents to fill each sequence instead of padding."""
    reset_attention_mask: bool
    """Packed documents do not attend to each other."""
    eod_token_id: int
    """Token that ends a document."""
    seed: int
    """Seed of the data order."""
    num_workers: int
    """Loader processes per rank."""
    prefetch_factor: int
    """Batches each loader process prepares ahead."""
    pin_memory: bool
    """Load batches into page-locked memory."""
    global_batch_size: Pinned[int]
    """Sequences per optimizer step."""

    @pproperty
    def global_batch_size(self) -> int:
        return self.global_batch_tokens // self.seq_length

    def __post_init__(self) -> None:
        if self.global_batch_tokens % self.seq_length:
            raise refuse(
                "DataConfig.global_batch_tokens",
                f"{self.global_batch_tokens:,} tokens is not a whole number of {self.seq_length}-token sequences",
                f"use a multiple of {self.seq_length}, e.g. {self.global_batch_size * self.seq_length:,}",
            )
        total = sum(self.mixture.values())
        if abs(total - 1.0) > 1e-6:
            raise refuse(
                "DataConfig.mixture",
                f"the weights sum to {total:g}, not 1",
                "scale the weights so that they sum to 1",
            )


pdefaults += DataConfig(
    root="/datasets/pretrain",
    tokenizer="meta-llama/Llama-2-7b-hf",
    mixture={"web": 0.7, "code": 0.2, "books": 0.1},
    seq_length=2048,
    global_batch_tokens=524288,
    micro_batch_size=4,
    pack_sequences=True,
    reset_attention_mask=True,
    eod_token_id=2,
    seed=1234,
    num_workers=4,
    prefetch_factor=2,
    pin_memory=True,
)
