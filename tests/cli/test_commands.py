"""pconfigs-run and pconfigs-print, through the console scripts and `python -m`: output, exit codes, messages."""

from __future__ import annotations

import importlib.metadata
import subprocess
import sys
import textwrap
from pathlib import Path

import pconfigs
import pytest

BIN = Path(sys.executable).parent

APPS = """
from pconfigs import Required, pconfig, pconfiged, pdefaults


@pconfiged(runnable=True)
class Echo:
    config: "EchoConfig"

    def main(self, *args):
        print(" ".join([self.config.greeting, *args]))
        return self.config.status


@pconfig(constructs=Echo)
class EchoConfig:
    greeting: str
    status: int


@pconfiged
class Quiet:
    config: "QuietConfig"


@pconfig(constructs=Quiet)
class QuietConfig:
    x: int


@pconfig
class Plain:
    x: int


@pconfig
class Holder:
    value: object


@pconfiged(runnable=True)
class Boom:
    config: "BoomConfig"

    def main(self):
        print("about to fail")
        raise RuntimeError("boom in main")


@pconfig(constructs=Boom)
class BoomConfig:
    x: int


@pconfig
class Inner:
    depth: int


@pconfiged(runnable=True)
class Nested:
    config: "NestedConfig"

    def main(self):
        print("ran")


@pconfig(constructs=Nested)
class NestedConfig:
    name: str
    inner: Inner
"""

EXPERIMENTS = """
from cliapp.apps import BoomConfig, EchoConfig, Holder, Inner, NestedConfig, Plain, QuietConfig
from pconfigs import Required

hello = EchoConfig(greeting="hello", status=0)
failing = EchoConfig(greeting="bye", status=3)
quiet = QuietConfig(x=1)
plain = Plain(x=1)
holder = Holder(value=object())
boom = BoomConfig(x=1)
unset = NestedConfig(name=Required, inner=Inner(depth=Required))
number = 5


class Group:
    member = EchoConfig(greeting="nested", status=0)
"""


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("app")
    pkg = root / "cliapp"
    pkg.mkdir()
    (pkg / "__init__.py").write_text("")
    (pkg / "apps.py").write_text(APPS)
    (pkg / "experiments.py").write_text(EXPERIMENTS)
    (pkg / "broken.py").write_text("raise RuntimeError('broken at import')\n")
    (pkg / "badbuild.py").write_text("from cliapp.apps import Plain\n\nconfig = Plain(x='one')\n")
    (pkg / "missingdep.py").write_text("import cliapp_no_such_dependency\n")
    return root


def call(app: Path, how: str, tool: str, *args: str) -> subprocess.CompletedProcess[str]:
    if how == "script":
        command = [str(BIN / tool)]
    else:
        command = [sys.executable, "-m", tool.replace("-", ".")]
    return subprocess.run([*command, *args], cwd=app, capture_output=True, text=True, encoding="utf-8")


VIA = pytest.mark.parametrize("how", ["script", "module"])


@VIA
def test_run_calls_main_with_the_arguments_after_the_separator(app: Path, how: str) -> None:
    """Arguments after `--` reach `main` as strings, and main's output is all of stdout."""
    result = call(app, how, "pconfigs-run", "cliapp.experiments.hello", "--", "big", "--world")
    assert (result.returncode, result.stdout, result.stderr) == (0, "hello big --world\n", "")


@VIA
def test_run_exit_status_is_the_int_main_returns(app: Path, how: str) -> None:
    """An int returned by main becomes the exit status."""
    result = call(app, how, "pconfigs-run", "cliapp.experiments.failing")
    assert (result.returncode, result.stdout, result.stderr) == (3, "bye\n", "")


@VIA
def test_run_resolves_nested_attributes(app: Path, how: str) -> None:
    """A target may walk attributes below the module (`module.Group.member`)."""
    result = call(app, how, "pconfigs-run", "cliapp.experiments.Group.member")
    assert (result.returncode, result.stdout) == (0, "nested\n")


@VIA
@pytest.mark.parametrize("tool", ["pconfigs-run", "pconfigs-print"])
def test_version(app: Path, how: str, tool: str) -> None:
    """`--version` prints the command's name and the installed distribution's version."""
    result = call(app, how, tool, "--version")
    assert (result.returncode, result.stdout, result.stderr) == (
        0,
        f"{tool} {importlib.metadata.version('pconfigs-cli')}\n",
        "",
    )


@VIA
@pytest.mark.parametrize("tool", ["pconfigs-run", "pconfigs-print"])
@pytest.mark.parametrize("flag", ["-h", "--help"])
def test_help(app: Path, how: str, tool: str, flag: str) -> None:
    """`-h` and `--help` print the usage on stdout and exit 0."""
    result = call(app, how, tool, flag)
    assert result.returncode == 0 and result.stderr == ""
    assert result.stdout.startswith(f"usage: {tool} [-h] [--version]")
    assert "--version   show the version and exit\n" in result.stdout


RUN_MISTAKES = [
    (
        ["zzqqxx.config"],
        "pconfigs-run: cannot resolve 'zzqqxx.config': no module named 'zzqqxx'\n"
        "  hint: check the spelling, and that the package is importable: run from the folder that holds it, or "
        "install it in this Python environment (pip install -e . for your project)\n",
    ),
    (
        ["cliap.experiments.hello"],
        (
            "pconfigs-run: cannot resolve 'cliap.experiments.hello': no module named 'cliap'\n"
            "  hint: did you mean 'cliapp'?\n"
        ),
    ),
    (
        ["cliapp.experimets.hello"],
        "pconfigs-run: cannot resolve 'cliapp.experimets.hello': package 'cliapp' has no module or attribute "
        "'experimets'\n  hint: did you mean 'experiments'?\n",
    ),
    (
        ["cliapp.experiments.helo"],
        "pconfigs-run: cannot resolve 'cliapp.experiments.helo': module 'cliapp.experiments' has no attribute "
        "'helo'\n  hint: did you mean 'hello'?\n",
    ),
    (
        ["cliapp.experiments.zzzzzz"],
        "pconfigs-run: cannot resolve 'cliapp.experiments.zzzzzz': module 'cliapp.experiments' has no attribute "
        "'zzzzzz'\n",
    ),
    (
        ["jsno.config"],
        "pconfigs-run: cannot resolve 'jsno.config': no module named 'jsno'\n"
        "  hint: check the spelling, and that the package is importable: run from the folder that holds it, or "
        "install it in this Python environment (pip install -e . for your project)\n",
    ),
    (
        ["cliapp.experiments.Group.membr"],
        "pconfigs-run: cannot resolve 'cliapp.experiments.Group.membr': cliapp.experiments.Group has no attribute "
        "'membr'\n  hint: did you mean 'member'?\n",
    ),
    (
        ["cliapp..hello"],
        "pconfigs-run: 'cliapp..hello' is not a dotted path\n"
        "  hint: name the config as package.module.attribute, e.g. project.experiments.second.config\n",
    ),
    (
        ["cliapp.experiments"],
        "pconfigs-run: cliapp.experiments is not a config (it is a module)\n"
        "  hint: did you mean 'cliapp.experiments.hello'?\n",
    ),
    (
        ["cliapp.experiments.number"],
        "pconfigs-run: cliapp.experiments.number is not a config (it is an int)\n"
        "  hint: name a config object (an instance of a @pconfig class)\n",
    ),
    (
        ["cliapp.apps.EchoConfig"],
        "pconfigs-run: cliapp.apps.EchoConfig is not a config (it is the config class EchoConfig)\n"
        "  hint: name a config object, e.g. a module-level `config = EchoConfig(...)`\n",
    ),
    (
        ["cliapp.experiments.plain"],
        "pconfigs-run: cliapp.experiments.plain cannot run: Plain constructs nothing\n"
        "  hint: declare it with @pconfig(constructs=SomeClass), SomeClass being @pconfiged(runnable=True)\n",
    ),
    (
        ["cliapp.experiments.quiet"],
        "pconfigs-run: cliapp.experiments.quiet cannot run: QuietConfig constructs Quiet, which is not runnable\n"
        "  hint: declare Quiet with @pconfiged(runnable=True) and give it a main method\n",
    ),
    (
        ["cliapp.experiments.unset"],
        "pconfigs-run: cliapp.experiments.unset: cannot run, 2 fields are still Required: name, inner.depth\n"
        "  built at cliapp/experiments.py:11\n"
        "  hint: set them: NestedConfig(cfg, name=...)\n",
    ),
    (
        ["cliapp.experiments.unset", "name=x"],
        "pconfigs-run: cliapp.experiments.unset: cannot run, 1 field is still Required: inner.depth\n"
        "  built at cliapp/experiments.py:11\n"
        "  hint: set it: NestedConfig(cfg, inner=Inner(cfg.inner, depth=...))\n",
    ),
    (
        ["--bogus", "cliapp.experiments.hello"],
        "pconfigs-run: unknown option '--bogus'\n  hint: run 'pconfigs-run --help'\n",
    ),
    (
        [],
        "pconfigs-run: missing TARGET\n"
        "  hint: usage: pconfigs-run TARGET [PATH=VALUE ...] [-- ARGS...], "
        "e.g. pconfigs-run project.experiments.second.config\n",
    ),
    (
        ["--", "x"],
        "pconfigs-run: missing TARGET before '--'\n  hint: usage: pconfigs-run TARGET [PATH=VALUE ...] [-- ARGS...]\n",
    ),
    (
        ["cliapp.experiments.hello", "extra"],
        "pconfigs-run: unexpected argument 'extra' after TARGET 'cliapp.experiments.hello'\n"
        "  hint: pass arguments for main after '--'; an override is PATH=VALUE\n",
    ),
]


@VIA
@pytest.mark.parametrize(("args", "message"), RUN_MISTAKES)
def test_run_mistakes_exit_2_with_one_message(app: Path, how: str, args: list[str], message: str) -> None:
    """A mistake in the command prints one message on stderr, nothing on stdout, and exits 2."""
    result = call(app, how, "pconfigs-run", *args)
    assert (result.returncode, result.stdout, result.stderr) == (2, "", message)


PRINT_MISTAKES = [
    (
        ["cliapp.experiments.helo"],
        "pconfigs-print: cannot resolve 'cliapp.experiments.helo': module 'cliapp.experiments' has no attribute "
        "'helo'\n  hint: did you mean 'hello'?\n",
    ),
    (
        ["cliapp.experiments.number"],
        "pconfigs-print: cliapp.experiments.number is not a config (it is an int)\n"
        "  hint: name a config object (an instance of a @pconfig class)\n",
    ),
    (
        ["--runnable", "cliapp.experiments.holder"],
        "pconfigs-print: cliapp.experiments.holder: cannot write a runnable module: "
        "these values have no Python form:\n"
        "  value: builtins.object object\n"
        "  hint: give those fields values that print as Python, or print without --runnable\n",
    ),
    (
        ["cliapp.experiments.hello", "--", "x"],
        "pconfigs-print: unknown option '--'\n  hint: run 'pconfigs-print --help'\n",
    ),
    (
        ["cliapp.experiments.hello", "cliapp.experiments.failing"],
        "pconfigs-print: unexpected argument 'cliapp.experiments.failing' after TARGET 'cliapp.experiments.hello'\n"
        "  hint: usage: pconfigs-print TARGET [PATH=VALUE ...]\n",
    ),
    (
        [],
        "pconfigs-print: missing TARGET\n"
        "  hint: usage: pconfigs-print TARGET [PATH=VALUE ...], "
        "e.g. pconfigs-print project.experiments.second.config\n",
    ),
]


@VIA
@pytest.mark.parametrize(("args", "message"), PRINT_MISTAKES)
def test_print_mistakes_exit_2_with_one_message(app: Path, how: str, args: list[str], message: str) -> None:
    """A mistake in the print command prints one message on stderr, nothing on stdout, and exits 2."""
    result = call(app, how, "pconfigs-print", *args)
    assert (result.returncode, result.stdout, result.stderr) == (2, "", message)


USER_ERRORS = [
    (
        "pconfigs-run",
        "cliapp.experiments.boom",
        "about to fail\n",
        'cliapp/apps.py", line 46, in main',
        "RuntimeError: boom in main",
    ),
    (
        "pconfigs-run",
        "cliapp.broken.config",
        "",
        'cliapp/broken.py", line 1, in <module>',
        "RuntimeError: broken at import",
    ),
    (
        "pconfigs-print",
        "cliapp.broken.config",
        "",
        'cliapp/broken.py", line 1, in <module>',
        "RuntimeError: broken at import",
    ),
    (
        "pconfigs-run",
        "cliapp.missingdep.config",
        "",
        'cliapp/missingdep.py", line 1, in <module>',
        "ModuleNotFoundError: No module named 'cliapp_no_such_dependency'",
    ),
    ("pconfigs-print", "cliapp.badbuild.config", "", 'cliapp/badbuild.py", line 3, in <module>', "TypeError: Plain.x:"),
]


@VIA
@pytest.mark.parametrize(("tool", "target", "stdout", "frame", "error"), USER_ERRORS)
def test_errors_in_user_code_show_the_traceback_and_exit_1(
    app: Path, how: str, tool: str, target: str, stdout: str, frame: str, error: str
) -> None:
    """An exception raised by the user's code prints its traceback, without the commands' frames, and exits 1."""
    result = call(app, how, tool, target)
    assert (result.returncode, result.stdout) == (1, stdout)
    lines = result.stderr.splitlines()
    assert lines[0] == "Traceback (most recent call last):"
    assert lines[1].startswith('  File "') and lines[1].endswith(frame)
    assert any(line.startswith(error) for line in lines[-3:])
    assert "pconfigs/cli" not in result.stderr and "importlib" not in result.stderr


@VIA
def test_a_build_error_shows_only_the_users_line(app: Path, how: str) -> None:
    """A config whose build refuses a value shows the user's line and the message: no generated `__init__`, no
    frame of pconfigs' own modules."""
    result = call(app, how, "pconfigs-run", "cliapp.badbuild.config")
    assert (result.returncode, result.stdout) == (1, "")
    assert [line for line in result.stderr.splitlines() if line.strip("^~ ")] == [
        "Traceback (most recent call last):",
        f'  File "{app / "cliapp" / "badbuild.py"}", line 3, in <module>',
        "    config = Plain(x='one')",
        "TypeError: Plain.x: expected int, got str 'one'",
        "  set at cliapp/badbuild.py:3",
        "  hint: pass a value of type int",
    ]


def test_user_traceback_leaves_out_pconfigs_frames_reached_through_a_link(tmp_path: Path) -> None:
    """A frame of pconfigs' own files is left out even when its filename goes through a symbolic link."""
    from pconfigs.cli import _tracebacks

    core = Path(pconfigs.__file__).parent
    link = tmp_path / "linked"
    link.symlink_to(core, target_is_directory=True)
    code = compile("raise TypeError('from inside')", str(link / "_generate.py"), "exec")
    try:
        exec(code, {})
    except TypeError as exc:
        shown = _tracebacks.user_traceback(exc)
    shown = "".join(line for line in shown.splitlines(True) if line.strip("^~ \n"))  # position markers, 3.11+
    here = Path(__file__)
    line = here.read_text(encoding="utf-8").splitlines().index("        exec(code, {})") + 1
    assert shown == (
        "Traceback (most recent call last):\n"
        f'  File "{here}", line {line}, in test_user_traceback_leaves_out_pconfigs_frames_reached_through_a_link\n'
        "    exec(code, {})\n"
        "TypeError: from inside\n"
    )


@VIA
def test_print_shows_required_fields_by_name(app: Path, how: str) -> None:
    """Required is printed as itself, imported from pconfigs, and the printer exits 0."""
    result = call(app, how, "pconfigs-print", "cliapp.experiments.unset")
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == textwrap.dedent(
        """\
        from cliapp.apps import NestedConfig, Nested, Inner
        from pconfigs import Required

        # NOTE: This code is not intended to run. It is for reading and looking up type definitions.
        # If you want to run or inspect these objects, import the config from where it is defined.

        NestedConfig(
            constructable_type=Nested,  # ClassVar (omit from config)
            name=Required,
            inner=Inner(depth=Required),
        )
        """
    )


@VIA
def test_print_runnable_writes_a_module_binding_config(app: Path, how: str) -> None:
    """`--runnable` prints the inputs as a module that binds `config`."""
    result = call(app, how, "pconfigs-print", "--runnable", "cliapp.experiments.hello")
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == ('from cliapp.apps import EchoConfig\n\nconfig = EchoConfig(greeting="hello", status=0)\n')


@VIA
def test_an_exception_in_main_names_what_was_running(app: Path, how: str) -> None:
    """The traceback of an exception in main ends with a note naming the class and the target."""
    result = call(app, how, "pconfigs-run", "cliapp.experiments.boom")
    # A note on 3.11+, the message's second line on 3.10: the traceback's last two lines either way.
    assert result.stderr.splitlines()[-2:] == [
        "RuntimeError: boom in main",
        "while running Boom.main for cliapp.experiments.boom",
    ]


NOISY = """
import sys

print("importing noisy")
sys.stdout.write("more noise\\n")

from cliapp.apps import EchoConfig

config = EchoConfig(greeting="hi", status=0)
"""


@pytest.fixture(scope="module")
def noisy_app(app: Path) -> Path:
    (app / "cliapp" / "noisy.py").write_text(NOISY)
    return app


@VIA
def test_print_sends_what_the_target_prints_at_import_to_stderr(noisy_app: Path, how: str) -> None:
    """What user modules print while the target is imported goes to stderr, so `--runnable > file.py` stays code."""
    result = call(noisy_app, how, "pconfigs-print", "--runnable", "cliapp.noisy.config")
    assert (result.returncode, result.stdout, result.stderr) == (
        0,
        'from cliapp.apps import EchoConfig\n\nconfig = EchoConfig(greeting="hi", status=0)\n',
        "importing noisy\nmore noise\n",
    )


@VIA
def test_run_sends_what_the_target_prints_at_import_to_stderr(noisy_app: Path, how: str) -> None:
    """Under pconfigs-run too, stdout carries only what main prints."""
    result = call(noisy_app, how, "pconfigs-run", "cliapp.noisy.config", "--", "there")
    assert (result.returncode, result.stdout, result.stderr) == (0, "hi there\n", "importing noisy\nmore noise\n")


@pytest.mark.parametrize(
    "returned, status, stderr",
    [
        (None, 0, ""),
        (0, 0, ""),
        (3, 3, ""),
        (255, 255, ""),
        (256, 1, ""),
        (-1, 1, ""),
        (True, 1, ""),
        ("failed", 1, "pconfigs-run: x.config: main returned 'failed', which is not an exit status; exiting 1\n"),
        (2.0, 1, "pconfigs-run: x.config: main returned 2.0, which is not an exit status; exiting 1\n"),
    ],
)
def test_what_main_returns_becomes_the_exit_status(
    returned: object, status: int, stderr: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """None is 0, an int from 0 to 255 is the status, any other int is 1, anything else is printed and is 1."""
    from pconfigs.cli._main import exit_status

    assert exit_status(returned, "x.config") == status
    assert capsys.readouterr().err == stderr
