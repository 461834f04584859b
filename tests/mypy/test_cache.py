"""Incremental mode and the mypy daemon give the same answers as a cold run, after edits to a registration."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from .conftest import DEFAULT_CONFIG, EXAMPLE_SRC, TRAINER, Checker, Diagnostic, parse

THIRD = "from project.modules.trainer import TrainerConfig\n\nconfig = TrainerConfig(steps=5)\n"
HINT = (
    'The plugin sees no default for "TrainerConfig": it reads registrations only in "project.modules.trainer"; for '
    'one made elsewhere, list "project.modules.trainer.TrainerConfig" in defaults_elsewhere under [tool.pconfigs-mypy]'
)
MISSING = sorted(
    [
        Diagnostic(
            "project/experiments/third.py",
            3,
            "error",
            f'Missing named argument "{name}" for "TrainerConfig"  [call-arg]',
        )
        for name in ("base_lr", "total_steps", "min_lr_ratio", "grad_accum_steps", "num_devices")
    ]
    + [Diagnostic("project/experiments/third.py", 3, "note", HINT)]
)


@pytest.fixture
def project(tmp_path: Path) -> Checker:
    checker = Checker(tmp_path / "src", tmp_path / "cache")
    checker.write(
        {
            "project/__init__.py": "",
            "project/modules/__init__.py": "",
            "project/experiments/__init__.py": "",
            "project/modules/trainer.py": TRAINER.read_text(encoding="utf-8"),
            "project/experiments/first.py": (EXAMPLE_SRC / "project/experiments/first.py").read_text(encoding="utf-8"),
            "project/experiments/second.py": (EXAMPLE_SRC / "project/experiments/second.py").read_text(
                encoding="utf-8"
            ),
            "project/experiments/third.py": THIRD,
        }
    )
    return checker


def edit(path: Path, text: str) -> None:
    """Rewrite a file and move its modification time on, so that every mode sees the change."""
    before = path.stat().st_mtime
    path.write_text(text, encoding="utf-8")
    os.utime(path, (before + 2, before + 2))


def without_registration(trainer: str) -> str:
    return trainer[: trainer.index("pdefaults +=")]


def cold(checker: Checker, tmp_path: Path) -> list[Diagnostic]:
    fresh = Checker(checker.root, tmp_path / f"cold-{len(list(tmp_path.glob('cold-*')))}")
    fresh.config_file = checker.config_file
    return sorted(fresh.run("-p", "project").diagnostics)


def test_incremental_after_removing_and_restoring_a_registration(project: Checker, tmp_path: Path) -> None:
    """Removing the default makes the fields required in the cached run too; restoring it clears the errors."""
    trainer_path = project.root / "project/modules/trainer.py"
    trainer = trainer_path.read_text(encoding="utf-8")
    assert project.run("-p", "project").diagnostics == []

    edit(trainer_path, without_registration(trainer))
    incremental = sorted(project.run("-p", "project").diagnostics)
    assert incremental == MISSING
    assert incremental == cold(project, tmp_path)

    edit(trainer_path, trainer)
    assert project.run("-p", "project").diagnostics == [] == cold(project, tmp_path)


def test_incremental_after_changing_a_pproperty(project: Checker, tmp_path: Path) -> None:
    """A @pproperty edited to return another type is reported from the cache as in a cold run."""
    trainer_path = project.root / "project/modules/trainer.py"
    trainer = trainer_path.read_text(encoding="utf-8")
    project.run("-p", "project")
    edit(
        trainer_path,
        trainer.replace("def effective_batch_size(self) -> int:", "def effective_batch_size(self) -> bytes:"),
    )
    incremental = sorted(project.run("-p", "project").diagnostics)
    assert [d.message for d in incremental] == [
        'Return type "bytes" of pproperty "effective_batch_size" incompatible with field type "int"  [pproperty]',
        'Incompatible return value type (got "int", expected "bytes")  [return-value]',
    ]
    assert incremental == cold(project, tmp_path)


def test_changing_the_plugin_settings_invalidates_the_cache(project: Checker, tmp_path: Path) -> None:
    """The escape hatch's setting is part of the cache key: changing it rechecks with the new setting."""
    trainer_path = project.root / "project/modules/trainer.py"
    edit(trainer_path, without_registration(trainer_path.read_text(encoding="utf-8")))
    project.config_file.write_text(
        DEFAULT_CONFIG + "\n[pconfigs-mypy]\ndefaults_elsewhere = project.modules.trainer.TrainerConfig\n"
    )
    assert project.run("-p", "project").diagnostics == []
    project.config_file.write_text(DEFAULT_CONFIG)
    assert sorted(project.run("-p", "project").diagnostics) == MISSING == cold(project, tmp_path)


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
    args = [
        *command,
        "run",
        "--",
        "--config-file",
        str(checker.config_file),
        "--show-error-codes",
        "--no-error-summary",
        "--hide-error-context",
        "--no-pretty",
        "--no-color-output",
        "-p",
        "project",
    ]
    done = subprocess.run(args, cwd=checker.root, capture_output=True, text=True, timeout=300, check=False)
    assert "INTERNAL ERROR" not in done.stdout + done.stderr, done.stdout + done.stderr
    return sorted(parse(done.stdout, checker.root))


def test_daemon_after_adding_and_removing_a_registration(project: Checker, daemon: list[str], tmp_path: Path) -> None:
    """Under dmypy, an edit that removes or adds `pdefaults += ...` changes the answers exactly as a cold run."""
    trainer_path = project.root / "project/modules/trainer.py"
    trainer = trainer_path.read_text(encoding="utf-8")
    edit(trainer_path, without_registration(trainer))
    assert daemon_check(daemon, project) == MISSING

    edit(trainer_path, trainer)
    assert daemon_check(daemon, project) == [] == cold(project, tmp_path)

    edit(trainer_path, without_registration(trainer))
    assert daemon_check(daemon, project) == MISSING == cold(project, tmp_path)


def test_daemon_after_editing_a_subclass_default(project: Checker, daemon: list[str], tmp_path: Path) -> None:
    """Under dmypy, a subclass in another module follows its parent's registration being removed and restored."""
    sub = project.root / "project/modules/sub.py"
    sub.write_text(
        "from pconfigs import pconfig\n"
        "from project.modules.trainer import TrainerConfig\n\n\n"
        "@pconfig\nclass LongTrainerConfig(TrainerConfig):\n    warmup: int\n\n\n"
        "config = LongTrainerConfig(warmup=3)\n",
        encoding="utf-8",
    )
    assert daemon_check(daemon, project) == []
    trainer_path = project.root / "project/modules/trainer.py"
    trainer = trainer_path.read_text(encoding="utf-8")
    edit(trainer_path, without_registration(trainer))
    removed = daemon_check(daemon, project)
    assert removed == cold(project, tmp_path)
    assert [d.message for d in removed if d.path == "project/modules/sub.py"] == sorted(
        f'Missing named argument "{name}" for "LongTrainerConfig"  [call-arg]'
        for name in ("steps", "base_lr", "total_steps", "min_lr_ratio", "grad_accum_steps", "num_devices")
    )
    edit(trainer_path, trainer)
    assert daemon_check(daemon, project) == [] == cold(project, tmp_path)


TARGET = "def train(data: list[int], *, lr: float = 0.1) -> float:\n    return lr\n"
CALL_CONFIG = (
    "from pconfigs import pconfig\nfrom project.modules.library import train\n\n\n"
    "@pconfig(calls=train)\nclass TrainCall: ...\n"
)
CALL_EXPERIMENT = "from project.modules.calls import TrainCall\n\nresult: float = TrainCall(lr=0.5)([1])\n"
RENAMED = sorted(
    [
        Diagnostic(
            "project/experiments/calls.py",
            3,
            "error",
            'Unexpected keyword argument "lr" for "TrainCall"  [call-arg]',
        ),
        Diagnostic(
            "project/experiments/calls.py",
            3,
            "error",
            'Incompatible types in assignment (expression has type "str", variable has type "float")  [assignment]',
        ),
    ]
)


def call_config_project(project: Checker) -> Path:
    for name, text in (
        ("project/modules/library.py", TARGET),
        ("project/modules/calls.py", CALL_CONFIG),
        ("project/experiments/calls.py", CALL_EXPERIMENT),
    ):
        (project.root / name).write_text(text, encoding="utf-8")
    return project.root / "project/modules/library.py"


def renamed(target: str) -> str:
    return target.replace("lr: float = 0.1) -> float", "rate: float = 0.1) -> str").replace("return lr", "return ''")


def test_incremental_after_changing_a_called_function(project: Checker, tmp_path: Path) -> None:
    """A `calls=` config follows its function's signature from the cache as in a cold run."""
    library = call_config_project(project)
    assert project.run("-p", "project").diagnostics == []
    edit(library, renamed(TARGET))
    assert sorted(project.run("-p", "project").diagnostics) == RENAMED == cold(project, tmp_path)
    edit(library, TARGET)
    assert project.run("-p", "project").diagnostics == [] == cold(project, tmp_path)


def test_daemon_after_changing_a_called_function(project: Checker, daemon: list[str], tmp_path: Path) -> None:
    """Under dmypy, a `calls=` config follows its function's signature as a cold run does."""
    library = call_config_project(project)
    assert daemon_check(daemon, project) == []
    edit(library, renamed(TARGET))
    assert daemon_check(daemon, project) == RENAMED == cold(project, tmp_path)
    edit(library, TARGET)
    assert daemon_check(daemon, project) == [] == cold(project, tmp_path)
