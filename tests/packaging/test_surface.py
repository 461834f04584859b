"""The extension surface: pinnable, cli, the mypy plugin and the benchmarks reach core only through `_extension`.

Checked twice: in the source (every import statement, deferred ones and type-checking-only ones included, and
every `importlib.import_module`/`__import__` of a string), and at run time (an import hook records which file
imported which private core module while the other distributions do their work).
"""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import pconfigs

REPO = Path(__file__).resolve().parents[2]
ALLOWED = "pconfigs._extension"
OTHERS = [
    REPO / "packages" / "pconfigs-pinnable" / "src",
    REPO / "packages" / "pconfigs-cli" / "src",
    REPO / "packages" / "pconfigs-mypy" / "src",
    REPO / "benchmarks",
]


def _private(module: str) -> bool:
    parts = module.split(".")
    return len(parts) >= 2 and parts[0] == "pconfigs" and parts[1].startswith("_") and parts[1] != "__version__"


def private_imports(path: Path) -> list[str]:
    """Every private core module `path` names in an import, an `import_module` or an `__import__` call."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module] + [f"{node.module}.{a.name}" for a in node.names if node.module == "pconfigs"]
        elif isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant):
            func = ast.unparse(node.func)
            if func.endswith(("import_module", "__import__", "find_spec")) and isinstance(node.args[0].value, str):
                names = [node.args[0].value]
        found += [f"{path.relative_to(REPO)}:{node.lineno}: {n}" for n in names if _private(n) and n != ALLOWED]
    return found


def test_sources_import_no_private_core_module() -> None:
    """No source file of another distribution or of the benchmarks imports a private core module but `_extension`."""
    offenders = [hit for folder in OTHERS for path in sorted(folder.rglob("*.py")) for hit in private_imports(path)]
    assert offenders == []


def test_the_check_sees_every_form(tmp_path: Path) -> None:
    """The source check finds plain, from-, deferred, type-checking-only and importlib imports."""
    sample = tmp_path / "sample.py"
    sample.write_text(
        "import importlib\n"
        "from typing import TYPE_CHECKING\n"
        "import pconfigs._spec\n"
        "from pconfigs import _merge, pconfig\n"
        "from pconfigs._render import render_module\n"
        "from pconfigs._extension import compose\n"
        "if TYPE_CHECKING:\n"
        "    from pconfigs._site import Site\n"
        "def f():\n"
        "    from pconfigs._required import still_required\n"
        "    importlib.import_module('pconfigs._layout')\n"
        "    __import__('pconfigs._literals')\n",
        encoding="utf-8",
    )
    sample = sample.rename(REPO / "benchmarks" / "_surface_sample.py")
    try:
        hits = [h.split(": ", 1)[1] for h in private_imports(sample)]
    finally:
        sample.unlink()
    assert hits == [
        "pconfigs._spec",
        "pconfigs._merge",
        "pconfigs._render",
        "pconfigs._site",
        "pconfigs._required",
        "pconfigs._layout",
        "pconfigs._literals",
    ]


_HOOK = r"""
import builtins, importlib, json, os, sys

core = os.path.dirname(os.path.abspath(sys.argv[1]))
allowed = "pconfigs._extension"
seen = []

def private(name):
    parts = name.split(".")
    return len(parts) >= 2 and parts[0] == "pconfigs" and parts[1].startswith("_") and name != allowed

def note(name, depth):
    caller = os.path.abspath(sys._getframe(depth).f_code.co_filename)
    if not caller.startswith(core + os.sep) and "importlib" not in caller and not caller.startswith("<"):
        seen.append([caller, name])

real_import = builtins.__import__
def hooked(name, globals=None, locals=None, fromlist=(), level=0):
    if level == 0:
        if private(name):
            note(name, 2)
        if name == "pconfigs":
            for item in fromlist or ():
                if private("pconfigs." + item):
                    note("pconfigs." + item, 2)
    return real_import(name, globals, locals, fromlist, level)
builtins.__import__ = hooked

real_module = importlib.import_module
def hooked_module(name, package=None):
    if private(name):
        note(name, 2)
    return real_module(name, package)
importlib.import_module = hooked_module
"""

_WORK = r"""
import contextlib, io, os, pickle
from pconfigs import pconfig, pdefaults, Required
from pconfigs.pinnable import Pinned, pproperty, Pin, pinputs
import pconfigs.cli, pconfigs.cli.pytest_plugin
from pconfigs.cli import print_main, run_main
import pconfigs.mypy
import pconfigs._spec  # this script is user code: the hook must see this one (the test checks it does)

@pconfig
class C:
    a: int
    b: Pinned[int]
    @pproperty
    def b(self) -> int:
        return self.a + 1

pdefaults += C(a=1, b=Pinned)
c = C(a=2)
assert c.b == 3 and C(c, b=Pin(5)).b == 5 and pickle.loads(pickle.dumps(c)) == c
with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
    print_main(["project.experiments.second.config"])
    print_main(["--runnable", "project.experiments.third.config"])
    run_main(["project.experiments.second.config"])
    run_main(["project.experiments.nope.config"])
import pconfigs.pinnable, pconfigs.cli, pconfigs.mypy, pconfigs.run, pconfigs.print
others = [os.path.dirname(m.__file__) for m in (pconfigs.pinnable, pconfigs.cli, pconfigs.mypy)]
others += [pconfigs.run.__file__, pconfigs.print.__file__]
print(json.dumps({"seen": seen, "others": others}))
"""


def test_other_distributions_load_no_private_core_module_at_run_time(tmp_path: Path) -> None:
    """While pinnable builds derived values and the commands print and run, no file outside core imports
    a private core module other than `_extension`."""
    script = tmp_path / "work.py"
    script.write_text(_HOOK + _WORK, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, str(script), pconfigs.__file__], capture_output=True, text=True, check=False, cwd=tmp_path
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert [str(script), "pconfigs._spec"] in report["seen"]  # the hook works
    assert [entry for entry in report["seen"] if entry[0].startswith(tuple(report["others"]))] == []
