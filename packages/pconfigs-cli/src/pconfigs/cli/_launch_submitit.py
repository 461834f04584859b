"""The submitit launcher: a sweep's points as SLURM jobs, through submitit (DESIGN 6.4).

submitit is the engine: it writes the batch script, calls `sbatch`, pickles the function each job runs and its
result, and asks `sacct` how jobs ended. This module only chooses and configures submitit's executor, submits
`pconfigs.cli._job.run_point(folder)` once per point (a module-level function, so submitit pickles it by
reference and the job imports it), and reports each point as it finishes.

* The executor: `--launcher-option cluster=slurm|local|debug` (any executor submitit knows, plugins included);
  without it, the one submitit detects: SLURM when `srun` is on PATH, else its local executor, which runs each
  point as a process of this machine (a note on stderr says so).
* submitit's folder (batch scripts, pickles, its own logs of each job) is `.submitit` inside the sweep's record
  folder. The point's own log is `output.log` in its record, written by the job; the launcher adds to it the
  submitit job id at submission, and, when submitit reports a failure (an exception outside `main`, a job killed,
  cancelled or out of time), why.
* `--launcher-option KEY=VALUE` goes to submitit: VALUE is a Python literal (`4`, `1.5`, `True`,
  `["module load cuda"]`) or else its text. KEY is one of submitit's shared parameters (`timeout_min`, `mem_gb`,
  `gpus_per_node`, `cpus_per_task`, `nodes`, `tasks_per_node`, `name`, `stderr_to_stdout`), a parameter of the
  chosen executor with or without its prefix (`partition` or `slurm_partition`, `setup`), or another executor's
  prefixed parameter (kept for that executor, ignored by this one, as submitit does). Anything else is a usage
  error with a did-you-mean; a value submitit refuses is one too.
* SLURM job arrays: on SLURM all the points of a launch go in one job array (a single point is a plain job), and
  `--max-parallel N` is the array's `%N` (SLURM runs at most N of its tasks at once; submitit's default is 256).
  submitit's local executor has no arrays: there the cap is kept by submitting a point when another finishes.
* Ctrl-C (or any exception while waiting) cancels every job submitted that has not finished (`scancel` of the
  array for SLURM: one call), then re-raises; points not yet submitted are never submitted.

A job's status is `run_point`'s return value, the point's exit status; None when submitit has no result for it.
"""

from __future__ import annotations

import ast
import contextlib
import inspect
import logging
import os
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from typing import Any

from ._launch import Done, Job
from ._target import UsageError

__all__ = ["SubmititLauncher", "SUBMITIT_FOLDER", "parse_value"]

SUBMITIT_FOLDER = ".submitit"
"""submitit's own folder, inside the sweep's record folder."""

_INSTALL = "pip install 'pconfigs-cli[submitit]'"
_CLUSTER = "cluster"
_POLL_FIRST = 0.05
_POLL_MAX = 1.0
_TAIL = 40
_CANCEL_WAIT = 10.0


def parse_value(text: str) -> Any:
    """A `--launcher-option` value: the Python literal `text` spells, else `text` itself."""
    try:
        return ast.literal_eval(text.strip())
    except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
        return text


def _submitit() -> Any:
    try:
        import submitit
    except ImportError:
        raise UsageError(
            "--launcher submitit needs submitit, which is not installed", f"install it: {_INSTALL}"
        ) from None
    return submitit


class SubmititLauncher:
    """`--launcher submitit`: each point a submitit job (see the module docstring)."""

    def __init__(self, options: dict[str, str], folder: str, max_parallel: int | None) -> None:
        submitit = _submitit()
        from submitit.core import plugins

        self.folder = os.path.join(os.path.abspath(folder), SUBMITIT_FOLDER)
        self.max_parallel = max_parallel
        executors: dict[str, Any] = dict(plugins.get_executors())
        given = {key.strip(): value for key, value in options.items()}
        self.cluster = self._cluster(given.pop(_CLUSTER, None), submitit, executors)
        constructor, parameters, keys = _sort_options(given, self.cluster, executors, submitit.AutoExecutor)
        if not any(key in parameters for key in ("name", f"{self.cluster}_name", "slurm_job_name")):
            parameters["name"] = os.path.basename(os.path.abspath(folder)) or "pconfigs"
        if max_parallel is not None:
            given_cap = parameters.get("slurm_array_parallelism")
            parameters["slurm_array_parallelism"] = (
                max_parallel if not isinstance(given_cap, int) else min(given_cap, max_parallel)
            )
        try:
            self.executor = submitit.AutoExecutor(folder=self.folder, cluster=self.cluster, **constructor)
        except (TypeError, ValueError, AssertionError, RuntimeError) as err:
            _refused(sorted(keys[name] for name in constructor), err)
        for name, value in parameters.items():  # one at a time, so that a refusal names its option
            try:
                self.executor.update_parameters(**{name: value})
            except (NameError, TypeError, ValueError, AssertionError, RuntimeError) as err:
                _refused([keys.get(name, name)], err)

    def _cluster(self, given: str | None, submitit: Any, executors: dict[str, Any]) -> str:
        if given is not None:
            name = given.strip()
            if name not in executors:
                from pconfigs._extension import did_you_mean

                raise UsageError(
                    f"--launcher-option cluster={given}: submitit has no executor {name!r}",
                    did_you_mean(name, executors) or f"use one of: {', '.join(executors)}",
                )
            if executors[name].affinity() < 0:
                raise UsageError(
                    f"--launcher-option cluster={name}: submitit cannot use {name} here"
                    + (" (srun is not on PATH)" if name == "slurm" else ""),
                    "run the sweep where the cluster's commands are, or use --launcher-option cluster=local",
                )
            return name
        detected = str(submitit.AutoExecutor.which())
        if detected == "local":
            sys.stderr.write(
                f"pconfigs-run: --launcher submitit: no SLURM here (srun is not on PATH); the points run on "
                f"submitit's {detected} executor (--launcher-option cluster={detected} says so and hides this note)\n"
            )
        return detected

    # -- launching -------------------------------------------------------------------------------------------------

    def launch(self, jobs: Sequence[Job], done: Done) -> None:
        from pconfigs.cli._job import run_point

        waiting = list(jobs)
        running: dict[Any, Job] = {}
        cap = None if self.cluster == "slurm" else self.max_parallel

        def submit_more() -> None:
            count = len(waiting) if cap is None else max(0, min(len(waiting), cap - len(running)))
            if not count:
                return
            batch, waiting[:count] = waiting[:count], []
            submitted = self._submit(run_point, batch)
            for handle, job in zip(submitted, batch):
                running[handle] = job
                _note(job, f"submitit: job {handle.job_id} ({self.cluster}); submitit's logs: {handle.paths.stdout}")

        with _submitit_logs_on_stderr():
            try:
                submit_more()
                pause = _POLL_FIRST
                while running:
                    finished = [handle for handle in running if handle.done()]
                    for handle in finished:
                        job = running.pop(handle)
                        done(job, self._status(handle, job))
                    submit_more()
                    if finished:
                        pause = _POLL_FIRST
                    elif running:
                        time.sleep(pause)
                        pause = min(pause * 2, _POLL_MAX)
            except BaseException:
                self._cancel(list(running))
                raise

    def _submit(self, function: Any, batch: list[Job]) -> list[Any]:
        """Submit `batch` as one call: on SLURM one job array (a plain job for one point)."""
        from submitit.core.utils import FailedJobError, FailedSubmissionError

        try:
            return list(self.executor.map_array(function, [job.folder for job in batch]))
        except (FailedJobError, FailedSubmissionError, OSError) as err:
            command = "sbatch" if self.cluster == "slurm" else f"submitit's {self.cluster} executor"
            raise UsageError(
                f"--launcher submitit: {command} refused the jobs: {_one_line(err) or type(err).__name__}",
                "check the --launcher-option values (partition, account, time, ...) against the cluster",
            ) from None

    def _status(self, handle: Any, job: Job) -> int | None:
        """The point's exit status (`run_point`'s return value), or None; why, added to the point's log."""
        try:
            if self.cluster == "debug" or handle.paths.result_pickle.exists() or _state(handle) == "COMPLETED":
                # COMPLETED without a result yet: submitit waits for a slow shared file system, then says why
                value = handle.result()
                if isinstance(value, int):
                    return value
                problem = f"the job returned {value!r}, not an exit status"
            else:
                problem = f"the job ended in state {_state(handle)} without a result"
                log = handle.stderr() or ""
                if log.strip():
                    tail = "\n".join(log.rstrip("\n").split("\n")[-_TAIL:])
                    problem += f"; the end of submitit's log {handle.paths.stderr}:\n{tail}"
        except Exception as err:  # submitit's own report: the job raised outside main, or never finished
            problem = str(err)
        _note(job, f"submitit: job {handle.job_id}: {problem}")
        return None

    def _cancel(self, handles: list[Any]) -> None:
        if not handles:
            return
        ids = [str(handle.job_id) for handle in handles]
        sys.stderr.write(f"pconfigs-run: cancelling {len(ids)} unfinished submitit job(s): {' '.join(ids)}\n")
        if self.cluster == "slurm":  # one scancel: a whole array by its id (its finished tasks are unaffected)
            arrays = sorted({job_id.split("_")[0] for job_id in ids})
            with contextlib.suppress(OSError):
                subprocess.call(["scancel", *arrays], stdin=subprocess.DEVNULL)
            return
        for handle in handles:
            with contextlib.suppress(Exception):
                handle.cancel(check=False)
        # The local executor's jobs are child processes of this one: wait (a little) for them to end, so that none
        # is left behind unwaited for when the command exits.
        deadline = time.monotonic() + _CANCEL_WAIT
        pending = list(handles)
        while pending and time.monotonic() < deadline:
            with contextlib.suppress(Exception):
                pending = [handle for handle in pending if not handle.done()]
            if pending:
                time.sleep(_POLL_FIRST)


def _refused(keys: list[str], err: BaseException) -> None:
    raise UsageError(
        f"--launcher-option {', '.join(keys)}: submitit refused it: {_one_line(err) or type(err).__name__}",
        "give a value of the type submitit expects (values are Python literals, or text)",
    ) from None


def _sort_options(
    given: dict[str, str], cluster: str, executors: dict[str, Any], auto: Any
) -> tuple[dict[str, Any], dict[str, Any], dict[str, str]]:
    """The options as submitit's `AutoExecutor` takes them: constructor arguments (`slurm_python`,
    `local_max_num_timeout`) and parameters (`timeout_min`, `slurm_partition`), names prefixed by executor; and
    each of those names' option as the user wrote it."""
    from pconfigs._extension import did_you_mean

    shared = set(auto._typed_parameters())
    known: dict[str, bool] = {name: False for name in shared}  # prefixed name -> is a constructor argument
    for prefix, executor in executors.items():
        built = {name for name in inspect.signature(executor.__init__).parameters if name not in ("self", "folder")}
        for name in set(executor._valid_parameters()) | built:
            known[f"{prefix}_{name}"] = name in built
    own = {name[len(cluster) + 1 :] for name in known if name.startswith(f"{cluster}_")}
    constructor: dict[str, Any] = {}
    parameters: dict[str, Any] = {}
    keys: dict[str, str] = {}
    for key, text in given.items():
        name = key if key in known else f"{cluster}_{key}" if key in own else None
        if name is None:
            raise UsageError(
                f"--launcher-option {key}: submitit's {cluster} executor has no option {key!r}",
                did_you_mean(key, sorted(shared | own | set(known) | {_CLUSTER}))
                or f"its options: {_CLUSTER}, {', '.join(sorted(shared | own))}",
            )
        (constructor if known[name] else parameters)[name] = parse_value(text)
        keys[name] = key
    return constructor, parameters, keys


def _state(handle: Any) -> str:
    try:
        return str(handle.state).upper()
    except Exception:  # the scheduler could not be asked
        return "UNKNOWN"


def _note(job: Job, text: str) -> None:
    """Add a line from the launcher to the point's log."""
    with contextlib.suppress(OSError):
        with open(os.path.join(job.folder, "output.log"), "a", encoding="utf-8") as log:
            log.write(f"=== {text.rstrip()}\n")


def _one_line(err: BaseException) -> str:
    return " ".join(str(err).split())


@contextlib.contextmanager
def _submitit_logs_on_stderr() -> Iterator[None]:
    """submitit logs to stdout too, which in this process carries only the command's own output: its handlers
    that write to stdout are set aside while launching."""
    logger = logging.getLogger("submitit")
    aside = [
        h for h in logger.handlers if isinstance(h, logging.StreamHandler) and h.stream in (sys.stdout, sys.__stdout__)
    ]
    for handler in aside:
        logger.removeHandler(handler)
    try:
        yield
    finally:
        for handler in aside:
            logger.addHandler(handler)
