"""`Required`: a sentinel that may sit in a default but fails loudly wherever it is used as a value."""

from __future__ import annotations

import copy
import dataclasses
import operator
import pickle
from typing import Any

import pytest
from pconfigs import Required, pconfig, pconfiged

MESSAGE = (
    "Required has no value: {what} on a field that was never set\n"
    "  hint: set the field when building the config, e.g. Cls(base, field=...)"
)


@pytest.mark.parametrize(
    ("use", "what"),
    [
        (lambda: Required + 1, "'+'"),
        (lambda: 1 + Required, "'+'"),
        (lambda: "a" + Required, "'+'"),
        (lambda: Required * 2, "'*'"),
        (lambda: -Required, "'unary -'"),
        (lambda: bool(Required), "bool()"),
        (lambda: str(Required), "str()"),
        (lambda: f"{Required}", "format()"),
        (lambda: len(Required), "len()"),
        (lambda: Required[0], "indexing"),
        (lambda: list(Required), "iteration"),
        (lambda: Required < 1, "comparison"),
        (lambda: int(Required), "int()"),
        (lambda: operator.index(Required), "use as an index"),
    ],
)
def test_any_use_as_a_value_raises(use: Any, what: str) -> None:
    """Arithmetic, string operations, bool() and the like raise a TypeError naming Required."""
    with pytest.raises(TypeError) as info:
        use()
    assert str(info.value) == MESSAGE.format(what=what)


def test_attribute_access_is_an_attribute_error() -> None:
    """Attribute access raises AttributeError, so hasattr and getattr with a default work."""
    assert not hasattr(Required, "shape")
    with pytest.raises(AttributeError) as info:
        Required.shape  # noqa: B018
    assert str(info.value) == (
        "Required has no attribute 'shape': the field holding it was never set\n"
        "  hint: set the field when building the config, e.g. Cls(base, field=...)"
    )


def test_repr_copy_and_pickle_keep_the_singleton() -> None:
    """Required prints as Required and survives copy, deepcopy and pickle as itself."""
    assert repr(Required) == "Required"
    assert copy.copy(Required) is Required
    assert copy.deepcopy(Required) is Required
    assert pickle.loads(pickle.dumps(Required)) is Required


@pconfiged
class Job:
    config: JobConfig


@pconfig
class Inner:
    path: str
    size: int


@pconfig(constructs=Job)
class JobConfig:
    name: str
    inner: Inner
    others: list[Inner]


def test_configs_holding_required_work_with_helpers() -> None:
    """copy, deepcopy, dataclasses.replace and asdict work on a config holding Required."""
    cfg = JobConfig(name=Required, inner=Inner(path="p", size=1), others=[])
    assert copy.deepcopy(cfg) == cfg
    assert dataclasses.replace(cfg, name="n").name == "n"
    assert dataclasses.asdict(cfg)["name"] is Required


def test_construct_lists_every_required_path(sites: Any) -> None:
    """construct() refuses a config holding Required and lists every unset field by dotted path."""
    inner = Inner(path=Required, size=1)
    cfg = JobConfig(name=Required, inner=inner, others=[Inner(path="p", size=Required)])
    line = __import__("sys")._getframe().f_lineno - 1  # the line above
    with pytest.raises(TypeError) as info:
        cfg.construct()
    assert str(info.value) == (
        "JobConfig: cannot construct, 3 fields are still Required: name, inner.path, others[0].size\n"
        f"  built at {sites.text(__file__, line)}\n"
        "  hint: set them: JobConfig(cfg, name=...)"
    )


def test_construct_after_setting_the_fields() -> None:
    """Once every Required field is set, construct() builds the object."""
    cfg = JobConfig(name="n", inner=Inner(path="p", size=1), others=[])
    assert cfg.construct().config is cfg


@pytest.mark.parametrize(
    "build, hint",
    [
        (
            lambda: JobConfig(name="n", inner=Inner(path=Required, size=1), others=[]),
            "JobConfig(cfg, inner=Inner(cfg.inner, path=...))",
        ),
        (
            lambda: JobConfig(name="n", inner=Inner(path="p", size=1), others=[Inner(path="p", size=Required)]),
            "JobConfig(cfg, others=...)",
        ),
    ],
)
def test_construct_hint_is_valid_python(build: Any, hint: str) -> None:
    """The hint for a nested or list-element field rebuilds each level and parses as Python."""
    import ast

    with pytest.raises(TypeError) as info:
        build().construct()
    last = str(info.value).splitlines()[-1]
    assert last == f"  hint: set it: {hint}"
    ast.parse(hint)
