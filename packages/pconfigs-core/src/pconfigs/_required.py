"""Which fields of a config are still `Required`, and the one message that says so.

`construct()`, calling a `calls=` config, `pconfigs-run` and the experiment-testing pytest plugin all refuse a
config that still holds `Required` somewhere in its tree. They all use `still_required`, so the message reads the
same everywhere: the dotted path of every unset field (`inner.path`, `others[0].size`), where the config was built,
and a hint that is valid Python (a nested field is set by rebuilding each level from the config's own values).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ._errors import compose, safe_repr
from ._sentinels import Required
from ._site import Site
from ._spec import is_config

__all__ = ["required_paths", "collect_required", "still_required", "has_required"]


def required_paths(cfg: Any, prefix: str = "") -> list[str]:
    """Dotted paths of every field still holding `Required`, nested configs, lists and dicts included."""
    found: list[str] = []
    for n in type(cfg).__pconfig_spec__.names:
        collect_required(getattr(cfg, n), prefix + n, found)
    return found


def has_required(cfg: Any) -> bool:
    """Whether `Required` is left anywhere in `cfg`'s tree: `required_paths(cfg) != []`, without writing a path.

    Every complete build asks this before `__post_init__`, so it walks with an explicit stack, stops at the first
    `Required`, and builds no strings (writing each path made the check a third of an override's cost). A
    sub-config recorded complete when it was built (`__pconfig_complete__`) is not walked: a config never changes."""
    stack: list[Any] = [cfg]
    while stack:
        value = stack.pop()
        spec = value.__class__.__dict__.get("__pconfig_spec__")
        if spec is not None:
            if value.__pconfig_complete__ and value is not cfg:  # checked when it was built (see `_make`)
                continue
            for n in spec.names:
                item = getattr(value, n)
                if item is Required:
                    return True
                if item.__class__ not in _LEAVES:
                    stack.append(item)
        elif isinstance(value, (list, tuple)):
            for item in value:
                if item is Required:
                    return True
                if item.__class__ not in _LEAVES:
                    stack.append(item)
        elif isinstance(value, dict):
            for item in value.values():
                if item is Required:
                    return True
                if item.__class__ not in _LEAVES:
                    stack.append(item)
    return False


_LEAVES = frozenset({int, float, str, bool, type(None), bytes, complex})
"""Classes whose values hold nothing: `has_required` does not look inside them."""


def collect_required(value: object, path: str, found: list[str]) -> None:
    """Append to `found` the path of `value` (at `path`) and of every value inside it that is `Required`."""
    if value is Required:
        found.append(path)
    elif is_config(value):
        found.extend(required_paths(value, path + "."))
    elif isinstance(value, (list, tuple)):
        for i, item in enumerate(value):
            collect_required(item, f"{path}[{i}]", found)
    elif isinstance(value, dict):
        for key, item in value.items():
            collect_required(item, f"{path}[{safe_repr(key)}]", found)


def still_required(
    cfg: Any,
    doing: str,
    *,
    unset: list[str] | None = None,
    subject: str | None = None,
    also: Callable[[str, str], str] | None = None,
    built: Site | None = None,
) -> str | None:
    """The message refusing to `doing` (e.g. "construct") while fields of `cfg` are Required; None when none are.

    `unset` defaults to `required_paths(cfg)`; `subject` names what was refused (the class, or a command's TARGET);
    `also(pronoun, field)` adds a second way to set the first field (e.g. passing it in a call); `built` is where
    the config the user named was built, when `cfg` was rebuilt from it (by command-line overrides), so the message
    names the user's file and line as `construct()`'s does.
    """
    if unset is None:
        unset = required_paths(cfg)
    if not unset:
        return None
    name = type(cfg).__qualname__
    one = len(unset) == 1
    noun = "field is" if one else "fields are"
    pronoun = "it" if one else "them"
    hint = f"set {pronoun}: {_setting(cfg, unset[0])}"
    if also is not None:
        hint += f", or {also(pronoun, _top(unset[0]))}"
    return compose(
        f"{subject or name}: cannot {doing}, {len(unset)} {noun} still Required: {', '.join(unset)}",
        where=[("built at", built or getattr(cfg, "__pconfig_site__", None))],
        hint=hint,
    )


def _top(path: str) -> str:
    return path.split("[", 1)[0].split(".", 1)[0]


def _setting(cfg: Any, path: str) -> str:
    """Python that builds `cfg` with the value at `path` set: `Job(cfg, inner=Inner(cfg.inner, path=...))`.

    Only attribute steps are rebuilt; a path through a list or dict element sets the whole container field.
    """
    names = path.split("[", 1)[0].split(".")
    levels = [cfg]
    for n in names[:-1]:
        levels.append(getattr(levels[-1], n))
    expression = f"{names[-1]}=..."
    for depth in range(len(names) - 1, 0, -1):
        inner = type(levels[depth]).__qualname__
        expression = f"{names[depth - 1]}={inner}(cfg.{'.'.join(names[:depth])}, {expression})"
    return f"{type(cfg).__qualname__}(cfg, {expression})"
