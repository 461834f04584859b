"""Declaring config classes, Pinned fields, @pproperty methods and @pconfiged classes."""

from __future__ import annotations

from collections.abc import Callable

from .conftest import Result

Check = Callable[..., Result]


def test_pinned_field_reads_as_its_type(check: Check) -> None:
    """`Pinned[T]` reads as `T`, and the same-named @pproperty is not a redefinition."""
    check(
        {
            "configs.py": """
            from __future__ import annotations

            from pconfigs import pconfig, pdefaults
            from pconfigs.pinnable import Pinned, pinputs, pproperty

            @pconfig
            class ScheduleConfig:
                base_lr: float
                steps: int
                schedule: Pinned[list[float]]
                label: str

                @pproperty
                def schedule(self) -> list[float]:
                    return [self.base_lr] * self.steps

                @pproperty(deps=["steps"])
                def label(self) -> str:
                    return str(pinputs(self).label).upper()

            pdefaults += ScheduleConfig(base_lr=0.1, steps=2, label="x")
            config = ScheduleConfig(steps=3)
            reveal_type(config.schedule)  # N: Revealed type is "list[float]"
            reveal_type(config.label)  # N: Revealed type is "str"
            reveal_type(ScheduleConfig.schedule)  # N: Revealed type is "list[float]"
            """
        }
    )


def test_pinned_needs_one_argument(check: Check) -> None:
    """A bare `Pinned` or `Pinned[A, B]` annotation is reported."""
    check(
        {
            "configs.py": """
            from pconfigs import pconfig
            from pconfigs.pinnable import Pinned

            @pconfig
            class Config:
                a: Pinned  # E: "Pinned" needs exactly one type argument: "Pinned[T]"  [valid-type]
                b: Pinned[int, str]  # E: "Pinned" needs exactly one type argument: "Pinned[T]"  [valid-type]
            """
        }
    )


def test_pproperty_checks(check: Check) -> None:
    """A @pproperty must name a field and return its type; the method body is type-checked as usual."""
    check(
        {
            "configs.py": """
            from pconfigs import pconfig
            from pconfigs.pinnable import Pinned, pproperty

            @pconfig
            class Config:
                steps: int
                total: Pinned[int]
                name: str

                @pproperty
                def total(self) -> str:  # E: Return type "str" of pproperty "total" incompatible with field type "int"  [pproperty]
                    return self.steps  # E: Incompatible return value type (got "int", expected "str")  [return-value]

                @pproperty
                def name(self) -> str:
                    return self.nam  # E: "Config" has no attribute "nam"; maybe "name"?  [attr-defined]

                @pproperty
                def totl(self) -> int:  # E: pproperty "totl" does not name a field of "Config"  [pproperty]
                    return 1
            """
        }
    )


def test_subclass_pproperty_for_inherited_field(check: Check) -> None:
    """A subclass may compute a field its parent declared, with the parent's type."""
    check(
        {
            "configs.py": """
            from pconfigs import pconfig
            from pconfigs.pinnable import Pinned, pproperty

            @pconfig
            class Base:
                steps: int
                total: Pinned[int]

            @pconfig
            class Doubled(Base):
                @pproperty
                def total(self) -> int:
                    return 2 * self.steps

            @pconfig
            class Wrong(Base):
                @pproperty
                def total(self) -> bytes:  # E: Return type "bytes" of pproperty "total" incompatible with field type "int"  [pproperty]
                    return b""

            reveal_type(Doubled(steps=1).total)  # N: Revealed type is "int"
            """
        }
    )


def test_declaration_mistakes(check: Check) -> None:
    """A default value in the class body and a reserved field name are reported where they are written."""
    check(
        {
            "configs.py": """
            from typing import ClassVar
            from pconfigs import pconfig

            @pconfig
            class Config:
                steps: int = 3  # E: Field "steps" of "Config" has a default value in the class body; register defaults with "pdefaults += Config(...)"  [pconfig]
                construct: int  # E: "construct" is reserved for the config's own API and cannot be a field of "Config"  [pconfig]
                environment: int  # E: "environment" is reserved for the config's own API and cannot be a field of "Config"  [pconfig]
                version: ClassVar[int] = 2
            """
        }
    )


def test_constructs(check: Check) -> None:
    """`construct()` returns the `constructs=` class, also for subclasses; a config constructing nothing has none."""
    check(
        {
            "model.py": """
            from __future__ import annotations

            from pconfigs import pconfig, pconfiged

            @pconfiged
            class Model:
                config: ModelConfig

                def __init__(self) -> None:
                    reveal_type(self.config)  # N: Revealed type is "model.ModelConfig"

            @pconfig(constructs=Model)
            class ModelConfig:
                width: int

            @pconfig
            class WideModelConfig(ModelConfig):
                depth: int

            @pconfig
            class Plain:
                x: int

            reveal_type(ModelConfig(width=1).construct())  # N: Revealed type is "model.Model"
            reveal_type(WideModelConfig(width=1, depth=2).construct())  # N: Revealed type is "model.Model"
            Plain(x=1).construct()  # E: "Plain" has no attribute "construct"  [attr-defined]
            model = Model(config=ModelConfig(width=1))
            Model()  # E: Missing positional argument "config" in call to "Model"  [call-arg]
            Model(config=Plain(x=1))  # E: Argument "config" to "Model" has incompatible type "Plain"; expected "ModelConfig"  [arg-type]
            """
        }
    )


def test_pconfiged_declaration_mistakes(check: Check) -> None:
    """A @pconfiged class without `config:`, or runnable without `main`, is reported."""
    check(
        {
            "model.py": """
            from pconfigs import pconfig, pconfiged

            @pconfig
            class ModelConfig:
                width: int

            @pconfiged
            class NoConfig:  # E: @pconfiged class "NoConfig" must annotate "config" with its config class  [pconfig]
                width: int

            @pconfiged(runnable=True)
            class NoMain:  # E: @pconfiged(runnable=True) class "NoMain" needs a "main" method  [pconfig]
                config: ModelConfig

            @pconfiged(runnable=True)
            class Runs:
                config: ModelConfig

                def main(self) -> int:
                    return self.config.width
            """
        }
    )


def test_pdefaults(check: Check) -> None:
    """`pdefaults(Cls)` is `Cls` once the plugin knows a default is registered, else `Cls | None`; a non-config is refused."""
    check(
        {
            "configs.py": """
            from pconfigs import pconfig, pdefaults

            @pconfig
            class Config:
                x: int

            @pconfig
            class NoDefault:
                y: int

            @pconfig
            class Report:
                config: Config
                title: str

            reveal_type(pdefaults(Config))  # N: Revealed type is "configs.Config | None"
            pdefaults += Config(x=1)
            reveal_type(pdefaults(Config))  # N: Revealed type is "configs.Config"
            reveal_type(pdefaults(Config(x=2)))  # N: Revealed type is "configs.Config"
            reveal_type(pdefaults(NoDefault))  # N: Revealed type is "configs.NoDefault | None"
            pdefaults += Report(config=pdefaults(Config), title="weekly")
            missing: NoDefault = pdefaults(NoDefault)  # E: Incompatible types in assignment (expression has type "NoDefault | None", variable has type "NoDefault")  [assignment]
            pdefaults += 3  # E: Argument 1 to "pdefaults" has incompatible type "int"; expected a config instance  [arg-type]
            pdefaults.register("x")  # E: Argument 1 to "pdefaults" has incompatible type "str"; expected a config instance  [arg-type]
            pdefaults(int)  # E: Argument 1 to "pdefaults" has incompatible type "type[int]"; expected a config class or a config instance  [arg-type]
            """
        }
    )


def test_penum_is_an_enum(check: Check) -> None:
    """A @penum class is an enum: members have literal types, `.value`, `make` and iteration work."""
    check(
        {
            "enums.py": """
            from pconfigs import pconfig, penum

            @penum
            class Activation:
                relu = "relu"
                gelu = "gelu"

            @pconfig
            class ModelConfig:
                activation: Activation

            reveal_type(Activation.relu)  # N: Revealed type is "Literal[enums.Activation.relu]?"
            value: str = Activation.gelu.value
            reveal_type(Activation.make("relu"))  # N: Revealed type is "enums.Activation"
            reveal_type([a for a in Activation])  # N: Revealed type is "list[enums.Activation]"
            ModelConfig(activation=Activation.gelu)
            ModelConfig(activation="gelu")  # E: Argument "activation" to "ModelConfig" has incompatible type "str"; expected "Activation"  [arg-type]
            """
        }
    )


def test_environment_is_not_a_field(check: Check) -> None:
    """An attribute typed with a @penv class is read like a field but is not an argument."""
    check(
        {
            "configs.py": """
            from pconfigs import pconfig, penv

            @penv(convention="uppercase")
            class ClusterEnv:
                world_size: int = 1

            @pconfig
            class Config:
                environment: ClusterEnv
                batch: int

            config = Config(batch=2)
            reveal_type(config.environment.world_size)  # N: Revealed type is "int"
            Config(batch=2, environment=ClusterEnv())  # E: Unexpected keyword argument "environment" for "Config"  [call-arg]
            """
        }
    )
