"""Configs nested thousands deep: equality, hashing, pickling and copying work without recursing per level."""

from __future__ import annotations

import copy
import pickle
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, Optional

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pconfigs import pconfig
from pconfigs._frozen import FrozenList
from pconfigs._site import line_of
from pconfigs._state import restore, restore_tree


@pconfig
class Link:
    value: float
    tags: list[str]
    child: Optional[Link]


@pconfig
class Fork:
    n: int
    left: Optional[Fork]
    right: Optional[Fork]


@pconfig
class Holder:
    kids: list[Holder]
    table: dict[str, Holder]


VALIDATED: list[int] = []


@pconfig
class Checked:
    n: int
    child: Optional[Checked]

    def __post_init__(self) -> None:
        VALIDATED.append(self.n)


def chain(depth: int, bottom: float = 0.0) -> Link:
    """A chain of `depth + 1` links, built from the bottom up (each level from the previous object)."""
    link = Link(value=bottom, tags=["bottom"], child=None)
    for i in range(depth):
        link = Link(value=float(i), tags=["t", str(i)], child=link)
    return link


def bottom_of(link: Link) -> Link:
    while link.child is not None:
        link = link.child
    return link


@contextmanager
def recursion_limit_above_here(frames: int) -> Iterator[None]:
    """Allow only `frames` more Python frames than the caller's stack already holds."""
    depth, frame = 0, sys._getframe()
    while frame is not None:
        depth, frame = depth + 1, frame.f_back  # type: ignore[assignment]
    old = sys.getrecursionlimit()
    sys.setrecursionlimit(depth + frames)
    try:
        yield
    finally:
        sys.setrecursionlimit(old)


@pytest.mark.parametrize("depth", [1000, 5000])
def test_deep_chains_compare_and_hash(depth: int) -> None:
    """Two chains built apart are equal and hash alike; a difference at the bottom makes them unequal."""
    a, b = chain(depth, bottom=float("nan")), chain(depth, bottom=float("nan"))
    assert a == b
    assert hash(a) == hash(b)
    assert a != chain(depth, bottom=1.0)
    assert a != chain(depth + 1)


@pytest.mark.parametrize("depth", [1000, 5000])
@pytest.mark.parametrize("protocol", [0, 2, 5])
def test_deep_chains_pickle_to_equal_frozen_configs(depth: int, protocol: int) -> None:
    """A deep chain survives pickling as an equal config whose lists are frozen again, down to the bottom."""
    link = chain(depth, bottom=float("nan"))
    twin = pickle.loads(pickle.dumps(link, protocol))
    assert twin == link
    assert hash(twin) == hash(link)
    assert type(bottom_of(twin).tags) is FrozenList
    with pytest.raises(TypeError, match="cannot append"):
        bottom_of(twin).tags.append("x")


@pytest.mark.parametrize("depth", [1000, 5000])
def test_deep_chains_copy_and_deepcopy(depth: int) -> None:
    """`copy.copy` returns a deep chain itself; `copy.deepcopy` gives an equal chain of new configs."""
    link = chain(depth)
    assert copy.copy(link) is link
    twin = copy.deepcopy(link)
    assert twin == link
    assert twin.child is not link.child
    assert bottom_of(twin).tags == ["bottom"] and bottom_of(twin).tags is not bottom_of(link).tags
    assert type(bottom_of(twin).tags) is FrozenList


def test_no_operation_recurses_per_level() -> None:
    """Comparing, hashing, pickling and deep-copying a 1,000-deep chain need no more stack than a shallow one."""
    a, b = chain(1000), chain(1000)
    data = pickle.dumps(a, 5)
    with recursion_limit_above_here(150):
        assert a == b
        assert hash(a) == hash(b)
        assert pickle.loads(pickle.dumps(a, 5)) == a
        assert pickle.loads(data) == b
        assert copy.deepcopy(a) == b


def test_shared_sub_configs_are_walked_once_and_stay_shared() -> None:
    """A tree that shares each level twice (2**1000 paths) compares, hashes, pickles and copies in linear time."""
    fork = Fork(n=0, left=None, right=None)
    for i in range(1, 1001):
        fork = Fork(n=i, left=fork, right=fork)
    other = Fork(n=0, left=None, right=None)
    for i in range(1, 1001):
        other = Fork(n=i, left=other, right=other)
    assert fork == other
    assert hash(fork) == hash(other)
    for twin in (pickle.loads(pickle.dumps(fork)), copy.deepcopy(fork)):
        assert twin == fork
        assert twin.left is twin.right
        assert twin.left is not None and twin.left.left is twin.left.right


def test_sub_configs_in_lists_and_dicts_nest_deep() -> None:
    """Sub-configs held in lists and dict values, 1,000 levels deep, survive pickle and deepcopy."""
    holder = Holder(kids=[], table={})
    for _ in range(1000):
        holder = Holder(kids=[holder], table={"same": holder})
    for twin in (pickle.loads(pickle.dumps(holder)), copy.deepcopy(holder)):
        assert twin == holder
        assert twin.kids[0] is twin.table["same"]
        assert type(twin.kids) is FrozenList


def test_a_shallow_config_pickles_in_the_simple_form() -> None:
    """A config with few levels below it reduces to `restore(cls, items)`, its instance state in set order."""
    link = chain(3)
    function, (cls, items) = link.__reduce__()
    assert function is restore and cls is Link
    saved = {"__pconfig_site__": line_of(link.__pconfig_site__)}  # a build's site is saved as a file and a line
    assert items == tuple((name, saved.get(name, getattr(link, name))) for name in Link.__pconfig_spec__.state)


def test_a_deep_config_pickles_as_one_flat_list() -> None:
    """A config with many levels below it reduces to `restore_tree(nodes)`: every link once, the root last."""
    link = chain(100)
    function, (nodes,) = link.__reduce__()
    assert function is restore_tree
    assert len(nodes) == 101
    assert nodes[0][0] is Link and dict(nodes[0][1])["child"] is None
    assert restore_tree(nodes) == link


def test_pickles_in_the_earlier_form_still_load() -> None:
    """A pickle written with `restore(cls, items)` for every config, nested, loads as an equal, frozen config."""

    class EarlierPickler(pickle.Pickler):
        def reducer_override(self, obj: Any) -> Any:
            if type(obj) is Link:
                state = Link.__pconfig_spec__.state
                saved = {"__pconfig_site__": line_of(obj.__pconfig_site__)}  # pickles hold a file and a line
                return (restore, (Link, tuple((n, saved.get(n, getattr(obj, n))) for n in state)))
            return NotImplemented

    import io

    link = chain(100)
    buffer = io.BytesIO()
    EarlierPickler(buffer, protocol=2).dump(link)
    twin = pickle.loads(buffer.getvalue())
    assert twin == link
    assert type(bottom_of(twin).tags) is FrozenList


def test_unpickling_and_copying_never_validate_again() -> None:
    """Neither pickling nor deep-copying a deep chain runs `__init__` or `__post_init__`."""
    checked = Checked(n=0, child=None)
    for i in range(1, 200):
        checked = Checked(n=i, child=checked)
    VALIDATED.clear()
    assert pickle.loads(pickle.dumps(checked)) == checked
    assert copy.deepcopy(checked) == checked
    assert VALIDATED == []


@pconfig
class Tree:
    weight: float
    scores: list[float]
    table: dict[str, float]
    shape: tuple[float, ...]
    child: Optional[Tree]
    kids: list[Tree]


floats = st.floats(allow_nan=True, allow_infinity=True)


def tree_level(
    below: st.SearchStrategy[Optional[Tree]], kids: st.SearchStrategy[list[Tree]]
) -> st.SearchStrategy[Tree]:
    return st.builds(
        Tree,
        weight=floats,
        scores=st.lists(floats, max_size=3),
        table=st.dictionaries(st.text(max_size=2), floats, max_size=2),
        shape=st.lists(floats, max_size=2).map(tuple),
        child=below,
        kids=kids,
    )


trees = st.recursive(
    tree_level(st.none(), st.just([])),
    lambda inner: tree_level(st.none() | inner, st.lists(inner, max_size=2)),
    max_leaves=6,
)


@st.composite
def towers(draw: st.DrawFn) -> Tree:
    """A random tree under a chain of up to 40 levels (past the depth where pickles turn flat)."""
    tree = draw(trees)
    for _ in range(draw(st.integers(min_value=0, max_value=40))):
        tree = Tree(weight=draw(floats), scores=[], table={}, shape=(), child=tree, kids=[])
    return tree


@settings(max_examples=60, deadline=None)
@given(towers(), floats)
def test_random_trees_equal_their_copies_and_hash_alike(tree: Tree, weight: float) -> None:
    """Random trees (NaN and inf included) equal their pickle copies, deepcopy and copy, and hash alike."""
    twins = [pickle.loads(pickle.dumps(tree, protocol)) for protocol in range(2, 6)]
    twins += [copy.deepcopy(tree), copy.copy(tree), Tree(tree)]
    for twin in twins:
        assert twin == tree
        assert hash(twin) == hash(tree)
    changed = Tree(tree, weight=weight)
    assert (changed == tree) == (weight == tree.weight or (weight != weight and tree.weight != tree.weight))
