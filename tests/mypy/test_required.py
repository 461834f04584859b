"""`Required` left in a default, `Pinned` fields nothing computes, and `dataclasses.replace` of a derived field."""

from __future__ import annotations

from collections.abc import Callable

from .conftest import Result

Check = Callable[..., Result]


def test_required_left_has_its_own_code(check: Check) -> None:
    """A field the default leaves `Required` must be passed in a build without a base, under the code `required`."""
    check(
        {
            "data.py": """
            from pconfigs import Required, pconfig, pdefaults

            @pconfig
            class DataConfig:
                path: str
                workers: int

            pdefaults += DataConfig(path="/data", workers=Required)

            @pconfig
            class ImageDataConfig(DataConfig):
                size: int

            pdefaults += ImageDataConfig(size=224)
            """,
            "experiment.py": """
            from data import DataConfig, ImageDataConfig

            a = DataConfig()  # E: Missing named argument "workers" for "DataConfig": its registered default leaves it Required  [required]
            b = ImageDataConfig(path="/i")  # E: Missing named argument "workers" for "ImageDataConfig": its registered default leaves it Required  [required]
            c = DataConfig(workers=2)
            d = ImageDataConfig(c)
            e = DataConfig(a)
            """,
        },
    )


def test_required_code_can_be_disabled(check: Check) -> None:
    """`disable_error_code = required` lets builds leave Required fields for a later build to fill."""
    check(
        {
            "data.py": """
            from pconfigs import Required, pconfig, pdefaults

            @pconfig
            class DataConfig:
                workers: int

            pdefaults += DataConfig(workers=Required)
            partial = DataConfig()
            """,
        },
        config="[mypy]\nplugins = pconfigs.mypy\ndisable_error_code = required\n",
    )


def test_pinned_field_nothing_computes(check: Check) -> None:
    """Building a class whose `Pinned` field no @pproperty computes is reported, unless the build pins it."""
    check(
        {
            "configs.py": """
            from pconfigs import pconfig
            from pconfigs.pinnable import Pin, Pinned, pproperty

            @pconfig
            class Base:
                steps: int
                total: Pinned[int]

            @pconfig
            class Doubled(Base):
                @pproperty
                def total(self) -> int:
                    return 2 * self.steps

            a = Base(steps=1)  # E: Field "total" of "Base" is Pinned and no @pproperty computes it: this config would hold Pinned; pass total=Pin(...) or add a @pproperty  [pproperty]
            b = Base(steps=1, total=Pin(2))
            c = Doubled(steps=1)
            """,
        }
    )


def test_replace_of_a_pinned_field(check: Check) -> None:
    """`dataclasses.replace(cfg, derived=...)` is reported, as the runtime refuses it; inputs may be replaced."""
    check(
        {
            "configs.py": """
            import dataclasses
            from pconfigs import pconfig
            from pconfigs.pinnable import Pinned, pproperty

            @pconfig
            class Schedule:
                steps: int
                total: Pinned[int]

                @pproperty
                def total(self) -> int:
                    return 2 * self.steps

            s = Schedule(steps=1)
            t = dataclasses.replace(s, steps=2)
            u = dataclasses.replace(s, total=3)  # E: Unexpected keyword argument "total" for "replace" of "Schedule"  [call-arg]
            """,
        }
    )
