"""`psetter` recorders are checked like their config: field names, value types and the class of `inputs=`."""

from __future__ import annotations

from collections.abc import Callable

from .conftest import Checker, Diagnostic, Result

Check = Callable[..., Result]


def test_recorder_fields_are_typed(check: Check) -> None:
    """A misspelt field and a wrong value type are reported; nested recorders and `Pin` values are accepted."""
    check(
        {
            "configs.py": """
            from pconfigs import pconfig, psetter
            from pconfigs.pinnable import Pin, Pinned, pproperty

            @pconfig
            class Reader:
                workers: int

            @pconfig
            class DataConfig:
                path: str
                workers: int
                reader: Reader
                total: Pinned[int]

                @pproperty
                def total(self) -> int:
                    return self.workers

            ps = psetter(type=DataConfig)
            ps.path = "/d"
            ps.pathz = "/d"  # E: "Setter[DataConfig]" has no attribute "pathz"; maybe "path"?  [attr-defined]
            ps.workers = "2"  # E: Incompatible types in assignment (expression has type "str", variable has type "int")  [assignment]
            ps.total = Pin(3)
            ps.reader.workers = 3
            reveal_type(psetter(construct=ps))  # N: Revealed type is "configs.DataConfig"
            other = psetter(type=DataConfig)
            other.reader = Reader(workers=1)
            """,
        }
    )


def test_inputs_of_another_class(checker: Checker) -> None:
    """`inputs=` must be a config of the recorder's class (or a subclass), not solved to `object`."""
    checker.write(
        {
            "configs.py": """
            from pconfigs import pconfig, psetter

            @pconfig
            class DataConfig:
                path: str

            @pconfig
            class ImageDataConfig(DataConfig):
                size: int

            @pconfig
            class Other:
                x: int

            image = ImageDataConfig(path="/i", size=3)
            good = psetter(type=DataConfig, inputs=image)
            bad = psetter(type=DataConfig, inputs=Other(x=1))
            """,
        }
    )
    errors = [d for d in checker.run().diagnostics if d.severity == "error"]
    assert errors == [
        Diagnostic(
            "configs.py",
            17,
            "error",
            'No overload variant of "psetter" matches argument types "type[DataConfig]", "Other"  [call-overload]',
        )
    ]
