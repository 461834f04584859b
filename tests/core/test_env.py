"""`@penv`: environment variables declared as a class, cast to their annotations, read at every access."""

from __future__ import annotations

import dataclasses
import os
import pickle
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, Literal, Optional
from unittest import mock

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pconfigs import pconfig, pdefaults, penum, penv
from pconfigs._env import EnvValue, resolve


def line() -> int:
    """The caller's line number (to name where a class below is declared)."""
    return sys._getframe(1).f_lineno


@penum
class Device:
    cpu = "cpu"
    cuda = "cuda"


@penum
class Verbosity:
    quiet = 0
    loud = 2


WORKER_ENV_LINE = line() + 3  # the decorator below


@penv(convention="uppercase")
class WorkerEnv:
    workers: int = 2
    rank: int
    debug: bool = False
    device: Device = Device.cpu
    data_dir: Optional[Path] = None
    scale: float = 1.0


@penv(convention="uppercase")
class TrainEnv(WorkerEnv):
    workers = 8
    run_name: str = "local"


PREFIXED_LINE = line() + 3  # the decorator below


@penv(convention=lambda attribute: "PCT_" + attribute.upper())
class Prefixed:
    home: str = "/tmp"
    verbosity: Verbosity = Verbosity.quiet
    split: Literal["train", "test"] = "train"
    either: int | str = 0


@penv
class AsWritten:
    pct_lower_name: str = "default"


NAMES = [
    "WORKERS",
    "RANK",
    "DEBUG",
    "DEVICE",
    "DATA_DIR",
    "SCALE",
    "RUN_NAME",
    "PCT_HOME",
    "PCT_VERBOSITY",
    "PCT_SPLIT",
    "PCT_EITHER",
    "pct_lower_name",
    "PCT_LOWER_NAME",
]


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    for name in NAMES:
        monkeypatch.delenv(name, raising=False)
    yield


@pconfig
class Job:
    steps: int
    environment: WorkerEnv


pdefaults += Job(steps=1)


def declared(at: int) -> str:
    path = os.path.relpath(__file__)
    return f"{__file__ if path.startswith(os.pardir) else path}:{at}"


def variable_line(start: int, attribute: str) -> int:
    """The line at or after `start` of this file where the class body declares `attribute`."""
    source = Path(__file__).read_text(encoding="utf-8").splitlines()
    return next(
        number
        for number, text in enumerate(source[start - 1 :], start)
        if text.startswith((f"    {attribute}:", f"    {attribute} ="))
    )


def worker_declared(attribute: str) -> str:
    return declared(variable_line(WORKER_ENV_LINE, attribute))


def prefixed_declared(attribute: str) -> str:
    return declared(variable_line(PREFIXED_LINE, attribute))


def below(site: str, lines: int) -> str:
    """The site `lines` lines below `site`, the decorator's line of a decorated class (Python 3.10 names a decorated
    class at its `class` line, one below its decorator, so from there the body is one line fewer below)."""
    path, _, number = site.rpartition(":")
    return f"{path}:{int(number) + lines - (sys.version_info < (3, 11))}"


def test_unset_variables_read_their_defaults() -> None:
    """A variable that is not set reads the declared default."""
    assert WorkerEnv.workers == 2
    assert WorkerEnv.debug is False
    assert WorkerEnv.device is Device.cpu
    assert WorkerEnv.data_dir is None


def test_every_access_reads_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """A variable is read at each access, so a change is seen at once."""
    monkeypatch.setenv("WORKERS", "4")
    assert WorkerEnv.workers == 4
    monkeypatch.setenv("WORKERS", "16")
    assert WorkerEnv.workers == 16
    monkeypatch.delenv("WORKERS")
    assert WorkerEnv.workers == 2


def test_conventions_name_the_variables(monkeypatch: pytest.MonkeyPatch) -> None:
    """Names are as written, upper-cased, or made by a function."""
    monkeypatch.setenv("PCT_LOWER_NAME", "upper")
    assert AsWritten.pct_lower_name == "default"
    monkeypatch.setenv("pct_lower_name", "lower")
    assert AsWritten.pct_lower_name == "lower"
    monkeypatch.setenv("RANK", "3")
    assert WorkerEnv.rank == 3
    monkeypatch.setenv("PCT_HOME", "/data")
    assert Prefixed.home == "/data"


@pytest.mark.parametrize(
    "text, expected",
    [
        ("true", True),
        ("True", True),
        ("TRUE", True),
        ("1", True),
        ("yes", True),
        ("On", True),
        (" false ", False),
        ("False", False),
        ("0", False),
        ("NO", False),
        ("off", False),
    ],
)
def test_bool_accepts_true_false_yes_no_on_off_1_0_in_any_case(
    monkeypatch: pytest.MonkeyPatch, text: str, expected: bool
) -> None:
    """`bool` reads true/false/yes/no/on/off/1/0 in any case."""
    monkeypatch.setenv("DEBUG", text)
    assert WorkerEnv.debug is expected


def test_values_are_cast_to_their_annotations(monkeypatch: pytest.MonkeyPatch) -> None:
    """Text is cast to int, float, Path, enums (by name or value), Literal and unions."""
    for name, text in [
        ("SCALE", "0.25"),
        ("DATA_DIR", "/data/x"),
        ("DEVICE", "cuda"),
        ("PCT_VERBOSITY", "2"),
        ("PCT_SPLIT", "test"),
        ("PCT_EITHER", "x7"),
    ]:
        monkeypatch.setenv(name, text)
    assert WorkerEnv.scale == 0.25
    assert WorkerEnv.data_dir == Path("/data/x")
    assert WorkerEnv.device is Device.cuda
    assert Prefixed.verbosity is Verbosity.loud
    assert Prefixed.split == "test"
    assert Prefixed.either == "x7"
    monkeypatch.setenv("PCT_EITHER", "7")
    assert Prefixed.either == 7
    monkeypatch.setenv("PCT_VERBOSITY", "quiet")
    assert Prefixed.verbosity is Verbosity.quiet
    monkeypatch.setenv("DEVICE", "Device.cpu")
    assert WorkerEnv.device is Device.cpu


def test_str_and_path_take_the_raw_text(monkeypatch: pytest.MonkeyPatch) -> None:
    """A str or Path variable is its raw text, even when the text looks like a literal or like None."""

    @penv(convention="uppercase")
    class Raw:
        run_name: str = "local"
        maybe_name: Optional[str] = "x"
        data_dir: Optional[Path] = None

    for text in ['"5"', "5", "None", "[1, 2]", "  spaced  ", ""]:
        monkeypatch.setenv("RUN_NAME", text)
        monkeypatch.setenv("MAYBE_NAME", text)
        monkeypatch.setenv("DATA_DIR", text or ".")
        assert (Raw.run_name, Raw.maybe_name, Raw.data_dir) == (text, text, Path(text or "."))


def test_containers_are_read_as_python_displays(monkeypatch: pytest.MonkeyPatch) -> None:
    """A container variable is a display in brackets whose elements are read for the element type."""

    @penv(convention="uppercase")
    class Sizes:
        sizes: list[int] = []
        names: tuple[str, ...] = ()
        weights: dict[str, float] = {}
        devices: frozenset[Device] = frozenset()

    monkeypatch.setenv("SIZES", "[1, 2_000]")
    monkeypatch.setenv("NAMES", "('a', 'b c')")
    monkeypatch.setenv("WEIGHTS", "{'a': 0.5, 'b': inf}")
    monkeypatch.setenv("DEVICES", "{cpu, Device.cuda}")
    assert Sizes.sizes == [1, 2000]
    assert Sizes.names == ("a", "b c")
    assert Sizes.weights == {"a": 0.5, "b": float("inf")}
    assert Sizes.devices == frozenset({Device.cpu, Device.cuda})


def test_optional_text_is_never_none(monkeypatch: pytest.MonkeyPatch) -> None:
    """A set Optional variable is cast to the inner type; the text None is not None."""
    at = line() + 4  # the variable's line in the class below

    @penv(convention="uppercase")
    class Maybe:
        rank: Optional[int] = 0

    monkeypatch.setenv("RANK", "None")
    with pytest.raises(ValueError) as info:
        Maybe.rank
    assert str(info.value) == (
        "test_optional_text_is_never_none.<locals>.Maybe.rank: environment variable 'RANK' is 'None', not an int\n"
        f"  declared at {declared(at)}\n"
        "  hint: set RANK to a whole number such as 2"
    )


def test_optional_without_default_reads_none(monkeypatch: pytest.MonkeyPatch) -> None:
    """An unset `Optional` variable with no default reads None; a set one is cast to the inner type."""

    @penv(convention="uppercase")
    class Maybe:
        rank: Optional[int]

    assert Maybe.rank is None
    monkeypatch.setenv("RANK", "5")
    assert Maybe.rank == 5


def test_instances_read_the_same_values(monkeypatch: pytest.MonkeyPatch) -> None:
    """Reading through an instance of the class reads the environment too."""
    monkeypatch.setenv("WORKERS", "3")
    assert WorkerEnv().workers == 3


def test_missing_variable_without_default_is_an_error() -> None:
    """Reading a variable that is not set and has no default is a ValueError naming it."""
    with pytest.raises(ValueError) as info:
        WorkerEnv.rank
    assert str(info.value) == (
        "WorkerEnv.rank: environment variable 'RANK' is not set and has no default\n"
        f"  declared at {worker_declared('rank')}\n"
        "  hint: set it (export RANK=...), or give WorkerEnv.rank a default"
    )


def test_an_error_points_at_the_variables_own_line(monkeypatch: pytest.MonkeyPatch) -> None:
    """An error names the line that declares the variable, not the decorator: a subclass's re-default names the
    subclass's line, an inherited variable its parent's."""
    monkeypatch.setenv("WORKERS", "many")
    with pytest.raises(ValueError) as info:
        TrainEnv.workers
    assert str(info.value).splitlines()[:2] == [
        "TrainEnv.workers: environment variable 'WORKERS' is 'many', not an int",
        f"  declared at {declared(variable_line(WORKER_ENV_LINE + 10, 'workers'))}",
    ]
    assert variable_line(WORKER_ENV_LINE + 10, "workers") > WORKER_ENV_LINE + 10
    with pytest.raises(ValueError) as info:
        TrainEnv.rank
    assert str(info.value).splitlines()[1] == f"  declared at {worker_declared('rank')}"


@pytest.mark.parametrize(
    "name, attribute, text, problem, accepted",
    [
        ("WORKERS", "workers", "many", "an int", "a whole number such as 2"),
        ("SCALE", "scale", "big", "a float", "a number such as 0.5"),
        ("DEBUG", "debug", "maybe", "a bool", "true, false, yes, no, on, off, 1 or 0 (any case)"),
        ("DEVICE", "device", "tpu", "a Device value", "one of 'cpu', 'cuda' (a name or a value)"),
        ("DEVICE", "device", "'cuda'", "a Device value", "one of 'cpu', 'cuda' (a name or a value)"),
    ],
)
def test_bad_value_is_an_error(
    monkeypatch: pytest.MonkeyPatch, name: str, attribute: str, text: str, problem: str, accepted: str
) -> None:
    """A value that cannot be cast is a ValueError naming the variable and what it accepts."""
    monkeypatch.setenv(name, text)
    with pytest.raises(ValueError) as info:
        getattr(WorkerEnv, attribute)
    assert str(info.value) == (
        f"WorkerEnv.{attribute}: environment variable {name!r} is {text!r}, not {problem}\n"
        f"  declared at {worker_declared(attribute)}\n"
        f"  hint: set {name} to {accepted}"
    )


def test_bad_literal_and_enum_values_are_errors(monkeypatch: pytest.MonkeyPatch) -> None:
    """A Literal accepts only its values; an enum with int values lists its names and values as text."""
    monkeypatch.setenv("PCT_SPLIT", "dev")
    with pytest.raises(ValueError) as info:
        Prefixed.split
    assert str(info.value) == (
        "Prefixed.split: environment variable 'PCT_SPLIT' is 'dev', not one of 'train', 'test'\n"
        f"  declared at {prefixed_declared('split')}\n"
        "  hint: set PCT_SPLIT to one of 'train', 'test'"
    )
    monkeypatch.setenv("PCT_VERBOSITY", "1")
    with pytest.raises(ValueError) as info:
        Prefixed.verbosity
    assert str(info.value) == (
        "Prefixed.verbosity: environment variable 'PCT_VERBOSITY' is '1', not a Verbosity value\n"
        f"  declared at {prefixed_declared('verbosity')}\n"
        "  hint: set PCT_VERBOSITY to one of 'quiet', 'loud', '0', '2' (a name or a value)"
    )


def test_bad_container_value_is_an_error(monkeypatch: pytest.MonkeyPatch) -> None:
    """A container variable without brackets, or with unquoted text inside, says what to write."""
    at = line() + 4  # the variable's line in the class below

    @penv(convention="uppercase")
    class Names:
        names: list[str] = []

    monkeypatch.setenv("NAMES", "[a, b]")
    with pytest.raises(ValueError) as info:
        Names.names
    assert str(info.value) == (
        "test_bad_container_value_is_an_error.<locals>.Names.names: environment variable 'NAMES' is '[a, b]', "
        "not a list[str]\n"
        f"  declared at {declared(at)}\n"
        "  hint: set NAMES to a list of strings in brackets, such as ['a', 'b']; quote text inside brackets: 'a', "
        "not a"
    )
    monkeypatch.setenv("NAMES", "'a', 'b'")
    with pytest.raises(ValueError) as info:
        Names.names
    assert str(info.value) == (
        "test_bad_container_value_is_an_error.<locals>.Names.names: environment variable 'NAMES' is \"'a', 'b'\", "
        "not a list[str]\n"
        f"  declared at {declared(at)}\n"
        "  hint: set NAMES to a list of strings in brackets, such as ['a', 'b']; "
        "commas separate values only inside brackets"
    )


def test_hasattr_does_not_hide_a_bad_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """The error is not an AttributeError, so hasattr does not turn it into False."""
    monkeypatch.setenv("WORKERS", "many")
    with pytest.raises(ValueError):
        hasattr(WorkerEnv, "workers")


def test_subclass_keeps_adds_and_redefaults(monkeypatch: pytest.MonkeyPatch) -> None:
    """A subclass keeps its parent's variables, adds its own and may change a default."""
    assert TrainEnv.workers == 8
    assert WorkerEnv.workers == 2
    assert TrainEnv.run_name == "local"
    monkeypatch.setenv("WORKERS", "5")
    monkeypatch.setenv("RUN_NAME", "big")
    assert (TrainEnv.workers, TrainEnv.run_name, WorkerEnv.workers) == (5, "big", 5)
    assert [v.attribute for v in resolve(TrainEnv)][-1] == "run_name"


def test_config_holds_the_environment_as_a_class_attribute(monkeypatch: pytest.MonkeyPatch) -> None:
    """`environment: WorkerEnv` is a class-level attribute read through the config, not a field."""
    job = Job(steps=3)
    monkeypatch.setenv("WORKERS", "6")
    assert job.environment is WorkerEnv
    assert job.environment.workers == 6
    assert [f.name for f in dataclasses.fields(job)] == ["steps"]
    assert dataclasses.replace(job, steps=4) == Job(steps=4)
    assert pickle.loads(pickle.dumps(job)) == job


def test_environment_is_not_a_keyword(sites: Any) -> None:
    """Passing the environment when building a config is a TypeError."""
    with pytest.raises(TypeError) as info:
        Job(steps=1, environment=WorkerEnv)
    assert str(info.value) == (
        "Job.environment: the environment (WorkerEnv) is a class-level attribute, not a field\n"
        f"  set at {sites.raised(info, __file__)}\n"
        "  hint: set the environment variables WorkerEnv reads instead: WORKERS, RANK, DEBUG, DEVICE, DATA_DIR, SCALE"
    )


def test_subclass_config_may_change_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """A config subclass may declare a different environment class."""

    @pconfig
    class TrainJob(Job):
        environment: TrainEnv

    assert TrainJob(steps=1).environment is TrainEnv
    assert Job(steps=1).environment is WorkerEnv


def test_environment_of_another_type_is_still_reserved(sites: Any) -> None:
    """A field named `environment` whose type is not a @penv class is refused."""
    with pytest.raises(ValueError) as info:

        @pconfig
        class Bad:
            environment: int

    assert str(info.value) == (
        "test_environment_of_another_type_is_still_reserved.<locals>.Bad.environment: 'environment' is a reserved "
        "name and cannot be a field\n"
        f"  declared at {sites.raised(info, __file__)}\n"
        "  reserved: construct, constructable_type, default_config, environment, "
        "dunder names (__x__) and private names (__x)\n"
        "  hint: rename the field, e.g. 'environment_'"
    )


def test_value_for_the_environment_in_the_body_is_refused(sites: Any) -> None:
    """A config body may not give the environment annotation another value."""
    with pytest.raises(TypeError) as info:

        @pconfig
        class Bad:
            environment: WorkerEnv = TrainEnv  # type: ignore[assignment]

    assert str(info.value) == (
        "test_value_for_the_environment_in_the_body_is_refused.<locals>.Bad.environment: a value in the class "
        "body is not allowed (got <class 'test_env.TrainEnv'>)\n"
        f"  declared at {sites.raised(info, __file__)}\n"
        "  hint: the annotation alone makes WorkerEnv the config's environment: `environment: WorkerEnv`"
    ).replace("test_env.TrainEnv", f"{__name__}.TrainEnv")


def test_derived_values_may_read_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """A derived value reads the environment through `self.environment` when the config is built."""
    pinnable = pytest.importorskip("pconfigs.pinnable")

    @pconfig
    class Sized:
        per_worker: int
        environment: WorkerEnv
        total: pinnable.Pinned[int]

        @pinnable.pproperty
        def total(self) -> int:
            return self.per_worker * self.environment.workers

    monkeypatch.setenv("WORKERS", "3")
    assert Sized(per_worker=4).total == 12


def test_resolve_reports_values_and_errors(monkeypatch: pytest.MonkeyPatch) -> None:
    """`resolve` reads every variable now and reports errors as text instead of raising."""
    monkeypatch.setenv("DEBUG", "1")
    found = {v.attribute: v for v in resolve(WorkerEnv)}
    assert found["debug"] == EnvValue("debug", "DEBUG", True, None)
    assert found["workers"] == EnvValue("workers", "WORKERS", 2, None)
    assert found["rank"] == EnvValue(
        "rank", "RANK", None, "WorkerEnv.rank: environment variable 'RANK' is not set and has no default"
    )


@given(st.integers())
def test_any_int_round_trips(value: int) -> None:
    """Every int written as text reads back as itself."""
    with mock.patch.dict(os.environ, {"WORKERS": str(value)}):
        assert WorkerEnv.workers == value


@given(st.floats(allow_nan=False))
def test_any_float_round_trips(value: float) -> None:
    """Every float written as its repr reads back as itself."""
    with mock.patch.dict(os.environ, {"SCALE": repr(value)}):
        assert WorkerEnv.scale == value


BOOL_WORDS = ["true", "false", "yes", "no", "on", "off", "1", "0"]


@given(st.sampled_from(BOOL_WORDS).flatmap(lambda t: st.sampled_from([t, t.upper(), t.title()])))
def test_bool_spellings_in_any_case(text: str) -> None:
    """Every case of true/false/yes/no/on/off/1/0 reads as the matching bool."""
    with mock.patch.dict(os.environ, {"DEBUG": text}):
        assert WorkerEnv.debug is (text.lower() in ("true", "yes", "on", "1"))


@pytest.mark.parametrize(
    "annotation, described",
    [(Callable[[int], int], "Callable"), (list[Job], "list[Job]"), (type[int], "type[int]"), (Any, "Any")],
)
def test_unsupported_annotation_is_refused(sites: Any, annotation: Any, described: str) -> None:
    """An annotation whose values text cannot write out is a TypeError when the class is decorated."""
    with pytest.raises(TypeError) as info:

        @penv
        class Bad:
            handler: annotation

    assert str(info.value) == (
        f"test_unsupported_annotation_is_refused.<locals>.Bad.handler: cannot read {described} from an environment "
        "variable\n"
        f"  declared at {below(sites.raised(info, __file__), 2)}\n"
        "  hint: annotate it as str, int, float, bool, an enum, a pathlib path, a Literal, a list, tuple, dict or "
        "set of those, or an Optional of one of those"
    )


def test_default_of_the_wrong_type_is_refused(sites: Any) -> None:
    """A default that does not fit its annotation is a TypeError when the class is decorated."""
    with pytest.raises(TypeError) as info:

        @penv
        class Bad:
            workers: int = "2"  # type: ignore[assignment]

    assert str(info.value) == (
        "test_default_of_the_wrong_type_is_refused.<locals>.Bad.workers: the default '2' is not int\n"
        f"  declared at {below(sites.raised(info, __file__), 2)}\n"
        "  hint: give a default of type int"
    )


def test_unknown_convention_is_refused(sites: Any) -> None:
    """A convention that is neither "uppercase" nor a function is a TypeError."""
    with pytest.raises(TypeError) as info:
        penv(convention="lowercase")
    assert str(info.value) == (
        "@penv: convention='lowercase' is not a naming convention\n"
        f"  used at {sites.raised(info, __file__)}\n"
        '  hint: pass convention="uppercase", or a function from the attribute name to the variable name'
    )


def test_not_a_class_is_refused(sites: Any) -> None:
    """@penv on something that is not a class is a TypeError."""
    with pytest.raises(TypeError) as info:
        penv(len)
    assert str(info.value) == (
        "@penv: expected a class, got builtin_function_or_method <built-in function len>\n"
        f"  used at {sites.raised(info, __file__)}\n"
        "  hint: decorate a class body: @penv class WorkerEnv: workers: int = 2 (annotated attributes)"
    )


def test_a_build_records_the_environment_it_read(monkeypatch: pytest.MonkeyPatch) -> None:
    """The values read at build belong to that build: a copy keeps them, building from the config reads again."""
    import copy

    @penv(convention="uppercase")
    class Cluster:
        world_size: int = 1

    @pconfig
    class Run:
        environment: Cluster
        steps: int

    monkeypatch.setenv("WORLD_SIZE", "8")
    cfg = Run(steps=1)
    monkeypatch.setenv("WORLD_SIZE", "64")
    assert cfg.__pconfig_env__ == {"environment": (EnvValue("world_size", "WORLD_SIZE", 8, None),)}
    assert copy.deepcopy(cfg).__pconfig_env__ == cfg.__pconfig_env__
    assert Run(cfg).__pconfig_env__ == {"environment": (EnvValue("world_size", "WORLD_SIZE", 64, None),)}
