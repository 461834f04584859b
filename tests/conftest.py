"""Shared test helpers: where an error message says a value was set."""

from __future__ import annotations

import os
from pathlib import Path

import pytest


class Sites:
    """Computes how error messages name a file and line, independently of the library's own formatting."""

    @staticmethod
    def text(filename: str, line: int) -> str:
        relative = os.path.relpath(filename)
        return f"{filename if relative.startswith(os.pardir) else relative}:{line}"

    def raised(self, info: pytest.ExceptionInfo[BaseException], filename: str) -> str:
        """The site of the last line of `filename` in the exception's traceback."""
        entry = next(e for e in reversed(info.traceback) if Path(e.path) == Path(filename))
        return self.text(filename, entry.lineno + 1)


@pytest.fixture
def sites() -> Sites:
    return Sites()
