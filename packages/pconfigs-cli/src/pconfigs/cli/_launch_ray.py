"""The `ray` launcher: each sweep point a Ray task in a fresh worker process (DESIGN 6.4).

Every point is one call of `pconfigs.cli._job.run_point(folder)`, a module-level function that Ray pickles by
name, declared `max_calls=1` so that the worker process that ran it exits afterwards and the next point gets a new
one (a point must never see what an earlier one left in its interpreter). Only the record folder's path travels
through Ray; the job reads the config from the folder and rebuilds it in the worker's environment (`_job`).

Where Ray runs:

* with no address (neither `address=` nor `RAY_ADDRESS`), a local runtime started for the sweep and shut down
  after it: every server bound to 127.0.0.1 (Ray resolves a loopback node address to the machine's public one
  unless it is told it is not forming a cluster, `RAY_ENABLE_WINDOWS_OR_OSX_CLUSTER=0`), no dashboard, no usage
  reporting (`RAY_USAGE_STATS_ENABLED=0`), and `log_to_driver=False`, so what a point prints stays in its own
  `output.log` instead of reaching the terminal. Ray keeps its session files where it usually does (`/tmp/ray`, or
  `RAY_TMPDIR`) unless `temp_dir=` names another folder;
* `address=auto`, `address=HOST:PORT` or `address=ray://HOST:10001`: that cluster, left running afterwards (the
  connection is closed);
* when this process already runs Ray (the experiment's own code called `ray.init`), that runtime, left as it is.

`--launcher-option KEY=VALUE` values are text, read as a Python literal when they are one (`num_gpus=1`,
`resources={"tpu": 1}`, `runtime_env={"env_vars": {"WORLD_SIZE": "8"}}`), or JSON (`retry_exceptions=true`), or
else kept as text (`address=auto`). A plain KEY is one of Ray's options of each point's task; `init.KEY` sizes the
local runtime (`ray.init`'s own arguments); `address`, `namespace` and `temp_dir` say where Ray runs. Ray checks
the task options' values when the launcher is made, before anything is written or started, and a point that asks
for more than the local runtime has is refused there, since Ray would otherwise wait for it forever.

A point whose task failed (its worker died, or Ray could not run the function) is reported with no status, and
Ray's account of it is appended to the point's `output.log`. Ray does not run it again unless `max_retries=N` asks
(Ray's own default retries a task whose worker died, which would run a point twice into one record). Ctrl-C
cancels every task not yet finished (the worker killed), shuts down a runtime started here, and re-raises.
"""

from __future__ import annotations

import ast
import contextlib
import json
import logging
import os
from collections.abc import Iterator, Sequence
from typing import Any

from ._job import LOG_FILE, run_point
from ._launch import Done, Job
from ._target import UsageError

__all__ = ["RayLauncher", "PLACE_OPTIONS", "INIT_OPTIONS", "TASK_OPTIONS"]

PLACE_OPTIONS = ("address", "namespace", "temp_dir")
"""Where Ray runs (kept as text)."""

INIT_OPTIONS = ("num_cpus", "num_gpus", "resources", "object_store_memory", "runtime_env")
"""`init.KEY`: `ray.init`'s arguments that size a local runtime (a cluster's own size is the cluster's)."""

TASK_OPTIONS = (
    "num_cpus",
    "num_gpus",
    "memory",
    "resources",
    "accelerator_type",
    "label_selector",
    "max_retries",
    "retry_exceptions",
    "runtime_env",
    "scheduling_strategy",
)
"""Ray's options of each point's task (`RemoteFunction.options`)."""

_TEXT = {"address", "namespace", "temp_dir", "accelerator_type", "scheduling_strategy"}
"""Options whose value is always the text given (`namespace=1` names the namespace "1")."""

_LOCAL_ENVIRONMENT = {"RAY_USAGE_STATS_ENABLED": "0", "RAY_ENABLE_WINDOWS_OR_OSX_CLUSTER": "0"}
"""Set while a local runtime starts and runs: no usage reporting, and a node address that stays 127.0.0.1."""

_WAIT_SECONDS = 1.0
"""How long one `ray.wait` blocks: waiting in slices keeps Ctrl-C prompt whatever Ray does with signals."""

_INSTALL = "pip install 'pconfigs-cli[ray]'"


class RayLauncher:
    """`--launcher ray`: each point a Ray task (see the module docstring); at most `max_parallel` at once."""

    def __init__(self, options: dict[str, str], max_parallel: int | None) -> None:
        self.ray = _import_ray()
        if max_parallel is not None and max_parallel < 1:
            raise UsageError(f"--max-parallel {max_parallel}: needs at least 1", "e.g. --max-parallel 4")
        self.max_parallel = max_parallel
        place, self.init_options, task_options = _split(options)
        self.task_options = {"max_retries": 0, **task_options}
        self.address = place.get("address") or os.environ.get("RAY_ADDRESS") or None
        self.namespace = place.get("namespace")
        temp_dir = place.get("temp_dir")
        self.temp_dir = os.path.abspath(temp_dir) if temp_dir else None
        if self.address is not None and self.init_options:
            given = ", ".join(f"init.{key}" for key in self.init_options)
            raise UsageError(
                f"--launcher-option {given}: init options size a local Ray runtime, not the cluster at {self.address}",
                "drop them, or drop address= (and unset RAY_ADDRESS) to start a local runtime",
            )
        self.remote = self.ray.remote(max_calls=1)(run_point)
        try:
            self.remote.options(**self.task_options)  # Ray checks the values here, before anything is written
        except (TypeError, ValueError) as err:
            raise UsageError(f"--launcher-option: Ray refused the task options: {err}", _options_hint()) from None

    def launch(self, jobs: Sequence[Job], done: Done) -> None:
        ray = self.ray
        if not jobs:
            return
        with self._runtime() as local:
            if local:
                self._check_fits()
            pending: dict[Any, Job] = {}
            waiting = list(reversed(jobs))
            try:
                while waiting or pending:
                    while waiting and (self.max_parallel is None or len(pending) < self.max_parallel):
                        job = waiting.pop()
                        pending[self.remote.options(**self.task_options, name=job.name).remote(job.folder)] = job
                    ready, _ = ray.wait(list(pending), num_returns=1, timeout=_WAIT_SECONDS)
                    for ref in ready:
                        job = pending.pop(ref)
                        done(job, self._status(ref, job))
            except BaseException:
                for ref in pending:
                    with contextlib.suppress(Exception):
                        ray.cancel(ref, force=True)
                raise

    def _status(self, ref: Any, job: Job) -> int | None:
        """The point's exit status, as `run_point` returned it; None, with Ray's account appended to the point's
        log, when the task failed."""
        ray = self.ray
        try:
            status = ray.get(ref)
        except ray.exceptions.RayError as err:
            text = str(err).rstrip("\n")
            with contextlib.suppress(OSError):
                with open(os.path.join(job.folder, LOG_FILE), "a", encoding="utf-8", errors="replace") as log:
                    log.write(f"=== ray: the task of this point failed ({type(err).__name__})\n{text}\n")
            return None
        return status if isinstance(status, int) and not isinstance(status, bool) else None

    @contextlib.contextmanager
    def _runtime(self) -> Iterator[bool]:
        """Ray running for the sweep: yields whether it is a local runtime started here. A runtime started here is
        shut down on leaving, and a connection made here closed (the cluster itself keeps running)."""
        ray = self.ray
        if ray.is_initialized():
            if self.init_options:
                given = ", ".join(f"init.{key}" for key in self.init_options)
                raise UsageError(
                    f"--launcher-option {given}: Ray already runs in this process, so there is no runtime to size",
                    "drop the init options, or leave starting Ray to the launcher",
                )
            yield False
            return
        common: dict[str, Any] = {"namespace": self.namespace, "log_to_driver": False, "logging_level": logging.WARNING}
        if self.temp_dir is not None:
            common["_temp_dir"] = self.temp_dir
        if self.address is not None:
            try:
                ray.init(address=self.address, **common)
            except (ConnectionError, RuntimeError, ValueError, TypeError, SystemExit) as err:
                with contextlib.suppress(Exception):
                    ray.shutdown()
                # Ray exits (SystemExit) when the address answers nothing: say that rather than its exit status.
                why = "nothing answered there" if isinstance(err, SystemExit) else str(err)
                raise UsageError(
                    f"--launcher ray: cannot connect to Ray at {self.address!r}: {why}",
                    "start a cluster first (ray start --head), or drop address= (and unset RAY_ADDRESS) to start "
                    "a local runtime",
                ) from None
            try:
                yield False
            finally:
                ray.shutdown()
            return
        with _local_environment(ray):
            try:
                ray.init(
                    address="local",
                    include_dashboard=False,
                    _node_ip_address="127.0.0.1",
                    **common,
                    **self.init_options,
                )
            except (TypeError, ValueError) as err:
                with contextlib.suppress(Exception):
                    ray.shutdown()
                raise UsageError(f"--launcher-option: Ray refused the init options: {err}", _options_hint()) from None
            try:
                yield True
            finally:
                ray.shutdown()

    def _check_fits(self) -> None:
        """Refuse a point that asks for more of a resource than the local runtime has (Ray would wait forever)."""
        have = self.ray.cluster_resources()
        asked = {"CPU": self.task_options.get("num_cpus", 1), "GPU": self.task_options.get("num_gpus", 0)}
        asked["memory"] = self.task_options.get("memory", 0)
        resources = self.task_options.get("resources")
        if isinstance(resources, dict):
            asked.update(resources)
        options = {"CPU": "num_cpus", "GPU": "num_gpus", "memory": "memory"}
        for name, amount in asked.items():
            if isinstance(amount, (int, float)) and amount > have.get(name, 0):
                option = options.get(name, "resources")
                raise UsageError(
                    f"--launcher-option {option}: each point asks for {amount:g} {name}, and the local Ray runtime "
                    f"has {have.get(name, 0):g}",
                    f"ask for less, give the local runtime more (init.{option}=...), or give address= of a cluster "
                    "that has it",
                )


def _import_ray() -> Any:
    try:
        import ray
    except ModuleNotFoundError as err:
        if err.name != "ray":
            raise
        raise UsageError("--launcher ray needs Ray, which is not installed", _INSTALL) from None
    return ray


def _split(options: dict[str, str]) -> tuple[dict[str, str], dict[str, Any], dict[str, Any]]:
    """`--launcher-option`s as (where Ray runs, `ray.init` arguments, task options); an unknown key is refused."""
    place: dict[str, str] = {}
    init: dict[str, Any] = {}
    task: dict[str, Any] = {}
    known = [*PLACE_OPTIONS, *TASK_OPTIONS, *(f"init.{key}" for key in INIT_OPTIONS)]
    for key, text in options.items():
        if key in PLACE_OPTIONS:
            place[key] = text
        elif key in TASK_OPTIONS:
            task[key] = text if key in _TEXT else _value(text)
        elif key.startswith("init.") and key[5:] in INIT_OPTIONS:
            init[key[5:]] = _value(text)
        else:
            raise UsageError(f"--launcher-option {key}: the ray launcher has no such option", _options_hint(key, known))
    return place, init, task


def _value(text: str) -> Any:
    """An option's value: a Python literal, else JSON, else the text itself."""
    try:
        return ast.literal_eval(text)
    except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
        pass
    try:
        return json.loads(text)
    except ValueError:
        return text


def _options_hint(key: str | None = None, known: Sequence[str] = ()) -> str:
    from pconfigs._extension import did_you_mean

    close = did_you_mean(key, known) if key is not None else None
    listed = (
        f"where Ray runs: {', '.join(PLACE_OPTIONS)}; each point's task: {', '.join(TASK_OPTIONS)}; a local "
        f"runtime: {', '.join('init.' + k for k in INIT_OPTIONS)}"
    )
    return close or listed


@contextlib.contextmanager
def _local_environment(ray: Any) -> Iterator[None]:
    """The variables of `_LOCAL_ENVIRONMENT` set (the runtime's processes inherit them when they start), and Ray's
    cluster flag cleared where Ray was imported before they were set; both restored on leaving."""
    saved = {name: os.environ.get(name) for name in _LOCAL_ENVIRONMENT}
    constants: Any = getattr(getattr(ray, "_private", None), "ray_constants", None)
    flag = getattr(constants, "ENABLE_RAY_CLUSTER", None)
    os.environ.update(_LOCAL_ENVIRONMENT)
    if flag is not None:
        constants.ENABLE_RAY_CLUSTER = False
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
        if flag is not None:
            constants.ENABLE_RAY_CLUSTER = flag
