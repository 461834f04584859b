"""The walkthrough's example project checks clean, and each mistake a user makes in an experiment file is reported
with mypy's own message and error code."""

from __future__ import annotations

from collections.abc import Callable

from .conftest import EXAMPLE_SRC, TRAINER, Checker, Result

Check = Callable[..., Result]


def trainer_files(**experiments: str) -> dict[str, str]:
    files = {
        "project/__init__.py": "",
        "project/modules/__init__.py": "",
        "project/experiments/__init__.py": "",
        "project/modules/trainer.py": TRAINER.read_text(encoding="utf-8"),
        "project/experiments/first.py": (EXAMPLE_SRC / "project/experiments/first.py").read_text(encoding="utf-8"),
    }
    files.update({f"project/experiments/{name}.py": text for name, text in experiments.items()})
    return files


def test_example_project_checks_clean(checker: Checker) -> None:
    """mypy with the plugin reports nothing on the example project under examples/project."""
    checker.write({}, config=f"[mypy]\nplugins = pconfigs.mypy\nmypy_path = {EXAMPLE_SRC}\n")
    result = checker.run("-p", "project")
    assert result.diagnostics == [], result.stdout
    assert result.status == 0


def test_walkthrough_types(check: Check) -> None:
    """Fields, derived values, the constructed class and its config have the types the walkthrough declares."""
    check(
        trainer_files(
            second="""
            from project.experiments.first import config as first_expr
            from project.modules.trainer import TrainerConfig

            config = TrainerConfig(first_expr, base_lr=1e-3, steps=len(first_expr.lr_schedule) - 1)
            reveal_type(config.steps)  # N: Revealed type is "builtins.int"
            reveal_type(config.lr_schedule)  # N: Revealed type is "builtins.list[builtins.float]"
            reveal_type(config.effective_batch_size)  # N: Revealed type is "builtins.int"
            trainer = config.construct()
            reveal_type(trainer)  # N: Revealed type is "project.modules.trainer.Trainer"
            reveal_type(trainer.config)  # N: Revealed type is "project.modules.trainer.TrainerConfig"
            reveal_type(TrainerConfig.constructable_type)  # N: Revealed type is "type[project.modules.trainer.Trainer]"
            """
        )
    )


def test_misspelt_field(check: Check) -> None:
    """A misspelt field is an unexpected keyword, with mypy's "did you mean"."""
    check(
        trainer_files(
            second="""
            from project.experiments.first import config as first_expr
            from project.modules.trainer import TrainerConfig

            config = TrainerConfig(first_expr, base_lr=1e-3, stepz=4)  # E: Unexpected keyword argument "stepz" for "TrainerConfig"; did you mean "steps"?  [call-arg]
            """
        )
    )


def test_wrong_type(check: Check) -> None:
    """A value of the wrong type is an incompatible argument."""
    check(
        trainer_files(
            second="""
            from project.experiments.first import config as first_expr
            from project.modules.trainer import TrainerConfig

            config = TrainerConfig(first_expr, base_lr="1e-3")  # E: Argument "base_lr" to "TrainerConfig" has incompatible type "str"; expected "float"  [arg-type]
            """
        )
    )


def test_value_for_pinned_field(check: Check) -> None:
    """A plain value for a Pinned field is refused; the Pinned sentinel and an explicit Pin are accepted."""
    check(
        trainer_files(
            second="""
            from pconfigs.pinnable import Pin, Pinned
            from project.experiments.first import config as first_expr
            from project.modules.trainer import TrainerConfig

            a = TrainerConfig(first_expr, effective_batch_size=8)  # E: Argument "effective_batch_size" to "TrainerConfig" has incompatible type "int"; expected "Pin[int]"  [arg-type]
            b = TrainerConfig(first_expr, effective_batch_size=Pinned, lr_schedule=Pin([1e-3, 1e-4]))
            c = TrainerConfig(first_expr, effective_batch_size=Pin("8"))  # E: Argument 1 to "Pin" has incompatible type "str"; expected "int"  [arg-type]
            """
        )
    )


def test_assignment_to_config(check: Check) -> None:
    """Configs are read-only: assigning an input or a derived field is an error."""
    check(
        trainer_files(
            second="""
            from project.experiments.first import config

            config.steps = 5  # E: Property "steps" defined in "TrainerConfig" is read-only  [misc]
            config.lr_schedule = []  # E: Property "lr_schedule" defined in "TrainerConfig" is read-only  [misc]
            """
        )
    )


def test_missing_field_without_default_or_base(check: Check) -> None:
    """A field with no registered default and no base is a missing keyword argument."""
    check(
        {
            "configs.py": """
            from pconfigs import pconfig

            @pconfig
            class DataConfig:
                path: str
                workers: int

            a = DataConfig(path="/data")  # E: Missing named argument "workers" for "DataConfig"  [call-arg]
            b = DataConfig(a)
            c = DataConfig(a, workers=2)
            """
        }
    )


def test_parent_config_as_base(check: Check) -> None:
    """A base of a parent config class supplies only the parent's fields; a subclass config is refused as a base."""
    check(
        {
            "configs.py": """
            from pconfigs import pconfig

            @pconfig
            class DataConfig:
                path: str

            @pconfig
            class ImageDataConfig(DataConfig):
                size: int

            data = DataConfig(path="/data")
            a = ImageDataConfig(data)  # E: Missing named argument "size" for "ImageDataConfig"  [call-arg]
            b = ImageDataConfig(data, size=224)
            c = DataConfig(b)  # E: Argument 1 to "DataConfig" is an "ImageDataConfig", a subclass of "DataConfig": its extra fields would be dropped  [arg-type]
            d = DataConfig(3)  # E: Argument 1 to "DataConfig" has incompatible type "int"; expected "DataConfig"  [arg-type]  # N: Fields of "DataConfig" are keyword-only (DataConfig(path=...)); positional arguments are configs to copy from
            e = ImageDataConfig("x")  # E: Argument 1 to "ImageDataConfig" has incompatible type "str"; expected "ImageDataConfig | DataConfig"  [arg-type]  # N: Fields of "ImageDataConfig" are keyword-only (ImageDataConfig(path=...)); positional arguments are configs to copy from
            """
        }
    )


def test_wrong_pproperty_return_type(check: Check) -> None:
    """A @pproperty returning another type than its field is reported at the method, with its own code."""
    check(
        {
            "configs.py": """
            from pconfigs import pconfig
            from pconfigs.pinnable import Pinned, pproperty

            @pconfig
            class TrainerConfig:
                grad_accum_steps: int
                num_devices: int
                effective_batch_size: Pinned[int]

                @pproperty
                def effective_batch_size(self) -> float:  # E: Return type "float" of pproperty "effective_batch_size" incompatible with field type "int"  [pproperty]
                    return self.grad_accum_steps * self.num_devices / 2
            """
        }
    )
