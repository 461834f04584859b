"""The example project type-checks clean with its own mypy configuration, as a user runs it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "project"


def test_mypy_in_the_example_project_succeeds() -> None:
    """`cd examples/project && mypy` (the plugin enabled in its pyproject.toml) reports no issue."""
    pytest.importorskip("mypy")
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--no-incremental"], cwd=EXAMPLE, capture_output=True, text=True
    )
    assert result.stdout.splitlines()[-1:] == ["Success: no issues found in 9 source files"], result.stdout
