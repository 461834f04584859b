"""Where each value came from (DESIGN 6.2): `origin(cfg, "optimizer.lr")`.

Builds record little (`_trail`); this module works the rest out when asked. For a field of a config it follows
the value back, newest first, through every layer that set it: the keyword that set it (at the keyword's own line,
found by reading the call's source), the base it was copied from (named as the call wrote it, `from first_expr`),
the registered default, and so on back to the first layer; a derived value says which fields it was computed from,
a pin and a transformed input say so and go on to where their input came from, and a label (an override, the
command line, data, a `psetter`, a `calls=` signature) tells the origin outright.

`Origin` is a tuple of `Layer`s, newest first; `str(origin)` is the short form `pconfigs-print --origins` writes
as a comment: `second.py:6`, `default, trainer.py:41`, `from first_expr, first.py:4`,
`derived from grad_accum_steps, num_devices`, `command line`.
"""

from __future__ import annotations

import ast
import linecache
from typing import Any

from ._derived import is_pin
from ._errors import compose
from ._site import Line, Site, caller_site, format_site, line_of
from ._spec import input_of, is_config
from ._trail import Label, Trail

__all__ = ["Layer", "Origin", "origin", "field_origin", "built_from"]


class Layer:
    """One step of a value's history: `kind` ("keyword", "base", "default", "derived", "pin", "transformed", a
    label's kind such as "override", "command line", "data", "psetter", "signature"; or "unpickled"), where, and
    a detail (the base's expression, the fields a derived value is computed from)."""

    __slots__ = ("kind", "site", "detail")

    def __init__(self, kind: str, site: Site | None = None, detail: str = "") -> None:
        self.kind = kind
        self.site: Line | None = line_of(site) if site is not None else None
        """The file and line."""
        self.detail = detail

    def __str__(self) -> str:
        where = format_site(self.site) if self.site is not None else ""
        if self.kind in ("override", "command line", "sweep"):
            text = self.kind  # the comment sits on the field the path names: the path itself says nothing more
        else:
            text = {"base": f"from {self.detail}" if self.detail else "from a base", "default": "default"}.get(
                self.kind, f"{self.kind} {self.detail}".strip() if self.kind != "keyword" else ""
            )
        return ", ".join(part for part in (text, where) if part) or self.kind

    def describe(self) -> str:
        """One line of `pconfigs-print --why`: what this layer did, and where."""
        where = f" ({format_site(self.site)})" if self.site is not None else ""
        if self.kind == "keyword":
            return f"set by keyword at {format_site(self.site)}" if self.site is not None else "set by keyword"
        if self.kind == "base":
            return f"copied from the base {self.detail or 'config'}{where}"
        if self.kind == "default":
            return f"copied from the registered default of {self.detail}{where}"
        if self.kind == "unpickled":
            return "unpickled: where it was set before did not travel with the pickle"
        return f"{self.kind} {self.detail}".strip() + where

    def __repr__(self) -> str:
        return f"Layer({self.kind!r}, {self.site!r}, {self.detail!r})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Layer):
            return NotImplemented
        return (self.kind, self.site, self.detail) == (other.kind, other.site, other.detail)

    def __hash__(self) -> int:
        return hash((self.kind, self.site, self.detail))


class Origin(tuple):  # type: ignore[type-arg]
    """Every layer that set a value, newest first; `str()` is the one-line summary."""

    def __str__(self) -> str:
        words = []
        for layer in self:
            if layer.kind == "base":
                words.append(f"from {layer.detail}" if layer.detail else "from a base")
            elif layer.kind == "default":
                words.append("default")
            elif layer.kind in ("pin", "transformed"):
                words.append(layer.kind if not layer.detail else f"{layer.kind} {layer.detail}")
            else:
                words.append(str(layer))
                break
        return ", ".join(w for w in words if w)


def origin(cfg: Any, path: str) -> Origin:
    """Where the value at `path` (`"optimizer.lr"`, `"extra[0].workers"`) of `cfg` came from, newest layer first."""
    if not is_config(cfg):
        raise TypeError(
            compose(
                f"origin: expected a config, got {type(cfg).__qualname__}",
                hint='pass a config and a field path: pconfigs.origin(cfg, "optimizer.lr")',
            )
        )
    holder, name = _walk(cfg, path)
    return field_origin(holder, name)


def field_origin(cfg: Any, name: str) -> Origin:
    """Where the value of field `name` of config `cfg` came from, newest layer first."""
    spec = type(cfg).__pconfig_spec__
    layers: list[Layer] = []
    f = spec.field(name)
    computer = spec.computer
    if f.kind is not None:
        given = input_of(cfg, name)
        if given is f.kind.default_input() or not is_pin(given):
            deps = computer.dependencies(name) if computer is not None else ()
            return Origin([Layer("derived", None, "from " + ", ".join(deps) if deps else "")])
        layers.append(Layer("pin"))
    elif computer is not None and name in computer.transforms:
        layers.append(Layer("transformed", None, f"by {type(cfg).__qualname__}.{name}"))
    cls: type = type(cfg)
    trail: Any = getattr(cfg, "__pconfig_trail__", "unpickled")
    site: Site | None = getattr(cfg, "__pconfig_site__", None)
    for _ in range(100_000):  # a chain of bases and defaults; never recursion
        if trail == "unpickled":
            layers.append(Layer("unpickled"))
            break
        labels = trail.labels if isinstance(trail, Trail) else None
        if labels and name in labels:
            label: Label = labels[name]
            layers.append(Layer(label.kind, label.site, label.detail))
            break
        sspec = cls.__pconfig_spec__  # type: ignore[attr-defined]
        position = sspec.index[name]
        if not isinstance(trail, Trail) or position not in trail.pending:
            layers.append(Layer("keyword", _keyword_site(site, name)))
            break
        found = _source_of(sspec, trail, position)
        if found is None:
            layers.append(Layer("derived"))
            break
        j, src_name = found
        src_cls, src_trail, src_site = trail.sources[j]
        if j == 0 and trail.rebuilt:
            pass  # rebuilt from this base by an override: the value's history goes on in the base
        elif j < trail.bases:
            layers.append(Layer("base", src_site, _argument_text(site, j)))
        else:
            layers.append(Layer("default", src_site, src_cls.__qualname__))
        cls, trail, site, name = src_cls, src_trail, src_site, src_name
    return Origin(layers)


def built_from(cfg: Any) -> tuple[Any, str]:
    """What `cfg` was built from (`pconfigs-diff A` alone, DESIGN 6.2), and how to name it: its first base, found by
    the name its build call wrote (`first_expr` in `Cfg(first_expr, lr=...)`, looked up in the module that made the
    call, never evaluated), or, for a config built with no base, its class built from the registered defaults.

    Raises `LookupError` when it was built from nothing, or when the base cannot be found again by its name.
    """
    cls = type(cfg)
    trail: Any = getattr(cfg, "__pconfig_trail__", "unpickled")
    site: Site | None = getattr(cfg, "__pconfig_site__", None)
    while isinstance(trail, Trail) and trail.rebuilt and trail.sources:  # an override's rebuild: look past it
        cls, trail, site = trail.sources[0]
    name = cls.__qualname__
    if trail == "unpickled":
        raise LookupError(
            compose(
                f"{name} was unpickled: what it was built from did not travel with the pickle",
                hint="name the config to compare it with: pconfigs-diff BASE TARGET",
            )
        )
    if isinstance(trail, Trail) and trail.bases:
        src_cls, _src_trail, src_site = trail.sources[0]
        texts = [ast.unparse(c.args[0]) for c in _calls_at(site) if c.args]  # outermost first
        for text in reversed(texts):  # several calls on the build's line: the one whose first argument is the base
            base = _look_up(text, site)
            if type(base) is src_cls and _same_site(getattr(base, "__pconfig_site__", None), src_site):
                return base, f"{text} ({format_site(src_site)})"
        written = texts[0] if texts else ""
        why = f"is written {written!r}, which" if written else "cannot be read from the source, so it"
        raise LookupError(
            compose(
                f"cannot find what {name} was built from: its first base {why} does not name it at module level "
                f"in {format_site(site)}",
                hint="name the config to compare it with: pconfigs-diff BASE TARGET",
            )
        )
    from ._registry import default_chain

    if not default_chain(cls):
        raise LookupError(
            compose(
                f"{name} was built from nothing: no base, and {name} has no registered default",
                hint="name the config to compare it with: pconfigs-diff BASE TARGET",
            )
        )
    return cls(), f"the registered defaults of {name}"


def _same_site(a: Site | None, b: Site | None) -> bool:
    return a is not None and b is not None and line_of(a) == line_of(b)


def _look_up(written: str, site: Site | None) -> Any:
    """The object the dotted name `written` (`first_expr`, `experiments.first.config`) names in the module whose file
    is `site`'s, or None: names and attributes only, nothing evaluated."""
    import sys

    parts = written.split(".")
    if site is None or not all(p.isidentifier() for p in parts):
        return None
    filename = line_of(site)[0]
    for module in list(sys.modules.values()):
        if getattr(module, "__file__", None) == filename:
            value: Any = vars(module).get(parts[0])
            for part in parts[1:]:
                value = getattr(value, part, None)
            return value
    return None


def _source_of(spec: Any, trail: Trail, position: int) -> tuple[int, str] | None:
    """Which source handed field `position` over (the merge's rule), and the field's name in it."""
    from ._merge import handover_plan

    for j, (src_cls, _trail, _site) in enumerate(trail.sources):
        name = handover_plan(spec, src_cls).get(position)
        if name is not None:
            return j, name
    return None


def _walk(cfg: Any, path: str) -> tuple[Any, str]:
    """The config holding the field at `path`, and the field's name (an element path names its field)."""
    from ._override import path_steps

    holder: Any = cfg
    name: str | None = None
    for step in path_steps(type(cfg), path, caller_site(2)):
        if isinstance(step, str):
            if name is not None:
                holder = getattr(holder, name)
            if not is_config(holder) or step not in type(holder).__pconfig_spec__.index:
                fields = ", ".join(type(holder).__pconfig_spec__.names) if is_config(holder) else "none"
                raise TypeError(
                    compose(
                        f"origin: {path!r}: {type(holder).__qualname__} has no field {step!r}",
                        hint=f"its fields are: {fields}",
                    )
                )
            name = step
        else:  # an index or a key: followed when it leads to a config
            element = (getattr(holder, name) if name is not None else holder)[step.key]
            if is_config(element):
                holder, name = element, None
    if name is None:
        raise TypeError(compose(f"origin: {path!r} names a config, not a field", hint="name one of its fields"))
    return holder, name


_CALLS: dict[str, list[ast.Call]] = {}
"""Every call in a file, read once per file (a print with origins asks for many fields of one module)."""


def _calls_at(site: Site | None) -> list[ast.Call]:
    """The calls whose lines include the line of `site` (a build's call), outermost first."""
    if site is None:
        return []
    filename, line = line_of(site)
    calls = _CALLS.get(filename)
    if calls is None:
        try:
            tree = ast.parse("".join(linecache.getlines(filename)) or "\n")
        except (SyntaxError, ValueError):
            tree = ast.Module(body=[], type_ignores=[])
        calls = _CALLS[filename] = [n for n in ast.walk(tree) if isinstance(n, ast.Call)]
    return [n for n in calls if n.lineno <= line <= (n.end_lineno or n.lineno)]


def _keyword_site(site: Site | None, name: str) -> Site | None:
    """The line of the keyword `name=` in the call at `site` (Python's code positions name the call's first line)."""
    for call in reversed(_calls_at(site)):  # innermost first
        for keyword in call.keywords:
            if keyword.arg == name and site is not None:
                return (line_of(site)[0], keyword.value.lineno)
    return site


def _argument_text(site: Site | None, index: int) -> str:
    """The source text of positional argument `index` of the build's call (`first_expr`), or ""."""
    for call in reversed(_calls_at(site)):
        if call.args and index < len(call.args) and not any(isinstance(a, ast.Starred) for a in call.args):
            return ast.unparse(call.args[index])
    return ""
