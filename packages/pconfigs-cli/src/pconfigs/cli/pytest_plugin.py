"""A pytest plugin that tests every experiment config of a repository.

Inert until configured. In the pytest configuration (e.g. `[tool.pytest.ini_options]` of `pyproject.toml`):

    pconfigs_experiments = ["project.experiments"]     # packages (or modules) whose configs are experiments
    pconfigs_snapshots = "tests/snapshots"             # optional: compare each printed config with a stored file

When pytest runs the whole suite (no test paths given), or with `--pconfigs`, every module under the named packages
is imported, and every config bound at module level in the module that built
it (a config imported from another module is that module's) becomes one test item, named by its dotted path
(`project.experiments.second.config`). Each item checks that the config

* builds again from itself, equal (`Cls(cfg) == cfg`);
* prints (`pconfigs-print`), and the output parses;
* round-trips through `pconfigs-print --runnable`: the module it writes, executed, binds an equal config;
* has no field left `Required` (listed by dotted path);
* with snapshots configured, prints exactly as the stored file `<dir>/<dotted path>.py`; run pytest with
  `--pconfigs-update-snapshots` to write the files after reviewing the change. A refactor that changes any
  resolved value therefore fails until its snapshot is updated.

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

__all__ = ["pytest_addoption", "pytest_collection_modifyitems"]


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addini("pconfigs_experiments", "packages or modules whose configs are tested by pconfigs", type="linelist")
    parser.addini("pconfigs_snapshots", "folder of stored printed configs to compare with (optional)", default="")
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
        help="write the printed config of every experiment to the snapshot folder",
    )


class ExperimentFailure(Exception):
    """A check of an experiment config failed; shown as its message alone."""


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

        folder = self.config.getini("pconfigs_snapshots")
        if not folder:
            return
        root = self.config.rootpath
        stored = Path(root, folder, f"{self.name}.py")
        if self.config.getoption("--pconfigs-update-snapshots"):
            stored.parent.mkdir(parents=True, exist_ok=True)
            stored.write_text(printed, encoding="utf-8")
            return
        if not stored.exists():
            raise ExperimentFailure(
                compose(
                    f"{self.name}: no snapshot at {stored.relative_to(root)}",
                    hint="review the printed config, then run pytest --pconfigs-update-snapshots",
                )
            )
        before = stored.read_text(encoding="utf-8")
        if before != printed:
            import difflib

            diff = "".join(
                difflib.unified_diff(
                    before.splitlines(True), printed.splitlines(True), f"{stored.name} (stored)", f"{self.name} (now)"
                )
            )
            raise ExperimentFailure(
                compose(
                    f"{self.name}: the printed config differs from its snapshot {stored.relative_to(root)}",
                    details=diff.rstrip("\n").split("\n"),
                    hint="if the change is intended, run pytest --pconfigs-update-snapshots",
                )
            )

    def repr_failure(self, excinfo: pytest.ExceptionInfo[BaseException], style: Any = None) -> str:
        if isinstance(excinfo.value, ExperimentFailure):
            return str(excinfo.value)
        return f"{self.name}:\n{super().repr_failure(excinfo)}"

    def reportinfo(self) -> tuple[str, int | None, str]:
        site = getattr(self.cfg, "__pconfig_site__", ("pconfigs", 0))
        return (site[0], site[1] - 1, self.name)
