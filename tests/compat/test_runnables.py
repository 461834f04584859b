"""Code written for the earlier pconfigs: constructed and runnable classes, run and printed by their dotted path
(its pages "Quickstart", "Examples: Construction", "Runnables" and "Printing", and their examples `quickstart.py`,
`runnables.py` and `printing.py`), run with `python -m pconfigs.run` and `python -m pconfigs.print` as its docs do."""

from __future__ import annotations

import importlib
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest

QUICKSTART = """
from __future__ import annotations

from pconfigs import pconfig, pconfiged, pdefaults


@pconfiged
class Thing:
    config: ThingConfig

    def __init__(self):
        pass

    def echo(self):
        print(self.config)


@pconfig(constructs=Thing)
class ThingConfig:
    x: float
    y: float
    z: float


pdefaults += ThingConfig(
    x=1.0,
    y=2.0,
    z=3.0,
)

thing_config = ThingConfig()
thing = thing_config.construct()

another_thing_config = ThingConfig(
    y=2.2,
)

last_thing_config = ThingConfig(
    another_thing_config,  # y is copied from another_thing_config.
    x=1.1,
)
"""

RUNNABLES = """
from __future__ import annotations

from argparse import Namespace
from typing import List

from pconfigs import Required, pconfig, pconfiged


@pconfiged(runnable=True)
class Main:
    config: MainConfig

    def main(self, *args, **kwargs):
        print(self.config.message)


@pconfig(constructs=Main)
class MainConfig:
    message: str


main_config = MainConfig(
    message="Hello, world!",
)
unset_config = MainConfig(message=Required)


@pconfiged(runnable=True)
class Echo:
    config: EchoConfig

    def main(self, *args, **kwargs):
        print(self.config.prefix, args, kwargs)
        return self.config.status


@pconfig(constructs=Echo)
class EchoConfig:
    prefix: str
    status: int


echo_config = EchoConfig(prefix="got", status=0)
failing_config = EchoConfig(prefix="failing", status=3)


@pconfiged(runnable=True)
class OldStyle:
    config: OldStyleConfig

    def main(self, parsed_args: Namespace, other_args: List[str]) -> int:
        print(parsed_args.config, other_args)
        return 0


@pconfig(constructs=OldStyle)
class OldStyleConfig:
    x: int


old_style_config = OldStyleConfig(x=1)
"""

PRINTING = """
from __future__ import annotations

from pconfigs import pconfig, pconfiged, pdefaults

from .quickstart import ThingConfig


@pconfiged
class System:
    config: SystemConfig

    def run(self):
        print(self.config.mode)
        print(self.config.thing_config)


@pconfig(constructs=System)
class SystemConfig:
    mode: str
    thing_config: ThingConfig


system_config = SystemConfig(
    mode="run",
    thing_config=pdefaults(ThingConfig),
)
"""


@pytest.fixture(scope="module")
def examples(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder holding the package `oldexamples` with the examples, importable from the folder."""
    root = tmp_path_factory.mktemp("compat")
    package = root / "oldexamples"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "quickstart.py").write_text(QUICKSTART)
    (package / "runnables.py").write_text(RUNNABLES)
    (package / "printing.py").write_text(PRINTING)
    return root


@pytest.fixture
def imported(examples: Path, monkeypatch: pytest.MonkeyPatch) -> Any:
    """Imports a module of the examples in this process."""
    monkeypatch.syspath_prepend(str(examples))
    return lambda name: importlib.import_module(f"oldexamples.{name}")


def python_m(examples: Path, module: str, *args: str) -> subprocess.CompletedProcess[str]:
    """`python -m module args...` in the examples' folder, as the earlier docs run it."""
    return subprocess.run(
        [sys.executable, "-m", module, *args], cwd=examples, capture_output=True, text=True, encoding="utf-8"
    )


def test_construct_builds_the_class_with_its_config(imported: Any, capsys: pytest.CaptureFixture[str]) -> None:
    """`thing_config.construct()` builds a `Thing` whose `self.config` is the config (Quickstart)."""
    quickstart = imported("quickstart")
    assert type(quickstart.thing) is quickstart.Thing
    assert quickstart.thing.config is quickstart.thing_config
    quickstart.thing.echo()
    assert capsys.readouterr().out == (
        "ThingConfig(\n"
        "    constructable_type=Thing,  # ClassVar (omit from config)\n"
        "    x=1.0,\n"
        "    y=2.0,\n"
        "    z=3.0,\n"
        ")\n"
    )


def test_configs_are_built_from_defaults_and_bases(imported: Any) -> None:
    """`ThingConfig(y=2.2)` takes the rest from the default; `ThingConfig(another, x=1.1)` copies `y` from its base."""
    quickstart = imported("quickstart")
    assert repr(quickstart.another_thing_config) == (
        "ThingConfig(\n"
        "    constructable_type=Thing,  # ClassVar (omit from config)\n"
        "    x=1.0,\n"
        "    y=2.2,\n"
        "    z=3.0,\n"
        ")"
    )
    assert repr(quickstart.last_thing_config) == (
        "ThingConfig(\n"
        "    constructable_type=Thing,  # ClassVar (omit from config)\n"
        "    x=1.1,\n"
        "    y=2.2,\n"
        "    z=3.0,\n"
        ")"
    )


def test_a_constructed_class_needs_its_config(imported: Any, sites: Any) -> None:
    """`Thing()` without a config is a TypeError that points to the config."""
    quickstart = imported("quickstart")
    with pytest.raises(TypeError) as info:
        quickstart.Thing()
    assert str(info.value) == (
        "Thing: cannot be built without a config\n"
        f"  called at {sites.raised(info, __file__)}\n"
        "  hint: build it from its config: ThingConfig(...).construct()"
    )


def test_run_constructs_the_class_and_calls_main(examples: Path) -> None:
    """`python -m pconfigs.run dot.path.to.main_config` prints "Hello, world!", as the Runnables page shows."""
    result = python_m(examples, "pconfigs.run", "oldexamples.runnables.main_config")
    assert (result.returncode, result.stdout, result.stderr) == (0, "Hello, world!\n", "")


def test_main_receives_the_arguments_after_the_separator(examples: Path) -> None:
    """`main(*args, **kwargs)` receives the strings after `--` as `args`, and no keywords."""
    result = python_m(examples, "pconfigs.run", "oldexamples.runnables.echo_config", "--", "a", "--b=1")
    assert (result.returncode, result.stdout, result.stderr) == (0, "got ('a', '--b=1') {}\n", "")


def test_an_int_returned_by_main_is_the_exit_status(examples: Path) -> None:
    """`main` returning an int sets the exit status; returning None exits 0."""
    result = python_m(examples, "pconfigs.run", "oldexamples.runnables.failing_config")
    assert (result.returncode, result.stdout, result.stderr) == (3, "failing () {}\n", "")


def test_arguments_without_the_separator_are_refused(examples: Path) -> None:
    """Arguments after the target are refused unless after `--` (the earlier runner passed them all to main)."""
    result = python_m(examples, "pconfigs.run", "oldexamples.runnables.echo_config", "a")
    assert (result.returncode, result.stdout, result.stderr) == (
        2,
        "",
        "pconfigs-run: unexpected argument 'a' after TARGET 'oldexamples.runnables.echo_config'\n"
        "  hint: pass arguments for main after '--'; an override is PATH=VALUE\n",
    )


def test_a_target_that_is_not_runnable_is_refused(examples: Path) -> None:
    """A config of a class that is not runnable is refused (the earlier runner exited 0 and did nothing)."""
    result = python_m(examples, "pconfigs.run", "oldexamples.quickstart.thing_config")
    assert (result.returncode, result.stdout, result.stderr) == (
        2,
        "",
        "pconfigs-run: oldexamples.quickstart.thing_config cannot run: ThingConfig constructs Thing, which is not "
        "runnable\n"
        "  hint: declare Thing with @pconfiged(runnable=True) and give it a main method\n",
    )


def test_a_target_with_required_fields_is_refused(examples: Path) -> None:
    """A config that still holds Required is refused before anything is built (the earlier runner ran it)."""
    result = python_m(examples, "pconfigs.run", "oldexamples.runnables.unset_config")
    line = RUNNABLES.splitlines().index("unset_config = MainConfig(message=Required)") + 1
    assert (result.returncode, result.stdout, result.stderr) == (
        2,
        "",
        "pconfigs-run: oldexamples.runnables.unset_config: cannot run, 1 field is still Required: message\n"
        f"  built at {Path('oldexamples', 'runnables.py')}:{line}\n"
        "  hint: set it: MainConfig(cfg, message=...)\n",
    )


def test_a_main_with_the_earlier_signature_is_told_what_to_declare(examples: Path) -> None:
    """`main(self, parsed_args, other_args)` is refused with a message saying to declare `main(self, *args)`."""
    result = python_m(examples, "pconfigs.run", "oldexamples.runnables.old_style_config")
    assert result.returncode == 2
    assert "main(self, *args)" in result.stderr and "'--'" in result.stderr


def test_runnable_without_main_is_refused(sites: Any) -> None:
    """`@pconfiged(runnable=True)` on a class without `main` is a TypeError when decorated."""
    from pconfigs import pconfiged

    declared = sites.text(__file__, sys._getframe().f_lineno + 3)  # the decorator below
    with pytest.raises(TypeError) as info:

        @pconfiged(runnable=True)
        class Idle:
            config: Any

    assert str(info.value) == (
        "test_runnable_without_main_is_refused.<locals>.Idle: @pconfiged(runnable=True) needs a main method\n"
        f"  declared at {declared}\n"
        "  hint: add `def main(self, *args): ...`, or drop runnable=True"
    )


def test_print_writes_the_imports_and_the_config(examples: Path) -> None:
    """`python -m pconfigs.print` writes the imports, the NOTE lines and the config, as the Printing page shows."""
    result = python_m(examples, "pconfigs.print", "oldexamples.printing.system_config")
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == textwrap.dedent(
        """\
        from oldexamples.printing import SystemConfig, System
        from oldexamples.quickstart import ThingConfig, Thing

        # NOTE: This code is not intended to run. It is for reading and looking up type definitions.
        # If you want to run or inspect these objects, import the config from where it is defined.

        SystemConfig(
            constructable_type=System,  # ClassVar (omit from config)
            mode="run",
            thing_config=ThingConfig(
                constructable_type=Thing,  # ClassVar (omit from config)
                x=1.0,
                y=2.0,
                z=3.0,
            ),
        )
        """
    )
