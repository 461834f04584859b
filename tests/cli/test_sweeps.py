"""Sweeps on the command line (DESIGN 6.4): --sweep, --dry-run, the local and processes launchers, records,
--resume, progress and the closing table."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

BIN = Path(sys.executable).parent

MODELS = """\
import json
import os
from pconfigs import pconfig, pconfiged, pdefaults, penv, sweep, to_dict
from pconfigs.pinnable import Pinned, pproperty


@penv(convention="uppercase")
class Env:
    world_size: int = 1


@pconfig
class Optimizer:
    lr: float
    momentum: float


@pconfiged(runnable=True)
class Job:
    config: "JobConfig"

    def main(self, *args):
        print(json.dumps({"config": to_dict(self.config), "args": list(args), "pid": os.getpid()}))
        if os.environ.get("FAIL_STEPS") == str(self.config.steps):
            raise RuntimeError(f"failing at steps={self.config.steps}")
        return 0


@pconfig(constructs=Job)
class JobConfig:
    steps: int
    optimizer: Optimizer
    world: Pinned[int]
    environment: Env

    @pproperty
    def world(self) -> int:
        return self.environment.world_size

    def __post_init__(self):
        if self.steps < 0:
            raise ValueError(f"steps must not be negative, got {self.steps}")


pdefaults += Optimizer(
    lr=0.1,
    momentum=0.9,
)
config = JobConfig(steps=10, optimizer=Optimizer(), world=Pinned)
grid = sweep.product(config, {"optimizer.lr": [1e-3, 3e-4], "steps": [5, 13]})
named = {"a": config, "b": JobConfig(config, steps=2)}
listed = [config, JobConfig(config, steps=3)]
"""


@pytest.fixture()
def app(tmp_path: Path) -> Path:
    pkg = tmp_path / "swapp"
    pkg.mkdir()
    (pkg / "__init__.py").write_text("")
    (pkg / "models.py").write_text(MODELS)
    return tmp_path


def call(app: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    environ = {k: v for k, v in os.environ.items() if k not in ("FAIL_STEPS", "WORLD_SIZE")}
    environ.update(env or {})
    return subprocess.run(
        [str(BIN / "pconfigs-run"), *args], cwd=app, capture_output=True, text=True, encoding="utf-8", env=environ
    )


def durations(text: str) -> str:
    """`text` with every duration replaced by `T`, since durations vary."""
    return re.sub(r"\d+\.\d s", "T", text)


def logged(folder: Path) -> list[dict[str, object]]:
    """What each run of a point's main printed (one JSON line per run) in its output.log."""
    lines = (folder / "output.log").read_text().splitlines()
    return [json.loads(line) for line in lines if line.startswith("{")]


class TestDryRun:
    def test_prints_each_point_and_its_differences(self, app: Path) -> None:
        """`--dry-run` names every point and its differences from its base, and launches nothing."""
        result = call(app, "swapp.models.grid", "--dry-run")
        assert (result.returncode, result.stderr) == (0, "")
        assert result.stdout == (
            "4 points; nothing launched (--dry-run)\n"
            "optimizer.lr=0.001,steps=5\n  steps: 10 -> 5\n  optimizer.lr: 0.1 -> 0.001\n"
            "optimizer.lr=0.001,steps=13\n  steps: 10 -> 13\n  optimizer.lr: 0.1 -> 0.001\n"
            "optimizer.lr=0.0003,steps=5\n  steps: 10 -> 5\n  optimizer.lr: 0.1 -> 0.0003\n"
            "optimizer.lr=0.0003,steps=13\n  steps: 10 -> 13\n  optimizer.lr: 0.1 -> 0.0003\n"
        )
        assert not (app / "runs").exists()

    def test_sweep_from_the_command_line(self, app: Path) -> None:
        """`--sweep` crosses its axes in order; overrides before it apply to every point; brackets keep commas."""
        result = call(
            app,
            "swapp.models.config",
            "optimizer.momentum=0.5",
            "--sweep",
            "steps=1,2",
            "optimizer.lr=0.5,1e-1",
            "--dry-run",
        )
        assert result.returncode == 0, result.stderr
        assert result.stdout.splitlines()[:4] == [
            "4 points; nothing launched (--dry-run)",
            "steps=1,optimizer.lr=0.5",
            "  steps: 10 -> 1",
            "  optimizer.lr: 0.1 -> 0.5",
        ]
        assert "steps=2,optimizer.lr=0.1\n  steps: 10 -> 2\n" in result.stdout

    def test_a_dict_sweep_diffs_against_its_first_config(self, app: Path) -> None:
        """A dict of configs is a sweep named by its keys, each point compared with the first."""
        result = call(app, "swapp.models.named", "--dry-run")
        assert result.stdout == "2 points; nothing launched (--dry-run)\na\n  (same as the base)\nb\n  steps: 10 -> 2\n"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["swapp.models.config", "--sweep"],
            "pconfigs-run: --sweep needs at least one axis PATH=V1,V2 after it\n"
            "  hint: e.g. pconfigs-run TARGET --sweep steps=5,10\n",
        ),
        (
            ["swapp.models.config", "--sweep", "steps="],
            "pconfigs-run: --sweep 'steps=': an empty value\n"
            "  hint: separate values with single commas; quote a string that holds one: name='a,b'\n",
        ),
        (
            ["swapp.models.config", "--sweep", "steps=1,,2"],
            "pconfigs-run: --sweep 'steps=1,,2': an empty value\n"
            "  hint: separate values with single commas; quote a string that holds one: name='a,b'\n",
        ),
        (
            ["swapp.models.config", "--sweep", "steps=1", "steps=2"],
            "pconfigs-run: --sweep: the axis 'steps' is given twice\n"
            "  hint: give each axis once, with all its values\n",
        ),
        (
            ["swapp.models.config", "steps=3", "--sweep", "steps=1,2"],
            "pconfigs-run: --sweep: 'steps' is both an override and an axis\n"
            "  hint: drop the override steps=..., or the axis\n",
        ),
        (
            ["swapp.models.grid", "--sweep", "steps=1,2"],
            "pconfigs-run: --sweep: swapp.models.grid is a sweep already\n"
            "  hint: give --sweep to a config target, e.g. project.experiments.x.config\n",
        ),
        (
            ["swapp.models.Job", "--dry-run"],
            "pconfigs-run: swapp.models.Job is not a config (it is the class Job)\n"
            "  hint: name a config object (an instance of a @pconfig class)\n",
        ),
        (
            ["swapp.models.config", "--dry-run"],
            "pconfigs-run: --dry-run is for sweeps, and swapp.models.config is one config\n"
            "  hint: sweep it: pconfigs-run swapp.models.config --sweep PATH=V1,V2 --dry-run ...; or run it without "
            "--dry-run\n",
        ),
        (
            ["swapp.models.grid"],
            "pconfigs-run: swapp.models.grid is a sweep of 4 points: running it needs --record DIR\n"
            "  hint: each point writes its record and log under DIR/grid/, e.g. --record runs\n",
        ),
        (
            ["swapp.models.grid", "--record", "runs", "--launcher", "processes:0"],
            "pconfigs-run: --launcher 'processes:0': processes:N needs a whole number of processes, at least 1\n"
            "  hint: e.g. --launcher processes:4\n",
        ),
        (
            ["swapp.models.grid", "--record", "runs", "--launcher", "slurm"],
            "pconfigs-run: --launcher 'slurm' is not a launcher\n"
            "  hint: use one of: local, processes:N, submitit, ray\n",
        ),
        (
            ["swapp.models.grid", "--record", "runs", "--launcher", "proceses:2"],
            "pconfigs-run: --launcher 'proceses:2': only processes takes ':N'\n"
            "  hint: use one of: local, processes:N, submitit, ray\n",
        ),
        (
            ["swapp.models.grid", "--record", "runs", "--launcher-option", "partition"],
            "pconfigs-run: --launcher-option 'partition' is not KEY=VALUE\n"
            "  hint: e.g. --launcher-option slurm_partition=gpu\n",
        ),
        (
            ["swapp.models.grid", "--record", "runs", "--launcher-option", "a=1"],
            "pconfigs-run: --launcher-option a: the local launcher takes no options\n"
            "  hint: options go to submitit (e.g. slurm_partition=gpu) or ray (e.g. address=auto)\n",
        ),
        (
            ["swapp.models.grid", "--record", "runs", "--max-parallel", "0"],
            "pconfigs-run: --max-parallel '0' is not a whole number of at least 1\n  hint: e.g. --max-parallel 4\n",
        ),
        (
            ["swapp.models.config", "--sweep", "steps=1,x"],
            "pconfigs-run: swapp.models.config: --sweep 'steps=1,x': JobConfig.steps: expected an int, got 'x'\n"
            "  in the override 'steps=x'\n"
            "  hint: steps takes a whole number such as 2\n",
        ),
    ],
)
def test_bad_input_is_one_message_and_exit_2(app: Path, args: list[str], message: str) -> None:
    """Each mistake in a sweep's command line is one message quoting what was typed, exit 2, nothing written."""
    result = call(app, *args)
    assert (result.returncode, result.stdout, result.stderr) == (2, "", message)
    assert not (app / "runs").exists()


def test_a_point_refused_by_its_post_init_is_exit_2_naming_the_point(app: Path) -> None:
    """A point that `__post_init__` refuses stops the sweep before anything runs, with the user's traceback."""
    result = call(app, "swapp.models.config", "--sweep", "steps=1,-1", "--record", "runs")
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr.endswith(
        "ValueError: steps must not be negative, got -1\n"
        "while validating JobConfig (__post_init__), config built at the command line\n"
        "while building the sweep point 'steps=-1'\n"
    )
    assert not (app / "runs").exists()


@pytest.mark.parametrize("launcher", ["local", "processes:2"])
def test_runs_every_point_in_its_own_process_with_a_record(app: Path, launcher: str) -> None:
    """Each point runs in a process of its own, gets a complete record and a log, and arrives equal."""
    result = call(
        app, "swapp.models.grid", "--record", "runs", "--launcher", launcher, "--", "x", env={"FAIL_STEPS": "13"}
    )
    assert result.returncode == 1
    assert durations(result.stdout) == (
        "4 points: 2 succeeded, 2 failed or not run; records in runs/grid\n"
        "point                         status  duration\n"
        "optimizer.lr=0.001,steps=5    0       T\n"
        "optimizer.lr=0.001,steps=13   1       T\n"
        "optimizer.lr=0.0003,steps=5   0       T\n"
        "optimizer.lr=0.0003,steps=13  1       T\n"
    )
    progress = result.stderr.splitlines()
    assert len(progress) == 4 and progress[-1].startswith("[4/4] 2 failed, ")
    folder = app / "runs" / "grid"
    assert json.loads((folder / "sweep.json").read_text())["points"][0] == {
        "name": "optimizer.lr=0.001,steps=5",
        "folder": "optimizer.lr=0.001,steps=5",
    }
    pids = set()
    for point in folder.iterdir():
        if not point.is_dir():
            continue
        for name in ("config.py", "config.json", "origins.json", "command.json", "started.json", "status.json"):
            assert (point / name).is_file(), (point, name)
        status = json.loads((point / "status.json").read_text())
        (run,) = logged(point)
        assert run["args"] == ["x"]
        assert run["config"] == json.loads((point / "config.json").read_text())  # arrived equal
        pids.add(run["pid"])
        if point.name.endswith("steps=13"):
            assert status["status"] == 1 and status["exception"]["type"] == "RuntimeError"
            assert "RuntimeError: failing at steps=13" in (point / "output.log").read_text()
        else:
            assert status["status"] == 0 and status["exception"] is None
    assert len(pids) == 4
    printed = subprocess.run(
        [str(BIN / "pconfigs-diff"), "runs/grid/optimizer.lr=0.001,steps=5", "runs/grid/optimizer.lr=0.0003,steps=5"],
        cwd=app,
        capture_output=True,
        text=True,
    )
    assert (printed.returncode, printed.stdout) == (1, "optimizer.lr: 0.001 -> 0.0003\n")


def test_resume_runs_only_what_did_not_finish_with_status_0(app: Path) -> None:
    """`--resume` skips the points that finished with status 0 and runs the others again."""
    first = call(app, "swapp.models.config", "--sweep", "steps=5,13", "--record", "runs", env={"FAIL_STEPS": "13"})
    assert first.returncode == 1
    refused = call(app, "swapp.models.config", "--sweep", "steps=5,13", "--record", "runs")
    assert (refused.returncode, refused.stderr) == (
        2,
        "pconfigs-run: --record: 'runs/config' is not empty\n"
        "  hint: add --resume to run the points that did not finish with status 0, or name another DIR\n",
    )
    again = call(app, "swapp.models.config", "--sweep", "steps=5,13", "--record", "runs", "--resume")
    assert again.returncode == 0, again.stderr
    assert durations(again.stdout) == (
        "2 points: 2 succeeded, 0 failed or not run; records in runs/config\n"
        "point     status                    duration\n"
        "steps=5   0 (done before, skipped)  T\n"
        "steps=13  0                         T\n"
    )
    assert len(logged(app / "runs" / "config" / "steps=5")) == 1
    assert len(logged(app / "runs" / "config" / "steps=13")) == 2


ENGINES = [
    pytest.param(["--launcher", "local"], id="local"),
    pytest.param(["--launcher", "processes:2"], id="processes"),
    pytest.param(["--launcher", "submitit", "--launcher-option", "cluster=local"], id="submitit-local"),
    pytest.param(["--launcher", "ray"], id="ray"),
]


@pytest.mark.parametrize("launcher", ENGINES)
def test_every_launcher_reports_a_failing_point_and_resumes(app: Path, launcher: list[str]) -> None:
    """Through each launcher: a failing point is reported while the other finishes, and `--resume` runs only it."""
    engine = launcher[1]
    if engine in ("submitit", "ray"):
        pytest.importorskip(engine)
    sweep = ["swapp.models.config", "--sweep", "steps=5,13", "--record", "runs", *launcher]
    first = call(app, *sweep, "--", "a", env={"FAIL_STEPS": "13", "RAY_USAGE_STATS_ENABLED": "0"})
    assert first.returncode == 1, first.stderr
    assert durations(first.stdout).splitlines()[2:] == ["steps=5   0       T", "steps=13  1       T"]
    again = call(app, *sweep, "--resume", "--", "a", env={"RAY_USAGE_STATS_ENABLED": "0"})
    assert again.returncode == 0, again.stderr
    assert durations(again.stdout).splitlines()[2:] == [
        "steps=5   0 (done before, skipped)  T",
        "steps=13  0                         T",
    ]
    point = app / "runs" / "config"
    assert [run["args"] for run in logged(point / "steps=5")] == [["a"]]
    assert [run["config"]["steps"] for run in logged(point / "steps=13")] == [13, 13]


def test_the_job_rebuilds_its_point_in_its_own_environment(app: Path) -> None:
    """A point validated with one WORLD_SIZE computes its derived values from the job's own WORLD_SIZE."""
    result = call(app, "swapp.models.config", "--sweep", "steps=5", "--record", "runs", env={"WORLD_SIZE": "2"})
    assert result.returncode == 0, result.stderr
    point = app / "runs" / "config" / "steps=5"
    assert json.loads((point / "config.json").read_text())["world"] == 2
    environ = {k: v for k, v in os.environ.items() if k != "FAIL_STEPS"}
    job = subprocess.run(
        [sys.executable, "-m", "pconfigs.cli._job", str(point)], env={**environ, "WORLD_SIZE": "8"}, cwd="/"
    )
    assert job.returncode == 0
    first, second = logged(point)
    assert (first["config"]["world"], second["config"]["world"]) == (2, 8)


def test_print_prints_every_point(app: Path) -> None:
    """`pconfigs-print` of a sweep prints each point, headed by its name."""
    result = subprocess.run(
        [str(BIN / "pconfigs-print"), "swapp.models.listed"], cwd=app, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("# point 1 of 2: 0\nfrom swapp.models import")
    assert "\n# point 2 of 2: 1\nfrom swapp.models import" in result.stdout
    assert result.stdout.count("    steps=3,\n") == 1


def test_interrupting_cancels_what_was_submitted(app: Path, tmp_path: Path) -> None:
    """Ctrl-C while points run stops the launcher: running jobs are terminated and the rest never start."""
    from pconfigs.cli._launch import Job, Processes

    for name in ("a", "b", "c"):
        (tmp_path / name).mkdir()
    seen: list[str] = []

    def done(job: Job, status: int | None) -> None:
        seen.append(job.name)
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        Processes(1).launch([Job(n, str(tmp_path / n)) for n in ("a", "b", "c")], done)
    assert seen == ["a"]
    assert not (tmp_path / "c" / "output.log").exists()
