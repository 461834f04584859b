__doc__ = """pconfigs: experiments as typed Python objects.

This package re-exports the public API of pconfigs-core. `Pinned`, `Pin`, `pproperty` and `pinputs` come from
the separate distribution pconfigs-pinnable and are re-exported lazily when it is installed; without it, they and
`import pconfigs.pinnable` (likewise `.cli`, `.run`, `.print`, `.mypy`) name the distribution to install (`_missing`).
"""

from typing import TYPE_CHECKING

# `X as X`: re-exported (the module has no static `__all__`; see `_ALL`).
from ._decorate import pconfig as pconfig
from ._registry import pdefaults as pdefaults
from ._sentinels import Required as Required

if TYPE_CHECKING:  # type checkers see the lazy re-exports below as what they are; the runtime never runs this
    from . import sweep as sweep
    from ._construct import pconfiged as pconfiged
    from ._data import from_dict as from_dict
    from ._data import to_dict as to_dict
    from ._diff import Difference as Difference
    from ._diff import diff as diff
    from ._diff import diff_as_json as diff_as_json
    from ._diff import format_diff as format_diff
    from ._enum import penum as penum
    from ._env import penv as penv
    from ._fielddocs import field_docs as field_docs
    from ._markers import Kwarg as Kwarg
    from ._markers import NotMock as NotMock
    from ._markers import Omitted as Omitted
    from ._markers import PCallable as PCallable
    from ._markers import TestConfigs as TestConfigs
    from ._markers import TestSubdirs as TestSubdirs
    from ._origins import origin as origin
    from ._override import override as override
    from ._setter import psetter as psetter
    from .pinnable import Pin as Pin
    from .pinnable import Pinned as Pinned
    from .pinnable import pinputs as pinputs
    from .pinnable import pproperty as pproperty

_ALL = [
    "pconfig",
    "pconfiged",
    "pdefaults",
    "Required",
    "penum",
    "penv",
    "psetter",
    "Pinned",
    "Pin",
    "pproperty",
    "pinputs",
    "PCallable",
    "Kwarg",
    "NotMock",
    "Omitted",
    "TestConfigs",
    "TestSubdirs",
    "override",
    "origin",
    "diff",
    "Difference",
    "format_diff",
    "diff_as_json",
    "to_dict",
    "from_dict",
    "field_docs",
    "sweep",
    "__version__",
]
"""`__all__`: computed on first use, without the pinnable names when pconfigs-pinnable is not installed."""

__version__ = "0.1.0"

_PINNABLE = frozenset({"Pinned", "Pin", "pproperty", "pinputs"})
_DEFERRED = {
    "override": "_override",
    "origin": "_origins",
    "diff": "_diff",
    "Difference": "_diff",
    "format_diff": "_diff",
    "diff_as_json": "_diff",
    "to_dict": "_data",
    "from_dict": "_data",
    "field_docs": "_fielddocs",
    "pconfiged": "_construct",
    "penum": "_enum",
    "penv": "_env",
    "psetter": "_setter",
    **dict.fromkeys(("Kwarg", "NotMock", "Omitted", "PCallable", "TestConfigs", "TestSubdirs"), "_markers"),
}
"""Names imported on first use: the workflow's functions, and the decorators and markers fewer programs use. Each
module costs import time (finding, reading and running it), which every program would pay for names most never
use. A config class can hold a `@penv` class only once `penv` has been imported, so `_make` looks for `_env` in
`sys.modules` rather than importing it."""
_LAYERS = frozenset({"pinnable", "cli", "run", "print", "mypy"})


def _find_layer(fullname: str, path: object = None, target: object = None) -> object:
    """Last on `sys.meta_path`: the error for a layer whose distribution is not installed (see `_missing`)."""
    if fullname.startswith("pconfigs.") and fullname[9:] in _LAYERS:
        from ._missing import find_spec

        return find_spec(_LAST, fullname, path, target)
    return None


_sys = __import__("sys")
_LAST = __import__("types").SimpleNamespace(find_spec=_find_layer)  # a finder without a class: cheaper at import
_sys.meta_path.append(_LAST)


def __getattr__(name: str) -> object:
    if name == "__all__":
        import importlib.util

        pinnable = importlib.util.find_spec("pconfigs.pinnable") is not None
        globals()["__all__"] = value = [n for n in _ALL if pinnable or n not in _PINNABLE]
        return value
    if name == "sweep":
        import importlib

        return importlib.import_module("pconfigs.sweep")
    if name in _DEFERRED:
        import importlib

        value = getattr(importlib.import_module(f"pconfigs.{_DEFERRED[name]}"), name)
        globals()[name] = value
        return value
    if name in _PINNABLE:
        import importlib

        try:
            pinnable = importlib.import_module("pconfigs.pinnable")
        except ModuleNotFoundError as exc:
            if exc.name != "pconfigs.pinnable":
                raise
            from ._missing import missing_name

            raise missing_name(name) from None
        return getattr(pinnable, name)
    if name in _LAYERS:
        from ._missing import from_import

        if from_import(_sys._getframe(1)):  # `from pconfigs import pinnable`: the import's own error, if any
            import importlib

            return importlib.import_module(f"pconfigs.{name}")
    raise AttributeError(f"module 'pconfigs' has no attribute {name!r}")


def _extend_path(path: list[str], name: str) -> list[str]:
    """What `pkgutil.extend_path` does for folders, without importing pkgutil (a sixth of `import pconfigs`' own
    time): every `<entry>/pconfigs` folder of `sys.path`, since the subpackages ship in other distributions, each in
    its own folder in an editable install."""
    import os
    import sys

    portions = [os.path.join(entry, name) for entry in sys.path if isinstance(entry, str)]
    return path + [p for p in dict.fromkeys(portions) if p not in path and os.path.isdir(p)]


__path__ = _extend_path(__path__, __name__)  # before pinnable, cli, ... are imported (never by core itself)
del _extend_path
