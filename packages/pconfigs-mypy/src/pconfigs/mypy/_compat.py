"""Small differences between the supported mypy versions, kept in one place."""

from __future__ import annotations

from collections.abc import Callable

import mypy.checkmember
import mypy.typeops
from mypy.messages import format_type as _format_type
from mypy.nodes import TypeInfo
from mypy.options import Options
from mypy.typeops import function_type
from mypy.types import Instance, ProperType, Type

__all__ = ["format_type", "function_type", "type_object_type"]


def format_type(typ: Type, options: Options) -> str:
    """A type quoted as mypy quotes it in its own messages."""
    return _format_type(typ, options)


# The type of a class object (its constructor's signature, returning an instance): in `mypy.typeops` in recent
# mypy versions, in `mypy.checkmember` in older ones.
type_object_type: Callable[[TypeInfo, Callable[[str], Instance]], ProperType] = (
    getattr(mypy.typeops, "type_object_type", None) or vars(mypy.checkmember)["type_object_type"]
)
