"""Snapshot files of the pytest plugin: what one holds, and what changed since it was written.

A snapshot is the `pconfigs-print --runnable` module of the config (`config = Cls(...)`, inputs only), so it
rebuilds into a config: a mismatch is shown as `pconfigs.diff` lines (`path: old -> new`), and the file is a target
the commands take (`pconfigs-diff tests/snapshots/x.py project.experiments.x.config`).

Inputs alone do not pin the resolved values: loading the file runs today's code, which recomputes every derived
value, so a change to how one is computed would go unseen. The file therefore ends with a comment block holding
each derived value as it was when the file was written, one `# path = value` line each, in the printer's one-line
form. The block is compared as text and reported as the same `path: old -> new  # derived` lines.

Files written by earlier versions hold the readable print (with its `# NOTE: This code is not intended to run`
lines); they cannot be rebuilt, are recognised by that NOTE, and are rewritten by `--pconfigs-update-snapshots`.
"""

from __future__ import annotations

import ast
import sys
from typing import Any

__all__ = ["DERIVED_HEADER", "snapshot_text", "is_old_form", "load", "differences", "text_changes", "first_change"]

OLD_FORM_MARK = "# NOTE: This code is not intended to run."
"""The first NOTE line of the readable print: a snapshot holding it is in the old form."""

DERIVED_HEADER = "# Derived values when this snapshot was written (the pconfigs pytest plugin compares them):"


def snapshot_text(cfg: Any) -> str:
    """The snapshot file of `cfg`: its `--runnable` module, then the block of its derived values."""
    from pconfigs._extension import render_module

    text = render_module(cfg, runnable=True)
    values = derived_values(cfg)
    if values:
        text += "\n" + DERIVED_HEADER + "\n" + "".join(f"# {path} = {value}\n" for path, value in values)
    return text


def is_old_form(text: str) -> bool:
    return any(line.startswith(OLD_FORM_MARK) for line in text.splitlines())


def load(file: str) -> Any:
    """The config the snapshot binds, the file run as `load_runnable` runs a `--runnable` file."""
    from pconfigs._extension import is_config

    from ._target import load_runnable

    cfg = load_runnable(file)
    if not is_config(cfg):
        raise TypeError(f"`config` is {type(cfg).__qualname__}, not a config")
    return cfg


def derived_values(cfg: Any) -> list[tuple[str, str]]:
    """Each derived value inside `cfg` (nested configs, list elements and dict values included) as (path, text),
    depth first in declaration order; an explicit stack, since configs nest thousands deep. A sub-config met again
    (shared by two parents) is not walked again, so the block grows with the config, not with its paths; its
    inputs are still compared at every path by `diff`."""
    from pconfigs._extension import is_config, value_text

    out: list[tuple[str, str]] = []
    stack: list[tuple[str, Any, bool]] = [("", cfg, False)]
    seen: set[int] = set()  # a sub-config shared by several parents is walked at its first path only
    while stack:
        path, value, derived = stack.pop()
        if derived:
            out.append((path, value_text(value, limit=sys.maxsize)))
        children: list[tuple[str, Any, bool]] = []
        if is_config(value):
            if id(value) in seen:
                continue
            seen.add(id(value))
            for f in getattr(type(value), "__pconfig_spec__").fields:
                children.append((f"{path}.{f.name}" if path else f.name, getattr(value, f.name), f.kind is not None))
        elif isinstance(value, (list, tuple)):
            children = [(f"{path}[{i}]", v, False) for i, v in enumerate(value)]
        elif isinstance(value, dict):
            children = [(f"{path}[{value_text(k, limit=sys.maxsize)}]", v, False) for k, v in value.items()]
        stack.extend(reversed(children))
    return out


def _stored_values(text: str) -> dict[str, str]:
    """The derived block of a snapshot's text, path to value text."""
    lines = text.splitlines()
    if DERIVED_HEADER not in lines:
        return {}
    found = {}
    for line in lines[lines.index(DERIVED_HEADER) + 1 :]:
        path, sep, value = line[2:].partition(" = ")
        if line.startswith("# ") and sep:
            found[path] = value
    return found


def _under(path: str, prefix: str) -> bool:
    return prefix == "" or path == prefix or path.startswith((f"{prefix}.", f"{prefix}["))


def differences(stored: Any, stored_text: str, cfg: Any) -> list[str]:
    """`path: old -> new` lines from the snapshot (its config `stored`, its text) to `cfg`; [] when equal.

    The inputs come from `diff(stored, cfg)`. A derived value is taken from the snapshot's block instead, since
    `stored` was recomputed by today's code; only where `diff` shows a structural change above it (a class
    changed, an element added) is `diff`'s line kept.
    """
    from pconfigs._extension import diff

    found = diff(stored, cfg)
    structural = [d.path for d in found if not d.derived]
    old, new = _stored_values(stored_text), dict(derived_values(cfg))
    blocks = [p for p in {**old, **new} if not any(_under(p, s) for s in structural)]
    lines = [str(d) for d in found if not (d.derived and any(_under(d.path, p) for p in blocks))]
    for path in blocks:
        before, after = old.get(path), new.get(path)
        if before != after:
            lines.extend(_value_lines(path, before, after))
    return lines


def _value_lines(path: str, before: str | None, after: str | None) -> list[str]:
    """The lines of one derived value whose text changed, element by element for two lists (or tuples) of literals;
    none for two literals that are the same value written differently."""
    if before is None:
        return [f"{path}: added {_shown(after)}  # derived"]
    if after is None:
        return [f"{path}: removed {_shown(before)}  # derived"]
    from pconfigs._extension import value_text

    a, b = _literal(before), _literal(after)
    if a is not _NOT_LITERAL and b is not _NOT_LITERAL and value_text(a, sys.maxsize) == value_text(b, sys.maxsize):
        return []  # the same value written another way: the file is out of date, the value is not
    if type(a) is type(b) and isinstance(a, (list, tuple)):
        lines = []
        for i in range(max(len(a), len(b))):
            if i >= len(b):
                lines.append(f"{path}[{i}]: removed {value_text(a[i])}  # derived")
            elif i >= len(a):
                lines.append(f"{path}[{i}]: added {value_text(b[i])}  # derived")
            elif value_text(a[i], limit=sys.maxsize) != value_text(b[i], limit=sys.maxsize):
                lines.append(f"{path}[{i}]: {value_text(a[i])} -> {value_text(b[i])}  # derived")
        return lines
    return [f"{path}: {_shown(before)} -> {_shown(after)}  # derived"]


_NOT_LITERAL = object()


def _literal(text: str | None) -> Any:
    try:
        return ast.literal_eval(text) if text is not None else _NOT_LITERAL
    except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
        return _NOT_LITERAL


def _shown(text: str | None) -> str:
    """A stored value's text as a difference line shows it: shortened as `value_text` does, where it is a literal."""
    from pconfigs._extension import value_text

    value = _literal(text)
    return str(text) if value is _NOT_LITERAL else value_text(value)


def text_changes(before: str, after: str, most: int = 12) -> list[str]:
    """The removed (`-`) and added (`+`) lines from `before` to `after`, at most `most` of them, for a message."""
    import difflib

    changed = [
        line.rstrip("\n")
        for line in difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0)
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]
    if len(changed) > most:
        changed = [*changed[:most], f"... and {len(changed) - most} more changed lines"]
    return changed


def first_change(before: str, after: str) -> tuple[int, str, str]:
    """The first line (1-based) where two texts differ, and that line in each ("" past the end)."""
    a, b = before.splitlines(), after.splitlines()
    for i in range(max(len(a), len(b))):
        x, y = (a[i] if i < len(a) else ""), (b[i] if i < len(b) else "")
        if x != y:
            return i + 1, x, y
    return 0, "", ""
