"""Code written for the earlier pconfigs (DESIGN 3.11): `calls=`/`mocks=` bodies with extra fields and markers,
`@pconfiged(mock=True)`, `inherit_constructable_type`, `Cls.default_config`, `PCallable` and the other names."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from .conftest import Checker, Diagnostic, Result
from .test_cache import cold, daemon, daemon_check, edit, project  # noqa: F401 (daemon, project: fixtures)

Check = Callable[..., Result]

LIBRARY = """
def train(data: list[int], /, steps: int, *, lr: float = 0.1, epochs: int = 3, **options: object) -> dict[str, float]:
    return {}

def line_func(x: float, slope: float = 1.0, offset: float = 0.0) -> float:
    return x * slope + offset

class KwargedClass:
    def __init__(self, x: float, param_a: float = 1.0, param_b: float = 2.0) -> None:
        self.x = x
"""


def test_calls_body_with_extra_fields_and_markers(check: Check) -> None:
    """Extra fields, `NotMock[T]`, `Kwarg[T]`, `Omitted[T]` and an annotated parameter are fields of type `T`."""
    check(
        {
            "library.py": LIBRARY,
            "configs.py": """
            from pconfigs import Kwarg, NotMock, Omitted, pconfig
            from pconfigs.pinnable import Pinned, pproperty
            from library import train

            @pconfig(calls=train)
            class TrainCall:
                steps: int
                note: str
                extra: Kwarg[int]
                keep: NotMock[float]
                epochs: Omitted[int]
                lr: Pinned[float]

                @pproperty
                def lr(self) -> float:
                    return self.keep * 2

            cfg = TrainCall(steps=2, note="x", extra=1, keep=0.5, epochs=Omitted)
            reveal_type(cfg.steps)  # N: Revealed type is "int"
            reveal_type(cfg.note)  # N: Revealed type is "str"
            reveal_type(cfg.extra)  # N: Revealed type is "int"
            reveal_type(cfg.keep)  # N: Revealed type is "float"
            reveal_type(cfg.epochs)  # N: Revealed type is "int"
            reveal_type(cfg.lr)  # N: Revealed type is "float"
            reveal_type(cfg([1]))  # N: Revealed type is "dict[str, float]"
            reveal_type(cfg([1], steps=3, epochs=1))  # N: Revealed type is "dict[str, float]"
            reveal_type(TrainCall(cfg, epochs=4))  # N: Revealed type is "configs.TrainCall"
            """,
        }
    )


def test_calls_body_mistakes_in_builds(check: Check) -> None:
    """A wrong value for a NotMock or Kwarg field, a misspelt field, and extra fields left out are reported."""
    check(
        {
            "library.py": LIBRARY,
            "configs.py": """
            from pconfigs import Kwarg, NotMock, pconfig
            from library import train

            @pconfig(calls=train)
            class TrainCall:
                steps: int
                extra: Kwarg[int]
                keep: NotMock[float]

            a = TrainCall(steps=1, extra="1", keep=0.5)  # E: Argument "extra" to "TrainCall" has incompatible type "str"; expected "int"  [arg-type]
            b = TrainCall(steps=1, extra=1, keep="0.5")  # E: Argument "keep" to "TrainCall" has incompatible type "str"; expected "float"  [arg-type]
            c = TrainCall(steps=1, extra=1, kep=0.5)  # E: Unexpected keyword argument "kep" for "TrainCall"; did you mean "keep"?  [call-arg]
            d = TrainCall(steps=1, extra=1)  # E: Missing named argument "keep" for "TrainCall": its registered default leaves it Required  [required]
            e = TrainCall(steps=1, extra=1, keep=0.5, lr=0.2)
            f = TrainCall(e, keep=1.0)
            g = TrainCall(e, data=[1])  # E: Unexpected keyword argument "data" for "TrainCall"  [call-arg]
            """,
        }
    )


def test_calling_a_config_with_extra_fields(check: Check) -> None:
    """A parameter the config holds need not be passed; kept fields are not the function's parameters."""
    check(
        {
            "library.py": LIBRARY
            + """
def fit(data: list[int], steps: int, *, scale: float) -> float:
    return 0.0
""",
            "configs.py": """
            from pconfigs import NotMock, pconfig
            from library import fit

            @pconfig(calls=fit)
            class FitCall:
                steps: int
                scale: float
                label: NotMock[str]

            cfg = FitCall(steps=1, scale=2.0, label="x")
            reveal_type(cfg([1]))  # N: Revealed type is "float"
            cfg([1], 3)
            cfg()  # E: Missing positional argument "data" in call to "__call__" of "FitCall"  [call-arg]
            cfg([1], label="y")  # E: Unexpected keyword argument "label" for "__call__" of "FitCall"  [call-arg]
            cfg([1], scale="big")  # E: Argument "scale" to "__call__" of "FitCall" has incompatible type "str"; expected "float"  [arg-type]

            @pconfig(calls=fit)
            class KeptSteps:
                steps: NotMock[int]
                scale: float

            KeptSteps(steps=1, scale=1.0)([1])  # E: Missing positional argument "steps" in call to "__call__" of "KeptSteps"  [call-arg]
            """,
        }
    )


def test_mocks_body_with_extra_fields(check: Check) -> None:
    """A `mocks=` body may hold the constructor's parameters and kept fields; `construct()` then needs neither."""
    check(
        {
            "library.py": LIBRARY
            + """
class Client:
    def __init__(self, endpoint: str, *, retries: int = 3) -> None:
        self.endpoint = endpoint
""",
            "configs.py": """
            from pconfigs import NotMock, pconfig
            from library import Client

            @pconfig(mocks=Client)
            class ClientConfig:
                endpoint: str
                label: NotMock[str]

            cfg = ClientConfig(endpoint="https://example.org", label="main", retries=5)
            reveal_type(cfg.construct())  # N: Revealed type is "library.Client"
            reveal_type(cfg.construct("https://other.org"))  # N: Revealed type is "library.Client"
            cfg.construct(label="x")  # E: Unexpected keyword argument "label" for "construct" of "ClientConfig"  [call-arg]
            ClientConfig(label="main")  # E: Missing named argument "endpoint" for "ClientConfig": its registered default leaves it Required  [required]  # N: "endpoint" is a required parameter of "Client" defined in "library", which "ClientConfig" constructs
            """,
        }
    )


def test_calls_body_refused_declarations(check: Check) -> None:
    """What the runtime refuses at decoration: Kwarg without **kwargs, Omitted on no parameter, a config base."""
    check(
        {
            "library.py": LIBRARY,
            "configs.py": """
            from pconfigs import Kwarg, Omitted, pconfig
            from library import line_func, train

            @pconfig(calls=line_func)
            class LineFunc:
                x: Kwarg[float]
                color: Kwarg[str]  # E: Field "color" of "LineFunc" is Kwarg[...], but "line_func" takes no **kwargs; use NotMock[...]  [pconfig]
                width: Omitted[int]  # E: Field "width" of "LineFunc" is Omitted[...], but not a parameter of "line_func"; use NotMock[...]  [pconfig]

            @pconfig
            class Shapes:
                shape: Omitted[int, str]  # E: "Omitted" needs exactly one type argument: "Omitted[T]"  [valid-type]

            @pconfig(calls=train)
            class TrainCall:
                options: int  # E: Field "options" of "TrainCall" names the "*options" or "**options" parameter of "train", which cannot be a field  [pconfig]
                color: Kwarg[str]

            @pconfig(calls=line_func)
            class Sub(TrainCall):  # E: @pconfig(calls=...) cannot decorate "Sub", a subclass of the config "TrainCall": its fields would be lost  [pconfig]
                pass
            """,
        }
    )


def test_registrations_fill_fields_that_start_required(check: Check) -> None:
    """Registrations in the class's module may fill the fields that start Required; the others stay required."""
    check(
        {
            "library.py": LIBRARY,
            "configs.py": """
            from pconfigs import NotMock, Required, pconfig, pdefaults
            from library import line_func

            @pconfig(calls=line_func)
            class LineFunc:
                x: float
                label: NotMock[str]
                color: str

            pdefaults += LineFunc(slope=4.0, x=0.0, label=Required)
            pdefaults += LineFunc(label="line")
            local = LineFunc(color="red")
            reveal_type(pdefaults(LineFunc))  # N: Revealed type is "configs.LineFunc"
            """,
            "experiment.py": """
            from configs import LineFunc

            config = LineFunc(x=2.0)  # E: Missing named argument "color" for "LineFunc": its registered default leaves it Required  [required]
            reveal_type(LineFunc(color="blue")())  # N: Revealed type is "float"
            reveal_type(LineFunc(config, slope=2.0))  # N: Revealed type is "configs.LineFunc"
            """,
        }
    )


def test_earlier_docs_function_example(check: Check) -> None:
    """The earlier documentation's `LineFunc` and `LinePlotter` check clean, from pconfigs.pinnable's names."""
    files = {
        "library.py": LIBRARY,
        "line_plotter.py": """
        from __future__ import annotations

        from pconfigs.pinnable import pconfig, pconfiged, pdefaults
        from library import line_func

        @pconfig(calls=line_func)
        class LineFunc:
            pass

        pdefaults += LineFunc(
            slope=4.0,
        )

        @pconfiged(runnable=True)
        class LinePlotter:
            config: LinePlotterConfig

            def main(self) -> None:
                xs = range(self.config.x_lo, self.config.x_hi)
                ys = [self.config.line_func(x=c) for c in xs]
                reveal_type(ys)  # N: Revealed type is "list[float]"

        @pconfig(constructs=LinePlotter)
        class LinePlotterConfig:
            line_func: LineFunc
            x_lo: int
            x_hi: int

        pdefaults += LinePlotterConfig(
            line_func=pdefaults(LineFunc),
            x_lo=-10,
            x_hi=10,
        )
        """,
        "experiment.py": """
        from line_plotter import LineFunc, LinePlotterConfig

        config = LinePlotterConfig(line_func=LineFunc(slope=2.0))
        config.construct().main()
        LineFunc(slope="steep")  # E: Argument "slope" to "LineFunc" has incompatible type "str"; expected "float"  [arg-type]
        """,
    }
    check(files)
    check()  # from the cache


def test_pconfiged_mock(check: Check) -> None:
    """A `@pconfiged(mock=True)` class's config has its `__init__`'s defaulted parameters plus its own fields."""
    check(
        {
            "library.py": LIBRARY,
            "extended.py": """
            from __future__ import annotations

            from pconfigs.pinnable import pconfig, pconfiged
            from library import KwargedClass

            @pconfiged(mock=True)
            class DerivedClass(KwargedClass):
                config: DerivedClassConfig

                def forward(self) -> None:
                    print(f"Custom config value: y={self.config.y}")

            @pconfig(constructs=DerivedClass)
            class DerivedClassConfig:
                y: int

            derived_class_config = DerivedClassConfig(y=10)
            derived_class = derived_class_config.construct(x=100)
            reveal_type(derived_class)  # N: Revealed type is "extended.DerivedClass"
            reveal_type(derived_class.config)  # N: Revealed type is "extended.DerivedClassConfig"
            reveal_type(derived_class_config.param_a)  # N: Revealed type is "float"
            reveal_type(DerivedClassConfig.constructable_type)  # N: Revealed type is "type[extended.DerivedClass]"
            reveal_type(DerivedClass(derived_class_config, 3.0))  # N: Revealed type is "extended.DerivedClass"

            @pconfiged
            class MoreDerived(DerivedClass):
                config: MoreConfig

            @pconfig(constructs=MoreDerived)
            class MoreConfig(DerivedClassConfig):
                z: int

            more = MoreConfig(y=1, z=2, param_a=3.0)
            reveal_type(more.construct(x=1.0))  # N: Revealed type is "extended.MoreDerived"
            reveal_type(MoreDerived(more, 5.0).config)  # N: Revealed type is "extended.MoreConfig"
            MoreConfig(y=1, param_a=3.0)  # E: Missing named argument "z" for "MoreConfig": its registered default leaves it Required  [required]
            """,
            "experiment.py": """
            from extended import DerivedClass, DerivedClassConfig

            config = DerivedClassConfig(y=1, param_b=3.0)
            config.construct()  # E: Missing positional argument "x" in call to "construct" of "DerivedClassConfig"  [call-arg]
            config.construct(x="far")  # E: Argument "x" to "construct" of "DerivedClassConfig" has incompatible type "str"; expected "float"  [arg-type]
            DerivedClassConfig(param_a=2.0)  # E: Missing named argument "y" for "DerivedClassConfig": its registered default leaves it Required  [required]
            DerivedClassConfig(y=1, x=2.0)  # E: Unexpected keyword argument "x" for "DerivedClassConfig"  [call-arg]
            DerivedClass(x=1.0)  # E: Missing positional argument "config" in call to "DerivedClass"  [call-arg]
            """,
        }
    )


def test_pconfiged_init_with_parameters_is_refused(check: Check) -> None:
    """Without `mock=True`, an `__init__` (own or inherited) that takes parameters is reported."""
    check(
        {
            "library.py": LIBRARY,
            "trainers.py": """
            from __future__ import annotations

            from pconfigs import pconfig, pconfiged
            from library import KwargedClass

            @pconfig
            class Config:
                steps: int

            @pconfiged
            class Inherits(KwargedClass):  # E: The __init__ of @pconfiged class "Inherits" (inherited from "KwargedClass") takes parameters (x, param_a, param_b); a @pconfiged class's __init__ takes only self, unless the class is declared "@pconfiged(mock=True)"  [pconfig]
                config: Config

            @pconfiged
            class Own:  # E: The __init__ of @pconfiged class "Own" takes parameters (scale, *args); a @pconfiged class's __init__ takes only self, unless the class is declared "@pconfiged(mock=True)"  [pconfig]
                config: Config

                def __init__(self, scale: float, *args: int) -> None:
                    self.scale = scale

            @pconfiged
            class Fine:
                config: Config

                def __init__(self) -> None:
                    self.steps = self.config.steps

            @pconfiged(mock=True)
            class Mocked(KwargedClass):
                config: Config

            @pconfiged
            class FromMocked(Mocked):
                pass
            """,
        }
    )


def test_inherit_constructable_type(check: Check) -> None:
    """`inherit_constructable_type=False` makes a subclass construct nothing; `True` is the default."""
    check(
        {
            "trainers.py": """
            from __future__ import annotations

            from pconfigs import pconfig, pconfiged

            @pconfiged
            class Trainer:
                config: TrainerConfig

            @pconfig(constructs=Trainer)
            class TrainerConfig:
                steps: int

            @pconfig(inherit_constructable_type=False)
            class Settings(TrainerConfig):
                pass

            @pconfig
            class MoreSettings(Settings):
                pass

            @pconfig(inherit_constructable_type=True)
            class Same(TrainerConfig):
                pass

            reveal_type(TrainerConfig(steps=1).construct())  # N: Revealed type is "trainers.Trainer"
            reveal_type(Same(steps=1).construct())  # N: Revealed type is "trainers.Trainer"
            reveal_type(Settings.constructable_type)  # N: Revealed type is "None"
            Settings(steps=1).construct()  # E: "Settings" has no attribute "construct": it constructs nothing (inherit_constructable_type=False)  [attr-defined]
            MoreSettings(steps=1).construct()  # E: "MoreSettings" has no attribute "construct": it constructs nothing (inherit_constructable_type=False)  [attr-defined]

            @pconfig(constructs=Trainer)
            class Again(Settings):
                pass

            reveal_type(Again(steps=1).construct())  # N: Revealed type is "trainers.Trainer"
            """,
            "experiment.py": """
            from trainers import MoreSettings

            MoreSettings(steps=2).construct()  # E: "MoreSettings" has no attribute "construct": it constructs nothing (inherit_constructable_type=False)  [attr-defined]
            """,
        }
    )


def test_default_config(check: Check) -> None:
    """`Cls.default_config` is `Cls | None`, on the class and on its instances, each class its own."""
    check(
        {
            "library.py": LIBRARY,
            "configs.py": """
            from pconfigs import pconfig, pdefaults
            from library import line_func

            @pconfig
            class Data:
                path: str

            @pconfig
            class Images(Data):
                size: int

            @pconfig(calls=line_func)
            class LineFunc: ...

            pdefaults += Data(path="/data")
            reveal_type(Data.default_config)  # N: Revealed type is "configs.Data | None"
            reveal_type(Data(path="x").default_config)  # N: Revealed type is "configs.Data | None"
            reveal_type(Images.default_config)  # N: Revealed type is "configs.Images | None"
            reveal_type(LineFunc.default_config)  # N: Revealed type is "configs.LineFunc | None"
            path: str = Data.default_config.path  # E: Item "None" of "Data | None" has no attribute "path"  [union-attr]
            """,
        }
    )


def test_earlier_names(check: Check) -> None:
    """`PCallable`, `TestSubdirs`, `pproperty(deps="name")` and `psetter` with a subclass's config type-check as
    documented; `TestConfigs(...)`, which the runtime refuses, is reported."""
    check(
        {
            "library.py": LIBRARY,
            "configs.py": """
            from collections.abc import Callable

            from pconfigs import PCallable, TestConfigs, TestSubdirs, pconfig
            from pconfigs.pinnable import Pinned, pproperty, psetter
            from library import line_func

            @pconfig(calls=line_func)
            class LineFunc: ...

            @pconfig
            class Scaled:
                scale: float
                doubled: Pinned[float]

                @pproperty(deps="scale")
                def doubled(self) -> float:
                    return 2 * self.scale

            fn: PCallable = LineFunc()
            plain: Callable[[float], float] = LineFunc()
            if isinstance(fn, PCallable):
                reveal_type(fn(1.0))  # N: Revealed type is "Any"
            TestConfigs("experiments/first.py")  # E: TestConfigs(...) is not used by pconfigs: list the packages that hold experiments in "pconfigs_experiments" under [tool.pytest.ini_options]  [pconfig]
            reveal_type(TestSubdirs)  # N: Revealed type is "Any"

            @pconfig
            class Louder(Scaled):
                volume: int

            recorder = psetter(type=Scaled, inputs=Louder(scale=1.0, volume=3))
            recorder.scale = 2.0
            reveal_type(psetter(construct=recorder))  # N: Revealed type is "configs.Scaled"
            """,
        }
    )


def test_required_left_in_a_default(check: Check) -> None:
    """`Required` left in a registered default makes that field required in builds without a base."""
    check(
        {
            "data.py": """
            from pconfigs import Required, pconfig, pdefaults

            @pconfig
            class DataConfig:
                path: str
                workers: int
                shuffle: bool

            pdefaults += DataConfig(path="/data", workers=Required, shuffle=Required)
            pdefaults += DataConfig(shuffle=True)

            @pconfig
            class ImageDataConfig(DataConfig):
                size: int

            with open(__file__) as f:
                pdefaults += ImageDataConfig(size=224, workers=4)
            """,
            "experiment.py": """
            from data import DataConfig, ImageDataConfig

            a = DataConfig(path="/other")  # E: Missing named argument "workers" for "DataConfig": its registered default leaves it Required  [required]
            b = DataConfig(workers=2)
            c = DataConfig(b, path="/other")
            d = ImageDataConfig(size=32)
            """,
        }
    )


MOCKED = """\
from __future__ import annotations

from typing import TYPE_CHECKING

from pconfigs import pconfiged
from project.modules.library import KwargedClass

if TYPE_CHECKING:
    from project.modules.mocked_config import DerivedConfig


@pconfiged(mock=True)
class Derived(KwargedClass):
    config: DerivedConfig
"""
MOCKED_FILES = {
    "project/modules/library.py": LIBRARY,
    "project/modules/mocked.py": MOCKED,
    "project/modules/mocked_config.py": (
        "from pconfigs import pconfig\n"
        "from project.modules.mocked import Derived\n\n\n"
        "@pconfig(constructs=Derived)\nclass DerivedConfig:\n    y: int\n"
    ),
    "project/experiments/mocked.py": (
        "from project.modules.mocked_config import DerivedConfig\n\n"
        "derived = DerivedConfig(y=1, param_a=2.0).construct(x=1.0)\n"
    ),
}
NOT_MOCKED = sorted(
    [
        Diagnostic(
            "project/modules/mocked.py",
            13,
            "error",
            'The __init__ of @pconfiged class "Derived" (inherited from "KwargedClass") takes parameters (x, param_a, '
            "param_b); a @pconfiged class's __init__ takes only self, unless the class is declared "
            '"@pconfiged(mock=True)"  [pconfig]',
        ),
        Diagnostic(
            "project/experiments/mocked.py",
            3,
            "error",
            'Unexpected keyword argument "param_a" for "DerivedConfig"  [call-arg]',
        ),
        Diagnostic(
            "project/experiments/mocked.py",
            3,
            "error",
            'Unexpected keyword argument "x" for "construct" of "DerivedConfig"  [call-arg]',
        ),
    ]
)


def test_daemon_after_changing_mock(project: Checker, daemon: list[str], tmp_path: Path) -> None:  # noqa: F811
    """Under dmypy, a config in another module follows its class's `mock=` being dropped and restored."""
    for name, text in MOCKED_FILES.items():
        (project.root / name).write_text(text, encoding="utf-8")
    mocked = project.root / "project/modules/mocked.py"
    assert daemon_check(daemon, project) == []
    edit(mocked, MOCKED.replace("@pconfiged(mock=True)", "@pconfiged"))
    assert daemon_check(daemon, project) == NOT_MOCKED == cold(project, tmp_path)
    edit(mocked, MOCKED)
    assert daemon_check(daemon, project) == [] == cold(project, tmp_path)
