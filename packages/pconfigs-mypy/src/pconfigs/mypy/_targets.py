"""`@pconfig(calls=function)` and `@pconfig(mocks=Class)`: configs whose fields come from a signature.

At runtime such a class gets a field for each parameter of the target that has a default and can be passed by
keyword, in signature order, typed by the parameter's annotation unless the class body annotates it; a default
is registered from the parameters' defaults. `cfg(*args, **kwargs)` calls the function (`calls=`), and
`cfg.construct(*args, **kwargs)` builds the class (`mocks=`), with the config's values for every field the call
does not pass. `@pconfig(constructs=Derived)` of a `@pconfiged(mock=True)` class is the same as `mocks=Derived`.

The class body may also annotate (the earlier pconfigs' bodies, DESIGN 3.11): a parameter without a default (a
field that starts `Required` and that the call then need not pass), a name that is no parameter (a field kept by
the config and not passed, starting `Required`; `NotMock[T]` says so, `Kwarg[T]` passes it through the target's
`**kwargs`), and `Omitted[T]` on a parameter (a field of type `T` that may also hold the value `Omitted`, typed
`Any`, which leaves the argument out of the call). To mypy all three markers are `T`.

The plugin gives mypy the same view, read from the target's type as mypy has analysed it:

* The class hook adds the missing fields to the class body for the duration of mypy's stock dataclass transform
  (one annotation statement per parameter, the body's own statement where it annotates one), so the fields get
  exactly what declared fields get (frozen attributes, `__dataclass_fields__`, `replace`, inheritance); the
  statements are removed again afterwards, so mypy never type-checks code that was not written.
* The registered default covers every parameter that has a default; the fields that start `Required` must be
  passed in `Cls(...)` unless a registration in the class's module fills them (`_classes.py`).
* `__call__` (`calls=`) or `construct` (`mocks=`) is the target's own signature (for a class, its constructor's),
  where a parameter the config holds becomes optional: the call's arguments are checked as a direct call of the
  target would be, and it returns what the target does.

The field types are the parameter types as mypy sees them: mypy reads `x: int = None` as `int` (and reports it
where the function is defined) while the runtime widens it to `Optional[int]`. A decorated function is read
through its undecorated signature, as `inspect.signature` follows `__wrapped__`. A target whose signature mypy
cannot give (an expression that is not a plain name) leaves the body's annotations as the fields and accepts any
other keyword, and any call. mypy does not keep the names of positional-only parameters, so a body annotation of
one (refused at runtime) reads as a field that is no parameter.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from mypy.erasetype import erase_typevars
from mypy.errorcodes import VALID_TYPE
from mypy.nodes import (
    ARG_NAMED_OPT,
    ARG_OPT,
    ARG_POS,
    ARG_STAR,
    ARG_STAR2,
    MDEF,
    Argument,
    AssignmentStmt,
    Block,
    CallExpr,
    Decorator,
    FuncDef,
    NameExpr,
    OverloadedFuncDef,
    PassStmt,
    RefExpr,
    Statement,
    SymbolTableNode,
    TempNode,
    TypeInfo,
    Var,
)
from mypy.plugin import AnalyzeTypeContext, ClassDefContext, SemanticAnalyzerPluginInterface
from mypy.server.trigger import make_trigger
from mypy.state import state
from mypy.typeops import make_simplified_union
from mypy.types import (
    AnyType,
    CallableType,
    FunctionLike,
    Instance,
    Overloaded,
    ProperType,
    Type,
    TypeOfAny,
    TypeType,
    UnboundType,
    get_proper_type,
)
from mypy.typevars import fill_typevars

from ._compat import function_type, type_object_type
from ._names import CONFIGURED, MARKERS, MOCK_NAME

__all__ = [
    "Target",
    "add_call_method",
    "add_class_var",
    "analyze_marker",
    "erased_instance",
    "fields_in_body",
    "marker_of",
    "read_target",
]


@dataclass
class Target:
    """What `calls=` or `mocks=` names (or `constructs=`, a `@pconfiged(mock=True)` class), as far as mypy knows it."""

    keyword: str
    """`calls`, `mocks` or `constructs`."""
    name: str
    signature: FunctionLike | None
    """The function's signature, or the class's constructor (returning the class); None when unknown."""
    fields: dict[str, Type]
    """The parameters that have a default and can be passed by keyword, in signature order."""
    parameters: list[str] = field(default_factory=list)
    """Every parameter that can be passed by keyword, in signature order."""
    variadic: list[str] = field(default_factory=list)
    """The names of its `*args` and `**kwargs` parameters."""
    takes_kwargs: bool = False
    cls: TypeInfo | None = None
    """The class named by `mocks=` or `constructs=`."""
    fullname: str | None = None
    """The target's full name, where it has one (messages look its definition up by it)."""

    @property
    def method(self) -> str:
        """The config's method that calls the target."""
        return "__call__" if self.keyword == "calls" else "construct"


def read_target(ctx: ClassDefContext) -> Target | None:
    """The target of `@pconfig(calls=...)`, `@pconfig(mocks=...)` or `@pconfig(constructs=...)` of a
    `@pconfiged(mock=True)` class; None for another `@pconfig`."""
    reason = ctx.reason
    if not isinstance(reason, CallExpr):
        return None
    for keyword, expr in zip(reason.arg_names, reason.args):
        if keyword not in ("calls", "mocks", "constructs"):
            continue
        node = expr.node if isinstance(expr, RefExpr) else None
        if keyword == "constructs":
            if not isinstance(node, TypeInfo) or CONFIGURED not in node.metadata:
                continue
            # `mock=` is visible to the daemon's dependency triggers only through the name it adds to the class.
            ctx.api.add_plugin_dependency(make_trigger(f"{node.fullname}.{MOCK_NAME}"))
            if not node.metadata[CONFIGURED].get("mock"):
                continue
        name = node.name if node is not None else "the target"
        # Outside the type checker, older mypy versions leave strict-optional off, and type operations
        # (a class's constructor, unions) would drop `None` from the types they build.
        with state.strict_optional_set(ctx.api.options.strict_optional):
            signature = _signature(node, ctx)
            fields = {} if signature is None else _defaulted_keywords(signature)
        parameters, variadic, takes_kwargs = _parameters(signature)
        if node is not None and node.fullname:
            triggers = [node.fullname]
            if isinstance(node, TypeInfo):
                triggers += [f"{node.fullname}.__init__", f"{node.fullname}.__new__"]
            for fullname in triggers:
                ctx.api.add_plugin_dependency(make_trigger(fullname))
        cls = node if keyword != "calls" and isinstance(node, TypeInfo) else None
        target_name = node.fullname if node is not None and node.fullname else None
        return Target(keyword, name, signature, fields, parameters, variadic, takes_kwargs, cls, target_name)
    return None


def _signature(node: object, ctx: ClassDefContext) -> FunctionLike | None:
    fallback = ctx.api.named_type("builtins.function")
    typ: ProperType | None = None
    if isinstance(node, TypeInfo):
        typ = type_object_type(node, ctx.api.named_type)
    elif isinstance(node, FuncDef):
        typ = function_type(node, fallback)  # an unannotated function takes and returns Any
    elif isinstance(node, OverloadedFuncDef) and node.type is not None:
        typ = get_proper_type(node.type)
    elif isinstance(node, Decorator):
        typ = get_proper_type(node.var.type) if node.var.type is not None else function_type(node.func, fallback)
    elif isinstance(node, Var) and node.type is not None:
        typ = get_proper_type(node.type)
    if isinstance(typ, Instance):  # a callable object
        call = typ.type.get_method("__call__")
        if call is not None and call.type is not None:
            typ = get_proper_type(call.type)
            if isinstance(typ, CallableType) and typ.arg_types:
                typ = typ.copy_modified(
                    arg_types=typ.arg_types[1:], arg_kinds=typ.arg_kinds[1:], arg_names=typ.arg_names[1:]
                )
    return typ if isinstance(typ, FunctionLike) else None


def _defaulted_keywords(signature: FunctionLike) -> dict[str, Type]:
    """Parameters with a default that can be passed by keyword, typed without type variables.

    Of an overloaded target (a class whose stub overloads `__init__`, like `subprocess.Popen`), a parameter that
    has a default in any overload is a field, typed as the union of what the overloads accept for it: the
    runtime reads the implementation's signature, which accepts all of them.
    """
    defaulted: dict[str, None] = {}
    accepted: dict[str, list[Type]] = {}
    for item in signature.items:
        for name, kind, typ in zip(item.arg_names, item.arg_kinds, item.arg_types):
            if name is None or not (kind.is_named() or kind.is_positional()):
                continue
            accepted.setdefault(name, []).append(erase_typevars(typ))
            if kind in (ARG_OPT, ARG_NAMED_OPT):
                defaulted[name] = None
    return {name: make_simplified_union(accepted[name]) for name in defaulted}


def _parameters(signature: FunctionLike | None) -> tuple[list[str], list[str], bool]:
    """The parameters that can be passed by keyword, the names of `*args`/`**kwargs`, and whether it takes
    `**kwargs` (of any overload)."""
    named: dict[str, None] = {}
    variadic: dict[str, None] = {}
    takes_kwargs = False
    for item in signature.items if signature is not None else []:
        for name, kind in zip(item.arg_names, item.arg_kinds):
            takes_kwargs = takes_kwargs or kind == ARG_STAR2
            if name is None:
                continue
            if kind.is_star():
                variadic[name] = None
            else:
                named[name] = None
    return list(named), list(variadic), takes_kwargs


def marker_of(stmt: AssignmentStmt, api: SemanticAnalyzerPluginInterface) -> str | None:
    """`Kwarg`, `NotMock` or `Omitted` when the annotation as written is `Marker[T]`, else None."""
    written = stmt.unanalyzed_type
    if not isinstance(written, UnboundType):
        return None
    sym = api.lookup_qualified(written.name, stmt, suppress_errors=True)
    if sym is None or sym.node is None:
        return None
    return MARKERS.get(sym.node.fullname)


def analyze_marker(ctx: AnalyzeTypeContext) -> Type:
    """`Omitted[T]` (and, read from the implementation, `Kwarg[T]` and `NotMock[T]`) is `T`."""
    args = ctx.type.args
    name = ctx.type.name.rsplit(".", 1)[-1]
    if len(args) != 1:
        ctx.api.fail(f'"{name}" needs exactly one type argument: "{name}[T]"', ctx.context, code=VALID_TYPE)
        return AnyType(TypeOfAny.from_error)
    return ctx.api.analyze_type(args[0])


@contextmanager
def fields_in_body(ctx: ClassDefContext, target: Target, own: dict[str, AssignmentStmt]) -> Iterator[None]:
    """While the block runs, the class body declares every field, in the runtime's order: the parameter fields in
    the target's order, then the body's other fields in the body's order.

    A parameter the body annotates keeps the body's statement (its annotation wins); each other parameter that has
    a default gets an annotation statement of the parameter's type, bound to a field variable of the class.
    """
    info = ctx.cls.info
    body = ctx.cls.defs.body
    declared: list[Statement] = []
    made: list[Statement] = []
    for name in target.parameters:
        stmt = own.get(name)
        if stmt is None and name in target.fields:
            stmt = _annotation(info, name, target.fields[name], ctx.cls.line, ctx.cls.column)
            made.append(stmt)
        if stmt is not None:
            declared.append(stmt)
    ctx.cls.defs.body = declared + [s for s in body if s not in declared]
    try:
        yield
    finally:  # the written statements in their order, then what the transform added (its methods)
        added = [s for s in ctx.cls.defs.body if s not in body and s not in made]
        ctx.cls.defs.body = body + added


def _annotation(info: TypeInfo, name: str, typ: Type, line: int, column: int) -> AssignmentStmt:
    sym = info.names.get(name)
    if sym is not None and isinstance(sym.node, Var) and sym.plugin_generated:
        var = sym.node  # made by an earlier pass of this hook
    else:
        var = Var(name, typ)
        var.info = info
        var._fullname = f"{info.fullname}.{name}"
        var.is_ready = True
        info.names[name] = SymbolTableNode(MDEF, var, plugin_generated=True)
    var.type = typ
    lvalue = NameExpr(name)
    lvalue.node = var
    lvalue.kind = MDEF
    lvalue.fullname = var.fullname
    rvalue = TempNode(AnyType(TypeOfAny.special_form), no_rhs=True)
    stmt = AssignmentStmt([lvalue], rvalue, type=typ, new_syntax=True)
    for node in (lvalue, rvalue, stmt):
        node.line, node.column = line, column
    return stmt


def add_call_method(ctx: ClassDefContext, target: Target, held: set[str]) -> None:
    """`__call__` for `calls=`, `construct` and `constructable_type` for `mocks=`: the target's own signature,
    where the parameters in `held` (parameters without a default that the config holds and passes) are optional."""
    info = ctx.cls.info
    name = target.method
    signature = target.signature
    if signature is None:
        any_type = AnyType(TypeOfAny.special_form)
        signature = CallableType(
            [any_type, any_type],
            [ARG_STAR, ARG_STAR2],
            ["args", "kwargs"],
            any_type,
            ctx.api.named_type("builtins.function"),
        )
    self_type = fill_typevars(info)

    def bound(item: CallableType) -> CallableType:
        kinds = [
            (ARG_OPT if kind == ARG_POS else ARG_NAMED_OPT) if arg_name in held and kind.is_required() else kind
            for arg_name, kind in zip(item.arg_names, item.arg_kinds)
        ]
        return item.copy_modified(
            arg_types=[self_type, *item.arg_types],
            arg_kinds=[ARG_POS, *kinds],
            arg_names=["self", *item.arg_names],
            name=f"{name} of {info.name}",
            fallback=ctx.api.named_type("builtins.function"),
        )

    typed: FunctionLike
    if isinstance(signature, CallableType):
        typed = bound(signature)
    else:
        typed = Overloaded([bound(item) for item in signature.items])
    first = typed.items[0]
    arguments = [
        Argument(Var(arg_name or f"__p{index}", arg_type), arg_type, None, kind, pos_only=arg_name is None)
        for index, (arg_name, kind, arg_type) in enumerate(zip(first.arg_names, first.arg_kinds, first.arg_types))
    ]
    func = FuncDef(name, arguments, Block([PassStmt()]))
    func.info = info
    func.type = typed
    func._fullname = f"{info.fullname}.{name}"
    func.line, func.column = ctx.cls.line, ctx.cls.column
    info.names[name] = SymbolTableNode(MDEF, func, plugin_generated=True)
    if target.cls is not None:
        add_class_var(info, "constructable_type", TypeType(erased_instance(target.cls)))


def add_class_var(info: TypeInfo, name: str, typ: Type) -> None:
    var = Var(name, typ)
    var.info = info
    var.is_classvar = True
    var._fullname = f"{info.fullname}.{name}"
    info.names[name] = SymbolTableNode(MDEF, var, plugin_generated=True)


def erased_instance(info: TypeInfo) -> Instance:
    return Instance(info, [AnyType(TypeOfAny.special_form)] * len(info.defn.type_vars))
