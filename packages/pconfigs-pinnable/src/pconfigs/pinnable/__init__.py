"""pconfigs.pinnable: derived values (`Pinned[T]` fields computed by `@pproperty`).

Importing this package registers the `Pinned` kind with core's derived-field extension point.
"""

from pconfigs._extension import own_directory, register_kind

from ._inputs import pinputs
from ._kind import PinnedKind
from ._markers import Pin, Pinned
from ._pproperty import pproperty

__all__ = ["Pinned", "Pin", "pproperty", "pinputs"]

own_directory(__file__)
register_kind(PinnedKind())
