"""The generated `__init__`: its source is each class's own, and no field name collides with it."""

from __future__ import annotations

import inspect
import linecache
import traceback

import pytest
from pconfigs import pconfig


def make(field: str) -> type:
    """A class named `Local` (the same qualified name on every call) with one int field named `field`."""
    local = type("Local", (), {"__annotations__": {field: int}, "__module__": __name__, "__qualname__": "Local"})
    return pconfig(local)


def test_two_classes_of_one_qualified_name_keep_their_own_source() -> None:
    """A traceback from each class's generated __init__ shows that class's own generated source."""
    first, second = make("alpha"), make("beta")
    sources = []
    for cls, field in ((first, "alpha"), (second, "beta")):
        with pytest.raises(TypeError) as info:
            cls(**{field: "not an int"})
        frame = next(f for f in traceback.extract_tb(info.tb) if f.filename.startswith("<pconfigs __init__"))
        sources.append((frame.filename, "".join(linecache.getlines(frame.filename))))
    assert sources[0][0] != sources[1][0]
    assert "alpha" in sources[0][1] and "beta" not in sources[0][1]
    assert "beta" in sources[1][1] and "alpha" not in sources[1][1]


@pytest.mark.parametrize(
    "name", ["_site", "_f", "bases", "self", "_extra", "_set", "_cls", "_pU", "_p_self", "_internal", "_inputs"]
)
def test_any_identifier_is_a_field_name(name: str) -> None:
    """Field names that look like the generated code's own names are plain fields."""
    cls = type("Odd", (), {"__annotations__": {name: int, "other": str}, "__module__": __name__})
    cls = pconfig(cls)
    cfg = cls(**{name: 7, "other": "o"})
    assert getattr(cfg, name) == 7 and cfg.other == "o"
    assert cls(cfg, other="p").__getattribute__(name) == 7
    assert list(inspect.signature(cls).parameters)[1:] == [name, "other"]
