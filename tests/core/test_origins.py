"""Where every value came from (DESIGN 6.2): `origin(cfg, path)`."""

from __future__ import annotations

import copy
import importlib
import pickle
import sys
import textwrap
from typing import Any

import pytest
from pconfigs._origins import Layer, origin

SOURCE = textwrap.dedent(
    """\
    from pconfigs import pconfig, pdefaults


    @pconfig
    class Optimizer:
        lr: float
        decay: float


    @pconfig
    class Job:
        name: str
        steps: int
        optimizer: Optimizer


    pdefaults += Optimizer(
        lr=0.1,
        decay=0.01,
    )
    first = Job(
        name="first",
        steps=10,
        optimizer=Optimizer(),
    )
    second = Job(
        first,
        steps=20,
    )
    third = Job(second, Job(name="x", steps=1, optimizer=Optimizer()), name="third")


    def train(lr: float = 0.1, steps: int = 3, warmup: int = 0):
        return lr


    @pconfig(calls=train)
    class TrainCall:
        pass


    called = TrainCall(steps=4)
    """
)


def line_of(text: str) -> int:
    """The line of SOURCE holding `text`."""
    return next(i for i, line in enumerate(SOURCE.splitlines(), 1) if text in line)


@pytest.fixture(scope="module")
def exp(tmp_path_factory: pytest.TempPathFactory) -> Any:
    root = tmp_path_factory.mktemp("origins")
    (root / "origin_exp.py").write_text(SOURCE)
    sys.path.insert(0, str(root))
    try:
        module = importlib.import_module("origin_exp")
        module.FILE = str(root / "origin_exp.py")
        yield module
    finally:
        sys.path.remove(str(root))


def test_a_keyword_names_its_own_line(exp: Any) -> None:
    """A value set by keyword names the line of the keyword itself, not only the call's first line."""
    assert list(origin(exp.first, "steps")) == [Layer("keyword", (exp.FILE, 23))]
    assert list(origin(exp.second, "steps")) == [Layer("keyword", (exp.FILE, 28))]


def test_a_value_from_a_base_names_the_base_and_where_it_was_set(exp: Any) -> None:
    """A value copied from a base names the base as written, then where the base got it."""
    assert list(origin(exp.second, "name")) == [
        Layer("base", (exp.FILE, 21), "first"),
        Layer("keyword", (exp.FILE, 22)),
    ]
    assert str(origin(exp.second, "name")) == f"from first, {exp.FILE}:22"


def test_defaults_and_nested_paths(exp: Any) -> None:
    """A value from a registered default says so and names the default's keyword line; paths go into sub-configs."""
    layers = list(origin(exp.first, "optimizer.lr"))
    assert layers == [Layer("default", (exp.FILE, 17), "Optimizer"), Layer("keyword", (exp.FILE, 18))]
    assert str(origin(exp.first, "optimizer.decay")) == f"default, {exp.FILE}:19"


def test_every_layer_back_to_the_first(exp: Any) -> None:
    """Through two bases, every layer is listed, newest first."""
    assert [layer.kind for layer in origin(exp.third, "optimizer")] == ["base", "base", "keyword"]
    assert str(origin(exp.third, "optimizer")) == f"from second, from first, {exp.FILE}:24"
    assert str(origin(exp.third, "steps")) == f"from second, {exp.FILE}:28"
    assert str(origin(exp.third, "name")) == f"{exp.FILE}:30"


def test_copies_keep_origins_and_pickles_say_unpickled(exp: Any) -> None:
    """A copy keeps its origins; an unpickled config says its origins did not travel."""
    assert origin(copy.deepcopy(exp.second), "name") == origin(exp.second, "name")
    assert list(origin(pickle.loads(pickle.dumps(exp.second)), "name")) == [Layer("unpickled")]


def test_a_calls_signature_default_names_the_signature(exp: Any) -> None:
    """A value from a `calls=` function's signature names the function and the line that defines it."""
    declared = line_of("@pconfig(calls=train)") if sys.version_info >= (3, 11) else line_of("class TrainCall")
    assert list(origin(exp.called, "lr")) == [
        Layer("default", (exp.FILE, declared), "TrainCall"),
        Layer("signature", (exp.FILE, line_of("def train(")), "of train"),
    ]
    assert str(origin(exp.called, "warmup")) == f"default, signature of train, {exp.FILE}:{line_of('def train(')}"
    assert str(origin(exp.called, "steps")) == f"{exp.FILE}:{line_of('called = ')}"


def test_from_dict_names_the_data_and_the_path_inside_it(exp: Any) -> None:
    """A value read by `from_dict` names the data's source and its path there; the rest keep their own origins."""
    from pconfigs import from_dict

    job = from_dict(exp.Job, {"name": "d", "steps": 3, "optimizer": {"lr": 0.5}}, source="run.json")
    assert list(origin(job, "optimizer.lr")) == [Layer("data", None, "run.json: optimizer.lr")]
    assert str(origin(job, "steps")) == "data run.json: steps"
    assert str(origin(job, "optimizer.decay")) == f"default, {exp.FILE}:19"
    unnamed = from_dict(exp.Job, {"name": "d", "steps": 3, "optimizer": {"lr": 0.5}})
    assert str(origin(unnamed, "optimizer.lr")) == "data optimizer.lr"


def test_psetter_names_the_line_that_set_each_value(exp: Any) -> None:
    """A value recorded by a `psetter` names the line that recorded it; a nested config names its first line."""
    from pconfigs import psetter

    ps = psetter(type=exp.Job, inputs=exp.first)
    here = sys._getframe().f_lineno + 1
    ps.steps = 5
    ps.optimizer.lr = 0.3
    job = psetter(construct=ps)
    test_file = __file__
    assert list(origin(job, "steps")) == [Layer("psetter", (test_file, here))]
    assert list(origin(job, "optimizer.lr")) == [Layer("psetter", (test_file, here + 1))]
    assert list(origin(job, "optimizer")) == [Layer("psetter", (test_file, here + 1), "(nested)")]
    assert [layer.kind for layer in origin(job, "name")] == ["base", "keyword"]


def test_origins_keep_no_base_alive(exp: Any) -> None:
    """A config's origins hold sites and names, never the bases it was built from."""
    import gc
    import weakref

    base = exp.Job(name="tmp", steps=1, optimizer=exp.Optimizer())
    child = exp.Job(base, steps=2)
    ref = weakref.ref(base)
    del base
    gc.collect()
    assert ref() is None and child.steps == 2


def test_bad_paths_and_non_configs_are_refused() -> None:
    """A non-config, an unknown field and a path that is not a path are TypeErrors saying what to pass."""
    from pconfigs import pconfig

    @pconfig
    class Small:
        a: int

    with pytest.raises(TypeError, match="origin: expected a config, got int"):
        origin(3, "a")
    with pytest.raises(
        TypeError, match="origin: 'b': test_bad_paths_and_non_configs_are_refused.<locals>.Small has no"
    ):
        origin(Small(a=1), "b")
    with pytest.raises(TypeError, match="is not a field path"):
        origin(Small(a=1), "a + 1")
