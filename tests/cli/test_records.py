"""Run records: `pconfigs-run TARGET --record DIR` writes them, and the commands read them back (DESIGN 6.3)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

BIN = Path(sys.executable).parent
SECOND = "project.experiments.second.config"
PRE_RUN = [
    "command.json",
    "config.json",
    "config.py",
    "environment.json",
    "git.json",
    "origins.json",
    "origins.py",
    "started.json",
    "versions.json",
]

MODELS = """\
import os

from pconfigs import pconfig, pconfiged, pdefaults, penv


@penv(convention="uppercase")
class WorkerEnv:
    workers: int = 2


@pconfiged(runnable=True)
class Job:
    config: "JobConfig"

    def main(self, *args):
        print(f"steps={self.config.steps} args={list(args)}")
        if self.config.mode == "fail":
            raise RuntimeError("boom in main")
        if self.config.mode == "vanish":
            os._exit(0)
        if self.config.mode == "chdir":
            os.chdir(os.sep)
        if self.config.mode == "exit":
            raise SystemExit(4)
        return self.config.status


@pconfig(constructs=Job)
class JobConfig:
    steps: int
    mode: str
    status: int
    extra: object
    environment: WorkerEnv


pdefaults += JobConfig(
    steps=1,
    mode="ok",
    status=0,
    extra=None,
)
"""

EXPERIMENTS = """\
from recapp.models import JobConfig

config = JobConfig(steps=3)
failing = JobConfig(config, mode="fail")
vanishing = JobConfig(config, mode="vanish")
moving = JobConfig(config, mode="chdir")
three = JobConfig(config, status=3)
exiting = JobConfig(config, mode="exit")
opaque = JobConfig(config, extra=object())
"""


@pytest.fixture
def app(tmp_path: Path) -> Path:
    """A folder holding the package `recapp`, a git repository with one commit, and the current directory of runs."""
    root = tmp_path / "work"
    pkg = root / "recapp"
    pkg.mkdir(parents=True)
    (pkg / "__init__.py").write_text("")
    (pkg / "models.py").write_text(MODELS)
    (pkg / "experiments.py").write_text(EXPERIMENTS)
    git(root, "init", "-q")
    git(root, "add", "recapp")
    git(root, "commit", "-q", "-m", "first")
    return root


def git(root: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.com", "-c", "commit.gpgsign=false", *args],
        cwd=root,
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout


def call(cwd: Path, tool: str, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    environ = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1", **(env or {})}
    return subprocess.run(
        [str(BIN / tool), *args], cwd=cwd, capture_output=True, text=True, encoding="utf-8", env=environ
    )


def load(folder: Path, name: str) -> Any:
    return json.loads((folder / name).read_text(encoding="utf-8"))


def test_a_record_holds_the_config_before_main_and_the_status_after(tmp_path: Path) -> None:
    """The record holds the runnable snapshot and JSON (overrides applied), the command line and the versions, then
    the status."""
    record = tmp_path / "runs" / "a"
    result = call(tmp_path, "pconfigs-run", SECOND, "base_lr=5e-4", "--record", str(record), "--", "x")
    assert (result.returncode, result.stderr) == (0, "")
    names = {p.name for p in record.iterdir()}
    assert names - {"git.diff"} == {*PRE_RUN, "status.json"}  # git.diff: when this repository has changes
    runnable = call(tmp_path, "pconfigs-print", "--runnable", SECOND, "base_lr=5e-4")
    assert (record / "config.py").read_text(encoding="utf-8") == runnable.stdout
    as_json = call(tmp_path, "pconfigs-print", "--format", "json", SECOND, "base_lr=5e-4")
    assert (record / "config.json").read_text(encoding="utf-8") == as_json.stdout
    assert load(record, "command.json") == {
        "command": "pconfigs-run",
        "argv": [SECOND, "base_lr=5e-4", "--record", str(record), "--", "x"],
        "target": SECOND,
        "overrides": ["base_lr=5e-4"],
        "args": ["x"],
        "cwd": str(tmp_path),
        "python": str(BIN / "python"),
    }
    versions = load(record, "versions.json")
    assert versions["python"] == "{}.{}.{}".format(*sys.version_info[:3])
    assert {"pconfigs-core", "pconfigs-pinnable", "pconfigs-cli", "pconfigs-example-project"} <= set(
        versions["packages"]
    )
    assert load(record, "environment.json") == {}
    status = load(record, "status.json")
    assert (status["status"], status["exception"]) == (0, None)
    assert status["started"] == load(record, "started.json")["time"]
    assert status["started"] <= status["ended"] and status["duration"] >= 0


def test_a_record_reads_back_through_print_and_diff(tmp_path: Path) -> None:
    """`pconfigs-print DIR` prints the recorded config; `pconfigs-diff` compares records with each other and with
    dotted paths."""
    a, b = tmp_path / "a", tmp_path / "b"
    assert call(tmp_path, "pconfigs-run", SECOND, "base_lr=5e-4", "--record", str(a)).returncode == 0
    assert call(tmp_path, "pconfigs-run", SECOND, "steps=2", "--record", str(b)).returncode == 0
    printed = call(tmp_path, "pconfigs-print", str(a))
    assert (printed.returncode, printed.stdout) == (0, call(tmp_path, "pconfigs-print", SECOND, "base_lr=5e-4").stdout)
    both = call(tmp_path, "pconfigs-diff", str(a), str(b))
    assert (both.returncode, both.stderr) == (1, "")
    assert both.stdout.splitlines()[:2] == ["steps: 5 -> 2", "base_lr: 0.0005 -> 0.001"]
    same = call(tmp_path, "pconfigs-diff", str(b), SECOND, "steps=2")
    assert (same.returncode, same.stdout, same.stderr) == (0, "", "")
    today = call(tmp_path, "pconfigs-diff", str(a), SECOND, "--format", "json")
    assert today.returncode == 1
    assert json.loads(today.stdout)[0] == {
        "path": "base_lr",
        "old": 0.0005,
        "new": 0.001,
        "kind": "changed",
        "derived": False,
    }


def test_origins_and_why_of_a_record_are_those_recorded(tmp_path: Path) -> None:
    """`--origins DIR` and `DIR --why PATH` show where each value came from when the record was written, not the
    lines of the snapshot."""
    record = tmp_path / "a"
    assert call(tmp_path, "pconfigs-run", SECOND, "base_lr=5e-4", "--record", str(record)).returncode == 0
    origins = call(tmp_path, "pconfigs-print", "--origins", str(record))
    live = call(tmp_path, "pconfigs-print", "--origins", SECOND, "base_lr=5e-4")
    assert (origins.returncode, origins.stdout, origins.stderr) == (0, live.stdout, "")
    assert "    base_lr=0.0005,  # command line\n" in origins.stdout
    why = call(tmp_path, "pconfigs-print", str(record), "--why", "total_steps")
    live_why = call(tmp_path, "pconfigs-print", SECOND, "--why", "total_steps")
    assert (why.returncode, why.stdout) == (0, live_why.stdout)
    assert why.stdout.startswith("total_steps: 2 layers, newest first\n  1. copied from the base first_expr (")
    recorded = load(record, "origins.json")
    assert recorded["base_lr"] == {
        "origin": "command line",
        "layers": [
            {"kind": "command line", "file": None, "line": None, "detail": "base_lr", "text": "command line base_lr"}
        ],
    }
    assert recorded["effective_batch_size"]["origin"] == "derived from grad_accum_steps, num_devices"


@pytest.mark.parametrize(
    "args, message",
    [
        (
            ["--origins", "{record}", "steps=2"],
            "pconfigs-print: --origins cannot go with overrides on the run record {record}: it shows the origins "
            "recorded with it\n"
            "  hint: drop the overrides, or print the overridden config without --origins\n",
        ),
        (
            ["--origins", "--docs", "{record}"],
            "pconfigs-print: --docs cannot go with --origins on the run record {record}\n"
            "  hint: the record holds its origins as printed when it ran; print --docs and --origins separately\n",
        ),
        (
            ["{record}", "--why", "step"],
            "pconfigs-print: {record}: --why step: the record has no field path 'step'\n"
            "  hint: did you mean 'steps'?\n",
        ),
    ],
)
def test_reading_recorded_origins_refuses_what_it_cannot_show(tmp_path: Path, args: list[str], message: str) -> None:
    """Overrides, --docs with --origins, and an unknown --why path on a record are each one message and exit 2."""
    record = tmp_path / "a"
    assert call(tmp_path, "pconfigs-run", SECOND, "--record", str(record)).returncode == 0
    result = call(tmp_path, "pconfigs-print", *(a.format(record=record) for a in args))
    assert (result.returncode, result.stdout, result.stderr) == (2, "", message.format(record=record))


def test_an_exception_in_main_is_recorded_with_its_type_and_message(app: Path) -> None:
    """main raising leaves status 1 with the exception's type, message and context note."""
    result = call(app, "pconfigs-run", "recapp.experiments.failing", "--record", "runs/f")
    assert result.returncode == 1
    status = load(app / "runs" / "f", "status.json")
    assert (status["status"], status["exception"]) == (
        1,
        {
            "type": "RuntimeError",
            "message": "boom in main",
            "notes": ["while running Job.main for recapp.experiments.failing"],
        },
    )


def test_the_status_main_returns_is_recorded(app: Path) -> None:
    """An int returned by main is the recorded status, as it is the exit status."""
    result = call(app, "pconfigs-run", "recapp.experiments.three", "--record", "runs/t")
    assert (result.returncode, load(app / "runs" / "t", "status.json")["status"]) == (3, 3)


def test_system_exit_in_main_is_recorded_with_its_code(app: Path) -> None:
    """main raising SystemExit records its code as the status, as the process exits with it."""
    result = call(app, "pconfigs-run", "recapp.experiments.exiting", "--record", "runs/x")
    status = load(app / "runs" / "x", "status.json")
    assert (result.returncode, status["status"], status["exception"]["type"]) == (4, 4, "SystemExit")


def test_a_record_runs_again_into_a_new_record(app: Path) -> None:
    """A record's folder is a TARGET of pconfigs-run too: the new record holds the same snapshot."""
    assert call(app, "pconfigs-run", "recapp.experiments.config", "steps=4", "--record", "runs/a").returncode == 0
    again = call(app, "pconfigs-run", "runs/a", "--record", "runs/b")
    assert (again.returncode, again.stdout) == (0, "steps=4 args=[]\n")
    assert (app / "runs" / "b" / "config.py").read_text() == (app / "runs" / "a" / "config.py").read_text()
    assert load(app / "runs" / "b", "command.json")["target"] == "runs/a"


def test_a_run_that_never_ends_leaves_no_status(app: Path) -> None:
    """A process that dies inside main leaves the pre-run parts and no status.json: the record did not finish."""
    from pconfigs.cli._record import read_status

    result = call(app, "pconfigs-run", "recapp.experiments.vanishing", "--record", "runs/v")
    assert result.returncode == 0
    record = app / "runs" / "v"
    assert {p.name for p in record.iterdir()} == set(PRE_RUN)
    assert read_status(str(record)) is None


def test_the_status_is_written_even_when_main_changes_directory(app: Path) -> None:
    """A relative DIR is the folder it named when the run began, whatever main does to the working directory."""
    result = call(app, "pconfigs-run", "recapp.experiments.moving", "--record", "runs/m")
    assert result.returncode == 0
    assert load(app / "runs" / "m", "status.json")["status"] == 0


def test_git_state_commit_dirty_flag_and_diff(app: Path) -> None:
    """A clean checkout records its commit and no diff; a changed file makes it dirty, with the diff in git.diff;
    the record's own folder does not count as a change."""
    head = git(app, "rev-parse", "HEAD").strip()
    assert call(app, "pconfigs-run", "recapp.experiments.config", "--record", "runs/clean").returncode == 0
    clean = load(app / "runs" / "clean", "git.json")
    assert clean == {
        "repository": str(app.resolve()),
        "commit": head,
        "branch": git(app, "rev-parse", "--abbrev-ref", "HEAD").strip(),
        "dirty": False,
        "diff": None,
        "untracked": [],
        "error": None,
    }
    assert not (app / "runs" / "clean" / "git.diff").exists()
    shutil.rmtree(app / "runs")  # another record is an untracked change like any other file
    experiments = app / "recapp" / "experiments.py"
    experiments.write_text(experiments.read_text().replace("steps=3", "steps=4"))
    (app / "notes.txt").write_text("new\n")
    assert call(app, "pconfigs-run", "recapp.experiments.config", "--record", "runs/dirty").returncode == 0
    dirty = load(app / "runs" / "dirty", "git.json")
    assert (dirty["commit"], dirty["dirty"], dirty["diff"], dirty["untracked"]) == (
        head,
        True,
        "git.diff",
        ["notes.txt"],
    )
    patch = (app / "runs" / "dirty" / "git.diff").read_text()
    assert "-config = JobConfig(steps=3)\n+config = JobConfig(steps=4)\n" in patch


def test_git_missing_or_no_repository_never_stops_the_run(tmp_path: Path, app: Path) -> None:
    """Without git on PATH, or outside any repository, the run goes on and git.json says why it holds no commit."""
    no_git = call(app, "pconfigs-run", "recapp.experiments.config", "--record", "runs/n", env={"PATH": str(BIN)})
    assert (no_git.returncode, load(app / "runs" / "n", "git.json")) == (
        0,
        {"repository": None, "error": "git was not found"},
    )
    outside = tmp_path / "outside"
    shutil.copytree(app / "recapp", outside / "recapp")
    result = call(outside, "pconfigs-run", "recapp.experiments.config", "--record", "r")
    assert (result.returncode, load(outside / "r", "git.json")) == (0, {"repository": None, "error": None})


def test_environment_values_read_at_build_are_recorded(app: Path) -> None:
    """environment.json holds each @penv variable the build read, as Python and as the variable's text."""
    result = call(app, "pconfigs-run", "recapp.experiments.config", "--record", "runs/e", env={"WORKERS": "8"})
    assert result.returncode == 0
    assert load(app / "runs" / "e", "environment.json") == {
        "environment": {"WORKERS": {"attribute": "workers", "value": "8", "text": "8", "error": None}}
    }
    assert "# environment read at build: WORKERS=8\n" in (app / "runs" / "e" / "config.py").read_text()


def test_nothing_is_written_outside_the_record(app: Path) -> None:
    """Every file outside DIR (git's index included) is untouched, and DIR holds no temporary files."""

    def files() -> dict[str, tuple[int, int]]:
        return {
            str(p.relative_to(app)): (p.stat().st_size, p.stat().st_mtime_ns)
            for p in app.rglob("*")
            if p.is_file() and "runs" not in p.parts
        }

    experiments = app / "recapp" / "experiments.py"
    experiments.write_text(experiments.read_text() + "\n")
    before = files()
    assert call(app, "pconfigs-run", "recapp.experiments.config", "--record", "runs/a").returncode == 0
    assert files() == before
    assert sorted(p.name for p in (app / "runs" / "a").iterdir()) == sorted([*PRE_RUN, "git.diff", "status.json"])


def test_resume_skips_a_finished_record_of_the_same_config(app: Path) -> None:
    """--resume on a record that finished with status 0, for the same config and arguments, runs nothing and says
    so."""
    assert call(app, "pconfigs-run", "recapp.experiments.config", "--record", "runs/r").returncode == 0
    status = (app / "runs" / "r" / "status.json").read_text()
    again = call(app, "pconfigs-run", "recapp.experiments.config", "--record", "runs/r", "--resume")
    assert (again.returncode, again.stdout, again.stderr) == (
        0,
        "",
        "pconfigs-run: runs/r finished with status 0 for the same config and arguments; not running it again "
        "(--resume)\n",
    )
    assert (app / "runs" / "r" / "status.json").read_text() == status


@pytest.mark.parametrize(
    "first, second",
    [
        (["recapp.experiments.config"], ["recapp.experiments.config", "steps=7"]),
        (["recapp.experiments.config"], ["recapp.experiments.config", "--", "more"]),
        (["recapp.experiments.failing"], ["recapp.experiments.failing"]),
    ],
)
def test_resume_runs_again_when_the_config_changed_or_the_run_failed(
    app: Path, first: list[str], second: list[str]
) -> None:
    """--resume runs a changed config, other arguments, or a failed run again, and rewrites the record."""
    call(app, "pconfigs-run", *first, "--record", "runs/r")
    (app / "runs" / "r" / "output.txt").write_text("kept\n")
    result = call(app, "pconfigs-run", *second[:1], "--record", "runs/r", "--resume", *second[1:])
    assert result.stdout.startswith("steps=")
    command = load(app / "runs" / "r", "command.json")
    assert command["argv"] == [second[0], "--record", "runs/r", "--resume", *second[1:]]
    assert (app / "runs" / "r" / "output.txt").read_text() == "kept\n"


def record_mistakes(app: Path) -> list[tuple[list[str], str]]:
    (app / "afile").write_text("")
    (app / "full").mkdir()
    (app / "full" / "x").write_text("")
    return [
        (
            ["--record", "afile"],
            "pconfigs-run: --record 'afile' is a file, not a folder\n"
            "  hint: name a new or empty folder for the run record\n",
        ),
        (
            ["--record", "full"],
            "pconfigs-run: --record 'full' is a folder that is not empty\n"
            "  hint: name a new or empty folder, or add --resume to run again into this record\n",
        ),
        (
            ["--record", "full", "--resume"],
            "pconfigs-run: --resume: 'full' is not a run record (it has no config.py)\n"
            "  hint: name a folder written by pconfigs-run --record, or a new or empty folder\n",
        ),
        (
            ["--resume"],
            "pconfigs-run: --resume needs --record DIR\n"
            "  hint: pconfigs-run recapp.experiments.config --record DIR --resume\n",
        ),
        (
            ["--record", "afile/sub"],
            "pconfigs-run: --record 'afile/sub': cannot write the run record there (Not a directory)\n"
            "  hint: name a folder you can create and write to\n",
        ),
        (
            ["--record"],
            "pconfigs-run: option --record needs a value\n  hint: run 'pconfigs-run --help'\n",
        ),
    ]


def test_record_mistakes_exit_2_with_one_message(app: Path) -> None:
    """A --record or --resume that cannot be honoured is one message, exit 2, and main does not run."""
    for args, message in record_mistakes(app):
        result = call(app, "pconfigs-run", "recapp.experiments.config", *args)
        assert (result.returncode, result.stdout, result.stderr) == (2, "", message), args


def test_a_value_with_no_python_form_is_refused_before_anything_is_written(app: Path) -> None:
    """A config the snapshot cannot write is exit 2 naming the path; main does not run and DIR is not created."""
    result = call(app, "pconfigs-run", "recapp.experiments.opaque", "--record", "runs/o")
    assert (result.returncode, result.stdout, result.stderr) == (
        2,
        "",
        "pconfigs-run: recapp.experiments.opaque: cannot write a runnable module: these values have no Python form:\n"
        "  extra: builtins.object object\n"
        "  hint: give those fields values that print as Python, or run without --record\n",
    )
    assert not (app / "runs").exists()


def test_help_names_record_and_resume() -> None:
    """`pconfigs-run --help` describes --record DIR and --resume."""
    result = subprocess.run([str(BIN / "pconfigs-run"), "--help"], capture_output=True, text=True)
    assert result.returncode == 0
    assert "  --record DIR\n              write a run record into the new or empty folder DIR" in result.stdout
    assert "  --resume    with --record, run into an existing record again" in result.stdout


def test_the_record_functions_write_a_record_for_a_sweep(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """write_before, mark_started and write_after write a record in steps, as a launcher and a job would."""
    from pconfigs.cli._record import mark_started, read_status, write_after, write_before

    pkg = tmp_path / "src" / "sweepapp"
    pkg.mkdir(parents=True)
    (pkg / "__init__.py").write_text("")
    (pkg / "models.py").write_text(MODELS.replace("recapp", "sweepapp"))
    monkeypatch.syspath_prepend(str(tmp_path / "src"))
    monkeypatch.chdir(tmp_path)
    from sweepapp.models import JobConfig  # type: ignore[import-not-found]

    folder = tmp_path / "sweep" / "steps=2"
    write_before(str(folder), JobConfig(steps=2), "sweepapp.models.point", ["sweepapp.models.point"])
    assert {p.name for p in folder.iterdir()} == set(PRE_RUN) - {"started.json"}
    assert read_status(str(folder)) is None
    mark_started(str(folder))
    write_after(str(folder), ValueError("bad point"), 0.5)
    status = read_status(str(folder))
    assert status is not None
    assert (status["status"], status["exception"], status["duration"]) == (
        1,
        {"type": "ValueError", "message": "bad point", "notes": []},
        0.5,
    )
