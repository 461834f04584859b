"""Provenance: where a config was built or a default registered.

A site is the file and line of the first frame outside pconfigs. It is captured on every construction, so it
must be cheap: the frame walk compares each code object's filename with the package directories, and the
formatting into text happens only when an error or the printer asks for it.
"""

from __future__ import annotations

import os
import sys
from types import FrameType

__all__ = ["Site", "caller_site", "first_outside", "format_site", "own_directory", "is_internal"]

Site = tuple[str, int]

_internal: tuple[str, ...] = ("<pconfigs ",)
user_files: set[str] = set()
"""Filenames known to be outside pconfigs: a frame in one of them is the user's, found with one set lookup (a
`startswith` over every package directory costs several times that, on every build). Filled by `first_outside`,
emptied when a directory is registered."""


def own_directory(path: str) -> None:
    """Treat frames from files under `path` as pconfigs internals (each distribution registers its folder)."""
    global _internal
    prefix = os.path.dirname(os.path.abspath(path)) + os.sep
    if prefix not in _internal:
        _internal = (*_internal, prefix)
        user_files.clear()


own_directory(__file__)


def is_internal(filename: str) -> bool:
    return filename not in user_files and filename.startswith(_internal)


def first_outside(frame: FrameType | None) -> FrameType | None:
    """`frame` or the first frame above it outside pconfigs (None when there is none). The generated `__init__`
    inlines the same walk."""
    while frame is not None:
        filename = frame.f_code.co_filename
        if filename in user_files:
            return frame
        if not filename.startswith(_internal):
            user_files.add(filename)
            return frame
        frame = frame.f_back
    return None


def caller_site(depth: int = 1) -> Site:
    """The site of the first frame outside pconfigs, starting `depth` frames above the caller."""
    frame = first_outside(sys._getframe(depth + 1))
    if frame is None:
        return ("<unknown>", 0)
    return (frame.f_code.co_filename, frame.f_lineno)


def format_site(site: Site | None) -> str:
    """`path:line`, the path relative to the working directory when the file is under it."""
    if site is None:
        return "<unknown>"
    filename, line = site
    if filename == "<command line>":
        return "the command line"
    try:
        relative = os.path.relpath(filename)
    except ValueError:
        relative = filename
    if not relative.startswith(os.pardir):
        filename = relative
    return f"{filename}:{line}"
