"""Sweeps: many experiments as one Python object (DESIGN 6.4).

```python
from pconfigs import sweep

grid = sweep.product(base, {"optimizer.lr": [1e-3, 3e-4], "steps": [5, 10]})   # 4 points, crossed in order
paired = sweep.zip(base, {"optimizer.lr": [1e-3, 3e-4], "warmup": [100, 50]})  # 2 points, paired
crossed = sweep.product(paired, {"steps": [5, 10]})    # a zipped group crossed with another axis: 4 points
both = grid + crossed                                  # one after the other
```

A sweep is a tuple of `Point`s, each a name, the config and the changes that made it from its base. Every point is
built when the sweep is (with `pconfigs.override`, so paths, checks, derived values and `__post_init__` are those
of an override, and each changed value's origin is `sweep`): a sweep that exists holds only valid configs, so
nothing is launched with a bad point in it. A point's name is its changes in order, `optimizer.lr=0.001,steps=5`:
deterministic, readable, and each part is an override the commands take back.

`points(obj)` is what the commands run: a `Sweep`, a dict of names to configs, or a list of configs (named by
position, `0`, `1`, ...; such a point's base is the first config, which a dry run diffs against).
"""

from __future__ import annotations

import builtins
import enum
import re
from collections.abc import Mapping
from typing import Any, Generic, TypeVar

from ._errors import add_context, compose, short_repr
from ._site import Site, caller_site
from ._spec import is_config

__all__ = ["Sweep", "Point", "product", "zip", "points", "is_sweep", "folder_name"]

C = TypeVar("C")

_WORD = re.compile(r"[A-Za-z0-9_.:/+-]+\Z")
_NAME_VALUE_WIDTH = 40


class Point(Generic[C]):
    """One experiment of a sweep: its `name`, its `config`, the `changes` (path to value) that made it from `base`."""

    __slots__ = ("name", "config", "changes", "base")

    def __init__(self, name: str, config: C, changes: dict[str, object], base: C) -> None:
        self.name = name
        self.config = config
        self.changes = changes
        self.base = base

    @property
    def folder(self) -> str:
        """The point's name as a folder name: characters unsafe in file names escaped, under 200 bytes."""
        return folder_name(self.name)

    def __repr__(self) -> str:
        return f"Point({self.name!r})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Point):
            return NotImplemented
        return (self.name, self.config) == (other.name, other.config)

    def __hash__(self) -> int:
        return hash((self.name, self.config))


class Sweep(tuple):  # type: ignore[type-arg]
    """Points in order; `+` puts two sweeps one after the other. Names are unique within a sweep."""

    def __new__(cls, items: Any = ()) -> Sweep:
        made = super().__new__(cls, items)
        seen: dict[str, int] = {}
        for i, point in enumerate(made):
            if not isinstance(point, Point):
                raise TypeError(compose(f"sweep: expected Points, got {type(point).__qualname__} at {i}"))
            if point.name in seen:
                raise ValueError(
                    compose(
                        f"sweep: two points are named {point.name!r} (at {seen[point.name]} and {i})",
                        hint="give every point different values; a sweep runs each name once",
                    )
                )
            seen[point.name] = i
        return made

    def __add__(self, other: object) -> Sweep:
        if not isinstance(other, Sweep):
            return NotImplemented
        return Sweep((*self, *other))

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(p.name for p in self)

    @property
    def configs(self) -> tuple[Any, ...]:
        return tuple(p.config for p in self)

    def __getitem__(self, key: Any) -> Any:
        if isinstance(key, str):
            for point in self:
                if point.name == key:
                    return point
            raise KeyError(key)
        return super().__getitem__(key)

    def __repr__(self) -> str:
        return f"Sweep({list(self.names)!r})"


def product(base: Any, axes: Mapping[str, Any]) -> Sweep:
    """Every combination of the axes' values, the first axis varying slowest, each applied to `base` (a config, or
    a sweep whose every point is crossed with the axes)."""
    site = caller_site(1)
    bases, columns = _check("product", base, axes, site)
    combos: list[list[tuple[str, object, str]]] = [[]]
    for path, values in columns:
        combos = [[*c, (path, v, text)] for c in combos for v, text in values]
    return _build(bases, combos, site)


def zip(base: Any, axes: Mapping[str, Any]) -> Sweep:  # noqa: A001 - `sweep.zip` pairs axes as builtins.zip does
    """The axes' values paired by position (every axis the same length), each pair applied to `base` (a config, or a
    sweep whose every point is crossed with the pairs)."""
    site = caller_site(1)
    bases, columns = _check("zip", base, axes, site)
    lengths = {path: len(values) for path, values in columns}
    if len(set(lengths.values())) > 1:
        listed = ", ".join(f"{p!r}: {n}" for p, n in lengths.items())
        raise ValueError(
            compose(
                f"sweep.zip: the axes have different lengths ({listed})",
                where=[("called at", site)],
                hint="give every axis as many values (or cross unequal axes with sweep.product)",
            )
        )
    combos = [list(row) for row in builtins.zip(*([(p, v, t) for v, t in values] for p, values in columns))]
    return _build(bases, combos, site)


def is_sweep(obj: object) -> bool:
    """A sweep the commands run: a `Sweep`, a non-empty dict of str names to configs, or a non-empty list of configs."""
    if isinstance(obj, Sweep):
        return True
    if isinstance(obj, Mapping):
        return bool(obj) and all(isinstance(k, str) and is_config(v) for k, v in obj.items())
    if isinstance(obj, (list, tuple)):
        return bool(obj) and all(is_config(v) for v in obj)
    return False


def points(obj: Any) -> Sweep:
    """The points of a sweep object (see `is_sweep`); a dict's or list's points have the first config as base."""
    if isinstance(obj, Sweep):
        return obj
    if not is_sweep(obj):
        raise TypeError(
            compose(
                f"sweep: expected a Sweep, a dict of names to configs or a list of configs, got {_noun(obj)}",
                hint="build one with pconfigs.sweep.product(base, {...})",
            )
        )
    items = list(obj.items()) if isinstance(obj, Mapping) else [(str(i), v) for i, v in enumerate(obj)]
    first = items[0][1]
    return Sweep(Point(name, cfg, {}, first) for name, cfg in items)


def folder_name(name: str) -> str:
    """`name` as one folder name: `/`, `%`, control and other unsafe characters percent-escaped, at most 200 bytes
    (a longer one is cut and ends with a hash of the whole name, so different names stay different)."""
    safe = "".join(
        c if c.isascii() and (c.isalnum() or c in "._,=+-@[]") else "".join(f"%{b:02X}" for b in c.encode())
        for c in name
    )
    if safe in ("", ".", ".."):
        safe = safe.replace(".", "%2E") or "%00"
    if len(safe) <= 200:  # ASCII: a character is a byte
        return safe
    cut = 183
    percent = safe.rfind("%", cut - 2, cut)
    if percent != -1:  # do not split an escape
        cut = percent
    import hashlib  # here, not at the top: its OpenSSL bindings take milliseconds to load, for long names only

    return safe[:cut] + "-" + hashlib.sha256(name.encode()).hexdigest()[:16]


def _check(
    fn: str, base: Any, axes: Mapping[str, Any], site: Site
) -> tuple[list[Point[Any]] | Any, list[tuple[str, list[tuple[object, str]]]]]:
    if isinstance(base, Sweep):
        bases: Any = list(base)
    elif is_config(base):
        bases = base
    else:
        raise TypeError(
            compose(
                f"sweep.{fn}: the base must be a config or a Sweep, got {_noun(base)}",
                where=[("called at", site)],
                hint=f'pass the config to vary first: sweep.{fn}(base, {{"optimizer.lr": [1e-3, 3e-4]}})',
            )
        )
    if not isinstance(axes, Mapping):
        raise TypeError(
            compose(
                f"sweep.{fn}: the axes must be a dict of paths to lists of values, got {_noun(axes)}",
                where=[("called at", site)],
                hint=f'write sweep.{fn}(base, {{"optimizer.lr": [1e-3, 3e-4]}})',
            )
        )
    if not axes:
        raise ValueError(
            compose(
                f"sweep.{fn}: nothing to vary (no axes)",
                where=[("called at", site)],
                hint='give at least one axis: {"optimizer.lr": [1e-3, 3e-4]}',
            )
        )
    taken = {p for point in bases for p in point.changes} if isinstance(bases, list) else set()
    columns = []
    for path, values in axes.items():
        if not isinstance(path, str):
            raise TypeError(
                compose(f"sweep.{fn}: an axis is a str path, got {_noun(path)}", where=[("called at", site)])
            )
        if path in taken:
            raise ValueError(
                compose(
                    f"sweep.{fn}: the axis {path!r} is already an axis of the base sweep",
                    where=[("called at", site)],
                    hint="vary each path in one place",
                )
            )
        if isinstance(values, (str, bytes)) or not isinstance(values, (list, tuple, range)):
            what = "a string" if isinstance(values, (str, bytes)) else _noun(values)
            raise TypeError(
                compose(
                    f"sweep.{fn}: the axis {path!r} must be a list of values, got {what}",
                    where=[("called at", site)],
                    hint=f"write its values as a list: {path!r}: [{short_repr(values)}]"
                    if isinstance(values, (str, bytes))
                    else f"write its values as a list (a generator is read once): {path!r}: list(...)",
                )
            )
        if len(values) == 0:
            raise ValueError(
                compose(
                    f"sweep.{fn}: the axis {path!r} has no values",
                    where=[("called at", site)],
                    hint="give it at least one value, or leave it out",
                )
            )
        texts = [_value_text(v, i) for i, v in enumerate(values)]
        columns.append((path, list(builtins.zip(values, texts))))
    return bases, columns


def _build(bases: Any, combos: list[list[tuple[str, object, str]]], site: Site) -> Sweep:
    from ._override import apply_overrides

    made = []
    for base in bases if isinstance(bases, list) else [None]:
        start = base.config if base is not None else bases
        for combo in combos:
            changes = {**(base.changes if base is not None else {}), **{p: v for p, v, _ in combo}}
            parts = [base.name] if base is not None else []
            name = ",".join([*parts, *(f"{p}={t}" for p, _, t in combo)])
            try:
                cfg = apply_overrides(start, {p: v for p, v, _ in combo}, site, "sweep")
            except Exception as exc:
                add_context(exc, f"while building the sweep point {name!r}")
                raise
            made.append(Point(name, cfg, changes, base.base if base is not None else bases))
    return Sweep(made)


def _value_text(value: object, index: int) -> str:
    """A value as its point's name shows it: the literal for numbers, words and enums, else `#index`."""
    if value is None or isinstance(value, (bool, int, float)):
        return repr(value)
    if isinstance(value, enum.Enum):
        return value.name
    if isinstance(value, str):
        return value if _WORD.match(value) else repr(value)
    from ._render import render_expression

    try:
        text = render_expression(value)
    except Exception:
        return f"#{index}"
    return text if len(text) <= _NAME_VALUE_WIDTH and "\n" not in text else f"#{index}"


def _noun(obj: object) -> str:
    return f"{type(obj).__qualname__} {short_repr(obj)}"
