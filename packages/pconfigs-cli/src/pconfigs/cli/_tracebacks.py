"""Tracebacks with the user's frames only, for the commands and the pytest plugin.

An exception raised by the user's code (importing an experiment, building it, `main`) is shown with its traceback,
but the frames of pconfigs' own modules, its generated `__init__` code (`<pconfigs __init__ of ...>`), the
commands, importlib and pytest say nothing about the user's config, and a generated `__init__` line is long: they
are left out (DESIGN 6, STYLE "Errors"). Filenames are compared after resolving symbolic links, so an install
reached through a linked folder (a virtualenv's `lib64`) is still recognised as pconfigs'.
"""

from __future__ import annotations

import os
import sys
import traceback

__all__ = ["user_traceback"]

_HERE = os.path.dirname(os.path.abspath(__file__))
_SKIPPED = (
    _HERE + os.sep,
    os.path.dirname(_HERE) + os.sep + "run.py",
    os.path.dirname(_HERE) + os.sep + "print.py",
    "<frozen",
    "<command line>",
)
_TOOLS = ("_pytest", "pluggy", "importlib")
"""Packages whose frames surround the user's code when the pytest plugin imports it or reports a failure."""


def _skipped(filename: str) -> bool:
    from pconfigs._extension import is_internal

    if filename.startswith(_SKIPPED) or is_internal(filename):
        return True
    if filename.startswith("<"):
        return False
    real = os.path.realpath(filename)
    if real.startswith(_SKIPPED) or is_internal(real):
        return True
    for name in _TOOLS:
        module = sys.modules.get(name)
        folder = getattr(module, "__file__", None)
        if folder is not None and real.startswith(os.path.dirname(os.path.realpath(folder)) + os.sep):
            return True
    return False


def user_traceback(exc: BaseException) -> str:
    """`Traceback (most recent call last):`, the user's frames, then the exception's type and message; only the
    message when no frame is the user's (the message of a pconfigs error names the site)."""
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if not _skipped(f.filename)]
    head = "Traceback (most recent call last):\n" + "".join(traceback.format_list(frames)) if frames else ""
    return head + "".join(traceback.format_exception_only(type(exc), exc))
