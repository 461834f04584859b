"""Provenance: where a config was built or a default registered.

A site is the first frame outside pconfigs, as a file and a line. It is captured on every construction, so it
must be cheap: the frame walk looks the caller's filename up in a set of files known to be the user's, and a build
records its caller's code object and the offset of the call instruction (`f_lasti`) rather than the line. A frame's
`f_lineno` decodes the code's line table from its start, so it costs in proportion to how far into its code the
call is (about 3 us at line 300 of a module, more than a whole build), and it is needed only when an error, an
origin or the printer asks: `line_of` works it out then, once per code object's table. Formatting into text
happens only then too. The code object stays alive with the configs it built (once, however many they are: a
module's code after its import, say); it holds the code's constants, never a config or a value built at run time.
A pickle holds the file and the line instead (`_state`).
"""

from __future__ import annotations

import os
import sys
from types import CodeType, FrameType
from typing import Union

__all__ = ["Site", "Line", "caller_site", "first_outside", "format_site", "line_of", "own_directory", "is_internal"]

Line = tuple[str, int]
"""A file and a line."""
Site = Union[Line, tuple[CodeType, int]]
"""A `Line`, or a build's record of one: the calling code and its call instruction's offset (see `line_of`)."""

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


def caller_site(depth: int = 1) -> Line:
    """The site of the first frame outside pconfigs, starting `depth` frames above the caller."""
    frame = first_outside(sys._getframe(depth + 1))
    if frame is None:
        return ("<unknown>", 0)
    return (frame.f_code.co_filename, frame.f_lineno)


def line_of(site: Site) -> Line:
    """The file and line of `site`; for a build's record, the line of its call instruction (the frame's `f_lineno`
    when it was recorded)."""
    code, offset = site
    if not isinstance(code, CodeType):
        return (code, offset)
    known = _tables.get(id(code))
    if known is None or known[0] is not code:
        if len(_tables) >= 256:  # a bounded cache: the code objects it holds stay alive
            _tables.clear()
        known = _tables[id(code)] = (code, *_line_table(code))
    _, starts, lines = known
    import bisect

    at = bisect.bisect_right(starts, offset) - 1
    return (code.co_filename, lines[at] if at >= 0 else code.co_firstlineno)


_tables: dict[int, tuple[CodeType, list[int], list[int]]] = {}
"""Per code object (by id, the object kept to check the id is still its own): its line table, decoded."""


def _line_table(code: CodeType) -> tuple[list[int], list[int]]:
    """The start offsets of `code`'s instruction ranges and each range's line (the nearest line before it for the
    ranges without one), in order."""
    starts: list[int] = []
    lines: list[int] = []
    last = code.co_firstlineno
    for start, _end, line in code.co_lines():
        last = line if line is not None else last
        starts.append(start)
        lines.append(last)
    return starts, lines


def format_site(site: Site | None) -> str:
    """`path:line`, the path relative to the working directory when the file is under it."""
    if site is None:
        return "<unknown>"
    filename, line = line_of(site)
    if filename == "<command line>":
        return "the command line"
    try:
        relative = os.path.relpath(filename)
    except ValueError:
        relative = filename
    if not relative.startswith(os.pardir):
        filename = relative
    return f"{filename}:{line}"
