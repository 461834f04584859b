"""`TARGET --help`: every field path of a config with its type, value, origin and doc (DESIGN 6, 6.3).

The listing is what a user needs to write an override: the exact path to type (`optimizer.lr`, `stages[1].steps`),
the type the value is cast to, the current value as the printer writes it, where that value came from, and the
field's doc. Fields are grouped by the config that holds them: the target's own fields first, then each sub-config
(a field's config value, or a config inside a list, tuple or dict field) under a heading naming its path and class,
depth first in field order, so the order is the printout's.

Values are the printer's text (`_render`), cut to one line of `_VALUE_WIDTH` characters; a value cut short ends
with `...` (`pconfigs-print` shows it whole). Docs are shown whole, indented under their field.
"""

from __future__ import annotations

from typing import Any

from ._fielddocs import field_docs
from ._origins import field_origin
from ._spec import is_config
from ._typeforms import describe

__all__ = ["field_help"]

_VALUE_WIDTH = 40
_TYPE_WIDTH = 24


def field_help(cfg: Any, title: str) -> str:
    """The listing for `cfg`, headed by `title` (the target as typed)."""
    from ._render import _key_text, render_expression

    if not is_config(cfg):
        raise TypeError(f"field_help: expected a config, got {type(cfg).__qualname__}")
    groups: list[tuple[str, Any, list[tuple[str, str, str, str, str]]]] = []
    pending: list[tuple[str, Any]] = [("", cfg)]
    seen: set[int] = set()
    while pending:
        prefix, holder = pending.pop(0)
        if id(holder) in seen:  # the same sub-config twice: listed once, under its first path
            continue
        seen.add(id(holder))
        cls = type(holder)
        spec = cls.__pconfig_spec__
        docs = field_docs(cls)
        rows: list[tuple[str, str, str, str, str]] = []
        nested: list[tuple[str, Any]] = []
        for f in spec.fields:
            path = f"{prefix}.{f.name}" if prefix else f.name
            value = getattr(holder, f.name)
            if not spec.ready:
                spec.resolve()
            kind = describe(f.resolved)
            if f.kind is not None:
                kind = f"{f.kind.label}[{kind}]"
            text = _one_line(_value_text(value, render_expression))
            rows.append((path, kind, text, str(field_origin(holder, f.name)), docs.get(f.name, "")))
            if is_config(value):
                nested.append((path, value))
            elif isinstance(value, (list, tuple)):
                nested.extend((f"{path}[{i}]", v) for i, v in enumerate(value) if is_config(v))
            elif isinstance(value, dict):
                nested.extend((f"{path}[{_key_text(k)}]", v) for k, v in value.items() if is_config(v))
        groups.append((prefix, holder, rows))
        pending[0:0] = nested  # depth first: a sub-config's own sub-configs come right after it
    widths = [
        max((len(row[0]) for _, _, rows in groups for row in rows), default=0),
        min(_TYPE_WIDTH, max((len(row[1]) for _, _, rows in groups for row in rows), default=0)),
        min(_VALUE_WIDTH, max((len(row[2]) for _, _, rows in groups for row in rows), default=0)),
    ]
    count = sum(len(rows) for _, _, rows in groups)
    example = next((f"{r[0]}={r[2]}" for r in groups[0][2] if len(r[2]) <= 20 and not r[2].endswith(")")), None)
    lines = [
        f"{title}: a {type(cfg).__qualname__}, {count} field{'s' if count != 1 else ''}",
        "change any value with PATH=VALUE after the target"
        + (f" (e.g. {example})" if example else "")
        + "; a derived value takes Pin(VALUE)",
    ]
    for prefix, holder, rows in groups:
        lines.append("")
        lines.append(f"{prefix}: {type(holder).__qualname__}" if prefix else f"{type(holder).__qualname__}:")
        for path, kind, value, where, doc in rows:
            row = f"  {path:<{widths[0]}}  {kind:<{widths[1]}}  {value:<{widths[2]}}  # {where}"
            lines.append(row.rstrip())
            lines.extend(f"      {line}".rstrip() for line in doc.split("\n") if doc)
    return "\n".join(lines) + "\n"


def _value_text(value: Any, render: Any) -> str:
    """The printer's text of a value; a config inside it is `Cls(...)` (its fields are listed under its path)."""
    if is_config(value):
        return f"{type(value).__qualname__}(...)"
    if isinstance(value, (list, tuple)) and any(is_config(v) for v in value):
        inner = ", ".join(_value_text(v, render) for v in value)
        return (
            f"({inner},)"
            if isinstance(value, tuple) and len(value) == 1
            else f"{'(' if isinstance(value, tuple) else '['}{inner}{')' if isinstance(value, tuple) else ']'}"
        )
    if isinstance(value, dict) and any(is_config(v) for v in value.values()):
        return "{" + ", ".join(f"{render(k)}: {_value_text(v, render)}" for k, v in value.items()) + "}"
    return str(render(value))


def _one_line(text: str) -> str:
    """The printer's text of a value on one line, cut to `_VALUE_WIDTH` characters."""
    flat = " ".join(part.strip() for part in text.split("\n"))
    flat = flat.replace("( ", "(").replace("[ ", "[").replace("{ ", "{").replace(", )", ")").replace(", ]", "]")
    return flat if len(flat) <= _VALUE_WIDTH else flat[: _VALUE_WIDTH - 3] + "..."
