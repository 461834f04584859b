"""`@pconfig` and `@pconfiged` classes: what the plugin adds after mypy's own `dataclass_transform` support.

For a `@pconfig` class the hook first runs mypy's stock dataclass transform (exactly what mypy does for any
`dataclass_transform` decorator: fields, frozen attributes, `__dataclass_fields__`, `replace`), then:

* replaces `__init__` with `(self, *bases: Cls | Ancestor..., field: T, ...)`: a field is optional when a
  default covers it (a `pdefaults` registration for the class in its own module, or for a config ancestor in
  that ancestor's module, or the `defaults_elsewhere` setting) and does not leave it `Required` (passed as
  `Required` by the registration that creates the default and filled by no later one, or a field of a `calls=`
  body that starts `Required`), and a `Pinned[T]` field takes `Pin[T]` (the `Pinned` sentinel is typed `Any`, so
  it is accepted too);
* adds `construct(self) -> Target` and `constructable_type: ClassVar[type[Target]]` for `constructs=Target`;
  `inherit_constructable_type=False` makes `construct()` an error on the class and its subclasses (the method
  hook reports it) and `constructable_type` `None`;
* adds `default_config: ClassVar[Cls | None]`, the registered default;
* for `calls=` / `mocks=` (and `constructs=` of a `@pconfiged(mock=True)` class), takes the fields from the
  target's signature and the class body (`_targets.py`);
* checks what the runtime refuses at decoration: a default value in the class body, a reserved field name,
  a `@pproperty` that names no field or returns something else than the field's type, `calls=`/`mocks=` on a
  subclass of a config, `Kwarg[T]` for a target without `**kwargs`, `Omitted[T]` on a name that is no parameter,
  and a `@pconfiged` class whose `__init__` takes parameters without `mock=True`;
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
    FuncDef,
    IfStmt,
    MemberExpr,
    MypyFile,
    NameExpr,
    OperatorAssignmentStmt,
    OverloadedFuncDef,
    RefExpr,
    Statement,
    TempNode,
    TryStmt,
    TypeInfo,
    Var,
    WithStmt,
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
    Overloaded,
    Type,
    TypeOfAny,
    TypeType,
    UnboundType,
    UnionType,
    get_proper_type,
)
from mypy.typevars import fill_typevars

from ._compat import format_type
from ._names import (
    CONFIGURED,
    ENVIRONMENT,
    KWARG,
    METADATA,
    MOCK_NAME,
    NOT_MOCK,
    OMITTED,
    PDEFAULTS,
    PIN,
    PINNED,
    PPROPERTY_SUFFIX,
    REPLACE,
    REQUIRED,
    REQUIREMENTS,
    RESERVED,
    TAG,
)
from ._options import PluginOptions
from ._targets import Target, add_call_method, add_class_var, erased_instance, fields_in_body, marker_of, read_target

__all__ = [
    "PCONFIG_CODE",
    "PPROPERTY_CODE",
    "REQUIRED_CODE",
    "check_configured_class",
    "tag_config_class",
    "tag_configured_class",
    "tag_environment_class",
    "transform_config_class",
]

PCONFIG_CODE = ErrorCode("pconfig", "Check @pconfig and @pconfiged declarations", "pconfigs")
PPROPERTY_CODE = ErrorCode("pproperty", "Check that a @pproperty returns its field's type", "pconfigs")
REQUIRED_CODE = ErrorCode(
    "required", "Check that a build sets the fields its class's registered default leaves Required", "pconfigs"
)


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
    markers: dict[str, str | None] = {}
    for name, stmt in own.items():
        if _annotation_is_pinned(stmt, api):
            pinned.add(name)
        else:
            pinned.discard(name)
        markers[name] = marker_of(stmt, api)
        _check_declaration(ctx, name, stmt)
    starts_required: set[str] = set()
    held: set[str] = set()
    if target is not None:
        if ancestors and target.keyword != "constructs":
            parents = ", ".join(f'"{b.name}"' for b in ancestors)
            api.fail(
                f'@pconfig({target.keyword}=...) cannot decorate "{info.name}", a subclass of the config {parents}: '
                "its fields would be lost",
                ctx.cls,
                code=PCONFIG_CODE,
            )
        starts_required, held = _body_fields(ctx, target, own, markers, pinned)

    with_default = [b.metadata[METADATA] for b in ancestors if b.metadata[METADATA]["default"]]
    supplied = {f for meta in with_default for f in meta["fields"]}
    valued = {
        f
        for meta in with_default
        for f in meta["fields"]
        if f not in meta["required"] and f not in meta.get("left_required", ())
    }
    left_by_ancestors = (supplied - valued - pinned) & set(fields)
    for base in ancestors:
        if base.module_name != info.module_name:
            api.add_plugin_dependency(make_trigger(base.fullname + ".__init__"))
    registrations = _registrations(api.modules[info.module_name], info)
    strict: list[str] = []
    first: CallExpr | None = None
    missing: set[str] = set()  # no default covers them
    left: set[str] = set()  # a default holds them as `Required`
    elsewhere = options.defaults_elsewhere_for(info.fullname)
    if elsewhere:  # a registration elsewhere may fill any field
        has_default = True
        strict = [f for f in fields if f not in pinned and f not in supplied] if target is None else []
    elif target is None:
        has_default = bool(registrations)
        strict = [f for f in fields if f not in pinned and f not in supplied]
        if registrations:
            first = registrations[0]
            left = _left_required(left_by_ancestors, registrations)
        else:
            missing, left = set(strict), left_by_ancestors
    else:  # the decorator registers the default from the target's parameters; registrations replace it
        has_default = True
        left = _left_required(starts_required | left_by_ancestors, registrations)
    missing -= pinned
    left -= pinned | missing

    open_keywords = target is not None and target.signature is None
    _add_init(ctx, ancestors, fields, pinned, open_keywords)
    _add_requirements(ctx, fields, missing, left)
    constructs_nothing = False
    if target is not None:
        add_call_method(ctx, target, held)
    elif not _add_construct(ctx):
        inherit = _keyword_bool(ctx.reason, "inherit_constructable_type", api)
        if inherit is False and info.get("construct") is not None:
            constructs_nothing = True
            add_class_var(info, "constructable_type", NoneType())
        elif ancestors:  # True says the default: construct what the parent constructs
            constructs_nothing = bool(ancestors[0].metadata[METADATA].get("constructs_nothing"))
    add_class_var(info, "default_config", UnionType([erased_instance(info), NoneType()]))
    _check_pproperties(ctx, fields)
    _drop_pinned_from_replace(info, pinned)
    info.metadata[METADATA] = {
        "fields": fields,
        "pinned": sorted(pinned),
        "default": has_default,
        "required": [f for f in fields if f in missing],
        "left_required": [f for f in fields if f in left],
        "uncomputed": _uncomputed(info, own, fields, pinned),
        # The first registration is the call that creates the default: it alone is checked without it. The others
        # may leave fields Required, and need pass nothing.
        "registration": [first.line, first.column] if first is not None else None,
        "lenient": [[c.line, c.column] for c in registrations if c is not first],
        "strict": strict,
        "constructs_nothing": constructs_nothing,
        # A field left Required because it is a parameter of the target without a default: messages name it.
        "parameters_of": _parameters_of(target, fields, left, api),
    }
    return True


def _parameters_of(
    target: Target | None, fields: list[str], left: set[str], api: SemanticAnalyzerPluginInterface
) -> dict[str, object]:
    """For messages: the fields left Required that are parameters of the target without a default, the target's
    name, the module that defines it and what the config does with it."""
    if target is None or target.signature is None:
        return {}
    names = [f for f in fields if f in left and f in target.parameters and f not in target.fields]
    if not names:
        return {}
    module = target.fullname or ""
    while module and module not in api.modules:
        module = module.rpartition(".")[0]
    calls = "calls" if target.keyword == "calls" else "constructs"
    return {"fields": names, "name": target.name, "module": module or None, "calls": calls}


def _body_fields(
    ctx: ClassDefContext,
    target: Target,
    own: dict[str, AssignmentStmt],
    markers: dict[str, str | None],
    pinned: set[str],
) -> tuple[set[str], set[str]]:
    """The body's fields of a `calls=`/`mocks=` class: those that start `Required`, and the parameters without a
    default that the config holds (and passes, so the call need not). Reports what the runtime refuses."""
    starts_required: set[str] = set()
    held: set[str] = set()
    if target.signature is None:  # which names are parameters is unknown: the runtime decides
        return starts_required, held
    cls = ctx.cls.info.name
    for name, stmt in own.items():
        marker = markers[name]
        if name in target.variadic:
            ctx.api.fail(
                f'Field "{name}" of "{cls}" names the "*{name}" or "**{name}" parameter of "{target.name}", '
                "which cannot be a field",
                stmt,
                code=PCONFIG_CODE,
            )
            continue
        if name in target.parameters:
            if name not in target.fields and name not in pinned:
                starts_required.add(name)
            if name not in target.fields and marker != NOT_MOCK:
                held.add(name)
            continue
        if marker == KWARG and not target.takes_kwargs:
            ctx.api.fail(
                f'Field "{name}" of "{cls}" is {KWARG}[...], but "{target.name}" takes no **kwargs; '
                f"use {NOT_MOCK}[...]",
                stmt,
                code=PCONFIG_CODE,
            )
        elif marker == OMITTED:
            ctx.api.fail(
                f'Field "{name}" of "{cls}" is {OMITTED}[...], but not a parameter of "{target.name}"; '
                f"use {NOT_MOCK}[...]",
                stmt,
                code=PCONFIG_CODE,
            )
        if name not in pinned:
            starts_required.add(name)
    return starts_required, held


def _left_required(initial: set[str], registrations: list[CallExpr]) -> set[str]:
    """The fields still `Required` in the class's default after the module's registrations, in order.

    `initial` is what a build holds as `Required` before the first registration: fields that the ancestors'
    defaults leave `Required`, or those of a `calls=` body that start `Required` in the default the decorator
    registers. The first registration, built on that, creates the class's default (or replaces the decorator's):
    it fills what it passes and leaves `Required` what it passes as `Required`; a later one may only fill fields. A
    registration whose values the plugin cannot read (positional bases, `**kwargs`) may have filled anything it
    does not pass as `Required`.
    """
    left = set(initial)
    for index, call in enumerate(registrations):
        valued, unset, known = _registered_values(call)
        if not known:
            left = set(unset) if index == 0 else set()
            continue
        left -= valued
        if index == 0:
            left |= unset
    return left


def _registered_values(call: CallExpr) -> tuple[set[str], set[str], bool]:
    """The keywords a build passes with a value, those it passes as `Required`, and whether that is all it passes."""
    valued: set[str] = set()
    unset: set[str] = set()
    known = True
    for name, kind, arg in zip(call.arg_names, call.arg_kinds, call.args):
        if kind != ARG_NAMED or name is None:
            known = False
        elif isinstance(arg, RefExpr) and arg.fullname in REQUIRED:
            unset.add(name)
        else:
            valued.add(name)
    return valued, unset, known


def tag_configured_class(ctx: ClassDefContext) -> None:
    """Main semantic pass: mark a `@pconfiged` class, and whether it is `mock=True` (its config needs to know
    before the class hooks run, in whatever order they run)."""
    ctx.cls.info.metadata[CONFIGURED] = {"mock": _is_mock(ctx)}


def _is_mock(ctx: ClassDefContext) -> bool:
    """`mock=True`, or no `__init__` of its own under a `mock=True` base: the class takes its base's parameters."""
    info = ctx.cls.info
    if "__init__" not in info.names:
        for klass in info.mro[1:]:
            if CONFIGURED in klass.metadata:  # at runtime its __init__ is the decorator's, which holds the original
                if klass.metadata[CONFIGURED].get("mock"):
                    return True
                break
            if "__init__" in klass.names:
                break
    return _keyword_bool(ctx.reason, "mock", ctx.api) is True


def check_configured_class(ctx: ClassDefContext) -> bool:
    """`@pconfiged`: the class must annotate `config:`, `runnable=True` needs a `main` method, and without
    `mock=True` its `__init__` (own or inherited) takes only `self`."""
    info = ctx.cls.info
    config = info.get("config")
    if config is None or not isinstance(config.node, Var):
        ctx.api.fail(
            f'@pconfiged class "{info.name}" must annotate "config" with its config class',
            ctx.cls,
            code=PCONFIG_CODE,
        )
    elif _keyword_bool(ctx.reason, "runnable", ctx.api) is True and info.get("main") is None:
        ctx.api.fail(f'@pconfiged(runnable=True) class "{info.name}" needs a "main" method', ctx.cls, code=PCONFIG_CODE)
    mock = _is_mock(ctx)
    if mock:
        add_class_var(info, MOCK_NAME, ctx.api.named_type("builtins.bool"))
    else:
        _check_init_takes_only_self(ctx)
    info.metadata[CONFIGURED] = {"mock": mock}
    return True


def _check_init_takes_only_self(ctx: ClassDefContext) -> None:
    info = ctx.cls.info
    owner = None
    for klass in info.mro:
        if klass is not info and CONFIGURED in klass.metadata:
            return  # a @pconfiged base's __init__ is the decorator's, which takes the config
        if "__init__" in klass.names:
            owner = klass
            break
    if owner is None or owner.fullname == "builtins.object":
        return
    sym = owner.names["__init__"]
    node = sym.node
    if isinstance(node, Decorator):
        node = node.func
    signature = node.type if isinstance(node, (FuncDef, OverloadedFuncDef)) else None
    if sym.plugin_generated or signature is None and not isinstance(node, FuncDef):
        return
    if isinstance(signature, (CallableType, Overloaded)):
        items = [(item.arg_names, item.arg_kinds) for item in signature.items]
    elif isinstance(node, FuncDef):  # unannotated
        items = [(node.arg_names, node.arg_kinds)]
    else:
        return
    shown: list[str] = []
    for names, kinds in items:
        for index, (arg_name, kind) in enumerate(zip(names[1:], kinds[1:]), start=1):
            text = f"{'**' if kind == ARG_STAR2 else '*' if kind == ARG_STAR else ''}{arg_name or f'#{index}'}"
            if text not in shown:
                shown.append(text)
    if not shown:
        return
    inherited = "" if owner is info else f' (inherited from "{owner.name}")'
    ctx.api.fail(
        f'The __init__ of @pconfiged class "{info.name}"{inherited} takes parameters ({", ".join(shown)}); '
        'a @pconfiged class\'s __init__ takes only self, unless the class is declared "@pconfiged(mock=True)"',
        ctx.cls,
        code=PCONFIG_CODE,
    )


def _keyword_bool(call: Expression | None, name: str, api: SemanticAnalyzerPluginInterface) -> bool | None:
    """The value of the keyword `name` in a decorator call, when it is written `True` or `False`."""
    if not isinstance(call, CallExpr):
        return None
    for arg_name, arg in zip(call.arg_names, call.args):
        if arg_name == name:
            return api.parse_bool(arg)
    return None


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
    """`pdefaults += Cls(...)` and `pdefaults.register(Cls(...))` run by the module's top level (in `if`, `try` and
    `with` blocks too), in order."""
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
        elif isinstance(stmt, TryStmt):
            for block in [stmt.body, *stmt.handlers, stmt.else_body, stmt.finally_body]:
                if isinstance(block, Block):
                    _scan(block.body, info, found)
        elif isinstance(stmt, WithStmt):
            _scan(stmt.body.body, info, found)
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
    open_keywords: bool,
) -> None:
    """`__init__(self, *bases, field: T = ..., ...)`: every field optional, so that the generic forms of a build
    (`type(cfg)(cfg, ...)`, `cls(base, ...)` with `cls: type[Cls]`, `functools.partial(Cls, base)`), which mypy
    checks against `__init__` without asking the plugin, are accepted as the runtime accepts them. A direct call
    `Cls(...)` is checked precisely: the signature hook makes the fields no default covers required again."""
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
        args.append(Argument(Var(name, typ), typ, None, ARG_NAMED_OPT))
    if open_keywords:  # fields of a target whose signature mypy does not know
        any_type = AnyType(TypeOfAny.special_form)
        args.append(Argument(Var("fields", any_type), any_type, None, ARG_STAR2))
    add_method_to_class(ctx.api, ctx.cls, "__init__", args, NoneType())


def _add_requirements(ctx: ClassDefContext, fields: list[str], missing: set[str], left: set[str]) -> None:
    """A class variable no code can spell whose type says which fields a build without a base must pass: the
    required keywords of its signature are the fields no default covers, the optional ones those a default leaves
    `Required`. The lenient `__init__` no longer shows this, and the daemon's dependency triggers see names and
    types, never metadata: a change of the type fires this name's trigger, which fires `Cls.__init__`'s, on which
    every build of the class depends, so an edit that adds or removes a registration rechecks the builds."""
    info = ctx.cls.info
    any_type = AnyType(TypeOfAny.special_form)
    names = [f for f in fields if f in missing] + [f for f in fields if f in left]
    kinds = [ARG_NAMED if f in missing else ARG_NAMED_OPT for f in names]
    typ = CallableType([any_type] * len(names), kinds, names, NoneType(), ctx.api.named_type("builtins.function"))
    add_class_var(info, REQUIREMENTS, typ)
    ctx.api.add_plugin_dependency(
        make_trigger(f"{info.fullname}.{REQUIREMENTS}"), target=make_trigger(f"{info.fullname}.__init__")
    )


def _uncomputed(info: TypeInfo, own: dict[str, AssignmentStmt], fields: list[str], pinned: set[str]) -> list[str]:
    """The `Pinned[T]` fields that no `@pproperty` of the class or of an ancestor computes: a build leaves them
    `Pinned` unless it pins them. (A parent may leave a field to its subclasses, so this is no declaration error.)"""
    found = []
    for name in fields:
        if name not in pinned or info.get(name + PPROPERTY_SUFFIX) is not None:
            continue
        stmt = own.get(name)
        written = stmt.unanalyzed_type if stmt is not None else None
        if written is None or isinstance(written, UnboundType) and len(written.args) == 1:
            found.append(name)
    return found


def _drop_pinned_from_replace(info: TypeInfo, pinned: set[str]) -> None:
    """`dataclasses.replace(cfg, field=...)` refuses a `Pinned` field at runtime (it is not an `__init__` field of the
    dataclass): drop those fields from the signature mypy's dataclass support keeps for `replace`."""
    sym = info.names.get(REPLACE)
    if not pinned or sym is None:
        return
    node = sym.node
    func = node.func if isinstance(node, Decorator) else node
    sig = func.type if isinstance(func, FuncDef) else None
    if not isinstance(func, FuncDef) or not isinstance(sig, CallableType):
        return
    keep = [i for i, name in enumerate(sig.arg_names) if name not in pinned]
    func.type = sig.copy_modified(
        arg_types=[sig.arg_types[i] for i in keep],
        arg_kinds=[sig.arg_kinds[i] for i in keep],
        arg_names=[sig.arg_names[i] for i in keep],
    )
    if isinstance(node, Decorator):
        node.var.type = func.type


def _add_construct(ctx: ClassDefContext) -> bool:
    """`construct()` and `constructable_type` for `constructs=Target`; False when the class names no target."""
    reason = ctx.reason
    if not isinstance(reason, CallExpr):
        return False
    for arg_name, arg in zip(reason.arg_names, reason.args):
        if arg_name == "constructs" and isinstance(arg, RefExpr) and isinstance(arg.node, TypeInfo):
            target = erased_instance(arg.node)
            add_method_to_class(ctx.api, ctx.cls, "construct", [], target)
            add_class_var(ctx.cls.info, "constructable_type", TypeType(target))
            return True
    return False


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
