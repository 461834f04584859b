"""The experiment-testing pytest plugin: one item per config, failures named by dotted path, snapshots."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PROJECT = ROOT / "examples" / "project" / "src" / "project"


def make_copy(tmp_path: Path, snapshots: bool = False) -> Path:
    """A temporary copy of the example project as package `proj`, with a pytest.ini naming its experiments."""
    shutil.copytree(PROJECT, tmp_path / "proj")
    for path in (tmp_path / "proj").rglob("*.py"):
        path.write_text(path.read_text(encoding="utf-8").replace("project.", "proj."), encoding="utf-8")
    ini = "[pytest]\npconfigs_experiments = proj.experiments\n"
    if snapshots:
        ini += "pconfigs_snapshots = snapshots\n"
    (tmp_path / "pytest.ini").write_text(ini, encoding="utf-8")
    return tmp_path


def run_pytest(where: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(where), "PYTHONDONTWRITEBYTECODE": "1"}
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-rf", *args],
        cwd=where,
        env=env,
        capture_output=True,
        text=True,
    )


def test_inert_without_configuration(tmp_path: Path) -> None:
    """Without pconfigs_experiments the plugin collects nothing."""
    (tmp_path / "pytest.ini").write_text("[pytest]\n", encoding="utf-8")
    result = run_pytest(tmp_path)
    assert result.returncode == 5, result.stdout
    assert "no tests ran" in result.stdout


def test_every_experiment_is_one_passing_item(tmp_path: Path) -> None:
    """Each experiment config of the copy is collected once, by dotted path, and passes."""
    where = make_copy(tmp_path)
    result = run_pytest(where, "--collect-only")
    assert [line for line in result.stdout.splitlines() if "::" in line] == [
        "::pconfigs::proj.experiments.first.config",
        "::pconfigs::proj.experiments.second.config",
        "::pconfigs::proj.experiments.third.config",
    ]
    assert run_pytest(where).returncode == 0


def test_a_broken_experiment_fails_with_its_dotted_path(tmp_path: Path) -> None:
    """An experiment whose value no longer fits its field fails, naming the module and the error."""
    where = make_copy(tmp_path)
    second = where / "proj" / "experiments" / "second.py"
    second.write_text(second.read_text(encoding="utf-8").replace("base_lr=1e-3", 'base_lr="1e-3"'), encoding="utf-8")
    result = run_pytest(where)
    assert result.returncode == 1
    assert "FAILED ::pconfigs::import proj.experiments.second" in result.stdout
    assert "TypeError: TrainerConfig.base_lr: expected float, got str '1e-3'" in result.stdout


def test_required_left_fails_listing_the_fields(tmp_path: Path) -> None:
    """An experiment leaving a field Required fails with the field's dotted path."""
    where = make_copy(tmp_path)
    first = where / "proj" / "experiments" / "first.py"
    text = first.read_text(encoding="utf-8").replace(
        "from proj.modules", "from pconfigs import Required\nfrom proj.modules"
    )
    first.write_text(text.replace("num_devices=2", "num_devices=Required"), encoding="utf-8")
    result = run_pytest(where, "-k", "first")
    assert result.returncode == 1
    assert "proj.experiments.first.config: cannot run, 1 field is still Required: num_devices" in result.stdout


def test_snapshots_catch_a_changed_value(tmp_path: Path) -> None:
    """With snapshots, a refactor that changes a resolved value fails until the snapshot is rewritten."""
    where = make_copy(tmp_path, snapshots=True)
    missing = run_pytest(where)
    assert missing.returncode == 1
    assert "proj.experiments.first.config: no snapshot at snapshots/proj.experiments.first.config.py" in missing.stdout
    assert run_pytest(where, "--pconfigs-update-snapshots").returncode == 0
    assert run_pytest(where).returncode == 0
    trainer = where / "proj" / "modules" / "trainer.py"
    text = trainer.read_text(encoding="utf-8").replace("return self.grad_accum_steps * self.num_devices", "return 16")
    trainer.write_text(text, encoding="utf-8")
    changed = run_pytest(where)
    assert changed.returncode == 1
    assert "the printed config differs from its snapshot snapshots/proj.experiments.second.config.py" in changed.stdout
    assert "-    effective_batch_size=8,  # Pinned (omit from config)\n" in changed.stdout
    assert "+    effective_batch_size=16,  # Pinned (omit from config)\n" in changed.stdout
