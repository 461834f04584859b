"""Builds the runtime accepts that mypy checks without asking the plugin, and what the plugin adds to every build."""

from __future__ import annotations

from collections.abc import Callable

from .conftest import Result

Check = Callable[..., Result]

DATA = """
from pconfigs import Required, pconfig, pdefaults

@pconfig
class DataConfig:
    path: str
    workers: int

@pconfig
class ImageDataConfig(DataConfig):
    size: int
"""


def test_rebuild_through_type_of_a_config(check: Check) -> None:
    """`type(cfg)(cfg, ...)` in a helper bound to a config class checks clean."""
    check(
        {
            "data.py": DATA,
            "helpers.py": """
            from typing import TypeVar
            from data import DataConfig

            C = TypeVar("C", bound=DataConfig)

            def moved(cfg: C, path: str) -> C:
                return type(cfg)(cfg, path=path)

            reveal_type(moved(DataConfig(path="/d", workers=2), "/e"))  # N: Revealed type is "data.DataConfig"
            """,
        }
    )


def test_build_through_a_class_variable(check: Check) -> None:
    """`cls(base, ...)` with `cls: type[DataConfig]` checks clean, and its keywords keep their types."""
    check(
        {
            "data.py": DATA,
            "helpers.py": """
            from data import DataConfig

            def rebuilt(cls: type[DataConfig], base: DataConfig) -> DataConfig:
                return cls(base, path="/y")

            def wrong(cls: type[DataConfig], base: DataConfig) -> DataConfig:
                return cls(base, workers="2")  # E: Argument "workers" to "DataConfig" has incompatible type "str"; expected "int"  [arg-type]
            """,
        }
    )


def test_partial_of_a_config_class(check: Check) -> None:
    """`functools.partial(DataConfig, base)(path=...)` checks clean."""
    check(
        {
            "data.py": DATA,
            "experiment.py": """
            import functools
            from data import DataConfig

            base = DataConfig(path="/d", workers=2)
            moved = functools.partial(DataConfig, base)(path="/z")
            """,
        }
    )


def test_direct_builds_stay_precise(check: Check) -> None:
    """A direct build without a base must still pass every field no default covers."""
    check(
        {
            "data.py": DATA,
            "experiment.py": """
            from data import DataConfig

            a = DataConfig(path="/d")  # E: Missing named argument "workers" for "DataConfig"  [call-arg]  # N: The plugin sees no default for "DataConfig": it reads registrations only in "data"; for one made elsewhere, list "data.DataConfig" in defaults_elsewhere under [tool.pconfigs-mypy]
            """,
        }
    )


def test_registrations_inside_try_blocks(check: Check) -> None:
    """Registrations in a module-level `try` (body, handler, `else`, `finally`) give the class its default."""
    check(
        {
            "data.py": """
            from pconfigs import pconfig, pdefaults

            @pconfig
            class FastConfig:
                workers: int

            @pconfig
            class SlowConfig:
                workers: int

            @pconfig
            class LastConfig:
                workers: int

            try:
                import numpy
                pdefaults += FastConfig(workers=8)
            except ImportError:
                pdefaults.register(SlowConfig(workers=1))
            else:
                pass
            finally:
                pdefaults += LastConfig(workers=2)
            """,
            "experiment.py": """
            from data import FastConfig, LastConfig, SlowConfig

            configs = [FastConfig(), SlowConfig(), LastConfig()]
            """,
        }
    )


def test_bool_for_a_number_field(check: Check) -> None:
    """`True` for an `int` or `float` field is reported, as the runtime refuses it; a bool-typed field takes it."""
    check(
        {
            "data.py": """
            from typing import Optional, Union
            from pconfigs import pconfig

            @pconfig
            class TrainConfig:
                steps: int
                lr: Optional[float]
                shuffle: bool
                flag: Union[int, bool]

            a = TrainConfig(steps=True, lr=1.0, shuffle=True, flag=True)  # E: Argument "steps" to "TrainConfig" has incompatible type "bool"; expected "int" (a bool is refused for an int or float field)  [arg-type]
            b = TrainConfig(steps=1, lr=False, shuffle=False, flag=False)  # E: Argument "lr" to "TrainConfig" has incompatible type "bool"; expected "float | None" (a bool is refused for an int or float field)  [arg-type]
            """,
        }
    )


def test_positional_values_hint_at_keywords(check: Check) -> None:
    """Field values passed positionally get a note that fields are keyword-only."""
    check(
        {
            "data.py": DATA
            + """
first = DataConfig("/d", 2)  # E: Argument 1 to "DataConfig" has incompatible type "str"; expected "DataConfig"  [arg-type]  # E: Argument 2 to "DataConfig" has incompatible type "int"; expected "DataConfig"  [arg-type]  # N: Fields of "DataConfig" are keyword-only (DataConfig(path=...)); positional arguments are configs to copy from
""",
        }
    )
