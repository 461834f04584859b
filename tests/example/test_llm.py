"""The LLM pre-training example: presets built from each other, start-up values derived right, bad layouts refused."""

from __future__ import annotations

import dataclasses
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pconfigs
import pytest
from llm.data import DataConfig
from llm.model import Activation, ModelConfig, Norm, Positions
from llm.optim import ScheduleKind
from llm.parallel import ClusterEnv, ParallelConfig
from llm.presets import llama_8b, llama_70b, small
from llm.pretrain import PretrainConfig
from pconfigs.cli._main import print_main

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "llm"
CLUSTER_VARIABLES = ("WORLD_SIZE", "RANK", "LOCAL_RANK", "MASTER_ADDR", "MASTER_PORT")
PRESETS = {"small": small, "llama_8b": llama_8b, "llama_70b": llama_70b}


@pytest.fixture
def world(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    """The cluster variables unset (their defaults apply) for the test; the test may set them."""
    for name in CLUSTER_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    return monkeypatch


def preset(name: str) -> PretrainConfig:
    """The preset rebuilt now, so that its derived values read the environment the test set."""
    return PretrainConfig(PRESETS[name].config)


def test_every_preset_is_a_pretrain_config_named_after_its_module(world: pytest.MonkeyPatch) -> None:
    """Each preset module binds `config`, a PretrainConfig whose name is the module's."""
    for name in PRESETS:
        cfg = preset(name)
        assert type(cfg) is PretrainConfig
        assert cfg.name == name


def test_a_preset_differs_from_the_one_before_only_where_it_sets_values(world: pytest.MonkeyPatch) -> None:
    """`llama_70b` is `llama_8b` with the values its file sets, and what those values derive."""
    changed = [(d.path, d.derived) for d in pconfigs.diff(preset("llama_8b"), preset("llama_70b"))]
    inputs = [path for path, derived in changed if not derived]
    assert inputs == [
        "name",
        "model.hidden_size",
        "model.num_layers",
        "model.num_attention_heads",
        "model.ffn_hidden_size",
        "optimizer.lr",
        "data.global_batch_tokens",
        "parallel.tensor_parallel",
        "parallel.pipeline_parallel",
        "parallel.virtual_pipeline_stages",
        "parallel.recompute",
    ]
    assert llama_70b.config.data.tokenizer == llama_8b.config.data.tokenizer == "meta-llama/Meta-Llama-3-8B"
    assert llama_70b.config.tracking == small.config.tracking


def config_classes() -> list[type]:
    """PretrainConfig and the class of each of its sub-configs."""
    values = [getattr(small.config, f.name) for f in dataclasses.fields(PretrainConfig)]
    return [PretrainConfig, *(type(v) for v in values if dataclasses.is_dataclass(v))]


def test_the_config_tree_is_big() -> None:
    """The top config holds eight sub-configs, and 120 fields in all (derived ones included)."""
    classes = config_classes()
    assert len(classes) == 1 + 8
    assert sum(len(dataclasses.fields(c)) for c in classes) == 120


def test_every_field_and_environment_variable_has_a_doc() -> None:
    """Every field of every config class of the example, and every variable of its environment, is documented."""
    for cls in config_classes():
        assert list(pconfigs.field_docs(cls)) == [f.name for f in dataclasses.fields(cls)], cls.__qualname__
    assert list(pconfigs.field_docs(ClusterEnv)) == ["world_size", "rank", "local_rank", "master_addr", "master_port"]


class TestParameterCount:
    def test_llama_3_models_have_their_published_sizes(self) -> None:
        """The Llama 3 presets count 8,030,261,248 and 70,553,706,496 parameters, as the released models do."""
        assert llama_8b.config.model.num_parameters == 8_030_261_248
        assert llama_70b.config.model.num_parameters == 70_553_706_496

    def test_gpt2_small_has_its_published_size(self) -> None:
        """GPT-2 small's shape (tied embeddings, learned positions, biases, layernorm, gelu) counts 124,439,808."""
        gpt2 = ModelConfig(
            vocab_size=50257,
            num_key_value_heads=12,
            ffn_hidden_size=3072,
            max_position_embeddings=1024,
            activation=Activation.gelu,
            norm=Norm.layernorm,
            positions=Positions.learned,
            tie_embeddings=True,
            add_bias_linear=True,
        )
        assert gpt2.num_parameters == 124_439_808
        assert gpt2.num_parameters - gpt2.num_non_embedding_parameters == (50257 + 1024) * 768

    def test_head_shape_is_derived(self) -> None:
        """head_dim and kv_group_size follow from the hidden size and the head counts."""
        m = llama_70b.config.model
        assert (m.head_dim, m.kv_group_size) == (128, 8)


class TestDerivedValues:
    def test_small_on_the_default_world(self, world: pytest.MonkeyPatch) -> None:
        """With WORLD_SIZE unset (8), small accumulates 256 / (4 x 8) micro-batches over 4,769 steps."""
        cfg = preset("small")
        assert (cfg.world_size, cfg.data_parallel, cfg.num_nodes) == (8, 8, 1)
        assert (cfg.data.global_batch_size, cfg.grad_accum_steps, cfg.tokens_per_step) == (256, 8, 524_288)
        assert (cfg.total_steps, cfg.warmup_steps, cfg.decay_steps) == (4769, 48, 4721)
        assert cfg.total_tokens == 4769 * 524_288 == 2_500_329_472
        assert cfg.tokens_per_parameter == 20.1
        assert cfg.train_flops == 6.0 * cfg.model.num_parameters * cfg.total_tokens

    @pytest.mark.parametrize(
        ("world_size", "data_parallel", "accumulation", "nodes"), [("8", 1, 1024, 1), ("64", 8, 128, 8)]
    )
    def test_llama_70b_layout_follows_the_world_size(
        self, world: pytest.MonkeyPatch, world_size: str, data_parallel: int, accumulation: int, nodes: int
    ) -> None:
        """70B splits 4 x 2 ways, so the data degree, accumulation and nodes follow WORLD_SIZE; the steps do not."""
        world.setenv("WORLD_SIZE", world_size)
        cfg = preset("llama_70b")
        assert (cfg.parallel.model_parallel, cfg.data_parallel, cfg.grad_accum_steps) == (
            8,
            data_parallel,
            accumulation,
        )
        assert cfg.num_nodes == nodes
        assert (cfg.total_steps, cfg.warmup_steps) == (1_788_140, 17_881)
        assert cfg.total_tokens == 15_000_005_509_120

    def test_wsd_decays_over_its_ratio_and_constant_not_at_all(self, world: pytest.MonkeyPatch) -> None:
        """decay_steps is decay_ratio of the steps for wsd, 0 for a constant rate, the rest after warmup otherwise."""
        base = preset("small")
        wsd = pconfigs.override(base, {"schedule.kind": ScheduleKind.wsd})
        constant = pconfigs.override(base, {"schedule.kind": ScheduleKind.constant})
        assert (base.decay_steps, wsd.decay_steps, constant.decay_steps) == (4769 - 48, round(0.2 * 4769), 0)


class TestEnvironment:
    def test_world_size_is_read_at_each_build(self, world: pytest.MonkeyPatch) -> None:
        """WORLD_SIZE is read when a config is built: a rebuild or an override in another environment follows it."""
        world.setenv("WORLD_SIZE", "16")
        assert ClusterEnv.world_size == 16
        cfg = preset("small")
        assert (cfg.world_size, cfg.data_parallel, cfg.grad_accum_steps, cfg.num_nodes) == (16, 16, 4, 2)
        assert cfg.environment.world_size == 16
        world.setenv("WORLD_SIZE", "32")
        assert cfg.world_size == 16  # the values read belong to the build
        assert pconfigs.override(cfg, {"seed": 7}).data_parallel == 32
        world.delenv("WORLD_SIZE")
        assert preset("small").world_size == 8

    def test_a_bad_world_size_is_an_error_naming_the_variable(self, world: pytest.MonkeyPatch) -> None:
        """A WORLD_SIZE that is not a whole number is refused when the config is built."""
        world.setenv("WORLD_SIZE", "eight")
        source = EXAMPLE / "src" / "llm" / "parallel.py"
        declared = source.read_text(encoding="utf-8").split("\n").index("    world_size: int = 8") + 1
        assert refusal(lambda: preset("small")) == (
            "ClusterEnv.world_size: environment variable 'WORLD_SIZE' is 'eight', not an int\n"
            f"  declared at {shown(source)}:{declared}\n"
            "  hint: set WORLD_SIZE to a whole number such as 2"
        )


def shown(path: Path) -> str:
    """`path` as pconfigs' messages show it: relative to the current directory when inside it."""
    return os.path.relpath(path) if Path.cwd() in path.parents else str(path)


def refusal(build: Any) -> str:
    """The message of the ValueError `build` raises, without the notes pconfigs adds (joined to it on 3.10)."""
    with pytest.raises(ValueError) as info:
        build()
    message = str(info.value)
    for note in reversed(getattr(info.value, "__notes__", [])):
        message = message.removesuffix(f"\n{note}")
    return message


class TestRefusals:
    def test_heads_must_divide_the_hidden_size(self) -> None:
        """48 heads cannot split a 4096-wide stream."""
        assert refusal(lambda: ModelConfig(llama_8b.config.model, num_attention_heads=48)) == (
            "ModelConfig.num_attention_heads: 48 heads do not divide hidden_size 4096\n"
            "  hint: pick a head count that divides 4096"
        )

    def test_key_value_heads_must_divide_the_heads(self) -> None:
        """5 key/value heads cannot serve 12 query heads evenly."""
        assert refusal(lambda: ModelConfig(num_key_value_heads=5)) == (
            "ModelConfig.num_key_value_heads: 5 key/value heads do not divide num_attention_heads 12\n"
            "  hint: each key/value head serves the same number of query heads: pick a divisor"
        )

    def test_dropout_must_be_a_probability(self) -> None:
        """A dropout of 1 would drop everything."""
        assert refusal(lambda: ModelConfig(hidden_dropout=1.0)) == (
            "ModelConfig.hidden_dropout: 1.0 is not in [0, 1)\n  hint: use e.g. 0.0 or 0.1"
        )

    def test_degrees_must_multiply_to_the_world_size(self, world: pytest.MonkeyPatch) -> None:
        """On 4 devices the 70B layout (tensor 4 x pipeline 2) does not fit."""
        world.setenv("WORLD_SIZE", "4")
        assert refusal(lambda: preset("llama_70b")) == (
            "PretrainConfig.parallel: tensor_parallel 4 x pipeline_parallel 2 does not divide the world size 4 "
            "(WORLD_SIZE)\n"
            "  hint: run on a multiple of 8 devices, or lower tensor_parallel or pipeline_parallel"
        )

    def test_the_global_batch_must_split_into_micro_batches(self, world: pytest.MonkeyPatch) -> None:
        """On 128 devices small's 256 sequences cannot be micro-batches of 4 on every rank."""
        world.setenv("WORLD_SIZE", "128")
        assert refusal(lambda: preset("small")) == (
            "PretrainConfig.data.global_batch_tokens: 256 sequences per step do not split into micro-batches of 4 "
            "on 128 data-parallel ranks\n"
            "  hint: make the global batch a multiple of 512 sequences, or change data.micro_batch_size"
        )

    def test_layers_must_split_into_pipeline_chunks(self, world: pytest.MonkeyPatch) -> None:
        """80 layers do not split into 2 stages x 3 virtual stages."""
        cfg = preset("llama_70b")
        assert refusal(lambda: pconfigs.override(cfg, {"parallel.virtual_pipeline_stages": 3})) == (
            "PretrainConfig.parallel.pipeline_parallel: 80 layers do not split evenly into 6 pipeline chunks\n"
            "  hint: pick pipeline_parallel x virtual_pipeline_stages dividing model.num_layers"
        )

    def test_tensor_parallel_must_divide_the_key_value_heads(self, world: pytest.MonkeyPatch) -> None:
        """16 tensor-parallel ranks cannot share 8 key/value heads."""
        world.setenv("WORLD_SIZE", "32")
        cfg = preset("llama_70b")
        assert refusal(lambda: pconfigs.override(cfg, {"parallel.tensor_parallel": 16})) == (
            "PretrainConfig.parallel.tensor_parallel: 16 tensor-parallel ranks do not divide "
            "model.num_key_value_heads 8\n"
            "  hint: pick a tensor_parallel dividing 8"
        )

    def test_sequences_must_fit_the_positions(self, world: pytest.MonkeyPatch) -> None:
        """small's positions are trained for 2048 tokens: 4096-token sequences are refused."""
        assert refusal(lambda: pconfigs.override(preset("small"), {"data.seq_length": 4096})) == (
            "PretrainConfig.data.seq_length: sequences of 4096 tokens are longer than model.max_position_embeddings "
            "2048\n"
            "  hint: shorten the sequences, or raise max_position_embeddings (with rope_scaling for rotary positions)"
        )

    def test_the_batch_must_be_whole_sequences(self) -> None:
        """A million tokens is not a whole number of 2048-token sequences."""
        assert refusal(lambda: DataConfig(global_batch_tokens=1_000_000)) == (
            "DataConfig.global_batch_tokens: 1,000,000 tokens is not a whole number of 2048-token sequences\n"
            "  hint: use a multiple of 2048, e.g. 999,424"
        )

    def test_mixture_weights_must_sum_to_one(self) -> None:
        """Weights summing to 0.9 are refused."""
        assert refusal(lambda: DataConfig(mixture={"web": 0.7, "code": 0.2})) == (
            "DataConfig.mixture: the weights sum to 0.9, not 1\n  hint: scale the weights so that they sum to 1"
        )

    def test_sequence_parallel_needs_tensor_parallel(self) -> None:
        """Sequence parallelism on a tensor-parallel group of one is refused."""
        assert refusal(lambda: ParallelConfig(sequence_parallel=True)) == (
            "ParallelConfig.sequence_parallel: sequence parallelism splits along the tensor-parallel group, and "
            "tensor_parallel is 1\n"
            "  hint: set sequence_parallel=False, or tensor_parallel above 1"
        )

    def test_a_refusal_names_where_the_config_was_built(self) -> None:
        """The refusal keeps its type and gains a note naming the class and where the config was built."""
        with pytest.raises(ValueError) as info:
            ModelConfig(num_key_value_heads=5)
        line = sys._getframe().f_lineno - 1
        assert info.value.__notes__ == [
            f"while validating ModelConfig (__post_init__), config built at {shown(Path(__file__))}:{line}"
        ]


class TestRunAndPrint:
    def test_main_prints_a_summary(self, world: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
        """The runnable's main prints five lines of what the run would do."""
        assert preset("llama_8b").construct().main() is None
        assert capsys.readouterr().out.splitlines() == [
            "llama_8b: 8.03B parameters, 32 layers, hidden 4096, 32 heads (8 key/value)",
            "devices: 8 (1 node) = tensor 2 x pipeline 1 x data 4",
            "batch: 512 x 8192 tokens = 4,194,304 tokens per step = micro 1 x data 4 x accumulation 128",
            "steps: 3,576,279 (35,763 warmup), peak lr 0.0003, cosine to 0.1x",
            "tokens: 15,000,001,314,816 (1867.9 per parameter), 7.23e+23 FLOPs",
        ]

    @pytest.mark.parametrize("name", list(PRESETS))
    def test_preset_rebuilds_prints_and_round_trips(self, name: str, capsys: pytest.CaptureFixture[str]) -> None:
        """A preset builds again equal from itself, prints code that parses, and its --runnable form rebuilds it."""
        cfg = PRESETS[name].config
        assert PretrainConfig(cfg) == cfg
        assert print_main([f"llm.presets.{name}.config"]) == 0
        compile(capsys.readouterr().out, "<printed>", "exec")
        assert print_main(["--runnable", f"llm.presets.{name}.config"]) == 0
        namespace: dict[str, Any] = {}
        exec(capsys.readouterr().out, namespace)
        assert namespace["config"] == cfg


def test_mypy_in_the_llm_example_succeeds() -> None:
    """`cd examples/llm && mypy` (the plugin enabled in its pyproject.toml) reports no issue."""
    pytest.importorskip("mypy")
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--no-incremental"], cwd=EXAMPLE, capture_output=True, text=True
    )
    assert result.stdout.splitlines()[-1:] == ["Success: no issues found in 15 source files"], result.stdout
