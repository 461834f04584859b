"""The plugin object: maps mypy's hook requests to the functions that handle pconfigs' API.

It holds only the settings read from the configuration file; everything learnt about user classes lives in
their `TypeInfo.metadata`, which mypy caches and restores with the class.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from mypy.errors import CompileError
from mypy.nodes import MypyFile, TypeInfo
from mypy.options import Options
from mypy.plugin import (
    AnalyzeTypeContext,
    ClassDefContext,
    FunctionContext,
    FunctionSigContext,
    MethodContext,
    MethodSigContext,
    Plugin,
    ReportConfigContext,
)
from mypy.types import FunctionLike, Type

from ._calls import (
    any_registered,
    check_lookup,
    check_registered,
    config_call,
    config_signature,
    configured_signature,
    refuse_construct,
    refuse_test_configs,
)
from ._classes import (
    check_configured_class,
    tag_config_class,
    tag_configured_class,
    tag_environment_class,
    transform_config_class,
)
from ._enums import add_make, make_enum_bases
from ._names import (
    CONFIGURED,
    DEFAULTS_CLASS,
    MARKER_VALUES,
    METADATA,
    PATH_FUNCTIONS,
    PCONFIG,
    PCONFIGED,
    PENUM,
    PENV,
    PINNED,
    PSETTER,
    TEST_CONFIGS,
)
from ._options import PluginOptions
from ._paths import check_paths
from ._pinned import analyze_pinned, rename_pproperties
from ._setter import setter_signature
from ._targets import analyze_marker

__all__ = ["VERSION", "PconfigsPlugin"]

VERSION = "0.1.0"


class PconfigsPlugin(Plugin):
    def __init__(self, options: Options) -> None:
        super().__init__(options)
        # A misconfiguration raised here would be shown as mypy's INTERNAL ERROR (with "Error constructing plugin
        # instance" before it); raised from the first hooks mypy asks for every module, cached or not, it is a
        # CompileError: one error line naming the configuration file, and exit status 2, as for mypy's own settings.
        self._problem: str | None = None
        try:
            self.settings = PluginOptions.read(options.config_file)
        except ValueError as error:
            self._problem = str(error)
            self.settings = PluginOptions()
        self._config_data = {"version": VERSION, **self.settings.snapshot()}

    def _refuse_misconfiguration(self) -> None:
        if self._problem is not None:
            raise CompileError([self._problem])

    def report_config_data(self, ctx: ReportConfigContext) -> Any:
        # Asked once for every module, cached or not: the answer is the same for all.
        self._refuse_misconfiguration()
        return self._config_data

    def get_additional_deps(self, file: MypyFile) -> list[tuple[int, str, int]]:
        self._refuse_misconfiguration()
        return []

    def get_type_analyze_hook(self, fullname: str) -> Callable[[AnalyzeTypeContext], Type] | None:
        if fullname in PINNED:
            return analyze_pinned
        return analyze_marker if fullname in MARKER_VALUES else None

    def get_customize_class_mro_hook(self, fullname: str) -> Callable[[ClassDefContext], None] | None:
        return _before_class_body

    def get_class_decorator_hook(self, fullname: str) -> Callable[[ClassDefContext], None] | None:
        if fullname in PCONFIG:
            return tag_config_class
        if fullname in PENV:
            return tag_environment_class
        if fullname in PCONFIGED:
            return tag_configured_class
        return None

    def get_class_decorator_hook_2(self, fullname: str) -> Callable[[ClassDefContext], bool] | None:
        if fullname in PCONFIG:
            return partial(transform_config_class, options=self.settings)
        if fullname in PCONFIGED:
            return check_configured_class
        if fullname in PENUM:
            return add_make
        return None

    def get_function_signature_hook(self, fullname: str) -> Callable[[FunctionSigContext], FunctionLike] | None:
        if fullname in PSETTER:
            return setter_signature
        info = self._class(fullname)
        if info is None:
            return None
        if METADATA in info.metadata:
            return config_signature
        if CONFIGURED in info.metadata:
            return configured_signature
        return None

    def get_function_hook(self, fullname: str) -> Callable[[FunctionContext], Type] | None:
        if fullname in TEST_CONFIGS:
            return refuse_test_configs
        if fullname in PATH_FUNCTIONS:
            return partial(check_paths, fn=PATH_FUNCTIONS[fullname])
        info = self._class(fullname)
        return config_call if info is not None and METADATA in info.metadata else None

    def get_method_signature_hook(self, fullname: str) -> Callable[[MethodSigContext], FunctionLike] | None:
        owner, _, method = fullname.rpartition(".")
        return any_registered if owner in DEFAULTS_CLASS and method == "__iadd__" else None

    def get_method_hook(self, fullname: str) -> Callable[[MethodContext], Type] | None:
        owner, _, method = fullname.rpartition(".")
        if owner in DEFAULTS_CLASS:
            if method in ("__iadd__", "register"):
                return check_registered
            if method == "__call__":
                return check_lookup
        elif method == "construct":
            info = self._class(owner)
            if info is not None and info.metadata.get(METADATA, {}).get("constructs_nothing"):
                return refuse_construct
        return None

    def _class(self, fullname: str) -> TypeInfo | None:
        sym = self.lookup_fully_qualified(fullname)
        return sym.node if sym is not None and isinstance(sym.node, TypeInfo) else None


def _before_class_body(ctx: ClassDefContext) -> None:
    """The last hook before mypy analyses a class body (any class: decorators are not resolved yet)."""
    # mypy asks for this hook for every class, typeshed's included; a typeshed stub cannot import pconfigs, so its
    # classes need neither step. (`is_typeshed_stub_file` is the semantic analyser's, not the declared interface.)
    if getattr(ctx.api, "is_typeshed_stub_file", False):
        return
    rename_pproperties(ctx)
    make_enum_bases(ctx)
