"""Nothing in a config ever changes, and nothing is shared mutably (DESIGN 3.8)."""

from __future__ import annotations

import collections
import copy
import json
import pickle
from typing import Any, Optional

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pconfigs import pconfig, pdefaults


@pconfig
class Inner:
    xs: list[float]
    table: dict[str, list[int]]


@pconfig
class Outer:
    xs: list[float]
    tags: set[str]
    pairs: tuple[list[int], ...]
    inner: Optional[Inner]
    anything: Any


pdefaults += Outer(xs=[1.0, 2.0], tags={"a"}, pairs=([1],), inner=None, anything=None)


def test_mutating_a_list_is_refused_naming_the_field() -> None:
    """append on a config's list is a TypeError naming Class.field and saying what to do."""
    cfg = Outer()
    with pytest.raises(TypeError) as info:
        cfg.xs.append(5.0)
    assert str(info.value) == (
        "Outer.xs: a config's values never change; cannot append this list\n"
        "  hint: build a new config with the changed value, or take a private copy: list(cfg.xs)"
    )


def test_nested_values_name_their_path() -> None:
    """A list inside a dict inside a sub-config names its whole path."""
    cfg = Outer(inner=Inner(xs=[], table={"k": [1]}))
    with pytest.raises(TypeError) as info:
        cfg.inner.table["k"].append(2)
    assert str(info.value).splitlines()[0] == (
        "Inner.table['k']: a config's values never change; cannot append this list"
    )


def test_registered_defaults_and_bases_never_change() -> None:
    """Mutations through a config built from a default or a base never reach them (they are refused)."""
    first = Outer()
    with pytest.raises(TypeError):
        first.xs.append(5.0)
    assert Outer().xs == [1.0, 2.0]
    second = Outer(first, tags={"b"})
    with pytest.raises(TypeError):
        second.xs.extend([3.0])
    assert first.xs == [1.0, 2.0] and pdefaults(Outer).xs == [1.0, 2.0]  # type: ignore[union-attr]


def test_the_callers_list_stays_the_callers() -> None:
    """A list passed in is copied: mutating it afterwards does not reach the config."""
    mine = [1.0, 2.0]
    cfg = Outer(xs=mine)
    mine.append(3.0)
    assert cfg.xs == [1.0, 2.0]


def test_calls_defaults_are_never_changed() -> None:
    """A calls= function's own default values are never changed through a config."""

    def train(*, schedule: list[float] = [0.1, 0.2]) -> list[float]:  # noqa: B006 - the default under test
        return schedule

    @pconfig(calls=train)
    class TrainCall: ...

    cfg = TrainCall()
    with pytest.raises(TypeError):
        cfg.schedule.append(0.3)
    assert train.__kwdefaults__ == {"schedule": [0.1, 0.2]}


def test_frozen_values_are_plain_values_everywhere_else() -> None:
    """They compare equal to, pass isinstance as, serialise and pickle as plain containers."""
    cfg = Outer(inner=Inner(xs=[0.5], table={"k": [1]}))
    assert cfg.xs == [1.0, 2.0] and isinstance(cfg.xs, list)
    assert cfg.tags == {"a"} and isinstance(cfg.tags, set)
    assert cfg.inner is not None and cfg.inner.table == {"k": [1]} and isinstance(cfg.inner.table, dict)
    assert json.loads(json.dumps(cfg.inner.table)) == {"k": [1]}
    for plain in (copy.copy(cfg.xs), copy.deepcopy(cfg.xs), pickle.loads(pickle.dumps(cfg.xs)), list(cfg.xs)):
        assert type(plain) is list and plain == [1.0, 2.0]
        plain.append(3.0)  # a private copy is mutable
    restored = pickle.loads(pickle.dumps(cfg))
    assert restored == cfg
    with pytest.raises(TypeError):
        restored.xs.append(1.0)  # an unpickled config is frozen again


def test_ordered_dicts_keep_their_type_other_subclasses_are_refused() -> None:
    """An OrderedDict stays an OrderedDict (frozen); a defaultdict is refused with a clear error."""
    cfg = Outer(anything=collections.OrderedDict(b=1, a=2))
    assert isinstance(cfg.anything, collections.OrderedDict) and list(cfg.anything) == ["b", "a"]
    with pytest.raises(TypeError, match="cannot move_to_end this OrderedDict"):
        cfg.anything.move_to_end("b")
    with pytest.raises(TypeError) as info:
        Outer(anything=collections.defaultdict(list))
    assert str(info.value).splitlines()[0] == (
        "Outer.anything: a defaultdict cannot be held by a config (it is mutable, and a frozen copy would not keep "
        "what makes it a defaultdict): defaultdict(<class 'list'>, {})"
    )


def test_numpy_arrays_are_held_read_only() -> None:
    """An array is copied and held read-only; the caller's array stays writable and the caller's."""
    np = pytest.importorskip("numpy")
    mine = np.arange(3.0)
    cfg = Outer(anything=mine)
    mine[0] = 9.0
    assert cfg.anything[0] == 0.0
    with pytest.raises(ValueError):
        cfg.anything[0] = 1.0


MUTATIONS: dict[type, list[tuple[str, Any]]] = {
    list: [
        ("append", lambda x: x.append(1)),
        ("extend", lambda x: x.extend([1])),
        ("insert", lambda x: x.insert(0, 1)),
        ("setitem", lambda x: x.__setitem__(0, 1)),
        ("slice", lambda x: x.__setitem__(slice(0, 1), [])),
        ("delitem", lambda x: x.__delitem__(0)),
        ("pop", lambda x: x.pop()),
        ("remove", lambda x: x.remove(x[0])),
        ("clear", lambda x: x.clear()),
        ("sort", lambda x: x.sort()),
        ("reverse", lambda x: x.reverse()),
        ("iadd", lambda x: x.__iadd__([1])),
        ("imul", lambda x: x.__imul__(2)),
    ],
    dict: [
        ("setitem", lambda x: x.__setitem__("new", [])),
        ("delitem", lambda x: x.__delitem__(next(iter(x)))),
        ("update", lambda x: x.update(new=[])),
        ("setdefault", lambda x: x.setdefault("new", [])),
        ("pop", lambda x: x.pop(next(iter(x)))),
        ("popitem", lambda x: x.popitem()),
        ("clear", lambda x: x.clear()),
        ("ior", lambda x: x.__ior__({"new": []})),
    ],
    set: [
        ("add", lambda x: x.add("new")),
        ("discard", lambda x: x.discard(next(iter(x)))),
        ("remove", lambda x: x.remove(next(iter(x)))),
        ("pop", lambda x: x.pop()),
        ("clear", lambda x: x.clear()),
        ("update", lambda x: x.update({"new"})),
        ("ior", lambda x: x.__ior__({"new"})),
        ("iand", lambda x: x.__iand__(set())),
        ("isub", lambda x: x.__isub__(set(x))),
        ("ixor", lambda x: x.__ixor__({"new"})),
        ("difference_update", lambda x: x.difference_update(set(x))),
    ],
}


def containers(cfg: Any) -> list[Any]:
    """Every non-empty list, dict and set held by `cfg`, at any depth."""
    found: list[Any] = []
    stack = [getattr(cfg, n) for n in type(cfg).__pconfig_spec__.names]
    while stack:
        value = stack.pop()
        if "__pconfig_spec__" in type(value).__dict__:
            stack.extend(getattr(value, n) for n in type(value).__pconfig_spec__.names)
        elif isinstance(value, (list, tuple)):
            stack.extend(value)
            if isinstance(value, list) and value:
                found.append(value)
        elif isinstance(value, dict):
            stack.extend(value.values())
            if value:
                found.append(value)
        elif isinstance(value, set) and value:
            found.append(value)
    return found


floats = st.floats(allow_nan=False, width=32)
inners = st.builds(
    Inner,
    xs=st.lists(floats, min_size=1, max_size=3),
    table=st.dictionaries(st.text(max_size=2), st.lists(st.integers(), min_size=1, max_size=2), min_size=1, max_size=2),
)
outers = st.builds(
    Outer,
    xs=st.lists(floats, min_size=1, max_size=3),
    tags=st.sets(st.text(max_size=2), min_size=1, max_size=3),
    pairs=st.lists(st.lists(st.integers(), min_size=1, max_size=2), max_size=2).map(tuple),
    inner=st.none() | inners,
    anything=st.none()
    | st.lists(st.dictionaries(st.text(max_size=1), st.integers(), min_size=1, max_size=2), min_size=1, max_size=2),
)


@settings(max_examples=60, deadline=None)
@given(outers, st.data())
def test_every_mutation_of_any_held_value_is_refused_and_changes_nothing(cfg: Any, data: Any) -> None:
    """Random mutating operations on random values of random configs each raise and leave the config as it was."""
    snapshot = copy.deepcopy(cfg)
    printed = repr(cfg)
    for value in containers(cfg):
        kind = list if isinstance(value, list) else dict if isinstance(value, dict) else set
        name, mutate = data.draw(st.sampled_from(MUTATIONS[kind]), label=f"{kind.__name__} mutation")
        with pytest.raises(TypeError, match="a config's values never change"):
            mutate(value)
    assert cfg == snapshot and repr(cfg) == printed
