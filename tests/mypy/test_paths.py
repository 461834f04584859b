"""Dotted paths in string literals (`override`, `origin`, `sweep.product`, `sweep.zip`) checked against the class."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from .conftest import Checker, Diagnostic, Result, parse
from .test_cache import edit

Check = Callable[..., Result]

CONFIGS = """
from __future__ import annotations

from typing import Optional

from pconfigs import pconfig, penv
from pconfigs.pinnable import Pinned, pproperty


@penv
class Env:
    home: str


@pconfig
class OptimizerConfig:
    lr: float
    betas: tuple[float, float]


@pconfig
class DataConfig:
    path: str
    workers: int


@pconfig
class TrainingConfig:
    steps: int
    warmup: int


@pconfig
class TrainerConfig:
    environment: Env
    optimizer: OptimizerConfig
    training: TrainingConfig
    extra: list[DataConfig]
    named: dict[str, DataConfig]
    teacher: Optional[OptimizerConfig]
    tags: list[str]
    scales: list[float]
    anything: object
    batch_size: int
    num_devices: int
    total: Pinned[int]

    @pproperty
    def total(self) -> int:
        return self.batch_size * self.num_devices


@pconfig
class LongTrainerConfig(TrainerConfig):
    patience: int
"""


def snippet(body: str) -> dict[str, str]:
    """The configs module, and an experiment module whose functions receive configs of its classes."""
    header = (
        "import pconfigs\n"
        "from pconfigs import Pin, Pinned, origin, override, sweep\n\n"
        "from configs import LongTrainerConfig, TrainerConfig\n\n\n"
        "def f(cfg: TrainerConfig, long: LongTrainerConfig, grid: sweep.Sweep, name: str) -> None:\n"
    )
    return {"configs.py": CONFIGS, "experiment.py": header + body}


def test_valid_paths(check: Check) -> None:
    """Nested fields, indexes, dict keys, an Optional sub-config and a Pin for a derived field check clean."""
    check(
        snippet(
            """
    new = override(cfg, {"optimizer.lr": 1e-3, "extra[0].workers": 4, 'named["a"].path': "/d", "teacher.lr": 0.5})
    reveal_type(new)  # N: Revealed type is "configs.TrainerConfig"
    override(cfg, {"total": Pin(8), "scales": [1, 2], "optimizer.betas[1]": 0.5, "extra[-1]": cfg.extra[0]})
    override(cfg, {"total": Pinned, "tags[0]": "x", "named['b']": cfg.named["a"], "batch_size": 3})
    override(cfg, {"anything.whatever[3]": 1, " batch_size ": 2})
    pconfigs.override(long, {"patience": 3, "optimizer.lr": 0.1})
    sweep.product(cfg, {"optimizer.lr": [1e-3, 3e-4], "training.steps": range(3), "total": [Pin(1), Pinned]})
    sweep.zip(cfg, {"scales": [[1.0], [2, 3]], "tags": (["a"], [])})
    origin(cfg, "optimizer.lr")
    pconfigs.origin(cfg, "total")
    origin(cfg, 'named["a"].path')
    """
        )
    )


def test_unknown_names(check: Check) -> None:
    """An unknown name is reported with a "did you mean", also of a nested name, or with the fields listed."""
    check(
        snippet(
            """
    override(cfg, {"batch_sise": 3})  # E: Path "batch_sise": "TrainerConfig" has no field "batch_sise"; did you mean "batch_size"?  [pconfig-path]
    override(cfg, {"optimizer.lrr": 3.0})  # E: Path "optimizer.lrr": "OptimizerConfig" has no field "lrr"; did you mean "optimizer.lr"?  [pconfig-path]
    override(cfg, {"steps": 3})  # E: Path "steps": "TrainerConfig" has no field "steps"; did you mean "training.steps"?  [pconfig-path]
    override(cfg, {"zzz": 3})  # E: Path "zzz": "TrainerConfig" has no field "zzz"; its fields are: optimizer, training, extra, named, teacher, tags, scales, anything, batch_size, num_devices, total  [pconfig-path]
    override(cfg, {"environment.home": "/h"})  # E: Path "environment.home": "TrainerConfig.environment" is the environment ("Env"), not a field; set its variables instead  [pconfig-path]
    override(long, {"patiense": 3})  # E: Path "patiense": "LongTrainerConfig" has no field "patiense"; did you mean "patience"?  [pconfig-path]
    override(cfg, {"zzz": 3})  # type: ignore[pconfig-path]
    """
        )
    )


def test_wrong_values(check: Check) -> None:
    """A value of the wrong type, `True` for an int, or a plain value for a derived field is reported."""
    check(
        snippet(
            """
    override(cfg, {"optimizer.lr": "1e-3"})  # E: Value for "optimizer.lr" has incompatible type "str"; expected "float"  [pconfig-path]
    override(cfg, {"tags[0]": 3, "training.steps": True})  # E: Value for "tags[0]" has incompatible type "int"; expected "str"  [pconfig-path] # E: Value for "training.steps" has incompatible type "bool"; expected "int"  [pconfig-path]
    override(cfg, {"total": 8})  # E: Value for "total" has incompatible type "int"; expected "Pin[int]" (a derived field: pin the value with Pin(...))  [pconfig-path]
    override(cfg, {"teacher": None, "optimizer": None})  # E: Value for "optimizer" has incompatible type "None"; expected "OptimizerConfig"  [pconfig-path]
    override(cfg, {"scales": ["a"]})  # E: Value for "scales" has incompatible type "list[str]"; expected "list[float]"  [pconfig-path]
    """
        )
    )


def test_malformed_paths(check: Check) -> None:
    """A text that is no field path is reported with the runtime's reason."""
    check(
        snippet(
            """
    override(cfg, {"optimizer..lr": 1})  # E: Path "optimizer..lr" is not a field path: expected a field name after "optimizer."  [pconfig-path]
    override(cfg, {"extra[x]": 1})  # E: Path "extra[x]" is not a field path: expected a whole number or a quoted key, then ] after "extra["  [pconfig-path]
    override(cfg, {"1abc": 1})  # E: Path "1abc" is not a field path: it must start with a field name  [pconfig-path]
    override(cfg, {"optimizer lr": 1})  # E: Path "optimizer lr" is not a field path: expected "." or "[" after "optimizer"  [pconfig-path]
    origin(cfg, "")  # E: Path "" is not a field path: it must start with a field name  [pconfig-path]
    """
        )
    )


def test_steps_the_type_cannot_take(check: Check) -> None:
    """An index of a number, a key of a list, an index past a tuple, a field of a number or under a derived field."""
    check(
        snippet(
            """
    override(cfg, {"batch_size[0]": 1})  # E: Path "batch_size[0]": "batch_size" is "int", not a list, tuple or dict, so it has no [0]  [pconfig-path]
    override(cfg, {'tags["a"]': "x"})  # E: Path "tags["a"]": "tags" is "list[str]", indexed by number, not by "a"  [pconfig-path]
    override(cfg, {"optimizer.betas[2]": 1.0})  # E: Path "optimizer.betas[2]": "optimizer.betas" has 2 elements, so [2] is out of range  [pconfig-path]
    override(cfg, {"named[0]": 1})  # E: Path "named[0]": "named" is "dict[str, DataConfig]", whose keys are "str", so it has no [0]  [pconfig-path]
    override(cfg, {"optimizer.lr.x": 1})  # E: Path "optimizer.lr.x": "optimizer.lr" is "float", not a config, so it has no field "x"  [pconfig-path]
    override(cfg, {"total.x": 1})  # E: Path "total.x": "total" is derived (computed), so nothing under it can be set; set it whole with Pin(...)  [pconfig-path]
    """
        )
    )


def test_paths_twice(check: Check) -> None:
    """The same path spelt twice, or a parent after a path under it, is refused as at run time."""
    check(
        snippet(
            """
    override(cfg, {'named["a"]': cfg.named["a"], "named['a']": cfg.named["a"]})  # E: Path "named['a']": set twice (as "named["a"]" and "named['a']"); keep one of them  [pconfig-path]
    override(cfg, {"optimizer.lr": 1.0, "optimizer": cfg.optimizer})  # E: Path "optimizer": set after "optimizer.lr", which it would replace; put "optimizer" first  [pconfig-path]
    override(cfg, {"optimizer": cfg.optimizer, "optimizer.lr": 1.0})
    """
        )
    )


def test_sweep_axes(check: Check) -> None:
    """Each value of an axis is checked against the field; an axis that is a string or a list of the wrong type too."""
    check(
        snippet(
            """
    sweep.product(cfg, {"optimizer.lr": [1e-3, "3e-4"]})  # E: Item 1 of axis "optimizer.lr" has incompatible type "str"; expected "float"  [pconfig-path]
    sweep.product(cfg, {"training.steps": "5"})  # E: Axis "training.steps" must be a list of values, not "str"  [pconfig-path]
    lrs = ["a", "b"]
    sweep.zip(cfg, {"optimizer.lr": lrs})  # E: Items of axis "optimizer.lr" have incompatible type "str"; expected "float"  [pconfig-path]
    sweep.zip(cfg, {"total": [3]})  # E: Item 0 of axis "total" has incompatible type "int"; expected "Pin[int]" (a derived field: pin the value with Pin(...))  [pconfig-path]
    sweep.product(cfg, {"optimizer.lrr": [1.0]})  # E: Path "optimizer.lrr": "OptimizerConfig" has no field "lrr"; did you mean "optimizer.lr"?  [pconfig-path]
    """
        )
    )


def test_origin(check: Check) -> None:
    """`origin` takes a path to a field, under a derived field too, never one naming a config by its index."""
    check(
        snippet(
            """
    origin(cfg, "optimizer.lrr")  # E: Path "optimizer.lrr": "OptimizerConfig" has no field "lrr"; did you mean "optimizer.lr"?  [pconfig-path]
    origin(cfg, "extra[0]")  # E: Path "extra[0]": it names a config, not a field; name one of its fields  [pconfig-path]
    origin(cfg, "optimizer")
    """
        )
    )


def test_what_is_not_checked(check: Check) -> None:
    """Paths that are not literals, changes that are not a dict display, and a sweep as the base are left alone."""
    check(
        snippet(
            """
    override(cfg, {name: 1, "batch_size": 2})
    changes = {"nope": 1}
    override(cfg, changes)
    origin(cfg, name)
    sweep.product(grid, {"nope": [1]})
    anything: object = cfg
    override(anything, {"nope": 1})
    """
        )
    )


def test_parser_is_the_runtimes() -> None:
    """The plugin's copy of the path parser gives the runtime's steps, and refuses what the runtime refuses."""
    from pconfigs import pconfig
    from pconfigs._override import path_steps
    from pconfigs.mypy._paths import Key, parse_path

    @pconfig
    class Cfg:
        x: int

    for path in ["a", "a.b", "a[0].b", "a[-2]", 'a["k"].b', "a['k']", 'a["\\"q"]', "é.b2", "a[0][1]"]:
        parsed = parse_path(path)
        assert not isinstance(parsed, str), parsed
        runtime = path_steps(Cfg, path, None)
        assert [s if isinstance(s, str) else Key(s.key) for s in runtime] == parsed[0]
    for path in ["", "a.", "a..b", "a[x]", "1a", "a b", "a[0", "a['\\N']", ".a"]:
        assert isinstance(parse_path(path), str)
        with pytest.raises(TypeError, match="is not a field path"):
            path_steps(Cfg, path, None)


# Incremental mode and the daemon: a path's answer depends on classes the experiment need not import.

OPTIMIZER = "from pconfigs import pconfig\n\n\n@pconfig\nclass OptimizerConfig:\n    lr: float\n"
TRAINER = (
    "from pconfigs import pconfig\n\nfrom project.optim import OptimizerConfig\n\n\n"
    "@pconfig\nclass TrainerConfig:\n    optimizer: OptimizerConfig\n"
)
EXPERIMENT = (
    "from pconfigs import override\n\nfrom project.trainer import TrainerConfig\n\n\n"
    'def vary(cfg: TrainerConfig) -> TrainerConfig:\n    return override(cfg, {"optimizer.lr": 0.1})\n\n\n'
    'def top(cfg: TrainerConfig) -> None:\n    override(cfg, {"optimizer.lr": 0.2})\n'
)
RENAMED = sorted(
    Diagnostic(
        "project/experiment.py",
        line,
        "error",
        'Path "optimizer.lr": "OptimizerConfig" has no field "lr"; its fields are: rate  [pconfig-path]',
    )
    for line in (7, 11)
)


@pytest.fixture
def project(tmp_path: Path) -> Checker:
    checker = Checker(tmp_path / "src", tmp_path / "cache")
    checker.write(
        {
            "project/__init__.py": "",
            "project/optim.py": OPTIMIZER,
            "project/trainer.py": TRAINER,
            "project/experiment.py": EXPERIMENT,
        }
    )
    return checker


def cold(checker: Checker, tmp_path: Path) -> list[Diagnostic]:
    fresh = Checker(checker.root, tmp_path / f"cold-{len(list(tmp_path.glob('cold-*')))}")
    fresh.config_file = checker.config_file
    return sorted(fresh.run("-p", "project").diagnostics)


def test_incremental_after_renaming_a_nested_field(project: Checker, tmp_path: Path) -> None:
    """Renaming a field of a sub-config's class, in a module the experiment never imports, rechecks its paths."""
    optim = project.root / "project/optim.py"
    assert project.run("-p", "project").diagnostics == []
    edit(optim, OPTIMIZER.replace("lr:", "rate:"))
    assert sorted(project.run("-p", "project").diagnostics) == RENAMED == cold(project, tmp_path)
    edit(optim, OPTIMIZER)
    assert project.run("-p", "project").diagnostics == [] == cold(project, tmp_path)


@pytest.fixture
def daemon(project: Checker, tmp_path: Path) -> Iterator[list[str]]:
    status = tmp_path / "dmypy.json"
    command = [sys.executable, "-m", "mypy.dmypy", "--status-file", str(status)]
    try:
        yield command
    finally:
        if status.exists():
            subprocess.run([*command, "stop"], cwd=project.root, capture_output=True, timeout=120, check=False)


def daemon_check(command: list[str], checker: Checker) -> list[Diagnostic]:
    args = [*command, "run", "--", "--config-file", str(checker.config_file), "--show-error-codes"]
    args += ["--no-error-summary", "--hide-error-context", "--no-pretty", "--no-color-output", "-p", "project"]
    done = subprocess.run(args, cwd=checker.root, capture_output=True, text=True, timeout=300, check=False)
    assert "INTERNAL ERROR" not in done.stdout + done.stderr, done.stdout + done.stderr
    return sorted(parse(done.stdout, checker.root))


def test_daemon_after_renaming_a_nested_field(project: Checker, daemon: list[str], tmp_path: Path) -> None:
    """Under dmypy, renaming and restoring a sub-config's field changes the paths' answers as in a cold run."""
    optim = project.root / "project/optim.py"
    assert daemon_check(daemon, project) == []
    edit(optim, OPTIMIZER.replace("lr:", "rate:"))
    assert daemon_check(daemon, project) == RENAMED == cold(project, tmp_path)
    edit(optim, OPTIMIZER)
    assert daemon_check(daemon, project) == [] == cold(project, tmp_path)
