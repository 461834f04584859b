"""What a build records about where its values came from: its trail.

A build that sets every field by keyword records nothing (`None`: every value came from the call's keywords at the
config's site). A build that merges records a `Trail`: which fields were left to the sources, how many of the
sources were positional bases, and each source's class, own trail and site. Recording is a few tuples per merged build;
everything else (which source gave which field, the line of each keyword, the names of the bases) is worked out
only when asked, by `_origins`. A trail holds classes, sites and other trails, never a config or a value, so it
keeps no base alive. APIs that build configs on the user's behalf (overrides, `from_dict`, `psetter`, `calls=`
signatures) add `labels`: a field's origin told outright.

Pickles do not carry trails (a trail's history can be long): an unpickled config's trail is `"unpickled"`. Copies
keep theirs.
"""

from __future__ import annotations

from typing import Any

from ._site import Site

__all__ = ["Trail", "Label", "relabel"]


class Label:
    """A field's origin told outright: `kind` (e.g. "override", "command line", "data"), where, and a detail."""

    __slots__ = ("kind", "site", "detail")

    def __init__(self, kind: str, site: Site | None = None, detail: str = "") -> None:
        self.kind = kind
        self.site = site
        self.detail = detail

    def __repr__(self) -> str:
        return f"Label({self.kind!r}, {self.site!r}, {self.detail!r})"


class Trail:
    """A merged build's record (see the module docstring)."""

    __slots__ = ("pending", "bases", "sources", "labels", "rebuilt")

    def __init__(
        self,
        pending: tuple[int, ...],
        bases: int,
        sources: tuple[tuple[type, Any, Any], ...],
        labels: dict[str, Label] | None = None,
        rebuilt: bool = False,
    ) -> None:
        self.pending = pending
        """Positions of the fields no keyword set."""
        self.bases = bases
        """How many of `sources` are positional bases; the rest are registered defaults, nearest class first."""
        self.sources = sources
        """Each source's class, its own trail and its site, in the order the merge consulted them."""
        self.labels = labels
        self.rebuilt = rebuilt
        """Built from its first base on the user's behalf (an override): that base is not a layer of its own."""

    def labelled(self, labels: dict[str, Label], rebuilt: bool = False) -> Trail:
        """This trail with `labels` added (later labels win); `rebuilt`: see the attribute."""
        return Trail(self.pending, self.bases, self.sources, {**(self.labels or {}), **labels}, rebuilt or self.rebuilt)

    def __reduce__(self) -> Any:
        return (str, ("unpickled",))

    def __copy__(self) -> Trail:
        return self

    def __deepcopy__(self, memo: Any) -> Trail:
        return self


def relabel(cfg: Any, labels: dict[str, Label], rebuilt: bool = False) -> Any:
    """`cfg`, its trail labelled (the config was just built by pconfigs on the user's behalf); returns `cfg`."""
    trail = getattr(cfg, "__pconfig_trail__", None)
    if not isinstance(trail, Trail):
        trail = Trail((), 0, ())
    object.__setattr__(cfg, "__pconfig_trail__", trail.labelled(labels, rebuilt))
    return cfg
