"""The transformer: its shape, its layers' choices, and the parameter count a trainer logs at start-up."""

from __future__ import annotations

from pconfigs import pconfig, pdefaults, penum
from pconfigs.pinnable import Pinned, pproperty

from llm.checks import refuse


@penum
class Activation:
    swiglu = "swiglu"
    gelu = "gelu"


@penum
class Norm:
    rmsnorm = "rmsnorm"
    layernorm = "layernorm"


@penum
class Positions:
    rope = "rope"
    learned = "learned"


@penum
class Dtype:
    bf16 = "bfloat16"
    fp16 = "float16"
    fp32 = "float32"


@penum
class AttentionBackend:
    flash = "flash"
    sdpa = "sdpa"
    eager = "eager"


@pconfig
class ModelConfig:
    vocab_size: int
    """Rows of the embedding table: the tokenizer's vocabulary, padded."""
    hidden_size: int
    """Width of the residual stream."""
    num_layers: int
    """Transformer blocks."""
    num_attention_heads: int
    """Query heads per attention layer; they split hidden_size evenly."""
    num_key_value_heads: int
    """Key/value heads (grouped-query attention); equal to num_attention_heads for multi-head attention."""
    ffn_hidden_size: int
    """Inner width of each block's MLP."""
    max_position_embeddings: int
    """Longest sequence the positions are trained for."""
    activation: Activation
    """MLP activation; swiglu has three weight matrices, gelu two."""
    norm: Norm
    """Normalisation layer; layernorm also has a bias."""
    norm_eps: float
    """Epsilon added to the variance in every norm."""
    positions: Positions
    """Rotary positions, or a learned position table."""
    rope_theta: float
    """Base of the rotary frequencies."""
    rope_scaling: float | None
    """Factor stretching rotary positions to longer contexts; None for no stretching."""
    tie_embeddings: bool
    """The output layer reuses the embedding table."""
    add_bias_linear: bool
    """Linear layers have biases."""
    qk_norm: bool
    """Normalise queries and keys per head before attention."""
    attention_dropout: float
    """Dropout on attention probabilities."""
    hidden_dropout: float
    """Dropout on each block's output."""
    init_std: float
    """Standard deviation of the initial weights."""
    params_dtype: Dtype
    """Data type the weights are held in for compute."""
    attention_backend: AttentionBackend
    """Attention kernel."""
    head_dim: Pinned[int]
    """Width of one attention head."""
    kv_group_size: Pinned[int]
    """Query heads that share one key/value head."""
    num_parameters: Pinned[int]
    """Parameters in the model, embeddings included."""
    num_non_embedding_parameters: Pinned[int]
    """Parameters outside the embedding and output tables (what scaling laws count)."""

    @pproperty
    def head_dim(self) -> int:
        return self.hidden_size // self.num_attention_heads

    @pproperty
    def kv_group_size(self) -> int:
        return self.num_attention_heads // self.num_key_value_heads

    @pproperty
    def num_non_embedding_parameters(self) -> int:
        h, ffn, head = self.hidden_size, self.ffn_hidden_size, self.head_dim
        q_dim, kv_dim = self.num_attention_heads * head, self.num_key_value_heads * head
        attention = h * q_dim + 2 * h * kv_dim + q_dim * h
        matrices = 3 if self.activation is Activation.swiglu else 2
        mlp = matrices * h * ffn
        if self.add_bias_linear:
            attention += q_dim + 2 * kv_dim + h
            mlp += (matrices - 1) * ffn + h
        norm = 2 * h if self.norm is Norm.layernorm else h
        block = attention + mlp + 2 * norm + (2 * head if self.qk_norm else 0)
        return self.num_layers * block + norm

    @pproperty
    def num_parameters(self) -> int:
        tables = self.vocab_size * self.hidden_size * (1 if self.tie_embeddings else 2)
        if self.positions is Positions.learned:
            tables += self.max_position_embeddings * self.hidden_size
        return tables + self.num_non_embedding_parameters

    def __post_init__(self) -> None:
        if self.hidden_size % self.num_attention_heads:
            raise refuse(
                "ModelConfig.num_attention_heads",
                f"{self.num_attention_heads} heads do not divide hidden_size {self.hidden_size}",
                f"pick a head count that divides {self.hidden_size}",
            )
        if self.num_attention_heads % self.num_key_value_heads:
            raise refuse(
                "ModelConfig.num_key_value_heads",
                f"{self.num_key_value_heads} key/value heads do not divide "
                f"num_attention_heads {self.num_attention_heads}",
                "each key/value head serves the same number of query heads: pick a divisor",
            )
        for name in ("attention_dropout", "hidden_dropout"):
            if not 0.0 <= getattr(self, name) < 1.0:
                raise refuse(f"ModelConfig.{name}", f"{getattr(self, name)} is not in [0, 1)", "use e.g. 0.0 or 0.1")


pdefaults += ModelConfig(
    vocab_size=32000,
    hidden_size=768,
    num_layers=12,
    num_attention_heads=12,
    num_key_value_heads=12,
    ffn_hidden_size=2048,
    max_position_embeddings=2048,
    activation=Activation.swiglu,
    norm=Norm.rmsnorm,
    norm_eps=1e-5,
    positions=Positions.rope,
    rope_theta=10000.0,
    rope_scaling=None,
    tie_embeddings=False,
    add_bias_linear=False,
    qk_norm=False,
    attention_dropout=0.0,
    hidden_dropout=0.0,
    init_std=0.02,
    params_dtype=Dtype.bf16,
    attention_backend=AttentionBackend.flash,
)
