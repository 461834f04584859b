"""The commands' workflow options: PATH=VALUE overrides, --origins and --why (DESIGN 6, 6.1, 6.2)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

BIN = Path(sys.executable).parent

MODELS = """\
from pconfigs import pconfig, pconfiged, pdefaults


@pconfig
class Optimizer:
    lr: float
    momentum: float
    "Fraction of the last update kept."


@pconfiged(runnable=True)
class Job:
    config: "JobConfig"

    def main(self, *args):
        print(f"lr={self.config.optimizer.lr} steps={self.config.steps} args={list(args)}")


@pconfig(constructs=Job)
class JobConfig:
    steps: int
    optimizer: Optimizer

    def __post_init__(self):
        if self.steps < 0:
            raise ValueError(f"steps must not be negative, got {self.steps}")


pdefaults += Optimizer(
    lr=0.1,
    momentum=0.9,
)
"""

EXPERIMENTS = """\
from wfapp.models import JobConfig, Optimizer

base = JobConfig(
    steps=10,
    optimizer=Optimizer(),
)
config = JobConfig(
    base,
    steps=20,
)
"""


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("wf")
    pkg = root / "wfapp"
    pkg.mkdir()
    (pkg / "__init__.py").write_text("")
    (pkg / "models.py").write_text(MODELS)
    (pkg / "experiments.py").write_text(EXPERIMENTS)
    return root


def call(app: Path, tool: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(BIN / tool), *args], cwd=app, capture_output=True, text=True, encoding="utf-8")


def test_run_applies_overrides_and_passes_what_follows_the_separator(app: Path) -> None:
    """`PATH=VALUE` tokens change the config; what follows `--` goes to main."""
    result = call(app, "pconfigs-run", "wfapp.experiments.config", "optimizer.lr=1e-3", "steps=5", "--", "a", "b")
    assert (result.returncode, result.stdout, result.stderr) == (0, "lr=0.001 steps=5 args=['a', 'b']\n", "")


def test_print_with_overrides_and_origins(app: Path) -> None:
    """--origins ends each value's line with where it came from, overrides said to come from the command line."""
    result = call(app, "pconfigs-print", "wfapp.experiments.config", "optimizer.lr=1e-3", "--origins")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split("\n\n", 2)[2] == (
        "JobConfig(\n"
        "    constructable_type=Job,  # ClassVar (omit from config)\n"
        "    steps=20,  # wfapp/experiments.py:9\n"
        "    optimizer=Optimizer(\n"
        "        lr=0.001,  # command line\n"
        "        momentum=0.9,  # default, wfapp/models.py:31\n"
        "    ),  # command line\n"
        ")\n"
    )


def test_why_lists_every_layer_newest_first(app: Path) -> None:
    """--why PATH prints each layer that set the value, newest first."""
    result = call(app, "pconfigs-print", "wfapp.experiments.config", "--why", "optimizer.momentum")
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == (
        "optimizer.momentum: 2 layers, newest first\n"
        "  1. copied from the registered default of Optimizer (wfapp/models.py:29)\n"
        "  2. set by keyword at wfapp/models.py:31\n"
    )


@pytest.mark.parametrize(
    "args, message",
    [
        (
            ["optimzer.lr=1"],
            "pconfigs-print: wfapp.experiments.config: JobConfig.optimzer.lr: JobConfig has no field 'optimzer'\n"
            "  in the override 'optimzer.lr=1'\n"
            "  hint: did you mean 'optimizer.lr'?\n",
        ),
        (
            ["lr=1"],
            "pconfigs-print: wfapp.experiments.config: JobConfig.lr: JobConfig has no field 'lr'\n"
            "  in the override 'lr=1'\n"
            "  hint: did you mean 'optimizer.lr'?\n",
        ),
        (
            ["steps=many"],
            "pconfigs-print: wfapp.experiments.config: JobConfig.steps: expected an int, got 'many'\n"
            "  in the override 'steps=many'\n"
            "  hint: steps takes a whole number such as 2\n",
        ),
        (
            ["steps"],
            "pconfigs-print: unexpected argument 'steps' after TARGET 'wfapp.experiments.config'\n"
            "  hint: usage: pconfigs-print TARGET [PATH=VALUE ...]\n",
        ),
    ],
)
def test_bad_overrides_exit_2_quoting_what_was_typed(app: Path, args: list[str], message: str) -> None:
    """A bad override is one message on stderr that quotes the text, and exit status 2."""
    result = call(app, "pconfigs-print", "wfapp.experiments.config", *args)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == message


def test_a_refusal_by_post_init_exits_2_with_the_users_frames(app: Path) -> None:
    """An override that __post_init__ refuses is a user mistake: exit 2, the traceback from the user's code."""
    result = call(app, "pconfigs-run", "wfapp.experiments.config", "steps=-1")
    assert (result.returncode, result.stdout) == (2, "")
    lines = result.stderr.splitlines()
    assert lines[0] == "Traceback (most recent call last):"
    assert "pconfigs/cli" not in result.stderr and "pconfigs-core" not in result.stderr
    assert 'wfapp/models.py", line 26, in __post_init__' in lines[1]
    assert lines[-2:] == [
        "ValueError: steps must not be negative, got -1",
        "while validating JobConfig (__post_init__), config built at the command line",
    ]


def test_diff_two_targets_exits_1_when_they_differ(app: Path) -> None:
    """pconfigs-diff A B prints one line per difference and exits 1; the same config twice exits 0."""
    result = call(app, "pconfigs-diff", "wfapp.experiments.base", "wfapp.experiments.config")
    assert (result.returncode, result.stdout, result.stderr) == (1, "steps: 10 -> 20\n", "")
    same = call(app, "pconfigs-diff", "wfapp.experiments.config", "wfapp.experiments.config")
    assert (same.returncode, same.stdout, same.stderr) == (0, "", "")


def test_diff_with_overrides_shows_what_they_would_change(app: Path) -> None:
    """pconfigs-diff A PATH=VALUE compares A with A overridden; --format json is a list of differences."""
    result = call(app, "pconfigs-diff", "wfapp.experiments.config", "optimizer.lr=0.5", "--format", "json")
    assert result.returncode == 1, result.stderr
    import json

    assert json.loads(result.stdout) == [
        {"path": "optimizer.lr", "old": 0.1, "new": 0.5, "kind": "changed", "derived": False}
    ]


def test_diff_alone_compares_with_the_first_base(app: Path) -> None:
    """pconfigs-diff A alone compares A with its first base, named on stderr."""
    result = call(app, "pconfigs-diff", "wfapp.experiments.config")
    assert (result.returncode, result.stdout) == (1, "steps: 10 -> 20\n")
    assert result.stderr == "pconfigs-diff: comparing wfapp.experiments.config with base (wfapp/experiments.py:3)\n"


def test_print_docs_and_json(app: Path) -> None:
    """--docs ends a field's line with its doc; --format json prints every value as strict JSON."""
    docs = call(app, "pconfigs-print", "wfapp.experiments.config", "--docs")
    assert docs.returncode == 0, docs.stderr
    assert "        momentum=0.9,  # Fraction of the last update kept.\n" in docs.stdout
    data = call(app, "pconfigs-print", "wfapp.experiments.config", "optimizer.lr=0.5", "--format", "json")
    import json

    assert (data.returncode, json.loads(data.stdout)) == (0, {"steps": 20, "optimizer": {"lr": 0.5, "momentum": 0.9}})
    bad = call(app, "pconfigs-print", "wfapp.experiments.config", "--format", "yaml")
    assert (bad.returncode, bad.stderr) == (
        2,
        "pconfigs-print: --format 'yaml' is not a format\n  hint: use --format python or --format json\n",
    )
