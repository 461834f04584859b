"""Resolving `package.module.attribute` to an object, telling the user's mistakes from errors in their code.

The path is walked one name at a time: a name under a package is first tried as a submodule, then as an
attribute; under anything else it is an attribute. A missing module or attribute is a `UsageError` (a mistake in
the command, with a "did you mean" over the names that exist); an exception raised while a module is imported is
the user's code failing and propagates unchanged. Modules are imported with the builtin `__import__`, whose frames
CPython hides from tracebacks, so the user sees only their own code.
"""

from __future__ import annotations

import sys
import types
from typing import Any

from pconfigs._extension import did_you_mean, is_config, is_config_class

__all__ = ["UsageError", "resolve", "describe", "load_runnable", "RUNNABLE_FILE"]

RUNNABLE_FILE = "config.py"
"""The `--runnable` snapshot's file name inside a run record (DESIGN 6.3): a record folder as a target means it."""


class UsageError(Exception):
    """A mistake in the command line: printed as one message, exit status 2."""

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


_EXAMPLE = "e.g. project.experiments.second.config"


def resolve(target: str) -> Any:
    """The object `target` names: `package.module.attribute`, a `--runnable` file (`path/to/x.py`), or a run
    record's folder (its `config.py`)."""
    if _is_path(target):
        return load_runnable(target)
    parts = target.split(".")
    if not all(p.isidentifier() for p in parts):
        raise UsageError(f"{target!r} is not a dotted path", f"name the config as package.module.attribute, {_EXAMPLE}")
    try:
        return _walk(parts)
    except UsageError as err:
        raise UsageError(f"cannot resolve {target!r}: {err.message}", err.hint) from None


def _walk(parts: list[str]) -> Any:
    obj: Any = _import(parts[0], None)
    path = parts[0]
    for name in parts[1:]:
        if isinstance(obj, types.ModuleType):
            if hasattr(obj, "__path__"):
                sub = _import(f"{path}.{name}", obj)
                if sub is not None:
                    obj, path = sub, f"{path}.{name}"
                    continue
            if name not in vars(obj):
                kind = "package" if hasattr(obj, "__path__") else "module"
                what = "module or attribute" if kind == "package" else "attribute"
                choices = _module_names(obj)
                raise UsageError(f"{kind} {path!r} has no {what} {name!r}", did_you_mean(name, choices))
            obj = vars(obj)[name]
        else:
            try:
                obj = getattr(obj, name)
            except AttributeError:
                choices = [n for n in dir(obj) if not n.startswith("_")]
                raise UsageError(f"{path} has no attribute {name!r}", did_you_mean(name, choices)) from None
        path = f"{path}.{name}"
    return obj


def _is_path(target: str) -> bool:
    """A target is a path when it holds a path separator, ends with `.py`, or names an existing folder."""
    import os

    return os.sep in target or "/" in target or target.endswith(".py") or os.path.isdir(target)


def load_runnable(path: str) -> Any:
    """The config a `--runnable` file binds to `config` (the file is run like a module: it is Python the user or
    `pconfigs-print --runnable` wrote, as a target module is); for a folder, its run record's `config.py`."""
    import os
    import runpy

    file = os.path.join(path, RUNNABLE_FILE) if os.path.isdir(path) else path
    if not os.path.isfile(file):
        if os.path.isdir(path):
            raise UsageError(
                f"{path!r} is a folder without {RUNNABLE_FILE}, so not a run record",
                "name a folder written by pconfigs-run --record, or a dotted path "
                "such as project.experiments.second.config",
            )
        raise UsageError(
            f"no file {path!r}",
            "name a --runnable file or a run record's folder, or a dotted path "
            "such as project.experiments.second.config",
        )
    namespace = runpy.run_path(file, run_name="__pconfigs_runnable__")
    if "config" not in namespace:
        raise UsageError(
            f"{file} binds no `config`", "name a file written by pconfigs-print --runnable (it binds `config = ...`)"
        )
    return namespace["config"]


def _import(name: str, parent: types.ModuleType | None) -> types.ModuleType | None:
    """Import module `name`; None if `parent` has no such submodule; a UsageError for a missing top-level one."""
    try:
        __import__(name)
    except ModuleNotFoundError as exc:
        if exc.name != name:
            raise
        if parent is not None:
            return None
        raise UsageError(
            f"no module named {name!r}",
            did_you_mean(name, _top_level_names(), cutoff=0.75)
            or "check the spelling, and that the package is importable: run from the folder that holds it, or "
            "install it in this Python environment (pip install -e . for your project)",
        ) from None
    return sys.modules[name]


def _module_names(module: types.ModuleType) -> list[str]:
    names = [n for n in vars(module) if not n.startswith("_")]
    if hasattr(module, "__path__"):
        import pkgutil

        names.extend(m.name for m in pkgutil.iter_modules(module.__path__))
    return names


def _top_level_names() -> list[str]:
    """The modules a user is likely to mean: those in the current directory, and the top-level packages of
    installed distributions (never the whole standard library, whose `json` or `pyexpat` a misspelt project name
    would otherwise be "close" to)."""
    import importlib.metadata
    import os
    import pkgutil

    names = {m.name for m in pkgutil.iter_modules([os.getcwd()])}
    names.update(importlib.metadata.packages_distributions())
    return sorted(n for n in names if not n.startswith("_"))


def describe(obj: Any) -> str:
    """What `obj` is, for "X is not a config (it is ...)"."""
    if isinstance(obj, types.ModuleType):
        return "a module"
    if is_config_class(obj):
        return f"the config class {obj.__qualname__}"
    if isinstance(obj, type):
        return f"the class {obj.__qualname__}"
    name = type(obj).__qualname__
    return f"{'an' if name[:1].lower() in 'aeiou' else 'a'} {name}"


def configs_in(module: types.ModuleType) -> list[str]:
    """Names of the configs a module holds, `config` first."""
    names = [n for n, v in vars(module).items() if not n.startswith("_") and is_config(v)]
    return sorted(names, key=lambda n: n != "config")
