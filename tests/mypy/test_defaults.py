"""Which fields a call must pass: registered defaults, bases, the first registration, and the escape hatch."""

from __future__ import annotations

from collections.abc import Callable

from .conftest import Checker, Result

Check = Callable[..., Result]

TWO_FIELDS = """
from pconfigs import Required, pconfig, pdefaults

@pconfig
class DataConfig:
    path: str
    workers: int
"""


def test_default_in_module_makes_fields_optional(check: Check) -> None:
    """A default registered in the class's module makes every field optional, in that module and elsewhere."""
    check(
        {
            "data.py": TWO_FIELDS + "\npdefaults += DataConfig(path='/data', workers=2)\nlocal = DataConfig()\n",
            "experiment.py": """
            from data import DataConfig

            config = DataConfig(workers=8)
            """,
        }
    )


def test_first_registration_must_be_complete(check: Check) -> None:
    """The registration that creates the default must pass every field; a later one may fill Required fields."""
    check(
        {
            "data.py": TWO_FIELDS
            + """
pdefaults += DataConfig(path="/data")  # E: Missing named argument "workers" for "DataConfig"  [call-arg]
pdefaults += DataConfig(workers=2)
""",
        }
    )


def test_registration_with_register(check: Check) -> None:
    """`pdefaults.register(Cls(...))` at the module's top level registers a default too."""
    check(
        {
            "data.py": TWO_FIELDS + "\ndefault = pdefaults.register(DataConfig(path='/data', workers=Required))\n",
            "experiment.py": """
            from data import DataConfig

            config = DataConfig(workers=8)
            """,
        }
    )


def test_registration_inside_function_is_not_seen(check: Check) -> None:
    """A registration inside a function may never run, so it does not make fields optional."""
    check(
        {
            "data.py": TWO_FIELDS
            + """
def setup() -> None:
    pdefaults.register(DataConfig(path="/data", workers=2))

config = DataConfig(path="/data")  # E: Missing named argument "workers" for "DataConfig"  [call-arg]
""",
        }
    )


def test_ancestor_default_covers_its_fields(check: Check) -> None:
    """A parent's default supplies the parent's fields to a subclass; the subclass's own fields stay required."""
    check(
        {
            "data.py": TWO_FIELDS + "\npdefaults += DataConfig(path='/data', workers=2)\n",
            "images.py": """
            from pconfigs import pconfig, pdefaults
            from data import DataConfig

            @pconfig
            class ImageDataConfig(DataConfig):
                size: int

            a = ImageDataConfig(size=224)
            b = ImageDataConfig(path="/images")  # E: Missing named argument "size" for "ImageDataConfig"  [call-arg]

            @pconfig
            class VideoDataConfig(DataConfig):
                fps: int

            pdefaults += VideoDataConfig(fps=30)
            c = VideoDataConfig(path="/videos")
            """,
        }
    )


def test_base_config_supplies_every_field(check: Check) -> None:
    """A base of the class itself supplies every field, across modules, with mypy's usual message otherwise."""
    check(
        {
            "data.py": TWO_FIELDS,
            "experiment.py": """
            from data import DataConfig

            first = DataConfig(path="/data", workers=2)
            second = DataConfig(first, workers=4)
            third = DataConfig(workers=4)  # E: Missing named argument "path" for "DataConfig"  [call-arg]  # N: The plugin sees no default for "DataConfig": it reads registrations only in "data"; for one made elsewhere, list "data.DataConfig" in defaults_elsewhere under [tool.pconfigs-mypy]
            bases = [first]
            fourth = DataConfig(*bases)
            """,
        }
    )


def test_escape_hatch_in_pyproject(check: Check) -> None:
    """`defaults_elsewhere` in pyproject.toml makes the listed classes' fields optional everywhere."""
    result = check(
        {
            "data.py": TWO_FIELDS
            + """
@pconfig
class OtherConfig:
    name: str

other = OtherConfig()  # E: Missing named argument "name" for "OtherConfig"  [call-arg]
""",
            "defaults.py": """
            from pconfigs import pdefaults
            from data import DataConfig

            pdefaults += DataConfig(path="/data", workers=2)
            """,
            "experiment.py": """
            from data import DataConfig
            import defaults

            config = DataConfig(workers=8)
            """,
        },
        config="""
        [tool.mypy]
        plugins = ["pconfigs.mypy"]

        [tool.pconfigs-mypy]
        defaults_elsewhere = ["data.Data*"]
        """,
        config_name="pyproject.toml",
    )
    assert result.status == 1


def test_escape_hatch_in_mypy_ini(check: Check) -> None:
    """`defaults_elsewhere` in mypy.ini takes comma-separated class names or patterns."""
    check(
        {
            "data.py": TWO_FIELDS + "\nconfig = DataConfig(workers=8)\n",
        },
        config="""
        [mypy]
        plugins = pconfigs.mypy

        [pconfigs-mypy]
        defaults_elsewhere = other.Thing, data.DataConfig
        """,
    )


def test_misspelt_setting_is_one_error_line(checker: Checker) -> None:
    """A misspelt `[pconfigs-mypy]` setting is one error line naming the file and a suggestion, never a crash."""
    checker.write(
        {"data.py": TWO_FIELDS},
        config="""
        [mypy]
        plugins = pconfigs.mypy

        [pconfigs-mypy]
        defaults_elswhere = data.DataConfig
        """,
    )
    result = checker.run()
    assert result.status == 2
    assert result.stderr.splitlines() == [
        f"{checker.config_file}: error: [pconfigs-mypy] has unknown setting 'defaults_elswhere'; "
        "did you mean 'defaults_elsewhere'?"
    ]
    assert "INTERNAL ERROR" not in result.stdout
