"""pconfigs.pinnable: derived values (`Pinned[T]` fields computed by `@pproperty`).

Importing this package registers the `Pinned` kind with core's derived-field extension point. It also re-exports
core's names that code written for the earlier pconfigs imports from here (`from pconfigs.pinnable import pconfig,
pdefaults, Pinned`): the same objects as `pconfigs.pconfig` and so on.
"""

from typing import TYPE_CHECKING, Any

from pconfigs import Required, pconfig, pdefaults
from pconfigs._extension import own_directory, register_kind

from ._kind import PinnedKind
from ._markers import Pin, Pinned
from ._pproperty import pproperty

if TYPE_CHECKING:
    from pconfigs import pconfiged, penum, penv, psetter

    from ._inputs import pinputs

__all__ = [
    "Pinned",
    "Pin",
    "pproperty",
    "pinputs",
    "pconfig",
    "pdefaults",
    "Required",
    "pconfiged",
    "penum",
    "penv",
    "psetter",
]

own_directory(__file__)
register_kind(PinnedKind())


def __getattr__(name: str) -> Any:
    if name in ("pconfiged", "penum", "penv", "psetter"):  # imported by core on first use, as `pconfigs.<name>` is
        import pconfigs

        return getattr(pconfigs, name)
    if name == "pinputs":  # its module loads on first use: few configs read their inputs
        from ._inputs import pinputs

        globals()["pinputs"] = pinputs
        return pinputs
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
