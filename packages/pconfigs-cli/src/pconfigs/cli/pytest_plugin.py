"""A pytest plugin that tests every experiment config of a repository.

Inert until configured. In the pytest configuration (e.g. `[tool.pytest.ini_options]` of `pyproject.toml`):

    pconfigs_experiments = ["project.experiments"]     # packages (or modules) whose configs are experiments
    pconfigs_snapshots = "tests/snapshots"             # optional: compare each config with its stored snapshot

When pytest runs the whole suite (no test paths given), or with `--pconfigs`, every module under the named packages
is imported, and every config bound at module level in the module that built
it (a config imported from another module is that module's) becomes one test item. Its node ID is its dotted path
(`project.experiments.second.config`), and that ID, pasted back on the command line, runs it:
`pytest project.experiments.second.config` (a module's or a package's dotted path runs each of its experiments;
test paths may be given alongside; a path that names no experiment fails with a "did you mean"). The items come
from a collector of the session, so pytest collects and counts them like any other test. Each item checks that the
config

* builds again from itself, equal (`Cls(cfg) == cfg`);
* prints (`pconfigs-print`), and the output parses;
* round-trips through `pconfigs-print --runnable`: the module it writes, executed, binds an equal config;
* has no field left `Required` (listed by dotted path);
* with snapshots configured, matches its stored snapshot `<dir>/<dotted path>.py` (below).

Snapshots (`_snapshot`) are the `pconfigs-print --runnable` module of the config, then a comment block of its
derived values as they were when written. The stored file is loaded (run as `load_runnable` runs a `--runnable`
file) and compared with the config by `pconfigs.diff`, its derived values by the block, so a mismatch is shown as
`path: old -> new` lines, derived values marked; a refactor that changes any resolved value fails until its
snapshot is rewritten. A snapshot that no longer loads (a class renamed) fails with the file and the error. A
snapshot whose config is equal but whose text is not what would be written now (the printer's form changed, a
class moved to another module) fails too, as out of date: the file is meant to be a faithful `--runnable` target
(`pconfigs-diff tests/snapshots/x.py project.experiments.x.config`), and CI should say when it stops being one.
Files in the old form (the readable print, with its `# NOTE: This code is not intended to run` lines) cannot be
rebuilt: they fail, saying whether their text still matches the readable print, until migrated.

`pytest --pconfigs-update-snapshots`, after reviewing the change, writes the missing snapshots and rewrites the
changed, out-of-date and old-form ones (and no others), lists the files it wrote at the end of the run, and does
not fail for snapshots. Every failure of the plugin is one screen: the experiment's dotted path and what failed,
then the snapshot's diff, or the exception with the user's frames only (`_tracebacks`, shared with the commands:
no pytest, importlib or pconfigs frames).

A module that fails to import (a misspelt field in one experiment) is one failing item, named by the module's
dotted path, showing the user's frames and the error. The experiments are imported with the current directory
importable (appended to `sys.path`, as `python -m pytest` and `pconfigs-run` do), so a package that sits in the
directory pytest runs from needs no setting. A package that still does not import (a `src/` layout that is not
installed) fails once, saying what to set: `pythonpath = ["src"]` in the pytest configuration (the folder found to
hold the package), or installing the project.
"""

from __future__ import annotations

import ast
import importlib
import os
import pkgutil
import sys
import types
from collections.abc import Generator, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

__all__ = ["pytest_addoption", "pytest_configure", "pytest_make_collect_report", "pytest_terminal_summary"]


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addini("pconfigs_experiments", "packages or modules whose configs are tested by pconfigs", type="linelist")
    parser.addini("pconfigs_snapshots", "folder of stored --runnable snapshots to compare with (optional)", default="")
    parser.addoption(
        "--pconfigs",
        action="store_true",
        default=False,
        help="test the experiment configs even when test paths are given on the command line",
    )
    parser.addoption(
        "--pconfigs-update-snapshots",
        action="store_true",
        default=False,
        help="write the snapshot of every experiment whose file is missing, changed or in the old form",
    )


UPDATE = "run pytest --pconfigs-update-snapshots"

_WRITTEN = pytest.StashKey[list[str]]()
"""The snapshot files this session wrote, for the terminal summary."""


@dataclass
class _Plan:
    """What this session tests: every experiment, or those the dotted paths on the command line select."""

    packages: list[str]
    selected: list[str] = field(default_factory=list)


_PLAN = pytest.StashKey[_Plan]()


class ExperimentFailure(Exception):
    """A check of an experiment config failed; shown as its message alone."""


def pytest_configure(config: pytest.Config) -> None:
    packages = [p.strip() for p in config.getini("pconfigs_experiments") if p.strip()]
    if not packages:
        return
    selected = [arg for arg in config.args if _selects(arg, packages)]
    if selected:  # pytest would look for files of these names: they are ours
        config.args[:] = [arg for arg in config.args if arg not in selected]
    elif config.option.file_or_dir and not config.getoption("--pconfigs"):
        return
    config.stash[_PLAN] = _Plan(packages, selected)
    here = str(config.invocation_params.dir)
    if here not in sys.path and "" not in sys.path:
        sys.path.append(here)  # as for `python -m pytest` and pconfigs-run: the current directory is importable


def _selects(arg: str, packages: list[str]) -> bool:
    """Whether a command-line argument is the dotted path of an experiment (a config, a module, a package)."""
    if "::" in arg or "/" in arg or os.sep in arg or not all(p.isidentifier() for p in arg.split(".")):
        return False
    return any(_related(arg, name) for name in packages) and not os.path.exists(arg)


def _related(a: str, b: str) -> bool:
    """Whether one dotted path is the other or lies under it."""
    return a == b or a.startswith(f"{b}.") or b.startswith(f"{a}.")


def pytest_terminal_summary(terminalreporter: Any, exitstatus: int, config: pytest.Config) -> None:
    written = config.stash.get(_WRITTEN, [])
    if written:
        terminalreporter.write_sep("-", f"pconfigs: wrote {len(written)} snapshot{'s' if len(written) != 1 else ''}")
        for line in written:
            terminalreporter.write_line(line)


@pytest.hookimpl(wrapper=True)
def pytest_make_collect_report(
    collector: pytest.Collector,
) -> Generator[None, pytest.CollectReport, pytest.CollectReport]:
    """The experiments are a collector of the session, so pytest collects and counts their items like any test's."""
    report = yield
    if isinstance(collector, pytest.Session) and report.passed and _PLAN in collector.config.stash:
        assert isinstance(report.result, list)
        report.result.append(Experiments.from_parent(collector, name="pconfigs"))
    return report


class Experiments(pytest.Collector):
    def collect(self) -> list[pytest.Item]:
        plan = self.config.stash[_PLAN]
        found: list[pytest.Item] = []
        seen: set[int] = set()
        for module_name, module, error in _modules(plan):
            if error is not None:
                message = _import_failure(module_name, error, self.config.rootpath)
                found.append(Failing.from_parent(self, name=module_name, nodeid=module_name, message=message))
                continue
            assert module is not None
            for attr, value in vars(module).items():
                if attr.startswith("_") or id(value) in seen or not _is_config(value):
                    continue
                if not _built_in(value, module):
                    continue
                seen.add(id(value))
                path = f"{module_name}.{attr}"
                if not plan.selected or any(_related(path, s) for s in plan.selected):
                    found.append(ExperimentItem.from_parent(self, name=path, nodeid=path, cfg=value))
        for wanted in plan.selected:
            if not any(_related(item.name, wanted) for item in found):
                found.append(Failing.from_parent(self, name=wanted, nodeid=wanted, message=_not_found(wanted, plan)))
        return found


def _not_found(wanted: str, plan: _Plan) -> str:
    from pconfigs._extension import compose, did_you_mean

    experiments = [
        f"{name}.{attr}"
        for name, module, _ in _modules(_Plan(plan.packages))
        if module is not None
        for attr, value in vars(module).items()
        if not attr.startswith("_") and _is_config(value) and _built_in(value, module)
    ]
    hint = did_you_mean(wanted, experiments) or (
        "name an experiment by its dotted path, e.g. " + experiments[0] if experiments else None
    )
    return compose(f"{wanted}: no experiment config has this dotted path", hint=hint)


def _import_failure(module_name: str, error: BaseException, root: Path) -> str:
    """What the user sees for a module that failed to import: one short screen."""
    from pconfigs._extension import compose

    from ._tracebacks import user_traceback

    missing = error.name if isinstance(error, ModuleNotFoundError) else None
    if missing and (module_name == missing or module_name.startswith(f"{missing}.")):
        return compose(
            f"{module_name}: cannot import it: no module named {missing!r}",
            hint=_import_hint(missing.split(".")[0], root),
        )
    return f"{module_name}: importing the module failed\n{user_traceback(error).rstrip()}"


def _import_hint(top: str, root: Path) -> str:
    """Which folder to put on the path: the one holding the package, when it is under the root directory."""
    holders = [root] + sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith("."))
    for folder in holders:
        if (folder / top).is_dir() or (folder / f"{top}.py").is_file():
            relative = folder.relative_to(root).as_posix()
            return (
                f'set pythonpath = ["{relative}"] in the pytest configuration ({relative}/{top} is there), '
                "or install the project (pip install -e .)"
            )
    return (
        f"check the spelling in pconfigs_experiments; install the project (pip install -e .), or name the folder "
        f"that holds {top} in pythonpath = [...] in the pytest configuration"
    )


def _is_config(value: object) -> bool:
    from pconfigs._extension import is_config

    return is_config(value)


def _built_in(cfg: Any, module: types.ModuleType) -> bool:
    """Whether `cfg` was built by `module` (rather than imported into it)."""
    filename = getattr(module, "__file__", None)
    from pconfigs._extension import line_of

    site = line_of(getattr(cfg, "__pconfig_site__", ("", 0)))
    return filename is not None and Path(site[0]).resolve() == Path(filename).resolve()


def _modules(plan: _Plan) -> Iterator[tuple[str, types.ModuleType | None, BaseException | None]]:
    """Every module under the experiment packages (those the selection can reach), imported, or its error."""

    def wanted(name: str) -> bool:
        return not plan.selected or any(_related(name, s) for s in plan.selected)

    for name in plan.packages:
        if not wanted(name):
            continue
        try:
            module = importlib.import_module(name)
        except Exception as exc:  # the user's module failing to import is a test failure, not a crash
            yield name, None, exc
            continue
        yield name, module, None
        if hasattr(module, "__path__"):
            for info in pkgutil.walk_packages(module.__path__, prefix=f"{name}.", onerror=lambda n: None):
                if not wanted(info.name):
                    continue
                try:
                    sub = importlib.import_module(info.name)
                except Exception as exc:
                    yield info.name, None, exc
                    continue
                yield info.name, sub, None


class Failing(pytest.Item):
    """An experiment that cannot even be checked (its module does not import, its path names nothing)."""

    def __init__(self, *, message: str, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.message = message

    def runtest(self) -> None:
        raise ExperimentFailure(self.message)

    def repr_failure(self, excinfo: pytest.ExceptionInfo[BaseException], style: Any = None) -> str:
        return str(excinfo.value)

    def reportinfo(self) -> tuple[str, int | None, str]:
        return ("pconfigs", None, _domain(self.name))


def _domain(path: str) -> str:
    """The failure's heading. Not the node ID itself: pytest's verbose lines would then show the ID with its dots
    turned into `::`, which no longer selects the item when pasted back."""
    return f"{path} (experiment)"


class ExperimentItem(pytest.Item):
    def __init__(self, *, cfg: Any, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.cfg = cfg
        self.doing = "checking the config"

    def runtest(self) -> None:
        from pconfigs._extension import compose, render_module, still_required

        cfg, path = self.cfg, self.name
        self.doing = "building the config again from itself"
        if type(cfg)(cfg) != cfg:
            raise ExperimentFailure(f"{path}: building the config again from itself gives a different config")
        self.doing = "printing the config"
        printed = render_module(cfg)
        try:
            ast.parse(printed)
        except SyntaxError as exc:
            raise ExperimentFailure(f"{path}: the printed config does not parse: {exc}") from None
        self.doing = "rebuilding the config from its `pconfigs-print --runnable` form"
        runnable = render_module(cfg, runnable=True)
        namespace: dict[str, Any] = {"__name__": f"pconfigs_snapshot_of_{path.replace('.', '_')}"}
        exec(compile(runnable, f"<pconfigs-print --runnable {path}>", "exec"), namespace)
        if namespace.get("config") != cfg:
            raise ExperimentFailure(
                compose(
                    f"{path}: `pconfigs-print --runnable` does not rebuild an equal config",
                    hint="a value's printed form does not rebuild it; compare the output with the config",
                )
            )
        refusal = still_required(cfg, "run", subject=path)
        if refusal is not None:
            raise ExperimentFailure(refusal)
        self.doing = "comparing the config with its snapshot"
        self._check_snapshot(printed)

    def _check_snapshot(self, printed: str) -> None:
        from pconfigs._extension import compose

        from . import _snapshot

        folder = self.config.getini("pconfigs_snapshots")
        if not folder:
            return
        root = self.config.rootpath
        stored = Path(root, folder, f"{self.name}.py")
        shown = stored.relative_to(root) if stored.is_relative_to(root) else stored
        now = _snapshot.snapshot_text(self.cfg)
        before = stored.read_text(encoding="utf-8") if stored.exists() else None
        if self.config.getoption("--pconfigs-update-snapshots"):
            if before != now:
                stored.parent.mkdir(parents=True, exist_ok=True)
                stored.write_text(now, encoding="utf-8")
                why = "new" if before is None else "migrated" if _snapshot.is_old_form(before) else "updated"
                self.config.stash.setdefault(_WRITTEN, []).append(f"{shown} ({why})")
            return
        if before == now:
            return
        if before is None:
            raise ExperimentFailure(
                compose(f"{self.name}: no snapshot at {shown}", hint=f"review the printed config, then {UPDATE}")
            )
        if _snapshot.is_old_form(before):
            changes = _snapshot.text_changes(before, printed)
            raise ExperimentFailure(
                compose(
                    f"{self.name}: the snapshot {shown} is in the old form (the readable print), which does not "
                    "rebuild a config",
                    details=(
                        ["its text differs from what pconfigs-print writes now:", *(f"  {c}" for c in changes)]
                        if changes
                        else ["its text is still what pconfigs-print writes for the config"]
                    ),
                    hint=f"{UPDATE} to rewrite it in the --runnable form"
                    + (" after reviewing the change" if changes else ""),
                )
            )
        try:
            rebuilt = _snapshot.load(str(stored))
        except Exception as exc:  # the user's code, or the file, no longer fits: a failure, not a crash
            raise ExperimentFailure(
                compose(
                    f"{self.name}: the snapshot {shown} no longer loads",
                    details=f"{type(exc).__name__}: {exc}".splitlines(),
                    hint=f"{UPDATE} after reviewing the change",
                )
            ) from None
        lines = _snapshot.differences(rebuilt, before, self.cfg)
        if lines:
            raise ExperimentFailure(
                compose(
                    f"{self.name}: the config differs from its snapshot {shown} (snapshot -> now)",
                    details=lines,
                    hint=f"{UPDATE} after reviewing the change",
                )
            )
        number, old, new = _snapshot.first_change(before, now)
        raise ExperimentFailure(
            compose(
                f"{self.name}: the snapshot {shown} is out of date: its config equals this one, but "
                "pconfigs-print --runnable now writes it differently",
                details=[f"line {number} stored: {old}", f"line {number} now:    {new}"],
                hint=f"{UPDATE} to rewrite it",
            )
        )

    def repr_failure(self, excinfo: pytest.ExceptionInfo[BaseException], style: Any = None) -> str:
        from ._tracebacks import user_traceback

        if isinstance(excinfo.value, ExperimentFailure):
            return str(excinfo.value)
        return f"{self.name}: {self.doing} raised an exception\n{user_traceback(excinfo.value).rstrip()}"

    def reportinfo(self) -> tuple[str, int | None, str]:
        from pconfigs._extension import line_of

        site = line_of(getattr(self.cfg, "__pconfig_site__", ("pconfigs", 0)))
        return (site[0], site[1] - 1, _domain(self.name))
