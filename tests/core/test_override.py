"""Overrides: `override(cfg, {PATH: value})` and `parse_overrides(cfg, ["PATH=VALUE"], importer)` (DESIGN 6.1)."""

from __future__ import annotations

import collections
import os
import pickle
import sys
from pathlib import Path
from typing import Any, NamedTuple, Optional

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pconfigs import pconfig, penum, penv
from pconfigs._override import PathIndexError, PathKeyError, override, parse_overrides

BUILT: list[str] = []


@penv(convention="uppercase")
class WorkerEnv:
    world_size: int = 1
    rank: int = 0


@penum
class Device:
    cpu = "cpu"
    cuda = "cuda"


@pconfig
class Optimizer:
    lr: float
    momentum: float

    def __post_init__(self) -> None:
        BUILT.append(f"Optimizer(lr={self.lr})")


@pconfig
class FastOptimizer(Optimizer):
    nesterov: bool


@pconfig
class Worker:
    workers: int
    name: str


@pconfig
class Training:
    steps: int
    optimizer: Optimizer


class Point(NamedTuple):
    x: int
    y: int


@pconfig
class Experiment:
    base_lr: float
    max_lr: float
    training: Training
    extra: list[Worker]
    named: dict[str, Worker]
    sizes: tuple[int, str]
    grid: list[list[int]]
    ordered: collections.OrderedDict[str, int]
    by_id: dict[int, str]
    point: Point
    spare: Optional[Optimizer]
    device: Device
    data: Path
    anything: Any
    environment: WorkerEnv

    def __post_init__(self) -> None:
        BUILT.append("Experiment")
        if self.base_lr > self.max_lr:
            raise ValueError(f"base_lr {self.base_lr} is above max_lr {self.max_lr}")


def experiment() -> Experiment:
    """A config with a sub-config of a subclass, lists, dicts, tuples and an unset Optional sub-config."""
    return Experiment(
        base_lr=0.1,
        max_lr=1.0,
        training=Training(steps=10, optimizer=FastOptimizer(lr=0.1, momentum=0.9, nesterov=False)),
        extra=[Worker(workers=1, name="a"), Worker(workers=2, name="b")],
        named={"a": Worker(workers=3, name="c"), "b c": Worker(workers=4, name="d")},
        sizes=(1, "x"),
        grid=[[1, 2], [3]],
        ordered=collections.OrderedDict([("z", 1), ("y", 2)]),
        by_id={3: "three"},
        point=Point(1, 2),
        spare=None,
        device=Device.cpu,
        data=Path("data"),
        anything=0,
    )


CFG = experiment()
SPARE = Optimizer(lr=0.5, momentum=0.0)
PATH_HINT = (
    'a path is field names joined by dots, [0] for an element, ["key"] for a dict value: optimizer.lr, named["a"].x'
)


def here(offset: int = 0) -> str:
    """The caller's file and line (plus `offset`) as error messages write it."""
    frame = sys._getframe(1)
    path = os.path.relpath(__file__)
    return f"{__file__ if path.startswith(os.pardir) else path}:{frame.f_lineno + offset}"


def refusal(kind: type[Exception], changes: dict[str, Any], cfg: Any = CFG) -> str:
    """The message of the `kind` error `override` raises, its site line (this helper's call) written `HERE`."""
    site = here(2)
    with pytest.raises(kind) as info:
        override(cfg, changes)
    message = str(info.value)
    assert f"\n  set at {site}\n" in message
    return message.replace(f"\n  set at {site}\n", "\n  set at HERE\n")


def text_refusal(kind: type[Exception], *texts: str, cfg: Any = CFG) -> str:
    """The message of the `kind` error `parse_overrides` raises for `texts`."""
    with pytest.raises(kind) as info:
        parse_overrides(cfg, texts, importer)
    return str(info.value)


def importer(path: str) -> object:
    """Stands for the command line's importer: a few dotted paths to objects."""
    if path == "pkg.optimizers.spare":
        return SPARE
    if path == "pkg.optimizers.fast":
        return FastOptimizer(lr=0.2, momentum=0.5, nesterov=True)
    raise LookupError(f"no module named {path.rsplit('.', 1)[0]!r}")


# -- the Python API: rebuilding ------------------------------------------------------------------------------------


def test_each_level_on_the_path_is_rebuilt_from_its_current_value() -> None:
    """`training.optimizer.lr` rebuilds the optimizer and the training from their current values, nothing else."""
    new = override(CFG, {"training.optimizer.lr": 1e-3})
    training = CFG.training
    assert new == Experiment(
        CFG, training=Training(training, optimizer=type(training.optimizer)(training.optimizer, lr=1e-3))
    )
    assert type(new.training.optimizer) is FastOptimizer and new.training.optimizer.momentum == 0.9
    assert new.extra is CFG.extra and new.named is CFG.named  # untouched values are the same objects


def test_list_tuple_and_dict_elements_are_rebuilt_in_new_containers() -> None:
    """An element path gives a new list, tuple or dict with that element rebuilt, of the same kind."""
    new = override(
        CFG,
        {
            "extra[1].workers": 7,
            'named["b c"].name': "e",
            "sizes[-1]": "y",
            "grid[0][1]": 9,
            "ordered['y']": 5,
            "point[1]": 3,
            "by_id[3]": "drei",
        },
    )
    assert new.extra == [CFG.extra[0], Worker(workers=7, name="b")] and new.extra[0] is CFG.extra[0]
    assert new.named == {"a": CFG.named["a"], "b c": Worker(workers=4, name="e")}
    assert new.sizes == (1, "y") and new.grid == [[1, 9], [3]]
    assert isinstance(new.ordered, collections.OrderedDict) and list(new.ordered.items()) == [("z", 1), ("y", 5)]
    assert new.point == Point(1, 3) and type(new.point) is Point and new.by_id == {3: "drei"}
    assert CFG.extra[1].workers == 2 and CFG.grid == [[1, 2], [3]]  # the original keeps its values


def test_a_sub_config_of_a_subclass_offers_its_own_fields() -> None:
    """The class of the value held, not the annotation, decides which fields a path may name."""
    new = override(CFG, {"training.optimizer.nesterov": True})
    assert new.training.optimizer == FastOptimizer(lr=0.1, momentum=0.9, nesterov=True)


def test_changes_apply_left_to_right_and_each_level_is_built_once() -> None:
    """Changes that are only valid together pass: every level is built once, with all of its changes."""
    BUILT.clear()
    new = override(CFG, {"base_lr": 2.0, "max_lr": 5.0, "training.optimizer.lr": 3.0, "training.steps": 1})
    assert (new.base_lr, new.max_lr, new.training.steps, new.training.optimizer.lr) == (2.0, 5.0, 1, 3.0)
    assert BUILT == ["Optimizer(lr=3.0)", "Experiment"]
    assert override(CFG, {"base_lr": 0.5, "max_lr": 0.6}).max_lr == 0.6


def test_post_init_refusals_keep_their_type() -> None:
    """A rebuilt config is validated; the user's exception keeps its type and its note names the override's line."""
    with pytest.raises(ValueError) as info:
        override(CFG, {"base_lr": 2.0})
    note = f"while validating Experiment (__post_init__), config built at {here(-1)}"
    if sys.version_info >= (3, 11):
        assert info.value.args == ("base_lr 2.0 is above max_lr 1.0",)
        assert info.value.__notes__ == [note]
    else:
        assert info.value.args == (f"base_lr 2.0 is above max_lr 1.0\n{note}",)


def test_a_parent_path_then_a_path_under_it() -> None:
    """A value set on a path is what a later path under it changes."""
    new = override(CFG, {"spare": SPARE, "spare.lr": 0.25, "training": Training(steps=1, optimizer=SPARE)})
    assert new.spare == Optimizer(lr=0.25, momentum=0.0) and new.training == Training(steps=1, optimizer=SPARE)
    new = override(CFG, {"extra": [Worker(workers=5, name="z")], "extra[0].name": "y"})
    assert new.extra == [Worker(workers=5, name="y")]


def test_no_changes_give_the_config_itself() -> None:
    """An empty mapping changes nothing."""
    assert override(CFG, {}) is CFG


def test_a_value_that_is_not_a_field_still_follows_its_path() -> None:
    """An `Any` field holding a config or a list is walked by what it holds."""
    cfg = override(CFG, {"anything": [Worker(workers=1, name="x")]})
    assert override(cfg, {"anything[0].workers": 2}).anything == [Worker(workers=2, name="x")]


# -- the Python API: refusals --------------------------------------------------------------------------------------


def test_an_unknown_name_suggests_a_close_name_at_its_level() -> None:
    """A misspelt name suggests the close name, with the rest of the path kept."""
    assert refusal(TypeError, {"trainig.steps": 1}) == (
        "Experiment.trainig.steps: Experiment has no field 'trainig'\n"
        "  set at HERE\n"
        "  hint: did you mean 'training.steps'?"
    )
    assert refusal(TypeError, {"training.optimizer.lrr": 1}) == (
        "Experiment.training.optimizer.lrr: FastOptimizer has no field 'lrr'\n"
        "  set at HERE\n"
        "  hint: did you mean 'training.optimizer.lr'?"
    )


def test_an_unknown_name_finds_nested_fields() -> None:
    """`steps` finds `training.steps`; names of unset Optional sub-configs are found through their class."""
    assert refusal(TypeError, {"steps": 1}) == (
        "Experiment.steps: Experiment has no field 'steps'\n  set at HERE\n  hint: did you mean 'training.steps'?"
    )
    assert refusal(TypeError, {"lr": 1}) == (
        "Experiment.lr: Experiment has no field 'lr'\n"
        "  set at HERE\n"
        "  hint: did you mean 'spare.lr' or 'training.optimizer.lr'?"
    )
    assert refusal(TypeError, {"nesterv": 1}) == (
        "Experiment.nesterv: Experiment has no field 'nesterv'\n"
        "  set at HERE\n"
        "  hint: did you mean 'training.optimizer.nesterov'?"
    )


def test_an_unknown_name_without_a_close_one_lists_the_fields() -> None:
    """With nothing close, the hint lists the fields of the config that lacks the name."""
    assert refusal(TypeError, {"extra[0].zzz": 1}) == (
        "Experiment.extra[0].zzz: Worker has no field 'zzz'\n  set at HERE\n  hint: Worker's fields are: workers, name"
    )


def test_a_path_through_a_value_that_has_no_parts() -> None:
    """A field of a number, a field of a list, an index of a config: each says what is there and what to do."""
    assert refusal(TypeError, {"base_lr.x": 1}) == (
        "Experiment.base_lr.x: base_lr is a float, not a config, so it has no field 'x'\n"
        "  set at HERE\n"
        "  hint: set base_lr as a whole"
    )
    assert refusal(TypeError, {"extra.workers": 1}) == (
        "Experiment.extra.workers: extra is a list, not a config, so it has no field 'workers'\n"
        "  set at HERE\n"
        "  hint: pick an element first: extra[0].workers"
    )
    assert refusal(TypeError, {"named.workers": 1}) == (
        "Experiment.named.workers: named is a dict, not a config, so it has no field 'workers'\n"
        "  set at HERE\n"
        "  hint: pick a value first: named['a'].workers"
    )
    assert refusal(TypeError, {"training[0]": 1}) == (
        "Experiment.training[0]: training is a Training, not a list, tuple or dict, so it has no [0]\n"
        "  set at HERE\n"
        "  hint: name a field with a dot: training.steps"
    )
    assert refusal(TypeError, {"extra['a']": 1}) == (
        "Experiment.extra['a']: extra is a list, indexed by number, not by 'a'\n"
        "  set at HERE\n"
        "  hint: use an index from 0 to 1"
    )


def test_an_index_out_of_range_is_a_type_error_and_an_index_error() -> None:
    """One `except TypeError` catches every bad path; `except IndexError` catches this one too."""
    message = refusal(PathIndexError, {"extra[2].workers": 1})
    assert message == (
        "Experiment.extra[2].workers: extra has 2 elements, so [2] is out of range\n"
        "  set at HERE\n"
        "  hint: use an index from 0 to 1"
    )
    assert issubclass(PathIndexError, TypeError) and issubclass(PathIndexError, IndexError)
    empty = override(CFG, {"extra": []})
    assert refusal(IndexError, {"extra[-1]": 1}, empty) == (
        "Experiment.extra[-1]: extra has 0 elements, so [-1] is out of range\n"
        "  set at HERE\n"
        "  hint: it is empty: set extra whole"
    )


def test_a_missing_key_is_a_type_error_and_a_key_error() -> None:
    """`except KeyError` works for a missing dict key, and the message reads as written (not as a repr)."""
    assert refusal(KeyError, {"named['x'].workers": 1}) == (
        "Experiment.named['x'].workers: named has no key 'x'\n  set at HERE\n  hint: its keys are: 'a', 'b c'"
    )
    assert refusal(TypeError, {'named["b c "].workers': 1}) == (
        "Experiment.named[\"b c \"].workers: named has no key 'b c '\n  set at HERE\n  hint: did you mean 'b c'?"
    )
    with pytest.raises(PathKeyError) as info:
        override(CFG, {"named[0]": 1})
    assert str(info.value).startswith("Experiment.named[0]: named has no key 0\n")
    assert pickle.loads(pickle.dumps(info.value)).args == info.value.args


def test_a_parameter_of_a_calls_config_is_not_a_field() -> None:
    """A `calls=` config's parameter without a default is named as such, with how to pass it."""

    def train(data: list[int], lr: float = 0.1) -> float:
        return lr

    @pconfig(calls=train)
    class TrainCall:
        pass

    assert override(TrainCall(), {"lr": 0.5}) == TrainCall(lr=0.5)
    assert refusal(TypeError, {"data": [1]}, TrainCall()) == (
        f"{TrainCall.__qualname__}.data: a parameter of {train.__qualname__} that has no default, not a field\n"
        "  set at HERE\n"
        "  hint: pass it in the call: cfg(data=...)"
    )


def test_a_path_under_an_unset_sub_config_says_to_set_it_first() -> None:
    """A path under a sub-config that is None asks for the whole sub-config first."""
    assert refusal(TypeError, {"spare.lr": 1.0}) == (
        "Experiment.spare.lr: spare is None, so it has no field 'lr'\n"
        "  set at HERE\n"
        "  hint: set the whole sub-config first: {'spare': Optimizer(...), 'spare.lr': ...}"
    )


def test_a_path_into_the_environment_names_the_variable() -> None:
    """The environment is read from variables: the hint names the one to set, or all of them."""
    assert refusal(TypeError, {"environment.world_size": 4}) == (
        "Experiment.environment.world_size: Experiment.environment is the environment (WorkerEnv), not a field\n"
        "  set at HERE\n"
        "  hint: set the variable WORLD_SIZE instead"
    )
    assert refusal(TypeError, {"environment": WorkerEnv}) == (
        "Experiment.environment: Experiment.environment is the environment (WorkerEnv), not a field\n"
        "  set at HERE\n"
        "  hint: set the variables WorkerEnv reads instead: WORLD_SIZE, RANK"
    )


def test_the_same_path_twice_is_refused_however_it_is_written() -> None:
    """Two spellings of one path (quotes, a negative index) are the same path: a ValueError."""
    assert refusal(ValueError, {"named['a'].name": "x", 'named["a"].name': "y"}) == (
        'Experiment.named["a"].name: overridden twice (as "named[\'a\'].name" and \'named["a"].name\')\n'
        "  set at HERE\n"
        "  hint: keep one of them"
    )
    assert refusal(ValueError, {"extra[1]": CFG.extra[0], "extra[-1]": CFG.extra[0]}).startswith(
        "Experiment.extra[-1]: overridden twice (as 'extra[1]' and 'extra[-1]')\n"
    )


def test_a_parent_after_a_path_under_it_is_refused() -> None:
    """Setting a parent would drop the earlier change under it, so the order is refused."""
    assert refusal(ValueError, {"training.steps": 1, "training": CFG.training}) == (
        "Experiment.training: overridden after training.steps, which it would replace\n"
        "  set at HERE\n"
        "  hint: put training first: a path, then the paths under it"
    )


@pytest.mark.parametrize(
    "path, problem",
    [
        ("a..b", "expected a field name after 'a.'"),
        ("a.", "expected a field name after 'a.'"),
        ("a[", "expected a whole number or a quoted key, then ], after 'a['"),
        ("a[x]", "expected a whole number or a quoted key, then ], after 'a['"),
        ("a[1.5]", "expected a whole number or a quoted key, then ], after 'a['"),
        ("a['x]", "expected a whole number or a quoted key, then ], after 'a['"),
        ("a[0", "expected a whole number or a quoted key, then ], after 'a['"),
        ("a b", "expected '.' or '[' after 'a'"),
        ("a(1)", "expected '.' or '[' after 'a'"),
        ("", "it must start with a field name"),
        ("[0]", "it must start with a field name"),
        ("1a", "it must start with a field name"),
    ],
)
def test_malformed_paths_are_refused(path: str, problem: str) -> None:
    """A path that is not names, dots and [int] or [quoted key] steps says where it goes wrong."""
    assert refusal(TypeError, {path: 1}) == (
        f"Experiment: {path!r} is not a field path: {problem}\n  set at HERE\n  hint: {PATH_HINT}"
    )


def test_values_are_checked_like_keywords_and_named_by_path() -> None:
    """A value of the wrong type is a TypeError naming the whole path, elements included."""
    assert refusal(TypeError, {"training.optimizer.lr": "fast"}) == (
        "Experiment.training.optimizer.lr: expected float, got str 'fast'\n"
        "  set at HERE\n"
        "  hint: pass a value of type float"
    )
    assert refusal(TypeError, {"grid[1][0]": "x"}) == (
        "Experiment.grid[1][0]: expected int, got str 'x'\n  set at HERE\n  hint: pass a value of type int"
    )


def test_arguments_that_are_not_a_config_and_a_mapping_are_refused() -> None:
    """`override` takes a config and a mapping whose keys are paths."""
    site = here(2)
    with pytest.raises(TypeError) as info:
        override(5, {})
    assert str(info.value) == (
        f"override: expected a config, got int 5\n  called at {site}\n"
        "  hint: pass a config (an instance of a @pconfig class)"
    )
    assert refusal(TypeError, [("base_lr", 1)]) == (  # type: ignore[arg-type]
        "Experiment: changes must be a mapping of paths to values, not list [('base_lr', 1)]\n"
        "  set at HERE\n"
        "  hint: pass a dict of paths to values: override(cfg, {'base_lr': ...})"
    )
    assert refusal(TypeError, {1: 2}) == (  # type: ignore[dict-item]
        "Experiment: a path is a str, not int 1\n  set at HERE\n  hint: write the path as text"
    )


# -- the Python API: derived fields (pconfigs-pinnable) ------------------------------------------------------------


def test_derived_values_are_recomputed_at_every_level() -> None:
    """A changed input recomputes the derived values of its config and of every config above it."""
    pinnable = pytest.importorskip("pconfigs.pinnable")

    @pconfig
    class Schedule:
        lr: float
        scaled: pinnable.Pinned[float]

        @pinnable.pproperty
        def scaled(self) -> float:
            return self.lr * 10

    @pconfig
    class Job:
        schedule: Schedule
        total: pinnable.Pinned[float]

        @pinnable.pproperty
        def total(self) -> float:
            return self.schedule.scaled + 1

    new = override(Job(schedule=Schedule(lr=1.0)), {"schedule.lr": 2.0})
    assert (new.schedule.scaled, new.total) == (20.0, 21.0)
    pinned = override(new, {"schedule.scaled": pinnable.Pin(5.0)})
    assert (pinned.schedule.scaled, pinned.total) == (5.0, 6.0)
    assert override(pinned, {"schedule.scaled": pinnable.Pinned}).total == 21.0


def test_a_derived_field_takes_only_a_pin() -> None:
    """A plain value for a derived field is the kind's ValueError, told for the path; nothing under it is set."""
    pinnable = pytest.importorskip("pconfigs.pinnable")

    @pconfig
    class Schedule:
        lr: float
        steps: pinnable.Pinned[list[float]]

        @pinnable.pproperty
        def steps(self) -> list[float]:
            return [self.lr, self.lr / 2]

    @pconfig
    class Job:
        schedule: Schedule

    job = Job(schedule=Schedule(lr=1.0))
    assert refusal(ValueError, {"schedule.steps": [1.0]}, job) == (
        f"{Job.__qualname__}.schedule.steps: is Pinned (computed), so it cannot be set to [1.0]\n"
        "  set at HERE\n"
        "  hint: leave it out to compute it, or pin it explicitly: schedule.steps=Pin([1.0])"
    )
    assert refusal(ValueError, {"schedule.steps[0]": 1.0}, job) == (
        f"{Job.__qualname__}.schedule.steps[0]: schedule.steps is Pinned (computed), so nothing under it can be set\n"
        "  set at HERE\n"
        "  hint: set it whole: schedule.steps=Pin(...)"
    )
    assert refusal(TypeError, {"schedule.steps": pinnable.Pin(["x"])}, job) == (
        f"{Job.__qualname__}.schedule.steps[0]: expected float, got str 'x'\n"
        "  set at HERE\n"
        "  hint: pass a value of type float"
    )


# -- the text API --------------------------------------------------------------------------------------------------


def test_texts_are_cast_for_the_annotation_at_their_path() -> None:
    """Each VALUE is read for its field's type, a list's element type, a dict's value type or a tuple's position."""
    parsed = parse_overrides(
        CFG,
        [
            "base_lr=1e-3",
            "training.optimizer.nesterov=yes",
            "extra[0].workers=1_000",
            "named['a'].name=bob",
            "sizes[1]=word",
            "sizes[0]=3",
            "grid[1]=[4, 5]",
            "device=cuda",
            "data=out/run",
            "anything=[1, 'a']",
            "spare=None",
            "by_id[3]=3",
        ],
        importer,
    )
    assert parsed == {
        "base_lr": 0.001,
        "training.optimizer.nesterov": True,
        "extra[0].workers": 1000,
        "named['a'].name": "bob",
        "sizes[1]": "word",
        "sizes[0]": 3,
        "grid[1]": [4, 5],
        "device": Device.cuda,
        "data": Path("out/run"),
        "anything": [1, "a"],
        "spare": None,
        "by_id[3]": "3",
    }
    assert override(CFG, parsed).training.optimizer.nesterov is True


def test_a_value_is_split_at_the_first_equals_sign() -> None:
    """Only the first `=` separates PATH from VALUE."""
    assert parse_overrides(CFG, ["extra[1].name=a=b", " base_lr =2"], importer) == {
        "extra[1].name": "a=b",
        "base_lr": 2,
    }


def test_references_are_imported_and_later_paths_walk_into_them() -> None:
    """`@package.module.name` gives the importer's object; a path under it then uses that object's class."""
    parsed = parse_overrides(CFG, ["spare=@pkg.optimizers.fast", "spare.nesterov=off", "spare.lr=0.3"], importer)
    assert parsed["spare.nesterov"] is False
    assert override(CFG, parsed).spare == FastOptimizer(lr=0.3, momentum=0.5, nesterov=False)


def test_the_importers_own_errors_pass_through() -> None:
    """An error the importer raises (a missing module, say) reaches the caller as it is."""
    with pytest.raises(LookupError, match="no module named 'pkg.missing'"):
        parse_overrides(CFG, ["spare=@pkg.missing.thing"], importer)


def test_text_errors_quote_the_override() -> None:
    """Every error about a text names it as typed, where the Python API names a line."""
    assert text_refusal(TypeError, "base_lr=1", "steps=5") == (
        "Experiment.steps: Experiment has no field 'steps'\n"
        "  in the override 'steps=5'\n"
        "  hint: did you mean 'training.steps'?"
    )
    assert text_refusal(ValueError, "extra[0].workers=1", "extra[0].workers=2", "extra[5].x=1").startswith(
        "Experiment.extra[0].workers: overridden twice\n"
    )
    assert text_refusal(TypeError, "a..b=1") == (
        f"Experiment: 'a..b' is not a field path: expected a field name after 'a.'\n"
        f"  in the override 'a..b=1'\n"
        f"  hint: {PATH_HINT}"
    )


def test_a_text_without_equals_is_refused() -> None:
    """A text with no `=` is quoted, with the form to write."""
    assert text_refusal(TypeError, "training.steps") == (
        "Experiment: 'training.steps' is not an override: it has no '='\n"
        "  hint: write PATH=VALUE, such as training.steps=VALUE"
    )
    assert text_refusal(TypeError, "steps 5") == (
        "Experiment: 'steps 5' is not an override: it has no '='\n  hint: write PATH=VALUE, such as base_lr=VALUE"
    )


def test_a_text_the_annotation_does_not_read_says_what_it_accepts() -> None:
    """A cast failure names the type expected and the text that would fit."""
    assert text_refusal(TypeError, "training.optimizer.lr=fast") == (
        "Experiment.training.optimizer.lr: expected a float, got 'fast'\n"
        "  in the override 'training.optimizer.lr=fast'\n"
        "  hint: training.optimizer.lr takes a number such as 0.5"
    )
    assert text_refusal(TypeError, "device=tpu") == (
        "Experiment.device: expected a Device value, got 'tpu'\n"
        "  in the override 'device=tpu'\n"
        "  hint: device takes one of 'cpu', 'cuda' (a name or a value)"
    )
    assert text_refusal(TypeError, "grid[0]=[a]") == (
        "Experiment.grid[0]: expected a list[int], got '[a]'\n"
        "  in the override 'grid[0]=[a]'\n"
        "  hint: grid[0] takes a list of ints in brackets, such as [2, 3]"
    )


def test_the_same_path_twice_in_texts_names_both() -> None:
    """Two texts for one path are a ValueError quoting both."""
    assert text_refusal(ValueError, "named['a'].workers=1", 'named["a"].workers=2') == (
        'Experiment.named["a"].workers: overridden twice\n'
        "  first in the override \"named['a'].workers=1\"\n"
        "  again in the override 'named[\"a\"].workers=2'\n"
        "  hint: keep one of them"
    )


def test_a_text_under_an_unset_sub_config_asks_for_a_reference_first() -> None:
    """On the command line a None sub-config is set with an `@` value first."""
    assert text_refusal(TypeError, "spare.lr=0.1") == (
        "Experiment.spare.lr: spare is None, so it has no field 'lr'\n"
        "  in the override 'spare.lr=0.1'\n"
        "  hint: set it first, with an @ value: spare=@package.module.name, then spare.lr=..."
    )


def test_texts_into_the_environment_name_the_variable() -> None:
    """The command line gets the same environment hint as Python."""
    assert text_refusal(TypeError, "environment.rank=1") == (
        "Experiment.environment.rank: Experiment.environment is the environment (WorkerEnv), not a field\n"
        "  in the override 'environment.rank=1'\n"
        "  hint: set the variable RANK instead"
    )


def test_pin_for_a_plain_field_is_refused() -> None:
    """`Pin(...)` only pins derived fields; a plain field takes the value itself."""
    assert text_refusal(TypeError, "base_lr=Pin(0.5)") == (
        "Experiment.base_lr: not a derived field, so it takes a plain value, not Pin(...)\n"
        "  in the override 'base_lr=Pin(0.5)'\n"
        "  hint: drop Pin(...): base_lr=0.5"
    )


def test_the_first_bad_text_raises() -> None:
    """Texts are read in order; the first bad one raises, and later ones are not read."""
    assert text_refusal(TypeError, "base_lr=0.5", "max_lr=high", "stepz=1") == (
        "Experiment.max_lr: expected a float, got 'high'\n"
        "  in the override 'max_lr=high'\n"
        "  hint: max_lr takes a number such as 0.5"
    )


def test_texts_must_be_a_sequence_of_texts_for_a_config() -> None:
    """One string where a list belongs, or a non-config, is refused."""
    with pytest.raises(TypeError) as info:
        parse_overrides(CFG, "base_lr=1", importer)
    assert str(info.value) == "parse_overrides: expected a list of texts, got str 'base_lr=1'"
    with pytest.raises(TypeError) as info:
        parse_overrides(None, [], importer)
    assert str(info.value) == "parse_overrides: expected a config, got NoneType None"


def test_derived_fields_take_pin_and_pinned_texts() -> None:
    """`Pin(<literal>)` pins a derived field (read for its type), `Pinned` unpins it, anything else is refused."""
    pinnable = pytest.importorskip("pconfigs.pinnable")

    @pconfig
    class Schedule:
        lr: float
        steps: pinnable.Pinned[list[float]]

        @pinnable.pproperty
        def steps(self) -> list[float]:
            return [self.lr, self.lr / 2]

    @pconfig
    class Job:
        schedule: Schedule

    job = Job(schedule=Schedule(lr=1.0))
    parsed = parse_overrides(job, ["schedule.steps=Pin([0.5, 1e-3])"], importer)
    assert parsed == {"schedule.steps": pinnable.Pin([0.5, 0.001])}
    pinned = override(job, parsed)
    assert pinned.schedule.steps == [0.5, 0.001]
    assert parse_overrides(pinned, ["schedule.steps=Pinned"], importer) == {"schedule.steps": pinnable.Pinned}
    assert text_refusal(ValueError, "schedule.steps=[1.0]", cfg=job) == (
        f"{Job.__qualname__}.schedule.steps: is Pinned (computed), so it cannot be set to [1.0]\n"
        "  in the override 'schedule.steps=[1.0]'\n"
        "  hint: leave it out to compute it, or pin it explicitly: schedule.steps=Pin([1.0])"
    )
    assert text_refusal(TypeError, "schedule.steps=Pin(fast)", cfg=job) == (
        f"{Job.__qualname__}.schedule.steps: expected a list[float], got 'fast'\n"
        "  in the override 'schedule.steps=Pin(fast)'\n"
        "  hint: schedule.steps takes a list of floats in brackets, such as [0.1, 0.2]"
    )


# -- property: an override changes exactly its leaf ----------------------------------------------------------------


@pconfig
class Node:
    value: int
    label: str
    weights: list[int]
    child: Optional[Node]
    children: list[Node]
    named: dict[str, Node]


KEYS = st.text("abc", min_size=1, max_size=2)
NODES = st.recursive(
    st.builds(
        lambda v, s, w: Node(value=v, label=s, weights=w, child=None, children=[], named={}),
        st.integers(-5, 5),
        st.text("xyz", max_size=3),
        st.lists(st.integers(-5, 5), max_size=3),
    ),
    lambda inner: st.builds(
        lambda v, s, w, c, cs, n: Node(value=v, label=s, weights=w, child=c, children=cs, named=n),
        st.integers(-5, 5),
        st.text("xyz", max_size=3),
        st.lists(st.integers(-5, 5), max_size=3),
        st.none() | inner,
        st.lists(inner, max_size=2),
        st.dictionaries(KEYS, inner, max_size=2),
    ),
    max_leaves=6,
)


def leaves(value: object, path: str, quote: str, out: dict[str, object]) -> dict[str, object]:
    """Every scalar in a tree of Nodes, lists and dicts, by its override path (`quote` writes the dict keys)."""
    if isinstance(value, Node):
        for name in ("value", "label", "weights", "child", "children", "named"):
            leaves(getattr(value, name), f"{path}.{name}" if path else name, quote, out)
    elif isinstance(value, list):
        for i, x in enumerate(value):
            leaves(x, f"{path}[{i}]", quote, out)
    elif isinstance(value, dict):
        for k, x in value.items():
            leaves(x, f"{path}[{quote}{k}{quote}]", quote, out)
    else:
        out[path] = value
    return out


@settings(max_examples=150, deadline=None)
@given(NODES, st.data(), st.sampled_from(["'", '"']))
def test_an_override_changes_exactly_its_leaf(tree: Node, data: st.DataObject, quote: str) -> None:
    """For any tree and any leaf path, the result differs from the original at that leaf only; the original stays."""
    before = leaves(tree, "", quote, {})
    snapshot = pickle.dumps(tree)
    path = data.draw(st.sampled_from(sorted(p for p, v in before.items() if v is not None)))
    old = before[path]
    new_value = old + "!" if isinstance(old, str) else old + 1  # type: ignore[operator]
    after = leaves(override(tree, {path: new_value}), "", quote, {})
    assert {p for p in before.keys() | after.keys() if before.get(p, ...) != after.get(p, ...)} == {path}
    assert after[path] == new_value
    assert pickle.loads(snapshot) == tree and leaves(tree, "", quote, {}) == before
