"""Launchers: how a sweep's points get run, each through an existing engine (DESIGN 6.4).

pconfigs builds the points, names them and writes their records; it never schedules anything itself. A launcher
takes the jobs (a point's name and its record folder, which holds everything the job needs: `_job`) and has an
engine run `pconfigs.cli._job.run_point(folder)` for each, every point in a process of its own, calling `done` as
each finishes. `launch` returns when every job has finished; on `KeyboardInterrupt` it cancels what it submitted
and re-raises.

* `local`: one after another, each in a child process (`python -m pconfigs.cli._job FOLDER`);
* `processes:N`: up to N child processes at once (threads of the standard library's pool wait on them, so each
  point still gets a fresh process, on every Python);
* `submitit` and `ray`: in their own modules, imported only when named, since their engines are optional extras.

The status a launcher reports is what the job's process said (its exit status, or the job function's return
value); the sweep reads the record's `status.json` for the rest.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from collections.abc import Callable, Sequence
from typing import Any, Protocol

from ._job import LOG_FILE
from ._target import UsageError

__all__ = ["Job", "Done", "Launcher", "make_launcher", "LAUNCHERS"]

LAUNCHERS = ("local", "processes:N", "submitit", "ray")


class Job:
    """One point to run: its name (for messages) and its record folder (absolute)."""

    __slots__ = ("name", "folder")

    def __init__(self, name: str, folder: str) -> None:
        self.name = name
        self.folder = folder

    def __repr__(self) -> str:
        return f"Job({self.name!r})"


Done = Callable[[Job, "int | None"], None]
"""Called once per job as it finishes, with the status its process reported (None: it gave none, it died)."""


class Launcher(Protocol):
    def launch(self, jobs: Sequence[Job], done: Done) -> None: ...


def make_launcher(spec: str, options: dict[str, str], folder: str, max_parallel: int | None) -> Launcher:
    """The launcher `--launcher SPEC` names, with `--launcher-option`s; `folder` is the sweep's record folder (the
    engines that keep files of their own keep them inside it)."""
    name, colon, count = spec.partition(":")
    if name == "processes":
        if not colon or not count.strip().isdigit() or int(count) < 1:
            raise UsageError(
                f"--launcher {spec!r}: processes:N needs a whole number of processes, at least 1",
                "e.g. --launcher processes:4",
            )
        _no_options(spec, options)
        n = int(count) if max_parallel is None else min(int(count), max_parallel)
        return Processes(n)
    if colon:
        raise UsageError(f"--launcher {spec!r}: only processes takes ':N'", f"use one of: {', '.join(LAUNCHERS)}")
    if name == "local":
        _no_options(spec, options)
        return Processes(1)
    if name == "submitit":
        engine: Launcher = _engine("_launch_submitit").SubmititLauncher(options, folder, max_parallel)
        return engine
    if name == "ray":
        engine = _engine("_launch_ray").RayLauncher(options, max_parallel)
        return engine
    from pconfigs._extension import did_you_mean

    raise UsageError(
        f"--launcher {spec!r} is not a launcher",
        did_you_mean(name, ["local", "processes", "submitit", "ray"]) or f"use one of: {', '.join(LAUNCHERS)}",
    )


def _engine(module: str) -> Any:
    """A launcher module for an optional engine, imported only when its launcher is named."""
    import importlib

    return importlib.import_module(f"pconfigs.cli.{module}")


def _no_options(spec: str, options: dict[str, str]) -> None:
    if options:
        given = ", ".join(sorted(options))
        raise UsageError(
            f"--launcher-option {given}: the {spec} launcher takes no options",
            "options go to submitit (e.g. slurm_partition=gpu) or ray (e.g. address=auto)",
        )


def job_command(folder: str) -> list[str]:
    """The command that runs one point in a child process."""
    return [sys.executable, "-m", "pconfigs.cli._job", folder]


class Processes:
    """`local` (one at a time) and `processes:N`: each job in a child process of this Python."""

    def __init__(self, parallel: int) -> None:
        self.parallel = parallel

    def launch(self, jobs: Sequence[Job], done: Done) -> None:
        from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait

        running: dict[Job, subprocess.Popen[bytes]] = {}
        lock = threading.Lock()
        stopping = threading.Event()

        def run(job: Job) -> int | None:
            if stopping.is_set():
                return None
            with open(os.path.join(job.folder, LOG_FILE), "ab") as log:
                process = subprocess.Popen(job_command(job.folder), stdin=subprocess.DEVNULL, stdout=log, stderr=log)
            with lock:
                running[job] = process
            try:
                code = process.wait()
            finally:
                with lock:
                    running.pop(job, None)
            return code if code >= 0 else None  # killed by a signal: it reported nothing

        pool = ThreadPoolExecutor(max_workers=self.parallel, thread_name_prefix="pconfigs-job")
        futures: dict[Future[int | None], Job] = {pool.submit(run, job): job for job in jobs}
        try:
            pending = set(futures)
            while pending:
                finished, pending = wait(pending, timeout=0.2, return_when=FIRST_COMPLETED)
                for future in finished:
                    done(futures[future], future.result())
        except BaseException:
            stopping.set()
            for future in futures:
                future.cancel()
            with lock:
                for process in running.values():
                    process.terminate()
            raise
        finally:
            pool.shutdown(wait=True)
