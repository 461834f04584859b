"""Installed from its wheel alone, pconfigs-core names the distribution to install for every missing layer."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(os.environ.get("PCONFIGS_SKIP_INSTALL_TESTS") == "1", reason="install tests disabled")

CHECK = """
import importlib
import pconfigs

for statement in [
    "import pconfigs.pinnable",
    "from pconfigs.pinnable import Pinned",
    "import pconfigs.cli",
    "import pconfigs.mypy",
    "from pconfigs import Pinned",
]:
    try:
        exec(statement)
    except ImportError as exc:
        print(type(exc).__name__, exc.name)
        print(exc)
namespace = {}
exec("from pconfigs import *", namespace)
print(hasattr(pconfigs, "Pinned"), "pconfig" in namespace, "Pinned" in namespace)
"""

DERIVED = """
from pconfigs import Pinned, pconfig, pproperty


@pconfig
class Sizes:
    width: int
    doubled: Pinned[int]

    @pproperty
    def doubled(self) -> int:
        return 2 * self.width


config = Sizes(width=3, doubled=Pinned)
"""


def message(name: str, distribution: str) -> list[str]:
    return [
        f"{name} comes from the distribution {distribution}, which is not installed",
        f"  hint: pip install {distribution}",
    ]


def test_core_wheel_alone(dists: dict[str, tuple[Path, Path]], tmp_path: Path) -> None:
    """With only pconfigs-core's wheel, each import of a layer says which distribution to install, and so does
    pconfigs-print (pconfigs-cli added) on a config with derived values."""
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    bin_dir = venv / ("Scripts" if os.name == "nt" else "bin")
    python = str(bin_dir / "python")
    pip = [python, "-m", "pip", "install", "-q", "--disable-pip-version-check"]
    subprocess.run([*pip, "typing_extensions"], check=True)
    subprocess.run([*pip, "--no-deps", str(dists["pconfigs-core"][0])], check=True)

    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}  # the venv sees its own installs only
    done = subprocess.run([python, "-c", CHECK], capture_output=True, text=True, cwd=tmp_path, env=env)
    assert done.stdout.splitlines() == [
        "ModuleNotFoundError pconfigs.pinnable",
        *message("pconfigs.pinnable", "pconfigs-pinnable"),
        "ModuleNotFoundError pconfigs.pinnable",
        *message("pconfigs.pinnable", "pconfigs-pinnable"),
        "ModuleNotFoundError pconfigs.cli",
        *message("pconfigs.cli", "pconfigs-cli"),
        "ModuleNotFoundError pconfigs.mypy",
        *message("pconfigs.mypy", "pconfigs-mypy"),
        "ImportError Pinned",
        *message("pconfigs.Pinned", "pconfigs-pinnable"),
        "False True False",
    ], done.stderr

    subprocess.run([*pip, "--no-deps", str(dists["pconfigs-cli"][0])], check=True)
    (tmp_path / "derived.py").write_text(DERIVED, encoding="utf-8")
    printed = subprocess.run(
        [str(bin_dir / "pconfigs-print"), "derived.config"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={**env, "PYTHONPATH": str(tmp_path)},
    )
    assert (printed.returncode, printed.stdout) == (1, ""), printed.stderr
    assert printed.stderr.splitlines()[-2:] == [
        "ImportError: " + message("pconfigs.Pinned", "pconfigs-pinnable")[0],
        message("pconfigs.Pinned", "pconfigs-pinnable")[1],
    ]
