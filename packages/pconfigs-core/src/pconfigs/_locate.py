"""Finding the importable name of a class, function or module-level object.

An object is importable when walking its `__qualname__` from its module (already imported; this never imports)
gives back the same object. When the defining module is private (`pconfigs._sentinels`, `pathlib._local`), the
nearest public parent package that re-exports the object is named instead: `from pconfigs import Required`, as a
user would write it.

A module whose dotted name is not made of identifiers (`exp-2024-adv`, a file loaded by path) cannot appear in an
`import` statement; `is_module_name` tells the printer to load it with `importlib.import_module` instead.
"""

from __future__ import annotations

import keyword
import sys
import types
from typing import Any

__all__ = ["locate", "global_name", "is_name", "is_module_name"]

_MISSING = object()


def is_name(text: str) -> bool:
    """Whether `text` can be written as a Python name (an identifier that is not a keyword)."""
    return text.isidentifier() and not keyword.iskeyword(text)


def is_module_name(module: str) -> bool:
    """Whether `module` can be written in an `import` statement (dotted names, none a keyword)."""
    return all(is_name(part) for part in module.split("."))


def _walk(root: object, qualname: str) -> object:
    obj = root
    for name in qualname.split("."):
        obj = getattr(obj, name, _MISSING) if not isinstance(obj, types.ModuleType) else vars(obj).get(name, _MISSING)
        if obj is _MISSING:
            return _MISSING
    return obj


def _matches(found: object, obj: object) -> bool:
    if found is obj:
        return True
    # Bound methods (classmethods) are new objects on each lookup.
    return isinstance(obj, types.MethodType) and found == obj


def locate(obj: Any) -> tuple[str, str] | None:
    """(module, qualname) under which `obj` can be imported, or None."""
    module: object
    qualname: object
    if isinstance(obj, types.MethodType):
        owner = obj.__self__
        if not isinstance(owner, type):
            return None
        module = getattr(owner, "__module__", None)
        qualname = f"{owner.__qualname__}.{obj.__func__.__name__}"
    else:
        module = getattr(obj, "__module__", None)
        qualname = getattr(obj, "__qualname__", None)
    if not isinstance(module, str) or not isinstance(qualname, str):
        return None
    return global_name(obj, module, qualname)


def global_name(obj: object, module: str, qualname: str) -> tuple[str, str] | None:
    """(module, qualname) if `qualname` in `module` is `obj` (preferring a public parent package), else None."""
    if not all(is_name(part) for part in qualname.split(".")):  # `<locals>`, `<lambda>`, names set by hand
        return None
    mod = sys.modules.get(module)
    if mod is None or not _matches(_walk(mod, qualname), obj):
        return None
    parts = module.split(".")
    if any(p.startswith("_") for p in parts[1:]):
        top = qualname.partition(".")[0]
        target = vars(mod).get(top)
        for i in range(len(parts) - 1, 0, -1):
            if any(p.startswith("_") for p in parts[1:i]):
                continue
            parent = sys.modules.get(".".join(parts[:i]))
            if parent is not None and vars(parent).get(top, _MISSING) is target:
                return ".".join(parts[:i]), qualname
    return module, qualname
