"""`TARGET --help` lists the target's fields, and `pconfigs-diff A` alone compares A with what it was built from."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

BIN = Path(sys.executable).parent

MODELS = '''\
from pconfigs import pconfig, pconfiged, pdefaults
from pconfigs.pinnable import Pinned, pproperty


@pconfig
class Stage:
    steps: int
    "Steps in this stage."


@pconfig
class Optimizer:
    lr: float
    """Peak learning rate.

    Reached at the end of warmup."""
    momentum: float


@pconfiged(runnable=True)
class Job:
    config: "JobConfig"

    def main(self, *args):
        print("ran")


@pconfig(constructs=Job)
class JobConfig:
    steps: int
    "Optimizer steps to run."
    optimizer: Optimizer
    stages: list[Stage]
    total: Pinned[int]
    "Steps over all stages."

    @pproperty
    def total(self) -> int:
        return sum(s.steps for s in self.stages)


pdefaults += Optimizer(
    lr=0.1,
    momentum=0.9,
)
'''

EXPERIMENTS = """\
from hpapp.models import JobConfig, Optimizer, Stage

base = JobConfig(
    steps=10,
    optimizer=Optimizer(),
    stages=[Stage(steps=2), Stage(steps=3)],
    total=Pinned,
)
config = JobConfig(
    base,
    steps=20,
)
made = JobConfig(JobConfig(base, steps=1), steps=2)
again = JobConfig(base, steps=3)
again = JobConfig(again, steps=4)
alone = Optimizer(lr=0.5, momentum=0.9)
"""


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("hp")
    pkg = root / "hpapp"
    pkg.mkdir()
    (pkg / "__init__.py").write_text("")
    (pkg / "models.py").write_text(MODELS)
    (pkg / "experiments.py").write_text(
        EXPERIMENTS.replace("from hpapp.models", "from pconfigs.pinnable import Pinned\nfrom hpapp.models")
    )
    return root


def call(app: Path, tool: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(BIN / tool), *args], cwd=app, capture_output=True, text=True, encoding="utf-8")


HELP = """\
hpapp.experiments.config: a JobConfig, 8 fields
change any value with PATH=VALUE after the target (e.g. steps=20); a derived value takes Pin(VALUE)

JobConfig:
  steps               int          20                        # hpapp/experiments.py:12
      Optimizer steps to run.
  optimizer           Optimizer    Optimizer(...)            # from base, hpapp/experiments.py:6
  stages              list[Stage]  [Stage(...), Stage(...)]  # from base, hpapp/experiments.py:7
  total               Pinned[int]  5                         # derived from stages
      Steps over all stages.

optimizer: Optimizer
  optimizer.lr        float        0.1                       # default, hpapp/models.py:43
      Peak learning rate.

      Reached at the end of warmup.
  optimizer.momentum  float        0.9                       # default, hpapp/models.py:44

stages[0]: Stage
  stages[0].steps     int          2                         # hpapp/experiments.py:7
      Steps in this stage.

stages[1]: Stage
  stages[1].steps     int          3                         # hpapp/experiments.py:7
      Steps in this stage.
"""


def test_target_help_lists_every_field_path_with_type_value_origin_and_doc(app: Path) -> None:
    """`pconfigs-run TARGET --help` lists each field path, grouped by sub-config, and runs nothing."""
    result = call(app, "pconfigs-run", "hpapp.experiments.config", "--help")
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == HELP


def test_target_help_shows_the_overridden_values(app: Path) -> None:
    """Overrides given with `--help` are applied first, and their origin is the command line."""
    result = call(app, "pconfigs-print", "hpapp.experiments.config", "optimizer.lr=3e-4", "-h")
    assert result.returncode == 0
    assert "  optimizer.lr        float        0.0003                    # command line\n" in result.stdout


def test_help_before_the_target_is_the_command_help(app: Path) -> None:
    """`--help` before TARGET is the command's own help, which mentions TARGET --help."""
    result = call(app, "pconfigs-diff", "--help", "hpapp.experiments.config")
    assert result.returncode == 0
    assert result.stdout.startswith("usage: pconfigs-diff")
    assert "after A, list every field\n                        path of A" in result.stdout


def test_help_after_the_separator_goes_to_main(app: Path) -> None:
    """`pconfigs-run TARGET -- --help` passes `--help` to main instead of listing fields."""
    result = call(app, "pconfigs-run", "hpapp.experiments.config", "--", "--help")
    assert (result.returncode, result.stdout) == (0, "ran\n")


def test_target_help_on_a_bad_target_is_a_usage_error(app: Path) -> None:
    """`TARGET --help` on something that is not a config exits 2 like any other command."""
    result = call(app, "pconfigs-run", "hpapp.models.JobConfig", "--help")
    assert result.returncode == 2
    assert result.stderr == (
        "pconfigs-run: hpapp.models.JobConfig is not a config (it is the config class JobConfig)\n"
        "  hint: name a config object, e.g. a module-level `config = JobConfig(...)`\n"
    )


class TestDiffAlone:
    def test_compares_with_the_first_base(self, app: Path) -> None:
        """`pconfigs-diff A` compares A with its first base, named on stderr."""
        result = call(app, "pconfigs-diff", "hpapp.experiments.config")
        assert (result.returncode, result.stdout) == (1, "steps: 10 -> 20\n")
        assert result.stderr == (
            "pconfigs-diff: comparing hpapp.experiments.config with base (hpapp/experiments.py:4)\n"
        )

    def test_compares_with_the_registered_defaults_without_a_base(self, app: Path) -> None:
        """A config built with no base is compared with its class built from the registered defaults."""
        result = call(app, "pconfigs-diff", "hpapp.experiments.alone")
        assert (result.returncode, result.stdout) == (1, "lr: 0.1 -> 0.5\n")
        assert (
            result.stderr
            == "pconfigs-diff: comparing hpapp.experiments.alone with the registered defaults of Optimizer\n"
        )

    def test_built_from_nothing_is_a_usage_error(self, app: Path) -> None:
        """A config with no base and no registered default of its class exits 2."""
        result = call(app, "pconfigs-diff", "hpapp.experiments.base")
        assert (result.returncode, result.stdout) == (2, "")
        assert result.stderr == (
            "pconfigs-diff: hpapp.experiments.base: JobConfig was built from nothing: no base, and JobConfig has no "
            "registered default\n"
            "  hint: name the config to compare it with: pconfigs-diff BASE TARGET\n"
        )

    def test_a_base_written_as_an_expression_is_a_usage_error(self, app: Path) -> None:
        """A first base written as a call cannot be found again by name: exit 2 saying how it was written."""
        result = call(app, "pconfigs-diff", "hpapp.experiments.made")
        assert (result.returncode, result.stdout) == (2, "")
        assert result.stderr == (
            "pconfigs-diff: hpapp.experiments.made: cannot find what JobConfig was built from: its first base is "
            "written 'JobConfig(base, steps=1)', which does not name it at module level in hpapp/experiments.py:14\n"
            "  hint: name the config to compare it with: pconfigs-diff BASE TARGET\n"
        )

    def test_a_base_name_bound_again_is_a_usage_error(self, app: Path) -> None:
        """`x = Cfg(x, ...)` rebinds the base's name, so the base cannot be found again: exit 2, nothing compared."""
        result = call(app, "pconfigs-diff", "hpapp.experiments.again")
        assert (result.returncode, result.stdout) == (2, "")
        assert result.stderr == (
            "pconfigs-diff: hpapp.experiments.again: cannot find what JobConfig was built from: its first base is "
            "written 'again', which does not name it at module level in hpapp/experiments.py:16\n"
            "  hint: name the config to compare it with: pconfigs-diff BASE TARGET\n"
        )
