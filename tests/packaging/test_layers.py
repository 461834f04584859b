"""Layers import downward only: core loads nothing of the other distributions."""

from __future__ import annotations

import importlib.util
import subprocess
import sys

import pytest

OTHERS = ("pconfigs.pinnable", "pconfigs.run", "pconfigs.print", "pconfigs.mypy", "pconfigs.cli", "mypy")


def test_import_pconfigs_loads_no_other_distribution() -> None:
    """`import pconfigs` (and using it) imports no module of pinnable, cli or mypy."""
    code = (
        "import sys, pconfigs\n"
        "from pconfigs import pconfig, pdefaults\n"
        "@pconfig\nclass C:\n    x: int\n"
        "pdefaults += C(x=1)\nrepr(C())\n"
        f"print(sorted(m for m in sys.modules if m.startswith({OTHERS!r})))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_core_modules_do_not_import_other_distributions() -> None:
    """No module of pconfigs-core imports another distribution's package at run time."""
    import ast
    from pathlib import Path

    import pconfigs

    core = Path(pconfigs.__file__).parent
    offenders = []
    for path in sorted(core.glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        typing_only = {
            id(inner)
            for node in ast.walk(tree)
            if isinstance(node, ast.If) and ast.unparse(node.test) in ("TYPE_CHECKING", "typing.TYPE_CHECKING")
            for inner in ast.walk(node)
        }
        for node in ast.walk(tree):
            if id(node) in typing_only:  # imports for type checkers only never run
                continue
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [("." * node.level) + (node.module or "") + "." + a.name for a in node.names]
            for n in names:
                if any(part in n for part in ("pinnable", "mypy", ".run", ".print")):
                    offenders.append(f"{path.name}: {n}")
    assert offenders == []


@pytest.mark.skipif(importlib.util.find_spec("pconfigs.pinnable") is not None, reason="pconfigs-pinnable installed")
def test_pinnable_names_without_the_distribution() -> None:
    """Without pconfigs-pinnable, `from pconfigs import Pinned` says which distribution to install."""
    with pytest.raises(ImportError) as info:
        from pconfigs import Pinned  # noqa: F401
    assert str(info.value) == (
        "pconfigs.Pinned comes from the distribution pconfigs-pinnable, which is not installed\n"
        "  hint: pip install pconfigs-pinnable"
    )


@pytest.mark.skipif(importlib.util.find_spec("pconfigs.pinnable") is None, reason="pconfigs-pinnable not installed")
def test_pinnable_names_are_reexported_lazily() -> None:
    """With pconfigs-pinnable installed, `from pconfigs import Pinned, Pin, pproperty, pinputs` works."""
    from pconfigs import Pin, Pinned, pinnable, pinputs, pproperty

    assert (Pinned, Pin, pproperty, pinputs) == (pinnable.Pinned, pinnable.Pin, pinnable.pproperty, pinnable.pinputs)
