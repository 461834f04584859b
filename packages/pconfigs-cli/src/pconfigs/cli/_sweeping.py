"""Sweeps on the command line (DESIGN 6.4): `pconfigs-run SWEEP`, `pconfigs-run CONFIG --sweep PATH=V1,V2 ...`,
`--dry-run`, `--launcher`, `--resume`, progress and the closing table.

A sweep target is a `pconfigs.sweep.Sweep`, a module-level dict of named configs or list of configs; `--sweep`
turns a config target into one (`sweep.product` over the axes given, in order). Overrides given before `--sweep`
apply to every point. Every point is built and validated before anything is written or launched: a bad point is
a usage error (exit 2) naming the point.

Running writes one run record per point under `DIR/<sweep>/<point>/` (`--record DIR` is required: a sweep's
output lives there), plus `DIR/<sweep>/sweep.json` (the command, the launcher, every point's name and folder).
The launcher (`_launch`) runs each point in its own process (`_job`), and this module reports: a progress line on
stderr as points finish (rewritten in place on a terminal; one line per finished point otherwise), then a table of
every point with its status and duration on stdout. The exit status is 0 when every point ended with status 0
(points skipped by `--resume` count as such), 1 otherwise, 130 after Ctrl-C (what was submitted is cancelled).
"""

from __future__ import annotations

import json
import os
import sys
import time
from collections.abc import Callable, Sequence
from typing import Any

from ._target import UsageError

__all__ = ["split_values", "build_sweep", "dry_run_text", "run_sweep", "sweep_name", "SWEEP_FILE"]

SWEEP_FILE = "sweep.json"


def split_values(text: str) -> list[str]:
    """The values of an axis `V1,V2,...`: split at commas outside brackets and quotes (so `[1,2],[3]` is two)."""
    values: list[str] = []
    depth, quote, start, i = 0, "", 0, 0
    while i < len(text):
        c = text[i]
        if quote:
            if c == "\\":
                i += 1
            elif c == quote:
                quote = ""
        elif c in "'\"":
            quote = c
        elif c in "([{":
            depth += 1
        elif c in ")]}":
            depth -= 1
        elif c == "," and depth == 0:
            values.append(text[start:i])
            start = i + 1
        i += 1
    values.append(text[start:])
    return values


def sweep_name(target: str) -> str:
    """`<sweep>` in `DIR/<sweep>/<point>`: the target's attribute name (a file's name without `.py`)."""
    if os.sep in target or "/" in target or target.endswith(".py"):
        base = os.path.basename(os.path.normpath(target))
        return base[:-3] if base.endswith(".py") else base
    return target.rsplit(".", 1)[-1]


def build_sweep(
    target: str,
    obj: Any,
    axes: Sequence[str],
    overrides: Sequence[str],
    importer: Callable[[str], object],
    with_overrides: Callable[[str, Any, list[str]], Any],
) -> Any:
    """The points of the sweep the command line names: `obj` itself when it is a sweep, else `obj` (a config)
    swept over `axes` (`PATH=V1,V2` texts). Overrides apply to every point; every point is built here."""
    from pconfigs import sweep
    from pconfigs._extension import is_config, parse_overrides

    if axes:
        if not is_config(obj):
            kind = "a sweep already" if sweep.is_sweep(obj) else "not a config"
            raise UsageError(
                f"--sweep: {target} is {kind}", "give --sweep to a config target, e.g. project.experiments.x.config"
            )
        base = with_overrides(target, obj, list(overrides))
        paths: dict[str, list[object]] = {}
        given = {o.partition("=")[0].strip() for o in overrides}
        for text in axes:
            path, equals, raw = text.partition("=")
            path = path.strip()
            if not equals:
                raise UsageError(f"--sweep {text!r}: an axis is PATH=V1,V2,...", "e.g. --sweep optimizer.lr=1e-3,3e-4")
            if path in paths:
                raise UsageError(
                    f"--sweep: the axis {path!r} is given twice", "give each axis once, with all its values"
                )
            if path in given:
                raise UsageError(
                    f"--sweep: {path!r} is both an override and an axis",
                    f"drop the override {path}=..., or the axis",
                )
            texts = split_values(raw)
            if not raw.strip() or any(not t.strip() for t in texts):
                raise UsageError(
                    f"--sweep {text!r}: an empty value",
                    "separate values with single commas; quote a string that holds one: name='a,b'",
                )
            values = []
            for value_text in texts:
                try:
                    values.append(parse_overrides(base, [f"{path}={value_text}"], importer)[path])
                except (TypeError, ValueError) as exc:
                    raise UsageError(f"{target}: --sweep {text!r}: {exc}") from None
            paths[path] = values
        return sweep.product(base, paths)  # a point user code refuses: the caller shows its traceback, exit 2
    if not sweep.is_sweep(obj):
        raise UsageError(
            f"{target} is not a sweep",
            "name a sweep (pconfigs.sweep.product(...), a dict of named configs or a list of configs), "
            f"or sweep a config: {target} --sweep PATH=V1,V2",
        )
    points = sweep.points(obj)
    if not overrides:
        return points
    made = []
    for point in points:
        cfg = with_overrides(f"{target}[{point.name!r}]", point.config, list(overrides))
        made.append(sweep.Point(point.name, cfg, point.changes, point.base))
    return sweep.Sweep(made)


def dry_run_text(points: Any) -> str:
    """Each point's name and its differences from its base; what `--dry-run` prints."""
    from pconfigs._extension import diff, format_diff

    blocks = [f"{len(points)} point{'s' if len(points) != 1 else ''}; nothing launched (--dry-run)"]
    for point in points:
        lines = format_diff(diff(point.base, point.config)).rstrip("\n")
        body = "\n".join(f"  {line}" for line in lines.split("\n")) if lines else "  (same as the base)"
        blocks.append(f"{point.name}\n{body}")
    return "\n".join(blocks) + "\n"


class Progress:
    """The progress line on stderr (see the module docstring)."""

    def __init__(self, total: int, stream: Any = None) -> None:
        self.total = total
        self.done = 0
        self.failed = 0
        self.stream = stream if stream is not None else sys.stderr
        self.live = bool(getattr(self.stream, "isatty", lambda: False)())
        self.start = time.monotonic()

    def finished(self, name: str, status: int | None) -> None:
        self.done += 1
        if status != 0:
            self.failed += 1
        elapsed = time.monotonic() - self.start
        left = elapsed / self.done * (self.total - self.done)
        counts = f"[{self.done}/{self.total}] {self.failed} failed, {_seconds(elapsed)} elapsed"
        if self.done < self.total:
            counts += f", about {_seconds(left)} left"
        if self.live:
            self.stream.write(f"\r\x1b[K{counts}")
            if self.done == self.total:
                self.stream.write("\n")
        else:
            said = "no status" if status is None else f"status {status}"
            self.stream.write(f"{counts}: {name}: {said}\n")
        self.stream.flush()


def run_sweep(
    target: str,
    points: Any,
    record: str | None,
    resume: bool,
    launcher_spec: str,
    options: dict[str, str],
    max_parallel: int | None,
    argv: Sequence[str],
    overrides: Sequence[str],
    rest: Sequence[str],
) -> int:
    """Write every point's record, launch the points that need running, report; the exit status."""
    from ._job import write_payload
    from ._launch import Job, make_launcher
    from ._record import RUNNABLE_FILE, finished_unchanged, git_state, pre_run_files, read_status, write_files

    if record is None:
        raise UsageError(
            f"{target} is a sweep of {len(points)} points: running it needs --record DIR",
            f"each point writes its record and log under DIR/{sweep_name(target)}/, e.g. --record runs",
        )
    folder = os.path.abspath(os.path.join(record, sweep_name(target)))
    if os.path.exists(folder) and not os.path.isdir(folder):
        raise UsageError(f"--record: {os.path.join(record, sweep_name(target))!r} is a file", "name another DIR")
    if os.path.isdir(folder) and os.listdir(folder) and not resume:
        raise UsageError(
            f"--record: {os.path.join(record, sweep_name(target))!r} is not empty",
            "add --resume to run the points that did not finish with status 0, or name another DIR",
        )
    launcher = make_launcher(launcher_spec, options, folder, max_parallel)
    git = git_state(target, points[0].config, exclude=folder)  # one repository state for every point
    prepared = [  # every record rendered before any is written: a point with no Python form writes nothing
        (point, os.path.join(folder, point.folder), pre_run_files(point.config, target, argv, overrides, rest, git=git))
        for point in points
    ]
    jobs, skipped = [], []
    for point, where, files in prepared:
        if resume and finished_unchanged(where, files[RUNNABLE_FILE], rest):
            skipped.append(point)
            continue
        try:
            write_files(where, files)
        except OSError as err:
            raise UsageError(
                f"--record {record!r}: cannot write the record of {point.name!r} ({err.strerror or err})",
                "name a folder you can create and write to",
            ) from None
        write_payload(where, point.config, target, rest)
        jobs.append(Job(point.name, where))
    _write_sweep_file(folder, target, launcher_spec, options, argv, points)
    progress = Progress(len(jobs))
    reported: dict[str, int | None] = {}

    def done(job: Job, status: int | None) -> None:
        recorded = read_status(job.folder)
        final = recorded.get("status") if recorded is not None else status
        reported[job.name] = final if isinstance(final, int) else None
        progress.finished(job.name, reported[job.name])

    interrupted = False
    try:
        if jobs:
            launcher.launch(jobs, done)
    except KeyboardInterrupt:
        interrupted = True
        sys.stderr.write("\npconfigs-run: interrupted; what was submitted is cancelled\n")
    sys.stdout.write(_table(points, folder, skipped, reported, read_status))
    sys.stdout.flush()
    if interrupted:
        return 130
    failed = [p for p in points if p not in skipped and reported.get(p.name) != 0]
    return 1 if failed else 0


def _write_sweep_file(
    folder: str, target: str, launcher: str, options: dict[str, str], argv: Sequence[str], points: Any
) -> None:
    data = {
        "target": target,
        "argv": list(argv),
        "launcher": launcher,
        "launcher_options": options,
        "points": [{"name": p.name, "folder": p.folder} for p in points],
    }
    from ._record import write_file

    write_file(folder, SWEEP_FILE, json.dumps(data, indent=2, ensure_ascii=False) + "\n")


def _table(
    points: Any,
    folder: str,
    skipped: list[Any],
    reported: dict[str, int | None],
    read_status: Callable[[str], dict[str, Any] | None],
) -> str:
    rows = []
    for point in points:
        recorded = read_status(os.path.join(folder, point.folder))
        if point in skipped:
            status = "0 (done before, skipped)"
        elif point.name in reported:
            status = str(reported[point.name]) if reported[point.name] is not None else "no status"
        else:
            status = "not run"
        duration = recorded.get("duration") if recorded is not None else None
        rows.append((point.name, status, _seconds(duration) if isinstance(duration, (int, float)) else "-"))
    ok = sum(1 for p in points if p in skipped or reported.get(p.name) == 0)
    width = max(len("point"), *(len(r[0]) for r in rows))
    swidth = max(len("status"), *(len(r[1]) for r in rows))
    lines = [
        f"{len(points)} points: {ok} succeeded, {len(points) - ok} failed or not run; records in "
        f"{os.path.relpath(folder) if not os.path.relpath(folder).startswith(os.pardir) else folder}",
        f"{'point':<{width}}  {'status':<{swidth}}  duration",
    ]
    lines += [f"{name:<{width}}  {status:<{swidth}}  {duration}" for name, status, duration in rows]
    return "\n".join(lines) + "\n"


def _seconds(value: float) -> str:
    if value < 60:
        return f"{value:.1f} s"
    minutes, seconds = divmod(int(value), 60)
    return f"{minutes} min {seconds:02d} s" if minutes < 60 else f"{minutes // 60} h {minutes % 60:02d} min"
