"""The example project runs and prints as the walkthrough shows, and the README's printed block is kept in sync."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
TARGET = "project.experiments.second.config"

# The walkthrough's printed block; its four middle floats came from other arithmetic and are replaced below by
# the values the config really holds.
WALKTHROUGH = """\
from project.modules.trainer import TrainerConfig, Trainer

# NOTE: This code is not intended to run. It is for reading and looking up type definitions.
# If you want to run or inspect these objects, import the config from where it is defined.

TrainerConfig(
    constructable_type=Trainer,  # ClassVar (omit from config)
    steps=5,
    base_lr=0.001,
    total_steps=6,
    min_lr_ratio=0.1,
    grad_accum_steps=4,
    num_devices=2,
    effective_batch_size=8,  # Pinned (omit from config)
    lr_schedule=[
        0.001,
        0.0009140576474687264,
        0.0006890576474687263,
        0.00041094235253127365,
        0.00018594235253127367,
        0.0001,
    ],  # Pinned (omit from config)
)
"""
WALKTHROUGH_FLOATS = [
    "0.0009140576474687264",
    "0.0006890576474687263",
    "0.00041094235253127365",
    "0.00018594235253127367",
]


def expected_print() -> str:
    from project.experiments.second import config

    text = WALKTHROUGH
    for old, value in zip(WALKTHROUGH_FLOATS, config.lr_schedule[1:5]):
        text = text.replace(f"        {old},\n", f"        {value!r},\n")
    return text


def command(how: str, tool: str) -> list[str]:
    return [str(BIN / tool)] if how == "script" else [sys.executable, "-m", tool.replace("-", ".")]


@pytest.mark.parametrize("how", ["script", "module"])
def test_print_shows_the_walkthrough_block(how: str) -> None:
    """`pconfigs-print project.experiments.second.config` prints the walkthrough's block, floats as held."""
    result = subprocess.run([*command(how, "pconfigs-print"), TARGET], capture_output=True, text=True, check=True)
    assert result.stdout == expected_print()


def test_the_schedule_differs_from_the_walkthrough_only_in_last_digits() -> None:
    """The config's floats are within rounding of the walkthrough's; they are printed as held, never adjusted."""
    from project.experiments.second import config

    for shown, held in zip(WALKTHROUGH_FLOATS, config.lr_schedule[1:5]):
        assert abs(float(shown) - held) <= 1e-18


@pytest.mark.parametrize("how", ["script", "module"])
def test_run_prints_the_schedule(how: str) -> None:
    """`pconfigs-run project.experiments.second.config` prints one line per step with that step's rate."""
    from project.experiments.second import config

    result = subprocess.run([*command(how, "pconfigs-run"), TARGET], capture_output=True, text=True)
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == "".join(f"step={i} lr={config.lr_schedule[i]}\n" for i in range(5))
    assert result.stdout.splitlines()[0] == "step=0 lr=0.001"


def test_runnable_snapshot_of_the_example_imports_equal() -> None:
    """`pconfigs-print --runnable` of the example gives a module whose `config` equals the experiment."""
    from project.experiments.second import config

    result = subprocess.run(
        [*command("script", "pconfigs-print"), "--runnable", TARGET], capture_output=True, text=True, check=True
    )
    namespace: dict[str, object] = {}
    exec(result.stdout, namespace)
    assert namespace["config"] == config


@pytest.mark.parametrize("name", ["second", "third"])
def test_readme_printed_block_is_what_the_command_prints(name: str) -> None:
    """Each block between `<!-- printed:NAME -->` markers in README.md is exactly what pconfigs-print writes."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    match = re.search(rf"<!-- printed:{name} -->\s*```python\n(.*?)```\s*<!-- /printed:{name} -->", readme, re.S)
    assert match is not None, f"README.md has no <!-- printed:{name} --> block"
    env = {k: v for k, v in os.environ.items() if k not in ("WORLD_SIZE", "RANK")}  # the README shows the defaults
    result = subprocess.run(
        [*command("script", "pconfigs-print"), f"project.experiments.{name}.config"],
        capture_output=True,
        text=True,
        check=True,
        env=env,
    )
    assert match.group(1) == result.stdout
