"""The pipeline example: a tree of configs with optional parts, an enum and an environment."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from pconfigs import pdefaults
from project.experiments.third import config
from project.modules.pipeline import Activation, ClusterEnv, ModelConfig, PipelineConfig

BIN = Path(sys.executable).parent


def test_experiment_takes_the_rest_from_defaults() -> None:
    """Fields the experiment does not set come from the registered defaults, nested ones included."""
    default = pdefaults(ModelConfig)
    assert default is not None
    assert config.model == ModelConfig(width=default.width, depth=8, activation=Activation.gelu)
    assert config.optimizer == pdefaults(PipelineConfig).optimizer  # type: ignore[union-attr]
    assert config.eval_data is not None and config.eval_data.path == "/data/eval"


def test_environment_is_read_by_derived_values(monkeypatch: pytest.MonkeyPatch) -> None:
    """A derived value may read the environment; it is read when the config is built."""
    monkeypatch.setenv("WORLD_SIZE", "4")
    assert ClusterEnv.world_size == 4
    assert PipelineConfig(config).per_device_batch == 32
    monkeypatch.delenv("WORLD_SIZE")
    assert PipelineConfig(config).per_device_batch == 128


def test_run_output() -> None:
    """pconfigs-run on the pipeline prints its summary."""
    env = {k: v for k, v in os.environ.items() if k not in ("WORLD_SIZE", "RANK")}
    result = subprocess.run(
        [str(BIN / "pconfigs-run"), "project.experiments.third.config"], capture_output=True, text=True, env=env
    )
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout.splitlines() == [
        "model: 8x256 gelu",
        "optimizer: lr=0.0003 weight_decay=0.01",
        "train: /data/train batch=128 per_device=128",
        "eval: /data/eval",
    ]
