"""The submitit launcher: a sweep's points through submitit's local executor, and through its SLURM executor
against a one-machine SLURM (fake `sbatch`, `srun`, `sacct` and `scancel` written by the tests) (DESIGN 6.4)."""

from __future__ import annotations

import contextlib
import errno
import itertools
import json
import os
import re
import select
import signal
import stat
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

submitit = pytest.importorskip("submitit")

import pconfigs  # noqa: E402
from pconfigs.cli._launch import Job  # noqa: E402
from pconfigs.cli._launch_submitit import SubmititLauncher, parse_value  # noqa: E402
from pconfigs.cli._target import UsageError  # noqa: E402

MODELS = """\
import json
import os
import signal

from pconfigs import pconfig, pconfiged, pdefaults, penv, to_dict
from pconfigs.pinnable import Pinned, pproperty


@penv(convention="uppercase")
class ClusterEnv:
    world_size: int = 1


@pconfiged(runnable=True)
class Point:
    config: "PointConfig"

    def main(self, *args):
        c = self.config
        if c.mode in ("release", "stuck"):  # a point meeting another through a named pipe never waits forever
            signal.alarm(60)
        if c.mode == "after":  # submitted only once `c.gate` (another point's status) was written
            print("before me:", os.path.exists(c.gate))
        if c.mode == "release":  # opens the stuck point's first gate: it is running once this returns
            with open(c.gate, "w"):
                pass
        if c.mode == "stuck":  # says its pid, meets the releasing point, then waits on a gate nobody opens
            with open(c.gate + ".pid", "w") as file:
                file.write(str(os.getpid()))
            with open(c.gate):
                pass
            with open(c.gate + ".never"):
                pass
        if c.mode == "fail":
            raise RuntimeError("boom in main")
        if c.mode == "kill":
            os.kill(os.getpid(), signal.SIGKILL)
        seen = {"inputs": to_dict(c, inputs=True), "world_size": c.world_size, "per_device": c.per_device}
        print("RESULT", json.dumps(seen, sort_keys=True))
        return c.status


@pconfig(constructs=Point)
class PointConfig:
    environment: ClusterEnv
    mode: str
    status: int
    batch: int
    gate: str
    world_size: Pinned[int]
    per_device: Pinned[int]

    @pproperty
    def world_size(self) -> int:
        return self.environment.world_size

    @pproperty
    def per_device(self) -> int:
        return self.batch // self.world_size


pdefaults += PointConfig(mode="ok", status=0, batch=64, gate="")
"""

FAKE_SLURM = '''\
#!{python}
"""sbatch, srun, sacct and scancel of a one-machine SLURM, for tests (one file, named by the link it is run as).

State: FAKE_SLURM_DIR/jobs.json (the next job id, each task's state and process group), under a lock; each call
is logged to FAKE_SLURM_DIR/calls.log. sbatch starts a task's batch script for each array index in the background,
at most %N at once (N lanes, each running its indices in turn), with the SLURM_* variables a job has and the
variables of FAKE_SLURM_JOB_ENV (what the cluster's job environment sets). A task ends COMPLETED (exit 0) or
FAILED; scancel makes pending and running tasks CANCELLED and kills a running one's process group (SLURM sends
SIGTERM, which submitit's job ignores, and SIGKILL after KillWait: here KillWait is 0).
"""
import contextlib
import fcntl
import json
import os
import re
import signal
import subprocess
import sys

STATE = os.environ["FAKE_SLURM_DIR"]


@contextlib.contextmanager
def jobs():
    with open(os.path.join(STATE, "lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        path = os.path.join(STATE, "jobs.json")
        with open(path) as file:
            data = json.load(file)
        yield data
        with open(path + ".tmp", "w") as file:
            json.dump(data, file)
        os.replace(path + ".tmp", path)


def log(*words):
    with open(os.path.join(STATE, "calls.log"), "a") as file:
        file.write(" ".join(words) + "\\n")


def sbatch(args):
    script = args[-1]
    with open(script) as file:
        flags = dict(re.findall(r"^#SBATCH --([\\w-]+)=?(.*)$", file.read(), re.M))
    array = re.fullmatch(r"0-(\\d+)%(\\d+)", flags.get("array", ""))
    with jobs() as data:
        job = data["next"]
        data["next"] += 100
        tasks = [f"{{job}}_{{i}}" for i in range(int(array[1]) + 1)] if array else [str(job)]
        for task in tasks:
            data["tasks"][task] = {{"state": "PENDING", "group": None}}
    log("sbatch", *(f"--{{k}}={{flags[k]}}" for k in ("array", "partition", "job-name") if k in flags))
    # As SLURM does, keep a copy of the script: submitit removes its file once sbatch returns.
    kept = os.path.join(os.path.dirname(os.path.realpath(__file__)), f"job-{{job}}.sh")
    with open(script) as file, open(kept, "w") as copy:
        copy.write(file.read())
    lanes = int(array[2]) if array else 1
    for lane in range(lanes):
        subprocess.Popen(
            [sys.executable, os.path.realpath(__file__), "--lane", kept, str(lane), str(lanes), *tasks],
            start_new_session=True, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
    print(f"Submitted batch job {{job}}")


def lane(script, index, lanes, tasks):
    with open(script) as file:
        flags = dict(re.findall(r"^#SBATCH --([\\w-]+)=?(.*)$", file.read(), re.M))
    for task in tasks[index::lanes]:
        job, _, number = task.partition("_")
        env = dict(os.environ, **json.loads(os.environ.get("FAKE_SLURM_JOB_ENV", "{{}}")))
        env.update(SLURM_JOB_ID=job, SLURM_PROCID="0", SLURM_LOCALID="0", SLURM_NODEID="0", SLURM_NTASKS="1")
        env.update(SLURM_JOB_NUM_NODES="1", SLURM_JOB_NODELIST="localhost")
        if number:
            env.update(SLURM_JOB_ID=str(int(job) + 1 + int(number)), SLURM_ARRAY_JOB_ID=job)
            env.update(SLURM_ARRAY_TASK_ID=number)
        out = expand(flags["output"], env)
        with jobs() as data, open(out, "a") as stdout, open(expand(flags.get("error", out), env), "a") as stderr:
            if data["tasks"][task]["state"] != "PENDING":
                continue
            process = subprocess.Popen(
                ["bash", script], env=env, stdin=subprocess.DEVNULL, stdout=stdout, stderr=stderr,
                start_new_session=True,
            )
            data["tasks"][task] = {{"state": "RUNNING", "group": process.pid}}
        code = process.wait()
        with jobs() as data:
            if data["tasks"][task]["state"] == "RUNNING":
                data["tasks"][task]["state"] = "COMPLETED" if code == 0 else "FAILED"


def expand(pattern, env):
    array = env.get("SLURM_ARRAY_JOB_ID")
    for key, value in (
        ("%A", array or env["SLURM_JOB_ID"]), ("%a", env.get("SLURM_ARRAY_TASK_ID", "")),
        ("%j", f"{{array}}_{{env['SLURM_ARRAY_TASK_ID']}}" if array else env["SLURM_JOB_ID"]),
        ("%t", env["SLURM_PROCID"]),
    ):
        pattern = pattern.replace(key, value)
    return pattern


def srun(args):
    out = err = None
    while args and args[0].startswith("--"):
        flag = args.pop(0)
        if flag == "--output":
            out = args.pop(0)
        elif flag == "--error":
            err = args.pop(0)
    for fd, pattern in ((1, out), (2, err or out)):
        if pattern is not None:
            os.dup2(os.open(expand(pattern, os.environ), os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644), fd)
    os.execvp(args[0], args)


def sacct(args):
    wanted = [args[i + 1] for i, arg in enumerate(args) if arg == "-j"]
    log("sacct", *wanted)
    with jobs() as data:
        tasks = dict(data["tasks"])
    print("JobID|State|NodeList")
    for task, info in tasks.items():
        if task.split("_")[0] in wanted:
            print(f"{{task}}|{{info['state']}}|localhost")


def scancel(args):
    ids = [arg for arg in args if not arg.startswith("-")]
    log("scancel", *ids)
    with jobs() as data:
        for task, info in data["tasks"].items():
            if task in ids or task.split("_")[0] in ids:
                if info["state"] == "RUNNING":
                    with contextlib.suppress(ProcessLookupError):
                        os.killpg(info["group"], signal.SIGKILL)
                if info["state"] in ("PENDING", "RUNNING"):
                    info["state"] = "CANCELLED"


if __name__ == "__main__":
    if sys.argv[1:2] == ["--lane"]:
        lane(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), sys.argv[5:])
    else:
        {{"sbatch": sbatch, "srun": srun, "sacct": sacct, "scancel": scancel}}[os.path.basename(sys.argv[0])](
            sys.argv[1:]
        )
'''

FIRST_JOB_IDS = itertools.count(1000, 10_000)
"""A fake cluster's first job id in each test: submitit remembers jobs by id for the whole process."""


@pytest.fixture
def app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    """The experiment package `swapp` in `tmp_path/src`, imported; the current directory is `tmp_path`, and the
    launching process's WORLD_SIZE is 2."""
    pkg = tmp_path / "src" / "swapp"
    pkg.mkdir(parents=True)
    (pkg / "__init__.py").write_text("")
    (pkg / "models.py").write_text(MODELS)
    monkeypatch.syspath_prepend(str(tmp_path / "src"))
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("WORLD_SIZE", "2")
    monkeypatch.setenv("SUBMITIT_LOG_LEVEL", "WARNING")
    for name in [m for m in sys.modules if m == "swapp" or m.startswith("swapp.")]:
        del sys.modules[name]
    import swapp.models  # type: ignore[import-not-found]

    yield swapp.models
    for name in [m for m in sys.modules if m == "swapp" or m.startswith("swapp.")]:
        del sys.modules[name]


@pytest.fixture
def slurm(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A fake one-machine SLURM first on PATH, whose jobs see WORLD_SIZE=16; its state folder."""
    bin_dir, state = tmp_path / "slurm-bin", tmp_path / "slurm-state"
    bin_dir.mkdir()
    state.mkdir()
    fake = bin_dir / "fake_slurm.py"
    fake.write_text(FAKE_SLURM.format(python=sys.executable))
    fake.chmod(fake.stat().st_mode | stat.S_IXUSR)
    for name in ("sbatch", "srun", "sacct", "scancel"):
        (bin_dir / name).symlink_to(fake)
    (state / "jobs.json").write_text(json.dumps({"next": next(FIRST_JOB_IDS), "tasks": {}}))
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setenv("FAKE_SLURM_DIR", str(state))
    monkeypatch.setenv("FAKE_SLURM_JOB_ENV", json.dumps({"WORLD_SIZE": "16"}))
    yield state
    tasks = json.loads((state / "jobs.json").read_text())["tasks"]
    for info in tasks.values():  # nothing outlives the test
        if info["state"] == "RUNNING":
            with contextlib.suppress(ProcessLookupError):
                os.killpg(info["group"], signal.SIGKILL)


def make_points(root: Path, configs: dict[str, Any]) -> list[Job]:
    """Each point's record folder under `root/grid`, as the sweep writes it before launching: the record's pre-run
    parts and the job's payload."""
    from pconfigs.cli._job import write_payload
    from pconfigs.cli._record import write_before

    jobs = []
    for name, cfg in configs.items():
        folder = root / "grid" / name
        write_before(str(folder), cfg, "swapp.grid", ["pconfigs-run", "swapp.grid", "--record", str(root)])
        write_payload(str(folder), cfg, "swapp.grid", [])
        jobs.append(Job(name, str(folder)))
    return jobs


def launch(launcher: SubmititLauncher, jobs: list[Job], stop_after: str | None = None) -> dict[str, int | None]:
    """Run `jobs`; the status each was reported with. With `stop_after`, Ctrl-C as that point is reported."""
    reported: dict[str, int | None] = {}

    def done(job: Job, status: int | None) -> None:
        reported[job.name] = status
        if job.name == stop_after:
            raise KeyboardInterrupt

    launcher.launch(jobs, done)
    return reported


def result(folder: Path) -> dict[str, Any]:
    """What the point's `main` printed to its log, on the RESULT line."""
    lines = [line for line in log(folder).splitlines() if line.startswith("RESULT ")]
    assert len(lines) == 1, log(folder)
    data: dict[str, Any] = json.loads(lines[0][len("RESULT ") :])
    return data


def log(folder: Path) -> str:
    return (folder / "output.log").read_text()


def status(folder: Path) -> dict[str, Any] | None:
    from pconfigs.cli._record import read_status

    return read_status(str(folder))


def notes(folder: Path) -> list[str]:
    """The lines the launcher added to the point's log."""
    return [line for line in log(folder).splitlines() if line.startswith("=== submitit: ")]


def wait_for_exit(pid: int) -> bool:
    """Whether process `pid` ends within 15 s (watched through a pidfd: no polling)."""
    try:
        fd = os.pidfd_open(pid)
    except ProcessLookupError:
        return True
    try:
        return bool(select.select([fd], [], [], 15)[0])
    finally:
        os.close(fd)


def open_never_gate(gate: Path) -> None:
    """Let a stuck point go, if it is still waiting (a failed test must not leave it behind)."""
    try:
        os.close(os.open(str(gate) + ".never", os.O_WRONLY | os.O_NONBLOCK))
    except OSError as err:
        assert err.errno in (errno.ENXIO, errno.ENOENT)


def gates(tmp_path: Path) -> Path:
    """Two named pipes: the stuck point's meeting point with the releasing one, and the gate nobody opens."""
    gate = tmp_path / "gate"
    os.mkfifo(gate)
    os.mkfifo(str(gate) + ".never")
    return gate


def grid_configs(models: Any) -> dict[str, Any]:
    base = models.PointConfig(batch=64)
    return {
        "ok": base,
        "three": models.PointConfig(base, status=3),
        "fail": models.PointConfig(base, mode="fail"),
        "killed": models.PointConfig(base, mode="kill"),
    }


def check_grid(tmp_path: Path, configs: dict[str, Any], reported: dict[str, int | None], world_size: int) -> None:
    """The statuses reported and recorded, the logs, and what each main saw of its config."""
    grid = tmp_path / "grid"
    assert reported == {"ok": 0, "three": 3, "fail": 1, "killed": None}
    for name in ("ok", "three"):
        seen = result(grid / name)
        cfg = configs[name]
        assert cfg.world_size == 2  # as built where the sweep was launched
        assert seen == {
            "inputs": pconfigs.to_dict(cfg, inputs=True),
            "world_size": world_size,
            "per_device": 64 // world_size,
        }
    assert [(status(grid / n) or {}).get("status") for n in ("ok", "three", "fail")] == [0, 3, 1]
    failed = status(grid / "fail")
    assert failed is not None and failed["exception"] == {
        "type": "RuntimeError",
        "message": "boom in main",
        "notes": ["while running Point.main for swapp.grid"],  # kept apart from the message on 3.10 too
    }
    assert "RuntimeError: boom in main" in log(grid / "fail")
    assert status(grid / "killed") is None and (grid / "killed" / "started.json").exists()
    for name in configs:
        assert re.fullmatch(r"=== submitit: job \S+ \(\w+\); submitit's logs: \S+_log\.out", notes(grid / name)[0])
    assert set(os.listdir(grid)) == {".submitit", *configs}


# -- options -----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("4", 4),
        ("1.5", 1.5),
        ("True", True),
        ('["module load cuda", "export A=1"]', ["module load cuda", "export A=1"]),
        ("gpu", "gpu"),
        ("01:00:00", "01:00:00"),
        ("node1,node2", "node1,node2"),
        ("'quoted'", "quoted"),
    ],
)
def test_option_values_are_python_literals_or_else_text(text: str, value: object) -> None:
    """A --launcher-option value is the Python literal it spells, or else its text."""
    assert parse_value(text) == value


@pytest.mark.parametrize(
    ("options", "message", "hint"),
    [
        (
            {"cluster": "local", "partiton": "gpu"},
            "--launcher-option partiton: submitit's local executor has no option 'partiton'",
            "did you mean 'slurm_partition'?",
        ),
        (
            {"cluster": "local", "xyz": "1"},
            "--launcher-option xyz: submitit's local executor has no option 'xyz'",
            "its options: cluster, cpus_per_task, gpus_per_node, max_num_timeout, max_pickle_size_gb, mem_gb, name, "
            "nodes, python, setup, stderr_to_stdout, tasks_per_node, timeout_min",
        ),
        (
            {"clustr": "local"},
            "--launcher-option clustr: submitit's local executor has no option 'clustr'",
            "did you mean 'cluster'?",
        ),
        (
            {"cluster": "lokal"},
            "--launcher-option cluster=lokal: submitit has no executor 'lokal'",
            "did you mean 'local'?",
        ),
        (
            {"cluster": "local", "timeout_min": "an hour"},
            "--launcher-option timeout_min: submitit refused it: Parameter \"timeout_min\" expected type <class 'int'> "
            '(but value: "an hour")',
            "give a value of the type submitit expects (values are Python literals, or text)",
        ),
        (
            {"cluster": "slurm"},
            "--launcher-option cluster=slurm: submitit cannot use slurm here (srun is not on PATH)",
            "run the sweep where the cluster's commands are, or use --launcher-option cluster=local",
        ),
    ],
)
def test_bad_options_are_usage_errors(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, options: dict[str, str], message: str, hint: str
) -> None:
    """An unknown option, executor or refused value is one usage error naming the option, with a hint."""
    monkeypatch.setenv("PATH", str(tmp_path))  # no srun here
    with pytest.raises(UsageError) as info:
        SubmititLauncher(options, str(tmp_path / "grid"), None)
    assert (info.value.message, info.value.hint) == (message, hint)


def test_options_reach_the_executor(tmp_path: Path) -> None:
    """Options go to submitit by its names (prefixed for the executor); the job is named after the sweep; the cap
    is the array's parallelism; submitit's folder is `.submitit` in the sweep's folder."""
    options = {"cluster": "local", "setup": "['export A=1']", "slurm_partition": "gpu", "timeout_min": "10"}
    launcher = SubmititLauncher({**options, "slurm_array_parallelism": "8"}, str(tmp_path / "grid"), 3)
    assert launcher.cluster == "local"
    assert launcher.executor.folder == tmp_path / "grid" / ".submitit"
    assert launcher.executor.parameters == {"setup": ["export A=1"], "timeout_min": 10, "name": "grid"}
    as_given = SubmititLauncher({"cluster": "local", "name": "mine"}, str(tmp_path / "grid"), None)
    assert as_given.executor.parameters == {"name": "mine"}


def test_without_slurm_submitit_picks_its_local_executor_and_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """With no cluster given and no srun on PATH, the points run on submitit's local executor, with a note."""
    monkeypatch.setenv("PATH", str(tmp_path))
    launcher = SubmititLauncher({}, str(tmp_path / "grid"), None)
    assert launcher.cluster == "local"
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == (
        "pconfigs-run: --launcher submitit: no SLURM here (srun is not on PATH); the points run on submitit's local "
        "executor (--launcher-option cluster=local says so and hides this note)\n"
    )


def test_missing_submitit_names_the_extra(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Without submitit installed, the launcher is a usage error naming the extra to install."""
    monkeypatch.setitem(sys.modules, "submitit", None)  # what an import finds when the package is absent
    with pytest.raises(UsageError) as info:
        SubmititLauncher({}, str(tmp_path), None)
    assert (info.value.message, info.value.hint) == (
        "--launcher submitit needs submitit, which is not installed",
        "install it: pip install 'pconfigs-cli[submitit]'",
    )


# -- submitit's local executor -------------------------------------------------------------------------------------


def test_local_executor_runs_each_point_in_the_jobs_environment(app: Any, tmp_path: Path) -> None:
    """On submitit's local executor every point runs, rebuilt from its pickle in the job's environment, and each
    is reported with its status; a job killed outside main is reported with None and the reason in its log."""
    configs = grid_configs(app)
    jobs = make_points(tmp_path, configs)
    options = {"cluster": "local", "setup": "['export WORLD_SIZE=8']", "timeout_min": "5"}
    reported = launch(SubmititLauncher(options, str(tmp_path / "grid"), None), jobs)
    check_grid(tmp_path, configs, reported, world_size=8)
    killed = notes(tmp_path / "grid" / "killed")
    assert re.fullmatch(r"=== submitit: job \d+: the job ended in state FINISHED without a result", killed[-1])


def test_local_executor_keeps_the_cap_on_running_points(app: Any, tmp_path: Path) -> None:
    """With at most one point at a time, the second is submitted only after the first wrote its status."""
    first_status = tmp_path / "grid" / "first" / "status.json"
    configs = {
        "first": app.PointConfig(),
        "second": app.PointConfig(mode="after", gate=str(first_status)),
    }
    jobs = make_points(tmp_path, configs)
    assert launch(SubmititLauncher({"cluster": "local"}, str(tmp_path / "grid"), 1), jobs) == {"first": 0, "second": 0}
    assert "before me: True\n" in log(tmp_path / "grid" / "second")


def test_local_executor_ctrl_c_cancels_the_running_points(app: Any, tmp_path: Path) -> None:
    """Ctrl-C while waiting interrupts the points still running (status 130 in their record) and re-raises."""
    gate = gates(tmp_path)
    configs = {
        "stuck": app.PointConfig(mode="stuck", gate=str(gate)),
        "release": app.PointConfig(mode="release", gate=str(gate)),
    }
    jobs = make_points(tmp_path, configs)
    try:
        with pytest.raises(KeyboardInterrupt):
            launch(SubmititLauncher({"cluster": "local"}, str(tmp_path / "grid"), None), jobs, stop_after="release")
        assert wait_for_exit(int(Path(str(gate) + ".pid").read_text()))
    finally:
        open_never_gate(gate)
    stuck = status(tmp_path / "grid" / "stuck")
    assert stuck is not None and stuck["status"] == 130


@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")  # submitit leaves its log files open
def test_debug_executor_runs_points_in_this_process(app: Any, tmp_path: Path) -> None:
    """submitit's debug executor runs each point in the launching process, for a debugger."""
    jobs = make_points(tmp_path, {"ok": app.PointConfig(), "three": app.PointConfig(status=3)})
    assert launch(SubmititLauncher({"cluster": "debug"}, str(tmp_path / "grid"), None), jobs) == {"ok": 0, "three": 3}
    assert result(tmp_path / "grid" / "ok")["world_size"] == 2


# -- submitit's SLURM executor, against the fake cluster ----------------------------------------------------------


def test_slurm_runs_the_points_as_one_job_array(app: Any, slurm: Path, tmp_path: Path) -> None:
    """On SLURM the points are one job array capped at --max-parallel, with the options in its batch script; each
    point runs in the job's environment and is reported with its status, a killed one with None and why."""
    configs = grid_configs(app)
    jobs = make_points(tmp_path, configs)
    options = {"cluster": "slurm", "partition": "debug", "timeout_min": "10"}
    reported = launch(SubmititLauncher(options, str(tmp_path / "grid"), 2), jobs)
    check_grid(tmp_path, configs, reported, world_size=16)
    calls = (slurm / "calls.log").read_text().splitlines()
    assert [call for call in calls if call.startswith("sbatch")] == [
        "sbatch --array=0-3%2 --partition=debug --job-name=grid"
    ]
    array = json.loads((slurm / "jobs.json").read_text())["tasks"]
    job = next(iter(array)).split("_")[0]
    # submitit takes a task with a result as done at once; the fake may mark it COMPLETED a moment later.
    assert {task: info["state"] for task, info in array.items()} in [
        {f"{job}_0": first, f"{job}_1": second, f"{job}_2": third, f"{job}_3": "FAILED"}
        for first in ("COMPLETED", "RUNNING")
        for second in ("COMPLETED", "RUNNING")
        for third in ("COMPLETED", "RUNNING")
    ]
    script = (tmp_path / "grid" / ".submitit" / f"{job}_submission.sh").read_text()
    assert "#SBATCH --time=10\n" in script
    assert f"=== submitit: job {job}_0 (slurm); submitit's logs: " in log(tmp_path / "grid" / "ok")
    errors = tmp_path / "grid" / ".submitit" / f"{job}_3_0_log.err"
    assert notes(tmp_path / "grid" / "killed")[-1] == (
        f"=== submitit: job {job}_3: the job ended in state FAILED without a result; the end of submitit's log "
        f"{errors}:"
    )
    assert log(tmp_path / "grid" / "killed").endswith(errors.read_text())  # bash: "... Killed  srun ..."
    assert (tmp_path / "grid" / ".submitit" / f"{job}_0_0_log.out").exists()


def test_slurm_single_point_is_a_plain_job(app: Any, slurm: Path, tmp_path: Path) -> None:
    """A sweep of one point is submitted as a plain job, not an array."""
    jobs = make_points(tmp_path, {"ok": app.PointConfig()})
    assert launch(SubmititLauncher({"cluster": "slurm"}, str(tmp_path / "grid"), None), jobs) == {"ok": 0}
    assert [c for c in (slurm / "calls.log").read_text().splitlines() if c.startswith("sbatch")] == [
        "sbatch --job-name=grid"
    ]
    assert result(tmp_path / "grid" / "ok")["world_size"] == 16


def test_slurm_ctrl_c_cancels_the_array(app: Any, slurm: Path, tmp_path: Path) -> None:
    """Ctrl-C while waiting cancels the array's unfinished tasks with one scancel, and re-raises."""
    gate = gates(tmp_path)
    configs = {
        "stuck": app.PointConfig(mode="stuck", gate=str(gate)),
        "release": app.PointConfig(mode="release", gate=str(gate)),
    }
    jobs = make_points(tmp_path, configs)
    try:
        with pytest.raises(KeyboardInterrupt):
            launch(SubmititLauncher({"cluster": "slurm"}, str(tmp_path / "grid"), None), jobs, stop_after="release")
        assert wait_for_exit(int(Path(str(gate) + ".pid").read_text()))
    finally:
        open_never_gate(gate)
    array = json.loads((slurm / "jobs.json").read_text())["tasks"]
    job = next(iter(array)).split("_")[0]
    # The releasing task had finished its main; the fake may not have marked it COMPLETED before the scancel.
    assert array[f"{job}_0"]["state"] == "CANCELLED" and array[f"{job}_1"]["state"] in ("COMPLETED", "CANCELLED")
    released = status(tmp_path / "grid" / "release")
    assert released is not None and released["status"] == 0
    assert [c for c in (slurm / "calls.log").read_text().splitlines() if c.startswith("scancel")] == [f"scancel {job}"]
    assert status(tmp_path / "grid" / "stuck") is None
