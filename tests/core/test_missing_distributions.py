"""Importing a layer whose distribution is not installed names the distribution to install.

Where a distribution is really missing (CI runs these tests with only pconfigs-core installed), the tests import it
in this process; elsewhere they hide the other distributions from a fresh interpreter by keeping only core's folder
in `pconfigs.__path__`, which is what an install of pconfigs-core alone looks like to the import system.
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
import textwrap
from pathlib import Path

import pconfigs
import pytest

LAYERS = {
    "pconfigs.pinnable": "pconfigs-pinnable",
    "pconfigs.cli": "pconfigs-cli",
    "pconfigs.run": "pconfigs-cli",
    "pconfigs.print": "pconfigs-cli",
    "pconfigs.mypy": "pconfigs-mypy",
}
CORE = str(Path(pconfigs.__file__).parent)
PINNABLE = ["Pinned", "Pin", "pproperty", "pinputs"]


def message(name: str, distribution: str) -> str:
    return (
        f"{name} comes from the distribution {distribution}, which is not installed\n  hint: pip install {distribution}"
    )


def installed(module: str) -> bool:
    return importlib.util.find_spec(module) is not None


def core_alone(code: str) -> str:
    """Run `code` in a fresh interpreter that sees only pconfigs-core's part of the package; its stdout."""
    prelude = f"import pconfigs\npconfigs.__path__[:] = [{CORE!r}]\n"
    done = subprocess.run(
        [sys.executable, "-c", prelude + textwrap.dedent(code)], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.mark.parametrize("module", sorted(LAYERS))
def test_import_of_a_missing_layer_names_its_distribution(module: str) -> None:
    """`import pconfigs.X` without X's distribution raises ModuleNotFoundError naming the distribution."""
    if installed(module):
        pytest.skip(f"{LAYERS[module]} is installed")
    with pytest.raises(ModuleNotFoundError) as info:
        __import__(module)
    assert str(info.value) == message(module, LAYERS[module])
    assert info.value.name == module


def test_from_a_missing_layer_import_a_name() -> None:
    """`from pconfigs.pinnable import Pinned` without pconfigs-pinnable names the distribution."""
    if installed("pconfigs.pinnable"):
        pytest.skip("pconfigs-pinnable is installed")
    with pytest.raises(ModuleNotFoundError) as info:
        from pconfigs.pinnable import Pinned  # noqa: F401
    assert str(info.value) == message("pconfigs.pinnable", "pconfigs-pinnable")


def test_hasattr_of_a_pinnable_name_without_the_distribution() -> None:
    """Without pconfigs-pinnable, `hasattr(pconfigs, "Pinned")` is False and reading it says what to install."""
    if installed("pconfigs.pinnable"):
        pytest.skip("pconfigs-pinnable is installed")
    assert not hasattr(pconfigs, "Pinned")
    with pytest.raises(AttributeError) as info:
        pconfigs.Pinned
    assert str(info.value) == message("pconfigs.Pinned", "pconfigs-pinnable")


def test_star_import_gives_what_is_installed() -> None:
    """`from pconfigs import *` works, with the pinnable names exactly when pconfigs-pinnable is installed."""
    namespace: dict[str, object] = {}
    exec("from pconfigs import *", namespace)
    names = {n for n in namespace if n != "__builtins__"}
    assert set(PINNABLE) <= names if installed("pconfigs.pinnable") else not set(PINNABLE) & names
    assert {"pconfig", "pdefaults", "Required", "override", "sweep", "__version__"} <= names


def test_every_form_with_core_alone() -> None:
    """With only core's folder visible, every way of importing a layer or a pinnable name names its distribution."""
    out = core_alone(
        """
        import importlib
        statements = [
            "import pconfigs.pinnable", "from pconfigs.pinnable import Pinned", "from pconfigs import pinnable",
            "import pconfigs.cli", "import pconfigs.cli.diff", "import pconfigs.run", "from pconfigs import print",
            "import pconfigs.mypy", "importlib.import_module('pconfigs.mypy')", "from pconfigs import Pinned",
            "from pconfigs import pconfig, pproperty", "pconfigs.pinputs",
        ]
        for statement in statements:
            try:
                exec(statement, {"importlib": importlib, "pconfigs": pconfigs})
            except Exception as exc:
                print(f"{statement} | {type(exc).__name__} {exc.name} | {exc}".replace("\\n", " / "))
        namespace = {}
        exec("from pconfigs import *", namespace)
        print(hasattr(pconfigs, "Pinned"), hasattr(pconfigs, "pinnable"), "Pinned" in namespace)
        """
    )
    expected = [
        ("import pconfigs.pinnable", "ModuleNotFoundError", "pconfigs.pinnable"),
        ("from pconfigs.pinnable import Pinned", "ModuleNotFoundError", "pconfigs.pinnable"),
        ("from pconfigs import pinnable", "ModuleNotFoundError", "pconfigs.pinnable"),
        ("import pconfigs.cli", "ModuleNotFoundError", "pconfigs.cli"),
        ("import pconfigs.cli.diff", "ModuleNotFoundError", "pconfigs.cli"),
        ("import pconfigs.run", "ModuleNotFoundError", "pconfigs.run"),
        ("from pconfigs import print", "ModuleNotFoundError", "pconfigs.print"),
        ("import pconfigs.mypy", "ModuleNotFoundError", "pconfigs.mypy"),
        ("importlib.import_module('pconfigs.mypy')", "ModuleNotFoundError", "pconfigs.mypy"),
        ("from pconfigs import Pinned", "ImportError", "Pinned"),
        ("from pconfigs import pconfig, pproperty", "ImportError", "pproperty"),
        ("pconfigs.pinputs", "AttributeError", "pinputs"),
    ]
    lines = []
    for statement, error, name in expected:
        module = name if name in LAYERS else f"pconfigs.{name}"
        text = message(module, LAYERS.get(module, "pconfigs-pinnable")).replace("\n", " / ")
        lines.append(f"{statement} | {error} {name} | {text}")
    assert out.splitlines() == [*lines, "False False False"]


def test_find_spec_still_answers_none() -> None:
    """`importlib.util.find_spec` of a missing layer returns None, as code asking whether it is installed expects."""
    out = core_alone(
        """
        import importlib.util
        print([importlib.util.find_spec(m) for m in ("pconfigs.pinnable", "pconfigs.cli", "pconfigs.mypy")])
        """
    )
    assert out == "[None, None, None]\n"


def test_a_finder_registered_later_is_still_asked() -> None:
    """A finder appended to sys.meta_path after pconfigs' own still provides a layer it knows."""
    cli = str(Path(importlib.util.find_spec("pconfigs.run").origin).parent) if installed("pconfigs.run") else None
    if cli is None:
        pytest.skip("pconfigs-cli is not installed")
    out = core_alone(
        f"""
        import importlib.machinery, sys

        class Late:
            @staticmethod
            def find_spec(fullname, path=None, target=None):
                if fullname in ("pconfigs.run", "pconfigs.cli"):
                    return importlib.machinery.PathFinder.find_spec(fullname, [{cli!r}])
                return None

        sys.meta_path.append(Late)
        import pconfigs.run
        print(pconfigs.run.__name__)
        """
    )
    assert out == "pconfigs.run\n"


def test_import_pconfigs_adds_one_finder_last_and_loads_nothing_else() -> None:
    """`import pconfigs` appends one finder to the end of sys.meta_path and does not import its error module."""
    out = core_alone(
        """
        import sys
        print(sys.meta_path[-1].find_spec.__module__, "pconfigs._missing" in sys.modules)
        ours = [f for f in sys.meta_path if getattr(getattr(f, "find_spec", None), "__module__", "") == "pconfigs"]
        print(ours == [sys.meta_path[-1]])
        """
    )
    assert out == "pconfigs False\nTrue\n"
