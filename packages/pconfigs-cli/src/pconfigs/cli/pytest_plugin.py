"""A pytest plugin that tests every experiment config of a repository.

Inert until configured. In the pytest configuration (e.g. `[tool.pytest.ini_options]` of `pyproject.toml`):

    pconfigs_experiments = ["project.experiments"]     # packages (or modules) whose configs are experiments
    pconfigs_snapshots = "tests/snapshots"             # optional: compare each config with its stored snapshot

When pytest runs the whole suite (no test paths given), or with `--pconfigs`, every module under the named packages
is imported, and every config bound at module level in the module that built
it (a config imported from another module is that module's) becomes one test item, named by its dotted path
(`project.experiments.second.config`). Each item checks that the config

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
not fail for snapshots. Every failure of the plugin is its message alone: pytest's and importlib's frames say
nothing about a config.

A module that fails to import is one failing item showing the module and its traceback.
"""

from __future__ import annotations

import ast
import importlib
import pkgutil
import types
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

__all__ = ["pytest_addoption", "pytest_collection_modifyitems", "pytest_terminal_summary"]


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


class ExperimentFailure(Exception):
    """A check of an experiment config failed; shown as its message alone."""


def pytest_terminal_summary(terminalreporter: Any, exitstatus: int, config: pytest.Config) -> None:
    written = config.stash.get(_WRITTEN, [])
    if written:
        terminalreporter.write_sep("-", f"pconfigs: wrote {len(written)} snapshot{'s' if len(written) != 1 else ''}")
        for line in written:
            terminalreporter.write_line(line)


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(session: pytest.Session, config: pytest.Config, items: list[pytest.Item]) -> None:
    packages = [p for p in config.getini("pconfigs_experiments") if p.strip()]
    if not packages or (config.option.file_or_dir and not config.getoption("--pconfigs")):
        return
    collector = Experiments.from_parent(session, name="pconfigs")
    items.extend(collector.collect())


class Experiments(pytest.Collector):
    def collect(self) -> list[pytest.Item]:
        found: list[pytest.Item] = []
        seen: set[int] = set()
        for module_name, module, error in _modules(self.config.getini("pconfigs_experiments")):
            if error is not None:
                found.append(ImportFailure.from_parent(self, name=f"import {module_name}", error=error))
                continue
            assert module is not None
            for attr, value in vars(module).items():
                if attr.startswith("_") or id(value) in seen or not _is_config(value):
                    continue
                if not _built_in(value, module):
                    continue
                seen.add(id(value))
                found.append(ExperimentItem.from_parent(self, name=f"{module_name}.{attr}", cfg=value))
        return found


def _is_config(value: object) -> bool:
    from pconfigs._extension import is_config

    return is_config(value)


def _built_in(cfg: Any, module: types.ModuleType) -> bool:
    """Whether `cfg` was built by `module` (rather than imported into it)."""
    filename = getattr(module, "__file__", None)
    site = getattr(cfg, "__pconfig_site__", ("", 0))
    return filename is not None and Path(site[0]).resolve() == Path(filename).resolve()


def _modules(names: list[str]) -> Iterator[tuple[str, types.ModuleType | None, BaseException | None]]:
    for name in names:
        name = name.strip()
        try:
            module = importlib.import_module(name)
        except Exception as exc:  # the user's module failing to import is a test failure, not a crash
            yield name, None, exc
            continue
        yield name, module, None
        if hasattr(module, "__path__"):
            for info in pkgutil.walk_packages(module.__path__, prefix=f"{name}.", onerror=lambda n: None):
                try:
                    sub = importlib.import_module(info.name)
                except Exception as exc:
                    yield info.name, None, exc
                    continue
                yield info.name, sub, None


class ImportFailure(pytest.Item):
    def __init__(self, *, error: BaseException, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.error = error

    def runtest(self) -> None:
        raise self.error

    def reportinfo(self) -> tuple[str, int | None, str]:
        return ("pconfigs", None, self.name)


class ExperimentItem(pytest.Item):
    def __init__(self, *, cfg: Any, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.cfg = cfg

    def runtest(self) -> None:
        from pconfigs._extension import compose, render_module, still_required

        cfg, path = self.cfg, self.name
        if type(cfg)(cfg) != cfg:
            raise ExperimentFailure(f"{path}: building the config again from itself gives a different config")
        printed = render_module(cfg)
        try:
            ast.parse(printed)
        except SyntaxError as exc:
            raise ExperimentFailure(f"{path}: the printed config does not parse: {exc}") from None
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
        if isinstance(excinfo.value, ExperimentFailure):
            return str(excinfo.value)
        return f"{self.name}:\n{super().repr_failure(excinfo)}"

    def reportinfo(self) -> tuple[str, int | None, str]:
        site = getattr(self.cfg, "__pconfig_site__", ("pconfigs", 0))
        return (site[0], site[1] - 1, self.name)
