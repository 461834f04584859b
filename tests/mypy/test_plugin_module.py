"""The plugin module itself: no pconfigs runtime code, and the version it reports to mypy's cache."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:  # mypy depends on tomli before Python 3.11
    import tomli as tomllib

import pconfigs.mypy

from .conftest import REPO

PLUGIN_DIR = Path(pconfigs.mypy.__file__).parent


def test_plugin_imports_no_pconfigs_module() -> None:
    """Every import in the plugin's sources is mypy, the standard library, or the plugin's own modules."""
    for path in sorted(PLUGIN_DIR.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.level == 0:
                assert not (node.module or "").startswith("pconfigs"), f"{path.name} imports {node.module}"
            elif isinstance(node, ast.Import):
                assert not any(a.name.startswith("pconfigs") for a in node.names), f"{path.name}: {ast.unparse(node)}"


def test_loading_the_plugin_loads_no_other_distribution() -> None:
    """Loading the plugin as mypy does imports neither pinnable nor the commands."""
    code = (
        "import importlib, sys\n"
        "importlib.import_module('pconfigs.mypy').plugin('1.0')\n"
        "prefixes = ('pconfigs.pinnable', 'pconfigs.run', 'pconfigs.print')\n"
        "print(sorted(m for m in sys.modules if m.startswith(prefixes)))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_version_matches_the_distribution() -> None:
    """The version the plugin reports to mypy's cache is the distribution's version."""
    meta = tomllib.loads((REPO / "packages/pconfigs-mypy/pyproject.toml").read_text(encoding="utf-8"))
    assert pconfigs.mypy.__version__ == meta["project"]["version"]


def test_reserved_names_equal_the_runtime() -> None:
    """The plugin's copy of the reserved field names is the runtime's list."""
    from pconfigs._make import RESERVED as runtime
    from pconfigs.mypy._names import RESERVED as plugin

    assert plugin == runtime
