"""`@penum` classes are enums.

At runtime `@penum` turns a class body of `name = value` lines into an `enum.Enum` (keeping other bases as
mix-ins). mypy decides whether a class is an enum from its bases, before it analyses the body, so the plugin adds
`enum.Enum` to the bases of a `@penum` class in the MRO hook, the last hook before the body; mypy then gives the
class its enum metaclass and its members their literal types, exactly as for `class Activation(enum.Enum)`.
The class hook adds `make(value) -> Cls`.
"""

from __future__ import annotations

from mypy.mro import MroError, calculate_mro
from mypy.nodes import ARG_POS, Argument, CallExpr, Expression, Var
from mypy.plugin import ClassDefContext, SemanticAnalyzerPluginInterface
from mypy.plugins.common import add_method_to_class
from mypy.types import AnyType, TypeOfAny
from mypy.typevars import fill_typevars

from ._names import PENUM
from ._pinned import resolves_to

__all__ = ["add_make", "make_enum_bases"]


def is_penum(ctx: ClassDefContext) -> bool:
    return any(_refers(d, ctx.api) for d in ctx.cls.decorators)


def _refers(expr: Expression, api: SemanticAnalyzerPluginInterface) -> bool:
    if isinstance(expr, CallExpr):
        expr = expr.callee
    return resolves_to(expr, api, PENUM, "penum")


def make_enum_bases(ctx: ClassDefContext) -> None:
    """MRO hook: give a `@penum` class `enum.Enum` as its last base."""
    info = ctx.cls.info
    if not ctx.cls.decorators or info.has_base("enum.Enum") or not is_penum(ctx):
        return
    enum_type = ctx.api.named_type_or_none("enum.Enum")
    if enum_type is None:
        return
    info.bases = [b for b in info.bases if b.type.fullname != "builtins.object"] + [enum_type]
    info.mro = []  # calculate_mro keeps an MRO already computed
    try:
        calculate_mro(info)
    except MroError:
        ctx.api.fail(f'Cannot make "{info.name}" an enum: its bases have no consistent order', ctx.cls)


def add_make(ctx: ClassDefContext) -> bool:
    """`Cls.make(value)` is `Cls(value)`."""
    any_type = AnyType(TypeOfAny.explicit)
    argument = Argument(Var("value", any_type), any_type, None, ARG_POS)
    add_method_to_class(ctx.api, ctx.cls, "make", [argument], fill_typevars(ctx.cls.info), is_classmethod=True)
    return True
