"""What an import of pconfigs.pinnable, pconfigs.cli (with pconfigs.run, pconfigs.print) or pconfigs.mypy says when
the distribution that ships it is not installed.

pconfigs-core owns the package `pconfigs`; the other distributions ship subpackages into it, so without one of
them Python's own error is `No module named 'pconfigs.pinnable'`, which does not say what to install.
`pconfigs/__init__.py` appends a finder to the end of `sys.meta_path`. Python asks it only after every other
finder has found nothing, so it costs nothing while the distributions are installed; it answers only for the
layers' names, asks any finder registered after it first, and raises only inside an import statement (or
`importlib.import_module`): `importlib.util.find_spec`, which code uses to ask whether a layer is installed, still
gets None.

`from pconfigs import Pinned` goes through the package's `__getattr__` instead. There the error must be an
`ImportError`, since CPython turns an `AttributeError` met by `from ... import` into its own "cannot import name";
everywhere else (`pconfigs.Pinned`, `getattr`, `hasattr`) it is an `AttributeError` with the same message, so
`hasattr(pconfigs, "Pinned")` answers False instead of raising. This module is imported only on those paths.
"""

from __future__ import annotations

import sys
from types import FrameType
from typing import Any

from ._errors import compose

DISTRIBUTIONS = {
    "pconfigs.pinnable": "pconfigs-pinnable",
    "pconfigs.cli": "pconfigs-cli",
    "pconfigs.run": "pconfigs-cli",
    "pconfigs.print": "pconfigs-cli",
    "pconfigs.mypy": "pconfigs-mypy",
}
"""Each module another distribution ships into `pconfigs`, and that distribution."""

_OWN = frozenset({"pconfigs", __name__})


def message(name: str, distribution: str) -> str:
    return compose(
        f"{name} comes from the distribution {distribution}, which is not installed",
        hint=f"pip install {distribution}",
    )


def find_spec(finder: object, fullname: str, path: Any, target: Any) -> Any:
    """The end of `sys.meta_path`: a finder after this one, else the error naming the distribution, else None."""
    distribution = DISTRIBUTIONS.get(fullname)
    if distribution is None:
        return None
    later = sys.meta_path[sys.meta_path.index(finder) + 1 :] if finder in sys.meta_path else []
    for other in later:
        spec = getattr(other, "find_spec", lambda *args: None)(fullname, path, target)
        if spec is not None:
            return spec
    if not _importing(sys._getframe(1)):
        return None
    raise ModuleNotFoundError(message(fullname, distribution), name=fullname)


def _importing(frame: FrameType | None) -> bool:
    """Whether the import system's own loading (not `importlib.util.find_spec`) asks the finder."""
    while frame is not None and frame.f_globals.get("__name__") in _OWN:
        frame = frame.f_back
    while frame is not None and frame.f_globals.get("__name__") == "importlib._bootstrap":
        if frame.f_code.co_name == "_find_and_load_unlocked":
            return True
        frame = frame.f_back
    return False


def missing_name(name: str) -> ImportError | AttributeError:
    """The error for `pconfigs.NAME` of a missing layer, for the package's `__getattr__` to raise."""
    text = message(f"pconfigs.{name}", "pconfigs-pinnable")
    if from_import(sys._getframe(2)):
        return ImportError(text, name=name)
    return AttributeError(text)


def from_import(frame: FrameType | None) -> bool:
    """Whether `frame` is running `from pconfigs import NAME` (its current instruction is IMPORT_FROM)."""
    import opcode

    if frame is None or frame.f_lasti < 0:
        return False
    code = frame.f_code.co_code
    return frame.f_lasti < len(code) and code[frame.f_lasti] == opcode.opmap["IMPORT_FROM"]
