"""Sweeps as Python objects (DESIGN 6.4): `pconfigs.sweep.product`, `zip`, `+`, point names, and `rebuild`."""

from __future__ import annotations

import enum
import pickle
import sys

import pytest
from pconfigs import origin, pconfig, penum, penv, sweep
from pconfigs._env import rebuild
from pconfigs._site import format_site


def line() -> int:
    """The caller's line number."""
    return sys._getframe(1).f_lineno


@penum
class Mode(enum.Enum):
    fast = "fast"
    slow = "slow"


@pconfig
class Opt:
    lr: float
    wd: float


@pconfig
class Job:
    steps: int
    opt: Opt
    name: str
    mode: Mode

    def __post_init__(self) -> None:
        if self.steps < 0:
            raise ValueError(f"steps must not be negative, got {self.steps}")


BASE = Job(steps=1, opt=Opt(lr=0.1, wd=0.0), name="base", mode=Mode.fast)


class TestProduct:
    def test_crosses_axes_in_order_with_deterministic_names(self) -> None:
        """The first axis varies slowest; each point is named by its changes, in order."""
        grid = sweep.product(BASE, {"opt.lr": [1e-3, 3e-4], "steps": [5, 10]})
        assert grid.names == (
            "opt.lr=0.001,steps=5",
            "opt.lr=0.001,steps=10",
            "opt.lr=0.0003,steps=5",
            "opt.lr=0.0003,steps=10",
        )
        point = grid["opt.lr=0.0003,steps=10"]
        assert point.config == Job(BASE, steps=10, opt=Opt(BASE.opt, lr=3e-4))
        assert point.changes == {"opt.lr": 3e-4, "steps": 10}
        assert point.base is BASE

    def test_each_changed_value_says_it_came_from_the_sweep(self) -> None:
        """A point's swept values have the origin `sweep`; the rest keep theirs."""
        here = line() + 1
        grid = sweep.product(BASE, {"steps": [5]})
        assert str(origin(grid[0].config, "steps")) == f"sweep, {format_site((__file__, here))}"
        assert str(origin(grid[0].config, "opt.lr")) != str(origin(grid[0].config, "steps"))

    def test_names_write_words_enums_and_other_values(self) -> None:
        """Names hold literals for numbers, bare words, quoted text, enum member names, and #i for long values."""
        grid = sweep.product(
            BASE, {"name": ["a-b", "x y"], "mode": [Mode.slow], "opt": [Opt(lr=1.0, wd=0.5), Opt(lr=2.0, wd=0.5)]}
        )
        assert grid.names[0] == "name=a-b,mode=slow,opt=Opt(lr=1.0, wd=0.5)"
        assert grid.names[-1] == "name='x y',mode=slow,opt=Opt(lr=2.0, wd=0.5)"
        long = sweep.product(BASE, {"name": ["n" * 50]})
        assert long.names == ("name=" + "n" * 50,)
        opts = sweep.product(BASE, {"opt": [Opt(lr=0.123456789, wd=0.987654321) for _ in range(1)]})
        assert opts.names == ("opt=Opt(lr=0.123456789, wd=0.987654321)",)

    def test_a_bad_point_is_refused_naming_it(self) -> None:
        """A value that does not fit, or a `__post_init__` refusal, fails the whole sweep and names the point."""
        with pytest.raises(TypeError) as info:
            sweep.product(BASE, {"opt.lr": [0.1], "steps": [1, "x"]})
        assert info.value.__notes__ == ["while building the sweep point 'opt.lr=0.1,steps=x'"]
        with pytest.raises(ValueError, match="steps must not be negative, got -1") as refused:
            sweep.product(BASE, {"steps": [1, -1]})
        assert refused.value.__notes__[-1] == "while building the sweep point 'steps=-1'"


class TestZip:
    def test_pairs_axes_of_equal_length(self) -> None:
        """`zip` pairs values by position."""
        paired = sweep.zip(BASE, {"opt.lr": [1e-3, 3e-4], "opt.wd": [0.1, 0.2]})
        assert paired.names == ("opt.lr=0.001,opt.wd=0.1", "opt.lr=0.0003,opt.wd=0.2")
        assert paired[1].config.opt == Opt(lr=3e-4, wd=0.2)

    def test_a_zipped_group_crossed_with_another_axis(self) -> None:
        """`product` over a sweep crosses each of its points with the axes, keeping the first base."""
        crossed = sweep.product(sweep.zip(BASE, {"opt.lr": [1e-3, 3e-4], "opt.wd": [0.1, 0.2]}), {"steps": [5, 10]})
        assert crossed.names == (
            "opt.lr=0.001,opt.wd=0.1,steps=5",
            "opt.lr=0.001,opt.wd=0.1,steps=10",
            "opt.lr=0.0003,opt.wd=0.2,steps=5",
            "opt.lr=0.0003,opt.wd=0.2,steps=10",
        )
        assert crossed[3].config == Job(BASE, steps=10, opt=Opt(lr=3e-4, wd=0.2))
        assert crossed[3].changes == {"opt.lr": 3e-4, "opt.wd": 0.2, "steps": 10}
        assert crossed[3].base is BASE

    def test_unequal_lengths_are_refused(self) -> None:
        """Axes of different lengths cannot be paired."""
        here = line() + 2
        with pytest.raises(ValueError) as info:
            sweep.zip(BASE, {"opt.lr": [1e-3, 3e-4], "steps": [1]})
        assert str(info.value) == (
            "sweep.zip: the axes have different lengths ('opt.lr': 2, 'steps': 1)\n"
            f"  called at {format_site((__file__, here))}\n"
            "  hint: give every axis as many values (or cross unequal axes with sweep.product)"
        )


def test_sweeps_add_up_and_names_stay_unique() -> None:
    """`+` puts sweeps one after the other; two points of one name are refused."""
    a = sweep.product(BASE, {"steps": [1, 2]})
    b = sweep.product(BASE, {"steps": [3]})
    assert (a + b).names == ("steps=1", "steps=2", "steps=3")
    with pytest.raises(ValueError) as info:
        a + a
    assert str(info.value) == (
        "sweep: two points are named 'steps=1' (at 0 and 2)\n"
        "  hint: give every point different values; a sweep runs each name once"
    )


@pytest.mark.parametrize(
    ("base", "axes", "kind", "message"),
    [
        (BASE, "steps=1,2", TypeError, "the axes must be a dict of paths to lists of values, got str 'steps=1,2'"),
        (BASE, {}, ValueError, "nothing to vary (no axes)"),
        (BASE, {"steps": "12"}, TypeError, "the axis 'steps' must be a list of values, got a string"),
        (BASE, {"steps": []}, ValueError, "the axis 'steps' has no values"),
        (3, {"steps": [1]}, TypeError, "the base must be a config or a Sweep, got int 3"),
    ],
)
def test_misuse_is_refused(base: object, axes: object, kind: type[Exception], message: str) -> None:
    """A string, nothing to vary, an empty axis or a base that is not a config is refused with what to do."""
    with pytest.raises(kind) as info:
        sweep.product(base, axes)  # type: ignore[arg-type]
    assert str(info.value).split("\n")[0] == f"sweep.product: {message}"


def test_a_generator_axis_is_refused() -> None:
    """A generator would be read once: the axis must be a list."""
    with pytest.raises(TypeError) as info:
        sweep.product(BASE, {"steps": (n for n in [1, 2])})
    lines = str(info.value).split("\n")
    assert lines[0].startswith("sweep.product: the axis 'steps' must be a list of values, got generator ")
    assert lines[-1] == "  hint: write its values as a list (a generator is read once): 'steps': list(...)"


def test_an_axis_of_the_base_sweep_is_refused() -> None:
    """Crossing a sweep with an axis it already varies is refused."""
    with pytest.raises(ValueError) as info:
        sweep.product(sweep.product(BASE, {"steps": [1]}), {"steps": [2]})
    assert str(info.value).split("\n")[0] == "sweep.product: the axis 'steps' is already an axis of the base sweep"


def test_points_of_dicts_and_lists() -> None:
    """A dict of named configs and a list of configs are sweeps; their base is the first config."""
    other = Job(BASE, steps=9)
    named = sweep.points({"a": BASE, "b": other})
    assert named.names == ("a", "b") and named[1].base is BASE and named[1].config is other
    assert sweep.points([BASE, other]).names == ("0", "1")
    assert (
        sweep.is_sweep([BASE]) and not sweep.is_sweep([]) and not sweep.is_sweep({"a": 1}) and not sweep.is_sweep(BASE)
    )
    with pytest.raises(TypeError) as info:
        sweep.points(BASE)
    assert str(info.value).split("\n")[0].startswith("sweep: expected a Sweep, a dict of names to configs or a list")


def test_folder_names_are_safe_and_short() -> None:
    """Folder names escape separators and other unsafe characters and stay within 200 bytes, distinct per name."""
    assert sweep.folder_name("opt.lr=0.001,steps=5") == "opt.lr=0.001,steps=5"
    assert sweep.folder_name("name=a/b c") == "name=a%2Fb%20c"
    assert sweep.folder_name("x=é") == "x=%C3%A9"
    assert sweep.folder_name("..") == "%2E%2E"
    long_a, long_b = sweep.folder_name("a=" + "x" * 300), sweep.folder_name("a=" + "x" * 301)
    assert len(long_a.encode()) <= 200 and len(long_b.encode()) <= 200 and long_a != long_b
    assert len(sweep.folder_name("é" * 300)) <= 200
    assert "/" not in sweep.folder_name("/" * 300)


def test_sweeps_pickle() -> None:
    """A sweep and its points pickle and come back equal."""
    grid = sweep.product(BASE, {"steps": [1, 2]})
    again = pickle.loads(pickle.dumps(grid))
    assert again == grid and again.names == grid.names


@penv(convention="uppercase")
class SweepEnv:
    shards: int = 1


@pconfig
class Sharded:
    files: int
    environment: SweepEnv

    def __post_init__(self) -> None:
        if self.files % self.environment.shards:
            raise ValueError(f"{self.files} files do not split into {self.environment.shards} shards")


@pconfig
class Holder:
    inner: Sharded
    many: list[Sharded]


def test_rebuild_reads_this_processs_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """`rebuild` builds every config of the tree again, so `__post_init__` checks against the environment here."""
    monkeypatch.delenv("SHARDS", raising=False)
    cfg = Holder(inner=Sharded(files=4), many=[Sharded(files=6)])
    again = rebuild(pickle.loads(pickle.dumps(cfg)))
    assert again == cfg and again is not cfg and again.many[0] is not cfg.many[0]
    monkeypatch.setenv("SHARDS", "3")
    with pytest.raises(ValueError, match="4 files do not split into 3 shards"):
        rebuild(cfg)
    monkeypatch.setenv("SHARDS", "2")
    assert rebuild(cfg).inner.__pconfig_env__ != cfg.inner.__pconfig_env__
