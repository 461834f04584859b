"""`psetter` recorders typed like their config.

The stub declares `psetter(*, type: type[C], inputs: C | None) -> Setter[C]` and a `Setter` whose `__setattr__`
takes any name and value, so mypy would solve `C` from both arguments (`Setter[object]` for inputs of another
class) and accept any assignment. For `psetter(type=Cls, ...)` with a config class, the signature hook fixes `C`
to `Cls` (so `inputs=` must be a `Cls`, or a subclass, or None, as at runtime) and returns a recorder type made for
the call: a subclass of `Setter[Cls]` with one attribute per field, typed like the field (`Pin[T]` for a derived
field, any value for a sub-config, which may also be set through a nested recorder). Its `__setattr__` is
`object`'s, so an assignment to a name that is no field is mypy's `[attr-defined]` error with a "maybe", and a
value of the wrong type its `[assignment]` error.

The recorder type is built in the checker and stored nowhere; it carries the full name of the stub's `Setter`, so
a recorder kept in a module-level variable and read from mypy's cache is the stub's plain `Setter[Cls]`: the
checks are lost there, never turned into false errors.
"""

from __future__ import annotations

from mypy.nodes import MDEF, Block, ClassDef, FuncDef, SymbolTable, SymbolTableNode, TypeInfo, Var
from mypy.plugin import FunctionSigContext
from mypy.types import (
    AnyType,
    CallableType,
    FunctionLike,
    Instance,
    NoneType,
    TypeOfAny,
    TypeType,
    UnionType,
    get_proper_type,
)

from ._calls import config_info
from ._names import METADATA

__all__ = ["setter_signature"]


def setter_signature(ctx: FunctionSigContext) -> FunctionLike:
    sig = ctx.default_signature
    if "type" not in sig.arg_names:
        return sig
    index = sig.arg_names.index("type")
    if not ctx.args[index]:
        return sig
    cls_type = get_proper_type(ctx.api.get_expression_type(ctx.args[index][0]))
    info = None
    if isinstance(cls_type, FunctionLike) and cls_type.is_type_obj():
        info = cls_type.type_object()
    elif isinstance(cls_type, TypeType) and isinstance(cls_type.item, Instance):
        info = cls_type.item.type
    if info is None or METADATA not in info.metadata:
        return sig
    returned = get_proper_type(sig.ret_type)
    if not isinstance(returned, Instance):
        return sig
    config = Instance(info, [AnyType(TypeOfAny.special_form)] * len(info.defn.type_vars))
    types = list(sig.arg_types)
    types[index] = TypeType(config)
    if "inputs" in sig.arg_names:
        types[sig.arg_names.index("inputs")] = UnionType([config, NoneType()])
    return sig.copy_modified(arg_types=types, ret_type=_recorder(returned.type, config), variables=[])


def _recorder(setter: TypeInfo, config: Instance) -> Instance:
    info = config.type
    meta = info.metadata[METADATA]
    defn = ClassDef(setter.name, Block([]))
    recorder = TypeInfo(SymbolTable(), defn, setter.module_name)
    defn.info = recorder
    recorder._fullname = setter.fullname
    base = Instance(setter, [config])
    recorder.bases = [base]
    recorder.mro = [recorder, *setter.mro]
    recorder.defn.type_vars = setter.defn.type_vars
    recorder.type_vars = setter.type_vars
    init = info.get("__init__")
    sig = init.node.type if init is not None and isinstance(init.node, FuncDef) else None
    declared = dict(zip(sig.arg_names, sig.arg_types)) if isinstance(sig, CallableType) else {}
    for name in meta["fields"]:
        typ = declared.get(name, AnyType(TypeOfAny.special_form))  # `Pin[T]` for a derived field
        if config_info(typ) is not None:
            typ = AnyType(TypeOfAny.special_form)  # a config, or assignments through the nested recorder
        var = Var(name, typ)
        var.info = recorder
        var._fullname = f"{recorder.fullname}.{name}"
        var.is_ready = True
        recorder.names[name] = SymbolTableNode(MDEF, var)
    obj = setter.mro[-1]
    setattr_sym = obj.names.get("__setattr__")
    if setattr_sym is not None:  # object's: assignments to other names are errors
        recorder.names["__setattr__"] = setattr_sym
    return Instance(recorder, [config])
