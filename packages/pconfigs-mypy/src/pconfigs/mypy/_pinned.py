"""`Pinned[T]` fields and `@pproperty` methods, as mypy sees them.

`Pinned` is a runtime object, not a type, so without help mypy refuses `lr_schedule: Pinned[list[float]]`. The
type-analysis hook reads `Pinned[T]` as `T`: a derived field reads as its value type everywhere. Which fields
are derived is recorded later, by the class hook, from the annotation as written (`AssignmentStmt.unanalyzed_type`).

A `@pproperty` method is named like the field it computes, and mypy would report the method as a redefinition
of the field (`[no-redef]`) while analysing the class body. Before the body is analysed (in the MRO hook, the
last hook mypy calls before it) the method is renamed `<field>$pproperty`: a name no user code can spell, so the
field keeps its name and type, the method is still type-checked as a method of the class, and the class hook can
find it again to compare its return type with the field's type. (Not `@`: mypy never checks methods so named.)

The stub declares `Pinned` as a generic descriptor class (so that pyright accepts `Pinned[T]` as a type), which
makes the sentinel, written as a value (`lr_schedule=Pinned`), a class object to mypy. The runtime accepts the
sentinel for any field, so the signature hook of a build lets it through wherever it is passed.
"""

from __future__ import annotations

from mypy.errorcodes import VALID_TYPE
from mypy.nodes import CallExpr, Decorator, Expression, MemberExpr, NameExpr, PlaceholderNode, RefExpr
from mypy.plugin import AnalyzeTypeContext, ClassDefContext, FunctionSigContext, SemanticAnalyzerPluginInterface
from mypy.types import AnyType, CallableType, Type, TypeOfAny

from ._names import PINNED, PPROPERTY, PPROPERTY_SUFFIX

__all__ = ["accept_pinned_sentinel", "analyze_pinned", "dotted_name", "rename_pproperties", "resolves_to"]


def analyze_pinned(ctx: AnalyzeTypeContext) -> Type:
    """`Pinned[T]` is `T`."""
    args = ctx.type.args
    if len(args) != 1:
        ctx.api.fail('"Pinned" needs exactly one type argument: "Pinned[T]"', ctx.context, code=VALID_TYPE)
        return AnyType(TypeOfAny.from_error)
    return ctx.api.analyze_type(args[0])


def accept_pinned_sentinel(ctx: FunctionSigContext, sig: CallableType) -> CallableType:
    """`sig` with the parameters to which the call passes the `Pinned` sentinel typed `Any`."""
    if len(ctx.args) != len(sig.arg_types):
        return sig
    types = [
        AnyType(TypeOfAny.special_form)
        if any(isinstance(a, RefExpr) and a.fullname in PINNED for a in actuals)
        else typ
        for typ, actuals in zip(sig.arg_types, ctx.args)
    ]
    return sig if types == sig.arg_types else sig.copy_modified(arg_types=types)


def rename_pproperties(ctx: ClassDefContext) -> None:
    """Rename each `@pproperty` method of the class body before mypy analyses the body."""
    for stmt in ctx.cls.defs.body:
        if not isinstance(stmt, Decorator) or stmt.func.name.endswith(PPROPERTY_SUFFIX):
            continue
        if any(is_pproperty(d, ctx.api) for d in stmt.original_decorators):
            new_name = stmt.func.name + PPROPERTY_SUFFIX
            stmt.func._name = new_name
            stmt.var._name = new_name


def is_pproperty(expr: Expression, api: SemanticAnalyzerPluginInterface) -> bool:
    """Whether a decorator is `pproperty` or `pproperty(...)`, resolved in the enclosing scope."""
    if isinstance(expr, CallExpr):
        expr = expr.callee
    return resolves_to(expr, api, PPROPERTY, "pproperty")


def resolves_to(expr: Expression, api: SemanticAnalyzerPluginInterface, fullnames: frozenset[str], short: str) -> bool:
    """Whether a name, possibly not analysed yet, refers to one of `fullnames`."""
    if isinstance(expr, (NameExpr, MemberExpr)) and expr.fullname:  # already analysed (a later pass)
        return expr.fullname in fullnames
    name = dotted_name(expr)
    if name is None:
        return False
    sym = api.lookup_qualified(name, expr, suppress_errors=True)
    if sym is None or sym.node is None or isinstance(sym.node, PlaceholderNode):
        # Not resolvable yet (an import cycle); the name as written decides.
        return name.rsplit(".", 1)[-1] == short
    return sym.node.fullname in fullnames


def dotted_name(expr: Expression) -> str | None:
    if isinstance(expr, NameExpr):
        return expr.name
    if isinstance(expr, MemberExpr):
        head = dotted_name(expr.expr)
        return None if head is None else f"{head}.{expr.name}"
    return None
