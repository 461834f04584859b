"""Each distribution built once a session as its release would be: an sdist, then a wheel from that sdist."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def dists(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, Path]]:
    """Each distribution's (wheel, sdist), built by `python -m build` with this environment's hatchling (no network)."""
    pytest.importorskip("build")
    out = tmp_path_factory.mktemp("dists")
    for path in sorted((ROOT / "packages").iterdir()):
        subprocess.run(
            [sys.executable, "-m", "build", "--no-isolation", "-q", "-o", str(out), str(path)],
            check=True,
            capture_output=True,
        )
    built: dict[str, tuple[Path, Path]] = {}
    for wheel in out.glob("*.whl"):
        name = wheel.name.split("-")[0]
        (sdist,) = out.glob(f"{name}-*.tar.gz")
        built[name.replace("_", "-")] = (wheel, sdist)
    return built
