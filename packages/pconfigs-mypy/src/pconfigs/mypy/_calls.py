"""Calls: building a config (`Cls(*bases, **fields)`), a `@pconfiged` class, and `pdefaults`.

A config class's `__init__` (made by the class hook) already says which fields a plain call must pass. Two kinds
of call differ from it, and the hooks here adjust them:

* A call with positional bases: every field may come from a base, so the signature hook makes all fields
  optional, and after mypy has typed the arguments the function hook reports each required field that no
  keyword and no base supplies. A base supplies the fields of its own class: a `Cls` base supplies them all, a
  base of a config ancestor only the ancestor's fields. A base whose class is a subclass of `Cls` is refused, as
  the runtime refuses it.
* The first registration of the class's default (`pdefaults += Cls(...)` in its module): the default does not
  exist yet while it is being built, so that call alone must pass what no ancestor's default supplies. A later
  registration (and every registration of a `calls=`/`mocks=` class, whose default the decorator registers) need
  pass nothing: it may fill some `Required` fields of the default and leave others.

Missing fields are reported with the message mypy itself uses for a missing keyword argument.
"""

from __future__ import annotations

from mypy.errorcodes import ARG_TYPE, ATTR_DEFINED, CALL_ARG
from mypy.nodes import ARG_NAMED, ARG_POS, ARG_STAR, CallExpr, Context, FuncDef, RefExpr, TypeInfo, Var
from mypy.plugin import CheckerPluginInterface, FunctionContext, FunctionSigContext, MethodContext, MethodSigContext
from mypy.subtypes import is_subtype
from mypy.types import (
    AnyType,
    CallableType,
    FunctionLike,
    Instance,
    LiteralType,
    NoneType,
    Type,
    TypeOfAny,
    TypeType,
    TypeVarType,
    UnionType,
    get_proper_type,
)

from ._classes import PCONFIG_CODE, PPROPERTY_CODE, REQUIRED_CODE
from ._compat import format_type
from ._names import CONFIGURED, METADATA
from ._pinned import accept_pinned_sentinel

__all__ = [
    "any_registered",
    "check_lookup",
    "check_registered",
    "config_call",
    "config_signature",
    "configured_signature",
    "refuse_construct",
    "refuse_test_configs",
]


def config_info(typ: Type) -> TypeInfo | None:
    """The config class of an instance type, or None."""
    proper = get_proper_type(typ)
    if isinstance(proper, Instance) and METADATA in proper.type.metadata:
        return proper.type
    return None


def _registration(ctx: FunctionSigContext | FunctionContext, info: TypeInfo) -> str | None:
    """`strict` for the call that creates the class's default, `lenient` for a later registration (which may
    leave fields `Required`), None for any other call."""
    meta = info.metadata[METADATA]
    position = [ctx.context.line, ctx.context.column]
    if position != meta["registration"] and position not in meta.get("lenient", ()):
        return None
    if _current_module(ctx.api) != info.module_name:
        return None
    return "strict" if position == meta["registration"] else "lenient"


def _current_module(api: CheckerPluginInterface) -> str | None:
    tree = getattr(api, "tree", None)  # the TypeChecker's module; not part of the declared interface
    return getattr(tree, "fullname", None)


def config_signature(ctx: FunctionSigContext) -> FunctionLike:
    """A direct call `Cls(...)` without a base must pass the fields no default covers (the first registration:
    what no ancestor's default supplies); the class's `__init__` leaves every field optional. The `Pinned`
    sentinel is let through wherever it is passed."""
    sig = accept_pinned_sentinel(ctx, ctx.default_signature)
    info = config_info(sig.ret_type)
    if info is None or not sig.arg_kinds or sig.arg_kinds[0] != ARG_STAR or ctx.args[0]:
        return sig
    meta = info.metadata[METADATA]
    registration = _registration(ctx, info)
    if registration == "lenient":
        return sig
    required = set(meta["strict"] if registration == "strict" else meta["required"])
    if not required:
        return sig
    kinds = [ARG_NAMED if name in required else kind for name, kind in zip(sig.arg_names, sig.arg_kinds)]
    return sig.copy_modified(arg_kinds=kinds)


def config_call(ctx: FunctionContext) -> Type:
    """After a call has been checked against the signature: what that signature cannot say.

    A `True` or `False` for an `int` or `float` field (mypy accepts a bool where an int is expected, the runtime
    refuses it). Without a base, in a direct call: the fields the registered default leaves `Required` (code
    `required`), and, when mypy reported a missing field of a class without a default, a hint about
    `defaults_elsewhere`. With bases: the fields that neither a keyword nor a base supplies, and refused bases.
    """
    info = config_info(ctx.default_return_type)
    if info is None or not ctx.arg_types:
        return ctx.default_return_type
    meta = info.metadata[METADATA]
    _check_bools(ctx, info)
    passed = {name for name, actuals in zip(ctx.callee_arg_names, ctx.args) if actuals}
    registration = _registration(ctx, info)
    if not ctx.arg_types[0]:
        if registration is None and _is_direct(ctx.context, info) and not _unexpected_keywords(ctx):
            for name in meta.get("left_required", ()):
                if name not in passed:
                    _left_required_error(ctx, info, name)
            for name in meta.get("uncomputed", ()):
                if name not in passed:
                    ctx.api.fail(
                        f'Field "{name}" of "{info.name}" is Pinned and no @pproperty computes it: this config would '
                        f"hold Pinned; pass {name}=Pin(...) or add a @pproperty",
                        ctx.context,
                        code=PPROPERTY_CODE,
                    )
            if (
                not meta["default"]
                and _current_module(ctx.api) != info.module_name
                and any(name not in passed for name in meta["required"])
            ):
                _hint_defaults_elsewhere(ctx, info)
        return ctx.default_return_type
    supplied: set[str] | None = set()  # None: every field may be supplied
    refused = False
    for position, (typ, kind) in enumerate(zip(ctx.arg_types[0], ctx.arg_kinds[0]), start=1):
        fields = _supplied_by(typ, info, position, ctx)
        refused = refused or (fields is None and kind == ARG_POS and _is_plain_value(typ))
        if fields is None or kind == ARG_STAR:
            supplied = None
        elif supplied is not None:
            supplied |= fields
    if refused:
        example = f"{info.name}({meta['fields'][0]}=...)" if meta["fields"] else f"{info.name}(...)"
        ctx.api.msg.note(
            f'Fields of "{info.name}" are keyword-only ({example}); positional arguments are configs to copy from',
            ctx.context,
            code=ARG_TYPE,
        )
    if supplied is None:
        return ctx.default_return_type
    required: list[str]
    left: list[str]
    if registration == "strict":
        required, left = meta["strict"], []
    elif registration == "lenient":
        required, left = [], []
    else:
        required, left = meta["required"], meta.get("left_required", [])
    for name in required:
        if name not in passed and name not in supplied:
            _missing_named_argument(ctx.api, info, ctx.context, name)
    for name in left:
        if name not in passed and name not in supplied:
            _left_required_error(ctx, info, name)
    return ctx.default_return_type


def _unexpected_keywords(ctx: FunctionContext) -> bool:
    """Whether the call passes a keyword that is no field (mypy reports it, and then no missing field)."""
    names = set(ctx.callee_arg_names)
    return isinstance(ctx.context, CallExpr) and any(
        name is not None and name not in names for name in ctx.context.arg_names
    )


def _is_direct(context: Context, info: TypeInfo) -> bool:
    """Whether the call names the class itself (`Cls(...)`), not a `type[Cls]` value that may be a subclass."""
    return isinstance(context, CallExpr) and isinstance(context.callee, RefExpr) and context.callee.node is info


def _is_plain_value(typ: Type) -> bool:
    """A positional argument that is no config at all (a field's value passed positionally, most likely)."""
    proper = get_proper_type(typ)
    if isinstance(proper, UnionType):
        return all(_is_plain_value(t) for t in proper.items)
    return not isinstance(proper, (AnyType, TypeVarType)) and config_info(proper) is None


def _left_required_error(ctx: FunctionContext, info: TypeInfo, name: str) -> None:
    ctx.api.fail(
        f'Missing named argument "{name}" for "{info.name}": its registered default leaves it Required',
        ctx.context,
        code=REQUIRED_CODE,
    )
    target = info.metadata[METADATA].get("parameters_of") or {}
    if name in target.get("fields", ()):
        # mypy's own wording for a definition whose line is unknown (a class read from the cache keeps none).
        where = f' defined in "{target["module"]}"' if target.get("module") else ""
        ctx.api.msg.note(
            f'"{name}" is a required parameter of "{target["name"]}"{where}, which "{info.name}" {target["calls"]}',
            ctx.context,
            code=REQUIRED_CODE,
        )


def _hint_defaults_elsewhere(ctx: FunctionContext, info: TypeInfo) -> None:
    ctx.api.msg.note(
        f'The plugin sees no default for "{info.name}": it reads registrations only in "{info.module_name}"; for one '
        f'made elsewhere, list "{info.fullname}" in defaults_elsewhere under [tool.pconfigs-mypy]',
        ctx.context,
        code=CALL_ARG,
    )


def _check_bools(ctx: FunctionContext, info: TypeInfo) -> None:
    """`True`/`False` for a field typed `int` or `float` (alone, or in a union with no member that takes a bool)."""
    for name, types in zip(ctx.callee_arg_names, ctx.arg_types):
        if name is None or len(types) != 1 or not _is_bool(types[0]):
            continue
        sym = info.get(name)
        if sym is None or not isinstance(sym.node, Var) or sym.node.type is None:
            continue
        field_type = sym.node.type
        if _accepts_bool(field_type, types[0]):
            continue
        options = ctx.api.options
        ctx.api.fail(
            f'Argument "{name}" to "{info.name}" has incompatible type {format_type(types[0], options)}; '
            f"expected {format_type(field_type, options)} (a bool is refused for an int or float field)",
            ctx.context,
            code=ARG_TYPE,
        )


def _is_bool(typ: Type) -> bool:
    proper = get_proper_type(typ)
    if isinstance(proper, LiteralType):
        proper = proper.fallback
    return isinstance(proper, Instance) and proper.type.fullname == "builtins.bool"


NUMBERS = frozenset({"builtins.int", "builtins.float", "builtins.complex"})


def _accepts_bool(field_type: Type, bool_type: Type) -> bool:
    """Whether the runtime takes a bool for a field of this type: `bool`, `object`, `Any`, a union with one of
    them, ...; not `int`, `float` or `complex`, which mypy lets a bool stand for."""
    proper = get_proper_type(field_type)
    if isinstance(proper, UnionType):
        return any(_accepts_bool(t, bool_type) for t in proper.items)
    if isinstance(proper, Instance) and proper.type.fullname in NUMBERS:
        return False
    return is_subtype(bool_type, proper)


def _article(name: str) -> str:
    return "an" if name[:1].lower() in "aeio" else "a"


def _supplied_by(typ: Type, info: TypeInfo, position: int, ctx: FunctionContext) -> set[str] | None:
    """The fields a base of type `typ` supplies (None: unknown, so any)."""
    proper = get_proper_type(typ)
    if isinstance(proper, UnionType):
        parts = [_supplied_by(item, info, position, ctx) for item in proper.items]
        known = [p for p in parts if p is not None]
        if len(known) < len(parts):
            return None
        return set.intersection(*known) if known else set()
    base = config_info(proper)
    if base is None:  # Any, or a wrong argument that mypy reports itself: no second error about it
        return None
    if base is not info and base.has_base(info.fullname):
        ctx.api.fail(
            f'Argument {position} to "{info.name}" is {_article(base.name)} {format_type(proper, ctx.api.options)}, '
            f'a subclass of "{info.name}": its extra fields would be dropped',
            ctx.context,
            code=ARG_TYPE,
        )
        return None
    return set(base.metadata[METADATA]["fields"])


def _missing_named_argument(api: CheckerPluginInterface, info: TypeInfo, context: Context, name: str) -> None:
    """Report exactly what mypy reports for a missing keyword argument of the class's constructor."""
    init = info.get("__init__")
    if init is not None and isinstance(init.node, FuncDef) and isinstance(init.node.type, CallableType):
        callee = init.node.type.copy_modified(name=info.name)
        api.msg.missing_named_argument(callee, context, name)
    else:
        api.fail(f'Missing named argument "{name}" for "{info.name}"', context, code=CALL_ARG)


def configured_signature(ctx: FunctionSigContext) -> FunctionLike:
    """`Trainer(config=cfg)`: a `@pconfiged` class is built from its config only; a `mock=True` one from its
    config and its `__init__`'s own parameters."""
    sig = ctx.default_signature
    ret = get_proper_type(sig.ret_type)
    if not isinstance(ret, Instance):
        return sig
    config = ret.type.get("config")
    config_type: Type = AnyType(TypeOfAny.special_form)
    if config is not None and isinstance(config.node, Var) and config.node.type is not None:
        config_type = config.node.type
    if ret.type.metadata.get(CONFIGURED, {}).get("mock"):
        return sig.copy_modified(
            arg_types=[config_type, *sig.arg_types],
            arg_kinds=[ARG_POS, *sig.arg_kinds],
            arg_names=["config", *sig.arg_names],
        )
    return sig.copy_modified(arg_types=[config_type], arg_kinds=[ARG_POS], arg_names=["config"], variables=[])


def refuse_construct(ctx: MethodContext) -> Type:
    """`cfg.construct()` on a config declared with `inherit_constructable_type=False`: it constructs nothing."""
    receiver = get_proper_type(ctx.type)
    name = receiver.type.name if isinstance(receiver, Instance) else "the config"
    ctx.api.fail(
        f'"{name}" has no attribute "construct": it constructs nothing (inherit_constructable_type=False)',
        ctx.context,
        code=ATTR_DEFINED,
    )
    return AnyType(TypeOfAny.from_error)


def refuse_test_configs(ctx: FunctionContext) -> Type:
    """`TestConfigs(...)`: the earlier test runner's selection, which the runtime refuses."""
    ctx.api.fail(
        'TestConfigs(...) is not used by pconfigs: list the packages that hold experiments in "pconfigs_experiments" '
        "under [tool.pytest.ini_options]",
        ctx.context,
        code=PCONFIG_CODE,
    )
    return ctx.default_return_type


def _is_config_value(typ: Type) -> bool:
    proper = get_proper_type(typ)
    if isinstance(proper, AnyType):
        return True
    if isinstance(proper, UnionType):
        return all(_is_config_value(t) for t in proper.items)
    return config_info(proper) is not None


def any_registered(ctx: MethodSigContext) -> FunctionLike:
    """`pdefaults += x` takes anything to mypy: the stub's protocol is there for pyright, and `check_registered`
    reports a value that is no config with the message `pdefaults.register(x)` gets, once."""
    sig = ctx.default_signature
    return sig.copy_modified(arg_types=[AnyType(TypeOfAny.special_form) for _ in sig.arg_types])


def check_registered(ctx: MethodContext) -> Type:
    """`pdefaults += x` and `pdefaults.register(x)` take a config."""
    if ctx.arg_types and ctx.arg_types[0]:
        typ = ctx.arg_types[0][0]
        if not _is_config_value(typ):
            _refuse(ctx, typ, "a config instance")
    return ctx.default_return_type


def check_lookup(ctx: MethodContext) -> Type:
    """`pdefaults(x)` takes a config class or a config; it is `Cls`, not `Cls | None`, once a default is known."""
    if not ctx.arg_types or not ctx.arg_types[0]:
        return ctx.default_return_type
    typ = ctx.arg_types[0][0]
    info = _config_class(typ) or config_info(typ)
    if info is None:
        if not isinstance(get_proper_type(typ), AnyType):
            _refuse(ctx, typ, "a config class or a config instance")
        return ctx.default_return_type
    meta = info.metadata[METADATA]
    if not meta["default"]:
        return ctx.default_return_type
    position = meta["registration"]
    if (
        position is not None
        and _current_module(ctx.api) == info.module_name
        and (ctx.context.line, ctx.context.column) <= tuple(position)
    ):
        return ctx.default_return_type  # looked up before the module registers it
    returned = get_proper_type(ctx.default_return_type)
    if isinstance(returned, UnionType):
        return UnionType.make_union([t for t in returned.items if not isinstance(get_proper_type(t), NoneType)])
    return ctx.default_return_type


def _config_class(typ: Type) -> TypeInfo | None:
    proper = get_proper_type(typ)
    if isinstance(proper, TypeType):
        return config_info(proper.item)
    if isinstance(proper, FunctionLike) and proper.is_type_obj() and METADATA in proper.type_object().metadata:
        return proper.type_object()
    return None


def _refuse(ctx: MethodContext, typ: Type, expected: str) -> None:
    shown = format_type(typ, ctx.api.options)
    ctx.api.fail(
        f'Argument 1 to "pdefaults" has incompatible type {shown}; expected {expected}', ctx.context, code=ARG_TYPE
    )
