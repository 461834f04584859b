"""The extension surface: the one core module that pconfigs' other distributions (and `benchmarks/`) import.

pconfigs-pinnable, pconfigs-cli and the benchmarks use core through the names listed here and nothing else; a
test (`tests/packaging/test_surface.py`) fails when any of them imports another private core module, in the source
or at run time. Core's other modules can then be renamed and split freely: only this list is a promise.

What is here, by who uses it:

* derived-field kinds (pinnable): `DerivedKind`, `Computer`, `register_kind`, `assign`, `checker`, `FieldSpec`,
  `compile_source` (a kind's generated code, registered for tracebacks as the generated `__init__` is);
* errors and call sites (pinnable, cli): `compose`, `did_you_mean`, `short_repr`, `add_context`, `Site`,
  `caller_site`, `format_site`, `line_of` (the file and line of a site a build recorded), `own_directory`;
* reading configs (pinnable, cli): `is_config`, `is_config_class`, `input_of`, `describe`, `same` (value
  equality as configs compare values: NaN equal to NaN at any depth);
* running (cli): `is_runnable`, `required_paths`, `still_required`, `rebuild` (a config built again from its
  inputs in this process's environment: what a sweep's job runs);
* printing (cli, benchmarks): `render_module`, `render_expression`, `UnrenderableError`;
* text to values (cli): `text_caster`, `CastError` (DESIGN 6.1's one caster, which `@penv` uses too);
* the workflow (cli): `override`, `apply_overrides`, `parse_overrides`, `origin`, `field_origin`, `Origin`,
  `built_from`, `diff`, `format_diff`, `value_text` (one value as a difference line writes it), `diff_as_json`,
  `to_dict`, `from_dict`, `field_docs`, `field_help`.

The printer's, the workflow's, the caster's, `rebuild`'s, `same`'s and `is_runnable`'s modules are loaded on first
use, so that importing pinnable loads none of them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ._derived import Computer, DerivedKind, assign, checker, register_kind
from ._errors import add_context, compose, did_you_mean, short_repr
from ._generate import compile_source
from ._required import required_paths, still_required
from ._site import Site, caller_site, format_site, is_internal, line_of, own_directory
from ._spec import FieldSpec, input_of, is_config, is_config_class
from ._typeforms import describe

if TYPE_CHECKING:
    from ._caster import CastError, text_caster
    from ._construct import is_runnable
    from ._data import from_dict, to_dict
    from ._diff import diff, diff_as_json, format_diff, value_text
    from ._env import rebuild
    from ._equality import same
    from ._fielddocs import field_docs
    from ._help import field_help
    from ._origins import Origin, built_from, field_origin, origin
    from ._override import apply_overrides, override, parse_overrides
    from ._render import UnrenderableError, render_expression, render_module

__all__ = [
    "CastError",
    "Computer",
    "DerivedKind",
    "FieldSpec",
    "Site",
    "UnrenderableError",
    "add_context",
    "apply_overrides",
    "assign",
    "built_from",
    "caller_site",
    "checker",
    "compile_source",
    "compose",
    "describe",
    "diff",
    "diff_as_json",
    "field_docs",
    "field_help",
    "format_diff",
    "from_dict",
    "did_you_mean",
    "format_site",
    "field_origin",
    "input_of",
    "is_config",
    "is_config_class",
    "is_internal",
    "is_runnable",
    "line_of",
    "rebuild",
    "origin",
    "Origin",
    "override",
    "parse_overrides",
    "own_directory",
    "register_kind",
    "render_expression",
    "render_module",
    "required_paths",
    "same",
    "short_repr",
    "still_required",
    "text_caster",
    "to_dict",
    "value_text",
]

_LAZY = {
    "is_runnable": "_construct",
    "rebuild": "_env",
    **dict.fromkeys(("CastError", "text_caster"), "_caster"),
    "same": "_equality",
    **dict.fromkeys(("UnrenderableError", "render_expression", "render_module"), "_render"),
    **dict.fromkeys(("from_dict", "to_dict"), "_data"),
    **dict.fromkeys(("diff", "diff_as_json", "format_diff", "value_text"), "_diff"),
    "field_docs": "_fielddocs",
    "field_help": "_help",
    **dict.fromkeys(("Origin", "built_from", "field_origin", "origin"), "_origins"),
    **dict.fromkeys(("apply_overrides", "override", "parse_overrides"), "_override"),
}
"""Names loaded on first use, so that importing pinnable loads none of their modules."""


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is not None:
        import importlib

        value = getattr(importlib.import_module(f"pconfigs.{module}"), name)
        globals()[name] = value  # later reads (`from pconfigs._extension import same` in a method) find it here
        return value
    raise AttributeError(f"module 'pconfigs._extension' has no attribute {name!r}")
