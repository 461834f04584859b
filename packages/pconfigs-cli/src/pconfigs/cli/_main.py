"""Argument parsing, the two commands, and how their failures are reported (see the package docstring)."""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable, Sequence
from typing import Any

from ._target import UsageError, configs_in, describe, resolve

__all__ = ["run_main", "print_main", "diff_main"]

_RUN_HELP = """\
usage: pconfigs-run [-h] [--version] [--record DIR [--resume]]
                    TARGET [PATH=VALUE ...] [--sweep PATH=V1,V2 ...] [-- ARGS...]
       pconfigs-run SWEEP --record DIR [--launcher L] [--launcher-option K=V ...]
                    [--max-parallel N] [--dry-run] [--resume] [-- ARGS...]

Run an experiment: import the config TARGET (package.module.attribute, e.g.
project.experiments.second.config), apply the overrides PATH=VALUE (e.g.
optimizer.lr=1e-3; values are parsed, never evaluated), construct the class it
constructs and call its main(*ARGS), ARGS being the strings after '--'.
main returning None is exit status 0, an int from 0 to 255 is the status.

options:
  -h, --help  show this help and exit; after TARGET, list every field path of
              TARGET with its type, value, origin and doc
  --version   show the version and exit
  --record DIR
              write a run record into the new or empty folder DIR: the config
              (config.py, a TARGET for pconfigs-print and pconfigs-diff), its
              JSON, origins, environment, command line, versions and git state
              before main runs, and status.json when it ends
  --resume    with --record, run into an existing record again; a record that
              finished with status 0 for the same config and ARGS is skipped

sweeps (TARGET a pconfigs.sweep.Sweep, a dict of named configs or a list of
configs; or a config with --sweep):
  --sweep PATH=V1,V2 ...
              sweep the config TARGET: every combination of the values, the
              first axis varying slowest (commas inside brackets or quotes do not
              separate values); overrides go before --sweep
  --dry-run   print each point's name and its differences from its base, and
              launch nothing
  --launcher L
              local (the default: one after another), processes:N (N at once),
              submitit (SLURM; pip install 'pconfigs-cli[submitit]') or ray
              (pip install 'pconfigs-cli[ray]'); every point runs in its own
              process, its record and log in DIR/SWEEP/POINT/
  --launcher-option K=V
              an option for submitit or ray (e.g. slurm_partition=gpu); repeat
  --max-parallel N
              run at most N points at once
"""

_PRINT_HELP = """\
usage: pconfigs-print [-h] [--version] [--runnable] [--origins] [--docs]
                      [--why PATH] [--format {python,json}] TARGET [PATH=VALUE ...]

Print the config TARGET (package.module.attribute, e.g.
project.experiments.second.config) as Python code, derived values included,
after the overrides PATH=VALUE (e.g. optimizer.lr=1e-3).

options:
  -h, --help  show this help and exit; after TARGET, list every field path of
              TARGET with its type, value, origin and doc
  --version   show the version and exit
  --runnable  print a module that binds `config` to an equal config, built from
              its inputs only (derived values and ClassVars left out)
  --origins   end each value's line with a comment saying where it came from
  --docs      end each value's line with the field's doc
  --why PATH  print every layer that set the value at PATH, newest first
  --format {python,json}
              Python code (the default), or strict JSON of every value
              (pconfigs.to_dict: derived values included)
"""


_DIFF_HELP = """\
usage: pconfigs-diff [-h] [--version] [--format {text,json}] A [B] [PATH=VALUE ...]

Compare two resolved configs path by path, derived values included and marked:
A and B are targets (package.module.attribute). The overrides PATH=VALUE apply
to B; with no B they apply to a copy of A, showing what they would change.
Exit status as diff: 0 same, 1 different, 2 a mistake.

options:
  -h, --help            show this help and exit; after A, list every field
                        path of A with its type, value, origin and doc
  --version             show the version and exit
  --format {text,json}  one line per difference (text, the default), or a JSON
                        list of {path, old, new, kind, derived}
"""


class _Args:
    """A parsed command line: TARGET, flags, options with values, overrides, and what follows '--'."""

    def __init__(self) -> None:
        self.target: str | None = None
        self.flags: set[str] = set()
        self.options: dict[str, str] = {}
        self.overrides: list[str] = []
        self.rest: list[str] = []
        self.second: str | None = None
        """pconfigs-diff's B."""
        self.argv: list[str] = []
        """The command line as given, for run records."""
        self.axes: list[str] = []
        """`--sweep PATH=V1,V2` axes (the PATH=VALUE texts after `--sweep`)."""
        self.launcher_options: list[str] = []
        """`--launcher-option K=V`, in order (the option repeats)."""


def run_main(argv: Sequence[str] | None = None) -> int:
    """`pconfigs-run TARGET [PATH=VALUE ...] [-- ARGS...]`; returns the exit status."""
    return _command(
        "pconfigs-run",
        _RUN_HELP,
        argv,
        _run,
        flags=("--resume", "--dry-run", "--sweep"),
        options=("--record", "--launcher", "--launcher-option", "--max-parallel"),
        passes_args=True,
    )


def print_main(argv: Sequence[str] | None = None) -> int:
    """`pconfigs-print [--runnable] [--origins] [--why PATH] TARGET [PATH=VALUE ...]`; returns the exit status."""
    return _command(
        "pconfigs-print",
        _PRINT_HELP,
        argv,
        _print,
        flags=("--runnable", "--origins", "--docs"),
        options=("--why", "--format"),
        passes_args=False,
    )


def diff_main(argv: Sequence[str] | None = None) -> int:
    """`pconfigs-diff [--format text|json] A [B] [PATH=VALUE ...]`; returns 0 (same), 1 (different) or 2."""
    return _command(
        "pconfigs-diff", _DIFF_HELP, argv, _diff, flags=(), options=("--format",), passes_args=False, targets=2
    )


def _command(
    prog: str,
    help_text: str,
    argv: Sequence[str] | None,
    action: Callable[[_Args, Any], int],
    flags: tuple[str, ...],
    options: tuple[str, ...],
    passes_args: bool,
    targets: int = 1,
) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    try:
        parsed = _parse(prog, args, flags, options, passes_args, targets)
        parsed.argv = args
        if parsed.target is None:
            if "--help" in parsed.flags:
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
                obj = resolve(parsed.target)
            if "--target-help" in parsed.flags:
                return _target_help(parsed, obj)
            return action(parsed, obj)
        except UsageError:
            raise
        except SystemExit:
            raise
        except _OverrideRefused as refused:
            print_user_traceback(refused.error)
            return 2
        except Exception as exc:
            print_user_traceback(exc)
            return 1
    except UsageError as err:
        from pconfigs._extension import compose

        sys.stderr.write(compose(f"{prog}: {err.message}", hint=err.hint) + "\n")
        return 2


def _parse(
    prog: str, args: list[str], flags: tuple[str, ...], options: tuple[str, ...], passes_args: bool, targets: int = 1
) -> _Args:
    parsed = _Args()
    usage = f"{prog} {'A [B]' if targets == 2 else 'TARGET'} [PATH=VALUE ...]" + (
        " [-- ARGS...]" if passes_args else ""
    )
    i = 0
    while i < len(args):
        arg = args[i]
        if arg == "--" and passes_args:
            if parsed.target is None:
                raise UsageError("missing TARGET before '--'", f"usage: {usage}")
            parsed.rest = args[i + 1 :]
            return parsed
        if arg in ("-h", "--help") and parsed.target is not None:
            parsed.flags.add("--target-help")  # TARGET --help: the target's fields
            i += 1
            continue
        if arg in ("-h", "--help", "--version"):
            result = _Args()
            result.flags.add("--help" if arg != "--version" else "--version")
            return result
        name, equals, value = arg.partition("=")
        if arg in flags:
            if arg in parsed.flags:
                raise UsageError(f"option {arg} given twice", f"give {arg} once")
            parsed.flags.add(arg)
        elif name in options:
            if not equals:
                if i + 1 >= len(args) or args[i + 1].startswith("-"):
                    raise UsageError(f"option {name} needs a value", f"run '{prog} --help'")
                i, value = i + 1, args[i + 1]
            if name == "--launcher-option":
                parsed.launcher_options.append(value)
            elif name in parsed.options:
                raise UsageError(f"option {name} given twice", f"give {name} once")
            else:
                parsed.options[name] = value
        elif arg.startswith("-") and arg != "-":
            raise UsageError(f"unknown option {arg!r}", f"run '{prog} --help'")
        elif parsed.target is None:
            parsed.target = arg
        elif targets == 2 and parsed.second is None and not parsed.overrides and os.path.exists(arg):
            parsed.second = arg  # a record's folder or a --runnable file, even with '=' in its name (a sweep point's)
        elif "=" in arg:
            (parsed.axes if "--sweep" in parsed.flags else parsed.overrides).append(arg)
        elif targets == 2 and parsed.second is None and not parsed.overrides:
            parsed.second = arg
        else:
            hint = "pass arguments for main after '--'; an override is PATH=VALUE" if passes_args else f"usage: {usage}"
            raise UsageError(f"unexpected argument {arg!r} after TARGET {parsed.target!r}", hint)
        i += 1
    if parsed.target is None:
        raise UsageError("missing TARGET", f"usage: {usage}, e.g. {prog} project.experiments.second.config")
    if "--sweep" in parsed.flags and not parsed.axes:
        raise UsageError(
            "--sweep needs at least one axis PATH=V1,V2 after it", f"e.g. {prog} TARGET --sweep steps=5,10"
        )
    return parsed


class _OverrideRefused(Exception):
    """User code (`__post_init__`, a `@pproperty`) refused a config built by the overrides: exit 2, its traceback."""

    def __init__(self, error: Exception) -> None:
        self.error = error


def _with_overrides(target: str, cfg: Any, texts: list[str]) -> Any:
    """`cfg` with the command line's `PATH=VALUE` overrides applied (a bad one is a usage error, exit 2)."""
    if not texts:
        return cfg
    from pconfigs._extension import apply_overrides, parse_overrides

    def importer(dotted: str) -> object:
        with contextlib.redirect_stdout(sys.stderr):
            return resolve(dotted)

    try:
        changes = parse_overrides(cfg, texts, importer)
    except (TypeError, ValueError) as exc:
        raise UsageError(f"{target}: {exc}") from None
    try:
        return _FROM_THE_COMMAND_LINE(apply_overrides, cfg, changes)
    except Exception as exc:
        raise _OverrideRefused(exc) from None


def _compile_from_the_command_line() -> Callable[..., Any]:
    """A function whose code is in the pseudo-file `<command line>`: pconfigs names the first frame outside its own
    files as where a config was built, so the configs the overrides build were built "at the command line"."""
    source = "def build(apply, cfg, changes):\n    return apply(cfg, changes, None, 'command line')\n"
    namespace: dict[str, Any] = {}
    exec(compile(source, "<command line>", "exec"), namespace)
    build: Callable[..., Any] = namespace["build"]
    return build


_FROM_THE_COMMAND_LINE = _compile_from_the_command_line()


def _compile_sweep_from_the_command_line() -> Callable[..., Any]:
    """As `_FROM_THE_COMMAND_LINE`, for the points `--sweep` builds: their swept values were set "at the command
    line"."""
    source = "def build(make, *args):\n    return make(*args)\n"
    namespace: dict[str, Any] = {}
    exec(compile(source, "<command line>", "exec"), namespace)
    build: Callable[..., Any] = namespace["build"]
    return build


_FROM_THE_COMMAND_LINE_SWEEP = _compile_sweep_from_the_command_line()


def _is_sweep(obj: object) -> bool:
    """`pconfigs.sweep.is_sweep(obj)`, without loading the sweep module for a config, which is never a sweep."""
    from pconfigs._extension import is_config

    if is_config(obj):
        return False
    from pconfigs import sweep

    return sweep.is_sweep(obj)


def _config(target: str, obj: Any) -> Any:
    import types

    from pconfigs._extension import is_config, is_config_class

    if is_config(obj):
        return obj
    hint = "name a config object (an instance of a @pconfig class)"
    if _is_sweep(obj):
        hint = f"see its points' differences with pconfigs-run {target} --dry-run, or name one of its configs"
    if isinstance(obj, types.ModuleType):
        names = configs_in(obj)
        if names:
            hint = f"did you mean '{target}.{names[0]}'?"
    elif is_config_class(obj):
        hint = f"name a config object, e.g. a module-level `config = {obj.__qualname__}(...)`"
    raise UsageError(f"{target} is not a config (it is {describe(obj)})", hint)


def _run(args: _Args, obj: Any) -> int:
    target, rest = str(args.target), args.rest
    if args.axes or _is_sweep(obj):
        return _run_sweep(args, obj)
    obj = _config(target, obj)
    for option in ("--dry-run", "--launcher", "--launcher-option", "--max-parallel"):
        if option in args.flags or option in args.options or (option == "--launcher-option" and args.launcher_options):
            raise UsageError(
                f"{option} is for sweeps, and {target} is one config",
                f"sweep it: pconfigs-run {target} --sweep PATH=V1,V2 {option} ...; or run it without {option}",
            )
    cfg = _with_overrides(target, obj, args.overrides)
    _check_runnable(target, cfg, getattr(obj, "__pconfig_site__", None))
    directory, resume = args.options.get("--record"), "--resume" in args.flags
    if directory is None and not resume:  # no record: its module (and json) is not loaded
        return execute(target, cfg, rest, None)
    from ._record import begin

    record = begin(directory, resume, cfg, target, args.argv, args.overrides, rest)
    if record.skipped:
        return 0
    with record:  # status.json when main ends, however it ends
        return execute(target, cfg, rest, record)


def _check_runnable(target: str, cfg: Any, built: tuple[str, int] | None = None) -> None:
    """Refuse, as a usage error, a config that cannot run: it constructs nothing runnable, or `Required` is left
    (named where the config TARGET names was `built`, not the command line that overrode it)."""
    from pconfigs._extension import is_runnable, still_required

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
    refusal = still_required(cfg, "run", subject=target, built=built)
    if refusal is not None:
        raise UsageError(refusal)


def _sweep_points(args: _Args, obj: Any) -> Any:
    """The points of the sweep TARGET names (or `--sweep` makes), every one built; a bad one is a usage error."""
    from ._sweeping import build_sweep

    def importer(dotted: str) -> object:
        with contextlib.redirect_stdout(sys.stderr):
            return resolve(dotted)

    try:
        return _FROM_THE_COMMAND_LINE_SWEEP(
            build_sweep, str(args.target), obj, args.axes, args.overrides, importer, _with_overrides
        )
    except (UsageError, _OverrideRefused):
        raise
    except Exception as exc:  # a point refused by user code (`__post_init__`, a `@pproperty`)
        raise _OverrideRefused(exc) from None


def _run_sweep(args: _Args, obj: Any) -> int:
    from ._sweeping import dry_run_text, run_sweep

    target = str(args.target)
    points = _sweep_points(args, obj)
    for point in points:
        _check_runnable(f"{target}: point {point.name!r}", point.config)
    if "--dry-run" in args.flags:
        sys.stdout.write(dry_run_text(points))
        sys.stdout.flush()
        return 0
    options: dict[str, str] = {}
    for text in args.launcher_options:
        key, equals, value = text.partition("=")
        if not equals or not key.strip().isidentifier():
            raise UsageError(
                f"--launcher-option {text!r} is not KEY=VALUE", "e.g. --launcher-option slurm_partition=gpu"
            )
        if key.strip() in options:
            raise UsageError(f"--launcher-option {key.strip()} given twice", "give each option once")
        options[key.strip()] = value
    max_parallel = None
    if "--max-parallel" in args.options:
        text = args.options["--max-parallel"]
        if not text.strip().isdigit() or int(text) < 1:
            raise UsageError(f"--max-parallel {text!r} is not a whole number of at least 1", "e.g. --max-parallel 4")
        max_parallel = int(text)
    return run_sweep(
        target,
        points,
        args.options.get("--record"),
        "--resume" in args.flags,
        args.options.get("--launcher", "local"),
        options,
        max_parallel,
        args.argv,
        args.overrides,
        args.rest,
    )


def execute(target: str, cfg: Any, rest: Sequence[str], record: Any) -> int:
    """Construct what `cfg` constructs and call its `main(*rest)`; the exit status, noted on `record` (a
    `_record.Recording`, or None for a run without a record). What `pconfigs-run` and a sweep's job (`_job`) both do
    once the config is ready."""
    from pconfigs._extension import add_context

    runner = cfg.construct()
    _check_main(target, runner, list(rest))
    try:
        status = runner.main(*rest)
    except Exception as exc:
        add_context(exc, f"while running {type(runner).__qualname__}.main for {target}")
        raise
    sys.stdout.flush()
    code = exit_status(status, target)
    return code if record is None else int(record.finished(code))


def _check_main(target: str, runner: Any, rest: list[str]) -> None:
    """Refuse, as a usage error, a `main` that cannot take the arguments given after '--' (the earlier pconfigs
    called `main(args, others)`; here `main(*ARGS)` receives only what follows '--', DESIGN 3.11)."""
    import inspect

    try:
        inspect.signature(runner.main).bind(*rest)
    except TypeError as exc:
        name = type(runner).__qualname__
        given = f"{len(rest)} argument{'s' if len(rest) != 1 else ''} after '--'"
        raise UsageError(
            f"{target}: {name}.main cannot take the {given} ({exc})",
            f"declare `def main(self, *args)`: main receives only the strings after '--' (e.g. {target} -- --epochs 3)",
        ) from None
    except ValueError:  # no signature to read (a builtin): let the call decide
        return


def exit_status(status: object, target: str) -> int:
    """The exit status for what `main` returned (DESIGN 6): `None` is 0, an int from 0 to 255 is itself, any other
    int is 1, and anything else is printed to stderr and is 1 (a `main` returning "failed" did not succeed)."""
    if status is None:
        return 0
    if isinstance(status, int):  # bool included: True is 1, False is 0, as sys.exit treats them
        return int(status) if 0 <= status <= 255 else 1
    sys.stderr.write(f"pconfigs-run: {target}: main returned {status!r}, which is not an exit status; exiting 1\n")
    return 1


def _print(args: _Args, obj: Any) -> int:
    target = str(args.target)
    fmt = args.options.get("--format", "python")
    if fmt not in ("python", "json"):
        raise UsageError(f"--format {fmt!r} is not a format", "use --format python or --format json")
    if _is_sweep(obj):  # each point, headed by its name
        points = _sweep_points(args, obj)
        if fmt == "json":
            import json

            from pconfigs._extension import to_dict

            try:
                data = {p.name: to_dict(p.config) for p in points}
            except (TypeError, ValueError) as exc:
                raise UsageError(f"{target}: {exc}", "print without --format json") from None
            text = json.dumps(data, indent=2, allow_nan=False, ensure_ascii=False) + "\n"
        else:
            texts = [
                f"# point {i} of {len(points)}: {p.name}\n" + _print_text(f"{target}[{p.name!r}]", p.config, args, [])
                for i, p in enumerate(points, 1)
            ]
            text = "\n".join(texts)
    else:
        cfg = _with_overrides(target, _config(target, obj), args.overrides)
        text = _print_text(target, cfg, args, args.overrides)
    try:
        sys.stdout.write(text)
    except UnicodeEncodeError:
        sys.stdout.flush()
        sys.stdout.buffer.write(text.encode("utf-8"))
    sys.stdout.flush()
    return 0


def _print_text(target: str, cfg: Any, args: _Args, overrides: list[str]) -> str:
    """What `pconfigs-print` writes for one config, with the flags given."""
    from pconfigs._extension import UnrenderableError, render_module

    given = args.flags
    fmt = args.options.get("--format", "python")
    if "--why" in args.options:
        from ._record import recorded_why

        text = recorded_why(target, overrides, args.options["--why"])  # a run record's, as recorded
        if text is None:
            text = _why(target, cfg, args.options["--why"])
    elif fmt == "json":
        text = _json(target, cfg)
    elif "--runnable" in given and "--origins" in given:
        raise UsageError("--origins cannot go with --runnable", "a runnable module holds values only; print twice")
    elif "--origins" in given:  # a run record's origins as recorded when it ran; None for other targets
        from ._record import recorded_origins

        text = recorded_origins(target, overrides, "--docs" in given)
    else:
        text = None
    try:
        with contextlib.redirect_stdout(sys.stderr):  # user code run while printing (a __reduce__) prints there too
            if text is None:
                text = render_module(
                    cfg, runnable="--runnable" in given, origins="--origins" in given, docs="--docs" in given
                )
    except UnrenderableError as err:
        lines = str(err).split("\n")
        raise UsageError(
            f"{target}: {lines[0]}\n" + "\n".join(lines[1:]),
            "give those fields values that print as Python, or print without --runnable",
        ) from None
    return text


def _diff(args: _Args, obj: Any) -> int:
    from pconfigs._extension import diff, diff_as_json, format_diff

    target = str(args.target)
    fmt = args.options.get("--format", "text")
    if fmt not in ("text", "json"):
        raise UsageError(f"--format {fmt!r} is not a format", "use --format text or --format json")
    a = _config(target, obj)
    if args.second is not None:
        with contextlib.redirect_stdout(sys.stderr):
            b = _config(args.second, resolve(args.second))
        label = args.second
    elif args.overrides:
        b, label = a, target
    else:  # A alone: A against what it was built from
        from pconfigs._extension import built_from

        try:
            base, name = built_from(a)
        except LookupError as exc:
            first, _, rest = str(exc).partition("\n")
            raise UsageError(f"{target}: {first}", rest.strip().removeprefix("hint: ") or None) from None
        except Exception as exc:
            raise _OverrideRefused(exc) from None
        sys.stderr.write(f"pconfigs-diff: comparing {target} with {name}\n")
        a, b, label = base, a, target
    b = _with_overrides(label, b, args.overrides)
    differences = diff(a, b)
    if fmt == "json":
        import json

        sys.stdout.write(json.dumps(diff_as_json(differences), indent=2, allow_nan=False) + "\n")
    else:
        sys.stdout.write(format_diff(differences))
    sys.stdout.flush()
    return 1 if differences else 0


def _target_help(args: _Args, obj: Any) -> int:
    """`TARGET --help`: every field path of the target (overrides applied) with its type, value, origin and doc."""
    from pconfigs._extension import field_help

    target = str(args.target)
    cfg = _with_overrides(target, _config(target, obj), args.overrides)
    sys.stdout.write(field_help(cfg, target))
    sys.stdout.flush()
    return 0


def _json(target: str, cfg: Any) -> str:
    """`--format json`: strict JSON of `pconfigs.to_dict(cfg)` (a value with no JSON form is a usage error)."""
    import json

    from pconfigs._extension import to_dict

    try:
        data = to_dict(cfg)
    except (TypeError, ValueError) as exc:
        raise UsageError(f"{target}: {exc}", "print without --format json, or give those fields JSON values") from None
    return json.dumps(data, indent=2, allow_nan=False, ensure_ascii=False) + "\n"


def _why(target: str, cfg: Any, path: str) -> str:
    """`--why PATH`: the value at PATH, then every layer that set it, newest first."""
    from pconfigs._extension import origin

    try:
        layers = origin(cfg, path)
    except (TypeError, ValueError, LookupError) as exc:
        first = str(exc).split("\n")[0]
        raise UsageError(f"{target}: --why {path}: {first}", "name a field path of the config") from None
    lines = [f"{path}: {len(layers)} layer{'s' if len(layers) != 1 else ''}, newest first"]
    lines += [f"  {i}. {layer.describe()}" for i, layer in enumerate(layers, 1)]
    return "\n".join(lines) + "\n"


def print_user_traceback(exc: BaseException) -> None:
    """The exception's traceback with the user's frames only: none of these commands', importlib's, pconfigs' own
    modules' or its generated code's (DESIGN 6: "without pconfigs' own frames")."""
    from ._tracebacks import user_traceback

    sys.stdout.flush()
    sys.stderr.write(user_traceback(exc))
