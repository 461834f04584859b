"""Laying printed code out in lines, the way black would, and naming the objects it imports.

The renderer turns a value into a small document tree: text fragments, references to importable objects (`Ref`),
and bracketed groups (`Group`) whose items may carry a trailing comment. This module owns the rest:

* Names. References are named in order of first use in the text; the first object to claim a name gets it, a later
  one with the same name is imported under an alias (`from a.b import Trainer as b_Trainer`). Names of builtins are
  never taken by an import, so `float("inf")` or `set()` always mean the builtins. A reference to a module itself
  (`Ref("numpy", "")`, for `numpy.array(...)`) is written `import numpy` (`import a.b as b` for a submodule). A
  module whose name cannot be written in an `import` statement (`exp-2024-adv`) is bound after the imports,
  `exp_2024_adv = importlib.import_module("exp-2024-adv")`, and its objects are named through it.
* Bound names. A value nested too deep to write in place is bound to a name first (`_render`); the place that
  holds it has a `Local`, whose name is given once every statement is rendered.
* Lines. A group stays on one line when that whole line, comment included, fits in 88 columns and nothing inside it
  carries a comment; otherwise it is exploded one item per line with a trailing comma (black's "magic trailing
  comma", which makes black keep the explosion) and each item line is laid out by the same rule. When a line holds
  more than one group, the last one is exploded, as black's right-hand split does. A one-element tuple never gets
  the magic comma (black does not count it as one), so comments inside it are moved to the line that holds it. A
  subscript (`Mode["in"]`) is split as black splits it, its one item on its own line without a comma.

Each group's one-line width is computed once, bottom-up, so laying out a tree is linear in its size.
"""

from __future__ import annotations

import builtins
from collections.abc import Iterable

from ._literals import LINE_LENGTH, str_literal, width
from ._locate import is_module_name, is_name

__all__ = ["Ref", "Local", "Group", "Item", "Names", "lay_out", "flat_text", "import_lines"]


class Ref:
    """A reference to an object importable as `from module import top`, written `top.rest`; to the module itself
    when `qualname` is empty."""

    __slots__ = ("module", "qualname")

    def __init__(self, module: str, qualname: str) -> None:
        self.module = module
        self.qualname = qualname


class Local:
    """A name bound by an earlier statement of the printed code (`_n1`); `name` is set before laying out."""

    __slots__ = ("name",)

    def __init__(self) -> None:
        self.name = ""


class Item:
    """One element of a group: its parts in order (text, references, groups) and an optional comment."""

    __slots__ = ("parts", "comment", "width", "forced")

    def __init__(self, parts: list[object], comment: str | None = None) -> None:
        self.parts = parts
        self.comment = comment
        self.width = 0
        self.forced = False


class Group:
    """`head(item, item, ...)`: an opening bracket preceded by `head` text, items, and the closing bracket."""

    __slots__ = ("head", "open", "items", "close", "one_tuple", "comma", "width", "forced")

    def __init__(
        self, head: list[object], open_: str, items: list[Item], close: str, one_tuple: bool = False, comma: bool = True
    ):
        self.head = head
        self.open = open_
        self.items = items
        self.close = close
        self.one_tuple = one_tuple
        self.comma = comma
        """Whether an exploded group ends its items with commas (not a subscript's one item: `a[1,]` is `a[(1,)]`)."""
        self.width = 0
        self.forced = False


class Names:
    """Local names of imported objects and modules, assigned in order of first use."""

    def __init__(self, reserved: Iterable[str] = ()) -> None:
        self.taken: set[str] = set(dir(builtins)) | set(reserved)
        self.by_key: dict[tuple[str, str], str] = {}
        self.imports: dict[tuple[str, str], list[tuple[str, str]]] = {}
        """(kind, module) -> [(name, local name)], in order of first use; kind is "from", "import" or "load"."""

    def local(self, ref: Ref) -> str:
        if not ref.qualname:
            return self.module(ref.module)
        top, dot, rest = ref.qualname.partition(".")
        if ref.module == "builtins":
            return ref.qualname
        if not is_module_name(ref.module):
            return f"{self.module(ref.module)}.{ref.qualname}"
        key = (ref.module, top)
        name = self.by_key.get(key)
        if name is None:
            name = top
            if name in self.taken:
                prefix = ref.module.rpartition(".")[2].strip("_") or "m"
                name = self._free(f"{prefix}_{top}")
            self.taken.add(name)
            self.by_key[key] = name
            self.imports.setdefault(("from", ref.module), []).append((top, name))
        return name + dot + rest

    def module(self, module: str) -> str:
        """The local name of a module: `import a.b as b`, or `b = importlib.import_module("a-b")`."""
        key = (module, "")
        name = self.by_key.get(key)
        if name is None:
            if is_module_name(module):
                kind, wanted = "import", module.rpartition(".")[2]
            else:
                kind, wanted = "load", "".join(c if c.isalnum() or c == "_" else "_" for c in module)
                if not is_name(wanted):  # `2024-exp`, `class`
                    wanted = "_" + wanted
                self.module("importlib")
            name = self._free(wanted)
            self.taken.add(name)
            self.by_key[key] = name
            self.imports[(kind, module)] = [(module, name)]
        return name

    def _free(self, name: str) -> str:
        """`name`, or `name_2`, `name_3`, ... : the first one not taken."""
        found, n = name, 2
        while found in self.taken:
            found = f"{name}_{n}"
            n += 1
        return found


def _resolve(parts: list[object], names: Names) -> tuple[int, bool]:
    """Replace references by their local names (in text order) and return (one-line width, forced)."""
    total = 0
    forced = False
    for i, part in enumerate(parts):
        if isinstance(part, str):
            total += width(part)
        elif isinstance(part, Ref):
            text = names.local(part)
            parts[i] = text
            total += width(text)
        elif isinstance(part, Local):
            parts[i] = part.name
            total += width(part.name)
        else:
            assert isinstance(part, Group)
            _resolve_group(part, names)
            total += part.width
            forced = forced or part.forced
    return total, forced


def _resolve_group(group: Group, names: Names) -> None:
    head_width, _ = _resolve(group.head, names)
    total = head_width + len(group.open) + len(group.close)
    forced = False
    for item in group.items:
        item.width, item.forced = _resolve(item.parts, names)
        total += item.width
        forced = forced or item.forced or item.comment is not None
    if len(group.items) > 1:
        total += 2 * (len(group.items) - 1)
    if group.one_tuple:
        total += 1
    group.width = total
    group.forced = forced


def _flat(parts: list[object], out: list[str]) -> None:
    for part in parts:
        if isinstance(part, str):
            out.append(part)
        else:
            assert isinstance(part, Group)
            out.extend(part.head)  # type: ignore[arg-type]
            out.append(part.open)
            for i, item in enumerate(part.items):
                if i:
                    out.append(", ")
                _flat(item.parts, out)
            if part.one_tuple:
                out.append(",")
            out.append(part.close)


def _line(
    indent: int, parts: list[object], parts_width: int, forced: bool, suffix: str, comment: str | None, lines: list[str]
) -> None:
    """Lay out one logical line: `parts` at `indent`, then `suffix` (a comma or nothing), then the comment."""
    tail = f"  # {comment}" if comment is not None else ""
    if not forced and indent + parts_width + len(suffix) + width(tail) <= LINE_LENGTH:
        out = [" " * indent]
        _flat(parts, out)
        out.append(suffix)
        out.append(tail)
        lines.append("".join(out))
        return
    split = None
    for i in range(len(parts) - 1, -1, -1):
        part = parts[i]
        if isinstance(part, Group) and part.items and (part.forced or not forced):
            split = i
            break
    if split is None:  # nothing to split: black leaves an over-long line alone too
        out = [" " * indent]
        _flat(parts, out)
        lines.append("".join(out) + suffix + tail)
        return
    group = parts[split]
    assert isinstance(group, Group)
    head = [" " * indent]
    _flat(parts[:split], head)
    head.extend(group.head)  # type: ignore[arg-type]
    head.append(group.open)
    lines.append("".join(head))
    inner = indent + 4
    for item in group.items:
        _line(inner, item.parts, item.width, item.forced, "," if group.comma else "", item.comment, lines)
    close = [" " * indent, group.close]
    _flat(parts[split + 1 :], close)
    lines.append("".join(close) + suffix + tail)


def lay_out(parts: list[object], names: Names) -> list[str]:
    """Name the references in `parts` and lay them out as lines of code starting at column 0."""
    parts_width, forced = _resolve(parts, names)
    lines: list[str] = []
    _line(0, parts, parts_width, forced, "", None, lines)
    return lines


def flat_text(parts: list[object], names: Names) -> str:
    """`parts` on one line, however long (for comments)."""
    _resolve(parts, names)
    out: list[str] = []
    _flat(parts, out)
    return "".join(out)


def import_lines(names: Names) -> list[str]:
    """The imports in order of first use, wrapped one name per line when too long, then the modules loaded by name.

    `from module import a, b as c`, `import numpy`, `import a.b as b`; then
    `exp_2024_adv = importlib.import_module("exp-2024-adv")` for each module no `import` statement can name, after
    a blank line.
    """
    lines = []
    loads = []
    for (kind, module), entries in names.imports.items():
        if kind == "load":
            call = Group([f"{names.module('importlib')}.import_module"], "(", [Item([str_literal(module)])], ")")
            loads.extend(lay_out([f"{entries[0][1]} = ", call], names))
            continue
        if kind == "import":
            local = entries[0][1]
            lines.append(f"import {module}" if local == module else f"import {module} as {local}")
            continue
        listed = [name if name == local else f"{name} as {local}" for name, local in entries]
        line = f"from {module} import {', '.join(listed)}"
        if width(line) <= LINE_LENGTH:
            lines.append(line)
        else:
            lines.append(f"from {module} import (")
            lines.extend(f"    {entry}," for entry in listed)
            lines.append(")")
    return lines + [""] + loads if loads else lines  # black puts a blank line after the imports
