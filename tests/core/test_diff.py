"""`pconfigs.diff`: what changed between two configs, path by path, as differences, text and JSON."""

from __future__ import annotations

import ast
import collections
import copy
import inspect
import json
import pathlib
import pickle
import sys
from typing import Any, Optional

import pconfigs._diff
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pconfigs import Required, pconfig, penum
from pconfigs._diff import Difference, diff, diff_as_json, format_diff
from pconfigs._equality import same as equal


@penum
class Mode:
    train = "train"
    eval = "eval"


@pconfig
class AdamConfig:
    lr: float
    betas: tuple[float, float]
    weight_decay: float


@pconfig
class SGDConfig:
    lr: float
    weight_decay: float
    momentum: float


@pconfig
class Loader:
    path: str
    workers: int


@pconfig
class Run:
    name: str
    steps: int
    optimizer: Any
    layers: list[int]
    extra: list[Loader]
    named: dict[str, Loader]
    tags: set[str]
    eval_loader: Optional[Loader]


def run(**changes: Any) -> Run:
    values: dict[str, Any] = dict(
        name="base",
        steps=10,
        optimizer=AdamConfig(lr=1e-3, betas=(0.9, 0.999), weight_decay=0.01),
        layers=[256, 256, 128],
        extra=[Loader(path="/a", workers=2)],
        named={"a": Loader(path="/n", workers=1)},
        tags={"x", "y"},
        eval_loader=None,
    )
    values.update(changes)
    return Run(**values)


def text(a: Any, b: Any) -> str:
    return format_diff(diff(a, b))


def test_equal_configs_have_no_differences() -> None:
    """A config, and an equal config built apart, differ from it in nothing; the text is empty."""
    assert diff(run(), run()) == []
    a = run()
    assert diff(a, a) == []
    assert text(a, run()) == ""


def test_changed_fields_in_declaration_order() -> None:
    """Each changed field is one line, `path: old -> new`, in declaration order, values as Python literals."""
    differences = diff(run(), run(steps=20, name="other"))
    assert differences == [
        Difference("name", "base", "other", "changed", False),
        Difference("steps", 10, 20, "changed", False),
    ]
    assert format_diff(differences) == 'name: "base" -> "other"\nsteps: 10 -> 20\n'


def test_nested_paths_are_override_paths() -> None:
    """Paths inside sub-configs, lists and dicts are written as overrides write them."""
    b = run(
        optimizer=AdamConfig(lr=3e-4, betas=(0.9, 0.95), weight_decay=0.01),
        extra=[Loader(path="/a", workers=4)],
        named={"a": Loader(path="/n", workers=3)},
    )
    assert text(run(), b) == (
        "optimizer.lr: 0.001 -> 0.0003\n"
        "optimizer.betas[1]: 0.999 -> 0.95\n"
        "extra[0].workers: 2 -> 4\n"
        'named["a"].workers: 1 -> 3\n'
    )


def test_lists_of_different_lengths_show_added_and_removed_elements() -> None:
    """Elements past the shorter list are added or removed, at their index in the longer one."""
    assert text(run(), run(layers=[256, 512])) == "layers[1]: 256 -> 512\nlayers[2]: removed 128\n"
    assert text(run(), run(layers=[256, 256, 128, 64, 32])) == "layers[3]: added 64\nlayers[4]: added 32\n"
    assert diff(run(), run(layers=[256, 256])) == [Difference("layers[2]", 128, None, "removed")]
    assert diff(run(), run(layers=[256, 256, 128, 64])) == [Difference("layers[3]", None, 64, "added")]


def test_dict_keys_changed_removed_and_added() -> None:
    """Dicts compare by key: `a`'s keys in `a`'s order, then the keys only `b` has, in `b`'s order."""
    a = run(named={"a": Loader(path="/n", workers=1), "gone": Loader(path="/g", workers=1)})
    b = run(
        named={"z": Loader(path="/z", workers=1), "a": Loader(path="/n", workers=3), "b": Loader(path="/b", workers=1)}
    )
    assert text(a, b) == (
        'named["a"].workers: 1 -> 3\n'
        'named["gone"]: removed Loader(path="/g", workers=1)\n'
        'named["z"]: added Loader(path="/z", workers=1)\n'
        'named["b"]: added Loader(path="/b", workers=1)\n'
    )


@pconfig
class Box:
    value: Any


def test_dict_keys_of_any_type_are_written_as_literals() -> None:
    """Int, enum, tuple, None and quoted string keys are written in the path as the printer writes them."""
    a = Box(value={1: "x", Mode.train: 0.5, (1, "k"): [1], 'say "hi"': 1, None: 0})
    b = Box(value={1: "y", Mode.train: 0.25, (1, "k"): [2], 'say "hi"': 2, None: 1})
    assert text(a, b) == (
        'value[1]: "x" -> "y"\n'
        "value[Mode.train]: 0.5 -> 0.25\n"
        'value[(1, "k")][0]: 1 -> 2\n'
        "value['say \"hi\"']: 1 -> 2\n"
        "value[None]: 0 -> 1\n"
    )


def test_sets_show_removed_then_added_elements_sorted_by_text() -> None:
    """A set's differences are its removed elements, then its added ones, each sorted, at the path of the set."""
    differences = diff(run(tags={"x", "y", "b"}), run(tags={"z", "x", "w", "a"}))
    assert format_diff(differences) == (
        'tags: removed "b"\ntags: removed "y"\ntags: added "a"\ntags: added "w"\ntags: added "z"\n'
    )
    assert differences[0] == Difference("tags", "b", None, "removed")
    assert text(Box(value=frozenset({1, 2})), Box(value=frozenset({2, 3}))) == "value: removed 1\nvalue: added 3\n"


def test_set_elements_of_mixed_types_sort_by_type_then_text() -> None:
    """Elements of several types are sorted by their type's name first, so the order never depends on hashing."""
    assert text(Box(value={1}), Box(value={"b", 3, (1, 2), "a", 2.5})) == (
        'value: removed 1\nvalue: added 2.5\nvalue: added 3\nvalue: added "a"\nvalue: added "b"\nvalue: added (1, 2)\n'
    )


def test_a_sub_config_of_another_class_shows_the_class_then_its_fields() -> None:
    """A class change is one line, then the shared fields compared, `a`'s own removed, then `b`'s own added."""
    b = run(optimizer=SGDConfig(lr=1e-3, weight_decay=0.0, momentum=0.9))
    differences = diff(run(), b)
    assert format_diff(differences) == (
        "optimizer: AdamConfig -> SGDConfig\n"
        "optimizer.betas: removed (0.9, 0.999)\n"
        "optimizer.weight_decay: 0.01 -> 0.0\n"
        "optimizer.momentum: added 0.9\n"
    )
    assert differences[0] == Difference("optimizer", AdamConfig, SGDConfig, "class")


def test_configs_of_unrelated_classes_start_with_the_class_line() -> None:
    """Two configs of unrelated classes give the class line (empty path) and then every field added or removed."""
    a = Loader(path="/a", workers=2)
    b = SGDConfig(lr=1.0, weight_decay=0.0, momentum=0.9)
    assert text(a, b) == (
        "Loader -> SGDConfig\n"
        'path: removed "/a"\n'
        "workers: removed 2\n"
        "lr: added 1.0\n"
        "weight_decay: added 0.0\n"
        "momentum: added 0.9\n"
    )
    assert diff(a, b)[0] == Difference("", Loader, SGDConfig, "class")


def test_a_sub_config_replacing_none_is_one_change() -> None:
    """A sub-config that replaces `None` (or the reverse) is one change, written as the code that builds it."""
    loader = Loader(path="/e", workers=1)
    assert text(run(), run(eval_loader=loader)) == 'eval_loader: None -> Loader(path="/e", workers=1)\n'
    assert text(run(eval_loader=loader), run()) == 'eval_loader: Loader(path="/e", workers=1) -> None\n'


def test_a_list_replaced_by_a_tuple_is_one_change() -> None:
    """Values of different kinds (a list and a tuple, an int and a string) are compared whole."""
    assert text(Box(value=[1, 2]), Box(value=(1, 2))) == "value: [1, 2] -> (1, 2)\n"
    assert text(Box(value=1), Box(value="1")) == 'value: 1 -> "1"\n'
    assert text(Box(value={"a": 1}), Box(value=[("a", 1)])) == 'value: {"a": 1} -> [("a", 1)]\n'


def test_values_equal_for_configs_are_not_differences() -> None:
    """What config equality calls equal is no difference: 1 and 1.0, NaN and NaN, frozen and plain containers."""
    nan = float("nan")
    assert diff(Box(value=1), Box(value=1.0)) == []
    assert diff(Box(value=[nan, {"k": (nan,)}]), Box(value=[float("nan"), {"k": (float("nan"),)}])) == []
    assert diff(Box(value={nan: 1, "k": {nan}}), Box(value={float("nan"): 1, "k": {float("nan")}})) == []
    assert diff(Box(value={1, 2}), Box(value=frozenset({1, 2}))) == []


def test_nan_and_infinities_are_written_as_the_printer_writes_them() -> None:
    """Non-finite floats are `float("nan")`, `float("inf")`, `float("-inf")`."""
    assert text(Box(value=float("nan")), Box(value=float("inf"))) == 'value: float("nan") -> float("inf")\n'
    assert text(Box(value=[1.0]), Box(value=[float("-inf")])) == 'value[0]: 1.0 -> float("-inf")\n'


def test_nan_dict_keys_pair_up_with_equal_values_first() -> None:
    """NaN keys, which lookup cannot find, pair with the other dict's NaN keys, equal values first."""
    nan = float
    a = Box(value={nan("nan"): 1, nan("nan"): 2})
    assert diff(a, Box(value={nan("nan"): 2, nan("nan"): 1})) == []
    assert text(Box(value={nan("nan"): 1}), Box(value={nan("nan"): 5})) == 'value[float("nan")]: 1 -> 5\n'
    assert text(Box(value={nan("nan"): 1}), Box(value={1.0: 1})) == (
        'value[float("nan")]: removed 1\nvalue[1.0]: added 1\n'
    )


def test_ordered_dicts_in_another_order_are_one_change() -> None:
    """Two OrderedDicts holding the same items in another order differ as wholes (their `==` compares order)."""
    a = Box(value=collections.OrderedDict([("a", 1), ("b", 2)]))
    b = Box(value=collections.OrderedDict([("b", 2), ("a", 1)]))
    assert text(a, b) == 'value: OrderedDict({"a": 1, "b": 2}) -> OrderedDict({"b": 2, "a": 1})\n'


def test_long_values_are_shortened_in_the_text() -> None:
    """A value past 60 characters is shortened: a config to its class, a container to its first elements."""
    a = Box(value=list(range(100)))
    b = Box(value=Loader(path="/x" * 40, workers=1))
    assert text(a, b) == "value: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, ...] -> Loader(...)\n"
    a = Box(value={f"k{i}": i for i in range(30)})
    b = Box(value=(frozenset(range(40)), (1, 2)))
    assert text(a, b) == 'value: {"k0": 0, "k1": 1, "k2": 2, "k3": 3, "k4": 4, "k5": 5, ...} -> (...)\n'
    assert text(Box(value=[set(range(30))]), Box(value=[frozenset(range(30))])) == ""
    assert text(Box(value=1), Box(value=frozenset(range(30)))) == (
        "value: 1 -> frozenset({0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, ...})\n"
    )


def test_strings_are_never_shortened() -> None:
    """A string is written whole, however long, since a cut string would read as another value."""
    assert text(Box(value="x" * 70), Box(value="y")) == f'value: "{"x" * 70}" -> "y"\n'


def test_sentinels_and_values_without_a_python_form() -> None:
    """`Required` prints as itself; objects without a Python form by their own repr, or by what they are."""

    class Opaque:
        def __eq__(self, other: object) -> bool:
            return False

        __hash__ = object.__hash__

    class Shown(Opaque):
        def __repr__(self) -> str:
            return "Shown()"

    assert text(Box(value=Required), Box(value=3)) == "value: Required -> 3\n"
    module = __name__
    assert text(Box(value=Opaque()), Box(value=[Shown()])) == (
        f"value: <{module}.test_sentinels_and_values_without_a_python_form.<locals>.Opaque object> -> [Shown()]\n"
    )
    assert text(Box(value=lambda: 1), Box(value=len)) == (
        f"value: {module}.test_sentinels_and_values_without_a_python_form.<locals>.<lambda> -> len\n"
    )


@pconfig
class ByName:
    name: str
    extra: int

    def __eq__(self, other: object) -> bool:
        return isinstance(other, ByName) and other.name == self.name

    def __hash__(self) -> int:
        return hash(self.name)


def test_a_config_class_with_its_own_eq_is_compared_whole_by_it() -> None:
    """A config class that defines `__eq__` is compared by it, as config equality does, and shown whole."""
    assert diff(Box(value=ByName(name="n", extra=1)), Box(value=ByName(name="n", extra=2))) == []
    assert text(Box(value=ByName(name="n", extra=1)), Box(value=ByName(name="m", extra=1))) == (
        'value: ByName(name="n", extra=1) -> ByName(name="m", extra=1)\n'
    )


@pconfig
class Link:
    value: float
    child: Optional[Link]


def chain(depth: int, bottom: float = 0.0) -> Link:
    link = Link(value=bottom, child=None)
    for i in range(depth):
        link = Link(value=float(i), child=link)
    return link


def test_configs_nested_a_thousand_deep_are_walked_without_recursion() -> None:
    """A difference at the bottom of 1,000-deep chains is found with no more stack than a shallow diff needs."""
    a, b = chain(1000), chain(1000, bottom=1.0)
    old = sys.getrecursionlimit()
    sys.setrecursionlimit(len(inspect.stack()) + 60)
    try:
        found = diff(a, b)
        same = diff(a, chain(1000))
    finally:
        sys.setrecursionlimit(old)
    assert found == [Difference("child." * 1000 + "value", 0.0, 1.0)]
    assert same == []
    assert format_diff(diff(Box(value=a), Box(value=None))) == "value: Link(...) -> None\n"


def test_a_thousand_deep_value_in_json_is_nested_data() -> None:
    """The JSON form of a 1,000-deep config is built without recursion: nested dicts down to the bottom."""
    [entry] = diff_as_json(diff(Box(value=chain(1000, bottom=0.5)), Box(value=None)))
    node, depth = entry["old"], 0
    while node["child"] is not None:
        node, depth = node["child"], depth + 1
    assert (depth, node) == (1000, {"__class__": f"{__name__}.Link", "value": 0.5, "child": None})


def test_deeply_nested_lists_are_walked_and_shortened() -> None:
    """Lists nested hundreds deep are walked by index down to the difference, and shown shortened when whole."""
    a, b = [1], [2]
    for _ in range(300):
        a, b = [a], [b]
    assert diff(Box(value=a), Box(value=b)) == [Difference("value" + "[0]" * 301, 1, 2)]
    assert text(Box(value=None), Box(value=a)) == "value: None -> [...]\n"


def test_a_big_value_is_never_written_whole_only_to_be_shortened(monkeypatch: Any) -> None:
    """Only the few elements shown are written: a value surely longer than the limit is not rendered whole."""
    written = pconfigs._diff._full_text

    def small_only(value: object) -> str | None:
        assert not isinstance(value, list) or len(value) < 100, "rendered a big value whole"
        return written(value)

    monkeypatch.setattr(pconfigs._diff, "_full_text", small_only)
    assert text(Box(value=None), Box(value=list(range(10**6)))) == (
        "value: None -> [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, ...]\n"
    )


@pconfig
class Fork:
    n: int
    left: Optional[Fork]
    right: Optional[Fork]


def dag(depth: int, bottom: int = 0) -> Fork:
    """A tree of 2**depth paths whose every level is one config shared by both branches."""
    node = Fork(n=bottom, left=None, right=None)
    for i in range(depth):
        node = Fork(n=i, left=node, right=node)
    return node


def test_shared_sub_configs_are_walked_once_when_equal() -> None:
    """Equal sub-configs met again through another parent are not walked again (2**60 paths, a few steps)."""
    assert diff(dag(60), dag(60)) == []
    differences = diff(dag(3), dag(3, bottom=1))
    assert len(differences) == 8
    assert format_diff(differences[:2]) == "left.left.left.n: 0 -> 1\nleft.left.right.n: 0 -> 1\n"


def test_json_holds_whole_plain_values() -> None:
    """The JSON form is `{path, old, new, kind, derived}` with plain values: lists, dicts, enum values, strings."""
    old = [1.0, (2, 3), {5, 4}, Mode.train, pathlib.Path("/p"), {"k": float("nan"), 3: float("inf")}]
    old += [Loader(path="/a", workers=1), None, list(range(100))]
    differences = diff(Box(value=old), Box(value=[-1.0]))
    differences += diff(run(), run(optimizer=SGDConfig(lr=1e-3, weight_decay=0.0, momentum=0.9)))
    data = diff_as_json(differences)
    assert data == [
        {"path": "value[0]", "old": 1.0, "new": -1.0, "kind": "changed", "derived": False},
        {"path": "value[1]", "old": [2, 3], "new": None, "kind": "removed", "derived": False},
        {"path": "value[2]", "old": [4, 5], "new": None, "kind": "removed", "derived": False},
        {"path": "value[3]", "old": "train", "new": None, "kind": "removed", "derived": False},
        {"path": "value[4]", "old": "/p", "new": None, "kind": "removed", "derived": False},
        {"path": "value[5]", "old": {"k": "nan", "3": "inf"}, "new": None, "kind": "removed", "derived": False},
        {
            "path": "value[6]",
            "old": {"__class__": f"{__name__}.Loader", "path": "/a", "workers": 1},
            "new": None,
            "kind": "removed",
            "derived": False,
        },
        {"path": "value[7]", "old": None, "new": None, "kind": "removed", "derived": False},
        {"path": "value[8]", "old": list(range(100)), "new": None, "kind": "removed", "derived": False},
        {
            "path": "optimizer",
            "old": f"{__name__}.AdamConfig",
            "new": f"{__name__}.SGDConfig",
            "kind": "class",
            "derived": False,
        },
        {"path": "optimizer.betas", "old": [0.9, 0.999], "new": None, "kind": "removed", "derived": False},
        {"path": "optimizer.weight_decay", "old": 0.01, "new": 0.0, "kind": "changed", "derived": False},
        {"path": "optimizer.momentum", "old": None, "new": 0.9, "kind": "added", "derived": False},
    ]
    assert json.loads(json.dumps(data, allow_nan=False)) == data


def test_json_keys_and_values_of_other_types() -> None:
    """Dict keys become strings as `json.dumps` writes them; other values become their text."""
    value = {None: 1, True: 2, 1.5: 3, Mode.eval: 4, (1, 2): Required, "s": b"x", "f": len, "c": 1j}
    [entry] = diff_as_json(diff(Box(value=value), Box(value=None)))
    assert entry["old"] == {
        "null": 1,
        "true": 2,
        "1.5": 3,
        "eval": 4,
        "(1, 2)": "Required",
        "s": 'b"x"',
        "f": "builtins.len",
        "c": "complex(0.0, 1.0)",
    }


def test_json_sets_are_sorted_lists_as_to_dict_writes_them() -> None:
    """A set is a list sorted by kind (None, bools, numbers, strings, the rest by their JSON text), then value."""
    [entry] = diff_as_json(diff(Box(value={3, 1.5, "b", None, False, (1, 2), "a"}), Box(value=None)))
    assert entry["old"] == [None, False, 1.5, 3, "a", "b", [1, 2]]


def test_json_values_are_what_to_dict_gives_plus_the_class() -> None:
    """Values in the JSON form are `to_dict`'s encodings, each config also naming its class."""
    to_dict = pytest.importorskip("pconfigs._data").to_dict

    def without_classes(data: Any) -> Any:
        if isinstance(data, dict):
            return {k: without_classes(v) for k, v in data.items() if k != "__class__"}
        return [without_classes(v) for v in data] if isinstance(data, list) else data

    a = run(tags={"b", "a", "c"}, eval_loader=Loader(path="/e", workers=1), named={"k": Loader(path="/n", workers=1)})
    [entry] = diff_as_json(diff(Box(value=a), Box(value=None)))
    assert entry["old"]["__class__"] == f"{__name__}.Run"
    assert without_classes(entry["old"]) == without_classes(to_dict(a))


def test_numpy_arrays_are_compared_whole_and_scalars_keep_their_type() -> None:
    """An array is one value (compared by value), written as the printer writes it; in JSON, as its `tolist()`."""
    np = pytest.importorskip("numpy")
    a, b = Box(value=np.array([1.0, 2.0])), Box(value=np.array([1.0, 3.0]))
    assert diff(a, Box(value=np.array([1.0, 2.0]))) == []
    assert text(a, b) == (
        "value: numpy.array([1.0, 2.0], dtype=numpy.float64) -> numpy.array([1.0, 3.0], dtype=numpy.float64)\n"
    )
    assert diff_as_json(diff(a, b)) == [
        {"path": "value", "old": [1.0, 2.0], "new": [1.0, 3.0], "kind": "changed", "derived": False}
    ]
    assert text(Box(value=[np.float32(0.5)]), Box(value=[np.float32(0.25)])) == (
        "value[0]: numpy.float32(0.5) -> numpy.float32(0.25)\n"
    )


def test_format_diff_of_nothing_is_empty() -> None:
    """No differences print nothing at all."""
    assert format_diff([]) == ""
    assert diff_as_json([]) == []


def test_a_difference_is_read_only_and_compares_by_value() -> None:
    """A difference is read-only, equals one with equal parts (NaN equal to NaN), pickles, and has a short repr."""
    d = Difference("optimizer.lr", 0.001, float("nan"))
    assert d == Difference("optimizer.lr", 0.001, float("nan"), "changed", False)
    assert d != Difference("optimizer.lr", 0.001, float("nan"), "changed", True)
    assert hash(d) == hash(Difference("optimizer.lr", 0.001, float("nan")))
    assert repr(d) == "Difference('optimizer.lr', 0.001, nan, 'changed', derived=False)"
    assert str(d) == 'optimizer.lr: 0.001 -> float("nan")'
    with pytest.raises(AttributeError, match="^Difference is read-only: cannot set 'path'$"):
        d.path = "x"  # type: ignore[misc]
    assert pickle.loads(pickle.dumps(d)) == d
    assert copy.copy(d) == copy.deepcopy(d) == d
    with pytest.raises(ValueError) as info:
        Difference("x", 1, 2, "moved")
    assert str(info.value) == "Difference: kind must be one of changed, added, removed, class, got 'moved'"


def test_diff_refuses_what_is_not_a_config() -> None:
    """Anything but two configs is a TypeError naming the argument and what it got, with a hint."""
    with pytest.raises(TypeError) as info:
        diff({"lr": 0.1}, run())
    assert str(info.value) == (
        "pconfigs.diff: expected a config for a, got dict {'lr': 0.1}\n"
        "  hint: pass two configs: pconfigs.diff(first.config, second.config)"
    )
    with pytest.raises(TypeError) as info:
        diff(run(), Run)
    assert str(info.value) == (
        "pconfigs.diff: expected a config for b, got the class Run\n"
        "  hint: pass a config of it: pdefaults(Run), or Run(...)"
    )


# -- properties ---------------------------------------------------------------------------------------------------


@pconfig
class Node:
    x: Any
    child: Optional[Node]


@pconfig
class Other:
    x: Any
    y: Any


scalars = st.sampled_from([0, 1, 1.0, 2, -0.0, float("nan"), float("inf"), "a", "b", True, None, Mode.train])
keys = st.recursive(scalars, lambda inner: st.tuples(inner, inner) | st.frozensets(inner, max_size=2), max_leaves=3)


def containers(inner: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return (
        st.lists(inner, max_size=3)
        | st.tuples(inner, inner)
        | st.dictionaries(keys, inner, max_size=3)
        | st.sets(keys, max_size=3)
        | st.frozensets(keys, max_size=2)
        | st.builds(
            lambda x, child: Node(x=x, child=child), inner, st.none() | st.builds(Node, x=inner, child=st.none())
        )
        | st.builds(Other, x=inner, y=inner)
    )


values = st.recursive(scalars, containers, max_leaves=10)
configs = st.builds(Node, x=values, child=st.none() | st.builds(Node, x=values, child=st.none())) | st.builds(
    Other, x=values, y=values
)


def resolve(root: Any, path: str) -> list[Any]:
    """Every value `path` can name in `root` (several only where NaN keys make a key ambiguous)."""
    if not path:
        return [root]
    tree = ast.parse(f"_root{path}" if path.startswith("[") else f"_root.{path}", mode="eval").body
    steps: list[ast.expr] = []
    while not isinstance(tree, ast.Name):
        steps.append(tree)
        tree = tree.value  # type: ignore[attr-defined]
    found = [root]
    for step in reversed(steps):
        if isinstance(step, ast.Attribute):
            found = [getattr(v, step.attr) for v in found]
            continue
        assert isinstance(step, ast.Subscript)
        key = eval(compile(ast.Expression(step.slice), "<path>", "eval"), {"float": float, "Mode": Mode})
        below: list[Any] = []
        for v in found:
            if isinstance(v, (list, tuple)):
                below.append(v[key])
            else:
                below.extend(w for k, w in v.items() if equal(k, key))
        found = below
    return found


@settings(max_examples=300, deadline=None)
@given(configs)
def test_a_config_never_differs_from_itself_or_its_copy(a: Any) -> None:
    """`diff(a, a)` and `diff(a, pickled copy of a)` are empty, NaN anywhere included."""
    assert diff(a, a) == []
    assert diff(a, pickle.loads(pickle.dumps(a))) == []


def twin(value: Any) -> Any:
    return pickle.loads(pickle.dumps(value))


pairs = configs.flatmap(
    lambda a: st.tuples(
        st.just(a),
        st.just(twin(a)) | configs | st.builds(lambda x: type(a)(twin(a), x=x), values),
    )
)
"""Two configs: a copy, an unrelated config, or a config built from a copy with one field changed."""


@settings(max_examples=400, deadline=None)
@given(pairs)
def test_no_differences_exactly_when_equal_and_every_path_names_its_values(pair: tuple[Any, Any]) -> None:
    """`diff(a, b)` is empty exactly when `a == b`, and each difference's path names its old and new values."""
    a, b = pair
    differences = diff(a, b)
    assert (differences == []) == (a == b)
    assert format_diff(differences).count("\n") == len(differences)
    for d in differences:
        if d.kind == "class":
            assert [type(v) for v in resolve(a, d.path)] == [d.old]
            assert [type(v) for v in resolve(b, d.path)] == [d.new]
        elif d.kind == "changed":
            assert any(equal(v, d.old) for v in resolve(a, d.path))
            assert any(equal(v, d.new) for v in resolve(b, d.path))
        else:
            side, value = (a, d.old) if d.kind == "removed" else (b, d.new)
            held = resolve(side, d.path)
            elements = [e for v in held if isinstance(v, (set, frozenset)) for e in v]
            assert any(equal(v, value) for v in held + elements)
