"""`@pconfig` and `@pconfiged` classes: what the plugin adds after mypy's own `dataclass_transform` support.

For a `@pconfig` class the hook first runs mypy's stock dataclass transform (exactly what mypy does for any
`dataclass_transform` decorator: fields, frozen attributes, `__dataclass_fields__`, `replace`), then:

* replaces `__init__` with `(self, *bases: Cls | Ancestor..., field: T, ...)`: a field is optional when a
  default covers it (a `pdefaults` registration for the class in its own module, or for a config ancestor in
  that ancestor's module, or the `defaults_elsewhere` setting), and a `Pinned[T]` field takes `Pin[T]` (the
  `Pinned` sentinel is typed `Any`, so it is accepted too);
* adds `construct(self) -> Target` and `constructable_type: ClassVar[type[Target]]` for `constructs=Target`;
* for `calls=` / `mocks=`, takes the fields from the target's signature (`_targets.py`);
* checks what the runtime refuses at decoration: a default value in the class body, a reserved field name,
  a `@pproperty` that names no field or returns something else than the field's type;
* stores what calls need in the class's metadata (`TypeInfo.metadata["pconfigs"]`), which mypy serialises with
  the class: the plugin keeps no state of its own, so the incremental cache and the daemon see the same facts.

Whether a field has a default is visible in the generated `__init__` (required or optional argument), so an edit
that adds or removes a registration changes the class's interface and mypy rechecks every caller, in incremental
mode and under the daemon alike.
"""

from __future__ import annotations

from mypy.errorcodes import ErrorCode
from mypy.nodes import (
    ARG_NAMED,
    ARG_NAMED_OPT,
    ARG_STAR,
    ARG_STAR2,
    Argument,
    AssignmentStmt,
    Block,
    CallExpr,
    Decorator,
    Expression,
    ExpressionStmt,
    IfStmt,
    MemberExpr,
    MypyFile,
    NameExpr,
    OperatorAssignmentStmt,
    RefExpr,
    Statement,
    TempNode,
    TypeInfo,
    Var,
)
from mypy.plugin import ClassDefContext, SemanticAnalyzerPluginInterface
from mypy.plugins.common import add_method_to_class
from mypy.plugins.dataclasses import dataclass_class_maker_callback, dataclass_tag_callback
from mypy.server.trigger import make_trigger
from mypy.subtypes import is_subtype
from mypy.types import (
    AnyType,
    CallableType,
    Instance,
    NoneType,
    Type,
    TypeOfAny,
    TypeType,
    UnboundType,
    UnionType,
    get_proper_type,
)
from mypy.typevars import fill_typevars

from ._compat import format_type
from ._names import CONFIGURED, ENVIRONMENT, METADATA, PDEFAULTS, PIN, PINNED, PPROPERTY_SUFFIX, RESERVED, TAG
from ._options import PluginOptions
from ._targets import add_call_method, add_class_var, erased_instance, fields_in_body, read_target

__all__ = [
    "PCONFIG_CODE",
    "PPROPERTY_CODE",
    "check_configured_class",
    "tag_config_class",
    "tag_environment_class",
    "transform_config_class",
]

PCONFIG_CODE = ErrorCode("pconfig", "Check @pconfig and @pconfiged declarations", "pconfigs")
PPROPERTY_CODE = ErrorCode("pproperty", "Check that a @pproperty returns its field's type", "pconfigs")


def tag_environment_class(ctx: ClassDefContext) -> None:
    """Main semantic pass: mark a `@penv` class, whose instances a config holds as class-level attributes."""
    ctx.cls.info.metadata[ENVIRONMENT] = {}


def tag_config_class(ctx: ClassDefContext) -> None:
    """Main semantic pass: mark the class as a config (and as a dataclass, as mypy itself would)."""
    dataclass_tag_callback(ctx)
    ctx.cls.info.metadata[TAG] = {}


def transform_config_class(ctx: ClassDefContext, options: PluginOptions) -> bool:
    """After the module's semantic pass: build the class's typed view. Returns False to wait for a base."""
    info = ctx.cls.info
    ancestors = [b for b in info.mro[1:] if TAG in b.metadata]
    if any(METADATA not in b.metadata for b in ancestors):
        return False
    target = read_target(ctx)
    own = _own_annotations(ctx)
    if target is None:
        transformed = dataclass_class_maker_callback(ctx)
    else:
        with fields_in_body(ctx, target, own):
            transformed = dataclass_class_maker_callback(ctx)
    if not transformed:
        return False
    api = ctx.api

    fields = [
        a["name"]
        for a in info.metadata.get("dataclass", {}).get("attributes", [])
        if not _is_environment(info, a["name"])
    ]
    pinned = _inherited_pinned(ancestors, fields)
    for name, stmt in own.items():
        if _annotation_is_pinned(stmt, api):
            pinned.add(name)
        else:
            pinned.discard(name)
        _check_declaration(ctx, name, stmt)
        if target is not None and target.signature is not None and name not in target.fields:
            ctx.api.fail(
                f'Field "{name}" of "{info.name}" is not a parameter of "{target.name}" that has a default',
                stmt,
                code=PCONFIG_CODE,
            )

    covered_by_ancestors: set[str] = set()
    for base in ancestors:
        if base.metadata[METADATA]["default"]:
            covered_by_ancestors.update(base.metadata[METADATA]["fields"])
        if base.module_name != info.module_name:
            api.add_plugin_dependency(make_trigger(base.fullname + ".__init__"))
    if target is None:
        registrations = _registrations(api.modules[info.module_name], info)
        has_default = bool(registrations) or options.defaults_elsewhere_for(info.fullname)
        strict = [f for f in fields if f not in pinned and f not in covered_by_ancestors]
    else:  # the decorator registers the default from the target's parameters
        registrations, has_default, strict = [], True, []
    required = [] if has_default else strict

    open_keywords = target is not None and target.signature is None
    _add_init(ctx, ancestors, fields, pinned, set(required), open_keywords)
    if target is None:
        _add_construct(ctx)
    else:
        add_call_method(ctx, target)
    _check_pproperties(ctx, fields)
    info.metadata[METADATA] = {
        "fields": fields,
        "pinned": sorted(pinned),
        "default": has_default,
        "required": required,
        # The first registration is the call that creates the default: it alone is checked without it.
        "registration": [registrations[0].line, registrations[0].column] if registrations else None,
        "strict": strict,
    }
    return True


def check_configured_class(ctx: ClassDefContext) -> bool:
    """`@pconfiged`: the class must annotate `config:`, and `runnable=True` needs a `main` method."""
    info = ctx.cls.info
    config = info.get("config")
    if config is None or not isinstance(config.node, Var):
        ctx.api.fail(
            f'@pconfiged class "{info.name}" must annotate "config" with its config class',
            ctx.cls,
            code=PCONFIG_CODE,
        )
    elif (
        isinstance(ctx.reason, CallExpr)
        and _keyword_is_true(ctx.reason, "runnable", ctx.api)
        and info.get("main") is None
    ):
        ctx.api.fail(f'@pconfiged(runnable=True) class "{info.name}" needs a "main" method', ctx.cls, code=PCONFIG_CODE)
    info.metadata[CONFIGURED] = {}
    return True


def _keyword_is_true(call: CallExpr, name: str, api: SemanticAnalyzerPluginInterface) -> bool:
    for arg_name, arg in zip(call.arg_names, call.args):
        if arg_name == name:
            return api.parse_bool(arg) is True
    return False


def _inherited_pinned(ancestors: list[TypeInfo], fields: list[str]) -> set[str]:
    pinned: set[str] = set()
    for base in reversed(ancestors):  # nearest ancestor last, so its declaration wins
        meta = base.metadata[METADATA]
        for name in meta["fields"]:
            if name in meta["pinned"]:
                pinned.add(name)
            else:
                pinned.discard(name)
    return pinned & set(fields)


def _is_environment(info: TypeInfo, name: str) -> bool:
    """An attribute typed with a `@penv` class is a class-level attribute, not a field."""
    sym = info.get(name)
    if sym is None or not isinstance(sym.node, Var):
        return False
    typ = get_proper_type(sym.node.type)
    return isinstance(typ, Instance) and ENVIRONMENT in typ.type.metadata


def _own_annotations(ctx: ClassDefContext) -> dict[str, AssignmentStmt]:
    """The class body's annotated names that are fields (not ClassVar), with their statements."""
    found: dict[str, AssignmentStmt] = {}
    for stmt in ctx.cls.defs.body:
        if not (isinstance(stmt, AssignmentStmt) and stmt.new_syntax and len(stmt.lvalues) == 1):
            continue
        lvalue = stmt.lvalues[0]
        if not isinstance(lvalue, NameExpr):
            continue
        sym = ctx.cls.info.names.get(lvalue.name)
        if sym is None or not isinstance(sym.node, Var) or sym.node.is_classvar:
            continue
        if not _is_environment(ctx.cls.info, lvalue.name):
            found[lvalue.name] = stmt
    return found


def _annotation_is_pinned(stmt: AssignmentStmt, api: SemanticAnalyzerPluginInterface) -> bool:
    written = stmt.unanalyzed_type
    if not isinstance(written, UnboundType):
        return False
    sym = api.lookup_qualified(written.name, stmt, suppress_errors=True)
    return sym is not None and sym.node is not None and sym.node.fullname in PINNED


def _check_declaration(ctx: ClassDefContext, name: str, stmt: AssignmentStmt) -> None:
    cls = ctx.cls.info.name
    if name in RESERVED or name.startswith("__pconfig"):
        ctx.api.fail(
            f'"{name}" is reserved for the config\'s own API and cannot be a field of "{cls}"',
            stmt,
            code=PCONFIG_CODE,
        )
    if not isinstance(stmt.rvalue, TempNode):
        ctx.api.fail(
            f'Field "{name}" of "{cls}" has a default value in the class body; '
            f'register defaults with "pdefaults += {cls}(...)"',
            stmt,
            code=PCONFIG_CODE,
        )


def _registrations(module: MypyFile, info: TypeInfo) -> list[CallExpr]:
    """`pdefaults += Cls(...)` and `pdefaults.register(Cls(...))` run by the module's top level, in order."""
    found: list[CallExpr] = []
    _scan(module.defs, info, found)
    return found


def _scan(body: list[Statement], info: TypeInfo, found: list[CallExpr]) -> None:
    for stmt in body:
        call: Expression | None = None
        if isinstance(stmt, OperatorAssignmentStmt) and stmt.op == "+" and _is_pdefaults(stmt.lvalue):
            call = stmt.rvalue
        elif isinstance(stmt, ExpressionStmt):
            call = _registered(stmt.expr)
        elif isinstance(stmt, AssignmentStmt):
            call = _registered(stmt.rvalue)
        elif isinstance(stmt, IfStmt):
            for block in [*stmt.body, stmt.else_body]:
                if isinstance(block, Block):
                    _scan(block.body, info, found)
        if isinstance(call, CallExpr) and isinstance(call.callee, RefExpr) and call.callee.node is info:
            found.append(call)


def _is_pdefaults(expr: Expression) -> bool:
    return isinstance(expr, RefExpr) and expr.fullname in PDEFAULTS


def _registered(expr: Expression) -> Expression | None:
    if (
        isinstance(expr, CallExpr)
        and isinstance(expr.callee, MemberExpr)
        and expr.callee.name == "register"
        and _is_pdefaults(expr.callee.expr)
        and len(expr.args) == 1
    ):
        return expr.args[0]
    return None


def _add_init(
    ctx: ClassDefContext,
    ancestors: list[TypeInfo],
    fields: list[str],
    pinned: set[str],
    required: set[str],
    open_keywords: bool,
) -> None:
    info = ctx.cls.info
    base_types: list[Type] = [fill_typevars(info)]
    base_types += [erased_instance(b) for b in ancestors]
    bases_type = base_types[0] if len(base_types) == 1 else UnionType(base_types)
    args = [Argument(Var("bases", bases_type), bases_type, None, ARG_STAR)]
    pin = _lookup_info(ctx.api, PIN)
    for name in fields:
        sym = info.get(name)
        typ: Type = AnyType(TypeOfAny.unannotated)
        if sym is not None and isinstance(sym.node, Var) and sym.node.type is not None:
            typ = sym.node.type
        if name in pinned:
            typ = Instance(pin, [typ]) if pin is not None else AnyType(TypeOfAny.special_form)
        kind = ARG_NAMED if name in required else ARG_NAMED_OPT
        args.append(Argument(Var(name, typ), typ, None, kind))
    if open_keywords:  # fields of a target whose signature mypy does not know
        any_type = AnyType(TypeOfAny.special_form)
        args.append(Argument(Var("fields", any_type), any_type, None, ARG_STAR2))
    add_method_to_class(ctx.api, ctx.cls, "__init__", args, NoneType())


def _add_construct(ctx: ClassDefContext) -> None:
    reason = ctx.reason
    if not isinstance(reason, CallExpr):
        return
    for arg_name, arg in zip(reason.arg_names, reason.args):
        if arg_name == "constructs" and isinstance(arg, RefExpr) and isinstance(arg.node, TypeInfo):
            target = erased_instance(arg.node)
            add_method_to_class(ctx.api, ctx.cls, "construct", [], target)
            add_class_var(ctx.cls.info, "constructable_type", TypeType(target))


def _check_pproperties(ctx: ClassDefContext, fields: list[str]) -> None:
    info = ctx.cls.info
    for stmt in ctx.cls.defs.body:
        if not isinstance(stmt, Decorator) or not stmt.func.name.endswith(PPROPERTY_SUFFIX):
            continue
        name = stmt.func.name[: -len(PPROPERTY_SUFFIX)]
        if name not in fields:
            ctx.api.fail(f'pproperty "{name}" does not name a field of "{info.name}"', stmt.func, code=PPROPERTY_CODE)
            continue
        sig = stmt.func.type
        sym = info.get(name)
        if not isinstance(sig, CallableType) or sym is None or not isinstance(sym.node, Var):
            continue
        field_type = sym.node.type
        returned = sig.ret_type
        if field_type is None or isinstance(get_proper_type(returned), AnyType):
            continue
        if not is_subtype(returned, field_type):
            options = ctx.api.options
            ctx.api.fail(
                f'Return type {format_type(returned, options)} of pproperty "{name}" incompatible with '
                f"field type {format_type(field_type, options)}",
                stmt.func,
                code=PPROPERTY_CODE,
            )


def _lookup_info(api: SemanticAnalyzerPluginInterface, names: tuple[str, ...]) -> TypeInfo | None:
    for name in names:
        sym = api.lookup_fully_qualified_or_none(name)
        if sym is not None and isinstance(sym.node, TypeInfo):
            return sym.node
    return None
