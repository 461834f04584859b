"""Argument parsing, the two commands, and how their failures are reported (see the package docstring)."""

from __future__ import annotations

import contextlib
import os
import sys
import traceback
from collections.abc import Callable, Sequence
from typing import Any

from ._target import UsageError, configs_in, describe, resolve

__all__ = ["run_main", "print_main"]

_RUN_HELP = """\
usage: pconfigs-run [-h] [--version] TARGET [-- ARGS...]

Run an experiment: import the config TARGET (package.module.attribute, e.g.
project.experiments.second.config), construct the class it constructs and call
its main(*ARGS), ARGS being strings. An int returned by main is the exit status.

options:
  -h, --help  show this help and exit
  --version   show the version and exit
"""

_PRINT_HELP = """\
usage: pconfigs-print [-h] [--version] [--runnable] TARGET

Print the config TARGET (package.module.attribute, e.g.
project.experiments.second.config) as Python code, derived values included.

options:
  -h, --help  show this help and exit
  --version   show the version and exit
  --runnable  print a module that binds `config` to an equal config, built from
              its inputs only (derived values and ClassVars left out)
"""


def run_main(argv: Sequence[str] | None = None) -> int:
    """`pconfigs-run TARGET [-- ARGS...]`; returns the exit status."""
    return _command("pconfigs-run", _RUN_HELP, argv, _run, flags=(), passes_args=True)


def print_main(argv: Sequence[str] | None = None) -> int:
    """`pconfigs-print [--runnable] TARGET`; returns the exit status."""
    return _command("pconfigs-print", _PRINT_HELP, argv, _print, flags=("--runnable",), passes_args=False)


def _command(
    prog: str,
    help_text: str,
    argv: Sequence[str] | None,
    action: Callable[[str, Any, set[str], list[str]], int],
    flags: tuple[str, ...],
    passes_args: bool,
) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    try:
        target, given, rest = _parse(prog, args, flags, passes_args)
        if target is None:
            if "--help" in given:
                sys.stdout.write(help_text)
            else:
                from . import __version__

                sys.stdout.write(f"{prog} {__version__}\n")
            return 0
        if "" not in sys.path and os.getcwd() not in sys.path:
            # As with `python -m`: modules in the current directory are importable.
            sys.path.insert(0, os.getcwd())
        try:
            with contextlib.redirect_stdout(sys.stderr):  # what user modules print at import is not our output
                obj = resolve(target)
            return action(target, obj, given, rest)
        except UsageError:
            raise
        except SystemExit:
            raise
        except Exception as exc:
            _print_user_traceback(exc)
            return 1
    except UsageError as err:
        from pconfigs._extension import compose

        sys.stderr.write(compose(f"{prog}: {err.message}", hint=err.hint) + "\n")
        return 2


def _parse(
    prog: str, args: list[str], flags: tuple[str, ...], passes_args: bool
) -> tuple[str | None, set[str], list[str]]:
    target = None
    given: set[str] = set()
    for i, arg in enumerate(args):
        if arg == "--" and passes_args:
            if target is None:
                raise UsageError("missing TARGET before '--'", f"usage: {prog} TARGET [-- ARGS...]")
            return target, given, args[i + 1 :]
        if arg in ("-h", "--help"):
            return None, {"--help"}, []
        if arg == "--version":
            return None, {"--version"}, []
        if arg in flags:
            given.add(arg)
        elif arg.startswith("-") and arg != "-":
            raise UsageError(f"unknown option {arg!r}", f"run '{prog} --help'")
        elif target is None:
            target = arg
        else:
            hint = "pass arguments for main after '--'" if passes_args else f"run '{prog} --help'"
            raise UsageError(f"unexpected argument {arg!r} after TARGET {target!r}", hint)
    if target is None:
        usage = f"{prog} TARGET [-- ARGS...]" if passes_args else f"{prog} [--runnable] TARGET"
        raise UsageError("missing TARGET", f"usage: {usage}, e.g. {prog} project.experiments.second.config")
    return target, given, []


def _config(target: str, obj: Any) -> Any:
    import types

    from pconfigs._extension import is_config, is_config_class

    if is_config(obj):
        return obj
    hint = "name a config object (an instance of a @pconfig class)"
    if isinstance(obj, types.ModuleType):
        names = configs_in(obj)
        if names:
            hint = f"did you mean '{target}.{names[0]}'?"
    elif is_config_class(obj):
        hint = f"name a config object, e.g. a module-level `config = {obj.__qualname__}(...)`"
    raise UsageError(f"{target} is not a config (it is {describe(obj)})", hint)


def _run(target: str, obj: Any, given: set[str], rest: list[str]) -> int:
    from pconfigs._extension import add_context, is_runnable, still_required

    cfg = _config(target, obj)
    name = type(cfg).__qualname__
    constructs = getattr(type(cfg), "constructable_type", None)
    if constructs is None:
        raise UsageError(
            f"{target} cannot run: {name} constructs nothing",
            "declare it with @pconfig(constructs=SomeClass), SomeClass being @pconfiged(runnable=True)",
        )
    if not is_runnable(constructs):
        raise UsageError(
            f"{target} cannot run: {name} constructs {constructs.__qualname__}, which is not runnable",
            f"declare {constructs.__qualname__} with @pconfiged(runnable=True) and give it a main method",
        )
    refusal = still_required(cfg, "run", subject=target)
    if refusal is not None:
        raise UsageError(refusal)
    runner = cfg.construct()
    try:
        status = runner.main(*rest)
    except Exception as exc:
        add_context(exc, f"while running {type(runner).__qualname__}.main for {target}")
        raise
    sys.stdout.flush()
    return exit_status(status, target)


def exit_status(status: object, target: str) -> int:
    """The exit status for what `main` returned (DESIGN 6): `None` is 0, an int from 0 to 255 is itself, any other
    int is 1, and anything else is printed to stderr and is 1 (a `main` returning "failed" did not succeed)."""
    if status is None:
        return 0
    if isinstance(status, int):  # bool included: True is 1, False is 0, as sys.exit treats them
        return int(status) if 0 <= status <= 255 else 1
    sys.stderr.write(f"pconfigs-run: {target}: main returned {status!r}, which is not an exit status; exiting 1\n")
    return 1


def _print(target: str, obj: Any, given: set[str], rest: list[str]) -> int:
    from pconfigs._extension import UnrenderableError, render_module

    cfg = _config(target, obj)
    try:
        with contextlib.redirect_stdout(sys.stderr):  # user code run while printing (a __reduce__) prints there too
            text = render_module(cfg, runnable="--runnable" in given)
    except UnrenderableError as err:
        lines = str(err).split("\n")
        raise UsageError(
            f"{target}: {lines[0]}\n" + "\n".join(lines[1:]),
            "give those fields values that print as Python, or print without --runnable",
        ) from None
    try:
        sys.stdout.write(text)
    except UnicodeEncodeError:
        sys.stdout.flush()
        sys.stdout.buffer.write(text.encode("utf-8"))
    sys.stdout.flush()
    return 0


_HERE = os.path.dirname(os.path.abspath(__file__))
_SKIPPED = (_HERE, os.path.dirname(_HERE) + os.sep + "run.py", os.path.dirname(_HERE) + os.sep + "print.py", "<frozen")


def _print_user_traceback(exc: BaseException) -> None:
    """The exception's traceback from the first frame outside these commands (and importlib)."""
    tb = exc.__traceback__
    while tb is not None and tb.tb_frame.f_code.co_filename.startswith(_SKIPPED):
        tb = tb.tb_next
    sys.stdout.flush()
    traceback.print_exception(type(exc), exc, tb if tb is not None else exc.__traceback__)
