"""Small differences between the supported mypy versions, kept in one place."""

from __future__ import annotations

from mypy.messages import format_type as _format_type
from mypy.options import Options
from mypy.types import Type

__all__ = ["format_type"]


def format_type(typ: Type, options: Options) -> str:
    """A type quoted as mypy quotes it in its own messages."""
    return _format_type(typ, options)
