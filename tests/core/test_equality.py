"""Equality and hashing of configs: NaN equal to NaN at any depth, arrays by value, errors never swallowed."""

from __future__ import annotations

import collections
import copy
import math
import pickle
from decimal import Decimal
from typing import Any, Optional

import pytest
from pconfigs import pconfig
from pconfigs._equality import same

NAN = float("nan")


def nan() -> float:
    """A NaN that is a different object each time (as after pickling)."""
    return float("nan")


@pconfig
class Box:
    value: Any


@pconfig
class Pair:
    left: Any
    right: Optional[Pair]


@pconfig
class Scalars:
    a: int
    b: float
    c: str
    d: bool


class Opaque:
    """A user's object without a hash, compared by identity."""

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return "Opaque()"


class Exploding:
    """A user's object whose `==` raises."""

    def __eq__(self, other: object) -> bool:
        raise ValueError("cannot compare")

    __hash__ = object.__hash__


def twin(value: Any) -> Any:
    return pickle.loads(pickle.dumps(value))


NAN_VALUES = [
    NAN,
    [1.0, NAN],
    (NAN, "x"),
    {"a": NAN},
    {"a": [{"b": (NAN,)}]},
    {NAN, 1.0},
    frozenset({(NAN, 2)}),
    {NAN: 1},
    {(NAN, 1): "x"},
    {1: {NAN: [NAN]}},
    complex(NAN, 1.0),
    Decimal("NaN"),
    collections.OrderedDict([("a", NAN), ("b", [NAN])]),
]


@pytest.mark.parametrize("value", NAN_VALUES, ids=repr)
def test_nan_equals_nan_at_any_depth(value: Any) -> None:
    """A value holding NaN anywhere equals its pickle copy (whose NaNs are other objects), inside a config too."""
    assert same(value, twin(value))
    assert same(value, copy.deepcopy(value))
    box = Box(value=value)
    assert box == twin(box)
    assert box == copy.deepcopy(box)
    assert box == Box(value=twin(value))
    assert hash(box) == hash(twin(box)) == hash(Box(value=twin(value)))


def test_nan_in_nested_configs_is_equal() -> None:
    """NaN held by a sub-config, or by a list of sub-configs, is equal to NaN in an equal tree built apart."""
    a = Pair(left=[Box(value=nan())], right=Pair(left=nan(), right=None))
    b = Pair(left=[Box(value=nan())], right=Pair(left=nan(), right=None))
    assert a == b
    assert hash(a) == hash(b)


def test_nan_is_equal_only_to_nan() -> None:
    """A NaN is equal to every NaN (of any numeric type) and to nothing else."""
    assert same(nan(), complex(NAN, 0.0))
    assert same(Decimal("NaN"), nan())
    assert same(Decimal("sNaN"), Decimal("sNaN"))  # whose `==` would raise InvalidOperation
    assert not same(nan(), 1.0)
    assert not same(nan(), None)
    assert not same([nan()], [1.0])
    assert Box(value=nan()) != Box(value=math.inf)


def test_dict_keys_pair_by_lookup_then_by_equality_with_values() -> None:
    """NaN keys, which lookup cannot find, pair with the other dict's NaN keys whose values are equal."""
    assert same({nan(): 1, nan(): 2}, {nan(): 2, nan(): 1})
    assert not same({nan(): 1, nan(): 2}, {nan(): 2, nan(): 2})
    assert not same({nan(): 1}, {1.0: 1})
    assert not same({nan(): 1, "k": 2}, {nan(): 1, "j": 2})
    assert same({(nan(), "a"): [nan()]}, {(nan(), "a"): [nan()]})


def test_sets_pair_their_nan_elements() -> None:
    """Sets are equal when their elements pair up one to one, NaNs with NaNs."""
    assert same({nan(), nan(), 1.0}, {nan(), 1.0, nan()})
    assert not same({nan(), 1.0}, {nan(), 2.0})
    assert not same({nan(), nan()}, {nan(), 1.0})
    assert same({1, 2}, frozenset({1, 2}))


def test_ordered_dicts_compare_in_order() -> None:
    """Two OrderedDicts compare in order, as `==` does; an OrderedDict and a dict do not."""
    first = collections.OrderedDict([("a", 1), ("b", 2)])
    second = collections.OrderedDict([("b", 2), ("a", 1)])
    assert not same(first, second)
    assert same(first, {"b": 2, "a": 1})


def test_containers_compare_as_plain_python_does() -> None:
    """Lists equal lists, tuples equal tuples, numbers compare across types; a list never equals a tuple."""
    assert same([1, 2.0, True], [1.0, 2, 1])
    assert not same([1, 2], (1, 2))
    assert not same([1, 2], [1, 2, 3])
    assert not same({"a": 1}, {"a": 1, "b": 2})
    assert not same({"a": 1}, [("a", 1)])
    assert same(-0.0, 0.0)
    assert Box(value=[1, 2]) == Box(value=[1, 2]) != Box(value=(1, 2))


def test_an_exception_in_a_users_eq_propagates() -> None:
    """An error raised by a user's `__eq__` is raised by `==`, never taken for "unequal"."""
    with pytest.raises(ValueError, match="cannot compare"):
        same(Exploding(), Exploding())
    with pytest.raises(ValueError, match="cannot compare"):
        Box(value=[{"k": Exploding()}]) == Box(value=[{"k": Exploding()}])  # noqa: B015


def test_configs_of_different_classes_are_unequal() -> None:
    """Configs of two classes are unequal even with equal fields, at the top and nested."""
    assert Box(value=1) != Pair(left=1, right=None)
    assert Box(value=Box(value=1)) != Box(value=Pair(left=1, right=None))


@pconfig
class ByName:
    name: str
    extra: int

    def __eq__(self, other: object) -> bool:
        return isinstance(other, ByName) and other.name == self.name

    def __hash__(self) -> int:
        return hash(self.name)


def test_a_config_class_with_its_own_eq_and_hash_is_compared_by_them() -> None:
    """A config class's own `__eq__` and `__hash__` are used where its configs are nested, too."""
    a = Box(value=[ByName(name="n", extra=1)])
    b = Box(value=[ByName(name="n", extra=2)])
    assert a == b
    assert hash(a) == hash(b)


def test_scalar_configs_compare_and_hash_by_value() -> None:
    """Configs of scalars are equal by value and hash alike; NaN fields included."""
    assert Scalars(a=1, b=0.5, c="x", d=True) == Scalars(a=1, b=0.5, c="x", d=True)
    assert Scalars(a=1, b=0.5, c="x", d=True) != Scalars(a=1, b=0.5, c="y", d=True)
    assert Scalars(a=1, b=nan(), c="x", d=True) == Scalars(a=1, b=nan(), c="x", d=True)
    assert hash(Scalars(a=1, b=nan(), c="x", d=True)) == hash(Scalars(a=1, b=nan(), c="x", d=True))
    assert hash(Scalars(a=1, b=2.0, c="x", d=True)) == hash(Scalars(a=1, b=2, c="x", d=True))  # 2.0 == 2


def test_lists_dicts_and_sets_hash_by_content() -> None:
    """A config holding lists, dicts and sets is hashable, and equal configs hash alike."""
    a = Box(value={"k": [1, 2, {3, 4}], "j": ({"x": 1.5},)})
    b = Box(value={"j": ({"x": 1.5},), "k": [1, 2, {4, 3}]})
    assert a == b
    assert hash(a) == hash(b)
    assert {a: "found"}[b] == "found"


def test_an_unhashable_value_names_its_field(sites: Any) -> None:
    """Hashing a config that holds an unhashable user object raises a TypeError naming the path to it."""
    root = Pair(left=0, right=Pair(left=Box(value=[1, {"k": Opaque()}]), right=None))
    line = sites.text(__file__, __import__("sys")._getframe().f_lineno - 1)  # the line above
    with pytest.raises(TypeError) as info:
        hash(root)
    assert str(info.value) == (
        "Pair.right.left.value[1]['k']: cannot hash this config: Opaque is not hashable (got Opaque())\n"
        f"  built at {line}\n"
        "  hint: give Opaque a __hash__ that agrees with its __eq__, or do not hash this config "
        "(a dict key, a set member, a cache key)"
    )


def test_arrays_compare_by_shape_kind_and_values() -> None:
    """NumPy arrays are equal by shape, dtype kind and values (NaN equal to NaN), never by their truth value."""
    np = pytest.importorskip("numpy")
    a = np.array([[1.0, np.nan], [3.0, 4.0]])
    assert same(a, a.copy())
    assert same(a, copy.deepcopy(a))
    assert same(np.array([1, 2], dtype=np.int32), np.array([1, 2], dtype=np.int64))
    assert not same(np.array([1, 2]), np.array([1.0, 2.0]))
    assert not same(np.array([1, 2]), np.array([[1, 2]]))
    assert not same(np.array([1, 2]), np.array([1, 3]))
    assert not same(np.array([1.0, 2.0]), [1.0, 2.0])
    assert not same(np.float64(1.0), [1.0])  # numpy would broadcast `==` to an array
    assert same(np.array([None, [np.nan]], dtype=object), np.array([None, [np.nan]], dtype=object))
    assert same(np.float32(np.nan), np.float32(np.nan))
    assert same(np.array(["a", "bc"]), np.array(["a", "bc"]))


def test_a_config_holding_arrays_equals_its_copies_and_hashes_alike() -> None:
    """A config holding arrays (NaN, -0.0, other widths of one kind) equals its copies; equal ones hash alike."""
    np = pytest.importorskip("numpy")
    box = Box(value=[np.array([np.nan, -0.0, 1.5]), np.arange(6, dtype=np.int16).reshape(2, 3)])
    for other in (twin(box), copy.deepcopy(box)):
        assert other == box
        assert hash(other) == hash(box)
    wider = Box(value=[np.array([np.nan, 0.0, 1.5], dtype=np.float32), np.arange(6).reshape(2, 3)])
    assert wider == box
    assert hash(wider) == hash(box)
    assert Box(value=np.array([1, 2])) != Box(value=np.array([2, 1]))


def test_nan_in_an_array_hashes_the_same_whatever_its_bits() -> None:
    """Arrays holding NaNs of different bit patterns are equal and hash alike."""
    np = pytest.importorskip("numpy")
    quiet = np.array([np.nan])
    other = np.array([0x7FF8_0000_0000_0001], dtype=np.int64).view(np.float64)
    assert same(quiet, other)
    assert hash(Box(value=quiet)) == hash(Box(value=other))
