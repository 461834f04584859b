"""Set up a clone of pconfigs for development and run a hatch command in it: `python3 dev.py example`,
`python3 dev.py test [PYTEST ARGS]`, or `python3 dev.py hatch ARGS...` for any other hatch command.

It needs only a Python 3.10+ with its standard `venv` module, and works where pip may not install into the system
Python (PEP 668, as on Debian and Ubuntu): it creates a virtual environment for this Python in `.venv/` (one per
Python version, so several can coexist), installs hatch there once, and runs `hatch run example` or `hatch run
test` with it. Hatch then builds its own environment holding the four distributions and the examples, editable.
The exit status is the command's.
"""

from __future__ import annotations

import os
import subprocess
import sys

HATCH = "hatch>=1.16"
"""Hatch's workspaces (`workspace.members` in pyproject.toml) came in 1.16."""


def main(argv: list[str]) -> int:
    if sys.version_info < (3, 10):  # noqa: UP036 - dev.py runs under whatever python3 the machine has
        return _fail(f"pconfigs needs Python 3.10 or newer; this is {sys.version.split()[0]} ({sys.executable})")
    if not argv or argv[0] in ("-h", "--help"):
        sys.stdout.write(__doc__ or "")
        return 0 if argv else 2
    command = argv[0]
    if command == "hatch":
        args = argv[1:]
    elif command in ("example", "test", "lint", "bench"):
        args = ["run", command, *argv[1:]]
    else:
        return _fail(f"unknown command {command!r}", "use example, test, lint, bench, or hatch ARGS...")
    root = os.path.dirname(os.path.abspath(__file__))
    hatch = _hatch(root)
    if hatch is None:
        return 1
    return subprocess.call([hatch, *args], cwd=root)


def _hatch(root: str) -> str | None:
    """The hatch of this Python's environment in `.venv/`, created and installed when missing; None on failure."""
    name = f"{sys.implementation.name}-{sys.version_info[0]}.{sys.version_info[1]}"
    folder = os.path.join(root, ".venv", name)
    scripts = "Scripts" if os.name == "nt" else "bin"
    python = os.path.join(folder, scripts, "python.exe" if os.name == "nt" else "python")
    hatch = os.path.join(folder, scripts, "hatch.exe" if os.name == "nt" else "hatch")
    if os.path.exists(hatch):
        return hatch
    if not os.path.exists(python):
        import importlib.util

        if importlib.util.find_spec("venv") is None or importlib.util.find_spec("ensurepip") is None:
            version = f"{sys.version_info[0]}.{sys.version_info[1]}"
            _fail(
                f"this Python ({sys.executable}) cannot create virtual environments: its venv module or ensurepip "
                "is missing",
                f"on Debian or Ubuntu: sudo apt install python{version}-venv (or python3-venv); then run this again",
            )
            return None
        print(f"dev.py: creating a virtual environment in {os.path.relpath(folder)}", flush=True)
        import venv

        try:
            venv.EnvBuilder(with_pip=True).create(folder)
        except (OSError, subprocess.CalledProcessError) as exc:
            _fail(f"could not create a virtual environment in {folder}: {exc}")
            return None
    print(f"dev.py: installing {HATCH} into {os.path.relpath(folder)}", flush=True)
    done = subprocess.call([python, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", HATCH])
    if done != 0 or not os.path.exists(hatch):
        _fail(f"could not install {HATCH} into {folder} (pip exited {done})", "check the network or the index")
        return None
    return hatch


def _fail(message: str, hint: str | None = None) -> int:
    sys.stderr.write(f"dev.py: {message}\n" + (f"  hint: {hint}\n" if hint else ""))
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
