__path__ = __import__("pkgutil").extend_path(__path__, __name__)  # first: subpackages ship in other distributions

__doc__ = """pconfigs: experiments as typed Python objects.

This package re-exports the public API of pconfigs-core. `Pinned`, `Pin`, `pproperty` and `pinputs` come from
the separate distribution pconfigs-pinnable and are re-exported lazily when it is installed.
"""

from typing import TYPE_CHECKING

from ._construct import pconfiged
from ._decorate import pconfig
from ._enum import penum
from ._env import penv
from ._markers import Kwarg, NotMock, Omitted, PCallable, TestConfigs, TestSubdirs
from ._registry import pdefaults
from ._sentinels import Required
from ._setter import psetter

if TYPE_CHECKING:  # type checkers see the lazy re-exports below as what they are; the runtime never runs this
    from . import sweep
    from ._data import from_dict, to_dict
    from ._diff import Difference, diff, diff_as_json, format_diff
    from ._fielddocs import field_docs
    from ._origins import origin
    from ._override import override
    from .pinnable import Pin, Pinned, pinputs, pproperty

__all__ = [
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

__version__ = "0.1.0"

_PINNABLE = frozenset({"Pinned", "Pin", "pproperty", "pinputs"})
_WORKFLOW = {
    "override": "_override",
    "origin": "_origins",
    "diff": "_diff",
    "Difference": "_diff",
    "format_diff": "_diff",
    "diff_as_json": "_diff",
    "to_dict": "_data",
    "from_dict": "_data",
    "field_docs": "_fielddocs",
}
"""The workflow's functions, imported on first use: most programs that import pconfigs never call them."""


def __getattr__(name: str) -> object:
    if name == "sweep":
        import importlib

        return importlib.import_module("pconfigs.sweep")
    if name in _WORKFLOW:
        import importlib

        value = getattr(importlib.import_module(f"pconfigs.{_WORKFLOW[name]}"), name)
        globals()[name] = value
        return value
    if name in _PINNABLE:
        import importlib

        try:
            pinnable = importlib.import_module("pconfigs.pinnable")
        except ModuleNotFoundError as exc:
            if exc.name != "pconfigs.pinnable":
                raise
            from ._errors import compose

            raise ImportError(
                compose(
                    f"pconfigs.{name} comes from the distribution pconfigs-pinnable, which is not installed",
                    hint="pip install pconfigs-pinnable",
                ),
                name=name,
            ) from None
        return getattr(pinnable, name)
    raise AttributeError(f"module 'pconfigs' has no attribute {name!r}")
