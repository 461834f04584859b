"""Properties of the printer over random configs: --runnable rebuilds an equal config; output parses and is black's.

The random configs have a Pinned field, so these tests need pconfigs-pinnable.
"""

from __future__ import annotations

import ast
import enum
import importlib
import pathlib
import sys
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pconfigs import Required
from pconfigs._render import render_module

MODELS = """
import enum
from typing import Any

from pconfigs import pconfig, pconfiged
from pconfigs.pinnable import Pinned, pproperty


class Mode(enum.Enum):
    fast = "fast"
    slow = 2


def transform(x):
    return x


@pconfig
class Part:
    x: Any
    y: Any


@pconfig
class Base:
    head: Any


@pconfiged(runnable=True)
class Job:
    config: "Whole"

    def main(self):
        return 0


@pconfig(constructs=Job)
class Whole(Base):
    body: Any
    part: Any
    tail: Any
    count: Pinned[int]

    @pproperty
    def count(self) -> int:
        return len(repr(type(self.body)))
"""


NO_BLACK = "black is not installed; black-stability is checked where it is"


@pytest.fixture(scope="module")
def models(tmp_path_factory: pytest.TempPathFactory) -> Any:
    root = tmp_path_factory.mktemp("propmodels")
    (root / "propmodels.py").write_text(MODELS)
    sys.path.insert(0, str(root))
    try:
        yield importlib.import_module("propmodels")
    finally:
        sys.path.remove(str(root))


def values(models: Any) -> st.SearchStrategy[Any]:
    text = st.text(st.characters(codec="utf-8"), max_size=40)
    floats = st.floats(allow_nan=False)
    scalars = st.one_of(
        st.none(),
        st.booleans(),
        st.integers(),
        st.floats(),  # NaN included: a config equals its snapshot with NaN at any depth
        text,
        st.binary(max_size=20),
        st.sampled_from(list(models.Mode)),
        st.builds(pathlib.PurePosixPath, st.text("ab/._é", max_size=12)),
        st.sampled_from([models.transform, models.Part, int, Required]),
        st.complex_numbers(allow_nan=False),
    )
    hashables = st.one_of(st.none(), st.booleans(), st.integers(), floats, text, st.binary(max_size=8))

    def containers(inner: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
        return st.one_of(
            st.lists(inner, max_size=6),
            st.lists(inner, max_size=3).map(tuple),
            st.dictionaries(hashables, inner, max_size=5),
            st.sets(hashables, max_size=6),
            st.frozensets(st.integers(), max_size=6),
            st.builds(models.Part, x=inner, y=inner),
        )

    return st.recursive(scalars, containers, max_leaves=25)


def configs(models: Any) -> st.SearchStrategy[Any]:
    v = values(models)
    return st.builds(models.Whole, head=v, body=v, part=st.one_of(v, st.builds(models.Part, x=v, y=v)), tail=v)


def test_runnable_output_rebuilds_an_equal_config(models: Any) -> None:
    """Random configs -> `--runnable` text -> executed -> a config equal to the original."""

    @settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(configs(models))
    def check(cfg: Any) -> None:
        text = render_module(cfg, runnable=True)
        namespace: dict[str, Any] = {}
        exec(compile(text, "<runnable>", "exec"), namespace)
        assert namespace["config"] == cfg

    check()


def test_printed_output_parses_and_black_leaves_it_unchanged(models: Any) -> None:
    """Normal and `--runnable` output of random configs parse, and black's default style leaves them unchanged."""
    black = pytest.importorskip("black", reason=NO_BLACK)

    @settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(configs(models))
    def check(cfg: Any) -> None:
        for text in (render_module(cfg), render_module(cfg, runnable=True)):
            ast.parse(text)
            assert black.format_str(text, mode=black.Mode()) == text

    check()


def test_nan_and_unrepresentable_values_still_parse(models: Any) -> None:
    """NaN and values without a Python form still give output that parses and black leaves alone."""
    black = pytest.importorskip("black", reason=NO_BLACK)

    class Local(enum.Enum):
        a = 1

    @settings(max_examples=100, deadline=None)
    @given(st.lists(st.one_of(st.floats(), st.just(object()), st.just(Local.a), st.just(lambda: 1)), max_size=8))
    def check(items: list[Any]) -> None:
        text = render_module(models.Whole(head=items, body=tuple(items[:1]), part={"k": items}, tail=None))
        ast.parse(text)
        assert black.format_str(text, mode=black.Mode()) == text

    check()
