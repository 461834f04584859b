"""Run records (DESIGN 6.3): the folder `pconfigs-run TARGET --record DIR` writes, and reading it back.

A record is a folder of files with fixed names, since `--resume`, sweeps and users rely on them:

* before `main` runs: `config.py` (the `--runnable` snapshot, overrides applied: a record folder as a TARGET means
  it), `config.json` (`to_dict`, as `pconfigs-print --format json` prints it), `origins.json` (each field path's
  origin and its layers), `origins.py` (what `pconfigs-print --origins` printed at run time), `environment.json`
  (the `@penv` values the build read), `command.json`, `versions.json`, `git.json` and, when the repository has
  changes, `git.diff`; last, `started.json`;
* when `main` ends: `status.json` (the exit status, or the exception's type and message; start and end times,
  duration). A record without `status.json` did not finish.

Everything that can refuse (a value with no Python or JSON form) is worked out in memory before the folder is
touched, so a refused run writes nothing. Each file is written whole to a temporary file inside the folder and
then renamed over its name (`os.replace`), so a reader never sees half a file. Nothing is written outside the
folder: git is asked with `--no-optional-locks`, so it does not even refresh its index.

The pre-run parts and the status are separate functions (`write_before`, `mark_started`, `write_after`) because a
sweep's launcher writes the first and each job the others (DESIGN 6.4).
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import json
import os
import sys
import time
from collections.abc import Sequence
from types import TracebackType
from typing import Any

from ._target import RUNNABLE_FILE, UsageError

__all__ = [
    "RUNNABLE_FILE",
    "JSON_FILE",
    "ORIGINS_FILE",
    "ORIGINS_PRINT_FILE",
    "ENVIRONMENT_FILE",
    "COMMAND_FILE",
    "VERSIONS_FILE",
    "GIT_FILE",
    "GIT_DIFF_FILE",
    "STARTED_FILE",
    "STATUS_FILE",
    "Recording",
    "begin",
    "GitState",
    "git_state",
    "finished_unchanged",
    "pre_run_files",
    "write_before",
    "write_files",
    "write_file",
    "mark_started",
    "write_after",
    "read_status",
    "read_origins",
    "recorded_origins",
    "recorded_why",
]

JSON_FILE = "config.json"
ORIGINS_FILE = "origins.json"
ORIGINS_PRINT_FILE = "origins.py"
ENVIRONMENT_FILE = "environment.json"
COMMAND_FILE = "command.json"
VERSIONS_FILE = "versions.json"
GIT_FILE = "git.json"
GIT_DIFF_FILE = "git.diff"
STARTED_FILE = "started.json"
STATUS_FILE = "status.json"

_STALE = (STATUS_FILE, STARTED_FILE, GIT_DIFF_FILE)
"""Removed before a record is written again (`--resume`), so that a run that stops early leaves no old status."""

GitState = tuple[dict[str, Any], str | None]
"""`git.json`'s data and `git.diff`'s text (None when the repository is clean)."""

_DISTRIBUTIONS = ("pconfigs-core", "pconfigs-pinnable", "pconfigs-cli", "pconfigs-mypy")


# -- writing -----------------------------------------------------------------------------------------------------


def pre_run_files(
    cfg: Any,
    target: str,
    argv: Sequence[str],
    overrides: Sequence[str] = (),
    args: Sequence[str] = (),
    exclude: str | None = None,
    git: GitState | None = None,
) -> dict[str, str]:
    """Every pre-run file of a record, by name, as text (nothing is written). `exclude` is the record's folder, left
    out of git's view of the repository; `git` is a `git_state` already asked (a sweep asks git once for all its
    points). A value with no Python or JSON form is a `UsageError` naming its path."""
    from pconfigs._extension import UnrenderableError, render_module, to_dict

    try:
        with contextlib.redirect_stdout(sys.stderr):  # user code run while printing (a __reduce__) prints there
            runnable = render_module(cfg, runnable=True)
            readable = render_module(cfg, origins=True)
    except UnrenderableError as err:
        lines = str(err).split("\n")
        raise UsageError(
            f"{target}: {lines[0]}\n" + "\n".join(lines[1:]),
            "give those fields values that print as Python, or run without --record",
        ) from None
    try:
        data = to_dict(cfg)
    except (TypeError, ValueError) as exc:
        raise UsageError(f"{target}: {exc}", "give those fields JSON values, or run without --record") from None
    files = {
        RUNNABLE_FILE: runnable,
        JSON_FILE: _json(data),
        ORIGINS_FILE: _json(_origins(cfg)),
        ORIGINS_PRINT_FILE: readable,
        ENVIRONMENT_FILE: _json(_environment(cfg)),
        COMMAND_FILE: _json(
            {
                "command": "pconfigs-run",
                "argv": list(argv),
                "target": target,
                "overrides": list(overrides),
                "args": list(args),
                "cwd": os.getcwd(),
                "python": sys.executable,
            }
        ),
        VERSIONS_FILE: _json(_versions(cfg)),
    }
    state, patch = git if git is not None else git_state(target, cfg, exclude)
    files[GIT_FILE] = _json(state)
    if patch is not None:
        files[GIT_DIFF_FILE] = patch
    return files


def write_before(
    directory: str,
    cfg: Any,
    target: str,
    argv: Sequence[str],
    overrides: Sequence[str] = (),
    args: Sequence[str] = (),
    git: GitState | None = None,
) -> None:
    """Write a record's pre-run parts into `directory` (created if missing), replacing an earlier status."""
    files = pre_run_files(cfg, target, argv, overrides, args, exclude=os.path.abspath(directory), git=git)
    write_files(directory, files)


def write_files(directory: str, files: dict[str, str]) -> None:
    """Write the pre-run `files` (from `pre_run_files`) into `directory`, created if missing, replacing an earlier
    status."""
    os.makedirs(directory, exist_ok=True)
    for name in _STALE:
        with contextlib.suppress(FileNotFoundError):
            os.remove(os.path.join(directory, name))
    for name, text in files.items():
        write_file(directory, name, text)


def mark_started(directory: str) -> float:
    """Write `started.json` (the time, the process, the host) just before the run; return `time.monotonic()`."""
    import platform

    write_file(directory, STARTED_FILE, _json({"time": _now(), "pid": os.getpid(), "host": platform.node()}))
    return time.monotonic()


def write_after(directory: str, outcome: int | BaseException, duration: float) -> None:
    """Write `status.json`: the exit status (an exception's too, with its type and message) and the times."""
    started = None
    with contextlib.suppress(OSError, ValueError, TypeError, AttributeError):
        with open(os.path.join(directory, STARTED_FILE), encoding="utf-8") as file:
            started = json.load(file).get("time")
    exception = None
    if isinstance(outcome, BaseException):
        status = _status_of(outcome)
        kind = type(outcome)
        name = kind.__qualname__ if kind.__module__ == "builtins" else f"{kind.__module__}.{kind.__qualname__}"
        message = outcome.message if isinstance(outcome, UsageError) else str(outcome)
        notes = [str(n) for n in getattr(outcome, "__notes__", None) or []]
        for note in reversed(notes):  # Python 3.10: pconfigs' notes are also at the end of the message
            message = message.removesuffix(f"\n{note}")
        exception = {"type": name, "message": message, "notes": notes}
    else:
        status = outcome
    data = {"status": status, "exception": exception, "started": started, "ended": _now(), "duration": duration}
    write_file(directory, STATUS_FILE, _json(data))


def _status_of(exc: BaseException) -> int:
    """The exit status the command ends with for `exc` (what `_main._command` does with it)."""
    if isinstance(exc, UsageError):
        return 2
    if isinstance(exc, SystemExit):
        code = exc.code
        return 0 if code is None else code if isinstance(code, int) and 0 <= code <= 255 else 1
    if isinstance(exc, KeyboardInterrupt):
        return 130
    return 1


def write_file(directory: str, name: str, data: str | bytes) -> None:
    """Write `data` (text as UTF-8) to `directory/name` whole or not at all: a temporary file in the same folder,
    then a rename. Every file of a record, a sweep's `sweep.json` and a point's payload are written this way."""
    import tempfile

    fd, temporary = tempfile.mkstemp(dir=directory, prefix=f".{name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as file:
            file.write(data.encode("utf-8") if isinstance(data, str) else data)
        os.chmod(temporary, 0o666 & ~_umask())  # as open() would have made it; mkstemp makes files private
        os.replace(temporary, os.path.join(directory, name))
    except BaseException:
        with contextlib.suppress(OSError):
            os.remove(temporary)
        raise


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _json(data: object) -> str:
    return json.dumps(data, indent=2, allow_nan=False, ensure_ascii=False) + "\n"


def _now() -> str:
    from datetime import datetime, timezone

    return datetime.now(timezone.utc).isoformat()


# -- what the files hold -----------------------------------------------------------------------------------------


def _configs(cfg: Any) -> list[tuple[str, Any]]:
    """Every config in `cfg` with its path (`""` for the root, `optimizer`, `stages[0]`, `named['a']`), depth first
    in field order; configs inside list, tuple and dict fields included. A loop, never recursion."""
    from pconfigs._extension import is_config

    found: list[tuple[str, Any]] = []
    pending: list[tuple[str, Any]] = [("", cfg)]
    while pending:
        prefix, holder = pending.pop()
        found.append((prefix, holder))
        nested: list[tuple[str, Any]] = []
        for f in dataclasses.fields(holder):
            path = f"{prefix}.{f.name}" if prefix else f.name
            value = getattr(holder, f.name)
            if is_config(value):
                nested.append((path, value))
            elif isinstance(value, (list, tuple)):
                nested.extend((f"{path}[{i}]", v) for i, v in enumerate(value) if is_config(v))
            elif isinstance(value, dict):
                nested.extend((f"{path}[{_key(k)}]", v) for k, v in value.items() if is_config(v))
        pending.extend(reversed(nested))
    return found


def _key(key: object) -> str:
    try:
        return repr(key)
    except Exception:  # a user's __repr__ that raises
        return f"<{type(key).__qualname__}>"


def _origins(cfg: Any) -> dict[str, Any]:
    """`origins.json`: for every field path, its one-line origin (as `--origins` writes it) and its layers, newest
    first (as `--why` writes them, with the file and line)."""
    from pconfigs._extension import field_origin

    out: dict[str, Any] = {}
    for prefix, holder in _configs(cfg):
        for f in dataclasses.fields(holder):
            layers = field_origin(holder, f.name)
            out[f"{prefix}.{f.name}" if prefix else f.name] = {
                "origin": str(layers),
                "layers": [
                    {
                        "kind": layer.kind,
                        "file": layer.site[0] if layer.site is not None else None,
                        "line": layer.site[1] if layer.site is not None else None,
                        "detail": layer.detail,
                        "text": layer.describe(),
                    }
                    for layer in layers
                ],
            }
    return out


def _environment(cfg: Any) -> dict[str, Any]:
    """`environment.json`: each `@penv` attribute's variables as the build read them (recorded on the config in
    `__pconfig_env__`, as the printer shows them), by the attribute's path; the value as Python code, and the
    variable's text now (None when it is not set)."""
    from pconfigs._extension import render_expression

    out: dict[str, Any] = {}
    for prefix, holder in _configs(cfg):
        recorded = getattr(holder, "__pconfig_env__", None)
        if not isinstance(recorded, dict):
            continue
        for attribute, values in recorded.items():
            out[f"{prefix}.{attribute}" if prefix else attribute] = {
                var.variable: {
                    "attribute": var.attribute,
                    "value": render_expression(var.value) if var.error is None else None,
                    "text": os.environ.get(var.variable),
                    "error": var.error,
                }
                for var in values
            }
    return out


def _versions(cfg: Any) -> dict[str, Any]:
    """`versions.json`: Python, and the versions of pconfigs' distributions and of the distribution that holds the
    config's top-level package (when one does). Looked up once per top-level package and process: a sweep's points
    share them (reading every installed distribution's metadata takes about 0.1 s)."""
    return _versions_of(type(cfg).__module__.split(".")[0])


@functools.cache
def _versions_of(top: str) -> dict[str, Any]:
    import importlib.metadata
    import platform

    packages: dict[str, str] = {}
    for name in _DISTRIBUTIONS:
        with contextlib.suppress(importlib.metadata.PackageNotFoundError):
            packages[name] = importlib.metadata.version(name)
    try:
        owner = _owner(top)
    except Exception:  # a broken distribution's metadata must not stop the run
        owner = None
    if owner is not None:
        packages.setdefault(*owner)
    return {
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "executable": sys.executable,
        "platform": platform.platform(),
        "packages": packages,
    }


def _owner(module: str) -> tuple[str, str] | None:
    """The name and version of the distribution that installs `module`'s top-level package: by its files or
    `top_level.txt`, or, for an editable install, by the folder its `direct_url.json` names (PEP 610)."""
    import importlib.metadata

    top = module.split(".")[0]
    names = importlib.metadata.packages_distributions().get(top, [])
    if names:
        return names[0], importlib.metadata.version(names[0])
    file = getattr(sys.modules.get(top), "__file__", None)
    if not file:
        return None
    file = os.path.realpath(file)
    for dist in importlib.metadata.distributions():
        text = dist.read_text("direct_url.json")
        if not text or '"editable"' not in text:
            continue
        url = json.loads(text).get("url", "")
        if url.startswith("file://"):
            from urllib.parse import unquote, urlparse

            folder = os.path.realpath(unquote(urlparse(url).path))
            if file.startswith(folder + os.sep):
                return dist.metadata["Name"], dist.version
    return None


def _sources(target: str, cfg: Any) -> list[str]:
    """Where to look for a git repository, in order: the target's source (the module a dotted path names, or the
    file or folder given), the config class's module, and the current directory."""
    places = []
    if os.path.exists(target):
        places.append(os.path.abspath(target))
    else:
        parts = target.split(".")
        for n in range(len(parts), 0, -1):
            file = getattr(sys.modules.get(".".join(parts[:n])), "__file__", None)
            if file:
                places.append(file)
                break
    module_file = getattr(sys.modules.get(type(cfg).__module__), "__file__", None)
    if module_file:
        places.append(module_file)
    places.append(os.getcwd())
    return [p if os.path.isdir(p) else os.path.dirname(p) for p in places]


def git_state(target: str, cfg: Any, exclude: str | None = None) -> GitState:
    """What `git.json` holds and the text of `git.diff` (None when clean), for the repository holding the target's
    source, else the config class's module, else the current directory; `exclude` (a folder) is left out.

    Never raises: git missing, a folder outside any repository, or git failing is said in `git.json`."""
    return _git_state(_sources(target, cfg), exclude)


def _git_state(places: list[str], exclude: str | None) -> GitState:
    root = None
    for place in places:
        out = _git(["rev-parse", "--show-toplevel"], place)
        if isinstance(out, _GitMissing):
            return {"repository": None, "error": "git was not found"}, None
        if out is not None:
            root = out.strip()
            break
    if root is None:
        return {"repository": None, "error": None}, None
    pathspec = ["--", "."]
    if exclude is not None:
        relative = os.path.relpath(os.path.realpath(exclude), os.path.realpath(root))
        if not relative.startswith(os.pardir):
            pathspec.append(f":(exclude,literal){relative}")
    commit = _git(["rev-parse", "HEAD"], root)
    branch = _git(["rev-parse", "--abbrev-ref", "HEAD"], root) if commit is not None else None
    status = _git(["status", "--porcelain", "--untracked-files=all", *pathspec], root)
    if not isinstance(status, str):
        return {"repository": root, "error": "git status failed"}, None
    lines = [line for line in status.splitlines() if line]
    untracked = [line[3:] for line in lines if line.startswith("??")]
    dirty = bool(lines)
    patch = None
    if dirty and isinstance(commit, str):
        found = _git(["diff", "HEAD", "--binary", *pathspec], root)
        patch = found if isinstance(found, str) and found else None
    return {
        "repository": root,
        "commit": commit.strip() if isinstance(commit, str) else None,
        "branch": branch.strip() if isinstance(branch, str) else None,
        "dirty": dirty,
        "diff": GIT_DIFF_FILE if patch is not None else None,
        "untracked": untracked,
        "error": None,
    }, patch


class _GitMissing:
    """`_git`'s answer when there is no git to run."""


def _git(args: list[str], cwd: str) -> str | None | _GitMissing:
    """git's output, None when it fails, `_GitMissing` when it cannot be run."""
    import subprocess

    env = {**os.environ, "GIT_TERMINAL_PROMPT": "0", "GIT_OPTIONAL_LOCKS": "0"}
    try:
        done = subprocess.run(
            ["git", "--no-optional-locks", *args],
            cwd=cwd,
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="replace",
            env=env,
            timeout=120,
            check=False,
        )
    except FileNotFoundError:
        return _GitMissing()
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout if done.returncode == 0 else None


# -- the run -----------------------------------------------------------------------------------------------------


class Recording:
    """One `pconfigs-run --record` run, as a context around constructing the runner and calling `main`: on leaving
    it writes `status.json` with the status given to `finished`, or the exception that left it. With no `--record`
    (or a run skipped by `--resume`) it does nothing."""

    def __init__(self, directory: str | None, skipped: bool = False) -> None:
        self.directory = directory
        self.skipped = skipped
        self.status = 0
        self.start = 0.0

    def finished(self, status: int) -> int:
        """Note `main`'s exit status; returns it."""
        self.status = status
        return status

    def __enter__(self) -> Recording:
        if self.directory is not None and not self.skipped:
            self.start = mark_started(self.directory)
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, traceback: TracebackType | None
    ) -> None:
        if self.directory is None or self.skipped:
            return
        duration = time.monotonic() - self.start
        try:
            write_after(self.directory, exc if exc is not None else self.status, duration)
        except OSError as err:  # the run happened: say the status is missing, keep its exit status
            sys.stderr.write(f"pconfigs-run: could not write {STATUS_FILE} in {self.directory!r}: {err}\n")


def begin(
    directory: str | None,
    resume: bool,
    cfg: Any,
    target: str,
    argv: Sequence[str],
    overrides: Sequence[str],
    args: Sequence[str],
) -> Recording:
    """Check `--record DIR` and `--resume`, and write the record's pre-run parts (see the module docstring).

    Refusals, all `UsageError`s: `--resume` without `--record`; DIR is a file, or a non-empty folder without
    `--resume`, or (with it) a non-empty folder that is not a run record; DIR cannot be created; a value with no
    Python or JSON form. With `--resume`, a record that finished with status 0, for the same `config.py` and the
    same arguments after '--', is not run again: the run is skipped, and stderr says so."""
    if directory is None:
        if resume:
            raise UsageError("--resume needs --record DIR", f"pconfigs-run {target} --record DIR --resume")
        return Recording(None)
    shown = repr(directory)
    if os.path.exists(directory) and not os.path.isdir(directory):
        raise UsageError(f"--record {shown} is a file, not a folder", "name a new or empty folder for the run record")
    existing = os.path.isdir(directory) and bool(os.listdir(directory))
    if existing and not resume:
        raise UsageError(
            f"--record {shown} is a folder that is not empty",
            "name a new or empty folder, or add --resume to run again into this record",
        )
    if existing and not os.path.isfile(os.path.join(directory, RUNNABLE_FILE)):
        raise UsageError(
            f"--resume: {shown} is not a run record (it has no {RUNNABLE_FILE})",
            "name a folder written by pconfigs-run --record, or a new or empty folder",
        )
    folder = os.path.abspath(directory)  # main may change the working directory before the status is written
    files = pre_run_files(cfg, target, argv, overrides, args, exclude=folder)
    if existing and finished_unchanged(folder, files[RUNNABLE_FILE], args):
        sys.stderr.write(
            f"pconfigs-run: {directory} finished with status 0 for the same config and arguments; not running it "
            "again (--resume)\n"
        )
        return Recording(directory, skipped=True)
    try:
        write_files(folder, files)
    except OSError as err:
        raise UsageError(
            f"--record {shown}: cannot write the run record there ({err.strerror or err})",
            "name a folder you can create and write to",
        ) from None
    return Recording(folder)


def finished_unchanged(directory: str, runnable: str, args: Sequence[str]) -> bool:
    """Whether the record finished with status 0, for the same `config.py` text (`runnable`) and arguments after
    '--': what `--resume` skips."""
    status = read_status(directory)
    if status is None or status.get("status") != 0:
        return False
    try:
        with open(os.path.join(directory, RUNNABLE_FILE), encoding="utf-8") as file:
            same_config = file.read() == runnable
        with open(os.path.join(directory, COMMAND_FILE), encoding="utf-8") as file:
            same_args = json.load(file).get("args") == list(args)
    except (OSError, ValueError, AttributeError):
        return False
    return same_config and same_args


# -- reading -----------------------------------------------------------------------------------------------------


def read_status(directory: str) -> dict[str, Any] | None:
    """The record's `status.json`, or None when the run did not finish (or the file cannot be read)."""
    try:
        with open(os.path.join(directory, STATUS_FILE), encoding="utf-8") as file:
            data = json.load(file)
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def read_origins(directory: str) -> dict[str, Any] | None:
    """The record's `origins.json` (field path to origin and layers), or None when the folder has none."""
    try:
        with open(os.path.join(directory, ORIGINS_FILE), encoding="utf-8") as file:
            data = json.load(file)
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def _is_record(target: str) -> bool:
    return os.path.isdir(target) and os.path.isfile(os.path.join(target, ORIGINS_FILE))


def _no_overrides(target: str, option: str, overrides: Sequence[str]) -> None:
    if overrides:
        raise UsageError(
            f"{option} cannot go with overrides on the run record {target}: it shows the origins recorded with it",
            f"drop the overrides, or print the overridden config without {option}",
        )


def recorded_origins(target: str, overrides: Sequence[str], docs: bool) -> str | None:
    """`pconfigs-print --origins DIR` for a run record: the printout with origins as written when the record was
    made (`origins.py`), since the snapshot alone knows only its own lines; None when `target` is not a record."""
    if not _is_record(target):
        return None
    _no_overrides(target, "--origins", overrides)
    if docs:
        raise UsageError(
            f"--docs cannot go with --origins on the run record {target}",
            "the record holds its origins as printed when it ran; print --docs and --origins separately",
        )
    try:
        with open(os.path.join(target, ORIGINS_PRINT_FILE), encoding="utf-8") as file:
            return file.read()
    except OSError as err:
        raise UsageError(
            f"cannot read {ORIGINS_PRINT_FILE} of the run record {target} ({err.strerror or err})",
            "print without --origins",
        ) from None


def recorded_why(target: str, overrides: Sequence[str], path: str) -> str | None:
    """`pconfigs-print DIR --why PATH` for a run record: the layers recorded in `origins.json`, newest first; None
    when `target` is not a record."""
    from pconfigs._extension import did_you_mean

    if not _is_record(target):
        return None
    _no_overrides(target, "--why", overrides)
    origins = read_origins(target) or {}
    entry = origins.get(path)
    if not isinstance(entry, dict):
        raise UsageError(
            f"{target}: --why {path}: the record has no field path {path!r}",
            did_you_mean(path, list(origins)) or "name a field path of the config",
        )
    layers = [str(layer.get("text", "")) for layer in entry.get("layers", []) if isinstance(layer, dict)]
    lines = [f"{path}: {len(layers)} layer{'s' if len(layers) != 1 else ''}, newest first"]
    lines += [f"  {i}. {text}" for i, text in enumerate(layers, 1)]
    return "\n".join(lines) + "\n"
