"""One sweep point, run in its own process: what every launcher runs (DESIGN 6.4).

The launcher has already built and validated the point, and written its record's pre-run parts, `point.pkl`
(the config, pickled) and `point.json` (the target's name, the arguments for `main`, the working directory and
`sys.path` of the launching process) into the point's record folder. The job, in a process of its own (a child
process, a SLURM job through submitit, a Ray worker):

1. sends its standard output and error to `output.log` in the record folder (the log of the point), appending;
2. makes the launching process's `sys.path` importable and moves to its working directory (when that folder
   exists on the worker; otherwise it says so in the log and stays where the engine started it), so the
   experiment's package imports on a worker exactly as it did where the sweep was launched;
3. unpickles the config and rebuilds it from its inputs here (`rebuild`: DESIGN 3.6), so values computed from the
   environment (a world size, a rank) are the job's own, and `__post_init__` checks them here;
4. runs the target's `main` as `pconfigs-run` would (`_main.execute`), and writes `status.json`: the exit status,
   or the exception, and the duration.

`run_point(folder)` returns the exit status; `python -m pconfigs.cli._job FOLDER` exits with it.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import sys
import time
from collections.abc import Iterator, Sequence
from typing import Any

__all__ = ["PAYLOAD_FILE", "JOB_FILE", "LOG_FILE", "write_payload", "run_point"]

PAYLOAD_FILE = "point.pkl"
JOB_FILE = "point.json"
LOG_FILE = "output.log"


def write_payload(folder: str, cfg: Any, target: str, args: Sequence[str]) -> None:
    """Write `point.pkl` and `point.json` into `folder`: what the job needs to run the point anywhere."""
    import json

    from ._record import write_file

    job = {
        "target": target,
        "args": list(args),
        "cwd": os.getcwd(),
        "sys_path": [os.path.abspath(p) if p else os.getcwd() for p in sys.path],
    }
    write_file(folder, PAYLOAD_FILE, pickle.dumps(cfg, protocol=pickle.HIGHEST_PROTOCOL))
    write_file(folder, JOB_FILE, json.dumps(job, indent=2) + "\n")


def run_point(folder: str) -> int:
    """Run the point whose record is `folder` (see the module docstring); return its exit status."""
    folder = os.path.abspath(folder)
    with _logging_to(os.path.join(folder, LOG_FILE)):
        return _run(folder)


def _run(folder: str) -> int:
    import json

    from pconfigs._extension import rebuild

    from ._main import execute, print_user_traceback
    from ._record import Recording
    from ._target import UsageError

    record = Recording(folder)
    target = "<sweep point>"
    try:
        with record:
            with open(os.path.join(folder, JOB_FILE), encoding="utf-8") as text:
                job = json.load(text)
            target = job["target"]
            sys.path.extend(p for p in job["sys_path"] if p not in sys.path)
            if os.path.isdir(job["cwd"]):
                os.chdir(job["cwd"])
            else:  # a node that does not see the launching machine's folder: run where the engine started the job
                sys.stderr.write(f"pconfigs: {job['cwd']} does not exist here; running in {os.getcwd()}\n")
            with open(os.path.join(folder, PAYLOAD_FILE), "rb") as file:
                cfg = rebuild(pickle.load(file))
            return execute(target, cfg, job["args"], record)
    except UsageError as err:
        from pconfigs._extension import compose

        sys.stderr.write(compose(f"pconfigs-run: {err.message}", hint=err.hint) + "\n")
        return 2
    except SystemExit as exc:
        code = exc.code
        return 0 if code is None else code if isinstance(code, int) and 0 <= code <= 255 else 1
    except KeyboardInterrupt:
        return 130
    except Exception as exc:
        print_user_traceback(exc)
        return 1
    finally:
        sys.stdout.flush()
        sys.stderr.flush()


@contextlib.contextmanager
def _logging_to(path: str) -> Iterator[None]:
    """File descriptors 1 and 2 (and `sys.stdout`/`sys.stderr`) appended to `path`, restored afterwards: the
    output of `main` and of anything it starts goes to the point's log, on every launcher."""
    sys.stdout.flush()
    sys.stderr.flush()
    log = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
    saved = []
    try:
        for fd in (1, 2):
            try:
                saved.append((fd, os.dup(fd)))
            except OSError:  # no such descriptor in this process (a worker started without one)
                continue
            os.dup2(log, fd)
        with open(log, "w", closefd=False, encoding="utf-8", errors="backslashreplace", buffering=1) as stream:
            with contextlib.redirect_stdout(stream), contextlib.redirect_stderr(stream):
                stream.write(f"=== {time.strftime('%Y-%m-%d %H:%M:%S')} pid {os.getpid()}\n")
                yield
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        for fd, copy in saved:
            os.dup2(copy, fd)
            os.close(copy)
        os.close(log)


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if len(args) != 1:
        sys.stderr.write("usage: python -m pconfigs.cli._job FOLDER (a sweep point's record folder)\n")
        return 2
    return run_point(args[0])


if __name__ == "__main__":
    sys.exit(main())
