"""The experiment-testing pytest plugin: one item per config, failures named by dotted path, snapshots."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from pconfigs import pconfig, pdefaults
from pconfigs.cli._snapshot import derived_values
from pconfigs.pinnable import Pinned, pproperty

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


def run_pytest(where: Path, *args: str, script: bool = False) -> subprocess.CompletedProcess[str]:
    """pytest in `where`: by `python -m pytest` with `where` on PYTHONPATH, or (`script`) by the `pytest` script
    with nothing added to the path."""
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    env.pop("PYTHONPATH", None)
    if script:
        command = [str(Path(sys.executable).with_name("pytest"))]
    else:
        env["PYTHONPATH"] = str(where)
        command = [sys.executable, "-m", "pytest"]
    return subprocess.run(
        [*command, "-q", "-p", "no:cacheprovider", "-rf", *args],
        cwd=where,
        env=env,
        capture_output=True,
        text=True,
    )


def failure(stdout: str, name: str) -> str:
    """The message pytest shows for the failed item `name` (between its header and the next one)."""
    lines = stdout.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("_") and f" {name} " in line)
    end = next(i for i in range(start + 1, len(lines)) if lines[i].startswith(("___", "===")))
    return "\n".join(lines[start + 1 : end])


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_inert_without_configuration(tmp_path: Path) -> None:
    """Without pconfigs_experiments the plugin collects nothing."""
    (tmp_path / "pytest.ini").write_text("[pytest]\n", encoding="utf-8")
    result = run_pytest(tmp_path)
    assert result.returncode == 5, result.stdout
    assert "no tests ran" in result.stdout


def test_every_experiment_is_one_passing_item(tmp_path: Path) -> None:
    """Each experiment config of the copy is collected once, by dotted path, and counted as collected."""
    where = make_copy(tmp_path)
    result = run_pytest(where, "--collect-only")
    assert result.stdout.splitlines()[:4] == [
        "proj.experiments.first.config",
        "proj.experiments.second.config",
        "proj.experiments.third.config",
        "",
    ]
    assert "collected 3 items" in run_pytest(where, "--collect-only", "-v").stdout
    assert run_pytest(where).returncode == 0


def test_a_pasted_node_id_selects_that_experiment(tmp_path: Path) -> None:
    """A node ID from pytest's output, given back on the command line, runs that experiment (a module's, all of
    its experiments), alongside test paths."""
    where = make_copy(tmp_path)
    (where / "test_plain.py").write_text("def test_plain():\n    pass\n", encoding="utf-8")
    one = run_pytest(where, "proj.experiments.second.config", "--collect-only")
    assert one.stdout.splitlines()[:2] == ["proj.experiments.second.config", ""]
    module = run_pytest(where, "proj.experiments.third", "test_plain.py", "-vv")
    assert module.returncode == 0, module.stdout
    assert [line.split(" ")[0] for line in module.stdout.splitlines() if " PASSED" in line] == [
        "test_plain.py::test_plain",
        "proj.experiments.third.config",
    ]


def test_a_dotted_path_that_names_nothing_fails_with_a_suggestion(tmp_path: Path) -> None:
    """A dotted path that names no experiment fails as one item, with a did-you-mean over the experiments."""
    where = make_copy(tmp_path)
    result = run_pytest(where, "proj.experiments.second.confg")
    assert result.returncode == 1
    assert failure(result.stdout, "proj.experiments.second.confg") == (
        "proj.experiments.second.confg: no experiment config has this dotted path\n"
        "  hint: did you mean 'proj.experiments.second.config'?"
    )


def test_a_module_that_fails_to_import_is_one_short_failure(tmp_path: Path) -> None:
    """A misspelt field fails the module's import: its failure shows the user's frame and the error, nothing of
    pytest, importlib or pconfigs."""
    where = make_copy(tmp_path)
    edit(where / "proj" / "experiments" / "second.py", "base_lr=1e-3", "base_lr_=1e-3")
    result = run_pytest(where, "proj.experiments.second")
    assert result.returncode == 1
    second = where / "proj" / "experiments" / "second.py"
    shown = failure(result.stdout, "proj.experiments.second").splitlines()
    # Python 3.13 shows the whole statement of a frame, 3.10 to 3.12 its first line.
    statement = second.read_text(encoding="utf-8").splitlines()[3 : 8 if sys.version_info >= (3, 13) else 4]
    # Without the position markers of Python 3.11+ (^, and from 3.13 ~).
    assert [line for line in shown if line.strip("^~ ")] == [
        "proj.experiments.second: importing the module failed",
        "Traceback (most recent call last):",
        f'  File "{second}", line 4, in <module>',
        *(f"    {line}" for line in statement),
        "TypeError: TrainerConfig.base_lr_: unknown field",
        "  set at proj/experiments/second.py:4",
        "  hint: did you mean 'base_lr'?",
    ]
    assert "FAILED proj.experiments.second - " in result.stdout


def test_an_exception_in_a_check_shows_the_users_frames(tmp_path: Path) -> None:
    """A @pproperty raising while the config is built again fails naming the experiment and the step, with the
    user's frames only."""
    where = make_copy(tmp_path)
    trainer = where / "proj" / "modules" / "trainer.py"
    edit(trainer, "return self.grad_accum_steps * self.num_devices", "return self.grad_accum_steps * _devices(self)")
    edit(
        trainer,
        "import math\n",
        "import math\n\nBUILT: list[object] = []\n\n\ndef _devices(cfg: TrainerConfig) -> int:\n    if BUILT:\n"
        '        raise RuntimeError("no devices")\n    return cfg.num_devices\n',
    )
    line = 10
    first = where / "proj" / "experiments" / "first.py"
    first.write_text(
        first.read_text(encoding="utf-8") + "\nimport proj.modules.trainer  # noqa: E402\n\n"
        "proj.modules.trainer.BUILT.append(config)\n",
        encoding="utf-8",
    )
    result = run_pytest(where, "proj.experiments.first.config")
    assert result.returncode == 1
    shown = [line for line in failure(result.stdout, "proj.experiments.first.config").splitlines() if line.strip("^~ ")]
    method = 1 + trainer.read_text(encoding="utf-8").splitlines().index(
        "        return self.grad_accum_steps * _devices(self)"
    )
    assert shown[:7] == [
        "proj.experiments.first.config: building the config again from itself raised an exception",
        "Traceback (most recent call last):",
        f'  File "{trainer}", line {method}, in effective_batch_size',
        "    return self.grad_accum_steps * _devices(self)",
        f'  File "{trainer}", line {line}, in _devices',
        '    raise RuntimeError("no devices")',
        "RuntimeError: no devices",
    ]


def test_a_package_in_the_current_directory_is_importable(tmp_path: Path) -> None:
    """Run by its `pytest` script (which does not put the current directory on the path), the plugin imports
    experiments from a package in the current directory."""
    where = make_copy(tmp_path)
    result = run_pytest(where, "--collect-only", script=True)
    assert result.stdout.splitlines()[0] == "proj.experiments.first.config", result.stdout


def test_a_package_under_src_says_what_to_set(tmp_path: Path) -> None:
    """A package that is not importable fails once, saying which pythonpath setting makes it importable."""
    where = make_copy(tmp_path)
    (where / "src").mkdir()
    (where / "proj").rename(where / "src" / "proj")
    result = run_pytest(where, script=True)
    assert result.returncode == 1
    assert failure(result.stdout, "proj.experiments") == (
        "proj.experiments: cannot import it: no module named 'proj'\n"
        '  hint: set pythonpath = ["src"] in the pytest configuration (src/proj is there), '
        "or install the project (pip install -e .)"
    )
    (where / "pytest.ini").write_text(
        (where / "pytest.ini").read_text(encoding="utf-8") + "pythonpath = src\n", encoding="utf-8"
    )
    assert run_pytest(where, script=True).returncode == 0


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


SECOND = "proj.experiments.second.config"
SNAPSHOT = f"snapshots/{SECOND}.py"
UPDATE_HINT = "  hint: run pytest --pconfigs-update-snapshots after reviewing the change"
SECOND_SNAPSHOT = """from proj.modules.trainer import TrainerConfig

config = TrainerConfig(
    steps=5,
    base_lr=0.001,
    total_steps=6,
    min_lr_ratio=0.1,
    grad_accum_steps=4,
    num_devices=2,
)

# Derived values when this snapshot was written (the pconfigs pytest plugin compares them):
# effective_batch_size = 8
# lr_schedule = [0.001, 0.0009140576474687263, 0.0006890576474687264, 0.0004109423525312737, \
0.00018594235253127368, 0.0001]
"""


def test_update_writes_the_runnable_form_and_lists_the_files(tmp_path: Path) -> None:
    """`--pconfigs-update-snapshots` writes each missing snapshot in the --runnable form, says so, and passes."""
    where = make_copy(tmp_path, snapshots=True)
    missing = run_pytest(where, "-k", "second")
    assert missing.returncode == 1
    assert failure(missing.stdout, SECOND) == (
        f"{SECOND}: no snapshot at {SNAPSHOT}\n"
        "  hint: review the printed config, then run pytest --pconfigs-update-snapshots"
    )
    update = run_pytest(where, "--pconfigs-update-snapshots")
    assert update.returncode == 0, update.stdout
    assert "pconfigs: wrote 3 snapshots" in update.stdout
    assert [line for line in update.stdout.splitlines() if line.startswith("snapshots/")] == [
        "snapshots/proj.experiments.first.config.py (new)",
        f"{SNAPSHOT} (new)",
        "snapshots/proj.experiments.third.config.py (new)",
    ]
    assert (where / SNAPSHOT).read_text(encoding="utf-8") == SECOND_SNAPSHOT
    again = run_pytest(where, "--pconfigs-update-snapshots")
    assert again.returncode == 0
    assert "pconfigs: wrote" not in again.stdout
    assert run_pytest(where).returncode == 0


def test_the_snapshot_rebuilds_an_equal_config(tmp_path: Path) -> None:
    """A written snapshot is a --runnable file: as a target of pconfigs-diff it equals the experiment."""
    where = make_copy(tmp_path, snapshots=True)
    assert run_pytest(where, "--pconfigs-update-snapshots").returncode == 0
    env = {**os.environ, "PYTHONPATH": str(where)}
    for name in ("first", "second", "third"):
        target = f"proj.experiments.{name}.config"
        same = subprocess.run(
            [sys.executable, "-m", "pconfigs.cli.diff", f"snapshots/{target}.py", target],
            cwd=where,
            env=env,
            capture_output=True,
            text=True,
        )
        assert (same.returncode, same.stdout, same.stderr) == (0, "", "")


def test_a_mismatch_shows_the_config_diff(tmp_path: Path) -> None:
    """A changed input and a changed way of computing a derived value fail as `path: old -> new` lines."""
    where = make_copy(tmp_path, snapshots=True)
    assert run_pytest(where, "--pconfigs-update-snapshots").returncode == 0
    edit(where / "proj" / "experiments" / "second.py", "steps=len(first_expr.lr_schedule) - 1", "steps=7")
    edit(where / "proj" / "modules" / "trainer.py", "return self.grad_accum_steps * self.num_devices", "return 16")
    changed = run_pytest(where, "-k", "second")
    assert changed.returncode == 1
    assert failure(changed.stdout, SECOND) == (
        f"{SECOND}: the config differs from its snapshot {SNAPSHOT} (snapshot -> now)\n"
        "  steps: 5 -> 7\n"
        "  effective_batch_size: 8 -> 16  # derived\n"
        f"{UPDATE_HINT}"
    )


def test_a_changed_derived_list_shows_the_elements(tmp_path: Path) -> None:
    """A change to how a derived list is computed shows each changed element, old values from the snapshot."""
    where = make_copy(tmp_path, snapshots=True)
    assert run_pytest(where, "--pconfigs-update-snapshots").returncode == 0
    edit(where / "proj" / "modules" / "trainer.py", "max(1, self.total_steps - 1)", "max(1, self.total_steps)")
    changed = run_pytest(where, "-k", "second")
    assert changed.returncode == 1
    assert failure(changed.stdout, SECOND) == (
        f"{SECOND}: the config differs from its snapshot {SNAPSHOT} (snapshot -> now)\n"
        "  lr_schedule[1]: 0.0009140576474687263 -> 0.0009397114317029975  # derived\n"
        "  lr_schedule[2]: 0.0006890576474687264 -> 0.0007750000000000001  # derived\n"
        "  lr_schedule[3]: 0.0004109423525312737 -> 0.00055  # derived\n"
        "  lr_schedule[4]: 0.00018594235253127368 -> 0.0003250000000000001  # derived\n"
        "  lr_schedule[5]: 0.0001 -> 0.00016028856829700258  # derived\n"
        f"{UPDATE_HINT}"
    )


def test_a_changed_input_shows_its_derived_consequences(tmp_path: Path) -> None:
    """A changed input fails with its line, then the derived values it moved."""
    where = make_copy(tmp_path, snapshots=True)
    assert run_pytest(where, "--pconfigs-update-snapshots").returncode == 0
    edit(where / "proj" / "experiments" / "second.py", "base_lr=1e-3", "base_lr=2e-3")
    changed = run_pytest(where, "-k", "second")
    assert changed.returncode == 1
    assert failure(changed.stdout, SECOND) == (
        f"{SECOND}: the config differs from its snapshot {SNAPSHOT} (snapshot -> now)\n"
        "  base_lr: 0.001 -> 0.002\n"
        "  lr_schedule[0]: 0.001 -> 0.002  # derived\n"
        "  lr_schedule[1]: 0.0009140576474687263 -> 0.0018281152949374527  # derived\n"
        "  lr_schedule[2]: 0.0006890576474687264 -> 0.0013781152949374528  # derived\n"
        "  lr_schedule[3]: 0.0004109423525312737 -> 0.0008218847050625473  # derived\n"
        "  lr_schedule[4]: 0.00018594235253127368 -> 0.00037188470506254736  # derived\n"
        "  lr_schedule[5]: 0.0001 -> 0.0002  # derived\n"
        f"{UPDATE_HINT}"
    )


def test_an_old_form_snapshot_fails_until_migrated(tmp_path: Path) -> None:
    """A snapshot holding the readable print fails saying how to migrate (with its text changes); the update
    rewrites it in the --runnable form."""
    where = make_copy(tmp_path, snapshots=True)
    (where / "snapshots").mkdir()
    printed = subprocess.run(
        [sys.executable, "-m", "pconfigs.print", SECOND],
        cwd=where,
        env={**os.environ, "PYTHONPATH": str(where)},
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "# NOTE: This code is not intended to run." in printed
    (where / SNAPSHOT).write_text(printed, encoding="utf-8")
    head = f"{SECOND}: the snapshot {SNAPSHOT} is in the old form (the readable print), which does not rebuild a config"
    old = run_pytest(where, "-k", "second")
    assert old.returncode == 1
    assert failure(old.stdout, SECOND) == (
        f"{head}\n"
        "  its text is still what pconfigs-print writes for the config\n"
        "  hint: run pytest --pconfigs-update-snapshots to rewrite it in the --runnable form"
    )
    edit(where / SNAPSHOT, "    steps=5,", "    steps=4,")
    differs = run_pytest(where, "-k", "second")
    assert failure(differs.stdout, SECOND) == (
        f"{head}\n"
        "  its text differs from what pconfigs-print writes now:\n"
        "    -    steps=4,\n"
        "    +    steps=5,\n"
        "  hint: run pytest --pconfigs-update-snapshots to rewrite it in the --runnable form after reviewing the change"
    )
    update = run_pytest(where, "-k", "second", "--pconfigs-update-snapshots")
    assert update.returncode == 0
    assert f"{SNAPSHOT} (migrated)" in update.stdout.splitlines()
    assert (where / SNAPSHOT).read_text(encoding="utf-8") == SECOND_SNAPSHOT


def test_a_snapshot_that_no_longer_loads_fails_naming_the_error(tmp_path: Path) -> None:
    """After a class is renamed, its snapshot fails to load: the failure names the file and the error."""
    where = make_copy(tmp_path, snapshots=True)
    assert run_pytest(where, "--pconfigs-update-snapshots").returncode == 0
    for path in (where / "proj").rglob("*.py"):
        path.write_text(path.read_text(encoding="utf-8").replace("TrainerConfig", "TrainingConfig"), encoding="utf-8")
    broken = run_pytest(where, "-k", "second")
    assert broken.returncode == 1
    trainer = where / "proj" / "modules" / "trainer.py"
    assert failure(broken.stdout, SECOND) == (
        f"{SECOND}: the snapshot {SNAPSHOT} no longer loads\n"
        f"  ImportError: cannot import name 'TrainerConfig' from 'proj.modules.trainer' ({trainer})\n"
        f"{UPDATE_HINT}"
    )
    assert run_pytest(where, "--pconfigs-update-snapshots").returncode == 0
    assert run_pytest(where).returncode == 0


def test_an_equal_config_written_differently_is_out_of_date(tmp_path: Path) -> None:
    """A snapshot whose config is equal but whose text is not what --runnable writes now fails as out of date."""
    where = make_copy(tmp_path, snapshots=True)
    assert run_pytest(where, "--pconfigs-update-snapshots").returncode == 0
    edit(where / SNAPSHOT, "config = TrainerConfig(\n    steps=5,\n", "config = TrainerConfig(steps=5,\n")
    stale = run_pytest(where, "-k", "second")
    assert stale.returncode == 1
    assert failure(stale.stdout, SECOND) == (
        f"{SECOND}: the snapshot {SNAPSHOT} is out of date: its config equals this one, but pconfigs-print "
        "--runnable now writes it differently\n"
        "  line 3 stored: config = TrainerConfig(steps=5,\n"
        "  line 3 now:    config = TrainerConfig(\n"
        "  hint: run pytest --pconfigs-update-snapshots to rewrite it"
    )


@pconfig
class Cell:
    size: int
    double: Pinned[int]

    @pproperty
    def double(self) -> int:
        return self.size * 2


pdefaults += Cell(size=1, double=Pinned)


@pconfig
class Grid:
    first: Cell
    rows: list[Cell]
    named: dict[str, Cell]


def test_the_derived_block_names_values_by_override_path() -> None:
    """The snapshot's derived values are found in sub-configs, list elements and dict values, by override path."""
    shared = Cell(size=5)
    grid = Grid(first=Cell(size=2), rows=[Cell(size=3), shared], named={"a b": Cell(size=4), "c": shared})
    assert derived_values(grid) == [
        ("first.double", "4"),
        ("rows[0].double", "6"),
        ("rows[1].double", "10"),
        ('named["a b"].double', "8"),
    ]
