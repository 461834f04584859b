"""The `ray` launcher: sweep points as Ray tasks on a real local Ray runtime (DESIGN 6.4)."""

from __future__ import annotations

import importlib
import importlib.util
import json
import os
import pickle
import shutil
import sys
import tempfile
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

ray = pytest.importorskip("ray")

from pconfigs._extension import rebuild, to_dict  # noqa: E402
from pconfigs.cli import _job, _record  # noqa: E402
from pconfigs.cli._launch import Job, make_launcher  # noqa: E402
from pconfigs.cli._launch_ray import RayLauncher  # noqa: E402
from pconfigs.cli._target import UsageError  # noqa: E402

MODELS = """\
import json
import os
import pickle

from pconfigs import pconfig, pconfiged, pdefaults, penv
from pconfigs.pinnable import Pinned, pproperty


@penv(convention="uppercase")
class ClusterEnv:
    world_size: int = 1


@pconfiged(runnable=True)
class Trainer:
    config: "TrainerConfig"

    def main(self, *args):
        cfg = self.config
        print(f"training {cfg.name}: per_device_batch={cfg.per_device_batch}")
        if cfg.mode == "block":  # opening a FIFO that nobody writes to waits forever, without sleeping
            with open(os.path.join(cfg.out, "never.fifo")) as fifo:
                fifo.read()
        with open(os.path.join(cfg.out, cfg.name + ".pkl"), "wb") as file:
            pickle.dump(cfg, file)
        seen = {"pid": os.getpid(), "cwd": os.getcwd(), "args": list(args), "env": os.environ.get("WORLD_SIZE")}
        with open(os.path.join(cfg.out, cfg.name + ".json"), "w") as file:
            json.dump(seen, file)
        if cfg.mode == "fail":
            raise RuntimeError("boom in main")
        if cfg.mode == "crash":
            os._exit(3)
        return cfg.status


@pconfig(constructs=Trainer)
class TrainerConfig:
    environment: ClusterEnv
    name: str
    out: str
    mode: str
    status: int
    batch_size: int
    per_device_batch: Pinned[int]

    @pproperty
    def per_device_batch(self) -> int:
        return self.batch_size // self.environment.world_size


pdefaults += TrainerConfig(name="point", out=".", mode="ok", status=0, batch_size=32, per_device_batch=Pinned)
"""

TARGET = "raysweep.models.config"


class Runtime:
    """One local Ray runtime shared by the tests of this module, started by the launcher's own code; a test of
    the launcher's start and shutdown stops it first, and the next test that needs it starts it again."""

    def __init__(self) -> None:
        self.temp_dir = tempfile.mkdtemp(prefix="pcray")  # short: Ray's socket paths live under it
        self.running: Any = None

    def start(self) -> None:
        if self.running is None:
            self.running = RayLauncher({"temp_dir": self.temp_dir}, None)._runtime()
            self.running.__enter__()

    def stop(self) -> None:
        if self.running is not None:
            running, self.running = self.running, None
            running.__exit__(None, None, None)


@pytest.fixture(scope="module")
def runtime() -> Iterator[Runtime]:
    shared = Runtime()
    try:
        yield shared
    finally:
        shared.stop()
        shutil.rmtree(shared.temp_dir, ignore_errors=True)


@pytest.fixture
def running(runtime: Runtime) -> Runtime:
    runtime.start()
    return runtime


@pytest.fixture(scope="module")
def models(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """The module `raysweep.models`, from a folder on `sys.path` of this process only (not of Ray's workers)."""
    root = tmp_path_factory.mktemp("app")
    (root / "raysweep").mkdir()
    (root / "raysweep" / "__init__.py").write_text("")
    (root / "raysweep" / "models.py").write_text(MODELS)
    sys.path.insert(0, str(root))
    try:
        yield importlib.import_module("raysweep.models")
    finally:
        sys.path.remove(str(root))
        for name in [n for n in sys.modules if n == "raysweep" or n.startswith("raysweep.")]:
            del sys.modules[name]


class Sweep:
    """Points of a test: configs built here, their records written as the sweep command writes them."""

    def __init__(self, models: Any, root: Path) -> None:
        self.models = models
        self.root = root
        self.out = root / "out"
        self.out.mkdir()
        self.configs: dict[str, Any] = {}
        self.finished: list[tuple[str, int | None]] = []

    def point(self, name: str, **changes: Any) -> Job:
        cfg = self.models.TrainerConfig(name=name, out=str(self.out), **changes)
        folder = self.root / "records" / name
        _record.write_before(str(folder), cfg, TARGET, [TARGET])
        _job.write_payload(str(folder), cfg, TARGET, ["--epochs", "1"])
        self.configs[name] = cfg
        return Job(name, str(folder))

    def done(self, job: Job, status: int | None) -> None:
        self.finished.append((job.name, status))

    def seen(self, name: str) -> dict[str, Any]:
        return json.loads((self.out / f"{name}.json").read_text())

    def arrived(self, name: str) -> Any:
        return pickle.loads((self.out / f"{name}.pkl").read_bytes())

    def record(self, name: str, file: str) -> Any:
        return json.loads((self.root / "records" / name / file).read_text())

    def log(self, name: str) -> str:
        return (self.root / "records" / name / "output.log").read_text()


@pytest.fixture
def sweep(models: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Sweep:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("WORLD_SIZE", "1")
    return Sweep(models, tmp_path)


def moment(text: str) -> datetime:
    return datetime.fromisoformat(text)


class Spy:
    """Ray, with the refs each `ray.wait` was given and each `ray.cancel` noted."""

    def __init__(self) -> None:
        self.waits: list[int] = []
        self.cancelled: list[Any] = []

    def __getattr__(self, name: str) -> Any:
        return getattr(ray, name)

    def wait(self, refs: list[Any], **kwargs: Any) -> Any:
        self.waits.append(len(refs))
        return ray.wait(refs, **kwargs)

    def cancel(self, ref: Any, **kwargs: Any) -> Any:
        assert kwargs == {"force": True}
        self.cancelled.append(ref)
        return ray.cancel(ref, **kwargs)


def descendants() -> list[int]:
    """The processes started by this one, at any depth (Ray's servers and workers)."""
    parents: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as stat:
                    parents[int(entry)] = int(stat.read().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
    found, frontier = [], [os.getpid()]
    while frontier:
        parent = frontier.pop()
        children = [pid for pid, ppid in parents.items() if ppid == parent]
        found += children
        frontier += children
    return found


def listening(pids: list[int]) -> list[str]:
    """The local addresses (hexadecimal, as /proc/net/tcp writes them) of the TCP sockets `pids` listen on."""
    inodes = set()
    for pid in pids:
        try:
            for fd in os.listdir(f"/proc/{pid}/fd"):
                with_target = os.readlink(f"/proc/{pid}/fd/{fd}")
                if with_target.startswith("socket:["):
                    inodes.add(with_target[8:-1])
        except OSError:
            continue
    addresses = []
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        with open(table) as text:
            for line in text.read().splitlines()[1:]:
                fields = line.split()
                if fields[3] == "0A" and fields[9] in inodes:  # 0A: LISTEN
                    addresses.append(fields[1].split(":")[0])
    return addresses


def command(pid: int) -> list[bytes]:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
    except OSError:  # ended meanwhile
        return []


def environment(pid: int) -> list[bytes]:
    try:
        return Path(f"/proc/{pid}/environ").read_bytes().split(b"\0")
    except OSError:
        return []


def is_dashboard(argv: list[bytes]) -> bool:
    return any(arg.endswith(b"dashboard/dashboard.py") for arg in argv)


LOOPBACK = {"0100007F", "0000000000000000FFFF00000100007F", "00000000000000000000000001000000"}
"""127.0.0.1 in /proc/net/tcp, and as IPv6 (IPv4-mapped, and ::1)."""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads the sockets of Ray's servers from /proc")
def test_a_local_runtime_binds_loopback_without_dashboard_and_is_shut_down(
    runtime: Runtime, sweep: Sweep, tmp_path: Path
) -> None:
    """With no address, the launcher starts Ray on 127.0.0.1 with no dashboard and no usage reporting, keeps it in
    temp_dir, and shuts it down afterwards, leaving the environment as it was."""
    runtime.stop()
    before = {name: os.environ.get(name) for name in ("RAY_USAGE_STATS_ENABLED", "RAY_ENABLE_WINDOWS_OR_OSX_CLUSTER")}
    temp_dir = tempfile.mkdtemp(prefix="pcray")
    seen: dict[str, Any] = {}

    def done(job: Job, status: int | None) -> None:
        pids = descendants()
        seen["listening"] = listening(pids)
        seen["dashboards"] = [(command(pid), environment(pid)) for pid in pids if is_dashboard(command(pid))]
        seen["nodes"] = [node["NodeManagerAddress"] for node in ray.nodes()]
        seen["gcs"] = ray.get_runtime_context().gcs_address
        seen["usage"] = os.environ.get("RAY_USAGE_STATS_ENABLED")
        sweep.done(job, status)

    try:
        RayLauncher({"temp_dir": temp_dir}, None).launch([sweep.point("a")], done)
        assert sweep.finished == [("a", 0)]
        assert seen["nodes"] == ["127.0.0.1"] and seen["gcs"].startswith("127.0.0.1:")
        assert seen["listening"] and set(seen["listening"]) <= LOOPBACK
        # Ray keeps a head process for its usage statistics: no web frontend, and told not to report.
        for argv, variables in seen["dashboards"]:
            assert b"--disable-frontend" in argv and b"RAY_USAGE_STATS_ENABLED=0" in variables
        assert seen["usage"] == "0"
        assert any(name.startswith("session_") for name in os.listdir(temp_dir))
        assert not ray.is_initialized()
        assert {name: os.environ.get(name) for name in before} == before
    finally:
        shutil.rmtree(temp_dir, ignore_errors=True)


def test_ctrl_c_shuts_down_a_runtime_the_launcher_started(runtime: Runtime, sweep: Sweep) -> None:
    """KeyboardInterrupt while the launcher waits shuts down the local runtime it started, and is raised again."""
    runtime.stop()

    def interrupt(job: Job, status: int | None) -> None:
        raise KeyboardInterrupt

    launcher = RayLauncher({"temp_dir": runtime.temp_dir}, None)
    with pytest.raises(KeyboardInterrupt):
        launcher.launch([sweep.point("a")], interrupt)
    assert not ray.is_initialized()


def test_an_address_where_no_ray_runs_is_a_usage_error(runtime: Runtime, sweep: Sweep, tmp_path: Path) -> None:
    """`address=auto` with no cluster to find is a usage error carrying Ray's words, and nothing is run."""
    runtime.stop()
    empty = tmp_path / "ray"  # where Ray looks for the address of a cluster started on this machine
    empty.mkdir()
    with pytest.raises(ConnectionError) as refused:
        ray.init(address="auto", _temp_dir=str(empty), log_to_driver=False)
    ray.shutdown()
    with pytest.raises(UsageError) as info:
        RayLauncher({"address": "auto", "temp_dir": str(empty)}, None).launch([sweep.point("a")], sweep.done)
    assert info.value.message == f"--launcher ray: cannot connect to Ray at 'auto': {refused.value}"
    assert info.value.hint == (
        "start a cluster first (ray start --head), or drop address= (and unset RAY_ADDRESS) to start a local runtime"
    )
    assert sweep.finished == [] and not ray.is_initialized()


def test_points_arrive_equal_and_run_in_fresh_workers_in_their_own_environment(
    running: Runtime, sweep: Sweep, tmp_path: Path
) -> None:
    """Each point runs in a new worker process, where its config arrives equal and is rebuilt from the job's
    environment (a runtime_env variable, not the launcher's), with the launcher's directory and package path; its
    record is complete."""
    # Ray alone does not give its workers this process's sys.path: the points' point.json does.
    assert ray.get(ray.remote(max_calls=1)(lambda: importlib.util.find_spec("raysweep") is None).remote())
    jobs = [sweep.point("a"), sweep.point("b", status=3), sweep.point("c", batch_size=64)]
    options = {"runtime_env": '{"env_vars": {"WORLD_SIZE": "4"}}', "num_cpus": "1"}
    RayLauncher(options, None).launch(jobs, sweep.done)
    assert sorted(sweep.finished) == [("a", 0), ("b", 3), ("c", 0)]
    pids = {sweep.seen(name)["pid"] for name in "abc"}
    assert len(pids) == 3 and os.getpid() not in pids
    for name in "abc":
        launched = sweep.configs[name]
        assert launched.per_device_batch == launched.batch_size  # WORLD_SIZE=1 where it was launched
        arrived = sweep.arrived(name)
        assert to_dict(arrived, inputs=True) == to_dict(launched, inputs=True)
        assert arrived.per_device_batch == launched.batch_size // 4
        with pytest.MonkeyPatch.context() as env:
            env.setenv("WORLD_SIZE", "4")
            assert arrived == rebuild(launched)
        assert sweep.seen(name) | {"pid": 0} == {"pid": 0, "cwd": str(tmp_path), "args": ["--epochs", "1"], "env": "4"}
        started, status = sweep.record(name, "started.json"), sweep.record(name, "status.json")
        assert started["pid"] == sweep.seen(name)["pid"]
        assert (status["status"], status["exception"]) == ({"b": 3}.get(name, 0), None)
        per_device = launched.batch_size // 4
        assert f"training {name}: per_device_batch={per_device}\n" in sweep.log(name)


def test_a_failing_point_is_reported_while_the_others_finish(running: Runtime, sweep: Sweep) -> None:
    """A point whose main raises reports status 1 and a point whose worker dies reports none, with Ray's account
    in its log, while the other points finish."""
    jobs = [sweep.point("fails", mode="fail"), sweep.point("crashes", mode="crash"), sweep.point("ok")]
    RayLauncher({}, None).launch(jobs, sweep.done)
    assert sorted(sweep.finished, key=str) == sorted([("fails", 1), ("crashes", None), ("ok", 0)], key=str)
    assert sweep.record("fails", "status.json")["exception"]["message"] == "boom in main"
    assert sweep.record("ok", "status.json")["status"] == 0
    assert not (Path(jobs[1].folder) / "status.json").exists()
    log = sweep.log("crashes")
    assert "training crashes: per_device_batch=32\n" in log
    assert "\n=== ray: the task of this point failed (" in log
    assert log.count("training crashes:") == 1  # run once: no retry unless max_retries asks


def test_max_parallel_caps_the_tasks_in_flight(running: Runtime, sweep: Sweep) -> None:
    """With max_parallel=1 the launcher keeps one task in flight, so the points run one after another."""
    jobs = [sweep.point(name) for name in "abc"]
    launcher = RayLauncher({}, 1)
    launcher.ray = spy = Spy()
    launcher.launch(jobs, sweep.done)
    assert sweep.finished == [("a", 0), ("b", 0), ("c", 0)]
    assert set(spy.waits) == {1}
    times = [
        (moment(sweep.record(n, "started.json")["time"]), moment(sweep.record(n, "status.json")["ended"]))
        for n in "abc"
    ]
    assert times[0][1] <= times[1][0] and times[1][1] <= times[2][0]


def test_without_a_cap_every_point_is_submitted_at_once(running: Runtime, sweep: Sweep) -> None:
    """With no max_parallel every point is submitted before the first wait, and Ray schedules them."""
    jobs = [sweep.point(name) for name in "abc"]
    launcher = RayLauncher({}, None)
    launcher.ray = spy = Spy()
    launcher.launch(jobs, sweep.done)
    assert sorted(sweep.finished) == [("a", 0), ("b", 0), ("c", 0)]
    assert spy.waits[0] == 3


def test_ctrl_c_cancels_every_unfinished_task(running: Runtime, sweep: Sweep) -> None:
    """KeyboardInterrupt raised from `done` cancels every task still pending or running (their workers killed),
    and is raised again."""
    os.mkfifo(sweep.out / "never.fifo")
    jobs = [sweep.point("ok"), sweep.point("stuck", mode="block"), sweep.point("queued", mode="block")]
    launcher = RayLauncher({}, None)
    launcher.ray = spy = Spy()

    def interrupt(job: Job, status: int | None) -> None:
        sweep.done(job, status)
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        launcher.launch(jobs, interrupt)
    assert sweep.finished == [("ok", 0)]
    assert len(spy.cancelled) == 2
    for ref in spy.cancelled:
        with pytest.raises(ray.exceptions.TaskCancelledError):
            ray.get(ref)
    assert not (Path(jobs[1].folder) / "status.json").exists()
    assert not (Path(jobs[2].folder) / "status.json").exists()


def test_a_point_asking_for_more_than_the_local_runtime_has_is_refused(running: Runtime) -> None:
    """A task option asking for more of a resource than the local runtime has is a usage error, not a hang."""
    gpus = ray.cluster_resources().get("GPU", 0)
    with pytest.raises(UsageError) as info:
        RayLauncher({"num_gpus": str(gpus + 1)}, None)._check_fits()
    assert info.value.message == (
        f"--launcher-option num_gpus: each point asks for {gpus + 1:g} GPU, and the local Ray runtime has {gpus:g}"
    )
    assert info.value.hint == (
        "ask for less, give the local runtime more (init.num_gpus=...), or give address= of a cluster that has it"
    )
    RayLauncher({"num_cpus": "1"}, None)._check_fits()


class TestOptions:
    """`--launcher-option`s of the ray launcher, checked when it is made."""

    def test_an_unknown_option_is_refused_with_a_suggestion(self) -> None:
        """An unknown option is a usage error naming it, with a "did you mean"."""
        with pytest.raises(UsageError) as info:
            RayLauncher({"num_gpu": "1"}, None)
        assert info.value.message == "--launcher-option num_gpu: the ray launcher has no such option"
        assert info.value.hint == "did you mean 'num_gpus'?"

    def test_an_unknown_option_with_nothing_close_lists_the_options(self) -> None:
        """An option like none of the known ones lists them all."""
        with pytest.raises(UsageError) as info:
            RayLauncher({"partition": "gpu"}, None)
        assert info.value.message == "--launcher-option partition: the ray launcher has no such option"
        assert info.value.hint == (
            "where Ray runs: address, namespace, temp_dir; each point's task: num_cpus, num_gpus, memory, resources, "
            "accelerator_type, label_selector, max_retries, retry_exceptions, runtime_env, scheduling_strategy; a "
            "local runtime: init.num_cpus, init.num_gpus, init.resources, init.object_store_memory, init.runtime_env"
        )

    def test_values_are_python_literals_json_or_text(self) -> None:
        """Values are read as Python literals, then JSON, else kept as text; address-like options stay text."""
        launcher = RayLauncher(
            {
                "num_gpus": "0.5",
                "resources": "{'tpu': 1}",
                "retry_exceptions": "true",
                "namespace": "7",
                "init.num_cpus": "2",
                "scheduling_strategy": "SPREAD",
            },
            None,
        )
        assert launcher.task_options == {
            "max_retries": 0,
            "num_gpus": 0.5,
            "resources": {"tpu": 1},
            "retry_exceptions": True,
            "scheduling_strategy": "SPREAD",
        }
        assert (launcher.namespace, launcher.init_options, launcher.address) == ("7", {"num_cpus": 2}, None)

    def test_a_value_ray_refuses_is_a_usage_error(self) -> None:
        """A task option value Ray refuses is a usage error carrying Ray's own words."""
        with pytest.raises((TypeError, ValueError)) as refused:
            ray.remote(max_calls=1)(_job.run_point).options(max_retries=0, num_gpus="many")
        with pytest.raises(UsageError) as info:
            RayLauncher({"num_gpus": "many"}, None)
        assert info.value.message == f"--launcher-option: Ray refused the task options: {refused.value}"

    def test_init_options_need_a_local_runtime(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """Options that size a local runtime are refused with an address, given or in RAY_ADDRESS."""
        monkeypatch.setenv("RAY_ADDRESS", "auto")
        with pytest.raises(UsageError) as info:
            RayLauncher({"init.num_cpus": "4"}, None)
        assert info.value.message == (
            "--launcher-option init.num_cpus: init options size a local Ray runtime, not the cluster at auto"
        )
        assert info.value.hint == "drop them, or drop address= (and unset RAY_ADDRESS) to start a local runtime"

    def test_max_parallel_needs_at_least_one(self) -> None:
        """A cap below 1 is refused, since no point could ever run."""
        with pytest.raises(UsageError) as info:
            RayLauncher({}, 0)
        assert (info.value.message, info.value.hint) == ("--max-parallel 0: needs at least 1", "e.g. --max-parallel 4")

    def test_no_points_start_nothing(self, runtime: Runtime) -> None:
        """A launch with no points returns at once, without starting Ray."""
        runtime.stop()
        RayLauncher({}, None).launch([], lambda job, status: pytest.fail("no point to report"))
        assert not ray.is_initialized()

    def test_make_launcher_names_the_ray_launcher(self, tmp_path: Path) -> None:
        """`--launcher ray` makes the ray launcher, with its options and cap."""
        launcher = make_launcher("ray", {"address": "auto"}, str(tmp_path), 3)
        assert isinstance(launcher, RayLauncher)
        assert (launcher.address, launcher.max_parallel) == ("auto", 3)


def test_a_missing_ray_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without Ray installed, `--launcher ray` is a usage error naming the extra that installs it."""
    monkeypatch.setitem(sys.modules, "ray", None)
    with pytest.raises(UsageError) as info:
        RayLauncher({}, None)
    assert info.value.message == "--launcher ray needs Ray, which is not installed"
    assert info.value.hint == "pip install 'pconfigs-cli[ray]'"
