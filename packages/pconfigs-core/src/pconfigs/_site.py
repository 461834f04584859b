"""Provenance: where a config was built or a default registered.

A site is the file and line of the first frame outside pconfigs. It is captured on every construction, so it
must be cheap: the frame walk compares each code object's filename with the package directories, and the
formatting into text happens only when an error or the printer asks for it.
"""

from __future__ import annotations

import os
import sys
from types import FrameType

__all__ = ["Site", "caller_site", "format_site", "own_directory", "is_internal"]

Site = tuple[str, int]

_internal: tuple[str, ...] = ()


def own_directory(path: str) -> None:
    """Treat frames from files under `path` as pconfigs internals (each distribution registers its folder)."""
    global _internal
    prefix = os.path.dirname(os.path.abspath(path)) + os.sep
    if prefix not in _internal:
        _internal = (*_internal, prefix, "<pconfigs ")


own_directory(__file__)


def is_internal(filename: str) -> bool:
    return filename.startswith(_internal)


def caller_site(depth: int = 1) -> Site:
    """The site of the first frame outside pconfigs, starting `depth` frames above the caller."""
    frame: FrameType | None = sys._getframe(depth + 1)
    while frame is not None and frame.f_code.co_filename.startswith(_internal):
        frame = frame.f_back
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
